/*
 * HYB062 hybrid-config-server-roles.
 *
 * HybridConfiguration names the servers of the hybrid mail path either as
 * Sending/ReceivingTransportServers (Mailbox servers) or as
 * EdgeTransportServers, never both.  Flags both lists set together, an
 * Edge entry that Get-ExchangeServer shows is not an Edge Transport
 * server, and a sending or receiving entry that is one.
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  The hybrid configuration tells the Hybrid Configuration Wizard which\n"
"  servers carry hybrid mail: SendingTransportServers (the source servers\n"
"  of the send connector to Exchange Online) and ReceivingTransportServers\n"
"  (the servers whose receive connectors accept Exchange Online's mail),\n"
"  or, when Edge Transport servers are in the path, EdgeTransportServers\n"
"  instead of both. With both kinds set, or with a server in the wrong list,\n"
"  the wizard configures the connectors and certificates on the wrong\n"
"  servers: the send connector's SourceTransportServers, the receive\n"
"  connector that gets TlsDomainCapabilities and the certificate it binds\n"
"  do not match where mail actually flows, and hybrid mail is sent or\n"
"  received without the hybrid settings (on-premises senders shown as\n"
"  external, TLS or attribution failures).\n"
"\n"
"Why Exchange does it\n"
"  Set-HybridConfiguration documents that EdgeTransportServers cannot be\n"
"  used together with SendingTransportServers and ReceivingTransportServers:\n"
"  with Edge, those two must be $null. Health Checker checks the same. The\n"
"  Edge lists only make sense for Edge Transport servers (subscribed by\n"
"  EdgeSync), the other two only for Mailbox servers.\n"
"\n"
"How to confirm\n"
"  Get-HybridConfiguration | Format-List SendingTransportServers,\n"
"    ReceivingTransportServers,EdgeTransportServers\n"
"  Get-ExchangeServer | Format-Table Name,ServerRole,IsEdgeServer\n"
"\n"
"How to fix\n"
"  With Edge Transport servers in the hybrid path:\n"
"    Set-HybridConfiguration -SendingTransportServers $null\n"
"        -ReceivingTransportServers $null\n"
"  Without them:\n"
"    Set-HybridConfiguration -EdgeTransportServers $null\n"
"  Put each server in the list for its role, then rerun the Hybrid\n"
"  Configuration Wizard so the connectors follow.\n"
"\n"
"Source\n"
"  Set-HybridConfiguration (EdgeTransportServers, SendingTransportServers,\n"
"  ReceivingTransportServers):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-hybridconfiguration\n"
"  \"Edge Transport servers with hybrid deployments\":\n"
"  https://learn.microsoft.com/exchange/edge-transport-servers\n"
"  CSS-Exchange Health Checker, hybrid information:\n"
"  https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/\n"
"  Inference: the consequences of a server in the wrong list follow from\n"
"  what the wizard configures on the listed servers; no document\n"
"  describes them.\n";

/* What Get-ExchangeServer says a listed server is: 1 Edge, 0 not, -1 ?. */
static int
is_edge(struct rule_ctx *c, const struct hybrid_config *hc, const char *name,
    const struct exchange_server **es)
{
	const struct host	*h = topo_find_host(c->t, hc->o.org, name);

	*es = h != NULL ? h->server : NULL;
	if (*es == NULL || (*es)->is_edge == TB_UNKNOWN)
		return -1;
	return (*es)->is_edge == 1;
}

static const char *
role_of(const struct exchange_server *es)
{
	return es->roles_text != NULL ? es->roles_text :
	    es->is_edge == 1 ? "Edge" : "not Edge";
}

static void
check_list(struct rule_ctx *c, const struct hybrid_config *hc,
    const struct strlist *l, const char *prop, int want_edge)
{
	const struct exchange_server	*es;
	size_t				 i;
	int				 e;

	for (i = 0; i < l->n; i++) {
		if ((e = is_edge(c, hc, l->v[i], &es)) < 0 || e == want_edge)
			continue;
		rule_report(c, &hc->o, prop, NULL, rule_printf(c, "%s:%s",
		    prop, l->v[i]), NULL, rule_printf(c,
		    "Set-HybridConfiguration -%s @{Remove=%s}\n"
		    "# %s\n"
		    "# Then rerun the Hybrid Configuration Wizard.", prop,
		    ps_quote(c, l->v[i]), want_edge ?
		    rule_printf(c, "If %s should carry hybrid mail, list it "
		    "in SendingTransportServers and ReceivingTransportServers "
		    "instead (and no Edge servers).", fix_note(c, l->v[i])) :
		    rule_printf(c, "If the Edge Transport server %s "
		    "carries hybrid mail, list it in EdgeTransportServers and "
		    "set SendingTransportServers and ReceivingTransportServers "
		    "to $null.", fix_note(c, l->v[i]))),
		    "hybrid configuration '%s' lists %s in %s, but "
		    "Get-ExchangeServer shows %s is %s (ServerRole %s)",
		    hc->o.name, l->v[i], prop, es->o.name, want_edge ?
		    "not an Edge Transport server" : "an Edge Transport server",
		    role_of(es));
	}
}

static void
check(struct rule_ctx *c)
{
	const struct hybrid_config	*hc;
	size_t				 i;

	MODEL_FOREACH(c->m, K_HYBRID, const struct hybrid_config, hc, i) {
		if (hc->edge_servers.n > 0 && (hc->sending_servers.n > 0 ||
		    hc->receiving_servers.n > 0))
			rule_report(c, &hc->o, "EdgeTransportServers", NULL,
			    "EdgeTransportServers", NULL, rule_printf(c,
			    "# If the Edge Transport servers carry hybrid mail:\n"
			    "Set-HybridConfiguration -SendingTransportServers "
			    "$null -ReceivingTransportServers $null\n"
			    "# Otherwise:\n"
			    "Set-HybridConfiguration -EdgeTransportServers $null\n"
			    "# Then rerun the Hybrid Configuration Wizard."),
			    "hybrid configuration '%s' sets EdgeTransportServers "
			    "(%s) together with SendingTransportServers (%s) and "
			    "ReceivingTransportServers (%s); with Edge Transport "
			    "servers the other two must be empty", hc->o.name,
			    join_list(c, &hc->edge_servers, "none"),
			    join_list(c, &hc->sending_servers, "none"),
			    join_list(c, &hc->receiving_servers, "none"));
		check_list(c, hc, &hc->edge_servers, "EdgeTransportServers", 1);
		check_list(c, hc, &hc->sending_servers,
		    "SendingTransportServers", 0);
		check_list(c, hc, &hc->receiving_servers,
		    "ReceivingTransportServers", 0);
	}
}

const struct lint_rule rule_hyb062 = {
	.id = "HYB062",
	.name = "hybrid-config-server-roles",
	.severity = SEV_WARNING,
	.summary = "The hybrid configuration lists Edge and Mailbox transport "
	    "servers together, or a server in the list for the other role",
	.doc = doc,
	.tags = "hybrid,edge,servers",
	/* low: inconsistent hybrid configuration */
	.security_severity = "2.5",
	.check = check,
	.flags = RULE_HYBRID,
};
