/*
 * format_json.c: the findings of a run as hybridlint-findings/1, the
 * shape schemas/findings.schema.json fixes.
 *
 * Every key of a finding is always present (null where a finding has no
 * value) except location.pointer, location.logical, waiver_reason and
 * pack (the rule pack of a rule that is not built in), so consumers can
 * index without testing.  With a baseline, "resolved" lists its entries
 * that no current finding has.  Strings that are not valid
 * UTF-8 (an X.509 name, say) have their bad bytes replaced by U+FFFD,
 * because JSON cannot carry them.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "format.h"
#include "jsonout.h"
#include "xalloc.h"

json_t *
format_json_finding(const struct finding *f)
{
	json_t	*o, *loc, *r;
	size_t	 i;

	o = json_object();
	json_object_set_new(o, "rule", json_text(f->rule->id));
	json_object_set_new(o, "name", json_text(f->rule->name));
	if (f->rule->source != NULL)
		json_object_set_new(o, "pack", json_pack("{soso}", "name",
		    json_text(f->rule->source->name), "version",
		    json_text(f->rule->source->version)));
	json_object_set_new(o, "severity", json_text(severity_name(f->severity)));
	json_object_set_new(o, "message", json_text(f->message != NULL ?
	    f->message : ""));
	loc = json_object();
	json_object_set_new(loc, "file", json_text(f->loc.file));
	json_object_set_new(loc, "line", json_integer(f->loc.line));
	if (f->loc.pointer != NULL)
		json_object_set_new(loc, "pointer", json_text(f->loc.pointer));
	if (f->logical != NULL)
		json_object_set_new(loc, "logical", json_text(f->logical));
	json_object_set_new(o, "location", loc);
	json_object_set_new(o, "organization", json_text(f->org));
	json_object_set_new(o, "kind", json_text(f->kind));
	json_object_set_new(o, "object", json_text(f->object));
	json_object_set_new(o, "path", json_text(f->path));
	if (f->nreasons > 0) {
		r = json_array();
		for (i = 0; i < f->nreasons; i++)
			json_array_append_new(r, json_text(f->reasons[i]));
		json_object_set_new(o, "reasons", r);
	}
	json_object_set_new(o, "fix", json_text(f->fix));
	json_object_set_new(o, "resolved_by", f->resolved_by == NULL ?
	    json_null() : json_pack("{soso}", "rule",
	    json_text(f->resolved_by->rule->id), "fingerprint",
	    json_text(f->resolved_by->fingerprint)));
	json_object_set_new(o, "fingerprint", json_text(f->fingerprint));
	json_object_set_new(o, "waived", json_boolean(f->waived));
	if (f->waived && f->waiver_reason != NULL)
		json_object_set_new(o, "waiver_reason",
		    json_text(f->waiver_reason));
	json_object_set_new(o, "baselined", json_boolean(f->baselined));
	json_object_set_new(o, "manual", json_boolean(f->manual));
	if (f->change.file != NULL) {
		loc = json_object();
		json_object_set_new(loc, "file", json_text(f->change.file));
		json_object_set_new(loc, "line", json_integer(f->change.line));
		json_object_set_new(loc, "col", json_integer(f->change.col));
		json_object_set_new(loc, "command", json_text(f->change_cmd));
		json_object_set_new(o, "change", loc);
	}
	return o;
}

/* The baseline's entries that no finding has any more. */
static json_t *
resolved_json(const struct baseline_cmp *cmp)
{
	const struct baseline_entry	*e;
	json_t				*arr, *o;
	size_t				 i;

	arr = json_array();
	for (i = 0; i < cmp->nresolved; i++) {
		e = &cmp->resolved[i];
		o = json_object();
		json_object_set_new(o, "fingerprint",
		    json_text(e->fingerprint));
		json_object_set_new(o, "rule", json_text(e->rule));
		json_object_set_new(o, "organization",
		    json_text(e->organization));
		json_object_set_new(o, "object", json_text(e->object));
		json_object_set_new(o, "message", json_text(e->message));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* Finding i, for json_render_streamed. */
static json_t *
finding_item(void *arg, size_t i)
{
	const struct findings	*fs = arg;

	return format_json_finding(fs->v[i]);
}

/* The document with an empty "findings" array. */
static json_t *
document(const struct findings *fs, const struct format_ctx *fc)
{
	const struct finding	*f;
	json_t			*root, *o;
	size_t			 i, n[3] = { 0, 0, 0 };
	size_t			 waived = 0, base = 0;

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
	json_object_set_new(root, "schema", json_text("hybridlint-findings/1"));
	o = json_object();
	json_object_set_new(o, "name", json_text("hybridlint"));
	json_object_set_new(o, "version", json_text(fc->version));
	json_object_set_new(root, "tool", o);
	json_object_set_new(root, "as_of", json_text(fc->asof));
	if (fc->config != NULL)
		json_object_set_new(root, "config", json_text(fc->config));
	o = json_object();
	json_object_set_new(o, "error", json_integer((json_int_t)n[SEV_ERROR]));
	json_object_set_new(o, "warning",
	    json_integer((json_int_t)n[SEV_WARNING]));
	json_object_set_new(o, "note", json_integer((json_int_t)n[SEV_NOTE]));
	json_object_set_new(o, "waived", json_integer((json_int_t)waived));
	json_object_set_new(o, "baselined", json_integer((json_int_t)base));
	if (fc->hidden > 0) {
		json_object_set_new(o, "not_shown",
		    json_integer((json_int_t)fc->hidden));
		json_object_set_new(o, "min_severity",
		    json_text(severity_name(fc->min_severity)));
	}
	json_object_set_new(root, "summary", o);
	json_object_set_new(root, "findings", json_array());
	if (fc->baseline != NULL)
		json_object_set_new(root, "resolved",
		    resolved_json(fc->baseline));
	json_object_set_new(root, "diagnostics", diags_json(fc->diags));
	return root;
}

char *
format_json(const struct findings *fs, const struct format_ctx *fc)
{
	json_t	*root = document(fs, fc);
	char	*out;

	out = json_render_streamed(root, "findings", fs->n, finding_item,
	    (void *)fs);
	json_decref(root);
	return out;
}

struct json_stream *
format_json_stream(const struct findings *fs, const struct format_ctx *fc)
{
	json_t			*root = document(fs, fc);
	struct json_stream	*js;

	js = json_stream_open(root, "findings", fs->n, finding_item,
	    (void *)fs);
	json_decref(root);
	return js;
}
