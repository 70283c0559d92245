/*
 * HYB014 connector-in-test-mode.
 *
 * An Exchange Online connector in test mode carries no live mail, so no
 * other rule lints it as a route: an outbound connector with TestMode
 * $true, an inbound connector with EFTestMode $true.  One left that way
 * for a long time (no change and no validation for test_mode_days) is
 * worth a note: either the test was forgotten, or the live configuration
 * it was meant to replace never came.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  Exchange Online lets an administrator put an outbound connector in\n"
"  test mode (Set-OutboundConnector -TestMode $true): it can be\n"
"  validated, but it is not used for live mail, and Get-OutboundConnector\n"
"  does not even list it unless asked to (-IncludeTestModeConnectors\n"
"  $true). Inbound connectors show EFTestMode, which the cmdlet reference\n"
"  lists as reserved for internal Microsoft use. hybridlint lints neither\n"
"  as a live route: the rules about routing, TLS and attribution leave\n"
"  them out, and the simulation does not attribute mail to an inbound\n"
"  connector in test mode.\n"
"\n"
"  A connector left in test mode for a long time is a loose end: the\n"
"  mail flow it was built for still takes another path (or none), and the\n"
"  connector is easy to forget when the configuration is reviewed or\n"
"  handed over. hybridlint notes a connector in test mode whose last\n"
"  change (WhenChanged) and last validation (LastValidationTimestamp) are\n"
"  both at least test_mode_days before the run date; it says nothing when\n"
"  the export carries neither date.\n"
"\n"
"Why Exchange Online does it\n"
"  Test mode exists so that a connector can be created and validated\n"
"  before it carries mail; switching TestMode off puts it in service.\n"
"  A connector's WhenChanged is the last time any of its settings was\n"
"  saved, so it has been in test mode at least since then.\n"
"\n"
"How to confirm\n"
"    Get-OutboundConnector -IncludeTestModeConnectors $true |\n"
"      Format-List Name,Enabled,TestMode,WhenChanged,IsValidated,\n"
"        LastValidationTimestamp\n"
"    Get-InboundConnector | Where-Object EFTestMode |\n"
"      Format-List Name,Enabled,EFTestMode,WhenChanged\n"
"  Note that Get-OutboundConnector without -IncludeTestModeConnectors\n"
"  $true leaves connectors in test mode out of an export.\n"
"\n"
"How to fix\n"
"  Finish the test and put the connector in service, or remove it:\n"
"    Set-OutboundConnector -Identity <name> -TestMode $false\n"
"    Remove-OutboundConnector -Identity <name>\n"
"  EFTestMode on an inbound connector is not documented for\n"
"  administrators; ask Microsoft support before changing it.\n"
"\n"
"Source\n"
"  Set-OutboundConnector (TestMode, LastValidationTimestamp):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-outboundconnector\n"
"  Get-OutboundConnector (IncludeTestModeConnectors: connectors in test\n"
"  mode are listed only on request):\n"
"  https://learn.microsoft.com/powershell/module/exchange/get-outboundconnector\n"
"  Set-InboundConnector (EFTestMode, reserved for internal Microsoft use):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-inboundconnector\n"
"  Inference: that test mode means the connector carries no live mail is\n"
"  hybridlint's reading of the TestMode parameter and of\n"
"  IncludeTestModeConnectors; for EFTestMode it rests only on the name.\n"
"  A time without a zone (LastValidationTimestamp in some exports) is\n"
"  read as UTC.\n";

/* The later of two dates, 0 when neither is known. */
static int64_t
later(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

static void
note(struct rule_ctx *c, const struct obj *o, const char *tenant,
    const char *what, const char *prop, int64_t since, const char *fix)
{
	char	day[11];

	format_date(since, day);
	rule_report(c, o, prop, NULL, prop, NULL, fix,
	    "%s '%s' (tenant %s) has been in test mode (%s true) since at "
	    "least %s, %lld days without a change or a validation: it carries "
	    "no live mail; finish the test and put it in service, or remove "
	    "it", what, o->name, tenant, prop, day,
	    (long long)-days_until(c, since));
}

static void
check(struct rule_ctx *c)
{
	const struct outbound_connector	*oc;
	const struct inbound_connector	*ic;
	int64_t				 days, since;
	size_t				 i;

	days = rule_opt(c, "test_mode_days");
	MODEL_FOREACH(c->m, K_OUTBOUND, const struct outbound_connector, oc,
	    i) {
		since = later(oc->when_changed, oc->last_validated);
		if (!oc_test_mode(oc) || oc->o.enabled == 0 || since == 0 ||
		    -days_until(c, since) < days)
			continue;
		note(c, &oc->o, org_tenant_name(c, oc->o.org),
		    "outbound connector", "TestMode", since, rule_printf(c,
		    "# When the test is done, put the connector in service:\n"
		    "Set-OutboundConnector -Identity %s -TestMode $false\n"
		    "# or remove it: Remove-OutboundConnector -Identity '%s'",
		    ps_quote(c, oc->o.name), fix_note(c, oc->o.name)));
	}
	MODEL_FOREACH(c->m, K_INBOUND, const struct inbound_connector, ic, i) {
		since = ic->when_changed;
		if (ic->ef_test_mode != 1 || ic->o.enabled == 0 || since == 0 ||
		    -days_until(c, since) < days)
			continue;
		note(c, &ic->o, org_tenant_name(c, ic->o.org),
		    "inbound connector", "EFTestMode", since,
		    "# EFTestMode is reserved for internal Microsoft use: ask "
		    "Microsoft support why the connector is in test mode "
		    "before changing it.");
	}
}

static const struct rule_option options[] = {
	{ "test_mode_days", ROPT_DAYS, 30, 0, 3650,
	    "days in test mode (no change, no validation) before a note",
	    NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL }
};

const struct lint_rule rule_hyb014 = {
	.id = "HYB014",
	.name = "connector-in-test-mode",
	.severity = SEV_NOTE,
	.summary = "An Exchange Online connector has been left in test mode",
	.doc = doc,
	.tags = "exchange-online,connectors,test-mode",
	/* low: a loose end, nothing is exposed */
	.security_severity = "2.0",
	.options = options,
	.check = check,
};
