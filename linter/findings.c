/*
 * findings.c: storing, ordering and fingerprinting findings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "findings.h"
#include "xalloc.h"

struct findings *
findings_new(const struct ruleset *rules)
{
	struct findings	*f;

	f = xcalloc(1, sizeof(*f));
	f->rules = rules;
	f->arena = arena_new();
	return f;
}

void
findings_free(struct findings *f)
{
	if (f == NULL)
		return;
	free(f->v);
	arena_free(f->arena);
	free(f);
}

struct finding *
findings_add(struct findings *f)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->v = xreallocarray(f->v, f->cap, sizeof(*f->v));
	}
	f->v[f->n] = arena_alloc(f->arena, sizeof(**f->v));
	return f->v[f->n++];
}

static int
strcmp0(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
cmp(const void *pa, const void *pb)
{
	const struct finding	*a = *(struct finding *const *)pa;
	const struct finding	*b = *(struct finding *const *)pb;
	int			 c;

	if ((c = strcmp0(a->loc.file, b->loc.file)) != 0)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)) != 0)
		return c;
	if ((c = strcmp0(a->message, b->message)) != 0)
		return c;
	return strcmp0(a->fingerprint, b->fingerprint);
}

/*
 * SHA-256 over what identifies a finding across exports: the rule, the
 * organization, the object's kind and identity, and the distinguishing
 * value.  Never the file or line.
 */
static const char *
fingerprint(struct arena *a, const struct finding *f)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0, i;
	char		 hex[65];
	char		*in;

	in = xasprintf("%s\x1f%s\x1f%s\x1f%s\x1f%s", f->rule->id,
	    f->org ? f->org : "", f->kind ? f->kind : "",
	    f->object ? f->object : "", f->key ? f->key : "");
	if (EVP_Digest(in, strlen(in), md, &mdlen, EVP_sha256(), NULL) != 1)
		mdlen = 0;
	free(in);
	for (i = 0; i < mdlen && i < 16; i++)
		snprintf(hex + i * 2, 3, "%02x", md[i]);
	hex[i * 2] = '\0';
	return arena_strdup(a, hex);
}

void
findings_finish(struct findings *f)
{
	size_t	i, k;

	for (i = 0; i < f->n; i++)
		f->v[i]->fingerprint = fingerprint(f->arena, f->v[i]);
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), cmp);
	/* The same finding reported twice (e.g. HYB901 from two rules). */
	for (i = k = 0; i < f->n; i++) {
		if (k > 0 && strcmp(f->v[k - 1]->fingerprint,
		    f->v[i]->fingerprint) == 0 &&
		    strcmp0(f->v[k - 1]->message, f->v[i]->message) == 0)
			continue;
		f->v[k++] = f->v[i];
	}
	f->n = k;
}
