/*
 * props.h: the properties of each object kind, by the names the exports
 * give them, for rules that are data (rule packs).
 *
 * One table per kind, declared beside the model: a row for each property
 * the model reads (its name as the cmdlet prints it), its type, and how
 * its value is read from the record.  Names are looked up
 * case-insensitively, as PowerShell does.  Nothing here is derived from
 * other records: what the topology graph and the simulator know is asked
 * through pack functions (packfn.h).
 *
 * A value is "unknown" when the export did not carry it (absent or
 * truncated), as the model keeps it; a property the export carried as
 * null or empty is known and empty.
 */
#ifndef HL_PROPS_H
#define HL_PROPS_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum ptype {
	PT_STRING,	/* text; compared case-insensitively */
	PT_BOOL,
	PT_NUMBER,
	PT_DATE,	/* seconds since the epoch */
	PT_ENUM,	/* one name of an enumeration */
	PT_LIST,	/* strings */
	PT_FLAGS,	/* the names of the flags set (a list) */
	PT_IPRANGES,	/* addresses and ranges */
	PT_DN,		/* an X.500 name: compared attribute by attribute */
	PT_X509ID,	/* <I>issuer<S>subject */
	PT_CERTS	/* certificates (pack functions only) */
};

/* A value read from a record (or computed by a pack function). */
struct pval {
	enum ptype		  type;
	int			  known;	/* 0: the export did not say */
	const char		 *s;		/* STRING, ENUM, DN; X509ID's
						   subject; NULL: null */
	const char		 *s2;		/* X509ID's issuer, or NULL */
	int64_t			  i;		/* BOOL 0/1, NUMBER, DATE */
	const char *const	 *v;		/* LIST, FLAGS */
	const struct iprange	 *r;		/* IPRANGES */
	const struct certificate *const *certs;	/* CERTS */
	size_t			  n;		/* of v, r or certs */
};

struct propdef;
struct arena;

typedef void (*prop_get_fn)(const struct obj *, const struct propdef *,
    struct arena *, struct pval *);

struct propdef {
	const char		*name;		/* "TlsSenderCertificateName" */
	enum ptype		 type;
	prop_get_fn		 get;
	size_t			 off;		/* of the field in the record */
	const struct enumdef	*values;	/* ENUM, FLAGS: the names */
};

/* The kind named 'name' as kinds.def names it (case-insensitive). */
int		 kind_parse(const char *name, enum kind *);
/* A kind's properties and their number. */
const struct propdef *props_of(enum kind, size_t *n);
/* One property of a kind by name (case-insensitive), or NULL. */
const struct propdef *prop_find(enum kind, const char *name);
/* Its value on record o (of the property's kind); lists in 'a'. */
void		 prop_value(const struct propdef *, const struct obj *,
		    struct arena *a, struct pval *);
/* "string", "boolean", ... */
const char	*ptype_name(enum ptype);

#endif
