/*
 * format_junit.c: JUnit XML for GitLab, Azure DevOps and Jenkins, valid
 * against the Ant JUnit schema as extended for GitLab (file and line on
 * each testcase).
 *
 * A test suite per rule, every rule in table order: a failing test case
 * per finding at or above the fail level (--fail-on), a passing one per
 * finding below it (listed in the suite's system-out, since the schema
 * gives test cases none), a skipped one per waived or baselined finding,
 * a single passing "no findings" case for a rule that found nothing.  Then a suite
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
#include "xmlout.h"
#include "xalloc.h"

static void
suite_open(struct buf *b, const char *name, const char *package, size_t id,
    const char *ts, size_t tests, size_t failures, size_t errors,
    size_t skipped)
{
	buf_adds(b, "  <testsuite");
	xml_attr(b, "name", name);
	xml_attr(b, "package", package);
	buf_printf(b, " id=\"%zu\"", id);
	xml_attr(b, "timestamp", ts);
	buf_printf(b, " hostname=\"localhost\" tests=\"%zu\" failures=\"%zu\""
	    " errors=\"%zu\" skipped=\"%zu\" time=\"0\">\n", tests, failures,
	    errors, skipped);
}

static void
property(struct buf *b, const char *name, const char *value)
{
	buf_adds(b, "      <property");
	xml_attr(b, "name", name);
	xml_attr(b, "value", value != NULL ? value : "");
	buf_adds(b, "/>\n");
}

/* <testcase classname=... name=... [file=... [line=...]] time="0"> */
static void
case_open(struct buf *b, const char *classname, const char *name,
    const char *file, unsigned line)
{
	buf_adds(b, "    <testcase");
	xml_attr(b, "classname", classname);
	xml_attr(b, "name", name);
	if (file != NULL && *file != '\0') {
		xml_attr(b, "file", file);
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

/* Does finding f fail its test case? */
static int
failing(const struct finding *f, int fail_on)
{
	return !f->waived && !f->baselined && fail_on >= 0 &&
	    (int)f->severity >= fail_on;
}

static void
finding_case(struct buf *b, const struct finding *f, const char *classname,
    int fail_on)
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
				xml_attr(b, "message", name);
				free(name);
			} else
				xml_attr(b, "message", "waived");
		} else
			xml_attr(b, "message", "in baseline");
		buf_adds(b, "/>\n    </testcase>\n");
		return;
	}
	if (!failing(f, fail_on)) {
		buf_adds(b, "/>\n");
		return;
	}
	buf_adds(b, ">\n      <failure");
	xml_attr(b, "type", severity_name(f->severity));
	xml_attr(b, "message", f->message != NULL ? f->message : "");
	if (f->path == NULL && f->fix == NULL)
		buf_adds(b, "/>\n");
	else {
		buf_addc(b, '>');
		failure_body(b, f);
		buf_adds(b, "</failure>\n");
	}
	buf_adds(b, "    </testcase>\n");
}

/* "file:line: severity: message [ID]" of a passing finding. */
static void
passing_line(struct buf *b, const struct finding *f)
{
	if (f->loc.file != NULL) {
		xml_escape(b, f->loc.file, 0);
		if (f->loc.line > 0)
			buf_printf(b, ":%u", f->loc.line);
		buf_adds(b, ": ");
	}
	buf_printf(b, "%s: ", severity_name(f->severity));
	xml_escape(b, f->message != NULL ? f->message : "", 0);
	buf_printf(b, " [%s]\n", f->rule->id);
}

static void
rule_suite(struct buf *b, const struct findings *fs, size_t ri,
    const char *ts, int fail_on)
{
	const struct lint_rule	*r = fs->rules->v[ri];
	const struct finding	*f;
	size_t			 i, tests = 0, failures = 0, skipped = 0;
	size_t			 passed = 0;
	char			*s;

	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (f->rule != r)
			continue;
		tests++;
		if (f->waived || f->baselined)
			skipped++;
		else if (failing(f, fail_on))
			failures++;
		else
			passed++;
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
			finding_case(b, fs->v[i], s, fail_on);
	if (tests == 0) {
		case_open(b, s, "no findings", NULL, 0);
		buf_adds(b, "/>\n");
	}
	free(s);
	if (passed == 0)
		buf_adds(b, "    <system-out/>\n");
	else {
		buf_adds(b, "    <system-out>");
		for (i = 0; i < fs->n; i++)
			if (fs->v[i]->rule == r && !fs->v[i]->waived &&
			    !fs->v[i]->baselined && !failing(fs->v[i], fail_on))
				passing_line(b, fs->v[i]);
		buf_adds(b, "</system-out>\n");
	}
	buf_adds(b, "    <system-err/>\n  </testsuite>\n");
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
		xml_attr(b, "message", g->msg != NULL ? g->msg : "");
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
		rule_suite(&b, fs, i, ts, fc->fail_on);
	input_suite(&b, fc->diags, fs->rules->n, ts);
	buf_adds(&b, "</testsuites>\n");
	free(ts);
	return buf_steal(&b);
}
