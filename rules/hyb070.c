/*
 * HYB070 journal-captures-foreign-mail.
 *
 * A journal rule of a tenant captures mail that Exchange Online
 * attributes to the tenant although another organization sent it.
 * Reads the flows: foreign flows and the journal rules they hit.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "strmap.h"

static const char doc[] =
"What happens\n"
"  A journal rule sends a report of every message in its scope to the\n"
"  journaling mailbox. Its scope is the tenant's mail: messages attributed\n"
"  to the tenant. When another organization's mail is attributed to the\n"
"  tenant (HYB001, HYB004, HYB005), a Global or External journal rule\n"
"  copies that organization's mail into this tenant's journal mailbox:\n"
"  a disclosure of a third party's mail, usually unnoticed, because\n"
"  journal reports are rarely read.\n"
"\n"
"Why Exchange Online does it\n"
"  Journaling applies to messages the tenant processes; attribution\n"
"  decides which tenant processes a message, before the sender domain is\n"
"  considered (MC1226222 attribution order).\n"
"\n"
"How to confirm\n"
"  Search the journaling mailbox for senders outside the tenant's accepted\n"
"  domains; the message trace of one such message shows the journal rule\n"
"  (event JOURNAL) in this tenant.\n"
"\n"
"How to fix\n"
"  Fix the attribution first (HYB001's fix). Meanwhile the rule can be\n"
"  limited to the tenant's own recipients, or disabled:\n"
"    Set-JournalRule -Identity <rule> -Recipient <address>\n"
"    Disable-JournalRule -Identity <rule>\n"
"  Tell the affected organization what was copied: the journal mailbox\n"
"  holds its mail.\n"
"\n"
"Source\n"
"  \"Journaling in Exchange Online\": https://learn.microsoft.com/exchange/security-and-compliance/journaling/journaling\n"
"  granikos.eu \"EXO InboundConnector TLS issue\" (journal mailbox holding\n"
"  a customer's mail).\n"
"  Inference: that a Global or External rule captures foreign-attributed\n"
"  mail follows from the scope definitions; no document states it.\n";

static void
check(struct rule_ctx *c)
{
	const struct flow		*f;
	const struct journal_rule	*jr;
	struct strmap			*seen = strmap_new();
	size_t				 i, j;
	char				 key[64];

	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (!f->foreign)
			continue;
		for (j = 0; j < f->njournal; j++) {
			jr = f->journal[j];
			/* One finding per rule and sending organization. */
			if (!strmap_once(seen, ptr_pair_key(key, sizeof(key), jr,
			    f->org), NULL))
				continue;
			rule_report(c, &jr->o, "Scope", jr->o.org, f->org->id,
			    flow_path(c->arena, f), rule_printf(c,
			    "# Fix the attribution first (HYB001). Until then, "
			    "limit or disable the rule:\n"
			    "# Set-JournalRule -Identity %s -Recipient with "
			    "an address of tenant %s\n"
			    "Disable-JournalRule -Identity %s",
			    ps_quote(c, jr->o.name), fix_note(c,
			    f->tenant->name), ps_quote(c, jr->o.name)),
			    "journal rule '%s' of tenant %s journals mail of "
			    "%s (%s) to %s: Exchange Online attributes that "
			    "mail to the tenant through '%s'", jr->o.name,
			    f->tenant->name, f->org->id, f->mail_from,
			    jr->journal_address != NULL ? jr->journal_address :
			    "its journaling mailbox",
			    f->ic != NULL ? f->ic->o.name : "?");
		}
	}
	strmap_free(seen);
}

const struct lint_rule rule_hyb070 = {
	.id = "HYB070",
	.name = "journal-captures-foreign-mail",
	.severity = SEV_ERROR,
	.summary = "A journal rule captures mail of another organization "
	    "that Exchange Online attributes to the tenant",
	.doc = doc,
	.tags = "journaling,privacy,attribution",
	/* critical: another organization's mail is journaled here */
	.security_severity = "9.1",
	.check = check,
};
