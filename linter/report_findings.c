/*
 * report_findings.c: the report's findings (filters, one expandable
 * entry per finding with its message, location, evidence path, reasons
 * and inferences, references and copyable fix) and the rules appendix
 * (the explain page of every rule that fired).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "index.h"
#include "report_impl.h"

/*
 * A rule's references: the addresses its "Source" section cites, as text
 * (never links: the page opens nothing), and its documentation below.
 */
static void
references(struct rctx *c, const struct lint_rule *r)
{
	const char	*p, *e, *src;
	char		*u;
	int		 n = 0;

	if (r->doc == NULL || (src = strstr(r->doc, "\nSource\n")) == NULL)
		src = "";
	buf_adds(&c->b, "<dt>References</dt><dd>");
	/* The first address; the documentation lists the others. */
	for (p = src; n == 0 && (p = strstr(p, "http")) != NULL; p = e) {
		if (strncmp(p, "https://", 8) != 0 &&
		    strncmp(p, "http://", 7) != 0) {
			e = p + 4;
			continue;
		}
		for (e = p; *e != '\0' && *e != ' ' && *e != '\n' &&
		    *e != ')' && *e != '"'; e++)
			continue;
		while (e > p && (e[-1] == '.' || e[-1] == ','))
			e--;
		u = xstrndup(p, (size_t)(e - p));
		html_printf(&c->b, "%r<span class=\"mono\">%s</span>",
		    n++ ? "<br>" : "", u);
		free(u);
	}
	html_printf(&c->b, "%r<a href=\"#rule-%s\">%s: every source</a>"
	    "</dd>", n ? "<br>" : "", r->id, r->id);
}

/*
 * The finding's own reasons, and what the simulation says about the
 * flows its path names.
 */
static void
reasons(struct rctx *c, const struct finding *f, const struct strmap *paths)
{
	const struct flow	*fl;
	void *const		*v = NULL;
	size_t			 i, n = 0;

	if (f->path != NULL)
		v = strmap_get(paths, f->path, &n);
	if (v == NULL && f->nreasons == 0)
		return;
	buf_adds(&c->b, "<dt>Reasons</dt><dd><ul>");
	for (i = 0; i < f->nreasons; i++)
		html_printf(&c->b, "<li>%s</li>", f->reasons[i]);
	if (v == NULL) {
		buf_adds(&c->b, "</ul></dd>");
		return;
	}
	fl = v[0];
	if (fl->at != NULL)
		html_printf(&c->b, "<li>%s</li>", flow_attribution(c->a, fl));
	if (fl->sel.host != NULL)
		html_printf(&c->b, "<li>%s%r</li>", certsel_reason(c->a,
		    &fl->sel), fl->sel.inferred ? " <span class=\"badge\">"
		    "inferred</span>" : "");
	if (fl->rcpt_assumed && fl->rcpt != NULL)
		html_printf(&c->b, "<li>Assumed: %s is hosted in Exchange "
		    "Online (no <code>dns.mx</code> entry says otherwise) "
		    "<span class=\"badge\">inferred</span></li>", fl->rcpt);
	if (n > 1)
		html_printf(&c->b, "<li>%z flows take this path (one per "
		    "recipient domain or sending server).</li>", n);
	buf_adds(&c->b, "</ul></dd>");
}

static int
seen_rule(const struct lint_rule *const *v, size_t n,
    const struct lint_rule *r)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] == r)
			return 1;
	return 0;
}

static void
filters(struct rctx *c, const struct lint_rule *const *rules, size_t nr)
{
	size_t	i;

	buf_adds(&c->b, "<form id=\"filters\" class=\"filters\" role=\"search\" "
	    "hidden><input type=\"search\" id=\"f-q\" placeholder=\"Search "
	    "findings\" aria-label=\"Search findings\">"
	    "<select id=\"f-sev\" aria-label=\"Severity\"><option value=\"\">"
	    "Every severity</option><option value=\"error\">error</option>"
	    "<option value=\"warning\">warning</option><option value=\"note\">"
	    "note</option></select><select id=\"f-rule\" aria-label=\"Rule\">"
	    "<option value=\"\">Every rule</option>");
	for (i = 0; i < nr; i++)
		html_printf(&c->b, "<option value=\"%s\">%s %s</option>",
		    rules[i]->id, rules[i]->id, rules[i]->name);
	buf_adds(&c->b, "</select><select id=\"f-org\" aria-label=\""
	    "Organization\"><option value=\"\">Every organization</option>");
	for (i = 0; i < c->m->norgs; i++)
		if (rc_org_shown(c, c->m->orgs[i]))
			html_printf(&c->b, "<option value=\"%s\">%s</option>",
			    c->m->orgs[i]->id, c->m->orgs[i]->id);
	buf_adds(&c->b, "</select><select id=\"f-status\" aria-label=\"Status"
	    "\"><option value=\"\">Every status</option><option value=\"new\">"
	    "new</option><option value=\"persisting\">persisting (in the "
	    "baseline)</option><option value=\"waived\">waived</option>"
	    "</select><output id=\"f-count\"></output><button type=\"button\" "
	    "id=\"f-expand\" hidden>Expand all</button></form>\n");
}

static void
finding(struct rctx *c, const struct finding *f, size_t idx,
    const struct strmap *paths)
{
	html_printf(&c->b, "<li class=\"finding%r\" id=\"finding-%z\" "
	    "data-sev=\"%s\" data-rule=\"%s\" data-org=\"%s\" "
	    "data-status=\"%r\"><details><summary><span class=\"sev sev-%r\">"
	    "%r</span><code>%s</code><span class=\"msg\">%s</span>",
	    f->waived ? " waived" : "", idx, severity_name(f->severity),
	    f->rule->id, f->org != NULL ? f->org : "", rc_status(f),
	    severity_name(f->severity), severity_name(f->severity),
	    f->rule->id, f->message);
	if (f->org != NULL)
		html_printf(&c->b, "<span class=\"badge\">%s</span>", f->org);
	html_printf(&c->b, "<span class=\"badge\">%r</span></summary>"
	    "<div class=\"body\"><dl><dt>Rule</dt><dd>%s %s</dd>"
	    "<dt>Location</dt><dd><code>%s:%u</code>", rc_status(f),
	    f->rule->id, f->rule->name, f->loc.file != NULL ? f->loc.file :
	    "", f->loc.line);
	if (f->logical != NULL)
		html_printf(&c->b, "<br><code>%s</code>", f->logical);
	if (f->loc.pointer != NULL)
		html_printf(&c->b, " <span class=\"mut\">JSON pointer</span> "
		    "<code>%s</code>", f->loc.pointer);
	buf_adds(&c->b, "</dd>");
	if (f->path != NULL)
		html_printf(&c->b, "<dt>Evidence path</dt><dd class=\"path\">%s"
		    "</dd>", f->path);
	reasons(c, f, paths);
	if (f->waived)
		html_printf(&c->b, "<dt>Waived</dt><dd>%s</dd>",
		    f->waiver_reason != NULL ? f->waiver_reason : "");
	references(c, f->rule);
	if (f->fix != NULL) {
		buf_adds(&c->b, "<dt>Fix</dt><dd>");
		rc_copyable(c, f->fix);
		buf_adds(&c->b, "</dd>");
	}
	html_printf(&c->b, "<dt>Fingerprint</dt><dd class=\"hash\">%s</dd>"
	    "</dl></div></details></li>\n", f->fingerprint);
}

void
report_findings(struct rctx *c)
{
	const struct findings	*fs = c->r->fs;
	const struct lint_rule	**rules;
	struct strmap		*paths = strmap_new();
	char			*page = NULL;
	size_t			 i, nr = 0, n = 0, len = 0;
	FILE			*fp;

	for (i = 0; i < c->s->nflows; i++)
		if (c->s->flows[i]->reaches_exo &&
		    c->s->flows[i]->presenter != NULL)
			strmap_add(paths, flow_path(c->a, c->s->flows[i]),
			    c->s->flows[i]);
	rules = xcalloc(fs->rules->n + 1, sizeof(*rules));
	/* Rules that fired, in catalogue order. */
	for (i = 0; i < fs->rules->n; i++) {
		size_t	j;

		for (j = 0; j < fs->n; j++)
			if (fs->v[j]->rule == fs->rules->v[i] &&
			    rc_finding_shown(c, fs->v[j]))
				break;
		if (j < fs->n && !seen_rule(rules, nr, fs->rules->v[i]))
			rules[nr++] = fs->rules->v[i];
	}
	for (i = 0; i < fs->n; i++)
		n += rc_finding_shown(c, fs->v[i]);
	html_printf(&c->b, "<section id=\"findings\">\n<h2>Findings</h2>\n"
	    "<p>%z finding%r, in the order <code>hybridlint check</code> "
	    "reports them. Open one for its evidence and its fix.</p>\n", n,
	    n == 1 ? "" : "s");
	filters(c, rules, nr);
	buf_adds(&c->b, "<ol class=\"findings\">\n");
	for (i = 0; i < fs->n; i++)
		if (rc_finding_shown(c, fs->v[i]))
			finding(c, fs->v[i], i + 1, paths);
	buf_adds(&c->b, "</ol>\n</section>\n<section id=\"rules\">\n"
	    "<h2>Rules that fired</h2>\n");
	if (nr == 0)
		buf_adds(&c->b, "<p>None.</p>\n");
	for (i = 0; i < nr; i++) {
		if ((fp = open_memstream(&page, &len)) == NULL)
			continue;
		explain_text(rules[i], fp);
		fclose(fp);
		html_printf(&c->b, "<article id=\"rule-%s\"><h3>%s %s</h3>"
		    "<pre>%s</pre></article>\n", rules[i]->id, rules[i]->id,
		    rules[i]->name, page);
		free(page);
		page = NULL;
	}
	buf_adds(&c->b, "</section>\n");
	free(rules);
	strmap_free(paths);
}
