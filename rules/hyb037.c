/*
 * HYB037 hybrid-path-not-attributed.
 *
 * An organization's hybrid send connector reaches Exchange Online, but the
 * certificate presented there matches no OnPremises inbound connector of
 * the organization's own tenant: the simulator attributes the mail to
 * another tenant, or as Incoming.  Silent when the organization's tenant
 * is not loaded.  Reads the flows.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "strmap.h"

static const char doc[] =
"What happens\n"
"  Hybrid mail from on-premises is the organization's own mail only when\n"
"  Exchange Online attributes it to the organization's tenant through an\n"
"  OnPremises inbound connector: the certificate the sending server\n"
"  presents must match that connector's TlsSenderCertificateName (by CN\n"
"  or SAN). When it matches no OnPremises connector of the tenant, the\n"
"  mail is attributed by recipient domain instead (Incoming): on-premises\n"
"  senders appear as external, the message is filtered as inbound\n"
"  internet mail, cross-premises headers are not trusted, and relay\n"
"  through Exchange Online to other domains is denied with\n"
"    550 5.7.64 TenantAttribution; Relay Access Denied\n"
"  When another tenant's connector matches instead, the mail is attributed\n"
"  to that tenant (HYB001, HYB005).\n"
"\n"
"  The usual cause is a certificate renewal or replacement: the new\n"
"  certificate carries another name than the one HCW wrote into the\n"
"  inbound connector, or the send connector now presents a different\n"
"  certificate (HYB030, HYB031).\n"
"\n"
"  Only mail that Exchange Online accepts is judged here. A hybrid path\n"
"  whose TLS fails (the named certificate is missing, expired, not Valid\n"
"  or not enabled for SMTP) queues on premises and is never attributed:\n"
"  HYB031, HYB033 and HYB034 report it. A certificate that is only the\n"
"  modelled fallback of a connector whose Fqdn matches nothing (HYB030),\n"
"  or that is not from a public CA (HYB035), is those rules' finding.\n"
"\n"
"Why Exchange Online does it\n"
"  Certificate attribution for OnPremises connectors uses the domain on\n"
"  the TLS certificate of the sending server first (MC1226222). KB\n"
"  articles on 5.7.64 name a certificate that no longer matches the\n"
"  connector as the cause.\n"
"\n"
"How to confirm\n"
"  `hybridlint trace PATH --from <org> --mail-from <user@domain> --rcpt-to\n"
"  <user@tenant.mail.onmicrosoft.com>` shows the certificate and the\n"
"  connector (or none) that matches.\n"
"  In Exchange Online: Get-InboundConnector | Format-List Name,ConnectorType,TlsSenderCertificateName\n"
"  On-premises: Get-SendConnector <hybrid connector> | Format-List Fqdn,TlsCertificateName\n"
"\n"
"How to fix\n"
"  Make the two ends name the same certificate. Either rerun the Hybrid\n"
"  Configuration Wizard and select the certificate the servers now\n"
"  present (it updates both ends), or set the inbound connector to a\n"
"  name of that certificate:\n"
"    Set-InboundConnector -Identity 'Inbound from <GUID>' -TlsSenderCertificateName mail.contoso.com\n"
"  When the presented certificate is the wrong one (self-signed default,\n"
"  a fallback), fix the send connector instead (HYB030, HYB031).\n"
"\n"
"Source\n"
"  Message Center MC1226222, \"Prevent/Fix: Guidance for On-Premises\n"
"  Connectors Configuration\" (attribution order), mirrored at\n"
"  https://mwpro.co.uk/blog/2026/02/04/updated-prevent-fix-guidance-for-on-premises-connectors-configuration-mc1226222\n"
"  \"550 5.7.64 TenantAttribution; Relay Access Denied\":\n"
"  https://learn.microsoft.com/exchange/troubleshoot/connectors/relay-access-denied-smtp\n"
"  \"Set up connectors to route mail between Microsoft 365 and your own\n"
"  email servers\": https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/set-up-connectors-to-route-mail\n"
"  \"Office 365 Message Attribution\", Exchange Team Blog:\n"
"  https://techcommunity.microsoft.com/t5/exchange-team-blog/office-365-message-attribution/ba-p/749143\n"
"  Inference: the matching model (CN and SANs, wildcard semantics,\n"
"  apex included) is hybridlint's; see HYB001.\n";

/* The tenant's hybrid OnPremises inbound connector, or NULL. */
static const struct inbound_connector *
hybrid_ic(const struct tenant *tn)
{
	const struct inbound_connector	*ic, *any = NULL;
	size_t				 i;

	for (i = 0; i < tn->ninbound; i++) {
		ic = tn->inbound[i];
		if (!ic_onprem(ic))
			continue;
		if ((ic->source != NULL &&
		    strcmp(ic->source, "HybridWizard") == 0) ||
		    (ic->o.name != NULL &&
		    strncmp(ic->o.name, "Inbound from", 12) == 0))
			return ic;
		if (any == NULL)
			any = ic;
	}
	return any;
}

static const char *
accepted_names(struct rule_ctx *c, const struct tenant *tn)
{
	const struct inbound_connector	*ic;
	const char			*r = NULL;
	size_t				 i;

	for (i = 0; i < tn->ninbound; i++) {
		ic = tn->inbound[i];
		if (!ic_onprem(ic) || ic->tls_sender_cert_name == NULL)
			continue;
		r = rule_printf(c, "%s%s'%s' accepts '%s'", r != NULL ? r :
		    "", r != NULL ? ", " : "", ic->o.name,
		    ic->tls_sender_cert_name);
	}
	return r;
}

static const char *
subj(const struct flow *f)
{
	if (f->sel.cert == NULL)
		return "no certificate";
	return f->sel.cert->subject != NULL ? f->sel.cert->subject :
	    f->sel.cert->o.name;
}

static const char *
fix_for(struct rule_ctx *c, const struct flow *f, const struct tenant *own)
{
	const struct inbound_connector	*ic = hybrid_ic(own);
	const struct certificate	*cert = f->sel.cert;
	const char			*icn;

	icn = ic != NULL ? rule_printf(c, "'%s'", fix_note(c, ic->o.name)) :
	    NULL;
	if (f->presenter->kind == HOST_GATEWAY)
		return rule_printf(c, "# The hybrid path runs through gateway "
		    "%s, so Exchange Online sees the gateway's certificate.\n"
		    "# Send hybrid mail to Exchange Online directly (HYB043); "
		    "name the gateway's certificate in %s only if the gateway\n"
		    "# relays for no other organization (HYB001).",
		    fix_note(c, f->presenter->name), icn != NULL ? icn :
		    "an OnPremises inbound connector");
	if (cert == NULL || cert->cn == NULL || cert->self_signed == 1 ||
	    f->sel.how == SEL_FALLBACK)
		return rule_printf(c, "# %s presents %s: fix the send "
		    "connector first (HYB030, HYB031) so that it presents "
		    "the hybrid certificate,\n"
		    "# then rerun the Hybrid Configuration Wizard, which sets "
		    "TlsSenderCertificateName of the inbound connector%s%s.",
		    fix_note(c, f->presenter->name), fix_note(c, subj(f)),
		    icn != NULL ? " " : "", icn != NULL ? icn : "");
	if (ic == NULL)
		return rule_printf(c, "# Tenant %s has no OnPremises inbound "
		    "connector: rerun the Hybrid Configuration Wizard, or\n"
		    "New-InboundConnector -Name %s -ConnectorType OnPremises "
		    "-SenderDomains '*' -RequireTls $true "
		    "-CloudServicesMailEnabled $true -TlsSenderCertificateName "
		    "%s", fix_note(c, own->name), ps_quote(c, rule_printf(c,
		    "Inbound from %s", f->org->id)), ps_quote(c, cert->cn));
	return rule_printf(c, "Set-InboundConnector -Identity %s "
	    "-TlsSenderCertificateName %s\n"
	    "# Or rerun the Hybrid Configuration Wizard and select the "
	    "certificate %s presents; either way, every server that sends\n"
	    "# hybrid mail must present a certificate carrying that name.",
	    ps_quote(c, ic->o.name), ps_quote(c, cert->cn),
	    fix_note(c, f->presenter->name));
}

static void
check(struct rule_ctx *c)
{
	const struct flow	*f;
	const struct tenant	*own;
	struct strmap		*done;
	const char		*acc, *outcome;
	char			 key[64];
	size_t			 i, j;

	done = strmap_new();
	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (f->presenter == NULL || !sc_is_hybrid(f->sc) ||
		    (own = topo_tenant(c->t, f->org)) == NULL)
			continue;
		if ((f->tenant == own && f->originating) ||
		    flow_send_fault(c, f) || !strmap_once(done,
		    ptr_pair_key(key, sizeof(key), f->sc, f->presenter),
		    (void *)f))
			continue;
		if (own->ninbound == 0) {
			rule_undecided(c, &f->sc->o, rule_printf(c, "no "
			    "inbound connector of tenant %s is loaded",
			    own->name),
			    reexport_cmd(c, "Get-InboundConnector"));
			continue;
		}
		for (j = 0; j < f->nmatches; j++)
			if (f->matches[j].tenant == own && !f->matches[j].by_ip)
				break;
		if (j < f->nmatches && f->tenant != NULL && f->tenant != own) {
			/* Own connector matches, another tenant wins. */
			rule_report(c, &f->sc->o, NULL, NULL,
			    f->presenter->name, flow_path(c->arena, f),
			    rule_printf(c, "# %s of tenant %s accepts this "
			    "certificate too and wins (HYB001, HYB005): narrow "
			    "it,\n# or present a certificate whose name only "
			    "the connectors of %s accept.", f->ic != NULL ?
			    rule_printf(c, "'%s'", fix_note(c, f->ic->o.name)) :
			    "A connector", fix_note(c, f->tenant->name),
			    fix_note(c, own->name)),
			    "hybrid send connector '%s' of %s: %s presents %s, "
			    "which '%s' of tenant %s accepts, but Exchange "
			    "Online attributes the mail to tenant %s%s, whose "
			    "match is more specific", f->sc->o.name,
			    f->org->id, f->presenter->name, subj(f),
			    f->matches[j].ic->o.name, own->name,
			    f->tenant->name, f->ic != NULL ? rule_printf(c,
			    " through '%s'", f->ic->o.name) : "");
			continue;
		}
		acc = accepted_names(c, own);
		if (f->rejected)
			outcome = rule_printf(c, "Exchange Online attributes it "
			    "by recipient domain, and Partner inbound connector "
			    "'%s' of tenant %s rejects it (it restricts sender "
			    "domain %s to its own certificate or addresses)",
			    f->rejected_by->o.name, f->tenant != NULL ?
			    f->tenant->name : "?", f->mail_from);
		else if (f->tenant != NULL && f->tenant != own)
			outcome = rule_printf(c, "Exchange Online attributes "
			    "the mail to tenant %s%s instead", f->tenant->name,
			    f->ic != NULL ? rule_printf(c, " through '%s'",
			    f->ic->o.name) : "");
		else
			outcome = rule_printf(c, "Exchange Online attributes "
			    "it %sby recipient domain, as Incoming, so "
			    "on-premises senders appear external and relay "
			    "through Exchange Online is denied (550 5.7.64)",
			    f->tenant == own ? rule_printf(c, "to %s only ",
			    own->name) : "");
		rule_report(c, &f->sc->o, f->sc->has_tls_cert_name ?
		    "TlsCertificateName" : "Fqdn", NULL, f->presenter->name,
		    flow_path(c->arena, f), fix_for(c, f, own),
		    "hybrid send connector '%s' of %s: %s presents %s to "
		    "Exchange Online, which no OnPremises inbound connector of "
		    "tenant %s accepts (%s); %s", f->sc->o.name,
		    f->org->id, f->presenter->name, subj(f), own->name,
		    acc != NULL ? acc : "it has no OnPremises connector with "
		    "a certificate name", outcome);
	}
	strmap_free(done);
}

const struct lint_rule rule_hyb037 = {
	.id = "HYB037",
	.name = "hybrid-path-not-attributed",
	.severity = SEV_ERROR,
	.summary = "The certificate the hybrid path presents matches no "
	    "OnPremises inbound connector of the organization's own tenant",
	.doc = doc,
	.tags = "certificates,hybrid,attribution,exchange-online",
	/* high: on-premises mail arrives in Exchange Online anonymous */
	.security_severity = "7.1",
	.check = check,
};
