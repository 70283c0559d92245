/*
 * topology.c: building the graph and selecting certificates.
 */
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "roles.h"
#include "topology.h"
#include "xalloc.h"

/* Grows to the next power of two, so appending n values costs O(n). */
#define APPEND(arr, n, v) do {						\
	if ((n) == 0 || ((n) & ((n) - 1)) == 0)				\
		(arr) = xreallocarray((void *)(arr), (n) ? (n) * 2 : 4,	\
		    sizeof(*(arr)));					\
	(arr)[(n)++] = (v);						\
} while (0)

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
	APPEND(t->hosts, t->nhosts, h);
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
host_add_cert(struct topo *t, struct host *h, const struct certificate *c)
{
	char	*k, *p;

	/* The same certificate exported twice is one certificate. */
	if (c->thumbprint != NULL) {
		k = arena_printf(t->arena, "%p|%s", (void *)h, c->thumbprint);
		for (p = k; *p != '\0'; p++)
			*p = (char)toupper((unsigned char)*p);
		if (!strmap_once(t->host_thumb, k, NULL))
			return;
	}
	if (h->ncerts == h->capcerts) {
		h->capcerts = h->capcerts ? h->capcerts * 2 : 4;
		h->certs = xreallocarray(h->certs, h->capcerts,
		    sizeof(*h->certs));
	}
	h->certs[h->ncerts++] = c;
}

/* A key for an address in host_addr: its 16 bytes in hex and family. */
static const char *
ipaddr_key(const struct ipaddr *ip, char *out)
{
	size_t	i;

	out[0] = (char)('0' + ip->family);
	for (i = 0; i < 16; i++)
		snprintf(out + 1 + 2 * i, 3, "%02x", ip->a[i]);
	return out;
}

/* A host name as the host keys hold it: lower case, no final dot. */
static char *
lower(const char *name, char *buf, size_t len)
{
	char	*p, *r;
	size_t	 n = strlen(name);

	while (n > 0 && name[n - 1] == '.')
		n--;
	r = n < len ? buf : xmalloc(n + 1);
	for (p = r; n > 0; n--, name++)
		*p++ = (char)((*name >= 'A' && *name <= 'Z') ? *name + 32 :
		    *name);
	*p = '\0';
	return r;
}

struct host *
topo_find_host(const struct topo *t, const struct org *org, const char *name)
{
	void *const	*v;
	char		*k, *low, key[256];
	struct ipaddr	 ip;

	if (name == NULL)
		return NULL;
	if (dn_is_exo_endpoint(name))
		return t->exo;
	if (parse_ipaddr(name, &ip) == 0) {
		v = strmap_get(t->host_addr, ipaddr_key(&ip, key), NULL);
		return v != NULL ? v[0] : NULL;
	}
	low = lower(name, key, sizeof(key));
	if ((v = strmap_get(t->host_key, low, NULL)) != NULL) {
		if (low != key)
			free(low);
		return v[0];
	}
	if (org != NULL && strchr(low, '.') == NULL) {
		k = hkey(org, low);
		v = strmap_get(t->host_key, k, NULL);
		free(k);
		if (low != key)
			free(low);
		return v != NULL ? v[0] : NULL;
	}
	if (low != key)
		free(low);
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
	size_t			 i, j;
	char			 key[40];

	for (i = 0; i < t->m->ngateways; i++) {
		g = t->m->gateways[i];
		h = new_host(t, HOST_GATEWAY, NULL, g->name, "topology.json");
		/* What an add-on service of one tenant sends is that
		 * tenant's mail, returned to it. */
		h->org = g->operated_by != NULL || g->naddon_for != 1 ?
		    g->operated_by : g->addon_for[0];
		h->gateway = g;
		if (g->cert != NULL)
			host_add_cert(t, h, g->cert);
		for (j = 0; j < g->naddrs; j++)
			if (strmap_get(t->host_addr, ipaddr_key(&g->addrs[j],
			    key), NULL) == NULL)
				strmap_add(t->host_addr, key, h);
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
			host_add_cert(t, h, c);
	}
}

/*
 * A connector's SenderIPAddresses into an index as their union: ranges
 * that overlap are one entry, so what one connector lists twice is
 * found once, and two connectors' entries overlap at most as often as
 * they have entries.
 */
static void
add_ranges(struct ipidx *x, const struct inbound_connector *ic)
{
	struct iprange	*u;
	size_t		 j, n;

	if (ic->nsender_ips == 0)
		return;
	u = xcalloc(ic->nsender_ips, sizeof(*u));
	memcpy(u, ic->sender_ips, ic->nsender_ips * sizeof(*u));
	n = iprange_union(u, ic->nsender_ips);
	for (j = 0; j < n; j++)
		ipidx_add(x, &u[j], (void *)ic);
	free(u);
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
	size_t				 i;

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
			domidx_add(&t->exo_suffixes, ad->domain[0] == '*' ?
			    ad->domain + 2 : ad->domain, 1, (void *)ad);
		} else
			domidx_add(&t->onprem_domains, ad->domain,
			    ad->match_subdomains == 1, (void *)ad);
	}
	MODEL_FOREACH(m, K_INBOUND, const struct inbound_connector, ic, i) {
		tn = tenant_of(t, ic->o.org);
		APPEND(tn->inbound, tn->ninbound, ic);
		if (!ic_live(ic))
			continue;
		if (ic->type == CT_ONPREMISES) {
			if (ic->tls_sender_cert_name != NULL)
				nameidx_add(&t->onprem_by_cert,
				    ic->tls_sender_cert_name, (void *)ic);
			add_ranges(&t->onprem_by_ip, ic);
		} else if (ic->type == CT_PARTNER) {
			if (ic->tls_sender_cert_name != NULL)
				nameidx_add(&t->partner_by_cert,
				    ic->tls_sender_cert_name, (void *)ic);
			add_ranges(&t->partner_by_ip, ic);
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

/* Where mail goes: dns.mx by domain, and each organization's domain. */
static void
add_mail(struct topo *t)
{
	const struct model		*m = t->m;
	const struct accepted_domain	*ad;
	const struct accepted_domain	**first;
	const struct org		*org;
	size_t				 i;

	for (i = 0; i < m->nmx; i++) {
		if (strmap_get(t->mx, m->mx[i].domain, NULL) != NULL)
			continue;
		strmap_add_ref(t->mx, m->mx[i].domain, &m->mx[i]);
		if (topo_mx_is_exo(t, m->mx[i].domain) == 1)
			APPEND(t->exo_mx, t->nexo_mx, m->mx[i].domain);
	}
	/* The default accepted domain on premises, else the first that is
	 * neither an external relay nor Exchange Online's. */
	t->org_domain = xcalloc(m->norgs + 1, sizeof(*t->org_domain));
	first = xcalloc(m->norgs + 1, sizeof(*first));
	MODEL_FOREACH(m, K_ACCEPTED, const struct accepted_domain, ad, i) {
		if ((org = ad->o.org) == NULL || ad->domain == NULL ||
		    ad->domain[0] == '*' || ad->o.side != SIDE_ONPREM)
			continue;
		if (ad->is_default == 1 && t->org_domain[org->index] == NULL)
			t->org_domain[org->index] = ad->domain;
		if (first[org->index] == NULL &&
		    ad->type != AD_EXTERNAL_RELAY &&
		    !dn_is_exo_endpoint(ad->domain))
			first[org->index] = ad;
	}
	for (i = 0; i < m->norgs; i++)
		if (t->org_domain[i] == NULL && first[i] != NULL)
			t->org_domain[i] = first[i]->domain;
	free(first);
}

const struct mxentry *
topo_mx(const struct topo *t, const char *domain)
{
	void *const	*v = strmap_get(t->mx, domain, NULL);

	return v != NULL ? v[0] : NULL;
}

int
topo_mx_is_exo(const struct topo *t, const char *domain)
{
	const struct mxentry	*e;
	size_t			 j;

	if ((e = topo_mx(t, domain)) != NULL) {
		for (j = 0; j < e->nhosts; j++)
			if (dn_is_exo_endpoint(e->hosts[j]))
				return 1;
		return 0;
	}
	if (dn_is_exo_endpoint(domain) || dn_is_subdomain(domain,
	    "onmicrosoft.com"))
		return 1;
	return -1;
}

const char *
topo_org_domain(const struct topo *t, const struct org *org)
{
	return org != NULL && org->index < t->m->norgs ?
	    t->org_domain[org->index] : NULL;
}

struct has_domain {
	const struct tenant	*tn;
	const char		*name;
};

static int
tenant_holds(void *const *v, size_t n, int labels, void *arg)
{
	const struct has_domain		*h = arg;
	const struct accepted_domain	*ad;
	size_t				 i;

	for (i = 0; i < n; i++) {
		ad = v[i];
		if (ad->o.org != h->tn->org)
			continue;
		/* An exact entry, or one that takes its subdomains. */
		if (strcmp(ad->domain, h->name) == 0 ||
		    ad->match_subdomains == 1)
			return labels;
	}
	return 0;
}

int
topo_tenant_has_domain(const struct topo *t, const struct tenant *tn,
    const char *domain)
{
	struct has_domain	h;

	if (domain == NULL || tn == NULL)
		return 0;
	h.tn = tn;
	h.name = domain;
	return domidx_walk(&t->exo_domains, domain, tenant_holds, &h) > 0;
}

/* Any of the tenant's accepted domains containing the name, by suffix. */
static int
tenant_suffix(void *const *v, size_t n, int labels, void *arg)
{
	const struct has_domain		*h = arg;
	size_t				 i;

	for (i = 0; i < n; i++)
		if (((const struct accepted_domain *)v[i])->o.org ==
		    h->tn->org)
			return labels;
	return 0;
}

int
topo_tenant_best_labels(const struct topo *t, const struct tenant *tn,
    const char *const *names, size_t n)
{
	struct has_domain	h;
	size_t			i;
	int			best = 0, l;

	h.tn = tn;
	for (i = 0; i < n; i++) {
		h.name = names[i];
		if ((l = domidx_walk(&t->exo_suffixes, names[i],
		    tenant_suffix, &h)) > best)
			best = l;
	}
	return best;
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
	t->host_addr = strmap_new();
	t->host_thumb = strmap_new();
	t->mx = strmap_new();
	nameidx_init(&t->onprem_by_cert);
	nameidx_init(&t->partner_by_cert);
	ipidx_init(&t->onprem_by_ip);
	ipidx_init(&t->partner_by_ip);
	domidx_init(&t->exo_domains);
	domidx_init(&t->exo_suffixes);
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
	add_mail(t);
	roles_build(t);
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
	strmap_free(t->host_addr);
	strmap_free(t->host_thumb);
	strmap_free(t->mx);
	free(t->org_domain);
	free(t->exo_mx);
	nameidx_free(&t->onprem_by_cert);
	nameidx_free(&t->partner_by_cert);
	ipidx_free(&t->onprem_by_ip);
	ipidx_free(&t->partner_by_ip);
	domidx_free(&t->exo_domains);
	domidx_free(&t->exo_suffixes);
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

const char *
cert_not_public(struct arena *a, const struct certificate *c)
{
	const char	*type;

	if (c->self_signed == 1 || c->root_ca_type == ROOTCA_REGISTRY)
		return "it is self-signed";
	if (c->root_ca_type >= 0 && c->root_ca_type != ROOTCA_THIRDPARTY) {
		type = rootca_type_name(c->root_ca_type);
		return arena_printf(a, "its RootCAType is %s, not ThirdParty "
		    "(a public CA)", type != NULL ? type : "unknown");
	}
	return NULL;
}

const char *
cert_unusable(struct arena *a, const struct certificate *c, int64_t when)
{
	char	date[16];

	if (c->not_after != 0 && c->not_after < when) {
		format_date(c->not_after, date);
		return arena_printf(a, "it expired on %s", date);
	}
	if (c->not_before != 0 && c->not_before > when) {
		format_date(c->not_before, date);
		return arena_printf(a, "it is not valid before %s", date);
	}
	if (c->status >= 0 && c->status != CERT_STATUS_VALID)
		return arena_printf(a, "its Status is %s",
		    cert_status_name(c->status));
	return NULL;
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
select_gateway(const struct host *h, struct certsel *s)
{
	s->how = SEL_GATEWAY;
	s->cert = h->certs != NULL ? h->certs[0] : NULL;
}

/* TlsCertificateName: the certificate with that issuer and subject. */
static void
select_explicit(const struct topo *t, const struct host *h,
    const struct send_connector *sc, struct certsel *s)
{
	const struct certificate	*c;
	size_t				 i;

	s->how = SEL_EXPLICIT;
	s->sought = arena_printf(t->arena, "<I>%s<S>%s",
	    sc->tls_cert_name.issuer ? sc->tls_cert_name.issuer : "",
	    sc->tls_cert_name.subject);
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
	if (s->cert != NULL)
		return;
	s->explicit_missing = 1;
	s->how = SEL_NONE;
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
	size_t				 i;

	if (h->fqdn != NULL && (name == NULL || strcmp(name, h->fqdn) != 0)) {
		pick_by_name(t, h, h->fqdn, s);
		if (s->cert != NULL) {
			s->how = SEL_FALLBACK;
			s->by_server_fqdn = 1;
			s->inferred = 1;
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
	s->host = h;
	s->sc = sc;
	if (h->kind == HOST_GATEWAY) {
		select_gateway(h, s);
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
			return;
		}
	}
	select_fallback(t, h, name, s);
}

const char *
certsel_reason(struct arena *a, const struct certsel *s)
{
	const struct host	*h = s->host;
	const char		*name = s->sought != NULL ? s->sought :
				    "(no Fqdn)";

	switch (s->how) {
	case SEL_GATEWAY:
		return s->cert != NULL ? arena_printf(a, "gateway %s presents "
		    "its declared certificate %s", h->name,
		    cert_label(a, s->cert)) : arena_printf(a, "gateway %s has "
		    "no certificate in topology.json", h->name);
	case SEL_EXPLICIT:
		return arena_printf(a, "TlsCertificateName of send connector "
		    "'%s' names issuer and subject of %s on %s", s->sc->o.name,
		    cert_label(a, s->cert), h->name);
	case SEL_FQDN:
	case SEL_SERVER_FQDN:
		return arena_printf(a, "%s %s matches %s, an SMTP certificate "
		    "on %s%s", s->how == SEL_FQDN ? "connector Fqdn" :
		    "server FQDN", s->sought, cert_label(a, s->cert), h->name,
		    s->ncandidates > 1 ? "; other certificates match equally "
		    "well, so the choice is ambiguous" : "");
	case SEL_FALLBACK:
		return s->by_server_fqdn ? arena_printf(a, "no SMTP certificate "
		    "on %s matches %s; which certificate Exchange presents "
		    "then is not documented: hybridlint assumes the one "
		    "matching the server's FQDN %s, %s [inference]", h->name,
		    name, h->fqdn, cert_label(a, s->cert)) : arena_printf(a,
		    "no SMTP certificate on %s matches %s; which certificate "
		    "Exchange presents then is not documented: hybridlint "
		    "assumes the server's default self-signed certificate %s "
		    "[inference]", h->name, name, cert_label(a, s->cert));
	case SEL_NONE:
		if (s->explicit_missing)
			return arena_printf(a, "TlsCertificateName of send "
			    "connector '%s' is %s, but %s holds no certificate "
			    "with that issuer and subject", s->sc->o.name,
			    s->sought, h->name);
		return arena_printf(a, "%s holds no SMTP certificate that "
		    "matches %s%s", h->name, s->sought != NULL ? s->sought :
		    "its name", h->ncerts == 0 ? " (no certificate export "
		    "for this server)" : "");
	}
	return "";
}
