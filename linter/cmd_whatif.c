/*
 * cmd_whatif.c: `hybridlint whatif`: the exports linted as they are and
 * with the proposed PowerShell applied, compared: the changes, the
 * findings resolved and introduced, and where mail lands differently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "checkrun.h"
#include "cli.h"
#include "compare.h"
#include "formats.h"
#include "srcroot.h"

static int
cmd_whatif(struct cli *c)
{
	struct checkrun		 cr;
	struct outsrc		 out;
	struct comparison	*cmp = NULL;
	struct findings		*before = NULL;
	char			 asof[11], *root = NULL;
	int			 rc = 0, failsev;

	if (c->nchanges == 0) {
		cli_error("whatif: what change? Give --change FILE or "
		    "-c LINE\nTry 'hybridlint help whatif'.");
		return EXIT_TROUBLE;
	}
	if (checkrun_setup(c, &cr) == -1 ||
	    checkrun_fail_on(c, &cr, &failsev) == -1 ||
	    (root = srcroot_find(NULL, c->operands[0])) == NULL) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	cr.before_stage = RUN_FLOWS;
	if (checkrun_open(c, &cr, RUN_FLOWS) == -1) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	before = run_lint(cr.before, &cr.eo);
	cmp = compare_whatif(cr.before, before, cr.run, cr.fs);
	format_date(c->asof, asof);
	memset(&out, 0, sizeof(out));
	out.run = cr.run;
	out.fs = cr.fs;
	out.cmp = cmp;
	out.fc.version = PACKAGE_VERSION;
	out.fc.asof = asof;
	out.fc.diags = &cr.run->diags;
	out.fc.config = cr.cfg != NULL ? cr.cfg->path : NULL;
	out.fc.srcroot = root;
	out.fc.fail_on = failsev;
	if (formats_write(c, &out) == -1)
		rc = EXIT_TROUBLE;
	else if (cr.run->diags.nerrors > 0)
		rc = EXIT_TROUBLE;
	else if (compare_fails(cmp, failsev))
		rc = EXIT_FINDINGS;
out:
	compare_free(cmp);
	findings_free(before);
	free(root);
	checkrun_release(&cr);
	return rc;
}

const struct cmd_entry cmd_whatif_entry = {
	.name = "whatif",
	.usage = "[OPTIONS] PATH... --change FILE|-c LINE",
	.summary = "lint before and after the proposed PowerShell: the\n"
	    "changes, the findings resolved and introduced, and every\n"
	    "flow that lands elsewhere; exit 1 when a finding at or\n"
	    "above --fail-on is introduced\n",
	.options = OPT(O_FORMAT) | OPT(O_COLOR) | OPT(O_AS_OF) |
	    OPT(O_FAIL_ON) | OPT(O_ENABLE) | OPT(O_DISABLE) | OPT(O_ONLY) |
	    OPT(O_CONFIG) | OPT(O_NO_CONFIG) | OPT(O_RULES) | OPT(O_CHANGE) |
	    OPT(O_COMMAND),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "text",
	.exec = cmd_whatif,
};
