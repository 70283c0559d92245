/*
 * compare.h: two runs of the same topology compared, for `whatif` (the
 * exports before and after a proposed change) and `diff` (two export
 * sets).
 *
 * What changed: for `whatif` the edits the change made (model.h, struct
 * edit); for `diff` the objects matched by organization, side, kind and
 * identity and every property the model reads (props.h), values
 * compared as the model holds them, so ordering, case of names,
 * whitespace, encoding and CLIXML against JSON make no difference.
 * Organizations are matched by id; when one is left on each side (two
 * folders without manifest, named differently) they are one.
 *
 * Then the findings, matched by rule, organization, kind, object and
 * key (the fingerprint's parts, with organizations matched as above):
 * resolved, introduced, and how many persist; and every flow into
 * Exchange Online (by sender, send connector, sending host, presenting
 * host and recipient domain) whose landing changed: another tenant or
 * connector, Originating or Incoming, foreign or not, or no longer
 * reaching Exchange Online.
 */
#ifndef HL_COMPARE_H
#define HL_COMPARE_H

#include <stddef.h>

#include "findings.h"
#include "run.h"

enum cmp_action {
	CMP_CHANGED,		/* a property's value */
	CMP_ADDED,		/* an object */
	CMP_REMOVED
};

struct cmp_change {
	enum cmp_action		 action;
	const char		*org;
	const char		*side;		/* side_name() */
	const char		*kind;		/* "SendConnector" */
	const char		*object;
	const char		*prop;		/* CMP_CHANGED */
	const char		*before;	/* NULL unknown, "" none */
	const char		*after;
	struct loc		 loc;		/* the command, or the export */
	const char		*cmd;		/* whatif: the cmdlet */
};

struct cmp_flow {
	const char		*org;		/* the sender */
	const char		*path;		/* as flow_path() gives it */
	const char		*rcpt;		/* NULL: any domain */
	const char		*before;	/* NULL: no such flow */
	const char		*after;
	int			 before_foreign;
	int			 after_foreign;
};

struct comparison {
	struct arena		 *arena;
	struct cmp_change	 *changes;
	size_t			  nchanges;
	const struct finding	**resolved;	/* of the run before */
	size_t			  nresolved;
	const struct finding	**introduced;	/* of the run after */
	size_t			  nintroduced;
	size_t			  npersist;
	struct cmp_flow		 *flows;
	size_t			  nflows;
};

/* 'after' is run_fork() of 'before' with a change applied. */
struct comparison	*compare_whatif(const struct run *before,
			    const struct findings *, const struct run *after,
			    const struct findings *);
/* Two export sets. */
struct comparison	*compare_diff(const struct run *before,
			    const struct findings *, const struct run *after,
			    const struct findings *);
void			 compare_free(struct comparison *);
/*
 * 1 when a finding introduced, not waived, is at or above 'fail_on' (an
 * enum severity; -1: never).
 */
int			 compare_fails(const struct comparison *, int fail_on);

#endif
