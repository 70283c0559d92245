/*
 * HYB035 certificate-untrusted-on-hybrid-path.
 *
 * A certificate Exchange Online relies on is not from a public CA
 * (self-signed, or RootCAType other than ThirdParty): presented on a send
 * connector to Exchange Online, or named by an inbound connector (the
 * simulator's refused matches, and gateways in front of Exchange Online
 * that a connector names).  Gateway certificates from PEM files carry no
 * RootCAType: they are judged by self-signature only.  Reads the flows,
 * queued ones included.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"
#include "strmap.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  Exchange Online recognises an organization's on-premises servers by the\n"
"  certificate they present over TLS: it is matched against the\n"
"  TlsSenderCertificateName of OnPremises inbound connectors, and a match\n"
"  makes the mail Originating (internal, allowed to relay). For that it\n"
"  takes only a certificate from a public CA: a self-signed certificate,\n"
"  or one issued by an internal or enterprise CA (RootCAType other than\n"
"  ThirdParty), matches no certificate-based OnPremises connector, even\n"
"  when its name does. On a send connector to Exchange Online, Exchange\n"
"  Online refuses such a certificate (454 4.7.0 Failed to establish\n"
"  appropriate TLS channel: UntrustedRoot): with RequireTLS, as the\n"
"  Hybrid Configuration Wizard sets it, the mail queues on the server.\n"
"\n"
"  hybridlint reports such a certificate wherever something relies on it:\n"
"  presented on a send connector to Exchange Online (selected by\n"
"  TlsCertificateName or by the connector's Fqdn); presented by a server\n"
"  or gateway whose name an OnPremises connector names; and the\n"
"  certificate of a gateway in front of Exchange Online that an inbound\n"
"  connector names, whether or not an organization of the inputs sends\n"
"  through it. A certificate named by a Partner connector is a warning:\n"
"  that Exchange Online treats it the same way there is an inference.\n"
"  A certificate that is only the modelled fallback of a connector whose\n"
"  Fqdn matches nothing is HYB030's finding, and a Status other than Valid\n"
"  (or an expired certificate) HYB033's: one finding for one fault.\n"
"\n"
"Why Exchange Online does it\n"
"  \"Certificate requirements for hybrid deployments\" requires a\n"
"  certificate from a trusted third-party CA for hybrid mail transport;\n"
"  self-signed certificates are not supported. \"Set up connectors to\n"
"  route mail between Microsoft 365 and your own email servers\" requires\n"
"  a certificate from a CA for a certificate-based connector, and\n"
"  Microsoft's answer on the SMTP relay requirements says it must be\n"
"  CA-signed. KB 2888788 shows Exchange Online refusing a certificate\n"
"  from a non-trusted CA (UntrustedRoot) on the connector to Microsoft\n"
"  365.\n"
"\n"
"How to confirm\n"
"  `hybridlint trace PATH --from <org> --mail-from <sender> --rcpt-to\n"
"  <user@tenant.mail.onmicrosoft.com>` names the certificate presented.\n"
"  Get-ExchangeCertificate -Server <server> | Format-List Thumbprint,Subject,Issuer,IsSelfSigned,RootCAType,Status\n"
"\n"
"How to fix\n"
"  Present a certificate from a public CA. When the server already holds\n"
"  one, make the connector select it: set the connector's Fqdn to one of\n"
"  its names (HYB030) or name it in TlsCertificateName; every source\n"
"  server of the connector must hold it (on Edge servers change the\n"
"  connector on a Mailbox server and run Start-EdgeSynchronization).\n"
"  Otherwise obtain one, import it, enable it for SMTP and rerun the\n"
"  Hybrid Configuration Wizard, selecting it. A gateway's certificate is\n"
"  replaced on the gateway.\n"
"\n"
"Source\n"
"  \"Certificate requirements for hybrid deployments\":\n"
"  https://learn.microsoft.com/exchange/certificate-requirements\n"
"  \"Set up connectors to route mail between Microsoft 365 and your own\n"
"  email servers\": https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/set-up-connectors-to-route-mail\n"
"  KB 2888788, \"Mail flow to Exchange Online stops and event ID 2004 is\n"
"  logged\": https://support.microsoft.com/kb/2888788\n"
"  Microsoft reply in \"Updated Requirements for SMTP Relay through\n"
"  Exchange Online\", Exchange Team Blog, 2023 (CA-signed, tenant-specific\n"
"  certificates).\n"
"  \"TLS Certificates in Exchange Hybrid - Common Issues & How to Fix them\",\n"
"  Exchange Team Blog, 2025:\n"
"  https://techcommunity.microsoft.com/blog/exchange/tls-certificates-in-exchange-hybrid---common-issues--how-to-fix-them/4420592\n"
"  Inference: that a certificate a Partner connector names must come from\n"
"  a public CA too is not documented; that a connector without RequireTLS\n"
"  falls back to sending without TLS is not documented either.\n";

/* Why the certificate is not a public CA's, or NULL; *prop the property. */
static const char *
why(struct rule_ctx *c, const struct certificate *cert, const char **prop)
{
	const char	*r = cert_not_public(c->arena, cert);

	if (r != NULL)
		*prop = cert->self_signed == 1 ? "IsSelfSigned" : "RootCAType";
	return r;
}

/* Does an OnPremises inbound connector of the org's tenant accept it? */
static int
accepted(struct rule_ctx *c, const struct org *org,
    const struct certificate *cert)
{
	const struct tenant	*tn = topo_tenant(c->t, org);
	const char		**names;
	size_t			 i, j, n;

	if (tn == NULL)
		return 0;
	names = cert_names(c->arena, cert, &n);
	for (i = 0; i < tn->ninbound; i++) {
		if (!ic_onprem(tn->inbound[i]) ||
		    tn->inbound[i]->tls_sender_cert_name == NULL)
			continue;
		for (j = 0; j < n; j++)
			if (dn_match(tn->inbound[i]->tls_sender_cert_name,
			    names[j]) != DN_NONE)
				return 1;
	}
	return 0;
}

/*
 * A certificate on the presenter Exchange Online would trust: preferably
 * one the tenant's inbound connector accepts, else the one
 * HybridConfiguration names, else any.
 */
static const struct certificate *
trusted_alt(struct rule_ctx *c, const struct flow *f)
{
	const struct host		*h = f->presenter;
	const struct certificate	*cert, *best = NULL;
	const char			*hc = org_hybrid_cert_cn(c, f->org);
	size_t				 i;
	int				 score, bestscore = -1;

	for (i = 0; i < h->ncerts; i++) {
		cert = h->certs[i];
		if (cert->self_signed == 1 ||
		    cert->root_ca_type != ROOTCA_THIRDPARTY ||
		    cert->cn == NULL || cert_smtp_enabled(cert) == 0 ||
		    !cert_is_valid_at(cert, c->asof))
			continue;
		score = accepted(c, f->org, cert) ? 2 : hc != NULL &&
		    strcasecmp(cert->cn, hc) == 0 ? 1 : 0;
		if (score > bestscore) {
			best = cert;
			bestscore = score;
		}
	}
	return best;
}

/* " -Server 'EX01'" for a Mailbox server; nothing on an Edge (run there). */
static const char *
server_arg(struct rule_ctx *c, const struct host *h)
{
	return h->kind == HOST_EDGE ? "" : rule_printf(c, " -Server %s",
	    ps_quote(c, srv_name(h)));
}

/* Does every source server of 'sc' hold a certificate like 'alt'? */
static int
all_hold(struct rule_ctx *c, const struct send_connector *sc,
    const struct certificate *alt)
{
	return sc->has_tls_cert_name ? sc_sources_hold(c, sc, alt, NULL) :
	    sc_sources_hold(c, sc, NULL, alt->cn);
}

static const char *
select_alt(struct rule_ctx *c, const struct send_connector *sc,
    const struct certificate *alt)
{
	const char	*id = ps_quote(c, sc->o.name), *arg;

	if (!all_hold(c, sc, alt))
		return rule_printf(c, "other source servers of '%s' do not "
		    "hold it:\n# install the same certificate on each of them "
		    "and enable it for SMTP, then make the connector select it "
		    "(%s).", fix_note(c, sc->o.name), sc->has_tls_cert_name ?
		    "TlsCertificateName" : "its Fqdn");
	if (!sc->has_tls_cert_name)
		return rule_printf(c, "make the connector select it by name:\n"
		    "Set-SendConnector -Identity %s -Fqdn %s", id,
		    ps_quote(c, alt->cn));
	if ((arg = tls_cert_name_arg(c, alt)) != NULL)
		return rule_printf(c, "name it:\nSet-SendConnector -Identity "
		    "%s -TlsCertificateName %s", id, arg);
	return rule_printf(c, "name it:\n# Set-SendConnector -Identity %s "
	    "-TlsCertificateName with '<I>issuer<S>subject' of that "
	    "certificate (the export does not carry its issuer)", id);
}

static const char *
gateway_fix(struct rule_ctx *c, const struct host *h)
{
	return rule_printf(c, "# %s is not an Exchange server: install a "
	    "certificate from a public CA on it, then update the gateway's "
	    "\"certificate\" in topology.json.", fix_note(c, h->name));
}

static const char *
fix_for(struct rule_ctx *c, const struct flow *f)
{
	const struct host		*h = f->presenter;
	const struct certificate	*alt;
	const char			*s;

	if (h->kind == HOST_GATEWAY)
		return gateway_fix(c, h);
	s = server_arg(c, h);
	if ((alt = trusted_alt(c, f)) != NULL)
		return rule_printf(c, "# %s holds %s (thumbprint %s) from a "
		    "public CA; %s%s", fix_note(c, h->name),
		    fix_note(c, alt->subject), alt->thumbprint != NULL ?
		    fix_note(c, alt->thumbprint) : "?", select_alt(c, f->sc,
		    alt), h->kind == HOST_EDGE && all_hold(c, f->sc, alt) ?
		    "\n# Run it on a Mailbox server; EdgeSync replicates the "
		    "connector to the Edge:\nStart-EdgeSynchronization" : "");
	/* The certificate to obtain and its file are not known yet. */
	return rule_printf(c, "# Obtain a certificate from a public CA for the "
	    "name the connector announces, import it on %s and enable it "
	    "for SMTP (answer No to replacing the default SMTP "
	    "certificate):\n"
	    "# Import-ExchangeCertificate%s -FileData ([System.IO.File]::"
	    "ReadAllBytes('C:\\Certificates\\hybrid.pfx')) -Password "
	    "(Read-Host -AsSecureString)\n"
	    "# Enable-ExchangeCertificate%s -Services SMTP, with the new "
	    "certificate's thumbprint as -Thumbprint\n"
	    "# Then rerun the Hybrid Configuration Wizard and select it for "
	    "'%s'.", fix_note(c, h->name), s, s, fix_note(c, f->sc->o.name));
}

/* What Exchange Online does with it on a connector to Exchange Online. */
static const char *
to_exo_outcome(struct rule_ctx *c, const struct flow *f)
{
	if (f->tls_fail != TLSF_UNTRUSTED)
		return "Exchange Online refuses such a certificate (454 4.7.0 "
		    "Failed to establish appropriate TLS channel: UntrustedRoot)";
	if (f->queued)
		return rule_printf(c, "Exchange Online refuses it (454 4.7.0 "
		    "Failed to establish appropriate TLS channel: "
		    "UntrustedRoot), so the mail queues on %s",
		    f->presenter->name);
	return rule_printf(c, "Exchange Online refuses it (454 4.7.0 "
	    "UntrustedRoot); the connector does not require TLS, so %s "
	    "sends without it [inference] and its mail is not recognised as "
	    "the organization's", f->presenter->name);
}

/* A. Connectors to Exchange Online that present such a certificate. */
static void
check_to_exo(struct rule_ctx *c, struct strmap *done)
{
	const struct flow		*f;
	const struct certificate	*cert;
	const char			*reason, *prop;
	char				 key[80];
	size_t				 i;

	for (i = 0; i < c->s->nsent; i++) {
		f = c->s->sent[i];
		if ((cert = f->sel.cert) == NULL || f->presenter == NULL ||
		    f->presenter->kind == HOST_GATEWAY || f->sc == NULL ||
		    !sc_to_exo(f->sc) || f->sel.how == SEL_FALLBACK)
			continue;
		snprintf(key, sizeof(key), "%p|%p|%p", (const void *)f->sc,
		    (const void *)f->presenter, (const void *)cert);
		prop = NULL;
		if ((reason = why(c, cert, &prop)) == NULL ||
		    !strmap_once(done, key, (void *)f))
			continue;
		rule_report(c, &cert->o, prop, f->org, rule_printf(c, "%s|%s",
		    f->presenter->name, f->sc->o.name),
		    flow_path(c->arena, f), fix_for(c, f),
		    "%s presents %s to Exchange Online for %ssend connector "
		    "'%s' of %s, but %s; Exchange Online requires a "
		    "certificate from a trusted public CA on a connector to "
		    "it: %s", f->presenter->name, cert_title(c, cert),
		    sc_is_hybrid(f->sc) ? "hybrid " : "", f->sc->o.name,
		    f->org->id, reason, to_exo_outcome(c, f));
	}
}

/* One connector that names a certificate that is not a public CA's. */
static void
named(struct rule_ctx *c, struct strmap *done, const struct host *h,
    const struct certificate *cert, const struct inbound_connector *ic,
    const char *path, const char *fix, int inferred)
{
	const char	*reason, *prop = NULL;
	char		 key[80];
	int		 onprem = ic->type == CT_ONPREMISES;

	snprintf(key, sizeof(key), "%p|%p", (const void *)cert,
	    (const void *)ic);
	if ((reason = why(c, cert, &prop)) == NULL ||
	    !strmap_once(done, key, (void *)ic))
		return;
	rule_report_sev(c, onprem ? SEV_ERROR : SEV_WARNING, &cert->o, prop,
	    h->org, rule_printf(c, "%s|%s", h->name, ic->o.name), path, fix,
	    "%s %spresents %s to Exchange Online%s, and %s inbound connector "
	    "'%s' of tenant %s names it (TlsSenderCertificateName '%s'), but "
	    "%s; %s", h->name, inferred ? "presumably " : "",
	    cert_title(c, cert), inferred ? " [inference: the certificate "
	    "Exchange falls back to is not documented]" : "",
	    onprem ? "OnPremises" :
	    "Partner", ic->o.name, org_tenant_name(c, ic->o.org),
	    ic->tls_sender_cert_name, reason, onprem ? "Exchange Online takes "
	    "only a certificate from a public CA for a certificate-based "
	    "OnPremises connector, so the connector does not match and the "
	    "mail is not attributed by it" : "a connector that identifies "
	    "its sender by certificate relies on one Exchange Online can "
	    "validate [inference: how Exchange Online treats such a "
	    "certificate on a Partner connector is not documented]");
}

/* B. Certificates a connector names that are not a public CA's. */
static void
check_named(struct rule_ctx *c, struct strmap *done)
{
	const struct flow	*f;
	const struct host	*h;
	struct gw_use		 g[16];
	size_t			 i, j, n;

	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		for (j = 0; j < f->nrefused; j++)
			named(c, done, f->presenter, f->sel.cert,
			    f->refused[j].ic, flow_path(c->arena, f),
			    fix_for(c, f), f->sel.inferred);
	}
	/* Gateways in front of Exchange Online, whether or not an
	 * organization of the inputs sends through them. */
	for (i = 0; i < c->t->nhosts; i++) {
		h = c->t->hosts[i];
		if (h->gateway == NULL || h->ncerts == 0)
			continue;
		n = gateway_uses(c, h, g, 16);
		for (j = 0; j < n; j++)
			if (g[j].by_cert)
				named(c, done, h, h->certs[0], g[j].ic,
				    g[j].path, gateway_fix(c, h), 0);
	}
}

static void
check(struct rule_ctx *c)
{
	struct strmap	*done = strmap_new();

	check_to_exo(c, done);
	check_named(c, done);
	strmap_free(done);
}

const struct lint_rule rule_hyb035 = {
	.id = "HYB035",
	.name = "certificate-untrusted-on-hybrid-path",
	.severity = SEV_ERROR,
	.summary = "A certificate Exchange Online relies on for a connector is "
	    "self-signed or not from a public CA",
	.doc = doc,
	.tags = "certificates,hybrid,tls,trust",
	/* medium: Exchange Online does not trust the hybrid path */
	.security_severity = "6.8",
	.check = check,
};
