/*
 * query.h: questions rules ask of the graph and the simulated flows,
 * and small helpers for the text of findings.  Everything returned lives
 * in the run's scratch arena (c->arena) unless it says otherwise.
 */
#ifndef HL_QUERY_H
#define HL_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "lint.h"
#include "waiver.h"

/* Arena-allocated printf in the scratch arena. */
char	*rule_printf(struct rule_ctx *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Every value from an input in a fix line: a PowerShell single-quoted
 * literal ('it''s'), or a marker that keeps the line from being printed
 * when no literal can carry the value (linter/fixtext.h).  A list as
 * 'a','b'.  Text from an input in a comment line: fix_note().
 */
const char *ps_quote(struct rule_ctx *, const char *);
const char *ps_quote_list(struct rule_ctx *, const struct strlist *);
const char *fix_note(struct rule_ctx *, const char *);
/*
 * The -TlsCertificateName value that names 'cert' ('<I>issuer<S>subject',
 * quoted), or NULL when the export does not carry its issuer and subject.
 */
const char *tls_cert_name_arg(struct rule_ctx *, const struct certificate *);
/*
 * Is 's' a value for a parameter that takes a domain name (-TlsDomain,
 * -TlsSenderCertificateName, -Fqdn): a host or domain name with at least
 * two labels (a leading "*." allowed), never an IP address literal?
 */
int	 domain_arg_ok(const char *s);
/* v[0..n) without v[skip] (JOIN_ALL: none) joined by sep; none if empty. */
#define JOIN_ALL	((size_t)-1)
const char *join_strs(struct rule_ctx *, const char *const *v, size_t n,
	    size_t skip, const char *sep, const char *none);
/* A list's entries joined by ", ", or 'none' when it is empty. */
const char *join_list(struct rule_ctx *, const struct strlist *,
	    const char *none);
/* A stable key for a pointer in a strmap ('len' 32 is enough). */
const char *ptr_key(char *buf, size_t len, const void *);
/* ... and for a pair of pointers ('len' 64). */
const char *ptr_pair_key(char *buf, size_t len, const void *, const void *);
/* The domain of a wildcard pattern "*.contoso.com", else the pattern. */
const char *wild_base(const char *);
/* Days from the run date to an epoch (negative: past). */
int64_t	 days_until(const struct rule_ctx *, int64_t when);

/*
 * The line that exports a cmdlet's objects whole as JSON (a pipeline, for
 * comments and re-export advice), deep enough for every Exchange object
 * hybridlint reads.
 */
#define REEXPORT_DEPTH_TEXT	"10"
const char *reexport_cmd(struct rule_ctx *, const char *cmdlet);

/* HYB901 when 'prop' is absent from o's export or truncated; 1 if so. */
int	 not_exported(struct rule_ctx *, const struct obj *o, const char *prop,
	    const char *reexport);
/* HYB901 on 'o': no ('side': "on-premises ", or "") export of kind k. */
void	 no_export(struct rule_ctx *, const struct obj *o,
	    const struct org *, const char *side, enum kind);

/* The distinct Exchange and Edge source servers of a send connector. */
size_t	 sc_source_hosts(struct rule_ctx *, const struct send_connector *,
	    const struct host **, size_t max);
/*
 * Does every source server of sc hold what a value of the connector
 * would need on all of them (EdgeSync gives every Edge the same Fqdn and
 * TlsCertificateName)?  'like': a certificate with its issuer and
 * subject; else 'name': a certificate from a public CA, valid and not
 * disabled for SMTP, that carries the name exactly.
 */
int	 sc_sources_hold(struct rule_ctx *, const struct send_connector *,
	    const struct certificate *like, const char *name);
/*
 * The renewal of what 'id' names on h: a certificate with its subject,
 * else its CN, not self-signed, not disabled for SMTP, valid at the
 * run's date (the newest); NULL when none.
 */
const struct certificate *host_renewal(struct rule_ctx *,
	    const struct host *h, const struct x509id *id);
/* The fix's EdgeSync note when a source server is an Edge, else "". */
const char *sc_edgesync_note(struct rule_ctx *, const struct send_connector *);

/* The tenant's HCW TlsCertificateName subject CN, from HybridConfiguration. */
const char *org_hybrid_cert_cn(struct rule_ctx *, const struct org *);
/* The name of an organization's tenant, else the organization's id. */
const char *org_tenant_name(struct rule_ctx *, const struct org *);
/* The tenant's centralized mail transport connector, or NULL. */
const struct outbound_connector *tenant_cmt(const struct tenant *);

/*
 * Each organization's flows over its connectors to Exchange Online, by
 * ptr_key(org): its intended path, attributed or queued (f->queued).
 */
struct strmap *own_flows(struct rule_ctx *);
/*
 * Is what a flow presents to Exchange Online a fault of its sending side,
 * which another rule reports?  TLS failed (HYB031, HYB033, HYB034), the
 * certificate is a modelled fallback or none (HYB030), or it is not from
 * a public CA (HYB035).  Rules about attribution leave such flows alone.
 */
int	 flow_send_fault(struct rule_ctx *, const struct flow *);
/* The CN a hybrid flow among 'flows' presents by name, not self-signed. */
const char *hybrid_cn(void *const *flows, size_t n);
/*
 * The step before narrowing 'ic' to 'name' ("" if none), as comment
 * lines ending in a newline: the hybrid send connector's certificate fix
 * when its mail would be cut off (it presents a certificate 'name' does
 * not cover) or queues today (its TLS with Exchange Online fails).
 */
const char *narrow_first(struct rule_ctx *, void *const *own, size_t nown,
	    const struct inbound_connector *ic, const char *name);
/*
 * "\n# The Hybrid Configuration Wizard owns this connector: ..." when it
 * does (choose the certificate 'name' when rerunning it), else "".
 */
const char *hcw_owns_note(struct rule_ctx *, const struct inbound_connector *,
	    const char *name);
/* A hybrid flow through 'ic' that accepting only 'name' would cut off. */
const struct flow *hybrid_cut_off(void *const *flows, size_t n,
	    const struct inbound_connector *ic, const char *name);

/* A server's name as Exchange cmdlets take it. */
const char *srv_name(const struct host *);
/* A certificate as findings name it: "CN=x (thumbprint)". */
const char *cert_title(struct rule_ctx *, const struct certificate *);
/*
 * Comment lines, to be run by hand: Get-ExchangeCertificate [-Server s]
 * (s a literal) to a JSON file named after 'file' when it is a plain name.
 */
const char *cert_export(struct rule_ctx *, const char *server,
	    const char *file);

/* A certificate mail flow depends on: its first use and how many more. */
struct cert_use {
	const struct certificate *cert;
	const struct host	*h;		/* where it is used, or NULL */
	const char		*what;		/* "... names it" */
	const char		*path;		/* evidence path, or NULL */
	size_t			 more;
};

struct cert_uses {
	struct strmap		*idx;		/* ptr_key(cert) -> index */
	struct cert_use		*v;
	size_t			 n;
	size_t			 cap;
	int			 exchange_only;	/* not gateways' certificates */
};

/* Start an empty list ('exchange_only': on Exchange servers only). */
void	 cert_uses_init(struct cert_uses *, int exchange_only);
/* Add a use of 'cert' (NULL: nothing); a known certificate counts 'more'. */
void	 cert_uses_add(struct rule_ctx *, struct cert_uses *,
	    const struct certificate *, const struct host *, const char *what,
	    const char *path);
/*
 * Add what TlsCertificateName of connectors and HybridConfiguration names,
 * and a certificate a connector to Exchange Online selects by its Fqdn
 * but cannot use (fqdn_cert_unusable()).
 */
void	 cert_uses_named(struct rule_ctx *, struct cert_uses *);
/*
 * A certificate on h enabled for SMTP that carries the Fqdn sc selects by
 * (no TlsCertificateName), but is expired, not yet valid or not Valid at
 * the run's date: the server cannot use it and falls back.  NULL: none.
 */
const struct certificate *fqdn_cert_unusable(struct rule_ctx *,
	    const struct host *h, const struct send_connector *sc);
/* " (and 2 more uses)" for a certificate used more than once, else "". */
const char *cert_uses_more(struct rule_ctx *, const struct cert_use *);
/* Free what the list holds. */
void	 cert_uses_free(struct cert_uses *);

/*
 * What relies on a gateway in front of Exchange Online: an enabled
 * inbound connector (OnPremises or Partner) that names a name of its
 * certificate or lists one of its addresses, or the MX of a domain a
 * loaded tenant accepts.  Whatever relies on it makes it a mail flow.
 */
struct gw_use {
	const struct inbound_connector	*ic;	/* NULL: the MX */
	const struct tenant		*tenant;
	const char			*what;	/* "... accepts it ..." */
	const char			*path;	/* evidence path */
	int				 by_cert; /* TlsSenderCertificateName */
};
/* Up to 'max' uses of gateway 'h' into v; their number. */
size_t	 gateway_uses(struct rule_ctx *, const struct host *h,
	    struct gw_use *v, size_t max);

/* The object of a finding about a waiver: "HYB001 <object>". */
const char *waiver_object(struct rule_ctx *, const struct waiver *);
/* "waiver for HYB001 on '<object>'[ in organization <org>]". */
const char *waiver_text(struct rule_ctx *, const struct waiver *);

#endif
