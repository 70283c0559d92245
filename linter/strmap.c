/*
 * strmap.c: a hash map from strings to lists of pointers (open
 * addressing, FNV-1a).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"

/*
 * Keys and value lists live in the map's own arena, so a key costs its
 * length and a single value two pointers (most keys have one), and a list
 * never moves when other keys are added.  A list grows by doubling into a
 * new piece of the arena (its capacity follows from its length).
 */
struct slot {
	const char	*key;
	void		**v;
	uint32_t	 hash;
	uint32_t	 n;
};

struct strmap {
	struct slot	*s;
	size_t		 cap;
	size_t		 n;
	struct arena	*a;
};

static uint32_t
fnv1a(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

struct strmap *
strmap_new(void)
{
	struct strmap	*m = xcalloc(1, sizeof(struct strmap));

	m->a = arena_new();
	return m;
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	free(m->s);
	arena_free(m->a);
	free(m);
}

static struct slot *
find(const struct strmap *m, const char *key, uint32_t h)
{
	size_t	i;

	if (m->cap == 0)
		return NULL;
	for (i = h & (m->cap - 1); m->s[i].key != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (m->s[i].hash == h && strcmp(m->s[i].key, key) == 0)
			return &m->s[i];
	return &m->s[i];
}

static void
grow(struct strmap *m)
{
	struct slot	*old = m->s;
	size_t		 oldcap = m->cap, i;

	m->cap = m->cap ? m->cap * 2 : 32;
	m->s = xcalloc(m->cap, sizeof(*m->s));
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find(m, old[i].key, old[i].hash) = old[i];
	free(old);
}

/* Room for a list of n values and its NULL: a power of two, at least 2. */
static size_t
list_cap(size_t n)
{
	size_t	c = 2;

	while (c < n + 1)
		c *= 2;
	return c;
}

/* The slot of 'key', made (the key copied or not) when it is new. */
static struct slot *
slot_of(struct strmap *m, const char *key, int copy)
{
	uint32_t	 h = fnv1a(key);
	struct slot	*s;

	/* At most three quarters full. */
	if ((m->n + 1) * 4 > m->cap * 3)
		grow(m);
	s = find(m, key, h);
	if (s->key == NULL) {
		s->key = copy ? arena_strdup(m->a, key) : key;
		s->hash = h;
		m->n++;
	}
	return s;
}

static void
add(struct strmap *m, const char *key, int copy, void *v)
{
	struct slot	*s = slot_of(m, key, copy);
	void		**nv;

	if (s->n == 0 || list_cap(s->n + 1) > list_cap(s->n)) {
		nv = arena_alloc(m->a, list_cap(s->n + 1) * sizeof(*nv));
		if (s->n > 0)
			memcpy(nv, s->v, s->n * sizeof(*nv));
		s->v = nv;
	}
	s->v[s->n++] = v;
	s->v[s->n] = NULL;
}

void
strmap_add(struct strmap *m, const char *key, void *v)
{
	add(m, key, 1, v);
}

void
strmap_add_ref(struct strmap *m, const char *key, void *v)
{
	add(m, key, 0, v);
}

void *const *
strmap_get(const struct strmap *m, const char *key, size_t *n)
{
	struct slot	*s = find(m, key, fnv1a(key));

	if (s == NULL || s->key == NULL) {
		if (n != NULL)
			*n = 0;
		return NULL;
	}
	if (n != NULL)
		*n = s->n;
	return s->v;
}

size_t
strmap_count(const struct strmap *m)
{
	return m != NULL ? m->n : 0;
}

int
strmap_once(struct strmap *m, const char *key, void *v)
{
	if (strmap_get(m, key, NULL) != NULL)
		return 0;
	strmap_add(m, key, v);
	return 1;
}

const char *
strmap_intern(struct strmap *m, const char *s)
{
	return slot_of(m, s, 1)->key;
}

/* Blocks: open addressing on a 64-bit FNV-1a of the bytes. */
struct blob {
	const void	*p;
	size_t		 n;
	uint64_t	 hash;
};

struct blobset {
	struct blob	*b;
	size_t		 cap;
	size_t		 n;
};

struct blobset *
blobset_new(void)
{
	return xcalloc(1, sizeof(struct blobset));
}

void
blobset_free(struct blobset *s)
{
	if (s == NULL)
		return;
	free(s->b);
	free(s);
}

static struct blob *
blob_slot(struct blob *b, size_t cap, const void *p, size_t n, uint64_t h)
{
	size_t	i;

	for (i = h & (cap - 1); b[i].p != NULL; i = (i + 1) & (cap - 1))
		if (b[i].hash == h && b[i].n == n && memcmp(b[i].p, p, n) == 0)
			break;
	return &b[i];
}

const void *
blobset_intern(struct blobset *s, struct arena *a, const void *p, size_t n)
{
	const unsigned char	*c = p;
	uint64_t		 h = 14695981039346656037u;
	struct blob		*old = s->b, *x;
	size_t			 i, oldcap = s->cap;
	void			*copy;

	for (i = 0; i < n; i++) {
		h ^= c[i];
		h *= 1099511628211u;
	}
	if ((s->n + 1) * 4 > s->cap * 3) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->b = xcalloc(s->cap, sizeof(*s->b));
		for (i = 0; i < oldcap; i++)
			if (old[i].p != NULL)
				*blob_slot(s->b, s->cap, old[i].p, old[i].n,
				    old[i].hash) = old[i];
		free(old);
	}
	if ((x = blob_slot(s->b, s->cap, p, n, h))->p != NULL)
		return x->p;
	copy = arena_alloc(a, n > 0 ? n : 1);
	memcpy(copy, p, n);
	x->p = copy;
	x->n = n;
	x->hash = h;
	s->n++;
	return copy;
}
