/*
 * check_formats.c: the machine output formats on hostile findings.
 *
 * Findings and diagnostics are made up here, with everything a renderer
 * can trip on: markup and quotes, control characters, carriage returns,
 * bytes that are not UTF-8, '%', ':' and ',' in file names, findings
 * without a file, a line or a logical location, waived and baselined
 * findings.  Each format must still be well formed (JSON that parses,
 * XML that parses and, where ../shared is present, validates against
 * the GitLab JUnit schema, one workflow command a line), deterministic,
 * and say what the findings say.
 */
#include <check.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "format.h"
#include "lint.h"
#include "xalloc.h"

#define NASTY	"<b>&amp;\"quoted\" 'single' \x01\x1b bell\x07 " \
		"cr\r lf\n tab\t bad\xff\xc3 100% a:b,c \xef\xbf\xbe end"

static struct ruleset	rules;		/* the built-in rules */

struct fixture {
	struct findings	*fs;
	struct diags	 diags;
	struct format_ctx fc;
	char		 cwd[PATH_MAX];
	char		*inside;	/* an absolute path below the cwd */
};

static struct finding *
add(struct findings *fs, size_t rule, const char *file, unsigned line,
    const char *msg)
{
	struct finding	*f;

	f = findings_add(fs);
	f->rule = rules.v[rule];
	f->severity = rules.v[rule]->severity;
	f->message = arena_strdup(fs->arena, msg);
	f->loc.file = file != NULL ? arena_strdup(fs->arena, file) : NULL;
	f->loc.line = line;
	f->kind = "InboundConnector";
	f->object = arena_strdup(fs->arena, file != NULL ? file : "none");
	f->org = "org1";
	f->key = arena_strdup(fs->arena, msg);
	return f;
}

static void
setup(struct fixture *x, int nasty)
{
	struct finding	*f;

	memset(x, 0, sizeof(*x));
	ck_assert_ptr_nonnull(getcwd(x->cwd, sizeof(x->cwd)));
	x->inside = xasprintf("%s/sub dir/in.json", x->cwd);
	x->fs = findings_new(&rules);
	x->fc.version = "0.1.0";
	x->fc.asof = "2026-11-28";
	x->fc.diags = &x->diags;
	if (!nasty)
		return;
	f = add(x->fs, 0, "dir/a b,c:d%.json", 14, "plain message");
	f->loc.pointer = "/0/TlsSenderCertificateName";
	f->logical = "InboundConnector[\"a\"].TlsSenderCertificateName";
	f->path = "org1 -> SendConnector 'x' -> tenant";
	f->fix = "Set-InboundConnector -Identity 'a'\n# second line";
	f = add(x->fs, 0, "./dot/x.json", 3, NASTY);
	f->path = NASTY;
	f->fix = NASTY;
	f->logical = NASTY;
	add(x->fs, 1, NULL, 0, "no file at all");
	add(x->fs, 1, "/nonexistent-hl/abs.xml", 0, "absolute, outside");
	add(x->fs, 2, x->inside, 7, "absolute, inside");
	f = add(x->fs, 2, "w.json", 1, "waived without reason");
	f->waived = 1;
	f = add(x->fs, 2, "w.json", 2, "waived with reason");
	f->waived = 1;
	f->waiver_reason = NASTY;
	f = add(x->fs, 3, "b.json", 9, "baselined");
	f->baselined = 1;
	findings_finish(x->fs);
	diag_add(&x->diags, SEV_ERROR, "bad,file:%.xml", 1, 68, "%s", NASTY);
	diag_add(&x->diags, SEV_WARNING, "w.xml", 0, 0, "a warning");
	diag_add(&x->diags, SEV_NOTE, "n.xml", 2, 0, "a note");
}

static void
teardown(struct fixture *x)
{
	findings_free(x->fs);
	diag_free(&x->diags);
	free(x->inside);
}

/* Render twice: the same bytes. */
static char *
render(char *(*fn)(const struct findings *, const struct format_ctx *),
    const struct fixture *x)
{
	char	*a, *b;

	a = fn(x->fs, &x->fc);
	b = fn(x->fs, &x->fc);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(a, b);
	free(b);
	return a;
}

static json_t *
parse_json(const char *s)
{
	json_error_t	 err;
	json_t		*j;
	size_t		 n = strlen(s);

	ck_assert_msg(n > 0 && s[n - 1] == '\n', "no final newline");
	j = json_loads(s, 0, &err);
	ck_assert_msg(j != NULL, "invalid JSON: %s at %d:%d", err.text,
	    err.line, err.column);
	return j;
}

static json_t *
finding_by_message(json_t *arr, const char *key, const char *msg)
{
	json_t	*o, *m;
	size_t	 i;

	json_array_foreach(arr, i, o) {
		m = json_object_get(o, key);
		if (json_is_object(m))
			m = json_object_get(m, "text");
		if (json_is_string(m) && strcmp(json_string_value(m), msg) == 0)
			return o;
	}
	ck_abort_msg("no finding with message '%s'", msg);
	return NULL;
}

START_TEST(test_json)
{
	struct fixture	 x;
	json_t		*j, *a, *o;
	char		*s;
	const char	*m;
	size_t		 i;

	setup(&x, 1);
	s = render(format_json, &x);
	j = parse_json(s);
	ck_assert_str_eq(json_string_value(json_object_get(j, "schema")),
	    "hybridlint-findings/1");
	ck_assert_str_eq(json_string_value(json_object_get(j, "as_of")),
	    "2026-11-28");
	o = json_object_get(j, "summary");
	ck_assert_int_eq(json_integer_value(json_object_get(o, "waived")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(o, "baselined")),
	    1);
	a = json_object_get(j, "findings");
	ck_assert_int_eq(json_array_size(a), 8);
	/* The bad bytes are U+FFFD; the rest survives. */
	m = NULL;
	json_array_foreach(a, i, o) {
		if (strstr(json_string_value(json_object_get(o, "message")),
		    "bell") != NULL)
			m = json_string_value(json_object_get(o, "message"));
	}
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(strstr(m, "bad\xef\xbf\xbd\xef\xbf\xbd 100%"));
	ck_assert_ptr_nonnull(strstr(m, "cr\r lf\n"));
	o = finding_by_message(a, "message", "no file at all");
	ck_assert(json_is_null(json_object_get(json_object_get(o,
	    "location"), "file")));
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(o,
	    "location"), "line")), 0);
	ck_assert(json_is_null(json_object_get(o, "fix")));
	ck_assert_ptr_null(json_object_get(json_object_get(o, "location"),
	    "logical"));
	o = finding_by_message(a, "message", "waived without reason");
	ck_assert(json_is_true(json_object_get(o, "waived")));
	ck_assert_ptr_null(json_object_get(o, "waiver_reason"));
	o = finding_by_message(a, "message", "waived with reason");
	ck_assert(json_is_string(json_object_get(o, "waiver_reason")));
	a = json_object_get(j, "diagnostics");
	ck_assert_int_eq(json_array_size(a), 3);
	o = json_array_get(a, 1);
	ck_assert_ptr_null(json_object_get(o, "line"));
	ck_assert_ptr_null(json_object_get(o, "column"));
	ck_assert_str_eq(json_string_value(json_object_get(o, "level")),
	    "warning");
	json_decref(j);
	free(s);
	teardown(&x);
}
END_TEST

static const char *
uri_of(json_t *result, const char **base)
{
	json_t	*al;

	al = json_object_get(json_object_get(json_array_get(
	    json_object_get(result, "locations"), 0), "physicalLocation"),
	    "artifactLocation");
	if (al == NULL)
		return NULL;
	*base = json_string_value(json_object_get(al, "uriBaseId"));
	return json_string_value(json_object_get(al, "uri"));
}

START_TEST(test_sarif)
{
	struct fixture	 x;
	json_t		*j, *run, *jrules, *res, *o, *t;
	const char	*u, *base;
	size_t		 i;
	char		*s;

	setup(&x, 1);
	s = render(format_sarif, &x);
	j = parse_json(s);
	ck_assert_str_eq(json_string_value(json_object_get(j, "version")),
	    "2.1.0");
	run = json_array_get(json_object_get(j, "runs"), 0);
	jrules = json_object_get(json_object_get(json_object_get(run, "tool"),
	    "driver"), "rules");
	ck_assert_uint_eq(json_array_size(jrules), rules.n);
	json_array_foreach(jrules, i, o) {
		ck_assert_str_eq(json_string_value(json_object_get(o, "id")),
		    rules.v[i]->id);
		ck_assert(json_is_string(json_object_get(json_object_get(o,
		    "help"), "markdown")));
		t = json_object_get(json_object_get(o, "properties"), "tags");
		ck_assert(t == NULL || json_array_size(t) > 0);
	}
	res = json_object_get(run, "results");
	ck_assert_int_eq(json_array_size(res), 8);
	/* A baseline was applied: every result has a baselineState. */
	json_array_foreach(res, i, o) {
		u = json_string_value(json_object_get(json_object_get(o,
		    "message"), "text"));
		ck_assert_str_eq(json_string_value(json_object_get(o,
		    "baselineState")), strcmp(u, "baselined") == 0 ?
		    "unchanged" : "new");
	}
	/* URIs: relative and escaped, made relative, or file://. */
	u = uri_of(finding_by_message(res, "message", "plain message"), &base);
	ck_assert_str_eq(u, "dir/a%20b%2Cc%3Ad%25.json");
	ck_assert_str_eq(base, "SRCROOT");
	o = finding_by_message(res, "message", "absolute, inside");
	u = uri_of(o, &base);
	ck_assert_str_eq(u, "sub%20dir/in.json");
	ck_assert_str_eq(base, "SRCROOT");
	o = finding_by_message(res, "message", "absolute, outside");
	u = uri_of(o, &base);
	ck_assert_str_eq(u, "file:///nonexistent-hl/abs.xml");
	ck_assert_ptr_null(base);
	ck_assert_ptr_null(json_object_get(json_object_get(json_array_get(
	    json_object_get(o, "locations"), 0), "physicalLocation"),
	    "region"));
	o = finding_by_message(res, "message", "no file at all");
	ck_assert_ptr_null(json_object_get(o, "locations"));
	json_array_foreach(res, i, o) {
		u = uri_of(o, &base);
		if (u != NULL && strncmp(u, "dot", 3) == 0)
			break;
	}
	ck_assert_ptr_nonnull(u);
	ck_assert_str_eq(u, "dot/x.json");
	/* Suppressions. */
	o = finding_by_message(res, "message", "waived without reason");
	t = json_array_get(json_object_get(o, "suppressions"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(t, "kind")),
	    "external");
	ck_assert_ptr_null(json_object_get(t, "justification"));
	o = finding_by_message(res, "message", "waived with reason");
	t = json_array_get(json_object_get(o, "suppressions"), 0);
	ck_assert(json_is_string(json_object_get(t, "justification")));
	/* The input error. */
	o = json_array_get(json_object_get(run, "invocations"), 0);
	ck_assert(json_is_false(json_object_get(o, "executionSuccessful")));
	ck_assert_int_eq(json_array_size(json_object_get(o,
	    "toolExecutionNotifications")), 3);
	/* The working directory only as SRCROOT's URI. */
	u = json_string_value(json_object_get(json_object_get(json_object_get(
	    run, "originalUriBaseIds"), "SRCROOT"), "uri"));
	ck_assert_ptr_nonnull(u);
	ck_assert(strncmp(u, "file://", 7) == 0);
	ck_assert(strncmp(u + 7, x.cwd, strlen(x.cwd)) == 0);
	ck_assert_str_eq(u + 7 + strlen(x.cwd), "/");
	ck_assert_ptr_eq(strstr(s, x.cwd), strstr(s, u + 7));
	ck_assert_ptr_null(strstr(strstr(s, x.cwd) + 1, x.cwd));
	json_decref(j);
	free(s);
	teardown(&x);
}
END_TEST

START_TEST(test_sarif_no_baseline)
{
	struct fixture	 x;
	json_t		*j;
	char		*s;

	setup(&x, 0);
	add(x.fs, 0, "a.json", 1, "one");
	findings_finish(x.fs);
	s = render(format_sarif, &x);
	j = parse_json(s);
	ck_assert_ptr_null(strstr(s, "baselineState"));
	ck_assert_ptr_null(strstr(s, "toolExecutionNotifications"));
	ck_assert_ptr_nonnull(strstr(s, "\"executionSuccessful\": true"));
	json_decref(j);
	free(s);
	teardown(&x);
}
END_TEST

/* The JUnit-gitlab.xsd of ../shared, or NULL. */
static char *
junit_xsd(void)
{
	const char	*shared = getenv("HL_SHARED");
	const char	*top = getenv("top_srcdir");
	char		*p;

	if (shared != NULL && *shared != '\0')
		p = xasprintf("%s/schemas/JUnit-gitlab.xsd", shared);
	else
		p = xasprintf("%s/../shared/schemas/JUnit-gitlab.xsd",
		    top != NULL ? top : ".");
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return NULL;
}

static void
junit_valid(const char *s)
{
	xmlSchemaParserCtxtPtr	 pc;
	xmlSchemaValidCtxtPtr	 vc;
	xmlSchemaPtr		 schema;
	xmlDocPtr		 doc;
	char			*xsd;
	int			 rc;

	doc = xmlReadMemory(s, (int)strlen(s), "junit.xml", NULL,
	    XML_PARSE_NONET);
	ck_assert_msg(doc != NULL, "JUnit output is not well-formed XML");
	if ((xsd = junit_xsd()) != NULL) {
		pc = xmlSchemaNewParserCtxt(xsd);
		schema = xmlSchemaParse(pc);
		ck_assert_ptr_nonnull(schema);
		vc = xmlSchemaNewValidCtxt(schema);
		rc = xmlSchemaValidateDoc(vc, doc);
		xmlSchemaFreeValidCtxt(vc);
		xmlSchemaFree(schema);
		xmlSchemaFreeParserCtxt(pc);
		free(xsd);
		ck_assert_msg(rc == 0, "JUnit output invalid (%d)", rc);
	}
	xmlFreeDoc(doc);
}

static size_t
count(const char *s, const char *what)
{
	size_t	n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

START_TEST(test_junit)
{
	struct fixture	 x;
	char		*s;

	setup(&x, 1);
	s = render(format_junit, &x);
	junit_valid(s);
	ck_assert_uint_eq(count(s, "<testsuite "), rules.n + 1);
	ck_assert_uint_eq(count(s, "<failure "), 5);
	ck_assert_uint_eq(count(s, "<skipped "), 3);
	ck_assert_uint_eq(count(s, "<error "), 1);
	ck_assert_ptr_nonnull(strstr(s, "timestamp=\"2026-11-28T00:00:00\""));
	ck_assert_ptr_nonnull(strstr(s, "&lt;b&gt;&amp;amp;&quot;quoted"));
	ck_assert_ptr_nonnull(strstr(s, "cr&#13; lf&#10; tab&#9; bad"));
	ck_assert_ptr_nonnull(strstr(s, "&lt;b&gt;&amp;amp;\"quoted"));
	ck_assert_ptr_null(strchr(s, '\x01'));
	ck_assert_ptr_null(strchr(s, '\x1b'));
	ck_assert_ptr_null(strchr(s, '\r'));
	ck_assert_ptr_null(strstr(s, "\xef\xbf\xbe"));
	ck_assert_ptr_nonnull(strstr(s, "a warning"));
	free(s);
	teardown(&x);
}
END_TEST

START_TEST(test_github)
{
	struct fixture	 x;
	const char	*p;
	char		*s;
	size_t		 lines = 0;

	setup(&x, 1);
	s = render(format_github, &x);
	for (p = s; *p != '\0'; p = strchr(p, '\n') + 1) {
		ck_assert_msg(strncmp(p, "::error ", 8) == 0 ||
		    strncmp(p, "::warning ", 10) == 0 ||
		    strncmp(p, "::notice ", 9) == 0, "line %zu: %.40s",
		    lines + 1, p);
		ck_assert_ptr_nonnull(strchr(p, '\n'));
		lines++;
	}
	/* 3 diagnostics, 8 findings of which 3 waived or baselined. */
	ck_assert_uint_eq(lines, 3 + 5);
	ck_assert_ptr_null(strchr(s, '\r'));
	ck_assert_ptr_nonnull(strstr(s,
	    "::error file=bad%2Cfile%3A%25.xml,line=1,col=68,"
	    "title=hybridlint input::"));
	ck_assert_ptr_nonnull(strstr(s, " file=dir/a b%2Cc%3Ad%25.json,"
	    "line=14,title="));
	/* Controls from the inputs are shown, not obeyed (as in text). */
	ck_assert_ptr_nonnull(strstr(s, "cr\\u{000D} lf\\u{000A} "
	    "tab\\u{0009} bad\xef\xbf\xbd\xef\xbf\xbd"));
	ck_assert_ptr_null(strchr(s, '\t'));
	ck_assert_ptr_nonnull(strstr(s, "100%25 a:b,c"));
	ck_assert_ptr_nonnull(strstr(s, "plain message%0Apath: org1 -> "
	    "SendConnector 'x' -> tenant%0Afix: Set-InboundConnector "
	    "-Identity 'a'%0A# second line\n"));
	ck_assert_ptr_nonnull(strstr(s, "::notice file=n.xml,line=2,"
	    "title=hybridlint input::a note\n"));
	ck_assert_ptr_nonnull(strstr(s, "::warning file=w.xml,"
	    "title=hybridlint input::a warning\n"));
	ck_assert_ptr_null(strstr(s, "waived"));
	ck_assert_ptr_null(strstr(s, "baselined"));
	free(s);
	teardown(&x);
}
END_TEST

/* Nothing found, nothing wrong: still well formed. */
START_TEST(test_empty)
{
	struct fixture	 x;
	json_t		*j;
	char		*s;

	setup(&x, 0);
	s = render(format_json, &x);
	j = parse_json(s);
	ck_assert_int_eq(json_array_size(json_object_get(j, "findings")), 0);
	json_decref(j);
	free(s);
	s = render(format_sarif, &x);
	j = parse_json(s);
	json_decref(j);
	free(s);
	s = render(format_junit, &x);
	junit_valid(s);
	ck_assert_uint_eq(count(s, "name=\"no findings\""), rules.n);
	ck_assert_uint_eq(count(s, "name=\"no input errors\""), 1);
	free(s);
	s = render(format_github, &x);
	ck_assert_str_eq(s, "");
	free(s);
	teardown(&x);
}
END_TEST

/* Findings of every severity in a store of their own, n of them. */
static struct findings *
many(size_t n, size_t msglen)
{
	struct findings	*fs;
	struct finding	*f;
	char		*msg, file[32];
	size_t		 i;

	static const char	 set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
	    "ghijklmnopqrstuvwxyz0123456789+/";
	uint32_t		 seed = 12345;
	size_t			 k;

	fs = findings_new(&rules);
	msg = xmalloc(msglen + 1);
	msg[msglen] = '\0';
	for (i = 0; i < n; i++) {
		/* Text that does not compress much, as GitHub would gzip it. */
		for (k = 0; k < msglen; k++) {
			seed = seed * 1103515245 + 12345;
			msg[k] = set[(seed >> 16) & 63];
		}
		snprintf(file, sizeof(file), "f%06zu.json", i);
		f = add(fs, i % rules.n, file, 1, msg);
		/* Every third a note, then warnings and errors. */
		f->severity = i % 3 == 0 ? SEV_NOTE : i % 3 == 1 ?
		    SEV_WARNING : SEV_ERROR;
		f->key = arena_printf(fs->arena, "%zu", i);
	}
	free(msg);
	findings_finish(fs);
	return fs;
}

/* The results of a SARIF log and its truncation notification. */
static size_t
sarif_counts(const char *s, size_t count[3], const char **note)
{
	json_t		*j, *run, *res, *o, *n;
	const char	*lv;
	size_t		 i;
	static char	 text[512];

	j = parse_json(s);
	run = json_array_get(json_object_get(j, "runs"), 0);
	res = json_object_get(run, "results");
	count[0] = count[1] = count[2] = 0;
	json_array_foreach(res, i, o) {
		lv = json_string_value(json_object_get(o, "level"));
		count[strcmp(lv, "error") == 0 ? 2 : strcmp(lv, "warning") ==
		    0 ? 1 : 0]++;
	}
	*note = NULL;
	n = json_object_get(json_array_get(json_object_get(run,
	    "invocations"), 0), "toolExecutionNotifications");
	json_array_foreach(n, i, o)
		if (strcmp(json_string_value(json_object_get(json_object_get(o,
		    "descriptor"), "id")), "hybridlint/results-truncated") ==
		    0) {
			snprintf(text, sizeof(text), "%s", json_string_value(
			    json_object_get(json_object_get(o, "message"),
			    "text")));
			*note = text;
		}
	i = json_array_size(res);
	json_decref(j);
	return i;
}

START_TEST(test_sarif_limits)
{
	struct fixture	 x;
	struct findings	*fs;
	size_t		 count[3], n, total = SARIF_MAX_RESULTS + 301;
	const char	*note;
	char		*s, *want;

	setup(&x, 0);
	/* At the limit: nothing left out. */
	fs = many(SARIF_MAX_RESULTS, 10);
	s = format_sarif(fs, &x.fc);
	ck_assert_uint_eq(sarif_counts(s, count, &note), SARIF_MAX_RESULTS);
	ck_assert_ptr_null(note);
	free(s);
	findings_free(fs);
	/* Above it: the most severe kept, the notes dropped first. */
	fs = many(total, 10);
	s = format_sarif(fs, &x.fc);
	n = sarif_counts(s, count, &note);
	ck_assert_uint_eq(n, SARIF_MAX_RESULTS);
	ck_assert_uint_eq(count[2], (total + 0) / 3);
	ck_assert_uint_eq(count[1], (total + 1) / 3);
	ck_assert_uint_eq(count[0], SARIF_MAX_RESULTS - count[1] - count[2]);
	ck_assert_ptr_nonnull(note);
	want = xasprintf("%zu of %zu results left out", total -
	    SARIF_MAX_RESULTS, total);
	ck_assert_msg(strncmp(note, want, strlen(want)) == 0, "%s", note);
	free(want);
	free(s);
	findings_free(fs);
	/* Too many bytes gzipped (a limit of 1000 kB stands in for GitHub's
	 * 10 MB): cut to the size, errors first, and said so. */
	x.fc.sarif_max_bytes = 1000 * 1024;
	fs = many(900, 2000);
	s = format_sarif(fs, &x.fc);
	ck_assert_uint_gt(strlen(s), x.fc.sarif_max_bytes);
	n = sarif_counts(s, count, &note);
	ck_assert_uint_lt(n, 900);
	ck_assert_uint_eq(count[2], 300);
	ck_assert(count[0] == 0 || count[1] == 300);
	ck_assert_uint_lt(count[0], 300);
	ck_assert_ptr_nonnull(note);
	ck_assert_ptr_nonnull(strstr(note, "10 MB gzipped"));
	free(s);
	findings_free(fs);
	/* Under the limit gzipped, though larger raw: nothing left out. */
	fs = many(900, 20);
	x.fc.sarif_max_bytes = 100 * 1024;
	s = format_sarif(fs, &x.fc);
	ck_assert_uint_gt(strlen(s), x.fc.sarif_max_bytes);
	ck_assert_uint_eq(sarif_counts(s, count, &note), 900);
	ck_assert_ptr_null(note);
	free(s);
	findings_free(fs);
	teardown(&x);
}
END_TEST

/* Every table row of Markdown: cells split on unescaped pipes. */
static void
md_rows_ok(const char *s)
{
	const char	*p, *nl;
	size_t		 pipes, header = 0;

	for (p = s; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		ck_assert_ptr_nonnull(nl);
		if (*p != '|') {
			header = 0;
			continue;
		}
		for (pipes = 0; p < nl; p++)
			if (*p == '|' && (p == s || p[-1] != '\\'))
				pipes++;
			else if (*p == '\\')
				p++;	/* an escape and what it escapes */
		if (header == 0)
			header = pipes;
		ck_assert_uint_eq(pipes, header);
		p = nl;
	}
}

START_TEST(test_markdown)
{
	struct fixture	 x;
	struct finding	*f;
	struct baseline_cmp cmp;
	struct baseline_entry e = { "ffff", "HYB001", "org|<b>", "o`x`",
	    "gone | *now*" };
	char		*s;

	setup(&x, 1);
	f = x.fs->v[0];
	f->severity = SEV_ERROR;
	f->message = "pipe | tick ` lt <script> amp & at @team hash #1 "
	    "star *x* under _y_ [link](http://e) $m$ ~s~ \\ back";
	f->fix = "Set-X -Identity 'a|b'\n# <b>second</b> `line`";
	f->waived = f->baselined = 0;
	memset(&cmp, 0, sizeof(cmp));
	cmp.resolved = &e;
	cmp.nresolved = 1;
	cmp.nentries = 3;
	x.fc.baseline = &cmp;
	s = render(format_markdown, &x);
	md_rows_ok(s);
	ck_assert_ptr_null(strstr(s, "<script>"));
	ck_assert_ptr_null(strstr(s, "<b>"));
	ck_assert_ptr_null(strstr(s, "\x1b"));
	ck_assert_ptr_nonnull(strstr(s, "pipe \\| tick \\` lt &lt;script&gt; "
	    "amp &amp; at \\@team hash \\#1 star \\*x\\* under \\_y\\_ "
	    "\\[link\\](http://e) \\$m\\$ \\~s\\~ \\\\ back"));
	ck_assert_ptr_nonnull(strstr(s, "Set-X -Identity 'a\\|b'<br>\\# "
	    "&lt;b&gt;second&lt;/b&gt; \\`line\\`"));
	ck_assert_ptr_nonnull(strstr(s, "| org\\|&lt;b&gt; | o\\`x\\` | gone "
	    "\\| \\*now\\* |"));
	ck_assert_ptr_nonnull(strstr(s, "1 resolved (the baseline holds 3)"));
	free(s);
	teardown(&x);
}
END_TEST

START_TEST(test_csv)
{
	struct fixture	 x;
	struct finding	*f;
	char		*s;

	setup(&x, 1);
	f = x.fs->v[0];
	f->org = "=HYPERLINK(\"http://e\")";
	f->object = "+1";
	f->kind = "-2";
	f->message = "@SUM(1)";
	f->path = "\tTAB";
	f->fix = "a,\"b\"\r\nc";
	s = render(format_csv, &x);
	ck_assert(strncmp(s, "severity,rule,name,organization,file,line,",
	    41) == 0);
	ck_assert_ptr_nonnull(strstr(s, "\"'=HYPERLINK(\"\"http://e\"\")\""));
	ck_assert_ptr_nonnull(strstr(s, "\"'-2\",\"'+1\",\"'@SUM(1)\","
	    "\"'\tTAB\",\"a,\"\"b\"\"\r\nc\""));
	ck_assert_ptr_null(strstr(s, "\xff"));
	free(s);
	teardown(&x);
}
END_TEST

START_TEST(test_xml_formats)
{
	struct fixture	 x;
	xmlDocPtr	 doc;
	char		*s;

	setup(&x, 1);
	s = render(format_checkstyle, &x);
	doc = xmlReadMemory(s, (int)strlen(s), "checkstyle.xml", NULL,
	    XML_PARSE_NONET);
	ck_assert_msg(doc != NULL, "checkstyle output is not XML");
	ck_assert_str_eq((const char *)xmlDocGetRootElement(doc)->name,
	    "checkstyle");
	xmlFreeDoc(doc);
	free(s);
	teardown(&x);
}
END_TEST

START_TEST(test_codeclimate)
{
	struct fixture	 x;
	json_t		*j, *o;
	size_t		 i, n = 0;
	char		*s;

	setup(&x, 1);
	s = render(format_codeclimate, &x);
	j = parse_json(s);
	ck_assert(json_is_array(j));
	json_array_foreach(j, i, o) {
		ck_assert(json_is_string(json_object_get(o, "fingerprint")));
		ck_assert(json_is_integer(json_object_get(json_object_get(
		    json_object_get(o, "location"), "lines"), "begin")));
		n++;
	}
	/* Open findings (5) and the input error; no waived, baselined. */
	ck_assert_uint_eq(n, 6);
	ck_assert(s[0] == '[');
	json_decref(j);
	free(s);
	teardown(&x);
}
END_TEST

START_TEST(test_github_cap)
{
	struct fixture	 x;
	struct findings	*fs;
	size_t		 n[3] = { 0, 0, 0 };
	const char	*p;
	char		*s, *last;

	setup(&x, 0);
	fs = many(3 * GITHUB_MAX_PER_LEVEL + 30, 5);
	s = format_github(fs, &x.fc);
	for (p = s; *p != '\0'; p = strchr(p, '\n') + 1) {
		if (strncmp(p, "::error ", 8) == 0)
			n[2]++;
		else if (strncmp(p, "::warning ", 10) == 0)
			n[1]++;
		else if (strncmp(p, "::notice ", 9) == 0)
			n[0]++;
		last = (char *)p;
	}
	ck_assert_uint_eq(n[2], GITHUB_MAX_PER_LEVEL);
	ck_assert_uint_eq(n[1], GITHUB_MAX_PER_LEVEL);
	ck_assert_uint_eq(n[0], GITHUB_MAX_PER_LEVEL + 1);
	ck_assert_msg(strncmp(last, "::notice title=hybridlint::10 errors, "
	    "10 warnings and 10 notes not shown", 60) == 0, "%s", last);
	free(s);
	findings_free(fs);
	teardown(&x);
}
END_TEST

/*
 * One fix per change: a finding whose commands another's fix holds
 * points to it (the more severe, then the lower rule id, owns them); a
 * fix with a command of its own keeps its text; comments do not count.
 */
START_TEST(test_share_fixes)
{
	struct findings	*fs = findings_new(&rules);
	struct finding	*a, *b, *c, *d;

	/* rules.v[0] is HYB001 (error), rules.v[1] HYB002 (warning). */
	a = add(fs, 1, "x.json", 1, "warning first in file order");
	a->fix = "# a note of its own\n  Set-X -Identity 'a' -P 'v'  ";
	b = add(fs, 0, "x.json", 9, "the error");
	b->fix = "# why\nSet-X -Identity 'a' -P 'v'\nStart-Sync";
	c = add(fs, 1, "y.json", 2, "one more command");
	c->fix = "Set-X -Identity 'a' -P 'v'\nSet-Y -Identity 'b'";
	d = add(fs, 1, "z.json", 2, "comments only");
	d->fix = "# only words";
	findings_finish(fs);
	findings_share_fixes(fs);
	ck_assert_ptr_eq(a->resolved_by, b);
	ck_assert_ptr_nonnull(strstr(a->fix, "# Resolved by the fix of "
	    "HYB001 (inbound-cert-captures-foreign-mail) on InboundConnector "
	    "'x.json'."));
	ck_assert_ptr_null(b->resolved_by);
	ck_assert_ptr_nonnull(strstr(b->fix, "Start-Sync"));
	ck_assert_ptr_null(c->resolved_by);
	ck_assert_ptr_null(d->resolved_by);
	ck_assert_str_eq(d->fix, "# only words");
	findings_free(fs);
}
END_TEST

static Suite *
formats_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("formats");
	tc = tcase_create("formats");
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_share_fixes);
	tcase_add_test(tc, test_sarif);
	tcase_add_test(tc, test_sarif_no_baseline);
	tcase_add_test(tc, test_junit);
	tcase_add_test(tc, test_github);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_sarif_limits);
	tcase_add_test(tc, test_markdown);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_xml_formats);
	tcase_add_test(tc, test_codeclimate);
	tcase_add_test(tc, test_github_cap);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	ruleset_init(&rules);
	sr = srunner_create(formats_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	ruleset_release(&rules);
	xmlCleanupParser();
	return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
