/*
 * pack-fuzzer.c: bytes -> text_decode('{') -> pack_parse() -> every rule
 * of the pack evaluated on a small fixed topology -> the findings in
 * text, JSON and SARIF, the catalogue and each rule's explain page.
 *
 * Oracles: a pack is returned exactly when no error was reported; a
 * returned pack's rules have ids in its namespace, kebab-case names,
 * documentation and the evaluator as check function; evaluation ends
 * (the step budget), and every finding has a message, a location and a
 * fix whose lines are printable (nothing a pack or an export says can
 * add a line or a control character to a fix); JSON and SARIF outputs
 * parse, and SARIF names the pack as a tool extension.
 *
 * The topology is built afresh for every input from the documents below
 * (two organizations, hybrid, with connectors, certificates, a receive
 * connector and a shared wildcard), so that nothing an input does
 * carries over to the next.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catalogue.h"
#include "engine.h"
#include "findings.h"
#include "format.h"
#include "json_load.h"
#include "load.h"
#include "pack.h"
#include "packeval.h"
#include "run.h"
#include "textfile.h"
#include "xalloc.h"

#include "fuzz_common.h"

#define FUZZ_ASOF	1795824000	/* 2026-11-28 */

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct {
	const char	*org;
	enum side	 side;
	const char	*server;
	const char	*json;
} docs[] = {
	{ "contoso", SIDE_EXO, NULL,
	  "[{\"Name\":\"contoso.com\",\"DomainName\":\"contoso.com\","
	  "\"DomainType\":\"Authoritative\",\"Default\":true},"
	  "{\"Name\":\"contoso.onmicrosoft.com\",\"DomainName\":"
	  "\"contoso.onmicrosoft.com\",\"DomainType\":\"Authoritative\","
	  "\"InitialDomain\":true},{\"Name\":\"contoso.mail.onmicrosoft.com\","
	  "\"DomainName\":\"contoso.mail.onmicrosoft.com\",\"DomainType\":"
	  "\"Authoritative\",\"IsCoexistenceDomain\":true}]" },
	{ "contoso", SIDE_EXO, NULL,
	  "[{\"Identity\":\"Inbound from 7d41\",\"Name\":\"Inbound from 7d41\","
	  "\"Enabled\":true,\"ConnectorType\":\"OnPremises\",\"SenderDomains\":"
	  "[\"smtp:*;1\"],\"SenderIPAddresses\":[\"192.0.2.0/28\","
	  "\"198.51.100.7\"],\"TlsSenderCertificateName\":\"*.contoso.com\","
	  "\"RequireTls\":true,\"CloudServicesMailEnabled\":true,"
	  "\"AssociatedAcceptedDomains\":[\"contoso.com\",\"fabrikam.com\"]},"
	  "{\"Identity\":\"Partner O'Neil\\u202e\",\"Name\":\"Partner O'Neil"
	  "\\u202e\",\"Enabled\":true,\"ConnectorType\":\"Partner\","
	  "\"SenderDomains\":[\"smtp:oneil.example;1\"],\"SenderIPAddresses\":"
	  "[],\"TlsSenderCertificateName\":null,\"RequireTls\":false,"
	  "\"TreatMessagesAsInternal\":true,\"EFUsers\":[]}]" },
	{ "contoso", SIDE_EXO, NULL,
	  "[{\"Identity\":\"To Northwind\",\"Name\":\"To Northwind\",\"Enabled\":"
	  "true,\"ConnectorType\":\"Partner\",\"RecipientDomains\":"
	  "[\"northwind.com\"],\"SmartHosts\":[],\"UseMXRecord\":true,"
	  "\"TlsSettings\":null}]" },
	{ "contoso", SIDE_EXO, NULL,
	  "{\"Name\":\"contoso.onmicrosoft.com\",\"RejectDirectSend\":false,"
	  "\"OrganizationalUnitRoot\":\"contoso.onmicrosoft.com\"}" },
	{ "contoso", SIDE_ONPREM, NULL,
	  "[{\"Name\":\"EX01\",\"Fqdn\":\"ex01.contoso.local\",\"ServerRole\":"
	  "\"Mailbox\",\"IsEdgeServer\":false}]" },
	{ "contoso", SIDE_ONPREM, "EX01",
	  "[{\"Identity\":\"EX01.contoso.local\\\\4E6A\",\"Thumbprint\":\"4E6A\","
	  "\"Subject\":\"CN=mail.contoso.com, O=Contoso, C=US\",\"Issuer\":"
	  "\"CN=Example CA, C=US\",\"CertificateDomains\":[\"mail.contoso.com\","
	  "\"*.contoso.com\"],\"Services\":24,\"Status\":1,\"RootCAType\":2,"
	  "\"IsSelfSigned\":false,\"NotBefore\":\"2026-06-01T00:00:00Z\","
	  "\"NotAfter\":\"2027-01-10T00:00:00Z\"},{\"Identity\":"
	  "\"EX01.contoso.local\\\\C70A\",\"Thumbprint\":\"C70A\",\"Subject\":"
	  "\"CN=EX01\",\"Issuer\":\"CN=EX01\",\"CertificateDomains\":[\"EX01\"],"
	  "\"Services\":19,\"Status\":1,\"IsSelfSigned\":true,\"NotBefore\":"
	  "\"2025-02-03T00:00:00Z\",\"NotAfter\":\"2030-02-03T00:00:00Z\"}]" },
	{ "contoso", SIDE_ONPREM, NULL,
	  "[{\"Identity\":\"Outbound to Office 365\",\"Name\":\"Outbound to "
	  "Office 365\",\"Enabled\":true,\"AddressSpaces\":"
	  "[\"smtp:contoso.mail.onmicrosoft.com;1\"],\"SmartHosts\":[],"
	  "\"DNSRoutingEnabled\":true,\"Fqdn\":\"mail.contoso.com\","
	  "\"TlsCertificateName\":\"<I>CN=Example CA, C=US<S>CN=mail.contoso."
	  "com, O=Contoso, C=US\",\"CloudServicesMailEnabled\":true,"
	  "\"SourceTransportServers\":[\"EX01\"]},{\"Identity\":\"Relay\","
	  "\"Name\":\"Relay\",\"Enabled\":true,\"AddressSpaces\":"
	  "[\"smtp:partner.example;10\"],\"SmartHosts\":[\"relay.partner."
	  "example\"],\"DNSRoutingEnabled\":false,\"Fqdn\":\"relay.contoso.com\","
	  "\"TlsCertificateName\":\"<I>CN=Old CA<S>CN=relay.contoso.com\","
	  "\"SourceTransportServers\":[\"EX01\",\"EX02\"]}]" },
	{ "contoso", SIDE_ONPREM, NULL,
	  "[{\"Identity\":\"EX01\\\\Default Frontend EX01\",\"Name\":\"Default "
	  "Frontend EX01\",\"Server\":\"EX01\",\"Enabled\":true,"
	  "\"RemoteIPRanges\":[\"0.0.0.0-255.255.255.255\",\"10.20.0.0/16\"],"
	  "\"AuthMechanism\":\"Tls, BasicAuth\",\"PermissionGroups\":"
	  "\"AnonymousUsers, ExchangeServers\",\"Fqdn\":\"mail.contoso.com\","
	  "\"TlsCertificateName\":\"<I>CN=Example CA, C=US<S>CN=mail.contoso."
	  "com, O=Contoso, C=US\",\"TlsDomainCapabilities\":[\"mail.protection."
	  "outlook.com:AcceptCloudServicesMail\"]}]" },
	{ "contoso", SIDE_ONPREM, NULL,
	  "[{\"Name\":\"contoso.com\",\"DomainName\":\"contoso.com\","
	  "\"DomainType\":\"Authoritative\",\"Default\":true},{\"Name\":"
	  "\"contoso.de\",\"DomainName\":\"contoso.de\",\"DomainType\":"
	  "\"Authoritative\"}]" },
	{ "northwind", SIDE_EXO, NULL,
	  "[{\"Name\":\"northwind.onmicrosoft.com\",\"DomainName\":"
	  "\"northwind.onmicrosoft.com\",\"DomainType\":\"Authoritative\","
	  "\"InitialDomain\":true}]" },
	{ "northwind", SIDE_EXO, NULL,
	  "[{\"Identity\":\"Inbound from 51c0\",\"Name\":\"Inbound from 51c0\","
	  "\"Enabled\":true,\"ConnectorType\":\"OnPremises\",\"SenderDomains\":"
	  "[\"smtp:*;1\"],\"TlsSenderCertificateName\":\"*.contoso.com\","
	  "\"RequireTls\":true}]" },
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init_libxml();
	return 0;
}

static struct run *
topology(void)
{
	struct diags	 d = { 0 };
	struct model	*m;
	struct doc	*doc;
	struct org	*org;
	char		 display[64];
	size_t		 i;

	m = xcalloc(1, sizeof(*m));
	m->arena = arena_new();
	m->root = arena_strdup(m->arena, "fuzz");
	m->has_manifest = 1;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		snprintf(display, sizeof(display), "%s/doc%zu.json",
		    docs[i].org, i);
		if ((doc = json_load(display, docs[i].json,
		    strlen(docs[i].json), &d)) == NULL)
			FUZZ_FAIL("fixed document %zu does not load", i);
		org = model_org(m, docs[i].org, NULL);
		org->from = "manifest";
		m->ndocs++;
		load_doc(m, doc, org, docs[i].side, docs[i].server, &d);
		doc_free(doc);
	}
	if (d.nerrors > 0)
		FUZZ_FAIL("fixed topology has errors: %s", d.v[0].msg);
	diag_free(&d);
	return run_open_model(m, FUZZ_ASOF, RUN_FLOWS);
}

static void
check_rules(const struct pack *p)
{
	const struct lint_rule	*r;
	size_t			 i, nl;
	const char		*c;

	if (p->nrules == 0)
		FUZZ_FAIL("a pack without rules was accepted");
	nl = strlen(p->ns);
	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i]->lr;
		if (r->id == NULL || strncmp(r->id, p->ns, nl) != 0 ||
		    r->id[nl] != '-' || strncmp(r->id, "HYB", 3) == 0)
			FUZZ_FAIL("rule id %s outside namespace %s",
			    r->id != NULL ? r->id : "(null)", p->ns);
		for (c = r->name; c != NULL && *c; c++)
			if (!islower((unsigned char)*c) &&
			    !isdigit((unsigned char)*c) && *c != '-')
				FUZZ_FAIL("rule name %s is not kebab-case",
				    r->name);
		if (r->name == NULL || r->summary == NULL || r->doc == NULL ||
		    r->check != pack_check || r->data != p->rules[i] ||
		    r->source != &p->src || p->rules[i]->assert == NULL)
			FUZZ_FAIL("rule %s incompletely compiled", r->id);
	}
}

/* A fix's lines: printable, no control character but the newlines. */
static void
check_fix(const char *fix)
{
	const unsigned char	*p;

	if (fix == NULL)
		return;
	for (p = (const unsigned char *)fix; *p; p++)
		if (*p < 0x20 && *p != '\n' && *p != '\t')
			FUZZ_FAIL("fix holds control character 0x%02x", *p);
}

static void
check_findings(const struct findings *fs)
{
	const struct finding	*f;
	size_t			 i;

	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (f->message == NULL || f->loc.file == NULL ||
		    f->fingerprint == NULL)
			FUZZ_FAIL("finding of %s incomplete", f->rule->id);
		fuzz_touch_str(f->message);
		fuzz_touch_str(f->logical);
		check_fix(f->fix);
	}
}

static json_t *
parse(const char *what, char *s)
{
	json_error_t	 e;
	json_t		*j;

	if (s == NULL || (j = json_loads(s, 0, &e)) == NULL)
		FUZZ_FAIL("%s output is not JSON", what);
	free(s);
	return j;
}

static void
outputs(const struct findings *fs, const struct ruleset *rs,
    const struct pack *p, const struct diags *d)
{
	struct format_ctx	 fc;
	json_t			*j, *ext;
	char			*buf = NULL;
	size_t			 len = 0, i;
	FILE			*fp;

	memset(&fc, 0, sizeof(fc));
	fc.version = "0.0.0";
	fc.asof = "2026-11-28";
	fc.diags = d;
	j = parse("JSON", format_json(fs, &fc));
	json_decref(j);
	j = parse("SARIF", format_sarif(fs, &fc));
	ext = json_array_get(json_object_get(json_object_get(json_array_get(
	    json_object_get(j, "runs"), 0), "tool"), "extensions"), 0);
	if (ext == NULL || json_string_value(json_object_get(ext, "name")) ==
	    NULL || strcmp(json_string_value(json_object_get(ext, "name")),
	    p->src.name) != 0 || json_array_size(json_object_get(ext,
	    "rules")) != p->nrules)
		FUZZ_FAIL("SARIF: the pack is not a tool extension with its "
		    "rules");
	json_decref(j);
	j = parse("catalogue", catalogue_json(rs));
	json_decref(j);
	free(format_junit(fs, &fc));
	if ((fp = open_memstream(&buf, &len)) != NULL) {
		catalogue_text(rs, fp);
		for (i = 0; i < p->nrules; i++)
			explain_text(&p->rules[i]->lr, fp);
		fclose(fp);
		free(buf);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags		 diags = { 0 };
	struct engine_opts	 eo;
	struct ruleset		 rs;
	struct rawfile		 raw;
	struct textfile		 tf;
	struct findings		*fs;
	struct pack		*p;
	struct run		*r;
	size_t			 i;

	if (size > FUZZ_MAX_INPUT || fuzz_rawfile(data, size, &raw) == -1)
		return 0;
	if (text_decode(&raw, "pack.json", '{', &tf, &diags) == -1) {
		fuzz_diags(&diags);
		diag_free(&diags);
		return 0;
	}
	ruleset_init(&rs);
	p = pack_parse("rules/pack.json", tf.text, tf.len, &rs, &diags);
	textfile_free(&tf);
	if (p == NULL) {
		if (diags.nerrors == 0)
			FUZZ_FAIL("pack_parse failed without an error");
	} else {
		if (diags.nerrors != 0)
			FUZZ_FAIL("pack_parse returned a pack with errors");
		check_rules(p);
		pack_add(&rs, p);
		r = topology();
		engine_opts_init(&eo, &rs, FUZZ_ASOF);
		/* The pack's rules, and the one that reports the undecided. */
		for (i = 0; i < rs.n; i++)
			eo.set[i].enabled = rs.v[i]->source != NULL ||
			    (rs.v[i]->flags & RULE_UNDECIDED) != 0;
		fs = run_lint(r, &eo);
		check_findings(fs);
		outputs(fs, &rs, p, &diags);
		findings_free(fs);
		engine_opts_release(&eo);
		run_close(r);
	}
	fuzz_diags(&diags);
	diag_free(&diags);
	ruleset_release(&rs);
	return 0;
}
