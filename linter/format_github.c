/*
 * format_github.c: GitHub Actions workflow commands, one line each:
 *
 *   ::error file=F,line=N,title=HYB001 name::message%0Apath: P%0Afix: X
 *
 * Input diagnostics come first (::error, ::warning or ::notice with the
 * title "hybridlint input"), then every finding that is neither waived
 * nor baselined: errors as ::error, warnings as ::warning, notes as
 * ::notice.  Files are named relative to the source root, as GitHub
 * needs.  GitHub shows only 10 annotations of each level per step, so
 * at most GITHUB_MAX_PER_LEVEL of each are written and a closing
 * ::notice says how many were left out.  Text from the inputs is escaped as in text output (controls,
 * separators and bidirectional controls as \u{XXXX}); then GitHub's
 * escaping: in the message % \r \n become %25 %0D %0A; in property
 * values also : and , become %3A and %2C.
 */
#include <stdlib.h>

#include "format.h"
#include "srcroot.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * Text from the inputs as every text output shows it (utf8_escape: the
 * newlines of a fix, and only those, kept), then GitHub's escaping.
 */
static void
escape(struct buf *b, const char *raw, int property, int newlines)
{
	struct buf	 safe = { 0 };
	const char	*s;

	utf8_escape(&safe, raw, newlines ? '\n' : 0);
	for (s = safe.p; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '%':
			buf_adds(b, "%25");
			break;
		case '\r':
			buf_adds(b, "%0D");
			break;
		case '\n':
			buf_adds(b, "%0A");
			break;
		case ':':
			buf_adds(b, property ? "%3A" : ":");
			break;
		case ',':
			buf_adds(b, property ? "%2C" : ",");
			break;
		default:
			buf_addc(b, *s);
			break;
		}
	}
	buf_free(&safe);
}

/* "::CMD file=F,line=N,col=C,title=T::" */
static void
command(struct buf *b, const struct format_ctx *fc, const char *cmd,
    const char *file, unsigned line, unsigned col, const char *title)
{
	const char	*sep = " ";
	char		*path;

	buf_printf(b, "::%s", cmd);
	if (file != NULL && *file != '\0') {
		buf_adds(b, " file=");
		path = fc->srcroot != NULL ? srcroot_path(fc->srcroot, file) :
		    xstrdup(file);
		escape(b, path, 1, 0);
		free(path);
		sep = ",";
		if (line > 0) {
			buf_printf(b, ",line=%u", line);
			if (col > 0)
				buf_printf(b, ",col=%u", col);
		}
	}
	buf_printf(b, "%stitle=", sep);
	escape(b, title, 1, 0);
	buf_adds(b, "::");
}

char *
format_github(const struct findings *fs, const struct format_ctx *fc)
{
	/* Indexed by enum severity and by enum severity alike. */
	static const char *const cmd[] = { "notice", "warning", "error" };
	const struct finding	*f;
	const struct diag	*g;
	struct buf		 b = { 0 };
	size_t			 i, shown[3] = { 0, 0, 0 };
	size_t			 left[3] = { 0, 0, 0 };
	char			*title;

	for (i = 0; fc->diags != NULL && i < fc->diags->n; i++) {
		g = &fc->diags->v[i];
		if (shown[g->level] == GITHUB_MAX_PER_LEVEL) {
			left[g->level]++;
			continue;
		}
		shown[g->level]++;
		command(&b, fc, cmd[g->level], g->file, g->line, g->col,
		    "hybridlint input");
		escape(&b, g->msg, 0, 0);
		buf_addc(&b, '\n');
	}
	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (f->waived || f->baselined)
			continue;
		if (shown[f->severity] == GITHUB_MAX_PER_LEVEL) {
			left[f->severity]++;
			continue;
		}
		shown[f->severity]++;
		title = xasprintf("%s %s", f->rule->id, f->rule->name);
		command(&b, fc, cmd[f->severity], f->loc.file, f->loc.line, 0,
		    title);
		free(title);
		escape(&b, f->message, 0, 0);
		if (f->path != NULL) {
			buf_adds(&b, "%0Apath: ");
			escape(&b, f->path, 0, 0);
		}
		if (f->fix != NULL) {
			buf_adds(&b, "%0Afix: ");
			escape(&b, f->fix, 0, 1);
		}
		buf_addc(&b, '\n');
	}
	if (left[SEV_ERROR] + left[SEV_WARNING] + left[SEV_NOTE] > 0)
		buf_printf(&b, "::notice title=hybridlint::%zu error%s, %zu "
		    "warning%s and %zu note%s not shown as annotations (at "
		    "most %d of each level are); the job summary and the "
		    "other formats list every finding\n", left[SEV_ERROR],
		    left[SEV_ERROR] == 1 ? "" : "s", left[SEV_WARNING],
		    left[SEV_WARNING] == 1 ? "" : "s", left[SEV_NOTE],
		    left[SEV_NOTE] == 1 ? "" : "s", GITHUB_MAX_PER_LEVEL);
	return b.p != NULL ? buf_steal(&b) : xstrdup("");
}
