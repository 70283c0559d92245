/*
 * packfn.h: what the topology graph and the simulator know, as values a
 * rule pack can test.  A pack names them like properties, with an "@":
 * "@organization", "@hybrid", "@presented_certificates" ...; each applies
 * to the kinds it lists and has a type (props.h).  They answer from the
 * graph and the flows, never by re-deriving them.
 */
#ifndef HL_PACKFN_H
#define HL_PACKFN_H

#include <stddef.h>
#include <stdint.h>

#include "lint.h"
#include "props.h"

struct strmap;

/* What the functions read, and what they build once per rule run. */
struct packfn_ctx {
	const struct model	*m;
	const struct topo	*t;
	const struct sim	*s;
	int64_t			 asof;
	struct arena		*a;		/* values (scratch) */
	struct strmap		*presented;	/* certificate -> flows */
	struct strmap		*flows_of;	/* send connector -> flows */
	signed char		*hybrid;	/* by org index; -1 not yet */
};

struct packfn {
	const char	*name;		/* "@organization" */
	enum ptype	 type;
	unsigned	 kinds;		/* 1u << kind; 0: every kind */
	void		(*get)(struct packfn_ctx *, const struct obj *,
			    struct pval *);
	const char	*doc;		/* one line */
	const char	*from;		/* the properties it is derived from,
					   or NULL */
};

/* Every function, ended by a NULL name. */
extern const struct packfn packfn_table[];

/* A function by name (with its "@", case-insensitive), or NULL. */
const struct packfn *packfn_find(const char *name);
/* Does it apply to objects of kind k? */
int	 packfn_applies(const struct packfn *, enum kind);
/* Its value on o, into v. */
void	 packfn_value(const struct packfn *, struct packfn_ctx *,
	    const struct obj *, struct pval *);
void	 packfn_ctx_init(struct packfn_ctx *, const struct rule_ctx *,
	    struct arena *scratch);
void	 packfn_ctx_release(struct packfn_ctx *);

#endif
