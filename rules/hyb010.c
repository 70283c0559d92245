/* PLACEHOLDER: HYB010 partner-restriction-inconsistent is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb010 = {
	.id = "HYB010",
	.name = "partner-restriction-inconsistent",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
