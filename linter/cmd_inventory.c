/*
 * cmd_inventory.c: `hybridlint inventory`: what was loaded, and what was
 * skipped and why.
 */
#include "cli.h"
#include "formats.h"

static int
cmd_inventory(struct cli *c)
{
	return formats_run(c, RUN_MODEL);
}

const struct cmd_entry cmd_inventory_entry = {
	.name = "inventory",
	.usage = "[OPTIONS] PATH...",
	.summary = "list what was loaded: organization, side, kind, name,\n"
	    "source file:line, and what was skipped and why\n",
	.options = OPT(O_FORMAT) | OPT(O_CHANGE) | OPT(O_COMMAND),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "text",
	.exec = cmd_inventory,
};
