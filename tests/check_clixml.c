/*
 * check_clixml.c: the CLIXML loader, element by element, and the tricky
 * shapes of the real corpus (when ../shared is present).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clixml.h"
#include "textfile.h"
#include "xalloc.h"

#define NS "xmlns=\"http://schemas.microsoft.com/powershell/2004/04\""
#define OBJS(body) "<Objs Version=\"1.1.0.1\" " NS ">" body "</Objs>"

static struct diags	diags;

static struct doc *
load(const char *xml)
{
	char		*copy = xstrdup(xml);
	struct doc	*d;

	diag_free(&diags);
	d = clixml_load("test.xml", copy, strlen(copy), &diags);
	free(copy);
	return d;
}

static const struct node *
root0(struct doc *d)
{
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_ge(d->nroots, 1);
	return d->roots[0];
}

START_TEST(test_empty_root)
{
	struct doc *d = load("<Objs Version=\"1.1.0.1\" " NS " />");

	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->nroots, 0);
	doc_free(d);
}
END_TEST

START_TEST(test_bare_primitive)
{
	struct doc *d = load(OBJS("<S>Windows Server 2019 Datacenter</S>"));
	const struct node *n = root0(d);

	ck_assert_int_eq(n->kind, NODE_STRING);
	ck_assert_str_eq(n->str, "Windows Server 2019 Datacenter");
	doc_free(d);
}
END_TEST

START_TEST(test_primitives)
{
	struct doc *d = load(OBJS(
	    "<Obj RefId=\"0\"><TN RefId=\"0\"><T>X.Y</T><T>System.Object</T></TN>"
	    "<Props>"
	    "<S N=\"s\">a_x000D__x000A_b</S>"
	    "<S N=\"empty\"></S>"
	    "<S N=\"empty2\" />"
	    "<B N=\"b\">true</B>"
	    "<I32 N=\"i32\">-5</I32>"
	    "<I64 N=\"i64\">6000000000</I64>"
	    "<U32 N=\"u32\">4294967295</U32>"
	    "<U64 N=\"u64\">18446744073709551615</U64>"
	    "<By N=\"by\">255</By>"
	    "<SB N=\"sb\">-128</SB>"
	    "<I16 N=\"i16\">-3</I16><U16 N=\"u16\">65535</U16>"
	    "<Db N=\"db\">0.0069444444444444441</Db>"
	    "<Sg N=\"sg\">1.5</Sg>"
	    "<D N=\"d\">12.50</D>"
	    "<C N=\"c\">65</C>"
	    "<DT N=\"dt\">2025-04-09T09:16:22-05:00</DT>"
	    "<TS N=\"ts\">PT30M</TS>"
	    "<G N=\"g\">d929605b-8786-40d6-bc18-86248416efb7</G>"
	    "<URI N=\"uri\">https://solo.com/owa</URI>"
	    "<Version N=\"v\">15.2.986.5</Version>"
	    "<BA N=\"ba\">AAEC</BA>"
	    "<BA N=\"SerializationData\">AAEAAAD/////AQ==</BA>"
	    "<Nil N=\"nil\" />"
	    "<SS N=\"ss\">01000000d08c9ddf</SS>"
	    "<SBK N=\"sbk\">Get-Date_x000A_</SBK>"
	    "<XD N=\"xd\">&lt;a/&gt;</XD>"
	    "</Props></Obj>"));
	const struct node *n = root0(d), *v;

	ck_assert_int_eq(n->kind, NODE_OBJECT);
	ck_assert_uint_eq(n->ntypes, 2);
	ck_assert_str_eq(n->types[0], "X.Y");
	ck_assert_str_eq(node_prop(n, "s")->str, "a\r\nb");
	ck_assert_str_eq(node_prop(n, "empty")->str, "");
	ck_assert_str_eq(node_prop(n, "empty2")->str, "");
	ck_assert_int_eq(node_prop(n, "b")->kind, NODE_BOOL);
	ck_assert_int_eq(node_prop(n, "b")->i, 1);
	ck_assert_int_eq(node_prop(n, "i32")->i, -5);
	ck_assert_int_eq(node_prop(n, "i64")->i, 6000000000LL);
	ck_assert_int_eq(node_prop(n, "u32")->i, 4294967295LL);
	v = node_prop(n, "u64");
	ck_assert_int_eq(v->is_unsigned, 1);
	ck_assert(v->u == UINT64_MAX);
	ck_assert_int_eq(node_prop(n, "by")->i, 255);
	ck_assert_int_eq(node_prop(n, "sb")->i, -128);
	ck_assert_int_eq(node_prop(n, "i16")->i, -3);
	ck_assert_int_eq(node_prop(n, "u16")->i, 65535);
	ck_assert_double_eq_tol(node_prop(n, "db")->d, 0.0069444, 1e-6);
	ck_assert_double_eq_tol(node_prop(n, "sg")->d, 1.5, 1e-9);
	ck_assert_double_eq_tol(node_prop(n, "d")->d, 12.5, 1e-9);
	ck_assert_str_eq(node_prop(n, "c")->str, "A");
	ck_assert_str_eq(node_prop(n, "dt")->str, "2025-04-09T09:16:22-05:00");
	ck_assert_str_eq(node_prop(n, "ts")->str, "PT30M");
	ck_assert_str_eq(node_prop(n, "g")->str,
	    "d929605b-8786-40d6-bc18-86248416efb7");
	ck_assert_str_eq(node_prop(n, "uri")->str, "https://solo.com/owa");
	ck_assert_str_eq(node_prop(n, "v")->str, "15.2.986.5");
	v = node_prop(n, "ba");
	ck_assert_int_eq(v->kind, NODE_BYTES);
	ck_assert_uint_eq(v->len, 3);
	ck_assert_int_eq((unsigned char)v->str[2], 2);
	v = node_prop(n, "SerializationData");
	ck_assert_int_eq(v->kind, NODE_BYTES);
	ck_assert_uint_eq(v->len, 0);	/* skipped unread */
	ck_assert_int_eq(node_prop(n, "nil")->kind, NODE_NULL);
	ck_assert_str_eq(node_prop(n, "ss")->str, "01000000d08c9ddf");
	ck_assert_str_eq(node_prop(n, "sbk")->str, "Get-Date\n");
	ck_assert_str_eq(node_prop(n, "xd")->str, "<a/>");
	ck_assert_ptr_null(node_prop(n, "absent"));
	/* Case-insensitive like PowerShell. */
	ck_assert_ptr_nonnull(node_prop(n, "S"));
	doc_free(d);
}
END_TEST

START_TEST(test_props_and_ms)
{
	struct doc *d = load(OBJS(
	    "<Obj RefId=\"0\"><TN RefId=\"0\">"
	    "<T>Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate</T>"
	    "<T>Deserialized.System.Object</T></TN>"
	    "<ToString>[Subject]_x000D__x000A_  CN=x</ToString>"
	    "<Props><S N=\"a\">1</S></Props>"
	    "<MS><S N=\"PSComputerName\">ex01</S>"
	    "<MS N=\"set\"><S N=\"inner\">2</S></MS></MS></Obj>"));
	const struct node *n = root0(d), *set;

	ck_assert_str_eq(n->types[0],
	    "Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate");
	ck_assert_str_eq(node_type_leaf(n, 0), "ExchangeCertificate");
	ck_assert(node_has_type(n, "ExchangeCertificate"));
	ck_assert_str_eq(n->tostring, "[Subject]\r\n  CN=x");
	ck_assert_str_eq(node_prop(n, "a")->str, "1");
	ck_assert_str_eq(node_prop(n, "PSComputerName")->str, "ex01");
	set = node_prop(n, "set");
	ck_assert_int_eq(set->kind, NODE_OBJECT);
	ck_assert_str_eq(node_prop(set, "inner")->str, "2");
	/* Props come before MS. */
	ck_assert_str_eq(n->props[0]->name, "a");
	doc_free(d);
}
END_TEST

START_TEST(test_pscustomobject_ms_only)
{
	struct doc *d = load(OBJS(
	    "<Obj RefId=\"0\"><TN RefId=\"0\">"
	    "<T>System.Management.Automation.PSCustomObject</T>"
	    "<T>System.Object</T></TN>"
	    "<MS><Nil N=\"Name\" /><B N=\"Failed\">true</B></MS></Obj>"));
	const struct node *n = root0(d);

	ck_assert_ptr_null(n->tostring);
	ck_assert_int_eq(node_prop(n, "Name")->kind, NODE_NULL);
	ck_assert_int_eq(node_prop(n, "Failed")->i, 1);
	doc_free(d);
}
END_TEST

START_TEST(test_enum_and_containers)
{
	struct doc *d = load(OBJS(
	    "<Obj RefId=\"0\"><TN RefId=\"0\"><T>R</T></TN><Props>"
	    "<Obj N=\"AuthMechanism\" RefId=\"1\"><TN RefId=\"1\">"
	    "<T>Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthMechanisms</T>"
	    "<T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN>"
	    "<ToString>Tls, Integrated</ToString><I32>3</I32></Obj>"
	    "<Obj N=\"List\" RefId=\"2\"><TN RefId=\"2\"><T>MVP</T></TN>"
	    "<LST><S>a</S><S>b</S></LST></Obj>"
	    "<Obj N=\"Empty\" RefId=\"3\"><TNRef RefId=\"2\" /><LST /></Obj>"
	    "<Obj N=\"Q\" RefId=\"4\"><TN RefId=\"3\"><T>Q</T></TN><QUE><I32>1</I32></QUE></Obj>"
	    "<Obj N=\"St\" RefId=\"5\"><TNRef RefId=\"3\" /><STK><I32>1</I32><I32>2</I32></STK></Obj>"
	    "<Obj N=\"E\" RefId=\"6\"><TNRef RefId=\"3\" /><IE><S>x</S></IE></Obj>"
	    "<Obj N=\"D\" RefId=\"7\"><TN RefId=\"4\"><T>System.Collections.Hashtable</T></TN>"
	    "<DCT><En><S N=\"Key\">1.1</S><Obj N=\"Value\" RefId=\"8\"><TNRef RefId=\"3\" />"
	    "<MS><B N=\"ServerEnabled\">false</B></MS></Obj></En></DCT></Obj>"
	    "</Props></Obj>"));
	const struct node *n = root0(d), *v, *l;

	v = node_prop(n, "AuthMechanism");
	ck_assert_str_eq(v->tostring, "Tls, Integrated");
	ck_assert_int_eq(v->value->i, 3);
	ck_assert(node_has_type(v, "AuthMechanisms"));
	l = node_as_list(node_prop(n, "List"));
	ck_assert_uint_eq(l->nitems, 2);
	ck_assert_str_eq(l->items[1]->str, "b");
	l = node_as_list(node_prop(n, "Empty"));
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->nitems, 0);
	ck_assert_str_eq(node_prop(n, "Empty")->types[0], "MVP");
	ck_assert_uint_eq(node_as_list(node_prop(n, "Q"))->nitems, 1);
	ck_assert_uint_eq(node_as_list(node_prop(n, "St"))->nitems, 2);
	ck_assert_uint_eq(node_as_list(node_prop(n, "E"))->nitems, 1);
	v = node_prop(n, "D")->value;
	ck_assert_int_eq(v->kind, NODE_DICT);
	ck_assert_uint_eq(v->nitems, 2);
	ck_assert_str_eq(v->items[0]->str, "1.1");
	ck_assert_int_eq(node_prop(v->items[1], "ServerEnabled")->i, 0);
	doc_free(d);
}
END_TEST

START_TEST(test_refs)
{
	struct doc *d = load(OBJS(
	    "<Obj RefId=\"0\"><TN RefId=\"0\"><T>A</T></TN><Props>"
	    "<Obj N=\"Identity\" RefId=\"1\"><TN RefId=\"1\"><T>ADObjectId</T></TN>"
	    "<ToString>EX01\\Default</ToString><Props><S N=\"Name\">Default</S></Props></Obj>"
	    "<Obj N=\"SmartHosts\" RefId=\"2\"><TN RefId=\"2\"><T>MVP</T></TN><LST>"
	    "<Obj RefId=\"3\"><TN RefId=\"3\"><T>SmartHost</T></TN><ToString>h</ToString>"
	    "<Props><Obj N=\"Address\" RefId=\"4\"><TN RefId=\"4\"><T>IPAddress</T></TN>"
	    "<ToString>0.0.0.0</ToString></Obj></Props></Obj></LST></Obj>"
	    "<Ref N=\"Id\" RefId=\"1\" />"
	    "<Ref N=\"SourceIPAddress\" RefId=\"4\" />"
	    "</Props></Obj>"
	    "<Obj RefId=\"5\"><TNRef RefId=\"0\" /><Props><Ref N=\"OrganizationId\" RefId=\"1\" /></Props></Obj>"));
	const struct node *n, *v;

	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->nroots, 2);
	n = d->roots[0];
	v = node_prop(n, "Id");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->name, "Id");
	ck_assert_str_eq(v->tostring, "EX01\\Default");
	ck_assert_str_eq(node_prop(v, "Name")->str, "Default");
	/* A Ref into a nested property. */
	ck_assert_str_eq(node_prop(n, "SourceIPAddress")->tostring, "0.0.0.0");
	/* A Ref across top-level objects, and a TNRef. */
	n = d->roots[1];
	ck_assert_str_eq(n->types[0], "A");
	ck_assert_str_eq(node_prop(n, "OrganizationId")->tostring,
	    "EX01\\Default");
	doc_free(d);
}
END_TEST

START_TEST(test_ref_errors)
{
	struct doc *d;

	d = load(OBJS("<Obj RefId=\"0\"><Props><Ref N=\"x\" RefId=\"9\" /></Props></Obj>"));
	ck_assert_ptr_null(d);
	ck_assert_uint_eq(diags.nerrors, 1);
	ck_assert_uint_eq(diags.v[0].line, 1);
	ck_assert(strstr(diags.v[0].msg, "names no earlier object") != NULL);

	d = load(OBJS("<Obj RefId=\"0\"><TNRef RefId=\"3\" /></Obj>"));
	ck_assert_ptr_null(d);
	ck_assert(strstr(diags.v[0].msg, "TNRef") != NULL);

	/* A reference to an enclosing object is a cycle: read as null. */
	d = load(OBJS("<Obj RefId=\"0\"><Props><Ref N=\"self\" RefId=\"0\" /></Props></Obj>"));
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(node_prop(d->roots[0], "self")->kind, NODE_NULL);
	ck_assert_uint_eq(diags.n, 1);
	ck_assert_int_eq(diags.v[0].level, SEV_WARNING);
	doc_free(d);
}
END_TEST

START_TEST(test_escapes)
{
	struct arena	*a = arena_new();
	size_t		 l;

	ck_assert_str_eq(clixml_unescape(a, "a_x005F_xb", 10, NULL), "a_xb");
	ck_assert_str_eq(clixml_unescape(a, "_xD83D__xDE00_", 14, &l),
	    "\xf0\x9f\x98\x80");
	ck_assert_uint_eq(l, 4);
	ck_assert_str_eq(clixml_unescape(a, "_x0001F600_", 11, NULL),
	    "\xf0\x9f\x98\x80");
	ck_assert_str_eq(clixml_unescape(a, "_x00e9_", 7, NULL), "\xc3\xa9");
	ck_assert_str_eq(clixml_unescape(a, "_xZZZZ_", 7, NULL), "_xZZZZ_");
	ck_assert_str_eq(clixml_unescape(a, "snake_case_x", 12, NULL),
	    "snake_case_x");
	/* An unpaired surrogate becomes U+FFFD, never invalid UTF-8. */
	ck_assert_str_eq(clixml_unescape(a, "_xD83D_", 7, NULL),
	    "\xef\xbf\xbd");
	arena_free(a);
}
END_TEST

START_TEST(test_escaped_names)
{
	struct doc *d = load(OBJS(
	    "<Obj RefId=\"0\"><MS><S N=\"a_x0020_b\">&lt;I&gt;CN=x&lt;S&gt;CN=y</S></MS></Obj>"));
	const struct node *n = root0(d);

	ck_assert_str_eq(node_prop(n, "a b")->str, "<I>CN=x<S>CN=y");
	doc_free(d);
}
END_TEST

START_TEST(test_malformed)
{
	struct doc *d;

	d = load("<Objs Version=\"1.1.0.1\" " NS ">\n<Obj RefId=\"0\">\n</Objx></Objs>");
	ck_assert_ptr_null(d);
	ck_assert_uint_eq(diags.nerrors, 1);
	ck_assert_uint_eq(diags.v[0].line, 3);
	ck_assert(strstr(diags.v[0].msg, "malformed XML") != NULL);

	d = load("<Objs " NS "><Obj RefId=\"0\">");	/* truncated */
	ck_assert_ptr_null(d);
	ck_assert_uint_ge(diags.nerrors, 1);

	d = load("");
	ck_assert_ptr_null(d);
	ck_assert_uint_ge(diags.nerrors, 1);

	d = load("<html><body/></html>");
	ck_assert_ptr_null(d);
	ck_assert(strstr(diags.v[0].msg, "not a CLIXML export") != NULL);

	d = load(OBJS("<I32 N=\"x\">abc</I32>"));
	ck_assert_ptr_null(d);
	ck_assert(strstr(diags.v[0].msg, "not a valid value") != NULL);

	d = load(OBJS("<S>a</S><Props />"));
	ck_assert_ptr_null(d);
	ck_assert(strstr(diags.v[0].msg, "cannot appear") != NULL);
}
END_TEST

START_TEST(test_doctype_and_entities)
{
	struct doc *d;

	d = load("<!DOCTYPE Objs [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
	    "<Objs " NS "><S>&x;</S></Objs>");
	ck_assert_ptr_null(d);
	ck_assert(strstr(diags.v[0].msg, "DOCTYPE") != NULL);

	d = load("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
	    "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
	    "<Objs " NS "><S>&lol2;</S></Objs>");
	ck_assert_ptr_null(d);

	/* Predefined entities and character references are fine. */
	d = load(OBJS("<S>&amp;&#65;</S>"));
	ck_assert_str_eq(root0(d)->str, "&A");
	doc_free(d);
}
END_TEST

START_TEST(test_deep_nesting)
{
	struct buf	 b = { 0 };
	struct doc	*d;
	int		 i;

	buf_adds(&b, "<Objs " NS ">");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "<Obj><LST>");
	d = clixml_load("deep.xml", b.p, b.len, &diags);
	ck_assert_ptr_null(d);
	ck_assert_uint_ge(diags.nerrors, 1);
	buf_free(&b);
}
END_TEST

START_TEST(test_line_numbers)
{
	struct doc *d = load("<Objs " NS ">\n  <Obj RefId=\"0\">\n    <Props>\n"
	    "      <S N=\"a\">x</S>\n    </Props>\n  </Obj>\n</Objs>");
	const struct node *n = root0(d);

	ck_assert_uint_eq(n->loc.line, 2);
	ck_assert_uint_eq(node_prop(n, "a")->loc.line, 4);
	ck_assert_str_eq(n->loc.file, "test.xml");
	doc_free(d);
}
END_TEST

START_TEST(test_clixml_prefix_line)
{
	struct doc *d = load("#< CLIXML\n<Objs " NS "><S>x</S></Objs>");

	ck_assert_str_eq(root0(d)->str, "x");
	ck_assert_uint_eq(root0(d)->loc.line, 2);
	doc_free(d);
}
END_TEST

/* The real corpus, read through the same decoding path as the tool. */
static struct doc *
load_corpus(const char *rel)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096];
	struct rawfile	 raw;
	struct textfile	 tf;
	struct doc	*d;

	snprintf(path, sizeof(path), "%s/../shared/corpus/microsoft__CSS-Exchange/%s",
	    top != NULL ? top : ".", rel);
	diag_free(&diags);
	if (rawfile_read(path, path, TEXTFILE_MAX_BYTES, &raw, &diags) == -1)
		return NULL;
	ck_assert_int_eq(text_decode(&raw, path, '<', &tf, &diags), 0);
	d = clixml_load(path, tf.text, tf.len, &diags);
	textfile_free(&tf);
	ck_assert_uint_eq(diags.nerrors, 0);
	return d;
}

#define D1 "Diagnostics/HealthChecker/DataCollection/ExchangeInformation/Tests/DataCollection/"
#define E19 "Diagnostics/HealthChecker/Tests/DataCollection/E19/"

START_TEST(test_corpus_shapes)
{
	struct doc		*d;
	const struct node	*n, *v;

	if ((d = load_corpus(D1 "GetReceiveConnector.xml")) == NULL)
		return;		/* ../shared absent */
	ck_assert_uint_eq(d->nroots, 5);
	/* Connectors 2-5 point at an OrganizationId defined in connector 1. */
	v = node_prop(d->roots[3], "OrganizationId");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->kind, NODE_OBJECT);
	ck_assert_str_eq(node_type_leaf(d->roots[0], 0), "ReceiveConnector");
	doc_free(d);

	d = load_corpus(D1 "GetSendConnector.xml");
	ck_assert_ptr_nonnull(d);
	n = d->roots[0];
	v = node_prop(n, "SourceIPAddress");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->tostring, "0.0.0.0");
	ck_assert_str_eq(node_prop(n, "TlsCertificateName")->tostring,
	    "<I>CN=localhost<S>CN=localhost");
	doc_free(d);

	d = load_corpus(D1 "GetChildItemFailed.xml");	/* UTF-16LE */
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(node_prop(d->roots[0], "Failed")->i, 1);
	doc_free(d);

	d = load_corpus(E19 "OS/Win32_PageFileSetting.xml");
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->nroots, 0);
	doc_free(d);

	d = load_corpus(E19 "OS/RemoteRegistryValueProductName.xml");
	ck_assert_int_eq(d->roots[0]->kind, NODE_STRING);
	doc_free(d);

	d = load_corpus(E19 "Exchange/GetHybridConfiguration.xml");
	n = d->roots[0];
	ck_assert(node_has_type(node_as_list(node_prop(n, "Features"))->items[0],
	    "HybridFeature"));
	doc_free(d);

	d = load_corpus(E19 "OS/GetAllTlsSettings.xml");
	ck_assert_ptr_nonnull(d);
	doc_free(d);

	d = load_corpus(E19 "Exchange/ExSetup.xml");
	ck_assert_str_eq(node_prop(d->roots[0], "FileVersionRaw")->str,
	    "15.2.986.5");
	ck_assert(strstr(node_prop(d->roots[0], "ProductName")->str,
	    "\xc2\xae") != NULL);
	doc_free(d);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("clixml");
	TCase	*tc = tcase_create("core");
	SRunner	*sr;
	int	 nf;

	tcase_add_test(tc, test_empty_root);
	tcase_add_test(tc, test_bare_primitive);
	tcase_add_test(tc, test_primitives);
	tcase_add_test(tc, test_props_and_ms);
	tcase_add_test(tc, test_pscustomobject_ms_only);
	tcase_add_test(tc, test_enum_and_containers);
	tcase_add_test(tc, test_refs);
	tcase_add_test(tc, test_ref_errors);
	tcase_add_test(tc, test_escapes);
	tcase_add_test(tc, test_escaped_names);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_doctype_and_entities);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_line_numbers);
	tcase_add_test(tc, test_clixml_prefix_line);
	tcase_add_test(tc, test_corpus_shapes);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	diag_free(&diags);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
