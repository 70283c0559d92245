/* PLACEHOLDER: HYB050 outbound-connector-tls-mismatch is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb050 = {
	.id = "HYB050",
	.name = "outbound-connector-tls-mismatch",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
