/*
 * check_topology.c: the matching indexes, certificate selection, and
 * attribution scenarios built in memory.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_load.h"
#include "sim.h"
#include "xalloc.h"

#define DAY	86400
#define ASOF	1795824000	/* 2026-11-28 */

/* Indexes. */

START_TEST(test_nameidx)
{
	struct nameidx	 x;
	struct namehit	*h;
	size_t		 n;
	int		 a, b, c, d;

	nameidx_init(&x);
	nameidx_add(&x, "*.varunagroup.de", &a);
	nameidx_add(&x, "smtpo365.varunagroup.de", &b);
	nameidx_add(&x, "*.de", &c);
	nameidx_add(&x, "*", &d);

	h = nameidx_match(&x, "smtpo365.varunagroup.de", &n);
	ck_assert_uint_eq(n, 4);
	ck_assert_ptr_eq(h[0].v, &b);
	ck_assert_int_eq(h[0].how, DN_EXACT);
	ck_assert_ptr_eq(h[1].v, &a);	/* most specific wildcard first */
	ck_assert_int_eq(h[1].how, DN_WILDCARD);
	ck_assert_ptr_eq(h[2].v, &c);
	ck_assert_ptr_eq(h[3].v, &d);
	free(h);

	/* Label boundary: badvarunagroup.de is not below varunagroup.de. */
	h = nameidx_match(&x, "badvarunagroup.de", &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_eq(h[0].v, &c);
	free(h);

	/* Any depth, and the modelled apex. */
	h = nameidx_match(&x, "a.b.varunagroup.de", &n);
	ck_assert_ptr_eq(h[0].v, &a);
	free(h);
	h = nameidx_match(&x, "varunagroup.de", &n);
	ck_assert_ptr_eq(h[0].v, &a);
	ck_assert_int_eq(h[0].how, DN_APEX);
	free(h);
	nameidx_free(&x);
}
END_TEST

START_TEST(test_domidx)
{
	struct domidx	 x;
	void *const	*v;
	size_t		 n;
	int		 l, a, b, c;

	domidx_init(&x);
	domidx_add(&x, "contoso.com", 0, &a);
	domidx_add(&x, "sales.contoso.com", 1, &b);
	domidx_add(&x, "*.fabrikam.com", 0, &c);
	v = domidx_lookup(&x, "contoso.com", &n, &l);
	ck_assert_ptr_eq(v[0], &a);
	ck_assert_int_eq(l, 2);
	/* contoso.com without MatchSubDomains does not cover a.contoso.com. */
	ck_assert_ptr_null(domidx_lookup(&x, "a.contoso.com", &n, &l));
	v = domidx_lookup(&x, "eu.sales.contoso.com", &n, &l);
	ck_assert_ptr_eq(v[0], &b);
	ck_assert_int_eq(l, 3);
	v = domidx_lookup(&x, "x.fabrikam.com", &n, &l);
	ck_assert_ptr_eq(v[0], &c);
	ck_assert_ptr_null(domidx_lookup(&x, "fabrikam.com", &n, &l));
	domidx_free(&x);
}
END_TEST

START_TEST(test_ipidx)
{
	struct ipidx	 x;
	struct iprange	 r;
	struct ipaddr	 ip;
	void		**v;
	size_t		 n;
	int		 a, b, c;

	ipidx_init(&x);
	ck_assert_int_eq(parse_iprange("81.173.212.0/24", &r), 0);
	ipidx_add(&x, &r, &a);
	ck_assert_int_eq(parse_iprange("81.173.212.44", &r), 0);
	ipidx_add(&x, &r, &b);
	ck_assert_int_eq(parse_iprange("0.0.0.0-255.255.255.255", &r), 0);
	ipidx_add(&x, &r, &c);
	ck_assert_int_eq(parse_ipaddr("81.173.212.44", &ip), 0);
	v = ipidx_match(&x, &ip, &n);
	ck_assert_uint_eq(n, 3);
	free(v);
	ck_assert_int_eq(parse_ipaddr("81.173.213.1", &ip), 0);
	v = ipidx_match(&x, &ip, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_eq(v[0], &c);
	free(v);
	ck_assert_int_eq(parse_ipaddr("2001:db8::1", &ip), 0);
	v = ipidx_match(&x, &ip, &n);
	ck_assert_uint_eq(n, 0);
	free(v);
	ipidx_free(&x);
}
END_TEST

/* Models built from JSON objects. */

static struct model	*m;
static struct diags	 diags;

static void
setup(void)
{
	m = xcalloc(1, sizeof(*m));
	m->arena = arena_new();
}

static void
teardown(void)
{
	model_free(m);
	diag_free(&diags);
}

static struct obj *
add(const char *org, enum side side, const char *json)
{
	struct doc	*d;
	struct obj	*o;
	enum kind	 k;

	d = json_load("t.json", json, strlen(json), &diags);
	ck_assert_msg(d != NULL, "bad JSON: %s", json);
	ck_assert_msg(recognize(d->roots[0], &k) == 0, "unrecognised: %s",
	    json);
	o = model_add(m, d, d->roots[0], 0, k, model_org(m, org, NULL), side,
	    NULL, &diags);
	doc_free(d);		/* records keep copies of what they hold */
	return o;
}

static char *
cert_json(const char *server, const char *thumb, const char *cn,
    const char *sans, int services, int selfsigned, int64_t nb, int64_t na)
{
	return xasprintf("{\"Identity\": \"%s\\\\%s\", \"Thumbprint\": \"%s\","
	    " \"Subject\": \"CN=%s\", \"Issuer\": \"%s\","
	    " \"CertificateDomains\": [%s], \"Services\": %d, \"Status\": 1,"
	    " \"IsSelfSigned\": %s, \"RootCAType\": %d,"
	    " \"NotBefore\": \"\\/Date(%lld000)\\/\","
	    " \"NotAfter\": \"\\/Date(%lld000)\\/\"}",
	    server, thumb, thumb, cn, selfsigned ? "CN=self" : "CN=Example CA",
	    sans, services, selfsigned ? "true" : "false",
	    selfsigned ? 1 : 2, (long long)nb, (long long)na);
}

static void
add_cert(const char *org, const char *server, const char *thumb,
    const char *cn, const char *sans, int services, int selfsigned,
    int64_t nb, int64_t na)
{
	char	*j = cert_json(server, thumb, cn, sans, services, selfsigned,
	    nb, na);

	add(org, SIDE_ONPREM, j);
	free(j);
}

static const struct send_connector *
add_send(const char *org, const char *extra)
{
	char		*j;
	struct obj	*o;

	j = xasprintf("{\"Name\": \"To EXO\", \"AddressSpaces\": "
	    "[\"smtp:contoso.mail.onmicrosoft.com;1\"], \"SmartHosts\": [],"
	    " \"DNSRoutingEnabled\": true, \"SourceTransportServers\": [\"EX01\"]%s}",
	    extra);
	o = add(org, SIDE_ONPREM, j);
	free(j);
	return (const struct send_connector *)o;
}

static void
select_on(const char *server, const struct send_connector *sc,
    struct certsel *s, struct topo **tp)
{
	struct topo	*t = topo_build(m, ASOF);
	struct host	*h = topo_find_host(t, m->orgs[0], server);

	ck_assert_ptr_nonnull(h);
	topo_select_cert(t, h, sc, s);
	*tp = t;
}

START_TEST(test_select_explicit)
{
	const struct send_connector	*sc;
	struct certsel			 s;
	struct topo			*t;

	add(
	    "contoso", SIDE_ONPREM, "{\"Name\": \"EX01\", \"Fqdn\": "
	    "\"ex01.contoso.local\", \"AdminDisplayVersion\": \"15.2\", "
	    "\"ServerRole\": \"Mailbox\"}");
	add_cert("contoso", "EX01", "AA", "mail.contoso.com",
	    "\"mail.contoso.com\"", 16 | 8, 0, ASOF - 100 * DAY,
	    ASOF + 300 * DAY);
	add_cert("contoso", "EX01", "BB", "other.contoso.com",
	    "\"other.contoso.com\"", 16, 0, ASOF - 100 * DAY,
	    ASOF + 300 * DAY);
	sc = add_send("contoso", ", \"Fqdn\": \"other.contoso.com\","
	    " \"TlsCertificateName\": \"<I>CN=Example CA<S>CN=mail.contoso.com\"");
	select_on("EX01", sc, &s, &t);
	ck_assert_int_eq(s.how, SEL_EXPLICIT);
	ck_assert_str_eq(s.cert->thumbprint, "AA");	/* not by Fqdn */
	topo_free(t);
}
END_TEST

START_TEST(test_select_explicit_missing)
{
	const struct send_connector	*sc;
	struct certsel			 s;
	struct topo			*t;

	/* The renewal trap: same subject, new issuer. */
	add_cert("contoso", "EX01", "AA", "mail.contoso.com",
	    "\"mail.contoso.com\"", 16, 0, ASOF - 100 * DAY, ASOF + 300 * DAY);
	sc = add_send("contoso", ", \"TlsCertificateName\": "
	    "\"<I>CN=Old CA<S>CN=mail.contoso.com\"");
	select_on("EX01", sc, &s, &t);
	ck_assert_ptr_null(s.cert);
	ck_assert_int_eq(s.explicit_missing, 1);
	ck_assert(strstr(certsel_reason(m->arena, &s), "holds no certificate "
	    "with that issuer and subject") != NULL);
	topo_free(t);
}
END_TEST

START_TEST(test_select_implicit_and_wildcard)
{
	const struct send_connector	*sc;
	struct certsel			 s;
	struct topo			*t;

	add_cert("contoso", "EX01", "WW", "*.contoso.com", "\"*.contoso.com\"",
	    16, 0, ASOF - 100 * DAY, ASOF + 300 * DAY);
	add_cert("contoso", "EX01", "EE", "mail.contoso.com",
	    "\"mail.contoso.com\"", 16, 0, ASOF - 100 * DAY, ASOF + 200 * DAY);
	sc = add_send("contoso", ", \"Fqdn\": \"mail.contoso.com\"");
	select_on("EX01", sc, &s, &t);
	ck_assert_int_eq(s.how, SEL_FQDN);
	ck_assert_str_eq(s.cert->thumbprint, "EE");	/* exact before wildcard */
	ck_assert_uint_eq(s.ncandidates, 1);
	topo_free(t);

	sc = add_send("contoso", ", \"Fqdn\": \"relay.contoso.com\"");
	select_on("EX01", sc, &s, &t);
	ck_assert_str_eq(s.cert->thumbprint, "WW");	/* wildcard covers it */
	topo_free(t);
}
END_TEST

START_TEST(test_select_expired_and_not_smtp)
{
	const struct send_connector	*sc;
	struct certsel			 s;
	struct topo			*t;

	add_cert("contoso", "EX01", "OLD", "mail.contoso.com",
	    "\"mail.contoso.com\"", 16, 0, ASOF - 500 * DAY, ASOF - DAY);
	add_cert("contoso", "EX01", "IIS", "mail.contoso.com",
	    "\"mail.contoso.com\"", 8, 0, ASOF - 100 * DAY, ASOF + 300 * DAY);
	sc = add_send("contoso", ", \"Fqdn\": \"mail.contoso.com\"");
	select_on("EX01", sc, &s, &t);
	ck_assert_ptr_null(s.cert);
	ck_assert_int_eq(s.how, SEL_NONE);
	topo_free(t);
}
END_TEST

START_TEST(test_select_two_candidates)
{
	const struct send_connector	*sc;
	struct certsel			 s;
	struct topo			*t;

	add_cert("contoso", "EX01", "C1", "mail.contoso.com",
	    "\"mail.contoso.com\"", 16, 0, ASOF - 100 * DAY, ASOF + 300 * DAY);
	add_cert("contoso", "EX01", "C2", "mail.contoso.com",
	    "\"mail.contoso.com\"", 16, 0, ASOF - 10 * DAY, ASOF + 400 * DAY);
	sc = add_send("contoso", ", \"Fqdn\": \"mail.contoso.com\"");
	select_on("EX01", sc, &s, &t);
	ck_assert_uint_eq(s.ncandidates, 2);
	ck_assert_str_eq(s.cert->thumbprint, "C2");	/* newest */
	ck_assert(strstr(certsel_reason(m->arena, &s), "ambiguous") != NULL);
	topo_free(t);
}
END_TEST

START_TEST(test_select_fallback)
{
	const struct send_connector	*sc;
	struct certsel			 s;
	struct topo			*t;

	add("contoso", SIDE_ONPREM, "{\"Name\": \"EX01\", \"Fqdn\": "
	    "\"ex01.contoso.com\", \"AdminDisplayVersion\": \"15.2\", "
	    "\"ServerRole\": \"Mailbox\"}");
	add_cert("contoso", "EX01", "SELF", "EX01",
	    "\"EX01\", \"ex01.contoso.com\"", 19, 1, ASOF - 100 * DAY,
	    ASOF + 900 * DAY);
	add_cert("contoso", "EX01", "SMTPO", "smtpo365.contoso.com",
	    "\"smtpo365.contoso.com\"", 16, 0, ASOF - 100 * DAY,
	    ASOF + 300 * DAY);
	sc = add_send("contoso", ", \"Fqdn\": \"mail.contoso.com\"");
	select_on("EX01", sc, &s, &t);
	ck_assert_int_eq(s.how, SEL_FALLBACK);
	ck_assert_str_eq(s.cert->thumbprint, "SELF");
	ck_assert_int_eq(s.inferred, 1);
	ck_assert(strstr(certsel_reason(m->arena, &s), "inference") != NULL);
	topo_free(t);
}
END_TEST

/* Attribution scenarios. */

static void
tenant(const char *org, const char *const *domains)
{
	char	*j;

	for (; *domains != NULL; domains++) {
		j = xasprintf("{\"Name\": \"%s\", \"DomainName\": \"%s\","
		    " \"DomainType\": \"Authoritative\", \"InitialDomain\": %s}",
		    *domains, *domains, strstr(*domains, ".onmicrosoft.com") &&
		    !strstr(*domains, ".mail.") ? "true" : "false");
		add(org, SIDE_EXO, j);
		free(j);
	}
}

static void
inbound(const char *org, const char *name, const char *certname,
    const char *ips)
{
	char	*j;

	j = xasprintf("{\"Name\": \"%s\", \"ConnectorType\": \"OnPremises\","
	    " \"SenderDomains\": [\"smtp:*;1\"], \"SenderIPAddresses\": [%s],"
	    " \"TlsSenderCertificateName\": %s%s%s, \"Enabled\": true}",
	    name, ips, certname ? "\"" : "", certname ? certname : "null",
	    certname ? "\"" : "");
	add(org, SIDE_EXO, j);
	free(j);
}

static void
gateway(const char *id, const char *name, const char *addr, const char *cn,
    const char *op)
{
	struct gateway		*g;
	struct certificate	*c;

	g = arena_alloc(m->arena, sizeof(*g));
	g->id = id;
	g->name = name;
	g->addrs = arena_alloc(m->arena, sizeof(*g->addrs));
	ck_assert_int_eq(parse_ipaddr(addr, &g->addrs[0]), 0);
	g->addrs_text = arena_alloc(m->arena, sizeof(char *));
	g->addrs_text[0] = addr;
	g->naddrs = 1;
	g->operated_by = op != NULL ? model_org(m, op, NULL) : NULL;
	if (cn != NULL) {
		c = arena_alloc(m->arena, sizeof(*c));
		c->o.kind = K_CERT;
		c->o.name = cn;
		c->subject = arena_printf(m->arena, "CN=%s", cn);
		c->cn = cn;
		c->services = c->status = c->root_ca_type = -1;
		c->gateway = id;
		c->server = name;
		g->cert = c;
	}
	m->gateways = xreallocarray(m->gateways, m->ngateways + 1,
	    sizeof(*m->gateways));
	m->gateways[m->ngateways++] = g;
}

static void
relay_through(const char *org, const char *domain, const char *smarthost)
{
	char	*j;

	j = xasprintf("{\"Name\": \"%s\", \"DomainName\": \"%s\", "
	    "\"DomainType\": 0, \"Default\": true}", domain, domain);
	add(org, SIDE_ONPREM, j);
	free(j);
	j = xasprintf("{\"Name\": \"Internet\", \"AddressSpaces\": "
	    "[\"SMTP:*;1\"], \"SmartHosts\": [\"%s\"], \"DNSRoutingEnabled\": "
	    "false, \"SourceTransportServers\": [\"SRV01\"]}", smarthost);
	add(org, SIDE_ONPREM, j);
	free(j);
}

static struct flow *
trace1(struct sim **sp, const char *from, const char *mf, const char *rcpt)
{
	struct topo	*t = topo_build(m, ASOF);
	struct sim	*s = sim_run(t);
	struct flow	**f, *r;
	struct diags	 d = { 0 };
	size_t		 n;

	f = sim_trace(s, from, mf, rcpt, &n, &d);
	ck_assert_msg(f != NULL, "%s", d.n > 0 ? d.v[0].msg : "?");
	diag_free(&d);
	ck_assert_uint_ge(n, 1);
	r = f[0];
	free(f);
	*sp = s;
	return r;
}

static void
done(struct sim *s)
{
	struct topo *t = s->t;

	sim_free(s);
	topo_free(t);
}

static const char *const provider_domains[] = {
	"provider.example", "provider.onmicrosoft.com", NULL
};

START_TEST(test_seed_shape)
{
	struct sim	*s;
	struct flow	*f;

	tenant("provider", provider_domains);
	inbound("provider", "Inbound from hcw", "*.provider.example", "");
	gateway("gw1", "mx01.provider.example", "192.0.2.10",
	    "mx01.provider.example", "provider");
	relay_through("customer", "customer.example", "mx01.provider.example");
	f = trace1(&s, "customer", "a@customer.example", "b@other.example");
	ck_assert_int_eq(f->step, ATTR_CERT);
	ck_assert_int_eq(f->originating, 1);
	ck_assert_str_eq(f->tenant->name, "provider.onmicrosoft.com");
	ck_assert_int_eq(f->foreign, 1);
	ck_assert_int_eq(f->matches[0].how, DN_WILDCARD);
	ck_assert_int_eq(f->rcpt_assumed, 1);
	done(s);
}
END_TEST

START_TEST(test_seed_fixed_shape)
{
	struct sim	*s;
	struct flow	*f;

	tenant("provider", provider_domains);
	inbound("provider", "Inbound from hcw", "smtpo365.provider.example", "");
	gateway("gw1", "mx01.provider.example", "192.0.2.10",
	    "mx01.provider.example", "provider");
	relay_through("customer", "customer.example", "mx01.provider.example");
	f = trace1(&s, "customer", "a@customer.example", "b@other.example");
	ck_assert_int_eq(f->step, ATTR_RCPT);
	ck_assert_int_eq(f->originating, 0);
	ck_assert_int_eq(f->foreign, 0);
	ck_assert_uint_eq(f->nmatches, 0);
	done(s);
}
END_TEST

START_TEST(test_ip_only_shared_relay)
{
	struct sim	*s;
	struct flow	*f;

	/* The provider's IP-only connector lists the shared relay's address;
	 * the customer's mail carries the customer's MAIL FROM, which is
	 * not the provider's accepted domain: no Originating attribution. */
	tenant("provider", provider_domains);
	inbound("provider", "Inbound by IP", NULL, "\"192.0.2.0/24\"");
	gateway("gw1", "relay.provider.example", "192.0.2.10", NULL,
	    "provider");
	relay_through("customer", "customer.example", "relay.provider.example");
	f = trace1(&s, "customer", "a@customer.example", "b@other.example");
	ck_assert_uint_eq(f->nmatches, 1);
	ck_assert_int_eq(f->matches[0].by_ip, 1);
	ck_assert_int_eq(f->originating, 0);
	ck_assert_int_eq(f->step, ATTR_RCPT);
	done(s);

	/* A customer sending with the provider's domain in MAIL FROM is
	 * attributed to the provider by IP. */
	f = trace1(&s, "customer", "a@provider.example", "b@other.example");
	ck_assert_int_eq(f->step, ATTR_IP);
	ck_assert_int_eq(f->foreign, 1);
	done(s);
}
END_TEST

START_TEST(test_cert_accepted_by_two_tenants)
{
	static const char *const t1[] = { "contoso.com",
	    "contoso.onmicrosoft.com", NULL };
	static const char *const t2[] = { "sales.contoso.com",
	    "contososales.onmicrosoft.com", NULL };
	struct sim	*s;
	struct flow	*f;

	tenant("corp", t1);
	tenant("sales", t2);
	inbound("corp", "Corp hybrid", "*.contoso.com", "");
	inbound("sales", "Sales hybrid", "*.sales.contoso.com", "");
	gateway("gw", "mx.sales.contoso.com", "192.0.2.20",
	    "mx.sales.contoso.com", NULL);
	relay_through("sales", "sales.contoso.com", "mx.sales.contoso.com");
	f = trace1(&s, "sales", "a@sales.contoso.com", "b@other.example");
	ck_assert_uint_eq(f->nmatches, 2);
	/* The most specific accepted domain wins. */
	ck_assert_str_eq(f->tenant->name, "contososales.onmicrosoft.com");
	ck_assert_int_eq(f->foreign, 0);
	ck_assert_int_eq(f->ambiguous, 0);
	done(s);
}
END_TEST

/* TLS that fails stops the path; certificates Exchange Online refuses. */

static struct sim *
run_all(void)
{
	return sim_run(topo_build(m, ASOF));
}

START_TEST(test_tls_named_missing_queues)
{
	struct sim	*s;
	struct flow	*f;

	add("contoso", SIDE_ONPREM, "{\"Name\": \"EX01\", \"Fqdn\": "
	    "\"ex01.contoso.local\", \"AdminDisplayVersion\": \"15.2\", "
	    "\"ServerRole\": \"Mailbox\"}");
	add_cert("contoso", "EX01", "AA", "mail.contoso.com",
	    "\"mail.contoso.com\"", 16, 0, ASOF - 100 * DAY, ASOF + 300 * DAY);
	add_send("contoso", ", \"RequireTLS\": true, \"TlsCertificateName\": "
	    "\"<I>CN=Old CA<S>CN=mail.contoso.com\"");
	s = run_all();
	ck_assert_uint_eq(s->nflows, 0);	/* never attributed */
	ck_assert_uint_eq(s->nsent, 1);
	f = s->sent[0];
	ck_assert_int_eq(f->queued, 1);
	ck_assert_int_eq(f->reaches_exo, 0);
	ck_assert_int_eq(f->tls_fail, TLSF_NOT_FOUND);
	ck_assert_ptr_null(f->at);
	ck_assert_ptr_null(f->tenant);
	ck_assert(strstr(f->why_not, "queues on ex01.contoso.local") != NULL);
	ck_assert_int_eq(flow_as_expected(s->t, f), 0);
	done(s);
}
END_TEST

START_TEST(test_tls_expired_named_not_required)
{
	struct sim	*s;
	struct flow	*f;

	/* The named certificate expired; without RequireTLS the server
	 * sends without TLS [inference] and presents no certificate. */
	add_cert("contoso", "EX01", "AA", "mail.contoso.com",
	    "\"mail.contoso.com\"", 16, 0, ASOF - 400 * DAY, ASOF - DAY);
	add_send("contoso", ", \"RequireTLS\": false, \"TlsCertificateName\": "
	    "\"<I>CN=Example CA<S>CN=mail.contoso.com\"");
	s = run_all();
	ck_assert_uint_eq(s->nflows, 1);
	f = s->flows[0];
	ck_assert_int_eq(f->tls_fail, TLSF_UNUSABLE);
	ck_assert_int_eq(f->queued, 0);
	ck_assert_int_eq(f->step, ATTR_RCPT);
	ck_assert_uint_eq(f->nmatches, 0);
	done(s);
}
END_TEST

START_TEST(test_tls_untrusted_to_exo_queues)
{
	struct sim	*s;
	struct flow	*f;

	/* A self-signed certificate selected by Fqdn on a connector to
	 * Exchange Online that requires TLS: 454 4.7.0 UntrustedRoot. */
	add_cert("contoso", "EX01", "SS", "mail.contoso.com",
	    "\"mail.contoso.com\"", 16, 1, ASOF - 100 * DAY, ASOF + 300 * DAY);
	add_send("contoso", ", \"RequireTLS\": true, \"Fqdn\": "
	    "\"mail.contoso.com\"");
	s = run_all();
	ck_assert_uint_eq(s->nflows, 0);
	ck_assert_uint_eq(s->nsent, 1);
	f = s->sent[0];
	ck_assert_int_eq(f->tls_fail, TLSF_UNTRUSTED);
	ck_assert_int_eq(f->queued, 1);
	done(s);
}
END_TEST

START_TEST(test_gateway_expired_queues)
{
	struct sim	*s;
	struct flow	*f;

	tenant("provider", provider_domains);
	inbound("provider", "Inbound from hcw", "*.provider.example", "");
	gateway("gw1", "mx01.provider.example", "192.0.2.10",
	    "mx01.provider.example", "provider");
	m->gateways[0]->cert->not_after = ASOF - 30 * DAY;
	relay_through("customer", "customer.example", "mx01.provider.example");
	f = trace1(&s, "customer", "a@customer.example", "b@other.example");
	ck_assert_int_eq(f->queued, 1);
	ck_assert_int_eq(f->tls_fail, TLSF_EXPIRED);
	ck_assert_int_eq(f->foreign, 0);	/* it never gets there */
	ck_assert_int_eq(flow_as_expected(s->t, f), 0);
	done(s);
	/* The gateway's own relaying, too. */
	f = trace1(&s, "gw1", "x@customer.example", "y@provider.example");
	ck_assert_int_eq(f->queued, 1);
	done(s);
}
END_TEST

START_TEST(test_self_signed_refused)
{
	struct sim	*s;
	struct flow	*f;

	/* The wildcard names the gateway, but its certificate is
	 * self-signed: no certificate match, attribution by recipient. */
	tenant("provider", provider_domains);
	inbound("provider", "Inbound from hcw", "*.provider.example", "");
	gateway("gw1", "mx01.provider.example", "192.0.2.10",
	    "mx01.provider.example", "provider");
	m->gateways[0]->cert->self_signed = 1;
	relay_through("customer", "customer.example", "mx01.provider.example");
	f = trace1(&s, "customer", "a@customer.example", "b@other.example");
	ck_assert_int_eq(f->step, ATTR_RCPT);
	ck_assert_uint_eq(f->nmatches, 0);
	ck_assert_uint_eq(f->nrefused, 1);
	ck_assert_str_eq(f->refused[0].ic->o.name, "Inbound from hcw");
	ck_assert_int_eq(f->foreign, 0);
	ck_assert_int_eq(flow_as_expected(s->t, f), 1);
	done(s);
}
END_TEST

START_TEST(test_partner_restriction)
{
	static const char *const fab[] = { "fabrikam.example",
	    "fabrikam.onmicrosoft.com", NULL };
	struct sim	*s;
	struct flow	*f;

	tenant("fabrikam", fab);
	add("fabrikam", SIDE_EXO, "{\"Name\": \"From filter\", "
	    "\"ConnectorType\": \"Partner\", \"SenderDomains\": "
	    "[\"smtp:*;1\"], \"TlsSenderCertificateName\": "
	    "\"filter.example.net\", \"RestrictDomainsToCertificate\": true, "
	    "\"RequireTls\": true, \"Enabled\": true}");
	gateway("filter", "filter.example.net", "198.51.100.7",
	    "filter.example.net", NULL);
	gateway("other", "relay.example.org", "198.51.100.8",
	    "relay.example.org", NULL);
	relay_through("customer", "customer.example", "relay.example.org");
	/* Around the filter: rejected. */
	f = trace1(&s, "customer", "a@customer.example", "b@fabrikam.example");
	ck_assert_int_eq(f->rejected, 1);
	ck_assert_str_eq(f->rejected_by->o.name, "From filter");
	ck_assert_int_eq(flow_as_expected(s->t, f), 0);
	done(s);
	/* Through the filter: its connector. */
	f = trace1(&s, "filter", "a@customer.example", "b@fabrikam.example");
	ck_assert_int_eq(f->rejected, 0);
	ck_assert_str_eq(f->ic->o.name, "From filter");
	ck_assert_int_eq(flow_as_expected(s->t, f), 1);
	done(s);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("topology");
	TCase	*tc = tcase_create("index"), *tm = tcase_create("model");
	SRunner	*sr;
	int	 nf;

	tcase_add_test(tc, test_nameidx);
	tcase_add_test(tc, test_domidx);
	tcase_add_test(tc, test_ipidx);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(tm, setup, teardown);
	tcase_add_test(tm, test_select_explicit);
	tcase_add_test(tm, test_select_explicit_missing);
	tcase_add_test(tm, test_select_implicit_and_wildcard);
	tcase_add_test(tm, test_select_expired_and_not_smtp);
	tcase_add_test(tm, test_select_two_candidates);
	tcase_add_test(tm, test_select_fallback);
	tcase_add_test(tm, test_seed_shape);
	tcase_add_test(tm, test_seed_fixed_shape);
	tcase_add_test(tm, test_ip_only_shared_relay);
	tcase_add_test(tm, test_cert_accepted_by_two_tenants);
	tcase_add_test(tm, test_tls_named_missing_queues);
	tcase_add_test(tm, test_tls_expired_named_not_required);
	tcase_add_test(tm, test_tls_untrusted_to_exo_queues);
	tcase_add_test(tm, test_gateway_expired_queues);
	tcase_add_test(tm, test_self_signed_refused);
	tcase_add_test(tm, test_partner_restriction);
	suite_add_tcase(s, tm);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
