/*
 * HYB042 hybrid-receive-connector-tls.
 *
 * In a hybrid organization, Exchange Online's mail must arrive on a
 * receive connector that grants mail.protection.outlook.com the
 * AcceptCloudServicesMail (or, Exchange 2010 and Edge, AcceptOorgProtocol)
 * capability, after TLS authentication.  Flags an organization that
 * shows a hybrid deployment (roles.h) where no enabled Frontend or Edge
 * receive connector does so, a connector with the capability that is
 * disabled or lacks Tls in AuthMechanism, and the pre-2016
 * certificate-pinned capability value.  A connector whose
 * TlsDomainCapabilities the export lacks leaves the organization's verdict
 * undecided.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  Exchange Online delivers hybrid mail to on-premises Exchange over TLS and\n"
"  presents its certificate (mail.protection.outlook.com). A receive\n"
"  connector whose TlsDomainCapabilities grants that certificate domain\n"
"  AcceptCloudServicesMail (Exchange 2013 and later) or AcceptOorgProtocol\n"
"  (Exchange 2010, and the Edge Transport recipe) treats such mail as\n"
"  coming from the same organization: cross-premises headers are promoted,\n"
"  the sender stays internal (AuthAs Internal), and relay to other\n"
"  organizations is allowed, as centralized mail transport needs. Without\n"
"  that connector Exchange Online's mail arrives anonymous: on-premises\n"
"  users see cloud senders as external, and with centralized mail\n"
"  transport mail is rejected (550 5.7.1 Unable to relay, 451 4.7.0 PRX5).\n"
"  The capability only applies when the connector is enabled and offers\n"
"  Tls in AuthMechanism, because Exchange grants it after TLS\n"
"  authentication of the remote certificate. Exchange 2013 hybrids\n"
"  configured before April 2016 may still carry the old value\n"
"  '<I>CN=MSIT Machine Auth CA 2, ...<S>CN=mail.protection.outlook.com',\n"
"  which pinned a certificate Exchange Online no longer presents.\n"
"  A receive connector export without TlsDomainCapabilities says nothing\n"
"  about the capability: the organization is then left undecided rather\n"
"  than reported.\n"
"\n"
"Why Exchange does it\n"
"  TlsDomainCapabilities grants capabilities to a remote host authenticated\n"
"  by the domain on its TLS certificate (New-ReceiveConnector). The Hybrid\n"
"  Configuration Wizard sets\n"
"  mail.protection.outlook.com:AcceptCloudServicesMail on each receiving\n"
"  server's 'Default Frontend <server>' connector; with\n"
"  Edge Transport servers, the Edge's 'Default internal receive connector\n"
"  <server>' carries it. KB 3156771 documents the April 2016 change.\n"
"\n"
"How to confirm\n"
"  Get-ReceiveConnector | Where-Object TlsDomainCapabilities |\n"
"    Format-List Identity,Enabled,TransportRole,AuthMechanism,\n"
"      TlsDomainCapabilities,TlsCertificateName\n"
"  (on Edge Transport servers run it on the Edge itself). In on-premises\n"
"  message tracking, mail from Exchange Online shows AuthAs Anonymous.\n"
"\n"
"How to fix\n"
"  On each receiving Mailbox server:\n"
"    Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01'\n"
"        -TlsDomainCapabilities @{Add='mail.protection.outlook.com:AcceptCloudServicesMail'}\n"
"  On each Edge Transport server (locally; receive connectors are not\n"
"  replicated by EdgeSync):\n"
"    Set-ReceiveConnector -Identity 'EDGE01\\Default internal receive connector EDGE01'\n"
"        -TlsDomainCapabilities mail.protection.outlook.com:AcceptOorgProtocol\n"
"        -Fqdn <subject name of the hybrid certificate>\n"
"  A connector that has the capability but is disabled or lacks Tls:\n"
"    Set-ReceiveConnector -Identity <id> -Enabled $true\n"
"    Set-ReceiveConnector -Identity <id> -AuthMechanism Tls,<the others>\n"
"  Rerunning the Hybrid Configuration Wizard sets the capability too.\n"
"\n"
"Source\n"
"  New-ReceiveConnector / Set-ReceiveConnector, TlsDomainCapabilities and\n"
"  AuthMechanism: https://learn.microsoft.com/powershell/module/exchange/set-receiveconnector\n"
"  \"Edge Transport servers with hybrid deployments\" (AcceptOorgProtocol,\n"
"  Fqdn): https://learn.microsoft.com/exchange/edge-transport-servers\n"
"  KB 3156771, \"Users in your Exchange 2013-based hybrid deployment\n"
"  experience mail issues after April 15, 2016\":\n"
"  https://support.microsoft.com/kb/3156771\n"
"  EDCA control EDCA-TLS-029: https://github.com/michelderooij/EDCA\n"
"  CSS-Exchange Health Checker, Cloud Connector Check:\n"
"  https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/CloudConnectorCheck/\n"
"  HCW-created objects: https://github.com/SammyKrosoft/Hybrid-Config-Wiz-Checks\n"
"  Inference: hybridlint counts a receive connector when it is a\n"
"  FrontendTransport connector, a connector of an Edge Transport server, or\n"
"  one whose TransportRole the export does not carry (Exchange 2010); a\n"
"  HubTransport connector of a Mailbox server listens on port 2525, which\n"
"  Exchange Online does not reach. A disabled or Tls-less connector that\n"
"  carries the capability is reported only when no other connector on the\n"
"  same server grants it.\n";

/* The capability for Exchange Online; an entry without one counts as none. */
static enum exo_cap
exo_cap(const struct receive_connector *rc, const char **entry)
{
	enum exo_cap	cap = rc_exo_capability(rc, entry);

	if (cap == EXO_CAP_OTHER) {
		*entry = NULL;
		return EXO_CAP_NONE;
	}
	return cap;
}

static const struct host *
rc_host(struct rule_ctx *c, const struct receive_connector *rc)
{
	return rc->server != NULL ? topo_find_host(c->t, rc->o.org,
	    rc->server) : NULL;
}

/* A connector Exchange Online delivers to: Frontend, Edge, or role unknown. */
static int
eligible(struct rule_ctx *c, const struct receive_connector *rc)
{
	const struct host	*h = rc_host(c, rc);

	if (rc->transport_role == NULL ||
	    strcasecmp(rc->transport_role, "FrontendTransport") == 0)
		return 1;
	if (h != NULL && h->kind == HOST_EDGE)
		return 1;
	return rc->o.name != NULL && strncasecmp(rc->o.name,
	    "Default internal receive connector", 34) == 0;
}

static const char *
auth_with_tls(struct rule_ctx *c, int64_t a)
{
	return enum_flags_text(c->arena, model_auth_mechanisms, a | AUTH_TLS);
}

/* A comment for commands that must run on an Edge server itself. */
static const char *
edge_note(struct rule_ctx *c, const struct receive_connector *rc)
{
	const struct host	*h = rc_host(c, rc);

	return h != NULL && h->kind == HOST_EDGE ? "\n# Run it on the Edge "
	    "Transport server itself; receive connectors are not replicated "
	    "by EdgeSync." : "";
}

/* Does the connector give Exchange Online the hybrid capability? */
static int
works(struct rule_ctx *c, const struct receive_connector *rc)
{
	const char	*entry;

	return eligible(c, rc) && rc->o.enabled != 0 &&
	    exo_cap(rc, &entry) == EXO_CAP_ACCEPT && (rc->auth_mechanism < 0 ||
	    (rc->auth_mechanism & AUTH_TLS) != 0);
}

/* Is the connector's server one where another connector works? */
static int
server_works(struct rule_ctx *c, const struct receive_connector *rc,
    struct obj *const *rcs, size_t n)
{
	const struct receive_connector	*o;
	const struct host		*h = rc_host(c, rc);
	size_t				 i;

	for (i = 0; i < n; i++) {
		o = (const struct receive_connector *)rcs[i];
		if (o == rc || !works(c, o))
			continue;
		if (h != NULL ? rc_host(c, o) == h : (rc->server != NULL &&
		    o->server != NULL && strcasecmp(rc->server,
		    o->server) == 0))
			return 1;
	}
	return 0;
}

/*
 * Findings on Frontend and Edge connectors that carry the capability but
 * cannot grant it, on servers where no other connector does; returns how
 * many.  *good: some connector works.
 */
static int
check_connectors(struct rule_ctx *c, struct obj *const *rcs, size_t n,
    int *good)
{
	const struct receive_connector	*rc;
	const char			*entry;
	enum exo_cap			 cap;
	size_t				 i;
	int				 nf = 0;

	for (i = 0; i < n; i++)
		if (works(c, (const struct receive_connector *)rcs[i]))
			*good = 1;
	for (i = 0; i < n; i++) {
		rc = (const struct receive_connector *)rcs[i];
		cap = exo_cap(rc, &entry);
		if (cap == EXO_CAP_NONE || cap == EXO_CAP_UNKNOWN ||
		    !eligible(c, rc) || works(c, rc) ||
		    server_works(c, rc, rcs, n))
			continue;
		if (cap == EXO_CAP_LEGACY) {
			rule_report(c, &rc->o, "TlsDomainCapabilities", NULL,
			    "legacy", NULL, rule_printf(c, "Set-ReceiveConnector "
			    "-Identity %s -TlsDomainCapabilities @{Remove=%s; "
			    "Add='mail.protection.outlook.com:%s'}%s\n# Or rerun "
			    "the Hybrid Configuration Wizard.",
			    ps_quote(c, rc->o.identity), ps_quote(c, entry),
			    rc_host(c, rc) != NULL && rc_host(c, rc)->kind ==
			    HOST_EDGE ? "AcceptOorgProtocol" :
			    "AcceptCloudServicesMail", edge_note(c, rc)),
			    "receive connector '%s' grants Exchange Online's "
			    "capability by the pre-2016 value '%s', which names "
			    "a certificate Exchange Online no longer presents "
			    "(KB 3156771); its mail is not accepted as cloud "
			    "mail", rc->o.identity, entry);
			nf++;
		} else if (rc->o.enabled == 0) {
			rule_report(c, &rc->o, "Enabled", NULL, "Enabled", NULL,
			    rule_printf(c, "Set-ReceiveConnector -Identity %s "
			    "-Enabled $true%s", ps_quote(c, rc->o.identity),
			    edge_note(c, rc)),
			    "receive connector '%s' carries %s but is disabled, "
			    "so Exchange Online's mail does not get the hybrid "
			    "capability there", rc->o.identity, entry);
			nf++;
		} else {
			rule_report(c, &rc->o, "AuthMechanism", NULL,
			    "AuthMechanism", NULL, rule_printf(c,
			    "Set-ReceiveConnector -Identity %s -AuthMechanism "
			    "%s%s", ps_quote(c, rc->o.identity),
			    auth_with_tls(c, rc->auth_mechanism),
			    edge_note(c, rc)),
			    "receive connector '%s' carries %s but its "
			    "AuthMechanism lacks Tls, so Exchange Online's "
			    "certificate is never authenticated and the "
			    "capability is not granted", rc->o.identity, entry);
			nf++;
		}
	}
	return nf;
}

/* Is a receive connector exported for every receiving server?  If not, HYB901. */
static int
servers_exported(struct rule_ctx *c, const struct org *org,
    const struct strlist *servers, struct obj *const *rcs, size_t nrc,
    const struct obj *anchor)
{
	const struct receive_connector	*rc;
	const struct host		*h;
	size_t				 i, j;

	for (i = 0; servers != NULL && i < servers->n; i++) {
		h = topo_find_host(c->t, org, servers->v[i]);
		for (j = 0; j < nrc; j++) {
			rc = (const struct receive_connector *)rcs[j];
			if (h != NULL ? rc_host(c, rc) == h :
			    (rc->server != NULL && strcasecmp(rc->server,
			    servers->v[i]) == 0))
				break;
		}
		if (j == nrc) {
			rule_undecided(c, anchor, rule_printf(c, "no "
			    "Get-ReceiveConnector export for receiving server "
			    "%s", servers->v[i]), rule_printf(c,
			    "Get-ReceiveConnector -Server %s | Export-Clixml "
			    "-Encoding utf8 %s", ps_quote(c, servers->v[i]),
			    ps_quote(c, rule_printf(c, "Get-ReceiveConnector-"
			    "%s.xml", servers->v[i]))));
			return 0;
		}
	}
	return 1;
}

/* Grant the capability on the receiving servers' default connectors. */
static const char *
capability_fix(struct rule_ctx *c, const struct org *org,
    const struct strlist *servers, int edge, struct obj *const *rcs,
    size_t nrc)
{
	const struct receive_connector	*rc;
	struct buf			 b = { 0 };
	const char			*cn = org_hybrid_cert_cn(c, org), *fix;
	size_t				 i;

	for (i = 0; servers != NULL && i < servers->n; i++)
		buf_printf(&b, "%sSet-ReceiveConnector -Identity %s "
		    "-TlsDomainCapabilities @{Add='mail.protection."
		    "outlook.com:%s'}%s", i > 0 ? "\n" : "",
		    ps_quote(c, rule_printf(c, edge ? "%s\\Default "
		    "internal receive connector %s" : "%s\\Default "
		    "Frontend %s", servers->v[i], servers->v[i])),
		    edge ? "AcceptOorgProtocol" : "AcceptCloudServicesMail",
		    edge && cn != NULL ? rule_printf(c, " -Fqdn %s",
		    ps_quote(c, cn)) : "");
	/* Without a hybrid configuration: the default connectors exported. */
	for (i = 0; servers == NULL && i < nrc; i++) {
		rc = (const struct receive_connector *)rcs[i];
		if (!eligible(c, rc) || (strncasecmp(rc->o.name,
		    "Default Frontend ", 17) != 0 && strncasecmp(rc->o.name,
		    "Default internal receive connector", 34) != 0))
			continue;
		buf_printf(&b, "%sSet-ReceiveConnector -Identity %s "
		    "-TlsDomainCapabilities @{Add='mail.protection."
		    "outlook.com:AcceptCloudServicesMail'}", b.p != NULL ?
		    "\n" : "", ps_quote(c, rc->o.identity));
	}
	/* No connector known by name: the step in words. */
	if (b.p == NULL)
		buf_printf(&b, "# On each Mailbox server, Set-ReceiveConnector "
		    "-TlsDomainCapabilities @{Add='mail.protection."
		    "outlook.com:AcceptCloudServicesMail'} with its Default "
		    "Frontend connector as -Identity");
	if (edge)
		buf_printf(&b, "\n# Run these on each Edge Transport server; "
		    "receive connectors are not replicated by EdgeSync.");
	buf_printf(&b, "\n# Or rerun the Hybrid Configuration Wizard.");
	fix = arena_strdup(c->arena, b.p);
	buf_free(&b);
	return fix;
}

/* A receive connector whose TlsDomainCapabilities the export lacks. */
static const struct receive_connector *
unknown_cap(struct obj *const *rcs, size_t n)
{
	const struct receive_connector	*rc;
	size_t				 i;

	for (i = 0; i < n; i++) {
		rc = (const struct receive_connector *)rcs[i];
		if (rc_exo_capability(rc, NULL) == EXO_CAP_UNKNOWN)
			return rc;
	}
	return NULL;
}

static void
report_org(struct rule_ctx *c, const struct org *org,
    const struct hybrid_config *hc, const struct obj *anchor,
    struct obj *const *rcs, size_t nrc)
{
	const struct receive_connector	*rc;
	const struct strlist		*servers;
	int				 edge;

	servers = hc_receiving(hc, &edge);
	if (!servers_exported(c, org, servers, rcs, nrc, anchor))
		return;
	if ((rc = unknown_cap(rcs, nrc)) != NULL) {
		rule_undecided(c, &rc->o, "TlsDomainCapabilities is not in the "
		    "export", "Get-ReceiveConnector | Export-Clixml -Encoding "
		    "utf8 Get-ReceiveConnector.xml");
		return;
	}
	rule_report(c, anchor, hc != NULL ? (edge ? "EdgeTransportServers" :
	    "ReceivingTransportServers") : NULL, org, org->id, NULL,
	    capability_fix(c, org, servers, edge, rcs, nrc),
	    "organization %s is hybrid (%s %s), but none of its %zu exported "
	    "receive connectors is an enabled Frontend or Edge connector "
	    "granting mail.protection.outlook.com AcceptCloudServicesMail or "
	    "AcceptOorgProtocol; mail from Exchange Online arrives anonymous "
	    "and is treated as external", org->id, kind_name(anchor->kind),
	    anchor->name, nrc);
}

static void
check(struct rule_ctx *c)
{
	const struct hybrid_evidence	*ev;
	const struct hybrid_config	*hc;
	const struct obj		*anchor;
	const struct org		*org;
	struct obj *const		*rcs;
	size_t				 i, nrc;
	int				 good, nf;

	for (i = 0; i < c->m->norgs; i++) {
		org = c->m->orgs[i];
		if (!org->has_onprem || (ev = topo_hybrid(c->t, org)) == NULL)
			continue;
		hc = (const struct hybrid_config *)org_first(org, K_HYBRID);
		anchor = hc != NULL ? &hc->o : ev->o;
		rcs = org->objs[K_RECEIVE];
		nrc = org->nobjs[K_RECEIVE];
		if (nrc == 0) {
			no_export(c, anchor, org, "", K_RECEIVE);
			continue;
		}
		good = 0;
		nf = check_connectors(c, rcs, nrc, &good);
		/* Connector findings explain the organization's problem. */
		if (!good && nf == 0)
			report_org(c, org, hc, anchor, rcs, nrc);
	}
}

const struct lint_rule rule_hyb042 = {
	.id = "HYB042",
	.name = "hybrid-receive-connector-tls",
	.severity = SEV_ERROR,
	.summary = "No enabled receive connector grants Exchange Online the "
	    "hybrid capability after TLS authentication",
	.doc = doc,
	.tags = "hybrid,tls,receive-connector",
	/* medium: mail from Exchange Online loses its hybrid status */
	.security_severity = "5.9",
	.check = check,
	.flags = RULE_HYBRID,
};
