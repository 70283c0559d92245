/*
 * report_flows.c: the report's attribution matrix (who presents what to
 * Exchange Online, which connector matches, which tenant the mail lands
 * in; foreign attributions first) and its shared identities
 * (certificates, names and addresses that more than one tenant accepts
 * or that are presented for more than one organization).
 */
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "index.h"
#include "report_impl.h"

/* The first 'max' items of a ", " list, and how many more. */
static void
capped(struct rctx *c, const struct buf *b, size_t max)
{
	const char	*p = b->p;
	size_t		 n = 0, total = 1;

	if (p == NULL)
		return;
	for (const char *q = p; (q = strstr(q, ", ")) != NULL; q += 2)
		total++;
	if (!c->scale || total <= max) {
		html_text(&c->b, p);
		return;
	}
	for (; n < max; n++) {
		const char *q = strstr(p, ", ");
		char *w = xstrndup(p, (size_t)(q - p));

		html_printf(&c->b, "%r%s", n ? ", " : "", w);
		free(w);
		p = q + 2;
	}
	html_printf(&c->b, " and %z more", total - max);
}

struct arow {
	const struct flow	*f;		/* the first flow */
	struct buf		 senders;
	struct buf		 rcpts;
	struct buf		 rules;
};

static int
arow_cmp(const void *x, const void *y)
{
	const struct arow	*a = x, *b = y;

	if (a->f->foreign != b->f->foreign)
		return a->f->foreign ? -1 : 1;
	if (a->f->step != b->f->step)
		return a->f->step < b->f->step ? -1 : 1;
	return 0;
}

static const char *
presents(struct rctx *c, const struct flow *f)
{
	if (f->sel.cert != NULL)
		return f->sel.cert->subject != NULL ? f->sel.cert->subject :
		    f->sel.cert->o.name;
	if (f->presenter->gateway != NULL && f->presenter->gateway->naddrs)
		return arena_printf(c->a, "no certificate; address %s",
		    f->presenter->gateway->addrs_text[0]);
	return "no certificate";
}

static void
attribution(struct rctx *c)
{
	const struct sim	*s = c->s;
	const struct flow	*f;
	struct strmap		*by = strmap_new(), *paths = strmap_new();
	struct arow		*v = NULL;
	const struct findings	*fs = c->r->fs;
	void *const		*hit;
	const char		*key;
	size_t			 i, j, n = 0, k, m, stable;

	/* Rule ids by evidence path. */
	for (i = 0; i < fs->n; i++)
		if (!fs->v[i]->waived && fs->v[i]->path != NULL)
			strmap_add(paths, fs->v[i]->path,
			    (void *)fs->v[i]->rule->id);
	/* Every flow that presents a certificate: those whose TLS fails
	 * queue before Exchange Online. */
	for (i = 0; i < s->nsent; i++) {
		f = s->sent[i];
		if (f->presenter == NULL || f->org == NULL ||
		    !rc_flow_shown(c, f))
			continue;
		key = arena_printf(c->a, "%d|%d|%s|%p|%p|%p|%p|%d|%s",
		    f->foreign, f->queued, c->scale ? "" : f->org->id,
		    (const void *)f->presenter, (const void *)f->sel.cert,
		    (const void *)f->ic, (const void *)f->tenant, (int)f->step,
		    f->tenant == NULL && f->presenter->kind != HOST_GATEWAY ?
		    f->org->id : "");
		if ((hit = strmap_get(by, key, NULL)) != NULL)
			k = (size_t)(uintptr_t)hit[0] - 1;
		else {
			v = xreallocarray(v, n + 1, sizeof(*v));
			memset(&v[n], 0, sizeof(v[n]));
			v[n].f = f;
			strmap_add(by, key, (void *)(uintptr_t)(n + 1));
			k = n++;
		}
		rc_list_once(&v[k].senders, f->org->id, NULL);
		rc_list_once(&v[k].rcpts, f->rcpt != NULL ? (f->rcpt_assumed ?
		    arena_printf(c->a, "%s (assumed in Exchange Online)",
		    f->rcpt) : f->rcpt) : "any domain hosted in Exchange "
		    "Online", NULL);
		if ((hit = strmap_get(paths, flow_path(c->a, f), &m)) != NULL)
			for (j = 0; j < m; j++)
				rc_list_once(&v[k].rules, hit[j], NULL);
	}
	strmap_free(by);
	strmap_free(paths);
	/* Foreign first, then by decision step; otherwise flow order. */
	for (i = 1, stable = 1; i < n; i++)
		stable &= arow_cmp(&v[i - 1], &v[i]) <= 0;
	if (!stable)
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && arow_cmp(&v[j - 1], &v[j]) > 0;
			    j--) {
				struct arow t = v[j];

				v[j] = v[j - 1];
				v[j - 1] = t;
			}
	buf_adds(&c->b, "<section id=\"attribution\">\n<h2>Attribution "
	    "matrix</h2>\n<p>For each organization (or the gateway that "
	    "relays for it): what it presents to Exchange Online, the inbound "
	    "connector that matches, and the tenant its mail lands in. "
	    "Foreign attributions first.</p>\n");
	if (n == 0) {
		buf_adds(&c->b, "<p>No mail of these organizations reaches "
		    "Exchange Online.</p>\n</section>\n");
		free(v);
		return;
	}
	buf_adds(&c->b, "<div class=\"wrap\"><table><thead><tr>"
	    "<th>Sending organization</th><th>Connects</th><th>Presents</th>"
	    "<th>Matching connector</th><th>Lands in tenant (decided by)</th>"
	    "<th>Recipient domains</th><th>Findings</th>"
	    "</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		f = v[i].f;
		html_printf(&c->b, "<tr%r><td>", f->foreign ?
		    " class=\"foreign\"" : "");
		capped(c, &v[i].senders, 12);
		html_printf(&c->b, "</td><td>%s%r</td><td>%s</td><td>",
		    f->presenter->name, f->presenter->kind == HOST_GATEWAY ?
		    " <span class=\"badge\">gateway</span>" : "",
		    presents(c, f));
		if (f->ic != NULL) {
			html_printf(&c->b, "%s", f->ic->o.name);
			if (f->ic->tls_sender_cert_name != NULL &&
			    f->step == ATTR_CERT)
				html_printf(&c->b, "<br><span class=\"mut\">"
				    "TlsSenderCertificateName <code>%s</code>"
				    "</span>", f->ic->tls_sender_cert_name);
		} else
			buf_adds(&c->b, "<span class=\"mut\">none</span>");
		buf_adds(&c->b, "</td><td>");
		if (f->queued)
			buf_adds(&c->b, "<span class=\"badge foreign\">QUEUED"
			    "</span> none: TLS to Exchange Online fails");
		else if (f->tenant != NULL)
			html_printf(&c->b, "%s <span class=\"mut\">(%s)</span>"
			    "%r%r", f->tenant->name, f->tenant->org->id,
			    f->foreign ? " <span class=\"badge foreign\">"
			    "FOREIGN</span>" : "", f->rejected ? " <span "
			    "class=\"badge foreign\">REJECTED</span>" : "");
		else
			buf_adds(&c->b, "<span class=\"mut\">the recipient's "
			    "tenant (not in the inputs)</span>");
		html_printf(&c->b, "<br><span class=\"mut\">by %r</span></td>"
		    "<td>", f->queued ? "the sending side's TLS" :
		    f->step == ATTR_CERT ? "certificate (Originating)" :
		    f->step == ATTR_IP ? "IP address (Originating)" :
		    "recipient (Incoming)");
		capped(c, &v[i].rcpts, 6);
		buf_adds(&c->b, "</td><td>");
		if (v[i].rules.p != NULL)
			html_printf(&c->b, "<code>%s</code>", v[i].rules.p);
		buf_adds(&c->b, "</td></tr>\n");
		if ((f->at != NULL || f->queued) && !c->scale)
			html_printf(&c->b, "<tr%r><td></td><td colspan=\"6\" "
			    "class=\"mut\">%s</td></tr>\n", f->foreign ||
			    f->queued ? " class=\"foreign\"" : "", f->queued ?
			    f->why_not : flow_attribution(c->a, f));
	}
	buf_adds(&c->b, "</tbody></table></div>\n</section>\n");
	for (i = 0; i < n; i++) {
		buf_free(&v[i].senders);
		buf_free(&v[i].rcpts);
		buf_free(&v[i].rules);
	}
	free(v);
}

/* ---- Shared identities --------------------------------------------- */

struct ident {
	const char	*what;		/* certificate subject, name, address */
	const char	*kind;
	struct buf	 hosts;
	struct buf	 orgs;		/* on whose behalf it is presented */
	struct buf	 accepted;	/* tenant: connector */
	struct buf	 tenants;	/* distinct tenants accepting/landing */
	int		 shown;
};

static struct ident *
ident(struct rctx *c, struct strmap *by, struct ident **v, size_t *n,
    const char *key, const char *what, const char *kind)
{
	void *const	*hit;

	(void)c;
	if ((hit = strmap_get(by, key, NULL)) != NULL)
		return &(*v)[(size_t)(uintptr_t)hit[0] - 1];
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].what = what;
	(*v)[*n].kind = kind;
	strmap_add(by, key, (void *)(uintptr_t)(*n + 1));
	return &(*v)[(*n)++];
}

static size_t
count_list(const struct buf *b)
{
	size_t		 n = 1;
	const char	*q;

	if (b->p == NULL)
		return 0;
	for (q = b->p; (q = strstr(q, ", ")) != NULL; q += 2)
		n++;
	return n;
}

static void
shared(struct rctx *c)
{
	const struct sim	*s = c->s;
	const struct topo	*t = c->t;
	const struct flow	*f;
	const struct tenant	*tn;
	const struct inbound_connector *ic;
	const struct exomatch	*mt;
	struct strmap		*by = strmap_new();
	struct ident		*v = NULL, *x;
	size_t			 i, j, k, n = 0, rows = 0;

	/* Certificates presented, for whom, and who accepts them. */
	for (i = 0; i < s->nflows; i++) {
		f = s->flows[i];
		if (!f->reaches_exo || f->presenter == NULL ||
		    f->sel.cert == NULL || f->org == NULL)
			continue;
		x = ident(c, by, &v, &n, arena_printf(c->a, "c|%s",
		    cert_key(c->a, f->sel.cert)), f->sel.cert->subject != NULL ?
		    f->sel.cert->subject : f->sel.cert->o.name, "certificate");
		rc_list_once(&x->hosts, f->presenter->name, NULL);
		rc_list_once(&x->orgs, f->org->id, NULL);
		x->shown |= rc_flow_shown(c, f);
		for (j = 0; j < f->nmatches; j++) {
			mt = &f->matches[j];
			rc_list_once(&x->accepted, arena_printf(c->a,
			    "%s: '%s' (%s)", mt->tenant->name, mt->ic->o.name,
			    mt->ic->tls_sender_cert_name != NULL ?
			    mt->ic->tls_sender_cert_name : "by IP"), NULL);
			rc_list_once(&x->tenants, mt->tenant->name, NULL);
		}
		if (f->tenant != NULL)
			rc_list_once(&x->tenants, f->tenant->name, NULL);
	}
	/* Names and addresses that inbound connectors of tenants accept. */
	for (i = 0; i < t->ntenants; i++) {
		tn = t->tenants[i];
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (ic->tls_sender_cert_name != NULL) {
				x = ident(c, by, &v, &n, arena_printf(c->a,
				    "n|%s", ic->tls_sender_cert_name),
				    ic->tls_sender_cert_name, "accepted "
				    "certificate name");
				rc_list_once(&x->accepted, arena_printf(c->a,
				    "%s: '%s'", tn->name, ic->o.name), NULL);
				rc_list_once(&x->tenants, tn->name, NULL);
				x->shown |= rc_org_shown(c, tn->org);
			}
			for (k = 0; k < ic->sender_ips_text.n; k++) {
				x = ident(c, by, &v, &n, arena_printf(c->a,
				    "a|%s", ic->sender_ips_text.v[k]),
				    ic->sender_ips_text.v[k], "accepted "
				    "address");
				rc_list_once(&x->accepted, arena_printf(c->a,
				    "%s: '%s'", tn->name, ic->o.name), NULL);
				rc_list_once(&x->tenants, tn->name, NULL);
				x->shown |= rc_org_shown(c, tn->org);
			}
		}
	}
	strmap_free(by);
	buf_adds(&c->b, "<section id=\"shared\">\n<h2>Shared identities</h2>\n"
	    "<p>Certificates, certificate names and IP addresses that more "
	    "than one tenant accepts or receives, or that hosts present on "
	    "behalf of more than one organization: where one organization's "
	    "mail can be taken for another's.</p>\n");
	for (i = 0; i < n; i++) {
		x = &v[i];
		if (!x->shown || (count_list(&x->tenants) < 2 &&
		    count_list(&x->orgs) < 2))
			continue;
		if (rows++ == 0)
			buf_adds(&c->b, "<div class=\"wrap\"><table><thead><tr>"
			    "<th>Identity</th><th>Kind</th><th>Presented by"
			    "</th><th>On behalf of</th><th>Accepted by</th>"
			    "<th class=\"num\">Tenants</th></tr></thead>"
			    "<tbody>\n");
		html_printf(&c->b, "<tr%r><td><code>%s</code></td><td>%s</td>"
		    "<td>", count_list(&x->tenants) > 1 ? " class=\"foreign\"" :
		    "", x->what, x->kind);
		capped(c, &x->hosts, 8);
		buf_adds(&c->b, "</td><td>");
		capped(c, &x->orgs, 12);
		buf_adds(&c->b, "</td><td>");
		if (x->accepted.p != NULL)
			capped(c, &x->accepted, 8);
		else
			buf_adds(&c->b, "<span class=\"mut\">no OnPremises "
			    "connector (Incoming)</span>");
		html_printf(&c->b, "</td><td class=\"num\">%z</td></tr>\n",
		    count_list(&x->tenants));
	}
	if (rows > 0)
		buf_adds(&c->b, "</tbody></table></div>\n");
	else
		buf_adds(&c->b, "<p>None: every certificate, name and address "
		    "belongs to one organization and one tenant.</p>\n");
	buf_adds(&c->b, "</section>\n");
	for (i = 0; i < n; i++) {
		buf_free(&v[i].hosts);
		buf_free(&v[i].orgs);
		buf_free(&v[i].accepted);
		buf_free(&v[i].tenants);
	}
	free(v);
}

void
report_flows(struct rctx *c)
{
	attribution(c);
	shared(c);
}
