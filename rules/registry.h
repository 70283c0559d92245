/*
 * registry.h: the table of every rule, sorted by id.
 */
#ifndef HL_REGISTRY_H
#define HL_REGISTRY_H

#include <stddef.h>

#include "rule.h"

#define RULE(x) extern const struct lint_rule rule_##x;
#include "rules.def"
#undef RULE

extern const struct lint_rule *const rule_table[];
extern const size_t rule_count;

/* A rule by id ("HYB001", case-insensitive) or name; NULL if none. */
const struct lint_rule	*rule_find(const char *);
/* Index of a rule in rule_table. */
size_t			 rule_index(const struct lint_rule *);

#endif
