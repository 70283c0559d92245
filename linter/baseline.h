/*
 * baseline.h: the findings a team has accepted as the starting point.
 *
 * --write-baseline FILE records the fingerprints of the run's findings
 * (waived ones excepted); --baseline FILE marks findings whose fingerprint
 * it holds as "in baseline": they are still reported, but do not fail the
 * run.  Fingerprints do not depend on files or lines, so a baseline
 * survives re-exports and moved lines.  The comparison also keeps the
 * baseline's entries that no current finding has: the findings resolved
 * since the baseline was written.
 */
#ifndef HL_BASELINE_H
#define HL_BASELINE_H

#include <stddef.h>

#include "diag.h"
#include "findings.h"

/* One entry of a baseline file; strings NULL where it has none. */
struct baseline_entry {
	const char	*fingerprint;
	const char	*rule;
	const char	*organization;
	const char	*object;
	const char	*message;
};

/* What comparing a run with a baseline found besides the marks. */
struct baseline_cmp {
	struct arena		*arena;
	struct baseline_entry	*resolved;	/* by fingerprint */
	size_t			 nresolved;
	size_t			 nentries;	/* entries in the file */
};

/* The baseline document (hybridlint-baseline/1), malloc'd. */
char	*baseline_render(const struct findings *);
/*
 * Mark findings found in the baseline file and, when 'cmp' is not NULL,
 * fill it with the entries no finding has (free with baseline_cmp_free);
 * -1 after a diagnostic.  The file's SHA-256 (hex) goes to 'sha256'
 * (SHA256_HEX_LEN + 1 bytes) and its size to 'size' when they are not
 * NULL and the file was read.
 */
int	 baseline_apply(const char *path, struct findings *,
	    struct baseline_cmp *, char *sha256, size_t *size, struct diags *);
/* The same from the file's text (UTF-8), for 'path' in messages. */
int	 baseline_parse(const char *path, const char *text, size_t len,
	    struct findings *, struct baseline_cmp *, struct diags *);
void	 baseline_cmp_free(struct baseline_cmp *);

#endif
