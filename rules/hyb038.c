/*
 * HYB038 receive-connector-certificate-not-found.
 *
 * A receive connector that Exchange Online delivers to names in its
 * TlsCertificateName an issuer and subject its server no longer holds:
 * after a renewal, STARTTLS is no longer offered with the hybrid
 * certificate and Exchange Online's mail to on-premises stops.  The
 * connectors judged are those on the hybrid path: TlsDomainCapabilities
 * for mail.protection.outlook.com, or a port 25 connector open to the
 * internet on a server that an OnPremises outbound connector (or the
 * HybridConfiguration's OnPremisesSmartHost) delivers to.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  TlsCertificateName (<I>issuer<S>subject) of a receive connector names\n"
"  the certificate the server offers in STARTTLS. The Hybrid Configuration\n"
"  Wizard sets it on the receive connector that accepts Exchange Online's\n"
"  mail (the Default Frontend connector of each receiving server, or the\n"
"  Default internal receive connector of an Edge server). After a\n"
"  certificate renewal the new certificate often has another issuer (a\n"
"  new intermediate CA) or a changed subject; once the old certificate is\n"
"  removed, the connector names a certificate the server no longer holds.\n"
"  Exchange then logs event 12014 (\"Microsoft Exchange could not find a\n"
"  certificate that contains the domain name <I>...<S>... in the\n"
"  personal store on the local computer\"), STARTTLS disappears from the\n"
"  EHLO response, and Exchange Online, which requires TLS on its\n"
"  OnPremises outbound connector, cannot deliver:\n"
"    450 4.4.317 ... 451 5.7.3 STARTTLS is required to send mail\n"
"  Mail from Exchange Online to on-premises mailboxes queues in Exchange\n"
"  Online and eventually returns as undeliverable.\n"
"\n"
"  hybridlint judges the receive connectors on the hybrid path: those\n"
"  whose TlsDomainCapabilities grant mail.protection.outlook.com a\n"
"  capability, and the connectors bound to port 25 and open to the\n"
"  internet on a server that an OnPremises outbound connector of Exchange\n"
"  Online (or HybridConfiguration's OnPremisesSmartHost) delivers to.\n"
"\n"
"Why Exchange does it\n"
"  TlsCertificateName identifies a certificate by issuer and subject, not\n"
"  by thumbprint. KB 2989382 describes exactly this: after a new\n"
"  certificate is installed and the old one removed, the hybrid server's\n"
"  receive connector still carries the old certificate information and\n"
"  mail from Exchange Online is no longer received over TLS.\n"
"\n"
"How to confirm\n"
"  Get-ReceiveConnector -Server <server> | Format-List Identity,Bindings,TlsCertificateName,TlsDomainCapabilities\n"
"  Get-ExchangeCertificate -Server <server> | Format-List Thumbprint,Issuer,Subject,Services,NotAfter\n"
"  telnet <server> 25, EHLO: STARTTLS is missing from the response; the\n"
"  Application log shows event 12014 from MSExchangeFrontEndTransport.\n"
"\n"
"How to fix\n"
"  Rerun the Hybrid Configuration Wizard and select the renewed\n"
"  certificate: it updates the receive connectors, the send connector and\n"
"  HybridConfiguration together. Or point the connector at the\n"
"  certificate the server holds now:\n"
"    $c = Get-ExchangeCertificate -Server EX01 -Thumbprint <new thumbprint>\n"
"    Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01' -TlsCertificateName \"<I>$($c.Issuer)<S>$($c.Subject)\"\n"
"  The certificate must be enabled for SMTP (Enable-ExchangeCertificate\n"
"  -Services SMTP; answer No when asked to replace the default SMTP\n"
"  certificate). On an Edge server the receive connector is the Edge's\n"
"  own: run the commands on the Edge.\n"
"\n"
"Source\n"
"  KB 2989382, \"Can't receive mail in a hybrid environment after you\n"
"  install a new certificate on the server\":\n"
"  https://learn.microsoft.com/exchange/troubleshoot/email-delivery/cannot-receive-mail-with-new-certificate\n"
"  \"Mailflow issue from Exchange On-Prem to Office 365\" (archived\n"
"  Microsoft blog; update TlsCertificateName on the receive connector\n"
"  that receives from Office 365):\n"
"  https://learn.microsoft.com/en-us/archive/blogs/lalitbisht/mailflow-issue-from-exchange-on-prem-to-office-365\n"
"  Set-ReceiveConnector, TlsCertificateName and TlsDomainCapabilities:\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-receiveconnector\n"
"  \"TLS Certificates in Exchange Hybrid - Common Issues & How to Fix them\",\n"
"  Exchange Team Blog, 2025:\n"
"  https://techcommunity.microsoft.com/blog/exchange/tls-certificates-in-exchange-hybrid---common-issues--how-to-fix-them/4420592\n"
"  Inference: which connector of a server receives Exchange Online's mail\n"
"  (bound to port 25, open to internet addresses) is hybridlint's reading\n"
"  of the bindings and remote IP ranges; that a certificate with the same\n"
"  subject from another issuer is the renewal is a guess from the names.\n";

/* Bound to port 25 (or bindings not exported) and open to the internet. */
static int
smtp_endpoint(const struct receive_connector *rc)
{
	const char	*p;
	size_t		 i;
	int		 port25 = !rc->bindings.known, open = 0;

	for (i = 0; i < rc->bindings.n; i++)
		if ((p = strrchr(rc->bindings.v[i], ':')) != NULL &&
		    strcmp(p, ":25") == 0)
			port25 = 1;
	if (rc->nremote_ranges == 0)
		open = 1;
	for (i = 0; i < rc->nremote_ranges; i++)
		if (!ipaddr_is_private(&rc->remote_ranges[i].lo) ||
		    !ipaddr_is_private(&rc->remote_ranges[i].hi))
			open = 1;
	return port25 && open;
}

/* An OnPremises outbound connector of Exchange Online that delivers to h. */
static const char *
delivered_by(struct rule_ctx *c, const struct host *h)
{
	const struct outbound_connector	*oc;
	const struct hybrid_config	*hc;
	const struct tenant		*tn;
	const struct strlist		*l;
	size_t				 i, j, k;
	int				 edge;

	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = 0; j < tn->noutbound; j++) {
			oc = tn->outbound[j];
			if (oc->type != CT_ONPREMISES || !oc_route(oc))
				continue;
			for (k = 0; k < oc->smart_hosts.n; k++)
				if (topo_find_host(c->t, h->org,
				    oc->smart_hosts.v[k]) == h)
					return rule_printf(c, "Exchange "
					    "Online's OnPremises outbound "
					    "connector '%s' delivers to %s",
					    oc->o.name, oc->smart_hosts.v[k]);
		}
	}
	if (h->org == NULL)
		return NULL;
	ORG_FOREACH(h->org, K_HYBRID, const struct hybrid_config, hc, i) {
		if (hc->onprem_smart_host == NULL ||
		    (l = hc_receiving(hc, &edge)) == NULL)
			continue;
		for (j = 0; j < l->n; j++)
			if (topo_find_host(c->t, h->org, l->v[j]) == h)
				return rule_printf(c, "HybridConfiguration "
				    "makes it a receiving server for %s",
				    hc->onprem_smart_host);
	}
	return NULL;
}

static const char *
fix_for(struct rule_ctx *c, const struct receive_connector *rc,
    const struct host *h, const struct certificate *nc)
{
	const char	*id = ps_quote(c, rc->o.identity != NULL ?
			    rc->o.identity : rc->o.name), *arg, *where;

	where = h->kind == HOST_EDGE ? rule_printf(c, "# Run it on %s itself "
	    "(an Edge server's receive connectors are its own).\n",
	    fix_note(c, srv_name(h))) : "";
	if ((arg = tls_cert_name_arg(c, nc)) != NULL)
		return rule_printf(c, "# %s holds %s issued by %s (thumbprint "
		    "%s).\n%sSet-ReceiveConnector -Identity %s "
		    "-TlsCertificateName %s\n"
		    "# Or rerun the Hybrid Configuration Wizard and select that "
		    "certificate: it updates the send connector and "
		    "HybridConfiguration too.", fix_note(c, h->name),
		    fix_note(c, nc->subject), fix_note(c, nc->issuer),
		    nc->thumbprint != NULL ? fix_note(c, nc->thumbprint) : "?",
		    where, id, arg);
	return rule_printf(c, "# Install the hybrid certificate on %s and "
	    "enable it for SMTP (answer No to replacing the default SMTP "
	    "certificate),\n"
	    "# then rerun the Hybrid Configuration Wizard and select it, or "
	    "name it on the connector:\n"
	    "# Set-ReceiveConnector -Identity %s -TlsCertificateName with "
	    "'<I>issuer<S>subject' of that certificate",
	    fix_note(c, srv_name(h)), fix_note(c, rc->o.identity != NULL ?
	    rc->o.identity : rc->o.name));
}

static void
judge(struct rule_ctx *c, const struct receive_connector *rc,
    const struct host *h, const char *why)
{
	const struct certificate	*nc;
	const char			*sought;

	if (h->ncerts == 0) {
		rule_undecided(c, &rc->o, rule_printf(c, "no "
		    "Get-ExchangeCertificate export for server %s", h->name),
		    cert_export(c, h->kind == HOST_EDGE ? NULL : srv_name(h),
		    srv_name(h)));
		return;
	}
	if (host_named_cert(h, &rc->tls_cert_name, c->asof) != NULL)
		return;
	sought = rc->tls_cert_name.issuer != NULL ? rule_printf(c,
	    "<I>%s<S>%s", rc->tls_cert_name.issuer,
	    rc->tls_cert_name.subject) : rc->tls_cert_name.subject;
	nc = host_renewal(c, h, &rc->tls_cert_name);
	rule_report(c, &rc->o, "TlsCertificateName", NULL, rc->o.identity !=
	    NULL ? rc->o.identity : rc->o.name, NULL, fix_for(c, rc, h, nc),
	    "receive connector '%s' on %s names TlsCertificateName %s, but %s "
	    "holds no certificate with that issuer and subject; %s, so "
	    "Exchange Online's mail to on-premises finds no STARTTLS with the "
	    "hybrid certificate and queues in Exchange Online (451 5.7.3 "
	    "STARTTLS is required to send mail)%s",
	    rc->o.identity != NULL ? rc->o.identity : rc->o.name, h->name,
	    sought, h->name, why, nc != NULL ? rule_printf(c, "; %s holds %s "
	    "issued by %s (thumbprint %s), apparently its renewal", h->name,
	    nc->subject, nc->issuer, nc->thumbprint != NULL ?
	    nc->thumbprint : "?") : "");
}

static void
check(struct rule_ctx *c)
{
	const struct receive_connector	*rc;
	const struct host		*h;
	const char			*why;
	size_t				 i;

	MODEL_FOREACH(c->m, K_RECEIVE, const struct receive_connector, rc, i) {
		if (!rc->has_tls_cert_name || rc->o.enabled == 0 ||
		    rc->o.side == SIDE_EXO || (h = topo_find_host(c->t,
		    rc->o.org, rc->server)) == NULL)
			continue;
		if (rc_exo_capability(rc, NULL) >= EXO_CAP_OTHER)
			why = "its TlsDomainCapabilities make it the connector "
			    "that accepts Exchange Online's mail";
		else if (smtp_endpoint(rc) && (why = delivered_by(c, h)) !=
		    NULL)
			why = rule_printf(c, "%s, on port 25", why);
		else
			continue;
		judge(c, rc, h, why);
	}
}

const struct lint_rule rule_hyb038 = {
	.id = "HYB038",
	.name = "receive-connector-certificate-not-found",
	.severity = SEV_ERROR,
	.summary = "A receive connector on the hybrid path names a "
	    "TlsCertificateName its server does not hold",
	.doc = doc,
	.tags = "certificates,hybrid,tls,renewal",
	/* medium: after a renewal, mail from Exchange Online stops */
	.security_severity = "6.0",
	.check = check,
};
