/* PLACEHOLDER: HYB071 journal-address-unsupported is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb071 = {
	.id = "HYB071",
	.name = "journal-address-unsupported",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
