/*
 * check_values.c: unit tests for the value parsers in linter/values.c.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"
#include "xalloc.h"

static struct arena	*A;

static void
setup(void)
{
	A = arena_new();
}

static void
teardown(void)
{
	arena_free(A);
	A = NULL;
}

/* True when p points inside the string s (results must not). */
static int
points_into(const char *p, const char *s)
{
	return p >= s && p <= s + strlen(s);
}

/* ---- Domain names ----------------------------------------------------- */

START_TEST(test_dn_valid_basic)
{
	ck_assert_int_eq(dn_valid("contoso.com", 0), 1);
	ck_assert_int_eq(dn_valid("mail.contoso.com.", 0), 1);
	ck_assert_int_eq(dn_valid("a_b-c.Contoso.COM", 0), 1);
	ck_assert_int_eq(dn_valid("localhost", 0), 1);
	ck_assert_int_eq(dn_valid("", 0), 0);
	ck_assert_int_eq(dn_valid(".", 0), 0);
	ck_assert_int_eq(dn_valid("contoso..com", 0), 0);
	ck_assert_int_eq(dn_valid(".contoso.com", 0), 0);
	ck_assert_int_eq(dn_valid("contoso.com..", 0), 0);
	ck_assert_int_eq(dn_valid("con toso.com", 0), 0);
	ck_assert_int_eq(dn_valid("contoso.com/x", 0), 0);
	ck_assert_int_eq(dn_valid("user@contoso.com", 0), 0);
	ck_assert_int_eq(dn_valid("caf\xc3\xa9.com", 0), 0);
	ck_assert_int_eq(dn_valid(NULL, 0), 0);
}
END_TEST

START_TEST(test_dn_valid_lengths)
{
	char	buf[300];

	/* A 63-octet label is fine, 64 is not. */
	memset(buf, 'a', 63);
	strcpy(buf + 63, ".com");
	ck_assert_int_eq(dn_valid(buf, 0), 1);
	memset(buf, 'a', 64);
	strcpy(buf + 64, ".com");
	ck_assert_int_eq(dn_valid(buf, 0), 0);

	/* 253 octets in total: three 63-octet labels and one of 61. */
	memset(buf, 'x', sizeof(buf));
	buf[63] = buf[127] = buf[191] = '.';
	buf[253] = '\0';
	ck_assert_uint_eq(strlen(buf), 253);
	ck_assert_int_eq(dn_valid(buf, 0), 1);
	buf[253] = '.';
	buf[254] = '\0';
	ck_assert_int_eq(dn_valid(buf, 0), 1);
	buf[253] = 'c';
	ck_assert_int_eq(dn_valid(buf, 0), 0);
}
END_TEST

START_TEST(test_dn_valid_wildcard)
{
	ck_assert_int_eq(dn_valid("*.contoso.com", 1), 1);
	ck_assert_int_eq(dn_valid("*.contoso.com", 0), 0);
	ck_assert_int_eq(dn_valid("*", 1), 1);
	ck_assert_int_eq(dn_valid("*", 0), 0);
	ck_assert_int_eq(dn_valid("*.com.", 1), 1);
	ck_assert_int_eq(dn_valid("domain.*.contoso.com", 1), 0);
	ck_assert_int_eq(dn_valid("*contoso.com", 1), 0);
	ck_assert_int_eq(dn_valid("*.*.contoso.com", 1), 0);
	ck_assert_int_eq(dn_valid("**.contoso.com", 1), 0);
	ck_assert_int_eq(dn_valid("mail*.contoso.com", 1), 0);
	ck_assert_int_eq(dn_valid("contoso.*", 1), 0);
	ck_assert_int_eq(dn_valid("*..", 1), 0);
}
END_TEST

START_TEST(test_dn_normalize)
{
	const char	*in = "Mail.Contoso.COM.";
	char		*p;

	p = dn_normalize(A, in);
	ck_assert_str_eq(p, "mail.contoso.com");
	ck_assert(!points_into(p, in));
	ck_assert_str_eq(dn_normalize(A, "contoso.com"), "contoso.com");
	ck_assert_str_eq(dn_normalize(A, "*.CONTOSO.com"), "*.contoso.com");
	ck_assert_str_eq(dn_normalize(A, ""), "");
	ck_assert_ptr_null(dn_normalize(A, NULL));
}
END_TEST

START_TEST(test_dn_match_exact)
{
	ck_assert_int_eq(dn_match("mail.contoso.com", "mail.contoso.com"),
	    DN_EXACT);
	ck_assert_int_eq(dn_match("MAIL.Contoso.com", "mail.contoso.COM."),
	    DN_EXACT);
	ck_assert_int_eq(dn_match("mail.contoso.com.", "Mail.Contoso.Com"),
	    DN_EXACT);
	ck_assert_int_eq(dn_match("mail.contoso.com", "mx.contoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match("contoso.com", "mail.contoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match("mail.contoso.com", "contoso.com"), DN_NONE);
}
END_TEST

START_TEST(test_dn_match_wildcard)
{
	ck_assert_int_eq(dn_match("*.contoso.com", "mx01.contoso.com"),
	    DN_WILDCARD);
	ck_assert_int_eq(dn_match("*.contoso.com", "a.b.contoso.com"),
	    DN_WILDCARD);
	ck_assert_int_eq(dn_match("*.CONTOSO.com", "MX.contoso.COM."),
	    DN_WILDCARD);
	ck_assert_int_eq(dn_match("*.contoso.com.", "mx.contoso.com"),
	    DN_WILDCARD);
	ck_assert_int_eq(dn_match("*", "contoso.com"), DN_WILDCARD);
	ck_assert_int_eq(dn_match("*", "a.b.c.example"), DN_WILDCARD);
	ck_assert_int_eq(dn_match("*.com", "contoso.com"), DN_WILDCARD);
}
END_TEST

START_TEST(test_dn_match_apex)
{
	ck_assert_int_eq(dn_match("*.contoso.com", "contoso.com"), DN_APEX);
	ck_assert_int_eq(dn_match("*.Contoso.com", "CONTOSO.COM."), DN_APEX);
	ck_assert_int_eq(dn_match("*.com", "com"), DN_APEX);
}
END_TEST

START_TEST(test_dn_match_label_boundary)
{
	ck_assert_int_eq(dn_match("*.contoso.com", "badcontoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match("*.contoso.com", "mail.badcontoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match("*.contoso.com", "contoso.com.evil.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match("*.contoso.com", "ontoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match("*.contoso.com", ".contoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match("*.contoso.com", "contoso.org"), DN_NONE);
}
END_TEST

START_TEST(test_dn_match_invalid)
{
	/* An embedded wildcard is never a wildcard. */
	ck_assert_int_eq(dn_match("domain.*.contoso.com",
	    "domain.x.contoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match("*contoso.com", "badcontoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match("*contoso.com", "contoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match("*.*.contoso.com", "a.b.contoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match("*.*.contoso.com", "a.*.contoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match("*.*.contoso.com", "*.contoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match("", ""), DN_NONE);
	ck_assert_int_eq(dn_match("", "contoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match("*", ""), DN_NONE);
	ck_assert_int_eq(dn_match(NULL, "contoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match("contoso.com", NULL), DN_NONE);
}
END_TEST

START_TEST(test_dn_match_host_wildcard)
{
	/* A wildcard on the host side only matches as a literal. */
	ck_assert_int_eq(dn_match("mail.contoso.com", "*.contoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match("*.contoso.com", "*.contoso.com"), DN_EXACT);
	ck_assert_int_eq(dn_match("*.Contoso.com", "*.contoso.COM"), DN_EXACT);
}
END_TEST

START_TEST(test_dn_match_cert)
{
	ck_assert_int_eq(dn_match_cert("*.contoso.com", "mail.contoso.com"),
	    DN_WILDCARD);
	ck_assert_int_eq(dn_match_cert("*.Contoso.COM", "MAIL.contoso.com."),
	    DN_WILDCARD);
	ck_assert_int_eq(dn_match_cert("*.contoso.com", "contoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match_cert("*.contoso.com", "a.b.contoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match_cert("*.contoso.com", "badcontoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match_cert("*.contoso.com", ".contoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match_cert("mail.contoso.com", "MAIL.contoso.com"),
	    DN_EXACT);
	ck_assert_int_eq(dn_match_cert("mail.contoso.com", "mx.contoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match_cert("*", "contoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match_cert("mail*.contoso.com",
	    "mail1.contoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match_cert("*.*.contoso.com", "a.b.contoso.com"),
	    DN_NONE);
	ck_assert_int_eq(dn_match_cert("*.contoso.com", "*.contoso.com"),
	    DN_EXACT);
	ck_assert_int_eq(dn_match_cert("*.com", "*.contoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match_cert(NULL, "contoso.com"), DN_NONE);
	ck_assert_int_eq(dn_match_cert("contoso.com", ""), DN_NONE);
}
END_TEST

START_TEST(test_dn_is_subdomain)
{
	ck_assert_int_eq(dn_is_subdomain("contoso.com", "contoso.com"), 1);
	ck_assert_int_eq(dn_is_subdomain("mail.contoso.com", "contoso.com"), 1);
	ck_assert_int_eq(dn_is_subdomain("a.b.contoso.com", "contoso.com"), 1);
	ck_assert_int_eq(dn_is_subdomain("Mail.CONTOSO.com.", "contoso.COM"),
	    1);
	ck_assert_int_eq(dn_is_subdomain("badcontoso.com", "contoso.com"), 0);
	ck_assert_int_eq(dn_is_subdomain("contoso.org", "contoso.com"), 0);
	ck_assert_int_eq(dn_is_subdomain("contoso.com", "mail.contoso.com"), 0);
	ck_assert_int_eq(dn_is_subdomain(".contoso.com", "contoso.com"), 0);
	ck_assert_int_eq(dn_is_subdomain("contoso.com.evil", "contoso.com"), 0);
	ck_assert_int_eq(dn_is_subdomain("", "contoso.com"), 0);
	ck_assert_int_eq(dn_is_subdomain("contoso.com", ""), 0);
	ck_assert_int_eq(dn_is_subdomain(NULL, "contoso.com"), 0);
	ck_assert_int_eq(dn_is_subdomain("contoso.com", NULL), 0);
}
END_TEST

/* ---- Certificate identities ------------------------------------------- */

START_TEST(test_x509id_full)
{
	const char	*in = "<I>CN=GeoTrust TLS RSA CA G1, "
	    "OU=www.digicert.com, O=DigiCert Inc, C=US<S>CN=mail.contoso.com";
	struct x509id	 id;

	ck_assert_int_eq(parse_x509id(A, in, &id), 0);
	ck_assert_ptr_nonnull(id.issuer);
	ck_assert_str_eq(id.issuer, "CN=GeoTrust TLS RSA CA G1, "
	    "OU=www.digicert.com, O=DigiCert Inc, C=US");
	ck_assert_str_eq(id.subject, "CN=mail.contoso.com");
	ck_assert(!points_into(id.issuer, in));
	ck_assert(!points_into(id.subject, in));
}
END_TEST

START_TEST(test_x509id_subject_with_commas)
{
	struct x509id	id;

	ck_assert_int_eq(parse_x509id(A, "<I>CN=Contoso CA, DC=contoso, "
	    "DC=local<S>CN=mail.contoso.com, OU=IT, O=\"Contoso, Ltd\", C=US",
	    &id), 0);
	ck_assert_str_eq(id.issuer, "CN=Contoso CA, DC=contoso, DC=local");
	ck_assert_str_eq(id.subject,
	    "CN=mail.contoso.com, OU=IT, O=\"Contoso, Ltd\", C=US");
}
END_TEST

START_TEST(test_x509id_bare)
{
	struct x509id	id;

	ck_assert_int_eq(parse_x509id(A, "CN=mail.contoso.com, O=Contoso",
	    &id), 0);
	ck_assert_ptr_null(id.issuer);
	ck_assert_str_eq(id.subject, "CN=mail.contoso.com, O=Contoso");

	ck_assert_int_eq(parse_x509id(A, "<S>CN=mail.contoso.com", &id), 0);
	ck_assert_ptr_null(id.issuer);
	ck_assert_str_eq(id.subject, "CN=mail.contoso.com");
}
END_TEST

START_TEST(test_x509id_whitespace)
{
	struct x509id	id;

	ck_assert_int_eq(parse_x509id(A, "  <I>CN=CA <S> CN=host  ", &id), 0);
	ck_assert_str_eq(id.issuer, "CN=CA");
	ck_assert_str_eq(id.subject, "CN=host");
}
END_TEST

START_TEST(test_x509id_invalid)
{
	struct x509id	id;

	ck_assert_int_eq(parse_x509id(A, "<I>CN=CA", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "<I><S>CN=host", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "<I>CN=CA<S>", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "<I>CN=CA<S>   ", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "   ", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "<S>", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "<I>CN=a<S>CN=b<S>CN=c", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "<I>CN=a<I>CN=x<S>CN=b", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "CN=a<S>CN=b", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "<I>garbage<S>CN=host", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "<I>CN=CA<S>mail.contoso.com", &id),
	    -1);
	ck_assert_int_eq(parse_x509id(A, "mail.contoso.com", &id), -1);
	ck_assert_int_eq(parse_x509id(A, "<I>CN=\"open<S>CN=host", &id), -1);
	ck_assert_int_eq(parse_x509id(A, NULL, &id), -1);
}
END_TEST

START_TEST(test_dn_get_cn_basic)
{
	const char	*in = "CN=mail.contoso.com, O=Contoso, C=US";
	const char	*cn;

	cn = dn_get_cn(A, in);
	ck_assert_ptr_nonnull(cn);
	ck_assert_str_eq(cn, "mail.contoso.com");
	ck_assert(!points_into(cn, in));
	ck_assert_str_eq(dn_get_cn(A, "O=Contoso, CN=mx.contoso.com, C=US"),
	    "mx.contoso.com");
	ck_assert_str_eq(dn_get_cn(A, "CN=first, CN=second"), "first");
	ck_assert_str_eq(dn_get_cn(A, "CN=GeoTrust TLS RSA CA G1, "
	    "OU=www.digicert.com, O=DigiCert Inc, C=US"),
	    "GeoTrust TLS RSA CA G1");
}
END_TEST

START_TEST(test_dn_get_cn_types)
{
	ck_assert_str_eq(dn_get_cn(A, "cn=foo.example"), "foo.example");
	ck_assert_str_eq(dn_get_cn(A, "OID.2.5.4.3=foo, O=x"), "foo");
	ck_assert_str_eq(dn_get_cn(A, "2.5.4.3=foo"), "foo");
	ck_assert_str_eq(dn_get_cn(A, "  CN = foo  , O=x"), "foo");
	ck_assert_str_eq(dn_get_cn(A, "O=x;CN=semi"), "semi");
	ck_assert_str_eq(dn_get_cn(A, "CN=a+OU=b"), "a");
}
END_TEST

START_TEST(test_dn_get_cn_quoted)
{
	ck_assert_str_eq(dn_get_cn(A, "CN=\"mail, contoso\", O=X"),
	    "mail, contoso");
	ck_assert_str_eq(dn_get_cn(A, "O=\"Contoso, CN=evil\", CN=host"),
	    "host");
	ck_assert_str_eq(dn_get_cn(A, "CN=\"a\"\"b\""), "a\"b");
	ck_assert_str_eq(dn_get_cn(A, "CN=\"a\\\"b\", C=US"), "a\"b");
	ck_assert_str_eq(dn_get_cn(A, "CN=\" padded \""), " padded ");
	ck_assert_str_eq(dn_get_cn(A, "CN=\"\", O=x"), "");
}
END_TEST

START_TEST(test_dn_get_cn_escaped)
{
	ck_assert_str_eq(dn_get_cn(A, "CN=mail\\, contoso, O=X"),
	    "mail, contoso");
	ck_assert_str_eq(dn_get_cn(A, "CN=caf\\C3\\A9"), "caf\xc3\xa9");
	ck_assert_str_eq(dn_get_cn(A, "CN=a\\+b\\=c"), "a+b=c");
	ck_assert_str_eq(dn_get_cn(A, "CN=foo\\ , O=x"), "foo ");
	ck_assert_str_eq(dn_get_cn(A, "CN=a\\\\b"), "a\\b");
}
END_TEST

START_TEST(test_dn_get_cn_none)
{
	ck_assert_ptr_null(dn_get_cn(A, "O=Contoso, C=US"));
	ck_assert_ptr_null(dn_get_cn(A, ""));
	ck_assert_ptr_null(dn_get_cn(A, "mail.contoso.com"));
	ck_assert_ptr_null(dn_get_cn(A, "CN=\"unterminated"));
	ck_assert_ptr_null(dn_get_cn(A, "CN=a,"));
	ck_assert_ptr_null(dn_get_cn(A, "CN=a, , O=b"));
	ck_assert_ptr_null(dn_get_cn(A, "CN=a\\"));
	ck_assert_ptr_null(dn_get_cn(A, "CN=a\\00b"));
	ck_assert_ptr_null(dn_get_cn(A, "=foo"));
	ck_assert_ptr_null(dn_get_cn(A, "C N=foo"));
	ck_assert_ptr_null(dn_get_cn(A, "CN=\"a\" b"));
	ck_assert_ptr_null(dn_get_cn(A, "CN=a\"b"));
	ck_assert_ptr_null(dn_get_cn(A, NULL));
}
END_TEST

START_TEST(test_x500_equal_spacing)
{
	ck_assert_int_eq(x500_equal("CN=GeoTrust TLS RSA CA G1, "
	    "OU=www.digicert.com, O=DigiCert Inc, C=US",
	    "CN=GeoTrust TLS RSA CA G1,OU=www.digicert.com,"
	    "O=DigiCert Inc,C=US"), 1);
	ck_assert_int_eq(x500_equal("CN = a ,  O = b", "CN=a,O=b"), 1);
	ck_assert_int_eq(x500_equal(" CN=a", "CN=a "), 1);
	ck_assert_int_eq(x500_equal("CN=a; O=b", "CN=a, O=b"), 1);
	/* Spaces inside a value are significant. */
	ck_assert_int_eq(x500_equal("O=DigiCert  Inc", "O=DigiCert Inc"), 0);
	ck_assert_int_eq(x500_equal("O=DigiCertInc", "O=DigiCert Inc"), 0);
}
END_TEST

START_TEST(test_x500_equal_case_and_forms)
{
	ck_assert_int_eq(x500_equal("cn=mail.CONTOSO.com, o=contoso",
	    "CN=mail.contoso.com, O=Contoso"), 1);
	ck_assert_int_eq(x500_equal("O=\"Contoso, Inc.\", C=US",
	    "O=Contoso\\, Inc., C=US"), 1);
	ck_assert_int_eq(x500_equal("CN=caf\\C3\\A9", "CN=caf\xc3\xa9"), 1);
	ck_assert_int_eq(x500_equal("ST=WA, C=US", "S=WA, C=US"), 1);
	ck_assert_int_eq(x500_equal("OID.2.5.4.3=x", "CN=x"), 1);
	ck_assert_int_eq(x500_equal("E=a@b.example",
	    "EMAILADDRESS=a@b.example"), 1);
	ck_assert_int_eq(x500_equal("", ""), 1);
}
END_TEST

START_TEST(test_x500_equal_different)
{
	ck_assert_int_eq(x500_equal("CN=a, O=b", "CN=a, O=c"), 0);
	ck_assert_int_eq(x500_equal("CN=a, O=b", "O=b, CN=a"), 0);
	ck_assert_int_eq(x500_equal("CN=a, O=b", "CN=a"), 0);
	ck_assert_int_eq(x500_equal("CN=a", "CN=a, O=b"), 0);
	ck_assert_int_eq(x500_equal("CN=a+O=b", "CN=a, O=b"), 0);
	ck_assert_int_eq(x500_equal("CN=a", "OU=a"), 0);
	ck_assert_int_eq(x500_equal("CN=ab", "CN=a"), 0);
	ck_assert_int_eq(x500_equal("", "CN=a"), 0);
	ck_assert_int_eq(x500_equal("garbage", "garbage"), 0);
	ck_assert_int_eq(x500_equal("CN=a,", "CN=a,"), 0);
	ck_assert_int_eq(x500_equal(NULL, "CN=a"), 0);
	ck_assert_int_eq(x500_equal("CN=a", NULL), 0);
}
END_TEST

/* ---- Address spaces --------------------------------------------------- */

START_TEST(test_addrspace_forms)
{
	struct addrspace	as;
	const char		*in = "smtp:Test.Domain.com;1";

	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;1", &as), 0);
	ck_assert_str_eq(as.type, "SMTP");
	ck_assert_str_eq(as.domain, "*");
	ck_assert_int_eq(as.cost, 1);

	ck_assert_int_eq(parse_addrspace(A, in, &as), 0);
	ck_assert_str_eq(as.type, "SMTP");
	ck_assert_str_eq(as.domain, "test.domain.com");
	ck_assert_int_eq(as.cost, 1);
	ck_assert(!points_into(as.domain, in));
	ck_assert(!points_into(as.type, in));

	ck_assert_int_eq(parse_addrspace(A, "contoso.com", &as), 0);
	ck_assert_str_eq(as.type, "SMTP");
	ck_assert_str_eq(as.domain, "contoso.com");
	ck_assert_int_eq(as.cost, 1);

	ck_assert_int_eq(parse_addrspace(A, "*.Contoso.com;100", &as), 0);
	ck_assert_str_eq(as.domain, "*.contoso.com");
	ck_assert_int_eq(as.cost, 100);

	ck_assert_int_eq(parse_addrspace(A, "smtp:contoso.com.;10", &as), 0);
	ck_assert_str_eq(as.domain, "contoso.com");
	ck_assert_int_eq(as.cost, 10);

	ck_assert_int_eq(parse_addrspace(A, " SMTP:*.com ; 5 ", &as), 0);
	ck_assert_str_eq(as.domain, "*.com");
	ck_assert_int_eq(as.cost, 5);
}
END_TEST

START_TEST(test_addrspace_x400)
{
	struct addrspace	as;

	ck_assert_int_eq(parse_addrspace(A, "X400:c=US;a= ;p=Org;o=Site;;5",
	    &as), 0);
	ck_assert_str_eq(as.type, "X400");
	ck_assert_str_eq(as.domain, "c=us;a= ;p=org;o=site;");
	ck_assert_int_eq(as.cost, 5);
}
END_TEST

START_TEST(test_addrspace_invalid)
{
	struct addrspace	as;

	ck_assert_int_eq(parse_addrspace(A, "*contoso.com", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "smtp:*contoso.com;1", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:domain.*.contoso.com;1", &as),
	    -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:contoso..com;1", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, ";1", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:;1", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, ":*;1", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "sm tp:*;1", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, NULL, &as), -1);
}
END_TEST

START_TEST(test_addrspace_cost_range)
{
	struct addrspace	as;

	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;0", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;101", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;-1", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;+1", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;1a", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;1.5", &as), -1);
	ck_assert_int_eq(parse_addrspace(A,
	    "SMTP:*;18446744073709551617", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;4294967297", &as), -1);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;100", &as), 0);
	ck_assert_int_eq(as.cost, 100);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;007", &as), 0);
	ck_assert_int_eq(as.cost, 7);
}
END_TEST

START_TEST(test_addrspace_match_scores)
{
	struct addrspace	star, com, wild, exact, mail;

	ck_assert_int_eq(parse_addrspace(A, "SMTP:*;1", &star), 0);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*.com;1", &com), 0);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:*.contoso.com;1", &wild), 0);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:contoso.com;1", &exact), 0);
	ck_assert_int_eq(parse_addrspace(A,
	    "smtp:*.mail.onmicrosoft.com;1", &mail), 0);

	ck_assert_int_eq(addrspace_match(&star, "contoso.com"), 0);
	ck_assert_int_eq(addrspace_match(&com, "contoso.com"), 2);
	ck_assert_int_eq(addrspace_match(&exact, "contoso.com"), 5);
	ck_assert_int_eq(addrspace_match(&wild, "mail.contoso.com"), 4);
	ck_assert_int_eq(addrspace_match(&wild, "a.b.contoso.com"), 4);
	ck_assert_int_eq(addrspace_match(&mail,
	    "tenant.mail.onmicrosoft.com"), 6);
	/* The exact domain beats the wildcard of the same depth. */
	ck_assert_int_gt(addrspace_match(&exact, "contoso.com"),
	    addrspace_match(&wild, "contoso.com"));
	ck_assert_int_gt(addrspace_match(&com, "contoso.com"),
	    addrspace_match(&star, "contoso.com"));
}
END_TEST

START_TEST(test_addrspace_match_none)
{
	struct addrspace	wild, exact, x400;

	ck_assert_int_eq(parse_addrspace(A, "SMTP:*.contoso.com;1", &wild), 0);
	ck_assert_int_eq(parse_addrspace(A, "SMTP:contoso.com;1", &exact), 0);
	ck_assert_int_eq(parse_addrspace(A, "X400:c=US;a= ;p=Org;1", &x400),
	    0);

	ck_assert_int_eq(addrspace_match(&wild, "contoso.com"), 4);
	ck_assert_int_eq(addrspace_match(&wild, "badcontoso.com"), -1);
	ck_assert_int_eq(addrspace_match(&exact, "mail.contoso.com"), -1);
	ck_assert_int_eq(addrspace_match(&exact, "CONTOSO.com."), 5);
	ck_assert_int_eq(addrspace_match(&exact, "contoso.org"), -1);
	ck_assert_int_eq(addrspace_match(&exact, ""), -1);
	ck_assert_int_eq(addrspace_match(&exact, NULL), -1);
	ck_assert_int_eq(addrspace_match(&x400, "contoso.com"), -1);
	exact.type = "smtp";
	ck_assert_int_eq(addrspace_match(&exact, "contoso.com"), 5);
	ck_assert_int_eq(addrspace_match(NULL, "contoso.com"), -1);
}
END_TEST

/* ---- IP addresses ----------------------------------------------------- */

START_TEST(test_ipaddr_v4)
{
	static const uint8_t	 want[4] = { 192, 0, 2, 1 };
	struct ipaddr		 ip;

	ck_assert_int_eq(parse_ipaddr("192.0.2.1", &ip), 0);
	ck_assert_int_eq(ip.family, 4);
	ck_assert_mem_eq(ip.a, want, 4);
	ck_assert_int_eq(parse_ipaddr("[192.0.2.1]", &ip), 0);
	ck_assert_mem_eq(ip.a, want, 4);
	ck_assert_int_eq(parse_ipaddr("0.0.0.0", &ip), 0);
	ck_assert_int_eq(parse_ipaddr("255.255.255.255", &ip), 0);
	ck_assert_int_eq(ip.a[3], 255);
}
END_TEST

START_TEST(test_ipaddr_v4_invalid)
{
	struct ipaddr	ip;

	ck_assert_int_eq(parse_ipaddr("192.0.2", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("192.0.2.1.5", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("256.0.0.1", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("01.2.3.4", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("1234.1.1.1", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("1..2.3", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("1.2.3.", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("a.b.c.d", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("1.2.3.-1", &ip), -1);
	ck_assert_int_eq(parse_ipaddr(" 1.2.3.4", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("1.2.3.4 ", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("[]", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("", &ip), -1);
	ck_assert_int_eq(parse_ipaddr(NULL, &ip), -1);
}
END_TEST

START_TEST(test_ipaddr_v6)
{
	static const uint8_t	 want[16] = { 0x20, 0x01, 0x0d, 0xb8,
	    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	static const uint8_t	 zero[16];
	struct ipaddr		 ip;

	ck_assert_int_eq(parse_ipaddr("2001:db8::1", &ip), 0);
	ck_assert_int_eq(ip.family, 6);
	ck_assert_mem_eq(ip.a, want, 16);
	ck_assert_int_eq(parse_ipaddr("[2001:DB8::1]", &ip), 0);
	ck_assert_mem_eq(ip.a, want, 16);
	ck_assert_int_eq(parse_ipaddr("::", &ip), 0);
	ck_assert_mem_eq(ip.a, zero, 16);
	ck_assert_int_eq(parse_ipaddr("::ffff:192.0.2.1", &ip), 0);
	ck_assert_int_eq(ip.a[10], 0xff);
	ck_assert_int_eq(ip.a[12], 192);
}
END_TEST

START_TEST(test_ipaddr_v6_invalid)
{
	struct ipaddr	ip;

	ck_assert_int_eq(parse_ipaddr(":::", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("2001:db8::1::2", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("12345::", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("[2001:db8::1", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("2001:db8::1]", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("fe80::1%eth0", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("1:2:3:4:5:6:7:8:9", &ip), -1);
	ck_assert_int_eq(parse_ipaddr("g::1", &ip), -1);
	ck_assert_int_eq(parse_ipaddr(
	    "0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000", &ip), -1);
}
END_TEST

START_TEST(test_iprange_single)
{
	struct iprange	r;

	ck_assert_int_eq(parse_iprange("192.0.2.1", &r), 0);
	ck_assert_int_eq(r.fmt, IPR_SINGLE);
	ck_assert_int_eq(r.prefix, -1);
	ck_assert_int_eq(ipaddr_cmp(&r.lo, &r.hi), 0);
	ck_assert_int_eq(iprange_bits(&r), 0);

	ck_assert_int_eq(parse_iprange("2001:db8::1", &r), 0);
	ck_assert_int_eq(r.fmt, IPR_SINGLE);
	ck_assert_int_eq(r.lo.family, 6);
	ck_assert_int_eq(iprange_bits(&r), 0);
}
END_TEST

START_TEST(test_iprange_cidr_v4)
{
	struct iprange	r;
	struct ipaddr	lo, hi;

	ck_assert_int_eq(parse_iprange("192.0.2.0/24", &r), 0);
	ck_assert_int_eq(r.fmt, IPR_CIDR);
	ck_assert_int_eq(r.prefix, 24);
	ck_assert_int_eq(parse_ipaddr("192.0.2.0", &lo), 0);
	ck_assert_int_eq(parse_ipaddr("192.0.2.255", &hi), 0);
	ck_assert_int_eq(ipaddr_cmp(&r.lo, &lo), 0);
	ck_assert_int_eq(ipaddr_cmp(&r.hi, &hi), 0);
	ck_assert_int_eq(iprange_bits(&r), 8);

	/* Host bits are masked off. */
	ck_assert_int_eq(parse_iprange("192.0.2.77/24", &r), 0);
	ck_assert_int_eq(ipaddr_cmp(&r.lo, &lo), 0);
	ck_assert_int_eq(ipaddr_cmp(&r.hi, &hi), 0);

	ck_assert_int_eq(parse_iprange("10.1.2.3/12", &r), 0);
	ck_assert_int_eq(parse_ipaddr("10.0.0.0", &lo), 0);
	ck_assert_int_eq(parse_ipaddr("10.15.255.255", &hi), 0);
	ck_assert_int_eq(ipaddr_cmp(&r.lo, &lo), 0);
	ck_assert_int_eq(ipaddr_cmp(&r.hi, &hi), 0);
	ck_assert_int_eq(iprange_bits(&r), 20);

	ck_assert_int_eq(parse_iprange("0.0.0.0/0", &r), 0);
	ck_assert_int_eq(iprange_bits(&r), 32);
	ck_assert_int_eq(r.hi.a[0], 255);
	ck_assert_int_eq(parse_iprange("192.0.2.1/32", &r), 0);
	ck_assert_int_eq(iprange_bits(&r), 0);
	ck_assert_int_eq(ipaddr_cmp(&r.lo, &r.hi), 0);
}
END_TEST

START_TEST(test_iprange_cidr_v6)
{
	struct iprange	r;
	struct ipaddr	lo, hi;

	ck_assert_int_eq(parse_iprange("2001:db8::/32", &r), 0);
	ck_assert_int_eq(r.prefix, 32);
	ck_assert_int_eq(parse_ipaddr("2001:db8::", &lo), 0);
	ck_assert_int_eq(parse_ipaddr("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
	    &hi), 0);
	ck_assert_int_eq(ipaddr_cmp(&r.lo, &lo), 0);
	ck_assert_int_eq(ipaddr_cmp(&r.hi, &hi), 0);
	ck_assert_int_eq(iprange_bits(&r), 96);

	ck_assert_int_eq(parse_iprange("2001:db8::1/64", &r), 0);
	ck_assert_int_eq(ipaddr_cmp(&r.lo, &lo), 0);
	ck_assert_int_eq(iprange_bits(&r), 64);
	ck_assert_int_eq(parse_iprange("::/0", &r), 0);
	ck_assert_int_eq(iprange_bits(&r), 128);
	ck_assert_int_eq(parse_iprange("2001:db8::1/128", &r), 0);
	ck_assert_int_eq(iprange_bits(&r), 0);
	ck_assert_int_eq(parse_iprange("2001:db8::/61", &r), 0);
	ck_assert_int_eq(r.hi.a[7], 0x07);
	ck_assert_int_eq(r.hi.a[6], 0x00);
}
END_TEST

START_TEST(test_iprange_cidr_invalid)
{
	struct iprange	r;

	ck_assert_int_eq(parse_iprange("192.0.2.0/33", &r), -1);
	ck_assert_int_eq(parse_iprange("192.0.2.0/", &r), -1);
	ck_assert_int_eq(parse_iprange("192.0.2.0/-1", &r), -1);
	ck_assert_int_eq(parse_iprange("192.0.2.0/ 24", &r), -1);
	ck_assert_int_eq(parse_iprange("192.0.2.0/1234", &r), -1);
	ck_assert_int_eq(parse_iprange("192.0.2.0/24/8", &r), -1);
	ck_assert_int_eq(parse_iprange("/24", &r), -1);
	ck_assert_int_eq(parse_iprange("2001:db8::/129", &r), -1);
	ck_assert_int_eq(parse_iprange("mail.contoso.com/24", &r), -1);
}
END_TEST

START_TEST(test_iprange_lohi)
{
	struct iprange	r;

	ck_assert_int_eq(parse_iprange("0.0.0.0-255.255.255.255", &r), 0);
	ck_assert_int_eq(r.fmt, IPR_LOHI);
	ck_assert_int_eq(r.prefix, -1);
	ck_assert_int_eq(iprange_bits(&r), 32);

	ck_assert_int_eq(parse_iprange(
	    "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", &r), 0);
	ck_assert_int_eq(r.fmt, IPR_LOHI);
	ck_assert_int_eq(r.lo.family, 6);
	ck_assert_int_eq(iprange_bits(&r), 128);

	ck_assert_int_eq(parse_iprange("10.0.0.0-10.0.0.3", &r), 0);
	ck_assert_int_eq(iprange_bits(&r), 2);
	/* Not a power of two: rounded down. */
	ck_assert_int_eq(parse_iprange("10.0.0.0-10.0.0.2", &r), 0);
	ck_assert_int_eq(iprange_bits(&r), 1);
	ck_assert_int_eq(parse_iprange("10.0.0.5-10.0.0.5", &r), 0);
	ck_assert_int_eq(iprange_bits(&r), 0);
	ck_assert_int_eq(parse_iprange("10.0.0.255-10.0.1.0", &r), 0);
	ck_assert_int_eq(iprange_bits(&r), 1);
}
END_TEST

START_TEST(test_iprange_lohi_invalid)
{
	struct iprange	r;

	ck_assert_int_eq(parse_iprange("10.0.0.9-10.0.0.1", &r), -1);
	ck_assert_int_eq(parse_iprange("10.0.0.1-::1", &r), -1);
	ck_assert_int_eq(parse_iprange("10.0.0.1-", &r), -1);
	ck_assert_int_eq(parse_iprange("-10.0.0.1", &r), -1);
	ck_assert_int_eq(parse_iprange("10.0.0.1-10.0.0.2-10.0.0.3", &r), -1);
	ck_assert_int_eq(parse_iprange("", &r), -1);
	ck_assert_int_eq(parse_iprange(NULL, &r), -1);
}
END_TEST

START_TEST(test_iprange_contains)
{
	struct iprange	r;
	struct ipaddr	ip;

	ck_assert_int_eq(parse_iprange("192.0.2.0/24", &r), 0);
	ck_assert_int_eq(parse_ipaddr("192.0.2.200", &ip), 0);
	ck_assert_int_eq(iprange_contains(&r, &ip), 1);
	ck_assert_int_eq(parse_ipaddr("192.0.2.0", &ip), 0);
	ck_assert_int_eq(iprange_contains(&r, &ip), 1);
	ck_assert_int_eq(parse_ipaddr("192.0.2.255", &ip), 0);
	ck_assert_int_eq(iprange_contains(&r, &ip), 1);
	ck_assert_int_eq(parse_ipaddr("192.0.3.0", &ip), 0);
	ck_assert_int_eq(iprange_contains(&r, &ip), 0);
	ck_assert_int_eq(parse_ipaddr("192.0.1.255", &ip), 0);
	ck_assert_int_eq(iprange_contains(&r, &ip), 0);
	ck_assert_int_eq(parse_ipaddr("::c000:2c8", &ip), 0);
	ck_assert_int_eq(iprange_contains(&r, &ip), 0);

	ck_assert_int_eq(parse_iprange(
	    "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", &r), 0);
	ck_assert_int_eq(parse_ipaddr("2001:db8::1", &ip), 0);
	ck_assert_int_eq(iprange_contains(&r, &ip), 1);
	ck_assert_int_eq(parse_ipaddr("192.0.2.1", &ip), 0);
	ck_assert_int_eq(iprange_contains(&r, &ip), 0);

	ck_assert_int_eq(parse_iprange("10.0.0.5", &r), 0);
	ck_assert_int_eq(parse_ipaddr("10.0.0.5", &ip), 0);
	ck_assert_int_eq(iprange_contains(&r, &ip), 1);
	ck_assert_int_eq(parse_ipaddr("10.0.0.6", &ip), 0);
	ck_assert_int_eq(iprange_contains(&r, &ip), 0);
}
END_TEST

START_TEST(test_iprange_overlaps)
{
	struct iprange	a, b;

	ck_assert_int_eq(parse_iprange("192.0.2.0/24", &a), 0);
	ck_assert_int_eq(parse_iprange("192.0.2.128/25", &b), 0);
	ck_assert_int_eq(iprange_overlaps(&a, &b), 1);
	ck_assert_int_eq(iprange_overlaps(&b, &a), 1);

	ck_assert_int_eq(parse_iprange("192.0.2.0/25", &a), 0);
	ck_assert_int_eq(iprange_overlaps(&a, &b), 0);
	ck_assert_int_eq(iprange_overlaps(&b, &a), 0);

	/* Ranges sharing one endpoint overlap. */
	ck_assert_int_eq(parse_iprange("10.0.0.0-10.0.0.10", &a), 0);
	ck_assert_int_eq(parse_iprange("10.0.0.10-10.0.0.20", &b), 0);
	ck_assert_int_eq(iprange_overlaps(&a, &b), 1);
	ck_assert_int_eq(parse_iprange("10.0.0.11-10.0.0.20", &b), 0);
	ck_assert_int_eq(iprange_overlaps(&a, &b), 0);

	ck_assert_int_eq(parse_iprange("0.0.0.0-255.255.255.255", &a), 0);
	ck_assert_int_eq(parse_iprange("::/0", &b), 0);
	ck_assert_int_eq(iprange_overlaps(&a, &b), 0);
	ck_assert_int_eq(parse_iprange("2001:db8::/32", &a), 0);
	ck_assert_int_eq(iprange_overlaps(&a, &b), 1);
}
END_TEST

START_TEST(test_ipaddr_cmp)
{
	struct ipaddr	a, b;

	ck_assert_int_eq(parse_ipaddr("255.255.255.255", &a), 0);
	ck_assert_int_eq(parse_ipaddr("::", &b), 0);
	ck_assert_int_eq(ipaddr_cmp(&a, &b), -1);
	ck_assert_int_eq(ipaddr_cmp(&b, &a), 1);
	ck_assert_int_eq(parse_ipaddr("10.0.0.2", &a), 0);
	ck_assert_int_eq(parse_ipaddr("10.0.0.10", &b), 0);
	ck_assert_int_eq(ipaddr_cmp(&a, &b), -1);
	ck_assert_int_eq(ipaddr_cmp(&b, &a), 1);
	ck_assert_int_eq(parse_ipaddr("10.0.0.10", &a), 0);
	ck_assert_int_eq(ipaddr_cmp(&a, &b), 0);
	ck_assert_int_eq(parse_ipaddr("2001:db8::1", &a), 0);
	ck_assert_int_eq(parse_ipaddr("2001:0db8:0:0:0:0:0:1", &b), 0);
	ck_assert_int_eq(ipaddr_cmp(&a, &b), 0);
}
END_TEST

START_TEST(test_ipaddr_private)
{
	static const struct {
		const char	*addr;
		int		 priv;
	} cases[] = {
		{ "10.1.2.3", 1 }, { "172.16.0.1", 1 }, { "172.31.255.255", 1 },
		{ "172.32.0.1", 0 }, { "172.15.255.255", 0 },
		{ "192.168.1.1", 1 }, { "192.169.0.1", 0 }, { "127.0.0.1", 1 },
		{ "169.254.1.1", 1 }, { "8.8.8.8", 0 }, { "192.0.2.1", 0 },
		{ "::1", 1 }, { "fe80::1", 1 }, { "febf::1", 1 },
		{ "fec0::1", 0 }, { "fd00::1", 1 }, { "fc00::1", 1 },
		{ "fe00::1", 0 }, { "2001:db8::1", 0 }, { "::", 0 },
		{ "::2", 0 },
	};
	struct ipaddr	ip;
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(parse_ipaddr(cases[i].addr, &ip), 0);
		ck_assert_msg(ipaddr_is_private(&ip) == cases[i].priv,
		    "%s: expected %d", cases[i].addr, cases[i].priv);
	}
	ck_assert_int_eq(ipaddr_is_private(NULL), 0);
}
END_TEST

START_TEST(test_ipaddr_format)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "192.0.2.1", "192.0.2.1" },
		{ "0.0.0.0", "0.0.0.0" },
		{ "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1" },
		{ "::", "::" },
		{ "::1", "::1" },
		{ "1::", "1::" },
		{ "2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1" },
		{ "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
		{ "1:0:0:2:0:0:3:4", "1::2:0:0:3:4" },
		{ "1:0:0:2:0:0:0:4", "1:0:0:2::4" },
		{ "1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0" },
		{ "1:2:3:4:5:6::", "1:2:3:4:5:6::" },
		{ "0:0:1:2:3:4:5:6", "::1:2:3:4:5:6" },
		{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
		{ "::ffff:192.0.2.1", "::ffff:c000:201" },
	};
	struct ipaddr	ip;
	size_t		i;
	char		*s;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(parse_ipaddr(cases[i].in, &ip), 0);
		s = ipaddr_format(A, &ip);
		ck_assert_ptr_nonnull(s);
		ck_assert_str_eq(s, cases[i].out);
	}
	memset(&ip, 0, sizeof(ip));
	ck_assert_ptr_null(ipaddr_format(A, &ip));
}
END_TEST

START_TEST(test_smarthost)
{
	struct smarthost	sh;
	struct ipaddr		ip;

	ck_assert_int_eq(parse_smarthost(A, "[192.0.2.1]", &sh), 0);
	ck_assert_int_eq(sh.is_ip, 1);
	ck_assert_str_eq(sh.host, "192.0.2.1");
	ck_assert_int_eq(parse_ipaddr("192.0.2.1", &ip), 0);
	ck_assert_int_eq(ipaddr_cmp(&sh.ip, &ip), 0);

	ck_assert_int_eq(parse_smarthost(A, "192.0.2.1", &sh), 0);
	ck_assert_int_eq(sh.is_ip, 1);
	ck_assert_str_eq(sh.host, "192.0.2.1");

	ck_assert_int_eq(parse_smarthost(A, "[2001:DB8:0::1]", &sh), 0);
	ck_assert_int_eq(sh.is_ip, 1);
	ck_assert_int_eq(sh.ip.family, 6);
	ck_assert_str_eq(sh.host, "2001:db8::1");

	ck_assert_int_eq(parse_smarthost(A,
	    "Contoso-com.mail.protection.outlook.com.", &sh), 0);
	ck_assert_int_eq(sh.is_ip, 0);
	ck_assert_str_eq(sh.host, "contoso-com.mail.protection.outlook.com");
}
END_TEST

START_TEST(test_smarthost_invalid)
{
	struct smarthost	sh;

	ck_assert_int_eq(parse_smarthost(A, "", &sh), -1);
	ck_assert_int_eq(parse_smarthost(A, "[mail.contoso.com]", &sh), -1);
	ck_assert_int_eq(parse_smarthost(A, "*.contoso.com", &sh), -1);
	ck_assert_int_eq(parse_smarthost(A, "192.0.2.300", &sh), -1);
	ck_assert_int_eq(parse_smarthost(A, "1.2.3", &sh), -1);
	ck_assert_int_eq(parse_smarthost(A, "mail contoso.com", &sh), -1);
	ck_assert_int_eq(parse_smarthost(A, "[192.0.2.1", &sh), -1);
	ck_assert_int_eq(parse_smarthost(A, "mail.contoso.com:25", &sh), -1);
	ck_assert_int_eq(parse_smarthost(A, NULL, &sh), -1);
}
END_TEST

/* ---- Sizes ------------------------------------------------------------ */

START_TEST(test_bytesize_parenthesised)
{
	static const char *const	cases[] = {
		"35 MB (36,700,160 bytes)",
		"35 MB (36.700.160 bytes)",
		"35 MB (36 700 160 bytes)",
		"35 MB (36'700'160 bytes)",
		"35 MB (36\xc2\xa0" "700\xc2\xa0" "160 bytes)",
		"35 MB (36\xe2\x80\xaf" "700\xe2\x80\xaf" "160 bytes)",
		"35 MB (36700160 bytes)",
		"35 MB (36,700,160 Bytes)",
		"  35 MB (36,700,160 bytes)  ",
		"99 GB (36,700,160 bytes)",
	};
	uint64_t	b;
	size_t		i;
	int		u;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b = 0;
		u = -1;
		ck_assert_msg(parse_bytesize(cases[i], &b, &u) == 0, "%s",
		    cases[i]);
		ck_assert_uint_eq(b, 36700160);
		ck_assert_int_eq(u, 0);
	}
	ck_assert_int_eq(parse_bytesize("1.953 GB (2,097,152,000 bytes)", &b,
	    &u), 0);
	ck_assert_uint_eq(b, 2097152000ULL);
	ck_assert_int_eq(parse_bytesize("1 B (1 bytes)", &b, &u), 0);
	ck_assert_uint_eq(b, 1);
}
END_TEST

START_TEST(test_bytesize_plain)
{
	uint64_t	b;
	int		u;

	ck_assert_int_eq(parse_bytesize("36700160", &b, &u), 0);
	ck_assert_uint_eq(b, 36700160);
	ck_assert_int_eq(parse_bytesize("10MB", &b, &u), 0);
	ck_assert_uint_eq(b, 10485760);
	ck_assert_int_eq(parse_bytesize("1.5 GB", &b, &u), 0);
	ck_assert_uint_eq(b, 1610612736ULL);
	ck_assert_int_eq(parse_bytesize("10 kb", &b, &u), 0);
	ck_assert_uint_eq(b, 10240);
	ck_assert_int_eq(parse_bytesize("1 TB", &b, &u), 0);
	ck_assert_uint_eq(b, 1099511627776ULL);
	ck_assert_int_eq(parse_bytesize("512 B", &b, &u), 0);
	ck_assert_uint_eq(b, 512);
	ck_assert_int_eq(parse_bytesize("0", &b, &u), 0);
	ck_assert_uint_eq(b, 0);
	ck_assert_int_eq(u, 0);
	ck_assert_int_eq(parse_bytesize("18446744073709551615", &b, &u), 0);
	ck_assert_uint_eq(b, UINT64_MAX);
}
END_TEST

START_TEST(test_bytesize_unlimited)
{
	uint64_t	b = 0;
	int		u = 0;

	ck_assert_int_eq(parse_bytesize("Unlimited", &b, &u), 0);
	ck_assert_int_eq(u, 1);
	ck_assert_uint_eq(b, UINT64_MAX);
	u = 0;
	ck_assert_int_eq(parse_bytesize(" unlimited ", &b, &u), 0);
	ck_assert_int_eq(u, 1);
	ck_assert_int_eq(parse_bytesize("Unlimited", &b, NULL), 0);
	ck_assert_int_eq(parse_bytesize("10MB", &b, &u), 0);
	ck_assert_int_eq(u, 0);
}
END_TEST

START_TEST(test_bytesize_invalid)
{
	static const char *const	cases[] = {
		"", "   ", "MB", "35 XB", "1.5", "1.5 bytes", "-5", "+5",
		"35 MB (36,700,160)", "35 MB (,36 bytes)",
		"35 MB (36,,700 bytes)",
		"35 MB (36, bytes)", "35 MB (36,700,160 bytes",
		"(36 bytes)", "35 MB (36,700,160 bytes) x",
		"35 MB ((36 bytes))", "35 MB (bytes)", "1.1234567 GB",
		"18446744073709551616", "17179869184 GB",
		"35 MB (18,446,744,073,709,551,616 bytes)", "36,700,160",
		"1 . 5 GB", "1. GB", ".5 GB", "Unlimitedx",
	};
	uint64_t	b;
	size_t		i;
	int		u;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b = 42;
		u = 42;
		ck_assert_msg(parse_bytesize(cases[i], &b, &u) == -1,
		    "accepted \"%s\"", cases[i]);
		ck_assert_uint_eq(b, 42);
		ck_assert_int_eq(u, 42);
	}
	ck_assert_int_eq(parse_bytesize(NULL, &b, &u), -1);
}
END_TEST

/* ---- Dates ------------------------------------------------------------ */

START_TEST(test_date_iso)
{
	static const char *const	cases[] = {
		"2025-04-09T09:16:22-05:00",
		"2025-04-09T14:16:22Z",
		"2025-04-09T14:16:22.1234567Z",
		"2025-04-09T14:16:22",
		"2025-04-09T14:16:22.9999999",
		"2025-04-09 14:16:22Z",
		"2025-04-09T19:46:22+05:30",
		"2025-04-09T19:46:22+0530",
		"2025-04-10T00:16:22+10",
		"2025-04-09T14:16:22,5z",
		" 2025-04-09T14:16:22Z ",
	};
	int64_t		t;
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = 0;
		ck_assert_msg(parse_date(cases[i], &t) == 0, "%s", cases[i]);
		ck_assert_msg(t == 1744208182, "%s: %lld", cases[i],
		    (long long)t);
	}
	ck_assert_int_eq(parse_date("2025-04-09T14:16Z", &t), 0);
	ck_assert_int_eq(t, 1744208182 - 22);
}
END_TEST

START_TEST(test_date_msdate)
{
	int64_t	t;

	ck_assert_int_eq(parse_date("\\/Date(1772500523000)\\/", &t), 0);
	ck_assert_int_eq(t, 1772500523);
	ck_assert_int_eq(parse_date("/Date(1772500523000)/", &t), 0);
	ck_assert_int_eq(t, 1772500523);
	ck_assert_int_eq(parse_date("/Date(1772500523999)/", &t), 0);
	ck_assert_int_eq(t, 1772500523);
	/* The offset is informational; the milliseconds are UTC. */
	ck_assert_int_eq(parse_date("/Date(1772500523000+0100)/", &t), 0);
	ck_assert_int_eq(t, 1772500523);
	ck_assert_int_eq(parse_date("\\/Date(1772500523000-0500)\\/", &t), 0);
	ck_assert_int_eq(t, 1772500523);
	ck_assert_int_eq(parse_date("/Date(0)/", &t), 0);
	ck_assert_int_eq(t, 0);
	ck_assert_int_eq(parse_date("/Date(-1000)/", &t), 0);
	ck_assert_int_eq(t, -1);
	ck_assert_int_eq(parse_date("/Date(-1)/", &t), 0);
	ck_assert_int_eq(t, -1);
}
END_TEST

START_TEST(test_date_only)
{
	int64_t	t;

	ck_assert_int_eq(parse_date("2026-11-28", &t), 0);
	ck_assert_int_eq(t, 1795824000);
	ck_assert_int_eq(parse_date("1970-01-01", &t), 0);
	ck_assert_int_eq(t, 0);
	ck_assert_int_eq(parse_date("2000-02-29", &t), 0);
	ck_assert_int_eq(t, 951782400);
	ck_assert_int_eq(parse_date("2024-02-29", &t), 0);
	ck_assert_int_eq(parse_date("1969-12-31", &t), 0);
	ck_assert_int_eq(t, -86400);
	ck_assert_int_eq(parse_date("0001-01-01", &t), 0);
	ck_assert_int_eq(t, -62135596800LL);
	ck_assert_int_eq(parse_date("9999-12-31", &t), 0);
	ck_assert_int_eq(t, 253402214400LL);
}
END_TEST

START_TEST(test_date_invalid)
{
	static const char *const	cases[] = {
		"", "2025", "2025-04", "2025-4-9", "25-04-09", "2025/04/09",
		"1900-02-29", "2023-02-29", "2025-04-31", "2025-13-01",
		"2025-00-10", "2025-01-00", "2025-04-09T",
		"2025-04-09T24:00:00Z",
		"2025-04-09T23:60:00", "2025-04-09T23:59:60",
		"2025-04-09T1:00:00", "2025-04-09T10:00:00Zjunk",
		"2025-04-09T10:00:00+25:00", "2025-04-09T10:00:00+05:60",
		"2025-04-09T10:00:00.Z", "2025-04-09T10:00:00+", "2025-04-09x",
		"2025-04-09T10:00:00+05:3", "/Date(abc)/", "/Date()/",
		"/Date(1)", "/Date(1/", "\\/Date(1)/", "/Date(1)\\/",
		"/Date(99999999999999999999)/", "/Date(1+01)/",
		"/Date(1+2500)/", "/date(1)/", "/Date(1)/x", "\\", "/",
		"09/04/2025 14:16:22",
	};
	int64_t		t;
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = 42;
		ck_assert_msg(parse_date(cases[i], &t) == -1,
		    "accepted \"%s\"", cases[i]);
		ck_assert_int_eq(t, 42);
	}
	ck_assert_int_eq(parse_date(NULL, &t), -1);
}
END_TEST

START_TEST(test_format_date)
{
	char	buf[11];

	format_date(0, buf);
	ck_assert_str_eq(buf, "1970-01-01");
	format_date(1772500523, buf);
	ck_assert_str_eq(buf, "2026-03-03");
	format_date(1795824000 + 86399, buf);
	ck_assert_str_eq(buf, "2026-11-28");
	format_date(-1, buf);
	ck_assert_str_eq(buf, "1969-12-31");
	format_date(951782400, buf);
	ck_assert_str_eq(buf, "2000-02-29");
	format_date(INT64_MAX, buf);
	ck_assert_str_eq(buf, "9999-12-31");
	format_date(INT64_MIN, buf);
	ck_assert_str_eq(buf, "0000-01-01");
}
END_TEST

START_TEST(test_date_roundtrip)
{
	char		buf[11];
	int64_t		d, t;

	/* Every 997th day between 0001 and 9999 survives a round trip. */
	for (d = -719162; d <= 2932896; d += 997) {
		format_date(d * 86400 + 43200, buf);
		ck_assert_int_eq(parse_date(buf, &t), 0);
		ck_assert_msg(t == d * 86400, "%s: day %lld", buf,
		    (long long)d);
	}
}
END_TEST

/* ---- Enumerations ----------------------------------------------------- */

static const struct enumdef tlsauth[] = {
	{ "EncryptionOnly", 1 },
	{ "CertificateValidation", 2 },
	{ "DomainValidation", 4 },
	{ NULL, 0 }
};

static const struct enumdef authmech[] = {
	{ "None", 0 },
	{ "Tls", 1 },
	{ "Integrated", 2 },
	{ "BasicAuth", 4 },
	{ "BasicAuthRequireTLS", 8 },
	{ "ExchangeServer", 16 },
	{ "ExternalAuthoritative", 32 },
	{ NULL, 0 }
};

static const struct enumdef permgroups[] = {
	{ "AnonymousUsers", 1 },
	{ "ExchangeUsers", 2 },
	{ "ExchangeServers", 4 },
	{ "ExchangeLegacyServers", 8 },
	{ "Partners", 16 },
	{ NULL, 0 }
};

static const struct enumdef serverrole[] = {
	{ "Mailbox", 2 },
	{ "HubTransport", 32 },
	{ "Edge", 64 },
	{ "FrontendTransport", 16384 },
	{ NULL, 0 }
};

static const struct enumdef signedenum[] = {
	{ "Unknown", -1 },
	{ "Zero", 0 },
	{ NULL, 0 }
};

START_TEST(test_enum_by_name)
{
	int64_t	v;

	ck_assert_int_eq(parse_enum("CertificateValidation", tlsauth, 0, &v),
	    0);
	ck_assert_int_eq(v, 2);
	ck_assert_int_eq(parse_enum("certificatevalidation", tlsauth, 0, &v),
	    0);
	ck_assert_int_eq(v, 2);
	ck_assert_int_eq(parse_enum("  DomainValidation ", tlsauth, 0, &v), 0);
	ck_assert_int_eq(v, 4);
	ck_assert_int_eq(parse_enum("HubTransport", serverrole, 1, &v), 0);
	ck_assert_int_eq(v, 32);
}
END_TEST

START_TEST(test_enum_by_number)
{
	int64_t	v;

	ck_assert_int_eq(parse_enum("2", tlsauth, 0, &v), 0);
	ck_assert_int_eq(v, 2);
	ck_assert_int_eq(parse_enum("4", tlsauth, 0, &v), 0);
	ck_assert_int_eq(v, 4);
	ck_assert_int_eq(parse_enum("3", tlsauth, 0, &v), -1);
	ck_assert_int_eq(parse_enum("0", tlsauth, 0, &v), -1);
	ck_assert_int_eq(parse_enum("-1", signedenum, 0, &v), 0);
	ck_assert_int_eq(v, -1);
	ck_assert_int_eq(parse_enum("-2", signedenum, 0, &v), -1);
	ck_assert_int_eq(parse_enum("99999999999999999999", tlsauth, 0, &v),
	    -1);
	ck_assert_int_eq(parse_enum("2x", tlsauth, 0, &v), -1);
	ck_assert_int_eq(parse_enum("-", signedenum, 0, &v), -1);
}
END_TEST

START_TEST(test_enum_flags_names)
{
	int64_t	v;

	ck_assert_int_eq(parse_enum("Tls, Integrated", authmech, 1, &v), 0);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(parse_enum("Tls, Integrated, BasicAuth, "
	    "BasicAuthRequireTLS, ExchangeServer", authmech, 1, &v), 0);
	ck_assert_int_eq(v, 31);
	ck_assert_int_eq(parse_enum("tls,INTEGRATED", authmech, 1, &v), 0);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(parse_enum("ExchangeUsers, ExchangeServers, "
	    "ExchangeLegacyServers", permgroups, 1, &v), 0);
	ck_assert_int_eq(v, 14);
	ck_assert_int_eq(parse_enum("Tls, Tls", authmech, 1, &v), 0);
	ck_assert_int_eq(v, 1);
	ck_assert_int_eq(parse_enum("None", authmech, 1, &v), 0);
	ck_assert_int_eq(v, 0);
}
END_TEST

START_TEST(test_enum_flags_numbers)
{
	int64_t	v;

	ck_assert_int_eq(parse_enum("31", authmech, 1, &v), 0);
	ck_assert_int_eq(v, 31);
	ck_assert_int_eq(parse_enum("63", authmech, 1, &v), 0);
	ck_assert_int_eq(v, 63);
	ck_assert_int_eq(parse_enum("64", authmech, 1, &v), -1);
	ck_assert_int_eq(parse_enum("0", authmech, 1, &v), 0);
	ck_assert_int_eq(v, 0);
	/* Without a zero value in the table, 0 is not a combination. */
	ck_assert_int_eq(parse_enum("0", permgroups, 1, &v), -1);
	ck_assert_int_eq(parse_enum("14", permgroups, 1, &v), 0);
	ck_assert_int_eq(v, 14);
	ck_assert_int_eq(parse_enum("34", serverrole, 1, &v), 0);
	ck_assert_int_eq(v, 34);
	ck_assert_int_eq(parse_enum("16386", serverrole, 1, &v), 0);
	ck_assert_int_eq(parse_enum("1", serverrole, 1, &v), -1);
	ck_assert_int_eq(parse_enum("35", serverrole, 1, &v), -1);
	ck_assert_int_eq(parse_enum("-1", authmech, 1, &v), -1);
}
END_TEST

START_TEST(test_enum_unknown)
{
	int64_t	v = 42;

	ck_assert_int_eq(parse_enum("Bogus", tlsauth, 0, &v), -1);
	ck_assert_int_eq(parse_enum("", tlsauth, 0, &v), -1);
	ck_assert_int_eq(parse_enum("   ", tlsauth, 0, &v), -1);
	ck_assert_int_eq(parse_enum("Certificate Validation", tlsauth, 0, &v),
	    -1);
	ck_assert_int_eq(parse_enum("EncryptionOnly, DomainValidation",
	    tlsauth, 0, &v), -1);
	ck_assert_int_eq(parse_enum("Tls,,Integrated", authmech, 1, &v), -1);
	ck_assert_int_eq(parse_enum("Tls,", authmech, 1, &v), -1);
	ck_assert_int_eq(parse_enum(", Tls", authmech, 1, &v), -1);
	ck_assert_int_eq(parse_enum("Tls, Bogus", authmech, 1, &v), -1);
	ck_assert_int_eq(parse_enum("Tls | Integrated", authmech, 1, &v), -1);
	ck_assert_int_eq(parse_enum(NULL, tlsauth, 0, &v), -1);
	ck_assert_int_eq(parse_enum("Tls", NULL, 0, &v), -1);
	ck_assert_int_eq(v, 42);
}
END_TEST

START_TEST(test_enum_name)
{
	ck_assert_str_eq(enum_name(tlsauth, 2), "CertificateValidation");
	ck_assert_str_eq(enum_name(authmech, 0), "None");
	ck_assert_ptr_null(enum_name(tlsauth, 3));
	ck_assert_ptr_null(enum_name(tlsauth, 0));
	ck_assert_ptr_null(enum_name(NULL, 1));
}
END_TEST

/* ---- Truncation ------------------------------------------------------- */

START_TEST(test_truncated_yes)
{
	static const char *const	cases[] = {
		"System.Collections.Hashtable",
		"System.Object[]",
		"System.String[]",
		"Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft."
		    "Exchange.Data.IPRange, Microsoft.Exchange.Data, "
		    "Version=15.0.0.0, Culture=neutral, "
		    "PublicKeyToken=31bf3856ad364e35]]",
		"Microsoft.IIs.PowerShell.Framework.ConfigurationElementSchema",
		"@{inbound=True; outbound=True}",
		"@{}",
		"  System.Object[]  ",
		"Deserialized.System.Collections.Hashtable",
		"System.Collections.Generic.Dictionary`2",
		"[Cache-Control, System.String[]]",
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(value_is_truncated(cases[i]) == 1,
		    "not flagged: \"%s\"", cases[i]);
}
END_TEST

START_TEST(test_truncated_no)
{
	static const char *const	cases[] = {
		"contoso.com",
		"Microsoft Exchange",
		"CN=foo, O=Bar",
		"",
		"   ",
		"System",
		"Microsoft.com",
		"Microsoft.Exchange",
		"microsoft.onmicrosoft.com",
		"Microsoft.corp.local",
		"Microsoft.Contoso.com",
		"mail.protection.outlook.com",
		"System.Collections are nice",
		"user@Microsoft.Exchange.Data",
		"Microsoft.Exchange.Data@contoso.com",
		"System..Object",
		"System.Object.",
		"{a=1}",
		"@{",
		"35 MB (36,700,160 bytes)",
		"<I>CN=CA<S>CN=mail.contoso.com",
		"[Cache-Control, no-cache]",
		"SMTP:*;1",
	};
	size_t	i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(value_is_truncated(cases[i]) == 0,
		    "flagged: \"%s\"", cases[i]);
	ck_assert_int_eq(value_is_truncated(NULL), 0);
}
END_TEST

/* ---- Two arenas at once ----------------------------------------------- */

START_TEST(test_two_arenas)
{
	struct arena		*b;
	struct addrspace	 x, y;

	b = arena_new();
	ck_assert_int_eq(parse_addrspace(A, "smtp:a.example;2", &x), 0);
	ck_assert_int_eq(parse_addrspace(b, "smtp:b.example;3", &y), 0);
	arena_free(b);
	ck_assert_str_eq(x.domain, "a.example");
	ck_assert_int_eq(x.cost, 2);
}
END_TEST

START_TEST(test_security_severity)
{
	ck_assert_int_eq(valid_security_severity("0.0"), 1);
	ck_assert_int_eq(valid_security_severity("9.3"), 1);
	ck_assert_int_eq(valid_security_severity("10.0"), 1);
	ck_assert_int_eq(valid_security_severity("10.1"), 0);
	ck_assert_int_eq(valid_security_severity("7"), 0);
	ck_assert_int_eq(valid_security_severity("7.25"), 0);
	ck_assert_int_eq(valid_security_severity("-1.0"), 0);
	ck_assert_int_eq(valid_security_severity(""), 0);
}
END_TEST

START_TEST(test_guid_parse)
{
	unsigned char	a[16], b[16];

	ck_assert_int_eq(guid_parse("a8d40f6e-1c92-4b57-8e3a-6f2b9d0c47e1",
	    a), 0);
	ck_assert_int_eq(a[0], 0xa8);
	ck_assert_int_eq(a[15], 0xe1);
	ck_assert_int_eq(guid_parse("{A8D40F6E-1C92-4B57-8E3A-6F2B9D0C47E1}",
	    b), 0);
	ck_assert_mem_eq(a, b, 16);
	ck_assert_int_eq(guid_parse("A8D40F6E-1C92-4B57-8E3A-6F2B9D0C47E2",
	    b), 0);
	ck_assert_int_ne(memcmp(a, b, 16), 0);
	/* Not GUIDs. */
	ck_assert_int_eq(guid_parse("", a), -1);
	ck_assert_int_eq(guid_parse("a8d40f6e1c924b578e3a6f2b9d0c47e1", a), -1);
	ck_assert_int_eq(guid_parse("{a8d40f6e-1c92-4b57-8e3a-6f2b9d0c47e1",
	    a), -1);
	ck_assert_int_eq(guid_parse("a8d40f6e-1c92-4b57-8e3a-6f2b9d0c47e1x",
	    a), -1);
	ck_assert_int_eq(guid_parse("g8d40f6e-1c92-4b57-8e3a-6f2b9d0c47e1",
	    a), -1);
	ck_assert_int_eq(guid_parse("a8d40f6e-1c92-4b57-8e3a", a), -1);
}
END_TEST

START_TEST(test_ci_hash64)
{
	const char	*dn = "CN=Default,CN=Accepted Domains,CN=Transport "
	    "Settings,CN=Contoso,DC=contoso,DC=local";

	/* Case folds as strcasecmp does; any other change changes it. */
	ck_assert_uint_eq(ci_hash64(dn), ci_hash64("cn=default,cn=accepted "
	    "domains,cn=transport settings,cn=contoso,dc=CONTOSO,dc=LOCAL"));
	ck_assert_uint_ne(ci_hash64(dn), ci_hash64("CN=Default,CN=Accepted "
	    "Domains,CN=Transport Settings,CN=Contoso,DC=contoso,DC=locaI"));
	ck_assert_uint_ne(ci_hash64(dn), ci_hash64("CN=Default,CN=Accepted "
	    "Domains,CN=Transport Settings,CN=Contoso,DC=contoso,DC=local "));
	ck_assert_uint_ne(ci_hash64("ab"), ci_hash64("ba"));
	ck_assert_uint_ne(ci_hash64(""), 0);
	/* Only ASCII letters fold. */
	ck_assert_uint_ne(ci_hash64("\xc3\xa4"), ci_hash64("\xc3\x84"));
}
END_TEST

static Suite *
values_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("values");

	tc = tcase_create("domain");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_dn_valid_basic);
	tcase_add_test(tc, test_dn_valid_lengths);
	tcase_add_test(tc, test_dn_valid_wildcard);
	tcase_add_test(tc, test_dn_normalize);
	tcase_add_test(tc, test_dn_match_exact);
	tcase_add_test(tc, test_dn_match_wildcard);
	tcase_add_test(tc, test_dn_match_apex);
	tcase_add_test(tc, test_dn_match_label_boundary);
	tcase_add_test(tc, test_dn_match_invalid);
	tcase_add_test(tc, test_dn_match_host_wildcard);
	tcase_add_test(tc, test_dn_match_cert);
	tcase_add_test(tc, test_dn_is_subdomain);
	suite_add_tcase(s, tc);

	tc = tcase_create("x509id");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_x509id_full);
	tcase_add_test(tc, test_x509id_subject_with_commas);
	tcase_add_test(tc, test_x509id_bare);
	tcase_add_test(tc, test_x509id_whitespace);
	tcase_add_test(tc, test_x509id_invalid);
	tcase_add_test(tc, test_dn_get_cn_basic);
	tcase_add_test(tc, test_dn_get_cn_types);
	tcase_add_test(tc, test_dn_get_cn_quoted);
	tcase_add_test(tc, test_dn_get_cn_escaped);
	tcase_add_test(tc, test_dn_get_cn_none);
	tcase_add_test(tc, test_x500_equal_spacing);
	tcase_add_test(tc, test_x500_equal_case_and_forms);
	tcase_add_test(tc, test_x500_equal_different);
	suite_add_tcase(s, tc);

	tc = tcase_create("addrspace");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_addrspace_forms);
	tcase_add_test(tc, test_addrspace_x400);
	tcase_add_test(tc, test_addrspace_invalid);
	tcase_add_test(tc, test_addrspace_cost_range);
	tcase_add_test(tc, test_addrspace_match_scores);
	tcase_add_test(tc, test_addrspace_match_none);
	tcase_add_test(tc, test_two_arenas);
	suite_add_tcase(s, tc);

	tc = tcase_create("ip");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_ipaddr_v4);
	tcase_add_test(tc, test_ipaddr_v4_invalid);
	tcase_add_test(tc, test_ipaddr_v6);
	tcase_add_test(tc, test_ipaddr_v6_invalid);
	tcase_add_test(tc, test_iprange_single);
	tcase_add_test(tc, test_iprange_cidr_v4);
	tcase_add_test(tc, test_iprange_cidr_v6);
	tcase_add_test(tc, test_iprange_cidr_invalid);
	tcase_add_test(tc, test_iprange_lohi);
	tcase_add_test(tc, test_iprange_lohi_invalid);
	tcase_add_test(tc, test_iprange_contains);
	tcase_add_test(tc, test_iprange_overlaps);
	tcase_add_test(tc, test_ipaddr_cmp);
	tcase_add_test(tc, test_ipaddr_private);
	tcase_add_test(tc, test_ipaddr_format);
	tcase_add_test(tc, test_smarthost);
	tcase_add_test(tc, test_smarthost_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("size");
	tcase_add_test(tc, test_bytesize_parenthesised);
	tcase_add_test(tc, test_bytesize_plain);
	tcase_add_test(tc, test_bytesize_unlimited);
	tcase_add_test(tc, test_bytesize_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("date");
	tcase_add_test(tc, test_date_iso);
	tcase_add_test(tc, test_date_msdate);
	tcase_add_test(tc, test_date_only);
	tcase_add_test(tc, test_date_invalid);
	tcase_add_test(tc, test_format_date);
	tcase_add_test(tc, test_date_roundtrip);
	suite_add_tcase(s, tc);

	tc = tcase_create("enum");
	tcase_add_test(tc, test_enum_by_name);
	tcase_add_test(tc, test_enum_by_number);
	tcase_add_test(tc, test_enum_flags_names);
	tcase_add_test(tc, test_enum_flags_numbers);
	tcase_add_test(tc, test_enum_unknown);
	tcase_add_test(tc, test_enum_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("truncation");
	tcase_add_test(tc, test_truncated_yes);
	tcase_add_test(tc, test_truncated_no);
	suite_add_tcase(s, tc);

	tc = tcase_create("identity");
	tcase_add_test(tc, test_guid_parse);
	tcase_add_test(tc, test_ci_hash64);
	suite_add_tcase(s, tc);

	tc = tcase_create("security-severity");
	tcase_add_test(tc, test_security_severity);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(values_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
