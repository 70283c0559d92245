/*
 * jsonout.h: building JSON output with jansson from our strings.
 */
#ifndef HL_JSONOUT_H
#define HL_JSONOUT_H

#include <jansson.h>

#include "diag.h"

/* A JSON string, null for NULL; invalid UTF-8 bytes become U+FFFD. */
json_t	*json_text(const char *);
/* Diagnostics as an array of {level, file, line, column, message}. */
json_t	*diags_json(const struct diags *);
/* The document, indented, with a final newline; malloc'd. */
char	*json_render(json_t *);

/* Item i of a streamed array (a new reference), or NULL to leave it out. */
typedef json_t *(*json_item_fn)(void *arg, size_t i);

/*
 * json_render of a document whose member 'key' (an empty array in it,
 * the only one under that key) holds items 0 to n-1 of 'item': the same
 * bytes, but each item is built, written and freed in turn, so the whole
 * array is never held as a tree.
 */
char	*json_render_streamed(json_t *, const char *key, size_t n,
	    json_item_fn item, void *arg);

/*
 * The same document in pieces, for writing without holding it whole:
 * json_stream_next sets the next piece (valid until the next call; n 0
 * at the end) and returns 0, or -1 with errno set.  NULL if 'key' is not
 * an empty array of the document.
 */
struct json_stream;
struct json_stream *json_stream_open(json_t *, const char *key, size_t n,
	    json_item_fn item, void *arg);
int	json_stream_next(void *stream, const char **p, size_t *n);
void	json_stream_free(struct json_stream *);

#endif
