/* PLACEHOLDER: HYB013 enhanced-filtering-misconfigured is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb013 = {
	.id = "HYB013",
	.name = "enhanced-filtering-misconfigured",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
