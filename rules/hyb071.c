/*
 * HYB071 journal-address-unsupported.
 *
 * Exchange Online journaling cannot deliver to an Exchange Online
 * mailbox: a journal rule whose JournalEmailAddress is in a
 * *.onmicrosoft.com domain, or a JournalingReportNdrTo there, is
 * unsupported.  And a tenant with journal rules needs
 * JournalingReportNdrTo: without it, journal reports that cannot be
 * delivered stay queued, and Microsoft may disable the rules.
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  Exchange Online journaling sends a journal report of every message in\n"
"  a rule's scope to the rule's JournalEmailAddress. That address must be\n"
"  outside Exchange Online: an on-premises mailbox, or an archiving\n"
"  service. An Exchange Online mailbox cannot be the journaling mailbox.\n"
"  An address in the tenant's <tenant>.onmicrosoft.com or\n"
"  <tenant>.mail.onmicrosoft.com domain is an Exchange Online mailbox by\n"
"  construction, so hybridlint reports such a JournalEmailAddress, and\n"
"  the same for TransportConfig.JournalingReportNdrTo.\n"
"\n"
"  When the journaling mailbox is unavailable, journal reports cannot be\n"
"  delivered. JournalingReportNdrTo names the mailbox that receives the\n"
"  NDRs for them. Without it, Exchange Online keeps the undeliverable\n"
"  reports queued and retries them; Microsoft states that when the\n"
"  journaling mailbox stays invalid it contacts the organization and, if\n"
"  the problem is not fixed within two days, disables the journal rule.\n"
"  hybridlint reports an Exchange Online TransportConfig whose\n"
"  JournalingReportNdrTo is empty (or <>) while the tenant has enabled\n"
"  journal rules.\n"
"\n"
"Why Exchange Online does it\n"
"  The journaling documentation says an Exchange Online mailbox can't be\n"
"  the journaling mailbox, and the Set-TransportConfig reference says\n"
"  the same of the alternate journaling mailbox (JournalingReportNdrTo).\n"
"  Journal reports to an invalid destination stay in the transport\n"
"  queue in Microsoft's datacenters.\n"
"\n"
"How to confirm\n"
"  Get-JournalRule | Format-List Name,Enabled,Scope,Recipient,JournalEmailAddress\n"
"  Get-TransportConfig | Format-List JournalingReportNdrTo\n"
"  Get-Recipient <address> shows whether an address is a mailbox in the\n"
"  tenant.\n"
"\n"
"How to fix\n"
"  Journal to a mailbox outside Exchange Online, and name a dedicated\n"
"  (non-user) mailbox, also outside Exchange Online, for undeliverable\n"
"  journal reports:\n"
"    Set-JournalRule -Identity <rule> -JournalEmailAddress journal@onprem.contoso.com\n"
"    Set-TransportConfig -JournalingReportNdrTo journalndr@contoso.com\n"
"\n"
"Source\n"
"  \"Journaling in Exchange Online\" (journaling mailbox must not be an\n"
"  Exchange Online mailbox; undeliverable reports, alternate journaling\n"
"  mailbox, rules disabled when the journaling mailbox stays invalid):\n"
"  https://learn.microsoft.com/exchange/security-and-compliance/journaling/journaling\n"
"  New-JournalRule (JournalEmailAddress) and Set-TransportConfig\n"
"  (JournalingReportNdrTo: empty means Exchange keeps trying the\n"
"  journaling mailbox; like the journaling mailbox, the alternate one\n"
"  can't be an Exchange Online mailbox):\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-journalrule\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-transportconfig\n"
"  Inference: an address in a *.onmicrosoft.com domain is taken to be an\n"
"  Exchange Online mailbox; addresses in other domains are not judged,\n"
"  because the exports do not say where their mailboxes are.\n";

/* The address is the administrator's choice: a step in words. */
#define NDR_FIX	"# Set-TransportConfig -JournalingReportNdrTo with the " \
		"address of a dedicated mailbox"

static int
onmicrosoft(const char *addr)
{
	const char	*at, *sfx = ".onmicrosoft.com";
	size_t		 l, n = strlen(sfx);

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL)
		return 0;
	l = strlen(at + 1);
	return l > n && strcasecmp(at + 1 + l - n, sfx) == 0;
}

/* "<>" is how Exchange Online prints an unset JournalingReportNdrTo. */
static int
empty_address(const char *a)
{
	return a == NULL || *a == '\0' || strcmp(a, "<>") == 0;
}

static void
rules_of(struct rule_ctx *c, const struct tenant *tn, size_t *nenabled,
    const struct journal_rule **first)
{
	const struct journal_rule	*jr;
	size_t				 i;

	*nenabled = 0;
	*first = NULL;
	for (i = 0; i < tn->njournal; i++) {
		jr = tn->journal[i];
		if (jr->o.enabled == 0)
			continue;
		if (*first == NULL)
			*first = jr;
		(*nenabled)++;
		if (!onmicrosoft(jr->journal_address))
			continue;
		rule_report(c, &jr->o, "JournalEmailAddress", NULL,
		    jr->journal_address, NULL, rule_printf(c,
		    "# Set-JournalRule -Identity %s -JournalEmailAddress "
		    "with the address of a mailbox outside Exchange Online",
		    ps_quote(c, jr->o.name)),
		    "journal rule '%s' of tenant %s journals to %s, an "
		    "Exchange Online mailbox (a *.onmicrosoft.com address): "
		    "Exchange Online does not support journaling to its own "
		    "mailboxes", jr->o.name, tn->name, jr->journal_address);
	}
}

static void
check(struct rule_ctx *c)
{
	const struct transport_config	*tc;
	const struct journal_rule	*first;
	const struct tenant		*tn;
	size_t				 i, n;

	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		tc = tn->transport;
		rules_of(c, tn, &n, &first);
		if (tc != NULL && onmicrosoft(tc->journaling_ndr_to))
			rule_report(c, &tc->o, "JournalingReportNdrTo", NULL,
			    "JournalingReportNdrTo", NULL,
			    NDR_FIX,
			    "TransportConfig of tenant %s sends undeliverable "
			    "journal reports to %s, an Exchange Online mailbox "
			    "(a *.onmicrosoft.com address), which journaling "
			    "does not support", tn->name, tc->journaling_ndr_to);
		if (n == 0)
			continue;
		if (tc == NULL) {
			rule_undecided(c, &first->o, "no Exchange Online "
			    "Get-TransportConfig export, so JournalingReportNdrTo "
			    "is unknown", reexport_cmd(c, "Get-TransportConfig"));
			continue;
		}
		if (!empty_address(tc->journaling_ndr_to))
			continue;
		if (obj_has_prop(&tc->o, "JournalingReportNdrTo") != 1) {
			rule_undecided(c, &tc->o, "the export has no "
			    "JournalingReportNdrTo",
			    reexport_cmd(c, "Get-TransportConfig"));
			continue;
		}
		rule_report(c, &tc->o, "JournalingReportNdrTo", NULL,
		    "JournalingReportNdrTo-empty", NULL,
		    NDR_FIX ", not the journaling mailbox",
		    "TransportConfig of tenant %s has no JournalingReportNdrTo "
		    "while %zu journal rule%s ('%s'%s) %s enabled: journal "
		    "reports that cannot be delivered stay queued in "
		    "Microsoft's datacenters and are retried instead of going "
		    "to an alternate mailbox, and Microsoft disables a rule "
		    "whose journaling mailbox stays invalid", tn->name, n,
		    n > 1 ? "s" : "",
		    first->o.name, n > 1 ? ", ..." : "", n > 1 ? "are" : "is");
	}
}

const struct lint_rule rule_hyb071 = {
	.id = "HYB071",
	.name = "journal-address-unsupported",
	.severity = SEV_WARNING,
	.summary = "A journal rule or the journaling NDR address points to "
	    "an Exchange Online mailbox, or no NDR address is set",
	.doc = doc,
	.tags = "journaling,exchange-online,compliance",
	/* medium: journal reports cannot be delivered (compliance) */
	.security_severity = "4.3",
	.check = check,
};
