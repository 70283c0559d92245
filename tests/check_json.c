/*
 * check_json.c: unit tests of json_load().
 *
 * Fixtures are read from $top_srcdir/tests/data/json (top_srcdir defaults
 * to "."); the real corpus from $HL_SHARED/corpus (HL_SHARED defaults to
 * "$top_srcdir/../shared"; those tests pass trivially when it is absent).
 *
 * Besides the exact positions asserted per test, check_positions()
 * cross-checks every node of a document against jansson: the value parsed
 * at the node's line and column, and the value its JSON Pointer names,
 * must both equal the node.
 */
#include <check.h>
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json_load.h"
#include "node.h"
#include "xalloc.h"

static const char *
top_srcdir(void)
{
	const char	*s = getenv("top_srcdir");

	return s != NULL && *s != '\0' ? s : ".";
}

/* Whole file, NUL-terminated; NULL if it cannot be opened. */
static char *
slurp(const char *path, size_t *lenp)
{
	FILE	*fp;
	char	*p = NULL;
	size_t	 len = 0, cap = 0, n;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			p = xrealloc(p, cap + 1);
		}
		n = fread(p + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	ck_assert_msg(!ferror(fp), "read error on %s", path);
	fclose(fp);
	p[len] = '\0';
	*lenp = len;
	return p;
}

/* A fixture's text; fails the test when it is missing. */
static char *
fixture(const char *name, char **displayp, size_t *lenp)
{
	char	*path, *text;

	path = xasprintf("%s/tests/data/json/%s", top_srcdir(), name);
	text = slurp(path, lenp);
	ck_assert_msg(text != NULL, "cannot read %s: %s", path,
	    strerror(errno));
	*displayp = path;
	return text;
}

/* A corpus file's path, or NULL when the shared tree is absent. */
static char *
corpus_path(const char *rel)
{
	const char	*shared = getenv("HL_SHARED");
	char		*path;
	FILE		*fp;

	if (shared != NULL && *shared != '\0')
		path = xasprintf("%s/corpus/%s", shared, rel);
	else
		path = xasprintf("%s/../shared/corpus/%s", top_srcdir(), rel);
	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "check_json: %s absent, test skipped\n", path);
		free(path);
		return NULL;
	}
	fclose(fp);
	return path;
}

/* ---- Cross-checking against jansson ---- */

/*
 * Check logs every passing assertion (a write per call), too slow for the
 * hundreds of thousands of checks over the corpus: these loops use this.
 */
#define REQUIRE(cond, ...) do {						\
	if (!(cond))							\
		ck_abort_msg(__VA_ARGS__);				\
} while (0)

/* The text being cross-checked, with the offset of each line's start. */
struct ctx {
	const struct doc	*doc;
	const char		*text;
	size_t			 len;
	size_t			*lines;		/* [k]: start of line k+1 */
	size_t			 nlines;
	json_t			*whole;
	size_t			 count;		/* nodes checked */
};

/* Byte offset of a 1-based line and code-point column. */
static size_t
offset_of(const struct ctx *x, unsigned line, unsigned col)
{
	size_t		off;
	unsigned	c = 0;

	REQUIRE(line >= 1 && col >= 1, "no position %u:%u", line, col);
	REQUIRE(line <= x->nlines, "line %u past the end", line);
	for (off = x->lines[line - 1];; off++) {
		REQUIRE(off < x->len && x->text[off] != '\n',
		    "column %u past the end of line %u", col, line);
		if (((unsigned char)x->text[off] & 0xc0) != 0x80 &&
		    ++c == col)
			return off;
	}
}

/* RFC 6901 resolution over jansson's own tree. */
static json_t *
resolve(json_t *root, const char *ptr)
{
	json_t		*cur = root;
	struct buf	 tok = { NULL, 0, 0 };
	const char	*p = ptr;
	char		*end;
	unsigned long	 idx;

	REQUIRE(ptr != NULL, "no pointer");
	while (*p != '\0') {
		REQUIRE(*p == '/', "bad pointer '%s'", ptr);
		p++;
		buf_reset(&tok);
		buf_add(&tok, "", 0);
		for (; *p != '\0' && *p != '/'; p++) {
			if (*p == '~') {
				REQUIRE(p[1] == '0' || p[1] == '1',
				    "bad escape in '%s'", ptr);
				buf_addc(&tok, p[1] == '0' ? '~' : '/');
				p++;
			} else
				buf_addc(&tok, *p);
		}
		if (json_is_object(cur))
			cur = json_object_get(cur, tok.p);
		else if (json_is_array(cur)) {
			REQUIRE(tok.len > 0 && tok.p[0] >= '0' &&
			    tok.p[0] <= '9', "bad index in '%s'", ptr);
			idx = strtoul(tok.p, &end, 10);
			REQUIRE(*end == '\0', "bad index in '%s'", ptr);
			cur = json_array_get(cur, idx);
		} else
			cur = NULL;
		REQUIRE(cur != NULL, "pointer '%s' names nothing", ptr);
	}
	buf_free(&tok);
	return cur;
}

/* The node equals the json value (containers: shape and names only). */
static void
same(const struct node *n, json_t *j, const char *what)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	REQUIRE(j != NULL, "%s: no value", what);
	switch (n->kind) {
	case NODE_OBJECT:
		REQUIRE(json_is_object(j), "%s: not an object", what);
		REQUIRE(n->nprops == json_object_size(j), "%s: size", what);
		REQUIRE(n->types == NULL && n->ntypes == 0 &&
		    n->tostring == NULL && n->value == NULL &&
		    n->items == NULL && n->nitems == 0,
		    "%s: CLIXML fields set", what);
		i = 0;
		json_object_foreach(j, key, v) {
			REQUIRE(strcmp(n->props[i]->name, key) == 0,
			    "%s: member %zu is %s, not %s", what, i,
			    n->props[i]->name, key);
			i++;
		}
		break;
	case NODE_LIST:
		REQUIRE(json_is_array(j), "%s: not an array", what);
		REQUIRE(n->nitems == json_array_size(j) &&
		    n->props == NULL && n->nprops == 0, "%s: size", what);
		break;
	case NODE_STRING:
		REQUIRE(json_is_string(j), "%s: not a string", what);
		REQUIRE(n->len == json_string_length(j) &&
		    memcmp(n->str, json_string_value(j), n->len) == 0 &&
		    n->str[n->len] == '\0', "%s: string differs", what);
		break;
	case NODE_INT:
		REQUIRE(json_is_integer(j), "%s: not an integer", what);
		REQUIRE(n->i == (int64_t)json_integer_value(j) &&
		    !n->is_unsigned, "%s: integer differs", what);
		break;
	case NODE_REAL:
		REQUIRE(json_is_real(j), "%s: not a real", what);
		REQUIRE(n->d == json_real_value(j), "%s: real differs", what);
		break;
	case NODE_BOOL:
		REQUIRE(json_is_boolean(j), "%s: not a bool", what);
		REQUIRE(n->i == (json_is_true(j) ? 1 : 0), "%s: bool differs",
		    what);
		break;
	case NODE_NULL:
		REQUIRE(json_is_null(j), "%s: not null", what);
		break;
	default:
		ck_abort_msg("%s: unexpected kind %d", what, (int)n->kind);
	}
}

static void
check_node(struct ctx *x, const struct node *n, unsigned depth)
{
	json_error_t	 e;
	json_t		*at;
	size_t		 off, i;
	char		 c;

	REQUIRE(depth <= JSON_MAX_DEPTH, "too deep");
	x->count++;
	REQUIRE(n->loc.file == x->doc->path, "%s: file", n->loc.pointer);
	REQUIRE(n->tag == NULL, "%s: tag", n->loc.pointer);
	off = offset_of(x, n->loc.line, n->loc.col);
	c = x->text[off];
	switch (n->kind) {
	case NODE_OBJECT:
		REQUIRE(c == '{', "%s: '%c'", n->loc.pointer, c);
		break;
	case NODE_LIST:
		REQUIRE(c == '[', "%s: '%c'", n->loc.pointer, c);
		break;
	case NODE_STRING:
		REQUIRE(c == '"', "%s: '%c'", n->loc.pointer, c);
		break;
	case NODE_BOOL:
		REQUIRE(c == 't' || c == 'f', "%s: '%c'",
		    n->loc.pointer, c);
		break;
	case NODE_NULL:
		REQUIRE(c == 'n', "%s: '%c'", n->loc.pointer, c);
		break;
	default:
		REQUIRE(c == '-' || (c >= '0' && c <= '9'), "%s: '%c'",
		    n->loc.pointer, c);
		break;
	}
	/* Containers are compared shallowly, so parse only scalars here. */
	if (n->kind != NODE_OBJECT && n->kind != NODE_LIST) {
		at = json_loadb(x->text + off, x->len - off,
		    JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &e);
		REQUIRE(at != NULL, "%s at %u:%u: %s", n->loc.pointer,
		    n->loc.line, n->loc.col, e.text);
		same(n, at, "value at line:col");
		json_decref(at);
	}
	same(n, resolve(x->whole, n->loc.pointer), n->loc.pointer);
	for (i = 0; i < n->nprops; i++)
		check_node(x, n->props[i], depth + 1);
	for (i = 0; i < n->nitems; i++)
		check_node(x, n->items[i], depth + 1);
}

/*
 * Cross-check every node; returns how many there were.  A container's own
 * position is checked by its first character, its members by theirs.
 */
static size_t
check_positions(const struct doc *doc, const char *text, size_t len)
{
	json_error_t	 e;
	struct ctx	 x;
	size_t		 i, cap = 1024;

	memset(&x, 0, sizeof(x));
	x.doc = doc;
	x.text = text;
	x.len = len;
	x.lines = xreallocarray(NULL, cap, sizeof(*x.lines));
	x.lines[x.nlines++] = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n') {
			if (x.nlines == cap) {
				cap *= 2;
				x.lines = xreallocarray(x.lines, cap,
				    sizeof(*x.lines));
			}
			x.lines[x.nlines++] = i + 1;
		}
	x.whole = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	REQUIRE(x.whole != NULL, "%s", e.text);
	for (i = 0; i < doc->nroots; i++)
		check_node(&x, doc->roots[i], 1);
	json_decref(x.whole);
	free(x.lines);
	return x.count;
}

/* ---- Helpers ---- */

static void
assert_loc(const struct node *n, unsigned line, unsigned col,
    const char *pointer)
{
	ck_assert_ptr_nonnull(n);
	ck_assert_msg(n->loc.line == line && n->loc.col == col,
	    "%s: at %u:%u, expected %u:%u", pointer, n->loc.line, n->loc.col,
	    line, col);
	ck_assert_str_eq(n->loc.pointer, pointer);
}

/* A string member's text. */
static const char *
str_prop(const struct node *obj, const char *name)
{
	const struct node	*n = node_prop(obj, name);

	ck_assert_msg(n != NULL, "no member %s", name);
	ck_assert_msg(n->kind == NODE_STRING, "%s is a %s", name,
	    node_kind_name(n->kind));
	return n->str;
}

/* Loads an in-memory text that must be accepted. */
static struct doc *
load_ok(const char *text, struct diags *d)
{
	struct doc	*doc;

	doc = json_load("mem.json", text, strlen(text), d);
	ck_assert_msg(doc != NULL, "rejected: %s", d->n ? d->v[0].msg : "?");
	ck_assert_uint_eq(d->n, 0);
	check_positions(doc, text, strlen(text));
	return doc;
}

/* Loads a text that must be rejected with one error at line:col. */
static void
load_err(const char *text, size_t len, unsigned line, unsigned col,
    const char *needle)
{
	struct diags	 d = { 0 };
	const char	*m;

	ck_assert_ptr_null(json_load("bad.json", text, len, &d));
	ck_assert_uint_eq(d.n, 1);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_int_eq(d.v[0].level, SEV_ERROR);
	ck_assert_str_eq(d.v[0].file, "bad.json");
	ck_assert_msg(d.v[0].line == line && d.v[0].col == col,
	    "error at %u:%u, expected %u:%u (%s)", d.v[0].line, d.v[0].col,
	    line, col, d.v[0].msg);
	ck_assert_msg(strstr(d.v[0].msg, needle) != NULL,
	    "message '%s' lacks '%s'", d.v[0].msg, needle);
	for (m = d.v[0].msg; *m != '\0'; m++)
		ck_assert_msg((unsigned char)*m >= 0x20 && *m != 0x7f,
		    "raw control character in '%s'", d.v[0].msg);
	diag_free(&d);
}

/* ---- Fixtures ---- */

START_TEST(test_single_object)
{
	struct diags		 d = { 0 };
	struct doc		*doc;
	const struct node	*r, *n;
	char			*display, *text;
	size_t			 len;

	text = fixture("single.json", &display, &len);
	doc = json_load(display, text, len, &d);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_int_eq(doc->format, DOC_JSON);
	ck_assert_uint_eq(doc->bytes, len);
	ck_assert_str_eq(doc->path, display);
	ck_assert_ptr_ne(doc->path, display);
	ck_assert_uint_eq(doc->nroots, 1);
	r = doc->roots[0];
	ck_assert_int_eq(r->kind, NODE_OBJECT);
	ck_assert_ptr_null(r->name);
	assert_loc(r, 1, 1, "");
	ck_assert_uint_eq(r->nprops, 6);
	ck_assert_str_eq(r->props[0]->name, "Name");
	ck_assert_str_eq(r->props[5]->name, "SmartHosts");
	ck_assert_str_eq(str_prop(r, "name"), "Outbound to Office 365");
	assert_loc(node_prop(r, "Name"), 2, 11, "/Name");
	n = node_prop(r, "Enabled");
	ck_assert_int_eq(n->kind, NODE_BOOL);
	ck_assert_int_eq(n->i, 1);
	n = node_prop(r, "MaxMessageSize");
	ck_assert_int_eq(n->kind, NODE_INT);
	ck_assert(n->i == 36700160);
	ck_assert(!n->is_unsigned);
	n = node_prop(r, "Ratio");
	ck_assert_int_eq(n->kind, NODE_REAL);
	ck_assert(n->d == 0.5);
	n = node_prop(r, "Comment");
	ck_assert_ptr_nonnull(n);
	ck_assert_int_eq(n->kind, NODE_NULL);
	ck_assert(node_is_null(n));
	n = node_prop(r, "SmartHosts");
	ck_assert_int_eq(n->kind, NODE_LIST);
	assert_loc(n, 7, 17, "/SmartHosts");
	ck_assert_uint_eq(n->nitems, 1);
	ck_assert_ptr_null(n->items[0]->name);
	assert_loc(n->items[0], 8, 5, "/SmartHosts/0");
	ck_assert_str_eq(n->items[0]->str, "mail.protection.outlook.com");
	ck_assert_uint_eq(check_positions(doc, text, len), 8);
	doc_free(doc);
	free(text);
	free(display);
}
END_TEST

START_TEST(test_array_of_objects)
{
	struct diags		 d = { 0 };
	struct doc		*doc;
	const struct node	*n;
	char			*display, *text;
	size_t			 len;

	text = fixture("array.json", &display, &len);
	doc = json_load(display, text, len, &d);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(doc->nroots, 2);
	assert_loc(doc->roots[0], 2, 5, "/0");
	assert_loc(doc->roots[1], 10, 5, "/1");
	ck_assert_str_eq(str_prop(doc->roots[1], "Name"),
	    "Client Proxy EX01");
	n = node_prop(doc->roots[0], "Bindings");
	assert_loc(n, 4, 22, "/0/Bindings");
	ck_assert_uint_eq(n->nitems, 2);
	assert_loc(n->items[1], 6, 26, "/0/Bindings/1");
	ck_assert_str_eq(n->items[1]->str, "[::]:25");
	/* Windows PowerShell 5.1's empty array: '[', blank line, ']'. */
	n = node_prop(doc->roots[1], "Bindings");
	ck_assert_int_eq(n->kind, NODE_LIST);
	ck_assert_uint_eq(n->nitems, 0);
	assert_loc(n, 12, 22, "/1/Bindings");
	assert_loc(node_prop(doc->roots[1], "MaxMessageSize"), 15, 28,
	    "/1/MaxMessageSize");
	check_positions(doc, text, len);
	doc_free(doc);
	free(text);
	free(display);
}
END_TEST

static void
expect_no_roots(const char *name)
{
	struct diags	 d = { 0 };
	struct doc	*doc;
	char		*display, *text;
	size_t		 len;

	text = fixture(name, &display, &len);
	doc = json_load(display, text, len, &d);
	ck_assert_msg(doc != NULL, "%s rejected", name);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(doc->nroots, 0);
	ck_assert_ptr_nonnull(doc->roots);
	ck_assert_uint_eq(doc->bytes, len);
	ck_assert_int_eq(doc->format, DOC_JSON);
	ck_assert_str_eq(doc->path, display);
	doc_free(doc);
	free(text);
	free(display);
}

START_TEST(test_null_array)
{
	expect_no_roots("null_array.json");	/* ConvertTo-Json @($null) */
}
END_TEST

START_TEST(test_empty_file)
{
	expect_no_roots("empty.json");	/* ConvertTo-Json of nothing */
}
END_TEST

START_TEST(test_whitespace_only)
{
	expect_no_roots("whitespace.json");
}
END_TEST

START_TEST(test_null_elements_dropped)
{
	struct diags	 d = { 0 };
	struct doc	*doc;

	doc = load_ok("[{\"a\": 1}, null, {\"b\": 2}, null, 7]", &d);
	ck_assert_uint_eq(doc->nroots, 3);
	assert_loc(doc->roots[0], 1, 2, "/0");
	assert_loc(doc->roots[1], 1, 18, "/2");
	assert_loc(doc->roots[1]->props[0], 1, 24, "/2/b");
	assert_loc(doc->roots[2], 1, 34, "/4");
	ck_assert_int_eq(doc->roots[2]->kind, NODE_INT);
	doc_free(doc);
	doc = load_ok("[]", &d);
	ck_assert_uint_eq(doc->nroots, 0);
	doc_free(doc);
	doc = load_ok("{}", &d);
	ck_assert_uint_eq(doc->nroots, 1);
	ck_assert_uint_eq(doc->roots[0]->nprops, 0);
	doc_free(doc);
}
END_TEST

START_TEST(test_top_level_scalar)
{
	char	*display, *text;
	size_t	 len;

	text = fixture("scalar.json", &display, &len);
	load_err(text, len, 2, 3, "expected a JSON object or array");
	load_err(text, len, 2, 3, "found a string");
	load_err("42", 2, 1, 1, "expected a JSON object or array");
	load_err(" \r\n true", 8, 2, 2, "expected a JSON object or array");
	load_err("null\n", 5, 1, 1, "expected a JSON object or array");
	/* A BOM is the caller's business (textfile.h); here it is junk. */
	load_err("\xef\xbb\xbf{}", 5, 1, 1,
	    "expected a JSON object or array");
	free(text);
	free(display);
}
END_TEST

START_TEST(test_duplicate_key)
{
	struct diags	 d = { 0 };
	char		*display, *text;
	size_t		 len;

	text = fixture("duplicate.json", &display, &len);
	ck_assert_ptr_null(json_load(display, text, len, &d));
	ck_assert_uint_eq(d.n, 1);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_str_eq(d.v[0].file, display);
	ck_assert_uint_eq(d.v[0].line, 4);
	ck_assert_str_eq(d.v[0].msg,
	    "invalid JSON: duplicate object key near '\"Name\"'");
	diag_free(&d);
	load_err(text, len, 4, 10, "duplicate object key");
	free(text);
	free(display);
}
END_TEST

START_TEST(test_syntax_error)
{
	char	*display, *text;
	size_t	 len;

	text = fixture("syntax.json", &display, &len);
	load_err(text, len, 3, 19, "invalid JSON: invalid token near 'tru'");
	free(text);
	free(display);
	load_err("{\"a\": 1} x", 10, 1, 10, "end of file expected");
	load_err("{\"a\": 1,\n}", 10, 2, 1, "string or '}' expected");
	load_err("[\n  \"open", 9, 2, 7, "premature end of input");
	load_err("{\"a\": \"x\\u0000y\"}", 17, 1, 16, "NUL");
	load_err("{\"a\": 18446744073709551616}", 27, 1, 26,
	    "too big integer");
	/* jansson 2.14 would drop a NUL after a number or literal. */
	load_err("[1\0]", 4, 1, 3, "NUL byte");
	load_err("{\"a\": true\0,\n \"b\": 2}", 21, 1, 11, "NUL byte");
	load_err("{}\n\0", 4, 2, 1, "NUL byte");
	load_err("[1 2]\0", 6, 1, 4, "']' expected");
	/* jansson quotes raw bytes; they must not reach a terminal. */
	load_err("{\"a\": \"\x1b[31m\"}", 14, 1, 7, "control character");
	load_err("{\"a\": \"\xff\"}", 10, 1, 7, "unable to decode byte 0xff");
}
END_TEST

START_TEST(test_ps51_shapes)
{
	struct diags		 d = { 0 };
	struct doc		*doc;
	const struct node	*r, *n, *v;
	char			*display, *text, tmp[64];
	size_t			 len;

	text = fixture("ps51.json", &display, &len);
	ck_assert_ptr_nonnull(strstr(text, "\"WhenChanged\":  \"\\/Date("));
	doc = json_load(display, text, len, &d);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(doc->nroots, 1);
	r = doc->roots[0];
	assert_loc(r, 1, 1, "");
	assert_loc(node_prop(r, "Identity"), 2, 18, "/Identity");
	/* "\/Date(ms)\/": the escaped slashes are gone. */
	ck_assert_str_eq(str_prop(r, "WhenChanged"), "/Date(1772500523000)/");
	assert_loc(node_prop(r, "WhenChanged"), 3, 21, "/WhenChanged");
	/* A DateTime with ETS notes: {value, DisplayHint, DateTime}. */
	n = node_prop(r, "WhenCreated");
	ck_assert_int_eq(n->kind, NODE_OBJECT);
	assert_loc(n, 4, 21, "/WhenCreated");
	ck_assert_str_eq(str_prop(n, "value"), "/Date(1720923182000)/");
	assert_loc(node_prop(n, "value"), 5, 35, "/WhenCreated/value");
	v = node_prop(n, "DisplayHint");
	ck_assert_int_eq(v->kind, NODE_INT);
	ck_assert(v->i == 2);
	assert_loc(v, 6, 41, "/WhenCreated/DisplayHint");
	ck_assert_str_eq(str_prop(n, "DateTime"),
	    "Sunday 14 July 2024 02:13:02");
	ck_assert_str_eq(node_text(n, tmp, sizeof(tmp)),
	    "/Date(1720923182000)/");
	/* HTML-sensitive characters escaped as \u003c etc. */
	ck_assert_str_eq(str_prop(r, "TlsCertificateName"),
	    "<I>CN=Issuing CA<S>CN=mail.contoso.com");
	ck_assert_str_eq(str_prop(r, "Comment"),
	    "Jos's & M\xc3\xbcller's connector \"test\" {not an object}");
	/* Numeric enums. */
	n = node_prop(r, "AuthMechanism");
	ck_assert_int_eq(n->kind, NODE_INT);
	ck_assert(n->i == 31);
	assert_loc(n, 11, 23, "/AuthMechanism");
	ck_assert(node_prop(r, "SmartHostAuthMechanism")->i == 0);
	/* Deep alignment under the key. */
	n = node_prop(node_prop(node_prop(r, "MaxMessageSize"), "Value"),
	    "Value");
	ck_assert(n->i == 36700160);
	assert_loc(n, 16, 52, "/MaxMessageSize/Value/Value");
	n = node_prop(r, "SmartHosts");
	ck_assert_uint_eq(n->nitems, 0);
	assert_loc(n, 19, 20, "/SmartHosts");
	n = node_prop(r, "AddressSpaces");
	assert_loc(n->items[0], 23, 27, "/AddressSpaces/0");
	assert_loc(node_prop(r, "Enabled"), 25, 17, "/Enabled");
	check_positions(doc, text, len);
	doc_free(doc);
	free(text);
	free(display);
}
END_TEST

START_TEST(test_ps7_shapes)
{
	struct diags		 d = { 0 };
	struct doc		*doc;
	const struct node	*r, *n;
	char			*display, *text;
	size_t			 len;

	text = fixture("ps7.json", &display, &len);
	doc = json_load(display, text, len, &d);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(doc->nroots, 2);
	r = doc->roots[0];
	assert_loc(r, 2, 3, "/0");
	ck_assert_str_eq(str_prop(r, "WhenChanged"),
	    "2018-10-12T00:00:00-05:00");
	ck_assert_str_eq(str_prop(r, "WhenCreated"),
	    "2024-07-14T02:13:02.1234567Z");
	assert_loc(node_prop(r, "WhenCreated"), 5, 20, "/0/WhenCreated");
	ck_assert_str_eq(str_prop(r, "TlsCertificateName"),
	    "<I>CN=Issuing CA<S>CN=mail.contoso.com");
	n = node_prop(r, "AddressSpaces");
	assert_loc(n->items[0], 10, 7, "/0/AddressSpaces/0");
	r = doc->roots[1];
	assert_loc(r, 14, 3, "/1");
	n = node_prop(r, "AddressSpaces");
	ck_assert_uint_eq(n->nitems, 0);
	assert_loc(n, 18, 22, "/1/AddressSpaces");
	n = node_prop(r, "Enabled");
	ck_assert_int_eq(n->kind, NODE_BOOL);
	ck_assert_int_eq(n->i, 0);
	assert_loc(n, 19, 16, "/1/Enabled");
	check_positions(doc, text, len);
	doc_free(doc);
	free(text);
	free(display);
}
END_TEST

START_TEST(test_pointer_escaping)
{
	struct diags		 d = { 0 };
	struct doc		*doc;
	const struct node	*r, *n;
	char			*display, *text;
	size_t			 len;

	text = fixture("pointer.json", &display, &len);
	doc = json_load(display, text, len, &d);
	ck_assert_ptr_nonnull(doc);
	r = doc->roots[0];
	n = node_prop(r, "a/b");
	ck_assert_str_eq(n->name, "a/b");
	assert_loc(n, 2, 10, "/a~1b");
	assert_loc(node_prop(n, "m~n"), 3, 12, "/a~1b/m~0n");
	n = node_prop(n, "~/");
	assert_loc(n, 4, 11, "/a~1b/~0~1");
	assert_loc(n->items[0], 5, 7, "/a~1b/~0~1/0");
	assert_loc(n->items[1], 6, 7, "/a~1b/~0~1/1");
	ck_assert_str_eq(r->props[1]->name, "");
	assert_loc(r->props[1], 9, 7, "/");
	assert_loc(node_prop(r, "~1"), 10, 9, "/~01");
	check_positions(doc, text, len);
	doc_free(doc);
	free(text);
	free(display);
}
END_TEST

/* ---- Positions of in-memory texts ---- */

START_TEST(test_positions_strings)
{
	struct diags		 d = { 0 };
	struct doc		*doc;
	const struct node	*r, *n;

	/* Braces, brackets, colons, commas and quotes inside strings. */
	doc = load_ok("{\"a\": [1, {\"b\": \"x{}[]\\\"]:,\\\\\"}], "
	    "\"c\\\"{:\": {\"d\": null}, \"e\":\"\\\\\"}", &d);
	r = doc->roots[0];
	n = node_prop(r, "a");
	assert_loc(n, 1, 7, "/a");
	assert_loc(n->items[0], 1, 8, "/a/0");
	assert_loc(n->items[1], 1, 11, "/a/1");
	assert_loc(n->items[1]->props[0], 1, 17, "/a/1/b");
	ck_assert_str_eq(n->items[1]->props[0]->str, "x{}[]\"]:,\\");
	n = node_prop(r, "c\"{:");
	assert_loc(n, 1, 44, "/c\"{:");
	assert_loc(n->props[0], 1, 50, "/c\"{:/d");
	assert_loc(node_prop(r, "e"), 1, 61, "/e");
	ck_assert_str_eq(node_prop(r, "e")->str, "\\");
	doc_free(doc);
}
END_TEST

START_TEST(test_positions_utf8)
{
	struct diags		 d = { 0 };
	struct doc		*doc;
	const struct node	*r, *n;

	/* Columns count code points: é is 2 bytes, € 3, the emoji 4. */
	doc = load_ok("{\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\": "
	    "\"\xc3\xbc\xc3\xbc\", \"k\": 1,\n"
	    " \"\xc3\xb1\": [\"\xe6\x97\xa5\xe6\x9c\xac\", true]}", &d);
	r = doc->roots[0];
	assert_loc(r->props[0], 1, 9, "/\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	ck_assert_str_eq(r->props[0]->str, "\xc3\xbc\xc3\xbc");
	ck_assert_uint_eq(r->props[0]->len, 4);
	assert_loc(r->props[1], 1, 20, "/k");
	n = r->props[2];
	assert_loc(n, 2, 7, "/\xc3\xb1");
	assert_loc(n->items[0], 2, 8, "/\xc3\xb1/0");
	assert_loc(n->items[1], 2, 14, "/\xc3\xb1/1");
	doc_free(doc);
}
END_TEST

START_TEST(test_positions_ps51_crlf)
{
	struct diags		 d = { 0 };
	struct doc		*doc;
	const struct node	*r, *n;

	doc = load_ok(
	    "[\r\n"
	    "    {\r\n"
	    "        \"Name\":  \"Outbound\",\r\n"
	    "        \"SmartHosts\":  [\r\n"
	    "\r\n"
	    "                       ],\r\n"
	    "        \"TlsAuthLevel\":  {\r\n"
	    "                             \"value\":  2,\r\n"
	    "                             \"x\":  [\r\n"
	    "                                       \"a\",\r\n"
	    "                                       null\r\n"
	    "                                   ]\r\n"
	    "                         }\r\n"
	    "    },\r\n"
	    "\t{ \"Name\":\t\"\\r\\n\" }\r\n"
	    "]\r\n", &d);
	ck_assert_uint_eq(doc->nroots, 2);
	r = doc->roots[0];
	assert_loc(r, 2, 5, "/0");
	assert_loc(r->props[0], 3, 18, "/0/Name");
	assert_loc(r->props[1], 4, 24, "/0/SmartHosts");
	n = r->props[2];
	assert_loc(n, 7, 26, "/0/TlsAuthLevel");
	assert_loc(n->props[0], 8, 40, "/0/TlsAuthLevel/value");
	assert_loc(n->props[1], 9, 36, "/0/TlsAuthLevel/x");
	assert_loc(n->props[1]->items[0], 10, 40, "/0/TlsAuthLevel/x/0");
	assert_loc(n->props[1]->items[1], 11, 40, "/0/TlsAuthLevel/x/1");
	ck_assert_int_eq(n->props[1]->items[1]->kind, NODE_NULL);
	r = doc->roots[1];
	assert_loc(r, 15, 2, "/1");
	assert_loc(r->props[0], 15, 12, "/1/Name");
	ck_assert_str_eq(r->props[0]->str, "\r\n");
	doc_free(doc);
}
END_TEST

/* ---- Depth ---- */

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* n copies of 'open', 'mid', n copies of 'close'. */
static char *
nest(size_t n, const char *open, const char *mid, const char *close,
    size_t *lenp)
{
	struct buf	b = { NULL, 0, 0 };
	size_t		i;

	for (i = 0; i < n; i++)
		buf_adds(&b, open);
	buf_adds(&b, mid);
	for (i = 0; i < n; i++)
		buf_adds(&b, close);
	*lenp = b.len;
	return buf_steal(&b);
}

START_TEST(test_deep_nesting)
{
	struct diags	 d = { 0 };
	struct doc	*doc;
	char		*text;
	size_t		 len;
	double		 t0;

	t0 = now();
	text = nest(100000, "[", "1", "]", &len);
	load_err(text, len, 1, JSON_MAX_DEPTH + 1, "nesting deeper than 512");
	free(text);
	text = nest(100000, "{\"a\":\n", "{}", "}", &len);
	load_err(text, len, JSON_MAX_DEPTH + 1, 1, "nesting deeper than 512");
	free(text);
	/* Unbalanced: only opening brackets. */
	text = nest(100000, "[", "", "", &len);
	load_err(text, len, 1, JSON_MAX_DEPTH + 1, "nesting deeper than 512");
	free(text);
	ck_assert_msg(now() - t0 < 2.0, "deep input took %.2f s", now() - t0);

	/* The limit itself is accepted, with positions at every level. */
	text = nest(JSON_MAX_DEPTH, "[", "\"[[{{\"", "]", &len);
	doc = json_load("deep.json", text, len, &d);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(doc->nroots, 1);
	ck_assert_uint_eq(check_positions(doc, text, len), JSON_MAX_DEPTH);
	doc_free(doc);
	free(text);
	text = nest(JSON_MAX_DEPTH + 1, "[", "", "]", &len);
	load_err(text, len, 1, JSON_MAX_DEPTH + 1, "nesting deeper than 512");
	free(text);

	/* An earlier syntax error is reported first. */
	text = nest(100000, "[", "", "]", &len);
	text[3] = 'x';
	load_err(text, len, 1, 4, "invalid token");
	free(text);
	/* Brackets inside strings do not count. */
	text = nest(1000, "[", "", "", &len);
	text = xrealloc(text, len + 5);
	memmove(text + 2, text, len);
	memcpy(text, "[\"", 2);
	memcpy(text + len + 2, "\"]", 3);
	doc = load_ok(text, &d);
	ck_assert_uint_eq(doc->nroots, 1);
	ck_assert_uint_eq(doc->roots[0]->len, 1000);
	doc_free(doc);
	free(text);
}
END_TEST

START_TEST(test_pointer_budget)
{
	struct buf	 b = { NULL, 0, 0 };
	struct diags	 d = { 0 };
	char		*key;
	size_t		 i;

	/* 500 levels of 1000-byte names: 0.5 MB of text, 125 MB of paths. */
	key = xmalloc(1001);
	memset(key, 'k', 1000);
	key[1000] = '\0';
	for (i = 0; i < 500; i++)
		buf_printf(&b, "{\"%s\":", key);
	buf_adds(&b, "1");
	for (i = 0; i < 500; i++)
		buf_addc(&b, '}');
	ck_assert_ptr_null(json_load("wide.json", b.p, b.len, &d));
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "too complex"));
	ck_assert_str_eq(d.v[0].file, "wide.json");
	ck_assert_uint_eq(d.v[0].line, 1);
	ck_assert_uint_gt(d.v[0].col, 1);
	diag_free(&d);
	buf_free(&b);
	free(key);
}
END_TEST

/* ---- The real corpus ---- */

START_TEST(test_corpus_scubagear)
{
	struct diags		 d = { 0 };
	struct doc		*doc;
	const struct node	*r, *ic, *first, *ct;
	char			*path, *text;
	size_t			 len, count;

	path = corpus_path("cisagov__ScubaGear/PowerShell/ScubaGear/"
	    "Sample-Reports/ProviderSettingsExport.json");
	if (path == NULL)
		return;
	text = slurp(path, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert(len > 3 && (unsigned char)text[0] != 0xef);	/* no BOM */
	doc = json_load(path, text, len, &d);
	ck_assert_msg(doc != NULL, "%s", d.n ? d.v[0].msg : "?");
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(doc->nroots, 1);
	r = doc->roots[0];
	ck_assert_int_eq(r->kind, NODE_OBJECT);
	ic = node_prop(r, "inbound_connectors");
	ck_assert_ptr_nonnull(ic);
	ck_assert_int_eq(ic->kind, NODE_LIST);
	assert_loc(ic, 21113, 28, "/inbound_connectors");
	ck_assert_uint_ge(ic->nitems, 1);
	first = ic->items[0];
	ck_assert_int_eq(first->kind, NODE_OBJECT);
	/* grep -n: 21114 is its '{', 21116 "ConnectorType":  "Partner". */
	assert_loc(first, 21114, 32, "/inbound_connectors/0");
	ck_assert_str_eq(str_prop(first, "ConnectorType"), "Partner");
	ct = node_prop(first, "ConnectorType");
	assert_loc(ct, 21116, 54, "/inbound_connectors/0/ConnectorType");
	ck_assert_ptr_eq(ct->loc.file, doc->path);
	count = check_positions(doc, text, len);
	ck_assert_uint_gt(count, 10000);
	doc_free(doc);
	free(text);
	free(path);
}
END_TEST

START_TEST(test_corpus_getwebsite)
{
	struct diags	 d = { 0 };
	struct doc	*doc;
	char		*path, *text;
	size_t		 len;

	/* Windows PowerShell 5.1, -Depth 4, long lines, UTF-8 with BOM. */
	path = corpus_path("microsoft__CSS-Exchange/Admin/"
	    "MonitorExchangeAuthCertificate/ConfigurationAction/Tests/Data/"
	    "GetWebSite.json");
	if (path == NULL)
		return;
	text = slurp(path, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert(len > 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0);
	doc = json_load(path, text + 3, len - 3, &d);
	ck_assert_msg(doc != NULL, "%s", d.n ? d.v[0].msg : "?");
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_ge(doc->nroots, 1);
	check_positions(doc, text + 3, len - 3);
	doc_free(doc);
	free(text);
	free(path);
}
END_TEST

static Suite *
json_suite(void)
{
	Suite	*s = suite_create("json_load");
	TCase	*tc;

	tc = tcase_create("fixtures");
	tcase_add_test(tc, test_single_object);
	tcase_add_test(tc, test_array_of_objects);
	tcase_add_test(tc, test_null_array);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_whitespace_only);
	tcase_add_test(tc, test_null_elements_dropped);
	tcase_add_test(tc, test_top_level_scalar);
	tcase_add_test(tc, test_duplicate_key);
	tcase_add_test(tc, test_syntax_error);
	tcase_add_test(tc, test_ps51_shapes);
	tcase_add_test(tc, test_ps7_shapes);
	tcase_add_test(tc, test_pointer_escaping);
	suite_add_tcase(s, tc);

	tc = tcase_create("positions");
	tcase_add_test(tc, test_positions_strings);
	tcase_add_test(tc, test_positions_utf8);
	tcase_add_test(tc, test_positions_ps51_crlf);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_pointer_budget);
	suite_add_tcase(s, tc);

	tc = tcase_create("corpus");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_corpus_scubagear);
	tcase_add_test(tc, test_corpus_getwebsite);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(json_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
