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
#include "xalloc.h"

/* An unknown rule name, with the closest known one. */
static void
unknown_rule(const struct ruleset *rs, const char *name)
{
	const char	**ids, *best;
	size_t		  i;

	ids = xcalloc(2 * rs->n + 1, sizeof(*ids));
	for (i = 0; i < rs->n; i++) {
		ids[2 * i] = rs->v[i]->id;
		ids[2 * i + 1] = rs->v[i]->name;
	}
	best = cli_closest(name, ids);
	cli_error("unknown rule '%s'%s%s%s (see 'hybridlint rules')", name,
	    best != NULL ? "; did you mean " : "", best != NULL ? best : "",
	    best != NULL ? "?" : "");
	free(ids);
}

/* --enable/--disable RULE[,RULE...] into the engine's switches. */
static int
rule_switches(struct engine_opts *eo, char **list, size_t n, int on)
{
	const struct lint_rule	*r;
	char			*copy, *tok, *save;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < n; i++) {
		copy = xstrdup(list[i]);
		for (tok = strtok_r(copy, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			if ((r = ruleset_find(eo->rules, tok)) == NULL) {
				unknown_rule(eo->rules, tok);
				rc = -1;
				continue;
			}
			eo->set[ruleset_index(eo->rules, r)].enabled =
			    (signed char)on;
		}
		free(copy);
	}
	return rc;
}

/* --only: every rule off but these. */
static int
only_rules(struct engine_opts *eo, char **list, size_t n)
{
	size_t	i;

	if (n == 0)
		return 0;
	for (i = 0; i < eo->rules->n; i++)
		eo->set[i].enabled = 0;
	return rule_switches(eo, list, n, 1);
}

/*
 * The configuration: --config FILE, else one found from the first PATH
 * up (unless --no-config); NULL: none.  The one used is named.
 */
static int
load_config(const struct cli *c, const struct ruleset *rs,
    struct config **cfg)
{
	struct diags	 diags = { 0 };
	char		*found = NULL;
	int		 rc = 0;

	*cfg = NULL;
	if (c->config == NULL && !c->no_config && c->noperands > 0)
		found = config_find(c->operands[0], &diags);
	if (c->config != NULL || found != NULL) {
		*cfg = config_load(c->config != NULL ? c->config : found, rs,
		    &diags);
		rc = *cfg != NULL ? 0 : -1;
	}
	diag_print(&diags, stderr);
	if (*cfg != NULL && !c->quiet)
		fprintf(stderr, "hybridlint: configuration %s\n", (*cfg)->path);
	free(found);
	diag_free(&diags);
	return rc;
}

int
checkrun_setup(const struct cli *c, struct checkrun *cr)
{
	struct readfile	*f;

	memset(cr, 0, sizeof(*cr));
	ruleset_init(&cr->rs);
	engine_opts_init(&cr->eo, &cr->rs, c->asof);
	if (load_config(c, &cr->rs, &cr->cfg) == -1)
		return -1;
	if (cr->cfg != NULL) {
		config_apply(cr->cfg, &cr->eo);
		f = &cr->extra[cr->nextra++];
		memcpy(cr->cfg_sha, cr->cfg->sha256, sizeof(cr->cfg_sha));
		f->path = cr->cfg->path;
		f->size = cr->cfg->size;
		f->sha256 = cr->cfg_sha;
		f->role = "configuration";
	}
	if (rule_switches(&cr->eo, c->disable, c->ndisable, 0) == -1 ||
	    rule_switches(&cr->eo, c->enable, c->nenable, 1) == -1 ||
	    only_rules(&cr->eo, c->only, c->nonly) == -1)
		return -1;
	return 0;
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
	engine_opts_release(&cr->eo);
	config_free(cr->cfg);
	ruleset_release(&cr->rs);
	memset(cr, 0, sizeof(*cr));
}

int
checkrun_orgs(const struct cli *c, const struct model *m, unsigned char **sel)
{
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
			for (j = 0; j < m->norgs; j++)
				if (strcmp(m->orgs[j]->id, tok) == 0)
					break;
			if (j < m->norgs) {
				(*sel)[j] = 1;
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
