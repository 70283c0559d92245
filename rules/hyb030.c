/*
 * HYB030 send-connector-fqdn-matches-no-certificate.
 *
 * A send connector to Exchange Online without TlsCertificateName picks
 * its certificate by its Fqdn (or the server's FQDN).  When no valid SMTP
 * certificate on a source server carries that name, the server presents
 * something else, which is not documented: the modelled fallback, worded
 * as an inference, and what follows from it (refused, so the mail queues;
 * or attributed by the wrong certificate).  Reads the flows' certificate
 * selection, queued flows included.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  A send connector without TlsCertificateName chooses the certificate it\n"
"  presents by name: the connector's Fqdn, or when Fqdn is empty the\n"
"  server's own FQDN. When no SMTP-enabled, valid certificate on the\n"
"  sending server carries that name, the server presents some other\n"
"  certificate or none. Which one is not documented for send connectors:\n"
"  hybridlint assumes the certificate that matches the server's FQDN, then\n"
"  the self-signed default certificate Exchange creates for every server\n"
"  (CN=<server name>), and says in the finding and in `trace` that this\n"
"  is an inference.\n"
"\n"
"  If that certificate is self-signed or not from a public CA, Exchange\n"
"  Online refuses it on a connector to it (454 4.7.0 Failed to establish\n"
"  appropriate TLS channel: UntrustedRoot) and, as the Hybrid\n"
"  Configuration Wizard's connector requires TLS, the hybrid mail queues\n"
"  on the server. Otherwise Exchange Online matches that certificate, not\n"
"  the intended one, against the TlsSenderCertificateName of OnPremises\n"
"  inbound connectors. This finding is the one for the fault: the rules\n"
"  about the certificate presented (HYB035) and the attribution that\n"
"  follows (HYB037) leave such a modelled fallback alone. When a\n"
"  certificate carrying the name is there but expired or not Valid, the\n"
"  fault is that certificate's, and HYB033 reports it instead.\n"
"\n"
"Why Exchange does it\n"
"  The Fqdn parameter is the name used in EHLO and during TLS; Microsoft's\n"
"  recipe for certificate-based connectors sets -Fqdn to the certificate's\n"
"  host name, and KB 3212872 tells Edge administrators to set the send\n"
"  connector's FQDN to a name in the third-party certificate's subject or\n"
"  SAN. KB 2888788 shows Exchange Online refusing a certificate from a\n"
"  non-trusted CA on the connector to Microsoft 365.\n"
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
"  The name must be carried by a valid certificate from a public CA,\n"
"  enabled for SMTP, on every source server of the connector: on Edge\n"
"  Transport servers the connector is defined in the organization and\n"
"  replicated by EdgeSync to all of them (run the command on a Mailbox\n"
"  server, then Start-EdgeSynchronization). When no such name exists on\n"
"  all of them, the fix installs the certificate first. Re-run\n"
"  `hybridlint trace` to see the certificate now presented.\n"
"\n"
"Source\n"
"  Set-SendConnector, Fqdn: https://learn.microsoft.com/powershell/module/exchange/set-sendconnector\n"
"  KB 3212872, \"Email from Exchange 2013 Edge Transport server to Exchange\n"
"  Online appears as mail from external contacts\".\n"
"  KB 2888788, \"Mail flow to Exchange Online stops and event ID 2004 is\n"
"  logged\": https://support.microsoft.com/kb/2888788\n"
"  \"Set up connectors to route mail between Microsoft 365 and your own\n"
"  email servers\" (certificate-based connector recipe).\n"
"  \"Certificate requirements for hybrid deployments\" (a certificate from\n"
"  a trusted third-party CA): https://learn.microsoft.com/exchange/certificate-requirements\n"
"  granikos.eu \"EXO InboundConnector TLS issue\" (the first of its two fixes).\n"
"  Inference: which certificate Exchange falls back to when the Fqdn\n"
"  matches nothing is not documented for send connectors; hybridlint\n"
"  models the server FQDN, then the self-signed default certificate.\n";

/*
 * A name for the connector's Fqdn that a fit certificate on every
 * source server carries, preferring the one HybridConfiguration names;
 * NULL when there is none.
 */
static const char *
suggest(struct rule_ctx *c, const struct flow *f)
{
	const char			*hc = org_hybrid_cert_cn(c, f->org);
	const struct certificate	*cert;
	size_t				 i;

	if (hc != NULL && sc_sources_hold(c, f->sc, NULL, hc))
		return hc;
	for (i = 0; i < f->presenter->ncerts; i++) {
		cert = f->presenter->certs[i];
		if (cert->cn != NULL && dn_valid(cert->cn, 0) &&
		    sc_sources_hold(c, f->sc, NULL, cert->cn))
			return cert->cn;
	}
	return NULL;
}

static const char *
fix_for(struct rule_ctx *c, const struct flow *f)
{
	const char	*name = suggest(c, f), *hc;

	if (name != NULL)
		return rule_printf(c, "Set-SendConnector -Identity %s -Fqdn %s%s",
		    ps_quote(c, f->sc->o.name), ps_quote(c, name),
		    f->presenter->kind == HOST_EDGE ? "\n# Run it on a Mailbox "
		    "server; EdgeSync replicates it to the Edge:\n"
		    "Start-EdgeSynchronization" : "");
	hc = org_hybrid_cert_cn(c, f->org);
	return rule_printf(c, "# No certificate from a public CA that is "
	    "valid and enabled for SMTP carries one name on every source "
	    "server of '%s'.\n"
	    "# Install the hybrid certificate%s%s on each of them (Import-"
	    "ExchangeCertificate, then Enable-ExchangeCertificate -Services "
	    "SMTP),\n"
	    "# then set the connector's Fqdn to its name: Set-SendConnector "
	    "-Identity %s -Fqdn with that name.", fix_note(c, f->sc->o.name),
	    hc != NULL ? " for " : "", hc != NULL ? fix_note(c, hc) : "",
	    fix_note(c, f->sc->o.name));
}

/* What the server does instead, and what follows, as the flow says. */
static const char *
outcome(struct rule_ctx *c, const struct flow *f)
{
	const struct certificate	*cert = f->sel.cert;
	const char			*h = f->presenter->name, *what;

	if (cert == NULL)
		return rule_printf(c, "%s then presents no certificate, so "
		    "Exchange Online cannot recognise its mail by certificate",
		    h);
	what = rule_printf(c, "which certificate %s presents then is not "
	    "documented: presumably %s%s [inference]", h, cert->subject,
	    cert->self_signed == 1 ? " (self-signed)" : "");
	if (f->queued)
		return rule_printf(c, "%s, which Exchange Online refuses on a "
		    "connector to it because %s (454 4.7.0 UntrustedRoot), so "
		    "the mail presumably queues on %s", what,
		    cert_not_public(c->arena, cert) != NULL ?
		    cert_not_public(c->arena, cert) : "it is not trusted", h);
	return rule_printf(c, "%s, so Exchange Online attributes the mail by "
	    "that certificate, not the one intended", what);
}

static void
check(struct rule_ctx *c)
{
	const struct flow	*f;
	struct strmap		*seen = strmap_new();
	char			 k[64];
	size_t			 i;

	for (i = 0; i < c->s->nsent; i++) {
		f = c->s->sent[i];
		if (!sc_to_exo(f->sc) || f->sc->has_tls_cert_name ||
		    f->presenter == NULL || f->presenter->kind == HOST_GATEWAY ||
		    (f->sel.how != SEL_FALLBACK && f->sel.how != SEL_NONE))
			continue;
		/* One finding per connector and server.  The certificate
		 * carrying the name expired or is not Valid: HYB033's
		 * fault, not the Fqdn's. */
		if (!strmap_once(seen, ptr_pair_key(k, sizeof(k), f->sc,
		    f->presenter), NULL) ||
		    fqdn_cert_unusable(c, f->presenter, f->sc) != NULL)
			continue;
		if (f->presenter->ncerts == 0) {
			rule_undecided(c, &f->sc->o, rule_printf(c, "no "
			    "Get-ExchangeCertificate export for source server "
			    "%s", f->presenter->name), cert_export(c,
			    f->presenter->shortname, f->presenter->shortname));
			continue;
		}
		rule_report(c, &f->sc->o, "Fqdn", NULL, f->presenter->name,
		    flow_path(c->arena, f), fix_for(c, f),
		    "send connector '%s' %s, but no valid SMTP certificate on "
		    "%s carries that name; %s", f->sc->o.name,
		    f->sc->fqdn != NULL ? rule_printf(c, "announces Fqdn %s",
		    f->sc->fqdn) : rule_printf(c, "has no Fqdn, so the server "
		    "FQDN %s is used", f->presenter->fqdn ?
		    f->presenter->fqdn : "(unknown)"), f->presenter->name,
		    outcome(c, f));
	}
	strmap_free(seen);
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
