/*
 * catalogue.h: the rule catalogue (`hybridlint rules`) and one rule's
 * documentation (`hybridlint explain`).
 */
#ifndef HL_CATALOGUE_H
#define HL_CATALOGUE_H

#include <stdio.h>

#include "lint.h"

/* "ID  severity  name  summary", a line per rule. */
void	 catalogue_text(const struct ruleset *, FILE *);
/* A JSON array of the rules (malloc'd). */
char	*catalogue_json(const struct ruleset *);
/* The explain page: title, summary, documentation, options. */
void	 explain_text(const struct lint_rule *, FILE *);
/* The explain page as Markdown, as docs/rules/ID.md holds it (malloc'd). */
char	*explain_markdown(const struct lint_rule *);
/* The catalogue as a Markdown table linking each rule's page. */
char	*catalogue_markdown(const struct ruleset *);

#endif
