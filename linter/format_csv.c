/*
 * format_csv.c: a row per finding, for spreadsheets (RFC 4180): a header
 * row, fields separated by commas, records by CRLF, every text field in
 * double quotes with quotes doubled (so commas, quotes and the line
 * breaks of a fix stay inside their cell).
 *
 * A spreadsheet runs a cell that starts with =, +, - or @ as a formula
 * (CSV injection), and some treat a leading tab or carriage return the
 * same way: such a cell gets a leading apostrophe, which spreadsheets
 * show as text.  Bytes that are not UTF-8 become U+FFFD.
 *
 * Columns: severity, rule, name, organization, file, line, kind, object,
 * message, path, fix, status (open, waived, baselined), fingerprint.
 * Input diagnostics are not findings and are not rows.
 */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lint.h"
#include "utf8.h"
#include "xalloc.h"

static void
field(struct buf *b, const char *s, int last)
{
	char		*clean;
	const char	*p;

	clean = utf8_clean(s != NULL ? s : "");
	buf_addc(b, '"');
	if (strchr("=+-@\t\r", clean[0]) != NULL && clean[0] != '\0')
		buf_addc(b, '\'');
	for (p = clean; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	buf_addc(b, '"');
	buf_adds(b, last ? "\r\n" : ",");
	free(clean);
}

char *
format_csv(const struct findings *fs, const struct format_ctx *fc)
{
	const struct finding	*f;
	struct buf		 b = { 0 };
	size_t			 i;

	(void)fc;
	buf_adds(&b, "severity,rule,name,organization,file,line,kind,object,"
	    "message,path,fix,status,fingerprint\r\n");
	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		field(&b, severity_name(f->severity), 0);
		field(&b, f->rule->id, 0);
		field(&b, f->rule->name, 0);
		field(&b, f->org, 0);
		field(&b, f->loc.file, 0);
		buf_printf(&b, "%u,", f->loc.line);
		field(&b, f->kind, 0);
		field(&b, f->object, 0);
		field(&b, f->message, 0);
		field(&b, f->path, 0);
		field(&b, f->fix, 0);
		field(&b, f->waived ? "waived" : f->baselined ? "baselined" :
		    "open", 0);
		field(&b, f->fingerprint, 1);
	}
	return buf_steal(&b);
}
