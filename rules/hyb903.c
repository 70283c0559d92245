/*
 * HYB903 waiver-expired: a waiver in the configuration file matches
 * findings but its date has passed, so they are reported again.
 */
#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  A waiver in the configuration file accepts the findings of one rule on\n"
"  matching objects until its expiry date, with the reason it gives. After\n"
"  that date the waiver no longer applies: its findings count again (and\n"
"  may fail the run), and this finding says which waiver lapsed, so the\n"
"  risk it accepted is looked at again instead of staying accepted by\n"
"  default.\n"
"\n"
"Why it matters\n"
"  An accepted risk needs an owner and a review date; a suppression that\n"
"  never expires hides the problem for good.\n"
"\n"
"How to fix\n"
"  Fix the finding the waiver covered, or, when the risk is still accepted,\n"
"  give the waiver a new \"expires\" date (and a current reason and owner).\n"
"\n"
"Source\n"
"  hybridlint's configuration contract (schemas/config.schema.json); the\n"
"  SARIF 2.1.0 suppression model (suppressions with a justification), OASIS\n"
"  SARIF 2.1.0 section 3.35.\n";

static void
check(struct rule_ctx *c)
{
	const struct waiver	*w;
	size_t			 i;

	for (i = 0; i < c->nwaivers; i++) {
		w = &c->waivers[i];
		if (!w->expired || w->matched == 0)
			continue;
		rule_report_loc(c, &w->loc, "Waiver", waiver_object(c, w),
		    w->expires_text, "# Fix the findings, or extend the "
		    "waiver in the configuration file with a current reason:\n"
		    "# \"expires\": \"YYYY-MM-DD\"",
		    "%s expired on %s; its %zu finding%s %s reported again "
		    "(reason was: %s)", waiver_text(c, w), w->expires_text,
		    w->matched, w->matched == 1 ? "" : "s",
		    w->matched == 1 ? "is" : "are", w->reason);
	}
}

const struct lint_rule rule_hyb903 = {
	.id = "HYB903",
	.name = "waiver-expired",
	.severity = SEV_WARNING,
	.summary = "A waiver matches findings but has expired",
	.doc = doc,
	.tags = "config,waivers",
	/* low: an accepted risk is due for review */
	.security_severity = "3.0",
	.check = check,
	.flags = RULE_AFTER_WAIVERS,
};
