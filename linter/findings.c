/*
 * findings.c: storing, ordering and fingerprinting findings, and
 * pointing a finding whose fix another one's holds to that one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "findings.h"
#include "fixtext.h"
#include "strmap.h"
#include "xalloc.h"

struct findings *
findings_new(const struct ruleset *rules)
{
	struct findings	*f;

	f = xcalloc(1, sizeof(*f));
	f->rules = rules;
	f->arena = arena_new();
	f->strings = strmap_new();
	return f;
}

void
findings_free(struct findings *f)
{
	if (f == NULL)
		return;
	free(f->v);
	strmap_free(f->strings);
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

const char *
findings_string(struct findings *f, const char *s)
{
	return s != NULL ? strmap_intern(f->strings, s) : NULL;
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

/* Which finding's fix owns a command: the first in this order. */
static int
by_precedence(const void *pa, const void *pb)
{
	const struct finding	*a = *(struct finding *const *)pa;
	const struct finding	*b = *(struct finding *const *)pb;
	int			 sa = a->waived || a->baselined;
	int			 sb = b->waived || b->baselined;
	int			 c;

	if (sa != sb)
		return sa - sb;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)) != 0)
		return c;
	return cmp(pa, pb);
}

/*
 * The commands of a fix (its lines that are not comments, trimmed), as
 * keys of 'own' owned by f; with 'claim' unset, only whether another
 * finding owns them all: that finding, else NULL.
 */
static const struct finding *
fix_commands(const struct finding *f, struct strmap *own, int claim)
{
	const struct finding	*owner = NULL;
	const char		*p, *e, *nl;
	void *const		*v;
	char			*line;
	size_t			 n, ncmd = 0;

	for (p = f->fix; p != NULL && *p != '\0'; p = nl) {
		nl = strchr(p, '\n');
		e = nl != NULL ? nl : p + strlen(p);
		nl = nl != NULL ? nl + 1 : e;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		while (e > p && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\r'))
			e--;
		if (p == e || *p == '#')
			continue;
		line = xstrndup(p, (size_t)(e - p));
		ncmd++;
		if (claim) {
			if (strmap_get(own, line, &n) == NULL)
				strmap_add(own, line, (void *)f);
		} else if ((v = strmap_get(own, line, &n)) == NULL ||
		    (owner != NULL && owner != v[0]))
			ncmd = (size_t)-1;
		else
			owner = v[0];
		free(line);
		if (ncmd == (size_t)-1)
			return NULL;
	}
	return ncmd > 0 ? owner : NULL;
}

void
findings_share_fixes(struct findings *fs)
{
	struct finding		**order;
	const struct finding	*o;
	struct strmap		*own;
	size_t			 i;

	if (fs->n < 2)
		return;
	order = xcalloc(fs->n, sizeof(*order));
	memcpy(order, fs->v, fs->n * sizeof(*order));
	qsort(order, fs->n, sizeof(*order), by_precedence);
	own = strmap_new();
	for (i = 0; i < fs->n; i++) {
		if ((o = fix_commands(order[i], own, 0)) != NULL &&
		    o != order[i]) {
			order[i]->resolved_by = o;
			order[i]->fix = arena_printf(fs->arena, "# Resolved by "
			    "the fix of %s (%s) on %s '%s'.", o->rule->id,
			    o->rule->name, o->kind != NULL ? o->kind : "object",
			    fix_comment_text(fs->arena, o->object != NULL ?
			    o->object : ""));
		} else
			(void)fix_commands(order[i], own, 1);
	}
	strmap_free(own);
	free(order);
}
