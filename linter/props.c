/*
 * props.c: the property table of each kind, and reading a property's
 * value from a record generically (by the field's offset and type).
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "props.h"
#include "xalloc.h"

typedef const char *cstr;

/* A field of the record at def->off. */
#define FIELD(o, def, type)	((const type *)(const void *)		\
	((const char *)(o) + (def)->off))

/* Carried as null or empty by the export (known, no value)? */
static int
exported(const struct obj *o, const struct propdef *def)
{
	return obj_exported(o, def->name);
}

static void
get_str(const struct obj *o, const struct propdef *def, struct arena *a,
    struct pval *v)
{
	(void)a;
	v->s = *FIELD(o, def, cstr);
	v->known = v->s != NULL || exported(o, def);
}

static void
get_bool(const struct obj *o, const struct propdef *def, struct arena *a,
    struct pval *v)
{
	tbool	b = *FIELD(o, def, tbool);

	(void)a;
	v->known = b != TB_UNKNOWN;
	v->i = b == 1;
}

/* Numbers the model keeps as -1 when unknown. */
static void
get_num(const struct obj *o, const struct propdef *def, struct arena *a,
    struct pval *v)
{
	(void)a;
	v->i = *FIELD(o, def, int64_t);
	v->known = v->i >= 0;
}

static void
get_date(const struct obj *o, const struct propdef *def, struct arena *a,
    struct pval *v)
{
	(void)a;
	v->i = *FIELD(o, def, int64_t);
	v->known = v->i != 0;
}

/*
 * An enumeration the model keeps as -1 when absent, null or a name it
 * does not know: known and null when the export carried it.
 */
static void
enum_value(const struct obj *o, int64_t x, const struct propdef *def,
    struct arena *a, struct pval *v)
{
	if (x < 0) {
		v->known = exported(o, def);
		return;
	}
	v->known = 1;
	if ((v->s = enum_name(def->values, x)) == NULL)
		v->s = arena_printf(a, "%lld", (long long)x);
}

static void
get_enum(const struct obj *o, const struct propdef *def, struct arena *a,
    struct pval *v)
{
	enum_value(o, *FIELD(o, def, int64_t), def, a, v);
}

/* The names of the flags set, in table order; 0 is no flag. */
static void
get_flags(const struct obj *o, const struct propdef *def, struct arena *a,
    struct pval *v)
{
	const struct enumdef	*e;
	const char		**names;
	int64_t			  x = *FIELD(o, def, int64_t);
	size_t			  n = 0;

	if (x < 0) {
		v->known = exported(o, def);	/* null: no flags */
		return;
	}
	v->known = 1;
	for (e = def->values; e->name != NULL; e++)
		n++;
	names = arena_alloc(a, (n + 1) * sizeof(*names));
	n = 0;
	for (e = def->values; e->name != NULL; e++)
		if (e->value != 0 && (x & e->value) == e->value)
			names[n++] = e->name;
	v->v = names;
	v->n = n;
}

static void
get_list(const struct obj *o, const struct propdef *def, struct arena *a,
    struct pval *v)
{
	const struct strlist	*l = FIELD(o, def, struct strlist);

	(void)a;
	v->known = l->known;
	v->v = l->v;
	v->n = l->n;
}

/* Fields that are not of one of the shapes above. */

static void
ctype_value(const struct obj *o, enum connector_type t,
    const struct propdef *def, struct arena *a, struct pval *v)
{
	enum_value(o, t == CT_UNKNOWN ? -1 : (int64_t)t, def, a, v);
}

static void
ic_type(const struct obj *o, const struct propdef *def, struct arena *a,
    struct pval *v)
{
	ctype_value(o, ((const struct inbound_connector *)o)->type, def, a,
	    v);
}

static void
oc_type(const struct obj *o, const struct propdef *def, struct arena *a,
    struct pval *v)
{
	ctype_value(o, ((const struct outbound_connector *)o)->type, def, a,
	    v);
}

/* Address spaces as their domains: "contoso.com", "*.contoso.com", "*". */
static void
spaces(const struct addrspace *as, size_t n, int known, struct arena *a,
    struct pval *v)
{
	const char	**d;
	size_t		  i;

	v->known = known;
	d = arena_alloc(a, (n + 1) * sizeof(*d));
	for (i = 0; i < n; i++)
		d[i] = as[i].domain;
	v->v = d;
	v->n = n;
}

static void
ic_sender_domains(const struct obj *o, const struct propdef *def,
    struct arena *a, struct pval *v)
{
	const struct inbound_connector	*c = (const void *)o;

	(void)def;
	spaces(c->sender_domains, c->nsender_domains, c->sender_domains_known,
	    a, v);
}

static void
sc_address_spaces(const struct obj *o, const struct propdef *def,
    struct arena *a, struct pval *v)
{
	const struct send_connector	*c = (const void *)o;

	(void)def;
	spaces(c->address_spaces, c->naddress_spaces, c->address_spaces_known,
	    a, v);
}

static void
ic_sender_ips(const struct obj *o, const struct propdef *def,
    struct arena *a, struct pval *v)
{
	const struct inbound_connector	*c = (const void *)o;

	(void)def;
	(void)a;
	v->known = c->sender_ips_text.known;
	v->r = c->sender_ips;
	v->n = c->nsender_ips;
}

static void
rc_remote_ranges(const struct obj *o, const struct propdef *def,
    struct arena *a, struct pval *v)
{
	const struct receive_connector	*c = (const void *)o;

	(void)a;
	v->known = exported(o, def);
	v->r = c->remote_ranges;
	v->n = c->nremote_ranges;
}

static void
sc_smart_hosts(const struct obj *o, const struct propdef *def,
    struct arena *a, struct pval *v)
{
	const struct send_connector	*c = (const void *)o;
	const char			**h;
	size_t				  i;

	v->known = exported(o, def);
	h = arena_alloc(a, (c->nsmart_hosts + 1) * sizeof(*h));
	for (i = 0; i < c->nsmart_hosts; i++)
		h[i] = c->smart_hosts[i].host;
	v->v = h;
	v->n = c->nsmart_hosts;
}

static void
x509_value(const struct obj *o, const struct propdef *def, int has,
    const struct x509id *id, struct pval *v)
{
	v->known = has || exported(o, def);
	if (has) {
		v->s = id->subject;
		v->s2 = id->issuer;
	}
}

static void
sc_tls_name(const struct obj *o, const struct propdef *def,
    struct arena *a, struct pval *v)
{
	const struct send_connector	*c = (const void *)o;

	(void)a;
	x509_value(o, def, c->has_tls_cert_name, &c->tls_cert_name, v);
}

static void
rc_tls_name(const struct obj *o, const struct propdef *def,
    struct arena *a, struct pval *v)
{
	const struct receive_connector	*c = (const void *)o;

	(void)a;
	x509_value(o, def, c->has_tls_cert_name, &c->tls_cert_name, v);
}

static void
hc_tls_name(const struct obj *o, const struct propdef *def,
    struct arena *a, struct pval *v)
{
	const struct hybrid_config	*c = (const void *)o;

	(void)a;
	x509_value(o, def, c->has_tls_cert_name, &c->tls_cert_name, v);
}

/* Rows: name, type, reader, record and field, enumeration. */
#define P(name, type, fn, rec, field, values) \
	{ name, type, fn, offsetof(struct rec, field), values }
#define STR(rec, field, name)	P(name, PT_STRING, get_str, rec, field, NULL)
#define DN(rec, field, name)	P(name, PT_DN, get_str, rec, field, NULL)
#define BOOL(rec, field, name)	P(name, PT_BOOL, get_bool, rec, field, NULL)
#define NUM(rec, field, name)	P(name, PT_NUMBER, get_num, rec, field, NULL)
#define DATE(rec, field, name)	P(name, PT_DATE, get_date, rec, field, NULL)
#define LIST(rec, field, name)	P(name, PT_LIST, get_list, rec, field, NULL)
#define ENUM(rec, field, name, t) P(name, PT_ENUM, get_enum, rec, field, t)
#define FLAGS(rec, field, name, t) P(name, PT_FLAGS, get_flags, rec, field, t)
#define FN(name, type, fn, t)	{ name, type, fn, 0, t }
/* What every kind has. */
#define COMMON(rec) \
	STR(rec, o.name, "Name"), STR(rec, o.identity, "Identity"), \
	BOOL(rec, o.enabled, "Enabled")
#define END	{ NULL, PT_STRING, NULL, 0, NULL }

static const struct propdef p_inbound[] = {
	COMMON(inbound_connector),
	FN("ConnectorType", PT_ENUM, ic_type, model_connector_types),
	STR(inbound_connector, source, "ConnectorSource"),
	FN("SenderDomains", PT_LIST, ic_sender_domains, NULL),
	FN("SenderIPAddresses", PT_IPRANGES, ic_sender_ips, NULL),
	STR(inbound_connector, tls_sender_cert_name,
	    "TlsSenderCertificateName"),
	BOOL(inbound_connector, require_tls, "RequireTls"),
	BOOL(inbound_connector, restrict_to_cert,
	    "RestrictDomainsToCertificate"),
	BOOL(inbound_connector, restrict_to_ips,
	    "RestrictDomainsToIPAddresses"),
	BOOL(inbound_connector, cloud_services_mail,
	    "CloudServicesMailEnabled"),
	BOOL(inbound_connector, treat_as_internal, "TreatMessagesAsInternal"),
	BOOL(inbound_connector, ef_skip_last_ip, "EFSkipLastIP"),
	BOOL(inbound_connector, ef_test_mode, "EFTestMode"),
	DATE(inbound_connector, when_changed, "WhenChanged"),
	LIST(inbound_connector, associated_domains,
	    "AssociatedAcceptedDomains"),
	LIST(inbound_connector, ef_skip_ips, "EFSkipIPs"),
	LIST(inbound_connector, ef_users, "EFUsers"),
	LIST(inbound_connector, trusted_orgs, "TrustedOrganizations"),
	END
};

static const struct propdef p_outbound[] = {
	COMMON(outbound_connector),
	FN("ConnectorType", PT_ENUM, oc_type, model_connector_types),
	STR(outbound_connector, source, "ConnectorSource"),
	LIST(outbound_connector, recipient_domains, "RecipientDomains"),
	LIST(outbound_connector, smart_hosts, "SmartHosts"),
	BOOL(outbound_connector, use_mx, "UseMXRecord"),
	ENUM(outbound_connector, tls_settings, "TlsSettings",
	    model_tls_auth_levels),
	STR(outbound_connector, tls_domain, "TlsDomain"),
	BOOL(outbound_connector, cloud_services_mail,
	    "CloudServicesMailEnabled"),
	BOOL(outbound_connector, route_all_via_onprem,
	    "RouteAllMessagesViaOnPremises"),
	BOOL(outbound_connector, all_accepted_domains, "AllAcceptedDomains"),
	BOOL(outbound_connector, transport_rule_scoped,
	    "IsTransportRuleScoped"),
	BOOL(outbound_connector, test_mode, "TestMode"),
	DATE(outbound_connector, last_validated, "LastValidationTimestamp"),
	DATE(outbound_connector, when_changed, "WhenChanged"),
	END
};

static const struct propdef p_onpremorg[] = {
	COMMON(onprem_org),
	LIST(onprem_org, hybrid_domains, "HybridDomains"),
	STR(onprem_org, inbound_connector, "InboundConnector"),
	STR(onprem_org, outbound_connector, "OutboundConnector"),
	STR(onprem_org, organization_name, "OrganizationName"),
	STR(onprem_org, organization_guid, "OrganizationGuid"),
	END
};

static const struct propdef p_send[] = {
	COMMON(send_connector),
	FN("AddressSpaces", PT_LIST, sc_address_spaces, NULL),
	BOOL(send_connector, dns_routing, "DNSRoutingEnabled"),
	FN("SmartHosts", PT_LIST, sc_smart_hosts, NULL),
	STR(send_connector, fqdn, "Fqdn"),
	FN("TlsCertificateName", PT_X509ID, sc_tls_name, NULL),
	ENUM(send_connector, tls_auth_level, "TlsAuthLevel",
	    model_tls_auth_levels),
	STR(send_connector, tls_domain, "TlsDomain"),
	BOOL(send_connector, require_tls, "RequireTLS"),
	BOOL(send_connector, ignore_starttls, "IgnoreSTARTTLS"),
	BOOL(send_connector, domain_secure, "DomainSecureEnabled"),
	BOOL(send_connector, cloud_services_mail, "CloudServicesMailEnabled"),
	STR(send_connector, connector_type, "ConnectorType"),
	BOOL(send_connector, is_coexistence, "IsCoexistenceConnector"),
	LIST(send_connector, source_servers, "SourceTransportServers"),
	NUM(send_connector, port, "Port"),
	STR(send_connector, smart_host_auth, "SmartHostAuthMechanism"),
	END
};

static const struct propdef p_receive[] = {
	COMMON(receive_connector),
	STR(receive_connector, server, "Server"),
	STR(receive_connector, transport_role, "TransportRole"),
	LIST(receive_connector, bindings, "Bindings"),
	FN("RemoteIPRanges", PT_IPRANGES, rc_remote_ranges, NULL),
	FLAGS(receive_connector, auth_mechanism, "AuthMechanism",
	    model_auth_mechanisms),
	FLAGS(receive_connector, permission_groups, "PermissionGroups",
	    model_permission_groups),
	STR(receive_connector, fqdn, "Fqdn"),
	FN("TlsCertificateName", PT_X509ID, rc_tls_name, NULL),
	LIST(receive_connector, tls_domain_capabilities,
	    "TlsDomainCapabilities"),
	BOOL(receive_connector, require_tls, "RequireTLS"),
	BOOL(receive_connector, domain_secure, "DomainSecureEnabled"),
	END
};

static const struct propdef p_cert[] = {
	COMMON(certificate),
	STR(certificate, thumbprint, "Thumbprint"),
	DN(certificate, subject, "Subject"),
	DN(certificate, issuer, "Issuer"),
	LIST(certificate, domains, "CertificateDomains"),
	FLAGS(certificate, services, "Services", model_services),
	ENUM(certificate, status, "Status", model_cert_status),
	ENUM(certificate, root_ca_type, "RootCAType", model_root_ca_types),
	DATE(certificate, not_before, "NotBefore"),
	DATE(certificate, not_after, "NotAfter"),
	BOOL(certificate, self_signed, "IsSelfSigned"),
	STR(certificate, friendly_name, "FriendlyName"),
	END
};

static const struct propdef p_hybrid[] = {
	COMMON(hybrid_config),
	LIST(hybrid_config, domains, "Domains"),
	STR(hybrid_config, onprem_smart_host, "OnPremisesSmartHost"),
	FN("TlsCertificateName", PT_X509ID, hc_tls_name, NULL),
	LIST(hybrid_config, sending_servers, "SendingTransportServers"),
	LIST(hybrid_config, receiving_servers, "ReceivingTransportServers"),
	LIST(hybrid_config, edge_servers, "EdgeTransportServers"),
	LIST(hybrid_config, features, "Features"),
	NUM(hybrid_config, service_instance, "ServiceInstance"),
	END
};

static const struct propdef p_edgesub[] = {
	COMMON(edge_subscription),
	STR(edge_subscription, site, "Site"),
	END
};

static const struct propdef p_server[] = {
	COMMON(exchange_server),
	STR(exchange_server, fqdn, "Fqdn"),
	FLAGS(exchange_server, roles, "ServerRole", model_server_roles),
	STR(exchange_server, version, "AdminDisplayVersion"),
	STR(exchange_server, site, "Site"),
	BOOL(exchange_server, is_edge, "IsEdgeServer"),
	END
};

static const struct propdef p_accepted[] = {
	COMMON(accepted_domain),
	STR(accepted_domain, domain, "DomainName"),
	ENUM(accepted_domain, type, "DomainType", model_domain_types),
	BOOL(accepted_domain, is_default, "Default"),
	BOOL(accepted_domain, match_subdomains, "MatchSubDomains"),
	BOOL(accepted_domain, is_coexistence, "IsCoexistenceDomain"),
	BOOL(accepted_domain, initial, "InitialDomain"),
	END
};

static const struct propdef p_remote[] = {
	COMMON(remote_domain),
	STR(remote_domain, domain, "DomainName"),
	BOOL(remote_domain, target_delivery, "TargetDeliveryDomain"),
	BOOL(remote_domain, trusted_mail_outbound,
	    "TrustedMailOutboundEnabled"),
	BOOL(remote_domain, trusted_mail_inbound, "TrustedMailInboundEnabled"),
	BOOL(remote_domain, is_internal, "IsInternal"),
	END
};

static const struct propdef p_journal[] = {
	COMMON(journal_rule),
	STR(journal_rule, recipient, "Recipient"),
	STR(journal_rule, journal_address, "JournalEmailAddress"),
	ENUM(journal_rule, scope, "Scope", model_journal_scopes),
	END
};

static const struct propdef p_transportcfg[] = {
	COMMON(transport_config),
	STR(transport_config, journaling_ndr_to, "JournalingReportNdrTo"),
	STR(transport_config, header_promotion, "HeaderPromotionModeSetting"),
	LIST(transport_config, internal_smtp_servers, "InternalSMTPServers"),
	LIST(transport_config, tls_receive_domain_secure,
	    "TLSReceiveDomainSecureList"),
	LIST(transport_config, tls_send_domain_secure,
	    "TLSSendDomainSecureList"),
	END
};

static const struct propdef p_orgcfg[] = {
	COMMON(org_config),
	BOOL(org_config, reject_direct_send, "RejectDirectSend"),
	END
};

/* The table of each kind, in kinds.def order. */
static const struct propdef *const tables[K__COUNT] = {
#define KIND(e, id, rec, name, cmdlet, side, types) p_##id,
#include "kinds.def"
#undef KIND
};

int
kind_parse(const char *name, enum kind *k)
{
	int	i;

	for (i = 0; i < K__COUNT; i++)
		if (strcasecmp(kind_name((enum kind)i), name) == 0) {
			*k = (enum kind)i;
			return 0;
		}
	return -1;
}

const struct propdef *
props_of(enum kind k, size_t *n)
{
	const struct propdef	*p;

	if ((unsigned)k >= K__COUNT) {
		*n = 0;
		return NULL;
	}
	for (p = tables[k]; p->name != NULL; p++)
		continue;
	*n = (size_t)(p - tables[k]);
	return tables[k];
}

const struct propdef *
prop_find(enum kind k, const char *name)
{
	const struct propdef	*p;

	if ((unsigned)k >= K__COUNT)
		return NULL;
	for (p = tables[k]; p->name != NULL; p++)
		if (strcasecmp(p->name, name) == 0)
			return p;
	return NULL;
}

void
prop_value(const struct propdef *def, const struct obj *o, struct arena *a,
    struct pval *v)
{
	memset(v, 0, sizeof(*v));
	v->type = def->type;
	def->get(o, def, a, v);
}

const char *
ptype_name(enum ptype t)
{
	static const char *const names[] = {
		"a string", "a boolean", "a number", "a date",
		"an enumeration", "a list", "a set of flags",
		"a list of IP ranges", "an X.500 name",
		"a certificate name (<I>issuer<S>subject)",
		"a list of certificates"
	};

	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] :
	    "?";
}
