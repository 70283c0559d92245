/*
 * node.h: the generic object tree that every loader produces.
 *
 * CLIXML and JSON both decode into these nodes, so the model layer reads
 * one shape whatever the file format was:
 *
 *  - NODE_OBJECT: a CLIXML <Obj> or a JSON object.  'types' are the CLIXML
 *    type names, most specific first, with any "Deserialized." prefix
 *    removed; 'tostring' is the CLIXML <ToString>; 'value' is the object's
 *    own value (an enum's number, an extended primitive, or the container
 *    of a list-like object); 'props' are the properties, <Props> first and
 *    then <MS>, in file order (JSON: members in file order).
 *  - NODE_LIST: LST/IE/QUE/STK items, or a JSON array.
 *  - NODE_DICT: DCT entries; items are key, value, key, value, ...
 *  - scalars: NODE_NULL, NODE_BOOL, NODE_INT, NODE_REAL, NODE_STRING
 *    (S, C as a one-character string, DT, TS, G, URI, Version, XD, SBK,
 *    D, SS as text), NODE_BYTES (BA, decoded from base64).
 *
 * A CLIXML <Ref> is resolved to the node it names, so one node may be
 * reachable from several parents (the tree is a DAG, never a cycle).
 * Every node and string belongs to its document's arena.
 */
#ifndef HL_NODE_H
#define HL_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum node_kind {
	NODE_NULL,
	NODE_BOOL,
	NODE_INT,
	NODE_REAL,
	NODE_STRING,
	NODE_BYTES,
	NODE_OBJECT,
	NODE_LIST,
	NODE_DICT
};

struct node {
	enum node_kind	  kind;
	const char	 *name;		/* property name (N= or JSON key) */
	const char	 *tag;		/* CLIXML element name, NULL for JSON */
	struct loc	  loc;

	/* Scalars. */
	const char	 *str;		/* STRING text, BYTES data */
	size_t		  len;		/* STRING/BYTES length in bytes */
	int64_t		  i;		/* INT value, BOOL 0/1 */
	uint64_t	  u;		/* INT value when 'is_unsigned' */
	double		  d;		/* REAL value */
	unsigned char	  is_unsigned;
	unsigned char	  is_ref;	/* a CLIXML <Ref>: the object is
					   described where it was defined */

	/* Objects. */
	const char	**types;
	size_t		  ntypes;
	const char	 *tostring;
	struct node	 *value;
	struct node	**props;
	size_t		  nprops;

	/* Lists and dictionaries. */
	struct node	**items;
	size_t		  nitems;
};

/* One loaded input file. */
enum doc_format {
	DOC_CLIXML,
	DOC_JSON,
	DOC_CERT
};

struct arena;

struct doc {
	const char	 *path;		/* display path, arena-owned */
	enum doc_format	  format;
	struct arena	 *arena;
	struct node	**roots;	/* top-level items */
	size_t		  nroots;
	size_t		  bytes;	/* size of the file */
	const char	 *encoding;	/* "UTF-8", "UTF-8 BOM", "UTF-16LE", ... */
	/* The first sign that ConvertTo-Json cut the file at its depth
	 * limit (model_doc_truncation), or NULL; cut_depth is its depth
	 * from a root (a root is 0): values that deep are not data. */
	const struct node *cut;
	unsigned	  cut_depth;
};

void		 doc_free(struct doc *);

/*
 * Property lookup, case-insensitive as PowerShell is.  Returns NULL when
 * the object has no such property (a NODE_NULL node when it is null).
 */
const struct node *node_prop(const struct node *, const char *);

/* True for a missing property or a null value. */
int		 node_is_null(const struct node *);

/*
 * The text of a value: a string's text; an object's ToString, else the
 * text of its own value, else of a "Value"/"value" member (Windows
 * PowerShell's {value, DisplayHint, DateTime} date wrapper); a number or
 * bool rendered in the invariant culture into the caller's buffer.
 * Returns NULL for null, lists, dictionaries and bytes.
 */
const char	*node_text(const struct node *, char *tmp, size_t tmplen);

/* The items of a list-like value: a list, or an object holding a list. */
const struct node *node_as_list(const struct node *);

/* The CLIXML type name without namespace: "ReceiveConnector". */
const char	*node_type_leaf(const struct node *, size_t i);
/* True when any type name's leaf equals 'leaf' (case-sensitive). */
int		 node_has_type(const struct node *, const char *leaf);

const char	*node_kind_name(enum node_kind);

/*
 * Warn about properties of an object whose names differ only in case:
 * PowerShell treats them as one, and node_prop() would silently take the
 * first.  O(n log n) in the number of properties.
 */
void		 node_check_duplicates(const struct node *, struct diags *);

#endif
