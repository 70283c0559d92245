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
#include "rulesetup.h"
#include "run.h"
#include "xalloc.h"

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
	char			 asof[11];
	int			 rc = 0;

	if (rules_setup(c, &rs, &cfg) == -1)
		return EXIT_TROUBLE;
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
	if (rules_switch(c, &eo) == -1) {
		engine_opts_release(&eo);
		config_free(cfg);
		ruleset_release(&rs);
		return EXIT_TROUBLE;
	}
	r = run_open(&ro);
	diag_print(&r->diags, stderr);
	fs = run_lint(r, &eo);
	if (c->baseline != NULL &&
	    baseline_apply(c->baseline, fs, &r->diags) == -1)
		diag_print(&r->diags, stderr);
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
	    OPT(O_RULES) | OPT(O_BASELINE) | OPT(O_WRITE_BASELINE),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "text",
	.exec = cmd_check,
};
