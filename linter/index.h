/*
 * index.h: lookup structures for matching at MSP scale.
 *
 * Three questions are asked many times while the topology is built and
 * mail is simulated; each is answered by an index instead of a scan over
 * every pair:
 *
 *  - names:   which patterns ("mail.contoso.com", "*.contoso.com") match
 *             a host name?  Exact patterns are keyed by the name;
 *             wildcards by the domain after "*.", and a host name is
 *             looked up under itself (exact, and the apex of a wildcard)
 *             and under each of its parent domains (wildcard).
 *  - domains: which registered domains (accepted domains) contain a
 *             domain, most specific first?  Keyed by domain; a query
 *             walks the name's suffixes from the longest.
 *  - ips:     which ranges contain an address, or overlap a range?  An
 *             interval tree over the ranges sorted by start, each
 *             subtree knowing its largest end: O(log n + answers).
 *
 * Values are opaque pointers owned by the caller.
 */
#ifndef HL_INDEX_H
#define HL_INDEX_H

#include <stddef.h>

#include "strmap.h"
#include "values.h"

/* Patterns against host names. */
struct nameidx {
	struct strmap	*exact;
	struct strmap	*wild;		/* "*.d" under "d"; "*" under "*" */
};

struct namehit {
	void		*v;
	enum dn_match	 how;
};

void	nameidx_init(struct nameidx *);
void	nameidx_free(struct nameidx *);
/* 'pattern' must be lower-case (dn_normalize). */
void	nameidx_add(struct nameidx *, const char *pattern, void *v);
/*
 * Every value whose pattern matches 'host' (lower-case), with how, in a
 * malloc'd array the caller frees; *n its length.  Exact matches come
 * first, then wildcards from the most specific.
 */
struct namehit	*nameidx_match(const struct nameidx *, const char *host,
		    size_t *n);

/* Domains: the most specific registered domain containing a name. */
struct domidx {
	struct strmap	*map;		/* "contoso.com" and "*.contoso.com" */
};

void	domidx_init(struct domidx *);
void	domidx_free(struct domidx *);
/*
 * 'domain' lower-case, "d" or "*.d"; 'subdomains' says "d" also covers
 * names below it (MatchSubDomains, or a wildcard).  The index keeps
 * 'domain' itself, not a copy: it must outlive the index (a record's).
 */
void	domidx_add(struct domidx *, const char *domain, int subdomains, void *v);
/*
 * Values registered for the most specific domain containing 'name';
 * *labels is the number of labels of that domain (0 none found).
 */
void *const *domidx_lookup(const struct domidx *, const char *name,
		    size_t *n, int *labels);

/*
 * Every value registered for a domain containing 'name', from the most
 * specific: fn is called for each such key (exact, then "*.parent" up to
 * the top) with its values and its number of labels, until it returns
 * non-zero; that value is returned (0: fn never did).
 */
int	domidx_walk(const struct domidx *, const char *name,
	    int (*fn)(void *const *v, size_t n, int labels, void *arg),
	    void *arg);

/* IP ranges, in an interval tree built at the first query. */
struct ipent {
	struct iprange	 r;
	void		*v;
};

struct ipidx {
	struct ipent	*v;		/* sorted by start once built */
	size_t		 n;
	size_t		 cap;
	struct ipaddr	*maxhi;		/* largest end of each subtree */
	int		 built;
};

void	ipidx_init(struct ipidx *);
void	ipidx_free(struct ipidx *);
void	ipidx_add(struct ipidx *, const struct iprange *, void *v);
/*
 * The values whose range contains 'ip', and the entries whose range
 * overlaps 'r', in start order, in malloc'd NULL-terminated arrays; *n
 * their length.  O(log n + answers).
 */
void	**ipidx_match(const struct ipidx *, const struct ipaddr *, size_t *n);
const struct ipent **ipidx_overlap(const struct ipidx *,
	    const struct iprange *, size_t *n);

#endif
