/*
 * diagram.c: nodes, edges and clusters collected once from the flows
 * (each organization in full, or organizations grouped by the path they
 * share), then written as DOT or Mermaid.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "facts.h"
#include "index.h"
#include "xalloc.h"

enum nshape {
	SH_HOST,
	SH_GATEWAY,
	SH_EXO,
	SH_CERT,
	SH_SEND,
	SH_INBOUND,
	SH_JOURNAL,
	SH_DOMAINS,
	SH_GROUP,
	SH_OTHER
};

/* Edge kinds, weakest first: a stronger one replaces a weaker one. */
enum ekind {
	E_HOLDS,
	E_SOURCE,
	E_SMARTHOST,
	E_PRESENTS,
	E_TLS,
	E_INCOMING,
	E_ATTR,
	E_JOURNAL
};

struct dnode {
	char			*label;
	enum nshape		 shape;
	int			 cluster;	/* index in dg.c, -1 none */
	const struct obj	*obj;		/* the record it stands for */
	struct buf		 rules;		/* " HYB006" of pathless findings */
};

struct dedge {
	size_t		 from, to;
	enum ekind	 kind;
	int		 foreign;
	int		 fail;		/* a finding names a flow over it */
	int		 incoming;	/* TLS edge of an Incoming flow */
	int		 by_ip;
	struct buf	 rules;		/* " HYB001" */
	struct buf	 who;		/* foreign senders: " setebos", the
					 * first WHO_SHOWN of them */
	size_t		 nwho;		/* how many */
	struct strmap	*whoset;
	size_t		 count;		/* organizations over it (groups) */
	size_t		 last;		/* the last organization counted */
};

struct dcluster {
	char		*label;
	int		 parent;	/* -1: top level */
	const char	*cls;		/* "org", "tenant", "group" */
};

struct dg {
	struct dnode	*n;
	size_t		 nn, capn;
	struct dedge	*e;
	size_t		 ne, cape;
	struct dcluster	*c;
	size_t		 nc;
	struct strmap	*nodes;		/* key -> index + 1 */
	struct strmap	*edges;		/* "from>to" -> index + 1 */
	struct strmap	*byobj;		/* "kind|identity|org" -> index + 1 */
	struct arena	*a;
	const struct sim *s;
	const struct diagram_opts *o;
	int		*cluster_of;	/* org index -> cluster (expanded) */
	int		*tenant_cluster; /* org index -> tenant cluster */
	size_t		*group_of;	/* org index -> group (collapsed) */
	int		 collapsed;
	size_t		 exo;
};

/* A flow's edges, for rule ids. */
struct fedges {
	size_t		 v[8];
	size_t		 n;
};

static size_t
lookup(const struct strmap *m, const char *key)
{
	void *const	*v = strmap_get(m, key, NULL);

	return v != NULL ? (size_t)(uintptr_t)v[0] : 0;
}

static size_t
node(struct dg *g, const char *key, enum nshape shape, int cluster,
    const struct obj *obj, const char *label)
{
	struct dnode	*n;
	size_t		 i;
	char		*k;

	if ((i = lookup(g->nodes, key)) != 0)
		return i - 1;
	if (g->nn == g->capn) {
		g->capn = g->capn ? g->capn * 2 : 64;
		g->n = xreallocarray(g->n, g->capn, sizeof(*g->n));
	}
	n = &g->n[g->nn];
	memset(n, 0, sizeof(*n));
	n->label = xstrdup(label);
	n->shape = shape;
	n->cluster = cluster;
	n->obj = obj;
	strmap_add(g->nodes, key, (void *)(uintptr_t)(g->nn + 1));
	if (obj != NULL) {
		k = xasprintf("%s|%s|%s", kind_name(obj->kind),
		    obj->identity != NULL ? obj->identity : "",
		    obj->org != NULL ? obj->org->id : "");
		strmap_add(g->byobj, k, (void *)(uintptr_t)(g->nn + 1));
		free(k);
	}
	return g->nn++;
}

static size_t
edge(struct dg *g, size_t from, size_t to, enum ekind kind, int foreign)
{
	struct dedge	*e;
	char		 key[64];
	size_t		 i;

	snprintf(key, sizeof(key), "%zu>%zu", from, to);
	if ((i = lookup(g->edges, key)) != 0) {
		e = &g->e[i - 1];
		if (kind > e->kind)
			e->kind = kind;
		e->foreign |= foreign;
		return i - 1;
	}
	if (g->ne == g->cape) {
		g->cape = g->cape ? g->cape * 2 : 64;
		g->e = xreallocarray(g->e, g->cape, sizeof(*g->e));
	}
	e = &g->e[g->ne];
	memset(e, 0, sizeof(*e));
	e->from = from;
	e->to = to;
	e->kind = kind;
	e->foreign = foreign;
	e->last = (size_t)-1;
	strmap_add(g->edges, key, (void *)(uintptr_t)(g->ne + 1));
	return g->ne++;
}

/* Foreign senders an edge's label names; the others are counted. */
#define WHO_SHOWN	6

/* A foreign sender over edge e, once. */
static void
add_who(struct dedge *e, const char *w)
{
	if (e->whoset == NULL)
		e->whoset = strmap_new();
	if (!strmap_once(e->whoset, w, NULL))
		return;
	if (e->nwho++ < WHO_SHOWN) {
		buf_addc(&e->who, ' ');
		buf_adds(&e->who, w);
	}
}

/* Add " word" to a list once. */
static void
add_word(struct buf *b, const char *w)
{
	const char	*p;
	size_t		 l = strlen(w);

	for (p = b->p; p != NULL && (p = strstr(p, w)) != NULL; p += l)
		if (p[-1] == ' ' && (p[l] == ' ' || p[l] == '\0'))
			return;
	buf_addc(b, ' ');
	buf_adds(b, w);
}

static int
cluster(struct dg *g, const char *label, int parent, const char *cls)
{
	g->c = xreallocarray(g->c, g->nc + 1, sizeof(*g->c));
	g->c[g->nc].label = xstrdup(label);
	g->c[g->nc].parent = parent;
	g->c[g->nc].cls = cls;
	return (int)g->nc++;
}

static int
drawn(const struct dg *g, const struct org *o)
{
	return o != NULL && (g->o->orgs == NULL || g->o->orgs[o->index]);
}

static const char *
org_label(struct dg *g, const struct org *o)
{
	if (o->name != NULL && strcmp(o->name, o->id) != 0)
		return arena_printf(g->a, "%s (%s)", o->id, o->name);
	return o->id;
}

/* ---- Organizations in full --------------------------------------- */

static size_t
host_node(struct dg *g, const struct host *h)
{
	const char	*l;
	int		 c = -1;

	if (h->kind == HOST_EXO)
		return g->exo;
	if (h->kind == HOST_GATEWAY)
		l = arena_printf(g->a, "gateway %s%s%s", h->name,
		    h->gateway->naddrs > 0 ? "\n" : "",
		    h->gateway->naddrs > 0 ? h->gateway->addrs_text[0] : "");
	else if (h->kind == HOST_EXTERNAL)
		l = arena_printf(g->a, "smart host %s", h->name);
	else {
		l = arena_printf(g->a, "%s%s", h->kind == HOST_EDGE ? "Edge " :
		    "", h->name);
		if (h->org != NULL && g->cluster_of != NULL)
			c = g->cluster_of[h->org->index];
	}
	return node(g, arena_printf(g->a, "h:%p", (const void *)h),
	    h->kind == HOST_GATEWAY || h->kind == HOST_EXTERNAL ? SH_GATEWAY :
	    SH_HOST, c, NULL, l);
}

static size_t
cert_node(struct dg *g, const struct host *h, const struct certificate *c)
{
	const char	*subj = c->subject != NULL ? c->subject : c->o.name;
	int		 cl = -1;
	const char	*key;

	if (h->kind != HOST_GATEWAY && h->org != NULL &&
	    g->cluster_of != NULL)
		cl = g->cluster_of[h->org->index];
	key = arena_printf(g->a, "c:%d:%s", h->kind == HOST_GATEWAY ? -1 :
	    h->org != NULL ? (int)h->org->index : -2, cert_key(g->a, c));
	return node(g, key, SH_CERT, cl, &c->o, arena_printf(g->a, "%s%s",
	    subj, c->self_signed == 1 ? "\n(self-signed)" : ""));
}

static size_t
sc_node(struct dg *g, const struct send_connector *sc)
{
	return node(g, arena_printf(g->a, "s:%p", (const void *)sc), SH_SEND,
	    g->cluster_of[sc->o.org->index], &sc->o,
	    arena_printf(g->a, "SendConnector\n%s", sc->o.name));
}

static size_t
ic_node(struct dg *g, const struct inbound_connector *ic)
{
	struct buf	 b = { 0 };
	const char	*l;
	size_t		 i;

	buf_printf(&b, "InboundConnector%s\n%s", ic->type == CT_PARTNER ?
	    " (Partner)" : "", ic->o.name);
	if (ic->tls_sender_cert_name != NULL)
		buf_printf(&b, "\nTlsSenderCertificateName %s",
		    ic->tls_sender_cert_name);
	for (i = 0; i < ic->sender_ips_text.n && i < 3; i++)
		buf_printf(&b, "%s%s", i == 0 ? "\nSenderIPAddresses " : ", ",
		    ic->sender_ips_text.v[i]);
	if (ic->sender_ips_text.n > 3)
		buf_printf(&b, " (+%zu)", ic->sender_ips_text.n - 3);
	if (ic->o.enabled == 0)
		buf_adds(&b, "\n(disabled)");
	l = arena_strdup(g->a, b.p);
	buf_free(&b);
	return node(g, arena_printf(g->a, "i:%p", (const void *)ic),
	    SH_INBOUND, g->tenant_cluster[ic->o.org->index], &ic->o, l);
}

static size_t
domains_node(struct dg *g, const struct tenant *tn)
{
	struct buf	 b = { 0 };
	const char	*l;
	size_t		 i;

	buf_adds(&b, "accepted domains");
	for (i = 0; i < tn->ndomains && i < 4; i++)
		buf_printf(&b, "\n%s", tn->domains[i]->domain);
	if (tn->ndomains > 4)
		buf_printf(&b, "\n(+%zu)", tn->ndomains - 4);
	l = arena_strdup(g->a, b.p);
	buf_free(&b);
	return node(g, arena_printf(g->a, "d:%p", (const void *)tn),
	    SH_DOMAINS, g->tenant_cluster[tn->org->index], NULL, l);
}

/* The node a flow starts from: its send connector, or its organization. */
static size_t
sender_node(struct dg *g, const struct flow *f)
{
	if (drawn(g, f->org))
		return sc_node(g, f->sc);
	return node(g, arena_printf(g->a, "o:%s", f->org->id), SH_OTHER, -1,
	    NULL, arena_printf(g->a, "organization %s\n(not drawn)",
	    org_label(g, f->org)));
}

static void
expanded_orgs(struct dg *g)
{
	const struct topo		*t = g->s->t;
	const struct model		*m = t->m;
	const struct org		*org;
	const struct send_connector	*sc;
	const struct tenant		*tn;
	const struct host		*h;
	size_t				 i, j, k, sn;

	g->cluster_of = xcalloc(m->norgs + 1, sizeof(int));
	g->tenant_cluster = xcalloc(m->norgs + 1, sizeof(int));
	for (i = 0; i < m->norgs; i++) {
		org = m->orgs[i];
		g->cluster_of[i] = g->tenant_cluster[i] = -1;
		if (!drawn(g, org))
			continue;
		g->cluster_of[i] = cluster(g, org_label(g, org), -1, "org");
		if ((tn = topo_tenant(t, org)) != NULL)
			g->tenant_cluster[i] = cluster(g, arena_printf(g->a,
			    "tenant %s", tn->name), g->cluster_of[i],
			    "tenant");
	}
	for (i = 0; i < t->nhosts; i++) {
		h = t->hosts[i];
		if ((h->kind == HOST_SERVER || h->kind == HOST_EDGE) &&
		    drawn(g, h->org))
			(void)host_node(g, h);
		else if (h->kind == HOST_GATEWAY && g->o->orgs == NULL)
			(void)host_node(g, h);
	}
	for (i = 0; i < m->norgs; i++) {
		org = m->orgs[i];
		if (!drawn(g, org))
			continue;
		ORG_FOREACH(org, K_SEND, const struct send_connector, sc, j) {
			sn = sc_node(g, sc);
			for (k = 0; k < sc->source_servers.n; k++)
				if ((h = topo_find_host(t, org,
				    sc->source_servers.v[k])) != NULL &&
				    h->kind != HOST_EXO)
					edge(g, host_node(g, h), sn, E_SOURCE,
					    0);
		}
		if ((tn = topo_tenant(t, org)) == NULL)
			continue;
		for (j = 0; j < tn->ninbound; j++)
			(void)ic_node(g, tn->inbound[j]);
	}
}

/* One flow in full; its edges into fe. */
static void
expanded_flow(struct dg *g, const struct flow *f, struct fedges *fe)
{
	const struct host	*p = f->presenter;
	size_t			 sn, pn, cn, in, jn, j, k;

	fe->n = 0;
	sn = sender_node(g, f);
	if (f->source != NULL && drawn(g, f->org) && f->source != p &&
	    f->source->kind != HOST_EXO)
		fe->v[fe->n++] = edge(g, host_node(g, f->source), sn,
		    E_SOURCE, 0);
	if (p->kind == HOST_GATEWAY || p->kind == HOST_EXTERNAL) {
		pn = host_node(g, p);
		fe->v[fe->n++] = edge(g, sn, pn, E_SMARTHOST, f->foreign);
		if (f->sel.cert != NULL) {
			cn = cert_node(g, p, f->sel.cert);
			fe->v[fe->n++] = edge(g, pn, cn, E_PRESENTS,
			    f->foreign);
		} else
			cn = pn;
	} else if (f->sel.cert != NULL) {
		cn = cert_node(g, p, f->sel.cert);
		fe->v[fe->n++] = edge(g, sn, cn, E_PRESENTS, f->foreign);
	} else
		cn = sn;
	j = edge(g, cn, g->exo, E_TLS, f->foreign);
	fe->v[fe->n++] = j;
	if (f->tenant == NULL) {
		g->e[j].incoming = 1;
		return;
	}
	if (g->tenant_cluster[f->tenant->org->index] < 0)
		in = node(g, arena_printf(g->a, "t:%s", f->tenant->org->id),
		    SH_OTHER, -1, NULL, arena_printf(g->a, "tenant %s\n"
		    "(organization %s, not drawn)", f->tenant->name,
		    f->tenant->org->id));
	else if (f->ic != NULL)
		in = ic_node(g, f->ic);
	else
		in = domains_node(g, f->tenant);
	j = edge(g, g->exo, in, f->ic != NULL && f->originating ? E_ATTR :
	    E_INCOMING, f->foreign);
	g->e[j].by_ip |= f->step == ATTR_IP;
	if (f->foreign)
		add_who(&g->e[j], f->org->id);
	fe->v[fe->n++] = j;
	if (g->tenant_cluster[f->tenant->org->index] < 0)
		return;
	for (k = 0; k < f->njournal && fe->n < 8; k++) {
		jn = node(g, arena_printf(g->a, "j:%p",
		    (const void *)f->journal[k]), SH_JOURNAL,
		    g->tenant_cluster[f->tenant->org->index],
		    &f->journal[k]->o, arena_printf(g->a, "JournalRule\n%s",
		    f->journal[k]->o.name));
		fe->v[fe->n++] = edge(g, in, jn, E_JOURNAL, f->foreign);
	}
}

/* Certificates held and not presented, as dotted edges. */
static void
expanded_holds(struct dg *g)
{
	const struct topo	*t = g->s->t;
	const struct host	*h;
	size_t			 i, j, cn, k, before;
	int			 presented;

	for (i = 0; i < t->nhosts; i++) {
		h = t->hosts[i];
		if (h->kind == HOST_EXO || h->kind == HOST_EXTERNAL)
			continue;
		if (h->kind == HOST_GATEWAY ? lookup(g->nodes,
		    arena_printf(g->a, "h:%p", (const void *)h)) == 0 :
		    !drawn(g, h->org))
			continue;
		for (j = 0; j < h->ncerts; j++) {
			before = g->nn;
			cn = cert_node(g, h, h->certs[j]);
			presented = 0;
			for (k = 0; cn < before && k < g->ne; k++)
				if (g->e[k].to == cn &&
				    g->e[k].kind == E_PRESENTS)
					presented = 1;
			if (!presented || h->kind == HOST_GATEWAY)
				edge(g, host_node(g, h), cn, E_HOLDS, 0);
		}
	}
}

/* ---- Organizations grouped by the path they share ----------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Where a flow lands, relative to its sender 'o'. */
static const char *
landing(struct dg *g, const struct flow *f, const struct org *o)
{
	if (f->ic != NULL && f->originating && f->tenant != NULL)
		return f->tenant->org == o ? (f->step == ATTR_IP ? "own-ip" :
		    "own-cert") : arena_printf(g->a, "foreign:%s",
		    f->tenant->org->id);
	if (f->tenant != NULL)
		return f->tenant->org == o ? "in-own" : arena_printf(g->a,
		    "in:%s", f->tenant->org->id);
	return "in";
}

static int
relayed(const struct flow *f)
{
	return f->presenter->kind == HOST_GATEWAY ||
	    f->presenter->kind == HOST_EXTERNAL;
}

/*
 * The signature of each organization's paths, relative to itself: the
 * hosts that relay for it, the certificates they present, where its mail
 * lands, and the rules that name those paths.
 */
static char **
signatures(struct dg *g, char **frules)
{
	const struct sim	*s = g->s;
	const struct model	*m = s->t->m;
	const struct flow	*f;
	struct vec		*parts;
	struct buf		 b = { 0 };
	char			**sig;
	size_t			 i, j;

	parts = xcalloc(m->norgs + 1, sizeof(*parts));
	for (i = 0; i < s->nflows; i++) {
		f = s->flows[i];
		if (!f->reaches_exo || f->presenter == NULL || f->org == NULL)
			continue;
		vec_push(&parts[f->org->index], arena_printf(g->a,
		    "F|%s|%s|%s|%s", relayed(f) ? f->presenter->name : "own",
		    relayed(f) && f->sel.cert != NULL ?
		    cert_key(g->a, f->sel.cert) : f->sel.cert != NULL ?
		    "own" : "none", landing(g, f, f->org),
		    frules[i] != NULL ? frules[i] : ""));
		if (f->foreign && f->tenant != NULL)
			vec_push(&parts[f->tenant->org->index],
			    arena_printf(g->a, "R|%s", f->org->id));
	}
	sig = xcalloc(m->norgs + 1, sizeof(*sig));
	for (i = 0; i < m->norgs; i++) {
		buf_reset(&b);
		buf_adds(&b, topo_tenant(s->t, m->orgs[i]) != NULL ? "T\n" :
		    "-\n");
		if (parts[i].n > 0)
			qsort(parts[i].v, parts[i].n, sizeof(char *),
			    cmp_str);
		for (j = 0; j < parts[i].n; j++)
			if (j == 0 || strcmp(parts[i].v[j],
			    parts[i].v[j - 1]) != 0)
				buf_printf(&b, "%s\n", (char *)parts[i].v[j]);
		sig[i] = xstrdup(b.p);
		vec_free(&parts[i]);
	}
	buf_free(&b);
	free(parts);
	return sig;
}

struct group {
	size_t		 first;		/* its first organization */
	size_t		 norgs, nservers, nsend, ntenants, ninbound;
	struct buf	 names;
	int		 cl;
};

static void
collapsed_groups(struct dg *g, char **frules, struct group **gv,
    size_t *ngroups)
{
	const struct topo	*t = g->s->t;
	const struct model	*m = t->m;
	const struct tenant	*tn;
	const struct org	*o;
	struct strmap		*bysig = strmap_new();
	struct group		*gr = NULL;
	char			**sig;
	size_t			 i, j, n = 0, k;

	sig = signatures(g, frules);
	g->group_of = xcalloc(m->norgs + 1, sizeof(*g->group_of));
	for (i = 0; i < m->norgs; i++) {
		o = m->orgs[i];
		g->group_of[i] = (size_t)-1;
		if (!drawn(g, o))
			continue;
		if ((k = lookup(bysig, sig[i])) == 0) {
			gr = xreallocarray(gr, n + 1, sizeof(*gr));
			memset(&gr[n], 0, sizeof(gr[n]));
			gr[n].first = i;
			strmap_add(bysig, sig[i], (void *)(uintptr_t)(n + 1));
			k = ++n;
		}
		k--;
		g->group_of[i] = k;
		gr[k].norgs++;
		if (gr[k].norgs <= 6)
			buf_printf(&gr[k].names, "%s%s", gr[k].norgs > 1 ?
			    ", " : "", o->id);
		gr[k].nsend += o->nobjs[K_SEND];
		gr[k].nservers += o->nobjs[K_SERVER];
		if ((tn = topo_tenant(t, o)) != NULL) {
			gr[k].ntenants++;
			gr[k].ninbound += tn->ninbound;
		}
	}
	for (i = 0; i < m->norgs; i++)
		free(sig[i]);
	free(sig);
	strmap_free(bysig);
	for (j = 0; j < n; j++) {
		if (gr[j].norgs > 6)
			buf_printf(&gr[j].names, " and %zu more",
			    gr[j].norgs - 6);
		gr[j].cl = cluster(g, gr[j].norgs == 1 ?
		    org_label(g, m->orgs[gr[j].first]) : arena_printf(g->a,
		    "%zu organizations: %s", gr[j].norgs, gr[j].names.p), -1,
		    "group");
	}
	*gv = gr;
	*ngroups = n;
}

static size_t
group_node(struct dg *g, const struct group *gr, size_t gi, const char *part)
{
	const char	*l;

	if (strcmp(part, "onprem") == 0)
		l = arena_printf(g->a, "%zu organization%s\n%zu server%s, "
		    "%zu send connector%s", gr->norgs, gr->norgs == 1 ? "" :
		    "s", gr->nservers, gr->nservers == 1 ? "" : "s", gr->nsend,
		    gr->nsend == 1 ? "" : "s");
	else if (strcmp(part, "cert") == 0)
		l = "their own certificates";
	else
		l = arena_printf(g->a, "%zu tenant%s\n%zu inbound "
		    "connector%s", gr->ntenants, gr->ntenants == 1 ? "" : "s",
		    gr->ninbound, gr->ninbound == 1 ? "" : "s");
	return node(g, arena_printf(g->a, "g:%zu:%s", gi, part),
	    strcmp(part, "cert") == 0 ? SH_CERT : strcmp(part, "tenant") == 0 ?
	    SH_INBOUND : SH_GROUP, gr->cl, NULL, l);
}

/* Count organization 'org' once on edge i. */
static void
count(struct dg *g, size_t i, size_t org)
{
	if (g->e[i].last != org) {
		g->e[i].last = org;
		g->e[i].count++;
	}
}

static void
collapsed_flow(struct dg *g, const struct group *gv, const struct flow *f,
    struct fedges *fe)
{
	const struct group	*gr;
	size_t			 gi, on, pn, cn, tn, j, oi = f->org->index;

	fe->n = 0;
	if (!drawn(g, f->org))
		on = node(g, arena_printf(g->a, "o:%s", f->org->id), SH_OTHER,
		    -1, NULL, arena_printf(g->a, "organization %s\n"
		    "(not drawn)", org_label(g, f->org)));
	else {
		gi = g->group_of[oi];
		on = group_node(g, &gv[gi], gi, "onprem");
	}
	if (relayed(f)) {
		pn = host_node(g, f->presenter);
		fe->v[fe->n++] = j = edge(g, on, pn, E_SMARTHOST, f->foreign);
		count(g, j, oi);
		if (f->sel.cert != NULL) {
			cn = cert_node(g, f->presenter, f->sel.cert);
			fe->v[fe->n++] = edge(g, pn, cn, E_PRESENTS,
			    f->foreign);
		} else
			cn = pn;
	} else if (f->sel.cert != NULL && drawn(g, f->org)) {
		gi = g->group_of[oi];
		cn = group_node(g, &gv[gi], gi, "cert");
		fe->v[fe->n++] = j = edge(g, on, cn, E_PRESENTS, f->foreign);
		count(g, j, oi);
	} else
		cn = on;
	fe->v[fe->n++] = j = edge(g, cn, g->exo, E_TLS, f->foreign);
	if (f->tenant == NULL || !drawn(g, f->tenant->org)) {
		g->e[j].incoming |= !(f->ic != NULL && f->originating);
		return;
	}
	gi = g->group_of[f->tenant->org->index];
	gr = &gv[gi];
	tn = group_node(g, gr, gi, "tenant");
	j = edge(g, g->exo, tn, f->ic != NULL && f->originating ? E_ATTR :
	    E_INCOMING, f->foreign);
	g->e[j].by_ip |= f->step == ATTR_IP;
	if (f->foreign)
		add_who(&g->e[j], f->org->id);
	count(g, j, oi);
	fe->v[fe->n++] = j;
}

/* ---- Findings on the drawing -------------------------------------- */

static int
obj_is(const struct obj *o, const struct finding *f)
{
	return o != NULL && f->kind != NULL && f->object != NULL &&
	    strcmp(kind_name(o->kind), f->kind) == 0 && o->identity != NULL &&
	    strcmp(o->identity, f->object) == 0;
}

/* The edge of a flow that a finding is about: its object's, else by kind. */
static size_t
finding_edge(const struct dg *g, const struct fedges *fe,
    const struct finding *f)
{
	enum ekind	want = E_ATTR;
	size_t		i;

	for (i = 0; i < fe->n; i++)
		if (obj_is(g->n[g->e[fe->v[i]].to].obj, f))
			return fe->v[i];
	if (f->kind != NULL && (strcmp(f->kind, "SendConnector") == 0 ||
	    strcmp(f->kind, "ExchangeCertificate") == 0))
		want = E_PRESENTS;
	for (i = 0; i < fe->n; i++)
		if (g->e[fe->v[i]].kind == want)
			return fe->v[i];
	for (i = 0; i < fe->n; i++)
		if (g->e[fe->v[i]].kind == E_TLS)
			return fe->v[i];
	return fe->v[fe->n - 1];
}

/*
 * The rule ids of the unwaived findings whose evidence path is flow i's,
 * in frules[i]; map[] from path to flows is built here.
 */
static char **
flow_rules(struct dg *g, struct strmap **bypath)
{
	const struct sim	*s = g->s;
	const struct findings	*fs = g->o->fs;
	struct buf		 b = { 0 };
	char			**fr;
	void *const		 *v;
	size_t			  i, j, n;

	fr = xcalloc(s->nflows + 1, sizeof(*fr));
	*bypath = strmap_new();
	for (i = 0; i < s->nflows; i++)
		if (s->flows[i]->reaches_exo && s->flows[i]->presenter != NULL)
			strmap_add(*bypath, flow_path(g->a, s->flows[i]),
			    (void *)(uintptr_t)(i + 1));
	for (i = 0; fs != NULL && i < fs->n; i++) {
		if (fs->v[i]->waived || fs->v[i]->path == NULL ||
		    (v = strmap_get(*bypath, fs->v[i]->path, &n)) == NULL)
			continue;
		for (j = 0; j < n; j++) {
			size_t	k = (size_t)(uintptr_t)v[j] - 1;

			buf_reset(&b);
			if (fr[k] != NULL)
				buf_adds(&b, fr[k]);
			add_word(&b, fs->v[i]->rule->id);
			free(fr[k]);
			fr[k] = xstrdup(b.p);
		}
	}
	buf_free(&b);
	return fr;
}

static void
mark_findings(struct dg *g, const struct strmap *bypath,
    const struct fedges *fe)
{
	const struct findings	*fs = g->o->fs;
	const struct finding	*f;
	void *const		*v;
	char			*key;
	size_t			 i, j, k, n, e, ni;

	for (i = 0; fs != NULL && i < fs->n; i++) {
		f = fs->v[i];
		if (f->waived)
			continue;
		v = f->path != NULL ? strmap_get(bypath, f->path, &n) : NULL;
		for (j = 0; v != NULL && j < n; j++) {
			k = (size_t)(uintptr_t)v[j] - 1;
			if (fe[k].n == 0)
				continue;
			e = finding_edge(g, &fe[k], f);
			add_word(&g->e[e].rules, f->rule->id);
			if (f->severity >= SEV_WARNING)
				for (e = 0; e < fe[k].n; e++)
					g->e[fe[k].v[e]].fail = 1;
		}
		if (v != NULL || f->kind == NULL || f->object == NULL)
			continue;
		/* No path: the rule id goes on the object's node. */
		key = xasprintf("%s|%s|%s", f->kind, f->object,
		    f->org != NULL ? f->org : "");
		if ((ni = lookup(g->byobj, key)) != 0)
			add_word(&g->n[ni - 1].rules, f->rule->id);
		free(key);
	}
}

static void
collect(struct dg *g)
{
	const struct sim	*s = g->s;
	const struct model	*m = s->t->m;
	const struct flow	*f;
	struct strmap		*bypath;
	struct fedges		*fe;
	struct group		*gv = NULL;
	size_t			 i, n = 0, ngroups = 0;
	char			**frules;

	g->exo = node(g, "exo", SH_EXO, -1, NULL, "Exchange Online");
	for (i = 0; i < m->norgs; i++)
		n += drawn(g, m->orgs[i]);
	g->collapsed = g->o->collapse > 0 && n > g->o->collapse;
	frules = flow_rules(g, &bypath);
	fe = xcalloc(s->nflows + 1, sizeof(*fe));
	if (g->collapsed)
		collapsed_groups(g, frules, &gv, &ngroups);
	else
		expanded_orgs(g);
	for (i = 0; i < s->nflows; i++) {
		f = s->flows[i];
		if (!f->reaches_exo || f->presenter == NULL || f->org == NULL)
			continue;
		if (!drawn(g, f->org) && (f->tenant == NULL ||
		    !drawn(g, f->tenant->org)))
			continue;
		if (g->collapsed)
			collapsed_flow(g, gv, f, &fe[i]);
		else
			expanded_flow(g, f, &fe[i]);
	}
	if (!g->collapsed)
		expanded_holds(g);
	mark_findings(g, bypath, fe);
	for (i = 0; i < s->nflows; i++)
		free(frules[i]);
	free(frules);
	free(fe);
	strmap_free(bypath);
	for (i = 0; i < ngroups; i++)
		buf_free(&gv[i].names);
	free(gv);
}

/* ---- Labels -------------------------------------------------------- */

static const char *const ekind_name[] = {
	"holds", "source", "smarthost", "presents", "tls", "incoming",
	"attr", "journal"
};

static char *
edge_label(const struct dg *g, const struct dedge *e)
{
	struct buf	 b = { 0 };

	switch (e->kind) {
	case E_HOLDS:
		buf_adds(&b, "holds");
		break;
	case E_SOURCE:
		buf_adds(&b, "source");
		break;
	case E_SMARTHOST:
		buf_adds(&b, "smart host");
		break;
	case E_PRESENTS:
		buf_adds(&b, "presents");
		break;
	case E_TLS:
		buf_adds(&b, e->incoming ? "TLS, Incoming\n(recipients' "
		    "tenants)" : "TLS");
		break;
	case E_INCOMING:
		buf_adds(&b, "Incoming");
		break;
	case E_ATTR:
		buf_adds(&b, e->by_ip ? "attributed by IP" :
		    "attributed by certificate");
		break;
	case E_JOURNAL:
		buf_adds(&b, "journals");
		break;
	}
	if (g->collapsed && e->count > 1)
		buf_printf(&b, " (%zu)", e->count);
	if (e->foreign && e->who.p != NULL)
		buf_printf(&b, "\nFOREIGN: mail of%s%s", e->who.p,
		    e->nwho > WHO_SHOWN ? arena_printf(g->a, " and %zu more",
		    e->nwho - WHO_SHOWN) : "");
	else if (e->foreign && (e->kind == E_ATTR || e->kind == E_JOURNAL))
		buf_adds(&b, "\nFOREIGN");
	if (e->rules.p != NULL)
		buf_printf(&b, "\n%s", e->rules.p + 1);
	return buf_steal(&b);
}

static char *
node_label(const struct dnode *n)
{
	if (n->rules.p == NULL)
		return xstrdup(n->label);
	return xasprintf("%s\n[%s]", n->label, n->rules.p + 1);
}

static const char *const shape_class[] = {
	"host", "gateway", "exo", "cert", "send", "inbound", "journal",
	"domains", "group", "other"
};

/* ---- DOT ----------------------------------------------------------- */

/*
 * A DOT string: quotes and backslashes escaped, newlines as \n, and '&'
 * as "&amp;" so that Graphviz never reads an entity out of a name.
 */
static void
dot_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(b, '\\');
		if (*s == '\n')
			buf_adds(b, "\\n");
		else if (*s == '&')
			buf_adds(b, "&amp;");
		else if ((unsigned char)*s < 0x20)
			buf_addc(b, ' ');
		else
			buf_addc(b, *s);
	}
}

static const char *
dot_shape(enum nshape s)
{
	switch (s) {
	case SH_GATEWAY:
		return "shape=box3d";
	case SH_EXO:
		return "shape=doubleoctagon, style=filled, fillcolor=\"#e8f0fe\"";
	case SH_CERT:
		return "shape=note, fontsize=10";
	case SH_SEND:
		return "shape=cds, margin=\"0.3,0.055\"";
	case SH_INBOUND:
		return "shape=component";
	case SH_JOURNAL:
		return "shape=folder";
	case SH_DOMAINS:
		return "shape=tab, fontsize=10";
	case SH_GROUP:
		return "shape=box, style=\"rounded,bold\"";
	case SH_OTHER:
		return "shape=box, style=dashed";
	default:
		return "shape=box";
	}
}

static void
dot_nodes(struct buf *b, const struct dg *g, int cl, const char *indent)
{
	size_t	 i;
	char	*l;

	for (i = 0; i < g->nn; i++) {
		if (g->n[i].cluster != cl)
			continue;
		l = node_label(&g->n[i]);
		buf_printf(b, "%sn%zu [label=\"", indent, i);
		dot_escape(b, l);
		buf_printf(b, "\", %s, class=\"%s%s\"];\n",
		    dot_shape(g->n[i].shape), shape_class[g->n[i].shape],
		    g->n[i].rules.p != NULL ? " flagged" : "");
		free(l);
	}
}

static void
dot_cluster(struct buf *b, const struct dg *g, int cl, int depth)
{
	char	ind[16];
	size_t	i;

	snprintf(ind, sizeof(ind), "%*s", 2 * depth + 2, "");
	buf_printf(b, "%.*ssubgraph cluster_%d {\n%slabel=\"", 2 * depth,
	    ind, cl, ind);
	dot_escape(b, g->c[cl].label);
	buf_printf(b, "\";\n%sclass=\"%s\";\n", ind, g->c[cl].cls);
	if (strcmp(g->c[cl].cls, "tenant") == 0)
		buf_printf(b, "%sstyle=filled;\n%sfillcolor=\"#f3f6fb\";\n",
		    ind, ind);
	else
		buf_printf(b, "%sstyle=rounded;\n", ind);
	dot_nodes(b, g, cl, ind);
	for (i = 0; i < g->nc; i++)
		if (g->c[i].parent == cl)
			dot_cluster(b, g, (int)i, depth + 1);
	buf_printf(b, "%.*s}\n", 2 * depth, ind);
}

static const char dot_legend[] =
    "  legend [shape=plaintext, class=\"legend\", fontsize=9, label=<"
    "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" "
    "CELLPADDING=\"3\"><TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>"
    "<TR><TD>box</TD><TD>Exchange server (Edge: Edge Transport)</TD></TR>"
    "<TR><TD>3-D box</TD><TD>gateway or smart host</TD></TR>"
    "<TR><TD>note</TD><TD>certificate</TD></TR>"
    "<TR><TD>arrow shape</TD><TD>send connector</TD></TR>"
    "<TR><TD>component</TD><TD>inbound connector (tenant)</TD></TR>"
    "<TR><TD>folder</TD><TD>journal rule</TD></TR>"
    "<TR><TD><FONT COLOR=\"red\">red edge</FONT></TD>"
    "<TD>foreign attribution: mail lands in another organization's "
    "tenant</TD></TR>"
    "<TR><TD><FONT COLOR=\"#d9480f\">orange edge</FONT></TD>"
    "<TD>path a finding names (rule ids on the edge)</TD></TR>"
    "<TR><TD>dotted</TD><TD>certificate held, not presented</TD></TR>"
    "<TR><TD>(N)</TD><TD>organizations sharing the edge</TD></TR>"
    "</TABLE>>];\n";

static char *
render_dot(const struct dg *g)
{
	struct buf	 b = { 0 };
	size_t		 i;
	char		*l;

	buf_adds(&b, "digraph hybridlint {\n"
	    "  rankdir=LR;\n"
	    "  node [fontname=\"Helvetica\", fontsize=11];\n"
	    "  edge [fontname=\"Helvetica\", fontsize=9];\n");
	for (i = 0; i < g->nc; i++)
		if (g->c[i].parent == -1)
			dot_cluster(&b, g, (int)i, 1);
	dot_nodes(&b, g, -1, "  ");
	for (i = 0; i < g->ne; i++) {
		l = edge_label(g, &g->e[i]);
		buf_printf(&b, "  n%zu -> n%zu [label=\"", g->e[i].from,
		    g->e[i].to);
		dot_escape(&b, l);
		buf_printf(&b, "\", class=\"%s%s%s\"%s%s];\n",
		    ekind_name[g->e[i].kind], g->e[i].foreign ? " foreign" : "",
		    g->e[i].fail ? " fail" : "", g->e[i].foreign ?
		    ", color=red, fontcolor=red, penwidth=2" : g->e[i].fail ?
		    ", color=\"#d9480f\", fontcolor=\"#d9480f\", penwidth=1.5" :
		    g->e[i].kind == E_SOURCE ? ", color=gray50" : "",
		    g->e[i].kind == E_HOLDS ?
		    ", style=dotted, arrowhead=none" : "");
		free(l);
	}
	if (g->o->legend)
		buf_adds(&b, dot_legend);
	buf_adds(&b, "}\n");
	return buf_steal(&b);
}

/* ---- Mermaid ------------------------------------------------------- */

static void
mm_label(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_adds(b, "#quot;");
		else if (*s == '\n')
			buf_adds(b, "<br/>");
		else if (*s == '<')
			buf_adds(b, "#lt;");
		else if (*s == '>')
			buf_adds(b, "#gt;");
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

static void
mm_nodes(struct buf *b, const struct dg *g, int cl, const char *indent)
{
	size_t	 i;
	char	*l;

	for (i = 0; i < g->nn; i++) {
		if (g->n[i].cluster != cl)
			continue;
		l = node_label(&g->n[i]);
		buf_printf(b, "%sn%zu%s", indent, i,
		    g->n[i].shape == SH_CERT ? "[/" :
		    g->n[i].shape == SH_EXO ? "{{" :
		    g->n[i].shape == SH_GATEWAY ? "[[" : "[");
		mm_label(b, l);
		buf_printf(b, "%s\n", g->n[i].shape == SH_CERT ? "/]" :
		    g->n[i].shape == SH_EXO ? "}}" :
		    g->n[i].shape == SH_GATEWAY ? "]]" : "]");
		free(l);
	}
}

static void
mm_cluster(struct buf *b, const struct dg *g, int cl, int depth)
{
	char	ind[16];
	size_t	i;

	snprintf(ind, sizeof(ind), "%*s", 2 * depth + 2, "");
	buf_printf(b, "%.*ssubgraph c%d[", 2 * depth, ind, cl);
	mm_label(b, g->c[cl].label);
	buf_adds(b, "]\n");
	mm_nodes(b, g, cl, ind);
	for (i = 0; i < g->nc; i++)
		if (g->c[i].parent == cl)
			mm_cluster(b, g, (int)i, depth + 1);
	buf_printf(b, "%.*send\n", 2 * depth, ind);
}

static char *
render_mermaid(const struct dg *g)
{
	struct buf	 b = { 0 };
	size_t		 i;
	char		*l;

	buf_adds(&b, "flowchart LR\n");
	for (i = 0; i < g->nc; i++)
		if (g->c[i].parent == -1)
			mm_cluster(&b, g, (int)i, 1);
	mm_nodes(&b, g, -1, "  ");
	for (i = 0; i < g->ne; i++) {
		l = edge_label(g, &g->e[i]);
		buf_printf(&b, "  n%zu %s|", g->e[i].from,
		    g->e[i].kind == E_HOLDS ? "-.-" : "-->");
		mm_label(&b, l);
		buf_printf(&b, "| n%zu\n", g->e[i].to);
		free(l);
	}
	for (i = 0; i < g->ne; i++)
		if (g->e[i].foreign)
			buf_printf(&b, "  linkStyle %zu stroke:red,color:red,"
			    "stroke-width:2px\n", i);
		else if (g->e[i].fail)
			buf_printf(&b, "  linkStyle %zu stroke:#d9480f,"
			    "color:#d9480f\n", i);
	return buf_steal(&b);
}

char *
diagram_render(const struct sim *s, enum diagram_format fmt,
    const struct diagram_opts *opts)
{
	struct diagram_opts	 none = { 0 };
	struct dg		 g;
	char			*out;
	size_t			 i;

	memset(&g, 0, sizeof(g));
	g.s = s;
	g.o = opts != NULL ? opts : &none;
	g.a = arena_new();
	g.nodes = strmap_new();
	g.edges = strmap_new();
	g.byobj = strmap_new();
	collect(&g);
	out = fmt == DIAGRAM_DOT ? render_dot(&g) : render_mermaid(&g);
	for (i = 0; i < g.nn; i++) {
		free(g.n[i].label);
		buf_free(&g.n[i].rules);
	}
	for (i = 0; i < g.ne; i++) {
		buf_free(&g.e[i].rules);
		buf_free(&g.e[i].who);
		strmap_free(g.e[i].whoset);
	}
	for (i = 0; i < g.nc; i++)
		free(g.c[i].label);
	free(g.n);
	free(g.e);
	free(g.c);
	free(g.cluster_of);
	free(g.tenant_cluster);
	free(g.group_of);
	strmap_free(g.nodes);
	strmap_free(g.edges);
	strmap_free(g.byobj);
	arena_free(g.a);
	return out;
}
