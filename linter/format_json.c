/*
 * format_json.c: the findings of a run as hybridlint-findings/1, the
 * shape schemas/findings.schema.json fixes.
 *
 * Every key of a finding is always present (null where a finding has no
 * value) except location.pointer, location.logical and waiver_reason,
 * so consumers can index without testing.  Strings that are not valid
 * UTF-8 (an X.509 name, say) have their bad bytes replaced by U+FFFD,
 * because JSON cannot carry them.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "format.h"
#include "xalloc.h"

/* Length of the valid UTF-8 sequence at p, or 0. */
static size_t
utf8_seq(const unsigned char *p)
{
	size_t	n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	/* Overlong forms, surrogates, beyond U+10FFFF. */
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
		return 0;
	return n;
}

/* A JSON string, or null for NULL; bad UTF-8 bytes become U+FFFD. */
static json_t *
jstr(const char *s)
{
	struct buf		 b = { 0 };
	const unsigned char	*p;
	json_t			*j;
	size_t			 n;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		if ((n = utf8_seq(p)) == 0) {
			buf_adds(&b, "\xef\xbf\xbd");
			n = 1;
		} else
			buf_add(&b, p, n);
	}
	j = json_string(b.p != NULL ? b.p : "");
	buf_free(&b);
	return j;
}

static json_t *
finding_json(const struct finding *f)
{
	json_t	*o, *loc;

	o = json_object();
	json_object_set_new(o, "rule", jstr(f->rule->id));
	json_object_set_new(o, "name", jstr(f->rule->name));
	json_object_set_new(o, "severity", jstr(severity_name(f->severity)));
	json_object_set_new(o, "message", jstr(f->message != NULL ?
	    f->message : ""));
	loc = json_object();
	json_object_set_new(loc, "file", jstr(f->loc.file));
	json_object_set_new(loc, "line", json_integer(f->loc.line));
	if (f->loc.pointer != NULL)
		json_object_set_new(loc, "pointer", jstr(f->loc.pointer));
	if (f->logical != NULL)
		json_object_set_new(loc, "logical", jstr(f->logical));
	json_object_set_new(o, "location", loc);
	json_object_set_new(o, "organization", jstr(f->org));
	json_object_set_new(o, "kind", jstr(f->kind));
	json_object_set_new(o, "object", jstr(f->object));
	json_object_set_new(o, "path", jstr(f->path));
	json_object_set_new(o, "fix", jstr(f->fix));
	json_object_set_new(o, "fingerprint", jstr(f->fingerprint));
	json_object_set_new(o, "waived", json_boolean(f->waived));
	if (f->waived && f->waiver_reason != NULL)
		json_object_set_new(o, "waiver_reason",
		    jstr(f->waiver_reason));
	json_object_set_new(o, "baselined", json_boolean(f->baselined));
	return o;
}

static json_t *
diag_json(const struct diag *g)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "level", jstr(diag_level_name(g->level)));
	json_object_set_new(o, "file", jstr(g->file));
	if (g->line > 0)
		json_object_set_new(o, "line", json_integer(g->line));
	if (g->col > 0)
		json_object_set_new(o, "column", json_integer(g->col));
	json_object_set_new(o, "message", jstr(g->msg != NULL ? g->msg : ""));
	return o;
}

char *
format_json(const struct findings *fs, const struct format_ctx *fc)
{
	const struct finding	*f;
	json_t			*root, *o, *arr;
	size_t			 i, n[3] = { 0, 0, 0 };
	size_t			 waived = 0, base = 0;
	char			*s, *out;

	/* Counted as the text summary counts: waived, baselined, the rest. */
	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (f->waived)
			waived++;
		else if (f->baselined)
			base++;
		else
			n[f->severity]++;
	}
	root = json_object();
	json_object_set_new(root, "schema", jstr("hybridlint-findings/1"));
	o = json_object();
	json_object_set_new(o, "name", jstr("hybridlint"));
	json_object_set_new(o, "version", jstr(fc->version));
	json_object_set_new(root, "tool", o);
	json_object_set_new(root, "as_of", jstr(fc->asof));
	o = json_object();
	json_object_set_new(o, "error", json_integer((json_int_t)n[SEV_ERROR]));
	json_object_set_new(o, "warning",
	    json_integer((json_int_t)n[SEV_WARNING]));
	json_object_set_new(o, "note", json_integer((json_int_t)n[SEV_NOTE]));
	json_object_set_new(o, "waived", json_integer((json_int_t)waived));
	json_object_set_new(o, "baselined", json_integer((json_int_t)base));
	json_object_set_new(root, "summary", o);
	arr = json_array();
	for (i = 0; i < fs->n; i++)
		json_array_append_new(arr, finding_json(fs->v[i]));
	json_object_set_new(root, "findings", arr);
	arr = json_array();
	for (i = 0; fc->diags != NULL && i < fc->diags->n; i++)
		json_array_append_new(arr, diag_json(&fc->diags->v[i]));
	json_object_set_new(root, "diagnostics", arr);
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (s == NULL)
		return NULL;
	out = xasprintf("%s\n", s);
	free(s);
	return out;
}
