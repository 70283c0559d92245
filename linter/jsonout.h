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

#endif
