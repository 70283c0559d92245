/*
 * index.c: the name, domain and IP indexes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "xalloc.h"

/* Names. */

void
nameidx_init(struct nameidx *x)
{
	x->exact = strmap_new();
	x->wild = strmap_new();
}

void
nameidx_free(struct nameidx *x)
{
	strmap_free(x->exact);
	strmap_free(x->wild);
}

void
nameidx_add(struct nameidx *x, const char *pattern, void *v)
{
	if (strcmp(pattern, "*") == 0)
		strmap_add(x->wild, "*", v);
	else if (strncmp(pattern, "*.", 2) == 0)
		strmap_add(x->wild, pattern + 2, v);
	else
		strmap_add(x->exact, pattern, v);
}

static void
hits_add(struct namehit **h, size_t *n, size_t *cap, void *const *v,
    size_t nv, enum dn_match how)
{
	size_t	i;

	for (i = 0; i < nv; i++) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*h = xreallocarray(*h, *cap, sizeof(**h));
		}
		(*h)[*n].v = v[i];
		(*h)[*n].how = how;
		(*n)++;
	}
}

struct namehit *
nameidx_match(const struct nameidx *x, const char *host, size_t *n)
{
	struct namehit	*h = NULL;
	size_t		 cap = 0, nv;
	void *const	*v;
	const char	*p;

	*n = 0;
	if ((v = strmap_get(x->exact, host, &nv)) != NULL)
		hits_add(&h, n, &cap, v, nv, DN_EXACT);
	/* "*.host" covers host itself: the modelled apex match. */
	if ((v = strmap_get(x->wild, host, &nv)) != NULL)
		hits_add(&h, n, &cap, v, nv, DN_APEX);
	for (p = strchr(host, '.'); p != NULL; p = strchr(p + 1, '.'))
		if ((v = strmap_get(x->wild, p + 1, &nv)) != NULL)
			hits_add(&h, n, &cap, v, nv, DN_WILDCARD);
	if ((v = strmap_get(x->wild, "*", &nv)) != NULL)
		hits_add(&h, n, &cap, v, nv, DN_WILDCARD);
	return h;
}

/* Domains. */

void
domidx_init(struct domidx *x)
{
	x->map = strmap_new();
}

void
domidx_free(struct domidx *x)
{
	strmap_free(x->map);
}

void
domidx_add(struct domidx *x, const char *domain, int subdomains, void *v)
{
	char	*k;

	if (strncmp(domain, "*.", 2) == 0) {
		/* "*.d" covers names below d, not d itself. */
		k = xasprintf("*.%s", domain + 2);
		strmap_add(x->map, k, v);
		free(k);
		return;
	}
	strmap_add_ref(x->map, domain, v);
	if (subdomains) {
		k = xasprintf("*.%s", domain);
		strmap_add(x->map, k, v);
		free(k);
	}
}

static int
count_labels(const char *s)
{
	int	n = 1;

	for (; *s; s++)
		if (*s == '.')
			n++;
	return n;
}

void *const *
domidx_lookup(const struct domidx *x, const char *name, size_t *n, int *labels)
{
	void *const	*v;
	const char	*p;
	char		 key[300];

	*labels = 0;
	if ((v = strmap_get(x->map, name, n)) != NULL) {
		*labels = count_labels(name);
		return v;
	}
	for (p = strchr(name, '.'); p != NULL; p = strchr(p + 1, '.')) {
		if (snprintf(key, sizeof(key), "*.%s", p + 1) >=
		    (int)sizeof(key))
			continue;
		if ((v = strmap_get(x->map, key, n)) != NULL) {
			*labels = count_labels(p + 1);
			return v;
		}
	}
	*n = 0;
	return NULL;
}

int
domidx_walk(const struct domidx *x, const char *name,
    int (*fn)(void *const *v, size_t n, int labels, void *arg), void *arg)
{
	void *const	*v;
	const char	*p;
	char		 key[300];
	size_t		 n;
	int		 r;

	if ((v = strmap_get(x->map, name, &n)) != NULL &&
	    (r = fn(v, n, count_labels(name), arg)) != 0)
		return r;
	for (p = strchr(name, '.'); p != NULL; p = strchr(p + 1, '.')) {
		if (snprintf(key, sizeof(key), "*.%s", p + 1) >=
		    (int)sizeof(key))
			continue;
		if ((v = strmap_get(x->map, key, &n)) != NULL &&
		    (r = fn(v, n, count_labels(p + 1), arg)) != 0)
			return r;
	}
	return 0;
}

/* IP ranges: an interval tree over the ranges sorted by their start. */

void
ipidx_init(struct ipidx *x)
{
	memset(x, 0, sizeof(*x));
}

void
ipidx_free(struct ipidx *x)
{
	free(x->v);
	free(x->maxhi);
	memset(x, 0, sizeof(*x));
}

void
ipidx_add(struct ipidx *x, const struct iprange *r, void *v)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 16;
		x->v = xreallocarray(x->v, x->cap, sizeof(*x->v));
	}
	x->v[x->n].r = *r;
	x->v[x->n].v = v;
	x->n++;
	x->built = 0;
}

static int
cmp_ent(const void *pa, const void *pb)
{
	const struct ipent	*a = pa, *b = pb;
	int			 c;

	if ((c = ipaddr_cmp(&a->r.lo, &b->r.lo)) != 0)
		return c;
	return ipaddr_cmp(&a->r.hi, &b->r.hi);
}

/* The largest end in v[lo..hi), the implicit tree's node at its middle. */
static const struct ipaddr *
build(struct ipidx *x, size_t lo, size_t hi)
{
	const struct ipaddr	*m, *l, *r;
	size_t			 mid;

	if (lo >= hi)
		return NULL;
	mid = lo + (hi - lo) / 2;
	m = &x->v[mid].r.hi;
	l = build(x, lo, mid);
	r = build(x, mid + 1, hi);
	if (l != NULL && ipaddr_cmp(l, m) > 0)
		m = l;
	if (r != NULL && ipaddr_cmp(r, m) > 0)
		m = r;
	x->maxhi[mid] = *m;
	return &x->maxhi[mid];
}

static void
ensure_built(const struct ipidx *cx)
{
	struct ipidx	*x = (struct ipidx *)cx;

	if (x->built)
		return;
	if (x->n > 1)
		qsort(x->v, x->n, sizeof(*x->v), cmp_ent);
	free(x->maxhi);
	x->maxhi = xcalloc(x->n + 1, sizeof(*x->maxhi));
	(void)build(x, 0, x->n);
	x->built = 1;
}

/*
 * Every range of v[lo..hi) that overlaps [qlo, qhi], in start order:
 * a subtree whose largest end is below qlo holds none, and nothing right
 * of a range starting after qhi does.  O(log n + answers) per level.
 */
static void
query(const struct ipidx *x, size_t lo, size_t hi, const struct ipaddr *qlo,
    const struct ipaddr *qhi, struct vec *out)
{
	size_t	mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ipaddr_cmp(&x->maxhi[mid], qlo) < 0)
			return;
		query(x, lo, mid, qlo, qhi, out);
		if (ipaddr_cmp(&x->v[mid].r.lo, qhi) > 0)
			return;
		if (ipaddr_cmp(&x->v[mid].r.hi, qlo) >= 0)
			vec_push(out, &x->v[mid]);
		lo = mid + 1;
	}
}

const struct ipent **
ipidx_overlap(const struct ipidx *x, const struct iprange *r, size_t *n)
{
	struct vec	out = { 0 };

	ensure_built(x);
	query(x, 0, x->n, &r->lo, &r->hi, &out);
	vec_push(&out, NULL);
	*n = out.n - 1;
	return (const struct ipent **)out.v;
}

void **
ipidx_match(const struct ipidx *x, const struct ipaddr *ip, size_t *n)
{
	const struct ipent	**e;
	struct iprange		  r;
	void			**v;
	size_t			  i;

	r.lo = r.hi = *ip;
	e = ipidx_overlap(x, &r, n);
	v = (void **)e;
	for (i = 0; i < *n; i++)
		v[i] = e[i]->v;
	return v;
}
