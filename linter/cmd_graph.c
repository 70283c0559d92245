/*
 * cmd_graph.c: `hybridlint graph`: the topology and its flows into
 * Exchange Online as a diagram, with the rule ids of the findings `check`
 * reports on the paths they name.
 */
#include <stdlib.h>
#include <string.h>

#include "checkrun.h"
#include "cli.h"
#include "formats.h"

static int
cmd_graph(struct cli *c)
{
	struct checkrun	 cr;
	struct outsrc	 out;
	unsigned char	*orgs = NULL;
	int		 rc = 0;

	if (checkrun_setup(c, &cr) == -1) {
		checkrun_release(&cr);
		return EXIT_TROUBLE;
	}
	if (checkrun_open(c, &cr, RUN_FLOWS) == -1 ||
	    checkrun_orgs(c, cr.run->m, &orgs) == -1) {
		checkrun_release(&cr);
		return EXIT_TROUBLE;
	}
	memset(&out, 0, sizeof(out));
	out.run = cr.run;
	out.fs = cr.fs;
	out.orgs = orgs;
	out.cr = &cr;
	if (formats_write(c, &out) == -1)
		rc = EXIT_TROUBLE;
	if (cr.run->diags.nerrors > 0)
		rc = EXIT_TROUBLE;
	free(orgs);
	checkrun_release(&cr);
	return rc;
}

const struct cmd_entry cmd_graph_entry = {
	.name = "graph",
	.usage = "[OPTIONS] PATH...",
	.summary = "the topology and its flows into Exchange Online as a\n"
	    "diagram (--format dot or mermaid), rule ids on the\n"
	    "paths findings name\n",
	.options = OPT(O_FORMAT) | OPT(O_AS_OF) | OPT(O_ORG) |
	    OPT(O_CONFIG) | OPT(O_NO_CONFIG) | OPT(O_RULES) | OPT(O_CHANGE) |
	    OPT(O_COMMAND),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "dot",
	.exec = cmd_graph,
};
