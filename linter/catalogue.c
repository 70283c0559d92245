/*
 * catalogue.c: the rule catalogue and the explain page.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "jsonout.h"
#include "mdout.h"
#include "xalloc.h"

void
catalogue_text(const struct ruleset *rs, FILE *fp)
{
	const struct lint_rule	*r;
	size_t			 i;
	int			 w = 6;

	for (i = 0; i < rs->n; i++)
		if ((int)strlen(rs->v[i]->id) > w)
			w = (int)strlen(rs->v[i]->id);
	for (i = 0; i < rs->n; i++) {
		r = rs->v[i];
		fprintf(fp, "%-*s  %-7s  %-45s  %s", w, r->id,
		    severity_name(r->severity), r->name, r->summary);
		if (r->source != NULL)
			fprintf(fp, " [pack %s %s]", r->source->name,
			    r->source->version);
		fputc('\n', fp);
	}
}

char *
catalogue_json(const struct ruleset *rs)
{
	const struct lint_rule	*r;
	json_t			*arr, *o;
	size_t			 i;
	char			*out;

	arr = json_array();
	for (i = 0; i < rs->n; i++) {
		r = rs->v[i];
		o = json_object();
		json_object_set_new(o, "id", json_string(r->id));
		json_object_set_new(o, "name", json_string(r->name));
		json_object_set_new(o, "severity",
		    json_string(severity_name(r->severity)));
		json_object_set_new(o, "summary", json_string(r->summary));
		json_object_set_new(o, "tags", json_string(r->tags));
		json_object_set_new(o, "security_severity",
		    json_string(rule_security_severity(r)));
		if (r->source != NULL)
			json_object_set_new(o, "pack", json_pack("{ssss}",
			    "name", r->source->name, "version",
			    r->source->version));
		json_array_append_new(arr, o);
	}
	out = json_render(arr);
	json_decref(arr);
	return out;
}

/* What the documentation of every rule about hybrid plumbing adds. */
static const char hybrid_scope[] =
"\n"
"When it runs\n"
"  This rule is about hybrid plumbing. It reports only on organizations\n"
"  that show an Exchange hybrid deployment: a HybridConfiguration object;\n"
"  an object the Hybrid Configuration Wizard creates (connectors named\n"
"  \"Inbound from <GUID>\", \"Outbound to <GUID>\" or \"Outbound to Office\n"
"  365 - <GUID>\", ConnectorSource HybridWizard, the OnPremisesOrganization\n"
"  object); an OnPremises outbound connector that delivers to the\n"
"  organization's own servers; or an on-premises send connector for the\n"
"  <tenant>.mail.onmicrosoft.com coexistence domain. Every tenant has that\n"
"  coexistence domain, hybrid or not, so it is no evidence, and neither is\n"
"  a connector of an email add-on service or one in test mode. Each\n"
"  finding names the evidence it relied on among its reasons. What the\n"
"  wizard creates: \"Hybrid Configuration wizard\",\n"
"  https://learn.microsoft.com/exchange/hybrid-configuration-wizard, and a\n"
"  capture of its runs, https://github.com/SammyKrosoft/Hybrid-Config-Wiz-Checks;\n"
"  that these objects, and not the coexistence domain, show a hybrid\n"
"  deployment is hybridlint's inference.\n";

/* The documentation, with what the rule's flags add to it (malloc'd). */
static char *
rule_doc(const struct lint_rule *r)
{
	return xasprintf("%s%s", r->doc != NULL ? r->doc : "",
	    (r->flags & RULE_HYBRID) != 0 ? hybrid_scope : "");
}

void
explain_text(const struct lint_rule *r, FILE *fp)
{
	const struct rule_option	*o;
	size_t				 i, n = rule_noptions(r);
	char				*doc = rule_doc(r);

	fprintf(fp, "%s %s (default severity: %s; security severity: %s, "
	    "%s", r->id, r->name, severity_name(r->severity),
	    rule_security_severity(r),
	    security_severity_band(rule_security_severity(r)));
	if (r->source != NULL)
		fprintf(fp, "; rule pack %s %s", r->source->name,
		    r->source->version);
	fprintf(fp, ")\n\n%s.\n\n%s", r->summary, doc);
	free(doc);
	if (n == 0)
		return;
	fputs("\nOptions (configuration file: \"rules\": { \"", fp);
	fprintf(fp, "%s\": { \"options\": { ... } } })\n", r->id);
	for (i = 0; i < n; i++) {
		o = &r->options[i];
		fprintf(fp, "  %s (days, %" PRId64 " to %" PRId64 ", default "
		    "%" PRId64 "): %s%s%s\n", o->name, o->min, o->max, o->def,
		    o->doc, o->at_least != NULL ? "; not below " : "",
		    o->at_least != NULL ? o->at_least : "");
	}
}

/* The tags of a rule, ", "-separated and escaped. */
static void
md_tags(struct buf *b, const char *tags)
{
	const char	*p, *e;
	char		*t;
	int		 n = 0;

	for (p = tags; p != NULL && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		while (p < e && *p == ' ')
			p++;
		if (p == e)
			continue;
		t = xstrndup(p, (size_t)(e - p));
		buf_adds(b, n++ ? ", " : "");
		md_escape(b, t, " ");
		free(t);
	}
}

char *
explain_markdown(const struct lint_rule *r)
{
	const struct rule_option	*o;
	struct buf			 b = { 0 };
	const char			*ss = rule_security_severity(r);
	char				*doc, *text;
	size_t				 i, n = rule_noptions(r);

	buf_adds(&b, "# ");
	md_escape(&b, r->id, " ");
	buf_adds(&b, " ");
	md_escape(&b, r->name, " ");
	buf_adds(&b, "\n\n");
	md_escape(&b, r->summary, " ");
	buf_adds(&b, ".\n\n| | |\n|---|---|\n");
	buf_printf(&b, "| Default severity | %s |\n",
	    severity_name(r->severity));
	/* A number "0.1" to "10.0" (lint.h), printed as it is. */
	buf_printf(&b, "| Security severity | %s (%s) |\n| Tags | ", ss,
	    security_severity_band(ss));
	md_tags(&b, r->tags);
	buf_adds(&b, " |\n\n");
	text = rule_doc(r);
	doc = md_doc(text);
	buf_adds(&b, doc);
	free(doc);
	free(text);
	if (n > 0) {
		buf_printf(&b, "\n### Options\n\nSet in the configuration file "
		    "as `\"rules\": { \"%s\": { \"options\": { ... } } }`."
		    "\n\n"
		    "| Option | Unit | Range | Default | Meaning |\n"
		    "|---|---|---|---|---|\n", r->id);
		for (i = 0; i < n; i++) {
			o = &r->options[i];
			buf_printf(&b, "| `%s` | days | %" PRId64 " to %"
			    PRId64 " | %" PRId64 " | ", o->name, o->min, o->max,
			    o->def);
			md_escape(&b, o->doc, " ");
			if (o->at_least != NULL)
				buf_printf(&b, "; not below `%s`", o->at_least);
			buf_adds(&b, " |\n");
		}
	}
	buf_printf(&b, "\n---\n\nGenerated by `hybridlint explain -f markdown "
	    "%s`.\n", r->id);
	return buf_steal(&b);
}

char *
catalogue_markdown(const struct ruleset *rs)
{
	const struct lint_rule	*r;
	struct buf		 b = { 0 };
	size_t			 i;

	buf_adds(&b, "# hybridlint rules\n\n"
	    "| Rule | Name | Severity | Security severity | Summary |\n"
	    "|---|---|---|---|---|\n");
	for (i = 0; i < rs->n; i++) {
		r = rs->v[i];
		buf_adds(&b, "| [");
		md_escape(&b, r->id, " ");
		buf_printf(&b, "](%s.md) | ", r->id);
		md_escape(&b, r->name, " ");
		buf_printf(&b, " | %s | %s | ", severity_name(r->severity),
		    rule_security_severity(r));
		md_escape(&b, r->summary, " ");
		buf_adds(&b, " |\n");
	}
	buf_adds(&b, "\n---\n\nGenerated by `hybridlint rules -f markdown`; "
	    "each page by `hybridlint explain -f markdown RULE`.\n");
	return buf_steal(&b);
}
