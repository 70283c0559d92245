/*
 * HYB005 inbound-identity-shared-across-tenants.
 *
 * One certificate (held or presented by a host of the inputs) has names
 * that OnPremises inbound connectors of more than one tenant accept
 * (topo->onprem_by_cert over cert_names).  One finding per certificate,
 * located at the certificate.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"
#include "strmap.h"
#include "xalloc.h"

static const char doc[] =
"What happens\n"
"  Exchange Online attributes a connection that presents a certificate to\n"
"  the tenant whose OnPremises inbound connector accepts one of the\n"
"  certificate's names (subject CN or SAN). When connectors of several\n"
"  tenants accept the same certificate, only one tenant can win: the one\n"
"  whose accepted domain matches the certificate domain most\n"
"  specifically, and when that does not decide, whichever Exchange Online\n"
"  picks. Mail one organization sends with this certificate can land in\n"
"  another organization's tenant: it shows in that tenant's message\n"
"  trace, is relayed under its policies and captured by its journal\n"
"  rules, while the intended tenant refuses to relay it\n"
"  (550 5.7.64 TenantAttribution). Which tenant wins can change after\n"
"  service-side changes without anyone touching the configuration.\n"
"\n"
"  Typical causes: an on-premises organization that serves several\n"
"  tenants with one certificate and one send connector; a hosting\n"
"  provider's or gateway's certificate named on its customers'\n"
"  connectors; a wildcard TlsSenderCertificateName in one tenant that\n"
"  also covers another tenant's host.\n"
"\n"
"Why Exchange Online does it\n"
"  Certificate attribution searches the OnPremises connectors of all\n"
"  tenants (MC1226222). Microsoft requires that an on-premises\n"
"  organization connected to several tenants use a unique client\n"
"  certificate and a separate send connector per tenant, and that each\n"
"  tenant's certificate be tenant-specific with a domain that is an\n"
"  accepted domain of that tenant.\n"
"\n"
"How to confirm\n"
"  In each tenant: Get-InboundConnector | fl Name,ConnectorType,\n"
"  TlsSenderCertificateName. On the host: Get-ExchangeCertificate | fl\n"
"  Subject,CertificateDomains. A message trace in each tenant shows\n"
"  which of them receives the mail the host sends\n"
"  (X-EOPTenantAttributedMessage carries the tenant id).\n"
"\n"
"How to fix\n"
"  Give each tenant its own certificate and its own send connector, and\n"
"  name exactly that certificate on each tenant's connector:\n"
"    New-SendConnector -Name 'To tenant B' -AddressSpaces <B's domains>\n"
"        -Fqdn smtp-b.contoso.com\n"
"        -TlsCertificateName '<I>issuer<S>CN=smtp-b.contoso.com'\n"
"        -RequireTLS $true -CloudServicesMailEnabled $true\n"
"    Set-InboundConnector -Identity <B's connector>\n"
"        -TlsSenderCertificateName smtp-b.contoso.com\n"
"  A connector that accepts another organization's certificate only\n"
"  because of a wildcard is narrowed to its own host name (HYB006). A\n"
"  connector that names a host exactly is right: when the certificate\n"
"  carries the exact names of several tenants' connectors (a shared\n"
"  relay's certificate with each customer's host in its SAN list), the\n"
"  fault is the certificate, and the host needs one certificate per\n"
"  tenant; the finding's fix says so instead of touching the connectors.\n"
"\n"
"Source\n"
"  Message Center MC1226222, \"Prevent/Fix: Guidance for On-Premises\n"
"  Connectors Configuration\" (unique certificate and send connector per\n"
"  tenant):\n"
"  https://mwpro.co.uk/blog/2026/02/04/updated-prevent-fix-guidance-for-on-premises-connectors-configuration-mc1226222\n"
"  Microsoft reply in \"Updated Requirements for SMTP Relay through\n"
"  Exchange Online\" (tenant-specific certificate):\n"
"  https://techcommunity.microsoft.com/blog/exchange/updated-requirements-for-smtp-relay-through-exchange-online/3851357/replies/3981065\n"
"  \"Certificate requirements for hybrid deployments\" (separate\n"
"  certificate per forest): https://learn.microsoft.com/exchange/certificate-requirements\n"
"  Inference: how Exchange Online breaks a tie between tenants whose\n"
"  accepted domains match equally well is not documented.\n";

struct hit {
	const struct inbound_connector	*ic;
	const struct tenant		*tn;
	const char			*name;	/* certificate name */
};

static int
seen_cert(struct strmap *seen, const struct certificate *c)
{
	const char	*k;

	if (c->thumbprint != NULL)
		k = c->thumbprint;
	else if (c->subject != NULL)
		k = c->subject;
	else
		return 0;
	return !strmap_once(seen, k, (void *)c);
}

/* A certificate's key in the landing map: its thumbprint, else itself. */
static const char *
cert_key(char *buf, size_t len, const struct certificate *cert)
{
	size_t	i;

	if (cert->thumbprint == NULL)
		return ptr_key(buf, len, cert);
	for (i = 0; cert->thumbprint[i] != '\0' && i + 1 < len; i++)
		buf[i] = (char)toupper((unsigned char)cert->thumbprint[i]);
	buf[i] = '\0';
	return buf;
}

/* The first flow attributed by each certificate presented. */
static struct strmap *
landings(struct rule_ctx *c)
{
	struct strmap		*m = strmap_new();
	const struct flow	*f;
	char			 k[128];
	size_t			 i;

	for (i = 0; i < c->s->nflows; i++) {
		f = c->s->flows[i];
		if (f->sel.cert != NULL && f->step == ATTR_CERT &&
		    f->tenant != NULL)
			strmap_once(m, cert_key(k, sizeof(k), f->sel.cert),
			    (void *)f);
	}
	return m;
}

/* The tenant flows presenting this certificate land in, if any. */
static const char *
landing(struct rule_ctx *c, const struct strmap *m,
    const struct certificate *cert)
{
	const struct flow	*f;
	void *const		*v;
	char			 k[128];

	if ((v = strmap_get(m, cert_key(k, sizeof(k), cert), NULL)) == NULL)
		return "";
	f = v[0];
	return rule_printf(c, "; mail %s sends with it lands in tenant %s%s%s",
	    f->presenter->name, f->tenant->name, f->ambiguous ? ": " : "",
	    f->ambiguous ? sim_tie_text : "");
}

/* Connectors of several tenants that accept one certificate. */
struct hits {
	struct hit	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 ntn;
	struct strmap	*ics;		/* connectors met */
	struct strmap	*tns;		/* tenants met */
};

/*
 * The fix is aimed at what is at fault: a connector that accepts the
 * certificate only through a wildcard is narrowed to its tenant's own
 * host; a connector that names one of the certificate's names exactly is
 * right, and the certificate, which carries several tenants' names, is
 * split into one per tenant on the host.
 */
static void
shared_fix(struct rule_ctx *c, struct buf *fix, const struct host *h,
    const struct certificate *cert, const struct hits *x, size_t shown)
{
	struct buf	 names = { 0 };
	size_t		 i, nexact = 0;

	for (i = 0; i < x->n; i++)
		if (strncmp(x->v[i].ic->tls_sender_cert_name, "*.", 2) != 0) {
			buf_printf(&names, "%s%s (%s)", nexact++ ? ", " : "",
			    x->v[i].name, x->v[i].tn->name);
		}
	if (nexact > 1)
		buf_printf(fix, "# %s presents one certificate (%s) that carries "
		    "the exact names of several tenants' connectors: %s. Give "
		    "it one certificate per tenant, each with only that "
		    "tenant's name, and a send connector or route per tenant "
		    "that presents it (MC1226222); those connectors need no "
		    "change.\n", fix_note(c, h->name), fix_note(c,
		    cert->subject != NULL ? cert->subject : cert->o.name),
		    fix_note(c, names.p));
	buf_free(&names);
	for (i = 0; i < shown; i++) {
		/* A connector that names the certificate exactly is right
		 * (when it alone does, it is the certificate's owner). */
		if (strncmp(x->v[i].ic->tls_sender_cert_name, "*.", 2) != 0)
			continue;
		buf_printf(fix, "# Set-InboundConnector -Identity '%s' "
		    "-TlsSenderCertificateName with the host name of %s's own "
		    "certificate instead of the wildcard (MC1226222)\n",
		    fix_note(c, x->v[i].ic->o.name),
		    fix_note(c, x->v[i].tn->name));
	}
	if (x->n > shown)
		buf_printf(fix, "# and the same for the %zu other connectors\n",
		    x->n - shown);
	if (fix->len > 0)
		fix->p[--fix->len] = '\0';
}

static void
report(struct rule_ctx *c, const struct strmap *land, const struct host *h,
    const struct certificate *cert, const struct hits *x)
{
	struct buf	 msg = { 0 }, fix = { 0 }, key = { 0 };
	size_t		 i, shown = x->n < 10 ? x->n : 10;

	for (i = 0; i < shown; i++)
		buf_printf(&msg, "%s'%s' of tenant %s (by '%s', matching %s)",
		    i == 0 ? "" : i + 1 == x->n ? " and " : ", ",
		    x->v[i].ic->o.name, x->v[i].tn->name,
		    x->v[i].ic->tls_sender_cert_name, x->v[i].name);
	if (x->n > shown)
		buf_printf(&msg, " and %zu more", x->n - shown);
	for (i = 0; i < x->n; i++)
		buf_printf(&key, "%s%s", i ? "," : "", x->v[i].tn->name);
	shared_fix(c, &fix, h, cert, x, shown);
	rule_report(c, &cert->o, "Subject", h->org, key.p, NULL, fix.p,
	    "certificate %s on %s is accepted by OnPremises inbound connectors "
	    "of %zu tenants: %s; Exchange Online attributes a connection "
	    "presenting it to only one of them%s", cert->subject != NULL ?
	    cert->subject : cert->o.name, h->name, x->ntn, msg.p,
	    landing(c, land, cert));
	buf_free(&msg);
	buf_free(&fix);
	buf_free(&key);
}

/* Every OnPremises connector of a tenant that accepts a name of cert. */
static void
collect(struct rule_ctx *c, const struct certificate *cert, struct hits *x)
{
	const struct inbound_connector	*ic;
	const struct tenant		*tn;
	const char			**names;
	struct namehit			*nh;
	size_t				 k, l, nn, nnh;
	char				 key[32];

	names = cert_names(c->arena, cert, &nn);
	for (k = 0; k < nn; k++) {
		nh = nameidx_match(&c->t->onprem_by_cert, names[k], &nnh);
		for (l = 0; l < nnh; l++) {
			ic = nh[l].v;
			if ((tn = topo_tenant(c->t, ic->o.org)) == NULL ||
			    !strmap_once(x->ics, ptr_key(key, sizeof(key), ic),
			    NULL))
				continue;
			if (strmap_once(x->tns, ptr_key(key, sizeof(key), tn),
			    NULL))
				x->ntn++;
			if (x->n == x->cap) {
				x->cap = x->cap ? x->cap * 2 : 16;
				x->v = xreallocarray(x->v, x->cap,
				    sizeof(*x->v));
			}
			x->v[x->n].ic = ic;
			x->v[x->n].tn = tn;
			x->v[x->n].name = names[k];
			x->n++;
		}
		free(nh);
	}
}

static void
check(struct rule_ctx *c)
{
	struct strmap			*seen, *land;
	const struct host		*h;
	const struct certificate	*cert;
	struct hits			 x;
	size_t				 i, j;

	seen = strmap_new();
	land = landings(c);
	for (i = 0; i < c->t->nhosts; i++) {
		h = c->t->hosts[i];
		for (j = 0; j < h->ncerts; j++) {
			cert = h->certs[j];
			if (seen_cert(seen, cert))
				continue;
			memset(&x, 0, sizeof(x));
			x.ics = strmap_new();
			x.tns = strmap_new();
			collect(c, cert, &x);
			if (x.ntn > 1)
				report(c, land, h, cert, &x);
			strmap_free(x.ics);
			strmap_free(x.tns);
			free(x.v);
		}
	}
	strmap_free(land);
	strmap_free(seen);
}

const struct lint_rule rule_hyb005 = {
	.id = "HYB005",
	.name = "inbound-identity-shared-across-tenants",
	.severity = SEV_ERROR,
	.summary = "One certificate is accepted by OnPremises inbound "
	    "connectors of several tenants",
	.doc = doc,
	.tags = "attribution,exchange-online,certificates,multi-tenant",
	/* high: one certificate attributes mail to several tenants */
	.security_severity = "8.6",
	.check = check,
};
