/*
 * checkrun.c: configuration, rule switches, run, findings and baseline,
 * the same for every command that lints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "checkrun.h"
#include "formats.h"
#include "rulesetup.h"
#include "xalloc.h"

int
checkrun_setup(const struct cli *c, struct checkrun *cr)
{
	struct readfile	*f;

	memset(cr, 0, sizeof(*cr));
	if (rules_setup(c, &cr->rs, &cr->cfg) == -1)
		return -1;
	cr->rules_ready = 1;
	engine_opts_init(&cr->eo, &cr->rs, c->asof);
	if (cr->cfg != NULL) {
		config_apply(cr->cfg, &cr->eo);
		f = &cr->extra[cr->nextra++];
		memcpy(cr->cfg_sha, cr->cfg->sha256, sizeof(cr->cfg_sha));
		f->path = cr->cfg->path;
		f->size = cr->cfg->size;
		f->sha256 = cr->cfg_sha;
		f->role = "configuration";
	}
	return rules_switch(c, &cr->eo);
}

struct run *
checkrun_run(const struct cli *c, enum run_stage stage,
    enum run_stage before_stage, struct run **before, struct change_set **cs)
{
	struct run_opts		 ro;
	struct diags		 d = { 0 };
	struct run		*r;

	*before = NULL;
	*cs = NULL;
	memset(&ro, 0, sizeof(ro));
	ro.paths = c->operands;
	ro.npaths = c->noperands;
	ro.asof = c->asof;
	ro.stage = stage;
	if (c->nchanges > 0) {
		/* Read first: a script that does not parse costs no load. */
		*cs = change_read(c->changes, c->nchanges, &d);
		diag_print(&d, stderr);
		diag_free(&d);
		if (*cs == NULL)
			return NULL;
		ro.stage = before_stage;
		*before = run_open(&ro);
		r = run_fork(*before, *cs, stage);
	} else
		r = run_open(&ro);
	diag_print(&r->diags, stderr);
	if (r->change_failed) {
		cli_error("%s: the change was not applied; nothing written",
		    c->cmd->name);
		run_close(r);
		run_close(*before);
		*before = NULL;
		change_free(*cs);
		*cs = NULL;
		return NULL;
	}
	return r;
}

int
checkrun_fail_on(const struct cli *c, const struct checkrun *cr, int *sev)
{
	const char	*f = c->fail_on;
	enum severity	 s;

	if (f == NULL)
		f = cr->cfg != NULL && cr->cfg->fail_on != NULL ?
		    cr->cfg->fail_on : "warning";
	if (strcmp(f, "never") == 0) {
		*sev = -1;
		return 0;
	}
	if (severity_parse(f, &s) == -1) {
		cli_error("%s: --fail-on takes error, warning, note or never, "
		    "not '%s'", c->cmd->name, f);
		return -1;
	}
	*sev = (int)s;
	return 0;
}

const char **
checkrun_read_files(const struct cli *c, const char *config, size_t *n)
{
	const char	**v;
	size_t		  i;

	v = xcalloc(c->nchanges + 3, sizeof(*v));
	*n = 0;
	if (config != NULL)
		v[(*n)++] = config;
	if (c->baseline != NULL)
		v[(*n)++] = c->baseline;
	for (i = 0; i < c->nchanges; i++)
		if (c->changes[i].file != NULL &&
		    strcmp(c->changes[i].file, "-") != 0)
			v[(*n)++] = c->changes[i].file;
	return v;
}

int
checkrun_open(const struct cli *c, struct checkrun *cr,
    enum run_stage stage)
{
	struct readfile		*f;
	struct diags		 bd = { 0 };
	const char		**read;
	size_t			 size = 0, i, nread;
	int			 rc;

	cr->run = checkrun_run(c, stage, cr->before_stage, &cr->before,
	    &cr->changes);
	if (cr->run == NULL)
		return -1;
	read = checkrun_read_files(c, cr->cfg != NULL ? cr->cfg->path : NULL,
	    &nread);
	rc = formats_guard(c, cr->run, read, nread);
	free(read);
	if (rc == -1)
		return -1;
	if (stage < RUN_FLOWS)
		return 0;
	cr->fs = run_lint(cr->run, &cr->eo);
	if (c->baseline == NULL)
		return 0;
	if (baseline_apply(c->baseline, cr->fs, &cr->cmp, cr->base_sha, &size,
	    &bd) == 0)
		cr->applied = 1;
	/* Printed once; counted among the input problems. */
	diag_print(&bd, stderr);
	for (i = 0; i < bd.n; i++)
		diag_add(&cr->run->diags, bd.v[i].level, bd.v[i].file,
		    bd.v[i].line, bd.v[i].col, "%s", bd.v[i].msg);
	diag_free(&bd);
	if (cr->base_sha[0] != '\0') {
		f = &cr->extra[cr->nextra++];
		f->path = c->baseline;
		f->size = size;
		f->sha256 = cr->base_sha;
		f->role = "baseline";
	}
	return 0;
}

void
checkrun_release(struct checkrun *cr)
{
	baseline_cmp_free(&cr->cmp);
	findings_free(cr->fs);
	findings_free(cr->before_fs);
	run_close(cr->run);
	run_close(cr->before);
	change_free(cr->changes);
	if (cr->rules_ready) {
		engine_opts_release(&cr->eo);
		config_free(cr->cfg);
		ruleset_release(&cr->rs);
	}
	memset(cr, 0, sizeof(*cr));
}

int
checkrun_orgs(const struct cli *c, const struct model *m, unsigned char **sel)
{
	const struct org *o;
	const char	**ids, *best;
	char		 *copy, *tok, *save;
	size_t		  i, j;
	int		  rc = 0;

	*sel = NULL;
	if (c->norgs == 0)
		return 0;
	*sel = xcalloc(m->norgs + 1, 1);
	ids = xcalloc(m->norgs + 1, sizeof(*ids));
	for (j = 0; j < m->norgs; j++)
		ids[j] = m->orgs[j]->id;
	for (i = 0; i < c->norgs; i++) {
		copy = xstrdup(c->orgs[i]);
		for (tok = strtok_r(copy, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			if ((o = model_org_find(m, tok)) != NULL) {
				(*sel)[o->index] = 1;
				continue;
			}
			best = cli_closest(tok, ids);
			cli_error("%s: --org: no organization '%s'%s%s%s in "
			    "the inputs", c->cmd->name, tok,
			    best != NULL ? "; did you mean " : "",
			    best != NULL ? best : "", best != NULL ? "?" : "");
			rc = -1;
		}
		free(copy);
	}
	free(ids);
	if (rc == -1) {
		free(*sel);
		*sel = NULL;
	}
	return rc;
}
