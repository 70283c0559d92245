/*
 * HYB051 hybrid-domain-not-routed.
 *
 * A hybrid domain (HybridConfiguration.Domains on premises, or
 * OnPremisesOrganization.HybridDomains in Exchange Online) that no enabled
 * OnPremises outbound connector of the organization's tenant covers, so
 * Exchange Online does not route mail for that domain's on-premises
 * recipients over the hybrid connector.  Only judged when the tenant's
 * outbound connectors were exported.  Also, as a warning resting on an
 * inference, an OnPremises outbound connector with
 * RouteAllMessagesViaOnPremises $true whose RecipientDomains is not *.
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "index.h"
#include "rule.h"
#include "strmap.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  Exchange Online sends mail to on-premises recipients of a hybrid\n"
"  domain over the OnPremises outbound connector that the Hybrid\n"
"  Configuration Wizard creates ('Outbound to <GUID>'), whose\n"
"  RecipientDomains lists the hybrid domains (or * with centralized mail\n"
"  transport). When no enabled OnPremises outbound connector covers a\n"
"  domain, Exchange Online delivers mail for that domain's on-premises\n"
"  recipients by MX lookup instead: over the internet as external mail\n"
"  (no cross-premises headers, no TLS authentication of the hybrid\n"
"  endpoint), or, when the MX points back to Exchange Online or to a\n"
"  gateway that relays to it, in a loop that ends in\n"
"  554 5.4.14 Hop count exceeded - possible mail loop (ATTR34).\n"
"\n"
"  hybridlint checks every domain of HybridConfiguration.Domains and\n"
"  OnPremisesOrganization.HybridDomains that the tenant accepts (except\n"
"  its own *.onmicrosoft.com domains; a hybrid domain the tenant does not\n"
"  accept is HYB061's finding) against the RecipientDomains of the\n"
"  organization's enabled OnPremises outbound connectors that are not\n"
"  transport-rule scoped: an entry * covers every domain, an exact entry\n"
"  its domain, *.d every name below d (and d itself, which hybridlint\n"
"  accepts to avoid a false alarm), and AllAcceptedDomains $true every\n"
"  accepted domain of the tenant. It judges only organizations whose\n"
"  outbound connectors were exported.\n"
"\n"
"  It also warns about an OnPremises outbound connector with\n"
"  RouteAllMessagesViaOnPremises $true (centralized mail transport) whose\n"
"  RecipientDomains is not *. The parameter routes \"all messages\n"
"  serviced by this connector\" through on-premises, and RecipientDomains\n"
"  decides which messages the connector services: with a narrower list,\n"
"  mail to the internet and to other domains does not pass through\n"
"  on-premises, which defeats centralized transport. The Hybrid\n"
"  Configuration Wizard creates the centralized-transport connector with\n"
"  RecipientDomains *.\n"
"\n"
"Why Exchange Online does it\n"
"  Outbound connectors are chosen by recipient domain; mail for which no\n"
"  connector matches is delivered by MX (\"Set up connectors to route mail\n"
"  between Microsoft 365 and your own email servers\"). The hybrid\n"
"  domains are the ones the HCW writes into RecipientDomains.\n"
"\n"
"How to confirm\n"
"  Get-OnPremisesOrganization | Format-List HybridDomains,OutboundConnector\n"
"  Get-OutboundConnector | Format-List Name,Enabled,ConnectorType,\n"
"    RecipientDomains,AllAcceptedDomains,IsTransportRuleScoped,\n"
"    RouteAllMessagesViaOnPremises\n"
"  A message trace from a cloud mailbox to an on-premises recipient of\n"
"  the domain shows delivery to the MX host, or the 5.4.14 NDR.\n"
"\n"
"How to fix\n"
"  Add the domain to the hybrid outbound connector, or rerun the Hybrid\n"
"  Configuration Wizard with the domain selected:\n"
"    Set-OutboundConnector -Identity 'Outbound to <GUID>'\n"
"        -RecipientDomains @{Add='fabrikam.com'}\n"
"  For centralized mail transport, set RecipientDomains to *:\n"
"    Set-OutboundConnector -Identity 'Outbound to <GUID>' -RecipientDomains *\n"
"  A connector covers a domain only when it is a route: connectors in test\n"
"  mode, with IsTransportRuleScoped $true (mail reaches them only through\n"
"  a mail flow rule) or to an email add-on service neither cover a domain\n"
"  nor receive one in a fix.\n"
"\n"
"Source\n"
"  \"Set up connectors to route mail between Microsoft 365 and your own\n"
"  email servers\" (outbound connector selection by recipient domain):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/set-up-connectors-to-route-mail\n"
"  Set-OnPremisesOrganization (HybridDomains, OutboundConnector) and\n"
"  Set-HybridConfiguration (Domains):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-onpremisesorganization\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-hybridconfiguration\n"
"  \"Transport options in Exchange hybrid deployments\" (centralized mail\n"
"  transport): https://learn.microsoft.com/exchange/transport-options\n"
"  Community report (a6n.co.uk, 2025: a hybrid domain missing from the\n"
"  outbound connector, mail loop, 554 5.4.14 ATTR34):\n"
"  https://www.a6n.co.uk/2025/07/exchange-hybrid-mail-loops-when-your.html\n"
"  Set-OutboundConnector, RouteAllMessagesViaOnPremises (\"all messages\n"
"  serviced by this connector\") and RecipientDomains (*.contoso.com:\n"
"  all subdomains):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-outboundconnector\n"
"  Inference: the RouteAllMessagesViaOnPremises warning rests on the\n"
"  parameter description and on what the Hybrid Configuration Wizard\n"
"  creates (RecipientDomains * with centralized transport), not on a\n"
"  documented requirement; that *.d covers d itself is assumed so as not\n"
"  to report a domain that may be routed.\n";

/* Domains as names and as parents whose subdomains count too. */
struct domset {
	struct strmap	*exact;
	struct strmap	*parent;
	int		 all;		/* "*" */
};

struct routing {
	const struct tenant		 *tn;		/* the org's tenant */
	const struct outbound_connector	**oc;		/* the org's OnPremises */
	size_t				  n;
	int				  any;		/* any OC exported */
	int				  unknown;	/* a list truncated */
	int				  built;
	struct domset			  routed;	/* by the connectors */
	struct domset			  accepted;	/* by the tenant */
};

static void
domset_add(struct domset *s, const char *d, int subdomains)
{
	if (s->exact == NULL) {
		s->exact = strmap_new();
		s->parent = strmap_new();
	}
	if (strcmp(d, "*") == 0)
		s->all = 1;
	else if (strncmp(d, "*.", 2) == 0)
		(void)strmap_once(s->parent, d + 2, NULL);
	else
		(void)strmap_once(subdomains ? s->parent : s->exact, d, NULL);
}

/* Is d in the set: itself, or below a parent (each of its suffixes)? */
static int
domset_has(const struct domset *s, const char *d)
{
	const char	*p;

	if (s->all)
		return 1;
	if (s->exact == NULL)
		return 0;
	if (strmap_get(s->exact, d, NULL) != NULL)
		return 1;
	for (p = d; p != NULL; p = (p = strchr(p, '.')) != NULL ? p + 1 : NULL)
		if (strmap_get(s->parent, p, NULL) != NULL &&
		    dn_is_subdomain(d, p))
			return 1;
	return 0;
}

static void
domset_free(struct domset *s)
{
	strmap_free(s->exact);
	strmap_free(s->parent);
}

/*
 * The domains an organization's connectors route (RecipientDomains, and
 * the tenant's accepted domains for AllAcceptedDomains) and those its
 * tenant accepts, indexed once: every question after that is a lookup.
 */
static void
routing_build(struct rule_ctx *c, struct routing *rt)
{
	const struct outbound_connector	*oc;
	const struct accepted_domain	*ad;
	size_t				 i, j;

	rt->built = 1;
	for (i = 0; rt->tn != NULL && i < rt->tn->ndomains; i++) {
		ad = rt->tn->domains[i];
		domset_add(&rt->accepted, ad->domain, 0);
		if (ad->match_subdomains == 1)
			domset_add(&rt->accepted, ad->domain, 1);
	}
	for (i = 0; i < rt->n; i++) {
		oc = rt->oc[i];
		if (oc->all_accepted_domains == 1 && rt->tn != NULL)
			for (j = 0; j < rt->tn->ndomains; j++)
				domset_add(&rt->routed,
				    rt->tn->domains[j]->domain, 0);
		for (j = 0; j < oc->recipient_domains.n; j++)
			domset_add(&rt->routed, dn_normalize(c->arena,
			    oc->recipient_domains.v[j]), 0);
	}
}

static int
is_star(const struct strlist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], "*") == 0)
			return 1;
	return 0;
}

static const char *
mx_of(struct rule_ctx *c, const char *d)
{
	const struct mxentry	*e = topo_mx(c->t, d);

	return e != NULL && e->nhosts > 0 ? e->hosts[0] : NULL;
}

/* Where unrouted mail goes, from dns.mx when the manifest says. */
static const char *
consequence(struct rule_ctx *c, const char *d, const char *mx)
{
	if (mx == NULL)
		return "by MX lookup, as external internet mail, or in a loop "
		    "(554 5.4.14 Hop count exceeded, ATTR34) when the MX leads "
		    "back to Exchange Online";
	if (dn_is_exo_endpoint(mx))
		return rule_printf(c, "by MX lookup, and the MX of %s (%s) is "
		    "Exchange Online itself: the mail loops until it is "
		    "rejected with 554 5.4.14 Hop count exceeded (ATTR34)", d,
		    mx);
	return rule_printf(c, "by MX lookup to %s, as external internet "
	    "mail rather than over the hybrid connector", mx);
}

/* The connector to add the domain to: the one OnPremisesOrganization
 * names, else the first. */
static const struct outbound_connector *
hybrid_oc(const struct routing *rt, const struct onprem_org *op)
{
	size_t	i;

	if (op != NULL && op->outbound_connector != NULL)
		for (i = 0; i < rt->n; i++)
			if (strcmp(rt->oc[i]->o.name,
			    op->outbound_connector) == 0 ||
			    strcmp(rt->oc[i]->o.identity,
			    op->outbound_connector) == 0)
				return rt->oc[i];
	return rt->n > 0 ? rt->oc[0] : NULL;
}

static void
judge(struct rule_ctx *c, const struct obj *o, const char *prop,
    const char *d, struct routing *rt, const struct onprem_org *op,
    struct strmap *seen)
{
	const struct tenant		*tn = rt->tn;
	const struct outbound_connector	*oc;
	const char			*fix, *key;

	if (d == NULL || *d == '\0')
		return;
	/* HybridConfiguration marks the Autodiscover domain "autod:". */
	if (strncasecmp(d, "autod:", 6) == 0)
		d += 6;
	d = dn_normalize(c->arena, d);
	if (strlen(d) > 16 && strcmp(d + strlen(d) - 16,
	    ".onmicrosoft.com") == 0)
		return;
	if (!rt->built)
		routing_build(c, rt);
	/* A domain the tenant does not accept is HYB061's, not routing's. */
	if (tn != NULL && tn->ndomains > 0 && !domset_has(&rt->accepted, d))
		return;
	key = rule_printf(c, "%zu|%s", o->org != NULL ? o->org->index : 0, d);
	if (strmap_get(seen, key, NULL) != NULL)
		return;
	strmap_add(seen, key, (void *)o);
	if (domset_has(&rt->routed, d))
		return;
	if (rt->unknown) {
		rule_undecided(c, o, "the RecipientDomains of an outbound "
		    "connector are missing or truncated",
		    reexport_cmd(c, "Get-OutboundConnector"));
		return;
	}
	oc = hybrid_oc(rt, op);
	if (oc != NULL)
		fix = rule_printf(c, "Set-OutboundConnector -Identity %s "
		    "-RecipientDomains @{Add=%s}\n"
		    "# or rerun the Hybrid Configuration Wizard with %s "
		    "selected", ps_quote(c, oc->o.name), ps_quote(c, d),
		    fix_note(c, d));
	else
		fix = rule_printf(c, "# No enabled OnPremises outbound "
		    "connector exists: rerun the Hybrid Configuration Wizard "
		    "with %s selected, which recreates it", fix_note(c, d));
	rule_report(c, o, prop, NULL, d, NULL, fix,
	    "hybrid domain %s (%s '%s') is not covered by any enabled "
	    "OnPremises outbound connector of tenant %s%s: Exchange Online "
	    "sends mail for its on-premises recipients %s", d,
	    kind_name(o->kind), o->name, org_tenant_name(c, o->org),
	    rt->n == 0 ? "" :
	    rule_printf(c, " (%sRecipientDomains of '%s': %s)",
	    rt->n > 1 ? "for example " : "", rt->oc[0]->o.name,
	    join_list(c, &rt->oc[0]->recipient_domains, "(none)")),
	    consequence(c, d, mx_of(c, d)));
}

static void
centralized(struct rule_ctx *c, const struct outbound_connector *oc)
{
	if (oc->route_all_via_onprem != 1 || !oc->recipient_domains.known ||
	    is_star(&oc->recipient_domains))
		return;
	rule_report_sev(c, SEV_WARNING, &oc->o, "RecipientDomains", NULL,
	    "RouteAllMessagesViaOnPremises", NULL, rule_printf(c,
	    "Set-OutboundConnector -Identity %s -RecipientDomains '*'\n"
	    "# or rerun the Hybrid Configuration Wizard with centralized "
	    "mail transport selected", ps_quote(c, oc->o.name)),
	    "OnPremises outbound connector '%s' (tenant %s) has "
	    "RouteAllMessagesViaOnPremises true but RecipientDomains %s, not "
	    "*: the setting applies to the messages the connector services, "
	    "so mail to other domains, the internet included, does not pass "
	    "through on-premises as centralized mail transport intends "
	    "(inference: the Hybrid Configuration Wizard sets RecipientDomains "
	    "* for centralized transport)", oc->o.name,
	    org_tenant_name(c, oc->o.org),
	    join_list(c, &oc->recipient_domains, "(none)"));
}

static void
check(struct rule_ctx *c)
{
	const struct model		*m = c->m;
	const struct outbound_connector	*oc;
	const struct hybrid_config	*hc;
	const struct onprem_org		*op;
	struct routing			*rt, *r;
	struct addon			 ad;
	struct strmap			*seen;
	size_t				 i, j, k;

	rt = arena_alloc(c->arena, (m->norgs + 1) * sizeof(*rt));
	MODEL_FOREACH(m, K_OUTBOUND, const struct outbound_connector, oc, i) {
		if (oc->o.org == NULL || oc->o.org->index >= m->norgs)
			continue;
		r = &rt[oc->o.org->index];
		r->tn = topo_tenant(c->t, oc->o.org);
		r->any = 1;
		if (!oc_route(oc) || oc->type == CT_PARTNER ||
		    topo_oc_addon(c->t, oc, &ad))
			continue;
		if (oc->type == CT_ONPREMISES)
			centralized(c, oc);
		if (!oc->recipient_domains.known && oc->all_accepted_domains != 1)
			r->unknown = 1;
		if (r->n % 8 == 0) {
			const struct outbound_connector **nv;

			nv = arena_alloc(c->arena, (r->n + 8) * sizeof(*nv));
			for (k = 0; k < r->n; k++)
				nv[k] = r->oc[k];
			r->oc = nv;
		}
		r->oc[r->n++] = oc;
	}
	seen = strmap_new();
	MODEL_FOREACH(m, K_HYBRID, const struct hybrid_config, hc, i) {
		if (hc->o.org == NULL || hc->o.org->index >= m->norgs ||
		    !rt[hc->o.org->index].any)
			continue;
		for (j = 0; j < hc->domains.n; j++)
			judge(c, &hc->o, "Domains", hc->domains.v[j],
			    &rt[hc->o.org->index], (const struct onprem_org *)
			    org_first(hc->o.org, K_ONPREMORG), seen);
	}
	MODEL_FOREACH(m, K_ONPREMORG, const struct onprem_org, op, i) {
		if (op->o.org == NULL || op->o.org->index >= m->norgs ||
		    !rt[op->o.org->index].any)
			continue;
		for (j = 0; j < op->hybrid_domains.n; j++)
			judge(c, &op->o, "HybridDomains", op->hybrid_domains.v[j],
			    &rt[op->o.org->index], op, seen);
	}
	strmap_free(seen);
	for (i = 0; i < m->norgs; i++) {
		domset_free(&rt[i].routed);
		domset_free(&rt[i].accepted);
	}
}

const struct lint_rule rule_hyb051 = {
	.id = "HYB051",
	.name = "hybrid-domain-not-routed",
	.severity = SEV_ERROR,
	.summary = "A hybrid domain is not covered by any enabled OnPremises "
	    "outbound connector of its tenant",
	.doc = doc,
	.tags = "hybrid,routing,exchange-online",
	/* medium: mail to a hybrid domain is misrouted */
	.security_severity = "5.0",
	.check = check,
	.flags = RULE_HYBRID,
};
