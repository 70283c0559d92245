/*
 * baseline.h: the findings a team has accepted as the starting point.
 *
 * --write-baseline FILE records the fingerprints of the run's findings
 * (waived ones excepted); --baseline FILE marks findings whose fingerprint
 * it holds as "in baseline": they are still reported, but do not fail the
 * run.  Fingerprints do not depend on files or lines, so a baseline
 * survives re-exports and moved lines.
 */
#ifndef HL_BASELINE_H
#define HL_BASELINE_H

#include "diag.h"
#include "findings.h"

/* The baseline document (hybridlint-baseline/1), malloc'd. */
char	*baseline_render(const struct findings *);
/* Mark findings found in the baseline file; -1 after a diagnostic. */
int	 baseline_apply(const char *path, struct findings *, struct diags *);
/* The same from the file's text (UTF-8), for 'path' in messages. */
int	 baseline_parse(const char *path, const char *text, size_t len,
	    struct findings *, struct diags *);

#endif
