/*
 * rulesetup.c: loading rule packs and the configuration for a command,
 * and the rule switches of the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"
#include "rulesetup.h"
#include "xalloc.h"

const struct lint_rule *
rules_named(const struct ruleset *rs, const char *cmd, const char *name)
{
	const struct lint_rule	 *r;
	const char		**ids, *best;
	size_t			  i;

	if ((r = ruleset_find(rs, name)) != NULL)
		return r;
	ids = xcalloc(2 * rs->n + 1, sizeof(*ids));
	for (i = 0; i < rs->n; i++) {
		ids[2 * i] = rs->v[i]->id;
		ids[2 * i + 1] = rs->v[i]->name;
	}
	best = cli_closest(name, ids);
	cli_error("%s%sunknown rule '%s'%s%s%s (see 'hybridlint rules')",
	    cmd != NULL ? cmd : "", cmd != NULL ? ": " : "", name,
	    best != NULL ? "; did you mean " : "", best != NULL ? best : "",
	    best != NULL ? "?" : "");
	free(ids);
	return NULL;
}

/*
 * The configuration: --config FILE, else one found from the first PATH
 * (the working directory for commands without paths) up, unless
 * --no-config.  The one used is named on standard error.
 */
static int
load_config(const struct cli *c, struct ruleset *rs, struct config **cfg,
    struct diags *diags)
{
	char	*found = NULL;

	if (c->config == NULL && !c->no_config)
		found = config_find((c->cmd->flags & CMD_PATHS) &&
		    c->noperands > 0 ? c->operands[0] : ".", diags);
	if (c->config == NULL && found == NULL)
		return 0;
	*cfg = config_load(c->config != NULL ? c->config : found, rs, diags);
	free(found);
	if (*cfg == NULL)
		return -1;
	if (!c->quiet)
		fprintf(stderr, "hybridlint: configuration %s\n", (*cfg)->path);
	return 0;
}

int
rules_setup(const struct cli *c, struct ruleset *rs, struct config **cfg)
{
	struct diags	 diags = { 0 };
	size_t		 i;
	int		 rc = 0;

	*cfg = NULL;
	ruleset_init(rs);
	for (i = 0; i < c->nrule_packs; i++)
		if (pack_load(rs, c->rule_packs[i], &diags) == -1)
			rc = -1;
	if (rc == 0)
		rc = load_config(c, rs, cfg, &diags);
	diag_print(&diags, stderr);
	diag_free(&diags);
	if (rc == -1)
		ruleset_release(rs);
	return rc;
}

/* --enable/--disable RULE[,RULE...] into the engine's switches. */
static int
switches(struct engine_opts *eo, char **list, size_t n, int on)
{
	const struct lint_rule	*r;
	char			*copy, *tok, *save;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < n; i++) {
		copy = xstrdup(list[i]);
		for (tok = strtok_r(copy, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			if ((r = rules_named(eo->rules, NULL, tok)) == NULL) {
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

int
rules_switch(const struct cli *c, struct engine_opts *eo)
{
	size_t	i;
	int	rc = 0;

	/* --only: every rule off but these. */
	if (c->nonly > 0) {
		for (i = 0; i < eo->rules->n; i++)
			eo->set[i].enabled = 0;
		if (switches(eo, c->only, c->nonly, 1) == -1)
			rc = -1;
	}
	if (switches(eo, c->disable, c->ndisable, 0) == -1)
		rc = -1;
	if (switches(eo, c->enable, c->nenable, 1) == -1)
		rc = -1;
	return rc;
}
