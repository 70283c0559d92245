/*
 * registry.c: the compiled-in rule table.  A static table, not plugins:
 * outputs need the complete catalogue, and a linter in CI runs no code it
 * finds on disk (reference/style.md 6.4).
 */
#include <string.h>
#include <strings.h>

#include "registry.h"

const struct lint_rule *const rule_table[] = {
#define RULE(x) &rule_##x,
#include "rules.def"
#undef RULE
};

const size_t rule_count = sizeof(rule_table) / sizeof(rule_table[0]);

const struct lint_rule *
rule_find(const char *s)
{
	size_t	i;

	for (i = 0; i < rule_count; i++)
		if (strcasecmp(rule_table[i]->id, s) == 0 ||
		    strcmp(rule_table[i]->name, s) == 0)
			return rule_table[i];
	return NULL;
}

size_t
rule_index(const struct lint_rule *r)
{
	size_t	i;

	for (i = 0; i < rule_count; i++)
		if (rule_table[i] == r)
			return i;
	return rule_count;
}
