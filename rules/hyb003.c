/* PLACEHOLDER: HYB003 inbound-cert-domain-not-accepted is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb003 = {
	.id = "HYB003",
	.name = "inbound-cert-domain-not-accepted",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
