/*
 * util.c: small helpers that several rules share.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "fixtext.h"
#include "rule.h"
#include "xalloc.h"

char *
rule_printf(struct rule_ctx *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = arena_vprintf(c->arena, fmt, ap);
	va_end(ap);
	return s;
}

const char *
ps_quote(struct rule_ctx *c, const char *s)
{
	return ps_literal(c->arena, s);
}

const char *
ps_quote_list(struct rule_ctx *c, const struct strlist *l)
{
	return ps_literal_list(c->arena, l->v, l->n);
}

const char *
reexport_cmd(struct rule_ctx *c, const char *cmdlet)
{
	return rule_printf(c, "%s | ConvertTo-Json -Depth " REEXPORT_DEPTH_TEXT
	    " | Out-File -Encoding utf8 %s.json", cmdlet, cmdlet);
}

const char *
fix_note(struct rule_ctx *c, const char *s)
{
	return fix_comment_text(c->arena, s);
}

const char *
tls_cert_name_arg(struct rule_ctx *c, const struct certificate *cert)
{
	if (cert == NULL || cert->issuer == NULL || cert->subject == NULL)
		return NULL;
	return ps_quote(c, rule_printf(c, "<I>%s<S>%s", cert->issuer,
	    cert->subject));
}

const char *
org_hybrid_cert_cn(struct rule_ctx *c, const struct org *org)
{
	const struct hybrid_config	*hc;
	size_t				 i;

	if (org == NULL)
		return NULL;
	ORG_FOREACH(org, K_HYBRID, const struct hybrid_config, hc, i)
		if (hc->has_tls_cert_name)
			return dn_get_cn(c->arena, hc->tls_cert_name.subject);
	return NULL;
}

int64_t
days_until(const struct rule_ctx *c, int64_t when)
{
	int64_t	d = when - c->asof;

	return d >= 0 ? d / 86400 : -((-d + 86399) / 86400);
}

const char *
join_strs(struct rule_ctx *c, const char *const *v, size_t n, size_t skip,
    const char *sep, const char *none)
{
	struct buf	 b = { 0 };
	const char	*r;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (i != skip)
			buf_printf(&b, "%s%s", b.p != NULL ? sep : "", v[i]);
	r = b.p != NULL ? arena_strdup(c->arena, b.p) : none;
	buf_free(&b);
	return r;
}

const char *
join_list(struct rule_ctx *c, const struct strlist *l, const char *none)
{
	return join_strs(c, l->v, l->n, JOIN_ALL, ", ", none);
}

const char *
ptr_key(char *buf, size_t len, const void *p)
{
	snprintf(buf, len, "%p", p);
	return buf;
}

const char *
ptr_pair_key(char *buf, size_t len, const void *a, const void *b)
{
	snprintf(buf, len, "%p|%p", a, b);
	return buf;
}

int
domain_arg_ok(const char *s)
{
	struct ipaddr	ip;
	const char	*b;

	if (s == NULL || !dn_valid(s, 1))
		return 0;
	b = strncmp(s, "*.", 2) == 0 ? s + 2 : s;
	return strchr(b, '.') != NULL && parse_ipaddr(b, &ip) == -1;
}

const char *
wild_base(const char *p)
{
	return strncmp(p, "*.", 2) == 0 ? p + 2 : p;
}

int
not_exported(struct rule_ctx *c, const struct obj *o, const char *prop,
    const char *reexport)
{
	if (obj_exported(o, prop))
		return 0;
	rule_undecided(c, o, rule_printf(c, "%s is not in the export", prop),
	    reexport);
	return 1;
}

void
no_export(struct rule_ctx *c, const struct obj *o, const struct org *org,
    const char *side, enum kind k)
{
	rule_undecided(c, o, rule_printf(c, "no %s%s export for organization "
	    "%s", side, kind_cmdlet(k), org->id), rule_printf(c, "%s | "
	    "Export-Clixml -Encoding utf8 %s.xml", kind_cmdlet(k),
	    kind_cmdlet(k)));
}

size_t
sc_source_hosts(struct rule_ctx *c, const struct send_connector *sc,
    const struct host **v, size_t max)
{
	const struct host	*h;
	size_t			 i, j, n = 0;

	for (i = 0; i < sc->source_servers.n && n < max; i++) {
		h = topo_find_host(c->t, sc->o.org, sc->source_servers.v[i]);
		if (h == NULL || (h->kind != HOST_SERVER &&
		    h->kind != HOST_EDGE))
			continue;
		for (j = 0; j < n && v[j] != h; j++)
			;
		if (j == n)
			v[n++] = h;
	}
	return n;
}

/* Does h hold what sc_sources_hold() asks for? */
static int
host_holds(struct rule_ctx *c, const struct host *h,
    const struct certificate *like, const char *name)
{
	const struct certificate	*x;
	size_t				 i;

	for (i = 0; i < h->ncerts; i++) {
		x = h->certs[i];
		if (like != NULL ? x->issuer != NULL && x->subject != NULL &&
		    x500_equal(x->issuer, like->issuer) &&
		    x500_equal(x->subject, like->subject) :
		    cert_smtp_enabled(x) != 0 && cert_is_valid_at(x, c->asof) &&
		    cert_not_public(c->arena, x) == NULL &&
		    cert_covers(x, name) == DN_EXACT)
			return 1;
	}
	return 0;
}

int
sc_sources_hold(struct rule_ctx *c, const struct send_connector *sc,
    const struct certificate *like, const char *name)
{
	const struct host	*hs[64];
	size_t			 i, nh;

	if (like != NULL ? like->issuer == NULL || like->subject == NULL :
	    name == NULL)
		return 0;
	nh = sc_source_hosts(c, sc, hs, 64);
	for (i = 0; i < nh; i++)
		if (!host_holds(c, hs[i], like, name))
			return 0;
	return 1;
}

const struct certificate *
host_renewal(struct rule_ctx *c, const struct host *h,
    const struct x509id *id)
{
	const struct certificate	*x, *best = NULL;
	const char			*cn;
	size_t				 i;
	int				 pass;

	cn = dn_get_cn(c->arena, id->subject);
	for (pass = 0; pass < 2 && best == NULL; pass++)
		for (i = 0; i < h->ncerts; i++) {
			x = h->certs[i];
			if (x->subject == NULL || x->issuer == NULL ||
			    x->self_signed == 1 || cert_smtp_enabled(x) == 0 ||
			    !cert_is_valid_at(x, c->asof))
				continue;
			if (pass == 0 ? !x500_equal(x->subject, id->subject) :
			    (cn == NULL || x->cn == NULL ||
			    strcasecmp(x->cn, cn) != 0))
				continue;
			if (best == NULL || x->not_after > best->not_after)
				best = x;
		}
	return best;
}

const char *
sc_edgesync_note(struct rule_ctx *c, const struct send_connector *sc)
{
	const struct host	*h;
	size_t			 i;

	for (i = 0; i < sc->source_servers.n; i++)
		if ((h = topo_find_host(c->t, sc->o.org,
		    sc->source_servers.v[i])) != NULL && h->kind == HOST_EDGE)
			return "\n# Run it on a Mailbox server; EdgeSync "
			    "replicates it to the Edge:\n"
			    "Start-EdgeSynchronization";
	return "";
}

const char *
org_tenant_name(struct rule_ctx *c, const struct org *org)
{
	const struct tenant	*tn = topo_tenant(c->t, org);

	return tn != NULL ? tn->name : org != NULL ? org->id : "?";
}

const struct outbound_connector *
tenant_cmt(const struct tenant *tn)
{
	const struct outbound_connector	*oc;
	size_t				 i;

	for (i = 0; i < tn->noutbound; i++) {
		oc = tn->outbound[i];
		if (oc->type == CT_ONPREMISES && oc_route(oc) &&
		    oc->route_all_via_onprem == 1)
			return oc;
	}
	return NULL;
}

struct strmap *
own_flows(struct rule_ctx *c)
{
	struct strmap		*own = strmap_new();
	const struct flow	*f;
	char			 k[32];
	size_t			 i;

	for (i = 0; i < c->s->nsent; i++) {
		f = c->s->sent[i];
		if (f->org != NULL && f->sc != NULL && sc_to_exo(f->sc))
			strmap_add(own, ptr_key(k, sizeof(k), f->org),
			    (void *)f);
	}
	return own;
}

int
flow_send_fault(struct rule_ctx *c, const struct flow *f)
{
	if (f->queued || f->tls_fail != TLSF_NONE)
		return 1;
	if (f->presenter == NULL || f->presenter->kind == HOST_GATEWAY)
		return 0;
	if (f->sel.how == SEL_FALLBACK || (f->sel.cert == NULL &&
	    f->presenter->ncerts > 0))
		return 1;
	return f->sel.cert != NULL &&
	    cert_not_public(c->arena, f->sel.cert) != NULL;
}

const char *
hybrid_cn(void *const *v, size_t n)
{
	const struct flow	*f;
	size_t			 i;

	for (i = 0; i < n; i++) {
		f = v[i];
		if (f->sel.cert != NULL && f->sel.cert->cn != NULL &&
		    sc_is_hybrid(f->sc) && f->sel.how != SEL_FALLBACK &&
		    f->sel.cert->self_signed != 1 &&
		    dn_valid(f->sel.cert->cn, 0))
			return f->sel.cert->cn;
	}
	return NULL;
}

const struct flow *
hybrid_cut_off(void *const *v, size_t n, const struct inbound_connector *ic,
    const char *name)
{
	const struct flow	*f;
	size_t			 i;

	for (i = 0; i < n; i++) {
		f = v[i];
		if (f->ic != ic || !sc_is_hybrid(f->sc))
			continue;
		if (f->sel.cert == NULL || cert_covers(f->sel.cert, name) !=
		    DN_EXACT)
			return f;
	}
	return NULL;
}

/* The rule whose fix makes a hybrid flow's TLS work again. */
static const char *
tls_fault_rule(const struct flow *f)
{
	switch (f->tls_fail) {
	case TLSF_NOT_FOUND:
		return "HYB031";
	case TLSF_UNUSABLE:
	case TLSF_EXPIRED:
		return "HYB033";
	default:
		return f->sel.inferred ? "HYB030" : "HYB035";
	}
}

const char *
narrow_first(struct rule_ctx *c, void *const *own, size_t nown,
    const struct inbound_connector *ic, const char *name)
{
	const struct flow	*f;
	size_t			 i;

	if ((f = hybrid_cut_off(own, nown, ic, name)) != NULL)
		return rule_printf(c, "# Apply HYB030's fix first: %s presents "
		    "%s for the hybrid send connector '%s', which %s does not "
		    "name; narrowing first would cut off %s's own hybrid "
		    "mail.\n", fix_note(c, f->presenter->name), fix_note(c,
		    f->sel.cert != NULL ? f->sel.cert->subject :
		    "no certificate"), fix_note(c, f->sc->o.name),
		    fix_note(c, name), fix_note(c, f->org->id));
	for (i = 0; i < nown; i++) {
		f = own[i];
		if (f->tls_fail == TLSF_NONE || f->sc == NULL ||
		    !sc_is_hybrid(f->sc))
			continue;
		return rule_printf(c, "# Apply %s's fix first: %s cannot "
		    "complete TLS with Exchange Online for the hybrid send "
		    "connector '%s' (it %spresents %s), so %s's hybrid mail "
		    "%squeues; once it presents %s, this connector accepts "
		    "it.\n", tls_fault_rule(f), fix_note(c,
		    f->presenter->name), fix_note(c, f->sc->o.name),
		    f->sel.inferred ? "presumably " : "", fix_note(c,
		    f->sel.cert != NULL ? f->sel.cert->subject :
		    "no certificate"), fix_note(c, f->org->id),
		    f->sel.inferred ? "presumably " : "", fix_note(c, name));
	}
	return "";
}

const char *
hcw_owns_note(struct rule_ctx *c, const struct inbound_connector *ic,
    const char *name)
{
	if (ic->source == NULL || strcasecmp(ic->source, "HybridWizard") != 0)
		return "";
	return rule_printf(c, "\n# The Hybrid Configuration Wizard owns this "
	    "connector: choose the %s certificate when you rerun it, or it "
	    "restores the old name.", fix_note(c, name));
}

const char *
srv_name(const struct host *h)
{
	return h->server != NULL && h->server->o.name != NULL ?
	    h->server->o.name : h->shortname;
}

const char *
cert_title(struct rule_ctx *c, const struct certificate *cert)
{
	return rule_printf(c, "%s%s%s%s", cert->subject != NULL ?
	    cert->subject : cert->o.name, cert->thumbprint != NULL ? " (" :
	    "", cert->thumbprint != NULL ? cert->thumbprint : "",
	    cert->thumbprint != NULL ? ")" : "");
}

/* Is s a plain DNS label or name, fit for a file name as it is? */
static int
plain_name(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

const char *
cert_export(struct rule_ctx *c, const char *server, const char *file)
{
	/* A comment, but one to be run by hand: the server is a literal. */
	return rule_printf(c, "# Export the certificates with their services "
	    "(Export-Clixml keeps only RawData):\n"
	    "# Get-ExchangeCertificate%s%s | Select-Object "
	    "Identity,Thumbprint,Subject,Issuer,CertificateDomains,Services,"
	    "Status,NotBefore,NotAfter,RootCAType,IsSelfSigned | "
	    "ConvertTo-Json -Depth " REEXPORT_DEPTH_TEXT " | Out-File "
	    "-Encoding utf8 "
	    "Get-ExchangeCertificate%s%s.json", server != NULL ? " -Server " :
	    "", server != NULL ? ps_quote(c, server) : "", file != NULL &&
	    plain_name(file) ? "-" : "", file != NULL && plain_name(file) ?
	    file : "");
}

void
cert_uses_init(struct cert_uses *u, int exchange_only)
{
	memset(u, 0, sizeof(*u));
	u->idx = strmap_new();
	u->exchange_only = exchange_only;
}

void
cert_uses_add(struct rule_ctx *c, struct cert_uses *u,
    const struct certificate *cert, const struct host *h, const char *what,
    const char *path)
{
	void *const	*v;
	size_t		*ip;
	char		 key[32];

	if (cert == NULL || (u->exchange_only && (h == NULL ||
	    h->kind == HOST_GATEWAY || cert->gateway != NULL)))
		return;
	ptr_key(key, sizeof(key), cert);
	if ((v = strmap_get(u->idx, key, NULL)) != NULL) {
		u->v[*(const size_t *)v[0]].more++;
		return;
	}
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->v = xreallocarray(u->v, u->cap, sizeof(*u->v));
	}
	u->v[u->n].cert = cert;
	u->v[u->n].h = h;
	u->v[u->n].what = what;
	u->v[u->n].path = path;
	u->v[u->n].more = 0;
	ip = arena_alloc(c->arena, sizeof(*ip));
	*ip = u->n++;
	strmap_add(u->idx, key, ip);
}

const struct certificate *
fqdn_cert_unusable(struct rule_ctx *c, const struct host *h,
    const struct send_connector *sc)
{
	const struct certificate	*x;
	const char			*name;
	size_t				 i;

	if (sc->has_tls_cert_name || h->kind == HOST_GATEWAY ||
	    (name = topo_connector_fqdn(h, sc)) == NULL)
		return NULL;
	for (i = 0; i < h->ncerts; i++) {
		x = h->certs[i];
		if (cert_smtp_enabled(x) != 0 && cert_covers(x, name) ==
		    DN_EXACT && !cert_is_valid_at(x, c->asof))
			return x;
	}
	return NULL;
}

/* Certificates connectors to Exchange Online select by Fqdn in vain. */
static void
uses_by_fqdn(struct rule_ctx *c, struct cert_uses *u,
    const struct send_connector *sc)
{
	const struct host		*hs[64];
	const struct certificate	*x;
	size_t				 i, nh;

	if (!sc_to_exo(sc) || sc->o.enabled == 0)
		return;
	nh = sc_source_hosts(c, sc, hs, 64);
	for (i = 0; i < nh; i++)
		if ((x = fqdn_cert_unusable(c, hs[i], sc)) != NULL)
			cert_uses_add(c, u, x, hs[i], rule_printf(c, "send "
			    "connector '%s' selects it by its Fqdn %s, and %s "
			    "falls back to another certificate meanwhile",
			    sc->o.name, topo_connector_fqdn(hs[i], sc),
			    hs[i]->name), NULL);
}

void
cert_uses_named(struct rule_ctx *c, struct cert_uses *u)
{
	const struct send_connector	*sc;
	const struct receive_connector	*rc;
	const struct hybrid_config	*hc;
	const struct host		*h;
	const struct strlist		*lists[3];
	const struct host		*seen[64];
	struct certsel			 sel;
	size_t				 i, j, k, l, nseen;

	MODEL_FOREACH(c->m, K_SEND, const struct send_connector, sc, i) {
		uses_by_fqdn(c, u, sc);
		if (!sc->has_tls_cert_name || sc->o.enabled == 0)
			continue;
		for (j = 0; j < sc->source_servers.n; j++) {
			h = topo_find_host(c->t, sc->o.org,
			    sc->source_servers.v[j]);
			if (h == NULL || (h->kind != HOST_SERVER &&
			    h->kind != HOST_EDGE))
				continue;
			topo_select_cert(c->t, h, sc, &sel);
			cert_uses_add(c, u, sel.cert, h, rule_printf(c,
			    "TlsCertificateName of send connector '%s' names "
			    "it", sc->o.name), NULL);
		}
	}
	MODEL_FOREACH(c->m, K_RECEIVE, const struct receive_connector, rc, i) {
		if (!rc->has_tls_cert_name || rc->o.enabled == 0)
			continue;
		h = topo_find_host(c->t, rc->o.org, rc->server);
		cert_uses_add(c, u, host_named_cert(h, &rc->tls_cert_name,
		    c->asof), h, rule_printf(c, "TlsCertificateName of receive "
		    "connector '%s' names it", rc->o.name), NULL);
	}
	MODEL_FOREACH(c->m, K_HYBRID, const struct hybrid_config, hc, i) {
		if (!hc->has_tls_cert_name)
			continue;
		lists[0] = &hc->sending_servers;
		lists[1] = &hc->receiving_servers;
		lists[2] = &hc->edge_servers;
		for (k = nseen = 0; k < 3; k++)
			for (j = 0; j < lists[k]->n && nseen < 64; j++) {
				h = topo_find_host(c->t, hc->o.org,
				    lists[k]->v[j]);
				for (l = 0; l < nseen && seen[l] != h; l++)
					;
				if (h == NULL || l < nseen)
					continue;
				seen[nseen++] = h;
				cert_uses_add(c, u, host_named_cert(h,
				    &hc->tls_cert_name, c->asof), h,
				    "TlsCertificateName of HybridConfiguration "
				    "names it", NULL);
			}
	}
}

const char *
cert_uses_more(struct rule_ctx *c, const struct cert_use *u)
{
	return u->more > 0 ? rule_printf(c, " (and %zu more use%s)", u->more,
	    u->more > 1 ? "s" : "") : "";
}

void
cert_uses_free(struct cert_uses *u)
{
	strmap_free(u->idx);
	free(u->v);
}

static const char *
ic_kind(const struct inbound_connector *ic)
{
	return ic->type == CT_ONPREMISES ? "OnPremises" : "Partner";
}

/* Add a connector's use of gateway h once; 0 when v is full. */
static int
gw_add(struct rule_ctx *c, const struct host *h, struct gw_use *v,
    size_t *n, size_t max, const struct inbound_connector *ic,
    const char *how, int by_cert)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (v[i].ic == ic)
			return 1;
	if (*n == max)
		return 0;
	v[*n].ic = ic;
	v[*n].tenant = topo_tenant(c->t, ic->o.org);
	v[*n].by_cert = by_cert;
	v[*n].what = rule_printf(c, "%s inbound connector '%s' of tenant %s "
	    "%s", ic_kind(ic), ic->o.name, org_tenant_name(c, ic->o.org), how);
	v[*n].path = rule_printf(c, "%s -> Exchange Online -> '%s' -> tenant "
	    "%s", h->name, ic->o.name, org_tenant_name(c, ic->o.org));
	(*n)++;
	return 1;
}

/* Connectors that name a name of the gateway's certificate. */
static void
gw_by_cert(struct rule_ctx *c, const struct host *h, struct gw_use *v,
    size_t *n, size_t max)
{
	const struct nameidx	*idx[2];
	const struct inbound_connector *ic;
	struct namehit		*hits;
	const char		**names;
	size_t			 i, j, k, nn, nh;

	idx[0] = &c->t->onprem_by_cert;
	idx[1] = &c->t->partner_by_cert;
	names = cert_names(c->arena, h->certs[0], &nn);
	for (k = 0; k < 2; k++)
		for (i = 0; i < nn; i++) {
			hits = nameidx_match(idx[k], names[i], &nh);
			for (j = 0; j < nh; j++) {
				ic = hits[j].v;
				gw_add(c, h, v, n, max, ic, rule_printf(c,
				    "accepts it: TlsSenderCertificateName "
				    "'%s' matches %s", ic->tls_sender_cert_name,
				    names[i]), 1);
			}
			free(hits);
		}
}

/* Connectors that list an address of the gateway. */
static void
gw_by_ip(struct rule_ctx *c, const struct host *h, struct gw_use *v,
    size_t *n, size_t max)
{
	const struct ipidx	*idx[2];
	const struct gateway	*g = h->gateway;
	void			**hits;
	size_t			 i, j, k, nh;

	idx[0] = &c->t->onprem_by_ip;
	idx[1] = &c->t->partner_by_ip;
	for (k = 0; k < 2; k++)
		for (i = 0; i < g->naddrs; i++) {
			hits = ipidx_match(idx[k], &g->addrs[i], &nh);
			for (j = 0; j < nh; j++)
				gw_add(c, h, v, n, max, hits[j], rule_printf(c,
				    "accepts its address %s in "
				    "SenderIPAddresses", g->addrs_text[i]), 0);
			free(hits);
		}
}

/* Domains of loaded tenants whose MX is the gateway. */
static void
gw_by_mx(struct rule_ctx *c, const struct host *h, struct gw_use *v,
    size_t *n, size_t max)
{
	const struct mxentry		*e;
	const struct accepted_domain	*ad;
	void *const			*ads;
	size_t				 i, j, na;
	int				 l;

	for (i = 0; i < c->m->nmx && *n < max; i++) {
		e = &c->m->mx[i];
		for (j = 0; j < e->nhosts; j++)
			if (topo_find_host(c->t, NULL, e->hosts[j]) == h)
				break;
		if (j == e->nhosts || (ads = domidx_lookup(&c->t->exo_domains,
		    e->domain, &na, &l)) == NULL)
			continue;
		ad = ads[0];
		v[*n].ic = NULL;
		v[*n].tenant = topo_tenant(c->t, ad->o.org);
		v[*n].by_cert = 0;
		v[*n].what = rule_printf(c, "the MX of %s (tenant %s) is %s, "
		    "which relays its mail to Exchange Online", e->domain,
		    org_tenant_name(c, ad->o.org), h->name);
		v[*n].path = rule_printf(c, "MX %s -> %s -> Exchange Online "
		    "-> tenant %s", e->domain, h->name,
		    org_tenant_name(c, ad->o.org));
		(*n)++;
	}
}

size_t
gateway_uses(struct rule_ctx *c, const struct host *h, struct gw_use *v,
    size_t max)
{
	size_t	n = 0;

	if (h->gateway == NULL)
		return 0;
	if (h->ncerts > 0)
		gw_by_cert(c, h, v, &n, max);
	gw_by_ip(c, h, v, &n, max);
	gw_by_mx(c, h, v, &n, max);
	return n;
}

const char *
waiver_object(struct rule_ctx *c, const struct waiver *w)
{
	return rule_printf(c, "%s %s", w->rule->id, w->object);
}

const char *
waiver_text(struct rule_ctx *c, const struct waiver *w)
{
	return rule_printf(c, "waiver for %s on '%s'%s%s", w->rule->id,
	    w->object, w->organization != NULL ? " in organization " : "",
	    w->organization != NULL ? w->organization : "");
}
