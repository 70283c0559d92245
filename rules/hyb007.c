/*
 * HYB007 inbound-connector-matches-nothing.
 *
 * An enabled OnPremises inbound connector of a tenant whose organization's
 * on-premises side is loaded, but no flow presents a certificate it
 * accepts and no known address matches its SenderIPAddresses: typically
 * the connector still names the certificate that was replaced at the
 * last renewal.  Silent when the on-premises side is not loaded, and for
 * connectors that plainly serve something outside the inputs.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  An OnPremises inbound connector identifies the on-premises\n"
"  organization by the certificate its servers present\n"
"  (TlsSenderCertificateName) or by their addresses (SenderIPAddresses).\n"
"  When no server of the organization presents a certificate the\n"
"  connector accepts, and no known address is in its list, the connector\n"
"  matches nothing: mail from on-premises is no longer Originating in the\n"
"  tenant. It arrives as anonymous, external mail (senders shown as\n"
"  external, anti-spam applied, cross-premises headers dropped), and\n"
"  whatever on-premises relays through Exchange Online to the internet is\n"
"  rejected with 550 5.7.64 TenantAttribution; Relay Access Denied. The\n"
"  usual cause is a certificate renewal: the new certificate has another\n"
"  subject or host name, the send connector presents it, and the\n"
"  connector in Exchange Online still names the old one.\n"
"\n"
"  While the organization's hybrid mail cannot complete TLS (it queues\n"
"  on premises: HYB030, HYB031, HYB033, HYB035), nothing reaches the\n"
"  connector to judge it by, and this rule waits for the send side; a\n"
"  connector that names a host whose certificate is not from a public CA\n"
"  is HYB035's finding.\n"
"\n"
"Why Exchange Online does it\n"
"  Attribution of on-premises mail rests on the certificate (or address)\n"
"  matching an OnPremises connector; nothing else makes a connection the\n"
"  tenant's own (MC1226222). Exchange Online does not follow a renewal on\n"
"  premises: the connector keeps the name it was given.\n"
"\n"
"How to confirm\n"
"  Get-InboundConnector | fl Name,TlsSenderCertificateName,SenderIPAddresses\n"
"  On the sending servers: Get-ExchangeCertificate | fl Subject,\n"
"  CertificateDomains,Services,NotAfter, and Get-SendConnector | fl\n"
"  Fqdn,TlsCertificateName for the connector to Exchange Online.\n"
"  Non-delivery reports 550 5.7.64 TenantAttribution for relayed mail, or\n"
"  a message trace showing on-premises mail as Incoming, confirm it.\n"
"  `hybridlint trace PATH --from <org> --mail-from <sender> --rcpt-to\n"
"  <cloud recipient>` shows which connector, if any, matches.\n"
"\n"
"How to fix\n"
"  Rerun the Hybrid Configuration Wizard and select the new certificate,\n"
"  or set the name the on-premises servers now present:\n"
"    Set-InboundConnector -Identity 'Inbound from <GUID>'\n"
"        -TlsSenderCertificateName mail.contoso.com\n"
"  If the servers present a self-signed or otherwise wrong certificate,\n"
"  fix the send connector first (HYB030, HYB031). Remove a connector that\n"
"  nothing uses any more:\n"
"    Remove-InboundConnector -Identity <name>\n"
"\n"
"  Two kinds of connector are never reported, because what they accept\n"
"  comes from outside the organization's servers: the connector of an\n"
"  email add-on service (signatures, archiving, DLP), which returns the\n"
"  tenant's mail with a certificate of its own (declared in topology.json\n"
"  as a gateway with \"addon_for\", or paired by name with the tenant's\n"
"  transport-rule-scoped outbound connector to the service), and a\n"
"  connector that admits devices and applications by address only. No\n"
"  fix ever points either at the on-premises servers' certificate.\n"
"\n"
"Source\n"
"  \"550 5.7.64 TenantAttribution; Relay Access Denied\" (the certificate or\n"
"  IP no longer matches the connector):\n"
"  https://learn.microsoft.com/exchange/troubleshoot/connectors/relay-access-denied-smtp\n"
"  Message Center MC1226222, \"Prevent/Fix: Guidance for On-Premises\n"
"  Connectors Configuration\":\n"
"  https://mwpro.co.uk/blog/2026/02/04/updated-prevent-fix-guidance-for-on-premises-connectors-configuration-mc1226222\n"
"  KB 3212872, \"Email from Exchange 2013 Edge Transport server to Exchange\n"
"  Online appears as mail from external contacts\":\n"
"  https://support.microsoft.com/kb/3212872\n"
"  Inference: \"matches nothing\" is judged against the hosts and\n"
"  addresses of the inputs; a connector for a sender outside them (an\n"
"  application server, a third-party service) is reported only when it\n"
"  is the hybrid connector or the organization's hybrid path lands\n"
"  nowhere in the tenant.\n"
"  \"Integrate Exchange Online with an email add-on service\" (the\n"
"  service's inbound connector accepts its per-tenant certificate domain;\n"
"  the outbound connector has IsTransportRuleScoped $true):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/integrate-office-365-with-an-email-add-on-service\n";

/* Get-OnPremisesOrganization's InboundConnector names, by organization. */
static struct strmap *
linked_connectors(struct rule_ctx *c)
{
	struct strmap		*m = strmap_new();
	const struct onprem_org	*op;
	char			*k;
	size_t			 i;

	MODEL_FOREACH(c->m, K_ONPREMORG, const struct onprem_org, op, i) {
		if (op->inbound_connector == NULL)
			continue;
		k = xasprintf("%p|%s", (void *)op->o.org,
		    op->inbound_connector);
		strmap_add(m, k, (void *)op);
		free(k);
	}
	return m;
}

/* Is this the tenant's hybrid connector? */
static int
is_hybrid_ic(const struct strmap *linked, const struct inbound_connector *ic)
{
	char	*k;
	int	 r;

	if (ic->source != NULL && strcasecmp(ic->source, "HybridWizard") == 0)
		return 1;
	if (ic->cloud_services_mail == 1)
		return 1;
	k = xasprintf("%p|%s", (void *)ic->o.org, ic->o.name);
	r = strmap_get(linked, k, NULL) != NULL;
	free(k);
	if (!r && ic->o.identity != NULL) {
		k = xasprintf("%p|%s", (void *)ic->o.org, ic->o.identity);
		r = strmap_get(linked, k, NULL) != NULL;
		free(k);
	}
	return r;
}

/* A name of the certificate the organization's hybrid path presents. */
static const char *
presented_name(struct rule_ctx *c, const struct flow *f)
{
	const char	**names;
	size_t		  n, i;

	if (f == NULL || f->sel.cert == NULL)
		return NULL;
	if (f->sel.cert->cn != NULL && dn_valid(f->sel.cert->cn, 0) &&
	    strchr(f->sel.cert->cn, '.') != NULL)
		return f->sel.cert->cn;
	names = cert_names(c->arena, f->sel.cert, &n);
	for (i = 0; i < n; i++)
		if (names[i][0] != '*' && strchr(names[i], '.') != NULL)
			return names[i];
	return NULL;
}

/* What the organization's own path to Exchange Online looks like. */
struct path {
	void *const		*v;	/* its flows to EXO */
	size_t			 n;
	const struct flow	*hyb;	/* one over the hybrid SC */
	const struct host	*unknown; /* presenter without certificates */
	int			 all_gw;  /* every presenter a gateway */
	int			 lost;	/* hybrid mail unattributed */
	int			 queued;  /* hybrid mail does not get there */
};

static void
path_of(const struct tenant *tn, void *const *v, size_t n, struct path *p)
{
	const struct flow	*f;
	size_t			 i;

	memset(p, 0, sizeof(*p));
	p->v = v;
	p->n = n;
	p->all_gw = 1;
	for (i = 0; i < n; i++) {
		f = v[i];
		if (f->presenter->gateway == NULL ||
		    f->presenter->gateway->naddrs == 0)
			p->all_gw = 0;
		if (f->sel.cert == NULL && f->presenter->ncerts == 0 &&
		    p->unknown == NULL)
			p->unknown = f->presenter;
		if (!sc_is_hybrid(f->sc))
			continue;
		if (f->queued) {
			p->queued = 1;
			continue;
		}
		if (p->hyb == NULL)
			p->hyb = f;
		if (f->step != ATTR_CERT || f->tenant != tn)
			p->lost = 1;
	}
}

static void
undecided(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct host *h)
{
	if (h->gateway != NULL)
		rule_undecided(c, &ic->o, rule_printf(c, "no certificate is "
		    "declared for gateway %s", h->name), rule_printf(c,
		    "# In topology.json, gateway \"%s\": add \"certificate\" "
		    "(a PEM file or an inline object with subject, issuer, "
		    "names, not_before, not_after)",
		    fix_note(c, h->gateway->id)));
	else
		rule_undecided(c, &ic->o, rule_printf(c, "the certificates "
		    "%s presents to Exchange Online are not exported",
		    h->name), cert_export(c, h->shortname,
		    h->shortname));
}

static const char *
accepts(struct rule_ctx *c, const struct inbound_connector *ic)
{
	if (ic->tls_sender_cert_name != NULL && ic->nsender_ips > 0)
		return rule_printf(c, "accepts certificate '%s' and %zu "
		    "sender address%s", ic->tls_sender_cert_name,
		    ic->nsender_ips, ic->nsender_ips > 1 ? "es" : "");
	if (ic->tls_sender_cert_name != NULL)
		return rule_printf(c, "accepts certificate '%s'",
		    ic->tls_sender_cert_name);
	if (ic->nsender_ips > 0)
		return rule_printf(c, "accepts sender addresses %s%s",
		    ic->sender_ips_text.n > 0 ? ic->sender_ips_text.v[0] : "",
		    ic->sender_ips_text.n > 1 ? ", ..." : "");
	return "names neither a certificate nor an address";
}

static const char *
fix_for(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct flow *hyb, int hcw)
{
	const char	*name = presented_name(c, hyb), *first = "";

	if (name == NULL)
		return rule_printf(c, "# Make the hybrid send connector "
		    "present a CA-signed certificate first (HYB030/HYB031), "
		    "then:\n# Set-InboundConnector -Identity '%s' "
		    "-TlsSenderCertificateName with its host name",
		    fix_note(c, ic->o.name));
	if (hyb->sel.cert->self_signed == 1 || hyb->sel.how == SEL_FALLBACK)
		first = rule_printf(c, "# %s presents %s, a fallback "
		    "certificate: fix the send connector first (HYB030).\n",
		    fix_note(c, hyb->presenter->name),
		    fix_note(c, hyb->sel.cert->subject));
	return rule_printf(c, "%sSet-InboundConnector -Identity %s "
	    "-TlsSenderCertificateName %s%s", first, ps_quote(c, ic->o.name),
	    ps_quote(c, name), hcw ? "\n# Or rerun the Hybrid Configuration "
	    "Wizard and select the certificate the servers present now." : "");
}

static void
report(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic, const struct path *p, int hcw)
{
	struct buf		 b = { 0 };
	const struct flow	*f;
	size_t			 i;

	for (i = 0; i < p->n && i < 4; i++) {
		f = p->v[i];
		buf_printf(&b, "%s%s presents %s", i ? ", " : "",
		    f->presenter->name, f->sel.cert != NULL ?
		    f->sel.cert->subject : "no certificate");
	}
	if (p->n > 4)
		buf_adds(&b, ", ...");
	rule_report(c, &ic->o, ic->tls_sender_cert_name != NULL ?
	    "TlsSenderCertificateName" : "SenderIPAddresses", NULL,
	    ic->tls_sender_cert_name != NULL ? ic->tls_sender_cert_name :
	    "SenderIPAddresses", p->hyb != NULL ? flow_path(c->arena,
	    p->hyb) : NULL, fix_for(c, ic, p->hyb, hcw),
	    "OnPremises inbound connector '%s' (tenant %s) %s, but nothing "
	    "%s sends to Exchange Online matches it (%s): its mail is not "
	    "attributed by this connector, so relaying is refused "
	    "(550 5.7.64 TenantAttribution) and senders appear external",
	    ic->o.name, tn->name, accepts(c, ic), tn->org->id, b.p);
	buf_free(&b);
}

/* Which connectors some flow or some known address matches. */
static void
index_hits(struct rule_ctx *c, struct strmap *cert_hit,
    struct strmap *ip_hit)
{
	const struct flow	*f;
	const struct host	*h;
	void			**v;
	char			 k[32];
	size_t			 i, j, l, n;

	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		for (j = 0; j < f->nmatches; j++)
			strmap_add(f->matches[j].by_ip ? ip_hit : cert_hit,
			    ptr_key(k, sizeof(k), f->matches[j].ic), (void *)f);
		/* A name match refused for want of a public CA is
		 * HYB035's: the connector names the right host. */
		for (j = 0; j < f->nrefused; j++)
			strmap_add(cert_hit, ptr_key(k, sizeof(k),
			    f->refused[j].ic), (void *)f);
	}
	/* Known addresses: the gateways'. */
	for (i = 0; i < c->t->nhosts; i++) {
		h = c->t->hosts[i];
		for (j = 0; h->gateway != NULL && j < h->gateway->naddrs;
		    j++) {
			v = ipidx_match(&c->t->onprem_by_ip,
			    &h->gateway->addrs[j], &n);
			for (l = 0; l < n; l++)
				strmap_add(ip_hit, ptr_key(k, sizeof(k), v[l]),
				    (void *)h);
			free(v);
		}
	}
}

static void
check(struct rule_ctx *c)
{
	struct strmap			*cert_hit, *ip_hit, *own, *linked;
	const struct tenant		*tn;
	const struct inbound_connector	*ic;
	struct path			 p;
	struct addon			 ad;
	void *const			*of;
	char				 k[32];
	size_t				 i, j, no;
	int				 hcw;

	cert_hit = strmap_new();
	ip_hit = strmap_new();
	own = own_flows(c);
	linked = linked_connectors(c);
	index_hits(c, cert_hit, ip_hit);
	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		if (tn->org == NULL || !tn->org->has_onprem)
			continue;
		of = strmap_get(own, ptr_key(k, sizeof(k), tn->org), &no);
		if (of == NULL)
			continue;	/* nothing of it goes to EXO */
		path_of(tn, of, no, &p);
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (!ic_onprem(ic) ||
			    strmap_get(cert_hit, ptr_key(k, sizeof(k), ic),
			    NULL) != NULL ||
			    strmap_get(ip_hit, ptr_key(k, sizeof(k), ic),
			    NULL) != NULL)
				continue;
			/* Addresses of servers that send directly are not in
			 * the inputs: an address list cannot be judged, nor
			 * can one of devices and applications. */
			if (ic->nsender_ips > 0 && (!p.all_gw ||
			    ic_serves_devices(ic)))
				continue;
			/* An add-on service's connector: the service, not the
			 * organization's servers, presents what it accepts. */
			if (topo_ic_addon(c->t, ic, &ad))
				continue;
			/* A connector for something outside the inputs
			 * (an application server) is not stale. */
			hcw = is_hybrid_ic(linked, ic);
			if (!hcw && !p.lost)
				continue;
			/* Hybrid mail that queues before Exchange Online
			 * presents nothing yet: the send side's finding
			 * (HYB030, HYB031, HYB035) comes first. */
			if (p.queued)
				continue;
			if (p.unknown != NULL)
				undecided(c, ic, p.unknown);
			else
				report(c, tn, ic, &p, hcw);
		}
	}
	strmap_free(cert_hit);
	strmap_free(ip_hit);
	strmap_free(own);
	strmap_free(linked);
}

const struct lint_rule rule_hyb007 = {
	.id = "HYB007",
	.name = "inbound-connector-matches-nothing",
	.severity = SEV_ERROR,
	.summary = "An OnPremises inbound connector accepts no certificate "
	    "or address the organization's servers present",
	.doc = doc,
	.tags = "attribution,exchange-online,certificates,renewal",
	/* medium: mail flow breaks (availability), nothing exposed */
	.security_severity = "5.0",
	.check = check,
};
