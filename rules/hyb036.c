/* PLACEHOLDER: HYB036 edge-certificates-differ is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb036 = {
	.id = "HYB036",
	.name = "edge-certificates-differ",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
