/*
 * HYB013 enhanced-filtering-misconfigured.
 *
 * Enhanced Filtering for Connectors (skip listing) on an inbound
 * connector of a tenant that uses centralized mail transport (an enabled
 * OnPremises outbound connector with RouteAllMessagesViaOnPremises $true)
 * is an error; EFSkipIPs entries in private address space are a warning.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  Enhanced Filtering for Connectors (skip listing) tells Exchange Online\n"
"  which hops in front of it to skip so that it judges a message by its\n"
"  real source: EFSkipLastIP $true skips the last hop, EFSkipIPs lists\n"
"  the addresses to skip (when EFSkipLastIP is $false; an empty list\n"
"  disables the feature). SPF, DKIM, DMARC and spoof intelligence are\n"
"  then evaluated against the address before those hops.\n"
"\n"
"  With centralized mail transport (an OnPremises outbound connector with\n"
"  RouteAllMessagesViaOnPremises $true), mail between Exchange Online and\n"
"  the internet passes through the on-premises organization, and much of\n"
"  what reaches cloud mailboxes arrives from the on-premises servers,\n"
"  some of it after Exchange Online has processed it once. Skip listing\n"
"  makes Exchange Online judge that mail by the hops before on-premises:\n"
"  composite authentication fails and the organization's own or\n"
"  already-filtered mail is marked as spam or spoofed. Microsoft does\n"
"  not support skip listing the on-premises hybrid servers with\n"
"  centralized mail transport. hybridlint reports an error for every\n"
"  enabled inbound connector with EFSkipLastIP $true or a non-empty\n"
"  EFSkipIPs in such a tenant.\n"
"\n"
"  EFSkipIPs entries in private address space (RFC 1918, loopback,\n"
"  link-local, unique local) are not supported either: Exchange Online\n"
"  sees the public address of the last hop, so a private entry skips\n"
"  nothing and usually betrays a hop that should be listed by its public\n"
"  address. hybridlint reports a warning.\n"
"\n"
"  Connectors in test mode (an inbound connector with EFTestMode $true,\n"
"  an outbound connector with TestMode $true) carry no live mail and are\n"
"  left out (HYB014 notes one left that way), and so is an outbound\n"
"  connector with IsTransportRuleScoped $true, which mail reaches only\n"
"  through a mail flow rule: it is no centralized mail transport.\n"
"\n"
"Why Exchange Online does it\n"
"  Skip listing changes which IP address Exchange Online treats as the\n"
"  connecting client for filtering. It is meant for a third-party service\n"
"  or appliance in front of Exchange Online, not for the organization's\n"
"  own Exchange servers in a centralized mail flow, whose messages\n"
"  Exchange Online has already processed or which the organization\n"
"  authenticated itself.\n"
"\n"
"How to confirm\n"
"  Get-OutboundConnector | Format-List Name,ConnectorType,Enabled,\n"
"    RouteAllMessagesViaOnPremises,RecipientDomains\n"
"  Get-InboundConnector | Format-List Name,EFSkipLastIP,EFSkipIPs,EFUsers\n"
"  In a message that came back from on-premises, the headers\n"
"  X-MS-Exchange-SkipListedInternetSender and Authentication-Results\n"
"  (compauth=fail) show the effect.\n"
"\n"
"How to fix\n"
"  Switch skip listing off on the connector:\n"
"    Set-InboundConnector -Identity <name> -EFSkipLastIP $false -EFSkipIPs $null\n"
"  For private addresses, list the public address of the hop instead:\n"
"    Set-InboundConnector -Identity <name> -EFSkipIPs <public address>\n"
"\n"
"Source\n"
"  \"Enhanced Filtering for Connectors in Exchange Online\" (skip listing;\n"
"  unsupported configurations: private IP addresses, Microsoft 365\n"
"  addresses, on-premises hybrid servers with centralized mail flow;\n"
"  Centralized Mail Transport should not be used to introduce\n"
"  non-Exchange hops):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors\n"
"  Set-InboundConnector (EFSkipLastIP, EFSkipIPs):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-inboundconnector\n"
"  \"Transport options in Exchange hybrid deployments\" (centralized mail\n"
"  transport): https://learn.microsoft.com/exchange/transport-options\n"
"  Inference: hybridlint treats every skip-listing connector of a tenant\n"
"  with centralized mail transport as affected, because it cannot tell\n"
"  from the exports which public addresses the on-premises servers use.\n";

static void
centralized(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic, const struct outbound_connector *oc)
{
	const char	*what;

	if (ic->ef_skip_last_ip == 1)
		what = "skips the last hop (EFSkipLastIP true)";
	else if (ic->ef_skip_ips.n > 0)
		what = rule_printf(c, "skip-lists %s (EFSkipIPs)",
		    join_list(c, &ic->ef_skip_ips, ""));
	else
		return;
	rule_report(c, &ic->o, ic->ef_skip_last_ip == 1 ? "EFSkipLastIP" :
	    "EFSkipIPs", NULL, "RouteAllMessagesViaOnPremises", NULL,
	    rule_printf(c, "Set-InboundConnector -Identity %s%s%s",
	    ps_quote(c, ic->o.name), ic->ef_skip_last_ip == 1 ?
	    " -EFSkipLastIP $false" : "", ic->ef_skip_ips.n > 0 ?
	    " -EFSkipIPs $null" : ""),
	    "inbound connector '%s' (tenant %s) %s, while outbound connector "
	    "'%s' routes all mail via on-premises (centralized mail "
	    "transport): Microsoft does not support Enhanced Filtering with "
	    "centralized mail transport; skip listing makes Exchange Online "
	    "judge mail by the hops before on-premises, so the "
	    "organization's own and already-scanned mail can fail composite "
	    "authentication and be marked as spam", ic->o.name, tn->name,
	    what, oc->o.name);
}

static void
private_ranges(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic)
{
	const char	*bad[32], *quoted[32];
	struct iprange	 r;
	size_t		 i, n;

	for (i = n = 0; i < ic->ef_skip_ips.n && n < 32; i++)
		if (parse_iprange(ic->ef_skip_ips.v[i], &r) == 0 &&
		    (ipaddr_is_private(&r.lo) || ipaddr_is_private(&r.hi)))
			bad[n++] = ic->ef_skip_ips.v[i];
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		quoted[i] = ps_quote(c, bad[i]);
	rule_report_sev(c, SEV_WARNING, &ic->o, "EFSkipIPs", NULL, "EFSkipIPs",
	    NULL, rule_printf(c, "# Replace the private entries with the "
	    "public address the hop connects from:\n"
	    "Set-InboundConnector -Identity %s -EFSkipIPs @{Remove=%s}",
	    ps_quote(c, ic->o.name), join_strs(c, quoted, n, JOIN_ALL, ",",
	    "")),
	    "inbound connector '%s' (tenant %s) skip-lists private address%s "
	    "%s in EFSkipIPs: Enhanced Filtering does not support private "
	    "addresses, and Exchange Online only sees the public address of "
	    "the last hop, so %s nothing", ic->o.name, tn->name,
	    n > 1 ? "es" : "", join_strs(c, bad, n, JOIN_ALL, ", ", ""),
	    n > 1 ? "they skip" : "it skips");
}

static void
check(struct rule_ctx *c)
{
	const struct outbound_connector	*oc;
	const struct inbound_connector	*ic;
	const struct tenant		*tn;
	size_t				 i, j;

	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		oc = tenant_cmt(tn);
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (!ic_live(ic))
				continue;
			if (oc != NULL)
				centralized(c, tn, ic, oc);
			if (ic->ef_skip_last_ip != 1)
				private_ranges(c, tn, ic);
		}
	}
}

const struct lint_rule rule_hyb013 = {
	.id = "HYB013",
	.name = "enhanced-filtering-misconfigured",
	.severity = SEV_ERROR,
	.summary = "Enhanced Filtering skip-lists hops with centralized mail "
	    "transport, or lists private addresses",
	.doc = doc,
	.tags = "exchange-online,enhanced-filtering,centralized-transport",
	/* medium: filtering judges the wrong sender address */
	.security_severity = "6.5",
	.check = check,
};
