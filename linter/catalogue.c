/*
 * catalogue.c: the rule catalogue and the explain page.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "jsonout.h"

void
catalogue_text(const struct ruleset *rs, FILE *fp)
{
	const struct lint_rule	*r;
	size_t			 i;
	int			 w = 6;

	for (i = 0; i < rs->n; i++)
		if ((int)strlen(rs->v[i]->id) > w)
			w = (int)strlen(rs->v[i]->id);
	for (i = 0; i < rs->n; i++) {
		r = rs->v[i];
		fprintf(fp, "%-*s  %-7s  %-45s  %s", w, r->id,
		    severity_name(r->severity), r->name, r->summary);
		if (r->source != NULL)
			fprintf(fp, " [pack %s %s]", r->source->name,
			    r->source->version);
		fputc('\n', fp);
	}
}

char *
catalogue_json(const struct ruleset *rs)
{
	const struct lint_rule	*r;
	json_t			*arr, *o;
	size_t			 i;
	char			*out;

	arr = json_array();
	for (i = 0; i < rs->n; i++) {
		r = rs->v[i];
		o = json_object();
		json_object_set_new(o, "id", json_string(r->id));
		json_object_set_new(o, "name", json_string(r->name));
		json_object_set_new(o, "severity",
		    json_string(severity_name(r->severity)));
		json_object_set_new(o, "summary", json_string(r->summary));
		json_object_set_new(o, "tags", json_string(r->tags));
		if (r->source != NULL)
			json_object_set_new(o, "pack", json_pack("{ssss}",
			    "name", r->source->name, "version",
			    r->source->version));
		json_array_append_new(arr, o);
	}
	out = json_render(arr);
	json_decref(arr);
	return out;
}

void
explain_text(const struct lint_rule *r, FILE *fp)
{
	const struct rule_option	*o;
	size_t				 i, n = rule_noptions(r);

	fprintf(fp, "%s %s (default severity: %s", r->id, r->name,
	    severity_name(r->severity));
	if (r->source != NULL)
		fprintf(fp, "; rule pack %s %s", r->source->name,
		    r->source->version);
	fprintf(fp, ")\n\n%s.\n\n%s", r->summary, r->doc);
	if (n == 0)
		return;
	fputs("\nOptions (configuration file: \"rules\": { \"", fp);
	fprintf(fp, "%s\": { \"options\": { ... } } })\n", r->id);
	for (i = 0; i < n; i++) {
		o = &r->options[i];
		fprintf(fp, "  %s (days, %" PRId64 " to %" PRId64 ", default "
		    "%" PRId64 "): %s%s%s\n", o->name, o->min, o->max, o->def,
		    o->doc, o->at_least != NULL ? "; not below " : "",
		    o->at_least != NULL ? o->at_least : "");
	}
}
