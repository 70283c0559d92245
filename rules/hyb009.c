/*
 * HYB009 inbound-sender-ip-invalid.
 *
 * SenderIPAddresses entries of an enabled inbound connector that are not
 * what the cmdlet documents as valid (a single IPv4 address, or IPv4 CIDR
 * /24 to /32): IPv6, address ranges (lo-hi), CIDR wider than /24, and
 * private addresses Exchange Online never sees.  One finding per entry.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  SenderIPAddresses identifies the servers a connector is for by the\n"
"  address they connect to Exchange Online from. The cmdlet reference\n"
"  documents the valid values: a single IPv4 address (192.0.2.1) or an\n"
"  IPv4 CIDR range from /24 to /32 (192.0.2.0/25); IPv6 addresses and\n"
"  address ranges (192.0.2.1-192.0.2.5) are not supported. An entry\n"
"  outside that:\n"
"  - IPv6 or a lo-hi range: not supported, so the entry does not do what\n"
"    it says (or the export was edited by hand);\n"
"  - CIDR shorter than /24 (a /16 covers 65,536 addresses): every host in\n"
"    that block, including other customers of the same provider or\n"
"    cloud, is treated as the on-premises organization;\n"
"  - a private address (RFC 1918, loopback, link-local, ULA): Exchange\n"
"    Online only ever sees the public address after NAT, so the entry\n"
"    matches nothing.\n"
"  On an OnPremises connector the first two make attribution broader\n"
"  than intended (HYB004); on a Partner connector they weaken\n"
"  RestrictDomainsToIPAddresses.\n"
"\n"
"Why Exchange Online does it\n"
"  The connector compares the connecting address of the SMTP session,\n"
"  which is the public egress address of the sending organization.\n"
"\n"
"How to confirm\n"
"  Get-InboundConnector | fl Name,ConnectorType,SenderIPAddresses\n"
"  Compare with the public addresses the on-premises servers or gateways\n"
"  connect from (the firewall's outbound NAT).\n"
"\n"
"How to fix\n"
"  Replace the entry with the exact public egress addresses (or a /24 to\n"
"  /32 block that holds only your hosts), or better switch the connector\n"
"  to certificate authentication:\n"
"    Set-InboundConnector -Identity <name>\n"
"        -SenderIPAddresses @{Remove='10.0.0.0/8'}\n"
"    Set-InboundConnector -Identity <name>\n"
"        -SenderIPAddresses @{Add='203.0.113.25'}\n"
"\n"
"Source\n"
"  New-InboundConnector, SenderIPAddresses (single IPv4 or CIDR /24 to /32;\n"
"  IPv6 and ranges not supported):\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  Message Center MC1226222 (prefer certificates over IP addresses):\n"
"  https://mwpro.co.uk/blog/2026/02/04/updated-prevent-fix-guidance-for-on-premises-connectors-configuration-mc1226222\n"
"  Inference: that a private address never matches follows from Exchange\n"
"  Online seeing the public address after NAT; no document says it of\n"
"  this parameter.\n";

/* The number of addresses of an IPv4 range, as text. */
static const char *
span(struct rule_ctx *c, const struct iprange *r)
{
	unsigned long long	lo = 0, hi = 0;
	int			i;

	for (i = 0; i < 4; i++) {
		lo = lo << 8 | r->lo.a[i];
		hi = hi << 8 | r->hi.a[i];
	}
	return rule_printf(c, "%llu", hi >= lo ? hi - lo + 1 : 0);
}

/* What is wrong with one entry, or NULL. */
static const char *
problem(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct iprange *r)
{
	if (r->lo.family == 6)
		return "an IPv6 address; only IPv4 is supported";
	if (r->fmt == IPR_LOHI)
		return rule_printf(c, "an address range of %s addresses; "
		    "ranges are not supported, only single addresses and CIDR "
		    "/24 to /32", span(c, r));
	if (r->fmt == IPR_CIDR && r->prefix < 24)
		return rule_printf(c, "a /%d block of %s addresses; CIDR "
		    "shorter than /24 is not supported, and every host in "
		    "it %s", r->prefix, r->prefix <= 0 ? "all" :
		    rule_printf(c, "%llu", 1ULL << (32 - r->prefix)),
		    ic->type == CT_ONPREMISES ?
		    "is treated as the organization's" : "passes the "
		    "connector's address check");
	if (ipaddr_is_private(&r->lo) || ipaddr_is_private(&r->hi))
		return "a private address; Exchange Online sees only the "
		    "public address after NAT, so it never matches";
	return NULL;
}

static void
report(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic, const char *text, const char *what)
{
	rule_report(c, &ic->o, "SenderIPAddresses", NULL, text, NULL,
	    rule_printf(c, "# Replace it by the exact public egress "
	    "addresses (or switch to a certificate, HYB004):\n"
	    "Set-InboundConnector -Identity %s -SenderIPAddresses "
	    "@{Remove=%s}\n"
	    "# Set-InboundConnector -Identity '%s' -SenderIPAddresses "
	    "@{Add=...} with each public IPv4 address or /24 to /32 block",
	    ps_quote(c, ic->o.name), ps_quote(c, text),
	    fix_note(c, ic->o.name)),
	    "%s inbound connector '%s' (tenant %s) lists %s in "
	    "SenderIPAddresses: %s", ic->type == CT_ONPREMISES ?
	    "OnPremises" : ic->type == CT_PARTNER ? "Partner" : "the",
	    ic->o.name, tn->name, text, what);
}

static void
check(struct rule_ctx *c)
{
	const struct tenant		*tn;
	const struct inbound_connector	*ic;
	struct iprange			 r;
	const char			*what, *text;
	size_t				 i, j, k;

	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (!ic_live(ic))
				continue;
			for (k = 0; k < ic->sender_ips_text.n; k++) {
				text = ic->sender_ips_text.v[k];
				/* Entries that do not parse are the loader's
				 * diagnostics already. */
				if (parse_iprange(text, &r) == 0 &&
				    (what = problem(c, ic, &r)) != NULL)
					report(c, tn, ic, text, what);
			}
		}
	}
}

const struct lint_rule rule_hyb009 = {
	.id = "HYB009",
	.name = "inbound-sender-ip-invalid",
	.severity = SEV_WARNING,
	.summary = "An inbound connector lists an IPv6 address, a range, a "
	    "block wider than /24 or a private address in SenderIPAddresses",
	.doc = doc,
	.tags = "exchange-online,ip,input",
	/* low: entries Exchange Online ignores or rejects */
	.security_severity = "3.7",
	.check = check,
};
