/* PLACEHOLDER: HYB064 header-promotion-missing is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb064 = {
	.id = "HYB064",
	.name = "header-promotion-missing",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
