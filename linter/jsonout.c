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
