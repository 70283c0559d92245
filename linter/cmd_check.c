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
#include "srcroot.h"
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
	if (*cfg != NULL && !c->quiet)
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
 * The findings shown: those at or above the display level, in a view
 * that shares the store's findings (free only its array).
 */
static void
shown_view(const struct findings *fs, enum severity min,
    struct findings *view, size_t *hidden)
{
	size_t	i;

	*view = *fs;
	view->v = xcalloc(fs->n + 1, sizeof(*view->v));
	view->n = 0;
	*hidden = 0;
	for (i = 0; i < fs->n; i++) {
		if (fs->v[i]->severity >= min)
			view->v[view->n++] = fs->v[i];
		else
			(*hidden)++;
	}
}

static int
cmd_check(struct cli *c)
{
	struct run_opts		 ro = { c->operands, c->noperands, c->asof,
				    RUN_FLOWS };
	struct ruleset		 rs;
	struct engine_opts	 eo;
	struct outsrc		 out;
	struct baseline_cmp	 cmp;
	struct config		*cfg;
	struct run		*r = NULL;
	struct findings		*fs = NULL, view;
	enum severity		 sev = SEV_WARNING, min = SEV_NOTE;
	const char		*read[2];
	struct diags		 bd = { 0 };
	size_t			 i, hidden;
	char			 asof[11], *root = NULL;
	int			 rc = 0, applied = 0;

	ruleset_init(&rs);
	memset(&cmp, 0, sizeof(cmp));
	memset(&view, 0, sizeof(view));
	if (load_config(c, &rs, &cfg) == -1) {
		ruleset_release(&rs);
		return EXIT_TROUBLE;
	}
	engine_opts_init(&eo, &rs, c->asof);
	if (c->fail_on == NULL)
		c->fail_on = cfg != NULL && cfg->fail_on != NULL ?
		    cfg->fail_on : "warning";
	if (strcmp(c->fail_on, "never") != 0 &&
	    severity_parse(c->fail_on, &sev) == -1) {
		cli_error("check: --fail-on takes error, warning, note or "
		    "never, not '%s'", c->fail_on);
		rc = EXIT_TROUBLE;
		goto out;
	}
	if (c->quiet)
		min = SEV_ERROR;
	else if (c->min_severity != NULL)
		(void)severity_parse(c->min_severity, &min);
	if ((root = srcroot_find(c->source_root, c->noperands > 0 ?
	    c->operands[0] : NULL)) == NULL) {
		if (c->source_root != NULL)
			cli_error("check: --source-root %s: not a folder",
			    c->source_root);
		else
			cli_error("check: cannot find the working directory");
		rc = EXIT_TROUBLE;
		goto out;
	}
	if (cfg != NULL)
		config_apply(cfg, &eo);
	if (rule_switches(&eo, c->disable, c->ndisable, 0) == -1 ||
	    rule_switches(&eo, c->enable, c->nenable, 1) == -1 ||
	    only_rules(&eo, c->only, c->nonly) == -1) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	r = run_open(&ro);
	diag_print(&r->diags, stderr);
	read[0] = cfg != NULL ? cfg->path : NULL;
	read[1] = c->baseline;
	if (formats_guard(c, r, read, 2) == -1) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	fs = run_lint(r, &eo);
	if (c->baseline != NULL) {
		if (baseline_apply(c->baseline, fs, &cmp, &bd) == -1) {
			/* Printed once; counted among the input problems. */
			diag_print(&bd, stderr);
			for (i = 0; i < bd.n; i++)
				diag_add(&r->diags, bd.v[i].level,
				    bd.v[i].file, bd.v[i].line, bd.v[i].col,
				    "%s", bd.v[i].msg);
		} else
			applied = 1;
	}
	diag_free(&bd);
	if (c->write_baseline != NULL &&
	    write_baseline(c->write_baseline, fs) == -1)
		rc = EXIT_TROUBLE;
	shown_view(fs, min, &view, &hidden);
	format_date(c->asof, asof);
	memset(&out, 0, sizeof(out));
	out.run = r;
	out.fs = &view;
	out.fc.version = PACKAGE_VERSION;
	out.fc.asof = asof;
	out.fc.diags = &r->diags;
	out.fc.config = cfg != NULL ? cfg->path : NULL;
	out.fc.srcroot = root;
	out.fc.docs_url = c->docs_url != NULL ? c->docs_url :
	    cfg != NULL ? cfg->docs_url : NULL;
	out.fc.min_severity = min;
	out.fc.fail_on = strcmp(c->fail_on, "never") == 0 ? -1 : (int)sev;
	out.fc.hidden = hidden;
	out.fc.baseline = applied ? &cmp : NULL;
	out.fc.statistics = c->statistics;
	if (formats_write(c, &out) == -1)
		rc = EXIT_TROUBLE;
	/* A run that records a baseline accepts today's findings. */
	if (rc == 0 && c->write_baseline == NULL && fails(fs, c->fail_on))
		rc = EXIT_FINDINGS;
	if (r->diags.nerrors > 0)
		rc = EXIT_TROUBLE;
out:
	free(view.v);
	baseline_cmp_free(&cmp);
	findings_free(fs);
	run_close(r);
	free(root);
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
	    OPT(O_FAIL_ON) | OPT(O_MIN_SEVERITY) | OPT(O_QUIET) |
	    OPT(O_ENABLE) | OPT(O_DISABLE) | OPT(O_ONLY) | OPT(O_CONFIG) |
	    OPT(O_NO_CONFIG) | OPT(O_BASELINE) | OPT(O_WRITE_BASELINE) |
	    OPT(O_STATISTICS) | OPT(O_SOURCE_ROOT) | OPT(O_DOCS_URL),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "text",
	.exec = cmd_check,
};
