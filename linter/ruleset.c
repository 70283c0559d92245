/*
 * ruleset.c: the set of rules a run knows, and lookups in it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "pack.h"
#include "xalloc.h"

void
ruleset_init(struct ruleset *rs)
{
	size_t	i;

	memset(rs, 0, sizeof(*rs));
	for (i = 0; i < lint_nbuiltin_rules; i++)
		ruleset_add(rs, lint_builtin_rules[i]);
}

void
ruleset_add(struct ruleset *rs, const struct lint_rule *r)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n++] = r;
}

void
ruleset_release(struct ruleset *rs)
{
	size_t	i;

	for (i = 0; i < rs->npacks; i++)
		pack_free(rs->packs[i]);
	free(rs->packs);
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

const struct lint_rule *
ruleset_find(const struct ruleset *rs, const char *s)
{
	size_t	i;

	for (i = 0; i < rs->n; i++)
		if (strcasecmp(rs->v[i]->id, s) == 0 ||
		    strcmp(rs->v[i]->name, s) == 0)
			return rs->v[i];
	return NULL;
}

size_t
ruleset_index(const struct ruleset *rs, const struct lint_rule *r)
{
	size_t	i;

	for (i = 0; i < rs->n; i++)
		if (rs->v[i] == r)
			return i;
	return rs->n;
}

size_t
rule_noptions(const struct lint_rule *r)
{
	size_t	n = 0;

	while (r->options != NULL && r->options[n].name != NULL)
		n++;
	return n;
}

int
rule_option_index(const struct lint_rule *r, const char *name)
{
	size_t	i, n = rule_noptions(r);

	for (i = 0; i < n; i++)
		if (strcmp(r->options[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *
rule_security_severity(const struct lint_rule *r)
{
	if (r->security_severity != NULL && *r->security_severity != '\0')
		return r->security_severity;
	return r->severity == SEV_ERROR ? "7.0" : r->severity == SEV_WARNING ?
	    "4.0" : "1.0";
}

const char *
security_severity_band(const char *s)
{
	double	v = strtod(s, NULL);

	return v >= 9.0 ? "critical" : v >= 7.0 ? "high" : v >= 4.0 ?
	    "medium" : "low";
}
