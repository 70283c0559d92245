/*
 * predicate.c: questions about records, answered from what the records
 * of one organization say (never from the topology graph).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "model.h"

const char *
sc_coexistence_space(const struct send_connector *sc)
{
	const char	*d;
	size_t		 i, l;

	for (i = 0; i < sc->naddress_spaces; i++) {
		d = sc->address_spaces[i].domain;
		l = strlen(d);
		if (l > 21 && strcasecmp(d + l - 21, ".mail.onmicrosoft.com") ==
		    0)
			return d;
	}
	return NULL;
}

int
sc_to_coexistence(const struct send_connector *sc)
{
	return sc_coexistence_space(sc) != NULL;
}

int
sc_to_exo(const struct send_connector *sc)
{
	size_t	i;

	if (sc_to_coexistence(sc))
		return 1;
	for (i = 0; i < sc->nsmart_hosts; i++)
		if (dn_is_exo_endpoint(sc->smart_hosts[i].host))
			return 1;
	return 0;
}

int
sc_is_hybrid(const struct send_connector *sc)
{
	if (!sc_to_exo(sc) || sc->o.enabled == 0)
		return 0;
	if (sc_to_coexistence(sc))
		return 1;
	return sc->cloud_services_mail == 1 ||
	    (sc->o.name != NULL &&
	    strncmp(sc->o.name, "Outbound to Office 365", 22) == 0);
}

int
ic_live(const struct inbound_connector *ic)
{
	return ic->o.enabled != 0 && ic->ef_test_mode != 1;
}

int
ic_onprem(const struct inbound_connector *ic)
{
	return ic->type == CT_ONPREMISES && ic_live(ic);
}

/* 8-4-4-4-12 hexadecimal digits, and nothing after them. */
static int
is_guid(const char *s)
{
	static const char	 form[] =
	    "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
	size_t			 i;

	for (i = 0; form[i] != '\0'; i++)
		if (form[i] == '-' ? s[i] != '-' :
		    !isxdigit((unsigned char)s[i]))
			return 0;
	return s[i] == '\0';
}

int
name_is_hcw(const char *name, const char *prefix)
{
	size_t	l = strlen(prefix);

	return name != NULL && strncasecmp(name, prefix, l) == 0 &&
	    is_guid(name + l);
}

int
ic_hcw(const struct inbound_connector *ic)
{
	return (ic->source != NULL && strcasecmp(ic->source,
	    "HybridWizard") == 0) || name_is_hcw(ic->o.name,
	    "Inbound from ") || op_names(&ic->o);
}

int
ic_serves_devices(const struct inbound_connector *ic)
{
	return ic->nsender_ips > 0 && ic->tls_sender_cert_name == NULL &&
	    obj_exported(&ic->o, "TlsSenderCertificateName") &&
	    ic->cloud_services_mail != 1 && !ic_hcw(ic);
}

int
oc_test_mode(const struct outbound_connector *oc)
{
	return oc->test_mode == 1;
}

int
oc_live(const struct outbound_connector *oc)
{
	return oc->o.enabled != 0 && !oc_test_mode(oc);
}

int
oc_route(const struct outbound_connector *oc)
{
	return oc_live(oc) && oc->transport_rule_scoped != 1;
}

int
oc_hcw(const struct outbound_connector *oc)
{
	return (oc->source != NULL && strcasecmp(oc->source,
	    "HybridWizard") == 0) || name_is_hcw(oc->o.name,
	    "Outbound to ") || op_names(&oc->o);
}

int
op_names(const struct obj *o)
{
	const struct onprem_org	*op;
	const char		*name;
	size_t			 i;

	if (o->org == NULL)
		return 0;
	ORG_FOREACH(o->org, K_ONPREMORG, const struct onprem_org, op, i) {
		name = o->kind == K_INBOUND ? op->inbound_connector :
		    op->outbound_connector;
		if (name != NULL && (strcasecmp(name, o->name) == 0 ||
		    strcasecmp(name, o->identity) == 0))
			return 1;
	}
	return 0;
}

const struct strlist *
hc_receiving(const struct hybrid_config *hc, int *edge)
{
	*edge = 0;
	if (hc == NULL)
		return NULL;
	if (hc->edge_servers.n > 0) {
		*edge = 1;
		return &hc->edge_servers;
	}
	return hc->receiving_servers.n > 0 ? &hc->receiving_servers : NULL;
}

const struct obj *
org_first(const struct org *org, enum kind k)
{
	return org != NULL && org->nobjs[k] > 0 ? org->objs[k][0] : NULL;
}

const char *
cert_status_name(int64_t s)
{
	const char	*n = enum_name(model_cert_status, s);

	return n != NULL ? n : "not Valid";
}

const char *
rootca_type_name(int64_t t)
{
	return enum_name(model_root_ca_types, t);
}

/* Case-insensitive substring. */
static int
contains(const char *s, const char *needle)
{
	size_t	n = strlen(needle);

	for (; *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return 1;
	return 0;
}

/* Does the capability list after "domain:" accept Exchange Online's mail? */
static int
accepts_cloud_mail(const char *p)
{
	const char	*q;
	size_t		 l;

	for (; *p; p = *q ? q + 1 : q) {
		while (isspace((unsigned char)*p))
			p++;
		for (q = p; *q && *q != ','; q++)
			;
		l = (size_t)(q - p);
		while (l > 0 && isspace((unsigned char)p[l - 1]))
			l--;
		if ((l == 23 && strncasecmp(p, "AcceptCloudServicesMail",
		    23) == 0) || (l == 18 && strncasecmp(p,
		    "AcceptOorgProtocol", 18) == 0))
			return 1;
	}
	return 0;
}

enum exo_cap
rc_exo_capability(const struct receive_connector *rc, const char **entry)
{
	static const char	 exo[] = "mail.protection.outlook.com";
	const char		*e, *colon, *found = NULL;
	enum exo_cap		 best = EXO_CAP_NONE;
	size_t			 i;

	if (!rc->tls_domain_capabilities.known) {
		if (entry != NULL)
			*entry = NULL;
		return EXO_CAP_UNKNOWN;
	}
	for (i = 0; i < rc->tls_domain_capabilities.n; i++) {
		e = rc->tls_domain_capabilities.v[i];
		while (isspace((unsigned char)*e))
			e++;
		if (strncasecmp(e, "<I>", 3) == 0) {
			if (contains(e, exo) && best < EXO_CAP_LEGACY) {
				best = EXO_CAP_LEGACY;
				found = e;
			}
			continue;
		}
		if ((colon = strchr(e, ':')) == NULL ||
		    (size_t)(colon - e) != sizeof(exo) - 1 ||
		    strncasecmp(e, exo, sizeof(exo) - 1) != 0)
			continue;
		if (accepts_cloud_mail(colon + 1)) {
			best = EXO_CAP_ACCEPT;
			found = e;
			break;
		}
		if (best < EXO_CAP_OTHER) {
			best = EXO_CAP_OTHER;
			found = e;
		}
	}
	if (entry != NULL)
		*entry = found;
	return best;
}
