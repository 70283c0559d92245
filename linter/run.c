/*
 * run.c: load, build the graph, simulate: the one sequence every command
 * uses.
 */
#include <stdlib.h>

#include "load.h"
#include "run.h"
#include "xalloc.h"

struct run *
run_open_model(struct model *m, int64_t asof, enum run_stage stage)
{
	struct run	*r;

	r = xcalloc(1, sizeof(*r));
	r->asof = asof;
	r->m = m;
	if (stage >= RUN_TOPOLOGY) {
		r->t = topo_build(r->m, asof);
		r->s = stage >= RUN_FLOWS ? sim_run(r->t) : sim_new(r->t);
	}
	return r;
}

struct run *
run_open(const struct run_opts *o)
{
	struct diags	 diags = { 0 };
	struct model	*m;
	struct run	*r;
	int		 failed = 0;

	m = load_paths(o->paths, o->npaths, &diags);
	/* Applied to the records, before anything is derived from them. */
	if (o->changes != NULL && change_apply(o->changes, m, &diags) == -1)
		failed = 1;
	r = run_open_model(m, o->asof, failed ? RUN_MODEL : o->stage);
	r->diags = diags;
	r->change_failed = failed;
	return r;
}

struct run *
run_fork(const struct run *base, const struct change_set *cs,
    enum run_stage stage)
{
	struct diags	 diags = { 0 };
	struct model	*m;
	struct run	*r;
	size_t		 i;
	int		 failed = 0;

	m = model_fork(base->m);
	/* The exports' problems are this run's too. */
	for (i = 0; i < base->diags.n; i++)
		diag_add(&diags, base->diags.v[i].level, base->diags.v[i].file,
		    base->diags.v[i].line, base->diags.v[i].col, "%s",
		    base->diags.v[i].msg);
	if (change_apply(cs, m, &diags) == -1)
		failed = 1;
	r = run_open_model(m, base->asof, failed ? RUN_MODEL : stage);
	r->diags = diags;
	r->change_failed = failed;
	return r;
}

struct findings *
run_lint(const struct run *r, const struct engine_opts *eo)
{
	return engine_run(r->m, r->t, r->s, eo);
}

void
run_close(struct run *r)
{
	if (r == NULL)
		return;
	sim_free(r->s);
	topo_free(r->t);
	model_free(r->m);
	diag_free(&r->diags);
	free(r);
}
