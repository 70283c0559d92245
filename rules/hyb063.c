/* PLACEHOLDER: HYB063 coexistence-domain-incomplete is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb063 = {
	.id = "HYB063",
	.name = "coexistence-domain-incomplete",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
