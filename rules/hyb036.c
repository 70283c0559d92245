/*
 * HYB036 edge-certificates-differ.
 *
 * The Edge Transport servers that send an organization's hybrid mail
 * through the same hybrid send connector present certificates that differ
 * in issuer or subject.  Reads the flows: one per Edge server and
 * connector, each with the certificate selected on that Edge.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"
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

struct edge {
	const struct host		*h;
	const struct certificate	*cert;
	const struct flow		*f;
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
reference(struct rule_ctx *c, const struct edge *e, size_t n)
{
	const struct hybrid_config	*hc;
	size_t				 i, j;

	/* Flows are sent by an organization (sim.c). */
	ORG_FOREACH(e[0].f->org, K_HYBRID, const struct hybrid_config, hc, i) {
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
 * Copy the reference certificate to the other Edge servers.  Exporting
 * and importing need a variable, a password prompt and a file: manual
 * steps, written as comments.
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
		    "(Read-Host -AsSecureString)\n%s",
		    fix_note(c, srv_name(e[i].h)), ref->thumbprint != NULL ?
		    rule_printf(c, "Enable-ExchangeCertificate -Thumbprint %s "
		    "-Services SMTP", t) : "# Enable-ExchangeCertificate "
		    "-Services SMTP, with the imported certificate's "
		    "thumbprint as -Thumbprint");
	}
	if (sc->has_tls_cert_name)
		buf_printf(&fix, "\n# TlsCertificateName of '%s' must name "
		    "that issuer and subject (set it on a Mailbox server, then "
		    "Start-EdgeSynchronization).", fix_note(c, sc->o.name));
	fx = rule_printf(c, "%s", fix.p);
	buf_free(&fix);
	return fx;
}

static void
judge(struct rule_ctx *c, const struct send_connector *sc, struct edge *e,
    size_t n)
{
	struct buf	 list = { 0 };
	const char	*l, *fx, *why;
	size_t		 i, r;
	int		 differ = 0, subj = 0;

	for (i = 1; i < n; i++)
		if (!same(e[0].cert, e[i].cert)) {
			differ = 1;
			if (e[0].cert->subject == NULL ||
			    e[i].cert->subject == NULL ||
			    !x500_equal(e[0].cert->subject, e[i].cert->subject))
				subj = 1;
		}
	if (!differ)
		return;
	if (subj)
		why = "Exchange Online's inbound connector and "
		    "HybridConfiguration name one certificate, so mail from "
		    "the Edge servers that present another may not be "
		    "attributed to the organization";
	else
		why = "the Hybrid Configuration Wizard sets one "
		    "TlsCertificateName (issuer and subject) on the connector "
		    "and EdgeSync replicates it to every Edge server, so the "
		    "Edge servers with the other issuer fail (454 4.7.5) once "
		    "it is set";
	r = reference(c, e, n);
	for (i = 0; i < n; i++)
		buf_printf(&list, "%s%s presents %s issued by %s (%s)",
		    i == 0 ? "" : "; ", e[i].h->name,
		    e[i].cert->subject != NULL ? e[i].cert->subject : "?",
		    e[i].cert->issuer != NULL ?
		    e[i].cert->issuer : "?", e[i].cert->thumbprint != NULL ?
		    e[i].cert->thumbprint : "no thumbprint");
	l = rule_printf(c, "%s", list.p);
	fx = fix_for(c, sc, e, n, r);
	buf_free(&list);
	rule_report(c, &sc->o, "SourceTransportServers", NULL, sc->o.name,
	    flow_path(c->arena, e[r].f), fx,
	    "the Edge servers of %s present different certificates for "
	    "hybrid send connector '%s': %s; all must present certificates "
	    "with the same issuer and subject: %s", e[0].f->org->id,
	    sc->o.name, l, why);
}

static void
check(struct rule_ctx *c)
{
	const struct flow	*f;
	struct strmap		*byconn;
	void *const		*v;
	struct edge		 e[64];
	char			 key[32];
	size_t			 i, j, k, n, nv;

	/* Hybrid flows from Edge servers, grouped by connector. */
	byconn = strmap_new();
	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (f->presenter == NULL || f->presenter->kind != HOST_EDGE ||
		    f->sel.cert == NULL || !sc_is_hybrid(f->sc))
			continue;
		strmap_add(byconn, ptr_key(key, sizeof(key), f->sc),
		    (void *)f);
	}
	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if ((v = strmap_get(byconn, ptr_key(key, sizeof(key), f->sc),
		    &nv)) == NULL || v[0] != f)
			continue;
		/* One entry per Edge server (flows repeat per recipient). */
		for (j = n = 0; j < nv && n < 64; j++) {
			f = v[j];
			for (k = 0; k < n && e[k].h != f->presenter; k++)
				;
			if (k < n)
				continue;
			e[n].h = f->presenter;
			e[n].cert = f->sel.cert;
			e[n].f = f;
			n++;
		}
		if (n > 1)
			judge(c, f->sc, e, n);
	}
	strmap_free(byconn);
}

const struct lint_rule rule_hyb036 = {
	.id = "HYB036",
	.name = "edge-certificates-differ",
	.severity = SEV_ERROR,
	.summary = "The Edge servers of one organization present certificates "
	    "with different issuer or subject for the same hybrid send "
	    "connector",
	.doc = doc,
	.tags = "certificates,hybrid,edge,tls",
	/* medium: some Edge servers fail attribution */
	.security_severity = "5.0",
	.check = check,
};
