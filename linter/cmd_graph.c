/*
 * cmd_graph.c: `hybridlint graph`: the topology and its flows into
 * Exchange Online as a diagram.
 */
#include "cli.h"
#include "formats.h"

static int
cmd_graph(struct cli *c)
{
	return formats_run(c, RUN_FLOWS);
}

const struct cmd_entry cmd_graph_entry = {
	.name = "graph",
	.usage = "[OPTIONS] PATH...",
	.summary = "the topology and its flows into Exchange Online as a\n"
	    "diagram (--format dot or mermaid)\n",
	.options = OPT(O_FORMAT) | OPT(O_AS_OF),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "dot",
	.exec = cmd_graph,
};
