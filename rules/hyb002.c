/* PLACEHOLDER: HYB002 inbound-cert-matches-unintended-host is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb002 = {
	.id = "HYB002",
	.name = "inbound-cert-matches-unintended-host",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
