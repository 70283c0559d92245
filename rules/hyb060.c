/* PLACEHOLDER: HYB060 hybrid-config-certificate-mismatch is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb060 = {
	.id = "HYB060",
	.name = "hybrid-config-certificate-mismatch",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
