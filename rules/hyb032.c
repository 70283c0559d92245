/*
 * HYB032 send-connector-certificate-ambiguous.
 *
 * More than one certificate on a source server is a candidate for what a
 * send connector presents.  With TlsCertificateName: several certificates
 * share the named issuer and subject (an old one left behind after a
 * renewal); a warning.  Without it: several SMTP certificates match the
 * connector's Fqdn equally well and one of them is not trusted by
 * Exchange Online (self-signed, or RootCAType other than ThirdParty); an
 * error (KB 2888788).  Reads the certificate selection of the flows, and
 * for connectors that no flow covers, the same selection on each source
 * server.
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"
#include "strmap.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  A send connector presents one certificate, and Exchange chooses it\n"
"  among the certificates of the sending server. Two situations leave\n"
"  the choice open:\n"
"\n"
"  With TlsCertificateName (<I>issuer<S>subject), the value matches every\n"
"  certificate with that issuer and subject. After a renewal by the same\n"
"  CA, the old and the new certificate both match; which one Exchange\n"
"  binds is not documented, and when the old one expires or is revoked,\n"
"  TLS can fail although a valid certificate is installed (warning).\n"
"\n"
"  Without TlsCertificateName, the connector's Fqdn (or the server FQDN)\n"
"  selects among the SMTP-enabled certificates that carry the name. When\n"
"  two match and one of them is issued by a CA that Exchange Online does\n"
"  not trust (an internal or enterprise root, or a self-signed\n"
"  certificate), Exchange sometimes presents the untrusted one and\n"
"  Exchange Online refuses the session:\n"
"    454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot:\n"
"    Access denied\n"
"  with event 2004 (MSExchangeTransport, SmtpSend) on the sending server;\n"
"  mail flow to Exchange Online stops (error).\n"
"\n"
"Why Exchange does it\n"
"  TlsCertificateName identifies a certificate by issuer and subject, not\n"
"  by thumbprint (New-SendConnector). KB 2888788 describes the second\n"
"  case: the SMTP service was assigned two certificates that match the\n"
"  server's domain name, one from a CA that Microsoft 365 trusts and one\n"
"  from a non-trusted CA such as an internal root.\n"
"\n"
"How to confirm\n"
"  Get-SendConnector <name> | Format-List Fqdn,TlsCertificateName,SourceTransportServers\n"
"  Get-ExchangeCertificate -Server <server> | Format-List Thumbprint,Issuer,Subject,CertificateDomains,Services,RootCAType,IsSelfSigned,NotAfter\n"
"  The application log of the sending server shows event 2004 with\n"
"  UntrustedRoot; the SMTP send protocol log names the certificate used.\n"
"\n"
"How to fix\n"
"  Old and new certificate with the same issuer and subject: move every\n"
"  service to the new certificate, then remove the old one:\n"
"    Remove-ExchangeCertificate -Server EX01 -Thumbprint <old thumbprint>\n"
"  (on an Edge server, run it on the Edge itself).\n"
"  Trusted and untrusted certificate for the same name: name the trusted\n"
"  certificate explicitly, so that Exchange presents only it:\n"
"    $c = Get-ExchangeCertificate -Server EX01 -Thumbprint <trusted>\n"
"    Set-SendConnector -Identity <name> -TlsCertificateName \"<I>$($c.Issuer)<S>$($c.Subject)\"\n"
"  or, as KB 2888788 describes, take the SMTP service off the certificate\n"
"  issued by the untrusted CA.\n"
"\n"
"Source\n"
"  KB 2888788, \"Mail flow to Exchange Online stops and event ID 2004 is\n"
"  logged\": https://support.microsoft.com/kb/2888788\n"
"  New-SendConnector, TlsCertificateName (issuer and subject):\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-sendconnector\n"
"  Remove-ExchangeCertificate, Enable-ExchangeCertificate:\n"
"  https://learn.microsoft.com/powershell/module/exchange/remove-exchangecertificate\n"
"  CSS-Exchange Health Checker counts several certificates matching one\n"
"  TlsCertificateName: https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/\n"
"  Inference: that Exchange may bind the older of two certificates with\n"
"  the same issuer and subject is not documented; hybridlint models the\n"
"  newest valid one as chosen and warns because nothing guarantees it.\n";

/* Distinct certificates among the candidates (one export may repeat). */
static size_t
distinct(const struct certsel *sel, const struct certificate **out)
{
	const struct certificate	*a;
	size_t				 i, j, n = 0;

	for (i = 0; i < sel->ncandidates; i++) {
		a = sel->candidates[i];
		for (j = 0; j < n; j++)
			if (out[j] == a || (a->thumbprint != NULL &&
			    out[j]->thumbprint != NULL &&
			    strcasecmp(a->thumbprint, out[j]->thumbprint) == 0))
				break;
		if (j == n)
			out[n++] = a;
	}
	return n;
}

/* 1 untrusted by Exchange Online, 0 trusted, -1 unknown. */
static int
untrusted(const struct certificate *c)
{
	if (c->self_signed == 1)
		return 1;
	if (c->root_ca_type >= 0)
		return c->root_ca_type != ROOTCA_THIRDPARTY;
	return -1;
}

static const char *
state(struct rule_ctx *c, const struct certificate *cert)
{
	char	date[16];

	if (cert->not_after == 0)
		return "expiry unknown";
	format_date(cert->not_after, date);
	if (days_until(c, cert->not_after) < 0)
		return rule_printf(c, "expired on %s", date);
	if (cert->status >= 0 && cert->status != CERT_STATUS_VALID)
		return rule_printf(c, "Status not Valid, expires %s", date);
	return rule_printf(c, "valid until %s", date);
}

static const char *
trust(struct rule_ctx *c, const struct certificate *cert)
{
	const char	*type;

	if (cert->self_signed == 1)
		return "self-signed";
	if ((type = rootca_type_name(cert->root_ca_type)) != NULL)
		return rule_printf(c, "RootCAType %s", type);
	return "trust unknown";
}

/* " -Server 'EX01'" for a Mailbox server; nothing on an Edge (run there). */
static const char *
server_arg(struct rule_ctx *c, const struct host *h)
{
	return h->kind == HOST_EDGE ? "" : rule_printf(c, " -Server %s",
	    ps_quote(c, srv_name(h)));
}

/* A certificate's thumbprint for a comment, or 'none'. */
static const char *
thumb_note(struct rule_ctx *c, const struct certificate *cert,
    const char *none)
{
	return cert->thumbprint != NULL ? fix_note(c, cert->thumbprint) : none;
}

/* Several certificates share the TlsCertificateName's issuer and subject. */
static void
explicit_dup(struct rule_ctx *c, const struct send_connector *sc,
    const struct host *h, const struct certsel *sel, const char *path)
{
	const struct certificate	*d[8], *keep;
	struct buf			 list = { 0 }, fix = { 0 };
	const char			*l, *fx;
	size_t				 n, i;

	if ((n = distinct(sel, d)) < 2)
		return;
	keep = sel->cert != NULL ? sel->cert : d[0];
	for (i = 0; i < n; i++)
		buf_printf(&list, "%s%s (%s%s)", i == 0 ? "" :
		    i + 1 == n ? " and " : ", ", d[i]->thumbprint != NULL ?
		    d[i]->thumbprint : "?", state(c, d[i]), d[i] == keep ?
		    ", the newest" : ", older");
	buf_printf(&fix, "# Keep %s; move any service the older certificate "
	    "still has to it, then remove the older one%s:",
	    thumb_note(c, keep, "the newest"), h->kind == HOST_EDGE ?
	    rule_printf(c, " (run on %s itself)", fix_note(c, srv_name(h))) :
	    "");
	for (i = 0; i < n; i++) {
		if (d[i] == keep)
			continue;
		if (d[i]->thumbprint != NULL)
			buf_printf(&fix, "\nRemove-ExchangeCertificate%s "
			    "-Thumbprint %s", server_arg(c, h),
			    ps_quote(c, d[i]->thumbprint));
		else
			buf_printf(&fix, "\n# Remove-ExchangeCertificate%s, "
			    "with the thumbprint of the older certificate, "
			    "which the export does not carry",
			    server_arg(c, h));
	}
	l = rule_printf(c, "%s", list.p);
	fx = rule_printf(c, "%s", fix.p);
	buf_free(&list);
	buf_free(&fix);
	rule_report(c, &sc->o, "TlsCertificateName", NULL, h->shortname, path,
	    fx, "TlsCertificateName of send connector '%s' (%s) matches %zu "
	    "certificates on %s with the same issuer and subject: %s; "
	    "TlsCertificateName cannot tell them apart, so Exchange may bind "
	    "the older one", sc->o.name, sel->sought != NULL ? sel->sought :
	    sc->tls_cert_name.subject, n, h->name, l);
}

/* Set-SendConnector naming 'cert' by issuer and subject. */
static const char *
name_fix(struct rule_ctx *c, const struct send_connector *sc,
    const struct certificate *cert)
{
	const char	*arg = tls_cert_name_arg(c, cert);

	if (arg != NULL)
		return rule_printf(c, "Set-SendConnector -Identity %s "
		    "-TlsCertificateName %s", ps_quote(c, sc->o.name), arg);
	return rule_printf(c, "# Set-SendConnector -Identity %s "
	    "-TlsCertificateName with '<I>issuer<S>subject' of %s "
	    "(the export does not carry its issuer and subject)",
	    ps_quote(c, sc->o.name), fix_note(c, cert_title(c, cert)));
}

/* Several SMTP certificates carry the Fqdn, trusted and untrusted. */
static void
implicit_dup(struct rule_ctx *c, const struct flow *f)
{
	const struct certificate	*d[8], *good = NULL, *bad[8];
	struct buf			 list = { 0 };
	const char			*l, *fx;
	size_t				 n, i, nbad = 0;
	int				 u;

	if ((n = distinct(&f->sel, d)) < 2)
		return;
	for (i = 0; i < n; i++) {
		u = untrusted(d[i]);
		if (u == 1)
			bad[nbad++] = d[i];
		else if (u == 0 && (good == NULL || d[i] == f->sel.cert))
			good = d[i];
	}
	if (nbad == 0 || good == NULL)
		return;
	for (i = 0; i < n; i++)
		buf_printf(&list, "%s%s %s (%s)", i == 0 ? "" :
		    i + 1 == n ? " and " : ", ", d[i]->thumbprint != NULL ?
		    d[i]->thumbprint : "?", d[i]->subject != NULL ?
		    d[i]->subject : "", trust(c, d[i]));
	l = rule_printf(c, "%s", list.p);
	buf_free(&list);
	fx = rule_printf(c, "# Name the trusted certificate, so that Exchange "
	    "presents only it:\n%s%s\n"
	    "# Or, as KB 2888788 describes, take the SMTP service off %s "
	    "on %s.", name_fix(c, f->sc, good), f->presenter->kind ==
	    HOST_EDGE ? "\n# Run it on a Mailbox server; EdgeSync replicates "
	    "it to the Edge:\nStart-EdgeSynchronization" : "",
	    thumb_note(c, bad[0], "the untrusted certificate"),
	    fix_note(c, srv_name(f->presenter)));
	rule_report_sev(c, SEV_ERROR, &f->sc->o, f->sc->fqdn != NULL ? "Fqdn" :
	    "TlsCertificateName", NULL, f->presenter->shortname,
	    flow_path(c->arena, f), fx,
	    "send connector '%s' has no TlsCertificateName, and %zu SMTP "
	    "certificates on %s match %s equally well: %s; Exchange can "
	    "present the untrusted one, and Exchange Online then refuses TLS "
	    "(454 4.7.0 UntrustedRoot, event 2004) and mail to Exchange "
	    "Online stops", f->sc->o.name, n, f->presenter->name,
	    f->sel.sought != NULL ? f->sel.sought : "its name", l);
}

static void
check(struct rule_ctx *c)
{
	const struct send_connector	*sc;
	const struct flow		*f;
	const struct host		*hs[64];
	struct strmap			*done;
	struct certsel			 sel;
	char				 key[64];
	size_t				 i, j, nh;

	done = strmap_new();
	/* Connectors to Exchange Online: the flows' selection. */
	for (i = 0; i < c->s->nsent; i++) {
		f = c->s->sent[i];
		if (f->presenter == NULL || f->presenter != f->source ||
		    !strmap_once(done, ptr_pair_key(key, sizeof(key), f->sc,
		    f->presenter), (void *)f))
			continue;
		if (f->sel.ncandidates < 2)
			continue;
		if (f->sel.how == SEL_EXPLICIT)
			explicit_dup(c, f->sc, f->presenter, &f->sel,
			    flow_path(c->arena, f));
		else if (f->sel.how == SEL_FQDN ||
		    f->sel.how == SEL_SERVER_FQDN || f->sel.how == SEL_FALLBACK)
			implicit_dup(c, f);
	}
	/* Other connectors with TlsCertificateName, server by server. */
	MODEL_FOREACH(c->m, K_SEND, const struct send_connector, sc, i) {
		if (!sc->has_tls_cert_name || sc->o.enabled == 0 ||
		    sc->o.side == SIDE_EXO)
			continue;
		nh = sc_source_hosts(c, sc, hs, 64);
		for (j = 0; j < nh; j++) {
			if (strmap_get(done, ptr_pair_key(key, sizeof(key), sc,
			    hs[j]), NULL) != NULL)
				continue;
			topo_select_cert(c->t, hs[j], sc, &sel);
			if (sel.how == SEL_EXPLICIT && sel.ncandidates > 1)
				explicit_dup(c, sc, hs[j], &sel, NULL);
		}
	}
	strmap_free(done);
}

const struct lint_rule rule_hyb032 = {
	.id = "HYB032",
	.name = "send-connector-certificate-ambiguous",
	.severity = SEV_WARNING,
	.summary = "More than one certificate on a source server is a "
	    "candidate for what a send connector presents",
	.doc = doc,
	.tags = "certificates,hybrid,tls,renewal",
	/* medium: the certificate presented is left to chance */
	.security_severity = "4.0",
	.check = check,
};
