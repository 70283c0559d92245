/*
 * format_text.c: "path:line: severity: message [ID name]", then the
 * evidence path and the fix, indented.
 */
#include <stdlib.h>
#include <string.h>

#include "format_text.h"
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
	size_t			 i;

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
