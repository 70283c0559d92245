/*
 * json_load.h: ConvertTo-Json output into the generic object tree.
 *
 * Parsed with jansson (JSON_REJECT_DUPLICATES); every node carries the
 * line and column of its value's first byte and its RFC 6901 JSON Pointer,
 * found by a second small scan over the same bytes (jansson keeps member
 * order, so both walks visit values in the same order).
 *
 * Top-level shapes: one object (one root), an array (each element a root,
 * nulls dropped, so "[null]" is no object), an empty or all-whitespace
 * file (no root), a top-level scalar (an error).
 */
#ifndef HL_JSON_LOAD_H
#define HL_JSON_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "node.h"

/* Deepest nesting accepted, most values in one file (hybridlint.1). */
#define JSON_MAX_DEPTH	512
#define JSON_MAX_VALUES	2000000

/*
 * 'text' is UTF-8 without BOM (see textfile.h), 'len' bytes, NUL at
 * text[len].  Returns a document (format DOC_JSON) or NULL after adding a
 * diagnostic "display:line:col: ..." to 'diags'.
 */
struct doc	*json_load(const char *display, const char *text, size_t len,
		    struct diags *);

#endif
