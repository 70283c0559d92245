/*
 * cmd_rules.c: `hybridlint rules` (the catalogue) and `hybridlint
 * explain RULE` (one rule's documentation).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "cli.h"
#include "formats.h"
#include "xalloc.h"

static int
cmd_rules(struct cli *c)
{
	struct ruleset	rs;
	struct outsrc	out;
	int		rc = 0;

	ruleset_init(&rs);
	memset(&out, 0, sizeof(out));
	out.rules = &rs;
	if (formats_write(c, &out) == -1)
		rc = EXIT_TROUBLE;
	ruleset_release(&rs);
	return rc;
}

static int
cmd_explain(struct cli *c)
{
	const struct lint_rule	*r;
	struct ruleset		 rs;
	struct outsrc		 out;
	const char		**ids, *best;
	size_t			 i;
	int			 rc;

	ruleset_init(&rs);
	if ((r = ruleset_find(&rs, c->operands[0])) == NULL) {
		ids = xcalloc(2 * rs.n + 1, sizeof(*ids));
		for (i = 0; i < rs.n; i++) {
			ids[2 * i] = rs.v[i]->id;
			ids[2 * i + 1] = rs.v[i]->name;
		}
		best = cli_closest(c->operands[0], ids);
		cli_error("explain: unknown rule '%s'%s%s%s (see 'hybridlint "
		    "rules')", c->operands[0], best != NULL ?
		    "; did you mean " : "", best != NULL ? best : "",
		    best != NULL ? "?" : "");
		free(ids);
		ruleset_release(&rs);
		return EXIT_TROUBLE;
	}
	memset(&out, 0, sizeof(out));
	out.rules = &rs;
	out.rule = r;
	rc = formats_write(c, &out) == -1 ? EXIT_TROUBLE : 0;
	ruleset_release(&rs);
	return rc;
}

const struct cmd_entry cmd_rules_entry = {
	.name = "rules",
	.usage = "[--format text|json|markdown]",
	.summary = "the rule catalogue\n",
	.options = OPT(O_FORMAT),
	.default_format = "text",
	.exec = cmd_rules,
};

const struct cmd_entry cmd_explain_entry = {
	.name = "explain",
	.usage = "[--format text|markdown] RULE",
	.summary = "the documentation of one rule (an id such as HYB001, or\n"
	    "a name) and its options\n",
	.options = OPT(O_FORMAT),
	.flags = CMD_ARG,
	.default_format = "text",
	.exec = cmd_explain,
};
