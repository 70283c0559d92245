/*
 * roles.c: hybrid evidence per organization, and the connectors of
 * email add-on services.
 */
#include <string.h>
#include <strings.h>

#include "roles.h"
#include "xalloc.h"

/* "'name' (file:line)": an object as evidence names it. */
static const char *
where(struct arena *a, const struct obj *o)
{
	return arena_printf(a, "'%s' (%s:%u)", o->name, o->loc.file != NULL ?
	    o->loc.file : "?", o->loc.line);
}

/* Is the host one of the organization's Exchange or Edge servers? */
static int
own_server(const struct host *h, const struct org *org)
{
	return h != NULL && h->org == org && (h->kind == HOST_SERVER ||
	    h->kind == HOST_EDGE);
}

/* A certificate of the organization's servers that covers 'name'. */
static const struct host *
server_cert_covers(const struct topo *t, const struct org *org,
    const char *name)
{
	const struct host	*h;
	size_t			 i, j;

	if (!dn_valid(name, 0))
		return NULL;
	for (i = 0; i < t->nhosts; i++) {
		h = t->hosts[i];
		if (!own_server(h, org))
			continue;
		for (j = 0; j < h->ncerts; j++)
			if (cert_covers(h->certs[j], name) != DN_NONE)
				return h;
	}
	return NULL;
}

/* Does a certificate of the organization's servers carry a name 'pat' takes? */
static int
server_cert_matched(const struct topo *t, const struct org *org,
    const char *pat)
{
	const struct host	*h;
	const char		**names;
	size_t			  i, j, k, n;

	for (i = 0; i < t->nhosts; i++) {
		h = t->hosts[i];
		if (!own_server(h, org))
			continue;
		for (j = 0; j < h->ncerts; j++) {
			names = cert_names(t->arena, h->certs[j], &n);
			for (k = 0; k < n; k++)
				if (dn_match(pat, names[k]) != DN_NONE)
					return 1;
		}
	}
	return 0;
}

/*
 * The organization's server an outbound connector's smart host names,
 * directly or by a name its certificates carry; NULL: none.
 */
static const struct host *
oc_server(const struct topo *t, const struct outbound_connector *oc)
{
	const struct host	*h;
	size_t			 i;

	for (i = 0; i < oc->smart_hosts.n; i++) {
		h = topo_find_host(t, oc->o.org, oc->smart_hosts.v[i]);
		if (own_server(h, oc->o.org))
			return h;
		if (h == NULL && (h = server_cert_covers(t, oc->o.org,
		    oc->smart_hosts.v[i])) != NULL)
			return h;
	}
	return NULL;
}

static int
is_hybrid_config(struct topo *t, const struct org *org,
    struct hybrid_evidence *e)
{
	const struct obj	*o = org_first(org, K_HYBRID);

	if (o == NULL)
		return 0;
	e->sign = HYBRID_CONFIG;
	e->o = o;
	e->text = arena_printf(t->arena, "hybrid deployment: "
	    "HybridConfiguration %s", where(t->arena, o));
	return 1;
}

/* An object the Hybrid Configuration Wizard creates. */
static int
is_wizard(struct topo *t, const struct org *org, struct hybrid_evidence *e)
{
	const struct inbound_connector	*ic;
	const struct outbound_connector	*oc;
	const struct send_connector	*sc;
	const struct obj		*o = NULL;
	size_t				 i;

	ORG_FOREACH(org, K_INBOUND, const struct inbound_connector, ic, i)
		if (o == NULL && ic_hcw(ic))
			o = &ic->o;
	ORG_FOREACH(org, K_OUTBOUND, const struct outbound_connector, oc, i)
		if (o == NULL && oc_hcw(oc))
			o = &oc->o;
	ORG_FOREACH(org, K_SEND, const struct send_connector, sc, i)
		if (o == NULL && name_is_hcw(sc->o.name,
		    "Outbound to Office 365 - "))
			o = &sc->o;
	if (o == NULL)
		o = org_first(org, K_ONPREMORG);
	if (o == NULL)
		return 0;
	e->sign = HYBRID_WIZARD;
	e->o = o;
	e->text = arena_printf(t->arena, "hybrid deployment: %s %s, which "
	    "the Hybrid Configuration Wizard creates", kind_name(o->kind),
	    where(t->arena, o));
	return 1;
}

static int
is_outbound(struct topo *t, const struct org *org, struct hybrid_evidence *e)
{
	const struct outbound_connector	*oc;
	const struct host		*h;
	struct addon			 ad;
	size_t				 i;

	ORG_FOREACH(org, K_OUTBOUND, const struct outbound_connector, oc, i) {
		if (oc->type != CT_ONPREMISES || !oc_route(oc) ||
		    topo_oc_addon(t, oc, &ad) || (h = oc_server(t, oc)) == NULL)
			continue;
		e->sign = HYBRID_OUTBOUND;
		e->o = &oc->o;
		e->text = arena_printf(t->arena, "hybrid deployment: "
		    "OnPremises outbound connector %s delivers to %s, a "
		    "server of organization %s", where(t->arena, &oc->o),
		    h->name, org->id);
		return 1;
	}
	return 0;
}

static int
is_coexistence(struct topo *t, const struct org *org,
    struct hybrid_evidence *e)
{
	const struct send_connector	*sc;
	size_t				 i;

	ORG_FOREACH(org, K_SEND, const struct send_connector, sc, i) {
		/* Disabled too: only a hybrid deployment has one. */
		if (!sc_to_coexistence(sc))
			continue;
		e->sign = HYBRID_COEXISTENCE;
		e->o = &sc->o;
		e->text = arena_printf(t->arena, "hybrid deployment: send "
		    "connector %s carries the coexistence domain %s",
		    where(t->arena, &sc->o), sc_coexistence_space(sc));
		return 1;
	}
	return 0;
}

void
roles_build(struct topo *t)
{
	const struct org	*org;
	struct hybrid_evidence	 e;
	size_t			 i;

	t->hybrid = arena_alloc(t->arena, (t->m->norgs + 1) *
	    sizeof(*t->hybrid));
	for (i = 0; i < t->m->norgs; i++) {
		org = t->m->orgs[i];
		memset(&e, 0, sizeof(e));
		if (is_hybrid_config(t, org, &e) || is_wizard(t, org, &e) ||
		    is_outbound(t, org, &e) || is_coexistence(t, org, &e)) {
			t->hybrid[i] = arena_alloc(t->arena,
			    sizeof(*t->hybrid[i]));
			*t->hybrid[i] = e;
		}
	}
}

const struct hybrid_evidence *
topo_hybrid(const struct topo *t, const struct org *org)
{
	if (org == NULL || t->hybrid == NULL || org->index >= t->m->norgs)
		return NULL;
	return t->hybrid[org->index];
}

/* Is the gateway an add-on service of the organization? */
static int
addon_of(const struct gateway *g, const struct org *org)
{
	size_t	i;

	for (i = 0; org != NULL && i < g->naddon_for; i++)
		if (g->addon_for[i] == org)
			return 1;
	return 0;
}

const struct gateway *
topo_addon_presenting(const struct topo *t, const struct org *org,
    const char *pattern)
{
	const struct gateway	*g;
	const char		**names;
	size_t			  i, j, n;

	if (pattern == NULL)
		return NULL;
	for (i = 0; i < t->m->ngateways; i++) {
		g = t->m->gateways[i];
		if (!addon_of(g, org) || g->cert == NULL)
			continue;
		names = cert_names(t->arena, g->cert, &n);
		for (j = 0; j < n; j++)
			if (dn_match(pattern, names[j]) != DN_NONE)
				return g;
	}
	return NULL;
}

/* A declared add-on service of the organization named 'host'. */
static const struct gateway *
addon_named(const struct topo *t, const struct org *org, const char *host)
{
	const struct gateway	*g;
	struct ipaddr		 ip;
	size_t			 i, j;
	int			 isip = parse_ipaddr(host, &ip) == 0;

	for (i = 0; i < t->m->ngateways; i++) {
		g = t->m->gateways[i];
		if (!addon_of(g, org))
			continue;
		if (!isip && strcasecmp(g->name, host) == 0)
			return g;
		for (j = 0; isip && j < g->naddrs; j++)
			if (ipaddr_cmp(&g->addrs[j], &ip) == 0)
				return g;
	}
	return NULL;
}

int
topo_oc_addon(const struct topo *t, const struct outbound_connector *oc,
    struct addon *ad)
{
	const struct host	*h;
	size_t			 i;

	memset(ad, 0, sizeof(*ad));
	for (i = 0; i < oc->smart_hosts.n; i++)
		if ((ad->gw = addon_named(t, oc->o.org,
		    oc->smart_hosts.v[i])) != NULL) {
			ad->oc = oc;
			ad->name = ad->gw->name;
			return 1;
		}
	if (oc->transport_rule_scoped != 1 || oc->smart_hosts.n == 0)
		return 0;
	for (i = 0; i < oc->smart_hosts.n; i++) {
		h = topo_find_host(t, oc->o.org, oc->smart_hosts.v[i]);
		if (own_server(h, oc->o.org) || (h == NULL &&
		    server_cert_covers(t, oc->o.org, oc->smart_hosts.v[i])))
			return 0;
	}
	ad->oc = oc;
	ad->name = oc->smart_hosts.v[0];
	ad->inferred = 1;
	return 1;
}

/* The domain a host name belongs to: the name without its first label. */
static const char *
parent_of(const char *host)
{
	const char	*dot = strchr(host, '.');

	return dot != NULL && strchr(dot + 1, '.') != NULL ? dot + 1 : NULL;
}

int
topo_ic_addon(const struct topo *t, const struct inbound_connector *ic,
    struct addon *ad)
{
	const struct tenant		*tn = topo_tenant(t, ic->o.org);
	const struct outbound_connector	*oc;
	const char			*name = ic->tls_sender_cert_name, *p;
	const char			*base;
	size_t				 i, j;

	memset(ad, 0, sizeof(*ad));
	if (name == NULL || ic_hcw(ic))
		return 0;
	if ((ad->gw = topo_addon_presenting(t, ic->o.org, name)) != NULL) {
		ad->name = ad->gw->name;
		return 1;
	}
	base = strncmp(name, "*.", 2) == 0 ? name + 2 : name;
	if (strchr(base, '*') != NULL || tn == NULL ||
	    server_cert_matched(t, ic->o.org, name))
		return 0;
	for (i = 0; i < tn->noutbound; i++) {
		oc = tn->outbound[i];
		if (oc->transport_rule_scoped != 1 || !topo_oc_addon(t, oc, ad))
			continue;
		for (j = 0; j < oc->smart_hosts.n; j++)
			if ((p = parent_of(oc->smart_hosts.v[j])) != NULL &&
			    dn_is_subdomain(base, p)) {
				ad->name = oc->smart_hosts.v[j];
				ad->inferred = 1;
				return 1;
			}
	}
	memset(ad, 0, sizeof(*ad));
	return 0;
}
