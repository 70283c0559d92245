/*
 * HYB900 export-truncated: a value the export truncated (ConvertTo-Json's
 * depth limit) is unknown to every rule; say so, with the command that
 * exports it whole.
 */
#include <string.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  ConvertTo-Json stops at -Depth 2 unless told otherwise. Past that\n"
"  depth it writes the .NET type name (System.Object[],\n"
"  System.Collections.Hashtable, Microsoft.Exchange.Data.MultiValuedProperty`1[...])\n"
"  or the items' ToString joined by spaces instead of the value. Windows\n"
"  PowerShell 5.1 does this silently. hybridlint treats such a value as\n"
"  unknown rather than as data, so rules that need it cannot decide, and a\n"
"  clean result would not mean a clean configuration.\n"
"\n"
"How to confirm\n"
"  Open the file at the reported line: the property holds a type name or a\n"
"  space-joined list.\n"
"\n"
"How to fix\n"
"  Export again with enough depth, for example\n"
"    Get-InboundConnector | ConvertTo-Json -Depth 10 | Out-File -Encoding utf8 Get-InboundConnector.json\n"
"  or use Export-Clixml, which keeps Exchange objects whole.\n"
"\n"
"Source\n"
"  ConvertTo-Json, -Depth (default 2; PowerShell 7.1 and later warn):\n"
"  https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertto-json\n";

static void
check(struct rule_ctx *c)
{
	const struct obj	*o;
	const char		*props;
	size_t			 k, i;

	for (k = 0; k < K__COUNT; k++) {
		for (i = 0; i < c->m->nobjs[k]; i++) {
			o = c->m->objs[k][i];
			if (o->ntruncated == 0)
				continue;
			props = join_strs(c, o->truncated, o->ntruncated,
			    JOIN_ALL, ", ", "");
			rule_report(c, o, o->truncated[0], NULL, props, NULL,
			    rule_printf(c, "# Export it whole, then run "
			    "hybridlint again (a pipeline: run it by hand):\n"
			    "#   %s | ConvertTo-Json -Depth 10 | Out-File "
			    "-Encoding utf8 %s.json", kind_cmdlet(k),
			    kind_cmdlet(k)),
			    "%s '%s' was exported past ConvertTo-Json's depth "
			    "limit: %s hold%s a type name or a joined string "
			    "instead of the value, so hybridlint treats %s as "
			    "unknown", kind_name(k), o->name, props,
			    o->ntruncated == 1 ? "s" : "",
			    o->ntruncated == 1 ? "it" : "them");
		}
	}
}

const struct lint_rule rule_hyb900 = {
	.id = "HYB900",
	.name = "export-truncated",
	.severity = SEV_WARNING,
	.summary = "An export holds values truncated by ConvertTo-Json's "
	    "depth limit",
	.doc = doc,
	.tags = "input",
	/* low: input quality; other rules may miss problems */
	.security_severity = "2.0",
	.check = check,
};
