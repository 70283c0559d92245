/*
 * check_x509.c: certificate decoding (linter/x509.c).
 *
 * Fixtures are read from $top_srcdir/tests/data/certs (see the README
 * there for how they were made and where the expected values come from).
 * The corpus test reads $HL_SHARED, by default $top_srcdir/../shared, and
 * is skipped when that file is absent.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "x509.h"
#include "xalloc.h"

#define CORPUS_CERTS "corpus/microsoft__CSS-Exchange/Diagnostics/" \
	"HealthChecker/DataCollection/ExchangeInformation/Tests/" \
	"DataCollection/GetExchangeCertificate.xml"

static const char *
srcdir(void)
{
	const char	*s;

	if ((s = getenv("top_srcdir")) == NULL || *s == '\0')
		return ".";
	return s;
}

/* A whole file, NUL-terminated; NULL if it cannot be read. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE		*f;
	unsigned char	*p = NULL;
	size_t		 n = 0, cap = 0, r;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			p = xrealloc(p, cap + 1);
		}
		if ((r = fread(p + n, 1, cap - n, f)) == 0)
			break;
		n += r;
	}
	fclose(f);
	p[n] = '\0';
	*len = n;
	return p;
}

static unsigned char *
fixture(const char *name, size_t *len)
{
	unsigned char	*p;
	char		*path;

	path = xasprintf("%s/tests/data/certs/%s", srcdir(), name);
	p = slurp(path, len);
	ck_assert_msg(p != NULL, "cannot read %s", path);
	free(path);
	return p;
}

/* Decodes a fixture file, which must succeed. */
static void
load(struct arena *a, const char *name, struct certinfo *ci)
{
	unsigned char	*p;
	size_t		 len;
	char		 err[256] = "";

	p = fixture(name, &len);
	ck_assert_msg(x509_from_file_bytes(a, p, len, ci, err,
	    sizeof(err)) == 0, "%s: %s", name, err);
	free(p);
}

static void
check_names(const struct certinfo *ci, const char *const *want, size_t n)
{
	size_t	i;

	ck_assert_uint_eq(ci->nnames, n);
	ck_assert_ptr_nonnull(ci->names);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(ci->names[i], want[i]);
	ck_assert_ptr_null(ci->names[n]);
}

static void
check_leaf(const struct certinfo *ci)
{
	static const char *const	names[] = {
		"mail.contoso.com", "autodiscover.contoso.com"
	};

	ck_assert_str_eq(ci->subject, "CN=mail.contoso.com, OU=IT, "
	    "O=Contoso, L=Redmond, S=Washington, C=US");
	ck_assert_str_eq(ci->issuer, "CN=Example Issuing CA 2024, "
	    "O=Example Trust Services, C=DE");
	ck_assert_str_eq(ci->cn, "mail.contoso.com");
	check_names(ci, names, 2);
	/* notBefore=Mar 15 12:00:00 2024 GMT, notAfter=Jun 15 11:59:59 2026 */
	ck_assert(ci->not_before == INT64_C(1710504000));
	ck_assert(ci->not_after == INT64_C(1781524799));
	ck_assert_int_eq(ci->self_signed, 0);
	ck_assert_str_eq(ci->thumbprint,
	    "3363078D82FA4100DA65401606B8D9924C32B7F4");
	ck_assert_str_eq(ci->serial, "1001");
}

START_TEST(test_leaf_pem)
{
	struct arena	*a = arena_new();
	struct certinfo	 ci;

	load(a, "leaf.pem", &ci);
	check_leaf(&ci);
	arena_free(a);
}
END_TEST

START_TEST(test_leaf_der)
{
	struct arena	*a = arena_new();
	struct certinfo	 ci;
	unsigned char	*p;
	size_t		 len;
	char		 err[256] = "";

	load(a, "leaf.der", &ci);
	check_leaf(&ci);

	p = fixture("leaf.der", &len);
	ck_assert_msg(x509_from_der(a, p, len, &ci, err, sizeof(err)) == 0,
	    "%s", err);
	check_leaf(&ci);
	free(p);
	arena_free(a);
}
END_TEST

/* PEM in the wrappers Windows tools produce. */
START_TEST(test_pem_variants)
{
	struct arena	*a = arena_new();
	struct certinfo	 ci;
	unsigned char	*pem, *key, *p;
	size_t		 plen, klen, i, n;
	char		 err[256] = "";

	pem = fixture("leaf.pem", &plen);
	key = fixture("nocert.pem", &klen);

	/* Another block before the certificate. */
	p = xmalloc(klen + plen);
	memcpy(p, key, klen);
	memcpy(p + klen, pem, plen);
	ck_assert_msg(x509_from_file_bytes(a, p, klen + plen, &ci, err,
	    sizeof(err)) == 0, "%s", err);
	check_leaf(&ci);
	free(p);

	/* UTF-8 with a byte order mark, CRLF line ends. */
	p = xmalloc(3 + 2 * plen);
	memcpy(p, "\xef\xbb\xbf", 3);
	for (i = 0, n = 3; i < plen; i++) {
		if (pem[i] == '\n')
			p[n++] = '\r';
		p[n++] = pem[i];
	}
	ck_assert_msg(x509_from_file_bytes(a, p, n, &ci, err,
	    sizeof(err)) == 0, "%s", err);
	check_leaf(&ci);
	free(p);

	/* UTF-16LE, as Windows PowerShell's Out-File writes it. */
	p = xmalloc(2 + 2 * plen);
	p[0] = 0xff;
	p[1] = 0xfe;
	for (i = 0; i < plen; i++) {
		p[2 + 2 * i] = pem[i];
		p[3 + 2 * i] = 0;
	}
	ck_assert_msg(x509_from_file_bytes(a, p, 2 + 2 * plen, &ci, err,
	    sizeof(err)) == 0, "%s", err);
	check_leaf(&ci);
	/* ... truncated by one byte. */
	ck_assert_int_eq(x509_from_file_bytes(a, p, 1 + 2 * plen, &ci, err,
	    sizeof(err)), -1);
	free(p);

	free(pem);
	free(key);
	arena_free(a);
}
END_TEST

START_TEST(test_ca)
{
	struct arena	*a = arena_new();
	struct certinfo	 ci;

	load(a, "ca.pem", &ci);
	ck_assert_str_eq(ci.subject, "CN=Example Issuing CA 2024, "
	    "O=Example Trust Services, C=DE");
	ck_assert_str_eq(ci.issuer, ci.subject);
	ck_assert_str_eq(ci.cn, "Example Issuing CA 2024");
	check_names(&ci, NULL, 0);
	ck_assert(ci.not_before == INT64_C(1704067200));	/* 2024-01-01 */
	ck_assert(ci.not_after == INT64_C(2019686400));	/* 2034-01-01 */
	ck_assert_int_eq(ci.self_signed, 1);
	ck_assert_str_eq(ci.thumbprint,
	    "6423C3FBBC9F8A98E8CB069499E17A2C72FF416C");
	ck_assert_str_eq(ci.serial, "1000");
	arena_free(a);
}
END_TEST

START_TEST(test_edge_self_signed)
{
	static const char *const	 names[] = {
		"EDGE01", "edge01.contoso.com"
	};
	struct arena			*a = arena_new();
	struct certinfo			 ci;

	load(a, "edge01.pem", &ci);
	ck_assert_str_eq(ci.subject, "CN=EDGE01");
	ck_assert_str_eq(ci.issuer, "CN=EDGE01");
	ck_assert_str_eq(ci.cn, "EDGE01");
	check_names(&ci, names, 2);
	ck_assert(ci.not_before == INT64_C(1736497800));	/* 2025-01-10 08:30 */
	ck_assert(ci.not_after == INT64_C(1894264200));	/* 2030-01-10 08:30 */
	ck_assert_int_eq(ci.self_signed, 1);
	ck_assert_str_eq(ci.thumbprint,
	    "8D602C295667F1720B559FC8AF6F3BCAB32B3090");
	ck_assert_str_eq(ci.serial, "5E7A2C01");
	arena_free(a);
}
END_TEST

START_TEST(test_wildcard)
{
	static const char *const	 names[] = {
		"*.contoso.com", "contoso.com"
	};
	struct arena			*a = arena_new();
	struct certinfo			 ci;

	load(a, "wildcard.pem", &ci);
	ck_assert_str_eq(ci.subject, "CN=*.contoso.com, O=Contoso, C=US");
	ck_assert_str_eq(ci.cn, "*.contoso.com");
	check_names(&ci, names, 2);
	ck_assert(ci.not_before == INT64_C(1738368000));	/* 2025-02-01 */
	/* A GeneralizedTime: 20500101000000Z. */
	ck_assert(ci.not_after == INT64_C(2524608000));
	ck_assert_int_eq(ci.self_signed, 0);
	ck_assert_str_eq(ci.thumbprint,
	    "7F5DC22BC2FDC773BD3C66B8FE792CE81489A4E2");
	/* openssl prints 9A3F; Windows keeps the DER sign byte. */
	ck_assert_str_eq(ci.serial, "009A3F");
	arena_free(a);
}
END_TEST

START_TEST(test_odd_names)
{
	struct arena	*a = arena_new();
	struct certinfo	 ci;

	load(a, "odd.pem", &ci);
	ck_assert_str_eq(ci.subject,
	    "OID.2.5.4.15=\"M\xc3\xbcller=\"\"GmbH\"\"\", SERIALNUMBER=1234, "
	    "E=jdoe@contoso.com, CN=\"Doe, John\", T=\" Chief \", "
	    "STREET=1 Main St, OU=Sales + OU=Marketing, "
	    "O=\"Fabrikam, Inc.\", DC=contoso, DC=com");
	ck_assert_str_eq(ci.issuer, ci.subject);
	ck_assert_str_eq(ci.cn, "Doe, John");
	check_names(&ci, NULL, 0);
	ck_assert_int_eq(ci.self_signed, 1);
	ck_assert_str_eq(ci.serial, "07");
	arena_free(a);
}
END_TEST

START_TEST(test_not_certificates)
{
	static const char *const	 files[] = {
		"garbage.bin", "nocert.pem"
	};
	struct arena			*a = arena_new();
	struct certinfo			 ci;
	unsigned char			*p;
	size_t				 len, i;
	char				 err[256];

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		p = fixture(files[i], &len);
		err[0] = '\0';
		ck_assert_int_eq(x509_from_file_bytes(a, p, len, &ci, err,
		    sizeof(err)), -1);
		ck_assert_msg(err[0] != '\0', "%s: no message", files[i]);
		ck_assert_ptr_null(ci.subject);
		err[0] = '\0';
		ck_assert_int_eq(x509_from_der(a, p, len, &ci, err,
		    sizeof(err)), -1);
		ck_assert_msg(err[0] != '\0', "%s: no message", files[i]);
		free(p);
	}
	p = fixture("nocert.pem", &len);
	ck_assert_int_eq(x509_from_file_bytes(a, p, len, &ci, err,
	    sizeof(err)), -1);
	ck_assert_msg(strstr(err, "CERTIFICATE") != NULL, "%s", err);
	free(p);

	ck_assert_int_eq(x509_from_file_bytes(a, (const unsigned char *)"",
	    0, &ci, err, sizeof(err)), -1);
	ck_assert_int_eq(x509_from_der(a, NULL, 0, &ci, err, sizeof(err)),
	    -1);
	/* A PEM certificate block whose body is not base64. */
	p = (unsigned char *)xstrdup("-----BEGIN CERTIFICATE-----\n"
	    "MII*\n-----END CERTIFICATE-----\n");
	ck_assert_int_eq(x509_from_file_bytes(a, p, strlen((char *)p), &ci,
	    err, sizeof(err)), -1);
	free(p);
	/* No room for a message is not a crash. */
	ck_assert_int_eq(x509_from_der(a, (const unsigned char *)"\x30", 1,
	    &ci, NULL, 0), -1);
	arena_free(a);
}
END_TEST

START_TEST(test_truncated_and_damaged)
{
	struct arena	*a = arena_new();
	struct certinfo	 ci;
	unsigned char	*p, *q;
	size_t		 len, i;
	char		 err[256];
	int		 rv;

	p = fixture("leaf.der", &len);
	for (i = 0; i < len; i++) {
		err[0] = '\0';
		ck_assert_msg(x509_from_der(a, p, i, &ci, err,
		    sizeof(err)) == -1, "accepted %zu of %zu bytes", i, len);
		ck_assert(err[0] != '\0');
		ck_assert_int_eq(x509_from_file_bytes(a, p, i, &ci, err,
		    sizeof(err)), -1);
	}

	/* Trailing data. */
	q = xmalloc(len + 1);
	memcpy(q, p, len);
	q[len] = 0;
	ck_assert_int_eq(x509_from_der(a, q, len + 1, &ci, err,
	    sizeof(err)), -1);
	ck_assert_msg(strstr(err, "trailing") != NULL, "%s", err);

	/* Every byte damaged in turn: either a result or an error. */
	for (i = 0; i < len; i++) {
		memcpy(q, p, len);
		q[i] ^= (unsigned char)(0x5a + i);
		err[0] = '\0';
		rv = x509_from_der(a, q, len, &ci, err, sizeof(err));
		if (rv == 0) {
			ck_assert_ptr_nonnull(ci.subject);
			ck_assert_ptr_nonnull(ci.issuer);
			ck_assert_ptr_nonnull(ci.names);
			ck_assert_uint_eq(strlen(ci.thumbprint), 40);
		} else {
			ck_assert_int_eq(rv, -1);
			ck_assert(err[0] != '\0');
		}
	}
	free(q);
	free(p);
	arena_free(a);
}
END_TEST

/*
 * Certificates built here, for shapes the openssl command line does not
 * make: a huge SAN list, odd name strings, duplicate extensions.
 */
static EVP_PKEY *
genkey(void)
{
	EVP_PKEY	*k;

	k = EVP_EC_gen("P-256");
	ck_assert_ptr_nonnull(k);
	return k;
}

static X509 *
newcert(EVP_PKEY *k, const char *cn)
{
	X509	*x;

	ck_assert_ptr_nonnull(x = X509_new());
	ck_assert(X509_set_version(x, X509_VERSION_3));
	ck_assert(ASN1_INTEGER_set(X509_get_serialNumber(x), 42));
	ck_assert_ptr_nonnull(X509_gmtime_adj(X509_getm_notBefore(x), 0));
	ck_assert_ptr_nonnull(X509_gmtime_adj(X509_getm_notAfter(x), 86400));
	ck_assert(X509_set_pubkey(x, k));
	if (cn != NULL)
		ck_assert(X509_NAME_add_entry_by_NID(X509_get_subject_name(x),
		    NID_commonName, MBSTRING_UTF8, (const unsigned char *)cn,
		    -1, -1, 0));
	ck_assert(X509_set_issuer_name(x, X509_get_subject_name(x)));
	return x;
}

static void
add_dns(GENERAL_NAMES *gens, const char *s, int len)
{
	GENERAL_NAME	*g;
	ASN1_IA5STRING	*ia5;

	ck_assert_ptr_nonnull(g = GENERAL_NAME_new());
	ck_assert_ptr_nonnull(ia5 = ASN1_IA5STRING_new());
	ck_assert(ASN1_STRING_set(ia5, s, len));
	GENERAL_NAME_set0_value(g, GEN_DNS, ia5);
	ck_assert(sk_GENERAL_NAME_push(gens, g));
}

/* Signs, encodes and frees x. */
static unsigned char *
finish(X509 *x, EVP_PKEY *signer, size_t *len)
{
	unsigned char	*der = NULL, *p;
	int		 n;

	ck_assert(X509_sign(x, signer, EVP_sha256()) > 0);
	ck_assert_int_gt(n = i2d_X509(x, &der), 0);
	X509_free(x);
	p = xmalloc((size_t)n);
	memcpy(p, der, (size_t)n);
	OPENSSL_free(der);
	*len = (size_t)n;
	return p;
}

/* A self-signed certificate whose subject is one CN of the given type. */
static unsigned char *
name_cert(EVP_PKEY *k, int type, const char *v, int vlen, size_t *len)
{
	X509	*x;

	x = newcert(k, NULL);
	ck_assert(X509_NAME_add_entry_by_NID(X509_get_subject_name(x),
	    NID_commonName, type, (const unsigned char *)v, vlen, -1, 0));
	ck_assert(X509_set_issuer_name(x, X509_get_subject_name(x)));
	return finish(x, k, len);
}

/* Replaces every occurrence of from (n bytes) in p: issuer and subject. */
static void
patch(unsigned char *p, size_t len, const char *from, const char *to,
    size_t n)
{
	size_t	i, found = 0;

	for (i = 0; i + n <= len; i++) {
		if (memcmp(p + i, from, n) == 0) {
			memcpy(p + i, to, n);
			found++;
		}
	}
	ck_assert_uint_eq(found, 2);
}

START_TEST(test_huge_san_list)
{
	struct arena	*a = arena_new();
	struct certinfo	 ci;
	EVP_PKEY	*k = genkey();
	X509		*x;
	GENERAL_NAMES	*gens;
	GENERAL_NAME	*g;
	unsigned char	*der;
	size_t		 len, i, n = 20000;
	char		 name[64], err[256] = "";

	x = newcert(k, "bulk.contoso.com");
	ck_assert_ptr_nonnull(gens = GENERAL_NAMES_new());
	/* Names other than dNSName are not reported. */
	ck_assert_ptr_nonnull(g = a2i_GENERAL_NAME(NULL, NULL, NULL,
	    GEN_EMAIL, "postmaster@contoso.com", 0));
	ck_assert(sk_GENERAL_NAME_push(gens, g));
	ck_assert_ptr_nonnull(g = a2i_GENERAL_NAME(NULL, NULL, NULL,
	    GEN_IPADD, "192.0.2.1", 0));
	ck_assert(sk_GENERAL_NAME_push(gens, g));
	/* Junk bytes in an IA5String come back as '?'. */
	add_dns(gens, "bad\0\xffname.contoso.com", 21);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "host%zu.contoso.com", i);
		add_dns(gens, name, -1);
	}
	ck_assert(X509_add1_ext_i2d(x, NID_subject_alt_name, gens, 0,
	    X509V3_ADD_DEFAULT));
	GENERAL_NAMES_free(gens);
	der = finish(x, k, &len);

	ck_assert_msg(x509_from_der(a, der, len, &ci, err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_uint_eq(ci.nnames, n + 1);
	ck_assert_str_eq(ci.names[0], "bad??name.contoso.com");
	ck_assert_str_eq(ci.names[1], "host0.contoso.com");
	ck_assert_str_eq(ci.names[n], "host19999.contoso.com");
	ck_assert_ptr_null(ci.names[n + 1]);
	ck_assert_str_eq(ci.subject, "CN=bulk.contoso.com");
	ck_assert_int_eq(ci.self_signed, 1);
	free(der);
	EVP_PKEY_free(k);
	arena_free(a);
}
END_TEST

START_TEST(test_duplicate_san)
{
	struct arena	*a = arena_new();
	struct certinfo	 ci;
	EVP_PKEY	*k = genkey();
	X509		*x;
	GENERAL_NAMES	*gens;
	unsigned char	*der;
	size_t		 len;
	char		 err[256] = "";

	x = newcert(k, "dup.contoso.com");
	ck_assert_ptr_nonnull(gens = GENERAL_NAMES_new());
	add_dns(gens, "dup.contoso.com", -1);
	ck_assert(X509_add1_ext_i2d(x, NID_subject_alt_name, gens, 0,
	    X509V3_ADD_APPEND));
	ck_assert(X509_add1_ext_i2d(x, NID_subject_alt_name, gens, 0,
	    X509V3_ADD_APPEND));
	GENERAL_NAMES_free(gens);
	der = finish(x, k, &len);
	ck_assert_int_eq(x509_from_der(a, der, len, &ci, err, sizeof(err)),
	    -1);
	ck_assert_msg(strstr(err, "subjectAltName") != NULL, "%s", err);
	free(der);
	EVP_PKEY_free(k);
	arena_free(a);
}
END_TEST

START_TEST(test_odd_strings)
{
	struct arena	*a = arena_new();
	struct certinfo	 ci;
	EVP_PKEY	*k = genkey(), *other = genkey();
	X509		*x;
	X509_NAME	*nm;
	unsigned char	*der;
	size_t		 len;
	char		 err[256] = "";

	/* T61String is read as Latin-1; a BIT STRING value as hex. */
	x = newcert(k, NULL);
	nm = X509_get_subject_name(x);
	ck_assert(X509_NAME_add_entry_by_NID(nm, NID_organizationName,
	    V_ASN1_T61STRING, (const unsigned char *)"M\xfcller", -1, -1, 0));
	ck_assert(X509_NAME_add_entry_by_NID(nm, NID_commonName,
	    V_ASN1_BIT_STRING, (const unsigned char *)"\xab\xcd", 2, -1, 0));
	ck_assert(X509_NAME_add_entry_by_NID(nm, NID_organizationalUnitName,
	    V_ASN1_UTF8STRING, (const unsigned char *)"", 0, -1, 0));
	ck_assert(X509_set_issuer_name(x, nm));
	/* Same names but signed with another key: not self-signed. */
	der = finish(x, other, &len);
	ck_assert_msg(x509_from_der(a, der, len, &ci, err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_str_eq(ci.subject, "OU=, CN=#ABCD, O=M\xc3\xbcller");
	ck_assert_str_eq(ci.cn, "#ABCD");
	ck_assert_int_eq(ci.self_signed, 0);
	ck_assert_str_eq(ci.serial, "2A");
	ck_assert_ptr_nonnull(ci.names);
	ck_assert_uint_eq(ci.nnames, 0);
	free(der);

	/*
	 * OpenSSL will not encode broken strings, so a placeholder is
	 * patched in the DER (the signature no longer matters).
	 */
	der = name_cert(k, V_ASN1_UTF8STRING, "badXYZWname", 11, &len);
	patch(der, len, "XYZW", "\xff\xfe\xff\xfe", 4);
	err[0] = '\0';
	ck_assert_int_eq(x509_from_der(a, der, len, &ci, err, sizeof(err)),
	    -1);
	ck_assert_msg(strstr(err, "utf8") != NULL, "%s", err);
	free(der);

	/* A BMPString holding a lone surrogate. */
	der = name_cert(k, V_ASN1_BMPSTRING, "\0X\0Y\0Z", 6, &len);
	patch(der, len, "\0X\0Y\0Z", "\0X\xd8\0\0Z", 6);
	err[0] = '\0';
	ck_assert_int_eq(x509_from_der(a, der, len, &ci, err, sizeof(err)),
	    -1);
	ck_assert(err[0] != '\0');
	free(der);

	/* Control characters are valid UTF-8 but printed as '?'. */
	der = name_cert(k, V_ASN1_UTF8STRING, "badXYZWname", 11, &len);
	patch(der, len, "XYZW", "\0\n\x01\x7f", 4);
	ck_assert_msg(x509_from_der(a, der, len, &ci, err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_str_eq(ci.subject, "CN=bad????name");
	ck_assert_str_eq(ci.cn, "bad????name");
	ck_assert_int_eq(ci.self_signed, 0);
	free(der);

	/* No subject at all. */
	x = newcert(k, NULL);
	der = finish(x, k, &len);
	ck_assert_msg(x509_from_der(a, der, len, &ci, err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_str_eq(ci.subject, "");
	ck_assert_ptr_null(ci.cn);
	free(der);

	EVP_PKEY_free(k);
	EVP_PKEY_free(other);
	arena_free(a);
}
END_TEST

START_TEST(test_base64)
{
	static const struct {
		const char	*in;
		const char	*out;
	} good[] = {
		{ "", "" },
		{ " \r\n", "" },
		{ "Zg==", "f" },
		{ "Zm8=", "fo" },
		{ "Zm9v", "foo" },
		{ "Zm9vYg==", "foob" },
		{ "Zm9vYmE=", "fooba" },
		{ "Zm9vYmFy", "foobar" },
		{ " Zm9v\r\n YmFy\t", "foobar" },
		{ "Zm9vYg", "foob" },		/* unpadded end */
		{ "Zm9vYg= =", "foob" },
		{ "+/+/", "\xfb\xff\xbf" },
	};
#define S(x)	{ x, sizeof(x) - 1 }
	static const struct {
		const char	*in;
		size_t		 len;
	} bad[] = {
		S("Z"), S("Zm9vY"), S("Zg="), S("=Zg="), S("Z==="),
		S("Zg==Zg=="), S("Zg==="), S("Zm9v!"), S("Zm9v-_"),
		S("Zm9v\x80"), S("Zm 9v=Y"), S("Zm9v\0"), S("Zm9v\0Yg==")
	};
#undef S
	struct arena	*a = arena_new();
	struct certinfo	 ci;
	unsigned char	 out[64], *der, *back;
	char		*text, *wrapped;
	size_t		 i, j, len, tlen;
	long		 r;
	int		 nt;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		r = base64_decode(good[i].in, strlen(good[i].in), out,
		    sizeof(out));
		ck_assert_msg(r == (long)strlen(good[i].out), "\"%s\": %ld",
		    good[i].in, r);
		ck_assert(memcmp(out, good[i].out, (size_t)r) == 0);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(base64_decode(bad[i].in, bad[i].len, out,
		    sizeof(out)) == -1, "\"%s\" accepted", bad[i].in);
	/* Output buffer exactly big enough, one byte short, absent. */
	ck_assert_int_eq(base64_decode("Zm9vYmFy", 8, out, 6), 6);
	ck_assert_int_eq(base64_decode("Zm9vYmFy", 8, out, 5), -1);
	ck_assert_int_eq(base64_decode("Zm9vYg==", 8, out, 3), -1);
	ck_assert_int_eq(base64_decode("Zm9vYg", 6, out, 3), -1);
	ck_assert_int_eq(base64_decode("Zg==", 4, NULL, 0), -1);
	ck_assert_int_eq(base64_decode("", 0, NULL, 0), 0);

	/* Round trip of the leaf, wrapped at 76 columns with CRLF. */
	der = fixture("leaf.der", &len);
	text = xmalloc(4 * ((len + 2) / 3) + 1);
	nt = EVP_EncodeBlock((unsigned char *)text, der, (int)len);
	ck_assert_int_gt(nt, 0);
	tlen = (size_t)nt;
	wrapped = xmalloc(tlen + tlen / 76 * 2 + 3);
	for (i = j = 0; i < tlen; i++) {
		if (i != 0 && i % 76 == 0) {
			wrapped[j++] = '\r';
			wrapped[j++] = '\n';
		}
		wrapped[j++] = text[i];
	}
	wrapped[j++] = '\n';
	back = xmalloc(len);
	r = base64_decode(wrapped, j, back, len);
	ck_assert_int_eq(r, (long)len);
	ck_assert(memcmp(back, der, len) == 0);
	ck_assert_int_eq(base64_decode(wrapped, j, back, len - 1), -1);
	ck_assert_int_eq(x509_from_der(a, back, len, &ci, NULL, 0), 0);
	check_leaf(&ci);
	free(back);
	free(wrapped);
	free(text);
	free(der);
	arena_free(a);
}
END_TEST

/* Every <BA N="RawData"> of GetExchangeCertificate.xml, decoded. */
START_TEST(test_corpus_rawdata)
{
	static const char	 tag[] = "<BA N=\"RawData\">";
	static const char *const win[] = {
		"WIN-CTD3L0RGEN4", "WIN-CTD3L0RGEN4.exlab.dom"
	};
	struct arena		*a = arena_new();
	struct certinfo		 ci[8];
	const char		*shared, *s, *e;
	char			*path, err[256] = "";
	unsigned char		*xml, *der;
	size_t			 len, n = 0, i;
	long			 r;

	if ((shared = getenv("HL_SHARED")) != NULL && *shared != '\0')
		path = xasprintf("%s/%s", shared, CORPUS_CERTS);
	else
		path = xasprintf("%s/../shared/%s", srcdir(), CORPUS_CERTS);
	if ((xml = slurp(path, &len)) == NULL) {
		fprintf(stderr, "check_x509: %s absent, skipped\n", path);
		free(path);
		arena_free(a);
		return;
	}
	for (s = (const char *)xml; (s = strstr(s, tag)) != NULL; s = e) {
		s += sizeof(tag) - 1;
		ck_assert_ptr_nonnull(e = strstr(s, "</BA>"));
		ck_assert_uint_lt(n, sizeof(ci) / sizeof(ci[0]));
		der = xmalloc((size_t)(e - s));
		r = base64_decode(s, (size_t)(e - s), der, (size_t)(e - s));
		ck_assert_int_gt(r, 0);
		ck_assert_msg(x509_from_der(a, der, (size_t)r, &ci[n], err,
		    sizeof(err)) == 0, "%s #%zu: %s", path, n, err);
		free(der);
		n++;
	}
	ck_assert_uint_eq(n, 4);

	/* The first: Exchange's OAuth certificate (sha1WithRSA). */
	ck_assert_str_eq(ci[0].subject,
	    "CN=Microsoft Exchange Server Auth Certificate");
	ck_assert_str_eq(ci[0].issuer, ci[0].subject);
	ck_assert_uint_eq(ci[0].nnames, 0);
	ck_assert(ci[0].not_before == INT64_C(1628258345));
	ck_assert(ci[0].not_after == INT64_C(1783778345));	/* 2026-07-11 */
	ck_assert_int_eq(ci[0].self_signed, 1);
	ck_assert_str_eq(ci[0].thumbprint,
	    "2D10A746D6BB8D795F1679AEBD89D5D2AE583CB7");
	ck_assert_str_eq(ci[0].serial, "6C20C91ACF6A87BE4552A6CCD612A0E7");

	for (i = 0; i < n; i++)
		if (ci[i].cn != NULL && strcmp(ci[i].cn,
		    "WIN-CTD3L0RGEN4") == 0)
			break;
	ck_assert_uint_lt(i, n);
	ck_assert_str_eq(ci[i].subject, "CN=WIN-CTD3L0RGEN4");
	check_names(&ci[i], win, 2);
	ck_assert(ci[i].not_before == INT64_C(1628258174));
	/* notAfter=Aug  6 13:56:14 2026 GMT */
	ck_assert(ci[i].not_after == INT64_C(1786024574));
	ck_assert_int_eq(ci[i].self_signed, 1);
	ck_assert_str_eq(ci[i].thumbprint,
	    "611C687DFC4343A5A03E0005A1EC6E9B6AFF586D");
	ck_assert_str_eq(ci[i].serial, "1333B3FEE3E2CD894710594489D296B0");

	free(xml);
	free(path);
	arena_free(a);
}
END_TEST

static Suite *
x509_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("x509");
	tc = tcase_create("files");
	tcase_add_test(tc, test_leaf_pem);
	tcase_add_test(tc, test_leaf_der);
	tcase_add_test(tc, test_pem_variants);
	tcase_add_test(tc, test_ca);
	tcase_add_test(tc, test_edge_self_signed);
	tcase_add_test(tc, test_wildcard);
	tcase_add_test(tc, test_odd_names);
	tcase_add_test(tc, test_corpus_rawdata);
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_not_certificates);
	tcase_add_test(tc, test_truncated_and_damaged);
	tcase_add_test(tc, test_huge_san_list);
	tcase_add_test(tc, test_duplicate_san);
	tcase_add_test(tc, test_odd_strings);
	suite_add_tcase(s, tc);

	tc = tcase_create("base64");
	tcase_add_test(tc, test_base64);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(x509_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
