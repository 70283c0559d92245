/*
 * check_packs.c: rule packs.
 *
 *  - loader: every kind of error is reported with the file, the line and
 *    column of the value at fault and its JSON Pointer, and no pack is
 *    returned;
 *  - operators: each condition operator, the combinations and the joins
 *    evaluated on the topology in tests/packs/ops (true, false, unknown);
 *  - findings: messages and fixes filled in (fix values as PowerShell
 *    literals), valid_from/valid_until, the step budget;
 *  - equivalence: tests/packs/builtin-equivalents re-expresses HYB011,
 *    HYB033's core and HYB031 as pack rules, which must report the same
 *    objects with the same severities as the built-in rules on the
 *    built-in rules' fixtures.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "findings.h"
#include "pack.h"
#include "packeval.h"
#include "packfn.h"
#include "props.h"
#include "run.h"
#include "xalloc.h"

#define ASOF	1795824000	/* 2026-11-28 */

static const char *
top(void)
{
	const char	*t = getenv("top_srcdir");

	return t != NULL ? t : ".";
}

/* A pack of one rule: its kind and the rest of its members. */
static char *
one_rule(const char *kind, const char *members)
{
	return xasprintf("{\n"
	    "  \"format\": 1,\n"
	    "  \"name\": \"test-pack\",\n"
	    "  \"version\": \"1.0.0\",\n"
	    "  \"min_hybridlint\": \"0.1.0\",\n"
	    "  \"namespace\": \"TEST\",\n"
	    "  \"rules\": [ {\n"
	    "    \"id\": \"TEST-001\",\n"
	    "    \"name\": \"test-rule\",\n"
	    "    \"severity\": \"error\",\n"
	    "    \"summary\": \"A test\",\n"
	    "    \"documentation\": \"A test rule.\",\n"
	    "    \"kind\": \"%s\",\n"
	    "%s\n"
	    "  } ]\n"
	    "}\n", kind, members);
}

/* ---- The loader's errors ------------------------------------------- */

struct loaderr {
	const char	*text;		/* a whole pack, or NULL: */
	const char	*kind;		/* one_rule(kind, members) */
	const char	*members;
	const char	*at;		/* where the value at fault starts */
	const char	*pointer;	/* NULL: no "(at ...)" expected */
	const char	*phrase;
};

#define ASSERT_TRUE	"    \"assert\": { \"prop\": \"RequireTls\", \"eq\": true },\n" \
			"    \"message\": \"m\""

static const struct loaderr loaderrs[] = {
	/* Unknown members, at each level. */
	{ "{ \"format\": 1, \"name\": \"p\", \"version\": \"1.0.0\", "
	  "\"min_hybridlint\": \"0.1.0\", \"namespace\": \"TEST\",\n"
	  "  \"colour\": \"red\", \"rules\": [] }", NULL, NULL,
	  "\"red\"", "/colour", "unknown member \"colour\"" },
	{ NULL, "InboundConnector", ASSERT_TRUE ",\n    \"wher\": 1",
	  "1\n", "/rules/0/wher", "unknown member \"wher\"" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": \"Name\", "
	  "\"equals\": \"x\" },\n    \"message\": \"m\"",
	  "\"x\" }", "/rules/0/assert/equals", "unknown member \"equals\"" },
	/* Wrong types. */
	{ NULL, "InboundConnector", ASSERT_TRUE ",\n    \"tags\": \"x\"",
	  "\"x\"\n", "/rules/0/tags", "takes an array" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": "
	  "\"RequireTls\", \"eq\": \"yes\" },\n    \"message\": \"m\"",
	  "\"yes\"", "/rules/0/assert/eq", "takes a boolean" },
	{ NULL, "InboundConnector", "    \"assert\": [ true ],\n"
	  "    \"message\": \"m\"", "[ true ]", "/rules/0/assert",
	  "a condition is an object" },
	{ NULL, "ExchangeCertificate", "    \"assert\": { \"prop\": "
	  "\"NotAfter\", \"lt\": \"soon\" },\n    \"message\": \"m\"",
	  "\"soon\"", "/rules/0/assert/lt", "not a date" },
	{ NULL, "ExchangeCertificate", "    \"assert\": { \"prop\": "
	  "\"NotAfter\", \"lt\": { \"days\": 1e3 } },\n    \"message\": \"m\"",
	  "1e3", "/rules/0/assert/lt/days", "whole number of days" },
	/* Unknown kinds, properties, functions, values. */
	{ NULL, "Mailbox", ASSERT_TRUE, "\"Mailbox\"", "/rules/0/kind",
	  "unknown kind \"Mailbox\"" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": "
	  "\"RequireTLSX\", \"eq\": true },\n    \"message\": \"m\"",
	  "\"RequireTLSX\"", "/rules/0/assert/prop",
	  "InboundConnector has no property \"RequireTLSX\"" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": \"@server\", "
	  "\"exists\": true },\n    \"message\": \"m\"", "\"@server\"",
	  "/rules/0/assert/prop", "@server does not apply to InboundConnector" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": \"@nothing\", "
	  "\"exists\": true },\n    \"message\": \"m\"", "\"@nothing\"",
	  "/rules/0/assert/prop", "there is no function \"@nothing\"" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": "
	  "\"ConnectorType\", \"eq\": \"OnPremise\" },\n    \"message\": \"m\"",
	  "\"OnPremise\"", "/rules/0/assert/eq",
	  "\"OnPremise\" is not a value of ConnectorType (OnPremises, Partner)" },
	{ NULL, "InboundConnector", ASSERT_TRUE ",\n    \"property\": \"Nope\"",
	  "\"Nope\"", "/rules/0/property", "names a property of" },
	/* Operators that do not fit. */
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": "
	  "\"SenderIPAddresses\", \"glob\": \"x\" },\n    \"message\": \"m\"",
	  "\"x\"", "/rules/0/assert/glob", "glob does not apply to "
	  "SenderIPAddresses" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": \"Name\", "
	  "\"eq\": \"a\", \"ne\": \"b\" },\n    \"message\": \"m\"",
	  "{ \"prop\": \"Name\"", "/rules/0/assert", "one operator" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": \"Name\", "
	  "\"every\": true, \"eq\": \"a\" },\n    \"message\": \"m\"",
	  "true, \"eq\"", "/rules/0/assert/every", "\"every\" applies to a list" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": \"Name\", "
	  "\"eq\": { \"outer\": \"Name\" } },\n    \"message\": \"m\"",
	  "\"Name\" } }", "/rules/0/assert/eq/outer", "no \"some\" around" },
	{ NULL, "InboundConnector", "    \"assert\": { \"some\": { \"kind\": "
	  "\"AcceptedDomain\", \"on\": { \"prop\": \"DomainName\", \"ne\": "
	  "{ \"outer\": \"Name\" } } } },\n    \"message\": \"m\"",
	  "{ \"prop\": \"DomainName\"", "/rules/0/assert/some/on",
	  "\"on\" relates a property" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": "
	  "\"SenderIPAddresses\", \"cidr_contains\": \"10.0.0.0/33\" },\n"
	  "    \"message\": \"m\"", "\"10.0.0.0/33\"",
	  "/rules/0/assert/cidr_contains", "not an IP address or range" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": \"Name\", "
	  "\"glob\": \"[abc\" },\n    \"message\": \"m\"", "\"[abc\"",
	  "/rules/0/assert/glob", "glob pattern" },
	/* Regular expressions. */
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": \"Name\", "
	  "\"regex\": \"(a\" },\n    \"message\": \"m\"", "\"(a\"",
	  "/rules/0/assert/regex", "is not valid" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": \"Name\", "
	  "\"regex\": \"(a)\\\\1\" },\n    \"message\": \"m\"", "\"(a)",
	  "/rules/0/assert/regex", "back-reference" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": \"Name\", "
	  "\"regex\": \"(a{100}){100}\" },\n    \"message\": \"m\"",
	  "\"(a{100}", "/rules/0/assert/regex", "multiply to more than 1000" },
	/* Ids and names. */
	{ NULL, "InboundConnector", ASSERT_TRUE " }, {\n"
	  "    \"id\": \"TEST-001\", \"name\": \"other\", \"severity\": \"note\","
	  " \"summary\": \"s\", \"documentation\": \"d\", \"kind\": "
	  "\"AcceptedDomain\", \"assert\": { \"prop\": \"Default\", \"eq\": "
	  "true }, \"message\": \"m\"", "\"TEST-001\", \"name\": \"other\"",
	  "/rules/1/id", "duplicate rule id \"TEST-001\" (also at /rules/0)" },
	{ "{ \"format\": 1, \"name\": \"p\", \"version\": \"1.0.0\", "
	  "\"min_hybridlint\": \"0.1.0\", \"namespace\": \"TEST\", \"rules\": "
	  "[\n { \"id\": \"HYB001\", \"name\": \"n\", \"severity\": \"note\", "
	  "\"summary\": \"s\", \"documentation\": \"d\", \"kind\": "
	  "\"AcceptedDomain\", \"assert\": { \"prop\": \"Default\", \"eq\": "
	  "true }, \"message\": \"m\" } ] }", NULL, NULL, "\"HYB001\"",
	  "/rules/0/id", "reserved for hybridlint's own rules" },
	{ "{ \"format\": 1, \"name\": \"p\", \"version\": \"1.0.0\", "
	  "\"min_hybridlint\": \"0.1.0\",\n \"namespace\": \"HYBRID\", "
	  "\"rules\": [] }", NULL, NULL, "\"HYBRID\"", "/namespace",
	  "HYB is reserved" },
	{ "{ \"format\": 1, \"name\": \"p\", \"version\": \"1.0.0\", "
	  "\"min_hybridlint\": \"0.1.0\", \"namespace\": \"TEST\", \"rules\": "
	  "[\n { \"id\": \"ACME-001\", \"name\": \"n\", \"severity\": \"note\", "
	  "\"summary\": \"s\", \"documentation\": \"d\", \"kind\": "
	  "\"AcceptedDomain\", \"assert\": { \"prop\": \"Default\", \"eq\": "
	  "true }, \"message\": \"m\" } ] }", NULL, NULL, "\"ACME-001\"",
	  "/rules/0/id", "not in the pack's namespace" },
	{ "{ \"format\": 1, \"name\": \"p\", \"version\": \"1.0.0\", "
	  "\"min_hybridlint\": \"0.1.0\", \"namespace\": \"TEST\", \"rules\": "
	  "[\n { \"id\": \"TEST-001\", \"name\": "
	  "\"inbound-cert-captures-foreign-mail\", \"severity\": \"note\", "
	  "\"summary\": \"s\", \"documentation\": \"d\", \"kind\": "
	  "\"AcceptedDomain\", \"assert\": { \"prop\": \"Default\", \"eq\": "
	  "true }, \"message\": \"m\" } ] }", NULL, NULL,
	  "\"inbound-cert-captures-foreign-mail\"", "/rules/0/name",
	  "hybridlint's own HYB001" },
	/* Versions. */
	{ "{ \"format\": 2, \"name\": \"p\",\n \"rules\": 7 }", NULL, NULL,
	  "2,", "/format", "format 2 is newer than this hybridlint reads (1)" },
	{ "{ \"format\": 1, \"name\": \"p\", \"version\": \"1.0.0\",\n"
	  "  \"min_hybridlint\": \"99.0.0\", \"rules\": 7 }", NULL, NULL,
	  "\"99.0.0\"", "/min_hybridlint", "needs hybridlint 99.0.0 or later" },
	/* Templates, texts, dates. */
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": "
	  "\"RequireTls\", \"eq\": true },\n    \"message\": \"${Nope} m\"",
	  "\"${Nope}", "/rules/0/message", "has no property \"Nope\"" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": "
	  "\"RequireTls\", \"eq\": true },\n    \"message\": \"m ${Name\"",
	  "\"m ${", "/rules/0/message", "\"${\" without its \"}\"" },
	{ NULL, "InboundConnector", "    \"assert\": { \"prop\": "
	  "\"RequireTls\", \"eq\": true },\n    \"message\": \"a\\nb\"",
	  "\"a\\n", "/rules/0/message", "is one line" },
	{ NULL, "InboundConnector", ASSERT_TRUE ",\n"
	  "    \"valid_from\": \"2026-13-01\"", "\"2026-13-01\"",
	  "/rules/0/valid_from", "is a date" },
	{ NULL, "InboundConnector", ASSERT_TRUE ",\n"
	  "    \"valid_from\": \"2026-02-01\", \"valid_until\": \"2026-01-01\"",
	  "\"2026-01-01\"", "/rules/0/valid_until", "before \"valid_from\"" },
	{ NULL, "InboundConnector", ASSERT_TRUE ",\n"
	  "    \"fix\": [ \"# ok\", \"Get-X | Set-X -Identity ${Name}\" ]",
	  "[ \"# ok\"", "/rules/0/fix", "pipelines are not supported" },
	{ NULL, "InboundConnector", ASSERT_TRUE ",\n"
	  "    \"fix\": \"Set-X -Identity ${Name} -Y $v\"",
	  "\"Set-X", "/rules/0/fix", "a \"fix\" line is a comment or one "
	  "command whose arguments are literals" },
	{ NULL, "InboundConnector", ASSERT_TRUE ",\n"
	  "    \"security_severity\": \"7.25\"", "\"7.25\"",
	  "/rules/0/security_severity", "a score from \"0.0\" to \"10.0\"" },
	{ NULL, "InboundConnector", "    \"message\": \"m\"",
	  "{\n    \"id\"", "/rules/0", "\"assert\" is required" },
	/* Nesting. */
	{ NULL, "InboundConnector", "    \"assert\": "
	  "{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{"
	  "\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\""
	  "not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"n"
	  "ot\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"not\":{\"no"
	  "t\":{\"not\":{\"not\":{\"not\":{\"not\":{\"prop\":\"Name\",\"exi"
	  "sts\":true}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}"
	  ",\n    \"message\": \"m\"", "{\"prop\":\"Name\"", NULL,
	  "conditions nest deeper than 32" },
	/* Not JSON at all: jansson's error, located. */
	{ "{ \"format\": 1,\n  \"name\": tru }", NULL, NULL, "tru }", NULL,
	  "invalid token" },
};

/* Line and column (1-based, bytes: the texts are ASCII) of 'at'. */
static void
position(const char *text, const char *at, unsigned *line, unsigned *col)
{
	const char	*p = strstr(text, at), *q, *bol = text;

	ck_assert_msg(p != NULL, "test error: '%s' not in the pack", at);
	*line = 1;
	for (q = text; q < p; q++)
		if (*q == '\n') {
			(*line)++;
			bol = q + 1;
		}
	*col = (unsigned)(p - bol) + 1;
}

START_TEST(test_loader_errors)
{
	const struct loaderr	*e = &loaderrs[_i];
	struct ruleset		 rs;
	struct diags		 d = { 0 };
	struct pack		*p;
	char			*text, *want;
	unsigned		 line, col;
	size_t			 i;
	int			 found = 0;

	text = e->text != NULL ? xstrdup(e->text) :
	    one_rule(e->kind, e->members);
	ruleset_init(&rs);
	p = pack_parse("pack.json", text, strlen(text), &rs, &d);
	ck_assert_msg(p == NULL, "case %d: a pack was returned", _i);
	ck_assert_uint_gt(d.nerrors, 0);
	position(text, e->at, &line, &col);
	want = e->pointer != NULL ? xasprintf("(at %s)", e->pointer) : NULL;
	for (i = 0; i < d.n && !found; i++)
		found = strcmp(d.v[i].file, "pack.json") == 0 &&
		    d.v[i].line == line && (e->pointer == NULL ||
		    d.v[i].col == col) && strstr(d.v[i].msg, e->phrase) != NULL &&
		    (want == NULL || strstr(d.v[i].msg, want) != NULL);
	if (!found)
		for (i = 0; i < d.n; i++)
			fprintf(stderr, "case %d: %s:%u:%u: %s\n", _i,
			    d.v[i].file, d.v[i].line, d.v[i].col, d.v[i].msg);
	ck_assert_msg(found, "case %d: no error '%s' %s at pack.json:%u:%u",
	    _i, e->phrase, want != NULL ? want : "", line, col);
	free(want);
	diag_free(&d);
	ruleset_release(&rs);
	free(text);
}
END_TEST

/* An id that another pack already has. */
START_TEST(test_loader_id_of_another_pack)
{
	struct ruleset	 rs;
	struct diags	 d = { 0 };
	struct pack	*p;
	char		*a, *b;
	size_t		 n;

	ruleset_init(&rs);
	n = rs.n;
	a = one_rule("InboundConnector", ASSERT_TRUE);
	p = pack_parse("a.json", a, strlen(a), &rs, &d);
	ck_assert_ptr_nonnull(p);
	pack_add(&rs, p);
	ck_assert_uint_eq(rs.n, n + 1);
	ck_assert_ptr_eq(ruleset_find(&rs, "test-001"), &p->rules[0]->lr);
	b = xstrdup(a);
	ck_assert_ptr_null(pack_parse("b.json", b, strlen(b), &rs, &d));
	ck_assert_uint_gt(d.n, 0);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "rule id \"TEST-001\" is "
	    "already taken by TEST-001 test-rule of pack test-pack (a.json)"));
	ck_assert_uint_eq(rs.n, n + 1);
	diag_free(&d);
	ruleset_release(&rs);
	free(a);
	free(b);
}
END_TEST

/* A pack is loaded once, however often it is named. */
START_TEST(test_loader_once)
{
	struct ruleset	 rs;
	struct diags	 d = { 0 };
	char		*dir, *file;
	size_t		 n;

	ruleset_init(&rs);
	n = rs.n;
	dir = xasprintf("%s/samples/rule-packs/house-rules", top());
	file = xasprintf("%s/pack.json", dir);
	ck_assert_int_eq(pack_load(&rs, dir, &d), 0);
	ck_assert_int_eq(pack_load(&rs, file, &d), 0);
	ck_assert_uint_eq(rs.npacks, 1);
	ck_assert_uint_ge(rs.n - n, 6);
	ck_assert_int_eq(pack_load(&rs, "/nonexistent/pack", &d), -1);
	ck_assert_uint_eq(d.nerrors, 1);
	ck_assert_uint_eq(rs.npacks, 1);
	diag_free(&d);
	ruleset_release(&rs);
	free(dir);
	free(file);
}
END_TEST

/* ---- Operators on tests/packs/ops -------------------------------------- */

static struct run	*ops_run;
static struct ruleset	 ops_rules;

struct opcase {
	const char	*kind;
	const char	*object;	/* a substring of its identity */
	const char	*cond;
	enum tv		 want;
};

#define IC	"InboundConnector", "Inbound from 7d41"
#define PN	"InboundConnector", "Partner O'Neil"
#define CERT	"ExchangeCertificate", "4E6A8C0B"
#define SELFC	"ExchangeCertificate", "C70AB080"
#define HSC	"SendConnector", "Outbound to Office 365"
#define RSC	"SendConnector", "To partner relay"
#define RC	"ReceiveConnector", "Default Frontend"
#define T	TV_TRUE
#define F	TV_FALSE
#define U	TV_UNKNOWN

static const struct opcase opcases[] = {
	/* eq, ne, in: enumerations, strings, lists, booleans, references */
	{ IC, "{\"prop\": \"ConnectorType\", \"eq\": \"onpremises\"}", T },
	{ IC, "{\"prop\": \"ConnectorType\", \"eq\": \"Partner\"}", F },
	{ IC, "{\"prop\": \"connectortype\", \"ne\": \"Partner\"}", T },
	{ IC, "{\"prop\": \"Name\", \"eq\": \"INBOUND FROM 7D41\"}", T },
	{ IC, "{\"prop\": \"Name\", \"eq\": {\"prop\": \"Identity\"}}", T },
	{ IC, "{\"prop\": \"AssociatedAcceptedDomains\", \"eq\": "
	  "\"FABRIKAM.com\"}", T },
	{ IC, "{\"prop\": \"AssociatedAcceptedDomains\", \"every\": true, "
	  "\"eq\": \"contoso.com\"}", F },
	{ IC, "{\"prop\": \"AssociatedAcceptedDomains\", \"ne\": "
	  "\"northwind.com\"}", T },
	{ IC, "{\"prop\": \"RequireTls\", \"eq\": true}", T },
	{ PN, "{\"prop\": \"RequireTls\", \"eq\": true}", F },
	{ IC, "{\"prop\": \"ConnectorType\", \"in\": [\"Partner\", "
	  "\"OnPremises\"]}", T },
	{ IC, "{\"prop\": \"ConnectorType\", \"in\": [\"Partner\"]}", F },
	{ PN, "{\"prop\": \"TlsSenderCertificateName\", \"eq\": \"x\"}", F },
	{ PN, "{\"prop\": \"TlsSenderCertificateName\", \"ne\": \"x\"}", T },
	/* glob, regex */
	{ IC, "{\"prop\": \"TlsSenderCertificateName\", \"glob\": "
	  "\"*.CONTOSO.*\"}", T },
	{ IC, "{\"prop\": \"TlsSenderCertificateName\", \"glob\": "
	  "\"mail.*\"}", F },
	{ IC, "{\"prop\": \"TlsSenderCertificateName\", \"glob\": "
	  "\"\\\\**\"}", T },
	{ PN, "{\"prop\": \"Name\", \"glob\": \"\\\\**\"}", F },
	{ IC, "{\"prop\": \"Name\", \"regex\": \"^inbound from "
	  "[0-9a-f]{4}$\"}", T },
	{ IC, "{\"prop\": \"Name\", \"regex\": \"^outbound\"}", F },
	{ HSC, "{\"prop\": \"TlsCertificateName\", \"regex\": "
	  "\"<S>CN=mail\\\\.contoso\\\\.com\"}", T },
	/* exists, empty, unknown values */
	{ IC, "{\"prop\": \"TreatMessagesAsInternal\", \"exists\": false}", T },
	{ IC, "{\"prop\": \"RequireTls\", \"exists\": true}", T },
	{ PN, "{\"prop\": \"TlsSenderCertificateName\", \"exists\": true}", F },
	{ IC, "{\"prop\": \"SenderIPAddresses\", \"empty\": false}", T },
	{ PN, "{\"prop\": \"EFUsers\", \"empty\": true}", T },
	{ IC, "{\"prop\": \"EFUsers\", \"empty\": true}", U },
	{ IC, "{\"prop\": \"TreatMessagesAsInternal\", \"eq\": true}", U },
	{ IC, "{\"prop\": \"TreatMessagesAsInternal\", \"eq\": true, "
	  "\"if_unknown\": false}", F },
	{ IC, "{\"prop\": \"TreatMessagesAsInternal\", \"ne\": true, "
	  "\"if_unknown\": true}", T },
	{ HSC, "{\"prop\": \"Port\", \"lt\": 30}", U },
	/* lt, gt: numbers, dates, days from --as-of */
	{ CERT, "{\"prop\": \"NotAfter\", \"lt\": \"2027-02-01\"}", T },
	{ CERT, "{\"prop\": \"NotAfter\", \"gt\": \"2027-02-01\"}", F },
	{ CERT, "{\"prop\": \"NotAfter\", \"lt\": {\"days\": 60}}", T },
	{ CERT, "{\"prop\": \"NotAfter\", \"gt\": {\"days\": 60}}", F },
	{ CERT, "{\"prop\": \"NotBefore\", \"lt\": {\"prop\": \"NotAfter\"}}",
	  T },
	{ CERT, "{\"prop\": \"@days_until_expiry\", \"lt\": 44}", T },
	{ CERT, "{\"prop\": \"@days_until_expiry\", \"lt\": 43}", F },
	{ CERT, "{\"prop\": \"@validity_days\", \"eq\": 223}", T },
	{ SELFC, "{\"prop\": \"@validity_days\", \"gt\": 1826}", F },
	/* contains: text, lists, flags */
	{ IC, "{\"prop\": \"Name\", \"contains\": \"FROM 7D\"}", T },
	{ IC, "{\"prop\": \"AssociatedAcceptedDomains\", \"contains\": "
	  "\"contoso.com\"}", T },
	{ IC, "{\"prop\": \"AssociatedAcceptedDomains\", \"contains\": "
	  "\"contoso\"}", F },
	{ CERT, "{\"prop\": \"Services\", \"contains\": \"smtp\"}", T },
	{ CERT, "{\"prop\": \"Services\", \"contains\": \"IMAP\"}", F },
	{ RC, "{\"prop\": \"PermissionGroups\", \"contains\": "
	  "\"AnonymousUsers\"}", T },
	{ RC, "{\"prop\": \"AuthMechanism\", \"contains\": \"BasicAuth\"}", T },
	{ CERT, "{\"prop\": \"Subject\", \"contains\": \"o=contoso\"}", T },
	/* X.500 names and certificate names */
	{ CERT, "{\"prop\": \"Subject\", \"eq\": \"cn=MAIL.contoso.com,o=Contoso,"
	  "c=US\"}", T },
	{ HSC, "{\"prop\": \"TlsCertificateName\", \"eq\": \"<I>CN=Example TLS "
	  "RSA CA 2024,O=Example Trust Services,C=US<S>CN=mail.contoso.com, "
	  "O=Contoso, C=US\"}", T },
	{ HSC, "{\"prop\": \"TlsCertificateName\", \"eq\": \"<I>CN=Other CA"
	  "<S>CN=mail.contoso.com, O=Contoso, C=US\"}", F },
	/* IP ranges */
	{ IC, "{\"prop\": \"SenderIPAddresses\", \"cidr_contains\": "
	  "\"192.0.2.5\"}", T },
	{ IC, "{\"prop\": \"SenderIPAddresses\", \"cidr_contains\": "
	  "\"192.0.2.0/24\"}", F },
	{ IC, "{\"prop\": \"SenderIPAddresses\", \"cidr_overlaps\": "
	  "\"192.0.2.8/29\"}", T },
	{ IC, "{\"prop\": \"SenderIPAddresses\", \"cidr_overlaps\": "
	  "[\"10.0.0.0/8\", \"2001:db8::/32\"]}", F },
	{ IC, "{\"prop\": \"SenderIPAddresses\", \"every\": true, "
	  "\"cidr_within\": [\"192.0.2.0/24\", \"198.51.100.0/24\"]}", T },
	{ IC, "{\"prop\": \"SenderIPAddresses\", \"every\": true, "
	  "\"cidr_within\": \"192.0.2.0/24\"}", F },
	{ RC, "{\"prop\": \"RemoteIPRanges\", \"cidr_contains\": "
	  "\"0.0.0.0/0\"}", T },
	/* cert_name_matches: wildcards on either side */
	{ CERT, "{\"prop\": \"@certificate\", \"cert_name_matches\": "
	  "\"autodiscover.contoso.com\"}", T },
	{ CERT, "{\"prop\": \"@certificate\", \"cert_name_matches\": "
	  "\"*.contoso.com\"}", T },
	{ CERT, "{\"prop\": \"@certificate\", \"cert_name_matches\": "
	  "\"www.contoso.com\"}", F },
	{ HSC, "{\"prop\": \"@presented_certificates\", \"cert_name_matches\": "
	  "{\"prop\": \"Fqdn\"}}", T },
	{ RSC, "{\"prop\": \"@presented_certificates\", \"empty\": true}", T },
	/* all, any, not: three-valued */
	{ IC, "{\"all\": [{\"prop\": \"RequireTls\", \"eq\": true}, "
	  "{\"prop\": \"TreatMessagesAsInternal\", \"eq\": true}]}", U },
	{ IC, "{\"all\": [{\"prop\": \"RequireTls\", \"eq\": false}, "
	  "{\"prop\": \"TreatMessagesAsInternal\", \"eq\": true}]}", F },
	{ IC, "{\"any\": [{\"prop\": \"RequireTls\", \"eq\": true}, "
	  "{\"prop\": \"TreatMessagesAsInternal\", \"eq\": true}]}", T },
	{ IC, "{\"any\": [{\"prop\": \"RequireTls\", \"eq\": false}, "
	  "{\"prop\": \"TreatMessagesAsInternal\", \"eq\": true}]}", U },
	{ IC, "{\"not\": {\"prop\": \"TreatMessagesAsInternal\", \"eq\": "
	  "true}}", U },
	{ IC, "{\"not\": {\"prop\": \"RequireTls\", \"eq\": true}}", F },
	/* pack functions */
	{ IC, "{\"prop\": \"@tenant\", \"eq\": \"contoso.onmicrosoft.com\"}",
	  T },
	{ IC, "{\"prop\": \"@organization\", \"eq\": \"contoso\"}", T },
	{ IC, "{\"prop\": \"@side\", \"eq\": \"exchange-online\"}", T },
	{ IC, "{\"prop\": \"@hybrid\", \"eq\": true}", T },
	{ CERT, "{\"prop\": \"@server\", \"eq\": \"ex01.contoso.local\"}", T },
	{ CERT, "{\"prop\": \"@presented_to_exchange_online\", \"eq\": true}",
	  T },
	{ SELFC, "{\"prop\": \"@presented_to_exchange_online\", \"eq\": true}",
	  F },
	{ HSC, "{\"prop\": \"@source_servers\", \"eq\": "
	  "\"ex01.contoso.local\"}", T },
	{ HSC, "{\"prop\": \"@attributed_tenants\", \"eq\": "
	  "\"contoso.onmicrosoft.com\"}", T },
	{ HSC, "{\"prop\": \"@attributed_organizations\", \"every\": true, "
	  "\"eq\": {\"prop\": \"@organization\"}}", T },
	{ RSC, "{\"prop\": \"@attributed_tenants\", \"empty\": true}", T },
	/* joins: eq on an index, each, scope, certificate names both ways */
	{ HSC, "{\"some\": {\"kind\": \"ExchangeCertificate\", \"on\": "
	  "{\"prop\": \"@server\", \"eq\": {\"outer\": \"@source_servers\"}}, "
	  "\"each\": true, \"where\": {\"prop\": \"@tls_certificate_name\", "
	  "\"eq\": {\"outer\": \"TlsCertificateName\"}}}}", T },
	{ RSC, "{\"some\": {\"kind\": \"ExchangeCertificate\", \"on\": "
	  "{\"prop\": \"@server\", \"eq\": {\"outer\": \"@source_servers\"}}, "
	  "\"each\": true, \"where\": {\"prop\": \"@tls_certificate_name\", "
	  "\"eq\": {\"outer\": \"TlsCertificateName\"}}}}", F },
	{ IC, "{\"some\": {\"kind\": \"InboundConnector\", \"on\": {\"prop\": "
	  "\"TlsSenderCertificateName\", \"eq\": {\"outer\": "
	  "\"TlsSenderCertificateName\"}}, \"where\": {\"prop\": "
	  "\"@organization\", \"ne\": {\"outer\": \"@organization\"}}}}", F },
	{ IC, "{\"some\": {\"kind\": \"InboundConnector\", \"scope\": \"all\", "
	  "\"on\": {\"prop\": \"TlsSenderCertificateName\", \"eq\": {\"outer\": "
	  "\"TlsSenderCertificateName\"}}, \"where\": {\"prop\": "
	  "\"@organization\", \"ne\": {\"outer\": \"@organization\"}}}}", T },
	{ IC, "{\"some\": {\"kind\": \"ExchangeCertificate\", \"scope\": "
	  "\"all\", \"on\": {\"prop\": \"@certificate\", \"cert_name_matches\": "
	  "{\"outer\": \"TlsSenderCertificateName\"}}}}", T },
	{ PN, "{\"some\": {\"kind\": \"ExchangeCertificate\", \"scope\": "
	  "\"all\", \"on\": {\"prop\": \"@certificate\", \"cert_name_matches\": "
	  "{\"outer\": \"TlsSenderCertificateName\"}}}}", F },
	{ CERT, "{\"some\": {\"kind\": \"InboundConnector\", \"scope\": "
	  "\"all\", \"on\": {\"prop\": \"TlsSenderCertificateName\", "
	  "\"cert_name_matches\": {\"outer\": \"@certificate\"}}, \"where\": "
	  "{\"prop\": \"@organization\", \"eq\": \"northwind\"}}}", T },
	{ SELFC, "{\"some\": {\"kind\": \"InboundConnector\", \"scope\": "
	  "\"all\", \"on\": {\"prop\": \"TlsSenderCertificateName\", "
	  "\"cert_name_matches\": {\"outer\": \"@certificate\"}}}}", F },
	{ IC, "{\"some\": {\"kind\": \"AcceptedDomain\", \"on\": {\"prop\": "
	  "\"DomainName\", \"eq\": {\"outer\": \"AssociatedAcceptedDomains\"}},"
	  " \"each\": true}}", F },
	{ IC, "{\"some\": {\"kind\": \"AcceptedDomain\", \"on\": {\"prop\": "
	  "\"DomainName\", \"eq\": {\"outer\": \"AssociatedAcceptedDomains\"}}"
	  "}}", T },
	{ IC, "{\"some\": {\"kind\": \"AcceptedDomain\", \"on\": {\"prop\": "
	  "\"DomainName\", \"eq\": {\"outer\": \"EFUsers\"}}}}", U },
};

static const struct obj *
find_obj(const struct prule *r, const char *name)
{
	size_t	i;

	for (i = 0; i < ops_run->m->nobjs[r->kind]; i++)
		if (strstr(ops_run->m->objs[r->kind][i]->identity, name))
			return ops_run->m->objs[r->kind][i];
	return NULL;
}

static void
ctx_init(struct rule_ctx *c, struct findings *fs)
{
	memset(c, 0, sizeof(*c));
	c->m = ops_run->m;
	c->t = ops_run->t;
	c->s = ops_run->s;
	c->asof = ASOF;
	c->out = fs;
	c->arena = fs->arena;
}

START_TEST(test_operators)
{
	const struct opcase	*oc = &opcases[_i];
	struct diags		 d = { 0 };
	struct rule_ctx		 c;
	struct findings		*fs;
	const struct obj	*o;
	struct pack		*p;
	char			*members, *text;
	enum tv			 got;

	members = xasprintf("    \"assert\": %s,\n    \"message\": \"m\"",
	    oc->cond);
	text = one_rule(oc->kind, members);
	p = pack_parse("pack.json", text, strlen(text), &ops_rules, &d);
	ck_assert_msg(p != NULL, "case %d does not load: %s", _i,
	    d.n > 0 ? d.v[0].msg : "?");
	ck_assert_msg((o = find_obj(p->rules[0], oc->object)) != NULL,
	    "case %d: no %s '%s'", _i, oc->kind, oc->object);
	fs = findings_new(&ops_rules);
	ctx_init(&c, fs);
	c.rule = &p->rules[0]->lr;
	got = pack_eval(&c, p->rules[0], p->rules[0]->assert, o);
	ck_assert_msg(got == oc->want, "case %d: %s on %s is %d, not %d", _i,
	    oc->cond, oc->object, got, oc->want);
	findings_free(fs);
	pack_free(p);
	diag_free(&d);
	free(text);
	free(members);
}
END_TEST

/* ---- Findings: templates, dates, the budget ------------------------- */

/* The findings of a pack's rules (only) on the ops topology. */
static struct findings *
run_pack(struct ruleset *rs, const char *text, int64_t asof,
    struct pack **pp, size_t budget)
{
	struct engine_opts	 eo;
	struct diags		 d = { 0 };
	struct findings		*fs;
	struct pack		*p;
	size_t			 i;

	ruleset_init(rs);
	p = pack_parse("pack.json", text, strlen(text), rs, &d);
	ck_assert_msg(p != NULL, "pack does not load: %s", d.n > 0 ?
	    d.v[0].msg : "?");
	if (budget > 0)
		for (i = 0; i < p->nrules; i++)
			p->rules[i]->budget = budget;
	pack_add(rs, p);
	engine_opts_init(&eo, rs, asof);
	for (i = 0; i < rs->n; i++)
		if (rs->v[i]->source == NULL)
			eo.set[i].enabled = 0;
	fs = engine_run(ops_run->m, ops_run->t, ops_run->s, &eo);
	engine_opts_release(&eo);
	diag_free(&d);
	*pp = p;
	return fs;
}

START_TEST(test_templates)
{
	struct ruleset	 rs;
	struct findings	*fs;
	struct pack	*p;
	char		*text;

	text = one_rule("InboundConnector",
	    "    \"where\": {\"prop\": \"ConnectorType\", \"eq\": \"Partner\"},\n"
	    "    \"assert\": {\"prop\": \"RequireTls\", \"eq\": true},\n"
	    "    \"message\": \"${Name}: RequireTls ${RequireTls}, senders "
	    "${SenderDomains}, IPs ${SenderIPAddresses}, ${EFSkipLastIP}, "
	    "${@tenant}\",\n"
	    "    \"fix\": [\"# ${Name} of ${@organization}, see $${HOME}\",\n"
	    "      \"Set-InboundConnector -Identity ${Identity} -RequireTls "
	    "${RequireTls} -SenderDomains ${SenderDomains}\",\n"
	    "      \"Set-InboundConnector -Identity ${Identity} -EFSkipLastIP "
	    "${EFSkipLastIP}\",\n"
	    "      \"Set-InboundConnector -Identity ${Identity} "
	    "-TlsSenderCertificateName ${TlsSenderCertificateName} -EFUsers "
	    "${EFUsers}\"]");
	fs = run_pack(&rs, text, ASOF, &p, 0);
	ck_assert_uint_eq(fs->n, 1);
	ck_assert_str_eq(fs->v[0]->message, "Partner O'Neil: RequireTls "
	    "false, senders oneil.example, IPs (none), (unknown), "
	    "contoso.onmicrosoft.com");
	ck_assert_str_eq(fs->v[0]->fix,
	    "# Partner O'Neil of contoso, see ${HOME}\n"
	    "Set-InboundConnector -Identity 'Partner O''Neil' -RequireTls "
	    "$false -SenderDomains 'oneil.example'\n"
	    "# A line is not printed: EFSkipLastIP of InboundConnector "
	    "'Partner O'Neil' is not in the export\n"
	    "Set-InboundConnector -Identity 'Partner O''Neil' "
	    "-TlsSenderCertificateName $null -EFUsers $null");
	ck_assert_str_eq(fs->v[0]->kind, "InboundConnector");
	ck_assert_str_eq(fs->v[0]->object, "Partner O'Neil");
	/* The finding points at the property assert tests. */
	ck_assert_str_eq(fs->v[0]->logical,
	    "InboundConnector[\"Partner O'Neil\"].RequireTls");
	ck_assert_ptr_nonnull(fs->v[0]->fingerprint);
	findings_free(fs);
	ruleset_release(&rs);
	free(text);
}
END_TEST

START_TEST(test_valid_dates)
{
	static const struct {
		const char	*dates;
		int64_t		 asof;
		size_t		 n;
	} cases[] = {
		{ "\"valid_from\": \"2026-11-28\"", ASOF, 1 },
		{ "\"valid_from\": \"2026-11-29\"", ASOF, 0 },
		{ "\"valid_until\": \"2026-11-28\"", ASOF, 1 },
		{ "\"valid_until\": \"2026-11-27\"", ASOF, 0 },
		{ "\"valid_from\": \"2026-01-01\", \"valid_until\": \"2026-12-31\"",
		  ASOF, 1 },
		{ "\"valid_from\": \"2026-01-01\", \"valid_until\": \"2026-12-31\"",
		  ASOF + 40 * 86400, 0 },
	};
	struct ruleset	 rs;
	struct findings	*fs;
	struct pack	*p;
	char		*members, *text;

	members = xasprintf("    \"where\": {\"prop\": \"ConnectorType\", "
	    "\"eq\": \"Partner\"},\n    \"assert\": {\"prop\": \"RequireTls\", "
	    "\"eq\": true},\n    \"message\": \"m\", %s", cases[_i].dates);
	text = one_rule("InboundConnector", members);
	fs = run_pack(&rs, text, cases[_i].asof, &p, 0);
	ck_assert_msg(fs->n == cases[_i].n, "%s at %lld: %zu findings",
	    cases[_i].dates, (long long)cases[_i].asof, fs->n);
	findings_free(fs);
	ruleset_release(&rs);
	free(text);
	free(members);
}
END_TEST

/* A rule that runs out of steps says so instead of staying silent. */
START_TEST(test_budget)
{
	struct ruleset	 rs;
	struct findings	*fs;
	struct pack	*p;
	char		*text;
	size_t		 i, stopped = 0;

	text = one_rule("InboundConnector",
	    "    \"assert\": {\"some\": {\"kind\": \"AcceptedDomain\", "
	    "\"scope\": \"all\", \"on\": {\"prop\": \"DomainName\", \"eq\": "
	    "{\"outer\": \"AssociatedAcceptedDomains\"}}, \"where\": "
	    "{\"prop\": \"Name\", \"eq\": \"nothing\"}}},\n"
	    "    \"message\": \"m\"");
	fs = run_pack(&rs, text, ASOF, &p, 3);
	for (i = 0; i < fs->n; i++) {
		if (strstr(fs->v[i]->message, "stopped evaluating") != NULL) {
			stopped++;
			ck_assert_str_eq(fs->v[i]->kind, "RulePack");
			ck_assert_str_eq(fs->v[i]->loc.pointer, "/rules/0");
		}
	}
	ck_assert_uint_eq(stopped, 1);
	findings_free(fs);
	ruleset_release(&rs);
	/* With the default budget the same rule decides every object. */
	fs = run_pack(&rs, text, ASOF, &p, 0);
	for (i = 0; i < fs->n; i++)
		ck_assert_ptr_null(strstr(fs->v[i]->message,
		    "stopped evaluating"));
	ck_assert_uint_gt(fs->n, 0);
	findings_free(fs);
	ruleset_release(&rs);
	free(text);
}
END_TEST

/* ---- Built-in rules re-expressed as pack rules ----------------------- */

static const struct {
	const char	*builtin;
	const char	*prefix;	/* ids of its equivalents */
} equivalents[] = {
	{ "HYB011", "EQ-011" },
	{ "HYB031", "EQ-031" },
	{ "HYB033", "EQ-033" },
};

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "kind|object|severity" of each finding of the rules 'want' selects. */
static char **
objects(const struct findings *fs, const char *id, const char *prefix,
    size_t *n)
{
	char	**v;
	size_t	  i;

	v = xcalloc(fs->n + 1, sizeof(*v));
	*n = 0;
	for (i = 0; i < fs->n; i++)
		if (id != NULL ? strcmp(fs->v[i]->rule->id, id) == 0 :
		    strncmp(fs->v[i]->rule->id, prefix, strlen(prefix)) == 0)
			v[(*n)++] = xasprintf("%s|%s|%s", fs->v[i]->kind,
			    fs->v[i]->object,
			    severity_name(fs->v[i]->severity));
	qsort(v, *n, sizeof(*v), cmpstr);
	return v;
}

START_TEST(test_equivalents)
{
	const char		*which[2] = { "fire", "silent" };
	struct ruleset		 rs;
	struct engine_opts	 eo;
	struct run_opts		 ro;
	struct diags		 d = { 0 };
	struct findings		*fs;
	struct run		*r;
	char			*dir, *packdir, *paths[1], **a, **b;
	size_t			 i, k, na, nb;
	const char		*id = equivalents[_i].builtin;
	const char		*prefix = equivalents[_i].prefix;

	ruleset_init(&rs);
	packdir = xasprintf("%s/tests/packs/builtin-equivalents", top());
	ck_assert_int_eq(pack_load(&rs, packdir, &d), 0);
	for (k = 0; k < 2; k++) {
		dir = xasprintf("%s/tests/rules/%s/%s", top(), id, which[k]);
		paths[0] = dir;
		memset(&ro, 0, sizeof(ro));
		ro.paths = paths;
		ro.npaths = 1;
		ro.asof = ASOF;
		ro.stage = RUN_FLOWS;
		r = run_open(&ro);
		ck_assert_uint_eq(r->diags.nerrors, 0);
		engine_opts_init(&eo, &rs, ASOF);
		for (i = 0; i < rs.n; i++)
			eo.set[i].enabled = strcmp(rs.v[i]->id, id) == 0 ||
			    strncmp(rs.v[i]->id, prefix, strlen(prefix)) == 0;
		fs = run_lint(r, &eo);
		a = objects(fs, id, NULL, &na);
		b = objects(fs, NULL, prefix, &nb);
		if (k == 0)
			ck_assert_msg(na > 0, "%s reports nothing on %s", id,
			    dir);
		ck_assert_msg(na == nb, "%s: %s reports %zu, its equivalents "
		    "%zu", dir, id, na, nb);
		for (i = 0; i < na; i++)
			ck_assert_msg(strcmp(a[i], b[i]) == 0, "%s: %s reports "
			    "%s, its equivalents %s", dir, id, a[i], b[i]);
		for (i = 0; i < na; i++)
			free(a[i]);
		for (i = 0; i < nb; i++)
			free(b[i]);
		free(a);
		free(b);
		findings_free(fs);
		engine_opts_release(&eo);
		run_close(r);
		free(dir);
	}
	diag_free(&d);
	ruleset_release(&rs);
	free(packdir);
}
END_TEST

/* ---- The README's reference of properties and functions ------------ */

/* Does the comma-separated list s name exactly the names of v? */
static void
same_names(const char *what, const char *s, const char *const *v, size_t n)
{
	char	*copy, *tok, *save;
	size_t	 i, k = 0;

	copy = xstrdup(s);
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		for (i = 0; i < n && strcmp(v[i], tok) != 0; i++)
			continue;
		ck_assert_msg(i < n, "README lists %s of %s, which hybridlint "
		    "does not have", tok, what);
		k++;
	}
	ck_assert_msg(k == n, "README lists %zu names for %s, hybridlint has "
	    "%zu", k, what, n);
	free(copy);
}

START_TEST(test_readme)
{
	const struct propdef	*pd;
	const struct packfn	*f;
	const char		**names;
	char			*path, line[4096], *bar, *end, *text, *want;
	FILE			*fp;
	enum kind		 k;
	size_t			 n, i, nrows = 0;
	int			 fns = 0;

	path = xasprintf("%s/README.md", top());
	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		/* "| Kind | A, B, C |" */
		if (line[0] == '|' && (bar = strchr(line + 2, '|')) != NULL) {
			*bar = '\0';
			if ((end = strrchr(line + 2, ' ')) != NULL)
				*end = '\0';
			if (kind_parse(line + 2, &k) == -1)
				continue;
			if ((end = strrchr(bar + 1, '|')) != NULL)
				*end = '\0';
			pd = props_of(k, &n);
			names = xcalloc(n + 1, sizeof(*names));
			for (i = 3; i < n; i++)
				names[i - 3] = pd[i].name;
			same_names(kind_name(k), bar + 1, names, n - 3);
			free(names);
			nrows++;
		}
		/* Each function's name, in the paragraph on functions. */
		if (strstr(line, "Functions (`@...`)") != NULL)
			fns = 1;
		for (f = packfn_table; fns && f->name != NULL; f++)
			if (strstr(line, f->name) != NULL)
				fns |= 2;
	}
	fclose(fp);
	free(path);
	ck_assert_uint_eq(nrows, K__COUNT);
	ck_assert_msg(fns == 3, "README describes no pack functions");
	/* Every function is named in the README, as `@name`. */
	path = xasprintf("%s/README.md", top());
	ck_assert_ptr_nonnull(fp = fopen(path, "r"));
	text = xcalloc(1, 1 << 20);
	n = fread(text, 1, (1 << 20) - 1, fp);
	fclose(fp);
	for (f = packfn_table; f->name != NULL; f++) {
		want = xasprintf("`%s`", f->name);
		ck_assert_msg(strstr(text, want) != NULL, "README does not "
		    "name %s", f->name);
		free(want);
	}
	free(text);
	free(path);
}
END_TEST

int
main(void)
{
	Suite		*s = suite_create("packs");
	TCase		*tl = tcase_create("loader");
	TCase		*to = tcase_create("operators");
	TCase		*tf = tcase_create("findings");
	TCase		*te = tcase_create("equivalents");
	SRunner		*sr;
	struct run_opts	 ro;
	char		*dir, *paths[1];
	int		 nf;

	tcase_add_loop_test(tl, test_loader_errors, 0,
	    (int)(sizeof(loaderrs) / sizeof(loaderrs[0])));
	tcase_add_test(tl, test_loader_id_of_another_pack);
	tcase_add_test(tl, test_loader_once);
	tcase_add_test(tl, test_readme);
	suite_add_tcase(s, tl);
	tcase_add_loop_test(to, test_operators, 0,
	    (int)(sizeof(opcases) / sizeof(opcases[0])));
	suite_add_tcase(s, to);
	tcase_add_test(tf, test_templates);
	tcase_add_loop_test(tf, test_valid_dates, 0, 6);
	tcase_add_test(tf, test_budget);
	suite_add_tcase(s, tf);
	tcase_add_loop_test(te, test_equivalents, 0,
	    (int)(sizeof(equivalents) / sizeof(equivalents[0])));
	tcase_set_timeout(te, 60);
	suite_add_tcase(s, te);

	/* The operators' topology, read once. */
	dir = xasprintf("%s/tests/packs/ops", top());
	paths[0] = dir;
	memset(&ro, 0, sizeof(ro));
	ro.paths = paths;
	ro.npaths = 1;
	ro.asof = ASOF;
	ro.stage = RUN_FLOWS;
	ops_run = run_open(&ro);
	if (ops_run->diags.nerrors > 0) {
		diag_print(&ops_run->diags, stderr);
		return EXIT_FAILURE;
	}
	ruleset_init(&ops_rules);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	ruleset_release(&ops_rules);
	run_close(ops_run);
	free(dir);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
