/*
 * clixml.h: Export-Clixml files into the generic object tree.
 *
 * A SAX2 parser over libxml2 with untrusted-input settings: no network,
 * no entity expansion, no DTD (a DOCTYPE is an error), bounded depth and
 * text size.  Every element type of MS-PSRP 2.2.5 that Exchange exports
 * use is decoded (see node.h for the resulting shapes); <Ref> and <TNRef>
 * are resolved against earlier definitions; PowerShell's _xHHHH_ escapes
 * are decoded in text, names and type names; Exchange's BinaryFormatter
 * blob (<BA N="SerializationData">) is skipped unread.
 */
#ifndef HL_CLIXML_H
#define HL_CLIXML_H

#include <stddef.h>

#include "diag.h"
#include "node.h"

/* Limits (documented in hybridlint.1). */
#define CLIXML_MAX_DEPTH	200
#define CLIXML_MAX_TEXT		((size_t)64 * 1024 * 1024)
#define CLIXML_MAX_VALUES	2000000

/*
 * libxml2's global state, set up once (pthread_once): xmlInitParser is
 * not reentrant, and loader threads parse at the same time.  clixml_load
 * calls it.
 */
void		 clixml_init(void);

/*
 * 'text' is UTF-8 without BOM, NUL-terminated at text[len]; it may be
 * modified (a leading "#< CLIXML" line is blanked).  Returns a document,
 * or NULL after adding "display:line:col: error: ..." diagnostics.
 */
struct doc	*clixml_load(const char *display, char *text, size_t len,
		    struct diags *);

/*
 * Decode PowerShell's _xHHHH_ / _xHHHHHHHH_ escapes of 'len' bytes into
 * the arena, pairing escaped surrogate halves.  Exposed for tests.
 */
char		*clixml_unescape(struct arena *, const char *, size_t len,
		    size_t *outlen);

#endif
