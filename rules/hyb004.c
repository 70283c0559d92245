/*
 * HYB004 inbound-ip-shared-or-only.
 *
 * An OnPremises inbound connector authenticates its senders by IP address
 * only (SenderIPAddresses, no TlsSenderCertificateName).  The message
 * says when an address is also listed by another tenant's OnPremises
 * connector (topo->onprem_by_ip) or belongs to a gateway that relays for
 * other organizations (the simulator's flows through that gateway).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "strmap.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  An OnPremises inbound connector identifies the on-premises\n"
"  organization either by the certificate its servers present\n"
"  (TlsSenderCertificateName) or by the addresses they connect from\n"
"  (SenderIPAddresses). With addresses only, Exchange Online searches the\n"
"  OnPremises connectors of all tenants for the connecting address and\n"
"  then picks the tenant whose accepted domains contain the MAIL FROM\n"
"  domain. Addresses are rarely exclusive to one organization: a hosting\n"
"  provider's or a cloud MTA's outbound addresses, a shared gateway, NAT\n"
"  in front of several customers. When another tenant lists the same\n"
"  address, or the host behind it relays mail for other organizations,\n"
"  mail can be attributed to the wrong tenant, SPF and relay checks fail,\n"
"  and message traces show up in the wrong tenant. Any change of the\n"
"  egress address (new firewall, new provider) stops attribution at once:\n"
"  550 5.7.64 TenantAttribution; Relay Access Denied. Mail without a MAIL\n"
"  FROM in an accepted domain (NDRs, forwarded mail) cannot be relayed at\n"
"  all over an IP-only connector.\n"
"\n"
"Why Exchange Online does it\n"
"  The IP address is the second attribution criterion and is shared\n"
"  infrastructure. MC1226222 names IP authentication with addresses also\n"
"  used by other tenants' on-premises servers as a configuration that\n"
"  \"can cause incorrect mail flow\", warns that Microsoft may make\n"
"  internal changes (tenant moves) without notice, and recommends\n"
"  certificate authentication instead. Since 2017 NDRs and forwarded mail\n"
"  can only be relayed over a certificate-based connector.\n"
"\n"
"How to confirm\n"
"  Get-InboundConnector | ? ConnectorType -eq OnPremises |\n"
"      fl Name,SenderIPAddresses,TlsSenderCertificateName\n"
"  Ask who else sends from the listed addresses (hosting provider, NAT,\n"
"  gateway operator). A message trace of a message sent from on-premises\n"
"  shows which connector and tenant it was attributed to.\n"
"\n"
"How to fix\n"
"  Move the connector to certificate authentication: give the on-premises\n"
"  servers a CA-signed certificate in an accepted domain of the tenant,\n"
"  make the send connector present it (Set-SendConnector -Fqdn or\n"
"  -TlsCertificateName; on Edge run it on a Mailbox server, then\n"
"  Start-EdgeSynchronization), then:\n"
"    Set-InboundConnector -Identity <name>\n"
"        -TlsSenderCertificateName mail.contoso.com -SenderIPAddresses $null\n"
"  A hybrid organization reruns the Hybrid Configuration Wizard, which\n"
"  creates a certificate-based connector.\n"
"  A connector that admits devices and applications by address (scanners,\n"
"  line-of-business applications relaying through Exchange Online; any\n"
"  IP-only connector the wizard did not create) keeps them: the fix never\n"
"  names the Exchange servers' certificate for it, which the devices do\n"
"  not present. It lists only public addresses dedicated to them, and\n"
"  moves each sender that presents a CA-signed certificate in an accepted\n"
"  domain to a connector for that certificate.\n"
"\n"
"Source\n"
"  Message Center MC1226222, \"Prevent/Fix: Guidance for On-Premises\n"
"  Connectors Configuration\":\n"
"  https://mwpro.co.uk/blog/2026/02/04/updated-prevent-fix-guidance-for-on-premises-connectors-configuration-mc1226222\n"
"  \"Configure a certificate-based connector to relay email messages\n"
"  through Office 365\" (KB 3169958):\n"
"  https://learn.microsoft.com/exchange/troubleshoot/email-delivery/office-365-notice\n"
"  \"550 5.7.64 TenantAttribution; Relay Access Denied\":\n"
"  https://learn.microsoft.com/exchange/troubleshoot/connectors/relay-access-denied-smtp\n"
"  New-InboundConnector, SenderIPAddresses:\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  \"How to set up a multifunction device or application to send email\n"
"  using Microsoft 365 or Office 365\" (relay by a connector with the\n"
"  device's public address):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365\n"
"  blog.boll.ch, \"M365 Exchange Online: the shift to certificate-based\n"
"  connectors\": https://blog.boll.ch/m365-exchange-online-the-shift-to-certificate-based-connectors\n"
"  Inference: hybridlint knows only the addresses the inputs declare\n"
"  (gateways in topology.json and other tenants' connectors); an address\n"
"  shared with hosts outside the inputs cannot be seen.\n";

struct facts {
	struct buf	 b;		/* what is shared, as text */
	struct strmap	*seen;		/* connectors and gateways met */
	size_t		 nnamed;	/* of them, named in b */
	size_t		 nmore;		/* met past MAX_NAMED */
	int		 shared;
};

/* How many connectors and gateways a finding names; then a count. */
#define MAX_NAMED	10

static int
once(struct facts *x, const void *p)
{
	char	k[32];

	return strmap_once(x->seen, ptr_key(k, sizeof(k), p), NULL);
}

/* Room to name one more, else counted. */
static int
room(struct facts *x)
{
	if (x->nnamed < MAX_NAMED) {
		x->nnamed++;
		return 1;
	}
	x->nmore++;
	return 0;
}

/* Another tenant's OnPremises connector o listing 'ip' too. */
static void
other_tenant(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct inbound_connector *o, const struct ipaddr *ip,
    struct facts *x)
{
	if (o == ic || o->o.org == ic->o.org || !once(x, o))
		return;
	x->shared = 1;
	if (room(x))
		buf_printf(&x->b, "; %s is also in SenderIPAddresses of '%s' "
		    "(tenant %s)", ipaddr_format(c->arena, ip), o->o.name,
		    org_tenant_name(c, o->o.org));
}

/* Which organizations other than 'org' a gateway relays for. */
static const char *
relays_for(struct rule_ctx *c, const struct strmap *by_gw,
    const struct host *h, const struct org *org)
{
	struct buf		 b = { 0 };
	void *const		*v;
	const struct org	*seen[16];
	const struct flow	*f;
	const char		*r;
	char			 k[32];
	size_t			 i, j, n, ns = 0;

	v = strmap_get(by_gw, ptr_key(k, sizeof(k), h), &n);
	for (i = 0; v != NULL && i < n && ns < 16; i++) {
		f = v[i];
		if (f->org == org)
			continue;
		for (j = 0; j < ns; j++)
			if (seen[j] == f->org)
				break;
		if (j < ns)
			continue;
		seen[ns++] = f->org;
		buf_printf(&b, "%s%s", ns > 1 ? ", " : "", f->org->id);
	}
	if (ns == 0 && h->org != NULL && h->org != org)
		buf_printf(&b, "its operator %s", h->org->id);
	r = b.p != NULL ? arena_strdup(c->arena, b.p) : NULL;
	buf_free(&b);
	return r;
}

/* Gateways whose declared address is in one of the connector's ranges. */
static void
gateways(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct strmap *gw_by_ic, const struct strmap *by_gw,
    struct facts *x)
{
	const struct host	*h;
	void *const		*v;
	const char		*who;
	char			 k[32];
	size_t			 i, n;

	v = strmap_get(gw_by_ic, ptr_key(k, sizeof(k), ic), &n);
	for (i = 0; v != NULL && i < n; i++) {
		h = v[i];
		if (!once(x, h))
			continue;
		if ((who = relays_for(c, by_gw, h, ic->o.org)) != NULL) {
			x->shared = 1;
			if (room(x))
				buf_printf(&x->b, "; gateway %s (%s) behind a "
				    "listed address also relays mail of %s",
				    h->name, h->gateway->id, who);
		} else if (room(x))
			buf_printf(&x->b, "; gateway %s sends from a listed "
			    "address", h->name);
	}
}

/*
 * The other connectors whose ranges overlap one of ic's (the union of
 * its ranges, r), each with the first address both list, in one pass:
 * the index holds each connector's union too, so the entries that
 * overlap r number at most what the two connectors list.
 */
static void
walk_range(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct iprange *r, struct facts *x)
{
	const struct ipent	**e;
	struct strmap		 *at = strmap_new();
	struct ipaddr		 *best;
	void *const		 *hit;
	char			  k[32];
	size_t			  i, j, n, m, nv = 0;

	e = ipidx_overlap(&c->t->onprem_by_ip, r, &n);
	best = xcalloc(n + 1, sizeof(*best));
	for (i = 0; i < n; i++) {
		/* The lowest common address of r and that connector. */
		j = ipaddr_cmp(&e[i]->r.lo, &r->lo) > 0;
		if ((hit = strmap_get(at, ptr_key(k, sizeof(k), e[i]->v),
		    &m)) == NULL) {
			e[nv] = e[i];
			best[nv] = j ? e[i]->r.lo : r->lo;
			strmap_add(at, k, (void *)(uintptr_t)++nv);
		} else if (ipaddr_cmp(j ? &e[i]->r.lo : &r->lo,
		    &best[(uintptr_t)hit[0] - 1]) < 0)
			best[(uintptr_t)hit[0] - 1] = j ? e[i]->r.lo : r->lo;
	}
	for (i = 0; i < nv; i++)
		other_tenant(c, ic, e[i]->v, &best[i], x);
	free(best);
	free(e);
	strmap_free(at);
}

/* The certificate name the organization's own servers could be named by. */
static const char *
suggest(struct rule_ctx *c, const struct org *org)
{
	const struct flow	*f;
	const char		*cn;
	size_t			 i;

	if ((cn = org_hybrid_cert_cn(c, org)) != NULL)
		return cn;
	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (f->org == org && f->sel.cert != NULL &&
		    f->sel.cert->cn != NULL && sc_to_exo(f->sc) &&
		    f->sel.cert->self_signed != 1 &&
		    f->sel.how != SEL_FALLBACK && dn_valid(f->sel.cert->cn, 0))
			return f->sel.cert->cn;
	}
	return NULL;
}

/*
 * A connector that admits devices and applications by address keeps
 * them: a server's certificate name would lock them out.
 */
static const char *
devices_fix(struct rule_ctx *c, const struct inbound_connector *ic)
{
	return rule_printf(c, "# '%s' admits devices or applications by "
	    "address; a server's certificate name would lock them out.\n"
	    "# List only public addresses dedicated to them, and move each "
	    "sender that presents a CA-signed certificate in an accepted "
	    "domain to a connector for that certificate.",
	    fix_note(c, ic->o.name));
}

static void
report(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic, const struct facts *x)
{
	const char	*name, *list, *set, *fix;

	list = rule_printf(c, "%s%s", ic->sender_ips_text.n > 0 ?
	    ic->sender_ips_text.v[0] : "", ic->sender_ips_text.n > 1 ?
	    rule_printf(c, " and %zu more", ic->sender_ips_text.n - 1) : "");
	if (ic_serves_devices(ic))
		set = NULL;
	else if ((name = suggest(c, ic->o.org)) != NULL)
		set = rule_printf(c, "Set-InboundConnector -Identity %s "
		    "-TlsSenderCertificateName %s -SenderIPAddresses $null",
		    ps_quote(c, ic->o.name), ps_quote(c, name));
	else
		set = rule_printf(c, "# Set-InboundConnector -Identity '%s' "
		    "-TlsSenderCertificateName with the host name on that "
		    "certificate, and -SenderIPAddresses $null",
		    fix_note(c, ic->o.name));
	fix = set == NULL ? devices_fix(c, ic) : rule_printf(c, "# Make the "
	    "on-premises send connector present a CA-signed certificate in "
	    "an accepted domain first (Set-SendConnector "
	    "-Fqdn/-TlsCertificateName; on Edge, on a Mailbox server, then "
	    "Start-EdgeSynchronization). Then:\n%s", set);
	rule_report(c, &ic->o, "SenderIPAddresses", NULL, "SenderIPAddresses",
	    NULL, fix,
	    "OnPremises inbound connector '%s' (tenant %s) identifies %s by "
	    "IP address only (SenderIPAddresses %s, no "
	    "TlsSenderCertificateName)%s%s%s", ic->o.name, tn->name,
	    ic->o.org != NULL ? ic->o.org->id : "the organization", list,
	    x->shared ? ", and the addresses are shared" : ": anything else "
	    "that sends from those addresses with a MAIL FROM in the "
	    "tenant's domains is attributed to the tenant, and an address "
	    "change stops attribution (5.7.64)", x->b.p != NULL ? x->b.p :
	    "", x->nmore > 0 ? rule_printf(c, "; and %zu more connectors or "
	    "gateways", x->nmore) : "");
}

static void
check(struct rule_ctx *c)
{
	struct strmap			*gw_by_ic, *by_gw;
	const struct tenant		*tn;
	const struct inbound_connector	*ic;
	const struct host		*h;
	const struct flow		*f;
	struct facts			 x;
	struct iprange			*u;
	void				**v;
	char				 k[32];
	size_t				 i, j, l, n, nu;

	/* Once: gateways by the connectors listing their addresses, and
	 * the flows each gateway carries. */
	gw_by_ic = strmap_new();
	by_gw = strmap_new();
	for (i = 0; i < c->t->nhosts; i++) {
		h = c->t->hosts[i];
		if (h->gateway == NULL)
			continue;
		for (j = 0; j < h->gateway->naddrs; j++) {
			v = ipidx_match(&c->t->onprem_by_ip,
			    &h->gateway->addrs[j], &n);
			for (l = 0; l < n; l++)
				strmap_add(gw_by_ic, ptr_key(k, sizeof(k),
				    v[l]), (void *)h);
			free(v);
		}
	}
	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (f->presenter != NULL && f->presenter->gateway != NULL)
			strmap_add(by_gw, ptr_key(k, sizeof(k), f->presenter),
			    (void *)f);
	}
	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (!ic_onprem(ic) || ic->tls_sender_cert_name !=
			    NULL || ic->nsender_ips == 0)
				continue;
			/* Absent is unknown: not "no certificate name". */
			if (not_exported(c, &ic->o, "TlsSenderCertificateName",
			    reexport_cmd(c, "Get-InboundConnector")))
				continue;
			memset(&x, 0, sizeof(x));
			x.seen = strmap_new();
			u = xcalloc(ic->nsender_ips, sizeof(*u));
			memcpy(u, ic->sender_ips, ic->nsender_ips * sizeof(*u));
			nu = iprange_union(u, ic->nsender_ips);
			for (l = 0; l < nu; l++)
				walk_range(c, ic, &u[l], &x);
			free(u);
			gateways(c, ic, gw_by_ic, by_gw, &x);
			report(c, tn, ic, &x);
			strmap_free(x.seen);
			buf_free(&x.b);
		}
	}
	strmap_free(gw_by_ic);
	strmap_free(by_gw);
}

const struct lint_rule rule_hyb004 = {
	.id = "HYB004",
	.name = "inbound-ip-shared-or-only",
	.severity = SEV_ERROR,
	.summary = "An OnPremises inbound connector identifies the "
	    "organization by IP address only",
	.doc = doc,
	.tags = "attribution,exchange-online,ip",
	/* high: anyone sending from these addresses is accepted */
	.security_severity = "7.4",
	.check = check,
};
