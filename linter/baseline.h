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
/*
 * Mark findings found in the baseline file; -1 after a diagnostic.  The
 * file's SHA-256 (hex) goes to 'sha256' (SHA256_HEX_LEN + 1 bytes) and
 * its size to 'size' when they are not NULL and the file was read.
 */
int	 baseline_apply(const char *path, struct findings *, char *sha256,
	    size_t *size, struct diags *);

#endif
