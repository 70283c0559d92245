/*
 * HYB033 certificate-expiring.
 *
 * A certificate that mail flow depends on: one presented to Exchange
 * Online in a flow (gateways' certificates included, queued flows too),
 * one named by the TlsCertificateName of a send connector, a receive
 * connector or HybridConfiguration, or a gateway's that an inbound
 * connector or an MX relies on.  Judged at the run date (--as-of)
 * against the configured thresholds.  Other SMTP certificates and
 * gateways' certificates are judged too, as notes.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  An expired certificate, or one whose Status is not Valid (Revoked,\n"
"  DateInvalid, Untrusted, Invalid, RevocationCheckFailure), cannot be\n"
"  used for TLS. For the certificate a server presents to Exchange Online\n"
"  the hybrid mail stops being accepted as the organization's\n"
"  (certificate-based inbound connectors no longer match, 550 5.7.64\n"
"  TenantAttribution) or the session fails; for the certificate a send or\n"
"  receive connector names in TlsCertificateName, Exchange reports 454\n"
"  4.7.5 on sending and offers no STARTTLS on receiving (451 5.7.3\n"
"  STARTTLS is required to send mail, from Exchange Online). Mail queues\n"
"  in both directions on the day the certificate expires.\n"
"\n"
"  hybridlint judges every certificate mail flow depends on: the ones\n"
"  presented to Exchange Online (including those of third-party\n"
"  gateways declared in topology.json), the ones named by\n"
"  TlsCertificateName of send connectors, receive connectors and\n"
"  HybridConfiguration, and the certificate of a gateway in front of\n"
"  Exchange Online whenever something relies on it: a Partner or\n"
"  OnPremises inbound connector that names it or lists the gateway's\n"
"  address, or the MX of a domain a loaded tenant accepts, whether or not\n"
"  an organization of the inputs sends through that gateway. Expired, not\n"
"  yet valid or Status other than Valid is an error; expiring within\n"
"  expiry_error_days (default 30) an error; within expiry_warning_days\n"
"  (default 60) a warning. A certificate nothing depends on (enabled for\n"
"  SMTP on an Exchange server, or a declared gateway's, that no\n"
"  connector, hybrid configuration or flow uses) is at most a note. The\n"
"  date judged is --as-of, default today.\n"
"\n"
"Why Exchange does it\n"
"  Exchange selects only valid certificates for TLS, and the archived\n"
"  Microsoft blog on hybrid mail flow lists Status Invalid and\n"
"  RevocationCheckFailure among the causes of 454 4.7.5. Exchange Online\n"
"  validates the certificate its peer presents like any TLS server.\n"
"\n"
"How to confirm\n"
"  Get-ExchangeCertificate -Server <server> | Format-List Thumbprint,Subject,Issuer,Status,NotAfter,Services\n"
"  (on an Edge server, on the Edge itself).\n"
"\n"
"How to fix\n"
"  Renew the certificate with the same subject and names, import it and\n"
"  enable it for SMTP:\n"
"    $req = Get-ExchangeCertificate -Server EX01 -Thumbprint <old> | New-ExchangeCertificate -GenerateRequest\n"
"    Set-Content -Path C:\\Certificates\\renewal.req -Value $req\n"
"    Import-ExchangeCertificate -Server EX01 -FileData ([System.IO.File]::ReadAllBytes('C:\\Certificates\\renewed.cer'))\n"
"    Enable-ExchangeCertificate -Server EX01 -Thumbprint <new> -Services SMTP\n"
"  Answer No when asked whether to replace the default SMTP certificate\n"
"  (on Edge servers, Yes breaks EdgeSync). If the renewed certificate has\n"
"  another issuer, update TlsCertificateName on the send and receive\n"
"  connectors (HYB031) and rerun the Hybrid Configuration Wizard, which\n"
"  updates HybridConfiguration too. RevocationCheckFailure means the\n"
"  server cannot reach the CA's CRL or OCSP endpoints; Untrusted or\n"
"  Invalid usually means the intermediate certificates are missing.\n"
"  Renew a gateway's certificate on the gateway and update its\n"
"  \"certificate\" in topology.json.\n"
"\n"
"Source\n"
"  \"Mailflow issue from Exchange On-Prem to Office 365\" (archived Microsoft\n"
"  blog; Status Invalid and RevocationCheckFailure break hybrid TLS):\n"
"  https://learn.microsoft.com/en-us/archive/blogs/lalitbisht/mailflow-issue-from-exchange-on-prem-to-office-365\n"
"  KB 2989382, \"Can't receive mail in a hybrid environment after you\n"
"  install a new certificate\": https://support.microsoft.com/kb/2989382\n"
"  \"Certificate requirements for hybrid deployments\":\n"
"  https://learn.microsoft.com/exchange/certificate-requirements\n"
"  New-ExchangeCertificate (renewal requests), Import-ExchangeCertificate,\n"
"  Enable-ExchangeCertificate:\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-exchangecertificate\n"
"  \"Manage mail flow using a third-party cloud service\" (connectors that\n"
"  accept a gateway's certificate or addresses):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/manage-mail-flow-using-third-party-cloud\n"
"  CSS-Exchange Health Checker (the 30 and 60 day thresholds):\n"
"  https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/\n"
"  Inference: that Exchange Online stops attributing mail presented with\n"
"  an expired certificate to the OnPremises connector (rather than only\n"
"  refusing TLS) is not documented for connectors; the failure itself\n"
"  follows from TLS certificate validation.\n";

/* Gateways in front of Exchange Online that a connector or MX relies on. */
static void
collect_gateways(struct rule_ctx *c, struct cert_uses *u)
{
	const struct host	*h;
	struct gw_use		 g[16];
	size_t			 i, j, n;

	for (i = 0; i < c->t->nhosts; i++) {
		h = c->t->hosts[i];
		if (h->gateway == NULL || h->ncerts == 0)
			continue;
		n = gateway_uses(c, h, g, 16);
		for (j = 0; j < n; j++)
			cert_uses_add(c, u, h->certs[0], h, rule_printf(c,
			    "%s presents it to Exchange Online: %s", h->name,
			    g[j].what), g[j].path);
	}
}

static void
collect(struct rule_ctx *c, struct cert_uses *u)
{
	const struct flow	*f;
	size_t			 i;

	for (i = 0; i < c->s->nsent; i++) {
		f = c->s->sent[i];
		if (f->sel.cert != NULL)
			cert_uses_add(c, u, f->sel.cert, f->presenter,
			    rule_printf(c, "%s presents it to Exchange Online "
			    "for %s", f->presenter->name, f->sc != NULL ?
			    rule_printf(c, "send connector '%s'",
			    f->sc->o.name) : "the mail it relays"),
			    flow_path(c->arena, f));
	}
	cert_uses_named(c, u);
	collect_gateways(c, u);
}

/*
 * Certificates no mail path depends on, judged too, as notes: those on
 * Exchange servers enabled for SMTP, and gateways' certificates.
 */
static void
collect_unused(struct rule_ctx *c, struct cert_uses *u, size_t *first)
{
	const struct host		*h;
	const struct certificate	*cert;
	char				 key[32];
	size_t				 i, j;

	*first = u->n;
	for (i = 0; i < c->t->nhosts; i++) {
		h = c->t->hosts[i];
		for (j = 0; j < h->ncerts; j++) {
			cert = h->certs[j];
			if (strmap_get(u->idx, ptr_key(key, sizeof(key), cert),
			    NULL) != NULL || (h->gateway == NULL &&
			    cert_smtp_enabled(cert) != 1))
				continue;
			cert_uses_add(c, u, cert, h, "no connector, hybrid "
			    "configuration or flow depends on it", NULL);
		}
	}
}

/* " -Server 'EX01'" for a Mailbox server; nothing on an Edge (run there). */
static const char *
server_arg(struct rule_ctx *c, const struct host *h)
{
	return h->kind == HOST_EDGE ? "" : rule_printf(c, " -Server %s",
	    ps_quote(c, srv_name(h)));
}

/*
 * What to do first about a Status other than Valid; NULL for a pending
 * request, which 'pending' then holds the whole fix for.
 */
static const char *
status_steps(struct rule_ctx *c, const struct certificate *cert,
    const char *s, const char *t, const char **pending)
{
	const char	*pre = "";

	switch (cert->status) {
	case 6:
		pre = "# RevocationCheckFailure: let the server reach the "
		    "issuing CA's CRL and OCSP endpoints (proxy, firewall), "
		    "then check Status again.\n";
		break;
	case 4:
	case 5:
		pre = "# Untrusted or Invalid: install the issuing CA's "
		    "intermediate and root certificates on the server, then "
		    "check Status again.\n";
		break;
	case 7:
		/* A completed request is a new certificate: new thumbprint. */
		*pending = rule_printf(c, "# The certificate is a pending "
		    "request: import the CA's response, then enable it for "
		    "SMTP:\n"
		    "# Import-ExchangeCertificate%s -FileData ([System.IO.File]"
		    "::ReadAllBytes('C:\\Certificates\\issued.cer'))\n"
		    "# Enable-ExchangeCertificate%s -Services SMTP, with the "
		    "thumbprint Import-ExchangeCertificate shows as -Thumbprint",
		    s, s);
		return NULL;
	default:
		break;
	}
	return rule_printf(c, "%s# Get-ExchangeCertificate%s -Thumbprint %s | "
	    "Format-List Status,NotAfter\n# Otherwise replace it:\n", pre, s,
	    t);
}

static const char *
fix_for(struct rule_ctx *c, const struct cert_use *u, int status_only,
    int unused)
{
	const struct certificate	*cert = u->cert;
	const struct host		*h = u->h;
	const char			*s, *t, *f, *pre = "", *edge;

	if (unused)
		return rule_printf(c, "# Nothing in the inputs depends on it: "
		    "remove it once you are sure nothing else does, or renew "
		    "it before anything starts to use it.%s",
		    h != NULL && h->gateway == NULL && cert->thumbprint !=
		    NULL ? rule_printf(c, "\n# Remove-ExchangeCertificate%s "
		    "-Thumbprint %s", h->kind == HOST_EDGE ? "" :
		    rule_printf(c, " -Server %s", ps_quote(c, srv_name(h))),
		    ps_quote(c, cert->thumbprint)) : "");

	if (h == NULL || h->kind == HOST_GATEWAY || cert->gateway != NULL)
		return rule_printf(c, "# %s is not an Exchange server: renew "
		    "its certificate (%s) there,\n"
		    "# then update the gateway's \"certificate\" in "
		    "topology.json.", h != NULL ? fix_note(c, h->name) :
		    "the gateway", cert->subject != NULL ?
		    fix_note(c, cert->subject) : "?");
	s = server_arg(c, h);
	t = cert->thumbprint != NULL ? ps_quote(c, cert->thumbprint) :
	    "(its thumbprint)";
	if (status_only && (pre = status_steps(c, cert, s, t, &f)) == NULL)
		return f;
	edge = h->kind == HOST_EDGE ? rule_printf(c, "# Run on %s itself.\n",
	    fix_note(c, srv_name(h))) : "";
	if (cert->self_signed == 1)
		return rule_printf(c, "%s%s# Get-ExchangeCertificate%s "
		    "-Thumbprint %s | New-ExchangeCertificate -Force "
		    "-PrivateKeyExportable $true", pre, edge, s, t);
	f = cert->cn != NULL ? wild_base(cert->cn) : "certificate";
	return rule_printf(c, "%s%s# Request the renewal from the issuing CA "
	    "(same subject and names):\n"
	    "# $req = Get-ExchangeCertificate%s -Thumbprint %s | "
	    "New-ExchangeCertificate -GenerateRequest%s\n"
	    "# Set-Content -Path %s -Value $req\n"
	    "# Import the issued certificate and enable it for SMTP (answer "
	    "No when asked to replace the default SMTP certificate):\n"
	    "# Import-ExchangeCertificate%s -FileData ([System.IO.File]::"
	    "ReadAllBytes(%s))\n"
	    "# Enable-ExchangeCertificate%s -Services SMTP, with the new "
	    "certificate's thumbprint as -Thumbprint\n"
	    "# If the issuer changed, update TlsCertificateName of the send "
	    "and receive connectors and rerun the Hybrid Configuration "
	    "Wizard.", pre, edge, s, t, s, ps_quote(c, rule_printf(c,
	    "C:\\Certificates\\%s-renewal.req", f)), s, ps_quote(c,
	    rule_printf(c, "C:\\Certificates\\%s.cer", f)), s);
}

static void
judge(struct rule_ctx *c, const struct cert_use *u, int unused)
{
	const struct certificate	*cert = u->cert;
	const char			*label, *where, *verdict;
	char				 date[16];
	enum severity			 sev = SEV_ERROR;
	int64_t				 d;
	int				 status_only = 0;

	label = cert_title(c, cert);
	where = u->h != NULL ? rule_printf(c, " on %s", u->h->name) : "";
	if (cert->not_after != 0)
		format_date(cert->not_after, date);
	d = cert->not_after != 0 ? days_until(c, cert->not_after) : 0;
	if (cert->not_after != 0 && d < 0)
		verdict = rule_printf(c, "expired on %s", date);
	else if (cert->not_before != 0 && cert->not_before > c->asof) {
		format_date(cert->not_before, date);
		verdict = rule_printf(c, "is not valid before %s", date);
	} else if (cert->status >= 0 && cert->status != CERT_STATUS_VALID) {
		verdict = rule_printf(c, "has Status %s",
		    cert_status_name(cert->status));
		status_only = 1;
	} else if (cert->not_after == 0) {
		if (unused)
			return;
		rule_undecided(c, &cert->o, "the export carries no NotAfter "
		    "date", cert->gateway != NULL ? "# Declare \"not_after\" "
		    "of the gateway certificate in topology.json, or give "
		    "its PEM file" : cert_export(c, u->h != NULL &&
		    u->h->kind == HOST_SERVER ? srv_name(u->h) : NULL,
		    u->h != NULL ? srv_name(u->h) : NULL));
		return;
	} else if (d <= rule_opt(c, "expiry_error_days"))
		verdict = rule_printf(c, "expires on %s, in %lld day%s", date,
		    (long long)d, d == 1 ? "" : "s");
	else if (d <= rule_opt(c, "expiry_warning_days")) {
		verdict = rule_printf(c, "expires on %s, in %lld days", date,
		    (long long)d);
		sev = SEV_WARNING;
	} else
		return;
	if (unused)
		sev = SEV_NOTE;
	rule_report_sev(c, sev, &cert->o, status_only ? "Status" : "NotAfter",
	    u->h != NULL ? u->h->org : NULL, u->h != NULL ? u->h->name : NULL,
	    u->path, fix_for(c, u, status_only, unused),
	    "certificate %s%s %s; %s%s", label, where, verdict, u->what,
	    cert_uses_more(c, u));
}

static void
check(struct rule_ctx *c)
{
	struct cert_uses	u;
	size_t			i, first;

	cert_uses_init(&u, 0);
	collect(c, &u);
	collect_unused(c, &u, &first);
	for (i = 0; i < u.n; i++)
		judge(c, &u.v[i], i >= first);
	cert_uses_free(&u);
}

static const struct rule_option options[] = {
	{ "expiry_error_days", ROPT_DAYS, 30, 0, 3650,
	    "days before NotAfter from which expiry is an error", NULL },
	{ "expiry_warning_days", ROPT_DAYS, 60, 0, 3650,
	    "days before NotAfter from which expiry is a warning",
	    "expiry_error_days" },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

const struct lint_rule rule_hyb033 = {
	.id = "HYB033",
	.name = "certificate-expiring",
	.severity = SEV_ERROR,
	.summary = "A certificate mail flow depends on has expired, is not "
	    "Valid, or expires soon",
	.doc = doc,
	.tags = "certificates,hybrid,tls,expiry",
	/* medium: an expired certificate stops mail flow */
	.security_severity = "6.5",
	.options = options,
	.check = check,
};
