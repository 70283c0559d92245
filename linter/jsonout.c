/*
 * jsonout.c: strings that jansson accepts whatever the input held, and
 * documents rendered the same way everywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "utf8.h"
#include "xalloc.h"

json_t *
json_text(const char *s)
{
	json_t	*j;
	char	*c;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	c = utf8_clean(s);
	j = json_string(c);
	free(c);
	return j != NULL ? j : json_string("");
}

char *
json_render(json_t *root)
{
	char	*out, *r;

	out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (out == NULL)
		return NULL;
	r = xasprintf("%s\n", out);
	free(out);
	return r;
}

json_t *
diags_json(const struct diags *d)
{
	const struct diag	*g;
	json_t			*arr = json_array(), *o;
	size_t			 i;

	for (i = 0; d != NULL && i < d->n; i++) {
		g = &d->v[i];
		o = json_object();
		json_object_set_new(o, "level",
		    json_text(severity_name(g->level)));
		json_object_set_new(o, "file", json_text(g->file));
		if (g->line > 0)
			json_object_set_new(o, "line", json_integer(g->line));
		if (g->col > 0)
			json_object_set_new(o, "column", json_integer(g->col));
		json_object_set_new(o, "message",
		    json_text(g->msg != NULL ? g->msg : ""));
		json_array_append_new(arr, o);
	}
	return arr;
}
