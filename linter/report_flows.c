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

struct arow {
	const struct flow	*f;		/* the first flow */
	size_t			 seq;		/* first seen */
	struct rlist		 senders;
	struct rlist		 rcpts;
	struct rlist		 rules;
};

static int
arow_cmp(const void *x, const void *y)
{
	const struct arow	*a = x, *b = y;

	if (a->f->foreign != b->f->foreign)
		return a->f->foreign ? -1 : 1;
	if (a->f->step != b->f->step)
		return a->f->step < b->f->step ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
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

/*
 * One row per sending side, presenter, certificate, connector, tenant and
 * decision (per organization too, below scale), with the senders,
 * recipient domains and rule ids of its flows; foreign first, then by
 * decision step, otherwise in flow order.  Sets *np.
 */
static struct arow *
attr_rows(struct rctx *c, size_t *np)
{
	const struct sim	*s = c->s;
	const struct flow	*f;
	const struct findings	*fs = c->r->fs;
	struct strmap		*by = strmap_new(), *paths = strmap_new();
	struct arow		*v = NULL;
	void *const		*hit;
	const char		*key;
	size_t			 i, j, n = 0, k, m;

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
			v[n].seq = n;
			strmap_add(by, key, (void *)(uintptr_t)(n + 1));
			k = n++;
		}
		rc_list_once(&v[k].senders, f->org->id);
		rc_list_once(&v[k].rcpts, f->rcpt != NULL ? (f->rcpt_assumed ?
		    arena_printf(c->a, "%s (assumed in Exchange Online)",
		    f->rcpt) : f->rcpt) : "any domain hosted in Exchange "
		    "Online");
		if ((hit = strmap_get(paths, flow_path(c->a, f), &m)) != NULL)
			for (j = 0; j < m; j++)
				rc_list_once(&v[k].rules, hit[j]);
	}
	strmap_free(by);
	strmap_free(paths);
	if (n > 1)
		qsort(v, n, sizeof(*v), arow_cmp);
	*np = n;
	return v;
}

/* The tenant cell of a row: where the mail lands and what decided it. */
static void
attr_lands(struct rctx *c, const struct flow *f)
{
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
	html_printf(&c->b, "<br><span class=\"mut\">by %r</span>",
	    f->queued ? "the sending side's TLS" :
	    f->step == ATTR_CERT ? "certificate (Originating)" :
	    f->step == ATTR_IP ? "IP address (Originating)" :
	    "recipient (Incoming)");
}

/* One row of the matrix, and the attribution it rests on below it. */
static void
attr_row(struct rctx *c, const struct arow *r)
{
	const struct flow	*f = r->f;

	html_printf(&c->b, "<tr%r><td>", f->foreign ?
	    " class=\"foreign\"" : "");
	rc_capped(c, &r->senders, 12);
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
	attr_lands(c, f);
	buf_adds(&c->b, "</td><td>");
	rc_capped(c, &r->rcpts, 6);
	buf_adds(&c->b, "</td><td>");
	if (r->rules.b.p != NULL)
		html_printf(&c->b, "<code>%s</code>", r->rules.b.p);
	buf_adds(&c->b, "</td></tr>\n");
	if ((f->at != NULL || f->queued) && !c->scale)
		html_printf(&c->b, "<tr%r><td></td><td colspan=\"6\" "
		    "class=\"mut\">%s</td></tr>\n", f->foreign ||
		    f->queued ? " class=\"foreign\"" : "", f->queued ?
		    f->why_not : flow_attribution(c->a, f));
}

static void
attribution(struct rctx *c)
{
	struct arow	*v;
	size_t		 i, n;

	v = attr_rows(c, &n);
	buf_adds(&c->b, "<section id=\"attribution\">\n<h2>Attribution "
	    "matrix</h2>\n<p>For each organization (or the gateway that "
	    "relays for it): what it presents to Exchange Online, the inbound "
	    "connector that matches, and the tenant its mail lands in. "
	    "Foreign attributions first.</p>\n");
	if (n == 0)
		buf_adds(&c->b, "<p>No mail of these organizations reaches "
		    "Exchange Online.</p>\n");
	else {
		buf_adds(&c->b, "<div class=\"wrap\"><table><thead><tr>"
		    "<th>Sending organization</th><th>Connects</th>"
		    "<th>Presents</th><th>Matching connector</th>"
		    "<th>Lands in tenant (decided by)</th>"
		    "<th>Recipient domains</th><th>Findings</th>"
		    "</tr></thead><tbody>\n");
		for (i = 0; i < n; i++)
			attr_row(c, &v[i]);
		buf_adds(&c->b, "</tbody></table></div>\n");
	}
	buf_adds(&c->b, "</section>\n");
	for (i = 0; i < n; i++) {
		rc_list_free(&v[i].senders);
		rc_list_free(&v[i].rcpts);
		rc_list_free(&v[i].rules);
	}
	free(v);
}

/* ---- Shared identities --------------------------------------------- */

struct ident {
	const char	*what;		/* certificate subject, name, address */
	const char	*kind;
	struct rlist	 hosts;
	struct rlist	 orgs;		/* on whose behalf it is presented */
	struct rlist	 accepted;	/* tenant: connector */
	struct rlist	 tenants;	/* distinct tenants accepting/landing */
	int		 shown;
};

struct idents {
	struct strmap	*by;		/* key -> index + 1 */
	struct ident	*v;
	size_t		 n;
};

/* The identity under 'key', new if not seen yet. */
static struct ident *
ident(struct idents *ids, const char *key, const char *what,
    const char *kind)
{
	void *const	*hit;

	if ((hit = strmap_get(ids->by, key, NULL)) != NULL)
		return &ids->v[(size_t)(uintptr_t)hit[0] - 1];
	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof(*ids->v));
	memset(&ids->v[ids->n], 0, sizeof(*ids->v));
	ids->v[ids->n].what = what;
	ids->v[ids->n].kind = kind;
	strmap_add(ids->by, key, (void *)(uintptr_t)(ids->n + 1));
	return &ids->v[ids->n++];
}

/* Certificates presented to Exchange Online, for whom, and who accepts
 * them. */
static void
presented(struct rctx *c, struct idents *ids)
{
	const struct sim	*s = c->s;
	const struct flow	*f;
	const struct exomatch	*mt;
	struct ident		*x;
	size_t			 i, j;

	for (i = 0; i < s->nflows; i++) {
		f = s->flows[i];
		if (!f->reaches_exo || f->presenter == NULL ||
		    f->sel.cert == NULL || f->org == NULL)
			continue;
		x = ident(ids, arena_printf(c->a, "c|%s", cert_key(c->a,
		    f->sel.cert)), f->sel.cert->subject != NULL ?
		    f->sel.cert->subject : f->sel.cert->o.name, "certificate");
		rc_list_once(&x->hosts, f->presenter->name);
		rc_list_once(&x->orgs, f->org->id);
		x->shown |= rc_flow_shown(c, f);
		for (j = 0; j < f->nmatches; j++) {
			mt = &f->matches[j];
			rc_list_once(&x->accepted, arena_printf(c->a,
			    "%s: '%s' (%s)", mt->tenant->name, mt->ic->o.name,
			    mt->ic->tls_sender_cert_name != NULL ?
			    mt->ic->tls_sender_cert_name : "by IP"));
			rc_list_once(&x->tenants, mt->tenant->name);
		}
		if (f->tenant != NULL)
			rc_list_once(&x->tenants, f->tenant->name);
	}
}

/* A name or address that tenant tn's inbound connector ic accepts. */
static void
accepted_by(struct rctx *c, struct idents *ids, const char *key,
    const char *what, const char *kind, const struct tenant *tn,
    const struct inbound_connector *ic)
{
	struct ident	*x = ident(ids, key, what, kind);

	rc_list_once(&x->accepted, arena_printf(c->a, "%s: '%s'", tn->name,
	    ic->o.name));
	rc_list_once(&x->tenants, tn->name);
	x->shown |= rc_org_shown(c, tn->org);
}

/* Names and addresses that inbound connectors of tenants accept. */
static void
accepted(struct rctx *c, struct idents *ids)
{
	const struct topo	*t = c->t;
	const struct tenant	*tn;
	const struct inbound_connector *ic;
	size_t			 i, j, k;

	for (i = 0; i < t->ntenants; i++) {
		tn = t->tenants[i];
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			if (ic->tls_sender_cert_name != NULL)
				accepted_by(c, ids, arena_printf(c->a, "n|%s",
				    ic->tls_sender_cert_name),
				    ic->tls_sender_cert_name, "accepted "
				    "certificate name", tn, ic);
			for (k = 0; k < ic->sender_ips_text.n; k++)
				accepted_by(c, ids, arena_printf(c->a, "a|%s",
				    ic->sender_ips_text.v[k]),
				    ic->sender_ips_text.v[k], "accepted "
				    "address", tn, ic);
		}
	}
}

/* One row of the table. */
static void
shared_row(struct rctx *c, const struct ident *x)
{
	html_printf(&c->b, "<tr%r><td><code>%s</code></td><td>%s</td>"
	    "<td>", x->tenants.n > 1 ? " class=\"foreign\"" :
	    "", x->what, x->kind);
	rc_capped(c, &x->hosts, 8);
	buf_adds(&c->b, "</td><td>");
	rc_capped(c, &x->orgs, 12);
	buf_adds(&c->b, "</td><td>");
	if (x->accepted.b.p != NULL)
		rc_capped(c, &x->accepted, 8);
	else
		buf_adds(&c->b, "<span class=\"mut\">no OnPremises "
		    "connector (Incoming)</span>");
	html_printf(&c->b, "</td><td class=\"num\">%z</td></tr>\n",
	    x->tenants.n);
}

static void
shared(struct rctx *c)
{
	struct idents	 ids = { strmap_new(), NULL, 0 };
	struct ident	*x;
	size_t		 i, rows = 0;

	presented(c, &ids);
	accepted(c, &ids);
	strmap_free(ids.by);
	buf_adds(&c->b, "<section id=\"shared\">\n<h2>Shared identities</h2>\n"
	    "<p>Certificates, certificate names and IP addresses that more "
	    "than one tenant accepts or receives, or that hosts present on "
	    "behalf of more than one organization: where one organization's "
	    "mail can be taken for another's.</p>\n");
	for (i = 0; i < ids.n; i++) {
		x = &ids.v[i];
		if (!x->shown || (x->tenants.n < 2 &&
		    x->orgs.n < 2))
			continue;
		if (rows++ == 0)
			buf_adds(&c->b, "<div class=\"wrap\"><table><thead><tr>"
			    "<th>Identity</th><th>Kind</th><th>Presented by"
			    "</th><th>On behalf of</th><th>Accepted by</th>"
			    "<th class=\"num\">Tenants</th></tr></thead>"
			    "<tbody>\n");
		shared_row(c, x);
	}
	if (rows > 0)
		buf_adds(&c->b, "</tbody></table></div>\n");
	else
		buf_adds(&c->b, "<p>None: every certificate, name and address "
		    "belongs to one organization and one tenant.</p>\n");
	buf_adds(&c->b, "</section>\n");
	for (i = 0; i < ids.n; i++) {
		rc_list_free(&ids.v[i].hosts);
		rc_list_free(&ids.v[i].orgs);
		rc_list_free(&ids.v[i].accepted);
		rc_list_free(&ids.v[i].tenants);
	}
	free(ids.v);
}

void
report_flows(struct rctx *c)
{
	attribution(c);
	shared(c);
}
