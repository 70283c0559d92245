/*
 * HYB006 inbound-wildcard-cert-name.
 *
 * An OnPremises inbound connector accepts a wildcard certificate name
 * (*.contoso.com) where a host name would do.  The message lists the
 * certificates of the inputs the wildcard matches, from an index built
 * once: every certificate name and each of its parent domains -> the
 * certificates carrying it.
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  TlsSenderCertificateName *.contoso.com accepts every certificate whose\n"
"  subject CN or a SAN lies below contoso.com: the hybrid server's\n"
"  certificate, but also those of internet gateways, web servers, a\n"
"  hosting provider's relays, or anything else that some day presents a\n"
"  certificate under the domain to Exchange Online. Each such host's mail\n"
"  is attributed to the tenant as Originating. Today it may be harmless;\n"
"  the day one of those hosts relays another organization's mail to a\n"
"  recipient hosted in Exchange Online, that mail lands in this tenant\n"
"  (HYB001, the granikos.eu case). The Hybrid Configuration Wizard writes\n"
"  such names when the certificate carries several host names, and the\n"
"  2016 connector notice told administrators to use them.\n"
"\n"
"Why Exchange Online does it\n"
"  A wildcard is documented to cover a domain and all its subdomains.\n"
"  Microsoft's answer on the relay requirements: *.domain.com can be used,\n"
"  but the organization must not use other subdomains in a different\n"
"  certificate used elsewhere, otherwise mail meant for the internet\n"
"  matches the connector; a wildcard with a specific-CN certificate is\n"
"  possible \"but it's not recommended\".\n"
"\n"
"How to confirm\n"
"  Get-InboundConnector | fl Name,ConnectorType,TlsSenderCertificateName\n"
"  The certificates listed in the finding are those of the inputs that the\n"
"  wildcard matches; hosts outside the inputs can match as well.\n"
"  `hybridlint trace` with such a host as --from shows the attribution.\n"
"\n"
"How to fix\n"
"  Name the host of the dedicated hybrid certificate:\n"
"    Set-InboundConnector -Identity 'Inbound from <GUID>'\n"
"        -TlsSenderCertificateName smtpo365.contoso.com\n"
"  Make sure first that the hybrid send connector presents exactly that\n"
"  certificate (HYB030; on Edge change it on a Mailbox server and run\n"
"  Start-EdgeSynchronization), and choose the same certificate when the\n"
"  Hybrid Configuration Wizard is next run. When the hybrid servers\n"
"  present a wildcard certificate themselves, get them a certificate with\n"
"  a host name first; the finding is then a note.\n"
"  The connector of an email add-on service is narrowed to the exact\n"
"  certificate domain the service presents for the tenant (the\n"
"  certificate declared for it in topology.json, else the domain its\n"
"  enrollment gave), never to the on-premises servers' name.\n"
"\n"
"Source\n"
"  New-InboundConnector, TlsSenderCertificateName (wildcards cover a\n"
"  domain and all subdomains):\n"
"  https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector\n"
"  Microsoft reply in \"Updated Requirements for SMTP Relay through\n"
"  Exchange Online\", Exchange Team Blog:\n"
"  https://techcommunity.microsoft.com/blog/exchange/updated-requirements-for-smtp-relay-through-exchange-online/3851357/replies/3855525\n"
"  \"How to verify your compliance with Microsoft's updated requirements\n"
"  for SMTP relay\" (wildcard with a specific certificate: not\n"
"  recommended): https://learn.microsoft.com/en-us/answers/a/11582569\n"
"  KB 3169958, \"Important notice for Office 365 email customers who have\n"
"  configured connectors\":\n"
"  https://learn.microsoft.com/exchange/troubleshoot/email-delivery/office-365-notice\n"
"  granikos.eu, \"EXO InboundConnector TLS issue\":\n"
"  https://granikos.eu/exo-inboundconnector-tls-issue/\n"
"  \"Integrate Exchange Online with an email add-on service\" (a unique\n"
"  certificate domain per customer):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/integrate-office-365-with-an-email-add-on-service\n"
"  Inference: hybridlint models *.contoso.com as matching contoso.com\n"
"  itself too; the documentation does not say.\n";

/* Every certificate under each of its names and their parent domains. */
static struct strmap *
build_index(struct rule_ctx *c)
{
	struct strmap			*idx = strmap_new();
	const struct certificate	*cert;
	const char			**names, *p;
	size_t				 i, j, n;

	MODEL_FOREACH(c->m, K_CERT, const struct certificate, cert, i) {
		names = cert_names(c->arena, cert, &n);
		for (j = 0; j < n; j++)
			for (p = names[j]; p != NULL; p = strchr(p, '.') ?
			    strchr(p, '.') + 1 : NULL)
				strmap_add(idx, p, (void *)cert);
	}
	return idx;
}

static const char *
host_of(struct rule_ctx *c, const struct certificate *cert)
{
	const struct host	*h;

	if (cert->server == NULL)
		return cert->o.org != NULL ? cert->o.org->id : NULL;
	h = topo_find_host(c->t, cert->o.org, cert->server);
	return h != NULL ? h->name : cert->server;
}

struct known {
	const struct certificate	*cert;
	struct buf			 where;
	int				 own;
};

/*
 * The organization's own flows to Exchange Online that this connector
 * attributes (sender organization = connector's organization, over a send
 * connector to Exchange Online), fetched once per connector from a map.
 */
struct own {
	void *const	*v;
	size_t		 n;
};

static int
is_own(const struct own *o, const struct certificate *cert)
{
	size_t	i;

	for (i = 0; i < o->n; i++)
		if (cert_same(((const struct flow *)o->v[i])->sel.cert, cert))
			return 1;
	return 0;
}

/*
 * Does the organization's own path present only wildcard names under the
 * pattern, so that no host name would do?
 */
static int
own_needs_wildcard(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct own *o)
{
	const struct flow	*f;
	const char		**names;
	size_t			 i, j, n;
	int			 exact;

	for (i = 0; i < o->n; i++) {
		f = o->v[i];
		if (f->sel.cert == NULL)
			continue;
		names = cert_names(c->arena, f->sel.cert, &n);
		for (exact = 0, j = 0; j < n && !exact; j++)
			exact = names[j][0] != '*' &&
			    dn_match(ic->tls_sender_cert_name, names[j]) !=
			    DN_NONE;
		if (!exact)
			return 1;
	}
	return 0;
}

static const char *
intended_name(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct own *o)
{
	const char	*cn;

	if ((cn = org_hybrid_cert_cn(c, ic->o.org)) != NULL && dn_valid(cn, 0))
		return cn;
	return hybrid_cn(o->v, o->n);
}

/*
 * An add-on service's connector names the exact certificate domain the
 * service presents for the tenant, never the organization's own.
 */
static const char *
addon_fix(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct addon *ad)
{
	const char	*cn = ad->gw != NULL && ad->gw->cert != NULL ?
	    ad->gw->cert->cn : NULL;

	if (cn != NULL && domain_arg_ok(cn) && cn[0] != '*' &&
	    dn_match(ic->tls_sender_cert_name, cn) != DN_NONE)
		return rule_printf(c, "Set-InboundConnector -Identity %s "
		    "-TlsSenderCertificateName %s", ps_quote(c, ic->o.name),
		    ps_quote(c, cn));
	return rule_printf(c, "# Name the certificate domain the add-on "
	    "service %s gave at enrollment:\n# Set-InboundConnector "
	    "-Identity '%s' -TlsSenderCertificateName with that domain",
	    fix_note(c, ad->name), fix_note(c, ic->o.name));
}

static const char *
fix_for(struct rule_ctx *c, const struct inbound_connector *ic,
    const struct own *o)
{
	const char		*name;
	struct addon		 ad;

	if (topo_ic_addon(c->t, ic, &ad))
		return addon_fix(c, ic, &ad);
	if ((name = intended_name(c, ic, o)) == NULL)
		return rule_printf(c, "# Name the host of the dedicated hybrid "
		    "certificate:\n# Set-InboundConnector -Identity '%s' "
		    "-TlsSenderCertificateName with that host name",
		    fix_note(c, ic->o.name));
	return rule_printf(c, "%sSet-InboundConnector -Identity %s "
	    "-TlsSenderCertificateName %s%s", narrow_first(c, o->v, o->n, ic,
	    name), ps_quote(c, ic->o.name), ps_quote(c, name),
	    hcw_owns_note(c, ic, name));
}

/* Indexes built once, on the first wildcard connector. */
struct maps {
	struct strmap	*certs;	/* names, parents -> certificates */
	struct strmap	*own;	/* connector -> its own flows */
};

static void
maps_build(struct rule_ctx *c, struct maps *mp)
{
	const struct flow	*f;
	char			 key[32];
	size_t			 i;

	mp->certs = build_index(c);
	mp->own = strmap_new();
	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (f->ic != NULL && f->org == f->ic->o.org && sc_to_exo(f->sc))
			strmap_add(mp->own, ptr_key(key, sizeof(key), f->ic),
			    (void *)f);
	}
}

/* "CN=x on host; CN=y on host (own path)", deduplicated by certificate. */
static const char *
cert_list(struct rule_ctx *c, void *const *v, size_t n, const struct own *o)
{
	struct known			 k[24];
	struct buf			 b = { 0 };
	const struct certificate	*cert;
	const char			*where, *r;
	size_t				 i, m, nk = 0, more = 0;

	for (i = 0; v != NULL && i < n; i++) {
		cert = v[i];
		where = host_of(c, cert);
		for (m = 0; m < nk; m++)
			if (cert_same(k[m].cert, cert))
				break;
		if (m < nk) {
			if (where != NULL && (k[m].where.p == NULL ||
			    strstr(k[m].where.p, where) == NULL))
				buf_printf(&k[m].where, "%s%s", k[m].where.p ?
				    ", " : "", where);
			continue;
		}
		if (nk == 24) {
			more++;
			continue;
		}
		memset(&k[nk], 0, sizeof(k[nk]));
		k[nk].cert = cert;
		k[nk].own = is_own(o, cert);
		if (where != NULL)
			buf_adds(&k[nk].where, where);
		nk++;
	}
	for (m = 0; m < nk; m++) {
		buf_printf(&b, "%s%s%s%s%s", m ? "; " : "",
		    k[m].cert->subject != NULL ? k[m].cert->subject :
		    k[m].cert->o.name, k[m].where.p ? " on " : "",
		    k[m].where.p ? k[m].where.p : "", k[m].own ? " (the "
		    "organization's own path to Exchange Online)" : "");
		buf_free(&k[m].where);
	}
	if (more > 0)
		buf_printf(&b, "; and %zu more", more);
	r = nk > 0 ? rule_printf(c, "certificates of the inputs it matches: "
	    "%s", b.p) : "no certificate of the inputs matches it yet";
	buf_free(&b);
	return r;
}

static void
one(struct rule_ctx *c, const struct tenant *tn,
    const struct inbound_connector *ic, struct maps *mp)
{
	const char	*p = ic->tls_sender_cert_name;
	struct own	 o;
	void *const	*v;
	char		 key[32];
	size_t		 n;
	int		 note;

	if (mp->certs == NULL)
		maps_build(c, mp);
	o.v = strmap_get(mp->own, ptr_key(key, sizeof(key), ic), &o.n);
	if (o.v == NULL)
		o.n = 0;
	if (strcmp(p, "*") == 0) {
		v = (void *const *)c->m->objs[K_CERT];
		n = c->m->nobjs[K_CERT];
	} else
		v = strmap_get(mp->certs, p + 2, &n);
	note = own_needs_wildcard(c, ic, &o);
	rule_report_sev(c, note ? SEV_NOTE : SEV_WARNING, &ic->o,
	    "TlsSenderCertificateName", NULL, p, NULL, fix_for(c, ic, &o),
	    "OnPremises inbound connector '%s' (tenant %s) accepts the "
	    "wildcard certificate name '%s'%s; %s%s", ic->o.name, tn->name,
	    p, strcmp(p, "*") == 0 ? ", any certificate at all" :
	    rule_printf(c, ", any certificate under %s", p + 2),
	    cert_list(c, v, n, &o), note ? "; the organization's own path "
	    "presents a wildcard certificate, so a host name would not "
	    "match it: a dedicated host certificate comes first" : "");
}

static void
check(struct rule_ctx *c)
{
	struct maps			 mp = { NULL, NULL };
	const struct tenant		*tn;
	const struct inbound_connector	*ic;
	const char			*p;
	size_t				 i, j;

	for (i = 0; i < c->t->ntenants; i++) {
		tn = c->t->tenants[i];
		for (j = 0; j < tn->ninbound; j++) {
			ic = tn->inbound[j];
			p = ic->tls_sender_cert_name;
			if (ic_onprem(ic) && p != NULL && (strcmp(p, "*") ==
			    0 || strncmp(p, "*.", 2) == 0))
				one(c, tn, ic, &mp);
		}
	}
	if (mp.certs != NULL) {
		strmap_free(mp.certs);
		strmap_free(mp.own);
	}
}

const struct lint_rule rule_hyb006 = {
	.id = "HYB006",
	.name = "inbound-wildcard-cert-name",
	.severity = SEV_WARNING,
	.summary = "An OnPremises inbound connector accepts a wildcard "
	    "certificate name where a host name would do",
	.doc = doc,
	.tags = "attribution,exchange-online,certificates",
	/* medium: a wildcard widens what the connector accepts */
	.security_severity = "5.3",
	.check = check,
};
