/*
 * HYB033 certificate-expiring (catalogue HX-08: Critical when expired or
 * Status other than Valid, High within 30 days, Medium within 60 days).
 *
 * A certificate that mail flow depends on: one presented to Exchange
 * Online in a flow (gateways' certificates included), or one named by
 * the TlsCertificateName of a send connector, a receive connector or
 * HybridConfiguration.  Judged at the run date (--as-of) against the
 * configured thresholds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

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
"  gateways declared in topology.json) and the ones named by\n"
"  TlsCertificateName of send connectors, receive connectors and\n"
"  HybridConfiguration. Expired, not yet valid or Status other than Valid\n"
"  is an error; expiring within expiry_error_days (default 30) an error;\n"
"  within expiry_warning_days (default 60) a warning. The date judged is\n"
"  --as-of, default today.\n"
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
"  CSS-Exchange Health Checker (the 30 and 60 day thresholds):\n"
"  https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/\n"
"  Inference: that Exchange Online stops attributing mail presented with\n"
"  an expired certificate to the OnPremises connector (rather than only\n"
"  refusing TLS) is not documented for connectors; the failure itself\n"
"  follows from TLS certificate validation.\n";

struct use {
	const struct certificate	*cert;
	const struct host		*h;
	const char			*what;
	const char			*path;
	size_t				 more;
};

struct uses {
	struct strmap	*idx;		/* "%p" of the certificate -> use */
	struct use	*v;
	size_t		 n;
	size_t		 cap;
};

static void
add_use(struct rule_ctx *c, struct uses *u, const struct certificate *cert,
    const struct host *h, const char *what, const char *path)
{
	void *const	*v;
	size_t		*ip;
	char		 key[32];

	if (cert == NULL)
		return;
	snprintf(key, sizeof(key), "%p", (const void *)cert);
	if ((v = strmap_get(u->idx, key, NULL)) != NULL) {
		u->v[*(const size_t *)v[0]].more++;
		return;
	}
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->v = xreallocarray(u->v, u->cap, sizeof(*u->v));
	}
	u->v[u->n].cert = cert;
	u->v[u->n].h = h;
	u->v[u->n].what = what;
	u->v[u->n].path = path;
	u->v[u->n].more = 0;
	ip = arena_alloc(c->arena, sizeof(*ip));
	*ip = u->n++;
	strmap_add(u->idx, key, ip);
}

/* The certificate on 'h' that TlsCertificateName 'id' names. */
static const struct certificate *
named(const struct rule_ctx *c, const struct host *h, const struct x509id *id)
{
	const struct certificate	*cert, *best = NULL;
	size_t				 i;

	for (i = 0; h != NULL && i < h->ncerts; i++) {
		cert = h->certs[i];
		if (cert->subject == NULL ||
		    !x500_equal(cert->subject, id->subject))
			continue;
		if (id->issuer != NULL && (cert->issuer == NULL ||
		    !x500_equal(cert->issuer, id->issuer)))
			continue;
		if (best == NULL || (cert_is_valid_at(cert, c->asof) &&
		    (!cert_is_valid_at(best, c->asof) ||
		    cert->not_after > best->not_after)))
			best = cert;
	}
	return best;
}

static void
collect(struct rule_ctx *c, struct uses *u)
{
	const struct flow		*f;
	const struct send_connector	*sc;
	const struct receive_connector	*rc;
	const struct hybrid_config	*hc;
	const struct host		*h;
	const struct strlist		*lists[3];
	const struct host		*seen[64];
	struct certsel			 sel;
	size_t				 i, j, k, l, nseen;

	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (f->sel.cert != NULL)
			add_use(c, u, f->sel.cert, f->presenter, rule_printf(c,
			    "%s presents it to Exchange Online for send "
			    "connector '%s'", f->presenter->name,
			    f->sc->o.name), flow_path(c->arena, f));
	}
	MODEL_FOREACH(c->m, K_SEND, const struct send_connector, sc, i) {
		if (!sc->has_tls_cert_name || sc->o.enabled == 0)
			continue;
		for (j = 0; j < sc->source_servers.n; j++) {
			h = topo_find_host(c->t, sc->o.org,
			    sc->source_servers.v[j]);
			if (h == NULL || (h->kind != HOST_SERVER &&
			    h->kind != HOST_EDGE))
				continue;
			topo_select_cert(c->t, h, sc, &sel);
			add_use(c, u, sel.cert, h, rule_printf(c,
			    "TlsCertificateName of send connector '%s' names "
			    "it", sc->o.name), NULL);
		}
	}
	MODEL_FOREACH(c->m, K_RECEIVE, const struct receive_connector, rc, i) {
		if (!rc->has_tls_cert_name || rc->o.enabled == 0)
			continue;
		h = topo_find_host(c->t, rc->o.org, rc->server);
		add_use(c, u, named(c, h, &rc->tls_cert_name), h, rule_printf(c,
		    "TlsCertificateName of receive connector '%s' names it",
		    rc->o.name), NULL);
	}
	MODEL_FOREACH(c->m, K_HYBRID, const struct hybrid_config, hc, i) {
		if (!hc->has_tls_cert_name)
			continue;
		lists[0] = &hc->sending_servers;
		lists[1] = &hc->receiving_servers;
		lists[2] = &hc->edge_servers;
		for (k = nseen = 0; k < 3; k++)
			for (j = 0; j < lists[k]->n && nseen < 64; j++) {
				h = topo_find_host(c->t, hc->o.org,
				    lists[k]->v[j]);
				for (l = 0; l < nseen && seen[l] != h; l++)
					;
				if (h == NULL || l < nseen)
					continue;
				seen[nseen++] = h;
				add_use(c, u, named(c, h, &hc->tls_cert_name), h,
				    "TlsCertificateName of HybridConfiguration "
				    "names it", NULL);
			}
	}
}

static const char *
srv(const struct host *h)
{
	return h->server != NULL && h->server->o.name != NULL ?
	    h->server->o.name : h->shortname;
}

static const char *
status_name(int64_t s)
{
	static const char *const names[] = { "Unknown", "Valid", "Revoked",
	    "DateInvalid", "Untrusted", "Invalid", "RevocationCheckFailure",
	    "PendingRequest" };

	return s >= 0 && s <= 7 ? names[s] : "not Valid";
}

static const char *
fix_for(struct rule_ctx *c, const struct use *u, int status_only)
{
	const struct certificate	*cert = u->cert;
	const struct host		*h = u->h;
	const char			*s, *t, *pre = "";

	t = cert->thumbprint != NULL ? cert->thumbprint : "<thumbprint>";
	if (h == NULL || h->kind == HOST_GATEWAY || cert->gateway != NULL)
		return rule_printf(c, "# %s is not an Exchange server: renew "
		    "its certificate (%s) there,\n"
		    "# then update the gateway's \"certificate\" in "
		    "topology.json.", h != NULL ? h->name : "the gateway",
		    cert->subject != NULL ? cert->subject : "?");
	s = h->kind == HOST_EDGE ? "" : rule_printf(c, " -Server %s", srv(h));
	if (status_only) {
		switch (cert->status) {
		case 6:
			pre = "# RevocationCheckFailure: let the server reach "
			    "the issuing CA's CRL and OCSP endpoints (proxy, "
			    "firewall), then check Status again.\n";
			break;
		case 4:
		case 5:
			pre = "# Untrusted or Invalid: install the issuing CA's "
			    "intermediate and root certificates on the server, "
			    "then check Status again.\n";
			break;
		case 7:
			return rule_printf(c, "# The certificate is a pending "
			    "request: import the CA's response, then enable "
			    "it for SMTP.\n"
			    "Import-ExchangeCertificate%s -FileData "
			    "([System.IO.File]::ReadAllBytes("
			    "'C:\\Certificates\\issued.cer'))\n"
			    "Enable-ExchangeCertificate%s -Thumbprint %s "
			    "-Services SMTP", s, s, t);
		default:
			break;
		}
		pre = rule_printf(c, "%sGet-ExchangeCertificate%s -Thumbprint "
		    "%s | Format-List Status,NotAfter\n# Otherwise replace "
		    "it:\n", pre, s, t);
	}
	if (cert->self_signed == 1)
		return rule_printf(c, "%s%sGet-ExchangeCertificate%s "
		    "-Thumbprint %s | New-ExchangeCertificate -Force "
		    "-PrivateKeyExportable $true", pre, h->kind == HOST_EDGE ?
		    rule_printf(c, "# Run on %s itself.\n", srv(h)) : "", s, t);
	return rule_printf(c, "%s%s# Request the renewal from the issuing CA "
	    "(same subject and names):\n"
	    "$req = Get-ExchangeCertificate%s -Thumbprint %s | "
	    "New-ExchangeCertificate -GenerateRequest%s\n"
	    "Set-Content -Path 'C:\\Certificates\\%s-renewal.req' -Value $req\n"
	    "# Import the issued certificate and enable it for SMTP (answer "
	    "No when asked to replace the default SMTP certificate):\n"
	    "Import-ExchangeCertificate%s -FileData ([System.IO.File]::"
	    "ReadAllBytes('C:\\Certificates\\%s.cer'))\n"
	    "Enable-ExchangeCertificate%s -Thumbprint <new thumbprint> "
	    "-Services SMTP\n"
	    "# If the issuer changed, update TlsCertificateName of the send "
	    "and receive connectors and rerun the Hybrid Configuration "
	    "Wizard.", pre, h->kind == HOST_EDGE ? rule_printf(c, "# Run on "
	    "%s itself.\n", srv(h)) : "", s, t, s, cert->cn != NULL ?
	    cert->cn : "certificate", s, cert->cn != NULL ? cert->cn :
	    "certificate", s);
}

static void
judge(struct rule_ctx *c, const struct use *u)
{
	const struct certificate	*cert = u->cert;
	const char			*label, *where, *also, *verdict;
	char				 date[16];
	enum severity			 sev = SEV_ERROR;
	int64_t				 d;
	int				 status_only = 0;

	label = rule_printf(c, "%s%s%s%s", cert->subject != NULL ?
	    cert->subject : cert->o.name, cert->thumbprint != NULL ? " (" :
	    "", cert->thumbprint != NULL ? cert->thumbprint : "",
	    cert->thumbprint != NULL ? ")" : "");
	where = u->h != NULL ? rule_printf(c, " on %s", u->h->name) : "";
	also = u->more > 0 ? rule_printf(c, " (and %zu more use%s)", u->more,
	    u->more > 1 ? "s" : "") : "";
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
		    status_name(cert->status));
		status_only = 1;
	} else if (cert->not_after == 0) {
		rule_undecided(c, &cert->o, "the export carries no NotAfter "
		    "date", cert->gateway != NULL ? "# Declare \"not_after\" "
		    "of the gateway certificate in topology.json, or give "
		    "its PEM file" : rule_printf(c,
		    "Get-ExchangeCertificate%s%s | Select-Object Identity,"
		    "Thumbprint,Subject,Issuer,CertificateDomains,Services,"
		    "Status,NotBefore,NotAfter,"
		    "RootCAType,IsSelfSigned | ConvertTo-Json -Depth 4 | "
		    "Out-File -Encoding utf8 Get-ExchangeCertificate%s%s.json",
		    u->h != NULL && u->h->kind == HOST_SERVER ? " -Server " :
		    "", u->h != NULL && u->h->kind == HOST_SERVER ? srv(u->h) :
		    "", u->h != NULL ? "-" : "", u->h != NULL ? srv(u->h) :
		    ""));
		return;
	} else if (d <= c->opt->expiry_error_days)
		verdict = rule_printf(c, "expires on %s, in %lld day%s", date,
		    (long long)d, d == 1 ? "" : "s");
	else if (d <= c->opt->expiry_warning_days) {
		verdict = rule_printf(c, "expires on %s, in %lld days", date,
		    (long long)d);
		sev = SEV_WARNING;
	} else
		return;
	rule_report_sev(c, sev, &cert->o, status_only ? "Status" : "NotAfter",
	    u->h != NULL ? u->h->org : NULL, u->h != NULL ? u->h->name : NULL,
	    u->path, fix_for(c, u, status_only),
	    "certificate %s%s %s; %s%s", label, where, verdict, u->what, also);
}

static void
check(struct rule_ctx *c)
{
	struct uses	u = { 0 };
	size_t		i;

	u.idx = strmap_new();
	collect(c, &u);
	for (i = 0; i < u.n; i++)
		judge(c, &u.v[i]);
	strmap_free(u.idx);
	free(u.v);
}

const struct lint_rule rule_hyb033 = {
	.id = "HYB033",
	.name = "certificate-expiring",
	.severity = SEV_ERROR,
	.catalogue = "HX-08",
	.summary = "A certificate mail flow depends on has expired, is not "
	    "Valid, or expires soon",
	.doc = doc,
	.tags = "certificates,hybrid,tls,expiry",
	.check = check,
};
