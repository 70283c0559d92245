/*
 * HYB034 certificate-not-smtp-enabled.
 *
 * A certificate named by the TlsCertificateName of a send connector, a
 * receive connector or HybridConfiguration, or selected for a hybrid
 * flow, whose Services do not include SMTP.  Exchange uses only
 * SMTP-enabled certificates for TLS, so the named certificate is as good
 * as absent.  Services unknown (Export-Clixml keeps only RawData): the
 * rule cannot decide.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  Exchange presents a certificate for SMTP TLS only when SMTP is among\n"
"  its Services (Enable-ExchangeCertificate -Services SMTP). A\n"
"  certificate that a connector names in TlsCertificateName, or that\n"
"  the hybrid send connector presents to Exchange Online, but that is\n"
"  enabled only for IIS (the usual state after importing a renewed\n"
"  certificate for Outlook on the web) cannot be used:\n"
"    sending: 454 4.7.5 The certificate specified in TlsCertificateName\n"
"    of the SendConnector could not be found, NoCredentials; mail queues;\n"
"    receiving: no STARTTLS, event 12014, and Exchange Online's outbound\n"
"    connector (TLS required) fails with 451 5.7.3 STARTTLS is required\n"
"    to send mail.\n"
"\n"
"Why Exchange does it\n"
"  The archived Microsoft blog on hybrid mail flow lists \"third party\n"
"  certificate is not assigned to the SMTP services\" among the causes of\n"
"  454 4.7.5, and KB 2989382 describes the receive side after a new\n"
"  certificate is installed. Enable-ExchangeCertificate assigns services;\n"
"  they are added to those already enabled.\n"
"\n"
"How to confirm\n"
"  Get-ExchangeCertificate -Server <server> -Thumbprint <thumbprint> | Format-List Services,Status\n"
"\n"
"How to fix\n"
"    Enable-ExchangeCertificate -Server EX01 -Thumbprint <thumbprint> -Services SMTP\n"
"  When asked whether to overwrite the existing default SMTP certificate,\n"
"  answer No: the default certificate is used for internal transport, and\n"
"  on Edge servers replacing it breaks EdgeSync (run the command on the\n"
"  Edge itself, without -Server).\n"
"\n"
"Source\n"
"  \"Mailflow issue from Exchange On-Prem to Office 365\" (archived Microsoft\n"
"  blog): https://learn.microsoft.com/en-us/archive/blogs/lalitbisht/mailflow-issue-from-exchange-on-prem-to-office-365\n"
"  Enable-ExchangeCertificate:\n"
"  https://learn.microsoft.com/powershell/module/exchange/enable-exchangecertificate\n"
"  KB 2989382, \"Can't receive mail in a hybrid environment after you\n"
"  install a new certificate\": https://support.microsoft.com/kb/2989382\n"
"  \"Certificate requirements for hybrid deployments\":\n"
"  https://learn.microsoft.com/exchange/certificate-requirements\n"
"  \"How Transport Selects Certificates for TLS\", Exchange Team Blog\n"
"  (eligible certificates must be enabled for SMTP):\n"
"  https://techcommunity.microsoft.com/t5/exchange-team-blog/how-transport-selects-certificates-for-tls/ba-p/593741\n";

static void
collect(struct rule_ctx *c, struct cert_uses *u)
{
	const struct flow	*f;
	size_t			 i;

	cert_uses_named(c, u);
	for (i = 0; i < c->s->nsent; i++) {
		f = c->s->sent[i];
		if (f->sel.cert != NULL && sc_is_hybrid(f->sc))
			cert_uses_add(c, u, f->sel.cert, f->presenter,
			    rule_printf(c, "%s presents it to Exchange Online "
			    "for hybrid send connector '%s'",
			    f->presenter->name, f->sc->o.name),
			    flow_path(c->arena, f));
	}
}

static const char *
services(struct rule_ctx *c, int64_t s)
{
	static const struct {
		int64_t		 bit;
		const char	*name;
	} tab[] = {
		{ SVC_IMAP, "IMAP" }, { SVC_POP, "POP" }, { SVC_UM, "UM" },
		{ SVC_IIS, "IIS" }, { SVC_SMTP, "SMTP" },
		{ SVC_FEDERATION, "Federation" },
		{ SVC_UMCALLROUTER, "UMCallRouter" }
	};
	const char	*r = NULL;
	size_t		 i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (s & tab[i].bit)
			r = r == NULL ? tab[i].name : rule_printf(c, "%s, %s",
			    r, tab[i].name);
	return r != NULL ? r : "None";
}

static const char *
fix_for(struct rule_ctx *c, const struct cert_use *u)
{
	const struct host	*h = u->h;
	const char		*s, *note;

	s = h->kind == HOST_EDGE ? "" : rule_printf(c, " -Server %s",
	    ps_quote(c, srv_name(h)));
	note = rule_printf(c, "# Answer No when asked to overwrite the "
	    "default SMTP certificate%s.\n", h->kind == HOST_EDGE ?
	    rule_printf(c, " (on an Edge server, Yes breaks EdgeSync); run "
	    "it on %s itself", fix_note(c, srv_name(h))) : "");
	if (u->cert->thumbprint == NULL)
		return rule_printf(c, "%s# Enable-ExchangeCertificate%s "
		    "-Services SMTP, with the certificate's thumbprint (not in "
		    "the export) as -Thumbprint", note, s);
	return rule_printf(c, "%sEnable-ExchangeCertificate%s -Thumbprint %s "
	    "-Services SMTP", note, s, ps_quote(c, u->cert->thumbprint));
}

static void
judge(struct rule_ctx *c, const struct cert_use *u)
{
	const struct certificate	*cert = u->cert;
	const char			*label;

	label = cert_title(c, cert);
	if (cert->services < 0) {
		rule_undecided(c, &cert->o, rule_printf(c, "the export of "
		    "certificate %s on %s does not say whether SMTP is among "
		    "its Services (Export-Clixml keeps only RawData); %s",
		    label, u->h->name, u->what), cert_export(c,
		    u->h->kind == HOST_EDGE ? NULL : srv_name(u->h),
		    srv_name(u->h)));
		return;
	}
	if (cert->services & SVC_SMTP)
		return;
	rule_report(c, &cert->o, "Services", u->h->org, u->h->name, u->path,
	    fix_for(c, u),
	    "certificate %s on %s is not enabled for SMTP (Services: %s), "
	    "but %s%s; Exchange uses only SMTP-enabled certificates for TLS "
	    "(454 4.7.5 when sending, no STARTTLS when receiving)", label,
	    u->h->name, services(c, cert->services), u->what,
	    cert_uses_more(c, u));
}

static void
check(struct rule_ctx *c)
{
	struct cert_uses	u;
	size_t			i;

	cert_uses_init(&u, 1);
	collect(c, &u);
	for (i = 0; i < u.n; i++)
		judge(c, &u.v[i]);
	cert_uses_free(&u);
}

const struct lint_rule rule_hyb034 = {
	.id = "HYB034",
	.name = "certificate-not-smtp-enabled",
	.severity = SEV_ERROR,
	.summary = "A certificate a connector names or the hybrid path "
	    "presents is not enabled for SMTP",
	.doc = doc,
	.tags = "certificates,hybrid,tls",
	/* medium: the certificate cannot serve SMTP TLS */
	.security_severity = "5.5",
	.check = check,
};
