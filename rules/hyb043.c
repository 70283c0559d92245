/* PLACEHOLDER: HYB043 hybrid-path-through-third-party-hop is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb043 = {
	.id = "HYB043",
	.name = "hybrid-path-through-third-party-hop",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
