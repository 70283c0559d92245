/*
 * sim.h: how mail reaches Exchange Online and which tenant it lands in.
 *
 * A flow is one way an organization's mail can reach Exchange Online: a
 * send connector, the server that sends over it, the next hop (Exchange
 * Online directly, a gateway that relays, or DNS), the host that finally
 * connects to Exchange Online and the certificate it presents, and the
 * recipient domain.  For each flow the simulator decides what Exchange
 * Online decides (Message Center MC1226222 "Prevent/Fix: Guidance for
 * On-Premises Connectors Configuration", and the Exchange Team Blog's
 * "Office 365 Message Attribution"):
 *
 *  1. certificate: the presented certificate's CN and SANs against the
 *     TlsSenderCertificateName of OnPremises inbound connectors of ALL
 *     tenants; among the tenants matched, the one whose accepted domain
 *     matches the certificate domain most specifically.  The sender's
 *     domain plays no part.  Originating.
 *  2. IP: the connecting address against SenderIPAddresses of OnPremises
 *     connectors, narrowed to the tenant whose accepted domains contain
 *     the MAIL FROM domain.  Originating.
 *  3. recipient: the tenant whose accepted domain contains the RCPT TO
 *     domain; a Partner connector of it if one matches.  Incoming.
 *
 * Every decision records its reason; reasons that rest on an inference
 * rather than documented behaviour say so.  Rules and `trace` read the
 * flows; they never re-derive attribution.
 */
#ifndef HL_SIM_H
#define HL_SIM_H

#include <stddef.h>

#include "topology.h"

enum attr_step {
	ATTR_NONE,		/* the route does not reach Exchange Online */
	ATTR_CERT,
	ATTR_IP,
	ATTR_RCPT
};

struct exomatch {
	const struct inbound_connector	*ic;
	const struct tenant		*tenant;
	enum dn_match			 how;	/* certificate matches */
	const char			*name;	/* cert name or address */
	int				 by_ip;
};

struct hop {
	const char		*text;		/* one line for trace */
	const struct obj	*obj;		/* the record it rests on */
};

struct flow {
	struct org			*org;		/* the sender */
	const struct send_connector	*sc;
	const struct host		*source;	/* sending server */
	const struct smarthost		*smarthost;	/* NULL: DNS */
	const struct host		*presenter;	/* connects to EXO */
	struct certsel			 sel;
	const char			*mail_from;	/* domain */
	const char			*rcpt;		/* NULL: any EXO domain */
	int				 rcpt_assumed;	/* no dns.mx entry */
	int				 reaches_exo;
	const char			*why_not;	/* when it does not */
	struct exomatch			*matches;	/* OnPremises, all tenants */
	size_t				 nmatches;
	enum attr_step			 step;
	const struct tenant		*tenant;	/* NULL: not in inputs */
	const struct inbound_connector	*ic;
	int				 originating;
	int				 foreign;
	int				 ambiguous;
	const char			*attribution;	/* the sentence */
	const struct journal_rule	**journal;	/* rules that capture */
	size_t				 njournal;
	struct hop			*hops;
	size_t				 nhops;
};

struct sim {
	struct topo	 *t;
	struct arena	 *arena;
	struct flow	**flows;
	size_t		  nflows;
};

/* A simulator with no flows yet (for sim_trace). */
struct sim	*sim_new(struct topo *);
/* Every flow of every organization into Exchange Online. */
struct sim	*sim_run(struct topo *);
void		 sim_free(struct sim *);

/*
 * One message: from an organization id or a host name, MAIL FROM and
 * RCPT TO addresses (or bare domains).  Returns the flows the message can
 * take (one per source server and next hop) in a malloc'd array, or NULL
 * after an error in diags.
 */
struct flow	**sim_trace(struct sim *, const char *from,
		    const char *mail_from, const char *rcpt_to, size_t *n,
		    struct diags *);

/* "setebos -> SendConnector 'Internet' -> mx01... -> tenant x". */
const char	*flow_path(struct arena *, const struct flow *);

#endif
