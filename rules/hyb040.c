/* PLACEHOLDER: HYB040 hybrid-send-connector-tls is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb040 = {
	.id = "HYB040",
	.name = "hybrid-send-connector-tls",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
