/*
 * rulesetup.h: the rules a command runs, as the command line and the
 * configuration say: the built-in rules, the rule packs of --rules, the
 * configuration (--config FILE, else .hybridlint.json found above the
 * working directory) with its own rule packs, and --enable/--disable.
 * Every problem is printed (with its location) and is a usage or input
 * error: nothing runs with a rule pack or configuration half loaded.
 */
#ifndef HL_RULESETUP_H
#define HL_RULESETUP_H

#include "cli.h"
#include "configfile.h"
#include "engine.h"

/*
 * The built-in rules and every pack into 'rs' (initialised here), the
 * configuration into *cfg (NULL when there is none).  0, or -1 after
 * printing the errors (rs released, *cfg NULL).
 */
int	 rules_setup(const struct cli *, struct ruleset *rs,
	    struct config **cfg);
/* --only, --disable and --enable into the engine's switches; 0 or -1. */
int	 rules_switch(const struct cli *, struct engine_opts *);
/* A rule by id or name, or NULL after "unknown rule" and a suggestion. */
const struct lint_rule *rules_named(const struct ruleset *, const char *cmd,
	    const char *name);

#endif
