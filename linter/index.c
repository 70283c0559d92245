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
	strmap_add(x->map, domain, v);
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

/* IP ranges. */

static void
bucket_key(const struct ipaddr *a, char *out, size_t len)
{
	if (a->family == 4)
		snprintf(out, len, "4:%u.%u", a->a[0], a->a[1]);
	else
		snprintf(out, len, "6:%02x%02x%02x%02x", a->a[0], a->a[1],
		    a->a[2], a->a[3]);
}

void
ipidx_init(struct ipidx *x)
{
	memset(x, 0, sizeof(*x));
	x->buckets = strmap_new();
}

void
ipidx_free(struct ipidx *x)
{
	size_t	i;

	for (i = 0; i < x->nall; i++)
		free(x->all[i]);
	free(x->all);
	free(x->wide);
	strmap_free(x->buckets);
}

void
ipidx_add(struct ipidx *x, const struct iprange *r, void *v)
{
	struct ipent	*e;
	char		 k1[32], k2[32];

	e = xcalloc(1, sizeof(*e));
	e->r = *r;
	e->v = v;
	x->all = xreallocarray(x->all, x->nall + 1, sizeof(*x->all));
	x->all[x->nall++] = e;
	bucket_key(&r->lo, k1, sizeof(k1));
	bucket_key(&r->hi, k2, sizeof(k2));
	if (r->lo.family == r->hi.family && strcmp(k1, k2) == 0)
		strmap_add(x->buckets, k1, e);
	else {
		x->wide = xreallocarray(x->wide, x->nwide + 1,
		    sizeof(*x->wide));
		x->wide[x->nwide++] = e;
	}
}

void **
ipidx_match(const struct ipidx *x, const struct ipaddr *ip, size_t *n)
{
	void		**out = NULL;
	void *const	 *b;
	size_t		  nb, i;
	char		  k[32];
	struct ipent	 *e;

	*n = 0;
	bucket_key(ip, k, sizeof(k));
	b = strmap_get(x->buckets, k, &nb);
	out = xcalloc(nb + x->nwide + 1, sizeof(*out));
	for (i = 0; i < nb; i++) {
		e = b[i];
		if (iprange_contains(&e->r, ip))
			out[(*n)++] = e->v;
	}
	for (i = 0; i < x->nwide; i++)
		if (iprange_contains(&x->wide[i]->r, ip))
			out[(*n)++] = x->wide[i]->v;
	return out;
}
