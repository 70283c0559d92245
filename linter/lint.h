/*
 * lint.h: the contract between the core and the rules.
 *
 * A rule is data (struct lint_rule: identity, documentation, default
 * severity, options) plus one check function.  The core runs a set of
 * rules (struct ruleset, below) over one simulated topology and hands each
 * check function a context: the model, the topology graph, the simulated
 * flows, the run's date, the rule's option values, and the report calls
 * that turn what the rule found into findings.  The core never names a
 * rule: the rules layer provides the built-in table (lint_builtin_rules),
 * rule packs add more at run time, and roles that the core needs (the
 * rule that reports what another rule could not decide) are flags of the
 * descriptor.
 *
 * Layers, bottom to top: bytes -> generic nodes -> typed records ->
 * topology graph -> simulator -> rules -> findings -> formats -> commands.
 * This header belongs to the core; rules include it, never the reverse.
 */
#ifndef HL_LINT_H
#define HL_LINT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"
#include "roles.h"
#include "sim.h"
#include "topology.h"

struct findings;
struct pack;
struct rule_ctx;
struct waiver;

/* A rule's option: a value the configuration file may set. */
enum rule_opt_type {
	ROPT_DAYS		/* a whole number of days */
};

/* An array of options ends with a NULL name. */
struct rule_option {
	const char		*name;		/* "expiry_error_days" */
	enum rule_opt_type	 type;
	int64_t			 def;		/* default */
	int64_t			 min;
	int64_t			 max;
	const char		*doc;		/* one line */
	const char		*at_least;	/* not below this option */
};

/*
 * Where a rule that is not built in comes from: its rule pack.  Formats
 * name it (SARIF: a tool extension of its own), `rules` and `explain`
 * show it.
 */
struct rule_source {
	const char		*name;		/* "acme-house-rules" */
	const char		*version;	/* "1.2.0" */
	const char		*path;		/* the pack file */
	const char		*uri;		/* its home page, or NULL */
};

struct lint_rule {
	const char		*id;		/* "HYB001", "ACME-001" */
	const char		*name;		/* kebab-case */
	enum severity		 severity;	/* default */
	const char		*summary;	/* one line, no full stop */
	const char		*doc;		/* the explain page */
	const char		*tags;		/* comma-separated */
	/*
	 * GitHub's security-severity, "0.1" to "10.0", chosen from the
	 * rule's impact: 9.0 and above critical, 7.0 high, 4.0 medium,
	 * below that low.  NULL: derived from the severity (rule packs).
	 */
	const char		*security_severity;
	const struct rule_option *options;	/* NULL: none */
	void			(*check)(struct rule_ctx *);
	unsigned		 flags;		/* RULE_* below */
	const struct rule_source *source;	/* NULL: built in */
	const void		*data;		/* the check function's own:
						   a pack rule's compiled form */
};

/* Runs once waivers are applied (it reports on waivers). */
#define RULE_AFTER_WAIVERS	0x01
/* Reports, on behalf of the others, what they could not decide. */
#define RULE_UNDECIDED		0x02
/*
 * About hybrid plumbing: it reports (and asks what it could not decide)
 * only for organizations that show a hybrid deployment (topo_hybrid()),
 * and each finding carries that evidence among its reasons.
 */
#define RULE_HYBRID		0x04

struct rule_ctx {
	const struct lint_rule	*rule;		/* the rule running */
	const struct model	*m;
	const struct topo	*t;
	const struct sim	*s;
	int64_t			 asof;
	const int64_t		*optv;		/* values of rule->options */
	struct arena		*arena;		/* the rule's scratch, freed when
						   it returns: findings copy */
	struct findings		*out;
	const struct lint_rule	*undecided;	/* the RULE_UNDECIDED rule */
	const struct waiver	*waivers;	/* from the configuration */
	size_t			 nwaivers;
};

/* The value of the running rule's option 'name' (it must declare it). */
int64_t	rule_opt(const struct rule_ctx *, const char *name);

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

/* The same with a severity other than the rule's default. */
void	rule_report_sev(struct rule_ctx *, enum severity,
	    const struct obj *o, const char *prop, const struct org *org,
	    const char *key, const char *path, const char *fix,
	    const char *fmt, ...)
	    __attribute__((format(printf, 9, 10)));

/* A finding about something that is not an exported object (a waiver). */
void	rule_report_loc(struct rule_ctx *, const struct loc *,
	    const char *kind, const char *object, const char *key,
	    const char *fix, const char *fmt, ...)
	    __attribute__((format(printf, 7, 8)));

/*
 * A rule could not decide because an export lacks what it needs: reported
 * once per object and 'what' by the RULE_UNDECIDED rule, naming the rule.
 */
void	rule_undecided(struct rule_ctx *, const struct obj *o,
	    const char *what, const char *reexport);

/*
 * A set of rules: the built-in ones, then those of rule packs, which the
 * set owns once added (pack_add(), pack.h).  Per-rule tables elsewhere
 * (switches, severities, options) are indexed like v, so they are sized
 * once every pack is loaded.
 */
struct ruleset {
	const struct lint_rule	**v;
	size_t			  n;
	size_t			  cap;
	struct pack		**packs;	/* freed with the set */
	size_t			  npacks;
};

/* The rules compiled in, sorted by id (provided by the rules layer). */
extern const struct lint_rule *const lint_builtin_rules[];
extern const size_t lint_nbuiltin_rules;

/* A set holding the built-in rules; release with ruleset_release(). */
void	ruleset_init(struct ruleset *);
void	ruleset_add(struct ruleset *, const struct lint_rule *);
void	ruleset_release(struct ruleset *);
/* A rule by id (case-insensitive) or name; NULL if none. */
const struct lint_rule *ruleset_find(const struct ruleset *, const char *);
/* The rule's security-severity: its own, else one for its severity. */
const char *rule_security_severity(const struct lint_rule *);
/* GitHub's word for a security-severity: critical, high, medium, low. */
const char *security_severity_band(const char *);
/* The index of a rule in the set, or rs->n. */
size_t	ruleset_index(const struct ruleset *, const struct lint_rule *);
/* Index and default value of a rule's option 'name', or -1. */
int	rule_option_index(const struct lint_rule *, const char *name);
size_t	rule_noptions(const struct lint_rule *);

#endif
