/* PLACEHOLDER: HYB007 inbound-connector-matches-nothing is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb007 = {
	.id = "HYB007",
	.name = "inbound-connector-matches-nothing",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
