/* PLACEHOLDER: HYB004 inbound-ip-shared-or-only is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb004 = {
	.id = "HYB004",
	.name = "inbound-ip-shared-or-only",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
