/*
 * report_compare.c: the report's "Before and after" section, fed by two
 * runs: the exports as they are, and the same exports with a proposed
 * change applied (or a later export).  Findings are compared by
 * fingerprint; flows by sender, send connector, host and recipient, and
 * their attribution (connector and tenant).
 */
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "report_impl.h"

static void
finding_rows(struct rctx *c, const struct findings *a,
    const struct findings *b, const char *title)
{
	struct strmap	*in = strmap_new();
	size_t		 i, n = 0;

	for (i = 0; i < b->n; i++)
		strmap_add(in, b->v[i]->fingerprint, (void *)b->v[i]);
	for (i = 0; i < a->n; i++) {
		if (strmap_get(in, a->v[i]->fingerprint, NULL) != NULL ||
		    !rc_finding_shown(c, a->v[i]))
			continue;
		if (n++ == 0)
			html_printf(&c->b, "<h3>%s</h3>\n<ul>", title);
		html_printf(&c->b, "<li><span class=\"sev sev-%r\">%r</span> "
		    "<code>%s</code> %s</li>", severity_name(a->v[i]->severity),
		    severity_name(a->v[i]->severity), a->v[i]->rule->id,
		    a->v[i]->message);
	}
	if (n > 0)
		buf_adds(&c->b, "</ul>\n");
	else
		html_printf(&c->b, "<h3>%s</h3>\n<p>None.</p>\n", title);
	strmap_free(in);
}

static const char *
flow_key(struct rctx *c, const struct flow *f)
{
	return arena_printf(c->a, "%s|%s|%s|%s", f->org->id,
	    f->sc != NULL ? f->sc->o.identity : "", f->presenter != NULL ?
	    f->presenter->name : "", f->rcpt != NULL ? f->rcpt : "");
}

static const char *
landing(struct rctx *c, const struct flow *f)
{
	if (f == NULL || !f->reaches_exo)
		return "does not reach Exchange Online";
	return arena_printf(c->a, "%s%s%s%s", f->tenant != NULL ?
	    f->tenant->name : "the recipient's tenant", f->ic != NULL ?
	    " via '" : "", f->ic != NULL ? f->ic->o.name : "", f->ic != NULL ?
	    "'" : "");
}

void
report_compare(struct rctx *c)
{
	const struct report_run	*b = c->o->before;
	const struct sim	*bs = b->run->s;
	const struct flow	*f, *g;
	struct strmap		*before = strmap_new();
	void *const		*hit;
	size_t			 i, n = 0;

	buf_adds(&c->b, "<section id=\"compare\">\n<h2>Before and after</h2>\n"
	    "<p>The exports before the change compared with the exports "
	    "this report describes.</p>\n");
	finding_rows(c, b->fs, c->r->fs, "Findings resolved");
	finding_rows(c, c->r->fs, b->fs, "Findings introduced");
	for (i = 0; i < bs->nflows; i++)
		if (bs->flows[i]->org != NULL)
			strmap_add(before, flow_key(c, bs->flows[i]),
			    bs->flows[i]);
	buf_adds(&c->b, "<h3>Attribution changes</h3>\n");
	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (f->org == NULL || !rc_flow_shown(c, f))
			continue;
		hit = strmap_get(before, flow_key(c, f), NULL);
		g = hit != NULL ? hit[0] : NULL;
		if (g != NULL && strcmp(landing(c, g), landing(c, f)) == 0 &&
		    g->foreign == f->foreign)
			continue;
		if (n++ == 0)
			buf_adds(&c->b, "<div class=\"wrap\"><table><thead><tr>"
			    "<th>Flow</th><th>Before</th><th>After</th></tr>"
			    "</thead><tbody>\n");
		html_printf(&c->b, "<tr><td class=\"path\">%s</td><td>%s%r</td>"
		    "<td>%s%r</td></tr>\n", flow_path(c->a, f), landing(c, g),
		    g != NULL && g->foreign ? " <span class=\"badge foreign\">"
		    "FOREIGN</span>" : "", landing(c, f), f->foreign ?
		    " <span class=\"badge foreign\">FOREIGN</span>" : "");
	}
	if (n > 0)
		buf_adds(&c->b, "</tbody></table></div>\n");
	else
		buf_adds(&c->b, "<p>None: every flow lands where it did.</p>\n");
	buf_adds(&c->b, "</section>\n");
	strmap_free(before);
}
