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

#endif
