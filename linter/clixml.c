/*
 * clixml.c: Export-Clixml files into the generic object tree (SAX2).
 *
 * The parser keeps a stack of open elements.  Values are built bottom-up:
 * when an element ends, its node is handed to the enclosing frame, which
 * files it as a property (Props/MS), a list item, a dictionary key or
 * value, an object's own value, or a top-level item.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "clixml.h"
#include "utf8.h"
#include "x509.h"
#include "xalloc.h"

#define PS_NS	"http://schemas.microsoft.com/powershell/2004/04"

enum el {
	EL_UNKNOWN,
	EL_OBJS, EL_OBJ, EL_TN, EL_T, EL_TNREF, EL_TOSTRING, EL_PROPS, EL_MS,
	EL_LST, EL_IE, EL_QUE, EL_STK, EL_DCT, EL_EN, EL_REF, EL_NIL,
	EL_S, EL_C, EL_B, EL_DT, EL_TS, EL_BY, EL_SB, EL_U16, EL_I16,
	EL_U32, EL_I32, EL_U64, EL_I64, EL_SG, EL_DB, EL_D, EL_BA, EL_G,
	EL_URI, EL_VERSION, EL_SEMVER, EL_XD, EL_SBK, EL_SS, EL_PR
};

static const struct {
	const char	*name;
	enum el		 el;
} eltab[] = {		/* sorted by name (strcmp) */
	{ "B", EL_B }, { "BA", EL_BA }, { "By", EL_BY }, { "C", EL_C },
	{ "D", EL_D }, { "DCT", EL_DCT }, { "DT", EL_DT }, { "Db", EL_DB },
	{ "En", EL_EN }, { "G", EL_G }, { "I16", EL_I16 }, { "I32", EL_I32 },
	{ "I64", EL_I64 }, { "IE", EL_IE }, { "LST", EL_LST }, { "MS", EL_MS },
	{ "Nil", EL_NIL }, { "Obj", EL_OBJ }, { "Objs", EL_OBJS },
	{ "PR", EL_PR }, { "Props", EL_PROPS }, { "QUE", EL_QUE },
	{ "Ref", EL_REF }, { "S", EL_S }, { "SB", EL_SB }, { "SBK", EL_SBK },
	{ "SS", EL_SS }, { "STK", EL_STK }, { "SemanticVersion", EL_SEMVER },
	{ "Sg", EL_SG }, { "T", EL_T }, { "TN", EL_TN }, { "TNRef", EL_TNREF },
	{ "TS", EL_TS }, { "ToString", EL_TOSTRING }, { "U16", EL_U16 },
	{ "U32", EL_U32 }, { "U64", EL_U64 }, { "URI", EL_URI },
	{ "Version", EL_VERSION }, { "XD", EL_XD },
};

struct frame {
	enum el		 el;
	const char	*tag;		/* element name (static or arena) */
	const char	*name;		/* N attribute, decoded */
	char		*refid;		/* RefId attribute (Obj, TN) */
	unsigned	 line, col;
	struct node	*node;		/* Obj, containers, MS-in-MS */
	struct vec	 a;		/* props / items / type names */
	struct vec	 b;		/* MS props (Obj) */
	int		 text;		/* collects character data */
	int		 skip;		/* SerializationData: drop text */
	size_t		 textstart;	/* offset into st->text */
	struct node	*key;		/* En: the key so far */
	struct node	*val;		/* En: the value so far */
};

/* A hash map from RefId to a value (node or type list). */
struct refent {
	uint32_t	 id;
	int		 used;
	int		 open;		/* Obj still being built */
	void		*p;
	size_t		 n;
};

struct refmap {
	struct refent	*v;
	size_t		 cap;
	size_t		 n;
};

struct state {
	xmlParserCtxtPtr ctxt;
	struct doc	*doc;
	struct arena	*arena;
	struct diags	*diags;
	const char	*display;
	struct frame	*stack;
	size_t		 depth;
	size_t		 cap;
	size_t		 unknown;	/* depth inside a skipped element */
	struct buf	 text;
	struct refmap	 objs;
	struct refmap	 tns;
	struct vec	 roots;
	int		 failed;
	int		 saw_root;
	long		 nnodes;
};

static void	 st_error(struct state *, unsigned, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Index into eltab, or -1. */
static int
el_lookup(const char *name)
{
	size_t	lo = 0, hi = sizeof(eltab) / sizeof(eltab[0]), mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(name, eltab[mid].name);
		if (c == 0)
			return (int)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static void
st_error(struct state *st, unsigned line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(st->diags, SEV_ERROR, st->display, line, 0, "%s", msg);
	free(msg);
	st->failed = 1;
	xmlStopParser(st->ctxt);
}

/* RefId maps. */

static int
parse_refid(const char *s, uint32_t *out)
{
	char		*end;
	unsigned long	 v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static struct refent *
refmap_slot(struct refmap *m, uint32_t id)
{
	size_t	i;

	if (m->cap == 0)
		return NULL;
	i = (id * 2654435761u) & (m->cap - 1);
	while (m->v[i].used && m->v[i].id != id)
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

static struct refent *
refmap_put(struct refmap *m, uint32_t id)
{
	struct refent	*old, *e;
	size_t		 oldcap, i;

	if ((m->n + 1) * 2 > m->cap) {
		old = m->v;
		oldcap = m->cap;
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = xcalloc(m->cap, sizeof(*m->v));
		for (i = 0; i < oldcap; i++)
			if (old[i].used)
				*refmap_slot(m, old[i].id) = old[i];
		free(old);
	}
	e = refmap_slot(m, id);
	if (!e->used) {
		e->used = 1;
		e->id = id;
		m->n++;
	}
	return e;
}

static struct refent *
refmap_get(struct refmap *m, uint32_t id)
{
	struct refent	*e = refmap_slot(m, id);

	return e != NULL && e->used ? e : NULL;
}

/* PowerShell's _xHHHH_ escapes. */

/* Parse "_xHHHH_" or "_xHHHHHHHH_" at p; returns its length or 0. */
static size_t
escape_at(const char *p, size_t n, uint32_t *cp)
{
	size_t		 digits, i;
	uint32_t	 v;
	int		 h;

	if (n < 7 || p[0] != '_' || (p[1] != 'x' && p[1] != 'X'))
		return 0;
	for (digits = 4; digits <= 8; digits += 4) {
		if (n < digits + 3 || p[digits + 2] != '_')
			continue;
		v = 0;
		for (i = 0; i < digits; i++) {
			if ((h = hex_digit((unsigned char)p[2 + i])) < 0)
				break;
			v = v << 4 | (uint32_t)h;
		}
		if (i == digits) {
			*cp = v;
			return digits + 3;
		}
	}
	return 0;
}

/* A decoded code point; NUL, surrogates and the impossible become U+FFFD. */
static void
put_cp(struct buf *b, uint32_t cp)
{
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	utf8_put(b, cp);
}

char *
clixml_unescape(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	struct buf	 b = { 0 };
	const char	*p, *end = s + len, *u;
	uint32_t	 cp, lo;
	size_t		 l, l2;
	char		*r;

	if ((u = memchr(s, '_', len)) == NULL) {
		if (outlen != NULL)
			*outlen = len;
		return arena_strndup(a, s, len);
	}
	p = s;
	while (p < end) {
		u = memchr(p, '_', (size_t)(end - p));
		if (u == NULL) {
			buf_add(&b, p, (size_t)(end - p));
			break;
		}
		buf_add(&b, p, (size_t)(u - p));
		p = u;
		if ((l = escape_at(p, (size_t)(end - p), &cp)) == 0) {
			buf_addc(&b, '_');
			p++;
			continue;
		}
		p += l;
		if (cp >= 0xd800 && cp <= 0xdbff &&
		    (l2 = escape_at(p, (size_t)(end - p), &lo)) != 0 &&
		    lo >= 0xdc00 && lo <= 0xdfff) {
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			p += l2;
		}
		put_cp(&b, cp);
	}
	if (outlen != NULL)
		*outlen = b.len;
	r = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return r;
}

/* Nodes. */

static struct node *
new_node(struct state *st, enum node_kind kind, const struct frame *f)
{
	struct node	*n;

	if (++st->nnodes > CLIXML_MAX_VALUES) {
		st_error(st, f->line, "more than %d values in one file",
		    CLIXML_MAX_VALUES);
	}
	n = arena_alloc(st->arena, sizeof(*n));
	n->kind = kind;
	n->name = f->name;
	n->tag = f->tag;
	n->loc.file = st->doc->path;
	n->loc.line = f->line;
	n->loc.col = f->col;
	return n;
}

static int
is_value_el(enum el e)
{
	switch (e) {
	case EL_OBJ: case EL_LST: case EL_IE: case EL_QUE: case EL_STK:
	case EL_DCT: case EL_REF: case EL_NIL: case EL_S: case EL_C:
	case EL_B: case EL_DT: case EL_TS: case EL_BY: case EL_SB:
	case EL_U16: case EL_I16: case EL_U32: case EL_I32: case EL_U64:
	case EL_I64: case EL_SG: case EL_DB: case EL_D: case EL_BA:
	case EL_G: case EL_URI: case EL_VERSION: case EL_SEMVER: case EL_XD:
	case EL_SBK: case EL_SS:
		return 1;
	default:
		return 0;
	}
}

static int
is_text_el(enum el e)
{
	return is_value_el(e) && e != EL_OBJ && e != EL_LST && e != EL_IE &&
	    e != EL_QUE && e != EL_STK && e != EL_DCT && e != EL_REF &&
	    e != EL_NIL;
}

/* Hand a finished value to the enclosing frame. */
static void
attach(struct state *st, struct node *n)
{
	struct frame	*p;

	if (st->depth == 0)
		return;
	p = &st->stack[st->depth - 1];
	switch (p->el) {
	case EL_OBJS:
		vec_push(&st->roots, n);
		break;
	case EL_OBJ:
		if (p->node->value != NULL) {
			st_error(st, n->loc.line,
			    "<Obj> has more than one own value");
			return;
		}
		p->node->value = n;
		break;
	case EL_PROPS:
	case EL_LST: case EL_IE: case EL_QUE: case EL_STK:
		vec_push(&p->a, n);
		break;
	case EL_MS:
		vec_push(&p->a, n);
		break;
	case EL_EN:
		if (n->name != NULL && strcmp(n->name, "Key") == 0 &&
		    p->key == NULL)
			p->key = n;
		else if (n->name != NULL && strcmp(n->name, "Value") == 0 &&
		    p->val == NULL)
			p->val = n;
		else
			st_error(st, n->loc.line,
			    "<En> holds an element that is neither its Key "
			    "nor its Value");
		break;
	default:
		st_error(st, n->loc.line, "<%s> cannot appear inside <%s>",
		    n->tag != NULL ? n->tag : "?", p->tag);
		break;
	}
}

static int
parse_i64(const char *s, int64_t *out)
{
	char		*end;
	long long	 v;

	while (*s == ' ')
		s++;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || errno != 0)
		return -1;
	while (*end == ' ')
		end++;
	if (*end != '\0')
		return -1;
	*out = v;
	return 0;
}

static int
parse_u64(const char *s, uint64_t *out)
{
	char			*end;
	unsigned long long	 v;

	while (*s == ' ')
		s++;
	if (*s == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || errno != 0)
		return -1;
	while (*end == ' ')
		end++;
	if (*end != '\0')
		return -1;
	*out = v;
	return 0;
}

/* <C>: a UTF-16 code unit as a number. */
static int
scalar_char(struct state *st, struct node *n, const char *raw)
{
	struct buf	b = { 0 };
	int64_t		v;

	if (parse_i64(raw, &v) == -1 || v < 0 || v > 0xffff)
		return -1;
	put_cp(&b, (uint32_t)v);
	n->str = arena_strndup(st->arena, b.p, b.len);
	n->len = b.len;
	buf_free(&b);
	return 0;
}

/* <Sg>, <Db>, <D>: a number, INF, -INF or NaN. */
static int
scalar_real(struct state *st, struct node *n, const char *raw, size_t len)
{
	char	*end;

	n->str = arena_strndup(st->arena, raw, len);
	n->len = len;
	if (strcmp(raw, "INF") == 0)
		n->d = 1e308 * 10;
	else if (strcmp(raw, "-INF") == 0)
		n->d = -1e308 * 10;
	else if (strcmp(raw, "NaN") == 0)
		n->d = 0;
	else {
		n->d = strtod(raw, &end);
		if (end == raw || *end != '\0')
			return -1;
	}
	return 0;
}

/* <BA>: base64. */
static int
scalar_bytes(struct state *st, struct node *n, const char *raw, size_t len)
{
	unsigned char	*bytes;
	long		 blen;

	bytes = arena_alloc(st->arena, len / 4 * 3 + 3);
	if ((blen = base64_decode(raw, len, bytes, len / 4 * 3 + 3)) < 0)
		return -1;
	n->str = (const char *)bytes;
	n->len = (size_t)blen;
	return 0;
}

static struct node *
scalar(struct state *st, struct frame *f, const char *raw, size_t len)
{
	struct node	*n;
	int64_t		 lo, hi, v;
	uint64_t	 uv;

	switch (f->el) {
	case EL_B:
		n = new_node(st, NODE_BOOL, f);
		if (strcmp(raw, "true") == 0)
			n->i = 1;
		else if (strcmp(raw, "false") == 0)
			n->i = 0;
		else
			goto badval;
		return n;
	case EL_BY: lo = 0; hi = UINT8_MAX; goto integer;
	case EL_SB: lo = INT8_MIN; hi = INT8_MAX; goto integer;
	case EL_U16: lo = 0; hi = UINT16_MAX; goto integer;
	case EL_I16: lo = INT16_MIN; hi = INT16_MAX; goto integer;
	case EL_U32: lo = 0; hi = UINT32_MAX; goto integer;
	case EL_I32: lo = INT32_MIN; hi = INT32_MAX; goto integer;
	case EL_I64: lo = INT64_MIN; hi = INT64_MAX; goto integer;
	case EL_U64:
		n = new_node(st, NODE_INT, f);
		if (parse_u64(raw, &uv) == -1)
			goto badval;
		n->u = uv;
		n->i = uv > INT64_MAX ? INT64_MAX : (int64_t)uv;
		n->is_unsigned = 1;
		return n;
	case EL_C:
		n = new_node(st, NODE_STRING, f);
		if (scalar_char(st, n, raw) == -1)
			goto badval;
		return n;
	case EL_SG: case EL_DB: case EL_D:
		n = new_node(st, NODE_REAL, f);
		if (scalar_real(st, n, raw, len) == -1)
			goto badval;
		return n;
	case EL_BA:
		n = new_node(st, NODE_BYTES, f);
		if (scalar_bytes(st, n, raw, len) == -1)
			goto badval;
		return n;
	case EL_S: case EL_URI: case EL_SBK: case EL_XD:
		n = new_node(st, NODE_STRING, f);
		n->str = clixml_unescape(st->arena, raw, len, &n->len);
		return n;
	default:		/* DT TS G Version SemanticVersion SS */
		n = new_node(st, NODE_STRING, f);
		n->str = arena_strndup(st->arena, raw, len);
		n->len = len;
		return n;
	}
integer:
	n = new_node(st, NODE_INT, f);
	if (parse_i64(raw, &v) == -1 || v < lo || v > hi)
		goto badval;
	n->i = v;
	return n;
badval:
	st_error(st, f->line, "<%s%s%s%s> holds '%.60s', not a valid value "
	    "of its type", f->tag, f->name ? " N=\"" : "",
	    f->name ? f->name : "", f->name ? "\"" : "", raw);
	return NULL;
}

static const xmlChar *
attr(const xmlChar **attrs, int nattrs, const char *name, size_t *len)
{
	int	i;

	for (i = 0; i < nattrs; i++) {
		if (strcmp((const char *)attrs[i * 5], name) == 0 &&
		    attrs[i * 5 + 2] == NULL) {
			*len = (size_t)(attrs[i * 5 + 4] - attrs[i * 5 + 3]);
			return attrs[i * 5 + 3];
		}
	}
	return NULL;
}

static void
sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct state	*st = ((xmlParserCtxtPtr)ctx)->_private;
	struct frame	*f, *p;
	const xmlChar	*v;
	size_t		 vlen;
	enum el		 e;
	unsigned	 line;
	int		 idx;

	(void)prefix, (void)nns, (void)ns, (void)ndefaulted;
	if (st->failed)
		return;
	line = (unsigned)xmlSAX2GetLineNumber(ctx);
	if (st->unknown > 0) {
		if (st->depth + ++st->unknown > CLIXML_MAX_DEPTH)
			st_error(st, line, "nesting deeper than %d elements",
			    CLIXML_MAX_DEPTH);
		return;
	}
	idx = el_lookup((const char *)localname);
	e = idx >= 0 ? eltab[idx].el : EL_UNKNOWN;
	if (uri == NULL || strcmp((const char *)uri, PS_NS) != 0)
		e = EL_UNKNOWN;
	if (st->depth == 0) {
		if (e != EL_OBJS) {
			st_error(st, line, "not a CLIXML export: the root "
			    "element is <%s>, expected <Objs xmlns=\"%s\">",
			    localname, PS_NS);
			return;
		}
		st->saw_root = 1;
	}
	p = st->depth > 0 ? &st->stack[st->depth - 1] : NULL;
	if (e == EL_UNKNOWN || e == EL_PR) {
		/* Not part of an object (progress records, foreign markup). */
		st->unknown = 1;
		return;
	}
	if (st->depth >= CLIXML_MAX_DEPTH) {
		st_error(st, line, "nesting deeper than %d elements",
		    CLIXML_MAX_DEPTH);
		return;
	}
	if (p != NULL) {
		int ok;

		switch (p->el) {
		case EL_OBJS: case EL_LST: case EL_IE: case EL_QUE:
		case EL_STK: case EL_PROPS: case EL_EN:
			ok = is_value_el(e);
			break;
		case EL_MS:
			ok = is_value_el(e) || e == EL_MS;
			break;
		case EL_OBJ:
			ok = is_value_el(e) || e == EL_TN || e == EL_TNREF ||
			    e == EL_TOSTRING || e == EL_PROPS || e == EL_MS;
			break;
		case EL_TN:
			ok = e == EL_T;
			break;
		case EL_DCT:
			ok = e == EL_EN;
			break;
		default:
			ok = 0;
			break;
		}
		if (!ok) {
			st_error(st, line, "<%s> cannot appear inside <%s>",
			    localname, p->tag);
			return;
		}
	} else if (e != EL_OBJS) {
		st_error(st, line, "unexpected <%s>", localname);
		return;
	}
	if (st->depth == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 32;
		st->stack = xreallocarray(st->stack, st->cap,
		    sizeof(*st->stack));
	}
	f = &st->stack[st->depth++];
	/* The stack may have moved: the parent frame with it. */
	p = st->depth > 1 ? &st->stack[st->depth - 2] : NULL;
	memset(f, 0, sizeof(*f));
	f->el = e;
	f->tag = eltab[idx].name;
	f->line = line;
	f->col = (unsigned)xmlSAX2GetColumnNumber(ctx);
	if ((v = attr(attrs, nattrs, "N", &vlen)) != NULL)
		f->name = clixml_unescape(st->arena, (const char *)v, vlen,
		    NULL);
	if ((v = attr(attrs, nattrs, "RefId", &vlen)) != NULL)
		f->refid = arena_strndup(st->arena, (const char *)v, vlen);
	if (is_text_el(e) || e == EL_T || e == EL_TOSTRING) {
		f->text = 1;
		f->textstart = st->text.len;
		if (e == EL_BA && f->name != NULL &&
		    strcmp(f->name, "SerializationData") == 0)
			f->skip = 1;
	}
	switch (e) {
	case EL_OBJ:
		f->node = new_node(st, NODE_OBJECT, f);
		if (f->refid != NULL) {
			uint32_t	 id;
			struct refent	*r;

			if (parse_refid(f->refid, &id) == -1) {
				st_error(st, line, "invalid RefId \"%s\"",
				    f->refid);
				return;
			}
			r = refmap_put(&st->objs, id);
			r->p = f->node;
			r->open = 1;
		}
		break;
	case EL_LST: case EL_IE: case EL_QUE: case EL_STK:
		f->node = new_node(st, NODE_LIST, f);
		break;
	case EL_DCT:
		f->node = new_node(st, NODE_DICT, f);
		break;
	case EL_MS:
		if (p != NULL && p->el == EL_MS)
			f->node = new_node(st, NODE_OBJECT, f);
		break;
	default:
		break;
	}
}

static void
sax_chars(void *ctx, const xmlChar *ch, int len)
{
	struct state	*st = ((xmlParserCtxtPtr)ctx)->_private;
	struct frame	*f;

	if (st->failed || st->unknown > 0 || st->depth == 0)
		return;
	f = &st->stack[st->depth - 1];
	if (!f->text || f->skip)
		return;
	if (st->text.len - f->textstart + (size_t)len > CLIXML_MAX_TEXT) {
		st_error(st, f->line, "text of <%s> is longer than %zu bytes",
		    f->tag, CLIXML_MAX_TEXT);
		return;
	}
	buf_add(&st->text, ch, (size_t)len);
}

static void
finish_obj(struct state *st, struct frame *f)
{
	struct node	*n = f->node;
	uint32_t	 id;
	struct refent	*r;
	size_t		 i, np = f->a.n, nm = f->b.n;

	n->props = arena_alloc(st->arena, (np + nm + 1) * sizeof(*n->props));
	for (i = 0; i < np; i++)
		n->props[i] = f->a.v[i];
	for (i = 0; i < nm; i++)
		n->props[np + i] = f->b.v[i];
	n->nprops = np + nm;
	vec_free(&f->a);
	vec_free(&f->b);
	node_check_duplicates(n, st->diags);
	if (f->refid != NULL && parse_refid(f->refid, &id) == 0 &&
	    (r = refmap_get(&st->objs, id)) != NULL && r->p == n)
		r->open = 0;
}

static void
sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct state	*st = ((xmlParserCtxtPtr)ctx)->_private;
	struct frame	*f, *p;
	struct node	*n = NULL;
	struct refent	*r;
	uint32_t	 id;
	const char	*raw;
	size_t		 rawlen;

	(void)localname, (void)prefix, (void)uri;
	if (st->failed)
		return;
	if (st->unknown > 0) {
		st->unknown--;
		return;
	}
	if (st->depth == 0)
		return;
	f = &st->stack[st->depth - 1];
	p = st->depth > 1 ? &st->stack[st->depth - 2] : NULL;
	raw = st->text.p != NULL ? st->text.p + f->textstart : "";
	rawlen = f->text ? st->text.len - f->textstart : 0;
	switch (f->el) {
	case EL_OBJS:
		break;
	case EL_OBJ:
		finish_obj(st, f);
		n = f->node;
		break;
	case EL_LST: case EL_IE: case EL_QUE: case EL_STK:
	case EL_DCT:
		n = f->node;
		n->nitems = f->a.n;
		n->items = (struct node **)vec_finish(&f->a, st->arena);
		vec_free(&f->a);
		break;
	case EL_EN:
		if (f->key == NULL || f->val == NULL) {
			st_error(st, f->line, "<En> without %s",
			    f->key == NULL ? "a Key" : "a Value");
			break;
		}
		vec_push(&p->a, f->key);
		vec_push(&p->a, f->val);
		break;
	case EL_TN: {
		const char	**types;

		p->node->ntypes = f->a.n;
		types = (const char **)vec_finish(&f->a, st->arena);
		p->node->types = types;
		vec_free(&f->a);
		if (f->refid != NULL) {
			if (parse_refid(f->refid, &id) == -1) {
				st_error(st, f->line, "invalid TN RefId "
				    "\"%s\"", f->refid);
				break;
			}
			r = refmap_put(&st->tns, id);
			r->p = types;
			r->n = p->node->ntypes;
		}
		break;
	}
	case EL_T: {
		char		*t;
		size_t		 tl;

		t = clixml_unescape(st->arena, raw, rawlen, &tl);
		if (strncmp(t, "Deserialized.", 13) == 0)
			t += 13;
		vec_push(&p->a, t);
		break;
	}
	case EL_TNREF:
		if (f->refid == NULL || parse_refid(f->refid, &id) == -1 ||
		    (r = refmap_get(&st->tns, id)) == NULL) {
			st_error(st, f->line, "<TNRef RefId=\"%s\"> names no "
			    "earlier <TN>", f->refid ? f->refid : "");
			break;
		}
		p->node->types = r->p;
		p->node->ntypes = r->n;
		break;
	case EL_TOSTRING:
		p->node->tostring = clixml_unescape(st->arena, raw, rawlen,
		    NULL);
		break;
	case EL_PROPS:
		break;
	case EL_MS:
		if (f->node != NULL) {
			/* A property set nested in <MS>. */
			n = f->node;
			n->nprops = f->a.n;
			n->props = (struct node **)vec_finish(&f->a,
			    st->arena);
			vec_free(&f->a);
		}
		break;
	case EL_REF:
		if (f->refid == NULL || parse_refid(f->refid, &id) == -1 ||
		    (r = refmap_get(&st->objs, id)) == NULL) {
			st_error(st, f->line, "<Ref RefId=\"%s\"> names no "
			    "earlier object", f->refid ? f->refid : "");
			break;
		}
		n = arena_alloc(st->arena, sizeof(*n));
		if (r->open) {
			/* A reference to an enclosing object: a cycle. */
			diag_add(st->diags, SEV_WARNING, st->display,
			    f->line, 0, "<Ref RefId=\"%s\"> points to an "
			    "enclosing object (a cycle); read as null",
			    f->refid);
			n->kind = NODE_NULL;
		} else
			*n = *(struct node *)r->p;
		n->is_ref = 1;
		n->name = f->name;
		n->loc.file = st->doc->path;
		n->loc.line = f->line;
		n->loc.col = f->col;
		break;
	case EL_NIL:
		n = new_node(st, NODE_NULL, f);
		break;
	default:
		if (f->skip)
			n = new_node(st, NODE_BYTES, f);
		else
			n = scalar(st, f, raw, rawlen);
		break;
	}
	/* Props and MS both attach to the object; split them. */
	if (f->el == EL_PROPS || (f->el == EL_MS && f->node == NULL)) {
		size_t	 i;
		struct vec *dst = f->el == EL_PROPS ? &p->a : &p->b;

		for (i = 0; i < f->a.n; i++)
			vec_push(dst, f->a.v[i]);
		vec_free(&f->a);
	}
	if (f->text && st->text.p != NULL) {
		st->text.len = f->textstart;
		st->text.p[st->text.len] = '\0';
	}
	st->depth--;
	if (n != NULL && !st->failed)
		attach(st, n);
}

static void
sax_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	struct state	*st = ((xmlParserCtxtPtr)ctx)->_private;

	(void)name, (void)eid, (void)sid;
	st_error(st, (unsigned)xmlSAX2GetLineNumber(ctx),
	    "a DOCTYPE never occurs in a PowerShell export; refusing the "
	    "file (entities are never expanded)");
}

static xmlEntityPtr
sax_get_entity(void *ctx, const xmlChar *name)
{
	struct state	*st = ((xmlParserCtxtPtr)ctx)->_private;

	if (!st->failed)
		st_error(st, (unsigned)xmlSAX2GetLineNumber(ctx),
		    "entity reference &%s; refused", name);
	return NULL;
}

static void
sax_serror(void *ud, xmlErrorPtr err)
{
	struct state	*st = ((xmlParserCtxtPtr)ud)->_private;
	char		*msg;
	size_t		 l;

	if (err == NULL || err->level < XML_ERR_ERROR || st->failed)
		return;
	/* The push parser, told the text ended inside an element, says
	 * "Extra content"; what happened is that the file was cut. */
	if (err->code == XML_ERR_DOCUMENT_END && st->depth > 0)
		msg = xasprintf("Premature end of data in tag %s line %u",
		    st->stack[st->depth - 1].tag, st->stack[st->depth - 1].line);
	else
		msg = xstrdup(err->message != NULL ? err->message :
		    "XML error");
	l = strlen(msg);
	while (l > 0 && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
		msg[--l] = '\0';
	diag_add(st->diags, SEV_ERROR, st->display, (unsigned)err->line,
	    (unsigned)err->int2, "malformed XML: %s", msg);
	free(msg);
	st->failed = 1;
}

/* How much text the push parser takes at a time. */
#define PARSE_CHUNK	(1024 * 1024)

/*
 * A SAX2 parser over the text with untrusted-input settings: no network,
 * no entity expansion (getEntity answers nothing), the DOCTYPE refused
 * in internalSubset, and the text taken as UTF-8 whatever an XML
 * declaration claims.
 */
static xmlParserCtxtPtr
parser(struct state *st)
{
	xmlSAXHandler		 sax;
	xmlParserCtxtPtr	 ctxt;

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sax_start;
	sax.endElementNs = sax_end;
	sax.characters = sax_chars;
	sax.internalSubset = sax_internal_subset;
	sax.getEntity = sax_get_entity;
	sax.getParameterEntity = sax_get_entity;
	sax.serror = sax_serror;
	/* A push parser reads the text in place, chunk by chunk: no copy of
	 * a file that may be hundreds of megabytes. */
	if ((ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL)) ==
	    NULL)
		return NULL;
	ctxt->userData = ctxt;
	ctxt->_private = st;
	st->ctxt = ctxt;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES |
	    XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC);
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	return ctxt;
}

static void
init_once(void)
{
	xmlInitParser();
}

void
clixml_init(void)
{
	static pthread_once_t	once = PTHREAD_ONCE_INIT;

	(void)pthread_once(&once, init_once);
}

/* What the parse state holds outside the document's arena. */
static void
state_release(struct state *st)
{
	size_t	i;

	for (i = 0; i < st->depth; i++) {
		vec_free(&st->stack[i].a);
		vec_free(&st->stack[i].b);
	}
	free(st->stack);
	buf_free(&st->text);
	free(st->objs.v);
	free(st->tns.v);
}

struct doc *
clixml_load(const char *display, char *text, size_t len, struct diags *diags)
{
	struct state	 st;
	xmlParserCtxtPtr ctxt;
	struct doc	*doc;
	size_t		 off, n;

	clixml_init();
	if (len > INT32_MAX) {
		diag_add(diags, SEV_ERROR, display, 0, 0, "file too large");
		return NULL;
	}
	if (strspn(text, " \t\r\n") == len) {
		diag_add(diags, SEV_ERROR, display, 0, 0,
		    "empty file: no <Objs> element (Export-Clixml always "
		    "writes one)");
		return NULL;
	}
	/* Output captured from powershell -OutputFormat XML. */
	if (len >= 9 && strncmp(text, "#< CLIXML", 9) == 0)
		memset(text, ' ', 9);

	memset(&st, 0, sizeof(st));
	st.arena = arena_new();
	st.diags = diags;
	st.display = display;
	doc = xcalloc(1, sizeof(*doc));
	doc->arena = st.arena;
	doc->path = arena_strdup(st.arena, display);
	doc->format = DOC_CLIXML;
	doc->bytes = len;
	st.doc = doc;

	if ((ctxt = parser(&st)) == NULL) {
		diag_add(diags, SEV_ERROR, display, 0, 0,
		    "cannot create an XML parser");
		doc_free(doc);
		return NULL;
	}
	for (off = 0; off < len && !ctxt->disableSAX; off += n) {
		n = len - off < PARSE_CHUNK ? len - off : PARSE_CHUNK;
		(void)xmlParseChunk(ctxt, text + off, (int)n, 0);
	}
	(void)xmlParseChunk(ctxt, NULL, 0, 1);
	if (!st.failed && !ctxt->wellFormed) {
		diag_add(diags, SEV_ERROR, display, 0, 0, "malformed XML");
		st.failed = 1;
	}
	if (!st.failed && !st.saw_root) {
		diag_add(diags, SEV_ERROR, display, 0, 0,
		    "empty file: no <Objs> element");
		st.failed = 1;
	}
	xmlFreeParserCtxt(ctxt);
	state_release(&st);
	doc->nroots = st.roots.n;
	doc->roots = (struct node **)vec_finish(&st.roots, st.arena);
	vec_free(&st.roots);
	if (st.failed) {
		doc_free(doc);
		return NULL;
	}
	return doc;
}
