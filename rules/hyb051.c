/* PLACEHOLDER: HYB051 hybrid-domain-not-routed is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb051 = {
	.id = "HYB051",
	.name = "hybrid-domain-not-routed",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
