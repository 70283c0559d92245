/* PLACEHOLDER: HYB005 inbound-identity-shared-across-tenants is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb005 = {
	.id = "HYB005",
	.name = "inbound-identity-shared-across-tenants",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
