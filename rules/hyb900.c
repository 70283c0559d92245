/*
 * HYB900 export-truncated: a file ConvertTo-Json cut at its depth limit
 * holds no list-typed value any rule may trust; say so once per file, with
 * the command that exports it whole.
 */
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "strmap.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  ConvertTo-Json stops at -Depth 2 unless told otherwise. Past that\n"
"  depth it writes the .NET type name (System.Object[],\n"
"  System.Collections.Hashtable, Microsoft.Exchange.Data.MultiValuedProperty`1[...])\n"
"  or the items' ToString joined by spaces instead of the value. Windows\n"
"  PowerShell 5.1 does this silently. A file shows it as a whole: a type\n"
"  name anywhere in it, or a property that is always multi-valued\n"
"  (ObjectClass, \"top msExchSMTPInboundConnector\") given as one string.\n"
"  In such a file a list that happens to hold one value with no space\n"
"  (SenderDomains \"smtp:*;1\") looks like data and is not, so hybridlint\n"
"  treats every list-typed property of the file as unknown, reports the\n"
"  file once here, and rules that need those values cannot decide: a\n"
"  clean result would not mean a clean configuration.\n"
"\n"
"How to confirm\n"
"  Open the file at the reported line: the property holds a type name or a\n"
"  space-joined list. The finding names the objects' properties that are\n"
"  unknown.\n"
"\n"
"How to fix\n"
"  Export again with enough depth, for example\n"
"    Get-InboundConnector | ConvertTo-Json -Depth 10 | Out-File -Encoding utf8 Get-InboundConnector.json\n"
"  or use Export-Clixml, which keeps Exchange objects whole.\n"
"\n"
"Source\n"
"  ConvertTo-Json, -Depth (default 2; PowerShell 7.1 and later warn):\n"
"  https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertto-json\n";

/* The objects of each cut file and their unknown properties, in one walk. */
struct cutfile {
	size_t		 nobjs;
	const char	*first;		/* the first such object's name */
	struct strmap	*props;		/* property -> itself, each once */
	const char	**v;		/* in order of first sight */
	size_t		 n;
};

static void
note_obj(struct cutfile *cf, const struct obj *o)
{
	size_t	i, n;

	if (cf->nobjs++ == 0)
		cf->first = o->name;
	for (i = 0; i < o->ntruncated; i++) {
		if (strmap_get(cf->props, o->truncated[i], &n) != NULL)
			continue;
		strmap_add(cf->props, o->truncated[i], NULL);
		cf->v = xreallocarray(cf->v, cf->n + 1, sizeof(*cf->v));
		cf->v[cf->n++] = o->truncated[i];
	}
}

static void
report_file(struct rule_ctx *c, const struct cutdoc *cd,
    const struct cutfile *cf)
{
	const char	*cmdlet = cd->cmdlet != NULL ? cd->cmdlet :
			    "Get-<the cmdlet of this file>";

	rule_report_loc(c, &cd->loc, "file", cd->loc.file, cd->what,
	    rule_printf(c, "# Export it whole, then run hybridlint again (a "
	    "pipeline: run it by hand):\n#   %s",
	    fix_note(c, reexport_cmd(c, cmdlet))),
	    "this file was exported past ConvertTo-Json's depth limit ('%s' "
	    "holds %s): every list-typed property of its %zu object%s is "
	    "unknown%s%s; export it again with -Depth " REEXPORT_DEPTH_TEXT,
	    cd->what,
	    "a type name or a space-joined list instead of the value",
	    cf->nobjs, cf->nobjs == 1 ? "" : "s", cf->n > 0 ?
	    rule_printf(c, " (%s", join_strs(c, cf->v, cf->n, JOIN_ALL,
	    ", ", "")) : "", cf->n > 0 ? rule_printf(c, " of '%s'%s)",
	    cf->first, cf->nobjs > 1 ? " and the others" : "") : "");
}

static void
check(struct rule_ctx *c)
{
	struct strmap	*byfile;
	struct cutfile	*cf;
	const struct obj *o;
	void *const	*hit;
	size_t		 k, i, n;

	if (c->m->ncut == 0)
		return;
	byfile = strmap_new();
	cf = xcalloc(c->m->ncut, sizeof(*cf));
	for (i = 0; i < c->m->ncut; i++) {
		cf[i].props = strmap_new();
		strmap_add(byfile, c->m->cut[i].loc.file, &cf[i]);
	}
	for (k = 0; k < K__COUNT; k++)
		for (i = 0; i < c->m->nobjs[k]; i++) {
			o = c->m->objs[k][i];
			if (o->cut && (hit = strmap_get(byfile, o->loc.file,
			    &n)) != NULL)
				note_obj(hit[0], o);
		}
	/* Only a cut that reaches an object hybridlint reads matters. */
	for (i = 0; i < c->m->ncut; i++) {
		if (cf[i].nobjs > 0)
			report_file(c, &c->m->cut[i], &cf[i]);
		strmap_free(cf[i].props);
		free(cf[i].v);
	}
	free(cf);
	strmap_free(byfile);
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
