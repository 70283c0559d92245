/*
 * propset.c: the table of the properties a change sets, and writing and
 * rendering them by that table (propset.h).
 *
 * Which parameters exist where, and the defaults of New-, follow the
 * cmdlet reference (Set-/New-InboundConnector, -OutboundConnector,
 * -SendConnector, -ReceiveConnector, -AcceptedDomain, -RemoteDomain,
 * -JournalRule, -HybridConfiguration, Set-TransportConfig,
 * Set-OrganizationConfig, Set-OnPremisesOrganization on
 * learn.microsoft.com/powershell/module/exchange).  A default the
 * reference does not state is left unknown.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "propset.h"
#include "xalloc.h"

static const struct enumdef sources[] = {
	{ "Default", 0 }, { "Migrated", 1 }, { "HybridWizard", 2 },
	{ "AdminUI", 3 }, { NULL, 0 }
};
static const struct enumdef sc_types[] = {
	{ "Default", 0 }, { "XPremises", 1 }, { NULL, 0 }
};
static const struct enumdef sh_auth[] = {
	{ "None", 0 }, { "BasicAuth", 1 }, { "BasicAuthRequireTLS", 2 },
	{ "ExchangeServer", 3 }, { "ExternalAuthoritative", 4 }, { NULL, 0 }
};
static const struct enumdef transport_roles[] = {
	{ "FrontendTransport", 0 }, { "HubTransport", 1 }, { NULL, 0 }
};
static const struct enumdef header_promotion[] = {
	{ "NoCreate", 0 }, { "MayCreate", 1 }, { "MustCreate", 2 },
	{ NULL, 0 }
};
static const struct enumdef hybrid_features[] = {
	{ "FreeBusy", 0 }, { "MoveMailbox", 1 }, { "Mailtips", 2 },
	{ "MessageTracking", 3 }, { "OwaRedirection", 4 },
	{ "OnlineArchive", 5 }, { "SecureMail", 6 }, { "Photos", 7 },
	{ "Centralized", 8 }, { NULL, 0 }
};

#define OFF(rec, f)	offsetof(struct rec, f)
#define ROW(k, name, param, type, rec, f, n, known, text, en, fl, def)	\
	{ K_##k, name, param, type, OFF(rec, f), n, known, text, en, fl, def }
/* Scalars of a record. */
#define SCALAR(k, rec, name, type, f, en, fl, def)			\
	ROW(k, name, NULL, type, rec, f, 0, 0, 0, en, fl, def)
#define BOOL(k, rec, name, f, fl, def)					\
	SCALAR(k, rec, name, PS_BOOL, f, NULL, fl, def)
#define STR(k, rec, name, f, fl)					\
	SCALAR(k, rec, name, PS_STR, f, NULL, fl, 0)
#define NAME(k, rec, name, f, fl)					\
	SCALAR(k, rec, name, PS_NAME, f, NULL, fl, 0)
#define LIST(k, rec, name, f, fl)					\
	SCALAR(k, rec, name, PS_LIST, f, NULL, fl, 0)
#define SN	(P_SET | P_NEW)

static const struct psetdef table[] = {
	/* Get-InboundConnector */
	SCALAR(INBOUND, inbound_connector, "ConnectorType", PS_CTYPE, type,
	    model_connector_types, SN, CT_PARTNER),
	SCALAR(INBOUND, inbound_connector, "ConnectorSource", PS_STR, source,
	    sources, SN | P_ENUMTEXT, 0),
	ROW(INBOUND, "SenderDomains", NULL, PS_ADDRSPACES, inbound_connector,
	    sender_domains, OFF(inbound_connector, nsender_domains),
	    OFF(inbound_connector, sender_domains_known), 0, NULL,
	    SN | P_REQUIRED, 0),
	ROW(INBOUND, "SenderIPAddresses", NULL, PS_IPRANGES,
	    inbound_connector, sender_ips, OFF(inbound_connector, nsender_ips),
	    0, OFF(inbound_connector, sender_ips_text), NULL, SN | P_IPV4_24,
	    0),
	NAME(INBOUND, inbound_connector, "TlsSenderCertificateName",
	    tls_sender_cert_name, SN | P_WILD),
	BOOL(INBOUND, inbound_connector, "RequireTls", require_tls, SN, 1),
	BOOL(INBOUND, inbound_connector, "RestrictDomainsToCertificate",
	    restrict_to_cert, SN, 0),
	BOOL(INBOUND, inbound_connector, "RestrictDomainsToIPAddresses",
	    restrict_to_ips, SN, 0),
	BOOL(INBOUND, inbound_connector, "CloudServicesMailEnabled",
	    cloud_services_mail, SN, 0),
	BOOL(INBOUND, inbound_connector, "TreatMessagesAsInternal",
	    treat_as_internal, SN, 0),
	BOOL(INBOUND, inbound_connector, "EFSkipLastIP", ef_skip_last_ip, SN,
	    0),
	BOOL(INBOUND, inbound_connector, "EFTestMode", ef_test_mode, SN, 0),
	LIST(INBOUND, inbound_connector, "AssociatedAcceptedDomains",
	    associated_domains, SN | P_DOMAINS),
	LIST(INBOUND, inbound_connector, "EFSkipIPs", ef_skip_ips,
	    SN | P_IPS),
	LIST(INBOUND, inbound_connector, "EFUsers", ef_users, SN | P_ADDRESS),
	LIST(INBOUND, inbound_connector, "TrustedOrganizations",
	    trusted_orgs, SN | P_DOMAINS),
	BOOL(INBOUND, inbound_connector, "Enabled", o.enabled, SN, 1),

	/* Get-OutboundConnector */
	SCALAR(OUTBOUND, outbound_connector, "ConnectorType", PS_CTYPE, type,
	    model_connector_types, SN, CT_PARTNER),
	SCALAR(OUTBOUND, outbound_connector, "ConnectorSource", PS_STR,
	    source, sources, SN | P_ENUMTEXT, 0),
	LIST(OUTBOUND, outbound_connector, "RecipientDomains",
	    recipient_domains, SN | P_DOMAINS | P_WILD),
	LIST(OUTBOUND, outbound_connector, "SmartHosts", smart_hosts,
	    SN | P_HOSTS),
	BOOL(OUTBOUND, outbound_connector, "UseMXRecord", use_mx, SN, 1),
	SCALAR(OUTBOUND, outbound_connector, "TlsSettings", PS_ENUM,
	    tls_settings, model_tls_auth_levels, SN, -1),
	NAME(OUTBOUND, outbound_connector, "TlsDomain", tls_domain,
	    SN | P_WILD),
	BOOL(OUTBOUND, outbound_connector, "CloudServicesMailEnabled",
	    cloud_services_mail, SN, 0),
	BOOL(OUTBOUND, outbound_connector, "RouteAllMessagesViaOnPremises",
	    route_all_via_onprem, SN, 0),
	BOOL(OUTBOUND, outbound_connector, "AllAcceptedDomains",
	    all_accepted_domains, SN, 0),
	BOOL(OUTBOUND, outbound_connector, "IsTransportRuleScoped",
	    transport_rule_scoped, SN, 0),
	BOOL(OUTBOUND, outbound_connector, "TestMode", test_mode, SN, 0),
	BOOL(OUTBOUND, outbound_connector, "Enabled", o.enabled, SN, 1),

	/* Get-OnPremisesOrganization */
	LIST(ONPREMORG, onprem_org, "HybridDomains", hybrid_domains,
	    P_SET | P_DOMAINS),
	STR(ONPREMORG, onprem_org, "InboundConnector", inbound_connector,
	    P_SET),
	STR(ONPREMORG, onprem_org, "OutboundConnector", outbound_connector,
	    P_SET),
	STR(ONPREMORG, onprem_org, "OrganizationName", organization_name,
	    P_SET),

	/* Get-SendConnector */
	ROW(SEND, "AddressSpaces", NULL, PS_ADDRSPACES, send_connector,
	    address_spaces, OFF(send_connector, naddress_spaces),
	    OFF(send_connector, address_spaces_known), 0, NULL,
	    SN | P_REQUIRED, 0),
	BOOL(SEND, send_connector, "DNSRoutingEnabled", dns_routing, SN, 1),
	ROW(SEND, "SmartHosts", NULL, PS_SMARTHOSTS, send_connector,
	    smart_hosts, OFF(send_connector, nsmart_hosts), 0, 0, NULL, SN, 0),
	NAME(SEND, send_connector, "Fqdn", fqdn, SN),
	ROW(SEND, "TlsCertificateName", NULL, PS_X509ID, send_connector,
	    tls_cert_name, 0, OFF(send_connector, has_tls_cert_name), 0, NULL,
	    SN, 0),
	SCALAR(SEND, send_connector, "TlsAuthLevel", PS_ENUM, tls_auth_level,
	    model_tls_auth_levels, SN, -1),
	NAME(SEND, send_connector, "TlsDomain", tls_domain, SN | P_WILD),
	BOOL(SEND, send_connector, "RequireTLS", require_tls, SN, 0),
	BOOL(SEND, send_connector, "IgnoreSTARTTLS", ignore_starttls, SN, 0),
	BOOL(SEND, send_connector, "DomainSecureEnabled", domain_secure, SN,
	    0),
	BOOL(SEND, send_connector, "CloudServicesMailEnabled",
	    cloud_services_mail, SN, 0),
	SCALAR(SEND, send_connector, "ConnectorType", PS_STR, connector_type,
	    sc_types, P_SET | P_ENUMTEXT, 0),
	BOOL(SEND, send_connector, "IsCoexistenceConnector", is_coexistence,
	    P_SET, 0),
	LIST(SEND, send_connector, "SourceTransportServers", source_servers,
	    SN | P_SERVERS),
	SCALAR(SEND, send_connector, "Port", PS_INT, port, NULL,
	    SN | P_PORT, 25),
	SCALAR(SEND, send_connector, "SmartHostAuthMechanism", PS_STR,
	    smart_host_auth, sh_auth, SN | P_ENUMTEXT, 0),
	BOOL(SEND, send_connector, "Enabled", o.enabled, SN, 1),

	/* Get-ReceiveConnector */
	NAME(RECEIVE, receive_connector, "Server", server, P_NEW),
	SCALAR(RECEIVE, receive_connector, "TransportRole", PS_STR,
	    transport_role, transport_roles, P_NEW | P_ENUMTEXT, 0),
	LIST(RECEIVE, receive_connector, "Bindings", bindings,
	    SN | P_BINDINGS | P_REQUIRED),
	ROW(RECEIVE, "RemoteIPRanges", NULL, PS_IPRANGES, receive_connector,
	    remote_ranges, OFF(receive_connector, nremote_ranges), 0, 0, NULL,
	    SN | P_IPS, 0),
	SCALAR(RECEIVE, receive_connector, "AuthMechanism", PS_FLAGS,
	    auth_mechanism, model_auth_mechanisms, SN, -1),
	SCALAR(RECEIVE, receive_connector, "PermissionGroups", PS_FLAGS,
	    permission_groups, model_permission_groups, SN, -1),
	NAME(RECEIVE, receive_connector, "Fqdn", fqdn, SN),
	ROW(RECEIVE, "TlsCertificateName", NULL, PS_X509ID, receive_connector,
	    tls_cert_name, 0, OFF(receive_connector, has_tls_cert_name), 0,
	    NULL, SN, 0),
	LIST(RECEIVE, receive_connector, "TlsDomainCapabilities",
	    tls_domain_capabilities, SN | P_TLSCAPS),
	BOOL(RECEIVE, receive_connector, "RequireTLS", require_tls, SN, 0),
	BOOL(RECEIVE, receive_connector, "DomainSecureEnabled", domain_secure,
	    SN, 0),
	BOOL(RECEIVE, receive_connector, "Enabled", o.enabled, SN, 1),

	/* Get-ExchangeCertificate: Enable-ExchangeCertificate adds services. */
	SCALAR(CERT, certificate, "Services", PS_FLAGS, services,
	    model_services, 0, 0),

	/* Get-HybridConfiguration */
	LIST(HYBRID, hybrid_config, "Domains", domains, SN | P_DOMAINS |
	    P_AUTOD),
	NAME(HYBRID, hybrid_config, "OnPremisesSmartHost", onprem_smart_host,
	    SN),
	ROW(HYBRID, "TlsCertificateName", NULL, PS_X509ID, hybrid_config,
	    tls_cert_name, 0, OFF(hybrid_config, has_tls_cert_name), 0, NULL,
	    SN, 0),
	LIST(HYBRID, hybrid_config, "SendingTransportServers",
	    sending_servers, SN | P_SERVERS),
	LIST(HYBRID, hybrid_config, "ReceivingTransportServers",
	    receiving_servers, SN | P_SERVERS),
	LIST(HYBRID, hybrid_config, "EdgeTransportServers", edge_servers,
	    SN | P_SERVERS),
	SCALAR(HYBRID, hybrid_config, "Features", PS_LIST, features,
	    hybrid_features, SN | P_ENUMLIST, 0),
	SCALAR(HYBRID, hybrid_config, "ServiceInstance", PS_INT,
	    service_instance, NULL, SN, 0),

	/* Get-AcceptedDomain */
	NAME(ACCEPTED, accepted_domain, "DomainName", domain,
	    P_NEW | P_WILD | P_REQUIRED),
	SCALAR(ACCEPTED, accepted_domain, "DomainType", PS_ENUM, type,
	    model_domain_types, SN, AD_AUTHORITATIVE),
	ROW(ACCEPTED, "Default", "MakeDefault", PS_BOOL, accepted_domain,
	    is_default, 0, 0, 0, NULL, P_SET | P_ONPREM, 0),
	BOOL(ACCEPTED, accepted_domain, "MatchSubDomains", match_subdomains,
	    SN, 0),

	/* Get-RemoteDomain */
	NAME(REMOTE, remote_domain, "DomainName", domain,
	    P_NEW | P_WILD | P_REQUIRED),
	BOOL(REMOTE, remote_domain, "TargetDeliveryDomain", target_delivery,
	    P_SET, 0),
	BOOL(REMOTE, remote_domain, "TrustedMailOutboundEnabled",
	    trusted_mail_outbound, P_SET | P_ONPREM, 0),
	BOOL(REMOTE, remote_domain, "TrustedMailInboundEnabled",
	    trusted_mail_inbound, P_SET | P_ONPREM, 0),
	BOOL(REMOTE, remote_domain, "IsInternal", is_internal, P_SET, 0),

	/* Get-JournalRule */
	STR(JOURNAL, journal_rule, "Recipient", recipient, SN | P_ADDRESS),
	STR(JOURNAL, journal_rule, "JournalEmailAddress", journal_address,
	    SN | P_ADDRESS | P_REQUIRED),
	SCALAR(JOURNAL, journal_rule, "Scope", PS_ENUM, scope,
	    model_journal_scopes, SN, JS_GLOBAL),
	BOOL(JOURNAL, journal_rule, "Enabled", o.enabled, P_NEW, TB_UNKNOWN),

	/* Get-TransportConfig */
	STR(TRANSPORTCFG, transport_config, "JournalingReportNdrTo",
	    journaling_ndr_to, P_SET | P_ADDRESS),
	SCALAR(TRANSPORTCFG, transport_config, "HeaderPromotionModeSetting",
	    PS_STR, header_promotion, header_promotion,
	    P_SET | P_ONPREM | P_ENUMTEXT, 0),
	LIST(TRANSPORTCFG, transport_config, "InternalSMTPServers",
	    internal_smtp_servers, P_SET | P_IPS),
	LIST(TRANSPORTCFG, transport_config, "TLSReceiveDomainSecureList",
	    tls_receive_domain_secure, P_SET | P_ONPREM | P_DOMAINS),
	LIST(TRANSPORTCFG, transport_config, "TLSSendDomainSecureList",
	    tls_send_domain_secure, P_SET | P_ONPREM | P_DOMAINS),

	/* Get-OrganizationConfig */
	BOOL(ORGCFG, org_config, "RejectDirectSend", reject_direct_send,
	    P_SET | P_EXO, 0),
};

#define NTABLE	(sizeof(table) / sizeof(table[0]))

const struct psetdef *
psets_of(enum kind k, size_t *n)
{
	size_t	i, j;

	for (i = 0; i < NTABLE && table[i].kind != k; i++)
		continue;
	for (j = i; j < NTABLE && table[j].kind == k; j++)
		continue;
	*n = j - i;
	return i < NTABLE ? &table[i] : table;
}

const char *
pset_param(const struct psetdef *pd)
{
	return pd->param != NULL ? pd->param : pd->name;
}

const struct psetdef *
pset_find(enum kind k, const char *name)
{
	const struct psetdef	*p;
	size_t			 n, i;

	p = psets_of(k, &n);
	for (i = 0; i < n; i++)
		if (strcasecmp(p[i].name, name) == 0 ||
		    strcasecmp(pset_param(&p[i]), name) == 0)
			return &p[i];
	return NULL;
}

/* ---- Reading ---------------------------------------------------------- */

#define FIELD(o, off, type)	((type *)(void *)((char *)(o) + (off)))
#define CFIELD(o, off, type)	\
	((const type *)(const void *)((const char *)(o) + (off)))

static const char *
range_text(struct arena *a, const struct iprange *r)
{
	switch (r->fmt) {
	case IPR_CIDR:
		return arena_printf(a, "%s/%d", ipaddr_format(a, &r->lo),
		    r->prefix);
	case IPR_LOHI:
		return arena_printf(a, "%s-%s", ipaddr_format(a, &r->lo),
		    ipaddr_format(a, &r->hi));
	default:
		return ipaddr_format(a, &r->lo);
	}
}

static const char *
space_text(struct arena *a, const struct addrspace *s)
{
	return arena_printf(a, "%s:%s;%d", s->type, s->domain, s->cost);
}

static const char *
x509_text(struct arena *a, const struct x509id *id)
{
	if (id->issuer == NULL)
		return id->subject;
	return arena_printf(a, "<I>%s<S>%s", id->issuer, id->subject);
}

/* Did the export lack the property, or truncate it? */
static int
unexported(const struct obj *o, const struct psetdef *pd)
{
	return obj_has_prop(o, pd->name) == 0 || (obj_has_prop(o, pd->name) ==
	    1 && !obj_exported(o, pd->name));
}

/* Items of an array property: its texts, or NULL when unknown. */
static const char **
array_items(struct arena *a, const struct obj *o, const struct psetdef *pd,
    size_t *n)
{
	const char	**v;
	const void	 *arr = *CFIELD(o, pd->off, void *);
	size_t		  i, k = *CFIELD(o, pd->off_n, size_t);

	if ((pd->off_known != 0 && !*CFIELD(o, pd->off_known, int)) ||
	    (k == 0 && unexported(o, pd)))
		return NULL;
	v = arena_alloc(a, (k + 1) * sizeof(*v));
	for (i = 0; i < k; i++) {
		if (pd->type == PS_ADDRSPACES)
			v[i] = space_text(a, (const struct addrspace *)arr + i);
		else if (pd->type == PS_IPRANGES)
			v[i] = range_text(a, (const struct iprange *)arr + i);
		else
			v[i] = ((const struct smarthost *)arr + i)->host;
	}
	*n = k;
	return v;
}

/* A scalar's text; NULL unknown, "" none. */
static const char *
scalar_text(struct arena *a, const struct obj *o, const struct psetdef *pd)
{
	int64_t		 v;
	const char	*s;

	switch (pd->type) {
	case PS_STR:
	case PS_NAME:
		s = *CFIELD(o, pd->off, const char *);
		return s != NULL ? s : unexported(o, pd) ? NULL : "";
	case PS_BOOL:
		v = *CFIELD(o, pd->off, tbool);
		return v == TB_UNKNOWN ? NULL : v ? "True" : "False";
	case PS_CTYPE:
		v = *CFIELD(o, pd->off, enum connector_type);
		return v == CT_UNKNOWN ? (unexported(o, pd) ? NULL : "") :
		    enum_name(pd->enums, v);
	case PS_X509ID:
		if (*CFIELD(o, pd->off_known, int))
			return x509_text(a, CFIELD(o, pd->off, struct x509id));
		return unexported(o, pd) ? NULL : "";
	default:
		break;
	}
	if ((v = *CFIELD(o, pd->off, int64_t)) < 0)
		return pd->type == PS_ENUM && !unexported(o, pd) ? "" : NULL;
	if (pd->type == PS_FLAGS)
		return enum_flags_text(a, pd->enums, v);
	if (pd->type == PS_ENUM && (s = enum_name(pd->enums, v)) != NULL)
		return s;
	return arena_printf(a, "%lld", (long long)v);
}

const char **
pset_items(struct arena *a, const struct obj *o, const struct psetdef *pd,
    size_t *n)
{
	const struct strlist	*sl;
	const char		**v, *s;

	*n = 0;
	switch (pd->type) {
	case PS_LIST:
		sl = CFIELD(o, pd->off, struct strlist);
		if (!sl->known)
			return NULL;
		v = arena_alloc(a, (sl->n + 1) * sizeof(*v));
		if (sl->n > 0)
			memcpy(v, sl->v, sl->n * sizeof(*v));
		*n = sl->n;
		return v;
	case PS_ADDRSPACES:
	case PS_IPRANGES:
	case PS_SMARTHOSTS:
		return array_items(a, o, pd, n);
	default:
		if ((s = scalar_text(a, o, pd)) == NULL)
			return NULL;
		v = arena_alloc(a, 2 * sizeof(*v));
		if (*s != '\0')
			v[(*n)++] = s;
		return v;
	}
}

const char *
pset_text(struct arena *a, const struct obj *o, const struct psetdef *pd)
{
	const char	**v;
	size_t		  n;

	if (pd->type != PS_LIST && pd->type != PS_ADDRSPACES &&
	    pd->type != PS_IPRANGES && pd->type != PS_SMARTHOSTS)
		return scalar_text(a, o, pd);
	if ((v = pset_items(a, o, pd, &n)) == NULL)
		return NULL;
	return arena_join(a, v, n);
}

/* ---- Checking values -------------------------------------------------- */

static int
fail(char *err, size_t len, const char *fmt, const char *s)
{
	snprintf(err, len, fmt, s);
	return -1;
}

/* local@domain, the domain a valid name (no wildcard). */
static int
valid_address(const char *s)
{
	const char	*at = strrchr(s, '@');
	size_t		 i;

	if (at == NULL || at == s || !dn_valid(at + 1, 0) ||
	    strchr(at + 1, '.') == NULL)
		return 0;
	for (i = 0; s + i < at; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>' ||
		    s[i] == '(' || s[i] == ')' || s[i] == ',' || s[i] == ';' ||
		    s[i] == ':' || s[i] == '\\' || s[i] == '"' || s[i] == '[' ||
		    s[i] == ']')
			return 0;
	return 1;
}

/* "0.0.0.0:25", "[::]:25", "10.0.0.1:587". */
static int
valid_binding(const char *s)
{
	const char	*colon = strrchr(s, ':');
	char		*ip;
	struct ipaddr	 a;
	char		*end;
	long		 port;
	int		 ok;

	if (colon == NULL || colon == s)
		return 0;
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || end == colon + 1 || port < 0 || port > 65535)
		return 0;
	ip = xstrndup(s, (size_t)(colon - s));
	ok = parse_ipaddr(ip, &a) == 0;
	free(ip);
	return ok;
}

/* "mail.protection.outlook.com:AcceptCloudServicesMail[,Cap]". */
static int
valid_tlscap(const char *s)
{
	const char	*colon = strchr(s, ':'), *p;
	char		*dom;
	int		 ok;

	if (colon == NULL || colon == s || colon[1] == '\0')
		return 0;
	dom = xstrndup(s, (size_t)(colon - s));
	ok = strcasecmp(dom, "NO-TLS") == 0 || dn_valid(dom, 1);
	free(dom);
	for (p = colon + 1; ok && *p != '\0'; p++)
		ok = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || (*p == ',' && p[1] != '\0' &&
		    p[1] != ',' && p[-1] != ':') || *p == ' ';
	return ok;
}

/* One item of a PS_LIST. */
static int
list_item(struct arena *a, const struct psetdef *pd, const char *s,
    const char **out, char *err, size_t len)
{
	struct smarthost	 sh;
	struct iprange		 r;
	const struct enumdef	*e;
	const char		*d = s;

	if (pd->flags & P_ENUMLIST) {
		for (e = pd->enums; e->name != NULL; e++)
			if (strcasecmp(e->name, s) == 0) {
				*out = e->name;
				return 0;
			}
		return fail(err, len, "'%s' is not one of the values the "
		    "parameter takes", s);
	}
	if (pd->flags & (P_DOMAINS | P_SERVERS)) {
		if ((pd->flags & P_AUTOD) && strncasecmp(s, "autod:", 6) == 0)
			d = s + 6;
		if (!dn_valid(d, (pd->flags & P_WILD) != 0))
			return fail(err, len, "'%s' is not a valid name", s);
		if (pd->flags & P_SERVERS)
			*out = arena_strdup(a, s);
		else if (d != s)
			*out = arena_printf(a, "autod:%s", dn_normalize(a, d));
		else
			*out = dn_normalize(a, s);
		return 0;
	}
	if ((pd->flags & P_IPS) && parse_iprange(s, &r) == -1)
		return fail(err, len, "'%s' is not an IP address, range or "
		    "CIDR block", s);
	if ((pd->flags & P_ADDRESS) && !valid_address(s))
		return fail(err, len, "'%s' is not an SMTP address", s);
	if ((pd->flags & P_HOSTS) && parse_smarthost(a, s, &sh) == -1)
		return fail(err, len, "'%s' is not a host name or IP address",
		    s);
	if ((pd->flags & P_BINDINGS) && !valid_binding(s))
		return fail(err, len, "'%s' is not an IP address and port "
		    "(0.0.0.0:25)", s);
	if ((pd->flags & P_TLSCAPS) && !valid_tlscap(s))
		return fail(err, len, "'%s' is not of the form "
		    "domain:Capability", s);
	*out = (pd->flags & P_HOSTS) ? sh.host : arena_strdup(a, s);
	return 0;
}

/* An IPv4 address, or a CIDR block /24 to /32 (SenderIPAddresses). */
static int
ipv4_24(const struct iprange *r)
{
	return r->lo.family == 4 && (r->fmt == IPR_SINGLE ||
	    (r->fmt == IPR_CIDR && r->prefix >= 24));
}

static int
canon_enum(struct arena *a, const struct psetdef *pd, const char *s,
    const char **out, char *err, size_t len)
{
	int64_t		 v;
	const char	*n;

	if (parse_enum(s, pd->enums, pd->type == PS_FLAGS, &v) == -1)
		return fail(err, len, "'%s' is not one of the values the "
		    "parameter takes", s);
	if (pd->type == PS_FLAGS)
		*out = enum_flags_text(a, pd->enums, v);
	else
		*out = (n = enum_name(pd->enums, v)) != NULL ? n :
		    arena_printf(a, "%lld", (long long)v);
	return 0;
}

int
pset_canon(struct arena *a, const struct psetdef *pd, const char *s,
    const char **out, char *err, size_t len)
{
	struct addrspace	 as;
	struct iprange		 r;
	struct smarthost	 sh;
	struct x509id		 id;
	char			*end;
	long long		 v;

	switch (pd->type) {
	case PS_STR:
		if (pd->flags & P_ENUMTEXT)
			return canon_enum(a, pd, s, out, err, len);
		if ((pd->flags & P_ADDRESS) && !valid_address(s))
			return fail(err, len, "'%s' is not an SMTP address", s);
		*out = arena_strdup(a, s);
		return 0;
	case PS_NAME:
		if (!dn_valid(s, (pd->flags & P_WILD) != 0))
			return fail(err, len, "'%s' is not a valid domain "
			    "name", s);
		*out = dn_normalize(a, s);
		return 0;
	case PS_ENUM:
	case PS_FLAGS:
	case PS_CTYPE:
		return canon_enum(a, pd, s, out, err, len);
	case PS_INT:
		v = strtoll(s, &end, 10);
		if (*s < '0' || *s > '9' || *end != '\0' || v < 0 ||
		    ((pd->flags & P_PORT) && v > 65535) || v > 2147483647)
			return fail(err, len, "'%s' is not a whole number in "
			    "range", s);
		*out = arena_printf(a, "%lld", v);
		return 0;
	case PS_LIST:
		return list_item(a, pd, s, out, err, len);
	case PS_ADDRSPACES:
		if (parse_addrspace(a, s, &as) == -1)
			return fail(err, len, "'%s' is not an address space "
			    "(domain, *.domain or smtp:domain;cost)", s);
		*out = space_text(a, &as);
		return 0;
	case PS_IPRANGES:
		if (parse_iprange(s, &r) == -1)
			return fail(err, len, "'%s' is not an IP address, "
			    "range or CIDR block", s);
		if ((pd->flags & P_IPV4_24) && !ipv4_24(&r))
			return fail(err, len, "'%s' is not accepted: Exchange "
			    "Online takes an IPv4 address or a CIDR block /24 "
			    "to /32 here", s);
		*out = range_text(a, &r);
		return 0;
	case PS_SMARTHOSTS:
		if (parse_smarthost(a, s, &sh) == -1)
			return fail(err, len, "'%s' is not a host name or IP "
			    "address", s);
		*out = sh.host;
		return 0;
	case PS_X509ID:
		if (parse_x509id(a, s, &id) == -1 || id.subject == NULL ||
		    *id.subject == '\0')
			return fail(err, len, "'%s' is not of the form "
			    "<I>issuer<S>subject", s);
		*out = x509_text(a, &id);
		return 0;
	default:
		return fail(err, len, "'%s': this property cannot be set", s);
	}
}

/* ---- Writing ---------------------------------------------------------- */

void
pset_mark_known(struct arena *a, struct obj *o, const char *name)
{
	struct objprop	 *p;
	const char	**t;
	size_t		  i, k;

	p = arena_alloc(a, (o->nprops + 2) * sizeof(*p));
	if (o->nprops > 0)
		memcpy(p, o->props, o->nprops * sizeof(*p));
	for (i = 0; i < o->nprops; i++)
		if (strcasecmp(objprop_name(p[i].name), name) == 0)
			break;
	if (i == o->nprops) {
		p[i].name = objprop_id(name);
		objprop_set_line(o, &p[i], o->loc.line);
		o->nprops++;
	}
	p[i].present = 1;
	o->props = p;
	t = arena_alloc(a, (o->ntruncated + 1) * sizeof(*t));
	for (i = k = 0; i < o->ntruncated; i++)
		if (strcasecmp(o->truncated[i], name) != 0)
			t[k++] = o->truncated[i];
	o->truncated = t;
	o->ntruncated = k;
}

static void
set_array(struct arena *a, struct obj *o, const struct psetdef *pd,
    const char *const *items, size_t n)
{
	struct addrspace	*as;
	struct iprange		*r;
	struct smarthost	*sh;
	struct strlist		*text;
	size_t			 i;

	if (pd->type == PS_ADDRSPACES) {
		as = arena_alloc(a, (n + 1) * sizeof(*as));
		for (i = 0; i < n; i++)
			(void)parse_addrspace(a, items[i], &as[i]);
		*FIELD(o, pd->off, struct addrspace *) = as;
	} else if (pd->type == PS_IPRANGES) {
		r = arena_alloc(a, (n + 1) * sizeof(*r));
		for (i = 0; i < n; i++)
			(void)parse_iprange(items[i], &r[i]);
		*FIELD(o, pd->off, struct iprange *) = r;
		if (pd->off_text != 0) {
			text = FIELD(o, pd->off_text, struct strlist);
			text->v = arena_alloc(a, (n + 1) * sizeof(*text->v));
			for (i = 0; i < n; i++)
				text->v[i] = arena_strdup(a, items[i]);
			text->n = n;
			text->known = 1;
		}
	} else {
		sh = arena_alloc(a, (n + 1) * sizeof(*sh));
		for (i = 0; i < n; i++)
			(void)parse_smarthost(a, items[i], &sh[i]);
		*FIELD(o, pd->off, struct smarthost *) = sh;
	}
	*FIELD(o, pd->off_n, size_t) = n;
	if (pd->off_known != 0)
		*FIELD(o, pd->off_known, int) = 1;
}

/* A scalar from its canonical text (NULL: none). */
static void
set_scalar(struct arena *a, struct obj *o, const struct psetdef *pd,
    const char *s)
{
	int64_t		v = -1;

	switch (pd->type) {
	case PS_STR:
	case PS_NAME:
		*FIELD(o, pd->off, const char *) = arena_strdup(a, s);
		break;
	case PS_X509ID:
		memset(FIELD(o, pd->off, struct x509id), 0,
		    sizeof(struct x509id));
		*FIELD(o, pd->off_known, int) = s != NULL &&
		    parse_x509id(a, s, FIELD(o, pd->off, struct x509id)) == 0;
		break;
	case PS_CTYPE:
		if (s == NULL || parse_enum(s, pd->enums, 0, &v) == -1)
			v = CT_UNKNOWN;
		*FIELD(o, pd->off, enum connector_type) =
		    (enum connector_type)v;
		break;
	case PS_INT:
		if (s != NULL)
			v = strtoll(s, NULL, 10);
		*FIELD(o, pd->off, int64_t) = v;
		break;
	case PS_ENUM:
	case PS_FLAGS:
		if (s != NULL && parse_enum(s, pd->enums, pd->type == PS_FLAGS,
		    &v) == -1)
			v = -1;
		*FIELD(o, pd->off, int64_t) = v;
		break;
	default:
		break;
	}
}

void
pset_set_items(struct arena *a, struct obj *o, const struct psetdef *pd,
    const char *const *items, size_t n)
{
	struct strlist	*sl;
	size_t		 i;

	switch (pd->type) {
	case PS_LIST:
		sl = FIELD(o, pd->off, struct strlist);
		sl->v = arena_alloc(a, (n + 1) * sizeof(*sl->v));
		for (i = 0; i < n; i++)
			sl->v[i] = arena_strdup(a, items[i]);
		sl->n = n;
		sl->known = 1;
		break;
	case PS_ADDRSPACES:
	case PS_IPRANGES:
	case PS_SMARTHOSTS:
		set_array(a, o, pd, items, n);
		break;
	case PS_BOOL:
		break;
	default:
		set_scalar(a, o, pd, n > 0 ? items[0] : NULL);
		break;
	}
	pset_mark_known(a, o, pd->name);
}

void
pset_set_bool(struct arena *a, struct obj *o, const struct psetdef *pd,
    int value)
{
	*FIELD(o, pd->off, tbool) = value < 0 ? TB_UNKNOWN : (tbool)value;
	pset_mark_known(a, o, pd->name);
}

void
pset_defaults(struct arena *a, struct obj *o, unsigned line)
{
	const struct psetdef	*pd;
	struct objprop		*p;
	const char		*d;
	size_t			 n, i;

	pd = psets_of(o->kind, &n);
	p = arena_alloc(a, (n + 1) * sizeof(*p));
	for (i = 0; i < n; i++) {
		p[i].name = objprop_id(pd[i].name);
		objprop_set_line(o, &p[i], line);
		p[i].present = 1;
		switch (pd[i].type) {
		case PS_BOOL:
			*FIELD(o, pd[i].off, tbool) = (tbool)pd[i].def;
			break;
		case PS_ENUM:
		case PS_FLAGS:
		case PS_INT:
			*FIELD(o, pd[i].off, int64_t) = pd[i].def;
			break;
		case PS_CTYPE:
			d = enum_name(pd[i].enums, pd[i].def);
			set_scalar(a, o, &pd[i], d);
			break;
		case PS_LIST:
			FIELD(o, pd[i].off, struct strlist)->known = 1;
			break;
		case PS_ADDRSPACES:
		case PS_IPRANGES:
		case PS_SMARTHOSTS:
			set_array(a, o, &pd[i], NULL, 0);
			break;
		default:
			break;
		}
	}
	o->props = p;
	o->nprops = n;
	o->truncated = NULL;
	o->ntruncated = 0;
}
