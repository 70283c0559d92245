/*
 * strmap.c: a hash map from strings to lists of pointers (open
 * addressing, FNV-1a).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"

struct slot {
	char		*key;
	uint32_t	 hash;
	void		**v;
	size_t		 n;
	size_t		 cap;
};

struct strmap {
	struct slot	*s;
	size_t		 cap;
	size_t		 n;
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
	return xcalloc(1, sizeof(struct strmap));
}

void
strmap_free(struct strmap *m)
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++) {
		free(m->s[i].key);
		free(m->s[i].v);
	}
	free(m->s);
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

void
strmap_add(struct strmap *m, const char *key, void *v)
{
	uint32_t	 h = fnv1a(key);
	struct slot	*s;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	s = find(m, key, h);
	if (s->key == NULL) {
		s->key = xstrdup(key);
		s->hash = h;
		m->n++;
	}
	if (s->n + 1 >= s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = v;
	s->v[s->n] = NULL;
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
strmap_intern(struct strmap *m, struct arena *a, const char *s)
{
	void *const	*v;
	char		*p;

	if ((v = strmap_get(m, s, NULL)) != NULL)
		return v[0];
	p = arena_strdup(a, s);
	strmap_add(m, p, p);
	return p;
}
