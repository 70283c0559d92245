/* PLACEHOLDER: HYB012 third-party-mx-without-lockdown is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb012 = {
	.id = "HYB012",
	.name = "third-party-mx-without-lockdown",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
