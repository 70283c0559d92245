/*
 * json_load.c: ConvertTo-Json output into the generic object tree.
 *
 * Three passes over the text, all linear:
 *
 *  1. A small scanner (struct scan) walks the bytes once, before jansson
 *     sees them: it finds an empty document and rejects a top-level
 *     scalar, NUL bytes and nesting deeper than JSON_MAX_DEPTH, so deep
 *     input costs no more than its first JSON_MAX_DEPTH brackets.  It
 *     understands only strings, escapes and the structural characters,
 *     so it needs no stack.
 *  2. jansson parses the text (JSON_REJECT_DUPLICATES) and validates it.
 *  3. The json_t is converted in pre-order while a second run of the same
 *     scanner yields the line and column of each value's first character,
 *     in document order.  jansson keeps members in insertion order, so
 *     the n-th value visited is the n-th value start in the text.
 *
 * Columns count code points, as jansson's error columns do.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_load.h"
#include "xalloc.h"

/*
 * The JSON Pointers of a document are stored whole, one per node, so a
 * deep path followed by many values could cost far more than the text.
 * Their total is capped at this many bytes per input byte (plus a floor);
 * nodes themselves already cost about this much.
 */
#define POINTER_BYTES_PER_INPUT_BYTE	64
#define POINTER_BYTES_FLOOR		(1024 * 1024)

#define HL_STR_(x)	#x
#define HL_STR(x)	HL_STR_(x)

/* Scanner: finds value starts in document order. */
struct scan {
	const unsigned char	*p;
	const unsigned char	*end;
	unsigned		 line;	/* of the last byte consumed */
	unsigned		 col;	/* code points; 0 before the first */
	unsigned		 depth;	/* open objects and arrays */
};

static void
scan_init(struct scan *s, const char *text, size_t len)
{
	s->p = (const unsigned char *)text;
	s->end = s->p + len;
	s->line = 1;
	s->col = 0;
	s->depth = 0;
}

/* Consume one byte, keeping line and column as jansson does. */
static void
scan_byte(struct scan *s)
{
	if (*s->p == '\n') {
		s->line++;
		s->col = 0;
	} else if ((*s->p & 0xc0) != 0x80)
		s->col++;
	s->p++;
}

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
scan_ws(struct scan *s)
{
	while (s->p < s->end && is_ws(*s->p))
		scan_byte(s);
}

/* At an opening quote: consume the whole string. */
static void
scan_string(struct scan *s)
{
	scan_byte(s);
	while (s->p < s->end) {
		if (*s->p == '"') {
			scan_byte(s);
			return;
		}
		if (*s->p == '\\') {
			scan_byte(s);
			if (s->p == s->end)
				return;
		}
		scan_byte(s);
	}
}

/*
 * Advance to the start of the next value and consume its first token (a
 * whole scalar, or the opening bracket of a container).  Returns 1 with
 * *line and *col set to the value's first character, or 0 at the end.
 * A string is a member name, not a value, when ':' follows it.
 */
static int
scan_value(struct scan *s, unsigned *line, unsigned *col)
{
	unsigned	l, c;

	for (;;) {
		scan_ws(s);
		if (s->p == s->end)
			return 0;
		switch (*s->p) {
		case ',':
		case ':':
			scan_byte(s);
			continue;
		case ']':
		case '}':
			if (s->depth > 0)
				s->depth--;
			scan_byte(s);
			continue;
		case '[':
		case '{':
			scan_byte(s);
			s->depth++;
			*line = s->line;
			*col = s->col;
			return 1;
		case '"':
			l = s->line;
			c = s->col + 1;
			scan_string(s);
			scan_ws(s);
			if (s->p < s->end && *s->p == ':')
				continue;	/* a member name */
			*line = l;
			*col = c;
			return 1;
		default:
			scan_byte(s);
			*line = s->line;
			*col = s->col;
			while (s->p < s->end && !is_ws(*s->p) &&
			    strchr(",:[]{}\"", *s->p) == NULL)
				scan_byte(s);
			return 1;
		}
	}
}

/* Make text from jansson (it may quote raw input) safe to print. */
static char *
sanitize(const char *in)
{
	const unsigned char	*p = (const unsigned char *)in;
	struct buf		 b = { NULL, 0, 0 };
	size_t			 n, k;

	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f) {
			buf_printf(&b, "\\x%02x", *p++);
			continue;
		}
		if (*p < 0x80) {
			buf_addc(&b, (char)*p++);
			continue;
		}
		/* Keep a well-formed UTF-8 sequence, escape anything else. */
		if (*p >= 0xc2 && *p <= 0xdf)
			n = 2;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 3;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 4;
		else
			n = 0;
		for (k = 1; k < n; k++)
			if ((p[k] & 0xc0) != 0x80)
				break;
		if (n == 0 || k < n) {
			buf_printf(&b, "\\x%02x", *p++);
			continue;
		}
		buf_add(&b, p, n);
		p += n;
	}
	if (b.p == NULL)
		buf_addc(&b, '\0');
	return buf_steal(&b);
}

static void
add_jansson_error(struct diags *diags, const char *display,
    const json_error_t *err)
{
	char	*msg;

	msg = sanitize(err->text);
	diag_add(diags, SEV_ERROR, display,
	    err->line > 0 ? (unsigned)err->line : 0,
	    err->column > 0 ? (unsigned)err->column : 0,
	    "invalid JSON: %s", strstr(msg, "JSON_ALLOW_NUL") != NULL ?
	    "a string holds \\u0000 (NUL), which no export contains" : msg);
	free(msg);
}

static const char *
describe_start(unsigned char c)
{
	if (c == '"')
		return "a string";
	if (c == '-' || (c >= '0' && c <= '9'))
		return "a number";
	if (c == 't' || c == 'f')
		return "a boolean";
	if (c == 'n')
		return "null";
	return "an invalid character";
}

/*
 * Pass 1.  Returns 1 to go on to jansson, 0 for an empty document (no
 * roots, not an error), -1 after adding a diagnostic.
 *
 * Besides nesting, it rejects NUL bytes: no JSON text holds one, yet
 * jansson 2.14 silently drops a NUL right after a number or a literal
 * ("[1\0]" loads as [1]), which would also put the positions out of step.
 */
static int
precheck(const char *display, const char *text, size_t len,
    struct diags *diags)
{
	struct scan	 s;
	json_error_t	 err;
	json_t		*j;
	const char	*nul, *why;
	unsigned	 line, col;
	size_t		 stop, nvalues = 0;

	scan_init(&s, text, len);
	scan_ws(&s);
	if (s.p == s.end)
		return 0;
	if (*s.p != '{' && *s.p != '[') {
		diag_add(diags, SEV_ERROR, display, s.line, s.col + 1,
		    "invalid JSON: expected a JSON object or array at the "
		    "top level, found %s", describe_start(*s.p));
		return -1;
	}

	/* Scan up to the first NUL, if any, stopping when too deep. */
	nul = memchr(text, '\0', len);
	scan_init(&s, text, nul != NULL ? (size_t)(nul - text) : len);
	why = NULL;
	stop = 0;
	while (scan_value(&s, &line, &col)) {
		if (++nvalues > JSON_MAX_VALUES) {
			stop = (size_t)((const char *)s.p - text) - 1;
			why = "more than " HL_STR(JSON_MAX_VALUES) " values in "
			    "one file";
			break;
		}
		if (s.depth > JSON_MAX_DEPTH) {
			/* At the bracket just consumed. */
			stop = (size_t)((const char *)s.p - text) - 1;
			why = "nesting deeper than "
			    HL_STR(JSON_MAX_DEPTH) " levels";
			break;
		}
	}
	if (why == NULL && nul != NULL) {
		/* The scan consumed every byte before the NUL. */
		stop = (size_t)(nul - text);
		line = s.line;
		col = s.col + 1;
		why = "NUL byte in the text (an escaped \\u0000 is refused "
		    "too)";
	}
	if (why == NULL)
		return 1;

	/*
	 * A syntax error earlier in the text comes first: parse the part
	 * before the stop, which jansson finds complete or cut short only if
	 * it is otherwise well formed.
	 */
	j = json_loadb(text, stop, JSON_REJECT_DUPLICATES, &err);
	if (j != NULL)
		json_decref(j);
	else if (json_error_code(&err) != json_error_premature_end_of_input) {
		add_jansson_error(diags, display, &err);
		return -1;
	}
	diag_add(diags, SEV_ERROR, display, line, col, "invalid JSON: %s",
	    why);
	return -1;
}

/* Pass 3: the conversion. */
struct conv {
	struct doc	*doc;
	struct scan	 scan;
	size_t		 ptr_bytes;	/* JSON Pointer text so far */
	size_t		 ptr_budget;
	struct diags	*diags;
	int		 failed;
};

/*
 * parent + "/" + token escaped per RFC 6901, in the arena; NULL after a
 * diagnostic at 'at' once the budget is spent.
 */
static char *
pointer_join(struct conv *c, const struct loc *at, const char *parent,
    const char *tok, size_t toklen)
{
	size_t	 plen, n, i;
	char	*out, *q;

	plen = strlen(parent);
	n = plen + 1 + toklen;
	for (i = 0; i < toklen; i++)
		if (tok[i] == '~' || tok[i] == '/')
			n++;
	c->ptr_bytes += n + 1;
	if (c->ptr_bytes > c->ptr_budget) {
		if (!c->failed)
			diag_addloc(c->diags, SEV_ERROR, at,
			    "JSON too complex: the locations of its values "
			    "would need more than %zu bytes", c->ptr_budget);
		c->failed = 1;
		return NULL;
	}
	out = arena_alloc(c->doc->arena, n + 1);
	memcpy(out, parent, plen);
	q = out + plen;
	*q++ = '/';
	for (i = 0; i < toklen; i++) {
		if (tok[i] == '~') {
			*q++ = '~';
			*q++ = '0';
		} else if (tok[i] == '/') {
			*q++ = '~';
			*q++ = '1';
		} else
			*q++ = tok[i];
	}
	*q = '\0';
	return out;
}

static char *
pointer_index(struct conv *c, const struct loc *at, const char *parent,
    size_t idx)
{
	char	num[32];
	int	n;

	n = snprintf(num, sizeof(num), "%zu", idx);
	return pointer_join(c, at, parent, num, (size_t)n);
}

/* The next value start: the position of the value visited now. */
static void
next_loc(struct conv *c, struct loc *loc)
{
	unsigned	line, col;

	memset(loc, 0, sizeof(*loc));
	loc->file = c->doc->path;
	if (scan_value(&c->scan, &line, &col)) {
		loc->line = line;
		loc->col = col;
	}
	/* else: the scans disagree, which jansson's order rules out. */
}

/*
 * Convert one value whose location has already been taken.  Depth is
 * bounded by precheck(); the test here only guards the recursion.
 */
static struct node *convert(struct conv *, json_t *, const char *,
    struct loc, unsigned);

static int
convert_object(struct conv *c, struct node *n, json_t *j, struct loc loc,
    unsigned depth)
{
	struct node	*child;
	struct loc	 cloc;
	const char	*key;
	json_t		*v;
	size_t		 i = 0;

	n->kind = NODE_OBJECT;
	n->props = arena_alloc(c->doc->arena,
	    (json_object_size(j) + 1) * sizeof(*n->props));
	json_object_foreach(j, key, v) {
		next_loc(c, &cloc);
		cloc.pointer = pointer_join(c, &cloc, loc.pointer, key,
		    strlen(key));
		if (cloc.pointer == NULL)
			return -1;
		child = convert(c, v, arena_strdup(c->doc->arena, key), cloc,
		    depth + 1);
		if (child == NULL)
			return -1;
		n->props[i++] = child;
	}
	n->nprops = i;
	node_check_duplicates(n, c->diags);
	return 0;
}

static int
convert_array(struct conv *c, struct node *n, json_t *j, struct loc loc,
    unsigned depth)
{
	struct node	*child;
	struct loc	 cloc;
	size_t		 i, count = json_array_size(j);

	n->kind = NODE_LIST;
	n->items = arena_alloc(c->doc->arena, (count + 1) * sizeof(*n->items));
	for (i = 0; i < count; i++) {
		next_loc(c, &cloc);
		cloc.pointer = pointer_index(c, &cloc, loc.pointer, i);
		if (cloc.pointer == NULL)
			return -1;
		child = convert(c, json_array_get(j, i), NULL, cloc, depth + 1);
		if (child == NULL)
			return -1;
		n->items[i] = child;
	}
	n->nitems = count;
	return 0;
}

static struct node *
convert(struct conv *c, json_t *j, const char *name, struct loc loc,
    unsigned depth)
{
	struct node	*n;

	if (depth > JSON_MAX_DEPTH &&
	    (json_is_object(j) || json_is_array(j))) {
		if (!c->failed)
			diag_addloc(c->diags, SEV_ERROR, &loc,
			    "invalid JSON: nesting deeper than %d levels",
			    JSON_MAX_DEPTH);
		c->failed = 1;
		return NULL;
	}
	n = arena_alloc(c->doc->arena, sizeof(*n));
	n->name = name;
	n->loc = loc;
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		if (convert_object(c, n, j, loc, depth) == -1)
			return NULL;
		break;
	case JSON_ARRAY:
		if (convert_array(c, n, j, loc, depth) == -1)
			return NULL;
		break;
	case JSON_STRING:
		n->kind = NODE_STRING;
		n->len = json_string_length(j);
		n->str = arena_strndup(c->doc->arena, json_string_value(j),
		    n->len);
		break;
	case JSON_INTEGER:
		n->kind = NODE_INT;
		n->i = (int64_t)json_integer_value(j);
		break;
	case JSON_REAL:
		n->kind = NODE_REAL;
		n->d = json_real_value(j);
		break;
	case JSON_TRUE:
		n->kind = NODE_BOOL;
		n->i = 1;
		break;
	case JSON_FALSE:
		n->kind = NODE_BOOL;
		n->i = 0;
		break;
	case JSON_NULL:
	default:
		n->kind = NODE_NULL;
		break;
	}
	return n;
}

struct doc *
json_load(const char *display, const char *text, size_t len,
    struct diags *diags)
{
	struct doc	*doc;
	struct conv	 c;
	struct vec	 roots = { NULL, 0, 0 };
	struct node	*n;
	struct loc	 loc, top;
	json_error_t	 err;
	json_t		*j, *v;
	size_t		 i, count;
	int		 r;

	if ((r = precheck(display, text, len, diags)) < 0)
		return NULL;
	j = NULL;
	if (r > 0) {
		j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
		if (j == NULL) {
			add_jansson_error(diags, display, &err);
			return NULL;
		}
	}

	doc = xcalloc(1, sizeof(*doc));
	doc->arena = arena_new();
	doc->path = arena_strdup(doc->arena, display != NULL ? display : "");
	doc->format = DOC_JSON;
	doc->bytes = len;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.diags = diags;
	c.ptr_budget = POINTER_BYTES_FLOOR;
	if (len < (SIZE_MAX - POINTER_BYTES_FLOOR) /
	    POINTER_BYTES_PER_INPUT_BYTE)
		c.ptr_budget += len * POINTER_BYTES_PER_INPUT_BYTE;
	else
		c.ptr_budget = SIZE_MAX;
	scan_init(&c.scan, text, len);

	if (j != NULL) {
		next_loc(&c, &top);
		if (json_is_object(j)) {
			top.pointer = arena_strdup(doc->arena, "");
			if ((n = convert(&c, j, NULL, top, 1)) != NULL)
				vec_push(&roots, n);
		} else {
			/* Each element is a root, nulls dropped. */
			count = json_array_size(j);
			for (i = 0; i < count && !c.failed; i++) {
				v = json_array_get(j, i);
				next_loc(&c, &loc);
				if (json_is_null(v))
					continue;
				loc.pointer = pointer_index(&c, &loc, "", i);
				if (loc.pointer == NULL)
					break;
				if ((n = convert(&c, v, NULL, loc, 2)) != NULL)
					vec_push(&roots, n);
			}
		}
		json_decref(j);
	}
	doc->nroots = roots.n;
	doc->roots = (struct node **)vec_finish(&roots, doc->arena);
	vec_free(&roots);
	if (c.failed) {
		doc_free(doc);
		return NULL;
	}
	return doc;
}
