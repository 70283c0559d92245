/*
 * format_markdown.c: a summary in GitHub Flavored Markdown, for
 * $GITHUB_STEP_SUMMARY (`-f github` appends it there), merge request
 * comments and tickets: the counts per severity, per organization and
 * per rule, the errors in a table with their fix, the input problems,
 * and with a baseline the new findings and the resolved ones.
 *
 * Every value from the inputs goes through md_escape(): it can only be
 * text (no HTML, link, emphasis, table cell, mention).  Tables are
 * capped at MD_MAX_ROWS rows, with a line saying how many were left out,
 * which keeps the summary well under GitHub's 1 MiB per step.
 */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lint.h"
#include "mdout.h"
#include "srcroot.h"
#include "xalloc.h"

#define MD_MAX_ROWS	100

static int
open_finding(const struct finding *f)
{
	return !f->waived && !f->baselined;
}

/* "path:line" of a finding, escaped. */
static void
location(struct buf *b, const struct format_ctx *fc, const char *file,
    unsigned line)
{
	char	*p;

	if (file == NULL || *file == '\0') {
		buf_adds(b, "\\-");
		return;
	}
	p = fc->srcroot != NULL ? srcroot_path(fc->srcroot, file) :
	    xstrdup(file);
	md_escape(b, p, " ");
	if (line > 0)
		buf_printf(b, ":%u", line);
	free(p);
}

static void
counts(struct buf *b, const size_t n[3])
{
	buf_printf(b, " %zu | %zu | %zu |\n", n[SEV_ERROR], n[SEV_WARNING],
	    n[SEV_NOTE]);
}

static int
cmp_org(const void *a, const void *b)
{
	const char	*x = *(const char *const *)a;
	const char	*y = *(const char *const *)b;

	return x == NULL || y == NULL ? (x != NULL) - (y != NULL) :
	    strcmp(x, y);
}

static void
per_organization(struct buf *b, const struct findings *fs)
{
	const char	**orgs;
	size_t		  i, j, k, n[3], norgs = 0;

	orgs = xcalloc(fs->n + 1, sizeof(*orgs));
	for (i = 0; i < fs->n; i++)
		if (open_finding(fs->v[i]))
			orgs[norgs++] = fs->v[i]->org;
	if (norgs == 0) {
		free(orgs);
		return;
	}
	qsort(orgs, norgs, sizeof(*orgs), cmp_org);
	buf_adds(b, "\n### Per organization\n\n"
	    "| Organization | Errors | Warnings | Notes |\n"
	    "|---|---:|---:|---:|\n");
	for (i = 0; i < norgs; i = k) {
		for (k = i; k < norgs && cmp_org(&orgs[k], &orgs[i]) == 0; k++)
			continue;
		memset(n, 0, sizeof(n));
		for (j = 0; j < fs->n; j++)
			if (open_finding(fs->v[j]) &&
			    cmp_org(&fs->v[j]->org, &orgs[i]) == 0)
				n[fs->v[j]->severity]++;
		buf_adds(b, "| ");
		md_escape(b, orgs[i] != NULL ? orgs[i] : "(none)", " ");
		buf_adds(b, " |");
		counts(b, n);
	}
	free(orgs);
}

static void
per_rule(struct buf *b, const struct findings *fs)
{
	const struct lint_rule	*r;
	size_t			 i, j, n[3];
	int			 head = 0;

	for (i = 0; i < fs->rules->n; i++) {
		r = fs->rules->v[i];
		memset(n, 0, sizeof(n));
		for (j = 0; j < fs->n; j++)
			if (fs->v[j]->rule == r && open_finding(fs->v[j]))
				n[fs->v[j]->severity]++;
		if (n[0] + n[1] + n[2] == 0)
			continue;
		if (!head++)
			buf_adds(b, "\n### Per rule\n\n"
			    "| Rule | Name | Errors | Warnings | Notes |\n"
			    "|---|---|---:|---:|---:|\n");
		buf_adds(b, "| ");
		md_escape(b, r->id, " ");
		buf_adds(b, " | ");
		md_escape(b, r->name, " ");
		buf_adds(b, " |");
		counts(b, n);
	}
}

static void
left_out(struct buf *b, size_t n)
{
	if (n > 0)
		buf_printf(b, "\n%zu more not listed here; the other formats "
		    "list every finding.\n", n);
}

/* The errors with their fix; or, with 'only_new', every new finding. */
static void
finding_table(struct buf *b, const struct findings *fs,
    const struct format_ctx *fc, int only_new)
{
	const struct finding	*f;
	size_t			 i, rows = 0, more = 0;

	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (!open_finding(f) || (!only_new && f->severity != SEV_ERROR))
			continue;
		if (rows == MD_MAX_ROWS) {
			more++;
			continue;
		}
		if (rows++ == 0)
			buf_adds(b, only_new ?
			    "\n| Location | Severity | Rule | Message |\n"
			    "|---|---|---|---|\n" :
			    "\n| Location | Rule | Message | Fix |\n"
			    "|---|---|---|---|\n");
		buf_adds(b, "| ");
		location(b, fc, f->loc.file, f->loc.line);
		if (only_new)
			buf_printf(b, " | %s", severity_name(f->severity));
		buf_adds(b, " | ");
		md_escape(b, f->rule->id, " ");
		buf_adds(b, " | ");
		md_escape(b, f->message != NULL ? f->message : "", "<br>");
		if (!only_new) {
			buf_adds(b, " | ");
			md_escape(b, f->fix != NULL ? f->fix : "", "<br>");
		}
		buf_adds(b, " |\n");
	}
	if (rows == 0)
		buf_adds(b, only_new ? "\nNo new findings.\n" : "\nNone.\n");
	left_out(b, more);
}

static void
input_problems(struct buf *b, const struct format_ctx *fc)
{
	const struct diag	*g;
	size_t			 i, more = 0;

	if (fc->diags == NULL || fc->diags->n == 0)
		return;
	buf_adds(b, "\n### Input problems\n\n");
	for (i = 0; i < fc->diags->n; i++) {
		g = &fc->diags->v[i];
		if (i == MD_MAX_ROWS) {
			more = fc->diags->n - i;
			break;
		}
		buf_printf(b, "- **%s** ", severity_name(g->level));
		location(b, fc, g->file, g->line);
		buf_adds(b, ": ");
		md_escape(b, g->msg != NULL ? g->msg : "", " ");
		buf_addc(b, '\n');
	}
	left_out(b, more);
}

static void
resolved(struct buf *b, const struct baseline_cmp *cmp)
{
	const struct baseline_entry	*e;
	size_t				 i;

	if (cmp->nresolved == 0) {
		buf_adds(b, "\nNo baseline finding was resolved.\n");
		return;
	}
	buf_adds(b, "\n| Rule | Organization | Object | Message |\n"
	    "|---|---|---|---|\n");
	for (i = 0; i < cmp->nresolved && i < MD_MAX_ROWS; i++) {
		e = &cmp->resolved[i];
		buf_adds(b, "| ");
		md_escape(b, e->rule != NULL ? e->rule : "", " ");
		buf_adds(b, " | ");
		md_escape(b, e->organization != NULL ? e->organization : "",
		    " ");
		buf_adds(b, " | ");
		md_escape(b, e->object != NULL ? e->object : "", " ");
		buf_adds(b, " | ");
		md_escape(b, e->message != NULL ? e->message : "", "<br>");
		buf_adds(b, " |\n");
	}
	left_out(b, cmp->nresolved > MD_MAX_ROWS ?
	    cmp->nresolved - MD_MAX_ROWS : 0);
}

char *
format_markdown(const struct findings *fs, const struct format_ctx *fc)
{
	struct buf	 b = { 0 };
	size_t		 i, n[3] = { 0, 0, 0 }, waived = 0, base = 0;
	size_t		 nnew = 0, nerr = 0;

	for (i = 0; i < fs->n; i++) {
		if (fs->v[i]->waived)
			waived++;
		else if (fs->v[i]->baselined)
			base++;
		else
			n[fs->v[i]->severity]++;
	}
	nnew = n[0] + n[1] + n[2];
	for (i = 0; fc->diags != NULL && i < fc->diags->n; i++)
		nerr += fc->diags->v[i].level == SEV_ERROR;
	buf_adds(&b, "## hybridlint\n\n");
	buf_printf(&b, "%s%zu error%s%s, %zu warning%s, %zu note%s",
	    n[SEV_ERROR] > 0 ? "**" : "", n[SEV_ERROR],
	    n[SEV_ERROR] == 1 ? "" : "s", n[SEV_ERROR] > 0 ? "**" : "",
	    n[SEV_WARNING], n[SEV_WARNING] == 1 ? "" : "s", n[SEV_NOTE],
	    n[SEV_NOTE] == 1 ? "" : "s");
	if (waived > 0)
		buf_printf(&b, ", %zu waived", waived);
	if (base > 0)
		buf_printf(&b, ", %zu in baseline", base);
	if (fc->hidden > 0)
		buf_printf(&b, ", %zu below %s not shown", fc->hidden,
		    severity_name(fc->min_severity));
	if (nerr > 0)
		buf_printf(&b, "; **%zu input error%s**", nerr,
		    nerr == 1 ? "" : "s");
	buf_printf(&b, " (hybridlint %s, as of %s)\n\n", fc->version,
	    fc->asof);
	buf_printf(&b, "| Severity | Findings |\n|---|---:|\n"
	    "| error | %zu |\n| warning | %zu |\n| note | %zu |\n",
	    n[SEV_ERROR], n[SEV_WARNING], n[SEV_NOTE]);
	per_organization(&b, fs);
	per_rule(&b, fs);
	buf_adds(&b, "\n### Errors\n");
	finding_table(&b, fs, fc, 0);
	input_problems(&b, fc);
	if (fc->baseline != NULL) {
		buf_printf(&b, "\n### Against the baseline\n\n%zu new, %zu "
		    "resolved (the baseline holds %zu).\n\n#### New\n", nnew,
		    fc->baseline->nresolved, fc->baseline->nentries);
		finding_table(&b, fs, fc, 1);
		buf_adds(&b, "\n#### Resolved\n");
		resolved(&b, fc->baseline);
	}
	return buf_steal(&b);
}
