/*
 * HYB034 certificate-not-smtp-enabled (no catalogue entry of its own:
 * HX-06's and HX-07's notes, S30, Enable-ExchangeCertificate; High).
 *
 * A certificate named by the TlsCertificateName of a send connector, a
 * receive connector or HybridConfiguration, or selected for a hybrid
 * flow, whose Services do not include SMTP.  Exchange uses only
 * SMTP-enabled certificates for TLS, so the named certificate is as good
 * as absent.  Services unknown (Export-Clixml keeps only RawData): the
 * rule cannot decide.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

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

struct use {
	const struct certificate	*cert;
	const struct host		*h;
	const char			*what;
	const char			*path;
	size_t				 more;
};

struct uses {
	struct strmap	*idx;
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

	if (cert == NULL || h == NULL || h->kind == HOST_GATEWAY ||
	    cert->gateway != NULL)
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
	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (f->sel.cert != NULL && sc_is_hybrid(f->sc))
			add_use(c, u, f->sel.cert, f->presenter, rule_printf(c,
			    "%s presents it to Exchange Online for hybrid send "
			    "connector '%s'", f->presenter->name,
			    f->sc->o.name), flow_path(c->arena, f));
	}
}

static const char *
srv(const struct host *h)
{
	return h->server != NULL && h->server->o.name != NULL ?
	    h->server->o.name : h->shortname;
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

static void
judge(struct rule_ctx *c, const struct use *u)
{
	const struct certificate	*cert = u->cert;
	const char			*label, *t, *s;

	label = rule_printf(c, "%s%s%s%s", cert->subject != NULL ?
	    cert->subject : cert->o.name, cert->thumbprint != NULL ? " (" :
	    "", cert->thumbprint != NULL ? cert->thumbprint : "",
	    cert->thumbprint != NULL ? ")" : "");
	s = u->h->kind == HOST_EDGE ? "" : rule_printf(c, " -Server %s",
	    srv(u->h));
	t = cert->thumbprint != NULL ? cert->thumbprint : "<thumbprint>";
	if (cert->services < 0) {
		rule_undecided(c, &cert->o, rule_printf(c, "the export of "
		    "certificate %s on %s does not say whether SMTP is among "
		    "its Services (Export-Clixml keeps only RawData); %s",
		    label, u->h->name, u->what), rule_printf(c,
		    "Get-ExchangeCertificate%s | Select-Object Identity,"
		    "Thumbprint,Subject,Issuer,CertificateDomains,Services,"
		    "Status,NotBefore,NotAfter,RootCAType,IsSelfSigned | "
		    "ConvertTo-Json -Depth 4 | Out-File -Encoding utf8 "
		    "Get-ExchangeCertificate-%s.json", s, srv(u->h)));
		return;
	}
	if (cert->services & SVC_SMTP)
		return;
	rule_report(c, &cert->o, "Services", u->h->org, u->h->name, u->path,
	    rule_printf(c, "# Answer No when asked to overwrite the default "
	    "SMTP certificate%s.\n"
	    "Enable-ExchangeCertificate%s -Thumbprint %s -Services SMTP",
	    u->h->kind == HOST_EDGE ? rule_printf(c, " (on an Edge server, Yes "
	    "breaks EdgeSync); run it on %s itself", srv(u->h)) : "", s, t),
	    "certificate %s on %s is not enabled for SMTP (Services: %s), "
	    "but %s%s; Exchange uses only SMTP-enabled certificates for TLS "
	    "(454 4.7.5 when sending, no STARTTLS when receiving)", label,
	    u->h->name, services(c, cert->services), u->what, u->more > 0 ?
	    rule_printf(c, " (and %zu more use%s)", u->more, u->more > 1 ?
	    "s" : "") : "");
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

const struct lint_rule rule_hyb034 = {
	.id = "HYB034",
	.name = "certificate-not-smtp-enabled",
	.severity = SEV_ERROR,
	.catalogue = "HX-06, HX-07",
	.summary = "A certificate a connector names or the hybrid path "
	    "presents is not enabled for SMTP",
	.doc = doc,
	.tags = "certificates,hybrid,tls",
	.check = check,
};
