/*
 * HYB030 send-connector-fqdn-matches-no-certificate.
 *
 * A send connector to Exchange Online without TlsCertificateName picks
 * its certificate by its Fqdn (or the server's FQDN).  When no valid SMTP
 * certificate on a source server carries that name, the server presents
 * something else: its default self-signed certificate, or a certificate
 * some other connector was meant to use.  Reads the flows' certificate
 * selection.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  A send connector without TlsCertificateName chooses the certificate it\n"
"  presents by name: the connector's Fqdn, or when Fqdn is empty the\n"
"  server's own FQDN. When no SMTP-enabled, valid certificate on the\n"
"  sending server carries that name, the server presents another\n"
"  certificate, typically the self-signed default certificate Exchange\n"
"  creates for every server (CN=<server name>), or none. Exchange Online\n"
"  then matches that certificate, not the intended one, against the\n"
"  TlsSenderCertificateName of OnPremises inbound connectors: the hybrid\n"
"  mail is either not attributed to the tenant (relay denied, senders\n"
"  shown as external) or attributed only because a broad wildcard happens\n"
"  to accept the fallback certificate.\n"
"\n"
"Why Exchange does it\n"
"  The Fqdn parameter is the name used in EHLO and during TLS; Microsoft's\n"
"  recipe for certificate-based connectors sets -Fqdn to the certificate's\n"
"  host name, and KB 3212872 tells Edge administrators to set the send\n"
"  connector's FQDN to a name in the third-party certificate's subject or\n"
"  SAN.\n"
"\n"
"How to confirm\n"
"  Get-SendConnector <name> | fl Fqdn,TlsCertificateName,SourceTransportServers\n"
"  Get-ExchangeCertificate -Server <source server> | fl Subject,CertificateDomains,Services,Status\n"
"  In the SMTP send protocol log of the source server, the TLS negotiation\n"
"  names the certificate presented.\n"
"\n"
"How to fix\n"
"  Set the connector's Fqdn to a name of the hybrid certificate:\n"
"    Set-SendConnector -Identity <name> -Fqdn smtpo365.contoso.com\n"
"  On Edge Transport servers the connector is defined in the organization\n"
"  and replicated by EdgeSync: run the command on a Mailbox server, then\n"
"  Start-EdgeSynchronization. Re-run `hybridlint trace` to see the\n"
"  certificate now presented.\n"
"\n"
"Source\n"
"  Set-SendConnector, Fqdn: https://learn.microsoft.com/powershell/module/exchange/set-sendconnector\n"
"  KB 3212872, \"Email from Exchange 2013 Edge Transport server to Exchange\n"
"  Online appears as mail from external contacts\".\n"
"  \"Set up connectors to route mail between Microsoft 365 and your own\n"
"  email servers\" (certificate-based connector recipe).\n"
"  granikos.eu \"EXO InboundConnector TLS issue\" (the first of its two fixes).\n"
"  Inference: which certificate Exchange falls back to when the Fqdn\n"
"  matches nothing is not documented for send connectors; hybridlint\n"
"  models the server FQDN, then the self-signed default certificate.\n";

/* A name of a valid third-party SMTP certificate on the host, preferring
 * the one HybridConfiguration names. */
static const char *
suggest(struct rule_ctx *c, const struct flow *f)
{
	const char			*hc = org_hybrid_cert_cn(c, f->org);
	const struct certificate	*cert;
	size_t				 i;

	if (hc != NULL)
		for (i = 0; i < f->presenter->ncerts; i++)
			if (cert_covers(f->presenter->certs[i], hc) == DN_EXACT)
				return hc;
	for (i = 0; i < f->presenter->ncerts; i++) {
		cert = f->presenter->certs[i];
		if (cert->cn != NULL && cert->self_signed != 1 &&
		    cert_smtp_enabled(cert) != 0 &&
		    cert_is_valid_at(cert, c->asof))
			return cert->cn;
	}
	return hc;
}

static void
check(struct rule_ctx *c)
{
	const struct flow	*f;
	const char		*name, *fix;
	size_t			 i, j;

	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (!sc_to_exo(f->sc) || f->sc->has_tls_cert_name ||
		    f->presenter == NULL || f->presenter->kind == HOST_GATEWAY ||
		    (f->sel.how != SEL_FALLBACK && f->sel.how != SEL_NONE))
			continue;
		/* One finding per connector and server. */
		for (j = 0; j < i; j++)
			if (c->s->flows[j]->sc == f->sc &&
			    c->s->flows[j]->presenter == f->presenter)
				break;
		if (j < i)
			continue;
		if (f->presenter->ncerts == 0) {
			rule_undecided(c, &f->sc->o, rule_printf(c, "no "
			    "Get-ExchangeCertificate export for source server "
			    "%s", f->presenter->name), cert_export(c,
			    f->presenter->shortname, f->presenter->shortname));
			continue;
		}
		name = suggest(c, f);
		fix = rule_printf(c, "%sSet-SendConnector -Identity %s "
		    "-Fqdn%s%s", name != NULL ? "" : "# ",
		    ps_quote(c, f->sc->o.name),
		    name != NULL ? rule_printf(c, " %s", ps_quote(c, name)) :
		    " with a name of the hybrid certificate",
		    f->presenter->kind == HOST_EDGE ? "\n# Run it on a Mailbox "
		    "server; EdgeSync replicates it to the Edge:\n"
		    "Start-EdgeSynchronization" : "");
		rule_report(c, &f->sc->o, "Fqdn", NULL, f->presenter->name,
		    flow_path(c->arena, f), fix,
		    "send connector '%s' %s, but no valid SMTP certificate on "
		    "%s carries that name; %s presents %s instead",
		    f->sc->o.name, f->sc->fqdn != NULL ? rule_printf(c,
		    "announces Fqdn %s", f->sc->fqdn) : rule_printf(c,
		    "has no Fqdn, so the server FQDN %s is used",
		    f->presenter->fqdn ? f->presenter->fqdn : "(unknown)"),
		    f->presenter->name, f->presenter->name,
		    f->sel.cert != NULL ? rule_printf(c, "%s%s",
		    f->sel.cert->subject, f->sel.cert->self_signed == 1 ?
		    " (self-signed)" : "") : "no certificate");
	}
}

const struct lint_rule rule_hyb030 = {
	.id = "HYB030",
	.name = "send-connector-fqdn-matches-no-certificate",
	.severity = SEV_ERROR,
	.summary = "A send connector to Exchange Online announces an Fqdn that "
	    "no SMTP certificate on its source server carries",
	.doc = doc,
	.tags = "certificates,hybrid,tls",
	/* medium: TLS to Exchange Online fails or misattributes */
	.security_severity = "6.0",
	.check = check,
};
