/*
 * HYB008 inbound-onprem-connectors-overlap.
 *
 * Two enabled OnPremises inbound connectors of one tenant whose
 * TlsSenderCertificateName patterns can match a common name, or whose
 * SenderIPAddresses overlap: which of them a connection is attributed to
 * is not under the administrator's control.  Pairs within one tenant.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  Exchange Online picks the OnPremises inbound connector of a connection\n"
"  by the certificate presented (TlsSenderCertificateName) or by the\n"
"  address (SenderIPAddresses). When two OnPremises connectors of the\n"
"  same tenant accept the same certificate name (*.contoso.com and\n"
"  mail.contoso.com both accept mail.contoso.com) or list overlapping\n"
"  addresses, a connection matches both and the connector it is\n"
"  attributed to is not the administrator's choice. Everything that is\n"
"  set per connector then applies unpredictably: Enhanced Filtering\n"
"  (EFSkipIPs, EFSkipLastIP), CloudServicesMailEnabled (cross-premises\n"
"  header promotion), TreatMessagesAsInternal, and the connector name the\n"
"  message trace and transport rules see. A leftover connector from an\n"
"  earlier hybrid setup or a second forest is the usual cause.\n"
"\n"
"Why Exchange Online does it\n"
"  A connection is attributed to one connector; community analysis shows\n"
"  that with several OnPremises connectors in one tenant Exchange Online\n"
"  picks the connector by certificate or IP, and settings such as\n"
"  Enhanced Filtering must be on the connector that actually matches.\n"
"  Which of two equally matching connectors wins is not documented.\n"
"\n"
"How to confirm\n"
"  Get-InboundConnector | ? ConnectorType -eq OnPremises |\n"
"      fl Name,Enabled,TlsSenderCertificateName,SenderIPAddresses\n"
"  The extended message trace (custom_data of the RECEIVE event,\n"
"  S:InboundConnectorData=Name=...) shows which connector a message was\n"
"  attributed to.\n"
"\n"
"How to fix\n"
"  Make the identities disjoint: each connector names the exact host of\n"
"  its own certificate (a distinct certificate per forest or site), or\n"
"  its own addresses; disable or remove a leftover connector:\n"
"    Set-InboundConnector -Identity <name>\n"
"        -TlsSenderCertificateName smtp-site2.contoso.com\n"
"    Set-InboundConnector -Identity <leftover> -Enabled $false\n"
"\n"
"Source\n"
"  c7solutions, \"Mail Flow To The Correct Exchange Online Connector\":\n"
"  https://c7solutions.com/2020/09/mail-flow-to-the-correct-exchange-online-connector\n"
"  \"Enhanced Filtering for Connectors\" (the skip list applies to the\n"
"  connector the message arrives on):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors\n"
"  New-InboundConnector, TlsSenderCertificateName and SenderIPAddresses:\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  Inference: the tie-break between two matching connectors of one\n"
"  tenant is undocumented; hybridlint also models *.contoso.com as\n"
"  matching contoso.com itself.\n";

/*
 * A name both patterns match, or NULL.  Patterns are lower-case: "*",
 * "*.d" (d and below, apex modelled) or an exact name.
 */
static const char *
common_name(struct rule_ctx *c, const char *p, const char *q)
{
	int	pw = p[0] == '*', qw = q[0] == '*';

	if (strcmp(p, "*") == 0)
		return qw ? (strcmp(q, "*") == 0 ? "any name" :
		    rule_printf(c, "any name under %s", wild_base(q))) : q;
	if (strcmp(q, "*") == 0)
		return common_name(c, q, p);
	if (pw && qw) {
		if (dn_is_subdomain(wild_base(p), wild_base(q)))
			return rule_printf(c, "any name under %s",
			    wild_base(p));
		if (dn_is_subdomain(wild_base(q), wild_base(p)))
			return rule_printf(c, "any name under %s",
			    wild_base(q));
		return NULL;
	}
	if (pw)
		return dn_match(p, q) != DN_NONE ? q : NULL;
	if (qw)
		return dn_match(q, p) != DN_NONE ? p : NULL;
	return strcmp(p, q) == 0 ? p : NULL;
}

static const char *
common_ips(struct rule_ctx *c, const struct inbound_connector *a,
    const struct inbound_connector *b)
{
	size_t	i, j;

	for (i = 0; i < a->nsender_ips; i++)
		for (j = 0; j < b->nsender_ips; j++)
			if (iprange_overlaps(&a->sender_ips[i],
			    &b->sender_ips[j]))
				return rule_printf(c, "%s and %s",
				    i < a->sender_ips_text.n ?
				    a->sender_ips_text.v[i] : "?",
				    j < b->sender_ips_text.n ?
				    b->sender_ips_text.v[j] : "?");
	return NULL;
}

/* A host of the inputs whose certificate both connectors accept. */
static const char *
seen_both(struct rule_ctx *c, const struct inbound_connector *a,
    const struct inbound_connector *b)
{
	const struct flow	*f;
	size_t			 i, j;
	int			 ha, hb;

	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		for (ha = hb = 0, j = 0; j < f->nmatches; j++) {
			ha |= f->matches[j].ic == a;
			hb |= f->matches[j].ic == b;
		}
		if (ha && hb)
			return rule_printf(c, "; %s presents %s, which both "
			    "accept", f->presenter->name, f->sel.cert != NULL ?
			    f->sel.cert->subject : "its address");
	}
	return "";
}

/* Is 'name' the apex of one of the wildcard patterns? */
static int
apex(const char *name, const char *p, const char *q)
{
	return (p[0] == '*' && strcmp(name, wild_base(p)) == 0) ||
	    (q[0] == '*' && strcmp(name, wild_base(q)) == 0);
}

/* Report the pair if it overlaps. */
static void
pair(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *a, const struct inbound_connector *b)
{
	const char	*p = a->tls_sender_cert_name;
	const char	*q = b->tls_sender_cert_name;
	const char	*name, *ips, *why;

	name = p != NULL && q != NULL ? common_name(c, p, q) : NULL;
	ips = common_ips(c, a, b);
	if (name == NULL && ips == NULL)
		return;
	if (name != NULL && ips != NULL)
		why = rule_printf(c, "both accept %s ('%s' and '%s') and their "
		    "SenderIPAddresses overlap (%s)", name, p, q, ips);
	else if (name != NULL)
		why = rule_printf(c, "both accept %s ('%s' and '%s')", name,
		    p, q);
	else
		why = rule_printf(c, "their SenderIPAddresses overlap (%s)",
		    ips);
	if (name != NULL && apex(name, p, q))
		why = rule_printf(c, "%s [inference: a wildcard is modelled "
		    "as matching its apex]", why);
	rule_report(c, &b->o, name != NULL ? "TlsSenderCertificateName" :
	    "SenderIPAddresses", NULL, a->o.name, NULL, rule_printf(c,
	    "# Give '%s' the exact identity of its own servers:\n"
	    "# Set-InboundConnector -Identity '%s' %s\n"
	    "# or, if one of the two is a leftover, disable it:\n"
	    "Set-InboundConnector -Identity %s -Enabled $false",
	    fix_note(c, b->o.name), fix_note(c, b->o.name), name != NULL ?
	    "-TlsSenderCertificateName with the exact host name of its own "
	    "certificate" : "-SenderIPAddresses with its own addresses",
	    ps_quote(c, b->o.name)),
	    "OnPremises inbound connectors '%s' and '%s' of tenant %s %s%s: "
	    "a connection matching both is attributed to either, and their "
	    "per-connector settings apply unpredictably", a->o.name,
	    b->o.name, tn->name, why, seen_both(c, a, b));
}

static void
check(struct rule_ctx *c)
{
	const struct tenant	*tn;
	size_t			 i, j, k;

	/* Pairs within one tenant only. */
	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = 0; j < tn->ninbound; j++) {
			if (!ic_onprem(tn->inbound[j]))
				continue;
			for (k = j + 1; k < tn->ninbound; k++)
				if (ic_onprem(tn->inbound[k]))
					pair(c, tn, tn->inbound[j],
					    tn->inbound[k]);
		}
	}
}

const struct lint_rule rule_hyb008 = {
	.id = "HYB008",
	.name = "inbound-onprem-connectors-overlap",
	.severity = SEV_WARNING,
	.summary = "Two OnPremises inbound connectors of one tenant accept "
	    "the same certificate name or addresses",
	.doc = doc,
	.tags = "attribution,exchange-online",
	.check = check,
};
