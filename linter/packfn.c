/*
 * packfn.c: the pack functions: the organization an object belongs to,
 * whether that organization is hybrid, the servers a send connector
 * sends from and the certificate each presents (topo_select_cert), the
 * tenants its mail is attributed to (the simulated flows), what a
 * certificate is used for and how long it is valid.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "index.h"
#include "packfn.h"
#include "xalloc.h"

#define KBIT(k)		(1u << (k))

static const char *
pkey(char *buf, size_t len, const void *p)
{
	snprintf(buf, len, "%p", p);
	return buf;
}

static const char *
lower(struct arena *a, const char *s)
{
	char	*l, *p;

	if (s == NULL)
		return NULL;
	l = arena_strdup(a, s);
	for (p = l; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return l;
}

static void
fn_organization(struct packfn_ctx *x, const struct obj *o, struct pval *v)
{
	(void)x;
	v->known = o->org != NULL;
	v->s = o->org != NULL ? o->org->id : NULL;
}

static void
fn_side(struct packfn_ctx *x, const struct obj *o, struct pval *v)
{
	(void)x;
	v->known = o->side != SIDE_UNKNOWN;
	v->s = side_name(o->side);
}

/*
 * Hybrid: the organization has an on-premises side and an Exchange
 * Online tenant in the inputs, and a hybrid configuration or a send
 * connector that is the hybrid path (sc_is_hybrid()).
 */
static int
org_hybrid(const struct org *org)
{
	const struct send_connector	*sc;
	size_t				 i;

	if (!org->has_onprem || !org->has_exo)
		return 0;
	if (org->nobjs[K_HYBRID] > 0)
		return 1;
	ORG_FOREACH(org, K_SEND, const struct send_connector, sc, i)
		if (sc_is_hybrid(sc))
			return 1;
	return 0;
}

static void
fn_hybrid(struct packfn_ctx *x, const struct obj *o, struct pval *v)
{
	size_t	i;

	if (o->org == NULL)
		return;
	if (x->hybrid == NULL) {
		x->hybrid = xcalloc(x->m->norgs + 1, sizeof(*x->hybrid));
		for (i = 0; i < x->m->norgs; i++)
			x->hybrid[i] = -1;
	}
	if (o->org->index >= x->m->norgs)
		return;
	if (x->hybrid[o->org->index] < 0)
		x->hybrid[o->org->index] = (signed char)org_hybrid(o->org);
	v->known = 1;
	v->i = x->hybrid[o->org->index];
}

static void
fn_tenant(struct packfn_ctx *x, const struct obj *o, struct pval *v)
{
	const struct tenant	*tn;

	if (o->org == NULL)
		return;
	tn = topo_tenant(x->t, o->org);
	v->known = 1;
	v->s = tn != NULL ? tn->name : NULL;
}

/* A server's name as the graph knows it, lower-case. */
static const char *
host_name(struct packfn_ctx *x, const struct org *org, const char *name)
{
	const struct host	*h;

	if ((h = topo_find_host(x->t, org, name)) != NULL)
		name = h->name;
	return lower(x->a, name);
}

static void
fn_server(struct packfn_ctx *x, const struct obj *o, struct pval *v)
{
	const char	*s = o->kind == K_CERT ?
	    ((const struct certificate *)o)->server :
	    ((const struct receive_connector *)o)->server;

	v->known = s != NULL;
	v->s = s != NULL ? host_name(x, o->org, s) : NULL;
}

static void
fn_source_servers(struct packfn_ctx *x, const struct obj *o, struct pval *v)
{
	const struct send_connector	*sc = (const void *)o;
	const char			**names;
	size_t				  i, j, n = 0;

	v->known = sc->source_servers.known;
	names = arena_alloc(x->a, (sc->source_servers.n + 1) *
	    sizeof(*names));
	for (i = 0; i < sc->source_servers.n; i++) {
		names[n] = host_name(x, o->org, sc->source_servers.v[i]);
		for (j = 0; j < n && strcmp(names[j], names[n]) != 0; j++)
			continue;
		if (j == n)
			n++;
	}
	v->v = names;
	v->n = n;
}

/* Every flow of a send connector, by the connector. */
static void *const *
flows_of(struct packfn_ctx *x, const struct send_connector *sc, size_t *n)
{
	char	key[32];
	size_t	i;

	if (x->flows_of == NULL) {
		x->flows_of = strmap_new();
		for (i = 0; x->s != NULL && i < x->s->nflows; i++)
			strmap_add(x->flows_of, pkey(key, sizeof(key),
			    x->s->flows[i]->sc), x->s->flows[i]);
	}
	*n = 0;
	return strmap_get(x->flows_of, pkey(key, sizeof(key), sc), n);
}

/*
 * The certificate each source server presents over the connector: the
 * flow's selection where a flow starts there, else topo_select_cert().
 */
static void
fn_presented(struct packfn_ctx *x, const struct obj *o, struct pval *v)
{
	const struct send_connector	*sc = (const void *)o;
	const struct certificate	**certs;
	const struct host		*h;
	const struct flow		*f;
	struct certsel			 sel;
	void *const			*fl;
	size_t				 i, j, k, n = 0, nf;

	v->known = sc->source_servers.known;
	certs = arena_alloc(x->a, (sc->source_servers.n + 1) *
	    sizeof(*certs));
	fl = flows_of(x, sc, &nf);
	for (i = 0; i < sc->source_servers.n; i++) {
		h = topo_find_host(x->t, o->org, sc->source_servers.v[i]);
		if (h == NULL || (h->kind != HOST_SERVER &&
		    h->kind != HOST_EDGE))
			continue;
		sel.cert = NULL;
		for (j = 0; j < nf; j++) {
			f = fl[j];
			if (f->source == h && f->presenter == h)
				break;
		}
		if (j < nf)
			sel.cert = ((const struct flow *)fl[j])->sel.cert;
		else
			topo_select_cert(x->t, h, sc, &sel);
		if (sel.cert == NULL)
			continue;
		for (k = 0; k < n && certs[k] != sel.cert; k++)
			continue;
		if (k == n)
			certs[n++] = sel.cert;
	}
	v->certs = certs;
	v->n = n;
}

static void
fn_attributed(struct packfn_ctx *x, const struct obj *o, struct pval *v,
    int orgs)
{
	const struct flow	*f;
	const char		**names, *s;
	void *const		*fl;
	size_t			  i, j, n = 0, nf;

	fl = flows_of(x, (const struct send_connector *)o, &nf);
	names = arena_alloc(x->a, (nf + 1) * sizeof(*names));
	for (i = 0; i < nf; i++) {
		f = fl[i];
		if (!f->reaches_exo || f->tenant == NULL)
			continue;
		s = orgs ? f->tenant->org->id : f->tenant->name;
		for (j = 0; j < n && strcmp(names[j], s) != 0; j++)
			continue;
		if (j == n)
			names[n++] = s;
	}
	v->known = 1;
	v->v = names;
	v->n = n;
}

static void
fn_attributed_tenants(struct packfn_ctx *x, const struct obj *o,
    struct pval *v)
{
	fn_attributed(x, o, v, 0);
}

static void
fn_attributed_orgs(struct packfn_ctx *x, const struct obj *o,
    struct pval *v)
{
	fn_attributed(x, o, v, 1);
}

/* Does a flow into Exchange Online present the certificate? */
static void
fn_presented_to_exo(struct packfn_ctx *x, const struct obj *o,
    struct pval *v)
{
	char	key[32];
	size_t	i, n;

	if (x->presented == NULL) {
		x->presented = strmap_new();
		for (i = 0; x->s != NULL && i < x->s->nflows; i++)
			if (x->s->flows[i]->sel.cert != NULL)
				strmap_add(x->presented, pkey(key, sizeof(key),
				    x->s->flows[i]->sel.cert), x->s->flows[i]);
	}
	v->known = 1;
	v->i = strmap_get(x->presented, pkey(key, sizeof(key), o), &n) !=
	    NULL;
}

/* Whole days from a to b, rounded down (negative: b is before a). */
static int64_t
days_between(int64_t a, int64_t b)
{
	int64_t	d = b - a;

	return d >= 0 ? d / 86400 : -((-d + 86399) / 86400);
}

static void
fn_days_until_expiry(struct packfn_ctx *x, const struct obj *o,
    struct pval *v)
{
	const struct certificate	*c = (const void *)o;

	v->known = c->not_after != 0;
	v->i = days_between(x->asof, c->not_after);
}

static void
fn_validity_days(struct packfn_ctx *x, const struct obj *o, struct pval *v)
{
	const struct certificate	*c = (const void *)o;

	(void)x;
	v->known = c->not_after != 0 && c->not_before != 0;
	v->i = days_between(c->not_before, c->not_after);
}

static void
fn_tls_name(struct packfn_ctx *x, const struct obj *o, struct pval *v)
{
	const struct certificate	*c = (const void *)o;

	(void)x;
	v->known = c->subject != NULL;
	v->s = c->subject;
	v->s2 = c->issuer;
}

static void
fn_certificate(struct packfn_ctx *x, const struct obj *o, struct pval *v)
{
	const struct certificate	**certs;

	certs = arena_alloc(x->a, sizeof(*certs));
	certs[0] = (const struct certificate *)o;
	v->known = 1;
	v->certs = certs;
	v->n = 1;
}

const struct packfn packfn_table[] = {
	{ "@organization", PT_STRING, 0, fn_organization,
	    "the id of the organization the object belongs to", NULL },
	{ "@side", PT_STRING, 0, fn_side,
	    "on-premises or exchange-online", NULL },
	{ "@hybrid", PT_BOOL, 0, fn_hybrid,
	    "whether the object's organization is hybrid: an on-premises "
	    "side, an Exchange Online tenant, and a HybridConfiguration or "
	    "a hybrid send connector", NULL },
	{ "@tenant", PT_STRING, 0, fn_tenant,
	    "the name of the organization's Exchange Online tenant (its "
	    "initial domain), null when none is loaded", NULL },
	{ "@server", PT_STRING, KBIT(K_CERT) | KBIT(K_RECEIVE), fn_server,
	    "the server that holds the certificate or the receive "
	    "connector, by the name the topology knows it by",
	    "Server (receive connectors)" },
	{ "@source_servers", PT_LIST, KBIT(K_SEND), fn_source_servers,
	    "the connector's source servers, by the names the topology "
	    "knows them by", "SourceTransportServers" },
	{ "@presented_certificates", PT_CERTS, KBIT(K_SEND), fn_presented,
	    "the certificate each source server presents over the "
	    "connector, as the simulator selects it",
	    "SourceTransportServers" },
	{ "@attributed_tenants", PT_LIST, KBIT(K_SEND),
	    fn_attributed_tenants,
	    "the tenants Exchange Online attributes the connector's mail to "
	    "(simulated flows)", NULL },
	{ "@attributed_organizations", PT_LIST, KBIT(K_SEND),
	    fn_attributed_orgs,
	    "the organizations of those tenants", NULL },
	{ "@presented_to_exchange_online", PT_BOOL, KBIT(K_CERT),
	    fn_presented_to_exo,
	    "whether a simulated flow into Exchange Online presents the "
	    "certificate", NULL },
	{ "@days_until_expiry", PT_NUMBER, KBIT(K_CERT), fn_days_until_expiry,
	    "whole days from --as-of to NotAfter, negative once expired",
	    "NotAfter" },
	{ "@validity_days", PT_NUMBER, KBIT(K_CERT), fn_validity_days,
	    "whole days from NotBefore to NotAfter (the lifetime)",
	    "NotBefore and NotAfter" },
	{ "@tls_certificate_name", PT_X509ID, KBIT(K_CERT), fn_tls_name,
	    "the certificate's issuer and subject, as TlsCertificateName "
	    "names a certificate", "Subject" },
	{ "@certificate", PT_CERTS, KBIT(K_CERT), fn_certificate,
	    "the certificate itself (for cert_name_matches)", NULL },
	{ NULL, PT_STRING, 0, NULL, NULL, NULL }
};

const struct packfn *
packfn_find(const char *name)
{
	const struct packfn	*f;

	for (f = packfn_table; f->name != NULL; f++)
		if (strcasecmp(f->name, name) == 0)
			return f;
	return NULL;
}

int
packfn_applies(const struct packfn *f, enum kind k)
{
	return f->kinds == 0 || (f->kinds & KBIT(k)) != 0;
}

void
packfn_value(const struct packfn *f, struct packfn_ctx *x,
    const struct obj *o, struct pval *v)
{
	memset(v, 0, sizeof(*v));
	v->type = f->type;
	f->get(x, o, v);
}

void
packfn_ctx_init(struct packfn_ctx *x, const struct rule_ctx *c,
    struct arena *scratch)
{
	memset(x, 0, sizeof(*x));
	x->m = c->m;
	x->t = c->t;
	x->s = c->s;
	x->asof = c->asof;
	x->a = scratch;
}

void
packfn_ctx_release(struct packfn_ctx *x)
{
	strmap_free(x->presented);
	strmap_free(x->flows_of);
	free(x->hybrid);
	memset(x, 0, sizeof(*x));
}
