/*
 * HYB041 hybrid-send-connector-headers.
 *
 * The hybrid send connector (address space <tenant>.mail.onmicrosoft.com,
 * or the HCW's 'Outbound to Office 365') has CloudServicesMailEnabled
 * false: Exchange strips the cross-premises headers, so Exchange Online
 * treats on-premises senders as external.  Reads the send connectors.
 */
#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  A message that leaves on-premises Exchange for Exchange Online carries\n"
"  its organization headers (X-MS-Exchange-Organization-*: the sender's\n"
"  authentication, AuthAs Internal, the spam verdicts) only when the send\n"
"  connector has CloudServicesMailEnabled $true: Exchange then converts them\n"
"  into X-MS-Exchange-CrossPremises-* headers, which Exchange Online\n"
"  promotes back into organization headers. With CloudServicesMailEnabled\n"
"  $false the connector removes them and stamps\n"
"  X-CrossPremisesHeadersFilteredBySendConnector. Exchange Online then\n"
"  treats on-premises senders as external: Outlook shows them as external\n"
"  contacts, anti-spam scans the messages as it scans internet mail, and\n"
"  transport and journal rules meant for external mail apply.\n"
"\n"
"Why Exchange does it\n"
"  CloudServicesMailEnabled is the switch for hybrid header handling on\n"
"  on-premises send connectors (and on Exchange Online's connectors):\n"
"  without it the header firewall removes organization headers at the\n"
"  organization boundary. The Hybrid Configuration Wizard creates the\n"
"  connector with CloudServicesMailEnabled $true; KB 3212872 describes the\n"
"  symptom when it is missing (typically on a connector recreated by hand\n"
"  or by an Edge subscription).\n"
"\n"
"How to confirm\n"
"  Get-SendConnector | Format-List Name,AddressSpaces,SmartHosts,\n"
"    CloudServicesMailEnabled\n"
"  In Exchange Online, the headers of a message from an on-premises sender\n"
"  show X-CrossPremisesHeadersFilteredBySendConnector and\n"
"  X-MS-Exchange-Organization-AuthAs: Anonymous.\n"
"\n"
"How to fix\n"
"    Set-SendConnector -Identity 'Outbound to Office 365 - <GUID>'\n"
"        -CloudServicesMailEnabled $true\n"
"  or rerun the Hybrid Configuration Wizard. On Edge Transport servers the\n"
"  connector is replicated by EdgeSync: run the command on a Mailbox server,\n"
"  then Start-EdgeSynchronization. (Exchange 2010 Hub Transport servers have\n"
"  no such parameter; KB 3212872 gives the msExchSmtpSendFlags value.)\n"
"\n"
"Source\n"
"  KB 3212872, \"Email from Exchange 2013 Edge Transport server to Exchange\n"
"  Online appears as mail from external contacts\":\n"
"  https://support.microsoft.com/kb/3212872\n"
"  Set-SendConnector, CloudServicesMailEnabled:\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-sendconnector\n"
"  CSS-Exchange Health Checker, Cloud Connector Check:\n"
"  https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/CloudConnectorCheck/\n"
"  Inference: hybridlint calls a connector hybrid when it carries the\n"
"  <tenant>.mail.onmicrosoft.com address space or bears HCW's name\n"
"  'Outbound to Office 365'; a connector that only relays internet mail\n"
"  through Exchange Online is not required to set the flag.\n";

static void
check(struct rule_ctx *c)
{
	const struct send_connector	*sc;
	const char			*coex;
	size_t				 i;

	MODEL_FOREACH(c->m, K_SEND, const struct send_connector, sc, i) {
		if (!sc_is_hybrid(sc) || sc->cloud_services_mail == 1)
			continue;
		if (sc->cloud_services_mail == TB_UNKNOWN && not_exported(c,
		    &sc->o, "CloudServicesMailEnabled", "Get-SendConnector | "
		    "Export-Clixml -Encoding utf8 Get-SendConnector.xml"))
			continue;
		coex = sc_coexistence_space(sc);
		rule_report(c, &sc->o, "CloudServicesMailEnabled", NULL,
		    "CloudServicesMailEnabled", NULL, rule_printf(c,
		    "Set-SendConnector -Identity %s -CloudServicesMailEnabled "
		    "$true%s\n# Or rerun the Hybrid Configuration Wizard, which "
		    "owns this connector.", ps_quote(c, sc->o.name),
		    sc_edgesync_note(c, sc)),
		    "hybrid send connector '%s'%s has CloudServicesMailEnabled "
		    "%s: it strips the cross-premises headers, so Exchange "
		    "Online treats on-premises senders as external",
		    sc->o.name, coex != NULL ? rule_printf(c, " (to %s)", coex) :
		    "", sc->cloud_services_mail == 0 ? "false" : "unset");
	}
}

const struct lint_rule rule_hyb041 = {
	.id = "HYB041",
	.name = "hybrid-send-connector-headers",
	.severity = SEV_ERROR,
	.summary = "The hybrid send connector does not have "
	    "CloudServicesMailEnabled, so on-premises senders look external "
	    "in Exchange Online",
	.doc = doc,
	.tags = "hybrid,send-connector,headers",
	/* medium: internal senders look external */
	.security_severity = "4.3",
	.check = check,
	.flags = RULE_HYBRID,
};
