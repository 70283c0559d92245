/*
 * values.c: parsers for the value syntaxes that Exchange exports use.
 *
 * Everything here is pure: no printing, no global state, no locale or
 * time zone.  Input is treated as hostile; every scan is bounded by the
 * terminating NUL or by an explicit length, and every number is checked
 * for overflow before it is used.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "utf8.h"
#include "values.h"
#include "xalloc.h"

/* One attribute of a distinguished name, as spans into the text. */
struct ava {
	const char	*type;
	size_t		 typelen;
	const char	*val;		/* raw, without surrounding quotes */
	size_t		 vallen;
	int		 quoted;
	char		 sep;		/* ',' or '+' after it, 0 at the end */
};

/* A cursor over a distinguished name. */
struct dnwalk {
	const char	*p;
	int		 more;		/* a separator was just consumed */
};

static int	 lc(int);
static int	 is_space(int);
static int	 is_digit(int);
static int	 is_hex(int);
static int	 hex_val(int);
static int	 ci_eqn(const char *, const char *, size_t);
static int	 ci_eqs(const char *, size_t, const char *);
static void	 trim_span(const char **, size_t *);
static size_t	 dn_len(const char *);
static int	 label_char(int);
static int	 dn_valid_span(const char *, size_t, int);
static size_t	 dn_labels(const char *, size_t);
static char	*lower_dup(struct arena *, const char *, size_t);
static const char *find_marker(const char *, size_t, int);
static int	 dn_syntax_ok(const char *, size_t);
static int	 dn_is_sep(int);
static int	 dn_next(struct dnwalk *, struct ava *);
static int	 ava_getc(const struct ava *, size_t *);
static const char *ava_canon_type(const struct ava *, size_t *);
static int	 ava_type_eq(const struct ava *, const struct ava *);
static int	 ava_val_eq(const struct ava *, const struct ava *);
static int	 parse_uint_span(const char *, size_t, uint64_t, uint64_t *);
static int	 parse_ipv4(const char *, size_t, uint8_t *);
static int	 parse_ipv6(const char *, size_t, uint8_t *);
static int	 parse_ipaddr_span(const char *, size_t, struct ipaddr *);
static int	 ip_len(const struct ipaddr *);
static int	 bytesize_grouped(const char *, size_t, uint64_t *);
static int	 bytesize_plain(const char *, size_t, uint64_t *);
static size_t	 group_sep_len(const char *, size_t);
static int64_t	 days_from_civil(int64_t, unsigned, unsigned);
static void	 civil_from_days(int64_t, int64_t *, unsigned *, unsigned *);
static int	 get_digits(const char **, const char *, int, unsigned *);
static int	 parse_msdate(const char *, size_t, int64_t *);
static int	 parse_iso(const char *, size_t, int64_t *);
static const struct enumdef *enum_find(const struct enumdef *, const char *,
		    size_t);
static int	 is_clr_type(const char *, size_t);

/* ---- Small helpers ---------------------------------------------------- */

static int
lc(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
hex_val(int c)
{
	if (is_digit(c))
		return c - '0';
	return lc(c) - 'a' + 10;
}

/* Compare n bytes, ignoring ASCII case. */
static int
ci_eqn(const char *a, const char *b, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (lc((unsigned char)a[i]) != lc((unsigned char)b[i]))
			return 0;
	}
	return 1;
}

/* Compare a span with a NUL-terminated string, ignoring ASCII case. */
static int
ci_eqs(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && ci_eqn(s, word, n);
}

/* Narrow a span to exclude leading and trailing white space. */
static void
trim_span(const char **p, size_t *n)
{
	while (*n > 0 && is_space((unsigned char)**p)) {
		(*p)++;
		(*n)--;
	}
	while (*n > 0 && is_space((unsigned char)(*p)[*n - 1]))
		(*n)--;
}

/*
 * Parse a span of decimal digits (nothing else) into a value no greater
 * than max.
 */
static int
parse_uint_span(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t	v = 0;
	size_t		i;
	unsigned	d;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return -1;
		d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* ---- Domain names and wildcards --------------------------------------- */

/* Length of a name without its one optional trailing dot. */
static size_t
dn_len(const char *s)
{
	size_t	n;

	n = strlen(s);
	if (n > 0 && s[n - 1] == '.')
		n--;
	return n;
}

static int
label_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    is_digit(c) || c == '-' || c == '_';
}

static int
dn_valid_span(const char *s, size_t n, int allow_wildcard)
{
	size_t	i, lab;

	if (n > 0 && s[n - 1] == '.')
		n--;
	if (n == 0 || n > 253)
		return 0;
	if (allow_wildcard && s[0] == '*') {
		if (n == 1)
			return 1;
		if (s[1] != '.' || n == 2)
			return 0;
		s += 2;
		n -= 2;
	}
	lab = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (lab == 0)
				return 0;
			lab = 0;
		} else if (label_char((unsigned char)s[i])) {
			if (++lab > 63)
				return 0;
		} else
			return 0;
	}
	return lab != 0;
}

/* Number of labels in a name without a trailing dot. */
static size_t
dn_labels(const char *s, size_t n)
{
	size_t	i, k = 1;

	for (i = 0; i < n; i++) {
		if (s[i] == '.')
			k++;
	}
	return k;
}

static char *
lower_dup(struct arena *a, const char *s, size_t n)
{
	char	*p;
	size_t	 i;

	p = arena_strndup(a, s, n);
	for (i = 0; i < n; i++)
		p[i] = (char)lc((unsigned char)p[i]);
	return p;
}

int
dn_valid(const char *name, int allow_wildcard)
{
	if (name == NULL)
		return 0;
	return dn_valid_span(name, strlen(name), allow_wildcard);
}

int
guid_parse(const char *s, unsigned char out[16])
{
	int	brace = *s == '{', hi, lo;
	size_t	i, k = 0;

	s += brace;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (*s++ != '-')
				return -1;
			continue;
		}
		if ((hi = hex_digit((unsigned char)s[0])) == -1 ||
		    (lo = hex_digit((unsigned char)s[1])) == -1)
			return -1;
		out[k++] = (unsigned char)(hi << 4 | lo);
		s += 2;
		i++;
	}
	if (brace && *s++ != '}')
		return -1;
	return *s == '\0' ? 0 : -1;
}

uint64_t
ci_hash64(const char *s)
{
	uint64_t	h = 14695981039346656037u;
	unsigned char	c;

	for (; (c = (unsigned char)*s) != '\0'; s++) {
		h ^= c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
		h *= 1099511628211u;
	}
	/* The finalizer of splitmix64: every bit depends on every other. */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebu;
	h ^= h >> 31;
	return h != 0 ? h : 1;
}

char *
dn_normalize(struct arena *a, const char *name)
{
	if (name == NULL)
		return NULL;
	return lower_dup(a, name, dn_len(name));
}

enum dn_match
dn_match(const char *pattern, const char *host)
{
	const char	*suffix;
	size_t		 pn, hn, sn;

	if (pattern == NULL || host == NULL)
		return DN_NONE;
	pn = dn_len(pattern);
	hn = dn_len(host);
	if (pn == 0 || hn == 0)
		return DN_NONE;
	/* Literal equality first: this is how a host-side wildcard matches. */
	if (pn == hn && ci_eqn(pattern, host, pn))
		return DN_EXACT;
	if (pn == 1 && pattern[0] == '*')
		return DN_WILDCARD;
	if (pn < 3 || pattern[0] != '*' || pattern[1] != '.')
		return DN_NONE;
	suffix = pattern + 2;
	sn = pn - 2;
	if (memchr(suffix, '*', sn) != NULL)
		return DN_NONE;
	if (hn == sn && ci_eqn(host, suffix, sn))
		return DN_APEX;
	if (hn > sn + 1 && host[hn - sn - 1] == '.' &&
	    ci_eqn(host + hn - sn, suffix, sn))
		return DN_WILDCARD;
	return DN_NONE;
}

enum dn_match
dn_match_cert(const char *certname, const char *host)
{
	const char	*suffix;
	size_t		 cn, hn, sn, first;

	if (certname == NULL || host == NULL)
		return DN_NONE;
	cn = dn_len(certname);
	hn = dn_len(host);
	if (cn == 0 || hn == 0)
		return DN_NONE;
	if (cn == hn && ci_eqn(certname, host, cn))
		return DN_EXACT;
	if (cn < 3 || certname[0] != '*' || certname[1] != '.')
		return DN_NONE;
	suffix = certname + 2;
	sn = cn - 2;
	if (memchr(suffix, '*', sn) != NULL)
		return DN_NONE;
	if (hn <= sn + 1 || host[hn - sn - 1] != '.' ||
	    !ci_eqn(host + hn - sn, suffix, sn))
		return DN_NONE;
	/* The wildcard stands for exactly one, non-empty, literal label. */
	first = hn - sn - 1;
	if (memchr(host, '.', first) != NULL ||
	    memchr(host, '*', first) != NULL)
		return DN_NONE;
	return DN_WILDCARD;
}

int
dn_is_subdomain(const char *domain, const char *parent)
{
	size_t	dn, pn;

	if (domain == NULL || parent == NULL)
		return 0;
	dn = dn_len(domain);
	pn = dn_len(parent);
	if (dn == 0 || pn == 0)
		return 0;
	if (dn == pn)
		return ci_eqn(domain, parent, dn);
	return dn > pn + 1 && domain[dn - pn - 1] == '.' &&
	    ci_eqn(domain + dn - pn, parent, pn);
}

/* ---- Distinguished names ---------------------------------------------- */

static int
dn_is_sep(int c)
{
	return c == ',' || c == ';' || c == '+';
}

/* A quoted attribute value at p ("..."); returns what follows, or NULL. */
static const char *
dn_quoted_value(const char *p, struct ava *av)
{
	av->quoted = 1;
	av->val = ++p;
	for (;;) {
		if (*p == '\0')
			return NULL;
		if (*p == '\\') {
			if (p[1] == '\0')
				return NULL;
			p += 2;
			continue;
		}
		if (*p == '"') {
			if (p[1] == '"') {
				p += 2;
				continue;
			}
			break;
		}
		p++;
	}
	av->vallen = (size_t)(p - av->val);
	p++;
	while (is_space((unsigned char)*p))
		p++;
	return p;
}

/* An unquoted attribute value at p; returns what follows, or NULL. */
static const char *
dn_plain_value(const char *p, struct ava *av)
{
	const char	*last;

	av->quoted = 0;
	av->val = last = p;
	while (*p != '\0' && !dn_is_sep((unsigned char)*p)) {
		if (*p == '\\') {
			if (p[1] == '\0')
				return NULL;
			if (is_hex((unsigned char)p[1]) &&
			    is_hex((unsigned char)p[2]))
				p += 3;
			else
				p += 2;
			last = p;
			continue;
		}
		if (*p == '"')
			return NULL;
		p++;
		if (!is_space((unsigned char)p[-1]))
			last = p;
	}
	av->vallen = (size_t)(last - av->val);
	return p;
}

/*
 * Read the next attribute.  Returns 1 with *av filled, 0 at the end of
 * the name and -1 on a syntax error (including a trailing separator).
 */
static int
dn_next(struct dnwalk *w, struct ava *av)
{
	const char	*p = w->p;

	while (is_space((unsigned char)*p))
		p++;
	if (*p == '\0')
		return w->more ? -1 : 0;

	av->type = p;
	while (*p != '\0' && *p != '=' && !dn_is_sep((unsigned char)*p)) {
		if (!label_char((unsigned char)*p) && *p != '.' &&
		    !is_space((unsigned char)*p))
			return -1;
		p++;
	}
	if (*p != '=')
		return -1;
	av->typelen = (size_t)(p - av->type);
	while (av->typelen > 0 &&
	    is_space((unsigned char)av->type[av->typelen - 1]))
		av->typelen--;
	if (av->typelen == 0 || memchr(av->type, ' ', av->typelen) != NULL ||
	    memchr(av->type, '\t', av->typelen) != NULL)
		return -1;
	p++;
	while (is_space((unsigned char)*p))
		p++;

	if (*p == '"') {
		if ((p = dn_quoted_value(p, av)) == NULL)
			return -1;
	} else if ((p = dn_plain_value(p, av)) == NULL)
		return -1;

	if (*p == '\0') {
		av->sep = 0;
		w->more = 0;
	} else if (dn_is_sep((unsigned char)*p)) {
		av->sep = *p == '+' ? '+' : ',';
		w->more = 1;
		p++;
	} else
		return -1;
	w->p = p;
	return 1;
}

/* Decode the next octet of a value, or return -1 at its end. */
static int
ava_getc(const struct ava *av, size_t *ip)
{
	const char	*v = av->val;
	size_t		 i = *ip;

	if (i >= av->vallen)
		return -1;
	if (v[i] == '\\' && i + 1 < av->vallen) {
		if (i + 2 < av->vallen && is_hex((unsigned char)v[i + 1]) &&
		    is_hex((unsigned char)v[i + 2])) {
			*ip = i + 3;
			return hex_val((unsigned char)v[i + 1]) * 16 +
			    hex_val((unsigned char)v[i + 2]);
		}
		*ip = i + 2;
		return (unsigned char)v[i + 1];
	}
	if (av->quoted && v[i] == '"' && i + 1 < av->vallen &&
	    v[i + 1] == '"') {
		*ip = i + 2;
		return '"';
	}
	*ip = i + 1;
	return (unsigned char)v[i];
}

/*
 * The canonical short name of an attribute type, so that "ST", "S" and
 * "OID.2.5.4.8" compare equal.  Unknown types are returned as they are,
 * minus any "OID." prefix.
 */
static const char *
ava_canon_type(const struct ava *av, size_t *len)
{
	static const struct {
		const char	*alias;
		const char	*canon;
	} types[] = {
		{ "CN", "CN" }, { "2.5.4.3", "CN" },
		{ "SN", "SN" }, { "2.5.4.4", "SN" },
		{ "SERIALNUMBER", "SERIALNUMBER" },
		{ "2.5.4.5", "SERIALNUMBER" },
		{ "C", "C" }, { "2.5.4.6", "C" },
		{ "L", "L" }, { "2.5.4.7", "L" },
		{ "S", "S" }, { "ST", "S" }, { "2.5.4.8", "S" },
		{ "STREET", "STREET" }, { "2.5.4.9", "STREET" },
		{ "O", "O" }, { "2.5.4.10", "O" },
		{ "OU", "OU" }, { "2.5.4.11", "OU" },
		{ "T", "T" }, { "TITLE", "T" }, { "2.5.4.12", "T" },
		{ "G", "G" }, { "GIVENNAME", "G" }, { "2.5.4.42", "G" },
		{ "E", "E" }, { "EMAIL", "E" }, { "EMAILADDRESS", "E" },
		{ "1.2.840.113549.1.9.1", "E" },
		{ "DC", "DC" }, { "0.9.2342.19200300.100.1.25", "DC" },
	};
	const char	*t = av->type;
	size_t		 n = av->typelen, i;

	if (n > 4 && ci_eqn(t, "OID.", 4)) {
		t += 4;
		n -= 4;
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (ci_eqs(t, n, types[i].alias)) {
			*len = strlen(types[i].canon);
			return types[i].canon;
		}
	}
	*len = n;
	return t;
}

static int
ava_type_eq(const struct ava *a, const struct ava *b)
{
	const char	*ta, *tb;
	size_t		 na, nb;

	ta = ava_canon_type(a, &na);
	tb = ava_canon_type(b, &nb);
	return na == nb && ci_eqn(ta, tb, na);
}

static int
ava_val_eq(const struct ava *a, const struct ava *b)
{
	size_t	ia = 0, ib = 0;
	int	ca, cb;

	for (;;) {
		ca = ava_getc(a, &ia);
		cb = ava_getc(b, &ib);
		if (ca == -1 || cb == -1)
			return ca == cb;
		if (lc(ca) != lc(cb))
			return 0;
	}
}

/* True when a span is a well-formed, non-empty distinguished name. */
static int
dn_syntax_ok(const char *s, size_t n)
{
	struct dnwalk	 w;
	struct ava	 av;
	char		*tmp;
	int		 r, count = 0;

	tmp = xstrndup(s, n);
	w.p = tmp;
	w.more = 0;
	while ((r = dn_next(&w, &av)) == 1)
		count++;
	free(tmp);
	return r == 0 && count > 0;
}

const char *
dn_get_cn(struct arena *a, const char *dn)
{
	struct dnwalk	 w;
	struct ava	 av, cn;
	const char	*t;
	char		*out;
	size_t		 n, i, o;
	int		 r, c, found = 0;

	if (dn == NULL)
		return NULL;
	w.p = dn;
	w.more = 0;
	while ((r = dn_next(&w, &av)) == 1) {
		t = ava_canon_type(&av, &n);
		if (!found && ci_eqs(t, n, "CN")) {
			cn = av;
			found = 1;
		}
	}
	if (r != 0 || !found)
		return NULL;

	/* A decoded value is never longer than its text. */
	out = arena_alloc(a, cn.vallen + 1);
	i = o = 0;
	while ((c = ava_getc(&cn, &i)) != -1) {
		if (c == 0)
			return NULL;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

int
x500_equal(const char *a, const char *b)
{
	struct dnwalk	wa, wb;
	struct ava	va, vb;
	int		ra, rb;

	if (a == NULL || b == NULL)
		return 0;
	wa.p = a;
	wb.p = b;
	wa.more = wb.more = 0;
	for (;;) {
		ra = dn_next(&wa, &va);
		rb = dn_next(&wb, &vb);
		if (ra == -1 || rb == -1 || ra != rb)
			return 0;
		if (ra == 0)
			return 1;
		if (va.sep != vb.sep || !ava_type_eq(&va, &vb) ||
		    !ava_val_eq(&va, &vb))
			return 0;
	}
}

/* ---- Certificate identities ------------------------------------------- */

/* Find "<X>" (the letter in either case) in a span. */
static const char *
find_marker(const char *s, size_t n, int letter)
{
	size_t	i;

	for (i = 0; i + 3 <= n; i++) {
		if (s[i] == '<' && lc((unsigned char)s[i + 1]) == lc(letter) &&
		    s[i + 2] == '>')
			return s + i;
	}
	return NULL;
}

int
parse_x509id(struct arena *a, const char *s, struct x509id *out)
{
	const char	*p, *is = NULL, *ss, *m;
	size_t		 n, in = 0, sn;

	if (s == NULL || out == NULL)
		return -1;
	p = s;
	n = strlen(s);
	trim_span(&p, &n);
	if (n >= 3 && find_marker(p, 3, 'I') == p) {
		if ((m = find_marker(p + 3, n - 3, 'S')) == NULL)
			return -1;
		is = p + 3;
		in = (size_t)(m - is);
		ss = m + 3;
		sn = n - (size_t)(ss - p);
		trim_span(&is, &in);
		if (in == 0)
			return -1;
	} else if (n >= 3 && find_marker(p, 3, 'S') == p) {
		ss = p + 3;
		sn = n - 3;
	} else {
		ss = p;
		sn = n;
	}
	trim_span(&ss, &sn);
	if (sn == 0)
		return -1;
	/* No stray markers: each part must be a distinguished name. */
	if (find_marker(ss, sn, 'I') != NULL ||
	    find_marker(ss, sn, 'S') != NULL)
		return -1;
	if (is != NULL && (find_marker(is, in, 'I') != NULL ||
	    !dn_syntax_ok(is, in)))
		return -1;
	if (!dn_syntax_ok(ss, sn))
		return -1;
	out->issuer = is != NULL ? arena_strndup(a, is, in) : NULL;
	out->subject = arena_strndup(a, ss, sn);
	return 0;
}

/* ---- Address spaces --------------------------------------------------- */

int
parse_addrspace(struct arena *a, const char *s, struct addrspace *out)
{
	const char	*p, *colon, *semi, *t = "SMTP", *addr;
	size_t		 n, tn = 4, an, cn, i;
	uint64_t	 cost = 1;
	char		*type;

	if (s == NULL || out == NULL)
		return -1;
	p = s;
	n = strlen(s);
	trim_span(&p, &n);
	if (n == 0)
		return -1;

	addr = p;
	an = n;
	if ((colon = memchr(p, ':', n)) != NULL) {
		t = p;
		tn = (size_t)(colon - p);
		if (tn == 0 || tn > 32)
			return -1;
		for (i = 0; i < tn; i++) {
			if (!label_char((unsigned char)t[i]))
				return -1;
		}
		addr = colon + 1;
		an = n - tn - 1;
	}
	/* The cost follows the last ';' (X.400 addresses contain ';'). */
	for (semi = NULL, i = an; i > 0; i--) {
		if (addr[i - 1] == ';') {
			semi = addr + i - 1;
			break;
		}
	}
	if (semi != NULL) {
		p = semi + 1;
		cn = an - (size_t)(p - addr);
		trim_span(&p, &cn);
		if (parse_uint_span(p, cn, 100, &cost) == -1 || cost < 1)
			return -1;
		an = (size_t)(semi - addr);
	}
	trim_span(&addr, &an);
	if (an == 0)
		return -1;

	if (ci_eqs(t, tn, "SMTP")) {
		if (!dn_valid_span(addr, an, 1))
			return -1;
		if (addr[an - 1] == '.')
			an--;
	}
	type = arena_strndup(a, t, tn);
	for (i = 0; i < tn; i++) {
		if (type[i] >= 'a' && type[i] <= 'z')
			type[i] = (char)(type[i] - 'a' + 'A');
	}
	out->type = type;
	out->domain = lower_dup(a, addr, an);
	out->cost = (int)cost;
	return 0;
}

int
addrspace_match(const struct addrspace *as, const char *domain)
{
	const char	*d;
	size_t		 n, hn;

	if (as == NULL || as->type == NULL || as->domain == NULL ||
	    domain == NULL || !ci_eqs(as->type, strlen(as->type), "SMTP"))
		return -1;
	d = as->domain;
	n = dn_len(d);
	hn = dn_len(domain);
	if (n == 0 || hn == 0 || memchr(domain, '*', hn) != NULL)
		return -1;
	if (n == 1 && d[0] == '*')
		return 0;
	if (n >= 2 && d[0] == '*' && d[1] == '.') {
		/* "*.contoso.com" covers contoso.com itself, like Exchange. */
		if (dn_match(d, domain) == DN_NONE)
			return -1;
		return (int)(2 * dn_labels(d + 2, n - 2));
	}
	if (n != hn || !ci_eqn(d, domain, n))
		return -1;
	return (int)(2 * dn_labels(d, n) + 1);
}

/* ---- IP addresses ----------------------------------------------------- */

static int
ip_len(const struct ipaddr *ip)
{
	return ip->family == 4 ? 4 : 16;
}

/* Dotted quad, no leading zeros (whose meaning differs between tools). */
static int
parse_ipv4(const char *s, size_t n, uint8_t *out)
{
	size_t		i = 0, start;
	unsigned	v;
	int		part;

	for (part = 0; part < 4; part++) {
		if (part > 0) {
			if (i >= n || s[i] != '.')
				return -1;
			i++;
		}
		start = i;
		v = 0;
		while (i < n && is_digit((unsigned char)s[i]) && i - start < 3)
			v = v * 10 + (unsigned)(s[i++] - '0');
		if (i == start || v > 255 || (i - start > 1 && s[start] == '0'))
			return -1;
		out[part] = (uint8_t)v;
	}
	return i == n ? 0 : -1;
}

static int
parse_ipv6(const char *s, size_t n, uint8_t *out)
{
	char	buf[64];

	/* 45 is the longest form, "ffff:...:ffff:255.255.255.255". */
	if (n == 0 || n > 45)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return inet_pton(AF_INET6, buf, out) == 1 ? 0 : -1;
}

static int
parse_ipaddr_span(const char *s, size_t n, struct ipaddr *ip)
{
	struct ipaddr	tmp;

	memset(&tmp, 0, sizeof(tmp));
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n == 0)
		return -1;
	if (memchr(s, ':', n) != NULL) {
		if (parse_ipv6(s, n, tmp.a) == -1)
			return -1;
		tmp.family = 6;
	} else {
		if (parse_ipv4(s, n, tmp.a) == -1)
			return -1;
		tmp.family = 4;
	}
	*ip = tmp;
	return 0;
}

int
parse_ipaddr(const char *s, struct ipaddr *ip)
{
	if (s == NULL || ip == NULL)
		return -1;
	return parse_ipaddr_span(s, strlen(s), ip);
}

int
parse_iprange(const char *s, struct iprange *r)
{
	struct iprange	 t;
	const char	*sep;
	size_t		 n, i, len;
	uint64_t	 prefix;
	int		 bits;
	uint8_t		 m;

	if (s == NULL || r == NULL)
		return -1;
	memset(&t, 0, sizeof(t));
	n = strlen(s);
	if ((sep = memchr(s, '/', n)) != NULL) {
		if (parse_ipaddr_span(s, (size_t)(sep - s), &t.lo) == -1)
			return -1;
		len = (size_t)ip_len(&t.lo);
		i = n - (size_t)(sep - s) - 1;
		if (i > 3 ||
		    parse_uint_span(sep + 1, i, len * 8, &prefix) == -1)
			return -1;
		t.hi = t.lo;
		for (i = 0; i < len; i++) {
			bits = (int)prefix - (int)i * 8;
			if (bits >= 8)
				m = 0xff;
			else if (bits <= 0)
				m = 0;
			else
				m = (uint8_t)(0xff << (8 - bits));
			t.lo.a[i] &= m;
			t.hi.a[i] |= (uint8_t)~m;
		}
		t.fmt = IPR_CIDR;
		t.prefix = (int)prefix;
	} else if ((sep = memchr(s, '-', n)) != NULL) {
		if (parse_ipaddr_span(s, (size_t)(sep - s), &t.lo) == -1 ||
		    parse_ipaddr_span(sep + 1, n - (size_t)(sep - s) - 1,
		    &t.hi) == -1)
			return -1;
		if (t.lo.family != t.hi.family || ipaddr_cmp(&t.lo, &t.hi) > 0)
			return -1;
		t.fmt = IPR_LOHI;
		t.prefix = -1;
	} else {
		if (parse_ipaddr_span(s, n, &t.lo) == -1)
			return -1;
		t.hi = t.lo;
		t.fmt = IPR_SINGLE;
		t.prefix = -1;
	}
	*r = t;
	return 0;
}

int
ipaddr_cmp(const struct ipaddr *a, const struct ipaddr *b)
{
	int	r;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	r = memcmp(a->a, b->a, (size_t)ip_len(a));
	return r < 0 ? -1 : r > 0;
}

static int
by_range_start(const void *a, const void *b)
{
	const struct iprange	*x = a, *y = b;
	int			 c;

	if ((c = ipaddr_cmp(&x->lo, &y->lo)) != 0)
		return c;
	return ipaddr_cmp(&x->hi, &y->hi);
}

size_t
iprange_union(struct iprange *v, size_t n)
{
	size_t	i, k = 0;

	if (n < 2)
		return n;
	qsort(v, n, sizeof(*v), by_range_start);
	for (i = 1; i < n; i++) {
		if (v[i].lo.family == v[k].lo.family &&
		    ipaddr_cmp(&v[i].lo, &v[k].hi) <= 0) {
			if (ipaddr_cmp(&v[i].hi, &v[k].hi) > 0)
				v[k].hi = v[i].hi;
			v[k].prefix = -1;
			continue;
		}
		v[++k] = v[i];
	}
	return k + 1;
}

int
iprange_contains(const struct iprange *r, const struct ipaddr *ip)
{
	if (r == NULL || ip == NULL || r->lo.family != ip->family)
		return 0;
	return ipaddr_cmp(&r->lo, ip) <= 0 && ipaddr_cmp(ip, &r->hi) <= 0;
}

int
iprange_overlaps(const struct iprange *a, const struct iprange *b)
{
	if (a == NULL || b == NULL || a->lo.family != b->lo.family)
		return 0;
	return ipaddr_cmp(&a->lo, &b->hi) <= 0 &&
	    ipaddr_cmp(&b->lo, &a->hi) <= 0;
}

/*
 * floor(log2(number of addresses)): exact for CIDR ranges and for LoHi
 * ranges of a power-of-two size.
 */
int
iprange_bits(const struct iprange *r)
{
	uint8_t	d[16];
	int	len, i, borrow, carry, v, b;

	if (r == NULL || r->lo.family != r->hi.family ||
	    (r->lo.family != 4 && r->lo.family != 6) ||
	    ipaddr_cmp(&r->lo, &r->hi) > 0)
		return 0;
	len = ip_len(&r->lo);
	borrow = 0;
	for (i = len - 1; i >= 0; i--) {
		v = r->hi.a[i] - r->lo.a[i] - borrow;
		borrow = v < 0;
		d[i] = (uint8_t)(v + (borrow ? 256 : 0));
	}
	carry = 1;
	for (i = len - 1; i >= 0 && carry; i--) {
		v = d[i] + carry;
		carry = v > 255;
		d[i] = (uint8_t)v;
	}
	if (carry)
		return len * 8;
	for (i = 0; i < len; i++) {
		if (d[i] != 0) {
			for (b = 7; !(d[i] & (1 << b)); b--)
				;
			return (len - 1 - i) * 8 + b;
		}
	}
	return 0;
}

int
ipaddr_is_private(const struct ipaddr *ip)
{
	const uint8_t	*a;
	int		 i;

	if (ip == NULL)
		return 0;
	a = ip->a;
	if (ip->family == 4) {
		return a[0] == 10 || a[0] == 127 ||
		    (a[0] == 172 && (a[1] & 0xf0) == 16) ||
		    (a[0] == 192 && a[1] == 168) ||
		    (a[0] == 169 && a[1] == 254);
	}
	if (ip->family != 6)
		return 0;
	if ((a[0] & 0xfe) == 0xfc || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80))
		return 1;
	for (i = 0; i < 15; i++) {
		if (a[i] != 0)
			return 0;
	}
	return a[15] == 1;
}

/* RFC 5952 text: lower-case hex, the longest run of 2+ zero words as "::". */
char *
ipaddr_format(struct arena *a, const struct ipaddr *ip)
{
	char		 buf[64];
	unsigned	 w[8];
	int		 i, best = -1, bestlen = 0, run, len = 0;

	if (ip == NULL)
		return NULL;
	if (ip->family == 4) {
		snprintf(buf, sizeof(buf), "%u.%u.%u.%u", ip->a[0], ip->a[1],
		    ip->a[2], ip->a[3]);
		return arena_strdup(a, buf);
	}
	if (ip->family != 6)
		return NULL;
	for (i = 0; i < 8; i++)
		w[i] = (unsigned)ip->a[2 * i] << 8 | ip->a[2 * i + 1];
	for (i = 0; i < 8; i += run > 0 ? run : 1) {
		for (run = 0; i + run < 8 && w[i + run] == 0; run++)
			;
		if (run > bestlen) {
			best = i;
			bestlen = run;
		}
	}
	if (bestlen < 2)
		best = -1;
	for (i = 0; i < 8; i++) {
		if (i == best) {
			buf[len++] = ':';
			buf[len++] = ':';
			i += bestlen - 1;
			continue;
		}
		if (i > 0 && i != best + bestlen)
			buf[len++] = ':';
		len += snprintf(buf + len, sizeof(buf) - (size_t)len, "%x",
		    w[i]);
	}
	buf[len] = '\0';
	return arena_strdup(a, buf);
}

int
parse_smarthost(struct arena *a, const char *s, struct smarthost *out)
{
	struct ipaddr	 ip;
	size_t		 n, i;

	if (s == NULL || out == NULL)
		return -1;
	n = strlen(s);
	if (n == 0)
		return -1;
	if (parse_ipaddr_span(s, n, &ip) == 0) {
		out->is_ip = 1;
		out->ip = ip;
		out->host = ipaddr_format(a, &ip);
		return 0;
	}
	if (!dn_valid_span(s, n, 0))
		return -1;
	if (s[n - 1] == '.')
		n--;
	/* An all-numeric last label is a mistyped address, not a name. */
	for (i = n; i > 0 && s[i - 1] != '.'; i--) {
		if (!is_digit((unsigned char)s[i - 1]))
			break;
	}
	if (i == 0 || s[i - 1] == '.')
		return -1;
	memset(&out->ip, 0, sizeof(out->ip));
	out->is_ip = 0;
	out->host = lower_dup(a, s, n);
	return 0;
}

/* ---- Sizes ------------------------------------------------------------ */

/* Length of a digit-group separator at s, or 0. */
static size_t
group_sep_len(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (n >= 1 && (u[0] == ',' || u[0] == '.' || u[0] == '\'' ||
	    u[0] == ' '))
		return 1;
	/* U+00A0 no-break space. */
	if (n >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	/* U+2009 thin space, U+202F narrow no-break space. */
	if (n >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0x89 || u[2] == 0xaf))
		return 3;
	return 0;
}

/* "36,700,160 bytes", with any one-character digit-group separator. */
static int
bytesize_grouped(const char *s, size_t n, uint64_t *out)
{
	uint64_t	v = 0;
	size_t		i = 0, sl;
	unsigned	d;
	int		digits = 0;

	while (i < n) {
		if (is_digit((unsigned char)s[i])) {
			d = (unsigned)(s[i] - '0');
			if (v > (UINT64_MAX - d) / 10)
				return -1;
			v = v * 10 + d;
			digits++;
			i++;
			continue;
		}
		sl = group_sep_len(s + i, n - i);
		if (sl == 0 || digits == 0 || i + sl >= n ||
		    !is_digit((unsigned char)s[i + sl]))
			break;
		i += sl;
	}
	if (digits == 0)
		return -1;
	s += i;
	n -= i;
	trim_span(&s, &n);
	if (!ci_eqs(s, n, "bytes") && !ci_eqs(s, n, "byte"))
		return -1;
	*out = v;
	return 0;
}

/* "36700160", "10MB", "1.5 GB" (binary multiples, as Exchange uses). */
static int
bytesize_plain(const char *s, size_t n, uint64_t *out)
{
	static const struct {
		const char	*name;
		int		 shift;
	} units[] = {
		{ "", 0 }, { "b", 0 }, { "byte", 0 }, { "bytes", 0 },
		{ "kb", 10 }, { "kib", 10 }, { "mb", 20 }, { "mib", 20 },
		{ "gb", 30 }, { "gib", 30 }, { "tb", 40 }, { "tib", 40 },
	};
	uint64_t	ip = 0, frac = 0, scale = 1, v;
	size_t		i = 0, start, u;
	int		shift = -1;

	start = i;
	while (i < n && is_digit((unsigned char)s[i]))
		i++;
	if (parse_uint_span(s + start, i - start, UINT64_MAX, &ip) == -1)
		return -1;
	if (i < n && s[i] == '.') {
		start = ++i;
		while (i < n && is_digit((unsigned char)s[i]))
			i++;
		/* Six digits keep frac << 40 well inside 64 bits. */
		if (i == start || i - start > 6 ||
		    parse_uint_span(s + start, i - start, UINT64_MAX,
		    &frac) == -1)
			return -1;
		for (u = start; u < i; u++)
			scale *= 10;
	}
	s += i;
	n -= i;
	trim_span(&s, &n);
	for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		if (ci_eqs(s, n, units[u].name)) {
			shift = units[u].shift;
			break;
		}
	}
	if (shift == -1)
		return -1;
	if (shift == 0 && frac != 0)
		return -1;
	if (ip > (UINT64_MAX >> shift))
		return -1;
	v = ip << shift;
	frac = (frac << shift) / scale;
	if (v > UINT64_MAX - frac)
		return -1;
	*out = v + frac;
	return 0;
}

int
parse_bytesize(const char *s, uint64_t *bytes, int *unlimited)
{
	const char	*p, *open;
	size_t		 n;
	uint64_t	 v;

	if (s == NULL || bytes == NULL)
		return -1;
	p = s;
	n = strlen(s);
	trim_span(&p, &n);
	if (ci_eqs(p, n, "unlimited")) {
		*bytes = UINT64_MAX;
		if (unlimited != NULL)
			*unlimited = 1;
		return 0;
	}
	if ((open = memchr(p, '(', n)) != NULL) {
		/* The culture-formatted part before '(' is not trusted. */
		if (open == p || !is_digit((unsigned char)p[0]) ||
		    p[n - 1] != ')' || memchr(open + 1, '(', n - 1 -
		    (size_t)(open - p)) != NULL)
			return -1;
		if (bytesize_grouped(open + 1, n - 2 - (size_t)(open - p),
		    &v) == -1)
			return -1;
	} else if (n == 0 || bytesize_plain(p, n, &v) == -1)
		return -1;
	*bytes = v;
	if (unlimited != NULL)
		*unlimited = 0;
	return 0;
}

/* ---- Dates ------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t		era;
	unsigned	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* Read exactly n digits at *pp, not past end. */
static int
get_digits(const char **pp, const char *end, int n, unsigned *out)
{
	const char	*p = *pp;
	unsigned	 v = 0;
	int		 i;

	for (i = 0; i < n; i++) {
		if (p >= end || !is_digit((unsigned char)*p))
			return -1;
		v = v * 10 + (unsigned)(*p++ - '0');
	}
	*pp = p;
	*out = v;
	return 0;
}

/* "/Date(ms)/", "\/Date(ms)\/", "/Date(ms+0100)/": ms are always UTC. */
static int
parse_msdate(const char *s, size_t n, int64_t *epoch)
{
	const char	*p = s, *end = s + n, *start;
	uint64_t	 ms;
	unsigned	 off;
	int		 esc = 0, neg = 0;

	if (p < end && *p == '\\') {
		esc = 1;
		p++;
	}
	if ((size_t)(end - p) < 6 || memcmp(p, "/Date(", 6) != 0)
		return -1;
	p += 6;
	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	for (start = p; p < end && is_digit((unsigned char)*p); p++)
		;
	if (parse_uint_span(start, (size_t)(p - start), INT64_MAX, &ms) == -1)
		return -1;
	if (p < end && (*p == '+' || *p == '-')) {
		p++;
		if (get_digits(&p, end, 4, &off) == -1 || off / 100 > 23 ||
		    off % 100 > 59)
			return -1;
	}
	if (p >= end || *p++ != ')')
		return -1;
	if (esc && (p >= end || *p++ != '\\'))
		return -1;
	if (p >= end || *p++ != '/' || p != end)
		return -1;
	if (neg)
		*epoch = -(int64_t)(ms / 1000) - (ms % 1000 != 0);
	else
		*epoch = (int64_t)(ms / 1000);
	return 0;
}

static int
parse_iso(const char *s, size_t n, int64_t *epoch)
{
	static const unsigned mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	const char	*p = s, *end = s + n;
	unsigned	 y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0;
	int		 sign = 0, leap;
	int64_t		 t;

	if (get_digits(&p, end, 4, &y) == -1 || p >= end || *p++ != '-' ||
	    get_digits(&p, end, 2, &mo) == -1 || p >= end || *p++ != '-' ||
	    get_digits(&p, end, 2, &d) == -1)
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !leap))
		return -1;
	if (p < end) {
		if (*p != 'T' && *p != 't' && *p != ' ')
			return -1;
		p++;
		if (get_digits(&p, end, 2, &h) == -1 || p >= end ||
		    *p++ != ':' || get_digits(&p, end, 2, &mi) == -1)
			return -1;
		if (p < end && *p == ':') {
			p++;
			if (get_digits(&p, end, 2, &sec) == -1)
				return -1;
			if (p < end && (*p == '.' || *p == ',')) {
				if (++p >= end || !is_digit((unsigned char)*p))
					return -1;
				while (p < end && is_digit((unsigned char)*p))
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 59)
			return -1;
		if (p < end && (*p == 'Z' || *p == 'z'))
			p++;
		else if (p < end && (*p == '+' || *p == '-')) {
			sign = *p++ == '+' ? 1 : -1;
			if (get_digits(&p, end, 2, &oh) == -1)
				return -1;
			if (p < end && *p == ':')
				p++;
			if (p < end && get_digits(&p, end, 2, &om) == -1)
				return -1;
			if (oh > 23 || om > 59)
				return -1;
		}
		if (p != end)
			return -1;
	}
	t = days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 +
	    (int64_t)mi * 60 + sec;
	t -= sign * ((int64_t)oh * 3600 + (int64_t)om * 60);
	*epoch = t;
	return 0;
}

int
parse_date(const char *s, int64_t *epoch)
{
	const char	*p;
	size_t		 n;

	if (s == NULL || epoch == NULL)
		return -1;
	p = s;
	n = strlen(s);
	trim_span(&p, &n);
	if (n > 0 && (p[0] == '/' || p[0] == '\\'))
		return parse_msdate(p, n, epoch);
	return parse_iso(p, n, epoch);
}

void
format_date(int64_t epoch, char *out)
{
	int64_t		lo, hi, days, y;
	unsigned	m, d;

	/* Clamp to what four year digits can show. */
	lo = days_from_civil(0, 1, 1) * 86400;
	hi = days_from_civil(9999, 12, 31) * 86400 + 86399;
	if (epoch < lo)
		epoch = lo;
	if (epoch > hi)
		epoch = hi;
	days = epoch >= 0 ? epoch / 86400 : -((-epoch + 86399) / 86400);
	civil_from_days(days, &y, &m, &d);
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* ---- Enumerations ----------------------------------------------------- */

static const struct enumdef *
enum_find(const struct enumdef *table, const char *s, size_t n)
{
	const struct enumdef	*e;

	trim_span(&s, &n);
	if (n == 0)
		return NULL;
	for (e = table; e->name != NULL; e++) {
		if (ci_eqs(s, n, e->name))
			return e;
	}
	return NULL;
}

int
parse_enum(const char *s, const struct enumdef *table, int flags,
    int64_t *out)
{
	const struct enumdef	*e;
	const char		*p, *comma;
	size_t			 n, len;
	uint64_t		 u, acc;
	int64_t			 v;
	int			 neg = 0, zero = 0;

	if (s == NULL || table == NULL || out == NULL)
		return -1;
	p = s;
	n = strlen(s);
	trim_span(&p, &n);
	if (n == 0)
		return -1;

	if (is_digit((unsigned char)p[0]) || (!flags && p[0] == '-')) {
		if (p[0] == '-') {
			neg = 1;
			p++;
			n--;
		}
		if (parse_uint_span(p, n, INT64_MAX, &u) == -1)
			return -1;
		v = neg ? -(int64_t)u : (int64_t)u;
		if (!flags) {
			for (e = table; e->name != NULL; e++) {
				if (e->value == v) {
					*out = v;
					return 0;
				}
			}
			return -1;
		}
		/* A flags number must be made of the table's values. */
		acc = 0;
		for (e = table; e->name != NULL; e++) {
			if (e->value == 0)
				zero = 1;
			else if (((uint64_t)e->value & ~u) == 0)
				acc |= (uint64_t)e->value;
		}
		if (acc != u || (u == 0 && !zero))
			return -1;
		*out = v;
		return 0;
	}

	if (!flags) {
		if ((e = enum_find(table, p, n)) == NULL)
			return -1;
		*out = e->value;
		return 0;
	}
	acc = 0;
	for (;;) {
		comma = memchr(p, ',', n);
		len = comma != NULL ? (size_t)(comma - p) : n;
		if ((e = enum_find(table, p, len)) == NULL)
			return -1;
		acc |= (uint64_t)e->value;
		if (comma == NULL)
			break;
		p = comma + 1;
		n -= len + 1;
	}
	*out = (int64_t)acc;
	return 0;
}

const char *
enum_name(const struct enumdef *table, int64_t v)
{
	const struct enumdef	*e;

	if (table == NULL)
		return NULL;
	for (e = table; e->name != NULL; e++) {
		if (e->value == v)
			return e->name;
	}
	return NULL;
}

char *
enum_flags_text(struct arena *a, const struct enumdef *table, int64_t v)
{
	const struct enumdef	*e;
	struct buf		 b = { 0 };
	char			*s;

	for (e = table; e->name != NULL; e++)
		if (e->value != 0 && (v & e->value) == e->value)
			buf_printf(&b, "%s%s", b.p != NULL ? "," : "", e->name);
	s = arena_strdup(a, b.p != NULL ? b.p : "None");
	buf_free(&b);
	return s;
}

int
dn_is_exo_endpoint(const char *name)
{
	static const char *sfx[] = {
		".mail.protection.outlook.com", ".mail.onmicrosoft.com",
		".protection.outlook.com", NULL
	};
	size_t	i, l = strlen(name), sl;

	for (i = 0; sfx[i] != NULL; i++) {
		sl = strlen(sfx[i]);
		if (l > sl && strcasecmp(name + l - sl, sfx[i]) == 0)
			return 1;
	}
	return 0;
}

/* ---- Truncation ------------------------------------------------------- */

/*
 * A CLR type name: "System.X.Y", "Microsoft.A.B.C" (three or more
 * identifier segments), or "System.Object[]" and generic forms such as
 * "Microsoft.X.Y`1[[...]]" (two or more segments and a type suffix).
 */
static int
is_clr_type(const char *s, size_t n)
{
	size_t	i, seglen = 0, segs = 1;

	if (n > 13 && memcmp(s, "Deserialized.", 13) == 0) {
		s += 13;
		n -= 13;
	}
	if (!(n > 7 && memcmp(s, "System.", 7) == 0) &&
	    !(n > 10 && memcmp(s, "Microsoft.", 10) == 0))
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.' || s[i] == '+') {
			if (seglen == 0)
				return 0;
			segs++;
			seglen = 0;
		} else if (s[i] == '_' || is_digit((unsigned char)s[i]) ||
		    (lc((unsigned char)s[i]) >= 'a' &&
		    lc((unsigned char)s[i]) <= 'z')) {
			/* .NET names are PascalCase; domain labels rarely. */
			if (seglen == 0 && s[i] != '_' &&
			    !(s[i] >= 'A' && s[i] <= 'Z'))
				return 0;
			seglen++;
		} else
			break;
	}
	if (seglen == 0)
		return 0;
	if (i == n)
		return segs >= 3;
	/* A type suffix: array brackets or a generic arity. */
	if (s[i] == '[')
		return s[n - 1] == ']' && memchr(s, '@', n) == NULL;
	if (s[i] == '`')
		return i + 1 < n && is_digit((unsigned char)s[i + 1]) &&
		    memchr(s, '@', n) == NULL;
	return 0;
}

int
value_is_truncated(const char *s)
{
	const char	*p, *comma;
	size_t		 n;

	if (s == NULL)
		return 0;
	p = s;
	n = strlen(s);
	trim_span(&p, &n);
	if (n == 0)
		return 0;
	/* A PSCustomObject or hashtable rendered by PowerShell. */
	if (n >= 3 && p[0] == '@' && p[1] == '{' && p[n - 1] == '}')
		return n == 3 || memchr(p, '=', n) != NULL;
	if (is_clr_type(p, n))
		return 1;
	/* A KeyValuePair at depth 0: "[Cache-Control, System.String[]]". */
	if (n > 4 && p[0] == '[' && p[n - 1] == ']' &&
	    (comma = memchr(p, ',', n)) != NULL) {
		n -= (size_t)(comma + 1 - p) + 1;
		p = comma + 1;
		trim_span(&p, &n);
		return is_clr_type(p, n);
	}
	return 0;
}

int
valid_security_severity(const char *s)
{
	size_t	n = strlen(s);

	if (n == 4)
		return strcmp(s, "10.0") == 0;
	return n == 3 && is_digit((unsigned char)s[0]) && s[1] == '.' &&
	    is_digit((unsigned char)s[2]);
}

int
valid_doc_url(const char *s)
{
	const char	*p;

	if (strncmp(s, "https://", 8) == 0)
		p = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		p = s + 7;
	else
		return 0;
	if (*p == '\0' || *p == '/' || strlen(s) > 2048)
		return 0;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    strchr("\"'<>\\`^|", *p) != NULL)
			return 0;
	return 1;
}
