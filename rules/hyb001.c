/*
 * HYB001 inbound-cert-captures-foreign-mail.
 *
 * An OnPremises inbound connector's TlsSenderCertificateName accepts the
 * certificate of a host that relays another organization's mail, so
 * Exchange Online attributes that organization's mail to this tenant.
 * Reads the simulator's flows: every flow attributed by certificate to a
 * tenant that is not the sender's.
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  Exchange Online decides which tenant a message belongs to before it\n"
"  looks at the sender. When a server connects over TLS and presents a\n"
"  certificate, Exchange Online searches the OnPremises inbound connectors\n"
"  of ALL tenants for one whose TlsSenderCertificateName matches the\n"
"  certificate's subject or one of its subject alternative names, and\n"
"  picks the tenant whose accepted domain matches the certificate domain\n"
"  most specifically. The message is then Originating in that tenant:\n"
"  it appears in that tenant's message trace, its transport and journal\n"
"  rules apply, and Exchange Online relays it to the internet on the\n"
"  tenant's behalf. The MAIL FROM domain plays no part in this step.\n"
"\n"
"  A wildcard such as *.varunagroup.de matches every host below the\n"
"  domain. When a gateway whose certificate falls under the wildcard\n"
"  (mx01.varunagroup.de) also relays mail of another organization, and a\n"
"  recipient of that mail is hosted in Exchange Online (any tenant), that\n"
"  organization's mail is attributed to this tenant. This is the case\n"
"  granikos.eu documented: a provider's journal mailbox filled with a\n"
"  customer's mail for weeks.\n"
"\n"
"Why Exchange Online does it\n"
"  Attribution of OnPremises connectors is documented in this order: the\n"
"  domain on the TLS certificate of the sending server, then the MAIL FROM\n"
"  domain, then the RCPT TO domain (MC1226222). Microsoft's own answer on\n"
"  wildcard names warns that *.domain.com also matches other subdomains'\n"
"  certificates used elsewhere, so mail meant for the internet lands on\n"
"  the connector. It is by design.\n"
"\n"
"How to confirm\n"
"  Run an extended message trace (Exchange admin center, Mail flow,\n"
"  Message trace, report type Extended) for a message of the other\n"
"  organization. In the custom_data column of the SMTP RECEIVE event,\n"
"  S:InboundConnectorData=Name=<this connector>;ConnectorType=OnPremises;\n"
"  TenantId=<this tenant> and S:ProxiedClientHostname=<the gateway> show\n"
"  the attribution. The header X-MS-Exchange-Organization-MessageDirectionality:\n"
"  Originating and X-EOPTenantAttributedMessage carry the same facts.\n"
"  `hybridlint trace PATH --from <org> --mail-from <sender> --rcpt-to\n"
"  <recipient>` shows the path hop by hop.\n"
"\n"
"How to fix\n"
"  Give the hybrid path a dedicated certificate and name exactly that\n"
"  host in TlsSenderCertificateName. First make sure the hybrid send\n"
"  connector presents that certificate (HYB030: its Fqdn must be a name\n"
"  of the certificate; on Edge, change it on a Mailbox server and run\n"
"  Start-EdgeSynchronization), otherwise narrowing the inbound connector\n"
"  cuts off the organization's own hybrid mail. Then:\n"
"    Set-InboundConnector -Identity 'Inbound from <GUID>'\n"
"        -TlsSenderCertificateName smtpo365.contoso.com\n"
"  Gateways that relay for several organizations must not present a\n"
"  certificate any tenant's OnPremises connector accepts.\n"
"  When the connector already names exactly a host the relaying host's\n"
"  certificate carries, the connector is right and the certificate is at\n"
"  fault: the fix says so instead of setting the name it already has,\n"
"  and when that certificate carries several tenants' names it points to\n"
"  HYB005's fix (one certificate per tenant on the relay). When several\n"
"  tenants' connectors accept the certificate and their accepted domains\n"
"  match it equally well, which tenant Exchange Online picks is not\n"
"  documented; hybridlint follows the first and says so.\n"
"\n"
"Source\n"
"  Message Center MC1226222, \"Prevent/Fix: Guidance for On-Premises\n"
"  Connectors Configuration\" (attribution order; certificate domain must\n"
"  be an accepted domain; unique certificate per tenant).\n"
"  Microsoft reply in \"Updated Requirements for SMTP Relay through\n"
"  Exchange Online\", Exchange Team Blog, 2023 (wildcard names match other\n"
"  subdomains' certificates).\n"
"  New-InboundConnector, TlsSenderCertificateName (wildcards cover a domain\n"
"  and all subdomains): https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  granikos.eu, \"EXO InboundConnector TLS issue\" (the incident).\n"
"  Inference: hybridlint models the wildcard as matching the domain itself\n"
"  too (apex), which the documentation does not state.\n";

static const char *
join_hosts(struct rule_ctx *c, const struct flow *const *f, size_t n,
    int gateways_only)
{
	struct buf	 b = { 0 };
	const char	*seen[64], *r;
	size_t		 i, j, k = 0;

	for (i = 0; i < n && k < 64; i++) {
		if (gateways_only && f[i]->presenter->kind != HOST_GATEWAY)
			continue;
		for (j = 0; j < k; j++)
			if (strcmp(seen[j], f[i]->presenter->name) == 0)
				break;
		if (j == k)
			seen[k++] = f[i]->presenter->name;
	}
	for (i = 0; i < k; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == k ? " and " :
		    ", ", seen[i]);
	r = arena_strdup(c->arena, b.p != NULL ? b.p : "");
	buf_free(&b);
	return r;
}

static const char *
join_orgs(struct rule_ctx *c, const struct flow *const *f, size_t n)
{
	struct buf		 b = { 0 };
	const struct org	*seen[64];
	const char		*r;
	size_t			 i, j, k = 0;

	for (i = 0; i < n && k < 64; i++) {
		for (j = 0; j < k; j++)
			if (seen[j] == f[i]->org)
				break;
		if (j == k) {
			seen[k++] = f[i]->org;
			buf_printf(&b, "%s%s (%s)", k > 1 ? ", " : "",
			    f[i]->org->id, f[i]->mail_from);
		}
	}
	r = arena_strdup(c->arena, b.p != NULL ? b.p : "");
	buf_free(&b);
	return r;
}

/*
 * The name the connector should accept: the certificate HCW configured
 * (HybridConfiguration.TlsCertificateName), else the exact name the
 * tenant's own hybrid path presents.
 */
static const char *
intended_name(struct rule_ctx *c, const struct inbound_connector *ic,
    void *const *own, size_t nown)
{
	const char	*cn;

	if ((cn = org_hybrid_cert_cn(c, ic->o.org)) != NULL)
		return cn;
	return hybrid_cn(own, nown);
}

/*
 * The fix: name exactly 'name' (NULL: unknown, a step in words), after
 * the hybrid send connector presents it when narrowing would cut it off.
 */
static const char *
fix_for(struct rule_ctx *c, const struct inbound_connector *ic,
    const char *name, void *const *own, size_t nown)
{
	if (name == NULL)
		return rule_printf(c, "# Name only the certificate your hybrid "
		    "servers present:\n"
		    "# Set-InboundConnector -Identity '%s' "
		    "-TlsSenderCertificateName with the host name of the "
		    "dedicated hybrid certificate", fix_note(c, ic->o.name));
	return rule_printf(c, "%sSet-InboundConnector -Identity %s "
	    "-TlsSenderCertificateName %s%s", narrow_first(c, own, nown, ic,
	    name), ps_quote(c, ic->o.name), ps_quote(c, name),
	    hcw_owns_note(c, ic, name));
}

/* The tenants whose connectors accept the certificate of flow f. */
static size_t
ntenants_matching(const struct flow *f)
{
	const struct tenant	*seen[16];
	size_t			 i, j, n = 0;

	for (i = 0; i < f->nmatches && n < 16; i++) {
		if (f->matches[i].by_ip)
			continue;
		for (j = 0; j < n && seen[j] != f->matches[i].tenant; j++)
			continue;
		if (j == n)
			seen[n++] = f->matches[i].tenant;
	}
	return n;
}

/*
 * A connector that already names exactly a name the relaying host's
 * certificate carries is right: the fault is that certificate, used for
 * other organizations' mail.  When it carries several tenants' exact
 * names, HYB005's fix splits it.
 */
static const char *
cert_fix(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct flow *f, const char *hosts, const char *orgs)
{
	const char	*subj = f->sel.cert != NULL && f->sel.cert->subject !=
			    NULL ? f->sel.cert->subject : "its certificate";

	if (ntenants_matching(f) > 1)
		return rule_printf(c, "# Resolved by the fix of HYB005 "
		    "(inbound-identity-shared-across-tenants) on the "
		    "certificate %s of %s.", fix_note(c, subj),
		    fix_note(c, f->presenter->name));
	return rule_printf(c, "# '%s' names exactly %s, which the certificate "
	    "%s of %s carries, and %s relays mail of %s with it: have %s "
	    "present a certificate without that name for that mail, or route "
	    "that mail another way (MC1226222); the connector needs no "
	    "change.", fix_note(c, ic->o.name), fix_note(c,
	    ic->tls_sender_cert_name), fix_note(c, subj), fix_note(c, hosts),
	    fix_note(c, hosts), fix_note(c, orgs), fix_note(c, hosts));
}

static void
check(struct rule_ctx *c)
{
	const struct tenant		*tn;
	const struct inbound_connector	*ic;
	const struct flow		*hits[256];
	const char			*name, *fix, *hosts, *orgs;
	struct strmap			*own = own_flows(c);
	struct flow *const		*fv;
	void *const			*of;
	size_t				 i, j, k, n, ngw, nof, nfv;
	char				 key[32];
	int				 tie;

	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (!ic_onprem(ic) || ic->tls_sender_cert_name == NULL)
				continue;
			fv = sim_flows_of_ic(c->s, ic, &nfv);
			for (k = n = ngw = tie = 0; k < nfv && n < 256; k++)
				if (fv[k]->foreign && fv[k]->step == ATTR_CERT) {
					hits[n++] = fv[k];
					if (fv[k]->presenter->kind ==
					    HOST_GATEWAY)
						ngw++;
					tie |= fv[k]->ambiguous;
				}
			if (n == 0)
				continue;
			hosts = join_hosts(c, hits, n, 0);
			orgs = join_orgs(c, hits, n);
			of = strmap_get(own, ptr_key(key, sizeof(key),
			    ic->o.org), &nof);
			name = intended_name(c, ic, of, nof);
			if (strncmp(ic->tls_sender_cert_name, "*.", 2) != 0 ||
			    (name != NULL && strcasecmp(name,
			    ic->tls_sender_cert_name) == 0))
				fix = cert_fix(c, ic, hits[0], hosts, orgs);
			else
				fix = fix_for(c, ic, name, of, nof);
			rule_report(c, &ic->o, "TlsSenderCertificateName", NULL,
			    ic->tls_sender_cert_name, flow_path(c->arena,
			    hits[0]), fix,
			    "OnPremises inbound connector '%s' (tenant %s) "
			    "accepts certificate '%s', which matches %s; %s "
			    "mail of %s, so Exchange Online attributes that "
			    "mail to this tenant%s%s", ic->o.name, tn->name,
			    ic->tls_sender_cert_name, hosts,
			    strstr(hosts, " and ") != NULL ? (ngw == n ?
			    "those gateways relay" : "those hosts relay") :
			    (ngw == n ? "that gateway relays" :
			    "that host relays"), orgs, tie ? ": " : "",
			    tie ? sim_tie_text : "");
		}
	}
	strmap_free(own);
}

const struct lint_rule rule_hyb001 = {
	.id = "HYB001",
	.name = "inbound-cert-captures-foreign-mail",
	.severity = SEV_ERROR,
	.summary = "An OnPremises inbound connector accepts the certificate "
	    "of a host that relays another organization's mail",
	.doc = doc,
	.tags = "attribution,exchange-online,security,privacy",
	/* critical: another organization's mail lands in this tenant */
	.security_severity = "9.3",
	.check = check,
};
