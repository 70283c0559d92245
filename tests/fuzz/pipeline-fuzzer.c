/*
 * pipeline-fuzzer.c: one or more documents through the whole check
 * pipeline, as `hybridlint check` runs it: load -> recognize/model_add ->
 * topo_build -> sim_run -> engine_run (every rule enabled) -> every
 * renderer, then the other read-only commands' renderers (inventory,
 * trace, graph, baseline).
 *
 * Input: a piece is one header byte followed by a document; pieces are
 * separated by the 8 bytes "\n--HLDOC" (so an input with no separator is
 * exactly "the first byte picks the format, the rest is the document";
 * after 31 separators the rest is one last piece).
 * Header byte:
 *   bits 0-1  0 CLIXML, 1 JSON, 2 CLIXML, 3 certificate file (PEM/DER)
 *   bits 2-3  side: 0 unknown (inferred), 1 on-premises, 2 EXO, 3 unknown
 *   bits 4-5  organization o0..o3
 *   bit  6    a server hint ("ex01", as a manifest's "server" gives)
 *   bit  7    (first piece only) ANSI colours in the text output, and
 *             SARIF rendered: format_sarif() writes every rule's
 *             documentation, which costs ~50 ms per call under ASan, 50
 *             times the rest of the pipeline, so only half the inputs
 *             pay for it, once
 * Each document goes into the model through load_doc(), as load.c's own
 * loader does, and is freed as soon as it is mapped.
 *
 * Machine formats (format_json, _sarif, _junit, _github) are referenced
 * weakly: a renderer that is still a placeholder is skipped, and the
 * harness says at start-up which ones it runs.  Oracles: JSON outputs must
 * parse (and format_json must list every finding and diagnostic with the
 * documented keys), JUnit must be well-formed XML, GitHub output only
 * workflow-command lines, text without colours no control characters but
 * '\n', and every renderer but SARIF the same bytes twice.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "baseline.h"
#include "clixml.h"
#include "diagram.h"
#include "engine.h"
#include "findings.h"
#include "format.h"
#include "format_text.h"
#include "inventory.h"
#include "json_load.h"
#include "load.h"
#include "model.h"
#include "psparse.h"
#include "run.h"
#include "sim.h"
#include "textfile.h"
#include "topology.h"
#include "trace.h"
#include "utf8.h"
#include "xalloc.h"

#include "fuzz_common.h"

/* Renderers that may still be placeholders: NULL when not linked in. */
#pragma weak format_json
#pragma weak format_sarif
#pragma weak format_junit
#pragma weak format_github

#define FUZZ_ASOF	1795824000	/* 2026-11-28, as the rule fixtures */
#define FUZZ_ASOF_TEXT	"2026-11-28"
#define SEPARATOR	"\n--HLDOC"
#define MAX_PIECES	32

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init_libxml();
	fprintf(stderr, "pipeline-fuzzer: machine formats linked:%s%s%s%s\n",
	    format_json != NULL ? " json" : "",
	    format_sarif != NULL ? " sarif" : "",
	    format_junit != NULL ? " junit" : "",
	    format_github != NULL ? " github" : "");
	return 0;
}

static void
load_piece(struct model *m, struct diags *diags, const uint8_t *p,
    size_t n, size_t index)
{
	static const enum side sides[4] = { SIDE_UNKNOWN, SIDE_ONPREM,
	    SIDE_EXO, SIDE_UNKNOWN };
	static const char *const exts[4] = { "xml", "json", "clixml", "pem" };
	struct rawfile	 raw;
	struct textfile	 tf;
	struct certificate *c;
	struct doc	*d;
	struct org	*org;
	enum side	 side;
	const char	*server, *encoding;
	char		 display[64], orgid[8];
	int		 fmt, h;

	if (n == 0)
		return;
	h = p[0];
	p++, n--;
	fmt = h & 3;
	side = sides[(h >> 2) & 3];
	snprintf(orgid, sizeof(orgid), "o%d", (h >> 4) & 3);
	server = (h & 0x40) ? "ex01" : NULL;
	snprintf(display, sizeof(display), "%s/%s/doc%zu.%s", orgid,
	    side == SIDE_EXO ? "exo" : side == SIDE_ONPREM ? "onprem" : "any",
	    index, exts[fmt]);
	org = model_org(m, orgid, NULL);
	if (org->from == NULL)
		org->from = side == SIDE_UNKNOWN ? "folder" : "manifest";

	if (fmt == 3) {
		c = model_add_certfile(m, org, display, p, n, diags);
		if (c != NULL && server != NULL) {
			c->server = arena_strdup(m->arena, server);
			c->server_reason = "manifest";
		}
		return;
	}
	if (fuzz_rawfile(p, n, &raw) == -1)
		return;
	if (text_decode(&raw, display, fmt == 1 ? '{' : '<', &tf,
	    diags) == -1)
		return;
	if (fmt == 1)
		d = json_load(display, tf.text, tf.len, diags);
	else
		d = clixml_load(display, tf.text, tf.len, diags);
	encoding = tf.encoding;		/* static; textfile_free clears it */
	textfile_free(&tf);
	if (d != NULL) {
		/* Records copy what they keep: the tree goes right away. */
		d->encoding = encoding;
		m->ndocs++;
		load_doc(m, d, org, side, server, diags);
		doc_free(d);
	}
}

/* ---- Output checks ---------------------------------------------------- */

static json_t *
must_be_json(const char *what, const char *s)
{
	json_error_t	 e;
	json_t		*j;

	if (s == NULL)
		FUZZ_FAIL("%s: renderer returned NULL", what);
	j = json_loads(s, JSON_REJECT_DUPLICATES, &e);
	if (j == NULL)
		FUZZ_FAIL("%s: output is not JSON: %d:%d: %s", what, e.line,
		    e.column, e.text);
	return j;
}

static void
check_json_findings(const char *s, const struct findings *fs,
    const struct diags *diags)
{
	static const char *const keys[] = { "rule", "name", "severity",
	    "message", "location", "organization", "kind", "object", "path",
	    "fix", "fingerprint", "waived", "baselined", NULL };
	json_t		*j, *arr, *f;
	size_t		 i, k;

	j = must_be_json("format_json", s);
	arr = json_object_get(j, "findings");
	if (!json_is_array(arr) || json_array_size(arr) != fs->n)
		FUZZ_FAIL("format_json: %zu findings, the run has %zu",
		    json_is_array(arr) ? json_array_size(arr) : 0, fs->n);
	for (i = 0; i < fs->n; i++) {
		f = json_array_get(arr, i);
		for (k = 0; keys[k] != NULL; k++)
			if (json_object_get(f, keys[k]) == NULL)
				FUZZ_FAIL("format_json: finding %zu (%s) "
				    "lacks \"%s\"", i, fs->v[i]->rule->id,
				    keys[k]);
		if (!json_is_string(json_object_get(f, "message")))
			FUZZ_FAIL("format_json: finding %zu (%s) has no "
			    "message string", i, fs->v[i]->rule->id);
	}
	arr = json_object_get(j, "diagnostics");
	if (!json_is_array(arr) || json_array_size(arr) != diags->n)
		FUZZ_FAIL("format_json: %zu diagnostics, the run has %zu",
		    json_is_array(arr) ? json_array_size(arr) : 0, diags->n);
	json_decref(j);
}

static void
must_be_xml(const char *what, const char *s)
{
	xmlDocPtr	d;

	if (s == NULL)
		FUZZ_FAIL("%s: renderer returned NULL", what);
	d = xmlReadMemory(s, (int)strlen(s), "out.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (d == NULL)
		FUZZ_FAIL("%s: output is not well-formed XML", what);
	xmlFreeDoc(d);
}

static void
same_twice(const char *what, const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) ||
	    (a != NULL && strcmp(a, b) != 0))
		FUZZ_FAIL("%s: two renderings of the same findings differ",
		    what);
}

/*
 * Text without colours: valid UTF-8 with nothing that moves a terminal,
 * forges a line or reorders one (utf8_unsafe: C0 and C1 controls, DEL,
 * separators, bidirectional controls), '\n' alone excepted.
 */
static void
check_plain_text(const char *what, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = s != NULL ? strlen(s) : 0, l;
	uint32_t		 cp;

	while (n > 0) {
		if ((l = utf8_seq(p, n)) == 0)
			FUZZ_FAIL("%s: invalid UTF-8 at offset %zu", what,
			    (size_t)(p - (const unsigned char *)s));
		cp = utf8_decode(p, l);
		if (cp != '\n' && utf8_unsafe(cp))
			FUZZ_FAIL("%s: U+%04X at offset %zu", what,
			    (unsigned)cp, (size_t)(p - (const unsigned char *)s));
		p += l;
		n -= l;
	}
}

/* Every line of workflow commands is "::error|warning|notice ...". */
static void
check_github(const char *s)
{
	const char	*line, *nl;

	check_plain_text("format_github", s);
	for (line = s; line != NULL && *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line) - 1;
		if (strncmp(line, "::error ", 8) != 0 &&
		    strncmp(line, "::warning ", 10) != 0 &&
		    strncmp(line, "::notice ", 9) != 0)
			FUZZ_FAIL("format_github: a line is not a workflow "
			    "command: \"%.*s\"", (int)(nl - line), line);
	}
}

typedef char	*(*renderer)(const struct findings *,
		    const struct format_ctx *);

static void
render_machine(const char *what, renderer fn, const struct findings *fs,
    const struct format_ctx *fc, const struct diags *diags)
{
	char	*a, *b;
	json_t	*j;

	if (fn == NULL)
		return;
	a = fn(fs, fc);
	if (strcmp(what, "format_sarif") != 0) {
		b = fn(fs, fc);
		same_twice(what, a, b);
		free(b);
	}
	if (strcmp(what, "format_json") == 0)
		check_json_findings(a, fs, diags);
	else if (strcmp(what, "format_sarif") == 0) {
		j = must_be_json(what, a);
		json_decref(j);
	} else if (strcmp(what, "format_junit") == 0)
		must_be_xml(what, a);
	else if (strcmp(what, "format_github") == 0)
		check_github(a);
	else if (strcmp(what, "format_codeclimate") == 0) {
		j = must_be_json(what, a);
		json_decref(j);
	} else if (strcmp(what, "format_checkstyle") == 0)
		must_be_xml(what, a);
	else if (strcmp(what, "format_markdown") == 0)
		check_plain_text(what, a);
	else
		fuzz_touch_str(a);
	free(a);
}

static char *
render_text(const struct findings *fs, int color)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	format_text(fs, fp, color);
	format_summary(fs, NULL, fp);
	format_statistics(fs, fp);
	fclose(fp);
	return buf;
}

static void
other_commands(const struct model *m, struct sim *s,
    const struct diags *diags)
{
	struct diagram_opts	 dopts;
	char			*buf = NULL, *out;
	size_t			 len = 0, i;
	FILE			*fp;
	json_t			*j;

	/* inventory */
	if ((fp = open_memstream(&buf, &len)) != NULL) {
		inventory_text(m, diags, fp);
		fclose(fp);
		free(buf);
		buf = NULL;
	}
	out = inventory_json(m, diags);
	j = must_be_json("inventory_json", out);
	json_decref(j);
	free(out);

	/* trace, over every flow */
	for (i = 0; i < s->nflows; i++)
		fuzz_touch_str(flow_path(s->arena, s->flows[i]));
	if ((fp = open_memstream(&buf, &len)) != NULL) {
		trace_text((const struct flow *const *)s->flows, s->nflows,
		    fp);
		fclose(fp);
		free(buf);
		buf = NULL;
	}
	out = trace_json((const struct flow *const *)s->flows, s->nflows);
	j = must_be_json("trace_json", out);
	json_decref(j);
	free(out);

	/* graph */
	memset(&dopts, 0, sizeof(dopts));
	dopts.legend = 1;
	dopts.collapse = DIAGRAM_COLLAPSE;
	out = diagram_render(s, DIAGRAM_DOT, &dopts);
	fuzz_touch_str(out);
	free(out);
	out = diagram_render(s, DIAGRAM_MERMAID, &dopts);
	fuzz_touch_str(out);
	free(out);
}

/* ---- The run ---------------------------------------------------------- */

/* The next separator at or after p, or end (memmem is not C11/POSIX). */
static const uint8_t *
find_sep(const uint8_t *p, const uint8_t *end)
{
	size_t	n = sizeof(SEPARATOR) - 1;

	for (; (size_t)(end - p) >= n; p++)
		if (*p == '\n' && memcmp(p, SEPARATOR, n) == 0)
			return p;
	return end;
}

/*
 * Every line of every fix is a comment or one command with literal
 * arguments, whatever the inputs hold: a value can never become code.
 */
static void
check_fixes(const struct findings *fs)
{
	const char	*p, *nl;
	char		*line, why[256];
	size_t		 i;

	for (i = 0; i < fs->n; i++)
		for (p = fs->v[i]->fix; p != NULL && *p != '\0'; p = nl) {
			nl = strchr(p, '\n');
			line = xstrndup(p, nl != NULL ? (size_t)(nl - p) :
			    strlen(p));
			if (!ps_is_comment_line(line) &&
			    !ps_is_single_literal_command(line, why,
			    sizeof(why)))
				FUZZ_FAIL("%s: fix line is not a comment nor "
				    "one literal command (%s): %s",
				    fs->v[i]->rule->id, why, line);
			free(line);
			nl = nl != NULL ? nl + 1 : p + strlen(p);
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags		 diags = { 0 };
	struct engine_opts	 eo;
	struct format_ctx	 fc;
	struct ruleset		 rs;
	struct model		*m;
	struct run		*r;
	struct findings		*fs;
	const uint8_t		*p, *end, *sep;
	size_t			 i, npieces = 0;
	char			*a, *b;
	json_t			*j;
	int			 color;

	if (size == 0 || size > FUZZ_MAX_INPUT)
		return 0;
	color = (data[0] & 0x80) != 0;

	m = xcalloc(1, sizeof(*m));
	m->arena = arena_new();
	m->root = arena_strdup(m->arena, "fuzz");
	p = data;
	end = data + size;
	while (p < end && npieces < MAX_PIECES) {
		sep = npieces == MAX_PIECES - 1 ? end : find_sep(p, end);
		load_piece(m, &diags, p, (size_t)(sep - p), npieces++);
		if (sep == end)
			break;
		p = sep + sizeof(SEPARATOR) - 1;
	}

	r = run_open_model(m, FUZZ_ASOF, RUN_FLOWS);
	ruleset_init(&rs);
	engine_opts_init(&eo, &rs, FUZZ_ASOF);
	for (i = 0; i < rs.n; i++)
		eo.set[i].enabled = 1;
	fs = run_lint(r, &eo);
	check_fixes(fs);

	memset(&fc, 0, sizeof(fc));
	fc.version = "fuzz";
	fc.asof = FUZZ_ASOF_TEXT;
	fc.diags = &diags;
	fc.color = color;

	a = render_text(fs, color);
	b = render_text(fs, color);
	same_twice("format_text", a, b);
	if (!color)
		check_plain_text("format_text", a);
	free(a);
	free(b);
	render_machine("format_json", format_json, fs, &fc, &diags);
	if (color)
		render_machine("format_sarif", format_sarif, fs, &fc, &diags);
	render_machine("format_junit", format_junit, fs, &fc, &diags);
	render_machine("format_github", format_github, fs, &fc, &diags);
	render_machine("format_codeclimate", format_codeclimate, fs, &fc,
	    &diags);
	render_machine("format_markdown", format_markdown, fs, &fc, &diags);
	render_machine("format_checkstyle", format_checkstyle, fs, &fc,
	    &diags);
	render_machine("format_csv", format_csv, fs, &fc, &diags);
	a = baseline_render(fs);
	j = must_be_json("baseline_render", a);
	json_decref(j);
	free(a);
	other_commands(m, r->s, &diags);
	fuzz_diags(&diags);

	findings_free(fs);
	engine_opts_release(&eo);
	ruleset_release(&rs);
	run_close(r);
	diag_free(&diags);
	return 0;
}
