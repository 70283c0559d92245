/*
 * values-fuzzer.c: every value parser of values.h on every line.
 *
 * The input is split on '\n'; each line (NUL-terminated, so an embedded
 * NUL shortens it) goes to every parser, and the two-argument functions
 * get the previous line as their other argument.  Besides the sanitizers
 * it checks properties that values.h documents:
 *  - dn_valid(x, 0) implies dn_valid(x, 1); a valid plain name matches
 *    itself exactly and is its own subdomain;
 *  - an address space's cost is 1-100;
 *  - a range contains its own ends and overlaps itself, lo <= hi;
 *  - an address survives ipaddr_format() and parse_ipaddr();
 *  - x500_equal() and iprange_overlaps() are symmetric;
 *  - utf8_clean() gives valid UTF-8, utf8_text() also no C0 control or
 *    DEL;
 *  - format_date() fits its 11-byte buffer for any date parse_date()
 *    accepts (the buffer is exactly 11 bytes on the heap), and names the
 *    day of the instant for years 0000-9999 (beyond, it clamps).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "values.h"
#include "xalloc.h"

#include "fuzz_common.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
#define DATE_MIN	(-62167219200LL)
#define DATE_MAX	253402300799LL

/* Line count cap: the parsers are linear, this keeps inputs fast. */
#define MAX_LINES	4096

static const struct enumdef plain_enum[] = {
	{ "EncryptionOnly", 1 },
	{ "CertificateValidation", 2 },
	{ "DomainValidation", 4 },
	{ "Unknown", -1 },
	{ NULL, 0 }
};

static const struct enumdef flag_enum[] = {
	{ "None", 0 },
	{ "Tls", 1 },
	{ "Integrated", 2 },
	{ "BasicAuth", 4 },
	{ "BasicAuthRequireTLS", 8 },
	{ "ExchangeServer", 16 },
	{ "ExternalAuthoritative", 32 },
	{ "FrontendTransport", 16384 },
	{ NULL, 0 }
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* utf8.h: valid UTF-8 out, and no C0 control or DEL from utf8_text(). */
static void
check_utf8_text(struct arena *a, const char *s)
{
	const unsigned char	*p;
	char			*c;
	size_t			 n, l, i;

	c = utf8_clean(s);
	p = (const unsigned char *)c;
	for (i = 0, n = strlen(c); i < n; i += l)
		if ((l = utf8_seq(p + i, n - i)) == 0)
			FUZZ_FAIL("utf8_clean: invalid UTF-8 at %zu", i);
	free(c);
	p = (const unsigned char *)utf8_text(a, s);
	for (i = 0, n = strlen((const char *)p); i < n; i += l) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			FUZZ_FAIL("utf8_text: control character 0x%02x", p[i]);
		if ((l = utf8_seq(p + i, n - i)) == 0)
			FUZZ_FAIL("utf8_text: invalid UTF-8 at %zu", i);
	}
}

struct line_state {
	const char	*text;
	int		 has_as;
	struct addrspace as;
	int		 has_range;
	struct iprange	 range;
	int		 has_ip;
	struct ipaddr	 ip;
};

static void
one_line(struct arena *a, const char *s, struct line_state *cur,
    const struct line_state *prev)
{
	struct x509id	 xid;
	struct smarthost sh;
	struct ipaddr	 ip2;
	uint64_t	 bytes;
	int64_t		 epoch, v, back;
	int		 unlimited, rv;
	char		*date, *fmt;
	const char	*p;

	cur->text = s;

	/* Strings from the inputs, as records and outputs keep them. */
	check_utf8_text(a, s);

	/* Domain names. */
	rv = dn_valid(s, 0);
	if (rv && !dn_valid(s, 1))
		FUZZ_FAIL("dn_valid(\"%s\", 0) but not with wildcards", s);
	if (rv) {
		if (dn_match(s, s) != DN_EXACT)
			FUZZ_FAIL("dn_match(\"%s\", itself) is not DN_EXACT",
			    s);
		if (!dn_is_subdomain(s, s))
			FUZZ_FAIL("dn_is_subdomain(\"%s\", itself) is 0", s);
	}
	fuzz_touch_str(dn_normalize(a, s));
	fuzz_touch_str(dn_get_cn(a, s));
	fuzz_sink += (size_t)value_is_truncated(s);

	/* Certificate identities. */
	memset(&xid, 0, sizeof(xid));
	if (parse_x509id(a, s, &xid) == 0) {
		if (xid.subject == NULL)
			FUZZ_FAIL("parse_x509id: success without a subject");
		fuzz_touch_str(xid.issuer);
		fuzz_touch_str(xid.subject);
		fuzz_touch_str(dn_get_cn(a, xid.subject));
		if (xid.issuer != NULL)
			fuzz_sink += (size_t)x500_equal(xid.issuer,
			    xid.subject);
	}

	/* Address spaces. */
	memset(&cur->as, 0, sizeof(cur->as));
	if (parse_addrspace(a, s, &cur->as) == 0) {
		cur->has_as = 1;
		if (cur->as.type == NULL || cur->as.domain == NULL)
			FUZZ_FAIL("parse_addrspace: NULL type or domain");
		if (cur->as.cost < 1 || cur->as.cost > 100)
			FUZZ_FAIL("parse_addrspace(\"%s\"): cost %d", s,
			    cur->as.cost);
		fuzz_touch_str(cur->as.type);
		fuzz_touch_str(cur->as.domain);
		fuzz_sink += (size_t)addrspace_match(&cur->as, s);
		fuzz_sink += (size_t)addrspace_match(&cur->as,
		    cur->as.domain);
	}
	if (prev != NULL && prev->has_as)
		fuzz_sink += (size_t)addrspace_match(&prev->as, s);

	/* IP addresses and ranges. */
	if (parse_ipaddr(s, &cur->ip) == 0) {
		cur->has_ip = 1;
		if (cur->ip.family != 4 && cur->ip.family != 6)
			FUZZ_FAIL("parse_ipaddr: family %d", cur->ip.family);
		fmt = ipaddr_format(a, &cur->ip);
		if (fmt == NULL || parse_ipaddr(fmt, &ip2) == -1 ||
		    ipaddr_cmp(&cur->ip, &ip2) != 0)
			FUZZ_FAIL("ipaddr \"%s\" formats as \"%s\", which "
			    "does not parse back to it", s,
			    fmt != NULL ? fmt : "(null)");
		fuzz_sink += (size_t)ipaddr_is_private(&cur->ip);
	}
	if (parse_iprange(s, &cur->range) == 0) {
		cur->has_range = 1;
		if (ipaddr_cmp(&cur->range.lo, &cur->range.hi) > 0)
			FUZZ_FAIL("parse_iprange(\"%s\"): lo > hi", s);
		if (!iprange_contains(&cur->range, &cur->range.lo) ||
		    !iprange_contains(&cur->range, &cur->range.hi))
			FUZZ_FAIL("iprange \"%s\" does not contain its ends",
			    s);
		if (!iprange_overlaps(&cur->range, &cur->range))
			FUZZ_FAIL("iprange \"%s\" does not overlap itself", s);
		fuzz_sink += (size_t)iprange_bits(&cur->range);
		fuzz_touch_str(ipaddr_format(a, &cur->range.lo));
		fuzz_touch_str(ipaddr_format(a, &cur->range.hi));
	}
	if (prev != NULL) {
		if (prev->has_range && cur->has_ip)
			fuzz_sink += (size_t)iprange_contains(&prev->range,
			    &cur->ip);
		if (prev->has_ip && cur->has_ip)
			fuzz_sink += (size_t)(ipaddr_cmp(&prev->ip,
			    &cur->ip) + 1);
		if (prev->has_range && cur->has_range &&
		    iprange_overlaps(&prev->range, &cur->range) !=
		    iprange_overlaps(&cur->range, &prev->range))
			FUZZ_FAIL("iprange_overlaps(\"%s\", \"%s\") is not "
			    "symmetric", prev->text, s);
	}

	/* Smart hosts. */
	memset(&sh, 0, sizeof(sh));
	if (parse_smarthost(a, s, &sh) == 0) {
		if (sh.host == NULL)
			FUZZ_FAIL("parse_smarthost: NULL host");
		fuzz_touch_str(sh.host);
	}

	/* Sizes, dates, enums. */
	unlimited = 0;
	fuzz_sink += (size_t)parse_bytesize(s, &bytes, &unlimited);
	if (parse_date(s, &epoch) == 0) {
		date = malloc(11);
		if (date != NULL) {
			format_date(epoch, date);
			if (memchr(date, '\0', 11) == NULL)
				FUZZ_FAIL("format_date: not terminated");
			/*
			 * The day it names must contain the instant, within
			 * 0000-01-01 .. 9999-12-31 (format_date() clamps
			 * outside, on purpose).
			 */
			if (epoch >= DATE_MIN && epoch <= DATE_MAX &&
			    (parse_date(date, &back) == -1 || back > epoch ||
			    epoch - back >= 86400))
				FUZZ_FAIL("parse_date(\"%s\") = %lld, "
				    "format_date gives \"%s\"", s,
				    (long long)epoch, date);
			free(date);
		}
	}
	if (parse_enum(s, plain_enum, 0, &v) == 0)
		fuzz_touch_str(enum_name(plain_enum, v));
	if (parse_enum(s, flag_enum, 1, &v) == 0)
		fuzz_touch_str(enum_name(flag_enum, v));

	/* Two names. */
	if (prev != NULL) {
		p = prev->text;
		fuzz_sink += (size_t)dn_match(p, s);
		fuzz_sink += (size_t)dn_match_cert(p, s);
		fuzz_sink += (size_t)dn_is_subdomain(p, s);
		if (x500_equal(p, s) != x500_equal(s, p))
			FUZZ_FAIL("x500_equal(\"%s\", \"%s\") is not "
			    "symmetric", p, s);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a;
	struct line_state	 st[2];
	const uint8_t		*p, *end, *nl;
	char			*line;
	char			*prevline = NULL;
	size_t			 n, nlines = 0;
	int			 have_prev = 0, i = 0;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	a = arena_new();
	p = data;
	end = data + size;
	while (p <= end && nlines++ < MAX_LINES) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		/* An exact-size heap copy, so an over-read is caught. */
		line = malloc(n + 1);
		if (line == NULL)
			break;
		memcpy(line, p, n);
		line[n] = '\0';
		memset(&st[i], 0, sizeof(st[i]));
		one_line(a, line, &st[i], have_prev ? &st[1 - i] : NULL);
		free(prevline);
		prevline = line;
		have_prev = 1;
		i = 1 - i;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	free(prevline);
	arena_free(a);
	return 0;
}
