/* PLACEHOLDER: HYB041 hybrid-send-connector-headers is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb041 = {
	.id = "HYB041",
	.name = "hybrid-send-connector-headers",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
