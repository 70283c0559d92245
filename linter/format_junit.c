/*
 * format_junit.c: JUnit XML for GitLab, Azure DevOps and Jenkins, valid
 * against the Ant JUnit schema as extended for GitLab (file and line on
 * each testcase).
 *
 * A test suite per rule, every rule in table order: a failing test case
 * per finding, a skipped one per waived or baselined finding, a single
 * passing "no findings" case for a rule that found nothing.  Then a suite
 * "input": an errored test case per input error (warnings and notes go
 * to its system-out), or a passing "no input errors".  Test case names
 * are the finding's object and a fingerprint prefix, so they are unique
 * within a suite (GitLab keeps only the first of equal names) and stable
 * when lines move (so dashboards can follow a finding across runs).
 *
 * The schema admits no attributes on <testsuites> and requires package,
 * id, timestamp, hostname and time on every suite, and <properties>,
 * <system-out> and <system-err> in it.  To stay deterministic the
 * timestamp is the --as-of date at midnight, the host "localhost" (as
 * the schema suggests when unknown), every time "0".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lint.h"
#include "xalloc.h"

#define REPLACEMENT	"\xef\xbf\xbd"		/* U+FFFD */

/*
 * The code point of the UTF-8 sequence at p and its length in *len, or
 * -1 (length 1) for a byte that starts no valid sequence.
 */
static long
utf8_decode(const unsigned char *p, size_t *len)
{
	long	c;
	size_t	n, i;

	*len = 1;
	if (p[0] < 0x80)
		return p[0];
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return -1;
	c = p[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return -1;
	*len = n;
	return c;
}

/*
 * XML 1.0 character data.  What XML cannot carry (control characters
 * other than tab, newline and carriage return, U+FFFE, U+FFFF, bytes
 * that are not UTF-8) becomes U+FFFD.  In an attribute, tab, newline
 * and carriage return are character references so that they survive
 * attribute value normalization; in content, carriage return is.
 */
static void
xml_escape(struct buf *b, const char *s, int attr)
{
	const unsigned char	*p;
	size_t			 n;
	long			 c;

	for (p = (const unsigned char *)s; p != NULL && *p != '\0'; p += n) {
		c = utf8_decode(p, &n);
		switch (c) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, attr ? "&quot;" : "\"");
			break;
		case '\t':
			buf_adds(b, attr ? "&#9;" : "\t");
			break;
		case '\n':
			buf_adds(b, attr ? "&#10;" : "\n");
			break;
		case '\r':
			buf_adds(b, "&#13;");
			break;
		default:
			if (c < 0x20 || c == 0xfffe || c == 0xffff)
				buf_adds(b, REPLACEMENT);
			else
				buf_add(b, p, n);
			break;
		}
	}
}

/* name="value" with a leading space. */
static void
attr(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, " %s=\"", name);
	xml_escape(b, value, 1);
	buf_addc(b, '"');
}

static void
suite_open(struct buf *b, const char *name, const char *package, size_t id,
    const char *ts, size_t tests, size_t failures, size_t errors,
    size_t skipped)
{
	buf_adds(b, "  <testsuite");
	attr(b, "name", name);
	attr(b, "package", package);
	buf_printf(b, " id=\"%zu\"", id);
	attr(b, "timestamp", ts);
	buf_printf(b, " hostname=\"localhost\" tests=\"%zu\" failures=\"%zu\""
	    " errors=\"%zu\" skipped=\"%zu\" time=\"0\">\n", tests, failures,
	    errors, skipped);
}

static void
property(struct buf *b, const char *name, const char *value)
{
	buf_adds(b, "      <property");
	attr(b, "name", name);
	attr(b, "value", value != NULL ? value : "");
	buf_adds(b, "/>\n");
}

/* <testcase classname=... name=... [file=... [line=...]] time="0"> */
static void
case_open(struct buf *b, const char *classname, const char *name,
    const char *file, unsigned line)
{
	buf_adds(b, "    <testcase");
	attr(b, "classname", classname);
	attr(b, "name", name);
	if (file != NULL && *file != '\0') {
		attr(b, "file", file);
		if (line > 0)
			buf_printf(b, " line=\"%u\"", line);
	}
	buf_adds(b, " time=\"0\"");
}

/* The body of a failure: the evidence path and the fix, as text shows. */
static void
failure_body(struct buf *b, const struct finding *f)
{
	const char	*p, *nl;
	char		*line;

	if (f->path != NULL) {
		buf_adds(b, "path: ");
		xml_escape(b, f->path, 0);
		buf_addc(b, '\n');
	}
	for (p = f->fix; p != NULL && *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		line = xstrndup(p, (size_t)(nl - p));
		buf_adds(b, p == f->fix ? "fix:  " : "      ");
		xml_escape(b, line, 0);
		buf_addc(b, '\n');
		free(line);
		if (*nl == '\n')
			nl++;
	}
}

/* The test case name of a finding: unique in its suite, stable. */
static char *
case_name(const struct finding *f)
{
	const char	*what;

	what = f->logical != NULL ? f->logical : f->object != NULL ?
	    f->object : f->message != NULL ? f->message : f->rule->name;
	if (f->fingerprint == NULL)
		return xstrdup(what);
	return xasprintf("%s [%.8s]", what, f->fingerprint);
}

static void
finding_case(struct buf *b, const struct finding *f, const char *classname)
{
	char	*name;

	name = case_name(f);
	case_open(b, classname, name, f->loc.file, f->loc.line);
	free(name);
	if (f->waived || f->baselined) {
		buf_adds(b, ">\n      <skipped");
		if (f->waived) {
			if (f->waiver_reason != NULL) {
				name = xasprintf("waived: %s",
				    f->waiver_reason);
				attr(b, "message", name);
				free(name);
			} else
				attr(b, "message", "waived");
		} else
			attr(b, "message", "in baseline");
		buf_adds(b, "/>\n    </testcase>\n");
		return;
	}
	buf_adds(b, ">\n      <failure");
	attr(b, "type", severity_name(f->severity));
	attr(b, "message", f->message != NULL ? f->message : "");
	if (f->path == NULL && f->fix == NULL)
		buf_adds(b, "/>\n");
	else {
		buf_addc(b, '>');
		failure_body(b, f);
		buf_adds(b, "</failure>\n");
	}
	buf_adds(b, "    </testcase>\n");
}

static void
rule_suite(struct buf *b, const struct findings *fs, size_t ri,
    const char *ts)
{
	const struct lint_rule	*r = fs->rules->v[ri];
	const struct finding	*f;
	size_t			 i, tests = 0, failures = 0, skipped = 0;
	char			*s;

	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (f->rule != r)
			continue;
		tests++;
		if (f->waived || f->baselined)
			skipped++;
		else
			failures++;
	}
	s = xasprintf("%s %s", r->id, r->name);
	suite_open(b, s, r->source != NULL ? r->source->name : "hybridlint",
	    ri, ts, tests > 0 ? tests : 1, failures, 0, skipped);
	free(s);
	buf_adds(b, "    <properties>\n");
	property(b, "severity", severity_name(r->severity));
	property(b, "summary", r->summary);
	if (r->source != NULL) {
		property(b, "pack", r->source->name);
		property(b, "pack-version", r->source->version);
	}
	buf_adds(b, "    </properties>\n");
	s = xasprintf("%s.%s", r->source != NULL ? r->source->name :
	    "hybridlint", r->id);
	for (i = 0; i < fs->n; i++)
		if (fs->v[i]->rule == r)
			finding_case(b, fs->v[i], s);
	if (tests == 0) {
		case_open(b, s, "no findings", NULL, 0);
		buf_adds(b, "/>\n");
	}
	free(s);
	buf_adds(b, "    <system-out/>\n    <system-err/>\n  </testsuite>\n");
}

/* file:line:col: level: message, as diag_print() writes it. */
static char *
diag_line(const struct diag *g)
{
	char	pos[32] = "";

	if (g->line > 0 && g->col > 0)
		snprintf(pos, sizeof(pos), ":%u:%u", g->line, g->col);
	else if (g->line > 0)
		snprintf(pos, sizeof(pos), ":%u", g->line);
	return xasprintf("%s%s: %s: %s", g->file != NULL ? g->file : "",
	    pos, severity_name(g->level), g->msg != NULL ? g->msg : "");
}

static void
input_suite(struct buf *b, const struct diags *d, size_t id, const char *ts)
{
	const struct diag	*g;
	size_t			 i, nerr = 0, nother = 0;
	char			*s;

	for (i = 0; d != NULL && i < d->n; i++) {
		if (d->v[i].level == SEV_ERROR)
			nerr++;
		else
			nother++;
	}
	suite_open(b, "input", "hybridlint", id, ts, nerr > 0 ? nerr : 1, 0, nerr, 0);
	buf_adds(b, "    <properties/>\n");
	for (i = 0; d != NULL && i < d->n; i++) {
		g = &d->v[i];
		if (g->level != SEV_ERROR)
			continue;
		s = diag_line(g);
		case_open(b, "hybridlint.input", s, g->file, g->line);
		free(s);
		buf_adds(b, ">\n      <error type=\"error\"");
		attr(b, "message", g->msg != NULL ? g->msg : "");
		buf_adds(b, "/>\n    </testcase>\n");
	}
	if (nerr == 0) {
		case_open(b, "hybridlint.input", "no input errors", NULL, 0);
		buf_adds(b, "/>\n");
	}
	if (nother == 0)
		buf_adds(b, "    <system-out/>\n");
	else {
		buf_adds(b, "    <system-out>");
		for (i = 0; i < d->n; i++) {
			if (d->v[i].level == SEV_ERROR)
				continue;
			s = diag_line(&d->v[i]);
			xml_escape(b, s, 0);
			buf_addc(b, '\n');
			free(s);
		}
		buf_adds(b, "</system-out>\n");
	}
	buf_adds(b, "    <system-err/>\n  </testsuite>\n");
}

char *
format_junit(const struct findings *fs, const struct format_ctx *fc)
{
	struct buf	 b = { 0 };
	char		*ts;
	size_t		 i;

	ts = xasprintf("%.10sT00:00:00", fc->asof != NULL &&
	    strlen(fc->asof) == 10 ? fc->asof : "1970-01-01");
	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites>\n");
	for (i = 0; i < fs->rules->n; i++)
		rule_suite(&b, fs, i, ts);
	input_suite(&b, fc->diags, fs->rules->n, ts);
	buf_adds(&b, "</testsuites>\n");
	free(ts);
	return buf_steal(&b);
}
