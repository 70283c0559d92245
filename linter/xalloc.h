/*
 * xalloc.h: allocation that never returns NULL, and per-document arenas.
 *
 * Every allocation of the core goes through these functions.  On
 * exhaustion they print a message and exit with status 2 (the "internal
 * error" status of the user contract).
 *
 * An arena owns every string and node of one loaded document, so a
 * document is released with one arena_free() whatever shape it had.
 */
#ifndef HL_XALLOC_H
#define HL_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
void		*arena_alloc(struct arena *, size_t);	/* zeroed */
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
/* v[0..n) joined by ", " into the arena ("" when n is 0). */
char		*arena_join(struct arena *, const char *const *v, size_t n);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
char		*arena_vprintf(struct arena *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
/* Bytes handed out so far, for limits and the benchmark. */
size_t		 arena_size(const struct arena *);

/*
 * A growable array of pointers.  Used while building; the final array can
 * be copied into an arena with vec_finish().
 */
struct vec {
	void	**v;
	size_t	  n;
	size_t	  cap;
};

void	 vec_push(struct vec *, void *);
void	**vec_finish(struct vec *, struct arena *);	/* copies, resets vec */
void	 vec_free(struct vec *);

/* A growable byte buffer (always NUL-terminated once used). */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addc(struct buf *, char);
void	 buf_adds(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);
char	*buf_steal(struct buf *);	/* malloc'd string, buffer reset */

#endif
