/*
 * cmd_rules.c: `hybridlint rules` (the catalogue), `hybridlint rules
 * test PACK` (a rule pack's fixtures) and `hybridlint explain RULE` (one
 * rule's documentation).  The catalogue and explain include the rule
 * packs of --rules and of the configuration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "cli.h"
#include "formats.h"
#include "packtest.h"
#include "rulesetup.h"
#include "xalloc.h"

static int
cmd_rules(struct cli *c)
{
	struct ruleset	 rs;
	struct config	*cfg;
	struct outsrc	 out;
	int		 rc = 0;

	if (rules_setup(c, &rs, &cfg) == -1)
		return EXIT_TROUBLE;
	memset(&out, 0, sizeof(out));
	out.rules = &rs;
	if (formats_write(c, &out) == -1)
		rc = EXIT_TROUBLE;
	config_free(cfg);
	ruleset_release(&rs);
	return rc;
}

static int
cmd_rules_test(struct cli *c)
{
	struct diags	diags = { 0 };
	size_t		i;
	int		rc = 0, r;

	for (i = 0; i < c->noperands; i++) {
		r = packtest_run(c->operands[i], c->asof, stdout, &diags);
		diag_print(&diags, stderr);
		diag_free(&diags);
		memset(&diags, 0, sizeof(diags));
		if (r > rc)
			rc = r;
	}
	return rc;
}

static int
cmd_explain(struct cli *c)
{
	const struct lint_rule	*r;
	struct ruleset		 rs;
	struct config		*cfg;
	struct outsrc		 out;
	int			 rc;

	if (rules_setup(c, &rs, &cfg) == -1)
		return EXIT_TROUBLE;
	if ((r = rules_named(&rs, "explain", c->operands[0])) == NULL) {
		config_free(cfg);
		ruleset_release(&rs);
		return EXIT_TROUBLE;
	}
	memset(&out, 0, sizeof(out));
	out.rules = &rs;
	out.rule = r;
	rc = formats_write(c, &out) == -1 ? EXIT_TROUBLE : 0;
	config_free(cfg);
	ruleset_release(&rs);
	return rc;
}

const struct cmd_entry cmd_rules_test_entry = {
	.name = "rules test",
	.usage = "[--as-of DATE] PACK...",
	.summary = "run each rule's fixtures of a rule pack\n"
	    "(tests/ID/fire and tests/ID/silent); exit 1 on a failure\n",
	.options = OPT(O_AS_OF),
	.flags = CMD_PATHS,
	.exec = cmd_rules_test,
};

static const struct cmd_entry *const rules_subcommands[] = {
	&cmd_rules_test_entry,
	NULL
};

const struct cmd_entry cmd_rules_entry = {
	.name = "rules",
	.usage = "[--format text|json|markdown] [--rules PACK]...",
	.summary = "the rule catalogue, with the rules of rule packs\n",
	.options = OPT(O_FORMAT) | OPT(O_CONFIG) | OPT(O_NO_CONFIG) |
	    OPT(O_RULES),
	.default_format = "text",
	.exec = cmd_rules,
	.subcommands = rules_subcommands,
};

const struct cmd_entry cmd_explain_entry = {
	.name = "explain",
	.usage = "[--format text|markdown] [--rules PACK]... RULE",
	.summary = "the documentation of one rule (an id such as HYB001, or\n"
	    "a name) and its options\n",
	.options = OPT(O_FORMAT) | OPT(O_CONFIG) | OPT(O_NO_CONFIG) |
	    OPT(O_RULES),
	.flags = CMD_ARG,
	.default_format = "text",
	.exec = cmd_explain,
};
