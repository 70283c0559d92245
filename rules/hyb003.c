/*
 * HYB003 inbound-cert-domain-not-accepted.
 *
 * An OnPremises inbound connector names a certificate (its
 * TlsSenderCertificateName, without a leading "*.") that is neither an
 * accepted domain of the tenant nor below one.  Decided only when the
 * tenant's accepted domains were exported.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  Exchange Online attributes a connection by certificate to the tenant\n"
"  whose OnPremises inbound connector accepts the certificate AND whose\n"
"  accepted domain matches the certificate domain most specifically. When\n"
"  the name in TlsSenderCertificateName (smtp.hoster.example, or the\n"
"  domain of a wildcard *.hoster.example) lies outside every accepted\n"
"  domain of the tenant, the connector authenticates the sending server\n"
"  but the certificate does not prove the tenant's ownership:\n"
"  - relaying through Exchange Online is refused for messages whose MAIL\n"
"    FROM domain is not an accepted domain either: non-delivery reports\n"
"    (null sender), forwarded and redirected mail, mail of sender domains\n"
"    the tenant does not own fail with\n"
"    550 5.7.64 TenantAttribution; Relay Access Denied (formerly ATTR36);\n"
"  - attribution rests on nothing the tenant owns, so Microsoft warns it\n"
"    can change without notice (tenant moves), and another tenant whose\n"
"    accepted domain does contain the certificate domain wins the\n"
"    connection if its own connector also accepts the certificate.\n"
"\n"
"Why Exchange Online does it\n"
"  Since November 2023 relaying through Exchange Online requires that the\n"
"  certificate domain or the MAIL FROM domain be an accepted domain of the\n"
"  tenant, and that the certificate or the IP address match an OnPremises\n"
"  connector. MC1226222 names an OnPremises connector authenticated by a\n"
"  certificate whose subject or SAN domain is not an accepted domain as a\n"
"  configuration that \"can cause incorrect mail flow\".\n"
"\n"
"How to confirm\n"
"  Get-InboundConnector | ? ConnectorType -eq OnPremises |\n"
"      fl Name,TlsSenderCertificateName\n"
"  Get-AcceptedDomain | fl DomainName,DomainType\n"
"  A message trace of an NDR or a forwarded message from on-premises shows\n"
"  the 5.7.64 rejection.\n"
"\n"
"How to fix\n"
"  Either have the on-premises servers present a certificate whose name\n"
"  lies in an accepted domain and name it on the connector (change the\n"
"  send connector first, see HYB030, then):\n"
"    Set-InboundConnector -Identity 'Inbound from <GUID>'\n"
"        -TlsSenderCertificateName mail.contoso.com\n"
"  or add the certificate's domain to the tenant (Microsoft 365 admin\n"
"  center, Settings, Domains: add and verify it), which makes it an\n"
"  accepted domain. Microsoft also recommends adding the certificate's\n"
"  host name itself as an accepted domain when NDRs are relayed.\n"
"  An email add-on service (signatures, archiving, DLP) returns the\n"
"  tenant's mail presenting a per-tenant certificate domain that its\n"
"  setup makes an accepted domain; its inbound connector names that\n"
"  domain. For such a connector (the service declared in topology.json\n"
"  with \"addon_for\", or paired by name with the tenant's\n"
"  transport-rule-scoped outbound connector to the service) the fix adds\n"
"  and verifies the domain again and never changes the connector.\n"
"\n"
"Source\n"
"  Message Center MC1226222, \"Prevent/Fix: Guidance for On-Premises\n"
"  Connectors Configuration\":\n"
"  https://mwpro.co.uk/blog/2026/02/04/updated-prevent-fix-guidance-for-on-premises-connectors-configuration-mc1226222\n"
"  \"Requirements for SMTP relay through Exchange Online\":\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/updated-requirements-smtp-relay\n"
"  \"Configure a certificate-based connector to relay email messages\n"
"  through Office 365\" (KB 3169958, ATTR36):\n"
"  https://learn.microsoft.com/exchange/troubleshoot/email-delivery/office-365-notice\n"
"  Microsoft reply on tenant-specific certificates whose domain must be an\n"
"  accepted domain:\n"
"  https://techcommunity.microsoft.com/blog/exchange/updated-requirements-for-smtp-relay-through-exchange-online/3851357/replies/3981065\n"
"  \"How to verify your compliance with Microsoft's updated requirements\n"
"  for SMTP relay\": https://learn.microsoft.com/en-us/answers/a/11582569\n"
"  \"Integrate Exchange Online with an email add-on service\" (the\n"
"  per-tenant certificate domain the service gives, added as an accepted\n"
"  domain and named by the inbound connector; the outbound connector with\n"
"  IsTransportRuleScoped $true):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/integrate-office-365-with-an-email-add-on-service\n"
"  Inference: the comparison is by label-boundary suffix (a certificate\n"
"  name below an accepted domain counts); the documents say \"matches\"\n"
"  without detail. An add-on service that topology.json does not declare\n"
"  is recognised by its certificate domain lying in the parent domain of\n"
"  the transport-rule-scoped connector's smart host, which rests on the\n"
"  naming of Microsoft's example.\n";

static int
in_tenant(const struct tenant *tn, const char *name)
{
	size_t	i;

	for (i = 0; i < tn->ndomains; i++)
		if (dn_is_subdomain(name, wild_base(tn->domains[i]->domain)))
			return 1;
	return 0;
}

/*
 * A name the organization's own hybrid path presents that does lie in an
 * accepted domain: the better value for the connector.
 */
static const char *
suggest(struct rule_ctx *c, const struct tenant *tn)
{
	const struct flow	*f;
	struct flow *const	*fv;
	const char		**names, *cn;
	size_t			 i, j, n, nf;

	if ((cn = org_hybrid_cert_cn(c, tn->org)) != NULL &&
	    dn_valid(cn, 0) && in_tenant(tn, dn_normalize(c->arena, cn)))
		return cn;
	fv = sim_flows_of_org(c->s, tn->org, &nf);
	for (i = 0; i < nf; i++) {
		f = fv[i];
		if (f->org != tn->org || f->sel.cert == NULL ||
		    !sc_to_exo(f->sc) || f->sel.cert->self_signed == 1)
			continue;
		names = cert_names(c->arena, f->sel.cert, &n);
		for (j = 0; j < n; j++)
			if (names[j][0] != '*' && in_tenant(tn, names[j]))
				return names[j];
	}
	return NULL;
}

static const char *
domain_list(struct rule_ctx *c, const struct tenant *tn)
{
	struct buf	 b = { 0 };
	const char	*r;
	size_t		 i;

	for (i = 0; i < tn->ndomains && i < 8; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", tn->domains[i]->domain);
	if (tn->ndomains > 8)
		buf_printf(&b, " and %zu more", tn->ndomains - 8);
	r = arena_strdup(c->arena, b.p != NULL ? b.p : "");
	buf_free(&b);
	return r;
}

/*
 * Name a certificate in an accepted domain ('s', or in words when no
 * name is known), or make 'd' an accepted domain.
 */
/*
 * An add-on service's connector names the per-tenant certificate domain
 * the service gave at enrollment, which setup made an accepted domain:
 * the domain is added again, the connector is left alone.
 */
static const char *
addon_fix(struct rule_ctx *c, const struct tenant *tn, const char *d,
    const struct addon *ad)
{
	return rule_printf(c, "# %s is the certificate domain that the "
	    "add-on service %s presents for this tenant; setting the service "
	    "up makes it an accepted domain.\n"
	    "# Add and verify %s again as a domain of tenant %s (Microsoft "
	    "365 admin center, Settings, Domains, Add domain, with the TXT "
	    "or MX record the service's enrollment gave).", fix_note(c, d),
	    fix_note(c, ad->name), fix_note(c, d), fix_note(c, tn->name));
}

static const char *
fix_for(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic, const char *d)
{
	const char	*s = suggest(c, tn), *name;
	struct addon	 ad;

	if (topo_ic_addon(c->t, ic, &ad))
		return addon_fix(c, tn, d, &ad);

	if (s != NULL)
		name = rule_printf(c, "Set-InboundConnector -Identity %s "
		    "-TlsSenderCertificateName %s", ps_quote(c, ic->o.name),
		    ps_quote(c, s));
	else
		name = rule_printf(c, "# Set-InboundConnector -Identity '%s' "
		    "-TlsSenderCertificateName with a host name in %s",
		    fix_note(c, ic->o.name),
		    fix_note(c, tn->domains[0]->domain));
	return rule_printf(c, "# Either name a certificate in an accepted "
	    "domain (make the on-premises send connector present it first, "
	    "HYB030):\n%s\n"
	    "# or add and verify %s as a domain of tenant %s (Microsoft 365 "
	    "admin center, Settings, Domains), which makes it an accepted "
	    "domain.", name, fix_note(c, d), fix_note(c, tn->name));
}

static void
check(struct rule_ctx *c)
{
	const struct tenant		*tn;
	const struct inbound_connector	*ic;
	const char			*p, *d;
	struct addon			 ad;
	size_t				 i, j;

	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (!ic_onprem(ic) || (p = ic->tls_sender_cert_name) ==
			    NULL || strcmp(p, "*") == 0 || !dn_valid(p, 1))
				continue;
			if (tn->ndomains == 0) {
				rule_undecided(c, &ic->o, rule_printf(c, "no "
				    "Get-AcceptedDomain export for tenant %s",
				    tn->name), rule_printf(c, "# In "
				    "Exchange Online PowerShell:\n%s",
				    reexport_cmd(c, "Get-AcceptedDomain")));
				continue;
			}
			d = wild_base(p);
			if (in_tenant(tn, d))
				continue;
			rule_report(c, &ic->o, "TlsSenderCertificateName", NULL,
			    d, NULL, fix_for(c, tn, ic, d),
			    "OnPremises inbound connector '%s' (tenant %s) "
			    "accepts certificate '%s'%s, but %s is neither an "
			    "accepted domain of the tenant nor below one (%s): "
			    "relay of NDRs, forwarded mail and foreign sender "
			    "domains is refused (550 5.7.64), and attribution "
			    "by this certificate rests on a domain the tenant "
			    "does not own", ic->o.name, tn->name, p,
			    topo_ic_addon(c->t, ic, &ad) ? rule_printf(c,
			    " (the add-on service %s%s presents it)", ad.name,
			    ad.inferred ? ", by its name" : "") : "", d,
			    domain_list(c, tn));
		}
	}
}

const struct lint_rule rule_hyb003 = {
	.id = "HYB003",
	.name = "inbound-cert-domain-not-accepted",
	.severity = SEV_ERROR,
	.summary = "An OnPremises inbound connector names a certificate "
	    "outside the tenant's accepted domains",
	.doc = doc,
	.tags = "attribution,exchange-online,certificates,relay",
	/* high: attribution rests on a domain the tenant does not hold */
	.security_severity = "7.5",
	.check = check,
};
