/* PLACEHOLDER: HYB062 hybrid-config-server-roles is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb062 = {
	.id = "HYB062",
	.name = "hybrid-config-server-roles",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
