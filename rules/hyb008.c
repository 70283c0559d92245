/* PLACEHOLDER: HYB008 inbound-onprem-connectors-overlap is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb008 = {
	.id = "HYB008",
	.name = "inbound-onprem-connectors-overlap",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
