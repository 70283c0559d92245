/*
 * HYB002 inbound-cert-matches-unintended-host.
 *
 * An OnPremises inbound connector's TlsSenderCertificateName accepts the
 * certificate of a host that is not on the tenant's own path to Exchange
 * Online: whatever that host sends to Exchange Online is attributed to
 * the tenant as Originating.  Reads the simulator's flows: the hosts whose
 * presented certificate a connector matches (flow->matches), against the
 * hosts that carry the organization's own mail to Exchange Online (flows
 * of the tenant's organization over a send connector to Exchange Online).
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  Exchange Online attributes a connection to a tenant when the\n"
"  certificate the sending host presents matches the\n"
"  TlsSenderCertificateName of one of the tenant's OnPremises inbound\n"
"  connectors (subject CN or a subject alternative name). Every host\n"
"  whose certificate matches is treated as the tenant's own on-premises\n"
"  organization: its mail is Originating in the tenant, may be relayed\n"
"  to the internet on the tenant's behalf, shows in the tenant's message\n"
"  trace and is subject to its transport and journal rules.\n"
"\n"
"  The connector was created for the hybrid path: the Exchange or Edge\n"
"  servers whose send connector delivers to Exchange Online. This rule\n"
"  reports the other hosts of the inputs whose certificates the\n"
"  connector also accepts and which do connect to Exchange Online, for\n"
"  instance an organization's internet gateways (mx01/mx02.varunagroup.de\n"
"  matched by *.varunagroup.de) delivering mail for recipients hosted in\n"
"  Exchange Online. As long as those hosts only carry the organization's\n"
"  own mail nothing visible goes wrong; when one of them also relays for\n"
"  someone else, that mail is captured (HYB001).\n"
"\n"
"Why Exchange Online does it\n"
"  The certificate is the first attribution criterion for OnPremises\n"
"  connectors, before the MAIL FROM and RCPT TO domains (MC1226222). A\n"
"  wildcard name covers a domain and all its subdomains; Microsoft warns\n"
"  that with *.domain.com, certificates of other subdomains used elsewhere\n"
"  match the connector and mail meant for the internet lands on it.\n"
"\n"
"How to confirm\n"
"  Get-InboundConnector | fl Name,ConnectorType,TlsSenderCertificateName\n"
"  On the hosts named, the certificate their SMTP service presents\n"
"  (Get-ExchangeCertificate, or the gateway's TLS configuration). An\n"
"  extended message trace of a message sent by such a host to a recipient\n"
"  hosted in Exchange Online shows\n"
"  S:InboundConnectorData=Name=<this connector>;ConnectorType=OnPremises\n"
"  in the custom_data of the RECEIVE event.\n"
"  `hybridlint trace PATH --from <host> --mail-from <sender> --rcpt-to\n"
"  <recipient>` shows the path.\n"
"\n"
"How to fix\n"
"  Name exactly the certificate the hybrid path presents:\n"
"    Set-InboundConnector -Identity 'Inbound from <GUID>'\n"
"        -TlsSenderCertificateName smtpo365.contoso.com\n"
"  First make sure the hybrid send connector presents that certificate\n"
"  (HYB030), otherwise narrowing cuts off the organization's own hybrid\n"
"  mail. The Hybrid Configuration Wizard owns this connector: choose the\n"
"  dedicated certificate when it is next run, or it puts the old name\n"
"  back. Hosts that must keep sending to Exchange Online should present a\n"
"  certificate of their own that no OnPremises connector accepts.\n"
"\n"
"Source\n"
"  Message Center MC1226222, \"Prevent/Fix: Guidance for On-Premises\n"
"  Connectors Configuration\" (attribution order: certificate domain, then\n"
"  MAIL FROM, then RCPT TO):\n"
"  https://mwpro.co.uk/blog/2026/02/04/updated-prevent-fix-guidance-for-on-premises-connectors-configuration-mc1226222\n"
"  Microsoft reply in \"Updated Requirements for SMTP Relay through\n"
"  Exchange Online\", Exchange Team Blog (wildcard names match other\n"
"  subdomains' certificates used elsewhere):\n"
"  https://techcommunity.microsoft.com/blog/exchange/updated-requirements-for-smtp-relay-through-exchange-online/3851357/replies/3855525\n"
"  New-InboundConnector, TlsSenderCertificateName (a wildcard covers a\n"
"  domain and all subdomains):\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  granikos.eu, \"EXO InboundConnector TLS issue\":\n"
"  https://granikos.eu/exo-inboundconnector-tls-issue/\n"
"  Inference: which hosts are \"intended\" is hybridlint's reading of the\n"
"  inputs (the hosts that send over the organization's send connectors to\n"
"  Exchange Online); the apex match of a wildcard (*.contoso.com accepting\n"
"  contoso.com) is modelled, not documented.\n";

/* Is host 'h' (presenting 'cert' for 'org') on the organization's own path? */
static int
on_own_path(void *const *own, size_t nown, const struct host *h,
    const struct org *org, const struct certificate *cert)
{
	const struct flow	*g;
	size_t			 i;

	for (i = 0; i < nown; i++) {
		g = own[i];
		if (g->presenter == h)
			return 1;
		if (org == g->org && cert_same(cert, g->sel.cert))
			return 1;
	}
	return 0;
}

/*
 * The name the connector should accept: the certificate HCW configured,
 * else the exact name the tenant's own hybrid path presents.
 */
static const char *
intended_name(struct rule_ctx *c, void *const *own, size_t nown,
    const struct org *org)
{
	const char	*cn;

	if ((cn = org_hybrid_cert_cn(c, org)) != NULL)
		return cn;
	return hybrid_cn(own, nown);
}

struct extra {
	const struct host		*h;
	const struct certificate	*cert;
	const struct flow		*f;
};

/* The fix that names 'name': the steps it needs first, then the command. */
static void
name_fix(struct rule_ctx *c, struct buf *fix, const struct tenant *tn,
    const struct inbound_connector *ic, void *const *own, size_t nown,
    const struct extra *x, size_t nx, const char *name)
{
	size_t			 i;

	(void)tn;
	buf_adds(fix, narrow_first(c, own, nown, ic, name));
	for (i = 0; i < nx; i++)
		if (x[i].cert != NULL &&
		    cert_covers(x[i].cert, name) != DN_NONE)
			buf_printf(fix, "# %s also presents a certificate for "
			    "%s: give it a certificate of its own first.\n",
			    fix_note(c, x[i].h->name), fix_note(c, name));
	buf_printf(fix, "Set-InboundConnector -Identity %s "
	    "-TlsSenderCertificateName %s", ps_quote(c, ic->o.name),
	    ps_quote(c, name));
	buf_adds(fix, hcw_owns_note(c, ic, name));
}

/*
 * Where the simulation attributes what such a host sends: this tenant,
 * or another whose connector wins for its certificate (the same answer
 * every rule gives for the flow).
 */
static const char *
attributed(struct rule_ctx *c, const struct flow *f, const struct tenant *tn,
    int many)
{
	const char	*what = many ? "they send there" : "it sends there";

	if (f->tenant == tn || f->tenant == NULL || f->step != ATTR_CERT)
		return rule_printf(c, "yet Exchange Online attributes what %s "
		    "to this tenant as Originating%s%s", what,
		    f->ambiguous ? ": " : "", f->ambiguous ? sim_tie_text : "");
	return rule_printf(c, "and Exchange Online attributes what %s to "
	    "tenant %s instead%s%s; this connector would take it as soon as "
	    "that one no longer matches", what, f->tenant->name,
	    f->ambiguous ? ": " : " (its accepted domain matches the "
	    "certificate more specifically)", f->ambiguous ? sim_tie_text :
	    "");
}

static void
report(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic, void *const *own, size_t nown,
    const struct extra *x, size_t nx)
{
	struct buf		 hosts = { 0 }, path = { 0 }, fix = { 0 };
	const struct host	*seen[32];
	const char		*name;
	size_t			 i, j, k = 0;

	for (i = 0; i < nx; i++)
		buf_printf(&hosts, "%s%s (%s)", i == 0 ? "" : i + 1 == nx ?
		    " and " : ", ", x[i].h->name, x[i].cert != NULL ?
		    x[i].cert->subject : "no certificate");
	for (i = 0; i < nown && k < 32; i++) {
		for (j = 0; j < k; j++)
			if (seen[j] == ((const struct flow *)own[i])->presenter)
				break;
		if (j == k) {
			seen[k++] = ((const struct flow *)own[i])->presenter;
			buf_printf(&path, "%s%s", k > 1 ? ", " : "",
			    seen[k - 1]->name);
		}
	}
	name = intended_name(c, own, nown, tn->org);
	if (name == NULL)
		buf_printf(&fix, "# Name only the certificate your hybrid "
		    "servers present:\n# Set-InboundConnector -Identity '%s' "
		    "-TlsSenderCertificateName with the host name of the "
		    "dedicated hybrid certificate", fix_note(c, ic->o.name));
	else
		name_fix(c, &fix, tn, ic, own, nown, x, nx, name);
	rule_report(c, &ic->o, "TlsSenderCertificateName", NULL,
	    ic->tls_sender_cert_name, flow_path(c->arena, x[0].f), fix.p,
	    "OnPremises inbound connector '%s' (tenant %s) accepts "
	    "certificate '%s', which also matches %s; %s not on %s's own path "
	    "to Exchange Online (%s), %s", ic->o.name, tn->name,
	    ic->tls_sender_cert_name, hosts.p, nx > 1 ? "those hosts are" :
	    "that host is", tn->org->id, path.p != NULL ? path.p : "",
	    attributed(c, x[0].f, tn, nx > 1));
	buf_free(&hosts);
	buf_free(&path);
	buf_free(&fix);
}

static void
check(struct rule_ctx *c)
{
	struct strmap			*by_ic, *own;
	const struct tenant		*tn;
	const struct inbound_connector	*ic;
	const struct flow		*f;
	void *const			*mf, *const *of;
	struct extra			 x[16];
	char				 k[32];
	size_t				 i, j, l, nm, no, nx;

	by_ic = strmap_new();
	own = own_flows(c);
	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (f->presenter == NULL)
			continue;
		for (j = 0; j < f->nmatches; j++)
			if (!f->matches[j].by_ip)
				strmap_add(by_ic, ptr_key(k, sizeof(k),
				    f->matches[j].ic), (void *)f);
	}
	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		/* Without the on-premises side the intended path is unknown. */
		if (tn->org == NULL || !tn->org->has_onprem)
			continue;
		of = strmap_get(own, ptr_key(k, sizeof(k), tn->org), &no);
		if (of == NULL || no == 0)
			continue;
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (!ic_onprem(ic) || ic->tls_sender_cert_name == NULL)
				continue;
			mf = strmap_get(by_ic, ptr_key(k, sizeof(k), ic), &nm);
			for (l = nx = 0; mf != NULL && l < nm && nx < 16; l++) {
				size_t m;

				f = mf[l];
				if (on_own_path(of, no, f->presenter, f->org,
				    f->sel.cert))
					continue;
				for (m = 0; m < nx; m++)
					if (x[m].h == f->presenter)
						break;
				if (m < nx)
					continue;
				x[nx].h = f->presenter;
				x[nx].cert = f->sel.cert;
				x[nx].f = f;
				nx++;
			}
			if (nx > 0)
				report(c, tn, ic, of, no, x, nx);
		}
	}
	strmap_free(by_ic);
	strmap_free(own);
}

const struct lint_rule rule_hyb002 = {
	.id = "HYB002",
	.name = "inbound-cert-matches-unintended-host",
	.severity = SEV_WARNING,
	.summary = "An OnPremises inbound connector accepts the certificate "
	    "of a host that is not on the tenant's own path to Exchange Online",
	.doc = doc,
	.tags = "attribution,exchange-online,certificates",
	/* medium: a host off the tenant's path may be attributed to it */
	.security_severity = "6.5",
	.check = check,
};
