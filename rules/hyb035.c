/* PLACEHOLDER: HYB035 certificate-untrusted-on-hybrid-path is being written; the registry test fails
 * until it has a check function, documentation and fixtures. */
#include "rule.h"

const struct lint_rule rule_hyb035 = {
	.id = "HYB035",
	.name = "certificate-untrusted-on-hybrid-path",
	.severity = SEV_WARNING,
	.catalogue = "?",
	.summary = "Not yet implemented",
};
