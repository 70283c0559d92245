/* PLACEHOLDER: HYB037 hybrid-path-not-attributed is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb037 = {
	.id = "HYB037",
	.name = "hybrid-path-not-attributed",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
