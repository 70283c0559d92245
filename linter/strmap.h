/*
 * strmap.h: a hash map from strings to lists of pointers, the one map
 * every layer uses.  Keys are copied; values are opaque pointers owned by
 * the caller.
 */
#ifndef HL_STRMAP_H
#define HL_STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap	*strmap_new(void);
void		 strmap_free(struct strmap *);
/* Append 'v' to the list under 'key' (copied, compared exactly). */
void		 strmap_add(struct strmap *, const char *key, void *v);
/* The same with the caller's key, not a copy: it must outlive the map. */
void		 strmap_add_ref(struct strmap *, const char *key, void *v);
/* The list under 'key' (NULL-terminated) and its length, or NULL. */
void *const	*strmap_get(const struct strmap *, const char *key, size_t *n);
/* How many keys the map holds. */
size_t		 strmap_count(const struct strmap *);
/* Add v under key unless the key is there; 1 when added. */
int		 strmap_once(struct strmap *, const char *key, void *v);

/*
 * One copy of each string: the map's own copy of 's', made the first time
 * 's' is met (the map holds no value for it).  It lives as long as the map.
 */
const char	*strmap_intern(struct strmap *, const char *s);

/*
 * A set of blocks of bytes, each kept once: blobset_intern() returns the
 * set's copy of p[0..n), made in 'a' the first time the bytes are met
 * (many records have property tables that are byte for byte the same).
 */
struct arena;
struct blobset;

struct blobset	*blobset_new(void);
void		 blobset_free(struct blobset *);
const void	*blobset_intern(struct blobset *, struct arena *,
		    const void *p, size_t n);

#endif
