/*
 * topology.h: one graph over everything loaded.
 *
 * Built from the model and never stored back into it: hosts (Exchange
 * servers, Edge servers, gateways, Exchange Online), the certificates each
 * host holds, the tenants (each organization's Exchange Online side) with
 * their accepted domains, inbound connectors and journal rules, and the
 * indexes that answer "which inbound connectors of which tenants accept
 * this certificate name or this address" without a scan over pairs.
 *
 * The relations that need a date or a message (which certificate a host
 * presents, where a message is attributed) are computed on demand by
 * topo_select_cert() here and by sim.c.
 */
#ifndef HL_TOPOLOGY_H
#define HL_TOPOLOGY_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"
#include "model.h"

enum host_kind {
	HOST_SERVER,		/* an on-premises Exchange server */
	HOST_EDGE,		/* an Edge Transport server */
	HOST_GATEWAY,		/* a third-party gateway of the manifest */
	HOST_EXO,		/* Exchange Online's endpoint */
	HOST_EXTERNAL		/* a smart host no input describes */
};

struct hybrid_evidence;

struct host {
	enum host_kind		  kind;
	const char		 *name;		/* FQDN when known */
	const char		 *fqdn;		/* NULL: unknown */
	const char		 *shortname;	/* first label, lower-case */
	struct org		 *org;
	const struct exchange_server *server;
	const struct gateway	 *gateway;
	const struct certificate **certs;
	size_t			  ncerts;
	size_t			  capcerts;
	const char		 *known_from;	/* which export named it */
};

struct tenant {
	struct org		 *org;
	const char		 *name;		/* initial domain, else org id */
	const struct accepted_domain **domains;
	size_t			  ndomains;
	const struct inbound_connector **inbound;
	size_t			  ninbound;
	const struct journal_rule **journal;
	size_t			  njournal;
	const struct outbound_connector **outbound;
	size_t			  noutbound;
	const struct transport_config *transport;	/* NULL: not exported */
	const struct org_config	 *orgcfg;		/* NULL: not exported */
};

struct topo {
	const struct model	 *m;
	struct arena		 *arena;
	int64_t			  asof;		/* the date expiry is judged at */
	struct host		**hosts;
	size_t			  nhosts;
	struct strmap		 *host_key;	/* "org|short" and FQDN -> host */
	struct strmap		 *host_addr;	/* gateway address -> host */
	struct strmap		 *host_thumb;	/* "host|THUMBPRINT" seen */
	struct strmap		 *mx;		/* dns.mx domain -> mxentry */
	const char		**exo_mx;	/* dns.mx domains hosted in EXO */
	size_t			  nexo_mx;
	const char		**org_domain;	/* by org->index, NULL: none */
	struct host		 *exo;
	struct tenant		**tenants;
	size_t			  ntenants;
	struct tenant		**tenant_of;	/* by org->index, NULL: none */
	/* OnPremises inbound connectors of every tenant, live only. */
	struct nameidx		  onprem_by_cert;
	struct ipidx		  onprem_by_ip;
	/* Partner inbound connectors, for the Incoming step. */
	struct nameidx		  partner_by_cert;
	struct ipidx		  partner_by_ip;
	/* Accepted domains of every tenant -> struct accepted_domain. */
	struct domidx		  exo_domains;
	/* ... each also covering every name below it. */
	struct domidx		  exo_suffixes;
	/* On-premises accepted domains -> struct accepted_domain. */
	struct domidx		  onprem_domains;
	/* Hybrid evidence by org->index, NULL: none (roles.h). */
	struct hybrid_evidence	**hybrid;
};

struct topo	*topo_build(const struct model *, int64_t asof);
void		 topo_free(struct topo *);

/* The tenant of an organization, or NULL when it has no EXO side loaded. */
struct tenant	*topo_tenant(const struct topo *, const struct org *);
/*
 * A host by name as a connector names it: an organization's server by
 * short name or FQDN, a gateway by name or address, Exchange Online by
 * its mail.protection.outlook.com / mail.onmicrosoft.com names.  NULL
 * when nothing describes it.
 */
struct host	*topo_find_host(const struct topo *, const struct org *,
		    const char *name);
/* The dns.mx entry of 'domain' (the first given), or NULL. */
const struct mxentry *topo_mx(const struct topo *, const char *domain);
/* Is 'domain' hosted in Exchange Online per dns.mx? 1 yes, 0 no, -1 unknown. */
int		 topo_mx_is_exo(const struct topo *, const char *domain);
/* An organization's own mail domain: default accepted domain first. */
const char	*topo_org_domain(const struct topo *, const struct org *);
/* Is 'domain' one of the tenant's accepted domains (or below one that
 * matches subdomains)? */
int		 topo_tenant_has_domain(const struct topo *,
		    const struct tenant *, const char *domain);
/*
 * The number of labels of the tenant's most specific accepted domain that
 * contains one of the names, 0 for none (a suffix comparison).
 */
int		 topo_tenant_best_labels(const struct topo *,
		    const struct tenant *, const char *const *names, size_t n);
/* Lower-case host names of a certificate: CN and SANs, deduplicated. */
const char	**cert_names(struct arena *, const struct certificate *,
		    size_t *n);
/* Does the certificate cover 'host' (TLS rules: one wildcard label)? */
enum dn_match	 cert_covers(const struct certificate *, const char *host);
int		 cert_is_valid_at(const struct certificate *, int64_t when);
int		 cert_smtp_enabled(const struct certificate *);	/* -1 unknown */
/*
 * Why Exchange Online would not take 'c' as a certificate from a public
 * CA ("it is self-signed", "its RootCAType is Enterprise, not
 * ThirdParty"), or NULL when nothing in the export says so.
 */
const char	*cert_not_public(struct arena *, const struct certificate *);
/*
 * Why 'c' cannot be used for TLS at 'when' ("it expired on 2026-01-31",
 * "it is not valid before ...", "its Status is Invalid"), or NULL.
 */
const char	*cert_unusable(struct arena *, const struct certificate *,
		    int64_t when);
/* One certificate: one record, one thumbprint, else one issuer and subject. */
int		 cert_same(const struct certificate *,
		    const struct certificate *);
/* Does the certificate have the subject (and the issuer, if named) of 'id'? */
int		 cert_has_id(const struct certificate *, const struct x509id *);
/* Is 'a' a better pick than 'b' at 'when': b NULL, or a valid and newer? */
int		 cert_better_at(const struct certificate *a,
		    const struct certificate *b, int64_t when);
/* The certificate a TlsCertificateName names on a host (NULL: none). */
const struct certificate *host_named_cert(const struct host *,
		    const struct x509id *, int64_t when);

/* How an on-premises host picks the certificate it presents. */
enum certsel_how {
	SEL_EXPLICIT,		/* TlsCertificateName, issuer + subject */
	SEL_FQDN,		/* connector Fqdn matched a certificate name */
	SEL_SERVER_FQDN,	/* no Fqdn: the server's FQDN did */
	SEL_FALLBACK,		/* Fqdn matched nothing: inferred fallback */
	SEL_GATEWAY,		/* the gateway's declared certificate */
	SEL_NONE		/* nothing presentable */
};

struct certsel {
	const struct certificate *cert;		/* NULL: none */
	enum certsel_how	  how;
	const struct host	 *host;		/* who presents it */
	const struct send_connector *sc;	/* over which, or NULL */
	const char		 *sought;	/* the name or identity sought */
	int			  explicit_missing; /* TlsCertificateName not found */
	int			  by_server_fqdn; /* SEL_FALLBACK: by the FQDN, not
						   the default certificate */
	const struct certificate *candidates[8];
	size_t			  ncandidates;	/* >1: ambiguous */
	int			  inferred;	/* rests on an inference */
};

/*
 * Why: one sentence, rendered when a trace or a report shows it (the
 * selection itself is data: a run at MSP scale makes tens of thousands).
 */
const char	*certsel_reason(struct arena *, const struct certsel *);

/*
 * Which certificate 'h' presents when it sends over 'sc' (NULL: no
 * connector, the host's own defaults).
 */
void	topo_select_cert(const struct topo *, const struct host *,
	    const struct send_connector *, struct certsel *);

/* The FQDN a host announces for a connector: Fqdn, else the server's. */
const char *topo_connector_fqdn(const struct host *,
	    const struct send_connector *);

#endif
