/*
 * HYB012 third-party-mx-without-lockdown.
 *
 * A tenant's accepted domain has its MX (dns.mx of the manifest) at a
 * gateway declared in topology.json that another party operates, and the
 * tenant has no enabled Partner inbound connector with SenderDomains *
 * restricted to that gateway's certificate or addresses: anyone can skip
 * the gateway by delivering straight to the tenant's
 * mail.protection.outlook.com endpoint.  A gateway operated by the
 * tenant's own organization is its own infrastructure and does not count.
 * A note follows when OrganizationConfig.RejectDirectSend is not true in
 * the same tenant.
 */
#include <string.h>

#include "findings.h"
#include "index.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  When the MX of a domain hosted in Exchange Online points to a\n"
"  third-party filtering service, inbound mail is meant to pass that\n"
"  service first. But the tenant's own endpoint\n"
"  (<domain>-com.mail.protection.outlook.com) accepts SMTP from anyone:\n"
"  a sender, or an attacker who wants to avoid the filter, can deliver\n"
"  straight to it. Such mail never sees the third party's filtering,\n"
"  archiving or disclaimers, and Exchange Online cannot tell it from mail\n"
"  the service relayed. Direct Send (unauthenticated mail to the endpoint\n"
"  with a MAIL FROM in the tenant's own domains) is the same door, used to\n"
"  spoof internal senders.\n"
"\n"
"  The lock-down is a Partner inbound connector with SenderDomains * that\n"
"  is restricted to the service: RestrictDomainsToCertificate with the\n"
"  service's certificate name (preferred), or RestrictDomainsToIPAddresses\n"
"  with its addresses. Mail that does not come from the service is then\n"
"  rejected. An OnPremises connector for the same certificate or\n"
"  addresses does not replace it; both are needed.\n"
"\n"
"  hybridlint reports a tenant accepted domain whose dns.mx entry in\n"
"  topology.json names a declared gateway whose operated_by is not the\n"
"  tenant's organization (or is not given), when no enabled Partner\n"
"  connector with SenderDomains * restricts to that gateway's\n"
"  certificate names or addresses. A note reports\n"
"  OrganizationConfig.RejectDirectSend not being true in such a tenant.\n"
"\n"
"Why Exchange Online does it\n"
"  Exchange Online accepts mail for its tenants' domains from the\n"
"  internet; the MX record only tells well-behaved senders where to go.\n"
"  Microsoft's guidance for a third-party service in front of Exchange\n"
"  Online is to create the restricting Partner connector; Direct Send is\n"
"  closed with Set-OrganizationConfig -RejectDirectSend $true (rejected\n"
"  mail gets 550 5.7.68 TenantInboundAttribution; Direct Send not\n"
"  allowed). The <tenant>.onmicrosoft.com and\n"
"  <tenant>.mail.onmicrosoft.com domains have MX records of their own and\n"
"  are a bypass path too.\n"
"\n"
"How to confirm\n"
"  Resolve the MX of the domain; list the Partner connectors:\n"
"    Get-InboundConnector | Where-Object ConnectorType -eq Partner |\n"
"      Format-List Name,Enabled,SenderDomains,RestrictDomainsToCertificate,\n"
"        TlsSenderCertificateName,RestrictDomainsToIPAddresses,SenderIPAddresses\n"
"    Get-OrganizationConfig | Format-List RejectDirectSend\n"
"  A test message sent straight to the tenant's\n"
"  mail.protection.outlook.com host from an outside server is delivered\n"
"  when the lock-down is missing.\n"
"\n"
"How to fix\n"
"  Create the restricting Partner connector for the service, then close\n"
"  Direct Send:\n"
"    New-InboundConnector -Name 'Reject mail not routed through <service>'\n"
"        -ConnectorType Partner -SenderDomains * -RequireTls $true\n"
"        -RestrictDomainsToCertificate $true -TlsSenderCertificateName <gateway>\n"
"    Set-OrganizationConfig -RejectDirectSend $true\n"
"  Check first that every system that legitimately delivers to the tenant\n"
"  (the service, on-premises servers, applications) is covered by a\n"
"  connector, or its mail is rejected too.\n"
"\n"
"Source\n"
"  \"Manage mail flow using a third-party cloud service\" (the Partner\n"
"  connector with SenderDomains * and RestrictDomainsToCertificate or\n"
"  RestrictDomainsToIPAddresses; still needed beside an OnPremises\n"
"  connector):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/manage-mail-flow-using-third-party-cloud\n"
"  Exchange Team Blog, \"Introducing more control over Direct Send in\n"
"  Exchange Online\" (RejectDirectSend, 550 5.7.68):\n"
"  https://techcommunity.microsoft.com/blog/exchange/introducing-more-control-over-direct-send-in-exchange-online/4408790\n"
"  New-InboundConnector (RestrictDomainsToCertificate,\n"
"  RestrictDomainsToIPAddresses):\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  Inference: that a gateway operated by the tenant's own organization\n"
"  (operated_by in topology.json) is its own mail infrastructure and not\n"
"  a third-party service is hybridlint's reading of the manifest; such a\n"
"  domain is typically hosted on premises and its mail reaches Exchange\n"
"  Online over the hybrid connectors.\n";

/* Does the gateway's certificate carry a name the pattern matches? */
static int
cert_matches(struct rule_ctx *c, const struct gateway *g, const char *pat)
{
	const char	**names;
	size_t		  i, n;

	names = cert_names(c->arena, g->cert, &n);
	for (i = 0; i < n; i++)
		if (dn_match(pat, names[i]) != DN_NONE)
			return 1;
	return 0;
}

static int
addr_matches(const struct inbound_connector *ic, const struct gateway *g)
{
	size_t	i, j;

	for (i = 0; i < g->naddrs; i++)
		for (j = 0; j < ic->nsender_ips; j++)
			if (iprange_contains(&ic->sender_ips[j], &g->addrs[i]))
				return 1;
	return 0;
}

static int
any_sender(const struct inbound_connector *ic)
{
	size_t	i;

	for (i = 0; i < ic->nsender_domains; i++)
		if (strcmp(ic->sender_domains[i].domain, "*") == 0)
			return 1;
	return 0;
}

/*
 * 1: an enabled Partner connector with SenderDomains * restricts to the
 * gateway; 0: none does; -1: one restricts to something the gateway
 * declaration cannot be compared with (no certificate, no addresses).
 */
static int
locked_down(struct rule_ctx *c, const struct tenant *tn,
    const struct gateway *g, const struct inbound_connector **unsure,
    const struct inbound_connector **other)
{
	const struct inbound_connector	*ic;
	size_t				 i;
	int				 r = 0;

	for (i = 0; i < tn->ninbound; i++) {
		ic = tn->inbound[i];
		if (ic->type != CT_PARTNER || ic->o.enabled == 0 ||
		    !any_sender(ic))
			continue;
		if ((ic->restrict_to_cert == 1 && ic->tls_sender_cert_name !=
		    NULL) || (ic->restrict_to_ips == 1 && ic->nsender_ips > 0))
			if (*other == NULL)
				*other = ic;
		if (ic->restrict_to_cert == 1 && ic->tls_sender_cert_name !=
		    NULL) {
			if (g->cert == NULL) {
				if (dn_match(ic->tls_sender_cert_name,
				    g->name) != DN_NONE)
					return 1;
				*unsure = ic;
				r = -1;
			} else if (cert_matches(c, g, ic->tls_sender_cert_name))
				return 1;
		}
		if (ic->restrict_to_ips == 1 && ic->nsender_ips > 0) {
			if (g->naddrs == 0) {
				*unsure = ic;
				r = -1;
			} else if (addr_matches(ic, g))
				return 1;
		}
	}
	return r;
}

static const char *
gw_operator(struct rule_ctx *c, const struct gateway *g)
{
	if (g->operated_by == NULL)
		return "no operator declared";
	return rule_printf(c, "operated by %s", g->operated_by->id);
}

/* The name a connector restricting to the gateway accepts, quoted. */
static const char *
gw_cert_name(struct rule_ctx *c, const struct gateway *g)
{
	return ps_quote(c, g->cert != NULL && g->cert->cn != NULL ?
	    g->cert->cn : g->name);
}

/* The New-InboundConnector lines that lock the domain down. */
static const char *
lockdown_fix(struct rule_ctx *c, const struct gateway *const *gw, size_t n,
    const struct org_config *oc, const struct inbound_connector *other)
{
	struct buf	 b = { 0 };
	const char	*r;
	size_t		 i, j;
	int		 alladdr = 1;

	for (i = 0; i < n; i++)
		if (gw[i]->naddrs == 0)
			alladdr = 0;
	buf_adds(&b, "# Make sure every system that delivers to the tenant "
	    "directly is covered by a connector first.\n");
	if (other != NULL && other->restrict_to_cert == 1 &&
	    other->tls_sender_cert_name != NULL && n == 1)
		buf_printf(&b, "# Either correct '%s' (it restricts to %s, "
		    "which %s does not present):\n"
		    "Set-InboundConnector -Identity %s "
		    "-TlsSenderCertificateName %s%s\n"
		    "# or add a connector for the gateway:\n",
		    fix_note(c, other->o.name),
		    fix_note(c, other->tls_sender_cert_name),
		    fix_note(c, gw[0]->name), ps_quote(c, other->o.name),
		    gw_cert_name(c, gw[0]), other->require_tls == 1 ? "" :
		    " -RequireTls $true");
	if (n > 1 && alladdr) {
		buf_printf(&b, "New-InboundConnector -Name %s -ConnectorType "
		    "Partner -SenderDomains '*' -RestrictDomainsToIPAddresses "
		    "$true -SenderIPAddresses ", ps_quote(c,
		    "Reject mail not routed through the MX gateways"));
		for (i = 0; i < n; i++)
			for (j = 0; j < gw[i]->naddrs; j++)
				buf_printf(&b, "%s%s", i + j ? "," : "",
				    ps_quote(c, gw[i]->addrs_text[j]));
		buf_addc(&b, '\n');
	} else
		for (i = 0; i < n; i++)
			buf_printf(&b, "New-InboundConnector -Name %s "
			    "-ConnectorType Partner -SenderDomains '*' "
			    "-RequireTls $true -RestrictDomainsToCertificate "
			    "$true -TlsSenderCertificateName %s\n", ps_quote(c,
			    rule_printf(c, "Reject mail not routed through %s",
			    gw[i]->name)), gw_cert_name(c, gw[i]));
	if (oc == NULL || oc->reject_direct_send != 1)
		buf_adds(&b, "Set-OrganizationConfig -RejectDirectSend $true\n");
	b.p[b.len - 1] = '\0';
	r = arena_strdup(c->arena, b.p);
	buf_free(&b);
	return r;
}

static const char *
direct_send_state(const struct org_config *oc)
{
	if (oc == NULL)
		return "RejectDirectSend is unknown (no Get-OrganizationConfig "
		    "export)";
	if (oc->reject_direct_send == 1)
		return "RejectDirectSend is true";
	if (oc->reject_direct_send == 0)
		return "Direct Send is open too (RejectDirectSend false)";
	return "RejectDirectSend is unknown";
}

/*
 * The gateways among an MX entry's hosts, other than the tenant's own,
 * that no Partner connector of the tenant locks down; *other is a
 * restricting connector that names something else.
 */
static size_t
unlocked_gateways(struct rule_ctx *c, const struct tenant *tn,
    const struct mxentry *mx, const struct gateway **gw, size_t max,
    const struct inbound_connector **other)
{
	const struct inbound_connector	*unsure;
	const struct host		*h;
	size_t				 k, n = 0;
	int				 lk;

	*other = NULL;
	for (k = 0; k < mx->nhosts && n < max; k++) {
		h = topo_find_host(c->t, NULL, mx->hosts[k]);
		if (h == NULL || h->kind != HOST_GATEWAY ||
		    h->gateway == NULL || h->gateway->operated_by == tn->org)
			continue;
		unsure = NULL;
		if ((lk = locked_down(c, tn, h->gateway, &unsure, other)) == 1)
			continue;
		if (lk == -1) {
			rule_undecided(c, &unsure->o, rule_printf(c, "gateway "
			    "%s declares no %s in topology.json to compare "
			    "with", h->gateway->name,
			    unsure->restrict_to_cert == 1 ? "certificate" :
			    "addresses"), "# In topology.json, give the "
			    "gateway its \"certificate\" and \"addresses\"");
			continue;
		}
		gw[n++] = h->gateway;
	}
	return n;
}

static void
report_domain(struct rule_ctx *c, const struct tenant *tn,
    const struct accepted_domain *ad, const struct gateway *const *gw,
    size_t n, const struct inbound_connector *other)
{
	struct buf	b = { 0 };
	size_t		k;

	for (k = 0; k < n; k++)
		buf_printf(&b, "%s%s (gateway '%s', %s)", k == 0 ? "" :
		    k + 1 == n ? " and " : ", ", gw[k]->name, gw[k]->id,
		    gw_operator(c, gw[k]));
	rule_report(c, &ad->o, "DomainName", NULL, ad->domain, NULL,
	    lockdown_fix(c, gw, n, tn->orgcfg, other),
	    "accepted domain %s of tenant %s has its MX at %s, a third-party "
	    "service in front of Exchange Online, but the tenant has no "
	    "enabled Partner inbound connector with SenderDomains * "
	    "restricted to %s or addresses%s: mail delivered straight to the "
	    "tenant's mail.protection.outlook.com endpoint bypasses the "
	    "service; %s", ad->domain, tn->name, b.p, n > 1 ?
	    "those gateways' certificates" : "that gateway's certificate",
	    other == NULL ? "" : rule_printf(c, " ('%s' restricts to %s)",
	    other->o.name, other->restrict_to_cert == 1 &&
	    other->tls_sender_cert_name != NULL ? rule_printf(c,
	    "certificate %s", other->tls_sender_cert_name) :
	    "other addresses"), direct_send_state(tn->orgcfg));
	buf_free(&b);
}

/* A tenant behind a third-party MX that still accepts Direct Send. */
static void
report_direct_send(struct rule_ctx *c, const struct tenant *tn)
{
	const struct org_config	*oc = tn->orgcfg;

	if (oc == NULL || oc->reject_direct_send == 1)
		return;
	if (oc->reject_direct_send == TB_UNKNOWN) {
		if (obj_has_prop(&oc->o, "RejectDirectSend") != 1)
			rule_undecided(c, &oc->o, "the export has no "
			    "RejectDirectSend", "Get-OrganizationConfig | "
			    "Select-Object Name,Identity,RejectDirectSend | "
			    "ConvertTo-Json | Out-File -Encoding utf8 "
			    "Get-OrganizationConfig.json");
		return;
	}
	rule_report_sev(c, SEV_NOTE, &oc->o, "RejectDirectSend", NULL,
	    "RejectDirectSend", NULL, "# Check first that no device or "
	    "application relies on Direct Send:\n"
	    "Set-OrganizationConfig -RejectDirectSend $true",
	    "tenant %s routes inbound mail through a third-party MX but "
	    "accepts Direct Send (RejectDirectSend false): unauthenticated "
	    "mail to the tenant's endpoint with a sender in its own domains "
	    "is accepted without passing the service", tn->name);
}

static void
check(struct rule_ctx *c)
{
	const struct model		*m = c->m;
	const struct tenant		*tn;
	const struct accepted_domain	*ad;
	const struct inbound_connector	*other;
	const struct gateway		*gw[16];
	struct strmap			*mxmap;
	void *const			*v;
	size_t				 i, j, n, nreported;

	if (m->nmx == 0 || m->ngateways == 0)
		return;
	mxmap = strmap_new();
	for (i = 0; i < m->nmx; i++)
		strmap_add(mxmap, m->mx[i].domain, &m->mx[i]);
	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = nreported = 0; j < tn->ndomains; j++) {
			ad = tn->domains[j];
			if ((v = strmap_get(mxmap, ad->domain, NULL)) == NULL ||
			    (n = unlocked_gateways(c, tn, v[0], gw, 16,
			    &other)) == 0)
				continue;
			report_domain(c, tn, ad, gw, n, other);
			nreported++;
		}
		if (nreported > 0)
			report_direct_send(c, tn);
	}
	strmap_free(mxmap);
}

const struct lint_rule rule_hyb012 = {
	.id = "HYB012",
	.name = "third-party-mx-without-lockdown",
	.severity = SEV_ERROR,
	.summary = "The MX points to a third-party gateway, but Exchange "
	    "Online accepts mail that bypasses it",
	.doc = doc,
	.tags = "exchange-online,security,mx,direct-send",
	/* high: mail can bypass the gateway's filtering */
	.security_severity = "7.5",
	.check = check,
};
