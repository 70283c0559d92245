/*
 * report_impl.h: what the parts of the report share: the document being
 * written, the run, the options, and which organizations it covers.
 * Each report_*.c writes some sections; report.c puts them in order.
 */
#ifndef HL_REPORT_IMPL_H
#define HL_REPORT_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "htmlout.h"
#include "report.h"
#include "xalloc.h"

/* Above this many organizations, tables group rows that say the same. */
#define REPORT_SCALE_ORGS	25
/* Above this many files, the inputs are listed per organization. */
#define REPORT_LIST_FILES	200

struct rctx {
	struct buf		  b;		/* the document */
	struct arena		 *a;
	const struct report_run	 *r;
	const struct report_opts *o;
	const struct model	 *m;
	const struct topo	 *t;
	const struct sim	 *s;
	int64_t			  asof;
	int			  scale;	/* group rows (MSP scale) */
	size_t			  nshown;	/* organizations covered */
	size_t			  ncopy;	/* copy targets so far */
	struct diags		 *d;
};

int	rc_org_shown(const struct rctx *, const struct org *);
/* A finding of an organization covered (or of none). */
int	rc_finding_shown(const struct rctx *, const struct finding *);
/* A flow from or into an organization covered. */
int	rc_flow_shown(const struct rctx *, const struct flow *);
/* "new", "persisting" or "waived". */
const char *rc_status(const struct finding *);
/* A <pre> with an id and a copy button (shown by the script). */
void	rc_copyable(struct rctx *, const char *text);
/* An organization list "a, b, c" (all of them; escaped). */
void	rc_names(struct rctx *, const char *const *v, size_t n);
struct strmap;

/* A ", "-separated list of distinct words. */
struct rlist {
	struct buf	 b;
	size_t		 n;		/* words */
	struct strmap	*seen;		/* once it is long */
};
/* Add word w to list l unless it is there. */
void	rc_list_once(struct rlist *l, const char *w);
/* The list (escaped); at scale its first 'max' words and how many more. */
void	rc_capped(struct rctx *, const struct rlist *l, size_t max);
void	rc_list_free(struct rlist *);

void	report_topology(struct rctx *);		/* diagram */
void	report_flows(struct rctx *);		/* attribution, shared */
void	report_objects(struct rctx *);		/* certificates, connectors */
void	report_findings(struct rctx *);		/* findings, rules */
void	report_compare(struct rctx *);		/* before and after */

#endif
