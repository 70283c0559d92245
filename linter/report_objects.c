/*
 * report_objects.c: the report's certificates (every certificate with
 * its facts, days left at the report's date, and an expiry timeline) and
 * connectors (per side and kind, the settings that decide mail flow).
 * At MSP scale, rows that say the same are grouped with their count.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "facts.h"
#include "index.h"
#include "report_impl.h"

#define DAY	86400

struct crow {
	const struct certificate *c;
	size_t			  seq;		/* load order */
	struct rlist		  holders;	/* "server (org)" */
};

static int
crow_cmp(const void *x, const void *y)
{
	const struct crow	*a = x, *b = y;
	int64_t			 ta = a->c->not_after, tb = b->c->not_after;

	if ((ta == 0) != (tb == 0))
		return ta == 0 ? 1 : -1;
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Is a certificate in the report's scope? */
static int
cert_shown(struct rctx *c, const struct certificate *cert)
{
	const struct gateway	*g;
	size_t			 i;

	if (cert->o.org != NULL)
		return rc_org_shown(c, cert->o.org);
	if (c->o->orgs == NULL)
		return 1;
	for (i = 0; i < c->m->ngateways; i++) {
		g = c->m->gateways[i];
		if (g->cert == cert && g->operated_by != NULL &&
		    rc_org_shown(c, g->operated_by))
			return 1;
	}
	for (i = 0; i < c->s->nflows; i++)
		if (c->s->flows[i]->sel.cert == cert &&
		    rc_flow_shown(c, c->s->flows[i]))
			return 1;
	return 0;
}

static const char *
days_class(int64_t d)
{
	return d < 0 ? "days-expired" : d <= 30 ? "days-30" : d <= 60 ?
	    "days-60" : "";
}

/* The expiry timeline: the report's date, +30 and +60 days, each expiry. */
static void
timeline(struct rctx *c, const struct crow *v, size_t n)
{
	const int64_t	 lo = c->asof - 60 * (int64_t)DAY;
	const int64_t	 hi = c->asof + 730 * (int64_t)DAY;
	const double	 x0 = 20, w = 960;
	char		 d[11];
	size_t		 i, shown = 0;
	int64_t		 t, days;
	double		 x;
	int		 marks[] = { 0, 30, 60, 365, 730 }, k, lane;

	buf_adds(&c->b, "<svg class=\"timeline\" viewBox=\"0 0 1000 150\" "
	    "role=\"img\" aria-label=\"Certificate expiry timeline\">\n");
	html_printf(&c->b, "<line class=\"axis\" x1=\"20\" y1=\"110\" "
	    "x2=\"980\" y2=\"110\"/>\n");
	for (k = 0; k < 5; k++) {
		t = c->asof + (int64_t)marks[k] * DAY;
		x = x0 + w * (double)(t - lo) / (double)(hi - lo);
		format_date(t, d);
		html_printf(&c->b, "<line class=\"%r\" x1=\"%r\" y1=\"14\" "
		    "x2=\"%r\" y2=\"114\"/>", k == 0 ? "now" : k < 3 ? "mark" :
		    "axis", arena_printf(c->a, "%.1f", x), arena_printf(c->a,
		    "%.1f", x));
		if (k == 1 || k == 2)
			html_printf(&c->b, "<text x=\"%r\" y=\"10\" "
			    "text-anchor=\"%r\">%r</text>\n",
			    arena_printf(c->a, "%.1f", k == 1 ? x - 3 : x + 3),
			    k == 1 ? "end" : "start", k == 1 ? "30 days" :
			    "60 days");
		else
			html_printf(&c->b, "<text x=\"%r\" y=\"128\" "
			    "text-anchor=\"%r\">%r</text><text x=\"%r\" "
			    "y=\"142\" text-anchor=\"%r\">%s</text>\n",
			    arena_printf(c->a, "%.1f", x), k == 4 ? "end" :
			    "middle", k == 0 ? "as of" : arena_printf(c->a,
			    "+%d days", marks[k]), arena_printf(c->a, "%.1f", x),
			    k == 4 ? "end" : "middle", d);
	}
	for (i = 0; i < n; i++) {
		t = v[i].c->not_after;
		if (t == 0)
			continue;
		days = cert_days_left(v[i].c, c->asof);
		if (t < lo)
			t = lo;
		if (t > hi)
			t = hi;
		x = x0 + w * (double)(t - lo) / (double)(hi - lo);
		lane = (int)(shown++ % 8);
		format_date(v[i].c->not_after, d);
		html_printf(&c->b, "<circle class=\"c %r\" cx=\"%r\" cy=\"%d\" "
		    "r=\"5\"><title>%s: %s (%j days)</title></circle>\n",
		    days < 0 ? "exp" : days <= 30 ? "w30" : days <= 60 ? "w60" :
		    "", arena_printf(c->a, "%.1f", x), 24 + lane * 11,
		    v[i].c->subject != NULL ? v[i].c->subject : v[i].c->o.name,
		    d, days);
	}
	buf_adds(&c->b, "</svg>\n");
}

/* One row per certificate in scope (by cert_key), soonest expiry first;
 * sets *np. */
static struct crow *
cert_rows(struct rctx *c, size_t *np)
{
	const struct certificate *cert;
	struct strmap		*by = strmap_new();
	struct crow		*v = NULL;
	void *const		*hit;
	const char		*key;
	size_t			 i, n = 0, k;

	MODEL_FOREACH(c->m, K_CERT, const struct certificate, cert, i) {
		if (!cert_shown(c, cert))
			continue;
		key = cert_key(c->a, cert);
		if ((hit = strmap_get(by, key, NULL)) != NULL)
			k = (size_t)(uintptr_t)hit[0] - 1;
		else {
			v = xreallocarray(v, n + 1, sizeof(*v));
			memset(&v[n], 0, sizeof(v[n]));
			v[n].c = cert;
			v[n].seq = n;
			strmap_add(by, key, (void *)(uintptr_t)(n + 1));
			k = n++;
		}
		rc_list_once(&v[k].holders, cert->gateway != NULL ?
		    arena_printf(c->a, "gateway %s", cert->server) :
		    cert->server != NULL ? arena_printf(c->a, "%s (%s)",
		    cert->server, cert->o.org != NULL ? cert->o.org->id : "?") :
		    "unknown server");
		/* Prefer the record that knows its services. */
		if (v[k].c->services < 0 && cert->services >= 0)
			v[k].c = cert;
	}
	strmap_free(by);
	if (n > 1)
		qsort(v, n, sizeof(*v), crow_cmp);
	*np = n;
	return v;
}

/* One row of the table. */
static void
cert_row(struct rctx *c, const struct crow *r)
{
	const struct certificate *cert = r->c;
	const char		**names, *s;
	char			 d1[11], d2[11];
	size_t			 nn;
	int64_t			 days;

	names = cert_display_names(c->a, cert, &nn);
	html_printf(&c->b, "<tr><td>%s</td><td>", cert->subject != NULL ?
	    cert->subject : cert->o.name);
	rc_names(c, names, nn);
	html_printf(&c->b, "</td><td>%s</td><td class=\"hash\">%s</td>"
	    "<td>", cert->issuer != NULL ? cert->issuer : "",
	    cert->thumbprint != NULL ? cert->thumbprint : "");
	rc_capped(c, &r->holders, 10);
	s = cert_services_text(c->a, cert);
	html_printf(&c->b, "</td><td>%r%s%r</td><td>%r</td>",
	    s != NULL ? "" : cert->gateway != NULL ? "<span class="
	    "\"mut\">not applicable (gateway)" : "<span class="
	    "\"unknown\">unknown (RawData export)", s != NULL ? s : "",
	    s == NULL ? "</span>" : "", cert->self_signed == TB_UNKNOWN ?
	    "<span class=\"unknown\">unknown</span>" : cert->self_signed ?
	    "yes" : "no");
	if (cert->not_after != 0) {
		format_date(cert->not_before, d1);
		format_date(cert->not_after, d2);
		days = cert_days_left(cert, c->asof);
		html_printf(&c->b, "<td class=\"date\">%r%s<br>to %s</td>"
		    "<td class=\"num %r\">%j</td></tr>\n",
		    cert->not_before != 0 ? "" : "? ", cert->not_before != 0 ?
		    d1 : "", d2, days_class(days), days);
	} else
		buf_adds(&c->b, "<td><span class=\"unknown\">unknown"
		    "</span></td><td></td></tr>\n");
}

static void
certificates(struct rctx *c)
{
	struct crow	*v;
	size_t		 i, n;

	v = cert_rows(c, &n);
	html_printf(&c->b, "<section id=\"certificates\">\n<h2>Certificates"
	    "</h2>\n<p>%z certificate%r (one row per certificate, however "
	    "many servers hold it), soonest expiry first; days left are "
	    "counted from %s.</p>\n", n, n == 1 ? "" : "s", c->o->asof);
	timeline(c, v, n);
	buf_adds(&c->b, "<div class=\"wrap\"><table><thead><tr><th>Subject"
	    "</th><th>Names (CN, SANs)</th><th>Issuer</th><th>Thumbprint</th>"
	    "<th>Held by</th><th>Services</th><th>Self-signed</th>"
	    "<th>Valid</th><th class=\"num\">Days left</th></tr></thead>"
	    "<tbody>\n");
	for (i = 0; i < n; i++)
		cert_row(c, &v[i]);
	buf_adds(&c->b, "</tbody></table></div>\n</section>\n");
	for (i = 0; i < n; i++)
		rc_list_free(&v[i].holders);
	free(v);
}

/* ---- Connectors ---------------------------------------------------- */

/*
 * At scale, a value with the organization's own server names and domains
 * replaced by {server} and {domain}, so that connectors configured alike
 * in many organizations group into one row.
 */
static const char *
normalize(struct rctx *c, const struct org *o, const char *s)
{
	const struct exchange_server	*sv;
	const struct accepted_domain	*ad;
	const char			*tok[64], *what[64], *p;
	struct buf			 b = { 0 };
	size_t				 n = 0, i, j, l;

	if (o == NULL || s == NULL)
		return s;
	ORG_FOREACH(o, K_SERVER, const struct exchange_server, sv, i) {
		if (sv->fqdn != NULL && n < 64) {
			what[n] = "{server}";
			tok[n++] = sv->fqdn;
		}
		if (sv->o.name != NULL && n < 64) {
			what[n] = "{server}";
			tok[n++] = sv->o.name;
		}
	}
	ORG_FOREACH(o, K_ACCEPTED, const struct accepted_domain, ad, i)
		if (ad->domain != NULL && n < 64) {
			what[n] = "{domain}";
			tok[n++] = ad->domain;
		}
	for (p = s; *p != '\0';) {
		for (j = 0; j < n; j++) {
			l = strlen(tok[j]);
			if (l > 2 && strncasecmp(p, tok[j], l) == 0)
				break;
		}
		if (j < n) {
			buf_adds(&b, what[j]);
			p += strlen(tok[j]);
		} else
			buf_addc(&b, *p++);
	}
	s = arena_strdup(c->a, b.p != NULL ? b.p : "");
	buf_free(&b);
	return s;
}

struct krow {
	const struct obj	*o;
	struct fact		 f[FACTS_MAX];
	size_t			 nf;
	size_t			 count;
	struct rlist		 orgs;
};

static void
connector_table(struct rctx *c, enum kind k, const char *title)
{
	const struct model	*m = c->m;
	const struct obj	*o;
	struct strmap		*by = strmap_new();
	struct krow		*v = NULL;
	struct buf		 key = { 0 };
	void *const		*hit;
	struct fact		 f[FACTS_MAX];
	size_t			 i, j, n = 0, nf = 0, r;

	for (i = 0; i < m->nobjs[k]; i++) {
		o = m->objs[k][i];
		if (!rc_org_shown(c, o->org))
			continue;
		nf = connector_facts(c->a, o, f);
		buf_reset(&key);
		if (!c->scale)
			buf_printf(&key, "%p", (const void *)o);
		for (j = 0; c->scale && j < nf; j++) {
			/* Grouped rows show values as text, normalized. */
			f[j].text = normalize(c, o->org, fact_text(c->a, &f[j]));
			f[j].type = FACT_TEXT;
			if (strcmp(f[j].name, "Server") != 0)
				buf_printf(&key, "|%s", f[j].text);
		}
		if ((hit = strmap_get(by, key.p, NULL)) != NULL)
			r = (size_t)(uintptr_t)hit[0] - 1;
		else {
			v = xreallocarray(v, n + 1, sizeof(*v));
			memset(&v[n], 0, sizeof(v[n]));
			v[n].o = o;
			memcpy(v[n].f, f, sizeof(f));
			v[n].nf = nf;
			strmap_add(by, key.p, (void *)(uintptr_t)(n + 1));
			r = n++;
		}
		v[r].count++;
		rc_list_once(&v[r].orgs, o->org != NULL ? o->org->id : "?");
	}
	buf_free(&key);
	strmap_free(by);
	html_printf(&c->b, "<h3>%s</h3>\n", title);
	if (n == 0) {
		buf_adds(&c->b, "<p class=\"mut\">None in the inputs.</p>\n");
		return;
	}
	buf_adds(&c->b, "<div class=\"wrap\"><table><thead><tr><th>"
	    "Organization</th><th>Name</th>");
	for (j = 0; j < v[0].nf; j++)
		html_printf(&c->b, "<th>%s</th>", v[0].f[j].name);
	buf_adds(&c->b, "</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		buf_adds(&c->b, "<tr><td>");
		if (v[i].orgs.n > 1)
			html_printf(&c->b, "%z organizations: ", v[i].orgs.n);
		rc_capped(c, &v[i].orgs, 12);
		if (v[i].count > 1)
			html_printf(&c->b, "</td><td>%z connectors, such as "
			    "%s</td>", v[i].count, v[i].o->name);
		else
			html_printf(&c->b, "</td><td>%s</td>",
			    v[i].o->identity);
		for (j = 0; j < v[i].nf; j++) {
			if (c->scale && v[i].count > 1 &&
			    strcmp(v[i].f[j].name, "Server") == 0)
				html_printf(&c->b, "<td>%z servers</td>",
				    v[i].count);
			else if (!v[i].f[j].known)
				buf_adds(&c->b, "<td class=\"unknown\">unknown"
				    "</td>");
			else
				html_printf(&c->b, "<td>%s</td>",
				    fact_text(c->a, &v[i].f[j]));
		}
		buf_adds(&c->b, "</tr>\n");
	}
	buf_adds(&c->b, "</tbody></table></div>\n");
	for (i = 0; i < n; i++)
		rc_list_free(&v[i].orgs);
	free(v);
}

static void
connectors(struct rctx *c)
{
	buf_adds(&c->b, "<section id=\"connectors\">\n<h2>Connectors</h2>\n"
	    "<p>The settings that decide mail flow, per side and kind, as "
	    "exported. <span class=\"unknown\">unknown</span>: the export "
	    "did not carry the value.</p>\n");
	connector_table(c, K_INBOUND, "Exchange Online: inbound connectors");
	connector_table(c, K_OUTBOUND, "Exchange Online: outbound connectors");
	connector_table(c, K_SEND, "On premises: send connectors");
	connector_table(c, K_RECEIVE, "On premises: receive connectors");
	buf_adds(&c->b, "</section>\n");
}

void
report_objects(struct rctx *c)
{
	certificates(c);
	connectors(c);
}
