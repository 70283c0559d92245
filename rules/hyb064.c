/*
 * HYB064 header-promotion-missing.
 *
 * With centralized mail transport (an OnPremises outbound connector with
 * RouteAllMessagesViaOnPremises), internet mail for Exchange Online
 * mailboxes passes Exchange Online, on-premises Exchange, and Exchange
 * Online again.  KB 3079142: unless the hybrid inbound connector has
 * CloudServicesMailEnabled and the on-premises remote domain for the
 * tenant's originator domain (<tenant>.onmicrosoft.com) trusts mail both
 * ways, the headers of the first pass are not promoted and Exchange
 * Online filters the message twice.
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  With centralized mail transport (the OnPremises outbound connector has\n"
"  RouteAllMessagesViaOnPremises $true), a message from the internet to an\n"
"  Exchange Online mailbox is filtered by Exchange Online, routed to\n"
"  on-premises Exchange, and comes back to Exchange Online. Exchange Online\n"
"  recognises its own first verdict only when the organization headers\n"
"  survive the round trip as cross-premises headers and are promoted again\n"
"  (X-MS-Exchange-Organization-Cross-Premises-Headers-Promoted). When they\n"
"  are not, the second pass treats the message as new internet mail from\n"
"  the on-premises server: spam notifications to users are quarantined,\n"
"  messages on the allow list are quarantined, messages released from\n"
"  quarantine are quarantined again, and SPF fails on the second pass\n"
"  (the connecting IP is now the on-premises server).\n"
"\n"
"Why Exchange does it\n"
"  Promotion needs, in Exchange Online, the hybrid inbound connector with\n"
"  CloudServicesMailEnabled $true, and on premises a remote domain for the\n"
"  tenant's originator domain (the X-OriginatorOrg, <tenant>.onmicrosoft.com)\n"
"  with TrustedMailOutboundEnabled and TrustedMailInboundEnabled $true, so\n"
"  that on-premises Exchange trusts the cross-premises headers in both\n"
"  directions. The Hybrid Configuration Wizard creates 'Hybrid Domain -\n"
"  <tenant>.onmicrosoft.com' with TrustedMailInboundEnabled only; KB 3079142\n"
"  sets both for centralized mail transport.\n"
"\n"
"How to confirm\n"
"  Get-OutboundConnector | Format-List Name,RouteAllMessagesViaOnPremises\n"
"  Get-InboundConnector | Format-List Name,ConnectorType,\n"
"    CloudServicesMailEnabled\n"
"  Get-RemoteDomain | Format-List Name,DomainName,TrustedMailOutboundEnabled,\n"
"    TrustedMailInboundEnabled   (on premises)\n"
"  A message routed through on-premises carries both\n"
"  X-Forefront-Antispam-Report-Untrusted (first pass) and\n"
"  X-Forefront-Antispam-Report (second pass) but no\n"
"  X-MS-Exchange-Organization-Cross-Premises-Headers-Promoted naming the\n"
"  on-premises server.\n"
"\n"
"How to fix\n"
"  In Exchange Online:\n"
"    Set-InboundConnector -Identity 'Inbound from <GUID>'\n"
"        -CloudServicesMailEnabled $true\n"
"  On premises (Exchange Management Shell):\n"
"    New-RemoteDomain -Name 'Hybrid Domain - contoso.onmicrosoft.com'\n"
"        -DomainName contoso.onmicrosoft.com\n"
"    Set-RemoteDomain 'Hybrid Domain - contoso.onmicrosoft.com'\n"
"        -TrustedMailOutboundEnabled $true -TrustedMailInboundEnabled $true\n"
"\n"
"Source\n"
"  KB 3079142, \"Email messages are incorrectly quarantined in Exchange\n"
"  hybrid deployments that use centralized mail control\":\n"
"  https://support.microsoft.com/kb/3079142\n"
"  Set-RemoteDomain (TrustedMailOutboundEnabled, TrustedMailInboundEnabled):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-remotedomain\n"
"  \"Transport options in Exchange hybrid deployments\" (centralized mail\n"
"  transport): https://learn.microsoft.com/exchange/transport-options\n"
"  HCW-created objects: https://github.com/SammyKrosoft/Hybrid-Config-Wiz-Checks\n"
"  Inference: community write-ups name the remote domain of\n"
"  <tenant>.mail.onmicrosoft.com; KB 3079142 names the X-OriginatorOrg\n"
"  domain <tenant>.onmicrosoft.com, which hybridlint checks. A remote\n"
"  domain for either that trusts both ways satisfies the rule. The hybrid\n"
"  inbound connector is the one Get-OnPremisesOrganization names, else\n"
"  those the wizard created.\n";

static int
ends_with(const char *s, const char *sfx)
{
	size_t	l = strlen(s), n = strlen(sfx);

	return l > n && strcasecmp(s + l - n, sfx) == 0;
}

/* The tenant's initial domain (X-OriginatorOrg) and coexistence domain. */
static void
tenant_domains(struct rule_ctx *c, const struct tenant *tn,
    const char **initial, const char **coex)
{
	const struct accepted_domain	*ad;
	size_t				 i;

	*initial = *coex = NULL;
	for (i = 0; i < tn->ndomains; i++) {
		ad = tn->domains[i];
		if (ad->domain == NULL || ad->domain[0] == '*')
			continue;
		if (ad->is_coexistence == 1 || ends_with(ad->domain,
		    ".mail.onmicrosoft.com")) {
			if (*coex == NULL)
				*coex = ad->domain;
		} else if (ad->initial == 1 || (*initial == NULL &&
		    ends_with(ad->domain, ".onmicrosoft.com")))
			*initial = ad->domain;
	}
	if (*initial == NULL && *coex != NULL)
		*initial = rule_printf(c, "%.*s.onmicrosoft.com",
		    (int)(strlen(*coex) - 21), *coex);
}

static int
trusts_both(const struct remote_domain *rd)
{
	return rd->trusted_mail_outbound == 1 && rd->trusted_mail_inbound == 1;
}

/*
 * The hybrid inbound connectors: those the on-premises organization
 * names, else those the wizard created.
 */
static void
check_inbound(struct rule_ctx *c, const struct org *org,
    const struct tenant *tn, const struct outbound_connector *cmt)
{
	const struct inbound_connector	*ic;
	const struct onprem_org		*op;
	size_t				 i;
	int				 named = 0;

	ORG_FOREACH(org, K_ONPREMORG, const struct onprem_org, op, i)
		if (op->inbound_connector != NULL)
			named = 1;
	for (i = 0; i < tn->ninbound; i++) {
		ic = tn->inbound[i];
		if (!ic_onprem(ic))
			continue;
		if (named ? !op_names(&ic->o) : (ic->source == NULL ||
		    strcasecmp(ic->source, "HybridWizard") != 0))
			continue;
		if (ic->cloud_services_mail == 1)
			continue;
		if (ic->cloud_services_mail == TB_UNKNOWN && not_exported(c,
		    &ic->o, "CloudServicesMailEnabled",
		    reexport_cmd(c, "Get-InboundConnector")))
			continue;
		rule_report(c, &ic->o, "CloudServicesMailEnabled", NULL,
		    "CloudServicesMailEnabled", NULL, rule_printf(c,
		    "Set-InboundConnector -Identity %s -CloudServicesMailEnabled "
		    "$true\n# Or rerun the Hybrid Configuration Wizard.",
		    ps_quote(c, ic->o.name)),
		    "centralized mail transport is on (outbound connector '%s' "
		    "routes all mail via on-premises), but hybrid inbound "
		    "connector '%s' (tenant %s) has CloudServicesMailEnabled %s: "
		    "headers of mail returning from on-premises are not "
		    "promoted, so Exchange Online filters it a second time and "
		    "quarantines allowed mail (KB 3079142)", cmt->o.name,
		    ic->o.name, tn->name, ic->cloud_services_mail == 0 ?
		    "false" : "unset");
	}
}

static void
check_remote(struct rule_ctx *c, const struct org *org,
    const struct tenant *tn, const struct outbound_connector *cmt)
{
	const struct remote_domain	*rd, *init_rd = NULL;
	const char			*initial, *coex, *name, *what;
	size_t				 i, n = 0;

	tenant_domains(c, tn, &initial, &coex);
	if (initial == NULL)
		return;
	ORG_FOREACH(org, K_REMOTE, const struct remote_domain, rd, i) {
		if (rd->o.side == SIDE_EXO)
			continue;
		n++;
		if (rd->domain == NULL)
			continue;
		if (strcasecmp(rd->domain, initial) == 0)
			init_rd = rd;
		if ((strcasecmp(rd->domain, initial) == 0 || (coex != NULL &&
		    strcasecmp(rd->domain, coex) == 0)) && trusts_both(rd))
			return;
	}
	if (n == 0) {
		no_export(c, &cmt->o, org, "on-premises ", K_REMOTE);
		return;
	}
	if (init_rd == NULL) {
		name = rule_printf(c, "Hybrid Domain - %s", initial);
		rule_report(c, &cmt->o, "RouteAllMessagesViaOnPremises", org,
		    rule_printf(c, "RemoteDomain:%s", initial), NULL,
		    rule_printf(c, "# On premises:\nNew-RemoteDomain -Name %s "
		    "-DomainName %s\nSet-RemoteDomain -Identity %s "
		    "-TrustedMailOutboundEnabled $true "
		    "-TrustedMailInboundEnabled $true", ps_quote(c, name),
		    ps_quote(c, initial), ps_quote(c, name)),
		    "centralized mail transport is on (outbound connector '%s', "
		    "tenant %s), but organization %s has no on-premises remote "
		    "domain for %s (the tenant's X-OriginatorOrg) that trusts "
		    "mail both ways: headers are not promoted across premises, "
		    "so Exchange Online filters returning mail a second time "
		    "(KB 3079142)", cmt->o.name, tn->name, org->id, initial);
		return;
	}
	if ((init_rd->trusted_mail_outbound == TB_UNKNOWN &&
	    !obj_exported(&init_rd->o, "TrustedMailOutboundEnabled")) ||
	    (init_rd->trusted_mail_inbound == TB_UNKNOWN &&
	    !obj_exported(&init_rd->o, "TrustedMailInboundEnabled"))) {
		rule_undecided(c, &init_rd->o, "TrustedMailOutboundEnabled or "
		    "TrustedMailInboundEnabled is not in the export",
		    "Get-RemoteDomain | Export-Clixml -Encoding utf8 "
		    "Get-RemoteDomain.xml");
		return;
	}
	what = init_rd->trusted_mail_outbound != 1 &&
	    init_rd->trusted_mail_inbound != 1 ? "TrustedMailOutboundEnabled "
	    "and TrustedMailInboundEnabled" : init_rd->trusted_mail_outbound !=
	    1 ? "TrustedMailOutboundEnabled" : "TrustedMailInboundEnabled";
	rule_report(c, &init_rd->o, init_rd->trusted_mail_outbound != 1 ?
	    "TrustedMailOutboundEnabled" : "TrustedMailInboundEnabled", NULL,
	    "TrustedMail", NULL, rule_printf(c, "Set-RemoteDomain -Identity "
	    "%s%s%s", ps_quote(c, init_rd->o.name),
	    init_rd->trusted_mail_outbound == 1 ? "" :
	    " -TrustedMailOutboundEnabled $true",
	    init_rd->trusted_mail_inbound == 1 ? "" :
	    " -TrustedMailInboundEnabled $true"),
	    "remote domain '%s' for %s (tenant %s's X-OriginatorOrg) does not "
	    "have %s although centralized mail transport is on (outbound "
	    "connector '%s'): headers are not promoted across premises, so "
	    "Exchange Online filters returning mail a second time (KB 3079142)",
	    init_rd->o.name, initial, tn->name, what, cmt->o.name);
}

static void
check(struct rule_ctx *c)
{
	const struct outbound_connector	*cmt;
	const struct tenant		*tn;
	const struct org		*org;
	size_t				 i;

	for (i = 0; i < c->m->norgs; i++) {
		org = c->m->orgs[i];
		if ((tn = topo_tenant(c->t, org)) == NULL ||
		    (cmt = tenant_cmt(tn)) == NULL)
			continue;
		check_inbound(c, org, tn, cmt);
		if (org->has_onprem)
			check_remote(c, org, tn, cmt);
	}
}

const struct lint_rule rule_hyb064 = {
	.id = "HYB064",
	.name = "header-promotion-missing",
	.severity = SEV_WARNING,
	.summary = "Centralized mail transport is on, but cross-premises "
	    "headers are not promoted on the way back to Exchange Online",
	.doc = doc,
	.tags = "hybrid,centralized-mail-transport,headers",
	/* low: cross-premises headers lost on the way back */
	.security_severity = "3.7",
	.check = check,
	.flags = RULE_HYBRID,
};
