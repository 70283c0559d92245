/*
 * sim.c: flows into Exchange Online and their attribution.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim.h"
#include "xalloc.h"

/* Domains a recipient of a flow can be in. */
struct rcpt {
	const char	*domain;	/* NULL: any domain hosted in EXO */
	int		 assumed;
	int		 exo;		/* hosted in EXO (declared or assumed) */
};

static void
hop(struct arena *a, struct flow *f, const struct obj *o, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
hop(struct arena *a, struct flow *f, const struct obj *o, const char *fmt, ...)
{
	va_list	 ap;

	f->hops = xreallocarray(f->hops, f->nhops + 1, sizeof(*f->hops));
	va_start(ap, fmt);
	f->hops[f->nhops].text = arena_vprintf(a, fmt, ap);
	va_end(ap);
	f->hops[f->nhops].obj = o;
	f->nhops++;
}

/* Is 'domain' hosted in Exchange Online per dns.mx? 1 yes, 0 no, -1 unknown. */
static int
mx_is_exo(const struct model *m, const char *domain)
{
	size_t	i, j;

	for (i = 0; i < m->nmx; i++) {
		if (strcmp(m->mx[i].domain, domain) != 0)
			continue;
		for (j = 0; j < m->mx[i].nhosts; j++)
			if (dn_is_exo_endpoint(m->mx[i].hosts[j]))
				return 1;
		return 0;
	}
	if (dn_is_exo_endpoint(domain) || dn_is_subdomain(domain,
	    "onmicrosoft.com"))
		return 1;
	return -1;
}

/* The organization's own mail domain: default accepted domain first. */
static const char *
org_domain(const struct topo *t, const struct org *org)
{
	const struct accepted_domain	*ad, *first = NULL;
	size_t				 i;

	MODEL_FOREACH(t->m, K_ACCEPTED, const struct accepted_domain, ad, i) {
		if (ad->o.org != org || ad->domain == NULL ||
		    ad->domain[0] == '*' || ad->o.side != SIDE_ONPREM)
			continue;
		if (ad->is_default == 1)
			return ad->domain;
		if (first == NULL && ad->type != AD_EXTERNAL_RELAY &&
		    !dn_is_exo_endpoint(ad->domain))
			first = ad;
	}
	return first != NULL ? first->domain : NULL;
}

static const char *
tenant_label(const struct tenant *tn)
{
	return tn != NULL ? tn->name : "a tenant not in the inputs";
}

/*
 * The number of labels of the tenant's most specific accepted domain that
 * contains one of the certificate names, 0 for none.  Exchange Online
 * compares the certificate domain with accepted domains by suffix
 * [inference: S2 and S42 say "matches" without detail].
 */
static int
tenant_best_labels(const struct tenant *tn, const char **names, size_t n)
{
	const struct accepted_domain	*ad;
	size_t				 i, j;
	int				 best = 0, l;
	const char			*d, *p;

	for (i = 0; i < tn->ndomains; i++) {
		ad = tn->domains[i];
		d = ad->domain[0] == '*' && ad->domain[1] == '.' ?
		    ad->domain + 2 : ad->domain;
		for (j = 0; j < n; j++) {
			if (!dn_is_subdomain(names[j], d))
				continue;
			for (l = 1, p = d; *p; p++)
				if (*p == '.')
					l++;
			if (l > best)
				best = l;
		}
	}
	return best;
}

static void
add_match(struct flow *f, const struct topo *t,
    const struct inbound_connector *ic, enum dn_match how, const char *name,
    int by_ip)
{
	size_t	i;

	for (i = 0; i < f->nmatches; i++)
		if (f->matches[i].ic == ic)
			return;
	f->matches = xreallocarray(f->matches, f->nmatches + 1,
	    sizeof(*f->matches));
	f->matches[f->nmatches].ic = ic;
	f->matches[f->nmatches].tenant = topo_tenant(t, ic->o.org);
	f->matches[f->nmatches].how = how;
	f->matches[f->nmatches].name = name;
	f->matches[f->nmatches].by_ip = by_ip;
	f->nmatches++;
}

static const char *
how_text(enum dn_match how)
{
	switch (how) {
	case DN_EXACT:
		return "exactly";
	case DN_WILDCARD:
		return "by wildcard";
	case DN_APEX:
		return "by wildcard apex [inference: apex match modelled]";
	default:
		return "";
	}
}

static const char *
scope_name(int64_t s)
{
	const char	*n = enum_name(model_journal_scopes, s);

	return n != NULL ? n : "unknown scope";
}

static int
tenant_has_domain(const struct tenant *tn, const char *domain)
{
	size_t	i;

	if (domain == NULL)
		return 0;
	for (i = 0; i < tn->ndomains; i++)
		if (strcmp(tn->domains[i]->domain, domain) == 0 ||
		    (tn->domains[i]->match_subdomains == 1 &&
		    dn_is_subdomain(domain, tn->domains[i]->domain)))
			return 1;
	return 0;
}

static void
journal(struct sim *s, struct flow *f)
{
	const struct tenant	*tn = f->tenant;
	const struct journal_rule *jr;
	int			 sender_in, rcpt_in;
	size_t			 i;

	if (tn == NULL)
		return;
	sender_in = tenant_has_domain(tn, f->mail_from);
	rcpt_in = tenant_has_domain(tn, f->rcpt);
	for (i = 0; i < tn->njournal; i++) {
		jr = tn->journal[i];
		if (jr->o.enabled == 0)
			continue;
		if (jr->recipient != NULL) {
			const char *at = strrchr(jr->recipient, '@');

			/* A per-recipient rule catches this flow only for
			 * a recipient in the flow's recipient domain. */
			if (f->rcpt == NULL || at == NULL ||
			    strcasecmp(at + 1, f->rcpt) != 0)
				continue;
		}
		if (jr->scope == JS_INTERNAL && !(sender_in && rcpt_in))
			continue;
		if (jr->scope == JS_EXTERNAL && sender_in && rcpt_in)
			continue;
		f->journal = xreallocarray(f->journal, f->njournal + 1,
		    sizeof(*f->journal));
		f->journal[f->njournal++] = jr;
		hop(s->arena, f, &jr->o, "journal rule '%s' (Scope %s%s%s) of "
		    "tenant %s captures it and sends a report to %s",
		    jr->o.name, scope_name(jr->scope), jr->recipient ?
		    ", recipient " : "", jr->recipient ? jr->recipient : "",
		    tn->name, jr->journal_address ? jr->journal_address : "?");
	}
}

/*
 * Among the tenants whose connectors matched the certificate, the one
 * whose accepted domain contains a certificate name most specifically;
 * *best is that number of labels (0: none), *ambiguous set on a tie.
 */
static const struct tenant *
narrow_by_domain(const struct flow *f, const char **names, size_t nnames,
    int *best, int *ambiguous)
{
	const struct tenant	*cand[16], *tn;
	size_t			 i, j, ncand = 0;
	int			 l;

	*best = -1;
	for (i = 0; i < f->nmatches && ncand < 16; i++) {
		if ((tn = f->matches[i].tenant) == NULL)
			continue;
		l = tenant_best_labels(tn, names, nnames);
		if (l > *best) {
			*best = l;
			ncand = 0;
		}
		if (l == *best) {
			for (j = 0; j < ncand && cand[j] != tn; j++)
				;
			if (j == ncand)
				cand[ncand++] = tn;
		}
	}
	*ambiguous = ncand > 1;
	return ncand > 0 ? cand[0] : f->matches[0].tenant;
}

/*
 * Step 1, the certificate: its names against the OnPremises connectors
 * of every tenant; the sender's domain plays no part.  Originating.
 */
static int
by_cert(struct sim *s, struct flow *f, const char **names, size_t nnames)
{
	const struct topo	*t = s->t;
	struct arena		*a = s->arena;
	const struct exomatch	*x;
	struct namehit		*hits;
	size_t			 i, j, nh;
	int			 best;

	for (i = 0; i < nnames; i++) {
		hits = nameidx_match(&t->onprem_by_cert, names[i], &nh);
		for (j = 0; j < nh; j++)
			add_match(f, t, hits[j].v, hits[j].how, names[i], 0);
		free(hits);
	}
	if (f->nmatches == 0) {
		if (f->sel.cert != NULL)
			hop(a, f, NULL, "no OnPremises inbound connector of any "
			    "loaded tenant accepts the certificate names %s%s",
			    nnames > 0 ? names[0] : "(none)",
			    nnames > 1 ? ", ..." : "");
		return 0;
	}
	for (i = 0; i < f->nmatches; i++) {
		x = &f->matches[i];
		hop(a, f, &x->ic->o, "certificate name %s matches "
		    "TlsSenderCertificateName '%s' of OnPremises inbound "
		    "connector '%s' of tenant %s %s", x->name,
		    x->ic->tls_sender_cert_name, x->ic->o.name,
		    tenant_label(x->tenant), how_text(x->how));
	}
	f->tenant = narrow_by_domain(f, names, nnames, &best, &f->ambiguous);
	f->originating = 1;
	for (i = 0; i < f->nmatches && f->ic == NULL; i++)
		if (f->matches[i].tenant == f->tenant)
			f->ic = f->matches[i].ic;
	for (i = 0; i < f->nmatches; i++)
		if (f->matches[i].tenant == f->tenant &&
		    f->matches[i].how == DN_EXACT)
			break;
	f->attribution = arena_printf(a, "attributed to tenant %s by its "
	    "OnPremises inbound connector '%s' (certificate step): "
	    "Originating%s%s%s", tenant_label(f->tenant), f->ic->o.name,
	    i == f->nmatches ? arena_printf(a, "; only the wildcard '%s' "
	    "accepts this certificate", f->ic->tls_sender_cert_name) : "",
	    best <= 0 ? "; the certificate domain is not an accepted domain "
	    "of that tenant [inference: attribution modelled anyway]" : "",
	    f->ambiguous ? "; several tenants match equally well "
	    "[inference: first one shown]" : "");
	return 1;
}

/*
 * Step 2, the connecting address: SenderIPAddresses of OnPremises
 * connectors, narrowed to the tenant whose accepted domains contain the
 * MAIL FROM domain.  Originating.
 */
static int
by_ip(struct sim *s, struct flow *f, const char **names, size_t nnames)
{
	const struct topo		*t = s->t;
	const struct gateway		*g;
	const struct inbound_connector	*ic;
	const struct tenant		*tn;
	void				**ips;
	size_t				 i, j, nh;

	(void)names;
	(void)nnames;
	if (f->presenter == NULL || (g = f->presenter->gateway) == NULL)
		return 0;
	for (i = 0; i < g->naddrs; i++) {
		ips = ipidx_match(&t->onprem_by_ip, &g->addrs[i], &nh);
		for (j = 0; j < nh; j++) {
			ic = ips[j];
			tn = topo_tenant(t, ic->o.org);
			add_match(f, t, ic, DN_NONE, g->addrs_text[i], 1);
			hop(s->arena, f, &ic->o, "address %s is in "
			    "SenderIPAddresses of OnPremises inbound connector "
			    "'%s' of tenant %s", g->addrs_text[i], ic->o.name,
			    tenant_label(tn));
			if (f->tenant == NULL && tn != NULL &&
			    tenant_has_domain(tn, f->mail_from)) {
				f->tenant = tn;
				f->ic = ic;
			}
		}
		free(ips);
	}
	if (f->tenant == NULL)
		return 0;
	f->originating = 1;
	f->attribution = arena_printf(s->arena, "attributed to tenant %s by "
	    "OnPremises inbound connector '%s' (IP step with MAIL FROM %s): "
	    "Originating", f->tenant->name, f->ic->o.name, f->mail_from);
	return 1;
}

/*
 * Step 3, the recipient: the tenant whose accepted domain holds the RCPT
 * TO domain, through a Partner connector of it that matches the
 * certificate if one does.  Incoming.
 */
static int
by_rcpt(struct sim *s, struct flow *f, const char **names, size_t nnames)
{
	const struct topo	*t = s->t;
	struct namehit		*hits;
	void *const		*ads;
	size_t			 i, j, nh;
	int			 l;

	if (f->rcpt != NULL &&
	    (ads = domidx_lookup(&t->exo_domains, f->rcpt, &nh, &l)) != NULL)
		f->tenant = topo_tenant(t, ((const struct accepted_domain *)
		    ads[0])->o.org);
	for (i = 0; f->tenant != NULL && i < nnames && f->ic == NULL; i++) {
		hits = nameidx_match(&t->partner_by_cert, names[i], &nh);
		for (j = 0; j < nh && f->ic == NULL; j++)
			if (topo_tenant(t, ((const struct inbound_connector *)
			    hits[j].v)->o.org) == f->tenant)
				f->ic = hits[j].v;
		free(hits);
	}
	f->attribution = arena_printf(s->arena, "attributed by recipient "
	    "domain %s to %s%s%s: Incoming, not Originating", f->rcpt != NULL ?
	    f->rcpt : "(any domain hosted in Exchange Online)",
	    f->tenant != NULL ? "tenant " : "", tenant_label(f->tenant),
	    f->ic != NULL ? arena_printf(s->arena, " through its Partner "
	    "connector '%s'", f->ic->o.name) : "");
	return 1;
}

/* Exchange Online's attribution steps, in the order it tries them. */
static const struct {
	enum attr_step	 step;
	int		(*fn)(struct sim *, struct flow *, const char **,
			    size_t);
} attr_steps[] = {
	{ ATTR_CERT, by_cert },
	{ ATTR_IP, by_ip },
	{ ATTR_RCPT, by_rcpt },
};

/* Decide the tenant, the connector and the direction. */
static void
attribute(struct sim *s, struct flow *f)
{
	const char	**names = NULL;
	size_t		  nnames = 0, i;

	if (f->sel.cert != NULL)
		names = cert_names(s->arena, f->sel.cert, &nnames);
	for (i = 0; i < sizeof(attr_steps) / sizeof(attr_steps[0]); i++) {
		f->step = attr_steps[i].step;
		if (attr_steps[i].fn(s, f, names, nnames))
			break;
	}
	f->foreign = f->originating && f->tenant != NULL &&
	    f->tenant->org != f->org;
	hop(s->arena, f, f->ic != NULL ? &f->ic->o : NULL, "%s",
	    f->attribution);
	journal(s, f);
}

/* Recipient domains a send connector's address spaces lead to in EXO. */
static size_t
rcpts_of(const struct topo *t, const struct send_connector *sc,
    int direct_to_exo, struct rcpt *out, size_t max)
{
	const struct model	*m = t->m;
	const struct addrspace	*as;
	size_t			 i, j, n = 0;
	int			 any = 0, e;

	for (i = 0; i < sc->naddress_spaces && n < max; i++) {
		as = &sc->address_spaces[i];
		if (strcmp(as->type, "SMTP") != 0)
			continue;
		if (as->domain[0] != '*') {
			e = mx_is_exo(m, as->domain);
			if (e == 0 && !direct_to_exo)
				continue;
			out[n].domain = as->domain;
			out[n].assumed = e < 0;
			out[n].exo = 1;
			n++;
			continue;
		}
		any = 1;
		for (j = 0; j < m->nmx && n < max; j++)
			if (mx_is_exo(m, m->mx[j].domain) == 1 &&
			    addrspace_match(as, m->mx[j].domain) >= 0) {
				out[n].domain = m->mx[j].domain;
				out[n].assumed = 0;
				out[n].exo = 1;
				n++;
			}
	}
	if (any && n < max) {
		out[n].domain = NULL;
		out[n].assumed = 1;
		out[n].exo = 1;
		n++;
	}
	return n;
}

static struct flow *
new_flow(struct sim *s, struct org *org, const struct send_connector *sc,
    const struct host *source, const struct smarthost *sh,
    const struct rcpt *r, const char *mail_from)
{
	struct flow	*f;

	f = arena_alloc(s->arena, sizeof(*f));
	f->org = org;
	f->sc = sc;
	f->source = source;
	f->smarthost = sh;
	f->rcpt = r->domain;
	f->rcpt_assumed = r->assumed;
	f->mail_from = mail_from != NULL ? mail_from : org_domain(s->t, org);
	if (f->mail_from == NULL)
		f->mail_from = org->id;
	return f;
}

/* Route one flow from its first hop to Exchange Online. */
static void
route(struct sim *s, struct flow *f)
{
	struct arena		*a = s->arena;
	const struct topo	*t = s->t;
	const struct host	*next;

	hop(a, f, &f->sc->o, "organization %s sends through send connector "
	    "'%s'%s%s", f->org->id, f->sc->o.name, f->source != NULL ?
	    " on " : "", f->source != NULL ? f->source->name : "");
	if (f->smarthost != NULL) {
		next = topo_find_host(t, f->org, f->smarthost->host);
		if (next == NULL) {
			f->why_not = arena_printf(a, "smart host %s is not "
			    "described by the inputs (declare it in "
			    "topology.json \"gateways\" to follow it)",
			    f->smarthost->host);
			hop(a, f, NULL, "%s", f->why_not);
			return;
		}
		if (next->kind == HOST_GATEWAY) {
			hop(a, f, NULL, "smart host %s is gateway %s%s%s, which "
			    "relays the message and connects to Exchange "
			    "Online itself", f->smarthost->host,
			    next->gateway->id, next->org != NULL ?
			    " operated by " : "", next->org != NULL ?
			    next->org->id : "");
			f->presenter = next;
		} else if (next->kind == HOST_EXO) {
			hop(a, f, NULL, "smart host %s is Exchange Online",
			    f->smarthost->host);
			f->presenter = f->source;
		} else {
			f->why_not = arena_printf(a, "smart host %s is the "
			    "on-premises server %s; its own send connectors "
			    "decide the next hop", f->smarthost->host,
			    next->name);
			hop(a, f, NULL, "%s", f->why_not);
			return;
		}
	} else {
		hop(a, f, NULL, "DNS routing: the MX of %s is Exchange Online%s",
		    f->rcpt != NULL ? f->rcpt : "a recipient domain hosted "
		    "there", f->rcpt_assumed ? " (assumed: no dns.mx entry "
		    "says otherwise)" : "");
		f->presenter = f->source;
	}
	if (f->presenter == NULL) {
		f->why_not = arena_printf(a, "send connector '%s' names no "
		    "source server, so the presented certificate is unknown",
		    f->sc->o.name);
		hop(a, f, NULL, "%s", f->why_not);
		return;
	}
	f->reaches_exo = 1;
	topo_select_cert(t, f->presenter, f->presenter->kind == HOST_GATEWAY ?
	    NULL : f->sc, &f->sel);
	hop(a, f, f->sel.cert != NULL ? &f->sel.cert->o : NULL,
	    "%s connects to Exchange Online and presents %s: %s",
	    f->presenter->name, f->sel.cert != NULL ? (f->sel.cert->cn ?
	    f->sel.cert->cn : f->sel.cert->subject) : "no certificate",
	    f->sel.reason);
	hop(a, f, NULL, "MAIL FROM domain %s, RCPT TO domain %s%s",
	    f->mail_from, f->rcpt != NULL ? f->rcpt :
	    "(any domain hosted in Exchange Online)", f->rcpt_assumed &&
	    f->rcpt != NULL ? " (assumed hosted in Exchange Online)" : "");
	attribute(s, f);
}

static void
push(struct sim *s, struct flow *f)
{
	s->flows = xreallocarray(s->flows, s->nflows + 1, sizeof(*s->flows));
	s->flows[s->nflows++] = f;
}

/* Flows of one send connector, for every source server and next hop. */
static void
connector_flows(struct sim *s, struct org *org, const struct send_connector *sc,
    const char *only_rcpt, const char *mail_from, struct vec *out)
{
	const struct topo	*t = s->t;
	struct rcpt		 rc[64], one;
	const struct host	*src[64];
	size_t			 nsrc = 0, nr, i, j, k;
	const struct host	*h;
	int			 direct;
	struct flow		*f;

	for (i = 0; i < sc->source_servers.n && nsrc < 64; i++)
		if ((h = topo_find_host(t, org, sc->source_servers.v[i])) != NULL)
			src[nsrc++] = h;
	if (nsrc == 0)
		src[nsrc++] = NULL;
	for (k = 0; k < (sc->nsmart_hosts > 0 ? sc->nsmart_hosts : 1); k++) {
		const struct smarthost *sh = sc->nsmart_hosts > 0 ?
		    &sc->smart_hosts[k] : NULL;
		const struct host *next = sh != NULL ?
		    topo_find_host(t, org, sh->host) : NULL;

		direct = sh == NULL || (next != NULL && next->kind == HOST_EXO);
		if (only_rcpt != NULL) {
			int e = mx_is_exo(t->m, only_rcpt);

			one.domain = only_rcpt;
			one.assumed = e < 0;
			one.exo = e != 0;
			rc[0] = one;
			nr = 1;
		} else
			nr = rcpts_of(t, sc, direct, rc, 64);
		for (j = 0; j < nr; j++) {
			/* A gateway presents its own certificate whatever
			 * server handed it the message: one flow. */
			for (i = 0; i < nsrc; i++) {
				f = new_flow(s, org, sc, src[i], sh, &rc[j],
				    mail_from);
				if (!rc[j].exo) {
					f->why_not = arena_printf(s->arena,
					    "the MX of %s is not Exchange "
					    "Online", rc[j].domain);
					hop(s->arena, f, &sc->o, "%s",
					    f->why_not);
				} else
					route(s, f);
				vec_push(out, f);
				if (next != NULL && next->kind == HOST_GATEWAY)
					break;
			}
		}
	}
}

static int
connector_usable(const struct send_connector *sc)
{
	return sc->o.enabled != 0 && sc->o.side == SIDE_ONPREM &&
	    sc->o.org != NULL;
}

struct sim *
sim_new(struct topo *t)
{
	struct sim	*s;

	s = xcalloc(1, sizeof(*s));
	s->t = t;
	s->arena = arena_new();
	return s;
}

struct sim *
sim_run(struct topo *t)
{
	struct sim			*s = sim_new(t);
	const struct send_connector	*sc;
	struct vec			 v = { 0 };
	size_t				 i, j;

	MODEL_FOREACH(t->m, K_SEND, const struct send_connector, sc, i) {
		if (!connector_usable(sc))
			continue;
		connector_flows(s, sc->o.org, sc, NULL, NULL, &v);
		for (j = 0; j < v.n; j++)
			if (((struct flow *)v.v[j])->reaches_exo)
				push(s, v.v[j]);
			else {
				free(((struct flow *)v.v[j])->hops);
				free(((struct flow *)v.v[j])->matches);
				free(((struct flow *)v.v[j])->journal);
			}
		v.n = 0;
	}
	vec_free(&v);
	return s;
}

void
sim_free(struct sim *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nflows; i++) {
		free(s->flows[i]->hops);
		free(s->flows[i]->matches);
		free(s->flows[i]->journal);
	}
	free(s->flows);
	arena_free(s->arena);
	free(s);
}

static const char *
domain_of(const char *addr)
{
	const char	*at = strrchr(addr, '@');

	return at != NULL ? at + 1 : addr;
}

/* --from: an organization id, else a host; 0, or -1 after an error. */
static int
resolve_from(const struct topo *t, const char *from, struct org **org,
    const struct host **h, struct diags *diags)
{
	const struct host	*x;
	size_t			 i;

	*org = NULL;
	*h = NULL;
	for (i = 0; i < t->m->norgs; i++)
		if (strcasecmp(t->m->orgs[i]->id, from) == 0)
			*org = t->m->orgs[i];
	if (*org != NULL)
		return 0;
	for (i = 0; i < t->nhosts && *h == NULL; i++) {
		x = t->hosts[i];
		if ((x->fqdn != NULL && strcasecmp(x->fqdn, from) == 0) ||
		    strcasecmp(x->shortname, from) == 0 ||
		    (x->gateway != NULL && strcasecmp(x->gateway->id,
		    from) == 0))
			*h = x;
	}
	if (*h == NULL) {
		diag_add(diags, SEV_ERROR, NULL, 0, 0, "--from %s names no "
		    "organization or host of the inputs", from);
		return -1;
	}
	*org = (*h)->org;
	if (*org == NULL && (*h)->kind != HOST_GATEWAY) {
		diag_add(diags, SEV_ERROR, NULL, 0, 0, "host %s belongs to "
		    "no organization", from);
		return -1;
	}
	return 0;
}

/* A message a gateway relays itself, to the MX of its recipient. */
static struct flow *
gateway_flow(struct sim *s, struct org *org, const struct host *h,
    const char *mf, const char *rcpt)
{
	struct flow	*f;
	int		 assumed = mx_is_exo(s->t->m, rcpt) < 0;

	f = arena_alloc(s->arena, sizeof(*f));
	f->org = org;
	f->rcpt = rcpt;
	f->rcpt_assumed = assumed;
	f->mail_from = mf;
	f->presenter = h;
	f->reaches_exo = 1;
	hop(s->arena, f, NULL, "gateway %s relays the message to the MX of "
	    "%s, Exchange Online%s", h->name, rcpt, assumed ?
	    " (assumed: no dns.mx entry says otherwise)" : "");
	topo_select_cert(s->t, h, NULL, &f->sel);
	hop(s->arena, f, f->sel.cert ? &f->sel.cert->o : NULL,
	    "%s presents %s", h->name, f->sel.reason);
	attribute(s, f);
	return f;
}

/* Does send connector sc list host h among its source servers? */
static int
sends_from(const struct topo *t, const struct send_connector *sc,
    const struct host *h)
{
	size_t	i;

	for (i = 0; i < sc->source_servers.n; i++)
		if (topo_find_host(t, sc->o.org, sc->source_servers.v[i]) == h)
			return 1;
	return 0;
}

/*
 * The send connector Exchange picks for rcpt: the most specific address
 * space, then the lowest cost; only those of host h when it is given.
 */
static const struct send_connector *
pick_connector(const struct topo *t, const struct org *org,
    const struct host *h, const char *rcpt, int *bestscore, int *bestcost)
{
	const struct send_connector	*sc, *best = NULL;
	size_t				 i, j;
	int				 score;

	*bestscore = -1;
	*bestcost = 0;
	MODEL_FOREACH(t->m, K_SEND, const struct send_connector, sc, i) {
		if (!connector_usable(sc) || sc->o.org != org ||
		    (h != NULL && !sends_from(t, sc, h)))
			continue;
		for (j = 0; j < sc->naddress_spaces; j++) {
			score = addrspace_match(&sc->address_spaces[j], rcpt);
			if (score < 0)
				continue;
			if (score > *bestscore || (score == *bestscore &&
			    sc->address_spaces[j].cost < *bestcost)) {
				best = sc;
				*bestscore = score;
				*bestcost = sc->address_spaces[j].cost;
			}
		}
	}
	return best;
}

struct flow **
sim_trace(struct sim *s, const char *from, const char *mail_from,
    const char *rcpt_to, size_t *n, struct diags *diags)
{
	const struct topo		*t = s->t;
	const struct send_connector	*best;
	struct org			*org;
	const struct host		*h;
	struct vec			 v = { 0 };
	struct flow			*f, **out;
	const char			*rcpt, *mf;
	int				 bestscore, bestcost;
	size_t				 i;

	*n = 0;
	rcpt = dn_normalize(s->arena, domain_of(rcpt_to));
	mf = dn_normalize(s->arena, domain_of(mail_from));
	if (resolve_from(t, from, &org, &h, diags) == -1)
		return NULL;
	out = xcalloc(2, sizeof(*out));
	if (h != NULL && h->kind == HOST_GATEWAY) {
		out[(*n)++] = f = gateway_flow(s, org, h, mf, rcpt);
		push(s, f);
		return out;
	}
	if ((best = pick_connector(t, org, h, rcpt, &bestscore,
	    &bestcost)) == NULL) {
		diag_add(diags, SEV_ERROR, NULL, 0, 0, "no enabled send "
		    "connector of %s%s%s has an address space for %s", org->id,
		    h ? " on " : "", h ? h->name : "", rcpt);
		free(out);
		return NULL;
	}
	connector_flows(s, org, best, rcpt, mf, &v);
	out = xreallocarray(out, v.n + 1, sizeof(*out));
	for (i = 0; i < v.n; i++) {
		f = v.v[i];
		f->hops[0].text = arena_printf(s->arena, "%s; it wins for %s "
		    "by its most specific address space (%d matching "
		    "labels) at the lowest cost (%d)", f->hops[0].text, rcpt,
		    bestscore / 2, bestcost);
		if (h != NULL && f->source != NULL && f->source != h) {
			free(f->hops);
			free(f->matches);
			free(f->journal);
			continue;
		}
		out[(*n)++] = f;
		push(s, f);
	}
	vec_free(&v);
	return out;
}

const char *
flow_path(struct arena *a, const struct flow *f)
{
	struct buf	b = { 0 };
	char		*r;

	buf_printf(&b, "%s -> SendConnector '%s'", f->org != NULL ?
	    f->org->id : "?", f->sc != NULL ? f->sc->o.name : "?");
	if (f->source != NULL && f->presenter != f->source)
		buf_printf(&b, " on %s", f->source->name);
	if (f->presenter != NULL) {
		buf_printf(&b, " -> %s", f->presenter->name);
		if (f->sel.cert != NULL)
			buf_printf(&b, " (%s)", f->sel.cert->subject);
	}
	buf_adds(&b, " -> Exchange Online");
	if (f->ic != NULL)
		buf_printf(&b, " -> '%s'", f->ic->o.name);
	if (f->tenant != NULL)
		buf_printf(&b, " -> tenant %s", f->tenant->name);
	r = arena_strdup(a, b.p);
	buf_free(&b);
	return r;
}
