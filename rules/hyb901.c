/*
 * HYB901 export-incomplete: an export lacks what a rule needs.  Other
 * rules report through rule_undecided(); this rule's own check covers the
 * common case: certificates presented to Exchange Online whose Services
 * the export does not carry (Export-Clixml keeps only RawData).
 */
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "strmap.h"

static const char doc[] =
"What happens\n"
"  Some exports do not carry what a rule needs, and the rule says it could\n"
"  not decide instead of guessing. The common case: Get-ExchangeCertificate\n"
"  | Export-Clixml keeps only the certificate's bytes (RawData) and its\n"
"  ToString, because PowerShell serializes X509Certificate2 with\n"
"  SerializationMethod=SpecificProperties. Subject, names and dates can be\n"
"  decoded from the bytes; Services (is SMTP enabled?), Status and\n"
"  RootCAType cannot.\n"
"\n"
"How to fix\n"
"  Export certificates with their properties:\n"
"    Get-ExchangeCertificate -Server EX01 | Select-Object Identity,Thumbprint,Subject,Issuer,\n"
"      @{n='CertificateDomains';e={$_.CertificateDomains | % ToString}},Services,Status,\n"
"      NotBefore,NotAfter,RootCAType,IsSelfSigned,FriendlyName |\n"
"      ConvertTo-Json -Depth 10 | Out-File -Encoding utf8 Get-ExchangeCertificate-EX01.json\n"
"  Other messages of this rule name the missing export.\n"
"\n"
"Source\n"
"  PowerShell types.ps1xml for X509Certificate2 (PropertySerializationSet\n"
"  RawData), as described in about_Types.ps1xml and observed in Microsoft's\n"
"  CSS-Exchange test exports; Get-ExchangeCertificate:\n"
"  https://learn.microsoft.com/powershell/module/exchange/get-exchangecertificate\n";

static void
check(struct rule_ctx *c)
{
	const struct flow		*f;
	const struct certificate	*cert;
	struct strmap			*said = strmap_new();
	size_t				 i;

	/* The objects another rule already said it could not decide about,
	 * and those said here: once each. */
	for (i = 0; i < c->out->n; i++)
		if (c->out->v[i]->rule == c->rule &&
		    c->out->v[i]->object != NULL)
			(void)strmap_once(said, c->out->v[i]->object, NULL);
	for (i = 0; i < c->s->nsent; i++) {
		f = c->s->sent[i];
		cert = f->sel.cert;
		if (cert == NULL || cert->gateway != NULL ||
		    cert->services >= 0 ||
		    !strmap_once(said, cert->o.identity, NULL))
			continue;
		rule_report(c, &cert->o, "RawData", NULL, "Services",
		    flow_path(c->arena, f), cert_export(c,
		    f->presenter->shortname, f->presenter->shortname),
		    "certificate %s on %s is presented to Exchange Online, but "
		    "its export does not say whether SMTP is among its "
		    "Services (Export-Clixml keeps only RawData)",
		    cert->subject != NULL ? cert->subject : cert->o.name,
		    f->presenter->name);
	}
	strmap_free(said);
}

const struct lint_rule rule_hyb901 = {
	.id = "HYB901",
	.name = "export-incomplete",
	.severity = SEV_NOTE,
	.summary = "An export lacks data a rule needs, so the rule could not "
	    "decide",
	.doc = doc,
	.tags = "input",
	/* low: input quality; a rule could not decide */
	.security_severity = "1.0",
	.check = check,
	.flags = RULE_UNDECIDED,
};
