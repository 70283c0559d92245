/*
 * HYB031 send-connector-certificate-not-found.
 *
 * A send connector's TlsCertificateName names a certificate by issuer and
 * subject, and a source server holds no certificate with that issuer and
 * subject: the renewal trap.  Connectors to Exchange Online are read from
 * the flows' certificate selection; every other connector's source
 * servers are checked with the same selection (topo_select_cert()).
 */
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "strmap.h"

static const char doc[] =
"What happens\n"
"  TlsCertificateName (<I>issuer<S>subject) tells a send connector which\n"
"  certificate to present in TLS. Exchange looks the value up among the\n"
"  certificates in the local computer store of the server that sends, by\n"
"  issuer and subject, not by thumbprint. When a source server holds no\n"
"  certificate with that issuer and subject, the connection fails:\n"
"    454 4.7.5 The certificate specified in TlsCertificateName of the\n"
"    SendConnector could not be found.\n"
"    TLS negotiation failed with error NoCredentials\n"
"  and mail over the connector queues on that server (421 4.4.1\n"
"  Connection timed out, after retries). For the hybrid connector this\n"
"  stops all on-premises to Exchange Online mail from that server.\n"
"\n"
"  The usual cause is a certificate renewal: the new certificate keeps the\n"
"  subject but is issued by a new intermediate CA (the issuer changes), or\n"
"  the subject changes (organization or locality attributes), and\n"
"  nobody updated the connector. The old certificate is then removed or\n"
"  expires, and mail stops on the day it goes. The message never reaches\n"
"  Exchange Online, so no attribution follows: `hybridlint trace` ends\n"
"  the path at the failed handshake, and the rules about attribution\n"
"  (HYB007, HYB037) say nothing about it.\n"
"\n"
"  When another source server of the connector holds the named\n"
"  certificate, the name is right and the server without it is at fault:\n"
"  HYB036 reports that, with the certificate to install on that server.\n"
"\n"
"Why Exchange does it\n"
"  New-SendConnector documents TlsCertificateName as an\n"
"  SmtpX509Identifier built from the certificate's Issuer and Subject\n"
"  (\"<I>$($c.Issuer)<S>$($c.Subject)\"). A renewed certificate matches\n"
"  only when both stay the same. Edge Transport servers receive the\n"
"  connector through EdgeSync, so each Edge server in its source list\n"
"  needs a certificate with exactly that issuer and subject.\n"
"\n"
"How to confirm\n"
"  Get-SendConnector <name> | Format-List TlsCertificateName,SourceTransportServers\n"
"  Get-ExchangeCertificate -Server <source server> | Format-List Thumbprint,Issuer,Subject,Services,Status,NotAfter\n"
"  (on an Edge server, run Get-ExchangeCertificate on the Edge itself). The\n"
"  queue viewer and the SMTP send protocol log show 454 4.7.5 and\n"
"  NoCredentials.\n"
"\n"
"How to fix\n"
"  Point the connector at the certificate the servers hold now:\n"
"    $c = Get-ExchangeCertificate -Server EX01 -Thumbprint <new thumbprint>\n"
"    Set-SendConnector -Identity <name> -TlsCertificateName \"<I>$($c.Issuer)<S>$($c.Subject)\"\n"
"  Every source server must hold a certificate with that issuer and\n"
"  subject, enabled for SMTP: hybridlint proposes a TlsCertificateName\n"
"  only when every source server holds it, and otherwise the certificate\n"
"  to install first. For an EdgeSync'd connector, read Issuer and\n"
"  Subject on the Edge server, set the connector on a Mailbox server and\n"
"  run Start-EdgeSynchronization. For the hybrid connector the Hybrid\n"
"  Configuration Wizard owns the value: rerunning it and selecting the\n"
"  renewed certificate updates the send connector, the receive connectors\n"
"  and HybridConfiguration together.\n"
"\n"
"Source\n"
"  \"Mailflow issue from Exchange On-Prem to Office 365\" (archived Microsoft\n"
"  blog; 454 4.7.5, NoCredentials, the update recipe):\n"
"  https://learn.microsoft.com/en-us/archive/blogs/lalitbisht/mailflow-issue-from-exchange-on-prem-to-office-365\n"
"  KB 3156771, \"Users in your Exchange 2013-based hybrid deployment\n"
"  experience mail issues after April 15, 2016\": https://support.microsoft.com/kb/3156771\n"
"  New-SendConnector, TlsCertificateName:\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-sendconnector\n"
"  \"TLS Certificates in Exchange Hybrid - Common Issues & How to Fix them\",\n"
"  Exchange Team Blog, 2025:\n"
"  https://techcommunity.microsoft.com/blog/exchange/tls-certificates-in-exchange-hybrid---common-issues--how-to-fix-them/4420592\n"
"  CSS-Exchange Health Checker (the same issuer and subject lookup):\n"
"  https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/\n"
"  Inference: that a certificate with the same subject and another issuer\n"
"  is the renewal is hybridlint's guess from the names; confirm it before\n"
"  pointing the connector at it.\n";

/* The connector's own selection on 'h': the flow's when one exists. */
static void
selection(struct rule_ctx *c, const struct strmap *byflow,
    const struct send_connector *sc, const struct host *h,
    struct certsel *out, const char **path)
{
	void *const	*v;
	char		 key[64];

	if ((v = strmap_get(byflow, ptr_pair_key(key, sizeof(key), sc, h),
	    NULL)) != NULL) {
		*out = ((const struct flow *)v[0])->sel;
		*path = flow_path(c->arena, v[0]);
		return;
	}
	topo_select_cert(c->t, h, sc, out);
	*path = NULL;
}

/* Does another source server hold what TlsCertificateName names? */
static const struct host *
other_holds(struct rule_ctx *c, const struct send_connector *sc,
    const struct host *h)
{
	const struct host	*hs[64];
	size_t			 i, nh;

	nh = sc_source_hosts(c, sc, hs, 64);
	for (i = 0; i < nh; i++)
		if (hs[i] != h && host_named_cert(hs[i], &sc->tls_cert_name,
		    c->asof) != NULL)
			return hs[i];
	return NULL;
}

static int
hcw_owned(const struct send_connector *sc)
{
	return sc_is_hybrid(sc) || (sc->o.name != NULL &&
	    strncmp(sc->o.name, "Outbound to Office 365", 22) == 0);
}

/* " -Server 'EX01'" for a Mailbox server; nothing on an Edge (run there). */
static const char *
server_arg(struct rule_ctx *c, const struct host *h)
{
	return h->kind == HOST_EDGE ? "" : rule_printf(c, " -Server %s",
	    ps_quote(c, srv_name(h)));
}

static const char *
fix_for(struct rule_ctx *c, const struct send_connector *sc,
    const struct host *h, const struct certificate *nc)
{
	const char	*id = ps_quote(c, sc->o.name), *arg;
	int		 edge = h->kind == HOST_EDGE;

	/* A renewal the other source servers lack is no name for all. */
	if (nc != NULL && !sc_sources_hold(c, sc, nc, NULL))
		return rule_printf(c, "# %s holds %s issued by %s (thumbprint "
		    "%s), but not every source server of '%s' holds a "
		    "certificate with that issuer and subject.\n"
		    "# Install one certificate (the same issuer and subject) on "
		    "every source server and enable it for SMTP, then name it:\n"
		    "# Set-SendConnector -Identity %s -TlsCertificateName with "
		    "'<I>issuer<S>subject' of that certificate%s",
		    fix_note(c, h->name), fix_note(c, nc->subject),
		    fix_note(c, nc->issuer), nc->thumbprint != NULL ?
		    fix_note(c, nc->thumbprint) : "?", fix_note(c, sc->o.name),
		    fix_note(c, sc->o.name), edge ? "\n# (on a Mailbox server, "
		    "then Start-EdgeSynchronization)" : "");
	/* The renewal's own issuer and subject, as literal text. */
	if ((arg = tls_cert_name_arg(c, nc)) != NULL)
		return rule_printf(c, "# %s holds %s (thumbprint %s).\n"
		    "# Every source server must hold a certificate with this "
		    "issuer and subject.\n%s"
		    "Set-SendConnector -Identity %s -TlsCertificateName %s%s%s",
		    fix_note(c, h->name), fix_note(c, nc->subject),
		    nc->thumbprint != NULL ? fix_note(c, nc->thumbprint) : "?",
		    edge ? rule_printf(c, "# The connector is replicated to %s "
		    "by EdgeSync: set it on a Mailbox server, then "
		    "synchronize.\n", fix_note(c, srv_name(h))) : "", id, arg,
		    edge ? "\nStart-EdgeSynchronization" : "", hcw_owned(sc) ?
		    "\n# Or rerun the Hybrid Configuration Wizard and select "
		    "this certificate: it updates the receive connectors and "
		    "HybridConfiguration too." : "");
	if (hcw_owned(sc))
		return rule_printf(c, "# Install the hybrid certificate on %s "
		    "and enable it for SMTP, then rerun the Hybrid "
		    "Configuration Wizard and select it:\n"
		    "# Enable-ExchangeCertificate%s -Services SMTP, with the "
		    "installed certificate's thumbprint as -Thumbprint\n"
		    "# The wizard sets TlsCertificateName on '%s'.",
		    fix_note(c, srv_name(h)), server_arg(c, h),
		    fix_note(c, sc->o.name));
	return rule_printf(c, "# Install a certificate with the named issuer "
	    "and subject on %s, or name one it holds:\n"
	    "# Set-SendConnector -Identity %s -TlsCertificateName with "
	    "'<I>issuer<S>subject' of that certificate (Get-ExchangeCertificate"
	    "%s shows its Issuer and Subject)%s", fix_note(c, srv_name(h)), id,
	    server_arg(c, h), edge ? "\n# On an Edge server read the "
	    "certificate on the Edge, set the connector on a Mailbox server, "
	    "then run Start-EdgeSynchronization." : "");
}

static void
check_server(struct rule_ctx *c, const struct strmap *byflow,
    const struct send_connector *sc, const struct host *h)
{
	struct certsel			 sel;
	const struct certificate	*nc;
	const char			*path, *sought;
	char				 date[16];

	if (h->ncerts == 0) {
		rule_undecided(c, &sc->o, rule_printf(c, "no "
		    "Get-ExchangeCertificate export for source server %s",
		    h->name), rule_printf(c, "%s%s", h->kind == HOST_EDGE ?
		    rule_printf(c, "# On %s:\n", fix_note(c, srv_name(h))) :
		    "", cert_export(c, h->kind == HOST_EDGE ? NULL :
		    srv_name(h), srv_name(h))));
		return;
	}
	selection(c, byflow, sc, h, &sel, &path);
	/* When another source server holds the named certificate, the
	 * name is right and this server is at fault: HYB036. */
	if (!sel.explicit_missing || other_holds(c, sc, h) != NULL)
		return;
	sought = sc->tls_cert_name.issuer != NULL ? rule_printf(c,
	    "<I>%s<S>%s", sc->tls_cert_name.issuer,
	    sc->tls_cert_name.subject) : sc->tls_cert_name.subject;
	nc = host_renewal(c, h, &sc->tls_cert_name);
	if (nc != NULL && nc->not_after != 0)
		format_date(nc->not_after, date);
	rule_report(c, &sc->o, "TlsCertificateName", NULL, srv_name(h), path,
	    fix_for(c, sc, h, nc),
	    "send connector '%s' names TlsCertificateName %s, but source "
	    "server %s holds no certificate with that issuer and subject; "
	    "Exchange cannot present it (454 4.7.5 'The certificate "
	    "specified in TlsCertificateName of the SendConnector could not "
	    "be found'), so %s on %s%s", sc->o.name, sought, h->name,
	    sc_to_exo(sc) || sc->require_tls == 1 ?
	    "mail over the connector queues" : "TLS over the connector fails",
	    h->name, nc != NULL ?
	    rule_printf(c, "; %s holds %s issued by %s (thumbprint %s%s%s), "
	    "apparently its renewal", h->name, nc->subject, nc->issuer,
	    nc->thumbprint != NULL ? nc->thumbprint : "?",
	    nc->not_after != 0 ? ", valid until " : "",
	    nc->not_after != 0 ? date : "") : "");
}

static void
check(struct rule_ctx *c)
{
	const struct send_connector	*sc;
	const struct flow		*f;
	const struct host		*hs[64];
	struct strmap			*byflow;
	char				 key[64];
	size_t				 i, j, nh;

	/* Flows straight from a source server to Exchange Online. */
	byflow = strmap_new();
	for (i = 0; i < c->s->nsent; i++) {
		f = c->s->sent[i];
		if (f->presenter == NULL || f->presenter != f->source ||
		    !f->sc->has_tls_cert_name)
			continue;
		strmap_once(byflow, ptr_pair_key(key, sizeof(key), f->sc,
		    f->presenter), (void *)f);
	}
	MODEL_FOREACH(c->m, K_SEND, const struct send_connector, sc, i) {
		if (!sc->has_tls_cert_name || sc->o.enabled == 0 ||
		    sc->o.side == SIDE_EXO)
			continue;
		nh = sc_source_hosts(c, sc, hs, 64);
		for (j = 0; j < nh; j++)
			check_server(c, byflow, sc, hs[j]);
	}
	strmap_free(byflow);
}

const struct lint_rule rule_hyb031 = {
	.id = "HYB031",
	.name = "send-connector-certificate-not-found",
	.severity = SEV_ERROR,
	.summary = "A send connector's TlsCertificateName names a certificate "
	    "that a source server does not hold",
	.doc = doc,
	.tags = "certificates,hybrid,tls,renewal",
	/* medium: after a certificate renewal, hybrid mail stops */
	.security_severity = "6.0",
	.check = check,
};
