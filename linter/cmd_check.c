/*
 * cmd_check.c: `hybridlint check`, the main job: lint, report every
 * finding with its location, evidence path and fix, and exit by the
 * fail level.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "baseline.h"
#include "cli.h"
#include "configfile.h"
#include "formats.h"
#include "output.h"
#include "run.h"
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
	if (*cfg != NULL)
		fprintf(stderr, "hybridlint: configuration %s\n", (*cfg)->path);
	free(found);
	diag_free(&diags);
	return rc;
}

static int
write_baseline(const char *path, const struct findings *fs)
{
	struct diags	 d = { 0 };
	char		*doc;
	int		 rc;

	doc = baseline_render(fs);
	rc = output_write(path, doc, strlen(doc), &d);
	diag_print(&d, stderr);
	diag_free(&d);
	free(doc);
	return rc;
}

/* 1 when an unwaived, unbaselined finding is at or above the fail level. */
static int
fails(const struct findings *fs, const char *fail_on)
{
	enum severity	failsev;
	size_t		i;

	if (strcmp(fail_on, "never") == 0 ||
	    severity_parse(fail_on, &failsev) == -1)
		return 0;
	for (i = 0; i < fs->n; i++)
		if (!fs->v[i]->waived && !fs->v[i]->baselined &&
		    fs->v[i]->severity >= failsev)
			return 1;
	return 0;
}

static int
cmd_check(struct cli *c)
{
	struct run_opts		 ro = { c->operands, c->noperands, c->asof,
				    RUN_FLOWS };
	struct ruleset		 rs;
	struct engine_opts	 eo;
	struct outsrc		 out;
	struct config		*cfg;
	struct run		*r;
	struct findings		*fs;
	enum severity		 sev;
	const char		*read[2];
	struct diags		 bd = { 0 };
	size_t			 i;
	char			 asof[11];
	int			 rc = 0;

	ruleset_init(&rs);
	if (load_config(c, &rs, &cfg) == -1) {
		ruleset_release(&rs);
		return EXIT_TROUBLE;
	}
	if (c->fail_on == NULL)
		c->fail_on = cfg != NULL && cfg->fail_on != NULL ?
		    cfg->fail_on : "warning";
	if (strcmp(c->fail_on, "never") != 0 &&
	    severity_parse(c->fail_on, &sev) == -1) {
		cli_error("check: --fail-on takes error, warning, note or "
		    "never, not '%s'", c->fail_on);
		config_free(cfg);
		ruleset_release(&rs);
		return EXIT_TROUBLE;
	}
	engine_opts_init(&eo, &rs, c->asof);
	if (cfg != NULL)
		config_apply(cfg, &eo);
	if (rule_switches(&eo, c->disable, c->ndisable, 0) == -1 ||
	    rule_switches(&eo, c->enable, c->nenable, 1) == -1) {
		engine_opts_release(&eo);
		config_free(cfg);
		ruleset_release(&rs);
		return EXIT_TROUBLE;
	}
	r = run_open(&ro);
	diag_print(&r->diags, stderr);
	read[0] = cfg != NULL ? cfg->path : NULL;
	read[1] = c->baseline;
	if (formats_guard(c, r, read, 2) == -1) {
		run_close(r);
		engine_opts_release(&eo);
		config_free(cfg);
		ruleset_release(&rs);
		return EXIT_TROUBLE;
	}
	fs = run_lint(r, &eo);
	if (c->baseline != NULL && baseline_apply(c->baseline, fs, &bd) == -1) {
		/* Printed once; counted among the run's input problems. */
		diag_print(&bd, stderr);
		for (i = 0; i < bd.n; i++)
			diag_add(&r->diags, bd.v[i].level, bd.v[i].file,
			    bd.v[i].line, bd.v[i].col, "%s", bd.v[i].msg);
	}
	diag_free(&bd);
	if (c->write_baseline != NULL &&
	    write_baseline(c->write_baseline, fs) == -1)
		rc = EXIT_TROUBLE;
	format_date(c->asof, asof);
	memset(&out, 0, sizeof(out));
	out.run = r;
	out.fs = fs;
	out.fc.version = PACKAGE_VERSION;
	out.fc.asof = asof;
	out.fc.diags = &r->diags;
	out.fc.config = cfg != NULL ? cfg->path : NULL;
	if (formats_write(c, &out) == -1)
		rc = EXIT_TROUBLE;
	if (rc == 0 && fails(fs, c->fail_on))
		rc = EXIT_FINDINGS;
	if (r->diags.nerrors > 0)
		rc = EXIT_TROUBLE;
	findings_free(fs);
	run_close(r);
	engine_opts_release(&eo);
	config_free(cfg);
	ruleset_release(&rs);
	return rc;
}

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "[OPTIONS] PATH...",
	.summary = "lint: report every problem with its location, the\n"
	    "evidence path and the PowerShell that fixes it\n",
	.options = OPT(O_FORMAT) | OPT(O_COLOR) | OPT(O_AS_OF) |
	    OPT(O_FAIL_ON) | OPT(O_ENABLE) | OPT(O_DISABLE) | OPT(O_CONFIG) |
	    OPT(O_NO_CONFIG) |
	    OPT(O_BASELINE) | OPT(O_WRITE_BASELINE),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "text",
	.exec = cmd_check,
};
