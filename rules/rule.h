/*
 * rule.h: what a rule is, and the one way it reports.
 *
 * How to add a rule
 * -----------------
 * 1. Pick the next free id in its family (HYB0xx attribution and EXO
 *    inbound, HYB03x certificates, HYB04x-06x hybrid connectors, HYB07x
 *    journaling, HYB9xx input).  Ids are stable forever: baselines,
 *    waivers and SARIF results refer to them.
 * 2. Write rules/hybNNN.c with one constant descriptor,
 *    `const struct lint_rule rule_hybNNN`, and one static check function.
 *    The descriptor is data: id, kebab-case name, default severity (the
 *    catalogue's Critical and High are errors, Medium warnings, Low and
 *    Info notes), a one-line summary without a final full stop, the
 *    documentation (what happened, why Exchange does it, how to confirm,
 *    how to fix, and "Source:" with the Microsoft documentation, KB or
 *    Exchange Team blog it rests on, saying so where it rests on an
 *    inference), and tags.
 * 3. Add RULE(hybNNN) to rules/rules.def, in id order.
 * 4. Add tests/rules/HYBNNN/fire/ and tests/rules/HYBNNN/silent/: small
 *    topologies on which the rule must fire (with an `expect` file naming
 *    the severity and the object) and must stay silent.  The registry
 *    test fails for a rule without both, or without documentation.
 *
 * A check function reads the model, the topology and the simulated flows
 * through the context, and reports findings with rule_report().  It never
 * prints, never frees what it did not allocate, and never re-derives
 * attribution: flows already say which tenant a connection lands in.
 */
#ifndef HL_RULE_H
#define HL_RULE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "sim.h"
#include "topology.h"
#include "waiver.h"

enum severity {
	SEV_NOTE,
	SEV_WARNING,
	SEV_ERROR
};

struct rule_ctx;

struct lint_rule {
	const char	*id;		/* "HYB001" */
	const char	*name;		/* "inbound-cert-captures-foreign-mail" */
	enum severity	 severity;	/* default */
	const char	*catalogue;	/* "HX-01" in reference/domain.md */
	const char	*summary;	/* one line, no final full stop */
	const char	*doc;		/* the explain page */
	const char	*tags;		/* comma-separated */
	void		(*check)(struct rule_ctx *);
	int		 after_waivers;	/* runs once waivers are applied */
};

/* Options rules read; the config file will set them. */
struct rule_options {
	int		 expiry_error_days;	/* default 30 */
	int		 expiry_warning_days;	/* default 60 */
};

struct findings;

struct rule_ctx {
	const struct lint_rule	*rule;		/* the rule running */
	const struct model	*m;
	const struct topo	*t;
	const struct sim	*s;
	int64_t			 asof;
	const struct rule_options *opt;
	struct arena		*arena;		/* scratch, freed with the run */
	struct findings		*out;
	const struct waiver	*waivers;	/* from the configuration */
	size_t			 nwaivers;
};

/*
 * Report one finding of the running rule.
 *  o      the object the finding is about (its file and line are the
 *         location); 'prop' the property, for the logical location
 *         Kind["identity"].Prop and the JSON Pointer
 *  org    the organization concerned (NULL: o's)
 *  key    the value that distinguishes this finding from others on the
 *         same object (part of the fingerprint, so it must not contain
 *         line numbers or anything else that moves)
 *  path   the evidence path, or NULL
 *  fix    the PowerShell that fixes it (lines separated by '\n'), or NULL
 * The message names the objects involved.
 */
void	rule_report(struct rule_ctx *, const struct obj *o, const char *prop,
	    const struct org *org, const char *key, const char *path,
	    const char *fix, const char *fmt, ...)
	    __attribute__((format(printf, 8, 9)));

/* A finding about something that is not an exported object (a waiver). */
void	rule_report_loc(struct rule_ctx *, const struct loc *,
	    const char *kind, const char *object, const char *key,
	    const char *fix, const char *fmt, ...)
	    __attribute__((format(printf, 7, 8)));

/* The same with a severity other than the rule's default. */
void	rule_report_sev(struct rule_ctx *, enum severity,
	    const struct obj *o, const char *prop, const struct org *org,
	    const char *key, const char *path, const char *fix,
	    const char *fmt, ...)
	    __attribute__((format(printf, 9, 10)));

/*
 * A rule could not decide because an export lacks what it needs: reported
 * once per object and 'what' as HYB901, naming the rule.
 */
void	rule_undecided(struct rule_ctx *, const struct obj *o,
	    const char *what, const char *reexport);

/* Helpers shared by rules. */

/* Arena-allocated printf in the scratch arena. */
char	*rule_printf(struct rule_ctx *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A PowerShell single-quoted string: 'it''s'. */
const char *ps_quote(struct rule_ctx *, const char *);
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
/* Add 'v' under 'key' unless the key is there; 1 when added. */
int	 once_key(struct strmap *, const char *key, void *v);
/* The domain of a wildcard pattern "*.contoso.com", else the pattern. */
const char *wild_base(const char *);
/* Days from the run date to an epoch (negative: past). */
int64_t	 days_until(const struct rule_ctx *, int64_t when);

/* HYB901 when 'prop' is absent from o's export or truncated; 1 if so. */
int	 not_exported(struct rule_ctx *, const struct obj *o, const char *prop,
	    const char *reexport);
/* HYB901 on 'o': no ('side': "on-premises ", or "") export of kind k. */
void	 no_export(struct rule_ctx *, const struct obj *o,
	    const struct org *, const char *side, enum kind);

/* Does a send connector carry mail to Exchange Online (the hybrid path)? */
int	 sc_to_exo(const struct send_connector *);
/* ... and to its own tenant's coexistence domain (HCW connector)? */
int	 sc_is_hybrid(const struct send_connector *);
/* Does an address space of a send connector end in .mail.onmicrosoft.com? */
int	 sc_to_coexistence(const struct send_connector *);
/* Its first address space below .mail.onmicrosoft.com, or NULL. */
const char *sc_coexistence_space(const struct send_connector *);
/* The distinct Exchange and Edge source servers of a send connector. */
size_t	 sc_source_hosts(struct rule_ctx *, const struct send_connector *,
	    const struct host **, size_t max);
/* The fix's EdgeSync note when a source server is an Edge, else "". */
const char *sc_edgesync_note(struct rule_ctx *, const struct send_connector *);
/* Is an inbound connector an enabled OnPremises one? */
int	 ic_onprem(const struct inbound_connector *);
/* Does the org's Get-OnPremisesOrganization name this connector? */
int	 op_names(const struct obj *connector);
/* HybridConfiguration's receiving servers, Edge first (NULL: none). */
const struct strlist *hc_receiving(const struct hybrid_config *, int *edge);

/* An organization's first record of a kind, or NULL. */
const struct obj *org_first(const struct org *, enum kind);
/* The tenant's HCW TlsCertificateName subject CN, from HybridConfiguration. */
const char *org_hybrid_cert_cn(struct rule_ctx *, const struct org *);
/* The name of an organization's tenant, else the organization's id. */
const char *org_tenant_name(struct rule_ctx *, const struct org *);
/* The tenant's centralized mail transport connector, or NULL. */
const struct outbound_connector *tenant_cmt(const struct tenant *);

/* Each organization's flows to Exchange Online, by ptr_key(org). */
struct strmap *own_flows(struct rule_ctx *);
/* The CN a hybrid flow among 'flows' presents by name, not self-signed. */
const char *hybrid_cn(void *const *flows, size_t n);
/* A hybrid flow through 'ic' that accepting only 'name' would cut off. */
const struct flow *hybrid_cut_off(void *const *flows, size_t n,
	    const struct inbound_connector *ic, const char *name);

/* A server's name as Exchange cmdlets take it. */
const char *srv_name(const struct host *);
/* A certificate as findings name it: "CN=x (thumbprint)". */
const char *cert_title(struct rule_ctx *, const struct certificate *);
/* CertificateStatus as Get-ExchangeCertificate prints it. */
const char *cert_status_name(int64_t);
/* CertificateRootCAType as it prints it, or NULL when out of range. */
const char *rootca_type_name(int64_t);
/* Get-ExchangeCertificate [-Server s] to a JSON file [-file] of it. */
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
/* Add what TlsCertificateName of connectors and HybridConfiguration names. */
void	 cert_uses_named(struct rule_ctx *, struct cert_uses *);
/* " (and 2 more uses)" for a certificate used more than once, else "". */
const char *cert_uses_more(struct rule_ctx *, const struct cert_use *);
/* Free what the list holds. */
void	 cert_uses_free(struct cert_uses *);

/* The object of a finding about a waiver: "HYB001 <object>". */
const char *waiver_object(struct rule_ctx *, const struct waiver *);
/* "waiver for HYB001 on '<object>'[ in organization <org>]". */
const char *waiver_text(struct rule_ctx *, const struct waiver *);

#endif
