/*
 * format_codeclimate.c: GitLab Code Quality, the report GitLab's merge
 * request widget reads (artifacts:reports:codequality): a JSON array of
 * issues, each with a description, a check_name, a fingerprint, a
 * severity (info, minor, major, critical, blocker) and a location whose
 * path is relative to the repository (the source root) and whose
 * lines.begin is the line.  Code Climate's type and categories are added
 * so other Code Climate consumers read it too.
 *
 * Findings that are waived or in the baseline are not issues.  Severity:
 * an error is critical when its rule's security-severity is 9.0 or more,
 * else major; a warning is minor; a note is info.  An input error (a
 * file that could not be read) is a blocker: the merge request widget
 * must not show a clean report for exports that were not linted.
 * Written without a byte order mark, which GitLab's parser refuses.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "format.h"
#include "jsonout.h"
#include "lint.h"
#include "mdout.h"
#include "srcroot.h"
#include "xalloc.h"

static const char *
cq_severity(const struct finding *f)
{
	if (f->severity == SEV_ERROR)
		return strtod(rule_security_severity(f->rule), NULL) >= 9.0 ?
		    "critical" : "major";
	return f->severity == SEV_WARNING ? "minor" : "info";
}

/* A stable fingerprint for an input diagnostic (it has none). */
static char *
diag_fingerprint(const struct diag *g)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0, i;
	char		*in, hex[33];

	in = xasprintf("input\x1f%s\x1f%u\x1f%s", g->file != NULL ? g->file :
	    "", g->line, g->msg != NULL ? g->msg : "");
	if (EVP_Digest(in, strlen(in), md, &mdlen, EVP_md5(), NULL) != 1)
		mdlen = 0;
	free(in);
	for (i = 0; i < mdlen && i < 16; i++)
		snprintf(hex + i * 2, 3, "%02x", md[i]);
	hex[i * 2] = '\0';
	return xstrdup(hex);
}

static json_t *
issue(const struct format_ctx *fc, const char *check, const char *desc,
    const char *fingerprint, const char *severity, const char *category,
    const char *file, unsigned line, const char *body)
{
	json_t	*o, *loc;
	char	*path;

	o = json_object();
	json_object_set_new(o, "type", json_text("issue"));
	json_object_set_new(o, "check_name", json_text(check));
	json_object_set_new(o, "description", json_text(desc != NULL &&
	    *desc != '\0' ? desc : check));
	json_object_set_new(o, "categories", json_pack("[s]", category));
	if (body != NULL)
		json_object_set_new(o, "content", json_pack("{so}", "body",
		    json_text(body)));
	json_object_set_new(o, "fingerprint", json_text(fingerprint));
	json_object_set_new(o, "severity", json_text(severity));
	path = file == NULL || *file == '\0' ? xstrdup(".") :
	    fc->srcroot != NULL ? srcroot_path(fc->srcroot, file) :
	    xstrdup(file);
	loc = json_object();
	json_object_set_new(loc, "path", json_text(path));
	json_object_set_new(loc, "lines", json_pack("{sI}", "begin",
	    (json_int_t)(line > 0 ? line : 1)));
	json_object_set_new(o, "location", loc);
	free(path);
	return o;
}

/*
 * The body shown when the issue is opened (Markdown): the evidence path
 * and the fix as an indented code block; or NULL.
 */
static char *
body_of(const struct finding *f)
{
	struct buf	 b = { 0 };
	const char	*p;

	if (f->path == NULL && f->fix == NULL)
		return NULL;
	if (f->path != NULL) {
		buf_adds(&b, "Evidence path: ");
		md_escape(&b, f->path, " ");
		buf_adds(&b, "\n");
	}
	if (f->fix != NULL) {
		buf_adds(&b, f->path != NULL ? "\nFix:\n\n    " :
		    "Fix:\n\n    ");
		for (p = f->fix; *p != '\0'; p++) {
			buf_addc(&b, *p);
			if (*p == '\n')
				buf_adds(&b, "    ");
		}
		buf_addc(&b, '\n');
	}
	return buf_steal(&b);
}

char *
format_codeclimate(const struct findings *fs, const struct format_ctx *fc)
{
	const struct finding	*f;
	const struct diag	*g;
	json_t			*arr;
	char			*check, *fp, *body, *out;
	size_t			 i;

	arr = json_array();
	for (i = 0; fc->diags != NULL && i < fc->diags->n; i++) {
		g = &fc->diags->v[i];
		if (g->level != SEV_ERROR)
			continue;
		fp = diag_fingerprint(g);
		json_array_append_new(arr, issue(fc, "hybridlint/input",
		    g->msg, fp, "blocker", "Bug Risk", g->file, g->line,
		    NULL));
		free(fp);
	}
	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (f->waived || f->baselined)
			continue;
		check = xasprintf("hybridlint/%s", f->rule->id);
		body = body_of(f);
		json_array_append_new(arr, issue(fc, check, f->message,
		    f->fingerprint != NULL ? f->fingerprint : "",
		    cq_severity(f),
		    strtod(rule_security_severity(f->rule), NULL) >= 7.0 ?
		    "Security" : "Bug Risk", f->loc.file, f->loc.line, body));
		free(body);
		free(check);
	}
	out = json_render(arr);
	json_decref(arr);
	return out;
}
