/*
 * packeval.c: the check function of pack rules.
 *
 * Conditions are evaluated in three-valued logic (Kleene): a property the
 * export did not carry is unknown, so is every comparison with it, "not"
 * of unknown is unknown, "all" is false as soon as one part is false,
 * "any" true as soon as one part is true.  A list property matches an
 * operator when any of its values does ("every": when all do).  A join
 * ("some") finds its candidates in an index on the joined property, built
 * once per rule run, never by a scan of every pair.  Every condition,
 * list value and join candidate costs one step of the rule's budget for
 * the object; a rule that runs out is reported, never silently skipped.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fixtext.h"
#include "index.h"
#include "packeval.h"
#include "xalloc.h"

struct joinidx {
	int		 built;
	struct strmap	*map;		/* scope and key -> objects */
};

struct ev {
	struct rule_ctx		*c;
	const struct prule	*r;
	struct packfn_ctx	 fx;
	struct arena		*a;		/* scratch, freed with the run */
	const struct obj	*outer;		/* of the innermost "some" */
	size_t			 budget;
	int			 exhausted;
	const char		*unknown;	/* what made it unknown */
	enum kind		 unknown_kind;
	struct joinidx		*joins;
};

static enum tv	eval(struct ev *, const struct cond *, const struct obj *);

static int
step(struct ev *e)
{
	if (e->budget == 0) {
		e->exhausted = 1;
		return 0;
	}
	e->budget--;
	return 1;
}

static void
value(struct ev *e, const struct propref *ref, const struct obj *o,
    struct pval *v)
{
	if (ref->fn != NULL)
		packfn_value(ref->fn, &e->fx, o, v);
	else
		prop_value(ref->prop, o, e->a, v);
}

static enum tv
unknown(struct ev *e, const struct cond *c, const struct propref *ref,
    const struct obj *o)
{
	if (e->unknown == NULL) {
		e->unknown = ref->name;
		e->unknown_kind = o->kind;
	}
	return c->if_unknown >= 0 ? (enum tv)c->if_unknown : TV_UNKNOWN;
}

/* How many values: a list's length; a scalar 1, or 0 when null. */
static size_t
nvalues(const struct pval *v)
{
	switch (v->type) {
	case PT_LIST:
	case PT_FLAGS:
	case PT_IPRANGES:
	case PT_CERTS:
		return v->n;
	case PT_STRING:
	case PT_ENUM:
	case PT_DN:
	case PT_X509ID:
		return v->s != NULL && *v->s != '\0';
	default:
		return 1;
	}
}

/* Value i of v as a scalar. */
static void
nth(const struct pval *v, size_t i, struct pval *out)
{
	*out = *v;
	out->n = 1;
	switch (v->type) {
	case PT_LIST:
	case PT_FLAGS:
		out->type = PT_STRING;
		out->s = v->v[i];
		break;
	case PT_IPRANGES:
		out->r = &v->r[i];
		break;
	case PT_CERTS:
		out->certs = &v->certs[i];
		break;
	default:
		break;
	}
}

static int
textual(enum ptype t)
{
	return t == PT_STRING || t == PT_ENUM || t == PT_DN;
}

/* Are two scalars equal, as their types compare? */
static int
same(const struct pval *a, const struct pval *b)
{
	if (a->type == PT_X509ID || b->type == PT_X509ID) {
		if (a->s == NULL || b->s == NULL || !x500_equal(a->s, b->s))
			return 0;
		return a->s2 == NULL || b->s2 == NULL ||
		    x500_equal(a->s2, b->s2);
	}
	if (textual(a->type) && textual(b->type)) {
		if (a->s == NULL || b->s == NULL)
			return 0;
		if (a->type == PT_DN || b->type == PT_DN)
			return x500_equal(a->s, b->s);
		return strcasecmp(a->s, b->s) == 0;
	}
	return a->i == b->i;
}

/* Case-insensitive substring. */
static int
has_text(const char *s, const char *sub)
{
	size_t	n = strlen(sub);

	for (; *s; s++)
		if (strncasecmp(s, sub, n) == 0)
			return 1;
	return n == 0;
}

/* A scalar as text, for glob, regex and messages. */
static const char *
as_text(struct ev *e, const struct pval *v)
{
	char	d[16];

	switch (v->type) {
	case PT_X509ID:
		if (v->s == NULL)
			return NULL;
		return v->s2 != NULL ? arena_printf(e->a, "<I>%s<S>%s", v->s2,
		    v->s) : v->s;
	case PT_BOOL:
		return v->i ? "true" : "false";
	case PT_NUMBER:
		return arena_printf(e->a, "%" PRId64, v->i);
	case PT_DATE:
		format_date(v->i, d);
		return arena_strdup(e->a, d);
	case PT_IPRANGES:
		if (v->r->fmt == IPR_SINGLE)
			return ipaddr_format(e->a, &v->r->lo);
		if (v->r->fmt == IPR_CIDR)
			return arena_printf(e->a, "%s/%d",
			    ipaddr_format(e->a, &v->r->lo), v->r->prefix);
		return arena_printf(e->a, "%s-%s", ipaddr_format(e->a,
		    &v->r->lo), ipaddr_format(e->a, &v->r->hi));
	case PT_CERTS:
		return arena_printf(e->a, "%s (%s)", (*v->certs)->subject !=
		    NULL ? (*v->certs)->subject : "?", (*v->certs)->thumbprint !=
		    NULL ? (*v->certs)->thumbprint : "no thumbprint");
	default:
		return v->s;
	}
}

static int
glob(struct ev *e, const char *pattern, const char *s)
{
	char	*l, *p;

	if (s == NULL)
		return 0;
	l = arena_strdup(e->a, s);
	for (p = l; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return fnmatch(pattern, l, 0) == 0;
}

static int
range_within(const struct iprange *in, const struct iprange *out)
{
	return iprange_contains(out, &in->lo) && iprange_contains(out, &in->hi);
}

/*
 * Does a certificate name or pattern match a certificate, as Exchange
 * Online matches TlsSenderCertificateName (a "*." pattern covers names
 * below it) and as TLS matches a host name (a wildcard certificate name
 * covers one label)?
 */
static int
cert_name_matches(const char *name, const struct certificate *cert)
{
	size_t	i;

	if (name == NULL || cert == NULL)
		return 0;
	if (cert_covers(cert, name) != DN_NONE)
		return 1;
	if (cert->cn != NULL && dn_match(name, cert->cn) != DN_NONE)
		return 1;
	for (i = 0; i < cert->domains.n; i++)
		if (dn_match(name, cert->domains.v[i]) != DN_NONE)
			return 1;
	return 0;
}

/* The operand's values, or -1 when unknown. */
static int
right_values(struct ev *e, const struct cond *c, const struct obj *o,
    struct pval *rv)
{
	const struct obj	*from;

	if (c->right.from == OPD_LITERAL) {
		*rv = c->right.lit;
		if (c->right.days) {
			rv->i = e->c->asof + c->right.lit.i * 86400;
		}
		return 0;
	}
	from = c->right.from == OPD_OUTER ? e->outer : o;
	if (from == NULL)
		return -1;
	value(e, &c->right.ref, from, rv);
	if (!rv->known) {
		if (e->unknown == NULL) {
			e->unknown = c->right.ref.name;
			e->unknown_kind = from->kind;
		}
		return -1;
	}
	return 0;
}

/* Does one value of the left side satisfy the operator? */
static int
pred(struct ev *e, const struct cond *c, const struct pval *x,
    const struct pval *rv, int left_list)
{
	struct pval	 y;
	const char	*t;
	size_t		 i, n;

	switch (c->op) {
	case COP_GLOB:
		return glob(e, rv->s, as_text(e, x));
	case COP_REGEX:
		t = as_text(e, x);
		return t != NULL && regexec(c->right.re, t, 0, NULL, 0) == 0;
	case COP_IN:
		for (i = 0; i < c->right.nvals; i++)
			if (same(x, &c->right.vals[i]))
				return 1;
		return 0;
	default:
		break;
	}
	n = nvalues(rv);
	for (i = 0; i < n; i++) {
		if (!step(e))
			return 0;
		nth(rv, i, &y);
		switch (c->op) {
		case COP_EQ:
		case COP_NE:
			if (same(x, &y))
				return 1;
			break;
		case COP_CONTAINS:
			if (left_list ? same(x, &y) : (x->s != NULL &&
			    y.s != NULL && has_text(x->s, y.s)))
				return 1;
			break;
		case COP_LT:
			if (x->i < y.i)
				return 1;
			break;
		case COP_GT:
			if (x->i > y.i)
				return 1;
			break;
		case COP_CIDR_CONTAINS:
			if (range_within(y.r, x->r))
				return 1;
			break;
		case COP_CIDR_OVERLAPS:
			if (iprange_overlaps(x->r, y.r))
				return 1;
			break;
		case COP_CIDR_WITHIN:
			if (range_within(x->r, y.r))
				return 1;
			break;
		case COP_CERT_NAME:
			if (x->type == PT_CERTS ? cert_name_matches(y.s,
			    *x->certs) : cert_name_matches(x->s, *y.certs))
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

static enum tv
leaf(struct ev *e, const struct cond *c, const struct obj *o)
{
	struct pval	 lv, rv, x;
	size_t		 i, n;
	int		 b, list;

	value(e, &c->left, o, &lv);
	if (c->op == COP_EXISTS)
		return (lv.known && nvalues(&lv) > 0) == c->want ? TV_TRUE :
		    TV_FALSE;
	if (!lv.known)
		return unknown(e, c, &c->left, o);
	n = nvalues(&lv);
	if (c->op == COP_EMPTY)
		return (n == 0) == c->want ? TV_TRUE : TV_FALSE;
	memset(&rv, 0, sizeof(rv));
	if (c->op != COP_GLOB && c->op != COP_REGEX && c->op != COP_IN &&
	    right_values(e, c, o, &rv) == -1)
		return c->if_unknown >= 0 ? (enum tv)c->if_unknown :
		    TV_UNKNOWN;
	if (c->op == COP_GLOB)
		rv = c->right.lit;
	list = lv.type == PT_LIST || lv.type == PT_FLAGS;
	b = c->every;
	for (i = 0; i < n; i++) {
		if (!step(e))
			return TV_UNKNOWN;
		nth(&lv, i, &x);
		if (pred(e, c, &x, &rv, list) != c->every) {
			b = !c->every;
			break;
		}
	}
	if (e->exhausted)
		return TV_UNKNOWN;
	if (c->op == COP_NE)
		b = !b;
	return b ? TV_TRUE : TV_FALSE;
}

/* The scope part of a join key: the organization, unless "all". */
static const char *
scope_key(char *buf, size_t len, const struct cond *c, const struct obj *o)
{
	if (c->any_org)
		snprintf(buf, len, "-");
	else if (o->org == NULL)
		return NULL;
	else
		snprintf(buf, len, "%zu", o->org->index);
	return buf;
}

/*
 * A name's last two labels, lower-case, the key certificate names are
 * joined on: two names can only match when these are equal, unless one
 * of them has a wildcard there ("*", "*.com"), which *wild says.
 */
static const char *
tail(struct ev *e, const char *name, int *wild)
{
	const char	*p, *t = name;
	char		*l, *q;
	int		 dots = 0;

	for (p = name + strlen(name); p > name; p--)
		if (p[-1] == '.' && ++dots == 2) {
			t = p;
			break;
		}
	*wild = strchr(t, '*') != NULL;
	l = arena_strdup(e->a, t);
	for (q = l; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return l;
}

/* The names a certificate is known by. */
static void
cert_each_name(const struct certificate *cert,
    void (*fn)(struct ev *, const char *, void *), struct ev *e, void *arg)
{
	size_t	i;

	if (cert->cn != NULL)
		fn(e, cert->cn, arg);
	for (i = 0; i < cert->domains.n; i++)
		fn(e, cert->domains.v[i], arg);
}

struct addarg {
	struct strmap		*map;
	const char		*scope;
	const struct obj	*y;
};

static void
index_add(struct strmap *map, const char *key, const struct obj *y)
{
	void *const	*v;
	size_t		 n;

	if ((v = strmap_get(map, key, &n)) != NULL && v[n - 1] == y)
		return;
	strmap_add(map, key, (void *)y);
}

static void
add_name(struct ev *e, const char *name, void *arg)
{
	struct addarg	*a = arg;
	const char	*t;
	char		*key;
	int		 wild;

	t = tail(e, name, &wild);
	key = xasprintf("%s\x1f%s", a->scope, wild ? "*" : t);
	index_add(a->map, key, a->y);
	free(key);
}

/* The index of a join: every object of its kind by the joined values. */
static void
build_join(struct ev *e, const struct cond *c, struct joinidx *ji)
{
	const struct obj	*y;
	struct pval		 yv, x;
	struct addarg		 aa;
	char			 sbuf[32], *key, *p;
	size_t			 i, j;

	ji->built = 1;
	ji->map = strmap_new();
	for (i = 0; i < e->c->m->nobjs[c->kind]; i++) {
		y = e->c->m->objs[c->kind][i];
		if ((aa.scope = scope_key(sbuf, sizeof(sbuf), c, y)) == NULL)
			continue;
		value(e, &c->on->left, y, &yv);
		if (!yv.known)
			continue;
		key = xasprintf("%s\x1f#all", aa.scope);
		index_add(ji->map, key, y);
		free(key);
		aa.map = ji->map;
		aa.y = y;
		for (j = 0; j < nvalues(&yv); j++) {
			nth(&yv, j, &x);
			if (c->on->op == COP_CERT_NAME) {
				if (x.type == PT_CERTS)
					cert_each_name(*x.certs, add_name, e,
					    &aa);
				else
					add_name(e, x.s, &aa);
				continue;
			}
			key = xasprintf("%s\x1f=%s", aa.scope, x.s);
			for (p = strchr(key, '=') + 1; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			index_add(ji->map, key, y);
			free(key);
		}
	}
}

/* Does candidate y relate to the outer value x as "on" says? */
static int
relates(const struct cond *c, const struct pval *x, const struct pval *yv)
{
	struct pval	 y;
	size_t		 i;

	if (c->on->op == COP_EQ)
		return 1;		/* the index key was the value */
	for (i = 0; i < nvalues(yv); i++) {
		nth(yv, i, &y);
		if (y.type == PT_CERTS ? cert_name_matches(x->s, *y.certs) :
		    cert_name_matches(y.s, *x->certs))
			return 1;
	}
	return 0;
}

/* The first time 'y' is seen in 'seen'? */
static int
first_time(struct strmap *seen, const struct obj *y)
{
	char	key[32];
	size_t	n;

	snprintf(key, sizeof(key), "%p", (const void *)y);
	if (strmap_get(seen, key, &n) != NULL)
		return 0;
	strmap_add(seen, key, (void *)y);
	return 1;
}

/*
 * The candidates under one index key: each that relates to the outer
 * value x and satisfies "where" (evaluated with the outer object xo).
 * *best becomes TV_TRUE when one does, TV_UNKNOWN when one might.
 */
static void
try_key(struct ev *e, const struct cond *c, const struct obj *xo,
    const struct pval *x, const char *key, struct strmap **seen,
    enum tv *best)
{
	const struct obj	*y, *saved;
	void *const		*v;
	struct pval		 yv;
	enum tv			 r;
	size_t			 i, n;

	v = strmap_get(e->joins[c->join].map, key, &n);
	for (i = 0; v != NULL && i < n && *best != TV_TRUE; i++) {
		if (!step(e)) {
			*best = TV_UNKNOWN;
			return;
		}
		y = v[i];
		if (c->on->op != COP_EQ && !first_time(*seen == NULL ?
		    (*seen = strmap_new()) : *seen, y))
			continue;
		value(e, &c->on->left, y, &yv);
		if (!relates(c, x, &yv))
			continue;
		saved = e->outer;
		e->outer = xo;
		r = c->where != NULL ? eval(e, c->where, y) : TV_TRUE;
		e->outer = saved;
		if (r == TV_TRUE || (r == TV_UNKNOWN && *best == TV_FALSE))
			*best = r;
	}
}

/* The keys a name may match under: its tail, and the wildcards. */
static void
try_name(struct ev *e, const struct cond *c, const struct obj *xo,
    const struct pval *x, const char *scope, const char *name,
    struct strmap **seen, enum tv *best)
{
	const char	*t;
	char		*key;
	int		 wild;

	t = tail(e, name, &wild);
	key = wild ? xasprintf("%s\x1f#all", scope) :
	    xasprintf("%s\x1f%s", scope, t);
	try_key(e, c, xo, x, key, seen, best);
	free(key);
	if (wild || *best == TV_TRUE)
		return;
	key = xasprintf("%s\x1f*", scope);
	try_key(e, c, xo, x, key, seen, best);
	free(key);
}

/* Candidates for one outer value, evaluated until one holds. */
static enum tv
candidates(struct ev *e, const struct cond *c, const struct obj *xo,
    const char *scope, const struct pval *x)
{
	const struct certificate	*cert;
	struct strmap			*seen = NULL;
	enum tv				 best = TV_FALSE;
	char				*key, *p;
	size_t				 i;

	if (c->on->op == COP_EQ) {
		key = xasprintf("%s\x1f=%s", scope, x->s);
		for (p = key + strlen(scope) + 2; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		try_key(e, c, xo, x, key, &seen, &best);
		free(key);
	} else if (x->type == PT_CERTS) {
		cert = *x->certs;
		if (cert->cn != NULL)
			try_name(e, c, xo, x, scope, cert->cn, &seen, &best);
		for (i = 0; i < cert->domains.n && best != TV_TRUE; i++)
			try_name(e, c, xo, x, scope, cert->domains.v[i], &seen,
			    &best);
	} else
		try_name(e, c, xo, x, scope, x->s, &seen, &best);
	strmap_free(seen);
	return best;
}

static enum tv
join(struct ev *e, const struct cond *c, const struct obj *o)
{
	struct joinidx	*ji = &e->joins[c->join];
	struct pval	 xv, x;
	const char	*scope;
	char		 sbuf[32];
	enum tv		 r, acc;
	size_t		 i, n;

	if (!ji->built)
		build_join(e, c, ji);
	value(e, &c->on->right.ref, o, &xv);
	if (!xv.known)
		return unknown(e, c, &c->on->right.ref, o);
	if ((scope = scope_key(sbuf, sizeof(sbuf), c, o)) == NULL)
		return TV_FALSE;
	n = nvalues(&xv);
	acc = c->each ? TV_TRUE : TV_FALSE;
	for (i = 0; i < n; i++) {
		nth(&xv, i, &x);
		r = candidates(e, c, o, scope, &x);
		if (e->exhausted)
			return TV_UNKNOWN;
		if (c->each ? r == TV_FALSE : r == TV_TRUE)
			return r;
		if (r == TV_UNKNOWN)
			acc = TV_UNKNOWN;
	}
	return acc;
}

static enum tv
eval(struct ev *e, const struct cond *c, const struct obj *o)
{
	enum tv	r, acc;
	size_t	i;

	if (!step(e))
		return TV_UNKNOWN;
	switch (c->op) {
	case COP_ALL:
	case COP_ANY:
		acc = c->op == COP_ALL ? TV_TRUE : TV_FALSE;
		for (i = 0; i < c->nkids; i++) {
			r = eval(e, c->kids[i], o);
			if (c->op == COP_ALL ? r == TV_FALSE : r == TV_TRUE)
				return r;
			if (r == TV_UNKNOWN)
				acc = TV_UNKNOWN;
		}
		return acc;
	case COP_NOT:
		r = eval(e, c->kids[0], o);
		return r == TV_UNKNOWN ? r : r == TV_TRUE ? TV_FALSE : TV_TRUE;
	case COP_SOME:
		return join(e, c, o);
	default:
		return leaf(e, c, o);
	}
}

/* A value as message text. */
static void
render_text(struct ev *e, struct buf *b, const struct pval *v)
{
	struct pval	x;
	size_t		i, n;

	if (!v->known) {
		buf_adds(b, "(unknown)");
		return;
	}
	if ((n = nvalues(v)) == 0) {
		buf_adds(b, "(none)");
		return;
	}
	for (i = 0; i < n; i++) {
		nth(v, i, &x);
		buf_printf(b, "%s%s", i > 0 ? ", " : "", as_text(e, &x));
	}
}

/* A value in a fix line: literals only (fixtext.h); NULL when unknown. */
static const char *
render_fix(struct ev *e, const struct pval *v)
{
	const char	**texts;
	struct pval	  x;
	size_t		  i, n;

	if (!v->known)
		return NULL;
	switch (v->type) {
	case PT_BOOL:
		return v->i ? "$true" : "$false";
	case PT_NUMBER:
		return as_text(e, v);
	default:
		break;
	}
	if ((n = nvalues(v)) == 0)
		return "$null";
	texts = arena_alloc(e->a, n * sizeof(*texts));
	for (i = 0; i < n; i++) {
		nth(v, i, &x);
		texts[i] = x.type == PT_CERTS ? ((*x.certs)->thumbprint != NULL ?
		    (*x.certs)->thumbprint : "") : as_text(e, &x);
	}
	return n == 1 && v->type != PT_LIST && v->type != PT_FLAGS ?
	    ps_literal(e->a, texts[0]) : ps_literal_list(e->a, texts, n);
}

/*
 * A template with the object's values: message text, or fix lines (code
 * lines take literals, comment lines quoted text; a code line with a
 * value the export did not carry becomes a comment saying so).
 */
static char *
render(struct ev *e, const struct tmpl *t, const struct obj *o, int fix)
{
	const struct tline	*l;
	const char		*s;
	struct buf		 b = { 0 }, line = { 0 }, tmp = { 0 };
	struct pval		 v;
	size_t			 i, j;
	const char		*missing;

	for (i = 0; i < t->nlines; i++) {
		l = &t->lines[i];
		buf_reset(&line);
		missing = NULL;
		for (j = 0; j < l->nsegs; j++) {
			if (l->segs[j].text != NULL) {
				buf_adds(&line, l->segs[j].text);
				continue;
			}
			value(e, &l->segs[j].ref, o, &v);
			if (!fix || l->comment) {
				buf_reset(&tmp);
				render_text(e, &tmp, &v);
				buf_adds(&line, fix ? fix_comment_text(e->a,
				    tmp.p) : tmp.p);
			} else if ((s = render_fix(e, &v)) == NULL) {
				if (missing == NULL)
					missing = l->segs[j].ref.name;
			} else
				buf_adds(&line, s);
		}
		if (i > 0)
			buf_addc(&b, '\n');
		if (missing != NULL)
			buf_printf(&b, "# A line is not printed: %s of %s '%s' "
			    "is not in the export", missing, kind_name(o->kind),
			    fix_comment_text(e->a, o->name));
		else if (line.p != NULL)
			buf_adds(&b, line.p);
	}
	buf_free(&line);
	buf_free(&tmp);
	return b.p != NULL ? buf_steal(&b) : xstrdup("");
}

/* Why a rule could not decide, and the export that would tell it. */
static void
undecided(struct ev *e, const struct obj *o)
{
	const struct packfn	*f;
	const char		*what, *cmdlet;

	if (e->unknown == NULL)
		return;
	cmdlet = kind_cmdlet(e->unknown_kind);
	if (e->unknown[0] == '@' && (f = packfn_find(e->unknown)) != NULL &&
	    f->from != NULL)
		what = arena_printf(e->a, "%s needs %s, which %s does not "
		    "carry", e->unknown, f->from, e->unknown_kind == o->kind ?
		    "its export" : "the related export");
	else if (e->unknown[0] == '@')
		what = arena_printf(e->a, "%s cannot be told from the inputs",
		    e->unknown);
	else
		what = arena_printf(e->a, "%s%s does not carry %s",
		    e->unknown_kind == o->kind ? "its export" :
		    "the export of a related ", e->unknown_kind == o->kind ?
		    "" : kind_name(e->unknown_kind), e->unknown);
	rule_undecided(e->c, o, what, arena_printf(e->a, "%s | ConvertTo-Json "
	    "-Depth 10 | Out-File -Encoding utf8 %s.json", cmdlet, cmdlet));
}

static void
ev_init(struct ev *e, struct rule_ctx *c, const struct prule *r)
{
	memset(e, 0, sizeof(*e));
	e->c = c;
	e->r = r;
	e->a = arena_new();
	packfn_ctx_init(&e->fx, c, e->a);
	e->joins = xcalloc(r->njoins + 1, sizeof(*e->joins));
}

static void
ev_release(struct ev *e)
{
	size_t	i;

	for (i = 0; i < e->r->njoins; i++)
		strmap_free(e->joins[i].map);
	free(e->joins);
	packfn_ctx_release(&e->fx);
	arena_free(e->a);
}

static void
ev_object(struct ev *e)
{
	e->budget = e->r->budget;
	e->exhausted = 0;
	e->unknown = NULL;
	e->outer = NULL;
}

void
pack_check(struct rule_ctx *c)
{
	const struct prule	*r = c->rule->data;
	const struct obj	*o;
	struct ev		 e;
	enum tv			 w, a;
	char			*msg, *fix;
	size_t			 i, nexhausted = 0;

	if ((r->valid_from != 0 && c->asof < r->valid_from) ||
	    (r->valid_until != 0 && c->asof >= r->valid_until))
		return;
	ev_init(&e, c, r);
	for (i = 0; i < c->m->nobjs[r->kind]; i++) {
		o = c->m->objs[r->kind][i];
		ev_object(&e);
		w = r->where != NULL ? eval(&e, r->where, o) : TV_TRUE;
		if (w == TV_FALSE)
			continue;
		a = eval(&e, r->assert, o);
		if (a == TV_TRUE)
			continue;
		if (e.exhausted) {
			nexhausted++;
			continue;
		}
		if (w == TV_UNKNOWN || a == TV_UNKNOWN) {
			undecided(&e, o);
			continue;
		}
		msg = render(&e, &r->message, o, 0);
		fix = r->fix.nlines > 0 ? render(&e, &r->fix, o, 1) : NULL;
		rule_report(c, o, r->prop, NULL, NULL, NULL, fix, "%s", msg);
		free(msg);
		free(fix);
	}
	if (nexhausted > 0)
		rule_report_loc(c, &r->loc, "RulePack", r->pack->src.name,
		    r->lr.id, NULL, "rule %s stopped evaluating %zu %s "
		    "object%s after %zu steps each, so it may miss findings; "
		    "simplify its conditions or narrow its joins", r->lr.id,
		    nexhausted, kind_name(r->kind), nexhausted == 1 ? "" : "s",
		    r->budget);
	ev_release(&e);
}

enum tv
pack_eval(struct rule_ctx *c, const struct prule *r, const struct cond *cond,
    const struct obj *o)
{
	struct ev	e;
	enum tv		t;

	ev_init(&e, c, r);
	ev_object(&e);
	t = eval(&e, cond, o);
	ev_release(&e);
	return t;
}
