/*
 * HYB043 hybrid-path-through-third-party-hop.
 *
 * The hybrid path between on-premises Exchange and Exchange Online runs
 * through a host that is not Exchange: a hybrid send connector whose
 * smart host is a gateway declared in topology.json, or an enabled
 * OnPremises outbound connector of Exchange Online whose smart host is
 * such a gateway rather than an Exchange or Edge server.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  Hybrid mail between on-premises Exchange and Exchange Online is\n"
"  internal mail of one organization. It stays internal because the two\n"
"  sides authenticate each other over TLS and carry the organization's\n"
"  X-MS-Exchange-Organization-* headers across as cross-premises headers\n"
"  (CloudServicesMailEnabled on both connectors). A host in between that\n"
"  is not Exchange, such as a filtering gateway, an appliance or a relay\n"
"  service, terminates the SMTP session and sends a new one: it presents\n"
"  its own certificate, may rewrite or drop headers, and is a different\n"
"  sender. The receiving side then treats the mail as anonymous external\n"
"  mail: on-premises senders appear as external senders in Outlook,\n"
"  anti-spam and policies for external mail apply, journal and transport\n"
"  rules for internal mail do not, and with centralized mail transport\n"
"  mail can loop. The gateway's certificate may also be matched by an\n"
"  OnPremises inbound connector (HYB001, HYB002), so the gateway's other\n"
"  traffic is attributed to the tenant.\n"
"\n"
"  hybridlint reports a hybrid send connector (address space\n"
"  <tenant>.mail.onmicrosoft.com, or CloudServicesMailEnabled towards\n"
"  Exchange Online) whose SmartHosts name a gateway declared in\n"
"  topology.json, and an enabled OnPremises outbound connector in\n"
"  Exchange Online whose SmartHosts name such a gateway instead of an\n"
"  Exchange or Edge server.\n"
"\n"
"  An email add-on service (signatures, archiving, DLP) is not such a\n"
"  hop. Microsoft's setup for it is an OnPremises outbound connector with\n"
"  IsTransportRuleScoped $true to the service: mail reaches it only when\n"
"  a mail flow rule redirects a message there, and the service returns it\n"
"  over an inbound connector of its own. A transport-rule-scoped\n"
"  connector is no hybrid route, and a connector in test mode carries no\n"
"  live mail: neither is reported. A connector to a service declared in\n"
"  topology.json as an add-on (\"addon_for\") that is not scoped to a mail\n"
"  flow rule is reported, because it sends every message for its\n"
"  RecipientDomains to the service; its fix scopes it, and no fix ever\n"
"  points an add-on's connector at on-premises servers:\n"
"    Set-OutboundConnector -Identity <name> -IsTransportRuleScoped $true\n"
"\n"
"Why Exchange does it\n"
"  Microsoft's hybrid transport documentation says that the on-premises\n"
"  Exchange servers (Mailbox or Edge) must talk to Exchange Online\n"
"  directly; only devices that pass SMTP through unchanged (a firewall\n"
"  forwarding port 25) may sit between them, and anything that changes\n"
"  the message makes it lose its internal status. The Edge hybrid\n"
"  documentation says the same of the Edge path.\n"
"\n"
"How to confirm\n"
"  Get-SendConnector <name> | Format-List AddressSpaces,SmartHosts,\n"
"    DNSRoutingEnabled,CloudServicesMailEnabled\n"
"  Get-OutboundConnector | Format-List Name,ConnectorType,SmartHosts\n"
"  In a hybrid message's headers, a Received line from the gateway\n"
"  between the Exchange hops, and X-MS-Exchange-Organization-AuthAs:\n"
"  Anonymous, show the extra hop.\n"
"\n"
"How to fix\n"
"  Route the hybrid send connector directly, as the Hybrid Configuration\n"
"  Wizard creates it (DNS routing to the tenant's\n"
"  <tenant>.mail.onmicrosoft.com MX, or the tenant's\n"
"  mail.protection.outlook.com host as smart host):\n"
"    Set-SendConnector -Identity <name> -SmartHosts $null -DNSRoutingEnabled $true\n"
"  On Edge, make the change on a Mailbox server and run\n"
"  Start-EdgeSynchronization. Point the OnPremises outbound connector at\n"
"  the hybrid endpoint of the on-premises organization\n"
"  (HybridConfiguration OnPremisesSmartHost), or rerun the Hybrid\n"
"  Configuration Wizard:\n"
"    Set-OutboundConnector -Identity <name> -SmartHosts mail.contoso.com\n"
"  Keep the gateway for internet mail only.\n"
"\n"
"Source\n"
"  \"Transport options in Exchange hybrid deployments\" (no device that\n"
"  modifies SMTP between on-premises Exchange and Exchange Online; such\n"
"  mail is no longer internal):\n"
"  https://learn.microsoft.com/exchange/transport-options\n"
"  \"Edge Transport servers with hybrid deployments\":\n"
"  https://learn.microsoft.com/exchange/edge-transport-servers\n"
"  \"Enhanced Filtering for Connectors in Exchange Online\" (centralized\n"
"  mail transport should not be used to introduce non-Exchange servers\n"
"  into the mail flow path):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors\n"
"  Community report (kb.rudilia.com, 2024: centralized transport loop,\n"
"  mail arriving as AuthAs Anonymous):\n"
"  https://kb.rudilia.com/2024/06/04/exchange-online-centralized-transport-and-mail-loop-issue\n"
"  \"Integrate Exchange Online with an email add-on service\"\n"
"  (New-OutboundConnector -ConnectorType OnPremises -IsTransportRuleScoped\n"
"  $true to the service; mail reaches it through a mail flow rule):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/integrate-office-365-with-an-email-add-on-service\n"
"  Set-OutboundConnector (IsTransportRuleScoped, TestMode):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-outboundconnector\n"
"  Inference: every gateway declared in topology.json is taken to be a\n"
"  host that is not Exchange and that terminates SMTP; a pass-through\n"
"  device should not be declared as a gateway.\n";

static const char *
gw_desc(struct rule_ctx *c, const struct host *h)
{
	const struct gateway	*g = h->gateway;

	if (g == NULL)
		return h->name;
	return rule_printf(c, "%s (gateway '%s'%s%s)", g->name, g->id,
	    g->operated_by != NULL ? ", operated by " : "",
	    g->operated_by != NULL ? g->operated_by->id : "");
}

static void
send_connectors(struct rule_ctx *c)
{
	const struct send_connector	*sc;
	const struct host		*h;
	size_t				 i, j;

	MODEL_FOREACH(c->m, K_SEND, const struct send_connector, sc, i) {
		if (!sc_is_hybrid(sc))
			continue;
		for (j = 0; j < sc->nsmart_hosts; j++) {
			h = topo_find_host(c->t, sc->o.org,
			    sc->smart_hosts[j].host);
			if (h == NULL || h->kind != HOST_GATEWAY)
				continue;
			rule_report(c, &sc->o, "SmartHosts", NULL, h->name,
			    NULL, rule_printf(c, "Set-SendConnector -Identity %s "
			    "-SmartHosts $null -DNSRoutingEnabled $true%s\n"
			    "# or rerun the Hybrid Configuration Wizard, which "
			    "creates this connector with DNS routing",
			    ps_quote(c, sc->o.name), sc_edgesync_note(c, sc)),
			    "hybrid send connector '%s' (%s) relays its mail to "
			    "Exchange Online through %s, a host that is not "
			    "Exchange: Exchange Online receives it from the "
			    "gateway, not from the organization's Exchange "
			    "servers, so it is no longer internal hybrid mail "
			    "(cross-premises headers and authentication are lost)",
			    sc->o.name, sc->o.org != NULL ? sc->o.org->id : "?",
			    gw_desc(c, h));
		}
	}
}

/* The on-premises hybrid endpoint HybridConfiguration names. */
static const char *
onprem_endpoint(const struct org *org)
{
	const struct hybrid_config	*hc;
	size_t				 i;

	if (org == NULL)
		return NULL;
	ORG_FOREACH(org, K_HYBRID, const struct hybrid_config, hc, i)
		if (hc->onprem_smart_host != NULL)
			return hc->onprem_smart_host;
	return NULL;
}

/*
 * A connector to a declared add-on service that is not scoped to a mail
 * flow rule: it carries every message for its RecipientDomains to the
 * service.  The fix scopes it; it never points it anywhere else.
 */
static void
addon_unscoped(struct rule_ctx *c, const struct outbound_connector *oc,
    const struct addon *ad)
{
	rule_report(c, &oc->o, "IsTransportRuleScoped", NULL, ad->gw->id,
	    NULL, rule_printf(c, "# Mail reaches an add-on service only "
	    "through the mail flow rule that redirects it there:\n"
	    "Set-OutboundConnector -Identity %s -IsTransportRuleScoped $true",
	    ps_quote(c, oc->o.name)),
	    "OnPremises outbound connector '%s' (tenant %s) delivers to %s "
	    "(gateway '%s'), an email add-on service of the tenant, but "
	    "IsTransportRuleScoped is false: every message for its "
	    "RecipientDomains (%s) goes to the service instead of only what "
	    "a mail flow rule redirects there", oc->o.name,
	    org_tenant_name(c, oc->o.org), ad->gw->name, ad->gw->id,
	    join_list(c, &oc->recipient_domains, "none"));
}

static void
outbound_connectors(struct rule_ctx *c)
{
	const struct outbound_connector	*oc;
	const struct host		*h;
	const char			*ep;
	struct addon			 ad;
	size_t				 i, j;

	MODEL_FOREACH(c->m, K_OUTBOUND, const struct outbound_connector, oc,
	    i) {
		if (!oc_route(oc) || oc->type != CT_ONPREMISES)
			continue;
		if (topo_oc_addon(c->t, oc, &ad)) {
			if (ad.gw != NULL && !not_exported(c, &oc->o,
			    "IsTransportRuleScoped", "Get-OutboundConnector | "
			    "ConvertTo-Json -Depth 10 | Out-File -Encoding utf8 "
			    "Get-OutboundConnector.json"))
				addon_unscoped(c, oc, &ad);
			continue;
		}
		for (j = 0; j < oc->smart_hosts.n; j++) {
			h = topo_find_host(c->t, oc->o.org,
			    oc->smart_hosts.v[j]);
			if (h == NULL || h->kind != HOST_GATEWAY)
				continue;
			ep = onprem_endpoint(oc->o.org);
			rule_report(c, &oc->o, "SmartHosts", NULL, h->name,
			    NULL, rule_printf(c, "%sSet-OutboundConnector "
			    "-Identity %s -SmartHosts %s\n"
			    "# or rerun the Hybrid Configuration Wizard, which "
			    "sets the on-premises hybrid endpoint",
			    ep != NULL ? "" : "# ", ps_quote(c, oc->o.name),
			    ep != NULL ? ps_quote(c, ep) : "with the host name "
			    "of the on-premises hybrid endpoint"),
			    "OnPremises outbound connector '%s' (tenant %s) "
			    "delivers to on-premises through %s, a host that is "
			    "not Exchange, instead of an Exchange or Edge "
			    "server: the on-premises organization receives the "
			    "tenant's mail from the gateway, not as internal "
			    "hybrid mail", oc->o.name,
			    org_tenant_name(c, oc->o.org), gw_desc(c, h));
		}
	}
}

static void
check(struct rule_ctx *c)
{
	send_connectors(c);
	outbound_connectors(c);
}

const struct lint_rule rule_hyb043 = {
	.id = "HYB043",
	.name = "hybrid-path-through-third-party-hop",
	.severity = SEV_ERROR,
	.summary = "The hybrid mail path between on-premises Exchange and "
	    "Exchange Online runs through a gateway that is not Exchange",
	.doc = doc,
	.tags = "hybrid,routing,headers",
	/* medium: a third-party hop strips the hybrid headers */
	.security_severity = "5.3",
	.check = check,
	.flags = RULE_HYBRID,
};
