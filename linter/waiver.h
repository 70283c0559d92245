/*
 * waiver.h: waivers from the configuration file.
 *
 * A waiver names a rule, a glob over object identities, optionally an
 * organization, a reason and an expiry date.  Until the end of that day a
 * matching finding is reported as waived (it does not fail the run);
 * afterwards it is reported as usual, and HYB903 says the waiver expired.
 * A waiver that matches nothing is reported by HYB904.
 */
#ifndef HL_WAIVER_H
#define HL_WAIVER_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct lint_rule;
struct findings;

struct waiver {
	const struct lint_rule	*rule;
	const char		*object;	/* glob over the object identity */
	const char		*organization;	/* NULL: any */
	const char		*reason;
	int64_t			 expires;	/* first second after that day */
	const char		*expires_text;
	const char		*owner;
	struct loc		 loc;
	size_t			 matched;	/* findings it matches */
	int			 expired;	/* at the run's date */
};

/* Does the waiver cover the finding (rule, organization, object glob)? */
struct finding;
int	waiver_matches(const struct waiver *, const struct finding *);
/* Mark waived findings; count matches; decide expiry at 'asof'. */
void	waivers_apply(struct waiver *, size_t, struct findings *, int64_t asof);

#endif
