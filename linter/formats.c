/*
 * formats.c: the format table and writing what it renders.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "diagram.h"
#include "format_compare.h"
#include "format_text.h"
#include "formats.h"
#include "inventory.h"
#include "jsonout.h"
#include "output.h"
#include "report.h"
#include "trace.h"
#include "xalloc.h"

/* A text renderer that writes to a stream, into a string. */
static char *
capture(void (*fn)(const struct outsrc *, FILE *), const struct outsrc *o)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	fn(o, fp);
	if (fclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void
check_text_to(const struct outsrc *o, FILE *fp)
{
	format_text(o->fs, fp, o->fc.color);
	format_resolved(o->fc.baseline, fp);
	if (o->fc.statistics)
		format_statistics(o->fs, fp);
	format_summary(o->fs, &o->fc, fp);
}

static char *
check_text(const struct outsrc *o)
{
	return capture(check_text_to, o);
}

static char *
check_json(const struct outsrc *o)
{
	return format_json(o->fs, &o->fc);
}

/* The findings written one by one: a large run is never held whole. */
static int
check_json_write(const struct outsrc *o, const char *file, struct diags *d)
{
	struct json_stream	*js;
	struct output_src	 src;
	int			 rc;

	if ((js = format_json_stream(o->fs, &o->fc)) == NULL) {
		diag_add(d, SEV_ERROR, file, 0, 0, "out of memory rendering "
		    "json");
		return -1;
	}
	src.next = json_stream_next;
	src.arg = js;
	rc = output_write_src(file, &src, d);
	json_stream_free(js);
	return rc;
}

static char *
check_sarif(const struct outsrc *o)
{
	return format_sarif(o->fs, &o->fc);
}

static char *
check_junit(const struct outsrc *o)
{
	return format_junit(o->fs, &o->fc);
}

static char *
check_github(const struct outsrc *o)
{
	return format_github(o->fs, &o->fc);
}

static char *
check_codeclimate(const struct outsrc *o)
{
	return format_codeclimate(o->fs, &o->fc);
}

static char *
check_markdown(const struct outsrc *o)
{
	return format_markdown(o->fs, &o->fc);
}

static char *
check_checkstyle(const struct outsrc *o)
{
	return format_checkstyle(o->fs, &o->fc);
}

static char *
check_csv(const struct outsrc *o)
{
	return format_csv(o->fs, &o->fc);
}

static void
inventory_text_to(const struct outsrc *o, FILE *fp)
{
	inventory_text(o->run->m, &o->run->diags, fp);
}

static char *
inv_text(const struct outsrc *o)
{
	return capture(inventory_text_to, o);
}

static char *
inv_json(const struct outsrc *o)
{
	return inventory_json(o->run->m, &o->run->diags);
}

static void
trace_text_to(const struct outsrc *o, FILE *fp)
{
	trace_text(o->flows, o->nflows, fp);
}

static char *
tr_text(const struct outsrc *o)
{
	return capture(trace_text_to, o);
}

static char *
tr_json(const struct outsrc *o)
{
	return trace_json(o->flows, o->nflows);
}

static char *
graph_render(const struct outsrc *o, enum diagram_format fmt)
{
	struct diagram_opts	 d;

	memset(&d, 0, sizeof(d));
	d.fs = o->fs;
	d.orgs = o->orgs;
	d.legend = 1;
	d.collapse = DIAGRAM_COLLAPSE;
	return diagram_render(o->run->s, fmt, &d);
}

static char *
graph_dot(const struct outsrc *o)
{
	return graph_render(o, DIAGRAM_DOT);
}

static char *
graph_mermaid(const struct outsrc *o)
{
	return graph_render(o, DIAGRAM_MERMAID);
}

static char *
report_render(const struct outsrc *o)
{
	struct report_run	 r, b;
	struct report_opts	 ro;
	struct diags		 d = { 0 };
	char			*doc;

	memset(&r, 0, sizeof(r));
	memset(&ro, 0, sizeof(ro));
	r.run = o->run;
	r.fs = o->fs;
	r.waivers = o->cr->eo.waivers;
	r.nwaivers = o->cr->eo.nwaivers;
	if (o->cr->before != NULL && o->cr->before_fs != NULL) {
		b = r;
		b.run = o->cr->before;
		b.fs = o->cr->before_fs;
		ro.before = &b;
	}
	ro.version = o->fc.version;
	ro.asof = o->fc.asof;
	ro.orgs = o->orgs;
	ro.extra = o->cr->extra;
	ro.nextra = o->cr->nextra;
	ro.baseline = o->cr->base_sha[0] != '\0';
	doc = report_html(&r, &ro, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	return doc;
}

static void
rules_text_to(const struct outsrc *o, FILE *fp)
{
	catalogue_text(o->rules, fp);
}

static char *
rules_text(const struct outsrc *o)
{
	return capture(rules_text_to, o);
}

static char *
rules_json(const struct outsrc *o)
{
	return catalogue_json(o->rules);
}

static char *
rules_markdown(const struct outsrc *o)
{
	return catalogue_markdown(o->rules);
}

static void
explain_text_to(const struct outsrc *o, FILE *fp)
{
	explain_text(o->rule, fp);
}

static char *
ex_text(const struct outsrc *o)
{
	return capture(explain_text_to, o);
}

static char *
ex_markdown(const struct outsrc *o)
{
	return explain_markdown(o->rule);
}

/* whatif and diff: the comparison and every finding after. */
static struct compare_doc
cmpdoc(const struct outsrc *o, const char *command)
{
	struct compare_doc	d;

	d.command = command;
	d.cmp = o->cmp;
	d.after = o->fs;
	d.fc = &o->fc;
	return d;
}

#define COMPARE_FORMAT(cmd, fmt)					\
static char *								\
cmd##_##fmt(const struct outsrc *o)					\
{									\
	struct compare_doc	d = cmpdoc(o, #cmd);			\
									\
	return compare_##fmt(&d);					\
}
COMPARE_FORMAT(whatif, text)
COMPARE_FORMAT(whatif, json)
COMPARE_FORMAT(whatif, markdown)
COMPARE_FORMAT(whatif, sarif)
COMPARE_FORMAT(diff, text)
COMPARE_FORMAT(diff, json)
COMPARE_FORMAT(diff, markdown)
COMPARE_FORMAT(diff, sarif)

const struct format_entry format_table[] = {
	{ "text", "check", "compiler-style lines (the default)", check_text,
	    NULL, NULL },
	{ "json", "check", "hybridlint-findings/1 (findings.schema.json)",
	    check_json, NULL, check_json_write },
	{ "sarif", "check", "SARIF 2.1.0, for code scanning", check_sarif,
	    NULL, NULL },
	{ "junit", "check", "JUnit XML, for GitLab, Azure DevOps and Jenkins",
	    check_junit, NULL, NULL },
	{ "github", "check", "GitHub Actions annotations (and the markdown "
	    "summary appended to $GITHUB_STEP_SUMMARY)", check_github,
	    check_markdown, NULL },
	{ "codeclimate", "check", "GitLab Code Quality", check_codeclimate,
	    NULL, NULL },
	{ "markdown", "check", "a summary for job summaries and merge "
	    "requests", check_markdown, NULL, NULL },
	{ "checkstyle", "check", "Checkstyle XML, for Jenkins and reviewdog",
	    check_checkstyle, NULL, NULL },
	{ "csv", "check", "a row per finding, for spreadsheets", check_csv,
	    NULL, NULL },
	{ "text", "trace", NULL, tr_text, NULL, NULL },
	{ "json", "trace", NULL, tr_json, NULL, NULL },
	{ "text", "whatif", "changes, findings resolved and introduced, "
	    "attribution changes (the default)", whatif_text, NULL, NULL },
	{ "json", "whatif", "hybridlint-comparison/1 "
	    "(comparison.schema.json)", whatif_json, NULL, NULL },
	{ "markdown", "whatif", "a summary for a change review",
	    whatif_markdown, NULL, NULL },
	{ "sarif", "whatif", "SARIF 2.1.0: introduced results new, resolved "
	    "absent", whatif_sarif, NULL, NULL },
	{ "text", "diff", NULL, diff_text, NULL, NULL },
	{ "json", "diff", NULL, diff_json, NULL, NULL },
	{ "markdown", "diff", NULL, diff_markdown, NULL, NULL },
	{ "sarif", "diff", NULL, diff_sarif, NULL, NULL },
	{ "text", "inventory", NULL, inv_text, NULL, NULL },
	{ "json", "inventory", NULL, inv_json, NULL, NULL },
	{ "dot", "graph", "Graphviz input (the default)", graph_dot, NULL, NULL },
	{ "mermaid", "graph", "a Mermaid flowchart", graph_mermaid, NULL, NULL },
	{ "html", "report", "self-contained HTML (the default; -o FILE)",
	    report_render, NULL, NULL },
	{ "text", "rules", NULL, rules_text, NULL, NULL },
	{ "json", "rules", NULL, rules_json, NULL, NULL },
	{ "markdown", "rules", NULL, rules_markdown, NULL, NULL },
	{ "text", "explain", NULL, ex_text, NULL, NULL },
	{ "markdown", "explain", NULL, ex_markdown, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL }
};

const struct format_entry *
format_find(const char *cmd, const char *name)
{
	const struct format_entry	*f;

	for (f = format_table; f->name != NULL; f++)
		if (strcmp(f->command, cmd) == 0 && strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

const char **
format_names(const char *cmd)
{
	const struct format_entry	*f;
	const char			**v;
	size_t				 n = 0;

	for (f = format_table; f->name != NULL; f++)
		n++;
	v = xcalloc(n + 1, sizeof(*v));
	for (n = 0, f = format_table; f->name != NULL; f++)
		if (strcmp(f->command, cmd) == 0)
			v[n++] = f->name;
	return v;
}

/* The step summary file GitHub Actions names, or NULL. */
static const char *
step_summary(void)
{
	const char	*p = getenv("GITHUB_STEP_SUMMARY");

	return p != NULL && *p != '\0' ? p : NULL;
}

/* Does a -f of the command line append to the step summary? */
static int
appends_summary(const struct cli *c)
{
	const struct format_entry	*f;
	size_t				 i;

	for (i = 0; i < c->nouts; i++)
		if ((f = format_find(c->cmd->name, c->outs[i].format)) !=
		    NULL && f->step_summary != NULL)
			return step_summary() != NULL;
	return 0;
}

int
formats_write(const struct cli *c, struct outsrc *o)
{
	const struct format_entry	*f;
	struct diags			 d = { 0 };
	const char			*summary;
	char				*doc;
	size_t				 i;
	int				 rc;

	for (i = 0; i < c->nouts; i++) {
		f = format_find(c->cmd->name, c->outs[i].format);
		o->fc.color = cli_color(c, i);
		if (f->write != NULL)
			(void)f->write(o, c->outs[i].file, &d);
		else if ((doc = f->render(o)) == NULL)
			diag_add(&d, SEV_ERROR, c->outs[i].file, 0, 0,
			    "out of memory rendering %s", f->name);
		else {
			(void)output_write(c->outs[i].file, doc, strlen(doc),
			    &d);
			free(doc);
		}
		if (f->step_summary == NULL || (summary = step_summary()) ==
		    NULL)
			continue;
		o->fc.color = 0;
		if ((doc = f->step_summary(o)) != NULL)
			(void)output_append(summary, doc, strlen(doc), &d);
		free(doc);
	}
	diag_print(&d, stderr);
	rc = d.nerrors > 0 ? -1 : 0;
	diag_free(&d);
	return rc;
}

int
formats_guard(const struct cli *c, const struct run *r,
    const char *const *more, size_t nmore)
{
	struct output_inputs	 in;
	struct input_file	*files;
	struct diags		 d = { 0 };
	struct stat		 st;
	const char		**outs;
	size_t			 i, n = 0, nf = r->m->ninputs;
	int			 rc;

	files = xcalloc(nf + nmore + 1, sizeof(*files));
	if (nf > 0)
		memcpy(files, r->m->inputs, nf * sizeof(*files));
	for (i = 0; i < nmore; i++)
		if (more[i] != NULL && stat(more[i], &st) == 0) {
			files[nf].path = more[i];
			files[nf].dev = st.st_dev;
			files[nf++].ino = st.st_ino;
		}
	outs = xcalloc(c->nouts + 3, sizeof(*outs));
	for (i = 0; i < c->nouts; i++)
		outs[n++] = c->outs[i].file;
	if (c->write_baseline != NULL)
		outs[n++] = c->write_baseline;
	if (appends_summary(c))
		outs[n++] = step_summary();
	in.files = files;
	in.nfiles = nf;
	in.folders = r->m->input_folders;
	in.nfolders = r->m->ninput_folders;
	rc = output_guard(outs, n, &in, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	free(outs);
	free(files);
	return rc;
}

int
formats_run(const struct cli *c, enum run_stage stage)
{
	struct change_set	*cs;
	struct outsrc		 out;
	struct run		*r, *before;
	const char		**read;
	size_t			  nread;
	int			  rc;

	if ((r = checkrun_run(c, stage, RUN_MODEL, &before, &cs)) == NULL)
		return EXIT_TROUBLE;
	rc = r->diags.nerrors > 0 ? EXIT_TROUBLE : 0;
	memset(&out, 0, sizeof(out));
	out.run = r;
	read = checkrun_read_files(c, NULL, &nread);
	if (formats_guard(c, r, read, nread) == -1 ||
	    formats_write(c, &out) == -1)
		rc = EXIT_TROUBLE;
	free(read);
	run_close(r);
	run_close(before);
	change_free(cs);
	return rc;
}
