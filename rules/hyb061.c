/* PLACEHOLDER: HYB061 hybrid-config-domains-not-accepted is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb061 = {
	.id = "HYB061",
	.name = "hybrid-config-domains-not-accepted",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
