/*
 * diag.c: the one place input diagnostics are collected and printed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "utf8.h"
#include "xalloc.h"

static void
diag_vadd(struct diags *d, enum severity level, const char *file,
    unsigned line, unsigned col, const char *fmt, va_list ap)
{
	struct diag	*g;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	g = &d->v[d->n++];
	g->level = level;
	g->file = xstrdup(file != NULL ? file : "hybridlint");
	g->line = line;
	g->col = col;
	g->msg = xvasprintf(fmt, ap);
	if (level == SEV_ERROR)
		d->nerrors++;
}

void
diag_add(struct diags *d, enum severity level, const char *file,
    unsigned line, unsigned col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(d, level, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_addloc(struct diags *d, enum severity level, const struct loc *l,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	diag_vadd(d, level, l->file, l->line, l->col, fmt, ap);
	va_end(ap);
}

const char *
severity_name(enum severity l)
{
	switch (l) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

int
severity_parse(const char *s, enum severity *out)
{
	if (strcmp(s, "error") == 0)
		*out = SEV_ERROR;
	else if (strcmp(s, "warning") == 0)
		*out = SEV_WARNING;
	else if (strcmp(s, "note") == 0)
		*out = SEV_NOTE;
	else
		return -1;
	return 0;
}

void
print_safe(void *vfp, const char *s)
{
	struct buf	b = { 0 };

	utf8_escape(&b, s, 0);
	if (b.p != NULL)
		fputs(b.p, vfp);
	buf_free(&b);
}

void
diag_print(const struct diags *d, void *vfp)
{
	FILE		*fp = vfp;
	const struct diag *g;
	size_t		 i;

	for (i = 0; i < d->n; i++) {
		g = &d->v[i];
		print_safe(fp, g->file);
		if (g->line) {
			fprintf(fp, ":%u", g->line);
			if (g->col)
				fprintf(fp, ":%u", g->col);
		}
		fprintf(fp, ": %s: ", severity_name(g->level));
		print_safe(fp, g->msg);
		fputc('\n', fp);
	}
}

void
diag_free(struct diags *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = d->nerrors = 0;
}

struct loc
loc_dup(struct arena *a, const struct loc *l)
{
	struct loc	r = *l;

	r.file = arena_strdup(a, l->file);
	r.pointer = arena_strdup(a, l->pointer);
	return r;
}
