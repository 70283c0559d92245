/* PLACEHOLDER: HYB034 certificate-not-smtp-enabled is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb034 = {
	.id = "HYB034",
	.name = "certificate-not-smtp-enabled",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
