/*
 * engine.h: running the enabled rules of a rule set over one simulated
 * topology.
 */
#ifndef HL_ENGINE_H
#define HL_ENGINE_H

#include "findings.h"
#include "lint.h"
#include "waiver.h"

/* What the configuration and the command line say of one rule. */
struct rule_setting {
	signed char	 enabled;	/* -1 default, 0 off, 1 on */
	signed char	 severity;	/* -1 default, else an enum severity */
	int64_t		*optv;		/* its options' values */
};

struct engine_opts {
	int64_t			 asof;
	const struct ruleset	*rules;
	struct rule_setting	*set;		/* indexed like rules->v */
	struct waiver		*waivers;	/* from the configuration */
	size_t			 nwaivers;
};

/* Defaults for every rule of 'rules' (which must outlive the options). */
void		 engine_opts_init(struct engine_opts *, const struct ruleset *,
		    int64_t asof);
void		 engine_opts_release(struct engine_opts *);
struct findings	*engine_run(const struct model *, const struct topo *,
		    const struct sim *, const struct engine_opts *);

#endif
