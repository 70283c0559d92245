/*
 * sim.c: flows into Exchange Online and their attribution.
 *
 * A route is one way a send connector's mail goes: from a source server,
 * through a smart host or DNS, to the host that connects to Exchange
 * Online and the certificate it presents.  Its recipient domains are
 * grouped by what Exchange Online decides for them (struct attrib, an
 * equivalence class found in s->cache), one flow per class.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim.h"
#include "xalloc.h"

/* At most this many recipient domains of a wildcard address space. */
#define MAX_RCPTS	64

struct route {
	struct decision	*dec;		/* up to the certificate presented */
	size_t		 ndec;
};

/* What Exchange Online decides for one equivalence class. */
struct attrib {
	enum attr_step			 step;
	const struct tenant		*tenant;
	const struct inbound_connector	*ic;
	int				 originating;
	int				 ambiguous;
	int				 wildcard_only;	/* no exact name matched */
	int				 best;		/* labels of the domain */
	const char			*mail_from;
	struct exomatch			*matches;
	size_t				 nmatches;
	struct exomatch			*refused;	/* not a public CA's */
	size_t				 nrefused;
	int				 rejected;
	const struct inbound_connector	*rejected_by;
	struct decision			*dec;
	size_t				 ndec;
};

/* Building an array in a vec and then in the arena. */
struct dvec {
	struct decision	*v;
	size_t		 n;
	size_t		 cap;
};

static void
dpush(struct dvec *d, enum decision_kind kind, const struct obj *obj,
    const void *a, const char *s, int n1, int n2, int inferred)
{
	struct decision	*x;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	x = &d->v[d->n++];
	x->kind = kind;
	x->obj = obj;
	x->a = a;
	x->s = s;
	x->n1 = n1;
	x->n2 = n2;
	x->inferred = inferred;
}

/* The decisions into the arena; the vec is emptied. */
static struct decision *
dfinish(struct arena *a, struct dvec *d, size_t *n)
{
	struct decision	*v;

	*n = d->n;
	v = arena_alloc(a, (d->n + 1) * sizeof(*v));
	if (d->n > 0)
		memcpy(v, d->v, d->n * sizeof(*v));
	free(d->v);
	memset(d, 0, sizeof(*d));
	return v;
}

static const char *
tenant_label(const struct tenant *tn)
{
	return tn != NULL ? tn->name : "a tenant not in the inputs";
}

static const char *
how_text(enum dn_match how)
{
	switch (how) {
	case DN_EXACT:
		return "exactly";
	case DN_WILDCARD:
		return "by wildcard";
	case DN_APEX:
		return "by wildcard apex [inference: apex match modelled]";
	default:
		return "";
	}
}

static const char *
scope_name(int64_t s)
{
	const char	*n = enum_name(model_journal_scopes, s);

	return n != NULL ? n : "unknown scope";
}

/* A key for the attribution cache. */
static const char *
key(char *buf, size_t len, char kind, const void *a, const void *b,
    const char *mail_from, const void *c)
{
	snprintf(buf, len, "%c|%p|%p|%s|%p", kind, a, b,
	    mail_from != NULL ? mail_from : "", c);
	return buf;
}

/* Matches of one class, each connector once (its first reason). */
struct mvec {
	struct exomatch	*v;
	size_t		 n;
	size_t		 cap;
	struct strmap	*seen;
};

static int
madd(struct mvec *m, const struct topo *t,
    const struct inbound_connector *ic, enum dn_match how, const char *name,
    int by_ip)
{
	char	k[32];

	snprintf(k, sizeof(k), "%p", (const void *)ic);
	if (strmap_get(m->seen, k, NULL) != NULL)
		return 0;
	strmap_add(m->seen, k, NULL);
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		m->v = xreallocarray(m->v, m->cap, sizeof(*m->v));
	}
	m->v[m->n].ic = ic;
	m->v[m->n].tenant = topo_tenant(t, ic->o.org);
	m->v[m->n].how = how;
	m->v[m->n].name = name;
	m->v[m->n].by_ip = by_ip;
	m->n++;
	return 1;
}

/*
 * Among the tenants whose connectors matched the certificate, the one
 * whose accepted domain contains a certificate name most specifically;
 * *best is that number of labels (0: none), *ambiguous set on a tie.
 * Exchange Online compares the certificate domain with accepted domains
 * by suffix [inference: MC1226222 says "matches" without detail].
 */
static const struct tenant *
narrow_by_domain(const struct topo *t, const struct mvec *m,
    const char **names, size_t nnames, int *best, int *ambiguous)
{
	const struct tenant	*cand = NULL, *tn;
	size_t			 i, ncand = 0;
	int			 l;

	*best = -1;
	for (i = 0; i < m->n; i++) {
		if ((tn = m->v[i].tenant) == NULL)
			continue;
		l = topo_tenant_best_labels(t, tn, names, nnames);
		if (l > *best) {
			*best = l;
			cand = tn;
			ncand = 1;
		} else if (l == *best && tn != cand)
			ncand++;
	}
	*ambiguous = ncand > 1;
	return cand != NULL ? cand : m->v[0].tenant;
}

/* One SMTP session into Exchange Online as the attribution steps see it. */
struct session {
	const struct host		*presenter;
	const struct certificate	*cert;		/* NULL: none */
	const char			**names;	/* of cert */
	size_t				 nnames;
	const struct tenant		*rtenant;	/* the recipient's */
	struct mvec			*refused;	/* not a public CA's */
};

/*
 * Step 1, the certificate: its names against the OnPremises connectors
 * of every tenant; the sender's domain plays no part.  Originating.  A
 * certificate not from a public CA matches none: its name matches go to
 * 'r', refused.
 */
static int
by_cert(struct sim *s, const struct session *ss, struct attrib *at,
    struct mvec *m, struct dvec *d)
{
	const struct topo	*t = s->t;
	const char		**names = ss->names;
	struct mvec		*r = ss->refused;
	struct namehit		*hits;
	const char		*why;
	size_t			 i, j, nh, first = m->n, nnames = ss->nnames;

	why = ss->cert != NULL ? cert_not_public(s->arena, ss->cert) : NULL;
	for (i = 0; i < nnames; i++) {
		hits = nameidx_match(&t->onprem_by_cert, names[i], &nh);
		for (j = 0; j < nh; j++)
			if (why == NULL)
				madd(m, t, hits[j].v, hits[j].how, names[i], 0);
			else if (madd(r, t, hits[j].v, hits[j].how, names[i],
			    0))
				dpush(d, DEC_CERT_REFUSED, &((const struct
				    inbound_connector *)hits[j].v)->o, NULL,
				    why, (int)(r->n - 1), 0, 0);
		free(hits);
	}
	if (m->n == first) {
		if (ss->cert != NULL && r->n == 0)
			dpush(d, DEC_CERT_NO_MATCH, NULL, NULL,
			    nnames > 0 ? names[0] : "(none)",
			    nnames > 1, 0, 0);
		return 0;
	}
	for (i = first; i < m->n; i++)
		dpush(d, DEC_CERT_MATCH, &m->v[i].ic->o, NULL, NULL, (int)i,
		    0, m->v[i].how == DN_APEX);
	at->tenant = narrow_by_domain(t, m, names, nnames, &at->best,
	    &at->ambiguous);
	at->originating = 1;
	for (i = 0; i < m->n && at->ic == NULL; i++)
		if (m->v[i].tenant == at->tenant)
			at->ic = m->v[i].ic;
	at->wildcard_only = 1;
	for (i = 0; i < m->n; i++)
		if (m->v[i].tenant == at->tenant && m->v[i].how == DN_EXACT)
			at->wildcard_only = 0;
	return 1;
}

/*
 * Step 2, the connecting address: SenderIPAddresses of OnPremises
 * connectors, narrowed to the tenant whose accepted domains contain the
 * MAIL FROM domain.  Originating.
 */
static int
by_ip(struct sim *s, const struct session *ss, struct attrib *at,
    struct mvec *m, struct dvec *d)
{
	const struct topo		*t = s->t;
	const struct host		*presenter = ss->presenter;
	const struct gateway		*g;
	const struct inbound_connector	*ic;
	const struct tenant		*tn;
	void				**ips;
	size_t				 i, j, nh;

	if (presenter == NULL || (g = presenter->gateway) == NULL)
		return 0;
	for (i = 0; i < g->naddrs; i++) {
		ips = ipidx_match(&t->onprem_by_ip, &g->addrs[i], &nh);
		for (j = 0; j < nh; j++) {
			ic = ips[j];
			tn = topo_tenant(t, ic->o.org);
			if (madd(m, t, ic, DN_NONE, g->addrs_text[i], 1))
				dpush(d, DEC_IP_MATCH, &ic->o, NULL, NULL,
				    (int)(m->n - 1), 0, 0);
			if (at->tenant == NULL && tn != NULL &&
			    topo_tenant_has_domain(t, tn, at->mail_from)) {
				at->tenant = tn;
				at->ic = ic;
			}
		}
		free(ips);
	}
	if (at->tenant == NULL)
		return 0;
	at->originating = 1;
	return 1;
}

/* Does a Partner connector restrict the MAIL FROM domain? */
static int
restricts(const struct inbound_connector *ic, const char *mail_from)
{
	size_t	i;

	if (ic->type != CT_PARTNER || !ic_live(ic) ||
	    (ic->restrict_to_cert != 1 && ic->restrict_to_ips != 1) ||
	    !ic->sender_domains_known || mail_from == NULL)
		return 0;
	for (i = 0; i < ic->nsender_domains; i++)
		if (addrspace_match(&ic->sender_domains[i], mail_from) >= 0)
			return 1;
	return 0;
}

/*
 * Does the connection satisfy a restricting connector: its certificate
 * name, or its address (known for gateways only)?  1 yes, 0 no, -1
 * unknown.
 */
static int
satisfies(const struct inbound_connector *ic, const struct host *presenter,
    const char **names, size_t nnames)
{
	const struct gateway	*g;
	size_t			 i, j;

	for (i = 0; ic->restrict_to_cert == 1 && ic->tls_sender_cert_name !=
	    NULL && i < nnames; i++)
		if (dn_match(ic->tls_sender_cert_name, names[i]) != DN_NONE)
			return 1;
	if (ic->restrict_to_ips != 1)
		return 0;
	if (presenter == NULL || (g = presenter->gateway) == NULL ||
	    g->naddrs == 0)
		return -1;
	for (i = 0; i < g->naddrs; i++)
		for (j = 0; j < ic->nsender_ips; j++)
			if (iprange_contains(&ic->sender_ips[j], &g->addrs[i]))
				return 1;
	return 0;
}

/*
 * A Partner connector of the recipient's tenant that restricts the MAIL
 * FROM domain to its certificate or addresses takes the connection when
 * it satisfies one of them, and rejects it otherwise.
 */
static void
restrict_check(struct attrib *at, struct dvec *d, const struct tenant *tn,
    const struct host *presenter, const char **names, size_t nnames)
{
	const struct inbound_connector	*ic, *first = NULL, *unknown = NULL;
	size_t				 i;
	int				 r;

	for (i = 0; i < tn->ninbound; i++) {
		ic = tn->inbound[i];
		if (!restricts(ic, at->mail_from))
			continue;
		if ((r = satisfies(ic, presenter, names, nnames)) == 1) {
			at->ic = ic;
			return;
		}
		if (first == NULL)
			first = ic;
		if (r < 0 && unknown == NULL)
			unknown = ic;
	}
	if (unknown != NULL) {
		dpush(d, DEC_RESTRICT_UNKNOWN, &unknown->o, NULL, NULL, 0, 0,
		    1);
		return;
	}
	if (first == NULL)
		return;
	at->rejected = 1;
	at->rejected_by = first;
	at->ic = NULL;
	dpush(d, DEC_REJECTED, &first->o, NULL, NULL, 0, 0, 0);
}

/*
 * Step 3, the recipient: the tenant whose accepted domain holds the RCPT
 * TO domain, through a Partner connector of it that matches the
 * certificate if one does.  Incoming.
 */
static int
by_rcpt(struct sim *s, const struct session *ss, struct attrib *at,
    struct mvec *m, struct dvec *d)
{
	const struct topo	*t = s->t;
	const struct tenant	*rtenant = ss->rtenant;
	const char		**names = ss->names;
	struct namehit		*hits;
	size_t			 i, j, nh, nnames = ss->nnames;

	(void)m;
	at->tenant = rtenant;
	for (i = 0; rtenant != NULL && i < nnames && at->ic == NULL; i++) {
		hits = nameidx_match(&t->partner_by_cert, names[i], &nh);
		for (j = 0; j < nh && at->ic == NULL; j++)
			if (topo_tenant(t, ((const struct inbound_connector *)
			    hits[j].v)->o.org) == rtenant)
				at->ic = hits[j].v;
		free(hits);
	}
	if (rtenant != NULL)
		restrict_check(at, d, rtenant, ss->presenter, names, nnames);
	return 1;
}

/* Exchange Online's attribution steps, in the order it tries them. */
static const struct {
	enum attr_step	  step;
	int		(*fn)(struct sim *, const struct session *,
			    struct attrib *, struct mvec *, struct dvec *);
} attr_steps[] = {
	{ ATTR_CERT, by_cert },
	{ ATTR_IP, by_ip },
	{ ATTR_RCPT, by_rcpt },
};

/* The tenant of a recipient domain, by its most specific accepted domain. */
static const struct tenant *
rcpt_tenant(const struct topo *t, const char *rcpt)
{
	void *const	*ads;
	size_t		 n;
	int		 l;

	if (rcpt == NULL || (ads = domidx_lookup(&t->exo_domains, rcpt, &n,
	    &l)) == NULL)
		return NULL;
	return topo_tenant(t, ((const struct accepted_domain *)ads[0])->o.org);
}

/* The matches into the arena; the vec is emptied. */
static struct exomatch *
mfinish(struct arena *a, struct mvec *m, size_t *n)
{
	struct exomatch	*v;
	size_t		 i;

	strmap_free(m->seen);
	*n = m->n;
	v = arena_alloc(a, (m->n + 1) * sizeof(*m->v));
	for (i = 0; i < m->n; i++)
		v[i] = m->v[i];
	free(m->v);
	memset(m, 0, sizeof(*m));
	return v;
}

/* The class's arrays into the arena, and the class into the cache. */
static const struct attrib *
keep_class(struct sim *s, struct attrib *at, struct mvec *m, struct mvec *r,
    struct dvec *d, const char *k)
{
	at->matches = mfinish(s->arena, m, &at->nmatches);
	at->refused = mfinish(s->arena, r, &at->nrefused);
	at->dec = dfinish(s->arena, d, &at->ndec);
	strmap_add(s->cache, k, at);
	return at;
}

/*
 * What Exchange Online decides for a connection from 'presenter'
 * presenting 'cert', with MAIL FROM domain mail_from, to recipients in
 * rcpt's tenant: computed once per class, then shared.  Exchange Online
 * tries the steps of attr_steps[] in order.  A class that ends
 * at the certificate depends on the certificate alone; one that ends at
 * the address also on the gateway and the MAIL FROM domain; one that
 * ends at the recipient also on the recipient's tenant.
 */
static const struct attrib *
attribute(struct sim *s, const struct host *presenter,
    const struct certificate *cert, const char *mail_from, const char *rcpt)
{
	const struct host	*gw;
	const struct tenant	*rt;
	struct attrib		*at;
	struct session		 ss;
	struct mvec		 m, r;
	struct dvec		 d = { 0 };
	void *const		*v;
	size_t			 i;
	char			 kc[64], ki[160], kr[192];

	gw = presenter != NULL && presenter->gateway != NULL ? presenter : NULL;
	if (cert != NULL && (v = strmap_get(s->cache, key(kc, sizeof(kc), 'c',
	    cert, NULL, NULL, NULL), NULL)) != NULL)
		return v[0];
	if ((v = strmap_get(s->cache, key(ki, sizeof(ki), 'i', cert, gw,
	    mail_from, NULL), NULL)) != NULL)
		return v[0];
	rt = rcpt_tenant(s->t, rcpt);
	if ((v = strmap_get(s->cache, key(kr, sizeof(kr), 'r', cert, gw,
	    mail_from, rt), NULL)) != NULL)
		return v[0];
	at = arena_alloc(s->arena, sizeof(*at));
	at->mail_from = mail_from;
	memset(&m, 0, sizeof(m));
	memset(&r, 0, sizeof(r));
	m.seen = strmap_new();
	r.seen = strmap_new();
	memset(&ss, 0, sizeof(ss));
	ss.presenter = presenter;
	ss.cert = cert;
	ss.rtenant = rt;
	ss.refused = &r;
	if (cert != NULL)
		ss.names = cert_names(s->arena, cert, &ss.nnames);
	for (i = 0; i < sizeof(attr_steps) / sizeof(attr_steps[0]); i++)
		if (attr_steps[i].fn(s, &ss, at, &m, &d)) {
			at->step = attr_steps[i].step;
			break;
		}
	dpush(&d, DEC_ATTRIBUTED, at->ic != NULL ? &at->ic->o :
	    at->rejected_by != NULL ? &at->rejected_by->o : NULL, NULL,
	    NULL, 0, 0, at->step == ATTR_CERT && (at->best <= 0 ||
	    at->ambiguous));
	return keep_class(s, at, &m, &r, &d, at->step == ATTR_CERT ? kc :
	    at->step == ATTR_IP ? ki : kr);
}

/* The journal rules of the attributed tenant that capture the flow. */
static void
journal(struct sim *s, struct flow *f)
{
	const struct tenant		*tn = f->tenant;
	const struct journal_rule	*jr;
	const char			*at;
	struct dvec			 d = { 0 };
	struct vec			 out = { 0 };
	size_t				 i, j;
	int				 sender_in, any_in = 0, any_out = 0;
	int				 named;

	if (tn == NULL || tn->njournal == 0)
		return;
	sender_in = topo_tenant_has_domain(s->t, tn, f->mail_from);
	for (i = 0; i < f->nrcpts; i++)
		if (f->rcpts[i] != NULL &&
		    topo_tenant_has_domain(s->t, tn, f->rcpts[i]))
			any_in = 1;
		else
			any_out = 1;
	for (i = 0; i < tn->njournal; i++) {
		jr = tn->journal[i];
		if (jr->o.enabled == 0)
			continue;
		if (jr->recipient != NULL) {
			/* A per-recipient rule catches a flow only for a
			 * recipient in one of its recipient domains. */
			at = strrchr(jr->recipient, '@');
			for (j = named = 0; at != NULL && j < f->nrcpts; j++)
				if (f->rcpts[j] != NULL &&
				    strcasecmp(at + 1, f->rcpts[j]) == 0)
					named = 1;
			if (!named)
				continue;
		}
		if (jr->scope == JS_INTERNAL && !(sender_in && any_in))
			continue;
		if (jr->scope == JS_EXTERNAL && sender_in && !any_out)
			continue;
		vec_push(&out, (void *)jr);
		dpush(&d, DEC_JOURNAL, &jr->o, tn, NULL, 0, 0, 0);
	}
	f->njournal = out.n;
	f->journal = (const struct journal_rule **)vec_finish(&out, s->arena);
	vec_free(&out);
	f->dec = dfinish(s->arena, &d, &f->ndec);
}

/*
 * Keep a flow: every flow that presents a certificate among those sent,
 * an attributed one also among the flows, indexed by connector and
 * organization.
 */
static void
push(struct sim *s, struct flow *f)
{
	char	 k[32];

	if (!f->reaches_exo && !f->queued)
		return;
	if (s->nsent == s->capsent) {
		s->capsent = s->capsent ? s->capsent * 2 : 64;
		s->sent = xreallocarray(s->sent, s->capsent,
		    sizeof(*s->sent));
	}
	s->sent[s->nsent++] = f;
	if (!f->reaches_exo)
		return;
	if (s->nflows == s->capflows) {
		s->capflows = s->capflows ? s->capflows * 2 : 64;
		s->flows = xreallocarray(s->flows, s->capflows,
		    sizeof(*s->flows));
	}
	s->flows[s->nflows++] = f;
	if (f->ic != NULL) {
		snprintf(k, sizeof(k), "%p", (const void *)f->ic);
		strmap_add(s->by_ic, k, f);
	}
	if (f->org != NULL) {
		snprintf(k, sizeof(k), "%p", (const void *)f->org);
		strmap_add(s->by_org, k, f);
	}
}

/* Recipient domains a send connector's address spaces lead to in EXO. */
struct rcpt {
	const char	*domain;	/* NULL: any domain hosted in EXO */
	int		 assumed;	/* no dns.mx entry */
	int		 exo;		/* hosted in EXO (declared or assumed) */
};

static size_t
rcpts_of(const struct topo *t, const struct send_connector *sc,
    int direct_to_exo, struct rcpt *out, size_t max)
{
	const struct addrspace	*as;
	size_t			 i, j, n = 0;
	int			 any = 0, e;

	for (i = 0; i < sc->naddress_spaces && n < max; i++) {
		as = &sc->address_spaces[i];
		if (strcmp(as->type, "SMTP") != 0)
			continue;
		if (as->domain[0] != '*') {
			e = topo_mx_is_exo(t, as->domain);
			if (e == 0 && !direct_to_exo)
				continue;
			out[n].domain = as->domain;
			out[n].assumed = e < 0;
			out[n].exo = 1;
			n++;
			continue;
		}
		any = 1;
		for (j = 0; j < t->nexo_mx && n < max; j++)
			if (addrspace_match(as, t->exo_mx[j]) >= 0) {
				out[n].domain = t->exo_mx[j];
				out[n].assumed = 0;
				out[n].exo = 1;
				n++;
			}
	}
	if (any && n < max) {
		out[n].domain = NULL;
		out[n].assumed = 1;
		out[n].exo = 1;
		n++;
	}
	return n;
}

/* A route that stops before Exchange Online: why, as text. */
static const char *
stop_text(struct arena *a, const struct flow *f, const struct decision *x)
{
	switch (x->kind) {
	case DEC_SMARTHOST_UNKNOWN:
		return arena_printf(a, "smart host %s is not described by the "
		    "inputs (declare it in topology.json \"gateways\" to "
		    "follow it)", x->s);
	case DEC_SMARTHOST_SERVER:
		return arena_printf(a, "smart host %s is the on-premises "
		    "server %s; its own send connectors decide the next hop",
		    x->s, ((const struct host *)x->a)->name);
	case DEC_NO_SOURCE:
		return arena_printf(a, "send connector '%s' names no source "
		    "server, so the presented certificate is unknown",
		    f->sc->o.name);
	case DEC_MX_NOT_EXO:
		return arena_printf(a, "the MX of %s is not Exchange Online",
		    x->s);
	case DEC_TLS_FAILS:
		return arena_printf(a, "%sTLS between %s and Exchange Online "
		    "fails, so the message queues on %s", x->inferred ?
		    "presumably " : "", f->presenter->name,
		    f->presenter->name);
	default:
		return NULL;
	}
}

/*
 * Can the sending side complete TLS with what it presents?  *why says
 * why not (arena text), *inferred when that rests on an inference.
 */
static enum tls_fail
tls_check(const struct topo *t, const struct flow *f, const char **why,
    int *inferred)
{
	const struct certificate	*c = f->sel.cert;

	*why = NULL;
	*inferred = 0;
	if (f->presenter->kind == HOST_GATEWAY) {
		if (c != NULL)
			*why = cert_unusable(t->arena, c, t->asof);
		return *why != NULL ? TLSF_EXPIRED : TLSF_NONE;
	}
	if (f->sel.explicit_missing)
		return TLSF_NOT_FOUND;
	if (c == NULL)
		return TLSF_NONE;
	if (f->sel.how == SEL_EXPLICIT) {
		if ((*why = cert_unusable(t->arena, c, t->asof)) != NULL)
			return TLSF_UNUSABLE;
		if (cert_smtp_enabled(c) == 0) {
			*why = "it is not enabled for SMTP";
			return TLSF_UNUSABLE;
		}
	}
	if (f->sc != NULL && sc_to_exo(f->sc) &&
	    (*why = cert_not_public(t->arena, c)) != NULL) {
		*inferred = f->sel.inferred;
		return TLSF_UNTRUSTED;
	}
	return TLSF_NONE;
}

/*
 * Does a failed TLS handshake stop the message?  Always for a gateway's
 * certificate; for an Exchange server, when the send connector requires
 * TLS (RequireTLS $true, as the Hybrid Configuration Wizard sets it).
 * Otherwise the server sends without TLS [inference].
 */
static int
tls_queues(const struct flow *f, enum tls_fail why)
{
	if (why == TLSF_EXPIRED)
		return 1;
	return f->sc == NULL || f->sc->require_tls == 1;
}

/* The certificate Exchange Online sees: none after a failed handshake. */
static const struct certificate *
presented(const struct flow *f)
{
	return f->tls_fail != TLSF_NONE ? NULL : f->sel.cert;
}

/*
 * The presenter's TLS handshake: a decision when it fails; 1 when the
 * message queues there (f->why_not says why).
 */
static int
handshake(struct sim *s, struct flow *f, struct dvec *d)
{
	const char	*why;
	int		 inferred, q;

	if ((f->tls_fail = tls_check(s->t, f, &why, &inferred)) == TLSF_NONE)
		return 0;
	q = tls_queues(f, f->tls_fail);
	dpush(d, DEC_TLS_FAILS, f->sel.cert != NULL ? &f->sel.cert->o :
	    NULL, f->presenter, why, f->tls_fail, q, inferred);
	if (!q)
		return 0;
	f->queued = 1;
	f->why_not = stop_text(s->arena, f, &d->v[d->n - 1]);
	return 1;
}

/*
 * The route from the connector's first hop to the host that connects to
 * Exchange Online and the certificate it presents.  Returns the route's
 * decisions; f->presenter is NULL when the route stops before.
 */
static struct route *
route(struct sim *s, struct flow *f, const struct rcpt *r)
{
	const struct topo	*t = s->t;
	const struct host	*next;
	struct route		*ro;
	struct dvec		 d = { 0 };

	ro = arena_alloc(s->arena, sizeof(*ro));
	if (!r->exo) {
		dpush(&d, DEC_MX_NOT_EXO, &f->sc->o, NULL, r->domain, 0, 0, 0);
		goto stop;
	}
	dpush(&d, DEC_SEND, &f->sc->o, f->source, NULL, 0, 0, 0);
	if (f->smarthost != NULL) {
		next = topo_find_host(t, f->org, f->smarthost->host);
		if (next == NULL) {
			dpush(&d, DEC_SMARTHOST_UNKNOWN, NULL, NULL,
			    f->smarthost->host, 0, 0, 0);
			goto stop;
		}
		if (next->kind == HOST_GATEWAY) {
			dpush(&d, DEC_SMARTHOST_GATEWAY, NULL, next,
			    f->smarthost->host, 0, 0, 0);
			f->presenter = next;
		} else if (next->kind == HOST_EXO) {
			dpush(&d, DEC_SMARTHOST_EXO, NULL, NULL,
			    f->smarthost->host, 0, 0, 0);
			f->presenter = f->source;
		} else {
			dpush(&d, DEC_SMARTHOST_SERVER, NULL, next,
			    f->smarthost->host, 0, 0, 0);
			goto stop;
		}
	} else {
		dpush(&d, DEC_DNS, NULL, NULL, NULL, 0, 0, f->rcpt_assumed);
		f->presenter = f->source;
	}
	if (f->presenter == NULL) {
		dpush(&d, DEC_NO_SOURCE, NULL, NULL, NULL, 0, 0, 0);
		goto stop;
	}
	topo_select_cert(t, f->presenter, f->presenter->kind == HOST_GATEWAY ?
	    NULL : f->sc, &f->sel);
	dpush(&d, DEC_PRESENT, f->sel.cert != NULL ? &f->sel.cert->o : NULL,
	    f->presenter, NULL, 0, 0, f->sel.inferred);
	if (handshake(s, f, &d)) {
		ro->dec = dfinish(s->arena, &d, &ro->ndec);
		return ro;
	}
	f->reaches_exo = 1;
	dpush(&d, DEC_ENVELOPE, NULL, NULL, NULL, 0, 0, 0);
	ro->dec = dfinish(s->arena, &d, &ro->ndec);
	return ro;
stop:
	ro->dec = dfinish(s->arena, &d, &ro->ndec);
	f->why_not = stop_text(s->arena, f, &ro->dec[ro->ndec - 1]);
	return ro;
}

/* The flow's fields from its class. */
static void
take_attrib(struct sim *s, struct flow *f, const struct attrib *at)
{
	f->at = at;
	f->step = at->step;
	f->tenant = at->tenant;
	f->ic = at->ic;
	f->originating = at->originating;
	f->ambiguous = at->ambiguous;
	f->matches = at->matches;
	f->nmatches = at->nmatches;
	f->refused = at->refused;
	f->nrefused = at->nrefused;
	f->rejected = at->rejected;
	f->rejected_by = at->rejected_by;
	f->foreign = f->originating && f->tenant != NULL &&
	    f->tenant->org != f->org;
	journal(s, f);
}

/* A flow kept: a copy in the arena, its recipients exactly as many. */
static struct flow *
keep_flow(struct sim *s, const struct flow *f, struct vec *out)
{
	struct flow	*k;

	k = arena_alloc(s->arena, sizeof(*k));
	*k = *f;
	if (f->rcpts != NULL) {
		/* The organizations behind one gateway pool send to the
		 * same domains: the lists (NULL-ended) are kept once. */
		k->rcpts = (const char **)blobset_intern(s->rcpt_lists,
		    s->arena, f->rcpts, (f->nrcpts + 1) * sizeof(*k->rcpts));
		k->rcpt = k->rcpts[0];
	}
	vec_push(out, k);
	return k;
}

/*
 * The flows of one route: its recipient domains grouped by class.
 * 'keep' also keeps routes that stop before Exchange Online (trace).
 * Flows are built on the heap, each with room for every recipient, and
 * kept at their size once complete: an MSP's estate has tens of
 * thousands.
 */
static void
route_flows(struct sim *s, struct flow *proto, const struct rcpt *rc,
    size_t nr, int keep, struct vec *out)
{
	const struct attrib	*at;
	struct flow		 f, *mine, *queued = NULL;
	struct route		*ro = NULL;
	size_t			 j, k, nmine = 0;

	mine = xcalloc(nr + 1, sizeof(*mine));
	for (j = 0; j < nr; j++) {
		proto->rcpt = rc[j].domain;
		proto->rcpt_assumed = rc[j].assumed;
		/* TLS fails whatever the recipient: one flow queues. */
		if (queued != NULL && rc[j].exo) {
			queued->rcpts[queued->nrcpts++] = rc[j].domain;
			continue;
		}
		if (ro == NULL || !rc[j].exo) {
			f = *proto;
			f.route = ro = route(s, &f, &rc[j]);
			if (f.queued) {
				/* Kept where it is met; it gathers the
				 * recipients after it (rare: room for all). */
				queued = arena_alloc(s->arena, sizeof(*queued));
				*queued = f;
				queued->rcpts = arena_alloc(s->arena, (nr + 1) *
				    sizeof(*queued->rcpts));
				queued->rcpts[queued->nrcpts++] = rc[j].domain;
				vec_push(out, queued);
				ro = NULL;
				continue;
			}
			if (!f.reaches_exo) {
				ro = NULL;
				if (keep)
					keep_flow(s, &f, out);
				continue;
			}
			*proto = f;
		}
		at = attribute(s, proto->presenter, presented(proto),
		    proto->mail_from, rc[j].domain);
		for (k = 0; k < nmine && mine[k].at != at; k++)
			;
		if (k == nmine) {
			mine[k] = *proto;
			mine[k].at = at;
			mine[k].rcpts = xcalloc(nr + 1,
			    sizeof(*mine[k].rcpts));
			nmine++;
		}
		mine[k].rcpts[mine[k].nrcpts++] = rc[j].domain;
	}
	for (k = 0; k < nmine; k++) {
		mine[k].rcpt = mine[k].rcpts[0];
		take_attrib(s, keep_flow(s, &mine[k], out), mine[k].at);
		free(mine[k].rcpts);
	}
	free(mine);
}

/* Flows of one send connector, for every source server and next hop. */
static void
connector_flows(struct sim *s, struct org *org, const struct send_connector *sc,
    const char *only_rcpt, const char *mail_from, int keep, struct vec *out)
{
	const struct topo	*t = s->t;
	const struct smarthost	*sh;
	const struct host	*src[64], *next;
	struct rcpt		 rc[MAX_RCPTS + 1];
	struct flow		 proto;
	size_t			 nsrc = 0, nr, i, k;
	int			 e;

	for (i = 0; i < sc->source_servers.n && nsrc < 64; i++)
		if ((src[nsrc] = topo_find_host(t, org,
		    sc->source_servers.v[i])) != NULL)
			nsrc++;
	if (nsrc == 0)
		src[nsrc++] = NULL;
	for (k = 0; k < (sc->nsmart_hosts > 0 ? sc->nsmart_hosts : 1); k++) {
		sh = sc->nsmart_hosts > 0 ? &sc->smart_hosts[k] : NULL;
		next = sh != NULL ? topo_find_host(t, org, sh->host) : NULL;
		if (only_rcpt != NULL) {
			e = topo_mx_is_exo(t, only_rcpt);
			rc[0].domain = only_rcpt;
			rc[0].assumed = e < 0;
			rc[0].exo = e != 0;
			nr = 1;
		} else
			nr = rcpts_of(t, sc, sh == NULL || (next != NULL &&
			    next->kind == HOST_EXO), rc, MAX_RCPTS + 1);
		/* A gateway presents its own certificate whatever server
		 * handed it the message: one route. */
		for (i = 0; i < nsrc; i++) {
			memset(&proto, 0, sizeof(proto));
			proto.org = org;
			proto.sc = sc;
			proto.source = src[i];
			proto.smarthost = sh;
			proto.mail_from = mail_from != NULL ? mail_from :
			    topo_org_domain(t, org);
			if (proto.mail_from == NULL)
				proto.mail_from = org->id;
			route_flows(s, &proto, rc, nr, keep, out);
			if (next != NULL && next->kind == HOST_GATEWAY)
				break;
		}
	}
}

static int
connector_usable(const struct send_connector *sc)
{
	return sc->o.enabled != 0 && sc->o.side == SIDE_ONPREM &&
	    sc->o.org != NULL;
}

struct sim *
sim_new(struct topo *t)
{
	struct sim	*s;

	s = xcalloc(1, sizeof(*s));
	s->t = t;
	s->arena = arena_new();
	s->cache = strmap_new();
	s->by_ic = strmap_new();
	s->by_org = strmap_new();
	s->rcpt_lists = blobset_new();
	return s;
}

struct sim *
sim_run(struct topo *t)
{
	struct sim			*s = sim_new(t);
	const struct send_connector	*sc;
	struct vec			 v = { 0 };
	size_t				 i, j;

	MODEL_FOREACH(t->m, K_SEND, const struct send_connector, sc, i) {
		if (!connector_usable(sc))
			continue;
		connector_flows(s, sc->o.org, sc, NULL, NULL, 0, &v);
		for (j = 0; j < v.n; j++)
			push(s, v.v[j]);
		v.n = 0;
	}
	vec_free(&v);
	return s;
}

void
sim_free(struct sim *s)
{
	if (s == NULL)
		return;
	free(s->flows);
	free(s->sent);
	strmap_free(s->cache);
	strmap_free(s->by_ic);
	strmap_free(s->by_org);
	blobset_free(s->rcpt_lists);
	arena_free(s->arena);
	free(s);
}

struct flow *const *
sim_flows_of_ic(const struct sim *s, const struct inbound_connector *ic,
    size_t *n)
{
	char	k[32];

	snprintf(k, sizeof(k), "%p", (const void *)ic);
	return (struct flow *const *)strmap_get(s->by_ic, k, n);
}

struct flow *const *
sim_flows_of_org(const struct sim *s, const struct org *org, size_t *n)
{
	char	k[32];

	snprintf(k, sizeof(k), "%p", (const void *)org);
	return (struct flow *const *)strmap_get(s->by_org, k, n);
}

static const char *
domain_of(const char *addr)
{
	const char	*at = strrchr(addr, '@');

	return at != NULL ? at + 1 : addr;
}

/* --from: an organization id, else a host; 0, or -1 after an error. */
static int
resolve_from(const struct topo *t, const char *from, struct org **org,
    const struct host **h, struct diags *diags)
{
	const struct host	*x;
	size_t			 i;

	*org = NULL;
	*h = NULL;
	for (i = 0; i < t->m->norgs; i++)
		if (strcasecmp(t->m->orgs[i]->id, from) == 0)
			*org = t->m->orgs[i];
	if (*org != NULL)
		return 0;
	for (i = 0; i < t->nhosts && *h == NULL; i++) {
		x = t->hosts[i];
		if ((x->fqdn != NULL && strcasecmp(x->fqdn, from) == 0) ||
		    strcasecmp(x->shortname, from) == 0 ||
		    (x->gateway != NULL && strcasecmp(x->gateway->id,
		    from) == 0))
			*h = x;
	}
	if (*h == NULL) {
		diag_add(diags, SEV_ERROR, NULL, 0, 0, "--from %s names no "
		    "organization or host of the inputs", from);
		return -1;
	}
	*org = (*h)->org;
	if (*org == NULL && (*h)->kind != HOST_GATEWAY) {
		diag_add(diags, SEV_ERROR, NULL, 0, 0, "host %s belongs to "
		    "no organization", from);
		return -1;
	}
	return 0;
}

/*
 * The organization a MAIL FROM domain belongs to: the one that accepts it
 * on premises, else in Exchange Online; NULL when none of the inputs does.
 */
static struct org *
sender_org(const struct topo *t, const char *mf)
{
	void *const	*v;
	size_t		 n;
	int		 l;

	if ((v = domidx_lookup(&t->onprem_domains, mf, &n, &l)) == NULL &&
	    (v = domidx_lookup(&t->exo_domains, mf, &n, &l)) == NULL)
		return NULL;
	return ((const struct accepted_domain *)v[0])->o.org;
}

/*
 * A message a gateway relays itself, to the MX of its recipient; its
 * sender is the organization of the MAIL FROM domain, else the gateway's
 * operator.
 */
static struct flow *
gateway_flow(struct sim *s, struct org *org, const struct host *h,
    const char *mf, const char *rcpt)
{
	struct route	*ro;
	struct flow	*f;
	struct dvec	 d = { 0 };
	struct org	*sender;

	f = arena_alloc(s->arena, sizeof(*f));
	f->org = (sender = sender_org(s->t, mf)) != NULL ? sender : org;
	f->rcpts = arena_alloc(s->arena, 2 * sizeof(*f->rcpts));
	f->rcpts[f->nrcpts++] = f->rcpt = rcpt;
	f->rcpt_assumed = topo_mx_is_exo(s->t, rcpt) < 0;
	f->mail_from = mf;
	f->presenter = h;
	topo_select_cert(s->t, h, NULL, &f->sel);
	dpush(&d, DEC_GATEWAY_RELAY, NULL, h, rcpt, 0, 0, f->rcpt_assumed);
	dpush(&d, DEC_GATEWAY_PRESENT, f->sel.cert ? &f->sel.cert->o : NULL,
	    h, NULL, 0, 0, f->sel.inferred);
	ro = arena_alloc(s->arena, sizeof(*ro));
	f->route = ro;
	if (handshake(s, f, &d)) {
		ro->dec = dfinish(s->arena, &d, &ro->ndec);
		return f;
	}
	f->reaches_exo = 1;
	ro->dec = dfinish(s->arena, &d, &ro->ndec);
	take_attrib(s, f, attribute(s, h, presented(f), mf, rcpt));
	return f;
}

/* Does send connector sc list host h among its source servers? */
static int
sends_from(const struct topo *t, const struct send_connector *sc,
    const struct host *h)
{
	size_t	i;

	for (i = 0; i < sc->source_servers.n; i++)
		if (topo_find_host(t, sc->o.org, sc->source_servers.v[i]) == h)
			return 1;
	return 0;
}

/*
 * The send connector Exchange picks for rcpt: the most specific address
 * space, then the lowest cost; only those of host h when it is given.
 */
static const struct send_connector *
pick_connector(const struct topo *t, const struct org *org,
    const struct host *h, const char *rcpt, int *bestscore, int *bestcost)
{
	const struct send_connector	*sc, *best = NULL;
	size_t				 i, j;
	int				 score;

	*bestscore = -1;
	*bestcost = 0;
	ORG_FOREACH(org, K_SEND, const struct send_connector, sc, i) {
		if (!connector_usable(sc) || (h != NULL && !sends_from(t, sc,
		    h)))
			continue;
		for (j = 0; j < sc->naddress_spaces; j++) {
			score = addrspace_match(&sc->address_spaces[j], rcpt);
			if (score < 0)
				continue;
			if (score > *bestscore || (score == *bestscore &&
			    sc->address_spaces[j].cost < *bestcost)) {
				best = sc;
				*bestscore = score;
				*bestcost = sc->address_spaces[j].cost;
			}
		}
	}
	return best;
}

/* The route's first decision says why this connector was picked. */
static void
mark_picked(struct sim *s, struct flow *f, const char *rcpt, int score,
    int cost)
{
	struct route	*ro;

	ro = arena_alloc(s->arena, sizeof(*ro));
	ro->ndec = f->route->ndec + 1;
	ro->dec = arena_alloc(s->arena, (ro->ndec + 1) * sizeof(*ro->dec));
	ro->dec[0] = f->route->dec[0];
	ro->dec[1].kind = DEC_PICKED;
	ro->dec[1].s = rcpt;
	ro->dec[1].n1 = score / 2;
	ro->dec[1].n2 = cost;
	memcpy(ro->dec + 2, f->route->dec + 1,
	    (f->route->ndec - 1) * sizeof(*ro->dec));
	f->route = ro;
}

struct flow **
sim_trace(struct sim *s, const char *from, const char *mail_from,
    const char *rcpt_to, size_t *n, struct diags *diags)
{
	const struct topo		*t = s->t;
	const struct send_connector	*best;
	struct org			*org;
	const struct host		*h;
	struct vec			 v = { 0 };
	struct flow			*f, **out;
	const char			*rcpt, *mf;
	int				 bestscore, bestcost;
	size_t				 i;

	*n = 0;
	rcpt = dn_normalize(s->arena, domain_of(rcpt_to));
	mf = dn_normalize(s->arena, domain_of(mail_from));
	if (resolve_from(t, from, &org, &h, diags) == -1)
		return NULL;
	if (h != NULL && h->kind == HOST_GATEWAY) {
		out = xcalloc(2, sizeof(*out));
		out[(*n)++] = f = gateway_flow(s, org, h, mf, rcpt);
		push(s, f);
		return out;
	}
	if ((best = pick_connector(t, org, h, rcpt, &bestscore,
	    &bestcost)) == NULL) {
		diag_add(diags, SEV_ERROR, NULL, 0, 0, "no enabled send "
		    "connector of %s%s%s has an address space for %s", org->id,
		    h ? " on " : "", h ? h->name : "", rcpt);
		return NULL;
	}
	connector_flows(s, org, best, rcpt, mf, 1, &v);
	out = xcalloc(v.n + 1, sizeof(*out));
	for (i = 0; i < v.n; i++) {
		f = v.v[i];
		if (h != NULL && f->source != NULL && f->source != h)
			continue;
		mark_picked(s, f, rcpt, bestscore, bestcost);
		out[(*n)++] = f;
		push(s, f);
	}
	vec_free(&v);
	return out;
}

const struct decision **
flow_decisions(const struct flow *f, size_t *n)
{
	const struct decision	**v;
	size_t			  i, k = 0, na;

	na = f->at != NULL ? f->at->ndec : 0;
	v = xcalloc(f->route->ndec + na + f->ndec + 1, sizeof(*v));
	for (i = 0; i < f->route->ndec; i++)
		v[k++] = &f->route->dec[i];
	for (i = 0; f->reaches_exo && i < na; i++)
		v[k++] = &f->at->dec[i];
	for (i = 0; i < f->ndec; i++)
		v[k++] = &f->dec[i];
	*n = k;
	return v;
}

const char sim_tie_text[] = "connectors of several tenants accept this "
    "certificate and their accepted domains match it equally well; which "
    "tenant Exchange Online picks is not documented [inference: hybridlint "
    "follows the first]";

const char *
flow_attribution(struct arena *a, const struct flow *f)
{
	const struct attrib	*at = f->at;

	if (at == NULL)
		return "";
	switch (at->step) {
	case ATTR_CERT:
		return arena_printf(a, "attributed to tenant %s by its "
		    "OnPremises inbound connector '%s' (certificate step): "
		    "Originating%s%s%s%s", tenant_label(at->tenant),
		    at->ic->o.name, at->wildcard_only ? arena_printf(a,
		    "; only the wildcard '%s' accepts this certificate",
		    at->ic->tls_sender_cert_name) : "", at->best <= 0 ?
		    "; the certificate domain is not an accepted domain of "
		    "that tenant [inference: attribution modelled anyway]" : "",
		    at->ambiguous ? "; " : "", at->ambiguous ? sim_tie_text :
		    "");
	case ATTR_IP:
		return arena_printf(a, "attributed to tenant %s by OnPremises "
		    "inbound connector '%s' (IP step with MAIL FROM %s): "
		    "Originating", at->tenant->name, at->ic->o.name,
		    at->mail_from);
	default:
		if (at->rejected)
			return arena_printf(a, "tenant %s, which holds "
			    "recipient domain %s, rejects it: its Partner "
			    "inbound connector '%s' takes mail from %s only "
			    "over its own certificate or addresses",
			    tenant_label(at->tenant), f->rcpt != NULL ?
			    f->rcpt : "?", at->rejected_by->o.name,
			    at->mail_from);
		return arena_printf(a, "attributed by recipient domain %s to "
		    "%s%s%s: Incoming, not Originating", f->rcpt != NULL ?
		    f->rcpt : "(any domain hosted in Exchange Online)",
		    at->tenant != NULL ? "tenant " : "",
		    tenant_label(at->tenant), at->ic != NULL ?
		    arena_printf(a, " through its Partner connector '%s'",
		    at->ic->o.name) : "");
	}
}

int
flow_as_expected(const struct topo *t, const struct flow *f)
{
	const struct tenant	*own;

	if (f->queued || f->rejected || f->foreign)
		return 0;
	if (!f->reaches_exo)
		return 1;
	/* An organization's own mail in its own tenant is Originating;
	 * a gateway relaying internet mail to it is Incoming. */
	if (f->sc != NULL && f->org != NULL &&
	    (own = topo_tenant(t, f->org)) != NULL && f->tenant == own &&
	    !f->originating)
		return 0;
	return 1;
}

/* Why the handshake fails, with the reply Exchange logs. */
static const char *
tls_text(struct arena *a, const struct flow *f, const struct decision *x)
{
	const char	*h = f->presenter->name, *what, *end;

	switch (x->n1) {
	case TLSF_NOT_FOUND:
		what = arena_printf(a, "%s cannot start TLS: it holds no "
		    "certificate that TlsCertificateName names (454 4.7.5 The "
		    "certificate specified in TlsCertificateName of the "
		    "SendConnector could not be found; TLS negotiation failed "
		    "with error NoCredentials)", h);
		break;
	case TLSF_UNUSABLE:
		what = arena_printf(a, "%s cannot use the certificate "
		    "TlsCertificateName names, because %s (454 4.7.5, TLS "
		    "negotiation failed with error NoCredentials)", h, x->s);
		break;
	case TLSF_EXPIRED:
		what = arena_printf(a, "Exchange Online refuses the "
		    "certificate %s presents, because %s at the date judged "
		    "(--as-of)", h, x->s);
		break;
	default:
		what = arena_printf(a, "Exchange Online %srefuses the "
		    "certificate %s presents on a connector to Exchange "
		    "Online, because %s (454 4.7.0 Failed to establish "
		    "appropriate TLS channel: UntrustedRoot, KB 2888788)%s",
		    x->inferred ? "presumably " : "", h, x->s, x->inferred ?
		    " [inference: rests on the modelled fallback "
		    "certificate]" : "");
		break;
	}
	end = x->n2 ? arena_printf(a, "; the message queues on %s and "
	    "never reaches Exchange Online", h) : arena_printf(a, "; the "
	    "connector does not require TLS, so %s sends without it and "
	    "presents no certificate [inference: opportunistic TLS falls "
	    "back to plain SMTP]", h);
	return arena_printf(a, "%s%s", what, end);
}

/* Exchange Online's refusals and rejections. */
static const char *
refusal_text(struct arena *a, const struct flow *f, const struct decision *x)
{
	const struct inbound_connector	*ic;
	const struct exomatch		*m;

	switch (x->kind) {
	case DEC_CERT_REFUSED:
		m = &f->at->refused[x->n1];
		return arena_printf(a, "certificate name %s matches "
		    "TlsSenderCertificateName '%s' of OnPremises inbound "
		    "connector '%s' of tenant %s %s, but %s: Exchange Online "
		    "takes only a certificate from a public CA for a "
		    "certificate-based OnPremises connector, so the connector "
		    "does not match", m->name, m->ic->tls_sender_cert_name,
		    m->ic->o.name, tenant_label(m->tenant), how_text(m->how),
		    x->s);
	case DEC_REJECTED:
		ic = (const struct inbound_connector *)x->obj;
		return arena_printf(a, "Partner inbound connector '%s' of "
		    "tenant %s restricts sender domain %s to its %s, which "
		    "this connection does not present, so Exchange Online "
		    "rejects the message", ic->o.name, tenant_label(
		    f->at->tenant), f->mail_from, ic->restrict_to_cert == 1 ?
		    arena_printf(a, "certificate '%s'", ic->tls_sender_cert_name
		    != NULL ? ic->tls_sender_cert_name : "(none)") :
		    "sender addresses");
	default:
		ic = (const struct inbound_connector *)x->obj;
		return arena_printf(a, "Partner inbound connector '%s' of "
		    "tenant %s takes mail from %s only from its sender "
		    "addresses; the address of %s is not in the inputs, so "
		    "whether Exchange Online rejects the message is unknown "
		    "[inference: taken as not rejected]", ic->o.name,
		    tenant_label(f->at->tenant), f->mail_from,
		    f->presenter->name);
	}
}

/* The route's part of the narration. */
static const char *
route_text(struct arena *a, const struct flow *f, const struct decision *x)
{
	const struct host	*h = x->a;

	switch (x->kind) {
	case DEC_SEND:
		return arena_printf(a, "organization %s sends through send "
		    "connector '%s'%s%s", f->org->id, f->sc->o.name,
		    h != NULL ? " on " : "", h != NULL ? h->name : "");
	case DEC_PICKED:
		return arena_printf(a, "it wins for %s by its most specific "
		    "address space (%d matching labels) at the lowest cost "
		    "(%d)", x->s, x->n1, x->n2);
	case DEC_SMARTHOST_GATEWAY:
		return arena_printf(a, "smart host %s is gateway %s%s%s, which "
		    "relays the message and connects to Exchange Online "
		    "itself", x->s, h->gateway->id, h->org != NULL ?
		    " operated by " : "", h->org != NULL ? h->org->id : "");
	case DEC_SMARTHOST_EXO:
		return arena_printf(a, "smart host %s is Exchange Online", x->s);
	case DEC_DNS:
		return arena_printf(a, "DNS routing: the MX of %s is Exchange "
		    "Online%s", f->rcpt != NULL ? f->rcpt : "a recipient "
		    "domain hosted there", f->rcpt_assumed ? " (assumed: no "
		    "dns.mx entry says otherwise)" : "");
	case DEC_PRESENT:
		return arena_printf(a, "%s connects to Exchange Online and "
		    "%spresents %s: %s", h->name, f->sel.inferred ?
		    "presumably " : "", f->sel.cert != NULL ?
		    (f->sel.cert->cn ? f->sel.cert->cn : f->sel.cert->subject) :
		    "no certificate", certsel_reason(a, &f->sel));
	case DEC_GATEWAY_RELAY:
		return arena_printf(a, "gateway %s relays the message to the MX "
		    "of %s, Exchange Online%s", h->name, x->s, x->inferred ?
		    " (assumed: no dns.mx entry says otherwise)" : "");
	case DEC_GATEWAY_PRESENT:
		return certsel_reason(a, &f->sel);
	case DEC_ENVELOPE:
		return arena_printf(a, "MAIL FROM domain %s, RCPT TO domain "
		    "%s%s", f->mail_from, f->rcpt != NULL ? f->rcpt :
		    "(any domain hosted in Exchange Online)",
		    f->rcpt_assumed && f->rcpt != NULL ?
		    " (assumed hosted in Exchange Online)" : "");
	default:
		return stop_text(a, f, x);
	}
}

const char *
decision_text(struct arena *a, const struct flow *f, const struct decision *x)
{
	const struct exomatch		*m;
	const struct journal_rule	*jr;

	switch (x->kind) {
	case DEC_CERT_MATCH:
		m = &f->at->matches[x->n1];
		return arena_printf(a, "certificate name %s matches "
		    "TlsSenderCertificateName '%s' of OnPremises inbound "
		    "connector '%s' of tenant %s %s", m->name,
		    m->ic->tls_sender_cert_name, m->ic->o.name,
		    tenant_label(m->tenant), how_text(m->how));
	case DEC_CERT_NO_MATCH:
		return arena_printf(a, "no OnPremises inbound connector of any "
		    "loaded tenant accepts the certificate names %s%s", x->s,
		    x->n1 ? ", ..." : "");
	case DEC_IP_MATCH:
		m = &f->at->matches[x->n1];
		return arena_printf(a, "address %s is in SenderIPAddresses of "
		    "OnPremises inbound connector '%s' of tenant %s", m->name,
		    m->ic->o.name, tenant_label(m->tenant));
	case DEC_ATTRIBUTED:
		return flow_attribution(a, f);
	case DEC_TLS_FAILS:
		return tls_text(a, f, x);
	case DEC_CERT_REFUSED:
	case DEC_REJECTED:
	case DEC_RESTRICT_UNKNOWN:
		return refusal_text(a, f, x);
	case DEC_JOURNAL:
		jr = (const struct journal_rule *)x->obj;
		return arena_printf(a, "journal rule '%s' (Scope %s%s%s) of "
		    "tenant %s captures it and sends a report to %s",
		    jr->o.name, scope_name(jr->scope), jr->recipient ?
		    ", recipient " : "", jr->recipient ? jr->recipient : "",
		    ((const struct tenant *)x->a)->name, jr->journal_address ?
		    jr->journal_address : "?");
	default:
		return route_text(a, f, x);
	}
}

const char *
flow_path(struct arena *a, const struct flow *f)
{
	struct buf	b = { 0 };
	char		*r;

	buf_printf(&b, "%s -> SendConnector '%s'", f->org != NULL ?
	    f->org->id : "?", f->sc != NULL ? f->sc->o.name : "?");
	if (f->source != NULL && f->presenter != f->source)
		buf_printf(&b, " on %s", f->source->name);
	if (f->presenter != NULL) {
		buf_printf(&b, " -> %s", f->presenter->name);
		if (f->sel.cert != NULL)
			buf_printf(&b, " (%s)", f->sel.cert->subject);
	}
	if (f->queued)
		buf_adds(&b, " -> TLS to Exchange Online fails: queued");
	else
		buf_adds(&b, " -> Exchange Online");
	if (f->rejected)
		buf_adds(&b, " -> rejected");
	if (f->ic != NULL)
		buf_printf(&b, " -> '%s'", f->ic->o.name);
	if (f->tenant != NULL)
		buf_printf(&b, " -> tenant %s", f->tenant->name);
	r = arena_strdup(a, b.p);
	buf_free(&b);
	return r;
}
