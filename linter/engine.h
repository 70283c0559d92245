/*
 * engine.h: running the enabled rules over one loaded topology.
 */
#ifndef HL_ENGINE_H
#define HL_ENGINE_H

#include "findings.h"
#include "registry.h"
#include "waiver.h"

struct engine_opts {
	int64_t			 asof;
	struct rule_options	 ropt;
	/* Per rule_table index: -1 default, 0 disabled, 1 enabled. */
	signed char		 enabled[64];
	/* Per rule_table index: -1 default, else an enum severity. */
	signed char		 severity[64];
	struct waiver		*waivers;	/* from the configuration */
	size_t			 nwaivers;
};

void		 engine_opts_init(struct engine_opts *, int64_t asof);
struct findings	*engine_run(const struct model *, const struct topo *,
		    const struct sim *, const struct engine_opts *);

#endif
