/*
 * HYB061 hybrid-config-domains-not-accepted.
 *
 * Every domain in HybridConfiguration.Domains must be an accepted domain
 * of the organization, on premises or in its tenant.  Decided only when
 * the accepted domains of at least one side were exported.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "index.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  HybridConfiguration.Domains lists the domains the Hybrid Configuration\n"
"  Wizard configures for hybrid mail flow: it puts them on the OnPremises\n"
"  outbound connector's RecipientDomains and the on-premises organization's\n"
"  HybridDomains, and uses them for free/busy and Autodiscover. A domain\n"
"  that is accepted neither on premises nor in the tenant is not one of\n"
"  the organization's mail domains: a leftover of a removed or renamed\n"
"  domain, or a typing error. What the wizard derives from the list (the\n"
"  outbound connector's RecipientDomains, the on-premises organization's\n"
"  HybridDomains) carries the stale domain too, so Exchange Online routes\n"
"  a domain to on-premises that neither side is authoritative for.\n"
"\n"
"Why Exchange does it\n"
"  Set-HybridConfiguration documents that the domains must be accepted\n"
"  domains (the wizard offers the on-premises accepted domains and requires\n"
"  them to be verified in the tenant).\n"
"\n"
"How to confirm\n"
"  Get-HybridConfiguration | Select-Object -ExpandProperty Domains\n"
"  Get-AcceptedDomain   (on premises and in Exchange Online)\n"
"\n"
"How to fix\n"
"  Add the domain where it belongs:\n"
"    New-AcceptedDomain -Name fabrikam.com -DomainName fabrikam.com\n"
"        -DomainType Authoritative\n"
"  (and add and verify it in the tenant), or remove it from the hybrid\n"
"  configuration:\n"
"    Set-HybridConfiguration -Domains contoso.com,autod:contoso.com\n"
"  then rerun the Hybrid Configuration Wizard so the connectors follow.\n"
"\n"
"Source\n"
"  Set-HybridConfiguration, Domains:\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-hybridconfiguration\n"
"  New-AcceptedDomain: https://learn.microsoft.com/powershell/module/exchange/new-accepteddomain\n"
"  \"Hybrid Configuration Wizard\": https://learn.microsoft.com/exchange/hybrid-configuration-wizard\n"
"  Inference: the consequences of a stale entry follow from what the\n"
"  wizard derives from the list; no document describes them. hybridlint\n"
"  also accepts a domain that a wildcard or MatchSubDomains accepted\n"
"  domain covers, and when only one side's accepted domains were exported\n"
"  it judges by that side alone.\n";

/* "autod:contoso.com" (the Autodiscover domain) -> "contoso.com". */
static const char *
bare(const char *d)
{
	return strncasecmp(d, "autod:", 6) == 0 ? d + 6 : d;
}

/* The organization's on-premises accepted domains, by domain. */
static struct strmap *
onprem_domains(const struct org *o)
{
	const struct accepted_domain	*ad;
	struct strmap			*map = strmap_new();
	size_t				 i;

	for (i = 0; i < o->nobjs[K_ACCEPTED]; i++) {
		ad = (const struct accepted_domain *)o->objs[K_ACCEPTED][i];
		if (ad->o.side != SIDE_EXO && ad->domain != NULL)
			strmap_add(map, ad->domain, (void *)ad);
	}
	return map;
}

static int
accepted_onprem(const struct strmap *map, const char *d)
{
	const struct accepted_domain	*ad;
	void *const			*v;
	const char			*s;
	char				*k;
	size_t				 n, i;

	for (s = d; s != NULL; s = (s = strchr(s, '.')) != NULL ? s + 1 :
	    NULL) {
		v = strmap_get(map, s, &n);
		for (i = 0; v != NULL && i < n; i++) {
			ad = v[i];
			if (s == d || ad->match_subdomains == 1)
				return 1;
		}
		k = xasprintf("*.%s", s);
		v = strmap_get(map, k, &n);
		free(k);
		if (v != NULL)
			return 1;
	}
	return 0;
}

static int
accepted_exo(const struct tenant *tn, const char *d)
{
	const char	*a;
	size_t		 i;

	for (i = 0; tn != NULL && i < tn->ndomains; i++) {
		a = tn->domains[i]->domain;
		if (strcasecmp(a, d) == 0)
			return 1;
		if (strncmp(a, "*.", 2) == 0 && dn_is_subdomain(d, a + 2))
			return 1;
		if (tn->domains[i]->match_subdomains == 1 &&
		    dn_is_subdomain(d, a))
			return 1;
	}
	return 0;
}

static void
check(struct rule_ctx *c)
{
	const struct hybrid_config	*hc;
	const struct tenant		*tn;
	struct strmap			*map;
	const char			*d, *rest, *where;
	size_t				 i, j;
	int				 on, exo;

	MODEL_FOREACH(c->m, K_HYBRID, const struct hybrid_config, hc, i) {
		if (hc->o.org == NULL || !hc->domains.known)
			continue;
		/* One organization's domains at a time: an MSP has many. */
		map = onprem_domains(hc->o.org);
		tn = topo_tenant(c->t, hc->o.org);
		on = strmap_count(map) > 0;
		exo = tn != NULL && tn->ndomains > 0;
		if (!on && !exo) {
			strmap_free(map);
			continue;
		}
		for (j = 0; j < hc->domains.n; j++) {
			d = dn_normalize(c->arena, bare(hc->domains.v[j]));
			if ((on && accepted_onprem(map, d)) ||
			    (exo && accepted_exo(tn, d)))
				continue;
			where = on && exo ? rule_printf(c, "an accepted domain "
			    "neither on premises nor in tenant %s", tn->name) :
			    on ? "not an accepted domain on premises (the "
			    "tenant's accepted domains were not exported)" :
			    rule_printf(c, "not an accepted domain of tenant %s "
			    "(the on-premises accepted domains were not "
			    "exported)", tn->name);
			rest = hc->domains.n < 2 ? "" : rule_printf(c,
			    "# Otherwise remove it from the hybrid "
			    "configuration:\nSet-HybridConfiguration -Domains "
			    "@{Remove=%s}\n", ps_quote(c, hc->domains.v[j]));
			rule_report(c, &hc->o, "Domains", NULL, d, NULL,
			    rule_printf(c, "# If %s is one of the organization's "
			    "domains, accept it (and add and verify it in the "
			    "tenant):\nNew-AcceptedDomain -Name %s -DomainName "
			    "%s -DomainType Authoritative\n%s# Then rerun the "
			    "Hybrid Configuration Wizard.", fix_note(c, d),
			    ps_quote(c, d), ps_quote(c, d), rest),
			    "hybrid configuration '%s' lists domain %s, which is "
			    "%s", hc->o.name, d, where);
		}
		strmap_free(map);
	}
}

const struct lint_rule rule_hyb061 = {
	.id = "HYB061",
	.name = "hybrid-config-domains-not-accepted",
	.severity = SEV_WARNING,
	.summary = "The hybrid configuration lists a domain that is accepted "
	    "neither on premises nor in the tenant",
	.doc = doc,
	.tags = "hybrid,domains",
	/* low: stale hybrid configuration */
	.security_severity = "3.1",
	.check = check,
	.flags = RULE_HYBRID,
};
