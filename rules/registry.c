/*
 * registry.c: the built-in rule table the core declares (lint.h).
 * rules.def is generated from RULE_SOURCES in Makefile.am, sorted by id,
 * so a rule that is built is registered and the reverse.  A static table,
 * not plugins: outputs need the complete catalogue, and a linter in CI
 * runs no code it finds on disk.
 */
#include "rule.h"

#define RULE(x) extern const struct lint_rule rule_##x;
#include "rules.def"
#undef RULE

const struct lint_rule *const lint_builtin_rules[] = {
#define RULE(x) &rule_##x,
#include "rules.def"
#undef RULE
};

const size_t lint_nbuiltin_rules =
    sizeof(lint_builtin_rules) / sizeof(lint_builtin_rules[0]);
