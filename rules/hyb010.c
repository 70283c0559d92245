/*
 * HYB010 partner-restriction-inconsistent.
 *
 * A Partner inbound connector whose restriction cannot work as written:
 * RestrictDomainsToCertificate without a TlsSenderCertificateName to
 * compare with, RestrictDomainsToIPAddresses without SenderIPAddresses,
 * a certificate restriction that does not require TLS, or IP addresses
 * and a certificate name in the same Partner connector.  Reads the
 * connectors of each tenant; one finding per connector and property.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  A Partner inbound connector applies to mail from its SenderDomains. Two\n"
"  switches make it a restriction: RestrictDomainsToCertificate accepts\n"
"  that mail only when the sending server's TLS certificate matches\n"
"  TlsSenderCertificateName, and RestrictDomainsToIPAddresses rejects it\n"
"  unless it comes from one of SenderIPAddresses. This is how partner\n"
"  TLS is enforced and how a tenant whose MX points to a third-party\n"
"  service rejects mail that bypasses it (HYB012). hybridlint reports:\n"
"   - RestrictDomainsToCertificate $true with no TlsSenderCertificateName:\n"
"     there is no name for any certificate to match, so the restriction\n"
"     cannot admit the partner it was written for;\n"
"   - RestrictDomainsToIPAddresses $true with no SenderIPAddresses:\n"
"     Exchange Online rejects mail from the SenderDomains whose source\n"
"     address is not listed, and none is; with SenderDomains * that is\n"
"     every message the connector applies to;\n"
"   - RestrictDomainsToCertificate $true with RequireTls $false: a message\n"
"     sent without TLS carries no certificate to check, and RequireTls\n"
"     $false explicitly allows messages that are not sent over TLS;\n"
"   - SenderIPAddresses and TlsSenderCertificateName in one Partner\n"
"     connector: Microsoft's product group says not to configure\n"
"     both in the same Partner connector and to use separate connectors,\n"
"     because restricting Partner connectors are looked up by IP address\n"
"     or by certificate when a message arrives.\n"
"\n"
"Why Exchange Online does it\n"
"  The cmdlet reference defines the switches this way: the certificate\n"
"  restriction compares the certificate with TlsSenderCertificateName, the\n"
"  IP restriction rejects mail from the SenderDomains whose source address\n"
"  is not in SenderIPAddresses, and RequireTls $false allows messages that\n"
"  are not sent over TLS. The service does not refuse these combinations\n"
"  when they are saved.\n"
"\n"
"How to confirm\n"
"  Get-InboundConnector | Where-Object ConnectorType -eq Partner |\n"
"    Format-List Name,Enabled,SenderDomains,SenderIPAddresses,\n"
"      TlsSenderCertificateName,RequireTls,RestrictDomainsToCertificate,\n"
"      RestrictDomainsToIPAddresses\n"
"  A message trace of mail from the partner shows the rejection (for the\n"
"  IP restriction, an NDR that names the source address not being\n"
"  allowed) or shows the mail delivered without the connector applying.\n"
"\n"
"How to fix\n"
"  Give the restriction what it compares with, and require TLS:\n"
"    Set-InboundConnector -Identity <name> -RequireTls $true\n"
"        -TlsSenderCertificateName <partner host> -RestrictDomainsToCertificate $true\n"
"    Set-InboundConnector -Identity <name> -SenderIPAddresses <addresses>\n"
"  To identify a partner by both its certificate and its addresses, use\n"
"  two Partner connectors, one restricted by certificate and one by IP\n"
"  address.\n"
"\n"
"Source\n"
"  New-InboundConnector and Set-InboundConnector (RequireTls,\n"
"  RestrictDomainsToCertificate, RestrictDomainsToIPAddresses,\n"
"  TlsSenderCertificateName, SenderIPAddresses):\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  \"Manage mail flow using a third-party cloud service\" (Partner connector\n"
"  with RequireTls and RestrictDomainsToCertificate):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/manage-mail-flow-using-third-party-cloud\n"
"  \"Configure mail flow using connectors\" and the product group statement\n"
"  in MicrosoftDocs/OfficeDocs-Exchange issue 900 (do not put IP addresses\n"
"  and certificates in the same Partner connector):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/use-connectors-to-configure-mail-flow\n"
"  https://github.com/MicrosoftDocs/OfficeDocs-Exchange/issues/900\n"
"  Inference: what Exchange Online does with a certificate restriction\n"
"  that names no certificate (reject everything or restrict nothing) is\n"
"  not documented; hybridlint only says that it cannot work as intended.\n";

/* "contoso.com, *.fabrikam.com" or "any domain (*)". */
static const char *
sender_domains(struct rule_ctx *c, const struct inbound_connector *ic)
{
	struct buf	 b = { 0 };
	const char	*r;
	size_t		 i;

	if (!ic->sender_domains_known || ic->nsender_domains == 0)
		return "its sender domains";
	for (i = 0; i < ic->nsender_domains; i++) {
		if (strcmp(ic->sender_domains[i].domain, "*") == 0) {
			buf_free(&b);
			return "any sender domain (SenderDomains *)";
		}
		buf_printf(&b, "%s%s", i ? ", " : "",
		    ic->sender_domains[i].domain);
	}
	r = arena_strdup(c->arena, b.p);
	buf_free(&b);
	return r;
}

/* The SenderDomains as a PowerShell list: 'a','b'; NULL when none. */
static const char *
ps_domains(struct rule_ctx *c, const struct inbound_connector *ic)
{
	struct buf	 b = { 0 };
	const char	*r;
	size_t		 i;

	if (ic->nsender_domains == 0)
		return NULL;
	for (i = 0; i < ic->nsender_domains; i++)
		buf_printf(&b, "%s%s", i ? "," : "",
		    ps_quote(c, ic->sender_domains[i].domain));
	r = arena_strdup(c->arena, b.p);
	buf_free(&b);
	return r;
}

static void
cert_without_name(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic)
{
	const char	*fix;

	if (ic->restrict_to_cert != 1 || ic->tls_sender_cert_name != NULL)
		return;
	if (obj_has_prop(&ic->o, "TlsSenderCertificateName") != 1) {
		rule_undecided(c, &ic->o, "the export has no "
		    "TlsSenderCertificateName", reexport_cmd(c, "Get-InboundConnector"));
		return;
	}
	if (ic->sender_ips_text.n > 0 && ic->restrict_to_ips == 1)
		fix = rule_printf(c, "# The connector is already restricted "
		    "by IP address; drop the certificate restriction:\n"
		    "Set-InboundConnector -Identity %s "
		    "-RestrictDomainsToCertificate $false",
		    ps_quote(c, ic->o.name));
	else
		fix = rule_printf(c, "# Set-InboundConnector -Identity '%s' "
		    "-TlsSenderCertificateName with the host name on the "
		    "partner's certificate, and -RequireTls $true",
		    fix_note(c, ic->o.name));
	rule_report(c, &ic->o, "RestrictDomainsToCertificate", NULL,
	    "RestrictDomainsToCertificate", NULL, fix,
	    "Partner inbound connector '%s' (tenant %s) restricts %s to a "
	    "certificate (RestrictDomainsToCertificate true) but has no "
	    "TlsSenderCertificateName: no certificate can match, so the "
	    "restriction cannot admit the partner it was written for",
	    ic->o.name, tn->name, sender_domains(c, ic));
}

static void
ips_without_addresses(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic)
{
	if (ic->restrict_to_ips != 1)
		return;
	if (!ic->sender_ips_text.known) {
		rule_undecided(c, &ic->o, "SenderIPAddresses is missing or "
		    "truncated in the export", reexport_cmd(c, "Get-InboundConnector"));
		return;
	}
	if (ic->sender_ips_text.n > 0)
		return;
	rule_report(c, &ic->o, "RestrictDomainsToIPAddresses", NULL,
	    "RestrictDomainsToIPAddresses", NULL, rule_printf(c,
	    "# Set-InboundConnector -Identity '%s' -SenderIPAddresses with "
	    "the partner's public addresses%s", fix_note(c, ic->o.name),
	    ic->tls_sender_cert_name != NULL ? rule_printf(c, "\n# or, to "
	    "identify the partner by its certificate %s only:\n"
	    "Set-InboundConnector -Identity %s "
	    "-RestrictDomainsToIPAddresses $false "
	    "-RestrictDomainsToCertificate $true -RequireTls $true",
	    fix_note(c, ic->tls_sender_cert_name),
	    ps_quote(c, ic->o.name)) : ""),
	    "Partner inbound connector '%s' (tenant %s) has "
	    "RestrictDomainsToIPAddresses true but no SenderIPAddresses: "
	    "Exchange Online rejects mail from %s whose source address is "
	    "not listed, and none is", ic->o.name, tn->name,
	    sender_domains(c, ic));
}

static void
cert_without_tls(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic)
{
	if (ic->restrict_to_cert != 1 || ic->require_tls != 0 ||
	    ic->tls_sender_cert_name == NULL)
		return;
	rule_report(c, &ic->o, "RequireTls", NULL, "RequireTls", NULL,
	    rule_printf(c, "Set-InboundConnector -Identity %s "
	    "-RequireTls $true", ps_quote(c, ic->o.name)),
	    "Partner inbound connector '%s' (tenant %s) restricts %s to "
	    "certificate %s but has RequireTls false: a message sent without "
	    "TLS presents no certificate, and RequireTls false allows such "
	    "messages", ic->o.name, tn->name, sender_domains(c, ic),
	    ic->tls_sender_cert_name);
}

/* The new certificate connector, in words when the domains are unknown. */
static const char *
split_new(struct rule_ctx *c, const struct inbound_connector *ic)
{
	const char	*name, *domains = ps_domains(c, ic);

	name = rule_printf(c, "%s (certificate)", ic->o.name);
	if (domains == NULL)
		return rule_printf(c, "# New-InboundConnector -Name '%s' "
		    "-ConnectorType Partner -SenderDomains with the partner's "
		    "domains, -RequireTls $true -RestrictDomainsToCertificate "
		    "$true -TlsSenderCertificateName '%s'", fix_note(c, name),
		    fix_note(c, ic->tls_sender_cert_name));
	return rule_printf(c, "New-InboundConnector -Name %s -ConnectorType "
	    "Partner -SenderDomains %s -RequireTls $true "
	    "-RestrictDomainsToCertificate $true -TlsSenderCertificateName %s",
	    ps_quote(c, name), domains, ps_quote(c, ic->tls_sender_cert_name));
}

static void
mixed(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic)
{
	if (ic->tls_sender_cert_name == NULL || ic->sender_ips_text.n == 0)
		return;
	rule_report(c, &ic->o, "SenderIPAddresses", NULL, "mixed", NULL,
	    rule_printf(c, "# Split the connector: one Partner connector "
	    "per identity. First the certificate one:\n%s\n"
	    "# then keep only the addresses on this one:\n"
	    "Set-InboundConnector -Identity %s -TlsSenderCertificateName "
	    "$null -RestrictDomainsToCertificate $false", split_new(c, ic),
	    ps_quote(c, ic->o.name)),
	    "Partner inbound connector '%s' (tenant %s) names both "
	    "SenderIPAddresses (%s) and TlsSenderCertificateName %s: "
	    "Microsoft says not to configure IP addresses and a certificate "
	    "in the same Partner connector, because restricting Partner "
	    "connectors are looked up by IP address or by certificate; use "
	    "separate connectors", ic->o.name, tn->name,
	    join_list(c, &ic->sender_ips_text, ""), ic->tls_sender_cert_name);
}

static void
check(struct rule_ctx *c)
{
	const struct tenant		*tn;
	const struct inbound_connector	*ic;
	size_t				 i, j;

	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (ic->type != CT_PARTNER || !ic_live(ic))
				continue;
			cert_without_name(c, tn, ic);
			ips_without_addresses(c, tn, ic);
			cert_without_tls(c, tn, ic);
			mixed(c, tn, ic);
		}
	}
}

const struct lint_rule rule_hyb010 = {
	.id = "HYB010",
	.name = "partner-restriction-inconsistent",
	.severity = SEV_WARNING,
	.summary = "A Partner inbound connector's certificate or IP "
	    "restriction lacks what it compares with, or mixes both",
	.doc = doc,
	.tags = "exchange-online,partner,security",
	/* medium: a partner restriction that does not restrict */
	.security_severity = "6.1",
	.check = check,
};
