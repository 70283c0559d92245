/*
 * model.c: generic nodes into typed records.
 *
 * Each kind has one mapping function that reads the properties it needs
 * through the small readers below.  The readers accept every shape the
 * exports show (a CLIXML enum object or its bare name, a JSON number, a
 * string where a one-element list is expected, Windows PowerShell's
 * {value, DisplayHint, DateTime} dates) and turn what depth truncation
 * left behind into "unknown" plus a note in obj.truncated.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "strmap.h"
#include "utf8.h"
#include "xalloc.h"

const struct enumdef model_tls_auth_levels[] = {
	{ "EncryptionOnly", TLS_ENCRYPTION_ONLY },
	{ "CertificateValidation", TLS_CERTIFICATE_VALIDATION },
	{ "DomainValidation", TLS_DOMAIN_VALIDATION },
	{ NULL, 0 }
};
const struct enumdef model_connector_types[] = {
	{ "OnPremises", CT_ONPREMISES },
	{ "Partner", CT_PARTNER },
	{ NULL, 0 }
};
const struct enumdef model_auth_mechanisms[] = {
	{ "None", 0 }, { "Tls", AUTH_TLS }, { "Integrated", AUTH_INTEGRATED },
	{ "BasicAuth", AUTH_BASIC },
	{ "BasicAuthRequireTLS", AUTH_BASIC_REQUIRE_TLS },
	{ "ExchangeServer", AUTH_EXCHANGE_SERVER },
	{ "ExternalAuthoritative", AUTH_EXTERNAL_AUTHORITATIVE },
	{ NULL, 0 }
};
const struct enumdef model_permission_groups[] = {
	{ "None", 0 }, { "AnonymousUsers", PERM_ANONYMOUS },
	{ "ExchangeUsers", PERM_EXCHANGE_USERS },
	{ "ExchangeServers", PERM_EXCHANGE_SERVERS },
	{ "ExchangeLegacyServers", PERM_EXCHANGE_LEGACY_SERVERS },
	{ "Partners", PERM_PARTNERS }, { "Custom", 32 }, { NULL, 0 }
};
const struct enumdef model_services[] = {
	{ "None", 0 }, { "IMAP", SVC_IMAP }, { "POP", SVC_POP },
	{ "UM", SVC_UM }, { "IIS", SVC_IIS }, { "SMTP", SVC_SMTP },
	{ "Federation", SVC_FEDERATION }, { "UMCallRouter", SVC_UMCALLROUTER },
	{ NULL, 0 }
};
const struct enumdef model_cert_status[] = {
	{ "Unknown", 0 }, { "Valid", 1 }, { "Revoked", 2 },
	{ "DateInvalid", 3 }, { "Untrusted", 4 }, { "Invalid", 5 },
	{ "RevocationCheckFailure", 6 }, { "PendingRequest", 7 },
	{ NULL, 0 }
};
const struct enumdef model_root_ca_types[] = {
	{ "None", 0 }, { "Registry", 1 }, { "ThirdParty", 2 },
	{ "Enterprise", 3 }, { "GroupPolicy", 4 }, { "Unknown", 5 },
	{ NULL, 0 }
};
const struct enumdef model_server_roles[] = {
	{ "None", 0 }, { "Mailbox", ROLE_MAILBOX },
	{ "ClientAccess", 4 }, { "UnifiedMessaging", 16 },
	{ "HubTransport", ROLE_HUBTRANSPORT }, { "Edge", ROLE_EDGE },
	{ "Monitoring", 128 }, { "CentralAdmin", 256 },
	{ "CentralAdminDatabase", 512 }, { "DomainController", 1024 },
	{ "WindowsDeploymentServer", 2048 }, { "ProvisionedServer", 4096 },
	{ "LanguagePacks", 8192 }, { "FrontendTransport", ROLE_FRONTEND },
	{ "CafeArray", 32768 }, { "FfoWebService", 65536 },
	{ "OSP", 131072 }, { "ARR", 262144 }, { "ManagementFrontEnd", 524288 },
	{ "ManagementBackEnd", 1048576 }, { "SCOM", 2097152 },
	{ "CentralAdminFrontEnd", 4194304 }, { "NAT", 8388608 },
	{ "DHCP", 16777216 }, { "All", 33554431 }, { NULL, 0 }
};
const struct enumdef model_domain_types[] = {
	{ "Authoritative", AD_AUTHORITATIVE },
	{ "ExternalRelay", AD_EXTERNAL_RELAY },
	{ "InternalRelay", AD_INTERNAL_RELAY },
	{ NULL, 0 }
};
const struct enumdef model_journal_scopes[] = {
	{ "Internal", JS_INTERNAL }, { "External", JS_EXTERNAL },
	{ "Global", JS_GLOBAL }, { NULL, 0 }
};

/* What a mapping function works with. */
struct rd {
	struct model		*m;
	struct arena		*a;
	const struct node	*n;
	struct obj		*o;
	struct diags		*diags;
	struct vec		 trunc;
	struct objprop		*props;		/* properties read */
	size_t			 nprops;
	size_t			 capprops;
	const char		*server_hint;	/* certificates: the manifest's */
	int			 cut;		/* the file was depth-truncated */
};

static const struct {
	const char	*name;
	const char	*cmdlet;
	enum side	 side;
	size_t		 size;
} kinds[K__COUNT] = {
#define KIND(e, id, rec, name, cmdlet, side, types) \
	{ name, cmdlet, side, sizeof(struct rec) },
#include "kinds.def"
#undef KIND
};

const char *
kind_name(enum kind k)
{
	return (unsigned)k < K__COUNT ? kinds[k].name : "?";
}

const char *
kind_cmdlet(enum kind k)
{
	return (unsigned)k < K__COUNT ? kinds[k].cmdlet : "?";
}

const char *
side_name(enum side s)
{
	switch (s) {
	case SIDE_ONPREM:
		return "on-premises";
	case SIDE_EXO:
		return "exchange-online";
	default:
		return "unknown";
	}
}

/* Readers. */

/*
 * A copy of an exported string for a record (see utf8_text), shared with
 * an equal string kept shortly before.  Exports repeat many values (a
 * transport role, a binding, an issuer, the range 0.0.0.0-255.255.255.255
 * of every receive connector), and a cache of the last string kept under
 * each of KEPT_SLOTS hash values keeps each of those once, in bounded
 * memory.  Records never change their strings, so they may share them.
 */
#define KEPT_SLOTS	4096	/* a power of two */

static const char *
keep(struct rd *r, const char *s)
{
	const char	**slot;

	if (s == NULL)
		return NULL;
	if (r->m->kept == NULL)
		r->m->kept = xcalloc(KEPT_SLOTS, sizeof(*r->m->kept));
	slot = &r->m->kept[ci_hash64(s) & (KEPT_SLOTS - 1)];
	if (*slot == NULL || strcmp(*slot, s) != 0)
		*slot = utf8_text(r->a, s);
	return *slot;
}

/*
 * Look a property up and remember that the mapping read it, where it was
 * (or that it was absent): the record keeps that after the document is
 * freed, for locations and for "was it exported?" (obj_has_prop).
 */
/*
 * Properties renamed since older exports were written: the name the
 * model reads, then the name older modules exported (Enhanced Filtering
 * was "DetectSenderIP..." before the EF* parameters).
 */
static const char *const renamed[][2] = {
	{ "EFSkipLastIP", "DetectSenderIPBySkippingLastIP" },
	{ "EFSkipIPs", "DetectSenderIPBySkippingTheseIPs" },
	{ "EFUsers", "DetectSenderIPRecipientList" },
	{ "EFSkipMailGateway", "DetectSenderIPBySkippingTheseProviders" },
};

/* The property, under its older name if the export has only that. */
static const struct node *
prop_or_old(const struct node *n, const char *name)
{
	const struct node	*v;
	size_t			 i;

	if ((v = node_prop(n, name)) != NULL)
		return v;
	for (i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		if (strcmp(renamed[i][0], name) == 0)
			return node_prop(n, renamed[i][1]);
	return NULL;
}

/*
 * Property names and their numbers.  The names are the program's own
 * strings, so a name is known by its address first; a name met at a new
 * address is looked up by its text.  Records are made on two threads at
 * once by `diff`, so numbering takes a mutex; a number, once given, names
 * the same entry for good, which objprop_name reads without one.
 */
#define PROPNAMES_MAX	1024	/* names; the mappings read about 200 */
#define PROPNAME_SLOTS	2048	/* addresses, a power of two */

static pthread_mutex_t	 propnames_mu = PTHREAD_MUTEX_INITIALIZER;
static const char	*propnames[PROPNAMES_MAX];
static size_t		 npropnames;
static size_t		 npropaddrs;
static struct {
	const char	*addr;
	uint16_t	 id;
} propaddrs[PROPNAME_SLOTS];

uint16_t
objprop_id(const char *name)
{
	size_t		h, i;
	uint16_t	id;

	h = ((uintptr_t)name >> 3) * 2654435761u;
	pthread_mutex_lock(&propnames_mu);
	for (i = h & (PROPNAME_SLOTS - 1); propaddrs[i].addr != NULL;
	    i = (i + 1) & (PROPNAME_SLOTS - 1))
		if (propaddrs[i].addr == name) {
			id = propaddrs[i].id;
			pthread_mutex_unlock(&propnames_mu);
			return id;
		}
	for (id = 0; id < npropnames; id++)
		if (strcmp(propnames[id], name) == 0)
			break;
	if (id == npropnames) {
		if (npropnames == PROPNAMES_MAX) {
			fprintf(stderr, "hybridlint: more than %d property "
			    "names\n", PROPNAMES_MAX);
			abort();
		}
		propnames[npropnames++] = name;
	}
	if (npropaddrs < PROPNAME_SLOTS / 2) {
		propaddrs[i].addr = name;
		propaddrs[i].id = id;
		npropaddrs++;
	}
	pthread_mutex_unlock(&propnames_mu);
	return id;
}

/*
 * dline is the line's distance from the object's first, plus one (0: no
 * line), or, for a line above the object's, the line itself with
 * DLINE_ABS set (no loader makes one today; exact all the same).
 */
#define DLINE_ABS	0x80000000u

unsigned
objprop_line(const struct obj *o, const struct objprop *p)
{
	if (p->dline & DLINE_ABS)
		return p->dline & ~DLINE_ABS;
	return p->dline != 0 ? o->loc.line + p->dline - 1 : 0;
}

void
objprop_set_line(const struct obj *o, struct objprop *p, unsigned line)
{
	if (line == 0)
		p->dline = 0;
	else if (line >= o->loc.line)
		p->dline = line - o->loc.line + 1;
	else
		p->dline = DLINE_ABS | line;
}

const char *
objprop_name(uint16_t id)
{
	/* An id comes from a record, made after its entry was written. */
	return id < PROPNAMES_MAX && propnames[id] != NULL ?
	    propnames[id] : "?";
}

static const struct node *
getprop(struct rd *r, const char *name)
{
	const struct node	*v = prop_or_old(r->n, name);
	uint16_t		 id = objprop_id(name);
	size_t			 i;

	for (i = 0; i < r->nprops; i++)
		if (r->props[i].name == id)
			return v;
	if (r->nprops == r->capprops) {
		r->capprops = r->capprops ? r->capprops * 2 : 16;
		r->props = xreallocarray(r->props, r->capprops,
		    sizeof(*r->props));
	}
	/* Zeroed whole: tables are compared byte for byte (padding too). */
	memset(&r->props[r->nprops], 0, sizeof(r->props[r->nprops]));
	r->props[r->nprops].name = id;
	r->props[r->nprops].present = v != NULL;
	objprop_set_line(r->o, &r->props[r->nprops],
	    v != NULL ? v->loc.line : 0);
	r->nprops++;
	return v;
}

static void
wrong_type(struct rd *r, const struct node *v, const char *prop,
    const char *want)
{
	diag_addloc(r->diags, SEV_ERROR, &v->loc,
	    "%s '%s': property %s is %s %s, expected %s",
	    kind_name(r->o->kind), r->o->identity ? r->o->identity : "?",
	    prop, v->kind == NODE_OBJECT || v->kind == NODE_INT ? "an" : "a",
	    node_kind_name(v->kind), want);
}

static void
truncated(struct rd *r, const char *prop)
{
	vec_push(&r->trunc, arena_strdup(r->a, prop));
}

/*
 * A string property's text, not yet kept (it may lie in 'tmp'): NULL when
 * absent, null, empty or truncated.
 */
static const char *
rtext(struct rd *r, const char *prop, char *tmp, size_t tmplen)
{
	const struct node	*v = getprop(r, prop), *l;
	const char		*t;

	if (node_is_null(v))
		return NULL;
	if ((l = node_as_list(v)) != NULL) {
		if (l->nitems == 0)
			return NULL;
		if (l->nitems == 1)
			v = l->items[0];
		else {
			wrong_type(r, v, prop, "a single value");
			return NULL;
		}
	}
	if (v->kind == NODE_BYTES || v->kind == NODE_DICT) {
		wrong_type(r, v, prop, "a string");
		return NULL;
	}
	if ((t = node_text(v, tmp, tmplen)) == NULL) {
		if (v->kind == NODE_OBJECT && v->tostring == NULL &&
		    v->ntypes == 0) {
			wrong_type(r, v, prop, "a string");
			return NULL;
		}
		return NULL;
	}
	if (value_is_truncated(t)) {
		truncated(r, prop);
		return NULL;
	}
	if (*t == '\0')
		return NULL;
	return t;
}

/* A string property: NULL when absent, null, empty or truncated. */
static const char *
rstr(struct rd *r, const char *prop)
{
	char	tmp[64];

	return keep(r, rtext(r, prop, tmp, sizeof(tmp)));
}


static tbool
rbool(struct rd *r, const char *prop)
{
	const struct node	*v = getprop(r, prop);
	const char		*t;
	char			 tmp[64];

	if (node_is_null(v))
		return TB_UNKNOWN;
	if (v->kind == NODE_BOOL)
		return (tbool)(v->i != 0);
	if (v->kind == NODE_OBJECT && v->value != NULL &&
	    v->value->kind == NODE_BOOL)
		return (tbool)(v->value->i != 0);
	if (v->kind == NODE_STRING || v->kind == NODE_INT) {
		t = node_text(v, tmp, sizeof(tmp));
		if (strcasecmp(t, "true") == 0 || strcmp(t, "1") == 0)
			return 1;
		if (strcasecmp(t, "false") == 0 || strcmp(t, "0") == 0)
			return 0;
		if (value_is_truncated(t)) {
			truncated(r, prop);
			return TB_UNKNOWN;
		}
	}
	wrong_type(r, v, prop, "a boolean");
	return TB_UNKNOWN;
}

/* An enum: -1 when absent; unknown names are diagnosed (HYB901 later). */
static int64_t
renum(struct rd *r, const char *prop, const struct enumdef *tab, int flags)
{
	const struct node	*v = getprop(r, prop);
	const char		*t;
	char			 tmp[64];
	int64_t			 out;

	if (node_is_null(v))
		return -1;
	if (v->kind == NODE_OBJECT && v->tostring == NULL &&
	    v->value != NULL)
		v = v->value;
	if (v->kind == NODE_LIST || v->kind == NODE_DICT ||
	    v->kind == NODE_BYTES || v->kind == NODE_BOOL) {
		wrong_type(r, v, prop, "an enumeration value");
		return -1;
	}
	if ((t = node_text(v, tmp, sizeof(tmp))) == NULL || *t == '\0')
		return -1;
	if (parse_enum(t, tab, flags, &out) == 0)
		return out;
	if (value_is_truncated(t)) {
		truncated(r, prop);
		return -1;
	}
	diag_addloc(r->diags, SEV_WARNING, &v->loc,
	    "%s '%s': %s has the value '%.80s', which hybridlint does not "
	    "know; treated as unknown", kind_name(r->o->kind),
	    r->o->identity ? r->o->identity : "?", prop, t);
	return -1;
}

static int64_t
rinteger(struct rd *r, const char *prop)
{
	const struct node	*v = getprop(r, prop);
	char			*end;
	long long		 x;

	if (node_is_null(v))
		return -1;
	if (v->kind == NODE_INT)
		return v->i;
	if (v->kind == NODE_STRING) {
		x = strtoll(v->str, &end, 10);
		if (end != v->str && *end == '\0')
			return x;
	}
	wrong_type(r, v, prop, "an integer");
	return -1;
}

static int64_t
rdate(struct rd *r, const char *prop)
{
	const struct node	*v = getprop(r, prop);
	const char		*t;
	char			 tmp[64];
	int64_t			 e;

	if (node_is_null(v))
		return 0;
	if ((v->kind != NODE_STRING && v->kind != NODE_OBJECT) ||
	    (t = node_text(v, tmp, sizeof(tmp))) == NULL) {
		wrong_type(r, v, prop, "a date");
		return 0;
	}
	if (parse_date(t, &e) == 0)
		return e;
	if (value_is_truncated(t))
		truncated(r, prop);
	else
		diag_addloc(r->diags, SEV_WARNING, &v->loc,
		    "%s '%s': %s '%.60s' is not a date",
		    kind_name(r->o->kind),
		    r->o->identity ? r->o->identity : "?", prop, t);
	return 0;
}

/* When the object last changed: WhenChangedUTC, else WhenChanged. */
static int64_t
rwhen_changed(struct rd *r)
{
	int64_t	e;

	if ((e = rdate(r, "WhenChangedUTC")) == 0)
		e = rdate(r, "WhenChanged");
	return e;
}

/*
 * A multi-valued property.  A JSON string where a list is expected is a
 * one-element list, unless it holds spaces: that is ConvertTo-Json's
 * rendering of a list past its depth limit, so the list is unknown.
 */
static struct strlist
rlist(struct rd *r, const char *prop)
{
	const struct node	*v = getprop(r, prop), *l, *it;
	struct strlist		 sl = { NULL, 0, 0 };
	struct vec		 out = { 0 };
	const char		*t;
	char			 tmp[64];
	size_t			 i;

	if (v == NULL)
		return sl;
	sl.known = 1;
	if (v->kind == NODE_NULL)
		return sl;
	if ((l = node_as_list(v)) != NULL) {
		for (i = 0; i < l->nitems; i++) {
			it = l->items[i];
			if (it->kind == NODE_NULL)
				continue;
			if (it->kind == NODE_LIST || it->kind == NODE_DICT ||
			    it->kind == NODE_BYTES ||
			    (t = node_text(it, tmp, sizeof(tmp))) == NULL) {
				wrong_type(r, it, prop, "a list of strings");
				vec_free(&out);
				sl.known = 0;
				return sl;
			}
			if (value_is_truncated(t)) {
				truncated(r, prop);
				vec_free(&out);
				sl.known = 0;
				return sl;
			}
			vec_push(&out, (void *)keep(r, t));
		}
	} else if (v->kind == NODE_STRING) {
		/* In a file cut at the depth limit, a list given as one
		 * string is what the cut left, even without a space. */
		if (value_is_truncated(v->str) || r->cut ||
		    (v->tag == NULL && strchr(v->str, ' ') != NULL)) {
			truncated(r, prop);
			sl.known = 0;
			return sl;
		}
		if (*v->str != '\0')
			vec_push(&out, (void *)keep(r, v->str));
	} else if (v->kind == NODE_OBJECT && v->tostring != NULL) {
		if (*v->tostring != '\0')
			vec_push(&out, (void *)keep(r, v->tostring));
	} else {
		wrong_type(r, v, prop, "a list");
		sl.known = 0;
		return sl;
	}
	/* Lists repeat (bindings, ranges) and their strings are shared
	 * (keep): a list is kept once per model. */
	sl.n = out.n;
	vec_push(&out, NULL);
	sl.v = (const char **)model_block(r->m, out.v, out.n * sizeof(*out.v));
	vec_free(&out);
	return sl;
}

/* Lower-case domain text; "smtp:contoso.com;1" style is left to callers. */
static const char *
rdomain(struct rd *r, const char *prop)
{
	const char	*t = rstr(r, prop), *p;

	if (t == NULL)
		return NULL;
	/* Most are written normalized already: then it is the same text. */
	for (p = t; *p != '\0'; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p == '.' && p[1] == '\0'))
			return dn_normalize(r->a, t);
	return t;
}

static int
rx509id(struct rd *r, const char *prop, struct x509id *id)
{
	const struct node	*v = getprop(r, prop);
	const char		*t;

	memset(id, 0, sizeof(*id));
	if ((t = rstr(r, prop)) == NULL)
		return 0;
	if (parse_x509id(r->a, t, id) == -1) {
		diag_addloc(r->diags, SEV_WARNING, &v->loc,
		    "%s '%s': %s '%.80s' is not of the form "
		    "<I>issuer<S>subject", kind_name(r->o->kind),
		    r->o->identity ? r->o->identity : "?", prop, t);
		return 0;
	}
	return 1;
}

static void
bad_value(struct rd *r, const char *prop, const char *text, const char *want)
{
	const struct node	*v = getprop(r, prop);

	diag_addloc(r->diags, SEV_WARNING, v != NULL ? &v->loc : &r->o->loc,
	    "%s '%s': %s value '%.80s' is not %s; ignored",
	    kind_name(r->o->kind), r->o->identity ? r->o->identity : "?",
	    prop, text, want);
}

/* Mapping functions, one per kind. */

static void
map_inbound(struct rd *r, struct obj *o)
{
	struct inbound_connector	*c = (struct inbound_connector *)o;
	struct strlist	 sl;
	size_t		 i, k;

	c->type = (enum connector_type)renum(r, "ConnectorType",
	    model_connector_types, 0);
	c->source = rstr(r, "ConnectorSource");
	sl = rlist(r, "SenderDomains");
	c->sender_domains_known = sl.known;
	c->sender_domains = arena_alloc(r->a,
	    (sl.n + 1) * sizeof(*c->sender_domains));
	for (i = k = 0; i < sl.n; i++) {
		if (parse_addrspace(r->a, sl.v[i], &c->sender_domains[k]) == 0)
			k++;
		else
			bad_value(r, "SenderDomains", sl.v[i],
			    "an address space");
	}
	c->nsender_domains = k;
	c->sender_ips_text = rlist(r, "SenderIPAddresses");
	c->sender_ips = arena_alloc(r->a,
	    (c->sender_ips_text.n + 1) * sizeof(*c->sender_ips));
	for (i = k = 0; i < c->sender_ips_text.n; i++) {
		if (parse_iprange(c->sender_ips_text.v[i],
		    &c->sender_ips[k]) == 0)
			k++;
		else
			bad_value(r, "SenderIPAddresses",
			    c->sender_ips_text.v[i], "an IP address or range");
	}
	c->nsender_ips = k;
	c->tls_sender_cert_name = rdomain(r, "TlsSenderCertificateName");
	c->require_tls = rbool(r, "RequireTls");
	c->restrict_to_cert = rbool(r, "RestrictDomainsToCertificate");
	c->restrict_to_ips = rbool(r, "RestrictDomainsToIPAddresses");
	c->cloud_services_mail = rbool(r, "CloudServicesMailEnabled");
	c->treat_as_internal = rbool(r, "TreatMessagesAsInternal");
	c->ef_skip_last_ip = rbool(r, "EFSkipLastIP");
	c->ef_test_mode = rbool(r, "EFTestMode");
	c->when_changed = rwhen_changed(r);
	c->associated_domains = rlist(r, "AssociatedAcceptedDomains");
	c->ef_skip_ips = rlist(r, "EFSkipIPs");
	c->ef_users = rlist(r, "EFUsers");
	c->trusted_orgs = rlist(r, "TrustedOrganizations");
}

static void
map_outbound(struct rd *r, struct obj *o)
{
	struct outbound_connector	*c = (struct outbound_connector *)o;
	c->type = (enum connector_type)renum(r, "ConnectorType",
	    model_connector_types, 0);
	c->source = rstr(r, "ConnectorSource");
	c->recipient_domains = rlist(r, "RecipientDomains");
	c->smart_hosts = rlist(r, "SmartHosts");
	c->use_mx = rbool(r, "UseMXRecord");
	c->tls_settings = renum(r, "TlsSettings", model_tls_auth_levels, 0);
	c->tls_domain = rdomain(r, "TlsDomain");
	c->cloud_services_mail = rbool(r, "CloudServicesMailEnabled");
	c->route_all_via_onprem = rbool(r, "RouteAllMessagesViaOnPremises");
	c->all_accepted_domains = rbool(r, "AllAcceptedDomains");
	c->transport_rule_scoped = rbool(r, "IsTransportRuleScoped");
	c->test_mode = rbool(r, "TestMode");
	c->last_validated = rdate(r, "LastValidationTimestamp");
	c->when_changed = rwhen_changed(r);
}

static void
map_onpremorg(struct rd *r, struct obj *o)
{
	struct onprem_org	*c = (struct onprem_org *)o;
	c->hybrid_domains = rlist(r, "HybridDomains");
	c->inbound_connector = rstr(r, "InboundConnector");
	c->outbound_connector = rstr(r, "OutboundConnector");
	c->organization_name = rstr(r, "OrganizationName");
	c->organization_guid = rstr(r, "OrganizationGuid");
}

static void
map_send(struct rd *r, struct obj *o)
{
	struct send_connector	*c = (struct send_connector *)o;
	struct strlist	 sl;
	size_t		 i, k;

	sl = rlist(r, "AddressSpaces");
	c->address_spaces_known = sl.known;
	c->address_spaces = arena_alloc(r->a,
	    (sl.n + 1) * sizeof(*c->address_spaces));
	for (i = k = 0; i < sl.n; i++) {
		if (parse_addrspace(r->a, sl.v[i], &c->address_spaces[k]) == 0)
			k++;
		else
			bad_value(r, "AddressSpaces", sl.v[i],
			    "an address space");
	}
	c->naddress_spaces = k;
	c->dns_routing = rbool(r, "DNSRoutingEnabled");
	sl = rlist(r, "SmartHosts");
	c->smart_hosts = arena_alloc(r->a, (sl.n + 1) * sizeof(*c->smart_hosts));
	for (i = k = 0; i < sl.n; i++) {
		if (parse_smarthost(r->a, sl.v[i], &c->smart_hosts[k]) == 0)
			k++;
		else
			bad_value(r, "SmartHosts", sl.v[i], "a host or address");
	}
	c->nsmart_hosts = k;
	c->fqdn = rdomain(r, "Fqdn");
	c->has_tls_cert_name = rx509id(r, "TlsCertificateName",
	    &c->tls_cert_name);
	c->tls_auth_level = renum(r, "TlsAuthLevel", model_tls_auth_levels, 0);
	c->tls_domain = rdomain(r, "TlsDomain");
	c->require_tls = rbool(r, "RequireTLS");
	c->ignore_starttls = rbool(r, "IgnoreSTARTTLS");
	c->domain_secure = rbool(r, "DomainSecureEnabled");
	c->cloud_services_mail = rbool(r, "CloudServicesMailEnabled");
	c->connector_type = rstr(r, "ConnectorType");
	c->is_coexistence = rbool(r, "IsCoexistenceConnector");
	c->source_servers = rlist(r, "SourceTransportServers");
	c->port = rinteger(r, "Port");
	c->smart_host_auth = rstr(r, "SmartHostAuthMechanism");
}

static void
map_receive(struct rd *r, struct obj *o)
{
	struct receive_connector	*c = (struct receive_connector *)o;
	struct iprange	*ranges;
	struct strlist	 sl;
	size_t		 i, k;

	c->server = rstr(r, "Server");
	c->transport_role = rstr(r, "TransportRole");
	c->bindings = rlist(r, "Bindings");
	sl = rlist(r, "RemoteIPRanges");
	/* Zeroed (padding too): kept once per model like the lists. */
	ranges = xcalloc(sl.n + 1, sizeof(*ranges));
	for (i = k = 0; i < sl.n; i++) {
		if (parse_iprange(sl.v[i], &ranges[k]) == 0)
			k++;
		else
			bad_value(r, "RemoteIPRanges", sl.v[i], "an IP range");
	}
	c->remote_ranges = (struct iprange *)model_block(r->m, ranges,
	    (k + 1) * sizeof(*ranges));
	c->nremote_ranges = k;
	free(ranges);
	c->auth_mechanism = renum(r, "AuthMechanism", model_auth_mechanisms, 1);
	c->permission_groups = renum(r, "PermissionGroups",
	    model_permission_groups, 1);
	c->fqdn = rdomain(r, "Fqdn");
	c->has_tls_cert_name = rx509id(r, "TlsCertificateName",
	    &c->tls_cert_name);
	c->tls_domain_capabilities = rlist(r, "TlsDomainCapabilities");
	c->require_tls = rbool(r, "RequireTLS");
	c->domain_secure = rbool(r, "DomainSecureEnabled");
}

/* "EDGE01.contoso.com\\THUMBPRINT" -> "EDGE01.contoso.com". */
static const char *
identity_server(struct arena *a, const char *id)
{
	const char	*bs;

	if (id == NULL || (bs = strchr(id, '\\')) == NULL || bs == id)
		return NULL;
	return arena_strndup(a, id, (size_t)(bs - id));
}

static void
map_cert(struct rd *r, struct obj *o)
{
	struct certificate	*c = (struct certificate *)o;
	const struct node	*raw = getprop(r, "RawData");
	struct certinfo		 ci;
	char			 err[256];
	const char		*s;

	c->thumbprint = rstr(r, "Thumbprint");
	c->subject = rstr(r, "Subject");
	c->issuer = rstr(r, "Issuer");
	c->domains = rlist(r, "CertificateDomains");
	c->services = renum(r, "Services", model_services, 1);
	c->status = renum(r, "Status", model_cert_status, 0);
	c->root_ca_type = renum(r, "RootCAType", model_root_ca_types, 0);
	c->not_before = rdate(r, "NotBefore");
	c->not_after = rdate(r, "NotAfter");
	c->self_signed = rbool(r, "IsSelfSigned");
	c->friendly_name = rstr(r, "FriendlyName");
	if (raw != NULL && raw->kind == NODE_BYTES && raw->len > 0 &&
	    (c->subject == NULL || c->not_after == 0 || !c->domains.known)) {
		if (x509_from_der(r->a, (const unsigned char *)raw->str,
		    raw->len, &ci, err, sizeof(err)) == 0) {
			c->from_der = 1;
			if (c->subject == NULL)
				c->subject = ci.subject;
			if (c->issuer == NULL)
				c->issuer = ci.issuer;
			if (c->thumbprint == NULL)
				c->thumbprint = ci.thumbprint;
			if (!c->domains.known) {
				c->domains.v = ci.names;
				c->domains.n = ci.nnames;
				c->domains.known = 1;
			}
			if (c->not_before == 0)
				c->not_before = ci.not_before;
			if (c->not_after == 0)
				c->not_after = ci.not_after;
			if (c->self_signed == TB_UNKNOWN)
				c->self_signed = (tbool)ci.self_signed;
		} else
			diag_addloc(r->diags, SEV_ERROR, &raw->loc,
			    "certificate RawData cannot be decoded: %s", err);
	}
	if (c->subject != NULL)
		c->cn = dn_get_cn(r->a, c->subject);
	if (c->thumbprint != NULL && r->o->identity == NULL)
		r->o->identity = c->thumbprint;
	if ((s = identity_server(r->a, rstr(r, "Identity"))) != NULL) {
		c->server = s;
		c->server_reason = "Identity";
	} else if ((s = rstr(r, "PSComputerName")) != NULL) {
		c->server = s;
		c->server_reason = "PSComputerName";
	} else if (r->server_hint != NULL) {
		c->server = r->server_hint;
		c->server_reason = "manifest";
	}
}

static void
map_hybrid(struct rd *r, struct obj *o)
{
	struct hybrid_config	*c = (struct hybrid_config *)o;
	c->domains = rlist(r, "Domains");
	c->onprem_smart_host = rdomain(r, "OnPremisesSmartHost");
	c->has_tls_cert_name = rx509id(r, "TlsCertificateName",
	    &c->tls_cert_name);
	c->sending_servers = rlist(r, "SendingTransportServers");
	c->receiving_servers = rlist(r, "ReceivingTransportServers");
	c->edge_servers = rlist(r, "EdgeTransportServers");
	c->features = rlist(r, "Features");
	c->service_instance = rinteger(r, "ServiceInstance");
}

static void
map_edgesub(struct rd *r, struct obj *o)
{
	struct edge_subscription	*c = (struct edge_subscription *)o;
	c->edge_fqdn = rdomain(r, "Name");
	if (c->edge_fqdn == NULL || strchr(c->edge_fqdn, '.') == NULL) {
		const char *d = rdomain(r, "Domain");

		if (c->edge_fqdn != NULL && d != NULL)
			c->edge_fqdn = arena_printf(r->a, "%s.%s",
			    c->edge_fqdn, d);
	}
	c->site = rstr(r, "Site");
}

static void
map_server(struct rd *r, struct obj *o)
{
	struct exchange_server	*c = (struct exchange_server *)o;
	c->fqdn = rdomain(r, "Fqdn");
	c->roles = renum(r, "ServerRole", model_server_roles, 1);
	c->roles_text = rstr(r, "ServerRole");
	c->version = rstr(r, "AdminDisplayVersion");
	c->site = rstr(r, "Site");
	c->is_edge = rbool(r, "IsEdgeServer");
	if (c->is_edge == TB_UNKNOWN && c->roles >= 0)
		c->is_edge = (tbool)((c->roles & ROLE_EDGE) != 0);
}

static void
map_accepted(struct rd *r, struct obj *o)
{
	struct accepted_domain	*c = (struct accepted_domain *)o;
	c->domain = rdomain(r, "DomainName");
	c->type = renum(r, "DomainType", model_domain_types, 0);
	c->is_default = rbool(r, "Default");
	c->match_subdomains = rbool(r, "MatchSubDomains");
	c->is_coexistence = rbool(r, "IsCoexistenceDomain");
	c->initial = rbool(r, "InitialDomain");
}

static void
map_remote(struct rd *r, struct obj *o)
{
	struct remote_domain	*c = (struct remote_domain *)o;
	c->domain = rdomain(r, "DomainName");
	c->target_delivery = rbool(r, "TargetDeliveryDomain");
	c->trusted_mail_outbound = rbool(r, "TrustedMailOutboundEnabled");
	c->trusted_mail_inbound = rbool(r, "TrustedMailInboundEnabled");
	c->is_internal = rbool(r, "IsInternal");
}

static void
map_journal(struct rd *r, struct obj *o)
{
	struct journal_rule	*c = (struct journal_rule *)o;
	c->recipient = rstr(r, "Recipient");
	c->journal_address = rstr(r, "JournalEmailAddress");
	c->scope = renum(r, "Scope", model_journal_scopes, 0);
}

static void
map_transportcfg(struct rd *r, struct obj *o)
{
	struct transport_config	*c = (struct transport_config *)o;
	c->journaling_ndr_to = rstr(r, "JournalingReportNdrTo");
	c->header_promotion = rstr(r, "HeaderPromotionModeSetting");
	c->internal_smtp_servers = rlist(r, "InternalSMTPServers");
	c->tls_receive_domain_secure = rlist(r, "TLSReceiveDomainSecureList");
	c->tls_send_domain_secure = rlist(r, "TLSSendDomainSecureList");
}

static void
map_orgcfg(struct rd *r, struct obj *o)
{
	struct org_config	*c = (struct org_config *)o;
	c->org_name = rstr(r, "Name");
	c->reject_direct_send = rbool(r, "RejectDirectSend");
}

static void
push_obj(struct model *m, struct obj *o)
{
	enum kind	 k = o->kind;
	struct org	*g = o->org;

	if (m->nobjs[k] == m->capobjs[k]) {
		m->capobjs[k] = m->capobjs[k] ? m->capobjs[k] * 2 : 16;
		m->objs[k] = xreallocarray(m->objs[k], m->capobjs[k],
		    sizeof(*m->objs[k]));
	}
	m->objs[k][m->nobjs[k]++] = o;
	if (g == NULL)
		return;
	if (g->nobjs[k] == g->capobjs[k]) {
		g->capobjs[k] = g->capobjs[k] ? g->capobjs[k] * 2 : 8;
		g->objs[k] = xreallocarray(g->objs[k], g->capobjs[k],
		    sizeof(*g->objs[k]));
	}
	g->objs[k][g->nobjs[k]++] = o;
}

/*
 * Walk for the shallowest sign of depth truncation (one -Depth cuts every
 * branch at the same depth; an aggregate file may hold a cut branch far
 * below intact objects); budget bounds the walk.  A bare type name as an
 * item of a list is data (a transport rule's Conditions list their
 * predicates' type names); a collection's type name or a rendered object
 * is a sign wherever it is.
 */
struct cutwalk {
	const struct node	*sign;
	unsigned		 depth;
	size_t			 budget;
};

static void
cut_sign(const struct node *n, int item, unsigned depth, struct cutwalk *w)
{
	const struct node	*oc;
	size_t			 i;

	if (n == NULL || depth > 64 || w->budget == 0 || n->is_ref ||
	    (w->sign != NULL && depth >= w->depth))
		return;
	w->budget--;
	if (n->kind == NODE_STRING && value_is_truncated(n->str) &&
	    (!item || strpbrk(n->str, "[`{") != NULL)) {
		w->sign = n;
		w->depth = depth;
		return;
	}
	if (n->kind == NODE_OBJECT && (oc = node_prop(n, "ObjectClass")) !=
	    NULL && oc->kind == NODE_STRING && strchr(oc->str, ' ') != NULL) {
		w->sign = oc;
		w->depth = depth + 1;
		return;
	}
	for (i = 0; i < n->nprops; i++)
		cut_sign(n->props[i], 0, depth + 1, w);
	for (i = 0; i < n->nitems; i++)
		cut_sign(n->items[i], 1, depth + 1, w);
}

const struct node *
model_doc_truncation(const struct doc *d, unsigned *depth)
{
	struct cutwalk	w = { NULL, 0, 4000000 };
	size_t		i;

	if (d->format != DOC_JSON)
		return NULL;
	for (i = 0; i < d->nroots; i++)
		cut_sign(d->roots[i], 0, 0, &w);
	*depth = w.depth;
	return w.sign;
}

void
model_add_cut(struct model *m, const struct doc *d, const char *cmdlet)
{
	struct cutdoc	*c;

	m->cut = xreallocarray(m->cut, m->ncut + 1, sizeof(*m->cut));
	c = &m->cut[m->ncut++];
	c->loc = d->cut->loc;
	c->loc.file = utf8_text(m->arena, d->path);
	c->loc.pointer = arena_strdup(m->arena, d->cut->loc.pointer);
	c->what = utf8_text(m->arena, d->cut->name != NULL ? d->cut->name :
	    d->cut->str);
	c->cmdlet = cmdlet;
}

void
model_add_input(struct model *m, const char *path, dev_t dev, ino_t ino)
{
	struct input_file	*f;

	if (m->ninputs == m->capinputs) {
		m->capinputs = m->capinputs ? m->capinputs * 2 : 64;
		m->inputs = xreallocarray(m->inputs, m->capinputs,
		    sizeof(*m->inputs));
	}
	f = &m->inputs[m->ninputs++];
	f->path = model_string(m, path);
	f->dev = dev;
	f->ino = ino;
}

void
model_add_input_folder(struct model *m, const char *real)
{
	if (m->ninput_folders == m->capinput_folders) {
		m->capinput_folders = m->capinput_folders ?
		    m->capinput_folders * 2 : 8;
		m->input_folders = xreallocarray(m->input_folders,
		    m->capinput_folders, sizeof(*m->input_folders));
	}
	m->input_folders[m->ninput_folders++] = arena_strdup(m->arena, real);
}

void
model_push(struct model *m, struct obj *o)
{
	push_obj(m, o);
}

/*
 * Properties only Exchange Online's objects have, then the remoting
 * session's computer name (outlook.office365.com for Exchange Online, an
 * Exchange server otherwise).
 */
static enum side
prop_side(struct arena *a, const struct node *n, const char **why)
{
	static const char *exo_props[] = {
		"OrganizationalUnitRoot", "ExchangeObjectId",
		"SendingFromDomainDisabled", "AzureProvisioningRegion",
		"HygieneSuite", NULL
	};
	const struct node	*pc;
	size_t			 i, l;

	for (i = 0; exo_props[i] != NULL; i++)
		if (node_prop(n, exo_props[i]) != NULL) {
			*why = arena_printf(a, "property %s", exo_props[i]);
			return SIDE_EXO;
		}
	if ((pc = node_prop(n, "PSComputerName")) != NULL &&
	    pc->kind == NODE_STRING && (l = strlen(pc->str)) > 0) {
		*why = arena_printf(a, "PSComputerName %s", pc->str);
		if ((l >= 13 && strcasecmp(pc->str + l - 13,
		    "office365.com") == 0) || (l >= 11 &&
		    strcasecmp(pc->str + l - 11, "outlook.com") == 0))
			return SIDE_EXO;
		return SIDE_ONPREM;
	}
	return SIDE_UNKNOWN;
}

/* A folder or file name containing exo, online or cloud. */
static int
path_says_exo(const char *path)
{
	char	*low, *p;
	int	 r;

	low = xstrdup(path);
	for (p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	r = strstr(low, "exo") != NULL || strstr(low, "online") != NULL ||
	    strstr(low, "cloud") != NULL;
	free(low);
	return r;
}

/* The mapping function of each kind. */
static void (*const mappers[K__COUNT])(struct rd *, struct obj *) = {
#define KIND(e, id, rec, name, cmdlet, side, types) \
	map_##id,
#include "kinds.def"
#undef KIND
};

struct obj *
model_add(struct model *m, const struct doc *doc, const struct node *n,
    unsigned depth, enum kind k, struct org *org, enum side side,
    const char *server_hint, struct diags *diags)
{
	struct rd	 r;
	struct obj	*o;
	const char	*why = NULL, *t;
	char		 tmp[64];

	memset(&r, 0, sizeof(r));
	o = arena_alloc(m->arena, kinds[k].size);
	o->kind = k;
	o->org = org;
	o->loc = n->loc;
	/* One copy of each file name, shared by its objects. */
	if (m->last_doc_path == NULL ||
	    strcmp(m->last_doc_path, doc->path) != 0) {
		m->last_doc_path = model_string(m, doc->path);
		m->last_path = utf8_plain(doc->path) ? m->last_doc_path :
		    utf8_text(m->arena, doc->path);
	}
	o->loc.file = m->last_path;
	o->loc.pointer = arena_strdup(m->arena, n->loc.pointer);
	r.m = m;
	r.a = m->arena;
	r.n = n;
	r.o = o;
	r.diags = diags;
	o->name = rstr(&r, "Name");
	o->identity = rstr(&r, "Identity");
	o->has_guid = (t = rtext(&r, "Guid", tmp, sizeof(tmp))) != NULL &&
	    guid_parse(t, o->guid) == 0;
	if ((t = rtext(&r, "DistinguishedName", tmp, sizeof(tmp))) != NULL)
		o->dn_hash = ci_hash64(t);
	if (o->identity == NULL && o->name == NULL && k == K_CERT)
		o->identity = rstr(&r, "Thumbprint");
	if (o->identity == NULL)
		o->identity = o->name;
	if (o->name == NULL)
		o->name = o->identity;
	o->enabled = rbool(&r, "Enabled");

	if (side != SIDE_UNKNOWN) {
		o->side = side;
		o->side_reason = "manifest";
	} else if ((o->side = kinds[k].side) != SIDE_UNKNOWN) {
		o->side_reason = arena_printf(m->arena, "%s exists only %s",
		    kind_name(k), o->side == SIDE_EXO ?
		    "in Exchange Online" : "on premises");
	} else if ((o->side = prop_side(m->arena, n, &why)) !=
	    SIDE_UNKNOWN) {
		o->side_reason = why;
	} else if (path_says_exo(doc->path)) {
		o->side = SIDE_EXO;
		o->side_reason = "path names exo/online/cloud";
	} else {
		o->side = SIDE_ONPREM;
		o->side_reason = "default (nothing says Exchange Online)";
	}
	if (org != NULL) {
		if (o->side == SIDE_EXO)
			org->has_exo = 1;
		else
			org->has_onprem = 1;
	}

	r.server_hint = server_hint;
	/* Its properties are one level below it. */
	r.cut = o->cut = doc->cut != NULL && depth + 1 >= doc->cut_depth;
	mappers[k](&r, o);
	if (o->identity == NULL)
		o->identity = o->name != NULL ? o->name :
		    arena_printf(m->arena, "%s@%s:%u", kind_name(k),
		    doc->path, n->loc.line);
	if (o->name == NULL)
		o->name = o->identity;
	o->ntruncated = r.trunc.n;
	if (r.trunc.n > 0)
		o->truncated = (const char **)vec_finish(&r.trunc, m->arena);
	vec_free(&r.trunc);
	o->nprops = r.nprops;
	o->props = model_block(m, r.props, r.nprops * sizeof(*r.props));
	free(r.props);
	push_obj(m, o);
	return o;
}

struct certificate *
model_add_certfile(struct model *m, struct org *org, const char *display,
    const unsigned char *bytes, size_t len, struct diags *diags)
{
	struct certificate	*c;
	struct certinfo		 ci;
	char			 err[256];

	if (x509_from_file_bytes(m->arena, bytes, len, &ci, err,
	    sizeof(err)) == -1) {
		diag_add(diags, SEV_ERROR, display, 0, 0,
		    "not a certificate: %s", err);
		return NULL;
	}
	c = arena_alloc(m->arena, sizeof(*c));
	c->o.kind = K_CERT;
	c->o.org = org;
	c->o.side = SIDE_ONPREM;
	c->o.side_reason = "certificate file";
	c->o.loc.file = utf8_text(m->arena, display);
	c->o.loc.line = 1;
	c->o.identity = ci.thumbprint;
	c->o.name = ci.cn != NULL ? ci.cn : ci.subject;
	c->o.enabled = TB_UNKNOWN;
	c->thumbprint = ci.thumbprint;
	c->subject = ci.subject;
	c->issuer = ci.issuer;
	c->cn = ci.cn;
	c->domains.v = ci.names;
	c->domains.n = ci.nnames;
	c->domains.known = 1;
	c->services = -1;
	c->status = -1;
	c->root_ca_type = -1;
	c->not_before = ci.not_before;
	c->not_after = ci.not_after;
	c->self_signed = (tbool)ci.self_signed;
	c->from_der = 1;
	push_obj(m, &c->o);
	return c;
}

struct org *
model_org(struct model *m, const char *id, const char *name)
{
	struct org	*o;

	if ((o = model_org_find(m, id)) != NULL)
		return o;
	o = arena_alloc(m->arena, sizeof(*o));
	o->id = utf8_text(m->arena, id);
	o->name = utf8_text(m->arena, name != NULL ? name : id);
	o->index = m->norgs;
	m->orgs = xreallocarray(m->orgs, m->norgs + 1, sizeof(*m->orgs));
	m->orgs[m->norgs++] = o;
	if (m->org_by_id == NULL)
		m->org_by_id = strmap_new();
	strmap_add(m->org_by_id, o->id, o);
	return o;
}

struct org *
model_org_find(const struct model *m, const char *id)
{
	void *const	*v;
	size_t		 n;

	if (m->org_by_id == NULL || id == NULL ||
	    (v = strmap_get(m->org_by_id, id, &n)) == NULL)
		return NULL;
	return v[0];
}

const char *
model_string(struct model *m, const char *s)
{
	if (m->strings == NULL)
		m->strings = strmap_new();
	return strmap_intern(m->strings, s);
}

const void *
model_block(struct model *m, const void *p, size_t n)
{
	if (m->blocks == NULL)
		m->blocks = blobset_new();
	return blobset_intern(m->blocks, m->arena, p, n);
}

int
obj_has_prop(const struct obj *o, const char *prop)
{
	size_t	i;

	for (i = 0; i < o->nprops; i++)
		if (strcasecmp(objprop_name(o->props[i].name), prop) == 0)
			return o->props[i].present;
	return -1;
}

int
obj_dn_is(const struct obj *o, const char *dn)
{
	return o->dn_hash != 0 && ci_hash64(dn) == o->dn_hash;
}

int
obj_guid_is(const struct obj *o, const char *text)
{
	unsigned char	g[16];

	return o->has_guid && guid_parse(text, g) == 0 &&
	    memcmp(g, o->guid, sizeof(g)) == 0;
}

int
obj_exported(const struct obj *o, const char *prop)
{
	size_t	i;

	if (obj_has_prop(o, prop) != 1)
		return 0;
	for (i = 0; i < o->ntruncated; i++)
		if (strcasecmp(o->truncated[i], prop) == 0)
			return 0;
	return 1;
}

struct loc
obj_prop_loc(struct arena *a, const struct obj *o, const char *prop)
{
	struct loc	 l = o->loc;
	struct buf	 b = { 0 };
	const char	*p;
	size_t		 i;

	for (i = 0; i < o->nprops; i++)
		if (strcasecmp(objprop_name(o->props[i].name), prop) == 0 &&
		    o->props[i].present) {
			if (objprop_line(o, &o->props[i]) != 0)
				l.line = objprop_line(o, &o->props[i]);
			if (o->loc.pointer != NULL) {
				/* RFC 6901: "~" is "~0", "/" is "~1". */
				buf_adds(&b, o->loc.pointer);
				buf_addc(&b, '/');
				for (p = objprop_name(o->props[i].name); *p;
				    p++)
					if (*p == '~')
						buf_adds(&b, "~0");
					else if (*p == '/')
						buf_adds(&b, "~1");
					else
						buf_addc(&b, *p);
				l.pointer = arena_strdup(a, b.p);
				buf_free(&b);
			}
			break;
		}
	return l;
}

void
model_add_file(struct model *m, const char *path, size_t size,
    const char *sha256, const struct org *org, const char *role)
{
	struct readfile	*f;

	if (m->nfiles == m->capfiles) {
		m->capfiles = m->capfiles ? m->capfiles * 2 : 32;
		m->files = xreallocarray(m->files, m->capfiles,
		    sizeof(*m->files));
	}
	f = &m->files[m->nfiles++];
	f->path = model_string(m, path);
	f->size = size;
	f->sha256 = arena_strdup(m->arena, sha256);
	f->org = org;
	f->role = role;
}

/* A malloc'd copy of an array the base owns (NULL for none). */
static void *
fork_array(const void *v, size_t n, size_t size)
{
	void	*c;

	if (v == NULL)
		return NULL;
	c = xreallocarray(NULL, n + 1, size);
	if (n > 0)
		memcpy(c, v, n * size);
	return c;
}

/* The gateways of a fork: their certificates and operators its own. */
static void
fork_gateways(struct model *m, const struct model *b)
{
	struct gateway	*g;
	size_t		 i, j;

	m->gateways = fork_array(b->gateways, b->ngateways,
	    sizeof(*b->gateways));
	for (i = 0; i < b->ngateways; i++) {
		g = arena_alloc(m->arena, sizeof(*g));
		*g = *b->gateways[i];
		if (g->operated_by != NULL)
			g->operated_by = m->orgs[g->operated_by->index];
		for (j = 0; g->cert != NULL && j < b->nobjs[K_CERT]; j++)
			if (b->objs[K_CERT][j] == &b->gateways[i]->cert->o) {
				g->cert = (struct certificate *)
				    m->objs[K_CERT][j];
				break;
			}
		m->gateways[i] = g;
	}
}

struct model *
model_fork(const struct model *b)
{
	struct model	*m;
	struct org	*g;
	struct obj	*o;
	size_t		 i, k, j;

	m = xcalloc(1, sizeof(*m));
	*m = *b;
	m->base = b;
	m->arena = arena_new();
	m->edits = NULL;
	m->nedits = m->capedits = 0;
	m->kept = NULL;
	m->strings = NULL;	/* the base's stay the base's */
	m->blocks = NULL;
	m->orgs = xreallocarray(NULL, b->norgs + 1, sizeof(*m->orgs));
	m->org_by_id = strmap_new();
	for (i = 0; i < b->norgs; i++) {
		g = arena_alloc(m->arena, sizeof(*g));
		*g = *b->orgs[i];
		memset(g->objs, 0, sizeof(g->objs));
		memset(g->nobjs, 0, sizeof(g->nobjs));
		memset(g->capobjs, 0, sizeof(g->capobjs));
		m->orgs[i] = g;
		strmap_add(m->org_by_id, g->id, g);
	}
	memset(m->objs, 0, sizeof(m->objs));
	memset(m->nobjs, 0, sizeof(m->nobjs));
	memset(m->capobjs, 0, sizeof(m->capobjs));
	for (k = 0; k < K__COUNT; k++)
		for (j = 0; j < b->nobjs[k]; j++) {
			o = arena_alloc(m->arena, kinds[k].size);
			memcpy(o, b->objs[k][j], kinds[k].size);
			if (o->org != NULL)
				o->org = m->orgs[o->org->index];
			push_obj(m, o);
		}
	/* What the base owns and the copy only reads: new arrays of it. */
	m->inputs = xreallocarray(NULL, b->ninputs + 1, sizeof(*m->inputs));
	if (b->ninputs > 0)
		memcpy(m->inputs, b->inputs, b->ninputs * sizeof(*m->inputs));
	m->capinputs = b->ninputs + 1;
	m->input_folders = xreallocarray(NULL, b->ninput_folders + 1,
	    sizeof(*m->input_folders));
	if (b->ninput_folders > 0)
		memcpy(m->input_folders, b->input_folders,
		    b->ninput_folders * sizeof(*m->input_folders));
	m->capinput_folders = b->ninput_folders + 1;
	fork_gateways(m, b);
	m->mx = fork_array(b->mx, b->nmx, sizeof(*b->mx));
	m->skipped = fork_array(b->skipped, b->nskipped, sizeof(*b->skipped));
	m->capskipped = b->nskipped;
	m->cut = fork_array(b->cut, b->ncut, sizeof(*b->cut));
	m->files = fork_array(b->files, b->nfiles, sizeof(*b->files));
	m->capfiles = b->nfiles;
	for (i = 0; i < m->nfiles; i++)
		if (m->files[i].org != NULL)
			m->files[i].org = m->orgs[m->files[i].org->index];
	return m;
}

struct obj *
model_new_record(struct model *m, enum kind k, struct org *org,
    enum side side, const struct loc *loc)
{
	struct obj	*o;

	o = arena_alloc(m->arena, kinds[k].size);
	o->kind = k;
	o->org = org;
	o->side = side;
	o->side_reason = "created by --change";
	o->loc = *loc;
	o->loc.file = arena_strdup(m->arena, loc->file);
	o->loc.pointer = NULL;
	o->enabled = TB_UNKNOWN;
	o->truncated = arena_alloc(m->arena, sizeof(*o->truncated));
	if (org != NULL) {
		if (side == SIDE_EXO)
			org->has_exo = 1;
		else
			org->has_onprem = 1;
	}
	push_obj(m, o);
	return o;
}

/* Take o out of one array of records. */
static void
unlist(struct obj **v, size_t *n, const struct obj *o)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (v[i] == o) {
			memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof(*v));
			(*n)--;
			return;
		}
}

void
model_remove(struct model *m, struct obj *o)
{
	unlist(m->objs[o->kind], &m->nobjs[o->kind], o);
	if (o->org != NULL)
		unlist(o->org->objs[o->kind], &o->org->nobjs[o->kind], o);
}

struct edit *
model_add_edit(struct model *m, struct obj *o, enum edit_op op,
    const char *prop, const struct loc *loc, const char *cmd)
{
	struct edit	*e;

	e = arena_alloc(m->arena, sizeof(*e));
	e->o = o;
	e->op = op;
	e->prop = prop;
	e->loc = *loc;
	e->loc.file = arena_strdup(m->arena, loc->file);
	e->loc.pointer = NULL;
	e->cmd = arena_strdup(m->arena, cmd);
	if (m->nedits == m->capedits) {
		m->capedits = m->capedits ? m->capedits * 2 : 16;
		m->edits = xreallocarray(m->edits, m->capedits,
		    sizeof(*m->edits));
	}
	m->edits[m->nedits++] = e;
	if (o->edit == NULL)
		o->edit = e;
	return e;
}

const struct edit *
model_edit_of(const struct model *m, const struct obj *o, const char *prop)
{
	size_t	i;

	if (o->edit == NULL)
		return NULL;
	if (prop != NULL)
		for (i = m->nedits; i > 0; i--)
			if (m->edits[i - 1]->o == o &&
			    m->edits[i - 1]->prop != NULL &&
			    strcasecmp(m->edits[i - 1]->prop, prop) == 0)
				return m->edits[i - 1];
	return o->edit;
}

void
model_free(struct model *m)
{
	size_t	i, k;

	if (m == NULL)
		return;
	free(m->edits);
	for (i = 0; i < K__COUNT; i++)
		free(m->objs[i]);
	for (i = 0; i < m->norgs; i++)
		for (k = 0; k < K__COUNT; k++)
			free(m->orgs[i]->objs[k]);
	free(m->orgs);
	strmap_free(m->org_by_id);
	free(m->gateways);
	free(m->mx);
	free(m->skipped);
	free(m->inputs);
	free(m->input_folders);
	free(m->cut);
	free(m->files);
	free(m->kept);
	strmap_free(m->strings);
	blobset_free(m->blocks);
	arena_free(m->arena);
	free(m);
}
