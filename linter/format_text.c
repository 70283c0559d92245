/*
 * format_text.c: "path:line: severity: message [ID name]", then the
 * evidence path and the fix, indented.
 */
#include <string.h>

#include "format_text.h"

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
	size_t			 i;

	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (f->loc.file != NULL) {
			fputs(f->loc.file, fp);
			if (f->loc.line)
				fprintf(fp, ":%u", f->loc.line);
			fputs(": ", fp);
		}
		fprintf(fp, "%s%s%s: %s [%s %s]%s\n", color ?
		    color_of(f->severity) : "", severity_name(f->severity),
		    color ? "\033[0m" : "", f->message, f->rule->id,
		    f->rule->name, f->waived ? " (waived)" :
		    f->baselined ? " (baseline)" : "");
		if (f->path != NULL)
			fprintf(fp, "  path: %s\n", f->path);
		if (f->fix != NULL) {
			for (p = f->fix; p != NULL && *p; p = nl) {
				nl = strchr(p, '\n');
				fprintf(fp, "  %s %.*s\n", p == f->fix ?
				    "fix: " : "     ", nl != NULL ?
				    (int)(nl - p) : (int)strlen(p), p);
				if (nl != NULL)
					nl++;
			}
		}
	}
}

void
format_summary(const struct findings *fs, FILE *fp)
{
	size_t	i, n[3] = { 0, 0, 0 }, waived = 0, base = 0;

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
	fputc('\n', fp);
}
