/*
 * HYB060 hybrid-config-certificate-mismatch.
 *
 * HybridConfiguration.TlsCertificateName records the certificate the
 * Hybrid Configuration Wizard put on the hybrid connectors.  A hybrid
 * send connector, or a receive connector with Exchange Online's
 * TlsDomainCapabilities, whose own TlsCertificateName names another
 * certificate (issuer and subject compared as X.500 names) has drifted.
 * A connector without TlsCertificateName is not a mismatch: it selects
 * its certificate by Fqdn (HYB030 covers that).
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  The Hybrid Configuration Wizard writes the certificate it was given into\n"
"  three places: the hybrid send connector's TlsCertificateName, the\n"
"  TlsCertificateName of the receive connectors that accept Exchange\n"
"  Online's mail, and HybridConfiguration.TlsCertificateName, its record\n"
"  of the desired state. When a connector names another certificate (a\n"
"  renewal applied to the connector by hand, or a wizard run with another\n"
"  certificate while a connector was edited afterwards), the two have\n"
"  drifted apart. Nothing breaks at once, but the next wizard run puts the\n"
"  certificate it is given on every connector, and a renewal procedure\n"
"  that reads one of the values updates the wrong certificate: mail to or\n"
"  from Exchange Online then fails TLS or attribution (HYB031, HYB037).\n"
"\n"
"Why Exchange does it\n"
"  TlsCertificateName identifies a certificate by issuer and subject\n"
"  (<I>issuer<S>subject), not by thumbprint. The wizard compares the\n"
"  organization's connectors with the desired state it records in the\n"
"  hybrid configuration and rewrites what differs. Health Checker reports\n"
"  a connector whose TlsCertificateName differs from the hybrid\n"
"  configuration's.\n"
"\n"
"How to confirm\n"
"  Get-HybridConfiguration | Format-List TlsCertificateName\n"
"  Get-SendConnector | Where-Object CloudServicesMailEnabled |\n"
"    Format-List Name,TlsCertificateName\n"
"  Get-ReceiveConnector | Where-Object TlsDomainCapabilities |\n"
"    Format-List Identity,TlsCertificateName\n"
"  Get-ExchangeCertificate -Server <server> | Format-List Issuer,Subject,\n"
"    Thumbprint,NotAfter,Services\n"
"\n"
"How to fix\n"
"  Decide which certificate is the current one (installed on the servers,\n"
"  SMTP-enabled, not expiring), then rerun the Hybrid Configuration Wizard\n"
"  and select it: it updates the connectors and the hybrid configuration\n"
"  together. Setting the connector by hand also works:\n"
"    $c = Get-ExchangeCertificate -Thumbprint <thumbprint>\n"
"    Set-SendConnector -Identity 'Outbound to Office 365 - <GUID>'\n"
"        -TlsCertificateName \"<I>$($c.Issuer)<S>$($c.Subject)\"\n"
"  (on Edge Transport servers: on a Mailbox server, then\n"
"  Start-EdgeSynchronization; receive connectors on the Edge itself).\n"
"\n"
"Source\n"
"  CSS-Exchange Health Checker, Cloud Connector Check (\"we compare it with\n"
"  the TlsCertificateName returned by Get-HybridConfiguration\"):\n"
"  https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/CloudConnectorCheck/\n"
"  Set-HybridConfiguration, TlsCertificateName:\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-hybridconfiguration\n"
"  Set-SendConnector, TlsCertificateName (<I>issuer<S>subject):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-sendconnector\n"
"  \"Hybrid Configuration Wizard\": https://learn.microsoft.com/exchange/hybrid-configuration-wizard\n"
"  Inference: that a later wizard run rewrites the connectors to the\n"
"  certificate it is given rests on the wizard's desired-state design as\n"
"  described there, not on a statement about this property.\n";

static int
same_cert(const struct x509id *a, const struct x509id *b)
{
	if (a->subject == NULL || b->subject == NULL ||
	    !x500_equal(a->subject, b->subject))
		return 0;
	return a->issuer == NULL || b->issuer == NULL ||
	    x500_equal(a->issuer, b->issuer);
}

static const char *
x509id_text(struct rule_ctx *c, const struct x509id *id)
{
	return id->issuer != NULL ? rule_printf(c, "<I>%s<S>%s", id->issuer,
	    id->subject) : id->subject;
}

/*
 * Does a host hold a CA-issued certificate with this issuer and subject
 * (a candidate for the hybrid certificate)?
 */
static int
holds(const struct host *h, const struct x509id *id)
{
	const struct certificate	*cert;
	size_t				 i;

	for (i = 0; h != NULL && i < h->ncerts; i++) {
		cert = h->certs[i];
		if (cert_has_id(cert, id) && cert->self_signed != 1 &&
		    cert->root_ca_type != ROOTCA_REGISTRY)
			return 1;
	}
	return 0;
}

/* A receive connector that accepts Exchange Online's mail. */
static int
for_exo(const struct receive_connector *rc)
{
	enum exo_cap	cap = rc_exo_capability(rc, NULL);

	return cap != EXO_CAP_NONE && cap != EXO_CAP_UNKNOWN;
}

/*
 * The fix: the hybrid configuration's certificate when the connector's
 * servers hold it, else a wizard run with the connector's certificate.
 */
static const char *
fix_for(struct rule_ctx *c, const struct hybrid_config *hc,
    const struct obj *o, const struct x509id *mine,
    const struct host *const *hs, size_t nh, int edge, const char *cmdlet)
{
	const char	*set, *name;
	size_t		 i;
	int		 hc_held = nh > 0, mine_held = nh > 0;

	for (i = 0; i < nh; i++) {
		if (!holds(hs[i], &hc->tls_cert_name))
			hc_held = 0;
		if (!holds(hs[i], mine))
			mine_held = 0;
	}
	/* Without its issuer the name is no TlsCertificateName value. */
	name = hc->tls_cert_name.issuer != NULL ? ps_quote(c,
	    x509id_text(c, &hc->tls_cert_name)) : "with '<I>issuer<S>subject' "
	    "of the hybrid configuration's certificate (the export lacks its "
	    "issuer)";
	set = rule_printf(c, "%s%s -Identity %s -TlsCertificateName %s%s",
	    hc->tls_cert_name.issuer != NULL ? "" : "# ", cmdlet,
	    ps_quote(c, o->identity), name, !edge ? "" :
	    strcmp(cmdlet, "Set-SendConnector") == 0 ? "\n# Run it on a "
	    "Mailbox server; EdgeSync replicates it to the Edge:\n"
	    "Start-EdgeSynchronization" : "\n# Run it on the Edge Transport "
	    "server itself.");
	if (hc_held)
		return rule_printf(c, "# The hybrid configuration's CA-issued "
		    "certificate is installed on the connector's servers:\n"
		    "%s\n# Or rerun the Hybrid Configuration Wizard and select "
		    "that certificate.", set);
	if (mine_held)
		return rule_printf(c, "# The connector's certificate is the "
		    "CA-issued one installed: rerun the Hybrid Configuration "
		    "Wizard and select it, which updates "
		    "HybridConfiguration.TlsCertificateName and every hybrid "
		    "connector.");
	return rule_printf(c, "# Rerun the Hybrid Configuration Wizard and "
	    "select the current certificate, or align the connector with the "
	    "hybrid configuration:\n%s", set);
}

static void
check_org(struct rule_ctx *c, const struct hybrid_config *hc)
{
	const struct send_connector	*sc;
	const struct receive_connector	*rc;
	const struct host		*hs[32], *h;
	const char			*want;
	size_t				 i, j, nh;
	int				 edge;

	want = x509id_text(c, &hc->tls_cert_name);
	ORG_FOREACH(hc->o.org, K_SEND, const struct send_connector, sc, i) {
		if (!sc_is_hybrid(sc) || !sc->has_tls_cert_name ||
		    same_cert(&sc->tls_cert_name, &hc->tls_cert_name))
			continue;
		for (j = nh = 0, edge = 0; j < sc->source_servers.n && nh < 32;
		    j++)
			if ((h = topo_find_host(c->t, sc->o.org,
			    sc->source_servers.v[j])) != NULL) {
				hs[nh++] = h;
				if (h->kind == HOST_EDGE)
					edge = 1;
			}
		rule_report(c, &sc->o, "TlsCertificateName", NULL,
		    sc->tls_cert_name.subject, NULL, fix_for(c, hc, &sc->o,
		    &sc->tls_cert_name, hs, nh, edge, "Set-SendConnector"),
		    "%s '%s' names the certificate '%s', but the hybrid "
		    "configuration '%s' records '%s'",
		    sc_coexistence_space(sc) != NULL ? "hybrid send connector" :
		    "send connector to Exchange Online", sc->o.name,
		    x509id_text(c, &sc->tls_cert_name), hc->o.name, want);
	}
	ORG_FOREACH(hc->o.org, K_RECEIVE, const struct receive_connector, rc,
	    i) {
		if (!for_exo(rc) || !rc->has_tls_cert_name ||
		    same_cert(&rc->tls_cert_name, &hc->tls_cert_name))
			continue;
		nh = 0;
		edge = 0;
		if (rc->server != NULL && (h = topo_find_host(c->t, rc->o.org,
		    rc->server)) != NULL) {
			hs[nh++] = h;
			edge = h->kind == HOST_EDGE;
		}
		rule_report(c, &rc->o, "TlsCertificateName", NULL,
		    rc->tls_cert_name.subject, NULL, fix_for(c, hc, &rc->o,
		    &rc->tls_cert_name, hs, nh, edge, "Set-ReceiveConnector"),
		    "receive connector '%s', which accepts Exchange Online's "
		    "mail, names the certificate '%s', but the hybrid "
		    "configuration '%s' records '%s'", rc->o.identity,
		    x509id_text(c, &rc->tls_cert_name), hc->o.name, want);
	}
}

static void
check(struct rule_ctx *c)
{
	const struct hybrid_config	*hc;
	size_t				 i;

	MODEL_FOREACH(c->m, K_HYBRID, const struct hybrid_config, hc, i)
		if (hc->has_tls_cert_name && hc->o.org != NULL)
			check_org(c, hc);
}

const struct lint_rule rule_hyb060 = {
	.id = "HYB060",
	.name = "hybrid-config-certificate-mismatch",
	.severity = SEV_WARNING,
	.summary = "A hybrid connector's TlsCertificateName differs from the "
	    "certificate the hybrid configuration records",
	.doc = doc,
	.tags = "hybrid,certificates,drift",
	/* low: configuration drift, no direct exposure */
	.security_severity = "3.5",
	.check = check,
	.flags = RULE_HYBRID,
};
