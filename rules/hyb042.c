/* PLACEHOLDER: HYB042 hybrid-receive-connector-tls is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb042 = {
	.id = "HYB042",
	.name = "hybrid-receive-connector-tls",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
