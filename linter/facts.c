/*
 * facts.c: connector settings and certificate facts as named values.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "facts.h"
#include "topology.h"
#include "xalloc.h"

struct fb {
	struct arena		*a;
	const struct obj	*o;
	struct fact		*v;
	size_t			 n;
};

static struct fact *
add(struct fb *b, const char *name, enum fact_type type)
{
	struct fact	*f = &b->v[b->n++];

	memset(f, 0, sizeof(*f));
	f->name = name;
	f->type = type;
	f->known = obj_exported(b->o, name);
	return f;
}

static void
text(struct fb *b, const char *name, const char *s)
{
	add(b, name, FACT_TEXT)->text = s;
}

static void
boolean(struct fb *b, const char *name, tbool v)
{
	struct fact	*f = add(b, name, FACT_BOOL);

	f->b = v == 1;
	if (v == TB_UNKNOWN)
		f->known = 0;
}

static void
list(struct fb *b, const char *name, const char *const *v, size_t n,
    int known)
{
	struct fact	*f = add(b, name, FACT_LIST);

	f->v = v;
	f->n = n;
	f->known = f->known && known;
}

static void
strlist(struct fb *b, const char *name, const struct strlist *sl)
{
	list(b, name, sl->v, sl->n, sl->known);
}

/* Address spaces as Exchange prints them: "SMTP:*;1". */
static void
spaces(struct fb *b, const char *name, const struct addrspace *as, size_t n,
    int known)
{
	const char	**v;
	size_t		  i;

	v = arena_alloc(b->a, (n + 1) * sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = arena_printf(b->a, "%s:%s;%d", as[i].type, as[i].domain,
		    as[i].cost);
	list(b, name, v, n, known);
}

static const char *
x509id_text(struct arena *a, const struct x509id *id, int has)
{
	if (!has || id->subject == NULL)
		return NULL;
	if (id->issuer == NULL)
		return id->subject;
	return arena_printf(a, "<I>%s<S>%s", id->issuer, id->subject);
}

static const char *
enum_text(struct arena *a, const struct enumdef *e, int64_t v, int flags)
{
	const char	*s;

	if (v < 0)
		return NULL;
	if (flags)
		return enum_flags_text(a, e, v);
	s = enum_name(e, v);
	return s != NULL ? s : arena_printf(a, "%" PRId64, v);
}

static const char *
ctype_text(enum connector_type t)
{
	return t == CT_ONPREMISES ? "OnPremises" : t == CT_PARTNER ?
	    "Partner" : NULL;
}

static void
inbound(struct fb *b, const struct inbound_connector *c)
{
	text(b, "ConnectorType", ctype_text(c->type));
	boolean(b, "Enabled", c->o.enabled);
	text(b, "TlsSenderCertificateName", c->tls_sender_cert_name);
	strlist(b, "SenderIPAddresses", &c->sender_ips_text);
	spaces(b, "SenderDomains", c->sender_domains, c->nsender_domains,
	    c->sender_domains_known);
	boolean(b, "RequireTls", c->require_tls);
	boolean(b, "RestrictDomainsToCertificate", c->restrict_to_cert);
	boolean(b, "RestrictDomainsToIPAddresses", c->restrict_to_ips);
	boolean(b, "CloudServicesMailEnabled", c->cloud_services_mail);
	boolean(b, "TreatMessagesAsInternal", c->treat_as_internal);
	text(b, "ConnectorSource", c->source);
}

static void
outbound(struct fb *b, const struct outbound_connector *c)
{
	text(b, "ConnectorType", ctype_text(c->type));
	boolean(b, "Enabled", c->o.enabled);
	strlist(b, "RecipientDomains", &c->recipient_domains);
	strlist(b, "SmartHosts", &c->smart_hosts);
	boolean(b, "UseMXRecord", c->use_mx);
	text(b, "TlsSettings", enum_text(b->a, model_tls_auth_levels,
	    c->tls_settings, 0));
	text(b, "TlsDomain", c->tls_domain);
	boolean(b, "RouteAllMessagesViaOnPremises", c->route_all_via_onprem);
	boolean(b, "CloudServicesMailEnabled", c->cloud_services_mail);
	text(b, "ConnectorSource", c->source);
}

static void
send(struct fb *b, const struct send_connector *c)
{
	const char	**v;
	size_t		  i;

	boolean(b, "Enabled", c->o.enabled);
	spaces(b, "AddressSpaces", c->address_spaces, c->naddress_spaces,
	    c->address_spaces_known);
	boolean(b, "DNSRoutingEnabled", c->dns_routing);
	v = arena_alloc(b->a, (c->nsmart_hosts + 1) * sizeof(*v));
	for (i = 0; i < c->nsmart_hosts; i++)
		v[i] = c->smart_hosts[i].host;
	list(b, "SmartHosts", v, c->nsmart_hosts, 1);
	strlist(b, "SourceTransportServers", &c->source_servers);
	text(b, "Fqdn", c->fqdn);
	text(b, "TlsCertificateName", x509id_text(b->a, &c->tls_cert_name,
	    c->has_tls_cert_name));
	boolean(b, "RequireTLS", c->require_tls);
	text(b, "TlsAuthLevel", enum_text(b->a, model_tls_auth_levels,
	    c->tls_auth_level, 0));
	text(b, "TlsDomain", c->tls_domain);
	boolean(b, "CloudServicesMailEnabled", c->cloud_services_mail);
}

static void
receive(struct fb *b, const struct receive_connector *c)
{
	text(b, "Server", c->server);
	boolean(b, "Enabled", c->o.enabled);
	strlist(b, "Bindings", &c->bindings);
	text(b, "Fqdn", c->fqdn);
	text(b, "TlsCertificateName", x509id_text(b->a, &c->tls_cert_name,
	    c->has_tls_cert_name));
	boolean(b, "RequireTLS", c->require_tls);
	strlist(b, "TlsDomainCapabilities", &c->tls_domain_capabilities);
	text(b, "AuthMechanism", enum_text(b->a, model_auth_mechanisms,
	    c->auth_mechanism, 1));
	text(b, "PermissionGroups", enum_text(b->a, model_permission_groups,
	    c->permission_groups, 1));
}

size_t
connector_facts(struct arena *a, const struct obj *o, struct fact *v)
{
	struct fb	b = { a, o, v, 0 };

	switch (o->kind) {
	case K_INBOUND:
		inbound(&b, (const struct inbound_connector *)o);
		break;
	case K_OUTBOUND:
		outbound(&b, (const struct outbound_connector *)o);
		break;
	case K_SEND:
		send(&b, (const struct send_connector *)o);
		break;
	case K_RECEIVE:
		receive(&b, (const struct receive_connector *)o);
		break;
	default:
		break;
	}
	return b.n;
}

const char *
fact_text(struct arena *a, const struct fact *f)
{
	struct buf	 b = { 0 };
	const char	*s;
	size_t		 i;

	if (!f->known)
		return "unknown";
	switch (f->type) {
	case FACT_BOOL:
		return f->b ? "true" : "false";
	case FACT_INT:
		return arena_printf(a, "%" PRId64, f->i);
	case FACT_TEXT:
		return f->text != NULL ? f->text : "(none)";
	case FACT_LIST:
		if (f->n == 0)
			return "(none)";
		for (i = 0; i < f->n; i++) {
			if (i > 0)
				buf_adds(&b, ", ");
			buf_adds(&b, f->v[i] != NULL ? f->v[i] : "");
		}
		s = arena_strdup(a, b.p);
		buf_free(&b);
		return s;
	}
	return "unknown";
}

const char **
cert_display_names(struct arena *a, const struct certificate *c, size_t *n)
{
	return cert_names(a, c, n);
}

const char *
cert_services_text(struct arena *a, const struct certificate *c)
{
	if (c->services < 0)
		return NULL;
	if (c->services == 0)
		return "None";
	return enum_flags_text(a, model_services, c->services);
}

int64_t
cert_days_left(const struct certificate *c, int64_t when)
{
	int64_t	d = c->not_after - when;

	return d >= 0 ? d / 86400 : -((-d + 86399) / 86400);
}

const char *
cert_key(struct arena *a, const struct certificate *c)
{
	if (c->thumbprint != NULL)
		return arena_printf(a, "T:%s", c->thumbprint);
	return arena_printf(a, "S:%s|%s", c->subject != NULL ? c->subject :
	    c->o.identity, c->issuer != NULL ? c->issuer : "");
}

static int
by_path(const void *a, const void *b)
{
	const struct readfile	*x = *(const struct readfile *const *)a;
	const struct readfile	*y = *(const struct readfile *const *)b;

	return strcmp(x->path, y->path);
}

void
inputs_digest(const struct readfile *f, size_t n, char *out)
{
	const struct readfile	**v;
	struct buf		  b = { 0 };
	size_t			  i;

	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = &f[i];
	qsort(v, n, sizeof(*v), by_path);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s  %s\n", v[i]->sha256, v[i]->path);
	sha256_hex(b.p != NULL ? b.p : "", b.len, out);
	buf_free(&b);
	free(v);
}

uint64_t
inputs_size(const struct readfile *f, size_t n)
{
	uint64_t	t = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		t += f[i].size;
	return t;
}
