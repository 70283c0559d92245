/* PLACEHOLDER: HYB006 inbound-wildcard-cert-name is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb006 = {
	.id = "HYB006",
	.name = "inbound-wildcard-cert-name",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
