/*
 * HYB012 third-party-mx-without-lockdown.
 *
 * A tenant's accepted domain has its MX (dns.mx of the manifest) at a
 * gateway declared in topology.json that another party operates, and the
 * tenant has no enabled Partner inbound connector with SenderDomains *
 * restricted exactly to what the manifest declares for that gateway (its
 * certificate, or every IPv4 address): anyone can skip the gateway by
 * delivering straight to the tenant's mail.protection.outlook.com
 * endpoint.  A restriction to some of its addresses is a finding of its
 * own; the fix restricts an existing Partner connector that restricts
 * nothing before it adds one.  A gateway operated by the
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
"  connector with SenderDomains * restricts exactly to what\n"
"  topology.json declares for that gateway: a certificate restriction\n"
"  counts when the declared certificate carries a name it accepts, an\n"
"  address restriction when it lists every declared IPv4 address (a\n"
"  connector's SenderIPAddresses take IPv4 only). A restriction to some\n"
"  of the gateway's addresses is reported on its own: mail the gateway\n"
"  relays from the others is rejected. A gateway that declares nothing a\n"
"  restriction can be compared with is left undecided (HYB901). A note\n"
"  reports OrganizationConfig.RejectDirectSend not being true in such a\n"
"  tenant.\n"
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
"  When the service's setup already created a Partner connector with\n"
"  SenderDomains * that restricts nothing (it names the service's\n"
"  certificate or addresses, or nothing), restrict that connector rather\n"
"  than adding a second one beside it; the fix sets only what changes:\n"
"    Set-InboundConnector -Identity 'From <service>'\n"
"        -RestrictDomainsToCertificate $true\n"
"  Otherwise create the restricting Partner connector for the service,\n"
"  by the certificate declared for the gateway (preferred), else by its\n"
"  IPv4 addresses, then close Direct Send:\n"
"    New-InboundConnector -Name 'Reject mail not routed through <service>'\n"
"        -ConnectorType Partner -SenderDomains * -RequireTls $true\n"
"        -RestrictDomainsToCertificate $true -TlsSenderCertificateName <gateway>\n"
"    Set-OrganizationConfig -RejectDirectSend $true\n"
"  Check first that every system that legitimately delivers to the tenant\n"
"  (the service, on-premises servers, applications) is covered by a\n"
"  connector, or its mail is rejected too.\n"
"\n"
"Source\n"
"  \"Manage mail flow using a third-party cloud service\" (a Partner\n"
"  connector with SenderDomains * configured by TlsSenderCertificateName\n"
"  or SenderIPAddresses, then RestrictDomainsToCertificate or\n"
"  RestrictDomainsToIPAddresses set to $true; still needed beside an\n"
"  OnPremises connector):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/manage-mail-flow-using-third-party-cloud\n"
"  Exchange Team Blog, \"Introducing more control over Direct Send in\n"
"  Exchange Online\" (RejectDirectSend, 550 5.7.68):\n"
"  https://techcommunity.microsoft.com/blog/exchange/introducing-more-control-over-direct-send-in-exchange-online/4408790\n"
"  New-InboundConnector (RestrictDomainsToCertificate,\n"
"  RestrictDomainsToIPAddresses; SenderIPAddresses: IPv4 addresses and\n"
"  /24 to /32 networks):\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  \"Enhanced Filtering for Connectors in Exchange Online\" (the inbound\n"
"  connector from the third-party service that Enhanced Filtering is set\n"
"  on):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors\n"
"  \"Configure mail flow using connectors\" (a Partner connector that\n"
"  allows by sender domain beside one that restricts: the restricting one\n"
"  wins):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/use-connectors-to-configure-mail-flow\n"
"  Inference: that a gateway operated by the tenant's own organization\n"
"  (operated_by in topology.json) is its own mail infrastructure and not\n"
"  a third-party service is hybridlint's reading of the manifest; such a\n"
"  domain is typically hosted on premises and its mail reaches Exchange\n"
"  Online over the hybrid connectors.\n";

/* Does the gateway's declared certificate carry a name 'pat' matches? */
static int
cert_matches(struct rule_ctx *c, const struct gateway *g, const char *pat)
{
	const char	**names;
	size_t		  i, n;

	if (g->cert == NULL)
		return 0;
	names = cert_names(c->arena, g->cert, &n);
	for (i = 0; i < n; i++)
		if (dn_match(pat, names[i]) != DN_NONE)
			return 1;
	return 0;
}

/* Is the declared address one a Partner connector can list (IPv4)? */
static int
listable(const struct ipaddr *a)
{
	return a->family == 4;
}

/* How many of the gateway's IPv4 addresses the connector lists; *of. */
static size_t
addr_covered(const struct inbound_connector *ic, const struct gateway *g,
    size_t *of)
{
	size_t	i, j, n = 0;

	*of = 0;
	for (i = 0; i < g->naddrs; i++) {
		if (!listable(&g->addrs[i]))
			continue;
		(*of)++;
		for (j = 0; j < ic->nsender_ips; j++)
			if (iprange_contains(&ic->sender_ips[j],
			    &g->addrs[i])) {
				n++;
				break;
			}
	}
	return n;
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

static int
restricts_cert(const struct inbound_connector *ic)
{
	return ic->restrict_to_cert == 1 && ic->tls_sender_cert_name != NULL;
}

static int
restricts_ips(const struct inbound_connector *ic)
{
	return ic->restrict_to_ips == 1 && ic->nsender_ips > 0;
}

/*
 * What the tenant's Partner connectors do for one gateway: lock the tenant
 * down to it ('full'), restrict to what it declares nothing to compare
 * with ('unsure'), list some of its addresses ('partial'), restrict to
 * others ('other'), restrict nothing ('open', 'open_names' when it names
 * the gateway), or carry restrictions the export lacks ('unknown').
 */
struct lock {
	int				 full;
	const struct inbound_connector	*unsure;
	const struct inbound_connector	*partial;
	const struct inbound_connector	*other;
	const struct inbound_connector	*open;
	int				 open_names;
	const struct inbound_connector	*unknown;
};

/* A connector that restricts nothing, preferring one naming the gateway. */
static void
note_open(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct gateway *g, struct lock *lk)
{
	size_t	of;
	int	names;

	names = (ic->tls_sender_cert_name != NULL && cert_matches(c, g,
	    ic->tls_sender_cert_name)) || addr_covered(ic, g, &of) > 0;
	if (lk->open == NULL || (names && !lk->open_names)) {
		lk->open = ic;
		lk->open_names = names;
	}
}

/*
 * The enabled Partner connectors with SenderDomains * against the
 * certificate and the addresses topology.json declares for the gateway:
 * a certificate restriction locks it down when the declared certificate
 * carries a name it accepts; an address restriction when it lists every
 * declared IPv4 address (some of them only: 'partial').
 */
static void
lock_of(struct rule_ctx *c, const struct tenant *tn, const struct gateway *g,
    struct lock *lk)
{
	const struct inbound_connector	*ic;
	size_t				 i, n, of;

	memset(lk, 0, sizeof(*lk));
	for (i = 0; i < tn->ninbound && !lk->full; i++) {
		ic = tn->inbound[i];
		if (ic->type != CT_PARTNER || !ic_live(ic) || !any_sender(ic))
			continue;
		if (ic->restrict_to_cert == 0 && ic->restrict_to_ips == 0) {
			note_open(c, ic, g, lk);
			continue;
		}
		if (!restricts_cert(ic) && !restricts_ips(ic)) {
			/* A restriction flag the export does not carry. */
			lk->unknown = ic;
			continue;
		}
		if (restricts_cert(ic)) {
			if (g->cert == NULL)
				lk->unsure = ic;
			else if (cert_matches(c, g, ic->tls_sender_cert_name))
				lk->full = 1;
			else if (lk->other == NULL)
				lk->other = ic;
		}
		if (restricts_ips(ic)) {
			n = addr_covered(ic, g, &of);
			if (of == 0)
				lk->unsure = ic;
			else if (n == of)
				lk->full = 1;
			else if (n > 0)
				lk->partial = ic;
			else if (lk->other == NULL)
				lk->other = ic;
		}
	}
}

static const char *
gw_operator(struct rule_ctx *c, const struct gateway *g)
{
	if (g->operated_by == NULL)
		return "no operator declared";
	return rule_printf(c, "operated by %s", g->operated_by->id);
}

/* The name of the gateway's declared certificate a connector accepts. */
static const char *
gw_cert_name(struct rule_ctx *c, const struct gateway *g)
{
	const char	**names;
	size_t		  i, n;

	if (g->cert == NULL)
		return NULL;
	if (g->cert->cn != NULL && dn_valid(g->cert->cn, 1))
		return g->cert->cn;
	names = cert_names(c->arena, g->cert, &n);
	for (i = 0; i < n; i++)
		if (dn_valid(names[i], 1))
			return names[i];
	return NULL;
}

/* The gateway's IPv4 addresses as a PowerShell list, or NULL. */
static const char *
gw_addr_list(struct rule_ctx *c, const struct gateway *g,
    const struct inbound_connector *except)
{
	struct buf	 b = { 0 };
	const char	*r;
	size_t		 i, j;

	for (i = 0; i < g->naddrs; i++) {
		if (!listable(&g->addrs[i]))
			continue;
		for (j = 0; except != NULL && j < except->nsender_ips; j++)
			if (iprange_contains(&except->sender_ips[j],
			    &g->addrs[i]))
				break;
		if (except != NULL && j < except->nsender_ips)
			continue;
		buf_printf(&b, "%s%s", b.p != NULL ? "," : "",
		    ps_quote(c, g->addrs_text[i]));
	}
	r = b.p != NULL ? arena_strdup(c->arena, b.p) : NULL;
	buf_free(&b);
	return r;
}

/*
 * Restrict an existing Partner connector that restricts nothing to the
 * gateway: by the identity it already names (addresses, else the
 * certificate), else by what the gateway declares; only the parameters
 * whose value changes.
 */
static const char *
edit_open(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct gateway *g)
{
	const char	*name = gw_cert_name(c, g), *ips;
	int		 by_ip;

	by_ip = name == NULL || (ic->nsender_ips > 0 &&
	    ic->tls_sender_cert_name == NULL);
	if (by_ip) {
		ips = gw_addr_list(c, g, ic);
		if (ips == NULL && ic->nsender_ips == 0)
			return NULL;
		return rule_printf(c, "Set-InboundConnector -Identity %s "
		    "-RestrictDomainsToIPAddresses $true%s%s\n",
		    ps_quote(c, ic->o.name), ips != NULL ? rule_printf(c,
		    " -SenderIPAddresses @{Add=%s}", ips) : "",
		    ic->tls_sender_cert_name != NULL ?
		    " -TlsSenderCertificateName $null" : "");
	}
	return rule_printf(c, "Set-InboundConnector -Identity %s "
	    "-RestrictDomainsToCertificate $true%s%s\n",
	    ps_quote(c, ic->o.name), ic->tls_sender_cert_name == NULL ||
	    !cert_matches(c, g, ic->tls_sender_cert_name) ? rule_printf(c,
	    " -TlsSenderCertificateName %s", ps_quote(c, name)) : "",
	    ic->require_tls == 1 ? "" : " -RequireTls $true");
}

/* A new Partner connector that locks the tenant down to the gateway. */
static const char *
new_lockdown(struct rule_ctx *c, const struct gateway *g)
{
	const char	*name = gw_cert_name(c, g), *ips, *cname;

	cname = ps_quote(c, rule_printf(c, "Reject mail not routed through "
	    "%s", g->name));
	if (name != NULL)
		return rule_printf(c, "New-InboundConnector -Name %s "
		    "-ConnectorType Partner -SenderDomains '*' -RequireTls "
		    "$true -RestrictDomainsToCertificate $true "
		    "-TlsSenderCertificateName %s\n", cname,
		    ps_quote(c, name));
	if ((ips = gw_addr_list(c, g, NULL)) != NULL)
		return rule_printf(c, "New-InboundConnector -Name %s "
		    "-ConnectorType Partner -SenderDomains '*' "
		    "-RestrictDomainsToIPAddresses $true -SenderIPAddresses "
		    "%s\n", cname, ips);
	return rule_printf(c, "# topology.json declares neither a "
	    "certificate nor an IPv4 address for %s: declare them, then "
	    "restrict a Partner connector with SenderDomains * to them.\n",
	    fix_note(c, g->name));
}

/* The lines that lock the domain down, one gateway at a time. */
static const char *
lockdown_fix(struct rule_ctx *c, const struct gateway *const *gw,
    const struct lock *lk, size_t n, const struct org_config *oc)
{
	struct buf	 b = { 0 };
	const char	*r, *e;
	size_t		 i;
	int		 edited = 0;

	buf_adds(&b, "# Make sure every system that delivers to the tenant "
	    "directly is covered by a connector first.\n");
	for (i = 0; i < n; i++) {
		e = NULL;
		if (lk[i].open != NULL && !edited &&
		    (e = edit_open(c, lk[i].open, gw[i])) != NULL) {
			buf_printf(&b, "# Restrict '%s', which accepts any "
			    "sender domain but restricts nothing:\n%s",
			    fix_note(c, lk[i].open->o.name), e);
			edited = 1;
			continue;
		}
		if (lk[i].other != NULL && n == 1 &&
		    restricts_cert(lk[i].other) && gw_cert_name(c, gw[i]))
			buf_printf(&b, "# Either correct '%s' (it restricts "
			    "to %s, which %s does not present):\n"
			    "Set-InboundConnector -Identity %s "
			    "-TlsSenderCertificateName %s%s\n"
			    "# or add a connector for the gateway:\n",
			    fix_note(c, lk[i].other->o.name),
			    fix_note(c, lk[i].other->tls_sender_cert_name),
			    fix_note(c, gw[i]->name),
			    ps_quote(c, lk[i].other->o.name),
			    ps_quote(c, gw_cert_name(c, gw[i])),
			    lk[i].other->require_tls == 1 ? "" :
			    " -RequireTls $true");
		buf_adds(&b, new_lockdown(c, gw[i]));
	}
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

/* The declared IPv4 addresses of the gateway a connector does not list. */
static const char *
missing_addrs(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct gateway *g)
{
	struct buf	 b = { 0 };
	const char	*r;
	size_t		 i, j;

	for (i = 0; i < g->naddrs; i++) {
		if (!listable(&g->addrs[i]))
			continue;
		for (j = 0; j < ic->nsender_ips; j++)
			if (iprange_contains(&ic->sender_ips[j], &g->addrs[i]))
				break;
		if (j == ic->nsender_ips)
			buf_printf(&b, "%s%s", b.p != NULL ? ", " : "",
			    g->addrs_text[i]);
	}
	r = arena_strdup(c->arena, b.p != NULL ? b.p : "");
	buf_free(&b);
	return r;
}

/*
 * A lock-down that lists only some of the gateway's declared addresses:
 * mail the gateway sends from the others is rejected.  Once per connector
 * and gateway.
 */
static void
report_partial(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic, const struct gateway *g,
    struct strmap *seen)
{
	char	key[64];

	if (!strmap_once(seen, ptr_pair_key(key, sizeof(key), ic, g),
	    (void *)ic))
		return;
	rule_report(c, &ic->o, "SenderIPAddresses", NULL, g->id, NULL,
	    rule_printf(c, "Set-InboundConnector -Identity %s "
	    "-SenderIPAddresses @{Add=%s}", ps_quote(c, ic->o.name),
	    gw_addr_list(c, g, ic)),
	    "Partner inbound connector '%s' (tenant %s) locks the tenant "
	    "down to addresses of gateway %s ('%s') but lists only some of "
	    "those topology.json declares for it; mail the gateway relays "
	    "from %s is rejected", ic->o.name, tn->name, g->name, g->id,
	    missing_addrs(c, ic, g));
}

/*
 * The gateways among an MX entry's hosts, other than the tenant's own,
 * that no Partner connector of the tenant locks down exactly, with what
 * the tenant's connectors do for each (lk).
 */
static size_t
unlocked_gateways(struct rule_ctx *c, const struct tenant *tn,
    const struct mxentry *mx, const struct gateway **gw, struct lock *lk,
    size_t max, struct strmap *seen)
{
	const struct host	*h;
	size_t			 k, n = 0;

	for (k = 0; k < mx->nhosts && n < max; k++) {
		h = topo_find_host(c->t, NULL, mx->hosts[k]);
		if (h == NULL || h->kind != HOST_GATEWAY ||
		    h->gateway == NULL || h->gateway->operated_by == tn->org)
			continue;
		lock_of(c, tn, h->gateway, &lk[n]);
		if (lk[n].full)
			continue;
		if (lk[n].partial != NULL) {
			report_partial(c, tn, lk[n].partial, h->gateway, seen);
			continue;
		}
		if (lk[n].unknown != NULL && not_exported(c,
		    &lk[n].unknown->o, lk[n].unknown->restrict_to_cert ==
		    TB_UNKNOWN ? "RestrictDomainsToCertificate" :
		    "RestrictDomainsToIPAddresses", "Get-InboundConnector "
		    "| ConvertTo-Json -Depth 10 | Out-File -Encoding utf8 "
		    "Get-InboundConnector.json"))
			continue;
		if (lk[n].unsure != NULL) {
			rule_undecided(c, &lk[n].unsure->o, rule_printf(c,
			    "gateway %s declares no %s in topology.json to "
			    "compare with", h->gateway->name,
			    restricts_cert(lk[n].unsure) ? "certificate" :
			    "IPv4 addresses"), "# In topology.json, give the "
			    "gateway its \"certificate\" and \"addresses\"");
			continue;
		}
		gw[n++] = h->gateway;
	}
	return n;
}

/* "('x' restricts to certificate y)" or what restricts nothing. */
static const char *
others(struct rule_ctx *c, const struct lock *lk, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (lk[i].other != NULL)
			return rule_printf(c, " ('%s' restricts to %s)",
			    lk[i].other->o.name, restricts_cert(lk[i].other) ?
			    rule_printf(c, "certificate %s",
			    lk[i].other->tls_sender_cert_name) :
			    "other addresses");
	for (i = 0; i < n; i++)
		if (lk[i].open != NULL)
			return rule_printf(c, " ('%s' accepts any sender "
			    "domain but restricts nothing)",
			    lk[i].open->o.name);
	return "";
}

static void
report_domain(struct rule_ctx *c, const struct tenant *tn,
    const struct accepted_domain *ad, const struct gateway *const *gw,
    const struct lock *lk, size_t n)
{
	struct buf	b = { 0 };
	size_t		k;

	for (k = 0; k < n; k++)
		buf_printf(&b, "%s%s (gateway '%s', %s)", k == 0 ? "" :
		    k + 1 == n ? " and " : ", ", gw[k]->name, gw[k]->id,
		    gw_operator(c, gw[k]));
	rule_report(c, &ad->o, "DomainName", NULL, ad->domain, NULL,
	    lockdown_fix(c, gw, lk, n, tn->orgcfg),
	    "accepted domain %s of tenant %s has its MX at %s, a third-party "
	    "service in front of Exchange Online, but the tenant has no "
	    "enabled Partner inbound connector with SenderDomains * "
	    "restricted to %s or addresses%s: mail delivered straight to the "
	    "tenant's mail.protection.outlook.com endpoint bypasses the "
	    "service; %s", ad->domain, tn->name, b.p, n > 1 ?
	    "those gateways' certificates" : "that gateway's certificate",
	    others(c, lk, n), direct_send_state(tn->orgcfg));
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
	const struct gateway		*gw[16];
	struct lock			 lk[16];
	const struct mxentry		*e;
	struct strmap			*seen;
	size_t				 i, j, n, nreported;

	if (m->nmx == 0 || m->ngateways == 0)
		return;
	seen = strmap_new();
	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = nreported = 0; j < tn->ndomains; j++) {
			ad = tn->domains[j];
			if ((e = topo_mx(c->t, ad->domain)) == NULL ||
			    (n = unlocked_gateways(c, tn, e, gw, lk, 16,
			    seen)) == 0)
				continue;
			report_domain(c, tn, ad, gw, lk, n);
			nreported++;
		}
		if (nreported > 0)
			report_direct_send(c, tn);
	}
	strmap_free(seen);
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
