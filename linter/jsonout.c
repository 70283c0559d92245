/*
 * jsonout.c: strings that jansson accepts whatever the input held, and
 * documents rendered the same way everywhere.
 */
#include <errno.h>
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

struct json_stream {
	char		*doc;		/* the document with the empty array */
	size_t		 head;		/* its bytes up to the '[' */
	const char	*tail;		/* from the ']' */
	size_t		 indent;	/* of the key's line */
	size_t		 i, n, k;	/* next item, items, items written */
	json_item_fn	 item;
	void		*arg;
	struct buf	 piece;
	int		 stage;		/* head, items, tail, done */
};

struct json_stream *
json_stream_open(json_t *root, const char *key, size_t n, json_item_fn item,
    void *arg)
{
	struct json_stream	*js;
	char			*doc, *mark, *at;

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
	js = xcalloc(1, sizeof(*js));
	js->doc = doc;
	js->tail = at + strlen(mark) - 1;
	js->head = (size_t)(js->tail - doc);
	while (at - js->indent > doc && at[-(ptrdiff_t)js->indent - 1] == ' ')
		js->indent++;
	js->n = n;
	js->item = item;
	js->arg = arg;
	free(mark);
	return js;
}

int
json_stream_next(void *arg, const char **p, size_t *len)
{
	struct json_stream	*js = arg;
	json_t			*x;

	buf_reset(&js->piece);
	switch (js->stage) {
	case 0:
		js->stage = 1;
		*p = js->doc;
		*len = js->head;
		return 0;
	case 1:
		while (js->i < js->n)
			if ((x = js->item(js->arg, js->i++)) != NULL) {
				buf_adds(&js->piece, js->k++ == 0 ? "\n" :
				    ",\n");
				if (add_indented(&js->piece, x, js->indent + 2)
				    == -1) {
					json_decref(x);
					errno = ENOMEM;
					return -1;
				}
				json_decref(x);
				*p = js->piece.p;
				*len = js->piece.len;
				return 0;
			}
		js->stage = 2;
		if (js->k > 0)
			buf_printf(&js->piece, "\n%*s", (int)js->indent, "");
		buf_adds(&js->piece, js->tail);
		*p = js->piece.p;
		*len = js->piece.len;
		return 0;
	default:
		*p = NULL;
		*len = 0;
		return 0;
	}
}

void
json_stream_free(struct json_stream *js)
{
	if (js == NULL)
		return;
	buf_free(&js->piece);
	free(js->doc);
	free(js);
}

char *
json_render_streamed(json_t *root, const char *key, size_t n,
    json_item_fn item, void *arg)
{
	struct json_stream	*js;
	struct buf		 b = { 0 };
	const char		*p;
	size_t			 len;

	if ((js = json_stream_open(root, key, n, item, arg)) == NULL)
		return NULL;
	while (json_stream_next(js, &p, &len) == 0 && len > 0)
		buf_add(&b, p, len);
	if (js->stage != 2 || js->i < js->n) {
		json_stream_free(js);
		buf_free(&b);
		return NULL;
	}
	json_stream_free(js);
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
