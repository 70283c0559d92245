/*
 * HYB011 treat-messages-as-internal.
 *
 * An enabled inbound connector with TreatMessagesAsInternal $true: mail
 * from the tenant's accepted sender domains that arrives over it is
 * internal and bypasses anti-spam filtering.  The value is also invalid
 * together with CloudServicesMailEnabled $true or on a connector that is
 * not of type OnPremises; each is a finding of its own.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  With TreatMessagesAsInternal $true on an inbound connector, Exchange\n"
"  Online considers a message internal when the sender's domain is one\n"
"  of the tenant's accepted domains. Internal messages bypass anti-spam\n"
"  filtering. Whoever can use the connector can therefore deliver mail\n"
"  that claims to come from the organization and that no spam or spoof\n"
"  filter looks at. How wide that door is depends on how the connector\n"
"  recognizes its sender:\n"
"   - by SenderIPAddresses only: every system that sends from those\n"
"     addresses (a shared gateway, a cloud service's egress range, a NAT\n"
"     address) gets the treatment; hybridlint reports an error;\n"
"   - by a wildcard TlsSenderCertificateName (*.contoso.com): every\n"
"     server with a certificate for any host of the domain does;\n"
"     hybridlint reports an error;\n"
"   - by one exact certificate name: a warning, because the setting still\n"
"     switches off anti-spam for that whole path.\n"
"  The setting exists for on-premises organizations that do not run\n"
"  Exchange. An Exchange hybrid gets the same internal treatment, safely,\n"
"  from CloudServicesMailEnabled on the HCW connectors (cross-premises\n"
"  headers carry the authentication).\n"
"\n"
"  The cmdlet reference forbids two combinations: TreatMessagesAsInternal\n"
"  $true together with CloudServicesMailEnabled $true, and on a connector\n"
"  whose ConnectorType is not OnPremises. An export that shows either was\n"
"  set in a way the documentation does not support; hybridlint reports it\n"
"  separately.\n"
"\n"
"Why Exchange Online does it\n"
"  The reference describes TreatMessagesAsInternal as an alternative way\n"
"  to identify messages from an on-premises organization as internal,\n"
"  meant for on-premises organizations without Exchange, and warns that\n"
"  it has potential security risks because internal messages bypass\n"
"  anti-spam filtering. In hybrid environments the Hybrid Configuration\n"
"  wizard configures CloudServicesMailEnabled instead.\n"
"\n"
"How to confirm\n"
"  Get-InboundConnector | Format-List Name,ConnectorType,\n"
"    TreatMessagesAsInternal,CloudServicesMailEnabled,SenderIPAddresses,\n"
"    TlsSenderCertificateName\n"
"  In the headers of a message received over the connector,\n"
"  X-MS-Exchange-Organization-MessageDirectionality: Originating and the\n"
"  absence of a spam verdict (SCL -1) show the internal treatment.\n"
"\n"
"How to fix\n"
"  For an Exchange hybrid, turn it off; the HCW connector's\n"
"  CloudServicesMailEnabled already makes hybrid mail internal:\n"
"    Set-InboundConnector -Identity <name> -TreatMessagesAsInternal $false\n"
"  Rerun the Hybrid Configuration Wizard if the connector is the HCW's.\n"
"  For a non-Exchange on-premises system that needs it, identify that\n"
"  system by one exact certificate name, not by IP address or a wildcard:\n"
"    Set-InboundConnector -Identity <name> -TlsSenderCertificateName\n"
"        relay.contoso.com -SenderIPAddresses $null\n"
"\n"
"Source\n"
"  New-InboundConnector and Set-InboundConnector, TreatMessagesAsInternal\n"
"  (internal messages bypass antispam filtering; not allowed with\n"
"  CloudServicesMailEnabled $true or a ConnectorType other than\n"
"  OnPremises; not needed in hybrid environments):\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-inboundconnector\n"
"  Inference: the escalation to an error for IP-based and wildcard\n"
"  connectors follows from how widely such a connector matches (see\n"
"  MC1226222 on IP addresses shared with other tenants and the Microsoft\n"
"  reply in \"Updated Requirements for SMTP Relay through Exchange\n"
"  Online\" on wildcard names); no document ties it to this setting.\n";

static void
check(struct rule_ctx *c)
{
	const struct inbound_connector	*ic;
	const struct tenant		*tn;
	const char			*id, *how, *fix;
	size_t				 i, j;
	int				 ip_only, wild;

	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (ic->treat_as_internal != 1 || !ic_live(ic))
				continue;
			id = ps_quote(c, ic->o.name);
			fix = rule_printf(c, "Set-InboundConnector -Identity %s "
			    "-TreatMessagesAsInternal $false%s", id,
			    ic->source != NULL && strcmp(ic->source,
			    "HybridWizard") == 0 ? "\n# The Hybrid "
			    "Configuration Wizard created this connector; "
			    "rerun it so that CloudServicesMailEnabled carries "
			    "the internal treatment" : "");
			if (ic->type == CT_PARTNER) {
				rule_report(c, &ic->o, "ConnectorType", NULL,
				    "ConnectorType", NULL, fix,
				    "inbound connector '%s' (tenant %s) is a "
				    "Partner connector with TreatMessagesAsInternal "
				    "true; the setting is not allowed on a "
				    "connector whose type is not OnPremises",
				    ic->o.name, tn->name);
				continue;
			}
			if (ic->type != CT_ONPREMISES)
				continue;
			if (ic->cloud_services_mail == 1)
				rule_report(c, &ic->o, "CloudServicesMailEnabled",
				    NULL, "CloudServicesMailEnabled", NULL, fix,
				    "inbound connector '%s' (tenant %s) has "
				    "TreatMessagesAsInternal true together with "
				    "CloudServicesMailEnabled true, a combination "
				    "the cmdlet reference does not allow; the "
				    "hybrid header handling already makes the "
				    "mail internal", ic->o.name, tn->name);
			ip_only = ic->tls_sender_cert_name == NULL &&
			    ic->sender_ips_text.n > 0;
			wild = ic->tls_sender_cert_name != NULL &&
			    ic->tls_sender_cert_name[0] == '*';
			if (ip_only)
				how = rule_printf(c, "it recognizes its sender "
				    "by IP address only (%s%s), so every system "
				    "sending from those addresses gets this "
				    "treatment", ic->sender_ips_text.v[0],
				    ic->sender_ips_text.n > 1 ? ", ..." : "");
			else if (wild)
				how = rule_printf(c, "it accepts the wildcard "
				    "certificate name %s, so every server with a "
				    "certificate for a host of that domain gets "
				    "this treatment", ic->tls_sender_cert_name);
			else
				how = rule_printf(c, "it accepts %s",
				    ic->tls_sender_cert_name != NULL ?
				    rule_printf(c, "certificate %s",
				    ic->tls_sender_cert_name) :
				    "no certificate and no address");
			rule_report_sev(c, ip_only || wild ? SEV_ERROR :
			    SEV_WARNING, &ic->o, "TreatMessagesAsInternal", NULL,
			    "TreatMessagesAsInternal", NULL, fix,
			    "OnPremises inbound connector '%s' (tenant %s) has "
			    "TreatMessagesAsInternal true: mail over it whose "
			    "sender domain is an accepted domain of the tenant "
			    "is internal and bypasses anti-spam filtering; %s",
			    ic->o.name, tn->name, how);
		}
	}
}

const struct lint_rule rule_hyb011 = {
	.id = "HYB011",
	.name = "treat-messages-as-internal",
	.severity = SEV_WARNING,
	.summary = "An inbound connector treats mail from the tenant's "
	    "sender domains as internal, bypassing anti-spam filtering",
	.doc = doc,
	.tags = "exchange-online,security,anti-spam",
	/* high: spoofed mail of the tenant's domains skips anti-spam */
	.security_severity = "7.3",
	.check = check,
};
