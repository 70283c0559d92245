/*
 * HYB008 inbound-onprem-connectors-overlap.
 *
 * Two enabled OnPremises inbound connectors of one tenant whose
 * TlsSenderCertificateName patterns can match a common name, or whose
 * SenderIPAddresses overlap: which of them a connection is attributed to
 * is not under the administrator's control.  Within one tenant, the
 * connectors that overlap are found as groups (union-find over an index
 * of names and a sweep over sorted ranges, never every pair), and each
 * group is one finding: a pair as before, a larger group naming its
 * first ten members and how many more.
 */
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  Exchange Online picks the OnPremises inbound connector of a connection\n"
"  by the certificate presented (TlsSenderCertificateName) or by the\n"
"  address (SenderIPAddresses). When two OnPremises connectors of the\n"
"  same tenant accept the same certificate name (*.contoso.com and\n"
"  mail.contoso.com both accept mail.contoso.com) or list overlapping\n"
"  addresses, a connection matches both and the connector it is\n"
"  attributed to is not the administrator's choice. Everything that is\n"
"  set per connector then applies unpredictably: Enhanced Filtering\n"
"  (EFSkipIPs, EFSkipLastIP), CloudServicesMailEnabled (cross-premises\n"
"  header promotion), TreatMessagesAsInternal, and the connector name the\n"
"  message trace and transport rules see. A leftover connector from an\n"
"  earlier hybrid setup or a second forest is the usual cause.\n"
"\n"
"Why Exchange Online does it\n"
"  A connection is attributed to one connector; community analysis shows\n"
"  that with several OnPremises connectors in one tenant Exchange Online\n"
"  picks the connector by certificate or IP, and settings such as\n"
"  Enhanced Filtering must be on the connector that actually matches.\n"
"  Which of two equally matching connectors wins is not documented.\n"
"\n"
"How to confirm\n"
"  Get-InboundConnector | ? ConnectorType -eq OnPremises |\n"
"      fl Name,Enabled,TlsSenderCertificateName,SenderIPAddresses\n"
"  The extended message trace (custom_data of the RECEIVE event,\n"
"  S:InboundConnectorData=Name=...) shows which connector a message was\n"
"  attributed to.\n"
"\n"
"How to fix\n"
"  Make the identities disjoint: each connector names the exact host of\n"
"  its own certificate (a distinct certificate per forest or site), or\n"
"  its own addresses; disable or remove a leftover connector:\n"
"    Set-InboundConnector -Identity <name>\n"
"        -TlsSenderCertificateName smtp-site2.contoso.com\n"
"    Set-InboundConnector -Identity <leftover> -Enabled $false\n"
"\n"
"Source\n"
"  c7solutions, \"Mail Flow To The Correct Exchange Online Connector\":\n"
"  https://c7solutions.com/2020/09/mail-flow-to-the-correct-exchange-online-connector\n"
"  \"Enhanced Filtering for Connectors\" (the skip list applies to the\n"
"  connector the message arrives on):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors\n"
"  New-InboundConnector, TlsSenderCertificateName and SenderIPAddresses:\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  Inference: the tie-break between two matching connectors of one\n"
"  tenant is undocumented; hybridlint also models *.contoso.com as\n"
"  matching contoso.com itself.\n";

/*
 * A name both patterns match, or NULL.  Patterns are lower-case: "*",
 * "*.d" (d and below, apex modelled) or an exact name.
 */
static const char *
common_name(struct rule_ctx *c, const char *p, const char *q)
{
	int	pw = p[0] == '*', qw = q[0] == '*';

	if (strcmp(p, "*") == 0)
		return qw ? (strcmp(q, "*") == 0 ? "any name" :
		    rule_printf(c, "any name under %s", wild_base(q))) : q;
	if (strcmp(q, "*") == 0)
		return common_name(c, q, p);
	if (pw && qw) {
		if (dn_is_subdomain(wild_base(p), wild_base(q)))
			return rule_printf(c, "any name under %s",
			    wild_base(p));
		if (dn_is_subdomain(wild_base(q), wild_base(p)))
			return rule_printf(c, "any name under %s",
			    wild_base(q));
		return NULL;
	}
	if (pw)
		return dn_match(p, q) != DN_NONE ? q : NULL;
	if (qw)
		return dn_match(q, p) != DN_NONE ? p : NULL;
	return strcmp(p, q) == 0 ? p : NULL;
}

static const char *
common_ips(struct rule_ctx *c, const struct inbound_connector *a,
    const struct inbound_connector *b)
{
	size_t	i, j;

	for (i = 0; i < a->nsender_ips; i++)
		for (j = 0; j < b->nsender_ips; j++)
			if (iprange_overlaps(&a->sender_ips[i],
			    &b->sender_ips[j]))
				return rule_printf(c, "%s and %s",
				    i < a->sender_ips_text.n ?
				    a->sender_ips_text.v[i] : "?",
				    j < b->sender_ips_text.n ?
				    b->sender_ips_text.v[j] : "?");
	return NULL;
}

/* A host of the inputs whose certificate both connectors accept. */
static const char *
seen_both(struct rule_ctx *c, const struct inbound_connector *a,
    const struct inbound_connector *b)
{
	const struct flow	*f;
	struct flow *const	*v;
	size_t			 i, j, n;
	int			 ha, hb;

	v = sim_flows_of_ic(c->s, a, &n);
	for (i = 0; i < n; i++) {
		f = v[i];
		for (ha = hb = 0, j = 0; j < f->nmatches; j++) {
			ha |= f->matches[j].ic == a;
			hb |= f->matches[j].ic == b;
		}
		if (ha && hb)
			return rule_printf(c, "; %s presents %s, which both "
			    "accept", f->presenter->name, f->sel.cert != NULL ?
			    f->sel.cert->subject : "its address");
	}
	return "";
}

/* Is 'name' the apex of one of the wildcard patterns? */
static int
apex(const char *name, const char *p, const char *q)
{
	return (p[0] == '*' && strcmp(name, wild_base(p)) == 0) ||
	    (q[0] == '*' && strcmp(name, wild_base(q)) == 0);
}

/*
 * The connectors of one tenant in groups that overlap (union-find), each
 * join remembering the pair that made it, to explain the group.
 */
struct group {
	const struct inbound_connector	**ic;
	size_t				 *up;
	size_t				 *self;		/* self[i] == i */
	const struct inbound_connector	**pa, **pb;	/* a pair, per root */
	size_t				  n;
};

static size_t
root(struct group *g, size_t i)
{
	while (g->up[i] != i)
		i = g->up[i] = g->up[g->up[i]];
	return i;
}

static void
join(struct group *g, size_t i, size_t j)
{
	size_t	ri = root(g, i), rj = root(g, j);

	if (ri == rj)
		return;
	if (rj < ri) {
		size_t t = ri;
		ri = rj;
		rj = t;
	}
	g->up[rj] = ri;
	if (g->pa[ri] == NULL) {
		g->pa[ri] = g->ic[i < j ? i : j];
		g->pb[ri] = g->ic[i < j ? j : i];
	}
}

/* The index a map value stands for. */
#define INDEX(v)	(*(const size_t *)(v))

/*
 * Certificate names: a pattern joins the patterns equal to it and the
 * wildcards at or above its base (an exact name under or at *.d, and *.x
 * under *.d: the apex is modelled); "*" joins everything.  Each name is
 * walked up label by label: O(labels) lookups, no pairs.
 */
static void
join_names(struct group *g)
{
	struct strmap	*exact = strmap_new(), *wild = strmap_new(), *m;
	void *const	*v;
	const char	*p, *base, *q;
	size_t		 i, star = (size_t)-1;

	for (i = 0; i < g->n; i++) {
		if ((p = g->ic[i]->tls_sender_cert_name) == NULL)
			continue;
		if (strcmp(p, "*") == 0) {
			if (star != (size_t)-1)
				join(g, star, i);
			star = star != (size_t)-1 ? star : i;
			continue;
		}
		m = p[0] == '*' ? wild : exact;
		if ((v = strmap_get(m, wild_base(p), NULL)) != NULL)
			join(g, INDEX(v[0]), i);
		else
			strmap_add(m, wild_base(p), &g->self[i]);
	}
	for (i = 0; i < g->n; i++) {
		if ((p = g->ic[i]->tls_sender_cert_name) == NULL ||
		    strcmp(p, "*") == 0)
			continue;
		if (star != (size_t)-1)
			join(g, star, i);
		base = wild_base(p);
		if (p[0] != '*' && (v = strmap_get(wild, base, NULL)) != NULL)
			join(g, INDEX(v[0]), i);
		for (q = strchr(base, '.'); q != NULL; q = strchr(q + 1, '.'))
			if ((v = strmap_get(wild, q + 1, NULL)) != NULL)
				join(g, INDEX(v[0]), i);
	}
	strmap_free(exact);
	strmap_free(wild);
}

struct span {
	const struct iprange	*r;
	size_t			 i;	/* connector */
};

static int
cmp_span(const void *pa, const void *pb)
{
	const struct span	*a = pa, *b = pb;
	int			 c = ipaddr_cmp(&a->r->lo, &b->r->lo);

	return c != 0 ? c : a->i < b->i ? -1 : a->i > b->i;
}

/*
 * Addresses: the ranges sorted by start; a range that starts before the
 * largest end so far overlaps the range with that end, or, when that is
 * the same connector's, the one with the largest end of another.
 */
static void
join_addresses(struct group *g)
{
	struct span		*v;
	const struct ipaddr	*hi1 = NULL, *hi2 = NULL;
	size_t			 i, j, n = 0, o1 = 0, o2 = 0;

	for (i = 0; i < g->n; i++)
		n += g->ic[i]->nsender_ips;
	v = xcalloc(n + 1, sizeof(*v));
	for (i = n = 0; i < g->n; i++)
		for (j = 0; j < g->ic[i]->nsender_ips; j++) {
			v[n].r = &g->ic[i]->sender_ips[j];
			v[n++].i = i;
		}
	qsort(v, n, sizeof(*v), cmp_span);
	for (j = 0; j < n; j++) {
		if (hi1 != NULL && v[j].i != o1 &&
		    ipaddr_cmp(&v[j].r->lo, hi1) <= 0)
			join(g, o1, v[j].i);
		else if (hi2 != NULL && v[j].i == o1 &&
		    ipaddr_cmp(&v[j].r->lo, hi2) <= 0)
			join(g, o2, v[j].i);
		/* The two largest ends, of two different connectors. */
		if (hi1 == NULL || ipaddr_cmp(&v[j].r->hi, hi1) > 0) {
			if (v[j].i != o1) {
				hi2 = hi1;
				o2 = o1;
			}
			hi1 = &v[j].r->hi;
			o1 = v[j].i;
		} else if (v[j].i != o1 && (hi2 == NULL ||
		    ipaddr_cmp(&v[j].r->hi, hi2) > 0)) {
			hi2 = &v[j].r->hi;
			o2 = v[j].i;
		}
	}
	free(v);
}

/* Why a pair overlaps, or NULL; *prop the property to point at. */
static const char *
why_pair(struct rule_ctx *c, const struct inbound_connector *a,
    const struct inbound_connector *b, const char **prop)
{
	const char	*p = a->tls_sender_cert_name;
	const char	*q = b->tls_sender_cert_name;
	const char	*name, *ips, *why;

	name = p != NULL && q != NULL ? common_name(c, p, q) : NULL;
	ips = common_ips(c, a, b);
	*prop = name != NULL ? "TlsSenderCertificateName" :
	    "SenderIPAddresses";
	if (name == NULL && ips == NULL)
		return NULL;
	if (name != NULL && ips != NULL)
		why = rule_printf(c, "both accept %s ('%s' and '%s') and their "
		    "SenderIPAddresses overlap (%s)", name, p, q, ips);
	else if (name != NULL)
		why = rule_printf(c, "both accept %s ('%s' and '%s')", name,
		    p, q);
	else
		why = rule_printf(c, "their SenderIPAddresses overlap (%s)",
		    ips);
	if (name != NULL && apex(name, p, q))
		why = rule_printf(c, "%s [inference: a wildcard is modelled "
		    "as matching its apex]", why);
	return why;
}

/* One finding for a pair, as it always was. */
static void
report_pair(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *a, const struct inbound_connector *b)
{
	const char	*why, *prop;

	if ((why = why_pair(c, a, b, &prop)) == NULL)
		return;
	rule_report(c, &b->o, prop, NULL, a->o.name, NULL, rule_printf(c,
	    "# Give '%s' the exact identity of its own servers:\n"
	    "# Set-InboundConnector -Identity '%s' %s\n"
	    "# or, if one of the two is a leftover, disable it:\n"
	    "Set-InboundConnector -Identity %s -Enabled $false",
	    fix_note(c, b->o.name), fix_note(c, b->o.name),
	    strcmp(prop, "SenderIPAddresses") != 0 ?
	    "-TlsSenderCertificateName with the exact host name of its own "
	    "certificate" : "-SenderIPAddresses with its own addresses",
	    ps_quote(c, b->o.name)),
	    "OnPremises inbound connectors '%s' and '%s' of tenant %s %s%s: "
	    "a connection matching both is attributed to either, and their "
	    "per-connector settings apply unpredictably", a->o.name,
	    b->o.name, tn->name, why, seen_both(c, a, b));
}

/* A group of three or more: one finding naming the first ten. */
static void
report_group(struct rule_ctx *c, const struct tenant *tn, struct group *g,
    size_t r, size_t size)
{
	struct buf	 names = { 0 }, fix = { 0 }, key = { 0 };
	const char	*why, *prop;
	size_t		 i, k = 0, last = r;

	buf_printf(&fix, "# Give each connector the exact identity of its own "
	    "servers (Set-InboundConnector -TlsSenderCertificateName or "
	    "-SenderIPAddresses), or disable the leftovers:");
	for (i = r; i < g->n; i++) {
		if (root(g, i) != r)
			continue;
		last = i;
		buf_printf(&key, "%s%s", k ? "," : "", g->ic[i]->o.name);
		if (k < 10) {
			buf_printf(&names, "%s'%s'", k ? ", " : "",
			    g->ic[i]->o.name);
			buf_printf(&fix, "\n# '%s'", fix_note(c,
			    g->ic[i]->o.name));
		}
		k++;
	}
	if (size > 10) {
		buf_printf(&names, " and %zu more", size - 10);
		buf_printf(&fix, "\n# and %zu more", size - 10);
	}
	why = why_pair(c, g->pa[r], g->pb[r], &prop);
	rule_report(c, &g->ic[last]->o, prop, NULL, key.p, NULL, fix.p,
	    "%zu OnPremises inbound connectors of tenant %s accept overlapping "
	    "certificate names or addresses: %s; for example '%s' and '%s' "
	    "%s%s: a connection matching several is attributed to any of "
	    "them, and their per-connector settings apply unpredictably",
	    size, tn->name, names.p, g->pa[r]->o.name, g->pb[r]->o.name,
	    why != NULL ? why : "overlap", seen_both(c, g->pa[r], g->pb[r]));
	buf_free(&names);
	buf_free(&fix);
	buf_free(&key);
}

static void
check_tenant(struct rule_ctx *c, const struct tenant *tn)
{
	struct group	 g;
	size_t		 i, j, *size;

	memset(&g, 0, sizeof(g));
	g.ic = xcalloc(tn->ninbound + 1, sizeof(*g.ic));
	for (i = 0; i < tn->ninbound; i++)
		if (ic_onprem(tn->inbound[i]))
			g.ic[g.n++] = tn->inbound[i];
	g.up = xcalloc(g.n + 1, sizeof(*g.up));
	g.self = xcalloc(g.n + 1, sizeof(*g.self));
	g.pa = xcalloc(g.n + 1, sizeof(*g.pa));
	g.pb = xcalloc(g.n + 1, sizeof(*g.pb));
	size = xcalloc(g.n + 1, sizeof(*size));
	for (i = 0; i < g.n; i++)
		g.up[i] = g.self[i] = i;
	join_names(&g);
	join_addresses(&g);
	for (i = 0; i < g.n; i++)
		size[root(&g, i)]++;
	for (i = 0; i < g.n; i++) {
		if (root(&g, i) != i || size[i] < 2)
			continue;
		if (size[i] == 2) {
			for (j = i + 1; root(&g, j) != i; j++)
				;
			report_pair(c, tn, g.ic[i], g.ic[j]);
		} else
			report_group(c, tn, &g, i, size[i]);
	}
	free(size);
	free(g.ic);
	free(g.up);
	free(g.self);
	free(g.pa);
	free(g.pb);
}

static void
check(struct rule_ctx *c)
{
	size_t	i;

	/* Groups within one tenant only. */
	for (i = 0; i < c->t->ntenants; i++)
		check_tenant(c, c->t->tenants[i]);
}

const struct lint_rule rule_hyb008 = {
	.id = "HYB008",
	.name = "inbound-onprem-connectors-overlap",
	.severity = SEV_WARNING,
	.summary = "Two OnPremises inbound connectors of one tenant accept "
	    "the same certificate name or addresses",
	.doc = doc,
	.tags = "attribution,exchange-online",
	/* medium: overlapping connectors blur attribution */
	.security_severity = "4.3",
	.check = check,
};
