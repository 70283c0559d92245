/*
 * jsonout.c: strings that jansson accepts whatever the input held, and
 * documents rendered the same way everywhere.
 */
#include <stddef.h>
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

/* Append the item's rendering, every line indented by 'indent'. */
static int
add_indented(struct buf *b, json_t *item, size_t indent)
{
	char		*s;
	const char	*p, *nl;

	if ((s = json_dumps(item, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_ENCODE_ANY)) == NULL)
		return -1;
	for (p = s; *p != '\0'; p = nl + 1) {
		buf_printf(b, "%*s", (int)indent, "");
		if ((nl = strchr(p, '\n')) == NULL) {
			buf_adds(b, p);
			break;
		}
		buf_add(b, p, (size_t)(nl - p + 1));
	}
	free(s);
	return 0;
}

char *
json_render_streamed(json_t *root, const char *key, size_t n,
    json_item_fn item, void *arg)
{
	struct buf	 b = { 0 };
	json_t		*x;
	char		*doc, *mark, *at, *after;
	size_t		 i, indent, k = 0;

	if ((doc = json_render(root)) == NULL)
		return NULL;
	/* The empty array, as jansson writes it: '<indent>"key": []'.  A
	 * string holding that text would have its quotes escaped. */
	mark = xasprintf("\"%s\": []", key);
	if ((at = strstr(doc, mark)) == NULL ||
	    strstr(at + 1, mark) != NULL) {
		free(mark);
		free(doc);
		return NULL;
	}
	after = at + strlen(mark) - 1;		/* the ']' */
	for (indent = 0; at - indent > doc && at[-(ptrdiff_t)indent - 1] ==
	    ' '; indent++)
		;
	buf_add(&b, doc, (size_t)(after - doc));	/* up to the '[' */
	for (i = 0; i < n; i++) {
		if ((x = item(arg, i)) == NULL)
			continue;
		buf_adds(&b, k++ == 0 ? "\n" : ",\n");
		if (add_indented(&b, x, indent + 2) == -1) {
			json_decref(x);
			buf_free(&b);
			free(mark);
			free(doc);
			return NULL;
		}
		json_decref(x);
	}
	if (k > 0)
		buf_printf(&b, "\n%*s", (int)indent, "");
	buf_adds(&b, after);
	free(mark);
	free(doc);
	return buf_steal(&b);
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
