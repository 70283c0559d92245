/*
 * check_model.c: recognition of object kinds, mapping into typed
 * records, truncation, wrong types, and the corpus inventory.
 */
#include <check.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clixml.h"
#include "json_load.h"
#include "load.h"
#include "model.h"
#include "strmap.h"
#include "xalloc.h"

#define NS "xmlns=\"http://schemas.microsoft.com/powershell/2004/04\""

static struct diags	 diags;
static struct model	*m;
static struct doc	*d;

static void
setup(void)
{
	m = xcalloc(1, sizeof(*m));
	m->arena = arena_new();
	d = NULL;
}

static void
teardown(void)
{
	doc_free(d);
	model_free(m);
	diag_free(&diags);
}

static struct obj *
add_xml(const char *xml, enum side side)
{
	char		*copy = xstrdup(xml);
	enum kind	 k;

	d = clixml_load("t.xml", copy, strlen(copy), &diags);
	free(copy);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(recognize(d->roots[0], &k), 0);
	return model_add(m, d, d->roots[0], 0, k, model_org(m, "o", NULL), side,
	    NULL, &diags);
}

static struct obj *
add_json(const char *json)
{
	enum kind	 k;

	d = json_load("t.json", json, strlen(json), &diags);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(recognize(d->roots[0], &k), 0);
	return model_add(m, d, d->roots[0], 0, k, model_org(m, "o", NULL),
	    SIDE_UNKNOWN, NULL, &diags);
}

START_TEST(test_recognize_types)
{
	static const char *xml =
	    "<Objs " NS ">"
	    "<Obj RefId=\"0\"><TN RefId=\"0\"><T>Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig</T><T>System.Object</T></TN><Props /></Obj>"
	    "<Obj RefId=\"1\"><TN RefId=\"1\"><T>Selected.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate</T><T>System.Management.Automation.PSCustomObject</T></TN><MS><S N=\"Thumbprint\">AB</S></MS></Obj>"
	    "<Obj RefId=\"2\"><TN RefId=\"2\"><T>System.Management.Automation.PSCustomObject</T></TN><MS><S N=\"DomainName\">a.com</S><S N=\"DomainType\">Authoritative</S></MS></Obj>"
	    "<Obj RefId=\"3\"><TN RefId=\"3\"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.PartnerApplication</T></TN><Props /></Obj>"
	    "</Objs>";
	char		*copy = xstrdup(xml);
	enum kind	 k;

	d = clixml_load("t.xml", copy, strlen(copy), &diags);
	free(copy);
	ck_assert_uint_eq(d->nroots, 4);
	ck_assert_int_eq(recognize(d->roots[0], &k), 0);
	ck_assert_int_eq(k, K_SEND);
	ck_assert_int_eq(recognize(d->roots[1], &k), 0);
	ck_assert_int_eq(k, K_CERT);
	ck_assert_int_eq(recognize(d->roots[2], &k), 0);
	ck_assert_int_eq(k, K_ACCEPTED);
	ck_assert_int_eq(recognize(d->roots[3], &k), -1);
}
END_TEST

START_TEST(test_recognize_signatures)
{
	static const struct {
		const char	*json;
		enum kind	 k;
	} t[] = {
		{ "{\"TlsSenderCertificateName\": null, \"SenderDomains\": []}", K_INBOUND },
		{ "{\"RecipientDomains\": [], \"SmartHosts\": []}", K_OUTBOUND },
		{ "{\"HybridDomains\": [], \"InboundConnector\": \"x\"}", K_ONPREMORG },
		{ "{\"AddressSpaces\": [], \"SmartHosts\": []}", K_SEND },
		{ "{\"Bindings\": [], \"RemoteIPRanges\": []}", K_RECEIVE },
		{ "{\"Thumbprint\": \"A\", \"Services\": 16}", K_CERT },
		{ "{\"OnPremisesSmartHost\": \"a\"}", K_HYBRID },
		{ "{\"AdminDisplayVersion\": \"x\", \"ServerRole\": 2}", K_SERVER },
		{ "{\"DomainName\": \"a\", \"DomainType\": 0}", K_ACCEPTED },
		{ "{\"DomainName\": \"*\", \"TargetDeliveryDomain\": false}", K_REMOTE },
		{ "{\"JournalEmailAddress\": \"j@a\"}", K_JOURNAL },
		{ "{\"JournalingReportNdrTo\": null}", K_TRANSPORTCFG },
		{ "{\"RejectDirectSend\": true}", K_ORGCFG },
	};
	enum kind	k;
	size_t		i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = json_load("t.json", t[i].json, strlen(t[i].json), &diags);
		ck_assert_ptr_nonnull(d);
		ck_assert_msg(recognize(d->roots[0], &k) == 0 && k == t[i].k,
		    "%s", t[i].json);
		doc_free(d);
	}
	d = json_load("t.json", "{\"Name\": \"x\"}", 13, &diags);
	ck_assert_int_eq(recognize(d->roots[0], &k), -1);
}
END_TEST

START_TEST(test_send_connector_clixml)
{
	struct send_connector	*c;
	struct obj		*o;

	o = add_xml("<Objs " NS "><Obj RefId=\"0\"><TN RefId=\"0\">"
	    "<T>Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig</T></TN>"
	    "<ToString>Outbound to Office 365</ToString><Props>"
	    "<Obj N=\"AddressSpaces\" RefId=\"1\"><TN RefId=\"1\"><T>MVP</T></TN><LST>"
	    "<Obj RefId=\"2\"><TN RefId=\"2\"><T>Microsoft.Exchange.Data.AddressSpace</T></TN>"
	    "<ToString>smtp:contoso.mail.onmicrosoft.com;1</ToString></Obj></LST></Obj>"
	    "<B N=\"DNSRoutingEnabled\">false</B>"
	    "<Obj N=\"SmartHosts\" RefId=\"3\"><TNRef RefId=\"1\" /><LST>"
	    "<Obj RefId=\"4\"><TN RefId=\"3\"><T>Microsoft.Exchange.Data.SmartHost</T></TN>"
	    "<ToString>mx01.varunagroup.de</ToString></Obj>"
	    "<Obj RefId=\"5\"><TNRef RefId=\"3\" /><ToString>[192.0.2.7]</ToString></Obj></LST></Obj>"
	    "<Obj N=\"Fqdn\" RefId=\"6\"><TN RefId=\"4\"><T>Microsoft.Exchange.Data.Fqdn</T></TN>"
	    "<ToString>Mail.Contoso.com</ToString></Obj>"
	    "<Obj N=\"TlsCertificateName\" RefId=\"7\"><TN RefId=\"5\"><T>Microsoft.Exchange.Data.SmtpX509Identifier</T></TN>"
	    "<ToString>&lt;I&gt;CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US&lt;S&gt;CN=mail.contoso.com</ToString></Obj>"
	    "<Obj N=\"TlsAuthLevel\" RefId=\"8\"><TN RefId=\"6\"><T>Microsoft.Exchange.Data.TlsAuthLevel</T><T>System.Enum</T></TN>"
	    "<ToString>DomainValidation</ToString><I32>4</I32></Obj>"
	    "<S N=\"TlsDomain\">mail.protection.outlook.com</S>"
	    "<B N=\"RequireTLS\">true</B><B N=\"CloudServicesMailEnabled\">true</B>"
	    "<B N=\"Enabled\">true</B><S N=\"Name\">Outbound to Office 365</S>"
	    "<Obj N=\"SourceTransportServers\" RefId=\"9\"><TNRef RefId=\"1\" /><LST><S>EX01</S><S>EX02</S></LST></Obj>"
	    "<I32 N=\"Port\">25</I32>"
	    "</Props></Obj></Objs>", SIDE_UNKNOWN);
	c = (struct send_connector *)o;
	ck_assert_int_eq(o->side, SIDE_ONPREM);
	ck_assert_str_eq(o->name, "Outbound to Office 365");
	ck_assert_uint_eq(c->naddress_spaces, 1);
	ck_assert_str_eq(c->address_spaces[0].domain,
	    "contoso.mail.onmicrosoft.com");
	ck_assert_int_eq(c->address_spaces[0].cost, 1);
	ck_assert_int_eq(c->dns_routing, 0);
	ck_assert_uint_eq(c->nsmart_hosts, 2);
	ck_assert_str_eq(c->smart_hosts[0].host, "mx01.varunagroup.de");
	ck_assert_int_eq(c->smart_hosts[1].is_ip, 1);
	ck_assert_str_eq(c->fqdn, "mail.contoso.com");
	ck_assert_int_eq(c->has_tls_cert_name, 1);
	ck_assert_str_eq(c->tls_cert_name.issuer,
	    "CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US");
	ck_assert_str_eq(c->tls_cert_name.subject, "CN=mail.contoso.com");
	ck_assert_int_eq(c->tls_auth_level, TLS_DOMAIN_VALIDATION);
	ck_assert_str_eq(c->tls_domain, "mail.protection.outlook.com");
	ck_assert_int_eq(c->require_tls, 1);
	ck_assert_int_eq(c->cloud_services_mail, 1);
	ck_assert_int_eq(c->ignore_starttls, TB_UNKNOWN);
	ck_assert_uint_eq(c->source_servers.n, 2);
	ck_assert_int_eq(c->port, 25);
	ck_assert_uint_eq(diags.n, 0);
}
END_TEST

START_TEST(test_inbound_json_ps51)
{
	struct inbound_connector	*c;
	struct obj			*o;

	o = add_json("{\n"
	    "  \"Identity\":  \"Inbound from 3c1f\",\n"
	    "  \"Name\":  \"Inbound from 3c1f\",\n"
	    "  \"ConnectorType\":  1,\n"
	    "  \"ConnectorSource\":  \"HybridWizard\",\n"
	    "  \"SenderDomains\":  [ \"smtp:*;1\" ],\n"
	    "  \"SenderIPAddresses\":  [ \"81.173.212.0/24\", \"bogus\" ],\n"
	    "  \"TlsSenderCertificateName\":  \"*.VarunaGroup.de\",\n"
	    "  \"RequireTls\":  true,\n"
	    "  \"TreatMessagesAsInternal\":  \"False\",\n"
	    "  \"EFSkipIPs\":  \"System.Object[]\",\n"
	    "  \"AssociatedAcceptedDomains\":  \"contoso.com fabrikam.com\",\n"
	    "  \"TrustedOrganizations\":  \"contoso.com\",\n"
	    "  \"WhenChanged\":  \"\\/Date(1772500523000)\\/\"\n"
	    "}");
	c = (struct inbound_connector *)o;
	ck_assert_int_eq(o->side, SIDE_EXO);
	ck_assert_int_eq(c->type, CT_ONPREMISES);
	ck_assert_str_eq(c->source, "HybridWizard");
	ck_assert_uint_eq(c->nsender_domains, 1);
	ck_assert_str_eq(c->sender_domains[0].domain, "*");
	ck_assert_uint_eq(c->nsender_ips, 1);	/* "bogus" diagnosed */
	ck_assert_str_eq(c->tls_sender_cert_name, "*.varunagroup.de");
	ck_assert_int_eq(c->require_tls, 1);
	ck_assert_int_eq(c->treat_as_internal, 0);
	ck_assert_int_eq(c->restrict_to_cert, TB_UNKNOWN);
	/* Truncated values are unknown and listed, never data. */
	ck_assert_int_eq(c->ef_skip_ips.known, 0);
	ck_assert_int_eq(c->associated_domains.known, 0);
	ck_assert_uint_eq(o->ntruncated, 2);
	ck_assert_str_eq(o->truncated[0], "AssociatedAcceptedDomains");
	ck_assert_str_eq(o->truncated[1], "EFSkipIPs");
	/* A single string where a list is expected is a one-element list. */
	ck_assert_int_eq(c->trusted_orgs.known, 1);
	ck_assert_uint_eq(c->trusted_orgs.n, 1);
	ck_assert_uint_eq(diags.nerrors, 0);
	ck_assert_uint_eq(diags.n, 1);		/* the bogus IP */
	ck_assert_uint_eq(diags.v[0].line, 7);
}
END_TEST

START_TEST(test_wrong_types)
{
	struct inbound_connector *c;

	c = (struct inbound_connector *)add_json("{"
	    "\"Name\": \"x\", \"TlsSenderCertificateName\": {\"a\": 1},"
	    "\"RequireTls\": 7, \"SenderDomains\": [{\"b\": 2}],"
	    "\"CloudServicesMailEnabled\": [true, false]}");
	ck_assert_ptr_null(c->tls_sender_cert_name);
	ck_assert_int_eq(c->require_tls, TB_UNKNOWN);
	ck_assert_int_eq(c->cloud_services_mail, TB_UNKNOWN);
	ck_assert_int_eq(c->sender_domains_known, 0);
	ck_assert_uint_eq(diags.nerrors, 4);
	ck_assert(strstr(diags.v[1].msg, "TlsSenderCertificateName") != NULL);
	ck_assert(strstr(diags.v[1].msg, "expected a string") != NULL);
}
END_TEST

START_TEST(test_certificate_json)
{
	struct certificate	*c;

	c = (struct certificate *)add_json("{"
	    "\"Identity\": \"EDGE01.varunagroup.de\\\\0A1B\","
	    "\"Thumbprint\": \"0A1B\", \"Subject\": \"CN=smtpo365.varunagroup.de\","
	    "\"Issuer\": \"CN=Example CA\", \"CertificateDomains\": [\"smtpo365.varunagroup.de\"],"
	    "\"Services\": 16, \"Status\": 1, \"RootCAType\": 2, \"IsSelfSigned\": false,"
	    "\"NotBefore\": \"\\/Date(1748736000000)\\/\", \"NotAfter\": \"2028-06-01T00:00:00Z\"}");
	ck_assert_str_eq(c->server, "EDGE01.varunagroup.de");
	ck_assert_str_eq(c->server_reason, "Identity");
	ck_assert_str_eq(c->cn, "smtpo365.varunagroup.de");
	ck_assert_int_eq(c->services, SVC_SMTP);
	ck_assert_int_eq(c->status, CERT_STATUS_VALID);
	ck_assert_int_eq(c->root_ca_type, ROOTCA_THIRDPARTY);
	ck_assert_int_eq(c->self_signed, 0);
	ck_assert_int_eq(c->not_before, 1748736000);
	ck_assert_int_eq(c->not_after, 1843430400);
	ck_assert_int_eq(c->from_der, 0);
}
END_TEST

START_TEST(test_flags_and_enum_names)
{
	struct receive_connector	*c;

	c = (struct receive_connector *)add_json("{"
	    "\"Identity\": \"EX01\\\\Default Frontend EX01\", \"Bindings\": [\"0.0.0.0:25\"],"
	    "\"RemoteIPRanges\": [\"0.0.0.0-255.255.255.255\", \"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\"],"
	    "\"AuthMechanism\": \"Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer\","
	    "\"PermissionGroups\": 14, \"TlsDomainCapabilities\": [\"mail.protection.outlook.com:AcceptCloudServicesMail\"]}");
	ck_assert_int_eq(c->auth_mechanism, 31);
	ck_assert_int_eq(c->permission_groups, 14);
	ck_assert_uint_eq(c->nremote_ranges, 2);
	ck_assert_uint_eq(c->tls_domain_capabilities.n, 1);
}
END_TEST

START_TEST(test_side_inference)
{
	struct obj	*o;

	o = add_json("{\"DomainName\": \"a.com\", \"DomainType\": \"Authoritative\","
	    " \"OrganizationalUnitRoot\": \"a.onmicrosoft.com\"}");
	ck_assert_int_eq(o->side, SIDE_EXO);
	ck_assert(strstr(o->side_reason, "OrganizationalUnitRoot") != NULL);
	doc_free(d);
	d = NULL;
	o = add_json("{\"DomainName\": \"a.com\", \"DomainType\": 0}");
	ck_assert_int_eq(o->side, SIDE_ONPREM);
	ck_assert_int_eq(((struct accepted_domain *)o)->type, AD_AUTHORITATIVE);
}
END_TEST

static const struct obj *
named(const struct model *mm, enum kind k, const char *name)
{
	size_t	i;

	for (i = 0; i < mm->nobjs[k]; i++)
		if (strcmp(mm->objs[k][i]->name, name) == 0)
			return mm->objs[k][i];
	ck_abort_msg("no %s '%s'", kind_name(k), name);
	return NULL;
}

/*
 * Real variations of exports (tests/data/exports/variations): outbound
 * connector properties hybridlint does not use (MtaStsMode, SmtpDaneMode,
 * SenderRewritingEnabled), test mode, a LastValidationTimestamp without
 * zone (read as UTC), in Windows PowerShell's UTF-16LE CLIXML and in
 * PowerShell 7's JSON; and Select-Object subsets, whose absent properties
 * are unknown, never false.
 */
START_TEST(test_export_variations)
{
	const char			*top = getenv("top_srcdir");
	const struct outbound_connector	*oc;
	const struct inbound_connector	*ic;
	const struct receive_connector	*rc;
	struct model			*vm;
	char				 path[4096], *paths[1];

	snprintf(path, sizeof(path), "%s/tests/data/exports/variations",
	    top != NULL ? top : ".");
	paths[0] = path;
	vm = load_paths(paths, 1, &diags);
	ck_assert_msg(diags.n == 0, "diagnostics: %s", diags.n ?
	    diags.v[0].msg : "");
	oc = (const struct outbound_connector *)named(vm, K_OUTBOUND,
	    "To Marlowe Print Center");
	ck_assert_int_eq(oc->test_mode, 1);
	ck_assert_int_eq(oc->transport_rule_scoped, 0);
	ck_assert_int_eq(oc->type, CT_PARTNER);
	/* No zone: UTC.  WhenChangedUTC before WhenChanged. */
	ck_assert_int_eq(oc->last_validated, 1770803230);
	ck_assert_int_eq(oc->when_changed, 1770803043);
	ck_assert(oc_test_mode(oc) && !oc_live(oc) && !oc_route(oc));
	oc = (const struct outbound_connector *)named(vm, K_OUTBOUND,
	    "Outbound to archive");
	ck_assert_int_eq(oc->test_mode, 0);
	ck_assert_int_eq(oc->type, CT_ONPREMISES);
	ck_assert_int_eq(oc->tls_settings, TLS_DOMAIN_VALIDATION);
	ck_assert_int_eq(oc->last_validated, 1767612600);
	ck_assert_int_eq(oc->when_changed, 1767603600);
	ck_assert(oc_live(oc) && oc_route(oc));
	oc = (const struct outbound_connector *)named(vm, K_OUTBOUND,
	    "Outbound subset");
	ck_assert_int_eq(oc->test_mode, TB_UNKNOWN);
	ck_assert_int_eq(oc->transport_rule_scoped, TB_UNKNOWN);
	ck_assert_int_eq(oc->route_all_via_onprem, TB_UNKNOWN);
	ck_assert_int_eq(oc->last_validated, 0);
	ck_assert_int_eq(oc->when_changed, 0);
	ic = (const struct inbound_connector *)named(vm, K_INBOUND,
	    "Relay subset");
	ck_assert_int_eq(obj_has_prop(&ic->o, "TlsSenderCertificateName"), 0);
	ck_assert_int_eq(ic->ef_test_mode, TB_UNKNOWN);
	ck_assert(ic_live(ic) && !ic_serves_devices(ic));
	rc = (const struct receive_connector *)named(vm, K_RECEIVE,
	    "Default Frontend EX1");
	ck_assert_int_eq(rc_exo_capability(rc, NULL), EXO_CAP_UNKNOWN);
	model_free(vm);
}
END_TEST

/* Object kinds and counts of ../shared/corpus, as PROVENANCE.md lists them. */
START_TEST(test_corpus_inventory)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096];
	char		*paths[1];
	struct model	*cm;
	size_t		 i, n;

	snprintf(path, sizeof(path), "%s/../shared/corpus",
	    top != NULL ? top : ".");
	if (access(path, R_OK) != 0)
		return;
	paths[0] = path;
	cm = load_paths(paths, 1, &diags);
	ck_assert_uint_eq(diags.nerrors, 0);
	ck_assert_uint_eq(cm->nobjs[K_RECEIVE], 10);
	ck_assert_uint_eq(cm->nobjs[K_SEND], 1);
	/* 4 + 5 + 2 + 1 (New-ExchangeCertificate) + 1 (X509Certificate2) */
	ck_assert_uint_eq(cm->nobjs[K_CERT], 13);
	ck_assert_uint_eq(cm->nobjs[K_HYBRID], 1);
	ck_assert_uint_eq(cm->nobjs[K_SERVER], 2);
	/* 3 on-premises (CLIXML) + 7 Exchange Online (ScubaGear) */
	ck_assert_uint_eq(cm->nobjs[K_ACCEPTED], 10);
	ck_assert_uint_eq(cm->nobjs[K_INBOUND], 1);
	ck_assert_uint_eq(cm->nobjs[K_OUTBOUND], 0);	/* [ null ] */
	ck_assert_uint_eq(cm->nobjs[K_REMOTE], 1);
	ck_assert_uint_eq(cm->nobjs[K_TRANSPORTCFG], 1);
	ck_assert_uint_eq(cm->nobjs[K_ORGCFG], 2);
	for (i = n = 0; i < cm->nobjs[K_CERT]; i++)
		if (((struct certificate *)cm->objs[K_CERT][i])->from_der)
			n++;
	ck_assert_uint_eq(n, 13);	/* all decoded from RawData */
	for (i = n = 0; i < cm->nobjs[K_RECEIVE]; i++)
		if (((struct receive_connector *)
		    cm->objs[K_RECEIVE][i])->has_tls_cert_name)
			n++;
	ck_assert_uint_eq(n, 1);	/* one SmtpX509Identifier, the rest Nil */
	ck_assert_uint_eq(cm->ndocs, 23);	/* 21 CLIXML + 2 JSON */
	model_free(cm);
}
END_TEST


/*
 * One -Depth cuts every branch at the same depth: in an aggregate file
 * whose cut shows far below its connectors, their lists are data; where
 * the cut reaches the objects, every list is unknown, even one value
 * with no space.  A bare type name as a list item is data.
 */
START_TEST(test_cut_depth)
{
	static const char *deep =
	    "{\"exo\": {\"connectors\": [{\n"
	    "  \"Name\": \"Inbound from 77aa\", \"ConnectorType\": 1,\n"
	    "  \"ObjectClass\": [\"top\", \"msExchSMTPInboundConnector\"],\n"
	    "  \"SenderDomains\": \"smtp:*;1\",\n"
	    "  \"TlsSenderCertificateName\": \"mail.contoso.com\"}],\n"
	    " \"rules\": [{\"Conditions\": [\"Microsoft.Exchange.Messaging"
	    "Policies.Rules.Tasks.RecipientDomainIsPredicate\"]}]},\n"
	    " \"other\": {\"a\": {\"b\": {\"c\": {\"d\": "
	    "\"@{inbound=True; outbound=True}\"}}}}}";
	static const char *shallow =
	    "[{\"Name\": \"Inbound from 77aa\", \"ConnectorType\": 1,\n"
	    "  \"ObjectClass\": \"top msExchSMTPInboundConnector\",\n"
	    "  \"SenderDomains\": \"smtp:*;1\",\n"
	    "  \"TlsSenderCertificateName\": \"mail.contoso.com\"}]";
	const struct inbound_connector	*ic;
	struct doc			*d2;

	d = json_load("deep.json", deep, strlen(deep), &diags);
	ck_assert_ptr_nonnull(d);
	load_doc(m, d, model_org(m, "o", NULL), SIDE_EXO, NULL, &diags);
	ck_assert_ptr_nonnull(d->cut);
	ck_assert_str_eq(d->cut->name, "d");
	ck_assert_uint_eq(m->nobjs[K_INBOUND], 1);
	ic = (const struct inbound_connector *)m->objs[K_INBOUND][0];
	ck_assert_int_eq(ic->o.cut, 0);
	ck_assert_int_eq(ic->sender_domains_known, 1);
	ck_assert_uint_eq(ic->nsender_domains, 1);

	d2 = json_load("shallow.json", shallow, strlen(shallow), &diags);
	ck_assert_ptr_nonnull(d2);
	load_doc(m, d2, model_org(m, "o", NULL), SIDE_EXO, NULL, &diags);
	ck_assert_ptr_nonnull(d2->cut);
	ck_assert_str_eq(d2->cut->name, "ObjectClass");
	ck_assert_uint_eq(m->nobjs[K_INBOUND], 2);
	ic = (const struct inbound_connector *)m->objs[K_INBOUND][1];
	ck_assert_int_eq(ic->o.cut, 1);
	ck_assert_int_eq(ic->sender_domains_known, 0);
	ck_assert_uint_eq(m->ncut, 2);
	ck_assert_str_eq(m->cut[1].loc.file, "shallow.json");
	doc_free(d2);
}
END_TEST

/* Every root of a JSON export: the records, in order. */
static size_t
add_json_all(const char *json, struct obj **out, size_t max)
{
	enum kind	 k;
	size_t		 i;

	d = json_load("t.json", json, strlen(json), &diags);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_le(d->nroots, max);
	for (i = 0; i < d->nroots; i++) {
		ck_assert_int_eq(recognize(d->roots[i], &k), 0);
		out[i] = model_add(m, d, d->roots[i], 0, k,
		    model_org(m, "o", NULL), SIDE_UNKNOWN, NULL, &diags);
	}
	return d->nroots;
}

#define RC(name, extra) \
	"{\n" \
	"  \"Name\": \"" name "\",\n" \
	"  \"Server\": \"EX01\",\n" \
	"  \"TransportRole\": \"FrontendTransport\",\n" \
	extra \
	"  \"Bindings\": [\n" \
	"    \"0.0.0.0:25\",\n" \
	"    \"[::]:25\"\n" \
	"  ],\n" \
	"  \"RemoteIPRanges\": [\n" \
	"    \"0.0.0.0-255.255.255.255\"\n" \
	"  ]\n" \
	"}"

/*
 * Records share what repeats: strings (keep), lists, ranges and property
 * tables of the same shape, whose lines are relative to each record.
 */
START_TEST(test_shared_storage)
{
	struct obj			*o[3];
	const struct receive_connector	*a, *b, *c;
	struct loc			 la, lb, lc;

	ck_assert_uint_eq(add_json_all("[\n" RC("Default EX01", "") ",\n"
	    RC("Client EX01", "") ",\n" RC("Relay EX01",
	    "  \"Fqdn\": \"relay.contoso.com\",\n") "\n]\n", o, 3), 3);
	a = (const struct receive_connector *)o[0];
	b = (const struct receive_connector *)o[1];
	c = (const struct receive_connector *)o[2];
	ck_assert_str_eq(a->o.name, "Default EX01");
	ck_assert_str_eq(b->o.name, "Client EX01");
	ck_assert_ptr_eq(a->transport_role, b->transport_role);
	ck_assert_ptr_eq(a->server, c->server);
	ck_assert_ptr_eq(a->bindings.v, b->bindings.v);
	ck_assert_uint_eq(a->bindings.n, 2);
	ck_assert_str_eq(a->bindings.v[1], "[::]:25");
	ck_assert_ptr_null(a->bindings.v[2]);
	ck_assert_ptr_eq(a->remote_ranges, c->remote_ranges);
	ck_assert_uint_eq(c->nremote_ranges, 1);
	/* One table for the two of the same layout, another for the third. */
	ck_assert_ptr_eq(a->o.props, b->o.props);
	ck_assert_ptr_ne(a->o.props, c->o.props);
	/* Each record's lines are its own. */
	la = obj_prop_loc(m->arena, &a->o, "Bindings");
	lb = obj_prop_loc(m->arena, &b->o, "Bindings");
	lc = obj_prop_loc(m->arena, &c->o, "Bindings");
	ck_assert_uint_eq(la.line, 6);
	ck_assert_uint_eq(lb.line, 18);
	ck_assert_uint_eq(lc.line, 31);
	ck_assert_str_eq(lb.pointer, "/1/Bindings");
	ck_assert_uint_eq(obj_prop_loc(m->arena, &c->o, "Fqdn").line, 30);
	ck_assert_int_eq(obj_has_prop(&a->o, "Fqdn"), 0);
	ck_assert_int_eq(obj_has_prop(&c->o, "fqdn"), 1);
	ck_assert_int_eq(obj_has_prop(&c->o, "NotRead"), -1);
	ck_assert_uint_eq(diags.n, 0);
}
END_TEST

/* The storage the model is built on: maps, sets, arenas, names. */
START_TEST(test_storage_primitives)
{
	struct strmap	*sm = strmap_new(), *in = strmap_new();
	struct blobset	*bs = blobset_new();
	struct arena	*a = arena_new();
	void *const	*v, *const *early;
	char		 key[32], text[400], same[] = "Name";
	const char	*p, *q, *strs[2000];
	size_t		 i, j, n;
	const int	 x[3] = { 1, 2, 3 }, y[3] = { 1, 2, 3 };
	uint16_t	 id;

	/* Lists under 1,000 keys, 1 to 5 values each, in order; a list
	 * taken early stays readable while the map grows. */
	strmap_add(sm, "k0", (void *)0x10);
	early = strmap_get(sm, "k0", &n);
	for (i = 0; i < 1000; i++)
		for (j = 0; j <= i % 5; j++) {
			snprintf(key, sizeof(key), "k%zu", i);
			if (i != 0 || j != 0)
				strmap_add(sm, key, (void *)(uintptr_t)(i * 8 +
				    j + 0x10));
		}
	ck_assert_ptr_eq(early[0], (void *)0x10);
	ck_assert_uint_eq(strmap_count(sm), 1000);
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		ck_assert_ptr_nonnull(v = strmap_get(sm, key, &n));
		ck_assert_uint_eq(n, i % 5 + 1);
		for (j = 1; j < n; j++)
			ck_assert_ptr_eq(v[j], (void *)(uintptr_t)(i * 8 + j +
			    0x10));
		ck_assert_ptr_null(v[n]);
	}
	ck_assert_ptr_null(strmap_get(sm, "k1000", &n));
	ck_assert_uint_eq(n, 0);
	/* A borrowed key is found by its text. */
	snprintf(key, sizeof(key), "borrowed");
	strmap_add_ref(sm, key, (void *)0x20);
	ck_assert_ptr_nonnull(v = strmap_get(sm, "borrowed", &n));
	ck_assert_ptr_eq(v[0], (void *)0x20);
	strmap_free(sm);

	/* One copy of each string, whatever buffer it comes from. */
	p = strmap_intern(in, "mx01.contoso.com");
	snprintf(key, sizeof(key), "mx01.contoso.com");
	ck_assert_ptr_eq(strmap_intern(in, key), p);
	ck_assert_ptr_ne(strmap_intern(in, "mx02.contoso.com"), p);
	ck_assert_str_eq(p, "mx01.contoso.com");

	/* One copy of each block of bytes. */
	p = blobset_intern(bs, a, x, sizeof(x));
	ck_assert_ptr_eq(blobset_intern(bs, a, y, sizeof(y)), p);
	ck_assert_ptr_ne(blobset_intern(bs, a, x, 2 * sizeof(int)), p);
	ck_assert_ptr_ne(p, (const void *)x);
	ck_assert_int_eq(memcmp(p, x, sizeof(x)), 0);
	q = blobset_intern(bs, a, x, 0);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_eq(blobset_intern(bs, a, y, 0), q);

	/* Strings of every length are packed and stay whole; allocations
	 * after them are aligned as malloc's are. */
	for (i = 0; i < 2000; i++) {
		n = (i * 37) % 390;
		memset(text, 'a' + (int)(i % 26), n);
		text[n] = '\0';
		strs[i] = arena_strdup(a, text);
		if (i % 7 == 0)
			ck_assert_uint_eq((uintptr_t)arena_alloc(a, 24) %
			    _Alignof(max_align_t), 0);
	}
	for (i = 0; i < 2000; i++) {
		n = (i * 37) % 390;
		ck_assert_uint_eq(strlen(strs[i]), n);
		for (j = 0; j < n; j++)
			ck_assert_int_eq(strs[i][j], 'a' + (int)(i % 26));
	}

	/* Property names: one number per text, back to its name. */
	id = objprop_id("Name");
	ck_assert_uint_eq(objprop_id(same), id);
	ck_assert_str_eq(objprop_name(id), "Name");
	ck_assert_uint_ne(objprop_id("Identity"), id);

	strmap_free(in);
	blobset_free(bs);
	arena_free(a);
}
END_TEST

/*
 * Property lines are kept relative to their record: a <Ref> property's is
 * the <Ref>'s, and a line above the record (no loader makes one today) is
 * kept as it is.
 */
START_TEST(test_prop_lines)
{
	const struct node	*b;
	struct obj		*o;
	struct objprop		 p;
	enum kind		 k;
	char			*copy;
	const char		*xml = "<Objs " NS ">\n"
	    "<Obj RefId=\"0\"><TN RefId=\"0\"><T>ReceiveConnector</T></TN><Props>\n"
	    "<S N=\"Name\">A</S>\n"
	    "<Obj N=\"Bindings\" RefId=\"1\"><TN RefId=\"1\"><T>MVP</T></TN><LST>\n"
	    "<S>0.0.0.0:25</S></LST></Obj>\n"
	    "<Obj N=\"RemoteIPRanges\" RefId=\"2\"><TNRef RefId=\"1\" /><LST>\n"
	    "<S>0.0.0.0-255.255.255.255</S></LST></Obj>\n"
	    "</Props></Obj>\n"
	    "<Obj RefId=\"3\"><TNRef RefId=\"0\" /><Props>\n"
	    "<S N=\"Name\">B</S>\n"
	    "<Ref N=\"Bindings\" RefId=\"1\" />\n"
	    "<Ref N=\"RemoteIPRanges\" RefId=\"2\" />\n"
	    "</Props></Obj>\n"
	    "</Objs>\n";

	copy = xstrdup(xml);
	d = clixml_load("t.xml", copy, strlen(copy), &diags);
	free(copy);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->nroots, 2);
	ck_assert_int_eq(recognize(d->roots[1], &k), 0);
	o = model_add(m, d, d->roots[1], 0, k, model_org(m, "o", NULL),
	    SIDE_UNKNOWN, NULL, &diags);
	b = node_prop(d->roots[1], "Bindings");
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(obj_prop_loc(m->arena, o, "Bindings").line,
	    b->loc.line);
	ck_assert_uint_eq(b->loc.line, 11);
	ck_assert_uint_eq(obj_prop_loc(m->arena, o, "Name").line, 10);
	ck_assert_uint_eq(((struct receive_connector *)o)->bindings.n, 1);
	/* The encoding itself. */
	memset(&p, 0, sizeof(p));
	objprop_set_line(o, &p, 12);
	ck_assert_uint_eq(objprop_line(o, &p), 12);
	objprop_set_line(o, &p, 9);
	ck_assert_uint_eq(objprop_line(o, &p), 9);
	objprop_set_line(o, &p, 3);
	ck_assert_uint_eq(objprop_line(o, &p), 3);
	objprop_set_line(o, &p, 0);
	ck_assert_uint_eq(objprop_line(o, &p), 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("model");
	TCase	*tc = tcase_create("core");
	SRunner	*sr;
	int	 nf;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_recognize_types);
	tcase_add_test(tc, test_recognize_signatures);
	tcase_add_test(tc, test_send_connector_clixml);
	tcase_add_test(tc, test_inbound_json_ps51);
	tcase_add_test(tc, test_wrong_types);
	tcase_add_test(tc, test_cut_depth);
	tcase_add_test(tc, test_certificate_json);
	tcase_add_test(tc, test_flags_and_enum_names);
	tcase_add_test(tc, test_side_inference);
	tcase_add_test(tc, test_corpus_inventory);
	tcase_add_test(tc, test_export_variations);
	tcase_add_test(tc, test_shared_storage);
	tcase_add_test(tc, test_storage_primitives);
	tcase_add_test(tc, test_prop_lines);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
