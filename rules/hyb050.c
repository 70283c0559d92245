/*
 * HYB050 outbound-connector-tls-mismatch.
 *
 * An OnPremises outbound connector of Exchange Online must validate the
 * on-premises certificate by name (TlsSettings DomainValidation) against
 * a TlsDomain that a certificate of the receiving on-premises servers
 * carries, and (for the HCW connector) send to the smart host the hybrid
 * configuration names.  Reads the outbound connectors, the hybrid
 * configuration and the certificates of the receiving hosts.
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  Exchange Online delivers mail for on-premises recipients (and, with\n"
"  centralized mail transport, all outbound mail) through the OnPremises\n"
"  outbound connector the Hybrid Configuration Wizard created ('Outbound to\n"
"  <GUID>'). It connects to the connector's SmartHosts and checks the\n"
"  certificate the on-premises server presents as TlsSettings says:\n"
"  - DomainValidation: the certificate must be trusted and carry TlsDomain.\n"
"    When no certificate on the receiving servers carries TlsDomain (after\n"
"    a renewal with a new name, or a TlsDomain edited by hand), every\n"
"    delivery fails TLS and mail queues in Exchange Online and is deferred\n"
"    (450 4.4.317) until it expires.\n"
"  - CertificateValidation: only the chain is checked, not the name; any\n"
"    host with a publicly trusted certificate that answers for the smart\n"
"    host gets the mail.\n"
"  - EncryptionOnly or none: the on-premises server is not authenticated at\n"
"    all.\n"
"  A SmartHosts list that does not contain HybridConfiguration's\n"
"  OnPremisesSmartHost means the connector and the hybrid configuration\n"
"  disagree on where mail goes: the connector was edited by hand, or the\n"
"  wizard was last run with other values, and its next run will change the\n"
"  connector back.\n"
"\n"
"Why Exchange Online does it\n"
"  TlsSettings and TlsDomain are the outbound connector's TLS policy\n"
"  (Set-OutboundConnector); TlsDomain is only used with DomainValidation.\n"
"  The wizard creates the connector with TlsSettings DomainValidation,\n"
"  TlsDomain set to the hybrid certificate's name and SmartHosts set to the\n"
"  on-premises endpoint it records as OnPremisesSmartHost.\n"
"\n"
"How to confirm\n"
"  Get-OutboundConnector | Where-Object ConnectorType -eq OnPremises |\n"
"    Format-List Name,SmartHosts,TlsSettings,TlsDomain\n"
"  Get-HybridConfiguration | Format-List OnPremisesSmartHost,\n"
"    ReceivingTransportServers,EdgeTransportServers,TlsCertificateName\n"
"  Get-ExchangeCertificate -Server <receiving server> |\n"
"    Format-List Subject,CertificateDomains,Services\n"
"  Validate the connector in the Exchange admin center (Mail flow,\n"
"  Connectors, Validate): a name mismatch fails the TLS step.\n"
"\n"
"How to fix\n"
"  Rerun the Hybrid Configuration Wizard with the certificate the receiving\n"
"  servers hold, or set the values directly:\n"
"    Set-OutboundConnector -Identity 'Outbound to <GUID>'\n"
"        -TlsSettings DomainValidation -TlsDomain mail.contoso.com\n"
"        -SmartHosts mail.contoso.com\n"
"  TlsDomain must be a name (subject or SAN) of the SMTP certificate on\n"
"  every server the smart host resolves to. It takes a domain name: when\n"
"  the connector's smart host is an IP address, the fix says which name to\n"
"  give instead of offering the address.\n"
"  Connectors that are no route to on-premises are left out: one with\n"
"  IsTransportRuleScoped $true (mail reaches it only through a mail flow\n"
"  rule; an email add-on service's connector is one), one to a service\n"
"  topology.json declares as an add-on (HYB043 reports it if it is not\n"
"  scoped to a rule), and one in test mode (HYB014).\n"
"\n"
"Source\n"
"  Set-OutboundConnector (TlsSettings, TlsDomain, SmartHosts):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-outboundconnector\n"
"  \"Set up connectors to route mail between Microsoft 365 and your own\n"
"  email servers\":\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/set-up-connectors-to-route-mail\n"
"  Set-HybridConfiguration (OnPremisesSmartHost, ReceivingTransportServers,\n"
"  EdgeTransportServers):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-hybridconfiguration\n"
"  HCW-created objects: https://github.com/SammyKrosoft/Hybrid-Config-Wiz-Checks\n"
"  \"Integrate Exchange Online with an email add-on service\":\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/integrate-office-365-with-an-email-add-on-service\n"
"  Inference: that a TlsDomain no receiving certificate carries makes\n"
"  delivery fail, and that the receiving servers are the hybrid\n"
"  configuration's Receiving or Edge Transport servers (for the wizard's\n"
"  connector) and the hosts the connector's SmartHosts name, follow from\n"
"  the documented parameters; no document states the failure mode.\n";

/* Does the certificate carry 'dom' ("*.d": some name below d)? */
static int
carries(struct rule_ctx *c, const struct certificate *cert, const char *dom)
{
	const char	**names, *n;
	size_t		  i, nn;

	if (strncmp(dom, "*.", 2) != 0)
		return cert_covers(cert, dom) != DN_NONE;
	names = cert_names(c->arena, cert, &nn);
	for (i = 0; i < nn; i++) {
		n = strncmp(names[i], "*.", 2) == 0 ? names[i] + 2 : names[i];
		if (dn_is_subdomain(n, dom + 2))
			return 1;
	}
	return 0;
}

#define MAXHOSTS	32

static void
add_host(const struct host **hs, size_t *n, const struct host *h)
{
	size_t	i;

	if (h == NULL || h->kind == HOST_EXO || *n == MAXHOSTS)
		return;
	for (i = 0; i < *n; i++)
		if (hs[i] == h)
			return;
	hs[(*n)++] = h;
}

static const char *
join_hosts(struct rule_ctx *c, const struct host *const *hs, size_t n)
{
	struct buf	 b = { 0 };
	const char	*r;
	size_t		 i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " :
		    ", ", hs[i]->name);
	r = arena_strdup(c->arena, b.p != NULL ? b.p : "");
	buf_free(&b);
	return r;
}

/* A name to validate: HybridConfiguration's certificate, else a CA one. */
static const char *
suggest_domain(struct rule_ctx *c, const struct hybrid_config *hc,
    const struct host *const *hs, size_t nh)
{
	const struct certificate	*cert;
	const char			*cn;
	size_t				 i, j;

	cn = hc != NULL && hc->has_tls_cert_name ?
	    dn_get_cn(c->arena, hc->tls_cert_name.subject) : NULL;
	for (i = 0; i < nh; i++)
		for (j = 0; j < hs[i]->ncerts; j++) {
			cert = hs[i]->certs[j];
			if (cn != NULL && cert_covers(cert, cn) == DN_EXACT)
				return cn;
		}
	for (i = 0; i < nh; i++)
		for (j = 0; j < hs[i]->ncerts; j++) {
			cert = hs[i]->certs[j];
			if (cert->cn != NULL && cert->self_signed != 1 &&
			    cert->root_ca_type != ROOTCA_REGISTRY &&
			    cert_smtp_enabled(cert) != 0 &&
			    cert_is_valid_at(cert, c->asof))
				return cert->cn;
		}
	return NULL;
}

/*
 * Validate by the name 'dom', or, when no export suggests one (NULL), say
 * in words that the administrator picks 'what'; then 'hcw' (or nothing).
 */
static const char *
validate_fix(struct rule_ctx *c, const struct outbound_connector *oc,
    const char *dom, const char *what, const char *hcw)
{
	int	same;

	/* TlsDomain takes a domain name: never an address smart host. */
	if (!domain_arg_ok(dom))
		dom = NULL;
	same = dom != NULL && oc->tls_domain != NULL &&
	    strcasecmp(dom, oc->tls_domain) == 0;
	return rule_printf(c, "%sSet-OutboundConnector -Identity %s%s%s%s%s%s",
	    dom != NULL ? "" : "# ", ps_quote(c, oc->o.name),
	    oc->tls_settings == TLS_DOMAIN_VALIDATION ? "" :
	    " -TlsSettings DomainValidation", same ? "" : " -TlsDomain ",
	    same ? "" : dom != NULL ? ps_quote(c, dom) : "with ",
	    dom != NULL ? "" : what, hcw != NULL ? hcw : "");
}

static void
check_tls_domain(struct rule_ctx *c, const struct outbound_connector *oc,
    const struct hybrid_config *hc, const char *tenant, int hcw)
{
	const struct host	*hs[MAXHOSTS];
	const struct strlist	*rs = NULL;
	const struct certificate *cert;
	const char		*sug, *missing = NULL;
	size_t			 nh = 0, i, j;
	int			 ncert = 0, edge;

	/* The wizard's receiving servers are only the HCW connector's. */
	if (hc != NULL && hcw)
		rs = hc_receiving(hc, &edge);
	for (i = 0; rs != NULL && i < rs->n; i++)
		add_host(hs, &nh, topo_find_host(c->t, oc->o.org, rs->v[i]));
	for (i = 0; i < oc->smart_hosts.n; i++)
		add_host(hs, &nh, topo_find_host(c->t, oc->o.org,
		    oc->smart_hosts.v[i]));
	if (nh == 0) {
		rule_undecided(c, &oc->o, rule_printf(c, "no export describes "
		    "the on-premises servers its smart host%s %s%s lead%s to",
		    oc->smart_hosts.n == 1 ? "" : "s", oc->smart_hosts.n > 0 ?
		    oc->smart_hosts.v[0] : "(none)", oc->smart_hosts.n > 1 ?
		    ", ..." : "", oc->smart_hosts.n == 1 ? "s" : ""), hcw ?
		    "Get-HybridConfiguration | Export-Clixml -Encoding utf8 "
		    "Get-HybridConfiguration.xml" : "# Export the Exchange "
		    "servers the smart host resolves to (or declare a "
		    "non-Exchange host as a gateway in topology.json):\n"
		    "Get-ExchangeServer | Export-Clixml -Encoding utf8 "
		    "Get-ExchangeServer.xml");
		return;
	}
	for (i = 0; i < nh; i++) {
		if (hs[i]->ncerts == 0 && missing == NULL)
			missing = hs[i]->name;
		for (j = 0; j < hs[i]->ncerts; j++) {
			cert = hs[i]->certs[j];
			ncert++;
			if (carries(c, cert, oc->tls_domain))
				return;
		}
	}
	if (missing != NULL) {
		rule_undecided(c, &oc->o, rule_printf(c, "no "
		    "Get-ExchangeCertificate export for receiving server %s",
		    missing), cert_export(c, missing, NULL));
		return;
	}
	sug = suggest_domain(c, hc, hs, nh);
	rule_report(c, &oc->o, "TlsDomain", NULL, oc->tls_domain, NULL,
	    validate_fix(c, oc, sug, "a name of the receiving servers' "
	    "certificate", hcw ? "\n# Or rerun the Hybrid Configuration "
	    "Wizard with the certificate the receiving servers hold." : NULL),
	    "OnPremises outbound connector '%s' (tenant %s) requires TlsDomain "
	    "%s, but none of the %d certificates on %s carries that name; "
	    "Exchange Online's deliveries to on-premises fail TLS validation",
	    oc->o.name, tenant, oc->tls_domain, ncert,
	    join_hosts(c, hs, nh));
}

/* TlsSettings: DomainValidation, and a TlsDomain the certificate has. */
static void
check_tls_settings(struct rule_ctx *c, const struct outbound_connector *oc,
    const struct hybrid_config *hc, const char *tenant, int hcw)
{
	const char	*fix;

	fix = validate_fix(c, oc, oc->tls_domain != NULL ? oc->tls_domain :
	    hcw && hc != NULL && hc->has_tls_cert_name ?
	    dn_get_cn(c->arena, hc->tls_cert_name.subject) :
	    oc->smart_hosts.n > 0 ? oc->smart_hosts.v[0] : NULL,
	    "a name of the on-premises certificate", hcw ? "\n# Or rerun "
	    "the Hybrid Configuration Wizard, which owns this connector." :
	    NULL);
	if (oc->tls_settings == -1 && !obj_exported(&oc->o, "TlsSettings"))
		rule_undecided(c, &oc->o, "TlsSettings is not in the export",
		    reexport_cmd(c, "Get-OutboundConnector"));
	else if (oc->tls_settings == TLS_CERTIFICATE_VALIDATION)
		rule_report_sev(c, SEV_WARNING, &oc->o, "TlsSettings", NULL,
		    "TlsSettings", NULL, fix, "OnPremises outbound connector "
		    "'%s' (tenant %s) uses TlsSettings CertificateValidation: "
		    "Exchange Online checks that the on-premises certificate "
		    "is trusted, not that it names the on-premises endpoint",
		    oc->o.name, tenant);
	else if (oc->tls_settings != TLS_DOMAIN_VALIDATION)
		rule_report(c, &oc->o, "TlsSettings", NULL, "TlsSettings",
		    NULL, fix, "OnPremises outbound connector '%s' (tenant "
		    "%s) %s: Exchange Online does not authenticate the "
		    "on-premises server it delivers to", oc->o.name, tenant,
		    oc->tls_settings == TLS_ENCRYPTION_ONLY ?
		    "uses TlsSettings EncryptionOnly" : "has no TlsSettings");
	else if (oc->tls_domain != NULL)
		check_tls_domain(c, oc, hc, tenant, hcw);
}

/* The wizard's connector sends to the hybrid configuration's smart host. */
static void
check_smart_host(struct rule_ctx *c, const struct outbound_connector *oc,
    const struct hybrid_config *hc, const char *tenant)
{
	size_t	j;

	if (hc == NULL || hc->onprem_smart_host == NULL ||
	    !oc->smart_hosts.known || oc->use_mx == 1)
		return;
	for (j = 0; j < oc->smart_hosts.n; j++)
		if (strcasecmp(oc->smart_hosts.v[j],
		    hc->onprem_smart_host) == 0)
			return;
	rule_report_sev(c, SEV_WARNING, &oc->o, "SmartHosts", NULL,
	    hc->onprem_smart_host, NULL, rule_printf(c,
	    "# If %s is the on-premises endpoint:\n"
	    "Set-OutboundConnector -Identity %s -SmartHosts %s\n"
	    "# Otherwise, instead of the line above, correct the hybrid "
	    "configuration and rerun the Hybrid Configuration Wizard:\n"
	    "#   Set-HybridConfiguration -OnPremisesSmartHost %s",
	    fix_note(c, hc->onprem_smart_host), ps_quote(c, oc->o.name),
	    ps_quote(c, hc->onprem_smart_host), oc->smart_hosts.n > 0 ?
	    fix_note(c, oc->smart_hosts.v[0]) :
	    "with the on-premises endpoint"),
	    "OnPremises outbound connector '%s' (tenant %s) sends to %s, but "
	    "the hybrid configuration '%s' names %s as the on-premises smart "
	    "host; one of them was changed outside the Hybrid Configuration "
	    "Wizard", oc->o.name, tenant, oc->smart_hosts.n > 0 ?
	    join_list(c, &oc->smart_hosts, "") : "no smart host",
	    hc->o.name, hc->onprem_smart_host);
}

static void
check(struct rule_ctx *c)
{
	const struct outbound_connector	*oc;
	const struct hybrid_config	*hc;
	const char			*tenant;
	struct addon			 ad;
	size_t				 i;
	int				 hcw;

	MODEL_FOREACH(c->m, K_OUTBOUND, const struct outbound_connector, oc,
	    i) {
		if (oc->type != CT_ONPREMISES || !oc_route(oc) ||
		    topo_oc_addon(c->t, oc, &ad) ||
		    oc->o.org == NULL || !oc->o.org->has_onprem)
			continue;
		hc = (const struct hybrid_config *)org_first(oc->o.org,
		    K_HYBRID);
		tenant = org_tenant_name(c, oc->o.org);
		/* Is this the HCW connector of the organization? */
		hcw = (oc->source != NULL && strcasecmp(oc->source,
		    "HybridWizard") == 0) || op_names(&oc->o);
		check_tls_settings(c, oc, hc, tenant, hcw);
		if (hcw)
			check_smart_host(c, oc, hc, tenant);
	}
}

const struct lint_rule rule_hyb050 = {
	.id = "HYB050",
	.name = "outbound-connector-tls-mismatch",
	.severity = SEV_ERROR,
	.summary = "The OnPremises outbound connector does not validate, or "
	    "cannot validate, the on-premises certificate it delivers to",
	.doc = doc,
	.tags = "hybrid,tls,exchange-online,outbound-connector",
	/* high: delivery without validating the on-premises certificate */
	.security_severity = "7.4",
	.check = check,
	.flags = RULE_HYBRID,
};
