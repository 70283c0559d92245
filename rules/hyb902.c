/*
 * HYB902 reference-unresolved: a connector names a server, a smart host,
 * a certificate or a connector that no export describes, so what happens
 * beyond it is unknown.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  hybridlint follows mail along what the exports describe. When a send\n"
"  connector's smart host is neither an Exchange Online endpoint, nor a\n"
"  gateway declared in topology.json, nor a server of the organization;\n"
"  when a connector's source server has no certificate export; or when\n"
"  Get-OnPremisesOrganization names a connector that no export contains,\n"
"  the path stops there. Rules that need what lies beyond cannot see it:\n"
"  a gateway that relays for several organizations and presents a\n"
"  certificate some tenant accepts (HYB001) stays invisible until it is\n"
"  declared.\n"
"\n"
"How to fix\n"
"  Declare third-party gateways in topology.json (\"gateways\": id, name,\n"
"  addresses, certificate, operated_by), export the certificates of every\n"
"  server that sends to Exchange Online (Get-ExchangeCertificate -Server),\n"
"  and export the connectors Get-OnPremisesOrganization names.\n"
"\n"
"Source\n"
"  hybridlint(1), section INPUT (what each export must hold).\n"
"  Set-SendConnector,\n"
"  SmartHosts and SourceTransportServers:\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-sendconnector\n"
"  Set-OnPremisesOrganization, InboundConnector and OutboundConnector:\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-onpremisesorganization\n";

/* Does the tenant have an inbound (K_INBOUND) or outbound connector 'name'? */
static int
has_connector(const struct tenant *tn, enum kind k, const char *name)
{
	const struct obj	*o;
	size_t			 i, n;

	n = tn == NULL ? 0 : k == K_INBOUND ? tn->ninbound : tn->noutbound;
	for (i = 0; i < n; i++) {
		o = k == K_INBOUND ? &tn->inbound[i]->o : &tn->outbound[i]->o;
		if (strcmp(o->name, name) == 0 ||
		    strcmp(o->identity, name) == 0)
			return 1;
	}
	return 0;
}

/* The export of all connectors of a kind: a pipeline, so comment lines. */
static const char *
reexport(struct rule_ctx *c, enum kind k)
{
	return rule_printf(c, "# Export the connectors, then run hybridlint "
	    "again (a pipeline: run it by hand):\n"
	    "#   %s", reexport_cmd(c, kind_cmdlet(k)));
}

static void
check(struct rule_ctx *c)
{
	const struct send_connector	*sc;
	const struct onprem_org		*op;
	const struct host		*h;
	size_t				 i, j;
	int				 manifest = c->m->has_manifest;

	MODEL_FOREACH(c->m, K_SEND, const struct send_connector, sc, i) {
		if (sc->o.enabled == 0)
			continue;
		for (j = 0; j < sc->nsmart_hosts; j++) {
			if (topo_find_host(c->t, sc->o.org,
			    sc->smart_hosts[j].host) != NULL)
				continue;
			rule_report(c, &sc->o, "SmartHosts", NULL,
			    sc->smart_hosts[j].host, NULL, manifest ?
			    rule_printf(c, "# In topology.json, \"gateways\":\n"
			    "#   { \"id\": \"...\", \"name\": \"%s\", "
			    "\"addresses\": [\"...\"], \"certificate\": "
			    "\"gateways/....pem\" }",
			    fix_note(c, sc->smart_hosts[j].host)) : NULL,
			    "send connector '%s' uses smart host %s, which no "
			    "input describes; mail beyond it is not followed%s",
			    sc->o.name, sc->smart_hosts[j].host, manifest ?
			    " (declare it as a gateway in topology.json)" :
			    " (declare it in a topology.json manifest)");
		}
		for (j = 0; j < sc->source_servers.n; j++) {
			h = topo_find_host(c->t, sc->o.org,
			    sc->source_servers.v[j]);
			if (h == NULL || h->ncerts > 0 || !sc_to_exo(sc))
				continue;
			rule_report(c, &sc->o, "SourceTransportServers", NULL,
			    h->shortname, NULL, cert_export(c,
			    h->shortname, h->shortname),
			    "send connector '%s' sends from %s, whose "
			    "certificates no export contains; the certificate "
			    "it presents to Exchange Online is unknown",
			    sc->o.name, h->name);
		}
	}
	MODEL_FOREACH(c->m, K_ONPREMORG, const struct onprem_org, op, i) {
		if (op->inbound_connector != NULL &&
		    !has_connector(topo_tenant(c->t, op->o.org), K_INBOUND,
		    op->inbound_connector))
			rule_report(c, &op->o, "InboundConnector", NULL,
			    op->inbound_connector, NULL,
			    reexport(c, K_INBOUND),
			    "on-premises organization '%s' names inbound "
			    "connector '%s', which no export contains",
			    op->o.name, op->inbound_connector);
		if (op->outbound_connector != NULL &&
		    !has_connector(topo_tenant(c->t, op->o.org), K_OUTBOUND,
		    op->outbound_connector))
			rule_report(c, &op->o, "OutboundConnector", NULL,
			    op->outbound_connector, NULL,
			    reexport(c, K_OUTBOUND),
			    "on-premises organization '%s' names outbound "
			    "connector '%s', which no export contains",
			    op->o.name, op->outbound_connector);
	}
}

const struct lint_rule rule_hyb902 = {
	.id = "HYB902",
	.name = "reference-unresolved",
	.severity = SEV_NOTE,
	.summary = "A connector names a server, smart host or connector that "
	    "no export describes",
	.doc = doc,
	.tags = "input",
	/* low: input quality; a reference is missing */
	.security_severity = "1.0",
	.check = check,
};
