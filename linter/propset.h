/*
 * propset.h: the properties a change sets, as data.
 *
 * props.h reads every property the model holds (rule packs, diff); this
 * table holds those the change cmdlets write (change.h): one row per
 * property with its parameter name, where the record keeps it and in what
 * shape, which cmdlets take it (Set-, New-) and on which side, what New-
 * gives it when not told, and how its values are checked, with the value
 * parsers the loaders use (values.h).  It also renders the values it
 * writes, in full (an address space with its type and cost), for the
 * changes whatif and diff show.
 *
 * A value as text (pset_text) is NULL when it is unknown (the export
 * lacked it or truncated it, and the record has no value), "" when it is
 * known to be empty ($null, an empty list), else its canonical text:
 * names lower-case as the record keeps them, list items in record order
 * joined by ", ".
 */
#ifndef HL_PROPSET_H
#define HL_PROPSET_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Where and how a record keeps the value. */
enum pstype {
	PS_STR,		/* const char *, NULL: none */
	PS_NAME,	/* const char *, a host or domain name, lower-case */
	PS_BOOL,	/* tbool */
	PS_ENUM,	/* int64_t, -1: none (enums) */
	PS_FLAGS,	/* int64_t flags, -1: unknown (enums) */
	PS_CTYPE,	/* enum connector_type */
	PS_INT,		/* int64_t, -1: unknown */
	PS_LIST,	/* struct strlist */
	PS_ADDRSPACES,	/* struct addrspace * at off, n at off_n, known */
	PS_IPRANGES,	/* struct iprange * at off, n at off_n, text */
	PS_SMARTHOSTS,	/* struct smarthost * at off, n at off_n */
	PS_X509ID	/* struct x509id at off, int has at off_known */
};

/* struct psetdef.flags */
#define P_SET		0x0001	/* a parameter of Set- */
#define P_NEW		0x0002	/* a parameter of New- */
#define P_ONPREM	0x0004	/* the parameter exists on premises only */
#define P_EXO		0x0008	/* ... in Exchange Online only */
#define P_WILD		0x0010	/* names: "*.contoso.com" and "*" allowed */
#define P_DOMAINS	0x0020	/* list items are domain names */
#define P_IPV4_24	0x0040	/* IPv4 address or CIDR /24-/32 only */
#define P_IPS		0x0080	/* list items are IP addresses or ranges */
#define P_ADDRESS	0x0100	/* an SMTP address local@domain */
#define P_SERVERS	0x0200	/* list items are server names */
#define P_ENUMTEXT	0x0400	/* PS_STR holding one of 'enums' by name */
#define P_ENUMLIST	0x0800	/* PS_LIST of names of 'enums' */
#define P_TLSCAPS	0x1000	/* "domain:Capability,..." items */
#define P_BINDINGS	0x2000	/* "address:port" items */
#define P_PORT		0x4000	/* PS_INT 0-65535 */
#define P_REQUIRED	0x8000	/* New- requires it */
#define P_HOSTS		0x10000	/* list items are hosts or addresses */
#define P_AUTOD		0x20000	/* domains may be "autod:domain" */

struct psetdef {
	enum kind		 kind;
	const char		*name;		/* as exports name it */
	const char		*param;		/* the cmdlet's, NULL: name */
	enum pstype		 type;
	size_t			 off;
	size_t			 off_n;		/* array lengths */
	size_t			 off_known;	/* int: list known, has x509 */
	size_t			 off_text;	/* PS_IPRANGES: its strlist */
	const struct enumdef	*enums;
	unsigned		 flags;
	int64_t			 def;		/* New- default: tbool, enum */
};

/* The properties of kind k, *n of them. */
const struct psetdef	*psets_of(enum kind k, size_t *n);
/* A property by export name or parameter name (case-insensitive). */
const struct psetdef	*pset_find(enum kind k, const char *name);
/* Its parameter name. */
const char		*pset_param(const struct psetdef *);

/* The value as text (see above), in 'a'. */
const char	*pset_text(struct arena *a, const struct obj *,
		    const struct psetdef *);
/*
 * A list property's items as canonical text (NULL when unknown); *n
 * their number.  Scalars give one item, or none when empty.
 */
const char	**pset_items(struct arena *a, const struct obj *,
		    const struct psetdef *, size_t *n);

/*
 * One value for the property checked and put in canonical form as
 * Exchange would store it: 0 and *out, or -1 with the reason in 'err'.
 * Booleans are not values here (prop_set_bool).
 */
int		 pset_canon(struct arena *a, const struct psetdef *,
		    const char *text, const char **out, char *err,
		    size_t errlen);
/*
 * Set the property from canonical items (prop_canon): a scalar takes
 * items[0] or none (n 0), a list all of them.  Replaces what the record
 * had (never writing into shared arrays: records of a forked model share
 * them) and marks the property as known.
 */
void		 pset_set_items(struct arena *a, struct obj *,
		    const struct psetdef *, const char *const *items,
		    size_t n);
void		 pset_set_bool(struct arena *a, struct obj *,
		    const struct psetdef *, int value);
/* Mark a property known (exported whole) on a record, copy on write. */
void		 pset_mark_known(struct arena *a, struct obj *,
		    const char *name);
/* Give a new record every property, empty or at its New- default. */
void		 pset_defaults(struct arena *a, struct obj *, unsigned line);

#endif
