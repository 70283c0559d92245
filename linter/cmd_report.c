/*
 * cmd_report.c: `hybridlint report`: the consultant's self-contained
 * HTML report of what `check` finds, with the topology, attribution,
 * certificates and connectors, written whole or not at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "checkrun.h"
#include "cli.h"
#include "formats.h"

static int
cmd_report(struct cli *c)
{
	struct checkrun	 cr;
	struct outsrc	 out;
	unsigned char	*orgs = NULL;
	char		 asof[11];
	int		 rc = 0;

	if (checkrun_setup(c, &cr) == -1) {
		checkrun_release(&cr);
		return EXIT_TROUBLE;
	}
	/* With a change, the report compares before and after. */
	cr.before_stage = RUN_FLOWS;
	/* Bad input: no report (an incomplete one would look whole). */
	if (checkrun_open(c, &cr, RUN_FLOWS) == -1 ||
	    cr.run->diags.nerrors > 0 ||
	    checkrun_orgs(c, cr.run->m, &orgs) == -1) {
		checkrun_release(&cr);
		return EXIT_TROUBLE;
	}
	if (cr.before != NULL)
		cr.before_fs = run_lint(cr.before, &cr.eo);
	format_date(c->asof, asof);
	memset(&out, 0, sizeof(out));
	out.run = cr.run;
	out.fs = cr.fs;
	out.orgs = orgs;
	out.cr = &cr;
	out.fc.version = PACKAGE_VERSION;
	out.fc.asof = asof;
	out.fc.diags = &cr.run->diags;
	if (formats_write(c, &out) == -1)
		rc = EXIT_TROUBLE;
	free(orgs);
	checkrun_release(&cr);
	return rc;
}

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "[OPTIONS] PATH... -o FILE.html",
	.summary = "the consultant's report: one self-contained HTML file\n"
	    "(topology diagram, attribution, certificates, connectors,\n"
	    "findings with their fixes) that loads nothing\n",
	.options = OPT(O_OUTPUT) | OPT(O_AS_OF) | OPT(O_ENABLE) |
	    OPT(O_DISABLE) | OPT(O_CONFIG) | OPT(O_NO_CONFIG) | OPT(O_RULES) |
	    OPT(O_BASELINE) | OPT(O_ORG) | OPT(O_CHANGE) | OPT(O_COMMAND),
	.flags = CMD_PATHS,
	.default_format = "html",
	.exec = cmd_report,
};
