/*
 * x509.c: certificates decoded with OpenSSL's libcrypto.
 *
 * Everything handed back lives in the caller's arena; every OpenSSL object
 * is freed before returning, and the OpenSSL error queue is left empty.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "x509.h"
#include "xalloc.h"

/* Short attribute names, as CertNameToStr(CERT_X500_NAME_STR) prints them. */
static const struct {
	int		 nid;
	const char	*name;
} x509_attrs[] = {
	{ NID_commonName,		"CN" },
	{ NID_surname,			"SN" },
	{ NID_serialNumber,		"SERIALNUMBER" },
	{ NID_countryName,		"C" },
	{ NID_localityName,		"L" },
	{ NID_stateOrProvinceName,	"S" },
	{ NID_streetAddress,		"STREET" },
	{ NID_organizationName,		"O" },
	{ NID_organizationalUnitName,	"OU" },
	{ NID_title,			"T" },
	{ NID_givenName,		"G" },
	{ NID_initials,			"I" },
	{ NID_pkcs9_emailAddress,	"E" },
	{ NID_domainComponent,		"DC" },
};

static void
x509_seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
x509_seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* The reason of the first error in OpenSSL's queue (the root cause). */
static const char *
x509_reason(void)
{
	unsigned long	 e;
	const char	*r;

	if ((e = ERR_peek_error()) == 0)
		return "unknown error";
	if ((r = ERR_reason_error_string(e)) == NULL)
		return "unknown error";
	return r;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
x509_days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t	era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
x509_epoch(const ASN1_TIME *t, int64_t *out)
{
	struct tm	tm;

	if (t == NULL)
		return -1;
	memset(&tm, 0, sizeof(tm));
	if (ASN1_TIME_to_tm(t, &tm) != 1)
		return -1;
	*out = x509_days_from_civil((int64_t)tm.tm_year + 1900,
	    (int64_t)tm.tm_mon + 1, tm.tm_mday) * 86400 +
	    (int64_t)tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return 0;
}

static void
x509_hex(struct buf *b, const unsigned char *p, size_t n)
{
	static const char	hex[] = "0123456789ABCDEF";
	size_t			i;

	for (i = 0; i < n; i++) {
		buf_addc(b, hex[p[i] >> 4]);
		buf_addc(b, hex[p[i] & 0xf]);
	}
}

static int
x509_is_char_type(int type)
{
	switch (type) {
	case V_ASN1_UTF8STRING:
	case V_ASN1_NUMERICSTRING:
	case V_ASN1_PRINTABLESTRING:
	case V_ASN1_T61STRING:
	case V_ASN1_VIDEOTEXSTRING:
	case V_ASN1_IA5STRING:
	case V_ASN1_GRAPHICSTRING:
	case V_ASN1_VISIBLESTRING:
	case V_ASN1_GENERALSTRING:
	case V_ASN1_UNIVERSALSTRING:
	case V_ASN1_BMPSTRING:
		return 1;
	}
	return 0;
}

/*
 * An attribute value as UTF-8.  When OpenSSL cannot convert it (invalid
 * UTF-8, odd-length BMPString and so on) the bytes are copied with
 * anything but printable ASCII replaced by '?'; values that are not
 * strings at all are printed as '#' and hex (and 1 is returned: such a
 * value is never quoted).  Control characters become '?' too.  (OpenSSL
 * itself refuses to decode names with invalid UTF8String, BMPString or
 * UniversalString contents.)
 */
static int
x509_value(struct buf *b, const ASN1_STRING *s)
{
	unsigned char		*u = NULL;
	const unsigned char	*d;
	int			 n, i;

	if ((n = ASN1_STRING_to_UTF8(&u, s)) >= 0) {
		for (i = 0; i < n; i++)
			buf_addc(b, u[i] < 0x20 || u[i] == 0x7f ? '?' :
			    (char)u[i]);
		OPENSSL_free(u);
		return 0;
	}
	ERR_clear_error();
	d = ASN1_STRING_get0_data(s);
	n = ASN1_STRING_length(s);
	if (d == NULL || n < 0)
		n = 0;
	if (x509_is_char_type(ASN1_STRING_type(s))) {
		for (i = 0; i < n; i++)
			buf_addc(b, d[i] >= 0x20 && d[i] < 0x7f ? (char)d[i] :
			    '?');
		return 0;
	}
	buf_addc(b, '#');
	x509_hex(b, d, (size_t)n);
	return 1;
}

/* ASCII white space, whatever the locale. */
static int
x509_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int
x509_quotable(const char *s, size_t n)
{
	size_t	i;

	if (n == 0)
		return 0;
	if (x509_space(s[0]) || x509_space(s[n - 1]))
		return 1;
	for (i = 0; i < n; i++)
		if (s[i] != '\0' && strchr(",+=\"<>#;\n", s[i]) != NULL)
			return 1;
	return 0;
}

static void
x509_attr_name(struct buf *b, const ASN1_OBJECT *obj)
{
	size_t	 i;
	int	 nid, n;
	char	*txt;

	nid = OBJ_obj2nid(obj);
	for (i = 0; i < sizeof(x509_attrs) / sizeof(x509_attrs[0]); i++) {
		if (x509_attrs[i].nid == nid && nid != NID_undef) {
			buf_adds(b, x509_attrs[i].name);
			return;
		}
	}
	/* Windows prints other attributes as "OID.2.5.4.15". */
	buf_adds(b, "OID.");
	if ((n = OBJ_obj2txt(NULL, 0, obj, 1)) <= 0) {
		ERR_clear_error();
		buf_addc(b, '?');
		return;
	}
	txt = xmalloc((size_t)n + 1);
	OBJ_obj2txt(txt, n + 1, obj, 1);
	buf_adds(b, txt);
	free(txt);
}

static void
x509_entry(struct buf *b, const X509_NAME_ENTRY *ne)
{
	struct buf	v = { 0 };
	size_t		i;
	int		hex;

	x509_attr_name(b, X509_NAME_ENTRY_get_object(ne));
	buf_addc(b, '=');
	hex = x509_value(&v, X509_NAME_ENTRY_get_data(ne));
	if (hex || !x509_quotable(v.p, v.len)) {
		if (v.len != 0)
			buf_add(b, v.p, v.len);
		buf_free(&v);
		return;
	}
	buf_addc(b, '"');
	for (i = 0; i < v.len; i++) {
		if (v.p[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, v.p[i]);
	}
	buf_addc(b, '"');
	buf_free(&v);
}

/*
 * A name the way Windows prints it: RDNs from the last stored to the
 * first, ", " between them, the attributes of a multi-valued RDN in
 * stored order joined by " + ".
 */
static char *
x509_dn(struct arena *a, const X509_NAME *nm)
{
	struct buf	 b = { 0 };
	char		*s;
	int		 i, j, k, set;

	for (i = X509_NAME_entry_count(nm) - 1; i >= 0; i = k - 1) {
		set = X509_NAME_ENTRY_set(X509_NAME_get_entry(nm, i));
		for (k = i; k > 0 && X509_NAME_ENTRY_set(
		    X509_NAME_get_entry(nm, k - 1)) == set; k--)
			;
		if (b.len != 0)
			buf_adds(&b, ", ");
		for (j = k; j <= i; j++) {
			if (j != k)
				buf_adds(&b, " + ");
			x509_entry(&b, X509_NAME_get_entry(nm, j));
		}
	}
	s = arena_strdup(a, b.p != NULL ? b.p : "");
	buf_free(&b);
	return s;
}

/* The most specific CN (the first one Windows prints), or NULL. */
static char *
x509_cn(struct arena *a, const X509_NAME *nm)
{
	struct buf	 b = { 0 };
	char		*s;
	int		 i, last = -1;

	for (i = -1; (i = X509_NAME_get_index_by_NID(nm, NID_commonName,
	    i)) >= 0;)
		last = i;
	if (last < 0)
		return NULL;
	(void)x509_value(&b, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm,
	    last)));
	s = arena_strdup(a, b.p != NULL ? b.p : "");
	buf_free(&b);
	return s;
}

static int
x509_sans(struct arena *a, X509 *x, struct certinfo *ci, char *err,
    size_t errlen)
{
	GENERAL_NAMES		*gens;
	const GENERAL_NAME	*g;
	const unsigned char	*d;
	struct vec		 v = { 0 };
	char			*s;
	int			 crit = -1, i, j, n;

	gens = X509_get_ext_d2i(x, NID_subject_alt_name, &crit, NULL);
	if (gens == NULL) {
		if (crit == -2) {
			x509_seterr(err, errlen,
			    "more than one subjectAltName extension");
			return -1;
		}
		if (crit >= 0) {
			x509_seterr(err, errlen,
			    "malformed subjectAltName extension (%s)",
			    x509_reason());
			return -1;
		}
	}
	for (i = 0; gens != NULL && i < sk_GENERAL_NAME_num(gens); i++) {
		g = sk_GENERAL_NAME_value(gens, i);
		if (g == NULL || g->type != GEN_DNS || g->d.dNSName == NULL)
			continue;
		d = ASN1_STRING_get0_data(g->d.dNSName);
		n = ASN1_STRING_length(g->d.dNSName);
		if (n < 0 || (n > 0 && d == NULL))
			n = 0;
		/* An IA5String: anything else than printable ASCII is junk. */
		s = arena_alloc(a, (size_t)n + 1);
		for (j = 0; j < n; j++)
			s[j] = d[j] > 0x20 && d[j] < 0x7f ? (char)d[j] : '?';
		vec_push(&v, s);
	}
	GENERAL_NAMES_free(gens);
	ci->nnames = v.n;
	ci->names = (const char **)vec_finish(&v, a);
	vec_free(&v);
	return 0;
}

/* The serial as Windows prints it: the INTEGER's content octets in hex. */
static char *
x509_serial(struct arena *a, const ASN1_INTEGER *sn)
{
	unsigned char	*der = NULL;
	struct buf	 b = { 0 };
	size_t		 hdr, nl, len;
	char		*s;
	int		 n;

	if (sn == NULL || (n = i2d_ASN1_INTEGER(sn, &der)) < 2) {
		OPENSSL_free(der);
		return NULL;
	}
	len = (size_t)n;
	hdr = 2;
	if (der[1] & 0x80) {
		nl = der[1] & 0x7f;
		hdr += nl;
	}
	if (hdr > len) {
		OPENSSL_free(der);
		return NULL;
	}
	x509_hex(&b, der + hdr, len - hdr);
	OPENSSL_free(der);
	s = arena_strdup(a, b.p != NULL ? b.p : "");
	buf_free(&b);
	return s;
}

static int
x509_self_signed(X509 *x)
{
	EVP_PKEY	*pk;

	if (X509_NAME_cmp(X509_get_issuer_name(x),
	    X509_get_subject_name(x)) != 0)
		return 0;
	if ((pk = X509_get0_pubkey(x)) == NULL)
		return 0;
	return X509_verify(x, pk) == 1;
}

static int
x509_fill(struct arena *a, X509 *x, struct certinfo *ci, char *err,
    size_t errlen)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;
	struct buf	 b = { 0 };

	if (x509_epoch(X509_get0_notBefore(x), &ci->not_before) == -1) {
		x509_seterr(err, errlen, "invalid notBefore time");
		return -1;
	}
	if (x509_epoch(X509_get0_notAfter(x), &ci->not_after) == -1) {
		x509_seterr(err, errlen, "invalid notAfter time");
		return -1;
	}
	if ((ci->serial = x509_serial(a, X509_get0_serialNumber(x))) ==
	    NULL) {
		x509_seterr(err, errlen, "invalid serial number");
		return -1;
	}
	if (X509_digest(x, EVP_sha1(), md, &mdlen) != 1 || mdlen != 20) {
		x509_seterr(err, errlen, "cannot compute the SHA-1 "
		    "thumbprint (%s)", x509_reason());
		return -1;
	}
	x509_hex(&b, md, mdlen);
	ci->thumbprint = arena_strdup(a, b.p);
	buf_free(&b);
	if (x509_sans(a, x, ci, err, errlen) == -1)
		return -1;
	ci->subject = x509_dn(a, X509_get_subject_name(x));
	ci->issuer = x509_dn(a, X509_get_issuer_name(x));
	ci->cn = x509_cn(a, X509_get_subject_name(x));
	ci->self_signed = x509_self_signed(x);
	return 0;
}

static int
x509_decode(struct arena *a, const unsigned char *der, size_t len,
    int trailing_ok, struct certinfo *ci, char *err, size_t errlen)
{
	const unsigned char	*p = der;
	struct certinfo		 tmp;
	X509			*x;
	int			 rv = -1;

	memset(ci, 0, sizeof(*ci));
	memset(&tmp, 0, sizeof(tmp));
	if (der == NULL || len == 0) {
		x509_seterr(err, errlen, "empty certificate");
		return -1;
	}
	if (len > LONG_MAX) {
		x509_seterr(err, errlen, "certificate too large");
		return -1;
	}
	ERR_clear_error();
	if ((x = d2i_X509(NULL, &p, (long)len)) == NULL) {
		x509_seterr(err, errlen, "cannot decode DER certificate (%s)",
		    x509_reason());
		goto out;
	}
	if (!trailing_ok && p != der + len) {
		x509_seterr(err, errlen, "%zu bytes of trailing data after the "
		    "certificate", (size_t)(der + len - p));
		goto out;
	}
	if (x509_fill(a, x, &tmp, err, errlen) == 0) {
		*ci = tmp;
		rv = 0;
	}
out:
	X509_free(x);
	ERR_clear_error();
	return rv;
}

int
x509_from_der(struct arena *a, const unsigned char *der, size_t len,
    struct certinfo *ci, char *err, size_t errlen)
{
	return x509_decode(a, der, len, 0, ci, err, errlen);
}

static int
x509_has_pem(const unsigned char *p, size_t len)
{
	static const char	tag[] = "-----BEGIN ";
	size_t			i, n = sizeof(tag) - 1;

	for (i = 0; i + n <= len; i++)
		if (p[i] == '-' && memcmp(p + i, tag, n) == 0)
			return 1;
	return 0;
}

/* The first CERTIFICATE block of PEM text. */
static int
x509_from_pem(struct arena *a, const unsigned char *p, size_t len,
    struct certinfo *ci, char *err, size_t errlen)
{
	BIO		*bio;
	char		*name = NULL, *header = NULL;
	unsigned char	*data = NULL;
	long		 dlen = 0;
	int		 rv = -1, n;

	if (len > INT_MAX) {
		x509_seterr(err, errlen, "PEM file too large");
		return -1;
	}
	ERR_clear_error();
	if ((bio = BIO_new_mem_buf(p, (int)len)) == NULL) {
		x509_seterr(err, errlen, "cannot read PEM (%s)",
		    x509_reason());
		ERR_clear_error();
		return -1;
	}
	for (n = 0;; n++) {
		if (!PEM_read_bio(bio, &name, &header, &data, &dlen)) {
			if (ERR_GET_REASON(ERR_peek_last_error()) ==
			    PEM_R_NO_START_LINE)
				x509_seterr(err, errlen, "PEM without a "
				    "CERTIFICATE block (%d other block%s)", n,
				    n == 1 ? "" : "s");
			else
				x509_seterr(err, errlen, "malformed PEM (%s)",
				    x509_reason());
			break;
		}
		if (strcmp(name, PEM_STRING_X509) == 0 ||
		    strcmp(name, PEM_STRING_X509_OLD) == 0 ||
		    strcmp(name, PEM_STRING_X509_TRUSTED) == 0) {
			/* TRUSTED CERTIFICATE appends trust settings. */
			rv = x509_decode(a, data, dlen < 0 ? 0 : (size_t)dlen,
			    strcmp(name, PEM_STRING_X509_TRUSTED) == 0, ci,
			    err, errlen);
			break;
		}
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(data);
		name = header = NULL;
		data = NULL;
	}
	OPENSSL_free(name);
	OPENSSL_free(header);
	OPENSSL_free(data);
	BIO_free(bio);
	ERR_clear_error();
	return rv;
}

int
x509_from_file_bytes(struct arena *a, const unsigned char *p, size_t len,
    struct certinfo *ci, char *err, size_t errlen)
{
	unsigned char	*narrow;
	size_t		 i;
	int		 rv;

	memset(ci, 0, sizeof(*ci));
	if (p == NULL || len == 0) {
		x509_seterr(err, errlen, "empty file");
		return -1;
	}
	/* Windows PowerShell 5.1's Out-File writes UTF-16LE with a BOM. */
	if (len >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		if (len % 2 != 0) {
			x509_seterr(err, errlen, "truncated UTF-16 text");
			return -1;
		}
		narrow = xmalloc(len / 2);
		for (i = 2; i < len; i += 2) {
			if (p[i + 1] != 0 || p[i] >= 0x80) {
				free(narrow);
				x509_seterr(err, errlen, "UTF-16 text that is "
				    "not a PEM certificate");
				return -1;
			}
			narrow[i / 2 - 1] = p[i];
		}
		rv = x509_from_pem(a, narrow, len / 2 - 1, ci, err, errlen);
		free(narrow);
		return rv;
	}
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		p += 3;
		len -= 3;
	}
	if (len > 0 && p[0] != 0x30 && x509_has_pem(p, len))
		return x509_from_pem(a, p, len, ci, err, errlen);
	if (x509_decode(a, p, len, 0, ci, err, errlen) == 0)
		return 0;
	if (len > 0 && p[0] != 0x30)
		x509_seterr(err, errlen, "neither a PEM nor a DER certificate");
	return -1;
}

static int
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static int
b64_emit(unsigned char *out, size_t outcap, size_t *o, unsigned long acc,
    int nchars)
{
	size_t	n;

	n = (size_t)nchars - 1;		/* 4 chars: 3 bytes, 3: 2, 2: 1 */
	if (outcap - *o < n)
		return -1;
	if (nchars == 2)
		acc <<= 12;
	else if (nchars == 3)
		acc <<= 6;
	out[(*o)++] = (acc >> 16) & 0xff;
	if (n > 1)
		out[(*o)++] = (acc >> 8) & 0xff;
	if (n > 2)
		out[(*o)++] = acc & 0xff;
	return 0;
}

/*
 * Standard base64.  Whitespace anywhere is ignored; the final quantum may
 * be padded with '=' or left unpadded, but nothing may follow padding.
 */
long
base64_decode(const char *in, size_t inlen, unsigned char *out,
    size_t outcap)
{
	unsigned long	acc = 0;
	size_t		i, o = 0;
	int		ndata = 0, npad = 0, done = 0, v;
	unsigned char	c;

	if (out == NULL)
		outcap = 0;
	for (i = 0; i < inlen; i++) {
		c = (unsigned char)in[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\v' || c == '\f')
			continue;
		if (done)
			return -1;
		if (c == '=') {
			if (ndata < 2)
				return -1;
			if (ndata + ++npad == 4) {
				if (b64_emit(out, outcap, &o, acc, ndata) == -1)
					return -1;
				done = 1;
			}
			continue;
		}
		if (npad != 0 || (v = b64_value(c)) == -1)
			return -1;
		acc = (acc << 6) | (unsigned long)v;
		if (++ndata == 4) {
			if (b64_emit(out, outcap, &o, acc, 4) == -1)
				return -1;
			acc = 0;
			ndata = 0;
		}
	}
	if (!done) {
		if (npad != 0 || ndata == 1)
			return -1;
		if (ndata > 1 && b64_emit(out, outcap, &o, acc, ndata) == -1)
			return -1;
	}
	if (o > LONG_MAX)
		return -1;
	return (long)o;
}
