/*
 * HYB904 waiver-unused: a waiver in the configuration file matches no
 * finding (the problem was fixed, or the waiver names the wrong object).
 */
#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  A waiver in the configuration file matches no finding of this run: the\n"
"  problem it accepted was fixed, the object was renamed, or the glob or\n"
"  organization never matched. A stale waiver would silently accept the\n"
"  problem again if it came back; a mistyped one accepts nothing while the\n"
"  team believes it does.\n"
"\n"
"How to fix\n"
"  Remove the waiver, or correct its \"rule\", \"object\" glob or\n"
"  \"organization\" (hybridlint check --format json shows each finding's\n"
"  rule, organization and object).\n"
"\n"
"Source\n"
"  hybridlint's configuration contract (schemas/config.schema.json);\n"
"  unused suppressions are reported by linters such as ESLint\n"
"  (--report-unused-disable-directives) for the same reason.\n";

static void
check(struct rule_ctx *c)
{
	const struct waiver	*w;
	size_t			 i;

	for (i = 0; i < c->nwaivers; i++) {
		w = &c->waivers[i];
		if (w->matched > 0)
			continue;
		rule_report_loc(c, &w->loc, "Waiver", waiver_object(c, w),
		    w->object, "# Remove the waiver from the configuration "
		    "file, or correct its rule, object or organization",
		    "%s matches no finding", waiver_text(c, w));
	}
}

const struct lint_rule rule_hyb904 = {
	.id = "HYB904",
	.name = "waiver-unused",
	.severity = SEV_NOTE,
	.summary = "A waiver matches no finding",
	.doc = doc,
	.tags = "config,waivers",
	/* low: configuration hygiene */
	.security_severity = "0.5",
	.check = check,
	.flags = RULE_AFTER_WAIVERS,
};
