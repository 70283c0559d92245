/*
 * xalloc.c: allocation that never returns NULL, arenas, vectors, buffers.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void
oom(size_t n)
{
	fprintf(stderr, "hybridlint: out of memory (%zu bytes)\n", n);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		oom(n * sz);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		oom(n);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		oom(SIZE_MAX);
	return xrealloc(p, n * sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;
	char	*p;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		oom(0);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/*
 * Arenas: a chain of blocks; large requests get a block of their own.
 * Blocks start small and double up to ARENA_BLOCK, so the many small
 * arenas (a map's keys, a rule's scratch) cost what they hold.
 */

#define ARENA_FIRST	1024
#define ARENA_BLOCK	(64 * 1024)

struct ablock {
	struct ablock	*next;
	size_t		 used;
	size_t		 cap;
	max_align_t	 data[];
};

/*
 * Strings need no alignment: they are packed into string blocks of their
 * own (taken from the arena like any allocation), so a short string costs
 * its length, not its length rounded up to sizeof(max_align_t).
 */
#define ARENA_STRBLOCK	(8 * 1024)

struct arena {
	struct ablock	*head;
	size_t		 total;
	size_t		 blk;		/* size of the next block */
	char		*str;		/* free space of the string block */
	size_t		 strleft;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct ablock	*b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct ablock	*b;
	size_t		 al = sizeof(max_align_t), cap;
	void		*p;

	n = (n + al - 1) / al * al;
	if (n == 0)
		n = al;
	b = a->head;
	if (b == NULL || b->cap - b->used < n) {
		if (a->blk == 0)
			a->blk = ARENA_FIRST;
		cap = n > a->blk / 4 ? n : a->blk;
		if (cap == a->blk && a->blk < ARENA_BLOCK)
			a->blk *= 2;
		b = xmalloc(sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		if (cap == n && a->head != NULL) {
			/* Keep the current block in front for small requests. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

/* Room for a string of n bytes and its NUL, unaligned. */
static char *
arena_strspace(struct arena *a, size_t n)
{
	size_t	 size;
	char	*p;

	/* A string block is a quarter of a block: small in a small arena. */
	size = a->blk / 4 < ARENA_FIRST / 4 ? ARENA_FIRST / 4 :
	    a->blk / 4 > ARENA_STRBLOCK ? ARENA_STRBLOCK : a->blk / 4;
	if (n + 1 > size / 8)
		return arena_alloc(a, n + 1);
	if (a->strleft < n + 1) {
		a->str = arena_alloc(a, size);
		a->strleft = size;
	}
	p = a->str;
	a->str += n + 1;
	a->strleft -= n + 1;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	p = arena_strspace(a, n);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list	 aq;
	char	*p;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0) {
		fprintf(stderr, "hybridlint: bad format string\n");
		exit(2);
	}
	p = arena_strspace(a, (size_t)n);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_join(struct arena *a, const char *const *v, size_t n)
{
	struct buf	 b = { 0 };
	char		*r;
	size_t		 i;

	buf_adds(&b, "");
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", v[i]);
	r = arena_strdup(a, b.p);
	buf_free(&b);
	return r;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t
arena_size(const struct arena *a)
{
	return a->total;
}

void
vec_push(struct vec *v, void *p)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->v = xreallocarray(v->v, v->cap, sizeof(*v->v));
	}
	v->v[v->n++] = p;
}

void **
vec_finish(struct vec *v, struct arena *a)
{
	void	**out;

	out = arena_alloc(a, (v->n + 1) * sizeof(*out));
	if (v->n)
		memcpy(out, v->v, v->n * sizeof(*out));
	v->n = 0;
	return out;
}

void
vec_free(struct vec *v)
{
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len < n + 1) {
		while (b->cap - b->len < n + 1)
			b->cap = b->cap ? b->cap * 2 : 64;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(b, p);
	free(p);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

char *
buf_steal(struct buf *b)
{
	char	*p;

	p = b->p != NULL ? b->p : xstrdup("");
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}
