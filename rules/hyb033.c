/* PLACEHOLDER: HYB033 certificate-expiring is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb033 = {
	.id = "HYB033",
	.name = "certificate-expiring",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
