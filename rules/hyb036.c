/*
 * HYB036 edge-certificates-differ.
 *
 * The source servers of one send connector (the Edge servers EdgeSync
 * replicates it to, or Mailbox servers) present certificates that differ
 * in issuer or subject: each server's selection for the connector, from
 * the flows (queued ones included) or topo_select_cert(), and where the
 * named certificate is missing, what the server holds instead.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "strmap.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  With Edge Transport servers in a hybrid deployment, the hybrid send\n"
"  connector is defined once in the organization and replicated to every\n"
"  Edge server by EdgeSync: one Fqdn, one TlsCertificateName for all of\n"
"  them. Exchange Online's OnPremises inbound connector, and\n"
"  HybridConfiguration, likewise name one certificate. When the Edge\n"
"  servers hold certificates with different subjects or from different\n"
"  issuers, mail works from some Edge servers and not from others: an\n"
"  Edge whose certificate does not carry the named issuer and subject\n"
"  fails with 454 4.7.5 (TlsCertificateName not found), or presents a\n"
"  certificate that the inbound connector does not accept, so its mail\n"
"  is not attributed to the organization. The failure moves with the\n"
"  load balancing between Edge servers, which makes it look intermittent.\n"
"\n"
"  hybridlint compares, for every send connector to Exchange Online or\n"
"  with a TlsCertificateName that has several source servers (Edge or\n"
"  Mailbox), the certificate each server actually selects for it; where\n"
"  TlsCertificateName finds nothing on a server, the certificate with the\n"
"  same subject that the server holds instead. The fix installs the\n"
"  reference certificate (the one TlsCertificateName names, else the one\n"
"  HybridConfiguration names) on the servers at fault; it never proposes\n"
"  a TlsCertificateName that only some of the servers hold. A server\n"
"  whose Fqdn matches no certificate (HYB030) is left to that rule.\n"
"\n"
"Why Exchange does it\n"
"  \"Certificate requirements for hybrid deployments\" and \"Edge Transport\n"
"  servers with hybrid deployments\" require the same certificate on every\n"
"  Edge server that handles hybrid mail: the certificates must have the\n"
"  same issuer and subject, because one TlsCertificateName\n"
"  (<I>issuer<S>subject) is replicated to all of them.\n"
"\n"
"How to confirm\n"
"  On each Edge server:\n"
"    Get-ExchangeCertificate | Format-List Thumbprint,Issuer,Subject,Services,NotAfter\n"
"  On a Mailbox server:\n"
"    Get-SendConnector <hybrid connector> | Format-List Fqdn,TlsCertificateName,SourceTransportServers\n"
"\n"
"How to fix\n"
"  Install the same certificate (same issuer and subject; the same\n"
"  certificate exported with its private key is simplest) on every Edge\n"
"  server and enable it for SMTP:\n"
"    # on the Edge that holds it\n"
"    $b = Export-ExchangeCertificate -Thumbprint <thumbprint> -BinaryEncoded -Password (Read-Host -AsSecureString)\n"
"    [System.IO.File]::WriteAllBytes('C:\\Certificates\\hybrid.pfx', $b.FileData)\n"
"    # on each other Edge\n"
"    Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes('C:\\Certificates\\hybrid.pfx')) -Password (Read-Host -AsSecureString)\n"
"    Enable-ExchangeCertificate -Thumbprint <thumbprint> -Services SMTP\n"
"  Answer No when asked to replace the default SMTP certificate: on an\n"
"  Edge server the default certificate secures EdgeSync.\n"
"\n"
"Source\n"
"  \"Certificate requirements for hybrid deployments\":\n"
"  https://learn.microsoft.com/exchange/certificate-requirements\n"
"  \"Edge Transport servers with hybrid deployments\":\n"
"  https://learn.microsoft.com/exchange/edge-transport-servers\n"
"  KB 3212872, \"Email from Exchange 2013 Edge Transport server to Exchange\n"
"  Online appears as mail from external contacts\": https://support.microsoft.com/kb/3212872\n"
"  Export-ExchangeCertificate, Import-ExchangeCertificate:\n"
"  https://learn.microsoft.com/powershell/module/exchange/export-exchangecertificate\n";

/*
 * What one source server presents for the connector: the certificate it
 * selects, or, where TlsCertificateName finds nothing on it, the
 * certificate with the same subject it holds instead ('missing').
 */
struct edge {
	const struct host		*h;
	const struct certificate	*cert;
	int				 missing;
};

static int
same(const struct certificate *a, const struct certificate *b)
{
	if (a == b)
		return 1;
	if (a->subject == NULL || b->subject == NULL ||
	    !x500_equal(a->subject, b->subject))
		return 0;
	if (a->issuer == NULL || b->issuer == NULL)
		return a->issuer == b->issuer;
	return x500_equal(a->issuer, b->issuer);
}

/* The certificate the others should match. */
static size_t
reference(struct rule_ctx *c, const struct send_connector *sc,
    const struct edge *e, size_t n)
{
	const struct hybrid_config	*hc;
	size_t				 i, j;

	for (j = 0; sc->has_tls_cert_name && j < n; j++)
		if (!e[j].missing)
			return j;
	ORG_FOREACH(sc->o.org, K_HYBRID, const struct hybrid_config, hc, i) {
		if (!hc->has_tls_cert_name)
			continue;
		for (j = 0; j < n; j++)
			if (cert_has_id(e[j].cert, &hc->tls_cert_name))
				return j;
	}
	for (j = 0; j < n; j++)
		if (e[j].cert->self_signed != 1 &&
		    cert_is_valid_at(e[j].cert, c->asof))
			return j;
	return 0;
}

/*
 * Copy the reference certificate to the servers at fault.  Exporting and
 * importing need a variable, a password prompt and a file: manual steps,
 * written as comments.
 */
static const char *
fix_for(struct rule_ctx *c, const struct send_connector *sc,
    const struct edge *e, size_t n, size_t r)
{
	const struct certificate	*ref = e[r].cert;
	struct buf			 fix = { 0 };
	const char			*t, *fx;
	size_t				 i;

	t = ref->thumbprint != NULL ? ps_quote(c, ref->thumbprint) :
	    "(its thumbprint)";
	buf_printf(&fix, "# On %s: export %s with its private key\n"
	    "# $b = Export-ExchangeCertificate -Thumbprint %s -BinaryEncoded "
	    "-Password (Read-Host -AsSecureString)\n"
	    "# [System.IO.File]::WriteAllBytes('C:\\Certificates\\hybrid.pfx', "
	    "$b.FileData)", fix_note(c, srv_name(e[r].h)),
	    fix_note(c, ref->subject), t);
	for (i = 0; i < n; i++) {
		if (same(e[i].cert, ref))
			continue;
		buf_printf(&fix, "\n# On %s: import it and enable it for SMTP "
		    "(answer No to replacing the default SMTP certificate)\n"
		    "# Import-ExchangeCertificate -FileData ([System.IO.File]::"
		    "ReadAllBytes('C:\\Certificates\\hybrid.pfx')) -Password "
		    "(Read-Host -AsSecureString)\n%s%s",
		    fix_note(c, srv_name(e[i].h)), ref->thumbprint != NULL ?
		    rule_printf(c, "Enable-ExchangeCertificate -Thumbprint %s "
		    "-Services SMTP", t) : "# Enable-ExchangeCertificate "
		    "-Services SMTP, with the imported certificate's "
		    "thumbprint as -Thumbprint", sc->has_tls_cert_name ? "" :
		    rule_printf(c, "\n# Then take SMTP off %s on %s, so that "
		    "the connector's Fqdn selects the imported one.",
		    fix_note(c, cert_title(c, e[i].cert)),
		    fix_note(c, srv_name(e[i].h))));
	}
	if (sc->has_tls_cert_name && e[r].missing)
		buf_printf(&fix, "\n# TlsCertificateName of '%s' must name "
		    "that issuer and subject (set it on a Mailbox server, then "
		    "Start-EdgeSynchronization).", fix_note(c, sc->o.name));
	fx = rule_printf(c, "%s", fix.p);
	buf_free(&fix);
	return fx;
}

static const char *
describe(struct rule_ctx *c, const struct edge *e)
{
	const struct certificate	*x = e->cert;

	return rule_printf(c, "%s %s %s issued by %s (%s)%s", e->h->name,
	    e->missing ? "holds" : "presents", x->subject != NULL ?
	    x->subject : "?", x->issuer != NULL ? x->issuer : "?",
	    x->thumbprint != NULL ? x->thumbprint : "no thumbprint",
	    e->missing ? ", not the certificate TlsCertificateName names, "
	    "so TLS fails there and its mail queues (454 4.7.5)" : "");
}

static void
judge(struct rule_ctx *c, const struct send_connector *sc,
    const struct edge *e, size_t n, const char *path)
{
	struct buf	 list = { 0 };
	const char	*why, *who, *sync;
	size_t		 i, r;
	int		 differ = 0, subj = 0, edges = 1, missing = 0;

	for (i = 0; i < n; i++) {
		if (e[i].h->kind != HOST_EDGE)
			edges = 0;
		missing |= e[i].missing;
		if (i == 0 || same(e[0].cert, e[i].cert))
			continue;
		differ = 1;
		if (e[0].cert->subject == NULL || e[i].cert->subject == NULL ||
		    !x500_equal(e[0].cert->subject, e[i].cert->subject))
			subj = 1;
	}
	if (!differ)
		return;
	if (subj)
		why = "Exchange Online's inbound connector and "
		    "HybridConfiguration name one certificate, so mail from "
		    "the servers that present another may not be attributed "
		    "to the organization";
	else {
		sync = edges ? " (EdgeSync replicates the connector to every "
		    "Edge server)" : "";
		why = missing ? rule_printf(c, "TlsCertificateName names one "
		    "issuer and subject for every source server%s", sync) :
		    rule_printf(c, "the connector's TlsCertificateName can "
		    "name one issuer and subject only%s, so the servers with "
		    "the other issuer fail (454 4.7.5) once it names one", sync);
	}
	r = reference(c, sc, e, n);
	for (i = 0; i < n; i++)
		buf_printf(&list, "%s%s", i == 0 ? "" : "; ", describe(c, &e[i]));
	who = edges ? rule_printf(c, "the Edge servers of %s", sc->o.org->id) :
	    rule_printf(c, "the source servers of %s", sc->o.org->id);
	rule_report(c, &sc->o, "SourceTransportServers", NULL, sc->o.name,
	    path, fix_for(c, sc, e, n, r),
	    "%s present different certificates for %ssend connector '%s': %s; "
	    "all must present certificates with the same issuer and subject: "
	    "%s", who, sc_is_hybrid(sc) ? "hybrid " : "", sc->o.name, list.p,
	    why);
	buf_free(&list);
}

/* The source servers' entries for a connector; their number. */
static size_t
entries(struct rule_ctx *c, const struct strmap *byflow,
    const struct send_connector *sc, struct edge *e, const char **path)
{
	const struct host	*hs[64];
	struct certsel		 sel;
	void *const		*v;
	char			 key[64];
	size_t			 i, n = 0, nh;

	*path = NULL;
	nh = sc_source_hosts(c, sc, hs, 64);
	for (i = 0; i < nh; i++) {
		if ((v = strmap_get(byflow, ptr_pair_key(key, sizeof(key), sc,
		    hs[i]), NULL)) != NULL) {
			sel = ((const struct flow *)v[0])->sel;
			if (*path == NULL)
				*path = flow_path(c->arena, v[0]);
		} else
			topo_select_cert(c->t, hs[i], sc, &sel);
		/* A fallback is HYB030's; nothing at all HYB030's or HYB031's. */
		e[n].h = hs[i];
		e[n].missing = sel.explicit_missing;
		e[n].cert = sel.explicit_missing ? host_renewal(c, hs[i],
		    &sc->tls_cert_name) :
		    sel.how == SEL_FALLBACK ? NULL : sel.cert;
		if (e[n].cert != NULL)
			n++;
	}
	return n;
}

static void
check(struct rule_ctx *c)
{
	const struct send_connector	*sc;
	const struct flow		*f;
	struct strmap			*byflow;
	struct edge			 e[64];
	const char			*path;
	char				 key[64];
	size_t				 i, n;

	/* Flows straight from a source server, by connector and server. */
	byflow = strmap_new();
	for (i = 0; i < c->s->nsent; i++) {
		f = c->s->sent[i];
		if (f->presenter != NULL && f->presenter == f->source)
			strmap_once(byflow, ptr_pair_key(key, sizeof(key), f->sc,
			    f->presenter), (void *)f);
	}
	MODEL_FOREACH(c->m, K_SEND, const struct send_connector, sc, i) {
		if (sc->o.enabled == 0 || sc->o.side == SIDE_EXO ||
		    sc->o.org == NULL || (!sc_to_exo(sc) &&
		    !sc->has_tls_cert_name))
			continue;
		if ((n = entries(c, byflow, sc, e, &path)) > 1)
			judge(c, sc, e, n, path);
	}
	strmap_free(byflow);
}

const struct lint_rule rule_hyb036 = {
	.id = "HYB036",
	.name = "edge-certificates-differ",
	.severity = SEV_ERROR,
	.summary = "The source servers of one send connector (its Edge servers) "
	    "present certificates with different issuer or subject",
	.doc = doc,
	.tags = "certificates,hybrid,edge,tls",
	/* medium: some Edge servers fail attribution */
	.security_severity = "5.0",
	.check = check,
};
