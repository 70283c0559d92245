/* PLACEHOLDER: HYB031 send-connector-certificate-not-found is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb031 = {
	.id = "HYB031",
	.name = "send-connector-certificate-not-found",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
