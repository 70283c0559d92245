/*
 * jsoncheck.h: validating a parsed JSON document (a manifest, the
 * configuration, a rule pack) against what its schema states.  Every
 * problem is an error with the file, line, column and JSON Pointer of
 * the value at fault, and marks the check bad; validation goes on, so
 * one run reports every problem.
 */
#ifndef HL_JSONCHECK_H
#define HL_JSONCHECK_H

#include "diag.h"
#include "node.h"

struct jcheck {
	struct diags	*diags;
	const char	*what;		/* "configuration", "topology.json";
					   NULL: the pointer goes last */
	int		 bad;
};

/*
 * "file:line:col: error: <what> <pointer>: <message>", or without a
 * 'what' "file:line:col: error: <message> (at <pointer>)".
 */
void	 jcheck_err(struct jcheck *, const struct node *, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));
/* An error for every member of object n not in 'allowed' (NULL-ended). */
int	 jcheck_keys(struct jcheck *, const struct node *n,
	    const char *const *allowed);
/* Member 'key' of obj, a non-empty string; NULL (and an error if required). */
const char *jcheck_string(struct jcheck *, const struct node *obj,
	    const char *key, int required);

#endif
