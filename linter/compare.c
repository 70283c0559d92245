/*
 * compare.c: what changed between two runs, and what it does to the
 * findings and to where mail lands (compare.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compare.h"
#include "props.h"
#include "propset.h"
#include "xalloc.h"

struct cmpctx {
	struct comparison	*c;
	struct arena		*a;
	const struct model	*mb;
	const struct model	*ma;
	const char		**canon;	/* by after org index */
	size_t			  capchanges;
	size_t			  capflows;
};

/* ---- Organizations ---------------------------------------------------- */

/*
 * The id each organization of the run after goes by: its own, or when
 * one organization is left unmatched on each side, the other's.
 */
static void
map_orgs(struct cmpctx *x)
{
	const struct org	*lone_b = NULL, *lone_a = NULL;
	size_t			 i, nb = 0, na = 0;

	x->canon = arena_alloc(x->a, (x->ma->norgs + 1) * sizeof(*x->canon));
	for (i = 0; i < x->mb->norgs; i++)
		if (model_org_find(x->ma, x->mb->orgs[i]->id) == NULL) {
			lone_b = x->mb->orgs[i];
			nb++;
		}
	for (i = 0; i < x->ma->norgs; i++) {
		x->canon[i] = x->ma->orgs[i]->id;
		if (model_org_find(x->mb, x->ma->orgs[i]->id) == NULL) {
			lone_a = x->ma->orgs[i];
			na++;
		}
	}
	if (nb == 1 && na == 1)
		x->canon[lone_a->index] = lone_b->id;
}

/* The id an organization of either run is compared by. */
static const char *
canon_id(const struct cmpctx *x, const struct model *m, const char *id)
{
	const struct org	*g;

	if (id == NULL || m != x->ma || (g = model_org_find(m, id)) == NULL)
		return id;
	return x->canon[g->index];
}

/* ---- Changes ---------------------------------------------------------- */

static struct cmp_change *
new_change(struct cmpctx *x, enum cmp_action act, const char *kind,
    const char *object, const struct loc *l)
{
	struct comparison	*c = x->c;
	struct cmp_change	*ch;

	if (c->nchanges == x->capchanges) {
		x->capchanges = x->capchanges ? x->capchanges * 2 : 16;
		c->changes = xreallocarray(c->changes, x->capchanges,
		    sizeof(*c->changes));
	}
	ch = &c->changes[c->nchanges++];
	memset(ch, 0, sizeof(*ch));
	ch->action = act;
	ch->side = side_name(SIDE_UNKNOWN);
	ch->kind = kind;
	ch->object = object;
	if (l != NULL)
		ch->loc = *l;
	return ch;
}

static struct cmp_change *
add_change(struct cmpctx *x, enum cmp_action act, const struct obj *o)
{
	struct cmp_change	*ch;

	ch = new_change(x, act, kind_name(o->kind), o->name, &o->loc);
	ch->org = o->org != NULL ? o->org->id : NULL;
	ch->side = side_name(o->side);
	return ch;
}

static void
edits(struct cmpctx *x)
{
	const struct edit	*e;
	struct cmp_change	*ch;
	size_t			 i;

	for (i = 0; i < x->ma->nedits; i++) {
		e = x->ma->edits[i];
		ch = add_change(x, e->op == EDIT_NEW ? CMP_ADDED :
		    e->op == EDIT_REMOVE ? CMP_REMOVED : CMP_CHANGED, e->o);
		ch->prop = e->op == EDIT_SET ? e->prop : NULL;
		ch->before = e->before;
		ch->after = e->after;
		ch->loc = e->loc;
		ch->cmd = e->cmd;
		if (e->op == EDIT_REMOVE)
			ch->object = e->before;
	}
}

static int
cmp_ci(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

/* Two values as sets: order, repeats and case make no difference. */
static int
same_items(const char **a, size_t na, const char **b, size_t nb)
{
	size_t	i, j, k;

	if (a == NULL || b == NULL)
		return a == b;
	qsort(a, na, sizeof(*a), cmp_ci);
	qsort(b, nb, sizeof(*b), cmp_ci);
	for (i = j = 0; i < na || j < nb; i = k) {
		if (i == na || j == nb || strcasecmp(a[i], b[j]) != 0)
			return 0;
		for (k = i; k < na && strcasecmp(a[k], a[i]) == 0; k++)
			continue;
		while (j < nb && strcasecmp(b[j], a[i]) == 0)
			j++;
	}
	return 1;
}

/* A value read through props.h as items of text (NULL: unknown). */
static const char **
pval_items(struct arena *a, const struct pval *v, size_t *n)
{
	const char	**it;
	char		  d[11];
	size_t		  i;

	*n = 0;
	if (!v->known)
		return NULL;
	it = arena_alloc(a, (v->n + 2) * sizeof(*it));
	switch (v->type) {
	case PT_BOOL:
		it[(*n)++] = v->i ? "True" : "False";
		break;
	case PT_NUMBER:
		it[(*n)++] = arena_printf(a, "%lld", (long long)v->i);
		break;
	case PT_DATE:
		format_date(v->i, d);
		it[(*n)++] = arena_strdup(a, d);
		break;
	case PT_LIST:
	case PT_FLAGS:
		for (i = 0; i < v->n; i++)
			it[(*n)++] = v->v[i];
		break;
	case PT_IPRANGES:
		for (i = 0; i < v->n; i++)
			it[(*n)++] = arena_printf(a, "%s-%s",
			    ipaddr_format(a, &v->r[i].lo),
			    ipaddr_format(a, &v->r[i].hi));
		break;
	case PT_X509ID:
		if (v->s != NULL)
			it[(*n)++] = v->s2 != NULL ? arena_printf(a,
			    "<I>%s<S>%s", v->s2, v->s) : v->s;
		break;
	case PT_CERTS:
		break;
	default:
		if (v->s != NULL)
			it[(*n)++] = v->s;
		break;
	}
	return it;
}

/*
 * One property of two records as items and text: through the change
 * table where it has the property (it writes values in full: an address
 * space with its type and cost), else through props.h.
 */
static const char **
items_of(struct arena *a, const struct obj *o, const struct propdef *pd,
    size_t *n, const char **text)
{
	const struct psetdef	*ps = pset_find(o->kind, pd->name);
	const char		**v;
	struct pval		  pv;

	if (ps != NULL) {
		*text = pset_text(a, o, ps);
		return pset_items(a, o, ps, n);
	}
	prop_value(pd, o, a, &pv);
	v = pval_items(a, &pv, n);
	*text = v != NULL ? arena_join(a, v, *n) : NULL;
	return v;
}

/* Every property the model reads, but the identity it is matched by. */
static void
diff_props(struct cmpctx *x, const struct obj *ob, const struct obj *oa)
{
	const struct propdef	*pd;
	struct cmp_change	*ch;
	const char		**vb, **va, *tb, *ta;
	size_t			  n, i, nb, na;

	pd = props_of(oa->kind, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(pd[i].name, "Name") == 0 ||
		    strcmp(pd[i].name, "Identity") == 0 ||
		    pd[i].type == PT_CERTS)
			continue;
		vb = items_of(x->a, ob, &pd[i], &nb, &tb);
		va = items_of(x->a, oa, &pd[i], &na, &ta);
		if (same_items(vb, nb, va, na))
			continue;
		ch = add_change(x, CMP_CHANGED, oa);
		ch->loc = obj_prop_loc(x->a, oa, pd[i].name);
		ch->prop = pd[i].name;
		ch->before = tb;
		ch->after = ta;
	}
}

/* What identifies a record across export sets. */
static const char *
obj_key(struct cmpctx *x, const struct model *m, const struct obj *o)
{
	const struct certificate	*ct;
	const char			*org;

	org = canon_id(x, m, o->org != NULL ? o->org->id : "");
	if (o->kind == K_CERT) {
		ct = (const struct certificate *)o;
		return dn_normalize(x->a, arena_printf(x->a, "%s|%s|%s",
		    org, ct->server != NULL ? ct->server : "",
		    ct->thumbprint != NULL ? ct->thumbprint : o->identity));
	}
	return dn_normalize(x->a, arena_printf(x->a, "%s|%s|%s", org,
	    side_name(o->side), o->identity != NULL ? o->identity : ""));
}

static void
diff_kind(struct cmpctx *x, enum kind k)
{
	struct strmap		*mb = strmap_new(), *used = strmap_new();
	const struct obj	*o, *p;
	void *const		*hit;
	const char		*key;
	size_t			 i, n, u;

	for (i = 0; i < x->mb->nobjs[k]; i++) {
		o = x->mb->objs[k][i];
		strmap_add(mb, obj_key(x, x->mb, o), (void *)o);
	}
	for (i = 0; i < x->ma->nobjs[k]; i++) {
		o = x->ma->objs[k][i];
		key = obj_key(x, x->ma, o);
		hit = strmap_get(mb, key, &n);
		/* The n-th record of a key pairs with the n-th (copies). */
		(void)strmap_get(used, key, &u);
		strmap_add(used, key, (void *)o);
		if (hit == NULL || u >= n)
			(void)add_change(x, CMP_ADDED, o);
		else
			diff_props(x, hit[u], o);
	}
	for (i = 0; i < x->mb->nobjs[k]; i++) {
		p = x->mb->objs[k][i];
		key = obj_key(x, x->mb, p);
		hit = strmap_get(mb, key, &n);
		(void)strmap_get(used, key, &u);
		for (n = 0; hit[n] != p; n++)
			continue;
		if (n >= u)
			(void)add_change(x, CMP_REMOVED, p);
	}
	strmap_free(mb);
	strmap_free(used);
}

/* A value of the manifest compared; a change when it differs. */
static void
diff_value(struct cmpctx *x, const char *kind, const char *object,
    const struct loc *l, const char *prop, const char *b, const char *a)
{
	struct cmp_change	*ch;

	if ((b == NULL && a == NULL) || (b != NULL && a != NULL &&
	    strcasecmp(b, a) == 0))
		return;
	ch = new_change(x, CMP_CHANGED, kind, object, l);
	ch->prop = prop;
	ch->before = b;
	ch->after = a;
}

/* A list as sorted, comma-joined text (order makes no difference). */
static const char *
sorted_text(struct cmpctx *x, const char *const *v, size_t n)
{
	const char	**c;
	size_t		  i;

	c = arena_alloc(x->a, (n + 1) * sizeof(*c));
	for (i = 0; i < n; i++)
		c[i] = v[i];
	qsort(c, n, sizeof(*c), cmp_ci);
	return arena_join(x->a, c, n);
}

static const struct gateway *
gateway_by_id(const struct model *m, const char *id)
{
	size_t	i;

	for (i = 0; i < m->ngateways; i++)
		if (strcmp(m->gateways[i]->id, id) == 0)
			return m->gateways[i];
	return NULL;
}

static void
diff_gateway(struct cmpctx *x, const struct gateway *b,
    const struct gateway *a)
{
	const char	*ob, *oa;

	diff_value(x, "Gateway", a->id, &a->loc, "name", b->name, a->name);
	diff_value(x, "Gateway", a->id, &a->loc, "addresses",
	    sorted_text(x, b->addrs_text, b->naddrs),
	    sorted_text(x, a->addrs_text, a->naddrs));
	diff_value(x, "Gateway", a->id, &a->loc, "certificate",
	    b->cert != NULL ? b->cert->thumbprint : NULL,
	    a->cert != NULL ? a->cert->thumbprint : NULL);
	ob = b->operated_by != NULL ? b->operated_by->id : NULL;
	oa = a->operated_by != NULL ? canon_id(x, x->ma,
	    a->operated_by->id) : NULL;
	diff_value(x, "Gateway", a->id, &a->loc, "operated_by", ob, oa);
}

static const struct mxentry *
mx_of(const struct model *m, const char *domain)
{
	size_t	i;

	for (i = 0; i < m->nmx; i++)
		if (strcasecmp(m->mx[i].domain, domain) == 0)
			return &m->mx[i];
	return NULL;
}

/* The manifest's gateways and dns.mx. */
static void
diff_manifest(struct cmpctx *x)
{
	const struct gateway	*g, *h;
	const struct mxentry	*e, *f;
	size_t			 i;

	for (i = 0; i < x->ma->ngateways; i++) {
		g = x->ma->gateways[i];
		if ((h = gateway_by_id(x->mb, g->id)) == NULL)
			(void)new_change(x, CMP_ADDED, "Gateway", g->id,
			    &g->loc);
		else
			diff_gateway(x, h, g);
	}
	for (i = 0; i < x->mb->ngateways; i++)
		if (gateway_by_id(x->ma, (g = x->mb->gateways[i])->id) == NULL)
			(void)new_change(x, CMP_REMOVED, "Gateway", g->id,
			    &g->loc);
	for (i = 0; i < x->ma->nmx; i++) {
		e = &x->ma->mx[i];
		f = mx_of(x->mb, e->domain);
		diff_value(x, "DnsMx", e->domain, NULL, "hosts", f != NULL ?
		    sorted_text(x, f->hosts, f->nhosts) : NULL,
		    sorted_text(x, e->hosts, e->nhosts));
	}
	for (i = 0; i < x->mb->nmx; i++)
		if (mx_of(x->ma, (e = &x->mb->mx[i])->domain) == NULL)
			diff_value(x, "DnsMx", e->domain, NULL, "hosts",
			    sorted_text(x, e->hosts, e->nhosts), NULL);
}

/* ---- Findings --------------------------------------------------------- */

static const char *
finding_key(const struct cmpctx *x, const struct model *m,
    const struct finding *f)
{
	return arena_printf(x->a, "%s\x1f%s\x1f%s\x1f%s\x1f%s", f->rule->id,
	    f->org != NULL ? canon_id(x, m, f->org) : "",
	    f->kind != NULL ? f->kind : "", f->object != NULL ? f->object : "",
	    f->key != NULL ? f->key : "");
}

/* The findings of 'fs' whose key 'other' lacks; how many it has. */
static const struct finding **
only_in(struct cmpctx *x, const struct model *m, const struct findings *fs,
    const struct strmap *other, size_t *n, size_t *common)
{
	const struct finding	**v;
	size_t			  i;

	v = arena_alloc(x->a, (fs->n + 1) * sizeof(*v));
	*n = *common = 0;
	for (i = 0; i < fs->n; i++) {
		if (strmap_get(other, finding_key(x, m, fs->v[i]), NULL) ==
		    NULL)
			v[(*n)++] = fs->v[i];
		else
			(*common)++;
	}
	return v;
}

static void
findings(struct cmpctx *x, const struct findings *fb,
    const struct findings *fa)
{
	struct strmap	*kb = strmap_new(), *ka = strmap_new();
	size_t		 i, common;

	for (i = 0; i < fb->n; i++)
		strmap_add(kb, finding_key(x, x->mb, fb->v[i]), fb->v[i]);
	for (i = 0; i < fa->n; i++)
		strmap_add(ka, finding_key(x, x->ma, fa->v[i]), fa->v[i]);
	x->c->resolved = only_in(x, x->mb, fb, ka, &x->c->nresolved, &common);
	x->c->introduced = only_in(x, x->ma, fa, kb, &x->c->nintroduced,
	    &x->c->npersist);
	strmap_free(kb);
	strmap_free(ka);
}

/* ---- Flows ------------------------------------------------------------ */

static const char *
flow_key(struct cmpctx *x, const struct model *m, const struct flow *f)
{
	return arena_printf(x->a, "%s|%s|%s|%s|%s",
	    canon_id(x, m, f->org->id), f->sc != NULL ? f->sc->o.identity : "",
	    f->source != NULL ? f->source->name : "", f->presenter != NULL ?
	    f->presenter->name : "", f->rcpt != NULL ? f->rcpt : "");
}

/* Where a flow's mail ends up, as one sentence. */
static const char *
landing(struct arena *a, const struct flow *f)
{
	const char	*s;

	if (!f->reaches_exo)
		return arena_printf(a, "does not reach Exchange Online%s%s",
		    f->why_not != NULL ? ": " : "",
		    f->why_not != NULL ? f->why_not : "");
	if (f->sel.explicit_missing && f->sc != NULL &&
	    f->sc->has_tls_cert_name)
		return arena_printf(a, "queues: the TlsCertificateName of send "
		    "connector '%s' names no certificate on %s (454 4.7.5)",
		    f->sc->o.name, f->presenter != NULL ? f->presenter->name :
		    "the sending host");
	s = flow_attribution(a, f);
	return *s != '\0' ? s : "reaches Exchange Online";
}

static void
add_flow(struct cmpctx *x, const struct flow *b, const struct flow *f)
{
	struct comparison	*c = x->c;
	struct cmp_flow		*cf;
	const struct flow	*any = f != NULL ? f : b;

	if (c->nflows == x->capflows) {
		x->capflows = x->capflows ? x->capflows * 2 : 16;
		c->flows = xreallocarray(c->flows, x->capflows,
		    sizeof(*c->flows));
	}
	cf = &c->flows[c->nflows++];
	cf->org = any->org->id;
	cf->path = flow_path(x->a, any);
	cf->rcpt = any->rcpt;
	cf->before = b != NULL ? landing(x->a, b) : NULL;
	cf->after = f != NULL ? landing(x->a, f) : NULL;
	cf->before_foreign = b != NULL && b->foreign;
	cf->after_foreign = f != NULL && f->foreign;
}

static void
flows(struct cmpctx *x, const struct sim *sb, const struct sim *sa)
{
	struct strmap		*mb = strmap_new(), *ma = strmap_new();
	const struct flow	*f, *g;
	void *const		*hit;
	size_t			 i;

	for (i = 0; sb != NULL && i < sb->nflows; i++)
		if (sb->flows[i]->org != NULL)
			strmap_add(mb, flow_key(x, x->mb, sb->flows[i]),
			    sb->flows[i]);
	for (i = 0; sa != NULL && i < sa->nflows; i++) {
		if ((f = sa->flows[i])->org == NULL)
			continue;
		strmap_add(ma, flow_key(x, x->ma, f), (void *)f);
		hit = strmap_get(mb, flow_key(x, x->ma, f), NULL);
		g = hit != NULL ? hit[0] : NULL;
		if (g != NULL && g->foreign == f->foreign &&
		    strcmp(landing(x->a, g), landing(x->a, f)) == 0)
			continue;
		add_flow(x, g, f);
	}
	for (i = 0; sb != NULL && i < sb->nflows; i++)
		if ((g = sb->flows[i])->org != NULL &&
		    strmap_get(ma, flow_key(x, x->mb, g), NULL) == NULL)
			add_flow(x, g, NULL);
	strmap_free(mb);
	strmap_free(ma);
}

/* ---- Interface -------------------------------------------------------- */

static struct comparison *
compare(const struct run *rb, const struct findings *fb,
    const struct run *ra, const struct findings *fa, int semantic)
{
	struct comparison	*c = xcalloc(1, sizeof(*c));
	struct cmpctx		 x;
	size_t			 k;

	memset(&x, 0, sizeof(x));
	c->arena = arena_new();
	x.c = c;
	x.a = c->arena;
	x.mb = rb->m;
	x.ma = ra->m;
	map_orgs(&x);
	if (semantic) {
		for (k = 0; k < K__COUNT; k++)
			diff_kind(&x, (enum kind)k);
		diff_manifest(&x);
	} else
		edits(&x);
	findings(&x, fb, fa);
	flows(&x, rb->s, ra->s);
	return c;
}

struct comparison *
compare_whatif(const struct run *rb, const struct findings *fb,
    const struct run *ra, const struct findings *fa)
{
	return compare(rb, fb, ra, fa, 0);
}

struct comparison *
compare_diff(const struct run *rb, const struct findings *fb,
    const struct run *ra, const struct findings *fa)
{
	return compare(rb, fb, ra, fa, 1);
}

void
compare_free(struct comparison *c)
{
	if (c == NULL)
		return;
	free(c->changes);
	free(c->flows);
	arena_free(c->arena);
	free(c);
}

int
compare_fails(const struct comparison *c, int fail_on)
{
	size_t	i;

	if (fail_on < 0)
		return 0;
	for (i = 0; i < c->nintroduced; i++)
		if (!c->introduced[i]->waived &&
		    (int)c->introduced[i]->severity >= fail_on)
			return 1;
	return 0;
}
