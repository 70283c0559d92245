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
 *     domain; a Partner connector of it if one matches.  Incoming.  A
 *     Partner connector that restricts the MAIL FROM domain to its
 *     certificate or addresses rejects a connection that matches
 *     neither (New-InboundConnector, RestrictDomainsToCertificate and
 *     RestrictDomainsToIPAddresses).
 *
 * Certificate matching takes only a certificate from a public CA:
 * Exchange Online requires one for certificate-based OnPremises
 * connectors ("Certificate requirements for hybrid deployments", "Set up
 * connectors to route mail between Microsoft 365 and your own email
 * servers"); a name match of any other is recorded as refused.
 *
 * Before any of that, TLS must succeed.  A route whose sending side
 * cannot complete it stops there and its message queues: the send
 * connector's TlsCertificateName names no certificate the server holds,
 * or one that is expired, not Valid or not enabled for SMTP (454 4.7.5,
 * NoCredentials: the archived Microsoft blog "Mailflow issue from
 * Exchange On-Prem to Office 365", KB 3156771); a connector to Exchange
 * Online presents a certificate not from a public CA (454 4.7.0
 * UntrustedRoot, KB 2888788); a gateway presents a certificate expired
 * at the run's date.  Such a flow is never attributed.
 *
 * What Exchange Online decides depends on the presented certificate, the
 * connecting address, the MAIL FROM domain and the recipient's tenant,
 * not on which of a sender's recipient domains is named: it is decided
 * once per equivalence class (struct attrib) and flows refer to it; a
 * route's recipient domains that fall into one class make one flow.
 * Every decision is recorded as data (struct decision) and narrated only
 * when read; those that rest on an inference rather than documented
 * behaviour say so.  Rules and `trace` read the flows; they never
 * re-derive attribution.
 */
#ifndef HL_SIM_H
#define HL_SIM_H

#include <stddef.h>

#include "strmap.h"
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

/*
 * One decision on the way, as data: what was decided (kind), the record
 * it rests on (obj), its inputs (a, b: hosts, certificates, connectors,
 * tenants; s: a name or address; n: numbers), and whether it rests on an
 * inference.  decision_text() narrates it only when someone reads it
 * (trace), and the same decision is shared by every flow it concerns.
 */
enum decision_kind {
	DEC_SEND,		/* a: host (source) */
	DEC_PICKED,		/* trace: the connector wins; s: rcpt */
	DEC_SMARTHOST_UNKNOWN,	/* s: smart host; the route stops */
	DEC_SMARTHOST_GATEWAY,	/* a: host (gateway) */
	DEC_SMARTHOST_EXO,
	DEC_SMARTHOST_SERVER,	/* a: host; the route stops */
	DEC_DNS,
	DEC_MX_NOT_EXO,		/* s: rcpt; the route stops */
	DEC_NO_SOURCE,		/* the route stops */
	DEC_PRESENT,		/* a: host (presenter) */
	DEC_TLS_FAILS,		/* a: host; s: why; n1: tls_fail; n2: queues */
	DEC_GATEWAY_RELAY,	/* trace from a gateway: a: host */
	DEC_GATEWAY_PRESENT,	/* a: host */
	DEC_ENVELOPE,
	DEC_CERT_MATCH,		/* a: struct exomatch */
	DEC_CERT_NO_MATCH,
	DEC_CERT_REFUSED,	/* n1: index in refused; s: why not public */
	DEC_REJECTED,		/* obj: Partner connector; s: what it wants */
	DEC_RESTRICT_UNKNOWN,	/* obj: Partner connector (by addresses) */
	DEC_IP_MATCH,		/* a: struct exomatch */
	DEC_ATTRIBUTED,
	DEC_JOURNAL		/* obj: the journal rule */
};

struct decision {
	const struct obj	*obj;		/* the record it rests on */
	const void		*a;
	const char		*s;
	enum decision_kind	 kind;
	int			 n1;
	int			 n2;
	int			 inferred;
};

/* Why the sending side cannot complete TLS with Exchange Online. */
enum tls_fail {
	TLSF_NONE,
	TLSF_NOT_FOUND,		/* TlsCertificateName: nothing held */
	TLSF_UNUSABLE,		/* ... names one expired, not Valid, no SMTP */
	TLSF_EXPIRED,		/* a gateway's certificate at the date */
	TLSF_UNTRUSTED		/* not from a public CA, to Exchange Online */
};

struct route;
struct attrib;

struct flow {
	struct org			*org;		/* the sender */
	const struct send_connector	*sc;
	const struct host		*source;	/* sending server */
	const struct smarthost		*smarthost;	/* NULL: DNS */
	const struct host		*presenter;	/* connects to EXO */
	struct certsel			 sel;
	const char			*mail_from;	/* domain */
	const char			*rcpt;		/* rcpts[0], NULL: any */
	const char			**rcpts;	/* recipient domains */
	size_t				 nrcpts;
	int				 rcpt_assumed;	/* no dns.mx entry */
	int				 reaches_exo;	/* and is attributed */
	const char			*why_not;	/* when it does not */
	enum tls_fail			 tls_fail;
	int				 queued;	/* TLS fails: it queues */
	int				 rejected;	/* by a Partner connector */
	const struct inbound_connector	*rejected_by;
	const struct exomatch		*matches;	/* OnPremises, all tenants */
	size_t				 nmatches;
	const struct exomatch		*refused;	/* names match, not CA */
	size_t				 nrefused;
	enum attr_step			 step;
	const struct tenant		*tenant;	/* NULL: not in inputs */
	const struct inbound_connector	*ic;
	int				 originating;
	int				 foreign;
	int				 ambiguous;
	const struct journal_rule	**journal;	/* rules that capture */
	size_t				 njournal;
	const struct route		*route;		/* shared by flows */
	const struct attrib		*at;		/* shared by flows */
	const struct decision		*dec;		/* the flow's own */
	size_t				 ndec;
};

struct sim {
	struct topo	 *t;
	struct arena	 *arena;
	/* Flows Exchange Online accepts and attributes. */
	struct flow	**flows;
	size_t		  nflows;
	size_t		  capflows;
	/* Every flow that presents a certificate to Exchange Online: those
	 * above and those whose TLS fails (queued). */
	struct flow	**sent;
	size_t		  nsent;
	size_t		  capsent;
	struct strmap	 *cache;	/* attribution by equivalence class */
	struct strmap	 *by_ic;	/* ptr_key(connector) -> flows */
	struct strmap	 *by_org;	/* ptr_key(organization) -> flows */
	struct blobset	 *rcpt_lists;	/* flows' recipient lists, once */
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
/* The flows attributed to a connector, and those of an organization. */
struct flow *const *sim_flows_of_ic(const struct sim *,
		    const struct inbound_connector *, size_t *n);
struct flow *const *sim_flows_of_org(const struct sim *, const struct org *,
		    size_t *n);
/*
 * Every decision of a flow, in order (the route's, Exchange Online's,
 * the journal rules'), in a malloc'd array; *n its length.
 */
const struct decision **flow_decisions(const struct flow *, size_t *n);
/* One decision as trace narrates it. */
const char	*decision_text(struct arena *, const struct flow *,
		    const struct decision *);
/* The attribution as one sentence. */
const char	*flow_attribution(struct arena *, const struct flow *);
/*
 * What is said, the same way wherever it matters, when connectors of
 * several tenants accept a certificate and their accepted domains match
 * it equally well (flow.ambiguous): Exchange Online's choice is not
 * documented, and hybridlint follows the first.
 */
extern const char sim_tie_text[];
/*
 * Does the flow end as its sender's organization expects?  Not when it
 * queues, is rejected, lands in another organization's tenant, or lands
 * in the sender's own tenant as Incoming; a route that leaves Exchange
 * Online's part (MX elsewhere) is not judged (1).
 */
int		 flow_as_expected(const struct topo *, const struct flow *);

#endif
