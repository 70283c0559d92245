/*
 * packeval.h: evaluating pack rules.  pack_check() is the check function
 * of every pack rule: for each object of the rule's kind, "where" then
 * "assert", in three-valued logic (a value the export did not carry is
 * unknown, and so is a comparison with it); an object "where" selects and
 * "assert" fails is a finding, one where either stays unknown is reported
 * as undecided (the RULE_UNDECIDED rule).  Joins ("some") look their
 * candidates up in an index built once per rule run.
 */
#ifndef HL_PACKEVAL_H
#define HL_PACKEVAL_H

#include "lint.h"
#include "pack.h"

enum tv {
	TV_FALSE,
	TV_TRUE,
	TV_UNKNOWN
};

/* The check function of every pack rule (lint_rule.data: a prule). */
void	 pack_check(struct rule_ctx *);

/*
 * One condition of rule 'r' on object o, as pack_check() evaluates it
 * (for tests): its truth value.
 */
enum tv	 pack_eval(struct rule_ctx *, const struct prule *r,
	    const struct cond *, const struct obj *o);

#endif
