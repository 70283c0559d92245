/* PLACEHOLDER: HYB032 send-connector-certificate-ambiguous is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb032 = {
	.id = "HYB032",
	.name = "send-connector-certificate-ambiguous",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
