/* PLACEHOLDER: HYB011 treat-messages-as-internal is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb011 = {
	.id = "HYB011",
	.name = "treat-messages-as-internal",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
