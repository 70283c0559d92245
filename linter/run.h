/*
 * run.h: one loaded topology, from command-line paths to simulated
 * flows.  Every command, the rule fixtures test and the fuzz harnesses
 * open a run the same way; a run holds no global state, so two can be
 * open at once (a comparison of two export sets).
 */
#ifndef HL_RUN_H
#define HL_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "change.h"
#include "diag.h"
#include "engine.h"
#include "model.h"
#include "sim.h"
#include "topology.h"

/* How far run_open() goes. */
enum run_stage {
	RUN_MODEL,		/* load the exports into the model */
	RUN_TOPOLOGY,		/* ... build the graph (and an empty simulator) */
	RUN_FLOWS		/* ... and simulate every flow */
};

struct run_opts {
	char *const	*paths;
	size_t		 npaths;
	int64_t		 asof;		/* the date expiry is judged at */
	enum run_stage	 stage;
	const struct change_set *changes;	/* applied first; NULL: none */
};

struct run {
	struct diags	 diags;		/* input problems of the run */
	struct model	*m;
	struct topo	*t;		/* NULL before RUN_TOPOLOGY */
	struct sim	*s;
	int64_t		 asof;
	/* The change did not apply (errors in diags): write nothing. */
	int		 change_failed;
};

struct run	*run_open(const struct run_opts *);
/*
 * The same topology with a change applied, beside 'base' (whatif,
 * report --change): a copy of its model (model_fork) edited, then the
 * graph and flows built afresh.  'base' must stay open while this run
 * is; it is not changed.  Problems of the change are in the new run's
 * diagnostics, and change_failed is set.
 */
struct run	*run_fork(const struct run *base, const struct change_set *,
		    enum run_stage);
/* The same over a model loaded otherwise, which the run then owns. */
struct run	*run_open_model(struct model *, int64_t asof, enum run_stage);
/* The findings of the rules 'eo' enables (freed with findings_free). */
struct findings	*run_lint(const struct run *, const struct engine_opts *);
void		 run_close(struct run *);

#endif
