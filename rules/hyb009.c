/* PLACEHOLDER: HYB009 inbound-sender-ip-invalid is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb009 = {
	.id = "HYB009",
	.name = "inbound-sender-ip-invalid",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
