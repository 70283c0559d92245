/*
 * format_text.c: "path:line: severity: message [ID name]", then the
 * evidence path and the fix, indented.
 */
#include <stdlib.h>
#include <string.h>

#include "format_text.h"
#include "strmap.h"
#include "xalloc.h"

static const char *
color_of(enum severity s)
{
	return s == SEV_ERROR ? "\033[1;31m" : s == SEV_WARNING ?
	    "\033[1;33m" : "\033[1;36m";
}

void
format_text(const struct findings *fs, FILE *fp, int color)
{
	const struct finding	*f;
	const char		*p, *nl;
	size_t			 i, j;

	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (f->loc.file != NULL) {
			print_safe(fp, f->loc.file);
			if (f->loc.line)
				fprintf(fp, ":%u", f->loc.line);
			fputs(": ", fp);
		}
		fprintf(fp, "%s%s%s: ", color ? color_of(f->severity) : "",
		    severity_name(f->severity), color ? "\033[0m" : "");
		print_safe(fp, f->message);
		fprintf(fp, " [%s %s]%s\n", f->rule->id, f->rule->name,
		    f->waived ? " (waived)" : f->baselined ? " (baseline)" :
		    "");
		if (f->path != NULL) {
			fputs("  path: ", fp);
			print_safe(fp, f->path);
			fputc('\n', fp);
		}
		if (f->change.file != NULL) {
			fputs("  change: ", fp);
			print_safe(fp, f->change.file);
			fprintf(fp, ":%u: ", f->change.line);
			print_safe(fp, f->change_cmd);
			fputc('\n', fp);
		}
		for (j = 0; j < f->nreasons; j++) {
			fputs("  why:  ", fp);
			print_safe(fp, f->reasons[j]);
			fputc('\n', fp);
		}
		/* Lines of the fix; what they quote cannot add lines. */
		for (p = f->fix; p != NULL && *p; p = nl) {
			char *line;

			nl = strchr(p, '\n');
			line = xstrndup(p, nl != NULL ? (size_t)(nl - p) :
			    strlen(p));
			fprintf(fp, "  %s ", p == f->fix ? "fix: " : "     ");
			print_safe(fp, line);
			fputc('\n', fp);
			free(line);
			if (nl != NULL)
				nl++;
		}
	}
}

/* Files with input errors (each named once), and the errors. */
static size_t
failed_files(const struct diags *d, size_t *nerrors)
{
	struct strmap	*files = strmap_new();
	size_t		 i, n = 0;

	*nerrors = 0;
	for (i = 0; d != NULL && i < d->n; i++) {
		if (d->v[i].level != SEV_ERROR)
			continue;
		(*nerrors)++;
		/* "" stands for the errors of no file. */
		n += strmap_once(files, d->v[i].file != NULL ? d->v[i].file :
		    "", NULL);
	}
	strmap_free(files);
	return n;
}

void
format_summary(const struct findings *fs, const struct format_ctx *fc,
    FILE *fp)
{
	size_t	i, n[3] = { 0, 0, 0 }, waived = 0, base = 0, nfiles, nerr;

	for (i = 0; i < fs->n; i++) {
		if (fs->v[i]->waived)
			waived++;
		else if (fs->v[i]->baselined)
			base++;
		else
			n[fs->v[i]->severity]++;
	}
	fprintf(fp, "%zu error%s, %zu warning%s, %zu note%s", n[SEV_ERROR],
	    n[SEV_ERROR] == 1 ? "" : "s", n[SEV_WARNING],
	    n[SEV_WARNING] == 1 ? "" : "s", n[SEV_NOTE],
	    n[SEV_NOTE] == 1 ? "" : "s");
	if (waived)
		fprintf(fp, ", %zu waived", waived);
	if (base)
		fprintf(fp, ", %zu in baseline", base);
	if (fc != NULL && fc->hidden > 0)
		fprintf(fp, ", %zu below %s not shown", fc->hidden,
		    severity_name(fc->min_severity));
	if (fc != NULL && (nfiles = failed_files(fc->diags, &nerr)) > 0)
		fprintf(fp, "; %zu file%s failed to load (%zu input error%s)",
		    nfiles, nfiles == 1 ? "" : "s", nerr, nerr == 1 ? "" : "s");
	fputc('\n', fp);
}

void
format_resolved(const struct baseline_cmp *cmp, FILE *fp)
{
	const struct baseline_entry	*e;
	size_t				 i;

	if (cmp == NULL || cmp->nresolved == 0)
		return;
	fprintf(fp, "Resolved since the baseline (%zu):\n", cmp->nresolved);
	for (i = 0; i < cmp->nresolved; i++) {
		e = &cmp->resolved[i];
		fprintf(fp, "  %s ", e->rule != NULL ? e->rule : "?");
		print_safe(fp, e->object != NULL ? e->object : "-");
		fputs(" (", fp);
		print_safe(fp, e->organization != NULL ? e->organization :
		    "-");
		fputs("): ", fp);
		print_safe(fp, e->message != NULL ? e->message : "");
		fputc('\n', fp);
	}
}

/* One count line, the key escaped. */
static void
count_line(FILE *fp, const char *key, const char *name, size_t n[3])
{
	fputs("  ", fp);
	print_safe(fp, key);
	if (name != NULL)
		fprintf(fp, " %s", name);
	fprintf(fp, ": %zu error%s, %zu warning%s, %zu note%s\n", n[SEV_ERROR],
	    n[SEV_ERROR] == 1 ? "" : "s", n[SEV_WARNING],
	    n[SEV_WARNING] == 1 ? "" : "s", n[SEV_NOTE],
	    n[SEV_NOTE] == 1 ? "" : "s");
}

static int
cmp_str0(const void *a, const void *b)
{
	const char	*x = *(const char *const *)a;
	const char	*y = *(const char *const *)b;

	return x == NULL || y == NULL ? (x != NULL) - (y != NULL) :
	    strcmp(x, y);
}

void
format_statistics(const struct findings *fs, FILE *fp)
{
	const struct lint_rule	*r;
	const char		**orgs;
	size_t			 i, j, k, n[3], norgs = 0;

	fputs("Findings per rule:\n", fp);
	for (i = 0; i < fs->rules->n; i++) {
		r = fs->rules->v[i];
		memset(n, 0, sizeof(n));
		for (j = 0; j < fs->n; j++)
			if (fs->v[j]->rule == r && !fs->v[j]->waived &&
			    !fs->v[j]->baselined)
				n[fs->v[j]->severity]++;
		if (n[0] + n[1] + n[2] > 0)
			count_line(fp, r->id, r->name, n);
	}
	fputs("Findings per organization:\n", fp);
	orgs = xcalloc(fs->n + 1, sizeof(*orgs));
	for (i = 0; i < fs->n; i++)
		if (!fs->v[i]->waived && !fs->v[i]->baselined)
			orgs[norgs++] = fs->v[i]->org;
	if (norgs > 1)
		qsort(orgs, norgs, sizeof(*orgs), cmp_str0);
	for (i = 0; i < norgs; i = k) {
		for (k = i; k < norgs && cmp_str0(&orgs[k], &orgs[i]) == 0;
		    k++)
			continue;
		memset(n, 0, sizeof(n));
		for (j = 0; j < fs->n; j++)
			if (!fs->v[j]->waived && !fs->v[j]->baselined &&
			    cmp_str0(&fs->v[j]->org, &orgs[i]) == 0)
				n[fs->v[j]->severity]++;
		count_line(fp, orgs[i] != NULL ? orgs[i] : "(none)", NULL, n);
	}
	free(orgs);
}
