/*
 * pack.c: reading, checking and compiling rule packs.
 *
 * The document is read with json_load() (so every value has its line,
 * column and JSON Pointer) and checked member by member against what
 * schemas/rule-pack.schema.json states, and against what the schema
 * cannot state: kinds, properties and their types, enumeration values,
 * regular expressions, ids unique across every rule loaded.  Every
 * problem is reported (jsoncheck.h) and any problem discards the pack.
 * What the rules need is copied into the pack's arena, compiled: each
 * property resolved to its table row, each literal parsed to the
 * property's type, each regular expression compiled once.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <config.h>		/* autoconf's, for PACKAGE_VERSION */

#include "json_load.h"
#include "jsoncheck.h"
#include "pack.h"
#include "psparse.h"
#include "packeval.h"
#include "textfile.h"
#include "values.h"
#include "xalloc.h"

#define HL_PACK_STR_(x)	#x
#define HL_PACK_STR(x)	HL_PACK_STR_(x)

/* Where a property name is resolved: an object kind, and the outer one. */
struct scope {
	enum kind		 kind;
	const struct scope	*outer;		/* NULL outside a "some" */
};

struct pctx {
	struct pack		*p;
	struct arena		*a;		/* the pack's */
	struct jcheck		 jc;
	const struct ruleset	*rs;
	struct prule		*r;		/* the rule being compiled */
	const struct node	*rnode;
	size_t			 nodes;		/* conditions in it */
	int			 too_many;
};

static const char *const cop_names[] = {
	[COP_EQ] = "eq", [COP_NE] = "ne", [COP_IN] = "in",
	[COP_GLOB] = "glob", [COP_REGEX] = "regex", [COP_EXISTS] = "exists",
	[COP_EMPTY] = "empty", [COP_LT] = "lt", [COP_GT] = "gt",
	[COP_CONTAINS] = "contains", [COP_CIDR_CONTAINS] = "cidr_contains",
	[COP_CIDR_OVERLAPS] = "cidr_overlaps",
	[COP_CIDR_WITHIN] = "cidr_within",
	[COP_CERT_NAME] = "cert_name_matches",
};

#define FIRST_OP	COP_EQ
#define LAST_OP		COP_CERT_NAME

static const char *
keep(struct pctx *x, const char *s)
{
	return s != NULL ? arena_strdup(x->a, s) : NULL;
}

/* Globs match lower-case text, case-insensitively as Exchange does. */
static const char *
lower_copy(struct pctx *x, const char *s)
{
	char	*l = arena_strdup(x->a, s), *p;

	for (p = l; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return l;
}

/* Lower-case letters and digits in words joined by single hyphens. */
static int
kebab(const char *s, size_t max)
{
	size_t	n = strlen(s), i;

	if (n == 0 || n > max || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) ||
		    isdigit((unsigned char)s[i]) ||
		    (s[i] == '-' && s[i + 1] != '-')))
			return 0;
	return 1;
}

/* "1.2.3" with an optional "-suffix"; its numbers into v. */
static int
version_parse(const char *s, long v[3])
{
	const char	*p = s;
	char		*end;
	int		 i;

	for (i = 0; i < 3; i++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		errno = 0;
		v[i] = strtol(p, &end, 10);
		if (errno != 0 || v[i] > 99999)
			return -1;
		p = end;
		if (i < 2 && *p++ != '.')
			return -1;
	}
	if (*p == '-' && p[1] != '\0') {
		for (p++; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '.' &&
			    *p != '-')
				return -1;
	}
	return *p == '\0' ? 0 : -1;
}

/* Is hybridlint 'need' newer than this one? */
static int
newer_than_us(const long need[3])
{
	long	have[3];
	int	i;

	if (version_parse(PACKAGE_VERSION, have) == -1)
		return 0;
	for (i = 0; i < 3; i++)
		if (need[i] != have[i])
			return need[i] > have[i];
	return 0;
}

/* "YYYY-MM-DD" into the epoch of its midnight, UTC. */
static int
date_parse(const char *s, int64_t *e)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	return parse_date(s, e);
}

/* Names of a table, for messages: "A, B, C". */
static char *
list_props(enum kind k)
{
	const struct propdef	*p;
	const struct packfn	*f;
	struct buf		 b = { 0 };
	size_t			 i, n;

	p = props_of(k, &n);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", p[i].name);
	for (f = packfn_table; f->name != NULL; f++)
		if (packfn_applies(f, k))
			buf_printf(&b, ", %s", f->name);
	return buf_steal(&b);
}

static char *
list_kinds(void)
{
	struct buf	b = { 0 };
	int		i;

	for (i = 0; i < K__COUNT; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", kind_name((enum kind)i));
	return buf_steal(&b);
}

static char *
list_enum(const struct enumdef *e)
{
	struct buf	b = { 0 };
	size_t		i;

	for (i = 0; e[i].name != NULL; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", e[i].name);
	return buf_steal(&b);
}

/* The kinds a function applies to. */
static char *
fn_kinds(const struct packfn *f)
{
	struct buf	b = { 0 };
	int		i, n = 0;

	for (i = 0; i < K__COUNT; i++)
		if (packfn_applies(f, (enum kind)i))
			buf_printf(&b, "%s%s", n++ ? ", " : "",
			    kind_name((enum kind)i));
	return buf_steal(&b);
}

/* A property or function name of kind k; 0, or -1 after an error at n. */
static int
resolve(struct pctx *x, const struct node *n, const char *name, enum kind k,
    struct propref *ref)
{
	char	*l;

	memset(ref, 0, sizeof(*ref));
	if (name[0] == '@') {
		if ((ref->fn = packfn_find(name)) == NULL) {
			l = list_props(k);
			jcheck_err(&x->jc, n, "there is no function \"%s\"; %s "
			    "has %s", name, kind_name(k), l);
			free(l);
			return -1;
		}
		if (!packfn_applies(ref->fn, k)) {
			l = fn_kinds(ref->fn);
			jcheck_err(&x->jc, n, "%s does not apply to %s, only "
			    "to %s", ref->fn->name, kind_name(k), l);
			free(l);
			return -1;
		}
		ref->name = ref->fn->name;
		ref->type = ref->fn->type;
		return 0;
	}
	if ((ref->prop = prop_find(k, name)) == NULL) {
		l = list_props(k);
		jcheck_err(&x->jc, n, "%s has no property \"%s\"; its "
		    "properties are %s", kind_name(k), name, l);
		free(l);
		return -1;
	}
	ref->name = ref->prop->name;
	ref->type = ref->prop->type;
	return 0;
}

/* Type classes: what compares with what. */
static int
textual(enum ptype t)
{
	return t == PT_STRING || t == PT_ENUM || t == PT_LIST ||
	    t == PT_FLAGS || t == PT_DN;
}

static int
listy(enum ptype t)
{
	return t == PT_LIST || t == PT_FLAGS || t == PT_IPRANGES ||
	    t == PT_CERTS;
}

static int
comparable(enum ptype a, enum ptype b)
{
	return a == b || (textual(a) && textual(b));
}

/* May operator op apply to a left side of type t? */
static int
op_fits(enum cop op, enum ptype t)
{
	switch (op) {
	case COP_EQ:
	case COP_NE:
		return t != PT_IPRANGES && t != PT_CERTS;
	case COP_IN:
		return textual(t) || t == PT_NUMBER;
	case COP_GLOB:
	case COP_REGEX:
		return textual(t) || t == PT_X509ID;
	case COP_EXISTS:
		return 1;
	case COP_EMPTY:
		return t != PT_BOOL && t != PT_NUMBER && t != PT_DATE &&
		    t != PT_ENUM;
	case COP_LT:
	case COP_GT:
		return t == PT_NUMBER || t == PT_DATE;
	case COP_CONTAINS:
		return textual(t) && t != PT_ENUM;
	case COP_CIDR_CONTAINS:
	case COP_CIDR_OVERLAPS:
	case COP_CIDR_WITHIN:
		return t == PT_IPRANGES;
	case COP_CERT_NAME:
		return t == PT_CERTS || t == PT_STRING || t == PT_LIST;
	default:
		return 0;
	}
}

/* The operators that apply to type t, for messages. */
static char *
ops_for(enum ptype t)
{
	struct buf	b = { 0 };
	int		op, n = 0;

	for (op = FIRST_OP; op <= LAST_OP; op++)
		if (op_fits((enum cop)op, t))
			buf_printf(&b, "%s%s", n++ ? ", " : "", cop_names[op]);
	return buf_steal(&b);
}

/*
 * A glob: balanced brackets, and nothing fnmatch() would read past the
 * end of.
 */
static int
glob_ok(const char *s)
{
	int	depth = 0;

	if (strlen(s) > 1024)
		return 0;
	for (; *s; s++) {
		if (*s == '\\') {
			if (s[1] == '\0')
				return 0;
			s++;
		} else if (*s == '[')
			depth++;
		else if (*s == ']' && depth > 0)
			depth--;
	}
	return depth == 0;
}

/*
 * What a regular expression may hold: no back-references (they make
 * matching exponential), and repetition counts whose product stays below
 * PACK_MAX_REPEAT (they make compiling large).  NULL, or why not.
 */
static const char *
regex_limits(const char *s)
{
	unsigned long	 product = 1, m, n;
	const char	*p;
	char		*end;
	int		 bracket = 0;

	if (strlen(s) > PACK_MAX_REGEX)
		return "longer than " HL_PACK_STR(PACK_MAX_REGEX) " bytes";
	for (p = s; *p; p++) {
		if (bracket) {
			if (*p == ']' && p[-1] != '[' && !(p[-1] == '^' &&
			    p[-2] == '['))
				bracket = 0;
			continue;
		}
		if (*p == '[') {
			bracket = 1;
			continue;
		}
		if (*p == '\\' && p[1] != '\0') {
			if (p[1] >= '1' && p[1] <= '9')
				return "a back-reference (\\1 ... \\9)";
			p++;
			continue;
		}
		if (*p != '{' || !isdigit((unsigned char)p[1]))
			continue;
		m = strtoul(p + 1, &end, 10);
		n = m;
		if (*end == ',') {
			n = isdigit((unsigned char)end[1]) ?
			    strtoul(end + 1, &end, 10) : (end++, m + 1);
		}
		if (m > PACK_MAX_REPEAT || n > PACK_MAX_REPEAT)
			return "a repetition count above "
			    HL_PACK_STR(PACK_MAX_REPEAT);
		product *= n > 0 ? n : 1;
		if (product > PACK_MAX_REPEAT)
			return "repetition counts that multiply to more than "
			    HL_PACK_STR(PACK_MAX_REPEAT);
	}
	return NULL;
}

static regex_t *
regex(struct pctx *x, const struct node *n)
{
	const char	*why;
	regex_t		*re;
	char		 msg[256];
	int		 rc;

	if (n->kind != NODE_STRING || *n->str == '\0') {
		jcheck_err(&x->jc, n, "\"regex\" takes a non-empty string");
		return NULL;
	}
	if (strlen(n->str) != n->len) {
		jcheck_err(&x->jc, n, "a regular expression cannot hold NUL");
		return NULL;
	}
	if ((why = regex_limits(n->str)) != NULL) {
		jcheck_err(&x->jc, n, "regular expression \"%s\" has %s",
		    n->str, why);
		return NULL;
	}
	re = xcalloc(1, sizeof(*re));
	if ((rc = regcomp(re, n->str, REG_EXTENDED | REG_NOSUB |
	    REG_ICASE)) != 0) {
		regerror(rc, re, msg, sizeof(msg));
		jcheck_err(&x->jc, n, "regular expression \"%s\" is not valid: "
		    "%s", n->str, msg);
		free(re);
		return NULL;
	}
	x->p->res = xreallocarray(x->p->res, x->p->nres + 1,
	    sizeof(*x->p->res));
	x->p->res[x->p->nres++] = re;
	return re;
}

/* A date literal: "YYYY-MM-DD", or {"days": N} relative to the as-of day. */
static int
date_literal(struct pctx *x, const struct node *n, struct pval *v, int *days)
{
	const struct node	*d;
	int64_t			 e;

	if (n->kind == NODE_OBJECT) {
		if (!jcheck_keys(&x->jc, n, (const char *const[]){
		    "days", NULL }))
			return -1;
		d = node_prop(n, "days");
		if (d == NULL || d->kind != NODE_INT ||
		    d->i < -100000 || d->i > 100000) {
			jcheck_err(&x->jc, d != NULL ? d : n, "\"days\" takes "
			    "a whole number of days from -100000 to 100000");
			return -1;
		}
		v->i = d->i;
		*days = 1;
		return 0;
	}
	if (date_parse(n->str, &e) == -1) {
		jcheck_err(&x->jc, n, "\"%s\" is not a date YYYY-MM-DD",
		    n->str);
		return -1;
	}
	v->i = e;
	return 0;
}

/* A string literal n of a textual, certificate-name or range type. */
static int
string_literal(struct pctx *x, const struct node *n,
    const struct propref *left, struct pval *v)
{
	const struct enumdef	*en;
	struct x509id		 id;
	struct iprange		*r;
	char			*l;

	switch (left->type) {
	case PT_ENUM:
	case PT_FLAGS:
		en = left->prop != NULL ? left->prop->values : NULL;
		if (en == NULL)
			break;
		for (; en->name != NULL; en++)
			if (strcasecmp(en->name, n->str) == 0)
				break;
		if (en->name == NULL) {
			l = list_enum(left->prop->values);
			jcheck_err(&x->jc, n, "\"%s\" is not a value of "
			    "%s (%s)", n->str, left->name, l);
			free(l);
			return -1;
		}
		v->s = en->name;
		return 0;
	case PT_X509ID:
		if (parse_x509id(x->a, n->str, &id) == -1) {
			jcheck_err(&x->jc, n, "\"%s\" is not a certificate "
			    "name <I>issuer<S>subject", n->str);
			return -1;
		}
		v->s = id.subject;
		v->s2 = id.issuer;
		return 0;
	case PT_IPRANGES:
		r = arena_alloc(x->a, sizeof(*r));
		if (parse_iprange(n->str, r) == -1) {
			jcheck_err(&x->jc, n, "\"%s\" is not an IP address or "
			    "range", n->str);
			return -1;
		}
		v->r = r;
		v->n = 1;
		return 0;
	default:
		break;
	}
	v->s = keep(x, n->str);
	return 0;
}

/* One literal of the left side's type into v; 0 or -1 after an error. */
static int
literal(struct pctx *x, const struct node *n, const struct propref *left,
    const char *op, struct pval *v, int *days)
{
	memset(v, 0, sizeof(*v));
	/* One value: of a list, a string. */
	v->type = left->type == PT_LIST || left->type == PT_FLAGS ?
	    PT_STRING : left->type;
	v->known = 1;
	switch (left->type) {
	case PT_BOOL:
		if (n->kind != NODE_BOOL)
			break;
		v->i = n->i;
		return 0;
	case PT_NUMBER:
		if (n->kind != NODE_INT)
			break;
		v->i = n->i;
		return 0;
	case PT_DATE:
		if (n->kind != NODE_OBJECT && n->kind != NODE_STRING)
			break;
		return date_literal(x, n, v, days);
	case PT_ENUM:
	case PT_FLAGS:
	case PT_STRING:
	case PT_LIST:
	case PT_DN:
	case PT_X509ID:
	case PT_IPRANGES:
		if (n->kind != NODE_STRING)
			break;
		return string_literal(x, n, left, v);
	case PT_CERTS:
		break;
	}
	jcheck_err(&x->jc, n, "%s of %s (%s) takes %s%s", op, left->name,
	    ptype_name(left->type), left->type == PT_DATE ?
	    "a date YYYY-MM-DD or {\"days\": N}" : ptype_name(left->type ==
	    PT_LIST || left->type == PT_FLAGS ? PT_STRING : left->type),
	    left->type == PT_DATE || left->type == PT_BOOL ? "" :
	    ", or {\"prop\": P}");
	return -1;
}

/* {"prop": P} or {"outer": P} as an operand: 1, 0 if not one, -1 error. */
static int
ref_operand(struct pctx *x, const struct node *n, const struct scope *sc,
    struct operand *o)
{
	const struct node	*v;

	if (n->kind != NODE_OBJECT || n->nprops != 1 ||
	    ((v = node_prop(n, "prop")) == NULL &&
	    (v = node_prop(n, "outer")) == NULL))
		return 0;
	if (strcmp(v->name, "prop") != 0 && strcmp(v->name, "outer") != 0)
		return 0;
	if (v->kind != NODE_STRING || *v->str == '\0') {
		jcheck_err(&x->jc, v, "\"%s\" names a property", v->name);
		return -1;
	}
	if (strcmp(v->name, "outer") == 0) {
		if (sc->outer == NULL) {
			jcheck_err(&x->jc, v, "\"outer\" names a property of "
			    "the object a \"some\" starts from, and there is "
			    "no \"some\" around this condition");
			return -1;
		}
		o->from = OPD_OUTER;
		return resolve(x, v, v->str, sc->outer->kind, &o->ref) == 0 ?
		    1 : -1;
	}
	o->from = OPD_PROP;
	return resolve(x, v, v->str, sc->kind, &o->ref) == 0 ? 1 : -1;
}

/* Is n an array of 1 to PACK_MAX_LIST values? */
static int
value_array(const struct node *n)
{
	return n->kind == NODE_LIST && n->nitems > 0 &&
	    n->nitems <= PACK_MAX_LIST;
}

/* The pattern of a "glob" condition, lower-cased. */
static int
glob_operand(struct pctx *x, struct cond *c, const struct node *n)
{
	if (n->kind != NODE_STRING || *n->str == '\0' || !glob_ok(n->str)) {
		jcheck_err(&x->jc, n, "\"glob\" takes a glob pattern "
		    "(*, ?, [...]; brackets balanced)");
		return -1;
	}
	c->right.from = OPD_LITERAL;
	c->right.lit.s = lower_copy(x, n->str);
	c->right.lit.known = 1;
	return 0;
}

/* Does the property the right side names go with the left side's? */
static int
ref_fits(struct pctx *x, const struct cond *c, const struct node *n)
{
	const struct propref	*left = &c->left, *right = &c->right.ref;

	if (c->op == COP_CERT_NAME) {
		if ((left->type == PT_CERTS) == (right->type == PT_CERTS) ||
		    (left->type == PT_CERTS && right->type != PT_STRING &&
		    right->type != PT_LIST)) {
			jcheck_err(&x->jc, n, "cert_name_matches relates "
			    "certificates to names: one side is a list of "
			    "certificates, the other a name or a list of "
			    "names");
			return -1;
		}
		return 0;
	}
	if ((c->op == COP_CIDR_CONTAINS || c->op == COP_CIDR_OVERLAPS ||
	    c->op == COP_CIDR_WITHIN) ? right->type != PT_IPRANGES :
	    !comparable(left->type, right->type)) {
		jcheck_err(&x->jc, n, "%s compares %s (%s) with %s (%s), "
		    "which do not compare", cop_names[c->op], left->name,
		    ptype_name(left->type), right->name,
		    ptype_name(right->type));
		return -1;
	}
	return 0;
}

/* The values of an "in" condition, each a literal of the left side's type. */
static int
in_operand(struct pctx *x, struct cond *c, const struct node *n)
{
	struct pval	*lits;
	size_t		 i;
	int		 days = 0;

	if (!value_array(n)) {
		jcheck_err(&x->jc, n, "\"in\" takes an array of 1 to %d values",
		    PACK_MAX_LIST);
		return -1;
	}
	lits = arena_alloc(x->a, n->nitems * sizeof(*lits));
	for (i = 0; i < n->nitems; i++)
		if (literal(x, n->items[i], &c->left, cop_names[c->op],
		    &lits[i], &days) == -1)
			return -1;
		else if (days) {
			jcheck_err(&x->jc, n->items[i], "\"in\" takes "
			    "values, not {\"days\": N}");
			return -1;
		}
	c->right.vals = lits;
	c->right.nvals = n->nitems;
	return 0;
}

/* The address or range, or the array of them, of a cidr_* condition. */
static int
cidr_operand(struct pctx *x, struct cond *c, const struct node *n)
{
	const char	*op = cop_names[c->op];
	struct iprange	*rs;
	size_t		 i;
	int		 days = 0;

	if (n->kind == NODE_STRING)
		return literal(x, n, &c->left, op, &c->right.lit, &days);
	if (!value_array(n)) {
		jcheck_err(&x->jc, n, "%s takes an address or range, or an "
		    "array of 1 to %d of them", op, PACK_MAX_LIST);
		return -1;
	}
	rs = arena_alloc(x->a, n->nitems * sizeof(*rs));
	for (i = 0; i < n->nitems; i++) {
		if (n->items[i]->kind != NODE_STRING ||
		    parse_iprange(n->items[i]->str, &rs[i]) == -1) {
			jcheck_err(&x->jc, n->items[i], "not an IP address or "
			    "range");
			return -1;
		}
	}
	c->right.lit.type = PT_IPRANGES;
	c->right.lit.known = 1;
	c->right.lit.r = rs;
	c->right.lit.n = n->nitems;
	return 0;
}

/* The host name a cert_name_matches condition looks for, normalized. */
static int
cert_name_operand(struct pctx *x, struct cond *c, const struct node *n)
{
	const struct propref	*left = &c->left;

	if (left->type != PT_CERTS) {
		jcheck_err(&x->jc, n, "cert_name_matches on %s (%s) takes "
		    "{\"prop\": P} or {\"outer\": P} naming certificates",
		    left->name, ptype_name(left->type));
		return -1;
	}
	if (n->kind != NODE_STRING || !dn_valid(n->str, 1)) {
		jcheck_err(&x->jc, n, "cert_name_matches takes a host name (a "
		    "leading \"*.\" allowed), or {\"prop\": P}");
		return -1;
	}
	c->right.lit.type = PT_STRING;
	c->right.lit.known = 1;
	c->right.lit.s = dn_normalize(x->a, n->str);
	return 0;
}

/* The operand of operator op at node n, for the left side c->left. */
static int
operand(struct pctx *x, struct cond *c, const struct node *n,
    const struct scope *sc)
{
	const char	*op = cop_names[c->op];
	int		 rc, days = 0;

	switch (c->op) {
	case COP_EXISTS:
	case COP_EMPTY:
		if (n->kind != NODE_BOOL) {
			jcheck_err(&x->jc, n, "\"%s\" takes true or false", op);
			return -1;
		}
		c->want = (int)n->i;
		return 0;
	case COP_GLOB:
		return glob_operand(x, c, n);
	case COP_REGEX:
		c->right.from = OPD_LITERAL;
		return (c->right.re = regex(x, n)) != NULL ? 0 : -1;
	default:
		break;
	}
	if ((rc = ref_operand(x, n, sc, &c->right)) != 0)
		return rc == -1 ? -1 : ref_fits(x, c, n);
	c->right.from = OPD_LITERAL;
	switch (c->op) {
	case COP_IN:
		return in_operand(x, c, n);
	case COP_CIDR_CONTAINS:
	case COP_CIDR_OVERLAPS:
	case COP_CIDR_WITHIN:
		return cidr_operand(x, c, n);
	case COP_CERT_NAME:
		return cert_name_operand(x, c, n);
	case COP_CONTAINS:
		if (n->kind != NODE_STRING) {
			jcheck_err(&x->jc, n, "\"contains\" takes a string, or "
			    "{\"prop\": P}");
			return -1;
		}
		return literal(x, n, &c->left, op, &c->right.lit, &days);
	default:
		rc = literal(x, n, &c->left, op, &c->right.lit, &days);
		c->right.days = days;
		return rc;
	}
}

static struct cond *cond(struct pctx *, const struct node *,
    const struct scope *, unsigned);

static struct cond *
new_cond(struct pctx *x, enum cop op)
{
	struct cond	*c = arena_alloc(x->a, sizeof(*c));

	c->op = op;
	c->if_unknown = -1;
	return c;
}

/* "all", "any": an array of conditions. */
static struct cond *
combine(struct pctx *x, const struct node *n, enum cop op,
    const struct scope *sc, unsigned depth)
{
	struct cond	*c;
	size_t		 i;
	int		 ok = 1;

	if (n->kind != NODE_LIST || n->nitems == 0) {
		jcheck_err(&x->jc, n, "\"%s\" takes a non-empty array of "
		    "conditions", op == COP_ALL ? "all" : "any");
		return NULL;
	}
	c = new_cond(x, op);
	c->kids = arena_alloc(x->a, n->nitems * sizeof(*c->kids));
	for (i = 0; i < n->nitems; i++)
		if ((c->kids[i] = cond(x, n->items[i], sc, depth + 1)) == NULL)
			ok = 0;
	c->nkids = n->nitems;
	return ok ? c : NULL;
}

/* Does the "on" (at v) of "some" c join its objects to the outer one? */
static int
join_ok(struct pctx *x, const struct node *v, const struct cond *c)
{
	const struct cond	*on = c->on;

	if ((on->op != COP_EQ && on->op != COP_CERT_NAME) ||
	    on->right.from != OPD_OUTER || on->every ||
	    on->if_unknown != -1) {
		jcheck_err(&x->jc, v, "\"on\" relates a property of %s to "
		    "one of the outer object: {\"prop\": P, \"eq\" or "
		    "\"cert_name_matches\": {\"outer\": Q}}, nothing more",
		    kind_name(c->kind));
		return 0;
	}
	if (on->op == COP_EQ && (!textual(on->left.type) ||
	    on->left.type == PT_DN || !textual(on->right.ref.type) ||
	    on->right.ref.type == PT_DN)) {
		jcheck_err(&x->jc, v, "\"on\" with \"eq\" joins on names or "
		    "strings; compare %s in \"where\"",
		    on->left.type == PT_DN || on->right.ref.type == PT_DN ?
		    "X.500 names" : "other values");
		return 0;
	}
	return 1;
}

/* The member "kind" of n, into *k; 0, or -1 after an error. */
static int
kind_member(struct pctx *x, const struct node *n, enum kind *k)
{
	const struct node	*v;
	char			*l;

	if ((v = node_prop(n, "kind")) == NULL) {
		jcheck_err(&x->jc, n, "\"kind\" is required");
		return -1;
	}
	if (v->kind != NODE_STRING || kind_parse(v->str, k) == -1) {
		l = list_kinds();
		jcheck_err(&x->jc, v, "unknown kind%s%s%s; kinds are %s",
		    v->kind == NODE_STRING ? " \"" : "", v->kind ==
		    NODE_STRING ? v->str : "", v->kind == NODE_STRING ? "\"" :
		    "", l);
		free(l);
		return -1;
	}
	return 0;
}

/* "some": an object of a kind related to this one. */
static struct cond *
some(struct pctx *x, const struct node *n, const struct scope *sc,
    unsigned depth)
{
	static const char *const keys[] = { "kind", "on", "where", "each",
	    "scope", NULL };
	const struct node	*v;
	struct scope		 inner;
	struct cond		*c;
	int			 ok;

	if (n->kind != NODE_OBJECT) {
		jcheck_err(&x->jc, n, "\"some\" takes an object: {\"kind\": K, "
		    "\"on\": {...}, \"where\": {...}}");
		return NULL;
	}
	ok = jcheck_keys(&x->jc, n, keys);
	c = new_cond(x, COP_SOME);
	if (kind_member(x, n, &c->kind) == -1)
		return NULL;
	if ((v = node_prop(n, "scope")) != NULL) {
		if (v->kind != NODE_STRING || (strcmp(v->str, "organization") !=
		    0 && strcmp(v->str, "all") != 0)) {
			jcheck_err(&x->jc, v, "\"scope\" is \"organization\" "
			    "(the default) or \"all\"");
			ok = 0;
		} else
			c->any_org = strcmp(v->str, "all") == 0;
	}
	if ((v = node_prop(n, "each")) != NULL) {
		if (v->kind != NODE_BOOL) {
			jcheck_err(&x->jc, v, "\"each\" takes true or false");
			ok = 0;
		} else
			c->each = (int)v->i;
	}
	inner.kind = c->kind;
	inner.outer = sc;
	if ((v = node_prop(n, "on")) == NULL) {
		jcheck_err(&x->jc, n, "\"on\" is required: how the objects "
		    "relate, {\"prop\": P, \"eq\": {\"outer\": Q}}");
		return NULL;
	}
	if ((c->on = cond(x, v, &inner, depth + 1)) == NULL ||
	    !join_ok(x, v, c))
		ok = 0;
	if ((v = node_prop(n, "where")) != NULL &&
	    (c->where = cond(x, v, &inner, depth + 1)) == NULL)
		ok = 0;
	c->join = x->r->njoins++;
	return ok ? c : NULL;
}

/* "not": one condition, negated. */
static struct cond *
negate(struct pctx *x, const struct node *n, const struct scope *sc,
    unsigned depth)
{
	struct cond	*c;

	c = new_cond(x, COP_NOT);
	c->kids = arena_alloc(x->a, sizeof(*c->kids));
	c->nkids = 1;
	return (c->kids[0] = cond(x, n, sc, depth + 1)) != NULL ? c : NULL;
}

/* How many operators a comparison has, the last in *op, *opnode; or -1. */
static int
find_op(struct pctx *x, const struct node *n, enum cop *op,
    const struct node **opnode)
{
	const struct node	*v;
	size_t			 i;
	int			 k, nops = 0;

	for (i = 0; i < n->nprops; i++) {
		v = n->props[i];
		if (strcmp(v->name, "prop") == 0 ||
		    strcmp(v->name, "every") == 0 ||
		    strcmp(v->name, "if_unknown") == 0)
			continue;
		for (k = FIRST_OP; k <= LAST_OP; k++)
			if (strcmp(v->name, cop_names[k]) == 0)
				break;
		if (k > LAST_OP) {
			jcheck_err(&x->jc, v, "unknown member \"%s\" of a "
			    "condition", v->name);
			return -1;
		}
		*op = (enum cop)k;
		*opnode = v;
		nops++;
	}
	return nops;
}

/* "every" and "if_unknown", which qualify comparison c; 0 or -1. */
static int
qualifiers(struct pctx *x, const struct node *n, struct cond *c)
{
	const struct node	*v;

	if ((v = node_prop(n, "every")) != NULL) {
		if (v->kind != NODE_BOOL) {
			jcheck_err(&x->jc, v, "\"every\" takes true or false");
			return -1;
		}
		if (!listy(c->left.type) || c->op == COP_EXISTS ||
		    c->op == COP_EMPTY) {
			jcheck_err(&x->jc, v, "\"every\" applies to a list "
			    "property and an operator on its values; %s is %s",
			    c->left.name, ptype_name(c->left.type));
			return -1;
		}
		c->every = (int)v->i;
	}
	if ((v = node_prop(n, "if_unknown")) != NULL) {
		if (v->kind != NODE_BOOL || c->op == COP_EXISTS) {
			jcheck_err(&x->jc, v, "\"if_unknown\" takes true or "
			    "false (and \"exists\" is never unknown)");
			return -1;
		}
		c->if_unknown = (signed char)v->i;
	}
	return 0;
}

/* A comparison: {"prop": P, OPERATOR: VALUE}, perhaps qualified. */
static struct cond *
comparison(struct pctx *x, const struct node *n, const struct scope *sc)
{
	const struct node	*v, *opnode = NULL;
	struct cond		*c;
	enum cop		 op = COP_EQ;
	int			 nops;
	char			*l;

	c = new_cond(x, COP_EQ);
	if ((nops = find_op(x, n, &op, &opnode)) == -1)
		return NULL;
	if ((v = node_prop(n, "prop")) == NULL || strcmp(v->name, "prop")) {
		jcheck_err(&x->jc, n, "a condition names a property: "
		    "{\"prop\": P, OPERATOR: VALUE}");
		return NULL;
	}
	if (v->kind != NODE_STRING || *v->str == '\0') {
		jcheck_err(&x->jc, v, "\"prop\" takes a property name");
		return NULL;
	}
	if (resolve(x, v, v->str, sc->kind, &c->left) == -1)
		return NULL;
	if (nops != 1) {
		l = ops_for(c->left.type);
		jcheck_err(&x->jc, n, "a condition has one operator; %s takes "
		    "%s", c->left.name, l);
		free(l);
		return NULL;
	}
	c->op = op;
	if (!op_fits(op, c->left.type)) {
		l = ops_for(c->left.type);
		jcheck_err(&x->jc, opnode, "%s does not apply to %s, which is "
		    "%s; it takes %s", cop_names[op], c->left.name,
		    ptype_name(c->left.type), l);
		free(l);
		return NULL;
	}
	if (qualifiers(x, n, c) == -1 || operand(x, c, opnode, sc) == -1)
		return NULL;
	return c;
}

/* A condition: a combination, a "some", or a property and an operator. */
static struct cond *
cond(struct pctx *x, const struct node *n, const struct scope *sc,
    unsigned depth)
{
	static const char *const shapes[] = { "all", "any", "not", "some",
	    NULL };
	const struct node	*v;
	int			 k;

	if (depth > PACK_MAX_DEPTH) {
		jcheck_err(&x->jc, n, "conditions nest deeper than %d",
		    PACK_MAX_DEPTH);
		return NULL;
	}
	if (++x->nodes > PACK_MAX_NODES) {
		if (!x->too_many)
			jcheck_err(&x->jc, n, "the rule has more than %d "
			    "conditions", PACK_MAX_NODES);
		x->too_many = 1;
		return NULL;
	}
	if (n->kind != NODE_OBJECT) {
		jcheck_err(&x->jc, n, "a condition is an object: {\"all\": "
		    "[...]}, {\"any\": [...]}, {\"not\": {...}}, {\"some\": "
		    "{...}} or {\"prop\": P, OPERATOR: VALUE}");
		return NULL;
	}
	for (k = 0; shapes[k] != NULL; k++) {
		if ((v = node_prop(n, shapes[k])) == NULL ||
		    strcmp(v->name, shapes[k]) != 0)
			continue;
		if (n->nprops != 1) {
			jcheck_err(&x->jc, n, "\"%s\" stands alone in its "
			    "condition object", shapes[k]);
			return NULL;
		}
		switch (k) {
		case 0:
			return combine(x, v, COP_ALL, sc, depth);
		case 1:
			return combine(x, v, COP_ANY, sc, depth);
		case 2:
			return negate(x, v, sc, depth);
		default:
			return some(x, v, sc, depth);
		}
	}
	return comparison(x, n, sc);
}

/*
 * A template: text with ${Property} placeholders ("$${" is a literal
 * "${"), one line or (fix) several.
 */
static int
tmpl_line(struct pctx *x, const struct node *n, const char *s, size_t len,
    enum kind k, struct tline *tl)
{
	struct vec	 segs = { 0 };
	struct tseg	*g;
	const char	*p = s, *e = s + len, *close;
	struct buf	 b = { 0 };
	char		*name;
	size_t		 i;
	int		 ok = 1;

	while (p < e) {
		buf_reset(&b);
		while (p < e && !(p[0] == '$' && p + 1 < e && p[1] == '{')) {
			if (p[0] == '$' && p + 2 < e && p[1] == '$' &&
			    p[2] == '{') {
				buf_adds(&b, "${");
				p += 3;
				continue;
			}
			buf_addc(&b, *p++);
		}
		if (b.len > 0) {
			g = arena_alloc(x->a, sizeof(*g));
			g->text = arena_strndup(x->a, b.p != NULL ? b.p : "",
			    b.len);
			vec_push(&segs, g);
		}
		if (p >= e)
			break;
		close = memchr(p + 2, '}', (size_t)(e - p - 2));
		if (close == NULL) {
			jcheck_err(&x->jc, n, "\"${\" without its \"}\"");
			ok = 0;
			break;
		}
		name = xstrndup(p + 2, (size_t)(close - p - 2));
		g = arena_alloc(x->a, sizeof(*g));
		if (*name == '\0') {
			jcheck_err(&x->jc, n, "an empty placeholder \"${}\"");
			ok = 0;
		} else if (resolve(x, n, name, k, &g->ref) == -1)
			ok = 0;
		else
			vec_push(&segs, g);
		free(name);
		p = close + 1;
	}
	buf_free(&b);
	for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		continue;
	tl->comment = i < len && s[i] == '#';
	tl->nsegs = segs.n;
	tl->segs = arena_alloc(x->a, (segs.n + 1) * sizeof(*tl->segs));
	for (i = 0; i < segs.n; i++)
		tl->segs[i] = *(struct tseg *)segs.v[i];
	vec_free(&segs);
	return ok ? 0 : -1;
}

/* A text: a string, or an array of strings (its lines). */
static char *
text(struct pctx *x, const struct node *n, const char *key)
{
	struct buf	 b = { 0 };
	size_t		 i;

	if (n->kind == NODE_STRING) {
		buf_add(&b, n->str, n->len);
	} else if (n->kind == NODE_LIST && n->nitems > 0) {
		for (i = 0; i < n->nitems; i++) {
			if (n->items[i]->kind != NODE_STRING) {
				jcheck_err(&x->jc, n->items[i], "\"%s\" lines "
				    "are strings", key);
				buf_free(&b);
				return NULL;
			}
			if (i > 0)
				buf_addc(&b, '\n');
			buf_add(&b, n->items[i]->str, n->items[i]->len);
		}
	} else {
		jcheck_err(&x->jc, n, "\"%s\" takes a string or an array of "
		    "lines", key);
		return NULL;
	}
	if (b.p == NULL || b.len == 0 || strlen(b.p) != b.len ||
	    b.len > PACK_MAX_TEXT) {
		jcheck_err(&x->jc, n, "\"%s\" must be non-empty text of at "
		    "most %d bytes, without NUL", key, PACK_MAX_TEXT);
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/*
 * A fix line is a comment or one command whose arguments are literals,
 * as every built-in fix line is: placeholders become quoted literals, so
 * the line with each one as 'x' must be such a command.
 */
static int
fix_line_ok(struct pctx *x, const struct node *n, const struct tline *tl)
{
	struct buf	 b = { 0 };
	char		 why[256];
	size_t		 i;
	int		 ok;

	if (tl->comment)
		return 0;
	for (i = 0; i < tl->nsegs; i++)
		buf_adds(&b, tl->segs[i].text != NULL ? tl->segs[i].text :
		    "'x'");
	ok = b.p == NULL || ps_is_comment_line(b.p) ||
	    ps_is_single_literal_command(b.p, why, sizeof(why));
	if (!ok)
		jcheck_err(&x->jc, n, "a \"fix\" line is a comment or one "
		    "command whose arguments are literals (%s): %s", why, b.p);
	buf_free(&b);
	return ok ? 0 : -1;
}

static int
tmpl(struct pctx *x, const struct node *n, const char *key, enum kind k,
    struct tmpl *t, int one_line)
{
	const char	*p, *nl;
	char		*s;
	size_t		 nlines = 1, i;
	int		 ok = 1;

	if ((s = text(x, n, key)) == NULL)
		return -1;
	if (one_line && strchr(s, '\n') != NULL) {
		jcheck_err(&x->jc, n, "\"%s\" is one line", key);
		free(s);
		return -1;
	}
	for (p = s; (p = strchr(p, '\n')) != NULL; p++)
		nlines++;
	if (nlines > 100) {
		jcheck_err(&x->jc, n, "\"%s\" has more than 100 lines", key);
		free(s);
		return -1;
	}
	t->lines = arena_alloc(x->a, nlines * sizeof(*t->lines));
	t->nlines = nlines;
	for (p = s, i = 0; i < nlines; i++, p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (tmpl_line(x, n, p, (size_t)(nl - p), k, &t->lines[i]) ==
		    -1 || (strcmp(key, "fix") == 0 &&
		    fix_line_ok(x, n, &t->lines[i]) == -1))
			ok = 0;
	}
	free(s);
	return ok ? 0 : -1;
}

/* An array of strings each accepted by ok(); joined by 'sep' into *out. */
static int
strings(struct pctx *x, const struct node *n, const char *key,
    int (*ok)(const char *), const char *what, const char *sep,
    const char **out)
{
	struct buf	b = { 0 };
	size_t		i;

	if (n->kind != NODE_LIST || n->nitems > 100) {
		jcheck_err(&x->jc, n, "\"%s\" takes an array of at most 100 "
		    "%s", key, what);
		return -1;
	}
	for (i = 0; i < n->nitems; i++) {
		if (n->items[i]->kind != NODE_STRING ||
		    !ok(n->items[i]->str)) {
			jcheck_err(&x->jc, n->items[i], "not %s", what);
			buf_free(&b);
			return -1;
		}
		buf_printf(&b, "%s%s", i ? sep : "", n->items[i]->str);
	}
	*out = keep(x, b.p != NULL ? b.p : "");
	buf_free(&b);
	return 0;
}

static int
is_url(const char *s)
{
	size_t	i;

	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return 0;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return 0;
	return i < 2048;
}

static int
is_tag(const char *s)
{
	return kebab(s, 64);
}

/* The explain page of a pack rule. */
static const char *
rule_doc(struct pctx *x, const struct prule *r, const char *doc,
    const char *refs, const struct node *fixn)
{
	struct buf	 b = { 0 };
	const char	*p, *nl;
	char		 d[16];
	const char	*r0;

	buf_adds(&b, "What it checks\n");
	for (p = doc; *p; p = *nl ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		buf_printf(&b, "%s%.*s\n", nl > p ? "  " : "", (int)(nl - p),
		    p);
	}
	buf_printf(&b, "\nApplies to\n  %s objects%s\n", kind_name(r->kind),
	    r->where != NULL ? " that the rule's \"where\" selects" : "");
	if (r->valid_from != 0 || r->valid_until != 0) {
		buf_adds(&b, "\nIn force\n ");
		if (r->valid_from != 0) {
			format_date(r->valid_from, d);
			buf_printf(&b, " from %s", d);
		}
		if (r->valid_until != 0) {
			format_date(r->valid_until - 86400, d);
			buf_printf(&b, " until %s", d);
		}
		buf_adds(&b, " (judged at --as-of)\n");
	}
	if (fixn != NULL && (r0 = text(x, fixn, "fix")) != NULL) {
		buf_adds(&b, "\nHow to fix\n");
		for (p = r0; *p; p = *nl ? nl + 1 : nl) {
			if ((nl = strchr(p, '\n')) == NULL)
				nl = p + strlen(p);
			buf_printf(&b, "    %.*s\n", (int)(nl - p), p);
		}
		free((char *)r0);
	}
	if (refs != NULL && *refs != '\0')
		buf_printf(&b, "\nSource\n  %s\n", refs);
	buf_printf(&b, "\nRule pack\n  %s %s (%s)\n", x->p->src.name,
	    x->p->src.version, x->p->src.path);
	p = arena_strdup(x->a, b.p);
	buf_free(&b);
	return p;
}

/* Is the id or name taken, in this pack or the rule set? */
static int
taken(struct pctx *x, const struct node *n, const char *what, const char *s,
    size_t upto)
{
	const struct lint_rule	*r;
	size_t			 i;

	for (i = 0; i < upto; i++) {
		r = &x->p->rules[i]->lr;
		if (r->id == NULL || r->name == NULL)
			continue;
		if (strcasecmp(r->id, s) == 0 || strcmp(r->name, s) == 0) {
			jcheck_err(&x->jc, n, "duplicate rule %s \"%s\" (also "
			    "at %s)", what, s, x->p->rules[i]->loc.pointer);
			return 1;
		}
	}
	if ((r = ruleset_find(x->rs, s)) != NULL) {
		if (r->source == NULL)
			jcheck_err(&x->jc, n, "rule %s \"%s\" is hybridlint's "
			    "own %s %s", what, s, r->id, r->name);
		else
			jcheck_err(&x->jc, n, "rule %s \"%s\" is already "
			    "taken by %s %s of pack %s (%s)", what, s, r->id,
			    r->name, r->source->name, r->source->path);
		return 1;
	}
	return 0;
}

/*
 * The first property of the rule's own object that a condition tests:
 * findings point at its line.  'some' counts the joins around c: inside
 * one, the rule's object is the "outer" one.
 */
static const char *
first_prop(const struct cond *c, int some)
{
	const char	*p;
	size_t		 i;

	if (c == NULL)
		return NULL;
	if (c->op == COP_SOME)
		return some > 0 ? NULL : (p = first_prop(c->on, 1)) != NULL ?
		    p : first_prop(c->where, 1);
	if (some == 0 && c->left.prop != NULL)
		return c->left.prop->name;
	if (c->right.ref.prop != NULL && (some == 0 ?
	    c->right.from == OPD_PROP : c->right.from == OPD_OUTER))
		return c->right.ref.prop->name;
	for (i = 0; i < c->nkids; i++)
		if ((p = first_prop(c->kids[i], some)) != NULL)
			return p;
	return NULL;
}

/* The rule's identity: its id, name, severity and summary. */
static void
rule_identity(struct pctx *x, const struct node *n, size_t idx,
    struct prule *r)
{
	const struct node	*v;
	enum severity		 sev;
	const char		*s;
	size_t			 nl;

	if ((s = jcheck_string(&x->jc, n, "id", 1)) != NULL) {
		v = node_prop(n, "id");
		nl = strlen(x->p->ns != NULL ? x->p->ns : "");
		if (strncasecmp(s, "HYB", 3) == 0)
			jcheck_err(&x->jc, v, "rule id \"%s\": ids beginning "
			    "with HYB are reserved for hybridlint's own rules",
			    s);
		else if (x->p->ns == NULL || strncmp(s, x->p->ns, nl) != 0 ||
		    s[nl] != '-' || strlen(s + nl + 1) < 3 ||
		    strlen(s + nl + 1) > 6 ||
		    strspn(s + nl + 1, "0123456789") != strlen(s + nl + 1))
			jcheck_err(&x->jc, v, "rule id \"%s\" is not in the "
			    "pack's namespace: %s-NNN (three to six digits)",
			    s, x->p->ns != NULL ? x->p->ns : "NAMESPACE");
		else if (!taken(x, v, "id", s, idx))
			r->lr.id = keep(x, s);
	}
	if ((s = jcheck_string(&x->jc, n, "name", 1)) != NULL) {
		v = node_prop(n, "name");
		if (!kebab(s, 64))
			jcheck_err(&x->jc, v, "rule name \"%s\" is not "
			    "kebab-case (lower-case words joined by hyphens)",
			    s);
		else if (!taken(x, v, "name", s, idx))
			r->lr.name = keep(x, s);
	}
	if ((s = jcheck_string(&x->jc, n, "severity", 1)) != NULL) {
		if (severity_parse(s, &sev) == -1)
			jcheck_err(&x->jc, node_prop(n, "severity"),
			    "\"severity\" is error, warning or note, not "
			    "\"%s\"", s);
		else
			r->lr.severity = sev;
	}
	if ((s = jcheck_string(&x->jc, n, "summary", 1)) != NULL) {
		v = node_prop(n, "summary");
		if (strchr(s, '\n') != NULL || strlen(s) > 200)
			jcheck_err(&x->jc, v, "\"summary\" is one line of at "
			    "most 200 bytes");
		else if (s[strlen(s) - 1] == '.')
			jcheck_err(&x->jc, v, "\"summary\" must not end with "
			    "a full stop");
		else
			r->lr.summary = keep(x, s);
	}
}


/* What is read against the rule's kind: where, assert, message, fix... */
static void
rule_body(struct pctx *x, const struct node *n, struct prule *r)
{
	const struct propdef	*pd;
	const struct node	*v;
	struct scope		 sc;
	char			*l;

	sc.kind = r->kind;
	sc.outer = NULL;
	if ((v = node_prop(n, "where")) != NULL)
		r->where = cond(x, v, &sc, 1);
	if ((v = node_prop(n, "assert")) == NULL)
		jcheck_err(&x->jc, n, "\"assert\" is required");
	else
		r->assert = cond(x, v, &sc, 1);
	if ((v = node_prop(n, "message")) == NULL)
		jcheck_err(&x->jc, n, "\"message\" is required");
	else
		(void)tmpl(x, v, "message", r->kind, &r->message, 1);
	if ((v = node_prop(n, "fix")) != NULL)
		(void)tmpl(x, v, "fix", r->kind, &r->fix, 0);
	if ((v = node_prop(n, "property")) != NULL) {
		if (v->kind != NODE_STRING ||
		    (pd = prop_find(r->kind, v->str)) == NULL) {
			l = list_props(r->kind);
			jcheck_err(&x->jc, v, "\"property\" names a property "
			    "of %s: %s", kind_name(r->kind), l);
			free(l);
		} else
			r->prop = pd->name;
	}
}

/* Optional date member 'key' of n into *e: 1 if there and valid. */
static int
date_member(struct pctx *x, const struct node *n, const char *key,
    int64_t *e)
{
	const char	*s;

	if ((s = jcheck_string(&x->jc, n, key, 0)) == NULL)
		return 0;
	if (date_parse(s, e) == -1) {
		jcheck_err(&x->jc, node_prop(n, key), "\"%s\" is a date "
		    "YYYY-MM-DD, not \"%s\"", key, s);
		return 0;
	}
	return 1;
}

/* The rule's references, tags, security_severity and days in force. */
static void
rule_meta(struct pctx *x, const struct node *n, struct prule *r,
    const char **refs, const char **tags)
{
	const struct node	*v;
	const char		*s;

	if ((v = node_prop(n, "references")) != NULL)
		(void)strings(x, v, "references", is_url,
		    "an http:// or https:// address", "\n  ", refs);
	if ((v = node_prop(n, "tags")) != NULL)
		(void)strings(x, v, "tags", is_tag, "a kebab-case tag", ",",
		    tags);
	if ((s = jcheck_string(&x->jc, n, "security_severity", 0)) != NULL) {
		if (valid_security_severity(s))
			r->lr.security_severity = arena_strdup(x->a, s);
		else
			jcheck_err(&x->jc, node_prop(n, "security_severity"),
			    "\"security_severity\" is a score from \"0.0\" to "
			    "\"10.0\" with one decimal, not \"%s\"", s);
	}
	(void)date_member(x, n, "valid_from", &r->valid_from);
	if (date_member(x, n, "valid_until", &r->valid_until)) {
		if (r->valid_from != 0 && r->valid_until < r->valid_from)
			jcheck_err(&x->jc, node_prop(n, "valid_until"),
			    "\"valid_until\" is before \"valid_from\"");
		else
			r->valid_until += 86400;
	}
}

/* Rule idx of the pack: checked member by member, then compiled. */
static void
rule(struct pctx *x, const struct node *n, size_t idx)
{
	static const char *const keys[] = { "id", "name", "severity",
	    "summary", "documentation", "kind", "where", "assert", "message",
	    "fix", "property", "references", "tags", "security_severity",
	    "valid_from", "valid_until", NULL };
	const struct node	*v;
	struct prule		*r;
	const char		*doc = NULL, *refs = NULL, *tags = NULL;
	char			*d;

	r = arena_alloc(x->a, sizeof(*r));
	x->p->rules[idx] = r;
	x->r = r;
	x->nodes = 0;
	x->too_many = 0;
	r->pack = x->p;
	r->budget = PACK_BUDGET;
	r->loc = loc_dup(x->a, &n->loc);
	if (n->kind != NODE_OBJECT) {
		jcheck_err(&x->jc, n, "a rule is an object");
		return;
	}
	jcheck_keys(&x->jc, n, keys);
	rule_identity(x, n, idx, r);
	if ((v = node_prop(n, "documentation")) == NULL)
		jcheck_err(&x->jc, n, "\"documentation\" is required");
	else if ((d = text(x, v, "documentation")) != NULL) {
		doc = keep(x, d);
		free(d);
	}
	if (kind_member(x, n, &r->kind) == 0)
		rule_body(x, n, r);
	rule_meta(x, n, r, &refs, &tags);
	if (x->jc.bad)
		return;
	if (r->prop == NULL && (r->prop = first_prop(r->assert, 0)) == NULL)
		r->prop = first_prop(r->where, 0);
	r->lr.tags = tags != NULL ? tags : "";
	r->lr.check = pack_check;
	r->lr.source = &x->p->src;
	r->lr.data = r;
	r->lr.doc = rule_doc(x, r, doc, refs, node_prop(n, "fix"));
}

/* "format" and "min_hybridlint": can this hybridlint read the pack? */
static int
header_format(struct pctx *x, const struct node *root)
{
	const struct node	*v;
	const char		*s;
	long			 ver[3];

	if ((v = node_prop(root, "format")) == NULL ||
	    strcmp(v->name, "format") != 0) {
		jcheck_err(&x->jc, root, "\"format\" is required (%d)",
		    PACK_FORMAT);
		return -1;
	}
	if (v->kind != NODE_INT || v->i < 1) {
		jcheck_err(&x->jc, v, "\"format\" is %d", PACK_FORMAT);
		return -1;
	}
	if (v->i > PACK_FORMAT) {
		jcheck_err(&x->jc, v, "format %lld is newer than this "
		    "hybridlint reads (%d); upgrade hybridlint",
		    (long long)v->i, PACK_FORMAT);
		return -1;
	}
	if ((s = jcheck_string(&x->jc, root, "min_hybridlint", 1)) != NULL) {
		v = node_prop(root, "min_hybridlint");
		if (version_parse(s, ver) == -1) {
			jcheck_err(&x->jc, v, "\"min_hybridlint\" is a version "
			    "such as 0.1.0, not \"%s\"", s);
			return -1;
		}
		if (newer_than_us(ver)) {
			jcheck_err(&x->jc, v, "the pack needs hybridlint %s or "
			    "later; this is %s", s, PACKAGE_VERSION);
			return -1;
		}
	}
	return 0;
}

/* The members of the pack itself. */
static int
header(struct pctx *x, const struct node *root)
{
	const struct node	*v;
	const char		*s;
	long			 ver[3];

	if (header_format(x, root) == -1)
		return -1;
	if ((s = jcheck_string(&x->jc, root, "name", 1)) != NULL) {
		if (!kebab(s, 64))
			jcheck_err(&x->jc, node_prop(root, "name"), "pack name "
			    "\"%s\" is not kebab-case", s);
		else
			x->p->src.name = keep(x, s);
	}
	if ((s = jcheck_string(&x->jc, root, "version", 1)) != NULL) {
		if (version_parse(s, ver) == -1)
			jcheck_err(&x->jc, node_prop(root, "version"),
			    "\"version\" is a version such as 1.0.0, not "
			    "\"%s\"", s);
		else
			x->p->src.version = keep(x, s);
	}
	if ((s = jcheck_string(&x->jc, root, "namespace", 1)) != NULL) {
		v = node_prop(root, "namespace");
		if (strlen(s) < 2 || strlen(s) > 16 ||
		    !isupper((unsigned char)s[0]) ||
		    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") !=
		    strlen(s))
			jcheck_err(&x->jc, v, "\"namespace\" is 2 to 16 "
			    "upper-case letters and digits, starting with a "
			    "letter, not \"%s\"", s);
		else if (strncmp(s, "HYB", 3) == 0)
			jcheck_err(&x->jc, v, "namespace \"%s\": HYB is "
			    "reserved for hybridlint's own rules", s);
		else
			x->p->ns = keep(x, s);
	}
	if ((s = jcheck_string(&x->jc, root, "description", 0)) != NULL)
		x->p->description = keep(x, s);
	if ((s = jcheck_string(&x->jc, root, "url", 0)) != NULL) {
		if (!is_url(s))
			jcheck_err(&x->jc, node_prop(root, "url"), "\"url\" is "
			    "an http:// or https:// address");
		else
			x->p->src.uri = keep(x, s);
	}
	return 0;
}

struct pack *
pack_parse(const char *display, const char *text, size_t len,
    const struct ruleset *rs, struct diags *diags)
{
	static const char *const keys[] = { "$schema", "format", "name",
	    "version", "min_hybridlint", "namespace", "description", "url",
	    "rules", NULL };
	struct pctx		 x;
	struct doc		*doc;
	const struct node	*root, *v;
	const char		*slash;
	size_t			 i;

	if ((doc = json_load(display, text, len, diags)) == NULL)
		return NULL;
	if (doc->nroots != 1 || doc->roots[0]->kind != NODE_OBJECT) {
		diag_add(diags, SEV_ERROR, display, 1, 1, "a rule pack is one "
		    "JSON object (see schemas/rule-pack.schema.json)");
		doc_free(doc);
		return NULL;
	}
	root = doc->roots[0];
	memset(&x, 0, sizeof(x));
	x.jc.diags = diags;
	x.jc.what = NULL;
	x.rs = rs;
	x.p = xcalloc(1, sizeof(*x.p));
	x.p->arena = x.a = arena_new();
	x.p->src.path = keep(&x, display);
	slash = strrchr(display, '/');
	x.p->dir = slash != NULL ? arena_strndup(x.a, display,
	    slash == display ? 1 : (size_t)(slash - display)) : ".";
	if (header(&x, root) == -1)
		goto bad;
	jcheck_keys(&x.jc, root, keys);
	if ((v = node_prop(root, "rules")) == NULL ||
	    strcmp(v->name, "rules") != 0)
		jcheck_err(&x.jc, root, "\"rules\" is required");
	else if (v->kind != NODE_LIST || v->nitems == 0 ||
	    v->nitems > PACK_MAX_RULES)
		jcheck_err(&x.jc, v, "\"rules\" takes an array of 1 to %d "
		    "rules", PACK_MAX_RULES);
	else {
		x.p->rules = arena_alloc(x.a, v->nitems *
		    sizeof(*x.p->rules));
		x.p->nrules = v->nitems;
		for (i = 0; i < v->nitems; i++)
			rule(&x, v->items[i], i);
	}
	if (x.jc.bad)
		goto bad;
	doc_free(doc);
	return x.p;
bad:
	doc_free(doc);
	pack_free(x.p);
	return NULL;
}

int
pack_load(struct ruleset *rs, const char *path, struct diags *diags)
{
	struct rawfile	 raw;
	struct textfile	 tf;
	struct stat	 st;
	struct pack	*p;
	char		*file, *real;
	size_t		 i, l;
	int		 rc = -1;

	if (stat(path, &st) == -1) {
		diag_add(diags, SEV_ERROR, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		file = xasprintf("%s%spack.json", path,
		    (l = strlen(path)) > 0 && path[l - 1] == '/' ? "" : "/");
	else if ((l = strlen(path)) < 5 || strcmp(path + l - 5, ".json")) {
		diag_add(diags, SEV_ERROR, path, 0, 0, "not a rule pack: a "
		    "pack is a folder holding pack.json, or a .json file");
		return -1;
	} else
		file = xstrdup(path);
	if ((real = realpath(file, NULL)) == NULL) {
		diag_add(diags, SEV_ERROR, file, 0, 0, "%s", strerror(errno));
		free(file);
		return -1;
	}
	for (i = 0; i < rs->npacks; i++)
		if (rs->packs[i]->real != NULL &&
		    strcmp(rs->packs[i]->real, real) == 0) {
			free(real);
			free(file);
			return 0;
		}
	if (rawfile_read(file, file, PACK_MAX_BYTES, &raw, diags) == 0 &&
	    text_decode(&raw, file, '{', &tf, diags) == 0) {
		p = pack_parse(file, tf.text, tf.len, rs, diags);
		textfile_free(&tf);
		if (p != NULL) {
			p->real = real;
			real = NULL;
			pack_add(rs, p);
			rc = 0;
		}
	}
	free(real);
	free(file);
	return rc;
}

void
pack_add(struct ruleset *rs, struct pack *p)
{
	size_t	i;

	rs->packs = xreallocarray(rs->packs, rs->npacks + 1,
	    sizeof(*rs->packs));
	rs->packs[rs->npacks++] = p;
	for (i = 0; i < p->nrules; i++)
		ruleset_add(rs, &p->rules[i]->lr);
}

void
pack_free(struct pack *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nres; i++) {
		regfree(p->res[i]);
		free(p->res[i]);
	}
	free(p->res);
	free(p->real);
	arena_free(p->arena);
	free(p);
}

const struct prule *
pack_rule(const struct lint_rule *r)
{
	return r != NULL && r->check == pack_check ? r->data : NULL;
}
