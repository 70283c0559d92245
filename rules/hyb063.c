/*
 * HYB063 coexistence-domain-incomplete.
 *
 * The tenant's coexistence domain <tenant>.mail.onmicrosoft.com needs
 * three pieces on premises: an accepted domain, a send connector with
 * that address space, and a remote domain with TargetDeliveryDomain
 * $true.  Each missing piece is its own finding.  Needs both sides of the
 * organization; a piece whose exports are missing is undecided.
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  In a hybrid deployment every mailbox in Exchange Online is represented\n"
"  on premises by a remote mailbox whose remote routing address (the\n"
"  targetAddress) is in the tenant's coexistence domain,\n"
"  <tenant>.mail.onmicrosoft.com. On-premises Exchange delivers mail for\n"
"  such a recipient to that address, so the domain needs:\n"
"  - an on-premises accepted domain, so that the email address policy\n"
"    stamps the @<tenant>.mail.onmicrosoft.com proxy address that mailbox\n"
"    moves and Enable-RemoteMailbox use as the remote routing address;\n"
"  - a send connector with that address space (HCW's 'Outbound to Office\n"
"    365 - <GUID>'), so the mail goes over the hybrid connector with TLS and\n"
"    cross-premises headers instead of the internet route, or no route;\n"
"  - a remote domain for it with TargetDeliveryDomain $true (HCW's 'Hybrid\n"
"    Domain - <tenant>.mail.onmicrosoft.com'), from which Exchange derives\n"
"    remote routing addresses for new remote mailboxes and moves.\n"
"  When a piece is missing, mail from on-premises to mailboxes in Exchange\n"
"  Online is not routed as hybrid mail, or not at all (NDR), and newly\n"
"  created or moved mailboxes get no usable remote routing address.\n"
"\n"
"Why Exchange does it\n"
"  The Hybrid Configuration Wizard creates all three objects; they are\n"
"  what connects the on-premises recipient to its mailbox in Exchange\n"
"  Online. Removing one by hand (or an Edge subscription or a cleanup\n"
"  script doing so) breaks that chain.\n"
"\n"
"How to confirm\n"
"  Get-AcceptedDomain <tenant>.mail.onmicrosoft.com\n"
"  Get-SendConnector | Format-List Name,AddressSpaces,Enabled\n"
"  Get-RemoteDomain | Format-List Name,DomainName,TargetDeliveryDomain\n"
"  Get-RemoteMailbox <user> | Format-List RemoteRoutingAddress\n"
"\n"
"How to fix\n"
"  Rerun the Hybrid Configuration Wizard, or create what is missing:\n"
"    New-AcceptedDomain -Name contoso.mail.onmicrosoft.com\n"
"        -DomainName contoso.mail.onmicrosoft.com -DomainType Authoritative\n"
"    Set-SendConnector -Identity 'Outbound to Office 365 - <GUID>'\n"
"        -AddressSpaces @{Add='smtp:contoso.mail.onmicrosoft.com;1'}\n"
"    New-RemoteDomain -Name 'Hybrid Domain - contoso.mail.onmicrosoft.com'\n"
"        -DomainName contoso.mail.onmicrosoft.com\n"
"    Set-RemoteDomain -Identity 'Hybrid Domain - contoso.mail.onmicrosoft.com'\n"
"        -TargetDeliveryDomain $true\n"
"\n"
"Source\n"
"  \"Hybrid Configuration Wizard\" (what the wizard creates, including the\n"
"  coexistence domain): https://learn.microsoft.com/exchange/hybrid-configuration-wizard\n"
"  \"Manage hybrid Exchange recipients with management tools\" (remote\n"
"  routing address): https://learn.microsoft.com/exchange/manage-hybrid-exchange-recipients-with-management-tools\n"
"  Set-RemoteDomain, TargetDeliveryDomain:\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-remotedomain\n"
"  HCW-created objects: https://github.com/SammyKrosoft/Hybrid-Config-Wiz-Checks\n"
"  Inference: the symptoms of each missing piece (no hybrid route, NDRs,\n"
"  missing remote routing addresses) are inferred from the objects' roles;\n"
"  the sources above describe the objects, not these failures.\n";

static int
is_coexistence(const struct accepted_domain *ad)
{
	size_t	l;

	if (ad->domain == NULL || ad->domain[0] == '*')
		return 0;
	if (ad->is_coexistence == 1)
		return 1;
	l = strlen(ad->domain);
	return ad->is_coexistence == TB_UNKNOWN && l > 21 &&
	    strcasecmp(ad->domain + l - 21, ".mail.onmicrosoft.com") == 0;
}

static void
accepted_piece(struct rule_ctx *c, const struct accepted_domain *coex,
    const char *tenant)
{
	const struct accepted_domain	*ad;
	size_t				 i, n = 0;

	ORG_FOREACH(coex->o.org, K_ACCEPTED, const struct accepted_domain, ad,
	    i) {
		if (ad->o.side == SIDE_EXO)
			continue;
		n++;
		if (ad->domain != NULL && strcasecmp(ad->domain,
		    coex->domain) == 0)
			return;
	}
	if (n == 0) {
		no_export(c, &coex->o, coex->o.org, "on-premises ",
		    K_ACCEPTED);
		return;
	}
	rule_report(c, &coex->o, "DomainName", NULL, "AcceptedDomain", NULL,
	    rule_printf(c, "New-AcceptedDomain -Name %s -DomainName %s "
	    "-DomainType Authoritative\n# Or rerun the Hybrid Configuration "
	    "Wizard.", ps_quote(c, coex->domain), ps_quote(c, coex->domain)),
	    "coexistence domain %s of tenant %s is not an accepted domain on "
	    "premises (organization %s): the email address policy cannot "
	    "stamp the @%s addresses that remote mailboxes are routed to",
	    coex->domain, tenant, coex->o.org->id, coex->domain);
}

static void
connector_piece(struct rule_ctx *c, const struct accepted_domain *coex,
    const char *tenant)
{
	const struct send_connector	*sc, *to_exo = NULL, *off = NULL;
	const char			*fix;
	size_t				 i, j, n = 0;
	int				 carries;

	ORG_FOREACH(coex->o.org, K_SEND, const struct send_connector, sc, i) {
		if (sc->o.side == SIDE_EXO)
			continue;
		n++;
		for (j = carries = 0; j < sc->naddress_spaces && !carries; j++)
			carries = strcasecmp(sc->address_spaces[j].type,
			    "SMTP") == 0 && addrspace_match(
			    &sc->address_spaces[j], coex->domain) > 0;
		if (sc->o.enabled == 0) {
			if (carries && off == NULL)
				off = sc;
			continue;
		}
		if (carries)
			return;
		if (sc_to_exo(sc) && to_exo == NULL)
			to_exo = sc;
	}
	if (n == 0) {
		no_export(c, &coex->o, coex->o.org, "", K_SEND);
		return;
	}
	if (off != NULL)
		fix = rule_printf(c, "Set-SendConnector -Identity %s -Enabled "
		    "$true%s", ps_quote(c, off->o.name),
		    sc_edgesync_note(c, off));
	else if (to_exo != NULL)
		fix = rule_printf(c, "Set-SendConnector -Identity %s "
		    "-AddressSpaces @{Add=%s}%s\n# Or rerun the Hybrid "
		    "Configuration Wizard.", ps_quote(c, to_exo->o.name),
		    ps_quote(c, rule_printf(c, "smtp:%s;1", coex->domain)),
		    sc_edgesync_note(c, to_exo));
	else
		fix = rule_printf(c, "# Rerun the Hybrid Configuration Wizard: "
		    "it creates the send connector 'Outbound to Office 365 - "
		    "<GUID>' with address space smtp:%s;1, RequireTLS, "
		    "DomainValidation and CloudServicesMailEnabled.",
		    fix_note(c, coex->domain));
	rule_report(c, &coex->o, "DomainName", NULL, "SendConnector", NULL, fix,
	    "no enabled send connector of organization %s has the address "
	    "space %s (coexistence domain of tenant %s)%s: mail to mailboxes "
	    "in Exchange Online does not take the hybrid connector",
	    coex->o.org->id, coex->domain, tenant, off != NULL ?
	    rule_printf(c, "; '%s' has it but is disabled", off->o.name) : "");
}

static void
remote_piece(struct rule_ctx *c, const struct accepted_domain *coex,
    const char *tenant)
{
	const struct remote_domain	*rd, *found = NULL;
	const char			*name;
	size_t				 i, n = 0;

	ORG_FOREACH(coex->o.org, K_REMOTE, const struct remote_domain, rd, i) {
		if (rd->o.side == SIDE_EXO)
			continue;
		n++;
		if (found == NULL && rd->domain != NULL &&
		    strcasecmp(rd->domain, coex->domain) == 0)
			found = rd;
	}
	if (n == 0) {
		no_export(c, &coex->o, coex->o.org, "on-premises ", K_REMOTE);
		return;
	}
	if (found == NULL) {
		name = rule_printf(c, "Hybrid Domain - %s", coex->domain);
		rule_report(c, &coex->o, "DomainName", NULL, "RemoteDomain",
		    NULL, rule_printf(c, "New-RemoteDomain -Name %s "
		    "-DomainName %s\nSet-RemoteDomain -Identity %s "
		    "-TargetDeliveryDomain $true\n# Or rerun the Hybrid "
		    "Configuration Wizard.", ps_quote(c, name),
		    ps_quote(c, coex->domain), ps_quote(c, name)),
		    "organization %s has no remote domain for %s (coexistence "
		    "domain of tenant %s) with TargetDeliveryDomain true: "
		    "remote mailboxes and mailbox moves get no remote routing "
		    "address in it", coex->o.org->id, coex->domain, tenant);
		return;
	}
	if (found->target_delivery == 1)
		return;
	if (found->target_delivery == TB_UNKNOWN && not_exported(c,
	    &found->o, "TargetDeliveryDomain", "Get-RemoteDomain | "
	    "Export-Clixml -Encoding utf8 Get-RemoteDomain.xml"))
		return;
	rule_report(c, &found->o, "TargetDeliveryDomain", NULL,
	    "TargetDeliveryDomain", NULL, rule_printf(c, "Set-RemoteDomain "
	    "-Identity %s -TargetDeliveryDomain $true",
	    ps_quote(c, found->o.name)),
	    "remote domain '%s' for %s (coexistence domain of tenant %s) has "
	    "TargetDeliveryDomain %s: remote mailboxes and mailbox moves get "
	    "no remote routing address in it", found->o.name, coex->domain,
	    tenant, found->target_delivery == 0 ? "false" : "unset");
}

static void
check(struct rule_ctx *c)
{
	const struct tenant		*tn;
	const struct accepted_domain	*coex;
	const struct org		*org;
	size_t				 i, j;

	for (i = 0; i < c->m->norgs; i++) {
		org = c->m->orgs[i];
		if (!org->has_onprem || !org->has_exo ||
		    (tn = topo_tenant(c->t, org)) == NULL)
			continue;
		for (j = 0; j < tn->ndomains; j++) {
			coex = tn->domains[j];
			if (!is_coexistence(coex))
				continue;
			accepted_piece(c, coex, tn->name);
			connector_piece(c, coex, tn->name);
			remote_piece(c, coex, tn->name);
		}
	}
}

const struct lint_rule rule_hyb063 = {
	.id = "HYB063",
	.name = "coexistence-domain-incomplete",
	.severity = SEV_ERROR,
	.summary = "The tenant's coexistence domain lacks its on-premises "
	    "accepted domain, send connector or remote domain",
	.doc = doc,
	.tags = "hybrid,routing,domains",
	/* medium: routing to the coexistence domain breaks */
	.security_severity = "4.5",
	.check = check,
	.flags = RULE_HYBRID,
};
