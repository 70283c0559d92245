/*
 * values.h: parsers for the value syntaxes that Exchange exports use.
 *
 * Every parser is pure: it reads a NUL-terminated string, fills a
 * caller-provided struct, and returns 0 on success or -1 when the text is
 * not of the syntax (the caller then reports it with a location).  Strings
 * in results point into the arena passed in, never into the input.
 */
#ifndef HL_VALUES_H
#define HL_VALUES_H

#include <stddef.h>
#include <stdint.h>
#include <stdint.h>

struct arena;

/* ---- Domain names and wildcards ------------------------------------ */

/*
 * A host or domain name: labels of [A-Za-z0-9-_], 1-63 octets, total at
 * most 253, no empty label (one trailing dot allowed and ignored).  With
 * 'allow_wildcard', a leading "*." label (or "*" alone) is allowed; a '*'
 * anywhere else is never valid ("domain.*.contoso.com" is invalid).
 */
int	dn_valid(const char *name, int allow_wildcard);

/*
 * A GUID's 16 bytes, in the order its text writes them, from
 * "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" or the same in braces, any
 * case.  -1 when the text is not one.
 */
int	guid_parse(const char *, unsigned char out[16]);

/*
 * A 64-bit hash of a string, ASCII letters folded to lower case (as
 * strcasecmp compares), never 0.  Two different strings share a hash
 * with a probability of about 2^-64.
 */
uint64_t ci_hash64(const char *);

/* Lower-case copy without a trailing dot. */
char	*dn_normalize(struct arena *, const char *name);

/*
 * How a name pattern matches a host name, case-insensitively:
 *   "mail.contoso.com" vs "mail.contoso.com"    DN_EXACT
 *   "*.contoso.com"    vs "mx01.contoso.com"    DN_WILDCARD (label boundary)
 *   "*.contoso.com"    vs "a.b.contoso.com"     DN_WILDCARD (any depth)
 *   "*.contoso.com"    vs "contoso.com"         DN_APEX (modelled: the
 *      docs say "a domain and all subdomains"; whether the apex matches is
 *      not documented, so the conservative model says it does)
 *   "*"                vs anything              DN_WILDCARD
 *   "*.contoso.com"    vs "badcontoso.com"      DN_NONE
 * A wildcard on the host side (a certificate name "*.contoso.com") matches
 * a pattern exactly only as a literal string; see dn_match_cert().
 */
enum dn_match {
	DN_NONE = 0,
	DN_EXACT,
	DN_WILDCARD,
	DN_APEX
};

enum dn_match	dn_match(const char *pattern, const char *host);

/*
 * Certificate name matching, as a TLS client matches a server name:
 * certificate name "*.contoso.com" covers "mail.contoso.com" (exactly one
 * label) but not "contoso.com" nor "a.b.contoso.com".  Returns DN_EXACT,
 * DN_WILDCARD or DN_NONE.
 */
enum dn_match	dn_match_cert(const char *certname, const char *host);

/* True when 'domain' equals 'parent' or is below it (label boundary). */
int	dn_is_subdomain(const char *domain, const char *parent);
/* Is this a name of Exchange Online's inbound SMTP endpoint? */
int	dn_is_exo_endpoint(const char *name);

/* ---- Certificate identities ----------------------------------------- */

/*
 * SmtpX509Identifier, the on-premises TlsCertificateName:
 * "<I>issuer<S>subject".  Issuers contain ", " so the text is split on
 * the "<S>" marker.  "<I>...": both parts required.  A value without the
 * markers (a bare subject) is accepted with issuer NULL.
 */
struct x509id {
	const char	*issuer;	/* may be NULL */
	const char	*subject;
};

int	parse_x509id(struct arena *, const char *, struct x509id *);

/*
 * Distinguished names as Exchange prints them ("CN=mail.contoso.com,
 * O=Contoso, C=US"): the CN value, or NULL.  Handles quoted values and
 * escaped commas.
 */
const char *dn_get_cn(struct arena *, const char *dn);

/*
 * Compare two X.500 names as Exchange does for TlsCertificateName:
 * attribute by attribute, case-insensitive, ignoring spaces after
 * separators.  Returns 1 when equal.
 */
int	x500_equal(const char *a, const char *b);

/* ---- Address spaces and smart hosts --------------------------------- */

/*
 * Send connector AddressSpace "SMTP:*;1", "smtp:contoso.com;10",
 * "contoso.com" (type defaults to SMTP, cost to 1).  EXO SenderDomains
 * use the same "smtp:domain;cost" form.  Domain may be "*", "*.d" or "d";
 * "*contoso.com" is invalid.  'type' is upper-cased.
 */
struct addrspace {
	const char	*type;		/* "SMTP", "X400", ... */
	const char	*domain;	/* lower-case */
	int		 cost;		/* 1-100 */
};

int	parse_addrspace(struct arena *, const char *, struct addrspace *);

/*
 * How specifically an address space matches a recipient domain: -1 for
 * no match, else the number of matched labels (so "*" is 0, "*.com" is 1,
 * "contoso.com" is 2 and wins).  An exact domain beats a wildcard of the
 * same depth: exact scores are doubled plus one, wildcard ones doubled.
 */
int	addrspace_match(const struct addrspace *, const char *domain);

/* ---- IP addresses --------------------------------------------------- */

struct ipaddr {
	int		family;		/* 4 or 6 */
	uint8_t		a[16];		/* IPv4 in the first 4 bytes */
};

enum iprange_fmt {
	IPR_SINGLE,
	IPR_CIDR,
	IPR_LOHI
};

struct iprange {
	struct ipaddr	 lo;
	struct ipaddr	 hi;
	enum iprange_fmt fmt;
	int		 prefix;	/* CIDR prefix length, else -1 */
};

/* "192.0.2.1", "2001:db8::1", "[2001:db8::1]". */
int	parse_ipaddr(const char *, struct ipaddr *);
/* "192.0.2.1", "192.0.2.0/24", "192.0.2.1-192.0.2.9", IPv6 alike. */
int	parse_iprange(const char *, struct iprange *);
/* -1, 0, 1; IPv4 sorts before IPv6. */
int	ipaddr_cmp(const struct ipaddr *, const struct ipaddr *);
/*
 * Sort v by start and merge the ranges that overlap, in place; the
 * number of disjoint ranges left.  Each keeps the first one's format.
 */
size_t	iprange_union(struct iprange *v, size_t n);
int	iprange_contains(const struct iprange *, const struct ipaddr *);
int	iprange_overlaps(const struct iprange *, const struct iprange *);
/* Number of addresses as a power of two (32 for 0.0.0.0/0), for "too broad". */
int	iprange_bits(const struct iprange *);
/* RFC 1918, loopback, link-local, ULA. */
int	ipaddr_is_private(const struct ipaddr *);
char	*ipaddr_format(struct arena *, const struct ipaddr *);

/*
 * SmartHost: a host name, an IP address, or "[IP]".  'host' is the
 * lower-case name or the address text.
 */
struct smarthost {
	const char	*host;
	int		 is_ip;
	struct ipaddr	 ip;
};

int	parse_smarthost(struct arena *, const char *, struct smarthost *);

/* ---- Sizes, times ---------------------------------------------------- */

/*
 * ByteQuantifiedSize text: "35 MB (36,700,160 bytes)" (the digits in
 * parentheses win, any thousands separator), "36700160", "10MB", "1.5 GB",
 * "Unlimited" (sets *unlimited).
 */
int	parse_bytesize(const char *, uint64_t *bytes, int *unlimited);

/*
 * Dates as exports write them, to seconds since the Unix epoch (UTC):
 * ISO 8601 with optional fraction and Z/offset (no suffix is taken as
 * UTC), "/Date(1772500523000)/" and "\/Date(...)\/", "/Date(ms+0100)/",
 * and "YYYY-MM-DD".
 */
int	parse_date(const char *, int64_t *epoch);
/*
 * Is s an http or https URL fit to put in SARIF and Markdown: a host,
 * then no space, control, quote, backslash or angle bracket?
 */
int	valid_doc_url(const char *s);
/* A SARIF security-severity: "0.0" to "10.0", one decimal; 1 if so. */
int	valid_security_severity(const char *s);
/* "YYYY-MM-DD" of an epoch, into a caller buffer of >= 11 bytes. */
void	format_date(int64_t epoch, char *out);

/* ---- Enumerations ---------------------------------------------------- */

struct enumdef {
	const char	*name;
	int64_t		 value;
};

/*
 * An enum by name (case-insensitive) or by decimal number; with
 * 'flags', a comma-separated list of names or a number that is any OR
 * of the table's values.  Returns -1 for an unknown name or number.
 */
int	parse_enum(const char *, const struct enumdef *, int flags,
	    int64_t *out);
/* The name of a value, or NULL. */
const char *enum_name(const struct enumdef *, int64_t);
/* The names of the flags set in v, comma-separated, in table order. */
char	*enum_flags_text(struct arena *, const struct enumdef *, int64_t);

/* ---- Truncation ------------------------------------------------------ */

/*
 * True when a string is what ConvertTo-Json or Export-Clixml leaves in
 * place of a value past the depth limit: "System.Collections.Hashtable",
 * "System.Object[]", "System.String[]", a CLR type name such as
 * "Microsoft.Exchange.Data.MultiValuedProperty`1[[...]]", or a
 * PSCustomObject rendering "@{a=1; b=2}".
 */
int	value_is_truncated(const char *);

#endif
