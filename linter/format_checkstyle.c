/*
 * format_checkstyle.c: Checkstyle's XML report, which Jenkins' Warnings
 * Next Generation plugin, reviewdog (-f=checkstyle) and many other tools
 * read:
 *
 *   <checkstyle version="4.3">
 *     <file name="F">
 *       <error line="N" severity="error|warning|info" message="M"
 *           source="hybridlint.HYB001"/>
 *     </file>
 *   </checkstyle>
 *
 * A <file> per file in the order of the findings (which are sorted by
 * file), findings without a file under name="".  Input diagnostics are
 * errors with source "hybridlint.input", under their file.  Waived and
 * baselined findings are left out.  Notes are "info".
 */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lint.h"
#include "xalloc.h"
#include "xmlout.h"

static const char *
cs_severity(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" :
	    "info";
}

static int
same_file(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static void
error_elem(struct buf *b, unsigned line, enum severity sev, const char *msg,
    const char *source)
{
	buf_adds(b, "    <error");
	if (line > 0)
		buf_printf(b, " line=\"%u\"", line);
	xml_attr(b, "severity", cs_severity(sev));
	xml_attr(b, "message", msg != NULL ? msg : "");
	xml_attr(b, "source", source);
	buf_adds(b, "/>\n");
}

char *
format_checkstyle(const struct findings *fs, const struct format_ctx *fc)
{
	const struct diags	*d = fc->diags;
	const struct finding	*f;
	struct buf		 b = { 0 };
	const char		*file;
	size_t			 i, j;
	char			*src, *msg;
	int			 open = 0, done;

	buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<checkstyle version=\"4.3\">\n");
	/* Input diagnostics, a <file> per file in their order. */
	for (i = 0; d != NULL && i < d->n; i++) {
		for (j = 0, done = 0; j < i && !done; j++)
			done = same_file(d->v[j].file, d->v[i].file);
		if (done)
			continue;
		buf_adds(&b, "  <file");
		xml_attr(&b, "name", d->v[i].file != NULL ? d->v[i].file : "");
		buf_adds(&b, ">\n");
		for (j = i; j < d->n; j++)
			if (same_file(d->v[j].file, d->v[i].file))
				error_elem(&b, d->v[j].line, d->v[j].level,
				    d->v[j].msg, "hybridlint.input");
		buf_adds(&b, "  </file>\n");
	}
	file = NULL;
	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (f->waived || f->baselined)
			continue;
		if (!open || !same_file(file, f->loc.file)) {
			if (open)
				buf_adds(&b, "  </file>\n");
			buf_adds(&b, "  <file");
			xml_attr(&b, "name", f->loc.file != NULL ? f->loc.file :
			    "");
			buf_adds(&b, ">\n");
			file = f->loc.file;
			open = 1;
		}
		src = xasprintf("hybridlint.%s", f->rule->id);
		msg = xasprintf("%s [%s %s]", f->message != NULL ? f->message :
		    "", f->rule->id, f->rule->name);
		error_elem(&b, f->loc.line, f->severity, msg, src);
		free(msg);
		free(src);
	}
	if (open)
		buf_adds(&b, "  </file>\n");
	buf_adds(&b, "</checkstyle>\n");
	return buf_steal(&b);
}
