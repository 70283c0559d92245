/*
 * report.c: the report's document: head (Content-Security-Policy with the
 * hashes of its style and script), header (tool, date, inputs with their
 * digests, organizations and tenants, what is missing), summary (counts
 * and the most urgent actions), then the other parts in order.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "facts.h"
#include "report_impl.h"
#include "strmap.h"
#include "waiver.h"

#include "report_assets.h"

int
rc_org_shown(const struct rctx *c, const struct org *o)
{
	return o != NULL && (c->o->orgs == NULL || c->o->orgs[o->index]);
}

int
rc_finding_shown(const struct rctx *c, const struct finding *f)
{
	const struct org	*o;

	if (f->org == NULL || c->o->orgs == NULL ||
	    (o = model_org_find(c->m, f->org)) == NULL)
		return 1;
	return c->o->orgs[o->index];
}

int
rc_flow_shown(const struct rctx *c, const struct flow *f)
{
	return rc_org_shown(c, f->org) || (f->tenant != NULL &&
	    rc_org_shown(c, f->tenant->org));
}

const char *
rc_status(const struct finding *f)
{
	return f->waived ? "waived" : f->baselined ? "persisting" : "new";
}

void
rc_copyable(struct rctx *c, const char *text)
{
	c->ncopy++;
	html_printf(&c->b, "<pre id=\"cp%z\">%s</pre><button type=\"button\" "
	    "class=\"copy\" data-copy=\"cp%z\" hidden>Copy</button>\n",
	    c->ncopy, text, c->ncopy);
}

void
rc_names(struct rctx *c, const char *const *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		html_printf(&c->b, "%r%s", i ? ", " : "", v[i]);
}

static const char *
bytes_text(struct rctx *c, uint64_t n)
{
	if (n >= 10 * 1024 * 1024)
		return arena_printf(c->a, "%.1f MB", (double)n / 1048576.0);
	if (n >= 10 * 1024)
		return arena_printf(c->a, "%.1f kB", (double)n / 1024.0);
	return arena_printf(c->a, "%" PRIu64 " bytes", n);
}

/* ---- Head ---------------------------------------------------------- */

static void
head(struct rctx *c)
{
	char		 css[SHA256_B64_LEN + 1], js[SHA256_B64_LEN + 1];
	const char	*title;
	size_t		 i, n = 0;

	sha256_b64(report_css, strlen(report_css), css);
	sha256_b64(report_js, strlen(report_js), js);
	for (i = 0; i < c->m->norgs; i++)
		n += rc_org_shown(c, c->m->orgs[i]);
	if (n == 1 || n == 2) {
		struct buf	 b = { 0 };

		for (i = 0; i < c->m->norgs; i++)
			if (rc_org_shown(c, c->m->orgs[i]))
				buf_printf(&b, "%s%s", b.len ? ", " : "",
				    c->m->orgs[i]->id);
		title = arena_strdup(c->a, b.p);
		buf_free(&b);
	} else
		title = arena_printf(c->a, "%zu organizations", n);
	html_printf(&c->b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; img-src data:; style-src 'sha256-%s'; "
	    "script-src 'sha256-%s'; base-uri 'none'; form-action 'none'\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<meta name=\"color-scheme\" "
	    "content=\"light dark\">\n<meta name=\"generator\" "
	    "content=\"hybridlint %s\">\n"
	    "<title>Hybrid mail report: %s, %s</title>\n"
	    "<link rel=\"icon\" href=\"data:,\">\n<style>%r</style>\n"
	    "</head>\n<body>\n", css, js, c->o->version, title, c->o->asof,
	    report_css);
	c->nshown = n;
}

static void
toc(struct rctx *c)
{
	buf_adds(&c->b, "<nav class=\"toc\" aria-label=\"Sections\">"
	    "<a href=\"#inputs\">Inputs</a><a href=\"#summary\">Summary</a>"
	    "<a href=\"#topology\">Topology</a>"
	    "<a href=\"#attribution\">Attribution</a>"
	    "<a href=\"#shared\">Shared identities</a>"
	    "<a href=\"#certificates\">Certificates</a>"
	    "<a href=\"#connectors\">Connectors</a>"
	    "<a href=\"#findings\">Findings</a>"
	    "<a href=\"#rules\">Rules</a>");
	if (c->o->before != NULL)
		buf_adds(&c->b, "<a href=\"#compare\">Before and after</a>");
	buf_adds(&c->b, "</nav>\n");
}

/* ---- Header -------------------------------------------------------- */

static void
organizations(struct rctx *c)
{
	const struct org	*o;
	const struct tenant	*tn;
	size_t			 i, n = 0, nt = 0;

	buf_adds(&c->b, "<h3>Organizations and tenants</h3>\n");
	if (c->scale) {
		html_printf(&c->b, "<p><b>%z organizations:</b> ", c->nshown);
		for (i = 0; i < c->m->norgs; i++)
			if (rc_org_shown(c, c->m->orgs[i]))
				html_printf(&c->b, "%r%s", n++ ? ", " : "",
				    c->m->orgs[i]->id);
		buf_adds(&c->b, "</p>\n<p><b>Tenants:</b> ");
		for (i = 0; i < c->m->norgs; i++)
			if (rc_org_shown(c, c->m->orgs[i]) &&
			    (tn = topo_tenant(c->t, c->m->orgs[i])) != NULL)
				html_printf(&c->b, "%r%s", nt++ ? ", " : "",
				    tn->name);
		html_printf(&c->b, "%r</p>\n", nt == 0 ? "none" : "");
		return;
	}
	buf_adds(&c->b, "<div class=\"wrap\"><table><thead><tr>"
	    "<th>Organization</th><th>Name</th><th>On premises</th>"
	    "<th>Exchange Online tenant</th><th>Accepted domains "
	    "(tenant)</th></tr></thead><tbody>\n");
	for (i = 0; i < c->m->norgs; i++) {
		o = c->m->orgs[i];
		if (!rc_org_shown(c, o))
			continue;
		tn = topo_tenant(c->t, o);
		html_printf(&c->b, "<tr><td><code>%s</code></td><td>%s</td>"
		    "<td>%r</td><td>%s</td><td>", o->id, o->name,
		    o->has_onprem ? "exported" : "<span class=\"unknown\">"
		    "not in the inputs</span>", tn != NULL ? tn->name : "");
		if (tn == NULL)
			buf_adds(&c->b, "<span class=\"unknown\">not in the "
			    "inputs</span>");
		for (n = 0; tn != NULL && n < tn->ndomains; n++)
			html_printf(&c->b, "%r%s", n ? ", " : "",
			    tn->domains[n]->domain);
		buf_adds(&c->b, "</td></tr>\n");
	}
	buf_adds(&c->b, "</tbody></table></div>\n");
}

static void
file_row(struct rctx *c, const struct readfile *f)
{
	html_printf(&c->b, "<tr><td><code>%s</code></td><td>%s</td><td>%s"
	    "</td><td class=\"num\">%s</td><td class=\"hash\">%s</td></tr>\n",
	    f->path, f->role, f->org != NULL ? f->org->id : "",
	    bytes_text(c, f->size), f->sha256);
}

static void
inputs(struct rctx *c)
{
	const struct model	*m = c->m;
	char			 hex[SHA256_HEX_LEN + 1];
	size_t			 i;

	inputs_digest(m->files, m->nfiles, hex);
	html_printf(&c->b, "<details class=\"inputs\"><summary><b>%z "
	    "file%r read</b> (%s); SHA-256 of their listing <span "
	    "class=\"hash\">%s</span></summary>\n<p class=\"mut\">The "
	    "listing is one line <code>SHA256  PATH</code> per file, sorted "
	    "by path, as <code>sha256sum</code> prints it; "
	    "<code>hybridlint inventory --format json</code> lists every "
	    "file with its digest.</p>\n", m->nfiles, m->nfiles == 1 ? "" :
	    "s", bytes_text(c, inputs_size(m->files, m->nfiles)), hex);
	buf_adds(&c->b, "<div class=\"wrap\"><table><thead><tr><th>File</th>"
	    "<th>Role</th><th>Organization</th><th class=\"num\">Size</th>"
	    "<th>SHA-256</th></tr></thead><tbody>\n");
	for (i = 0; i < m->nfiles; i++)
		if (m->nfiles <= REPORT_LIST_FILES || m->files[i].org == NULL)
			file_row(c, &m->files[i]);
	if (m->nfiles > REPORT_LIST_FILES)
		html_printf(&c->b, "<tr><td colspan=\"5\" class=\"mut\">and "
		    "the exports of the organizations: the listing's digest "
		    "above covers them; the inventory lists them.</td></tr>\n");
	for (i = 0; i < c->o->nextra; i++)
		file_row(c, &c->o->extra[i]);
	buf_adds(&c->b, "</tbody></table></div></details>\n");
}

/* What the exports lack, from the rule that reports undecided cases. */
static void
missing(struct rctx *c)
{
	const struct findings	*fs = c->r->fs;
	const struct finding	*f;
	struct strmap		*seen = strmap_new();
	const char		*key;
	size_t			 i, j, n = 0;

	buf_adds(&c->b, "<h3>What is missing</h3>\n");
	for (i = 0; i < fs->n; i++)
		n += (fs->v[i]->rule->flags & RULE_UNDECIDED) &&
		    rc_finding_shown(c, fs->v[i]);
	if (n == 0) {
		buf_adds(&c->b, "<p>Nothing: every rule could decide with the "
		    "exports given.</p>\n");
		strmap_free(seen);
		return;
	}
	html_printf(&c->b, "<p>%z object%r could not be judged because an "
	    "export lacks what a rule needs. Collect these exports and run "
	    "again:</p>\n<div class=\"wrap\"><table><thead><tr>"
	    "<th>Organization</th><th>What the export lacks</th><th>Collect"
	    "</th></tr></thead><tbody>\n", n, n == 1 ? "" : "s");
	/* One row per organization (or, at scale, per kind of gap). */
	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (!(f->rule->flags & RULE_UNDECIDED) ||
		    !rc_finding_shown(c, f))
			continue;
		key = c->scale ? arena_printf(c->a, "%s|%s", f->kind ? f->kind :
		    "", f->key ? f->key : "") : (f->org ? f->org : "");
		if (strmap_get(seen, key, NULL) != NULL)
			continue;
		strmap_add(seen, key, (void *)f);
		buf_adds(&c->b, "<tr><td>");
		n = 0;
		for (j = i; j < fs->n; j++) {
			const struct finding *g = fs->v[j];
			const char *k2;

			if (!(g->rule->flags & RULE_UNDECIDED) ||
			    !rc_finding_shown(c, g))
				continue;
			k2 = c->scale ? arena_printf(c->a, "%s|%s", g->kind ?
			    g->kind : "", g->key ? g->key : "") :
			    (g->org ? g->org : "");
			if (strcmp(k2, key) != 0)
				continue;
			if (c->scale) {
				if (g->org != NULL && (j == i ||
				    strcmp(g->org, fs->v[j - 1]->org ?
				    fs->v[j - 1]->org : "") != 0))
					html_printf(&c->b, "%r%s", n++ ? ", " :
					    "", g->org);
				continue;
			}
			if (n++ == 0)
				html_printf(&c->b, "<code>%s</code></td><td>"
				    "<ul>", g->org ? g->org : "(none)");
			html_printf(&c->b, "<li>%s</li>", g->message);
		}
		if (c->scale)
			html_printf(&c->b, "</td><td>%s (%s)", f->kind ? f->kind :
			    "", f->key ? f->key : "");
		else
			buf_adds(&c->b, "</ul>");
		buf_adds(&c->b, "</td><td>");
		if (f->fix != NULL)
			rc_copyable(c, f->fix);
		if (c->scale)
			buf_adds(&c->b, "<p class=\"mut\">for one server; the "
			    "same for each server named in the findings.</p>");
		buf_adds(&c->b, "</td></tr>\n");
	}
	buf_adds(&c->b, "</tbody></table></div>\n");
	strmap_free(seen);
}

static void
header(struct rctx *c)
{
	const struct tenant	*tn;
	size_t			 i, nt = 0;

	for (i = 0; i < c->m->norgs; i++)
		if (rc_org_shown(c, c->m->orgs[i]) &&
		    (tn = topo_tenant(c->t, c->m->orgs[i])) != NULL)
			nt++;
	html_printf(&c->b, "<header>\n<h1>Hybrid mail topology report</h1>\n"
	    "<p class=\"sub\">%z organization%r and %z Exchange Online "
	    "tenant%r, judged at %s by hybridlint %s</p>\n</header>\n",
	    c->nshown, c->nshown == 1 ? "" : "s", nt, nt == 1 ? "" : "s",
	    c->o->asof, c->o->version);
	toc(c);
	buf_adds(&c->b, "<main>\n<section id=\"inputs\">\n<h2>Scope and "
	    "inputs</h2>\n<dl class=\"facts\">");
	html_printf(&c->b, "<dt>Tool</dt><dd>hybridlint %s</dd>"
	    "<dt>As of</dt><dd>%s (certificate validity and expiry are "
	    "judged at this date)</dd>", c->o->version, c->o->asof);
	if (c->o->orgs != NULL)
		html_printf(&c->b, "<dt>Scope</dt><dd>%z of the %z "
		    "organizations loaded (<code>--org</code>); attribution "
		    "was simulated over all of them</dd>", c->nshown,
		    c->m->norgs);
	html_printf(&c->b, "<dt>Configuration</dt><dd>%r</dd>"
	    "<dt>Baseline</dt><dd>%r</dd></dl>\n",
	    c->o->nextra > 0 && strcmp(c->o->extra[0].role,
	    "configuration") == 0 ? "see the inputs below" : "none (rule "
	    "defaults)", c->o->baseline ? "see the inputs below: findings "
	    "it records are <em>persisting</em>" : "none: every finding is "
	    "<em>new</em>");
	inputs(c);
	organizations(c);
	missing(c);
	buf_adds(&c->b, "</section>\n");
}

/* ---- Summary ------------------------------------------------------- */

struct counts {
	size_t	sev[3], waived, baselined, expired;
};

static void
count_finding(struct rctx *c, struct counts *k, const struct finding *f)
{
	size_t	j;

	if (f->waived)
		k->waived++;
	else if (f->baselined)
		k->baselined++;
	else
		k->sev[f->severity]++;
	for (j = 0; j < c->r->nwaivers; j++)
		if (c->r->waivers[j].expired &&
		    waiver_matches(&c->r->waivers[j], f)) {
			k->expired++;
			break;
		}
}

static void
count_cells(struct rctx *c, const struct counts *k)
{
	static const char *const cls[] = { "cnt-note", "cnt-warning",
	    "cnt-error" };
	size_t	i, v;

	for (i = 0; i < 6; i++) {
		v = i < 3 ? k->sev[2 - i] : i == 3 ? k->waived : i == 4 ?
		    k->baselined : k->expired;
		if (v == 0)
			buf_adds(&c->b, "<td>0</td>");
		else
			html_printf(&c->b, "<td class=\"%r\">%z</td>", i < 3 ?
			    cls[2 - i] : "", v);
	}
}

struct action {
	const char		*key;
	const struct finding	*best;
	size_t			 sev[3];
	size_t			 first;
	struct rlist		 rules;
	struct rlist		 orgs;
};

/* The commands of a fix, comments left out: the identity of an action. */
static char *
fix_commands(const char *fix)
{
	struct buf	 b = { 0 };
	const char	*p, *nl;

	for (p = fix; *p != '\0'; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		while (p < nl && *p == ' ')
			p++;
		if (p < nl && *p != '#') {
			buf_add(&b, p, (size_t)(nl - p));
			buf_addc(&b, '\n');
		}
	}
	return b.p;
}

void
rc_list_once(struct rlist *l, const char *w)
{
	if (l->seen == NULL)
		l->seen = strmap_new();
	if (!strmap_once(l->seen, w, NULL))
		return;
	if (l->b.len > 0)
		buf_adds(&l->b, ", ");
	buf_adds(&l->b, w);
	l->n++;
}

void
rc_capped(struct rctx *c, const struct rlist *l, size_t max)
{
	const char	*p = l->b.p, *q;
	size_t		 n;
	char		*w;

	if (p == NULL)
		return;
	if (!c->scale || l->n <= max) {
		html_text(&c->b, p);
		return;
	}
	for (n = 0; n < max && (q = strstr(p, ", ")) != NULL; n++) {
		w = xstrndup(p, (size_t)(q - p));
		html_printf(&c->b, "%r%s", n ? ", " : "", w);
		free(w);
		p = q + 2;
	}
	html_printf(&c->b, " and %z more", l->n - n);
}

void
rc_list_free(struct rlist *l)
{
	buf_free(&l->b);
	strmap_free(l->seen);
	l->seen = NULL;
}

static int
action_cmp(const void *x, const void *y)
{
	const struct action	*a = x, *b = y;
	int			 i;

	for (i = 2; i >= 0; i--)
		if (a->sev[i] != b->sev[i])
			return a->sev[i] > b->sev[i] ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

static void
actions(struct rctx *c)
{
	const struct findings	*fs = c->r->fs;
	const struct finding	*f, *src;
	struct strmap		*by = strmap_new();
	struct action		*v = NULL;
	void *const		*hit;
	size_t			 i, n = 0, k;
	char			*key;

	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		/* A finding another's fix resolves counts for that fix. */
		src = f->resolved_by != NULL ? f->resolved_by : f;
		if (f->waived || f->baselined || src->fix == NULL ||
		    !rc_finding_shown(c, f) ||
		    (key = fix_commands(src->fix)) == NULL)
			continue;
		if ((hit = strmap_get(by, key, NULL)) != NULL)
			k = (size_t)(uintptr_t)hit[0] - 1;
		else {
			v = xreallocarray(v, n + 1, sizeof(*v));
			memset(&v[n], 0, sizeof(v[n]));
			v[n].first = i;
			v[n].best = src;
			strmap_add(by, key, (void *)(uintptr_t)(n + 1));
			k = n++;
		}
		free(key);
		v[k].sev[f->severity]++;
		if (src->severity > v[k].best->severity)
			v[k].best = src;
		rc_list_once(&v[k].rules, f->rule->id);
		if (f->org != NULL)
			rc_list_once(&v[k].orgs, f->org);
	}
	strmap_free(by);
	buf_adds(&c->b, "<h3>The most urgent actions</h3>\n");
	if (n == 0)
		buf_adds(&c->b, "<p>None: no new finding has a fix.</p>\n");
	else {
		qsort(v, n, sizeof(*v), action_cmp);
		buf_adds(&c->b, "<ol class=\"actions\">\n");
	}
	for (i = 0; i < n && i < 3; i++) {
		html_printf(&c->b, "<li><p><b>%s</b> <span class=\"mut\">in "
		    "%s</span>: resolves %s (", v[i].best->message,
		    v[i].orgs.b.p != NULL ? v[i].orgs.b.p : "the configuration",
		    v[i].rules.b.p);
		for (k = 3; k-- > 0;)
			if (v[i].sev[k] > 0)
				html_printf(&c->b, "%r%z %s%r", k < 2 &&
				    (v[i].sev[2] > 0 || (k < 1 &&
				    v[i].sev[1] > 0)) ? ", " : "", v[i].sev[k],
				    severity_name((enum severity)k),
				    v[i].sev[k] == 1 ? "" : "s");
		buf_adds(&c->b, ")</p>\n");
		rc_copyable(c, v[i].best->fix);
		buf_adds(&c->b, "</li>\n");
	}
	if (n > 0)
		buf_adds(&c->b, "</ol>\n");
	for (i = 0; i < n; i++) {
		rc_list_free(&v[i].rules);
		rc_list_free(&v[i].orgs);
	}
	free(v);
}

static void
summary(struct rctx *c)
{
	const struct findings	*fs = c->r->fs;
	const struct finding	*f;
	const struct tenant	*tn;
	const struct org	*o;
	struct counts		*k, total, none;
	size_t			 i, n = 0, clean = 0;

	k = xcalloc(c->m->norgs + 1, sizeof(*k));
	memset(&total, 0, sizeof(total));
	memset(&none, 0, sizeof(none));
	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (!rc_finding_shown(c, f))
			continue;
		count_finding(c, &total, f);
		o = model_org_find(c->m, f->org);
		count_finding(c, o != NULL ? &k[o->index] : &none, f);
	}
	buf_adds(&c->b, "<section id=\"summary\">\n<h2>Summary</h2>\n"
	    "<div class=\"cards\">");
	html_printf(&c->b, "<div class=\"card\"><b class=\"cnt-error\">%z"
	    "</b>errors</div><div class=\"card\"><b class=\"cnt-warning\">%z"
	    "</b>warnings</div><div class=\"card\"><b class=\"cnt-note\">%z"
	    "</b>notes</div><div class=\"card\"><b>%z</b>waived</div>"
	    "<div class=\"card\"><b>%z</b>in the baseline</div>"
	    "<div class=\"card\"><b>%z</b>under an expired waiver</div>"
	    "</div>\n", total.sev[SEV_ERROR], total.sev[SEV_WARNING],
	    total.sev[SEV_NOTE], total.waived, total.baselined,
	    total.expired);
	buf_adds(&c->b, "<div class=\"wrap\"><table class=\"counts\"><thead>"
	    "<tr><th>Organization</th><th>Tenant</th><th class=\"num\">Errors</th>"
	    "<th class=\"num\">Warnings</th><th class=\"num\">Notes</th>"
	    "<th class=\"num\">Waived</th><th class=\"num\">Baselined</th>"
	    "<th class=\"num\">Expired waivers</th></tr></thead><tbody>\n");
	for (i = 0; i < c->m->norgs; i++) {
		const struct counts *x = &k[i];

		if (!rc_org_shown(c, c->m->orgs[i]))
			continue;
		if (x->sev[0] + x->sev[1] + x->sev[2] + x->waived +
		    x->baselined + x->expired == 0) {
			clean++;
			continue;
		}
		tn = topo_tenant(c->t, c->m->orgs[i]);
		html_printf(&c->b, "<tr><td><code>%s</code> %s</td><td>%s</td>",
		    c->m->orgs[i]->id, c->m->orgs[i]->name != NULL &&
		    strcmp(c->m->orgs[i]->name, c->m->orgs[i]->id) != 0 ?
		    c->m->orgs[i]->name : "", tn != NULL ? tn->name : "");
		count_cells(c, x);
		buf_adds(&c->b, "</tr>\n");
		n++;
	}
	if (none.sev[0] + none.sev[1] + none.sev[2] + none.waived +
	    none.baselined > 0) {
		buf_adds(&c->b, "<tr><td>(the configuration)</td><td></td>");
		count_cells(c, &none);
		buf_adds(&c->b, "</tr>\n");
	}
	buf_adds(&c->b, "</tbody></table></div>\n");
	if (clean > 0) {
		html_printf(&c->b, "<p><b>%z organization%r without "
		    "findings:</b> ", clean, clean == 1 ? "" : "s");
		for (i = n = 0; i < c->m->norgs; i++) {
			const struct counts *x = &k[i];

			if (rc_org_shown(c, c->m->orgs[i]) && x->sev[0] +
			    x->sev[1] + x->sev[2] + x->waived + x->baselined +
			    x->expired == 0)
				html_printf(&c->b, "%r%s", n++ ? ", " : "",
				    c->m->orgs[i]->id);
		}
		buf_adds(&c->b, "</p>\n");
	}
	free(k);
	actions(c);
	buf_adds(&c->b, "</section>\n");
}

char *
report_html(const struct report_run *r, const struct report_opts *o,
    struct diags *d)
{
	struct rctx	 c;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.o = o;
	c.m = r->run->m;
	c.t = r->run->t;
	c.s = r->run->s;
	c.asof = r->run->asof;
	c.d = d;
	c.a = arena_new();
	head(&c);
	c.scale = c.nshown > REPORT_SCALE_ORGS;
	header(&c);
	summary(&c);
	report_topology(&c);
	report_flows(&c);
	report_objects(&c);
	report_findings(&c);
	if (o->before != NULL)
		report_compare(&c);
	html_printf(&c.b, "</main>\n<footer>Generated by hybridlint %s from "
	    "%z file%r, judged at %s. The same inputs and options give the "
	    "same file. This page loads nothing: its style and script are "
	    "inline and its security policy forbids every other source."
	    "</footer>\n<script>%r</script>\n</body>\n</html>\n",
	    o->version, c.m->nfiles, c.m->nfiles == 1 ? "" : "s", o->asof,
	    report_js);
	arena_free(c.a);
	if (d->nerrors > 0) {
		buf_free(&c.b);
		return NULL;
	}
	return buf_steal(&c.b);
}
