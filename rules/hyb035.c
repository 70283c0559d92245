/*
 * HYB035 certificate-untrusted-on-hybrid-path.
 *
 * The certificate presented to Exchange Online on the hybrid path (by the
 * hybrid send connector's server, or on any flow Exchange Online
 * attributes as Originating) is self-signed, issued by a CA other than a
 * public third-party one (RootCAType other than ThirdParty), or has a
 * Status other than Valid.  Gateway certificates from PEM files carry no
 * RootCAType or Status: they are judged by self-signature only.  Reads the
 * flows.
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
"  Hybrid mail from on-premises reaches Exchange Online over TLS, and the\n"
"  certificate the sending server presents is what Exchange Online uses\n"
"  to recognise the organization: it is matched against the\n"
"  TlsSenderCertificateName of OnPremises inbound connectors, and a\n"
"  match makes the mail Originating (internal, allowed to relay). Exchange\n"
"  Online validates that certificate like any TLS peer: a self-signed\n"
"  certificate, one issued by an internal or enterprise CA, or one whose\n"
"  Status is not Valid (revoked, expired, chain incomplete) does not\n"
"  authenticate the organization. Depending on the connector's TLS\n"
"  settings the session is refused (454 4.7.0 ... UntrustedRoot) or the\n"
"  mail arrives unauthenticated: on-premises senders appear as external,\n"
"  relay through Exchange Online is denied (550 5.7.64 TenantAttribution).\n"
"  When a broad TlsSenderCertificateName (*.contoso.com) happens to\n"
"  accept the name of such a certificate, the attribution the simulator\n"
"  shows rests on a certificate Exchange Online is not required to trust.\n"
"\n"
"Why Exchange Online does it\n"
"  \"Certificate requirements for hybrid deployments\" requires a\n"
"  certificate from a trusted third-party CA for hybrid mail transport;\n"
"  self-signed certificates are not supported. KB 2888788 shows Exchange\n"
"  Online refusing a certificate from a non-trusted CA (UntrustedRoot).\n"
"  The Exchange Team blog on TLS certificates in hybrid repeats that the\n"
"  self-signed certificate that is enough between on-premises servers is\n"
"  not enough for hybrid mail flow.\n"
"\n"
"How to confirm\n"
"  `hybridlint trace PATH --from <org> --mail-from <sender> --rcpt-to\n"
"  <user@tenant.mail.onmicrosoft.com>` names the certificate presented.\n"
"  Get-ExchangeCertificate -Server <server> | Format-List Thumbprint,Subject,Issuer,IsSelfSigned,RootCAType,Status\n"
"\n"
"How to fix\n"
"  Present a certificate from a public CA. When the server already holds\n"
"  one, make the connector select it: set the connector's Fqdn to one of\n"
"  its names (HYB030) or name it in TlsCertificateName; on Edge servers\n"
"  change the connector on a Mailbox server and run\n"
"  Start-EdgeSynchronization. Otherwise obtain one, import it, enable it\n"
"  for SMTP and rerun the Hybrid Configuration Wizard, selecting it.\n"
"  A gateway's certificate is replaced on the gateway.\n"
"\n"
"Source\n"
"  \"Certificate requirements for hybrid deployments\":\n"
"  https://learn.microsoft.com/exchange/certificate-requirements\n"
"  KB 2888788, \"Mail flow to Exchange Online stops and event ID 2004 is\n"
"  logged\": https://support.microsoft.com/kb/2888788\n"
"  \"TLS Certificates in Exchange Hybrid - Common Issues & How to Fix them\",\n"
"  Exchange Team Blog, 2025:\n"
"  https://techcommunity.microsoft.com/blog/exchange/tls-certificates-in-exchange-hybrid---common-issues--how-to-fix-them/4420592\n"
"  \"Mailflow issue from Exchange On-Prem to Office 365\" (Status Invalid,\n"
"  RevocationCheckFailure): https://learn.microsoft.com/en-us/archive/blogs/lalitbisht/mailflow-issue-from-exchange-on-prem-to-office-365\n"
"  Inference: how Exchange Online treats an untrusted certificate that a\n"
"  connector's TlsSenderCertificateName matches by name (refused or\n"
"  accepted unauthenticated) is not documented; hybridlint reports the\n"
"  certificate, not the outcome.\n";

/* What makes the certificate untrusted, or NULL; *prop the property. */
static const char *
why(struct rule_ctx *c, const struct certificate *cert, const char **prop)
{
	const char	*r = NULL, *type;

	if (cert->self_signed == 1) {
		r = "it is self-signed";
		*prop = "IsSelfSigned";
	}
	if (cert->gateway != NULL || cert->root_ca_type < 0)
		return r;
	if (cert->root_ca_type != ROOTCA_THIRDPARTY && (r == NULL ||
	    cert->root_ca_type != 1)) {
		type = rootca_type_name(cert->root_ca_type);
		r = rule_printf(c, "%s%sits RootCAType is %s, not ThirdParty",
		    r != NULL ? r : "", r != NULL ? " and " : "",
		    type != NULL ? type : "?");
		if (*prop == NULL)
			*prop = "RootCAType";
	}
	if (cert->status >= 0 && cert->status != CERT_STATUS_VALID) {
		r = rule_printf(c, "%s%sits Status is %s", r != NULL ? r : "",
		    r != NULL ? " and " : "", cert_status_name(cert->status));
		if (*prop == NULL)
			*prop = "Status";
	}
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

/* The end of the fix that makes the connector present 'alt'. */
static const char *
select_alt(struct rule_ctx *c, const struct send_connector *sc,
    const struct certificate *alt)
{
	const char	*id = ps_quote(c, sc->o.name), *arg;

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
fix_for(struct rule_ctx *c, const struct flow *f)
{
	const struct host		*h = f->presenter;
	const struct certificate	*cert = f->sel.cert, *alt;
	const char			*s;

	if (h->kind == HOST_GATEWAY)
		return rule_printf(c, "# %s is not an Exchange server: install "
		    "a certificate from a public CA on it, then update the "
		    "gateway's \"certificate\" in topology.json.",
		    fix_note(c, h->name));
	s = server_arg(c, h);
	if (cert->status >= 0 && cert->status != CERT_STATUS_VALID &&
	    cert->self_signed != 1 && cert->root_ca_type == ROOTCA_THIRDPARTY)
		return rule_printf(c, "# Status %s: renew or repair the "
		    "certificate (HYB033), then check again:\n"
		    "# Get-ExchangeCertificate%s -Thumbprint %s | Format-List "
		    "Status,NotAfter", cert_status_name(cert->status), s,
		    cert->thumbprint != NULL ? ps_quote(c, cert->thumbprint) :
		    "(its thumbprint)");
	if ((alt = trusted_alt(c, f)) != NULL)
		return rule_printf(c, "# %s holds %s (thumbprint %s) from a "
		    "public CA; %s%s", fix_note(c, h->name),
		    fix_note(c, alt->subject), alt->thumbprint != NULL ?
		    fix_note(c, alt->thumbprint) : "?", select_alt(c, f->sc,
		    alt), h->kind == HOST_EDGE ? "\n# Run it on a Mailbox "
		    "server; EdgeSync replicates the connector to the Edge:\n"
		    "Start-EdgeSynchronization" : "");
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

static void
check(struct rule_ctx *c)
{
	const struct flow		*f;
	const struct certificate	*cert;
	struct strmap			*done;
	const char			*reason, *prop, *ctx;
	char				 key[80];
	size_t				 i;
	int				 hybrid;

	done = strmap_new();
	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if ((cert = f->sel.cert) == NULL || f->presenter == NULL)
			continue;
		hybrid = sc_is_hybrid(f->sc);
		if (!hybrid && !f->originating)
			continue;
		snprintf(key, sizeof(key), "%p|%p|%p", (const void *)f->sc,
		    (const void *)f->presenter, (const void *)cert);
		if (!strmap_once(done, key, (void *)f))
			continue;
		prop = NULL;
		if ((reason = why(c, cert, &prop)) == NULL)
			continue;
		ctx = hybrid ? rule_printf(c, "for hybrid send connector '%s' "
		    "of %s", f->sc->o.name, f->org->id) : rule_printf(c,
		    "for send connector '%s' of %s, mail that Exchange Online "
		    "attributes as Originating to tenant %s", f->sc->o.name,
		    f->org->id, f->tenant != NULL ? f->tenant->name : "?");
		rule_report(c, &cert->o, prop, f->org, rule_printf(c, "%s|%s",
		    f->presenter->name, f->sc->o.name),
		    flow_path(c->arena, f), fix_for(c, f),
		    "%s presents %s to Exchange Online %s, but %s; Exchange "
		    "Online requires a certificate from a trusted public CA "
		    "%s", f->presenter->name, cert_title(c, cert), ctx,
		    reason, hybrid ?
		    "on the hybrid path" : "for certificate-based OnPremises "
		    "connectors");
	}
	strmap_free(done);
}

const struct lint_rule rule_hyb035 = {
	.id = "HYB035",
	.name = "certificate-untrusted-on-hybrid-path",
	.severity = SEV_ERROR,
	.summary = "The certificate presented to Exchange Online on the "
	    "hybrid path is self-signed, not from a public CA, or not Valid",
	.doc = doc,
	.tags = "certificates,hybrid,tls,trust",
	/* medium: Exchange Online does not trust the hybrid path */
	.security_severity = "6.8",
	.check = check,
};
