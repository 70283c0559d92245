/*
 * roles.h: the part connectors play in mail flow, read from the graph.
 *
 * Which organizations show an Exchange hybrid deployment, and by what:
 * every tenant has a <tenant>.mail.onmicrosoft.com coexistence domain,
 * hybrid or not, so that domain proves nothing.  What does: a
 * HybridConfiguration object, an object the Hybrid Configuration Wizard
 * creates (its connectors "Inbound from <GUID>", "Outbound to <GUID>",
 * "Outbound to Office 365 - <GUID>", ConnectorSource HybridWizard, the
 * OnPremisesOrganization object), an OnPremises outbound connector that
 * delivers to the organization's own servers, or an on-premises send
 * connector for the coexistence domain.  Computed once per organization
 * when the graph is built.
 *
 * Which connectors serve an email add-on service (Microsoft's "Integrate
 * Exchange Online with an email add-on service"): an outbound connector
 * with IsTransportRuleScoped $true to the service, which mail reaches only
 * when a mail flow rule redirects it there, and an inbound connector that
 * accepts the certificate the service presents when it returns the mail.
 * A service declared in topology.json (a gateway with "addon_for") is
 * known by name and certificate; one that is not is paired by name with
 * the tenant's transport-rule-scoped connector, and that rests on an
 * inference.
 */
#ifndef HL_ROLES_H
#define HL_ROLES_H

#include "topology.h"

/* What shows an organization's hybrid deployment, strongest first. */
enum hybrid_sign {
	HYBRID_NONE,
	HYBRID_CONFIG,		/* a HybridConfiguration object */
	HYBRID_WIZARD,		/* an object the wizard creates */
	HYBRID_OUTBOUND,	/* outbound connector to its servers */
	HYBRID_COEXISTENCE	/* send connector, coexistence domain */
};

struct hybrid_evidence {
	enum hybrid_sign	 sign;
	const struct obj	*o;	/* the object that shows it */
	const char		*text;	/* one sentence, arena-owned */
};

/* Compute every organization's evidence (topo_build calls it). */
void	roles_build(struct topo *);

/* An organization's hybrid evidence; NULL: it shows none. */
const struct hybrid_evidence *topo_hybrid(const struct topo *,
	    const struct org *);

/*
 * An email add-on service a connector serves: the gateway topology.json
 * declares for it (or NULL), its transport-rule-scoped outbound connector
 * (when known), its name as findings give it, and whether it was
 * recognised by name only.
 */
struct addon {
	const struct gateway		*gw;
	const struct outbound_connector	*oc;
	const char			*name;
	int				 inferred;
};

/* The add-on service whose certificate an inbound connector accepts: 1. */
int	topo_ic_addon(const struct topo *, const struct inbound_connector *,
	    struct addon *);
/*
 * The add-on service an outbound connector delivers to: 1.  A declared
 * service by its name or address; else, for a transport-rule-scoped
 * connector, whatever it delivers to that is no server of the
 * organization (inferred).
 */
int	topo_oc_addon(const struct topo *, const struct outbound_connector *,
	    struct addon *);
/* Does a declared add-on service of 'org' present a name 'pattern' takes? */
const struct gateway *topo_addon_presenting(const struct topo *,
	    const struct org *, const char *pattern);

#endif
