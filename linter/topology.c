/*
 * topology.c: building the graph and selecting certificates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "topology.h"
#include "xalloc.h"

static char *
lower_short(struct arena *a, const char *name)
{
	char	*s = dn_normalize(a, name), *dot;

	if ((dot = strchr(s, '.')) != NULL)
		*dot = '\0';
	return s;
}

static char *
hkey(const struct org *o, const char *shortname)
{
	return xasprintf("%s|%s", o != NULL ? o->id : "", shortname);
}

static struct host *
new_host(struct topo *t, enum host_kind kind, struct org *org,
    const char *name, const char *from)
{
	struct host	*h;
	char		*k;

	h = arena_alloc(t->arena, sizeof(*h));
	h->kind = kind;
	h->org = org;
	h->shortname = lower_short(t->arena, name);
	if (strchr(name, '.') != NULL) {
		h->fqdn = dn_normalize(t->arena, name);
		h->name = h->fqdn;
	} else
		h->name = arena_strdup(t->arena, name);
	h->known_from = from;
	t->hosts = xreallocarray(t->hosts, t->nhosts + 1, sizeof(*t->hosts));
	t->hosts[t->nhosts++] = h;
	if (org != NULL) {
		k = hkey(org, h->shortname);
		strmap_add(t->host_key, k, h);
		free(k);
	}
	if (h->fqdn != NULL)
		strmap_add(t->host_key, h->fqdn, h);
	return h;
}

/* An organization's server by name; created on first mention. */
static struct host *
server(struct topo *t, struct org *org, const char *name, const char *from)
{
	struct host	*h;
	void *const	*v;
	char		*k, *s;

	if (name == NULL || *name == '\0')
		return NULL;
	s = lower_short(t->arena, name);
	k = hkey(org, s);
	v = strmap_get(t->host_key, k, NULL);
	free(k);
	if (v != NULL) {
		h = v[0];
		if (h->fqdn == NULL && strchr(name, '.') != NULL) {
			h->fqdn = dn_normalize(t->arena, name);
			h->name = h->fqdn;
			strmap_add(t->host_key, h->fqdn, h);
		}
		return h;
	}
	return new_host(t, HOST_SERVER, org, name, from);
}

static void
host_add_cert(struct host *h, const struct certificate *c)
{
	size_t	i;

	/* The same certificate exported twice is one certificate. */
	for (i = 0; i < h->ncerts && c->thumbprint != NULL; i++)
		if (h->certs[i]->thumbprint != NULL &&
		    strcasecmp(h->certs[i]->thumbprint, c->thumbprint) == 0)
			return;
	if (h->ncerts == h->capcerts) {
		h->capcerts = h->capcerts ? h->capcerts * 2 : 4;
		h->certs = xreallocarray(h->certs, h->capcerts,
		    sizeof(*h->certs));
	}
	h->certs[h->ncerts++] = c;
}

struct host *
topo_find_host(const struct topo *t, const struct org *org, const char *name)
{
	void *const	*v;
	char		*k, *low;
	struct ipaddr	 ip;
	size_t		 i, j;

	if (name == NULL)
		return NULL;
	if (dn_is_exo_endpoint(name))
		return t->exo;
	if (parse_ipaddr(name, &ip) == 0) {
		for (i = 0; i < t->nhosts; i++)
			if (t->hosts[i]->gateway != NULL)
				for (j = 0; j < t->hosts[i]->gateway->naddrs; j++)
					if (ipaddr_cmp(&ip, &t->hosts[i]->
					    gateway->addrs[j]) == 0)
						return t->hosts[i];
		return NULL;
	}
	low = dn_normalize(t->arena, name);
	if ((v = strmap_get(t->host_key, low, NULL)) != NULL)
		return v[0];
	if (org != NULL && strchr(low, '.') == NULL) {
		k = hkey(org, low);
		v = strmap_get(t->host_key, k, NULL);
		free(k);
		if (v != NULL)
			return v[0];
	}
	return NULL;
}

struct tenant *
topo_tenant(const struct topo *t, const struct org *org)
{
	if (org == NULL)
		return t->ntenants > 0 && t->tenants[0]->org == NULL ?
		    t->tenants[0] : NULL;
	return org->index < t->m->norgs ? t->tenant_of[org->index] : NULL;
}

static struct tenant *
tenant_of(struct topo *t, struct org *org)
{
	struct tenant	*tn;

	if ((tn = topo_tenant(t, org)) != NULL)
		return tn;
	tn = arena_alloc(t->arena, sizeof(*tn));
	tn->org = org;
	tn->name = org != NULL ? org->id : "(no organization)";
	if (org == NULL && t->ntenants > 0) {
		/* The organization-less tenant is kept first. */
		t->tenants = xreallocarray(t->tenants, t->ntenants + 1,
		    sizeof(*t->tenants));
		memmove(t->tenants + 1, t->tenants,
		    t->ntenants * sizeof(*t->tenants));
		t->tenants[0] = tn;
		t->ntenants++;
		return tn;
	}
	t->tenants = xreallocarray(t->tenants, t->ntenants + 1,
	    sizeof(*t->tenants));
	t->tenants[t->ntenants++] = tn;
	if (org != NULL)
		t->tenant_of[org->index] = tn;
	return tn;
}

#define APPEND(arr, n, v) do {						\
	(arr) = xreallocarray((void *)(arr), (n) + 1, sizeof(*(arr)));	\
	(arr)[(n)++] = (v);						\
} while (0)

static void
add_servers(struct topo *t)
{
	const struct model		*m = t->m;
	const struct exchange_server	*es;
	const struct edge_subscription	*sub;
	const struct send_connector	*sc;
	const struct receive_connector	*rc;
	const struct hybrid_config	*hc;
	struct host			*h;
	size_t				 i, j;

	MODEL_FOREACH(m, K_SERVER, const struct exchange_server, es, i) {
		h = server(t, es->o.org, es->fqdn != NULL ? es->fqdn :
		    es->o.name, "Get-ExchangeServer");
		if (h == NULL)
			continue;
		h->server = es;
		if (es->is_edge == 1)
			h->kind = HOST_EDGE;
	}
	MODEL_FOREACH(m, K_EDGESUB, const struct edge_subscription, sub, i) {
		h = server(t, sub->o.org, sub->edge_fqdn != NULL ?
		    sub->edge_fqdn : sub->o.name, "Get-EdgeSubscription");
		if (h != NULL)
			h->kind = HOST_EDGE;
	}
	MODEL_FOREACH(m, K_HYBRID, const struct hybrid_config, hc, i) {
		for (j = 0; j < hc->edge_servers.n; j++)
			if ((h = server(t, hc->o.org, hc->edge_servers.v[j],
			    "HybridConfiguration")) != NULL &&
			    (h->server == NULL || h->server->is_edge != 0))
				h->kind = HOST_EDGE;
		for (j = 0; j < hc->sending_servers.n; j++)
			server(t, hc->o.org, hc->sending_servers.v[j],
			    "HybridConfiguration");
		for (j = 0; j < hc->receiving_servers.n; j++)
			server(t, hc->o.org, hc->receiving_servers.v[j],
			    "HybridConfiguration");
	}
	MODEL_FOREACH(m, K_SEND, const struct send_connector, sc, i)
		for (j = 0; j < sc->source_servers.n; j++)
			server(t, sc->o.org, sc->source_servers.v[j],
			    "SourceTransportServers");
	MODEL_FOREACH(m, K_RECEIVE, const struct receive_connector, rc, i)
		if (rc->server != NULL)
			server(t, rc->o.org, rc->server, "Get-ReceiveConnector");
}

static void
add_gateways(struct topo *t)
{
	const struct gateway	*g;
	struct host		*h;
	size_t			 i;

	for (i = 0; i < t->m->ngateways; i++) {
		g = t->m->gateways[i];
		h = new_host(t, HOST_GATEWAY, NULL, g->name, "topology.json");
		h->org = g->operated_by;
		h->gateway = g;
		if (g->cert != NULL)
			host_add_cert(h, g->cert);
	}
}

static void
add_certs(struct topo *t)
{
	const struct certificate	*c;
	struct host			*h;
	size_t				 i;

	MODEL_FOREACH(t->m, K_CERT, const struct certificate, c, i) {
		if (c->gateway != NULL || c->server == NULL)
			continue;
		if ((h = server(t, c->o.org, c->server, "certificate")) != NULL)
			host_add_cert(h, c);
	}
}

static void
add_tenants(struct topo *t)
{
	const struct model		*m = t->m;
	const struct accepted_domain	*ad;
	const struct inbound_connector	*ic;
	const struct journal_rule	*jr;
	const struct outbound_connector	*oc;
	const struct transport_config	*tc;
	const struct org_config		*oc2;
	struct tenant			*tn;
	size_t				 i, j;

	MODEL_FOREACH(m, K_ACCEPTED, const struct accepted_domain, ad, i) {
		if (ad->domain == NULL)
			continue;
		if (ad->o.side == SIDE_EXO) {
			tn = tenant_of(t, ad->o.org);
			APPEND(tn->domains, tn->ndomains, ad);
			if (ad->initial == 1 || (strstr(ad->domain,
			    ".onmicrosoft.com") != NULL && strstr(ad->domain,
			    ".mail.onmicrosoft.com") == NULL))
				tn->name = ad->domain;
			domidx_add(&t->exo_domains, ad->domain,
			    ad->match_subdomains == 1, (void *)ad);
		} else
			domidx_add(&t->onprem_domains, ad->domain,
			    ad->match_subdomains == 1, (void *)ad);
	}
	MODEL_FOREACH(m, K_INBOUND, const struct inbound_connector, ic, i) {
		tn = tenant_of(t, ic->o.org);
		APPEND(tn->inbound, tn->ninbound, ic);
		if (ic->o.enabled == 0)
			continue;
		if (ic->type == CT_ONPREMISES) {
			if (ic->tls_sender_cert_name != NULL)
				nameidx_add(&t->onprem_by_cert,
				    ic->tls_sender_cert_name, (void *)ic);
			for (j = 0; j < ic->nsender_ips; j++)
				ipidx_add(&t->onprem_by_ip, &ic->sender_ips[j],
				    (void *)ic);
		} else if (ic->type == CT_PARTNER) {
			if (ic->tls_sender_cert_name != NULL)
				nameidx_add(&t->partner_by_cert,
				    ic->tls_sender_cert_name, (void *)ic);
			for (j = 0; j < ic->nsender_ips; j++)
				ipidx_add(&t->partner_by_ip, &ic->sender_ips[j],
				    (void *)ic);
		}
	}
	MODEL_FOREACH(m, K_JOURNAL, const struct journal_rule, jr, i) {
		if (jr->o.side != SIDE_EXO)
			continue;
		tn = tenant_of(t, jr->o.org);
		APPEND(tn->journal, tn->njournal, jr);
	}
	MODEL_FOREACH(m, K_OUTBOUND, const struct outbound_connector, oc, i) {
		tn = tenant_of(t, oc->o.org);
		APPEND(tn->outbound, tn->noutbound, oc);
	}
	MODEL_FOREACH(m, K_TRANSPORTCFG, const struct transport_config, tc, i)
		if (tc->o.side == SIDE_EXO)
			tenant_of(t, tc->o.org)->transport = tc;
	MODEL_FOREACH(m, K_ORGCFG, const struct org_config, oc2, i)
		if (oc2->o.side == SIDE_EXO)
			tenant_of(t, oc2->o.org)->orgcfg = oc2;
}

struct topo *
topo_build(const struct model *m, int64_t asof)
{
	struct topo	*t;

	t = xcalloc(1, sizeof(*t));
	t->m = m;
	t->asof = asof;
	t->arena = arena_new();
	t->host_key = strmap_new();
	nameidx_init(&t->onprem_by_cert);
	nameidx_init(&t->partner_by_cert);
	ipidx_init(&t->onprem_by_ip);
	ipidx_init(&t->partner_by_ip);
	domidx_init(&t->exo_domains);
	domidx_init(&t->onprem_domains);
	t->tenant_of = xcalloc(m->norgs + 1, sizeof(*t->tenant_of));
	t->exo = arena_alloc(t->arena, sizeof(*t->exo));
	t->exo->kind = HOST_EXO;
	t->exo->name = "Exchange Online";
	t->exo->shortname = "exchange-online";
	t->exo->known_from = "built in";
	add_gateways(t);
	add_servers(t);
	add_certs(t);
	add_tenants(t);
	return t;
}

void
topo_free(struct topo *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nhosts; i++)
		free(t->hosts[i]->certs);
	for (i = 0; i < t->ntenants; i++) {
		free(t->tenants[i]->domains);
		free(t->tenants[i]->inbound);
		free(t->tenants[i]->journal);
		free(t->tenants[i]->outbound);
	}
	free(t->tenant_of);
	free(t->hosts);
	free(t->tenants);
	strmap_free(t->host_key);
	nameidx_free(&t->onprem_by_cert);
	nameidx_free(&t->partner_by_cert);
	ipidx_free(&t->onprem_by_ip);
	ipidx_free(&t->partner_by_ip);
	domidx_free(&t->exo_domains);
	domidx_free(&t->onprem_domains);
	arena_free(t->arena);
	free(t);
}

/* Certificates. */

const char **
cert_names(struct arena *a, const struct certificate *c, size_t *n)
{
	const char	**v;
	const char	 *s;
	size_t		  i, j, k = 0;

	v = arena_alloc(a, (c->domains.n + 2) * sizeof(*v));
	if (c->cn != NULL && dn_valid(c->cn, 1))
		v[k++] = dn_normalize(a, c->cn);
	for (i = 0; i < c->domains.n; i++) {
		if (!dn_valid(c->domains.v[i], 1))
			continue;
		s = dn_normalize(a, c->domains.v[i]);
		for (j = 0; j < k; j++)
			if (strcmp(v[j], s) == 0)
				break;
		if (j == k)
			v[k++] = s;
	}
	*n = k;
	return v;
}

enum dn_match
cert_covers(const struct certificate *c, const char *host)
{
	enum dn_match	best = DN_NONE, r;
	size_t		i;

	if (c->cn != NULL && (r = dn_match_cert(c->cn, host)) != DN_NONE)
		best = r;
	for (i = 0; i < c->domains.n && best != DN_EXACT; i++)
		if ((r = dn_match_cert(c->domains.v[i], host)) != DN_NONE &&
		    (best == DN_NONE || r == DN_EXACT))
			best = r;
	return best;
}

int
cert_is_valid_at(const struct certificate *c, int64_t when)
{
	if (c->not_after != 0 && c->not_after < when)
		return 0;
	if (c->not_before != 0 && c->not_before > when)
		return 0;
	if (c->status >= 0 && c->status != CERT_STATUS_VALID)
		return 0;
	return 1;
}

int
cert_smtp_enabled(const struct certificate *c)
{
	if (c->services < 0)
		return -1;
	return (c->services & SVC_SMTP) != 0;
}

int
cert_same(const struct certificate *a, const struct certificate *b)
{
	if (a == NULL || b == NULL)
		return 0;
	if (a == b)
		return 1;
	if (a->thumbprint != NULL && b->thumbprint != NULL)
		return strcasecmp(a->thumbprint, b->thumbprint) == 0;
	return a->subject != NULL && b->subject != NULL &&
	    x500_equal(a->subject, b->subject) && a->issuer != NULL &&
	    b->issuer != NULL && x500_equal(a->issuer, b->issuer);
}

int
cert_has_id(const struct certificate *c, const struct x509id *id)
{
	if (c->subject == NULL || !x500_equal(c->subject, id->subject))
		return 0;
	return id->issuer == NULL || (c->issuer != NULL &&
	    x500_equal(c->issuer, id->issuer));
}

int
cert_better_at(const struct certificate *a, const struct certificate *b,
    int64_t when)
{
	return b == NULL || (cert_is_valid_at(a, when) &&
	    (!cert_is_valid_at(b, when) || a->not_after > b->not_after));
}

const struct certificate *
host_named_cert(const struct host *h, const struct x509id *id, int64_t when)
{
	const struct certificate	*c, *best = NULL;
	size_t				 i;

	for (i = 0; h != NULL && i < h->ncerts; i++) {
		c = h->certs[i];
		if (cert_has_id(c, id) && cert_better_at(c, best, when))
			best = c;
	}
	return best;
}

const char *
topo_connector_fqdn(const struct host *h, const struct send_connector *sc)
{
	if (sc != NULL && sc->fqdn != NULL)
		return sc->fqdn;
	return h->fqdn;
}

static int
self_signed(const struct certificate *c)
{
	return c->self_signed == 1 || c->root_ca_type == ROOTCA_REGISTRY;
}

/* Is a better than b as Exchange's pick?  Exact, CA-issued, newest. */
static int
better(const struct certificate *a, enum dn_match am,
    const struct certificate *b, enum dn_match bm)
{
	if (am != bm)
		return am == DN_EXACT;
	if (self_signed(a) != self_signed(b))
		return !self_signed(a);
	return a->not_after > b->not_after;
}

/*
 * Among the host's presentable certificates (SMTP-enabled or unknown
 * services, valid at the date), the best that covers 'name'.
 */
static void
pick_by_name(const struct topo *t, const struct host *h, const char *name,
    struct certsel *s)
{
	const struct certificate	*c, *best = NULL;
	enum dn_match			 m, bestm = DN_NONE;
	size_t				 i;

	s->ncandidates = 0;
	for (i = 0; i < h->ncerts; i++) {
		c = h->certs[i];
		if (cert_smtp_enabled(c) == 0 || !cert_is_valid_at(c, t->asof))
			continue;
		if ((m = cert_covers(c, name)) == DN_NONE)
			continue;
		if (s->ncandidates < 8)
			s->candidates[s->ncandidates++] = c;
		if (best == NULL || better(c, m, best, bestm)) {
			best = c;
			bestm = m;
		}
	}
	s->cert = best;
	/*
	 * Candidates that match the name as well as the best one (exact or
	 * wildcard) make a tie, whoever issued them: Exchange's preference
	 * for CA-issued certificates is not documented for send connectors
	 * (KB 2888788 shows both being used).
	 */
	if (s->ncandidates > 1) {
		size_t k = 0;

		for (i = 0; i < s->ncandidates; i++) {
			c = s->candidates[i];
			if (c == best || cert_covers(c, name) == bestm)
				s->candidates[k++] = c;
		}
		s->ncandidates = k;
	}
}

static const char *
cert_label(struct arena *a, const struct certificate *c)
{
	return arena_printf(a, "%s (%s%s)", c->subject != NULL ? c->subject :
	    "?", c->thumbprint != NULL ? c->thumbprint : "no thumbprint",
	    self_signed(c) ? ", self-signed" : "");
}

/* A gateway presents the certificate the manifest declares for it. */
static void
select_gateway(const struct topo *t, const struct host *h, struct certsel *s)
{
	s->how = SEL_GATEWAY;
	s->cert = h->certs != NULL ? h->certs[0] : NULL;
	s->reason = s->cert != NULL ? arena_printf(t->arena, "gateway %s "
	    "presents its declared certificate %s", h->name,
	    cert_label(t->arena, s->cert)) : arena_printf(t->arena,
	    "gateway %s has no certificate in topology.json", h->name);
}

/* TlsCertificateName: the certificate with that issuer and subject. */
static void
select_explicit(const struct topo *t, const struct host *h,
    const struct send_connector *sc, struct certsel *s)
{
	const struct certificate	*c;
	struct arena			*a = t->arena;
	size_t				 i;

	s->how = SEL_EXPLICIT;
	s->sought = arena_printf(a, "<I>%s<S>%s", sc->tls_cert_name.issuer ?
	    sc->tls_cert_name.issuer : "", sc->tls_cert_name.subject);
	for (i = 0; i < h->ncerts; i++) {
		c = h->certs[i];
		if (!cert_has_id(c, &sc->tls_cert_name))
			continue;
		if (s->ncandidates < 8)
			s->candidates[s->ncandidates++] = c;
		if (s->cert == NULL || (cert_is_valid_at(c, t->asof) &&
		    c->not_after > s->cert->not_after))
			s->cert = c;
	}
	if (s->cert != NULL) {
		s->reason = arena_printf(a, "TlsCertificateName of send "
		    "connector '%s' names issuer and subject of %s on %s",
		    sc->o.name, cert_label(a, s->cert), h->name);
		return;
	}
	s->explicit_missing = 1;
	s->how = SEL_NONE;
	s->reason = arena_printf(a, "TlsCertificateName of send connector "
	    "'%s' is %s, but %s holds no certificate with that issuer and "
	    "subject (454 4.7.5: the certificate could not be found; TLS "
	    "fails and mail queues)", sc->o.name, s->sought, h->name);
}

/*
 * Nothing matches the Fqdn.  Modelled fallback [inference]: the server's
 * own FQDN, then the self-signed default certificate Exchange creates for
 * every server (CN=<server>).  0 when neither exists.
 */
static int
select_fallback(const struct topo *t, const struct host *h,
    const char *name, struct certsel *s)
{
	const struct certificate	*c;
	struct arena			*a = t->arena;
	size_t				 i;

	if (h->fqdn != NULL && (name == NULL || strcmp(name, h->fqdn) != 0)) {
		pick_by_name(t, h, h->fqdn, s);
		if (s->cert != NULL) {
			s->how = SEL_FALLBACK;
			s->inferred = 1;
			s->reason = arena_printf(a, "no SMTP certificate on %s "
			    "matches %s; Exchange falls back to the server's "
			    "FQDN %s, which %s covers [inference: fallback "
			    "order not documented for send connectors]",
			    h->name, name != NULL ? name : "(no Fqdn)",
			    h->fqdn, cert_label(a, s->cert));
			return 1;
		}
	}
	for (i = 0; i < h->ncerts; i++) {
		c = h->certs[i];
		if (!self_signed(c) || cert_smtp_enabled(c) == 0 ||
		    !cert_is_valid_at(c, t->asof) || c->cn == NULL ||
		    strcasecmp(c->cn, h->shortname) != 0)
			continue;
		s->cert = c;
		s->how = SEL_FALLBACK;
		s->inferred = 1;
		s->reason = arena_printf(a, "no SMTP certificate on %s matches "
		    "%s; Exchange falls back to the server's default "
		    "self-signed certificate %s [inference: fallback order "
		    "not documented for send connectors]", h->name,
		    name != NULL ? name : "(no Fqdn)", cert_label(a, c));
		return 1;
	}
	return 0;
}

void
topo_select_cert(const struct topo *t, const struct host *h,
    const struct send_connector *sc, struct certsel *s)
{
	const char	*name;

	memset(s, 0, sizeof(*s));
	s->how = SEL_NONE;
	if (h->kind == HOST_GATEWAY) {
		select_gateway(t, h, s);
		return;
	}
	if (sc != NULL && sc->has_tls_cert_name) {
		select_explicit(t, h, sc, s);
		return;
	}
	if ((name = topo_connector_fqdn(h, sc)) != NULL) {
		s->sought = name;
		pick_by_name(t, h, name, s);
		if (s->cert != NULL) {
			s->how = sc != NULL && sc->fqdn != NULL ? SEL_FQDN :
			    SEL_SERVER_FQDN;
			s->reason = arena_printf(t->arena, "%s %s matches %s, "
			    "an SMTP certificate on %s%s", s->how == SEL_FQDN ?
			    "connector Fqdn" : "server FQDN", name,
			    cert_label(t->arena, s->cert), h->name,
			    s->ncandidates > 1 ? "; other certificates match "
			    "equally well, so the choice is ambiguous" : "");
			return;
		}
	}
	if (select_fallback(t, h, name, s))
		return;
	s->reason = arena_printf(t->arena, "%s holds no SMTP certificate that "
	    "matches %s%s", h->name, name != NULL ? name : "its name",
	    h->ncerts == 0 ? " (no certificate export for this server)" : "");
}
