/*
 * baseline.c: writing and applying baselines.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "baseline.h"
#include "digest.h"
#include "jsonout.h"
#include "index.h"
#include "json_load.h"
#include "textfile.h"
#include "xalloc.h"

static int
by_fingerprint(const void *a, const void *b)
{
	return strcmp((*(struct finding *const *)a)->fingerprint,
	    (*(struct finding *const *)b)->fingerprint);
}

char *
baseline_render(const struct findings *fs)
{
	struct finding	**v;
	json_t		 *root, *arr, *o;
	size_t		  i, n = 0;
	char		 *out;

	v = xcalloc(fs->n + 1, sizeof(*v));
	for (i = 0; i < fs->n; i++)
		if (!fs->v[i]->waived)
			v[n++] = fs->v[i];
	qsort(v, n, sizeof(*v), by_fingerprint);
	root = json_object();
	json_object_set_new(root, "schema",
	    json_text("hybridlint-baseline/1"));
	arr = json_array();
	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(o, "fingerprint",
		    json_text(v[i]->fingerprint));
		json_object_set_new(o, "rule", json_text(v[i]->rule->id));
		json_object_set_new(o, "organization", v[i]->org != NULL ?
		    json_text(v[i]->org) : json_null());
		json_object_set_new(o, "object", v[i]->object != NULL ?
		    json_text(v[i]->object) : json_null());
		json_object_set_new(o, "message", json_text(v[i]->message));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "findings", arr);
	out = json_render(root);
	json_decref(root);
	free(v);
	return out;
}

/* A string member of a baseline entry, copied; NULL if absent. */
static const char *
member(struct arena *a, const struct node *e, const char *name)
{
	const struct node	*v = node_prop(e, name);

	return v != NULL && v->kind == NODE_STRING ?
	    arena_strdup(a, v->str) : NULL;
}

static int
by_entry(const void *a, const void *b)
{
	return strcmp(((const struct baseline_entry *)a)->fingerprint,
	    ((const struct baseline_entry *)b)->fingerprint);
}

int
baseline_parse(const char *path, const char *text, size_t len,
    struct findings *fs, struct baseline_cmp *cmp, struct diags *diags)
{
	struct doc		*doc;
	const struct node	*root, *arr, *e, *fp;
	struct strmap		*set, *current;
	struct baseline_entry	*x;
	size_t			 i;
	int			 rc = 0;

	if (cmp != NULL)
		memset(cmp, 0, sizeof(*cmp));
	if ((doc = json_load(path, text, len, diags)) == NULL)
		return -1;
	root = doc->nroots == 1 ? doc->roots[0] : NULL;
	arr = node_prop(root, "findings");
	if (root == NULL || node_prop(root, "schema") == NULL ||
	    node_prop(root, "schema")->kind != NODE_STRING ||
	    strcmp(node_prop(root, "schema")->str,
	    "hybridlint-baseline/1") != 0 || arr == NULL ||
	    arr->kind != NODE_LIST) {
		diag_add(diags, SEV_ERROR, path, 1, 1, "not a hybridlint "
		    "baseline (expected {\"schema\": \"hybridlint-baseline/1\", "
		    "\"findings\": [...]})");
		doc_free(doc);
		return -1;
	}
	set = strmap_new();
	for (i = 0; i < arr->nitems; i++) {
		e = arr->items[i];
		fp = node_prop(e, "fingerprint");
		if (fp == NULL || fp->kind != NODE_STRING) {
			diag_addloc(diags, SEV_ERROR, &e->loc, "baseline "
			    "entry %s has no \"fingerprint\" string",
			    e->loc.pointer);
			rc = -1;
			continue;
		}
		strmap_add(set, fp->str, (void *)e);
	}
	for (i = 0; i < fs->n && rc == 0; i++)
		if (strmap_get(set, fs->v[i]->fingerprint, NULL) != NULL)
			fs->v[i]->baselined = 1;
	/* Entries no current finding has: resolved since.  Each
	 * fingerprint once, however often the file repeats it. */
	if (cmp != NULL && rc == 0) {
		cmp->arena = arena_new();
		cmp->nentries = arr->nitems;
		cmp->resolved = arena_alloc(cmp->arena,
		    (arr->nitems + 1) * sizeof(*cmp->resolved));
		current = strmap_new();
		for (i = 0; i < fs->n; i++)
			strmap_add(current, fs->v[i]->fingerprint, NULL);
		for (i = 0; i < arr->nitems; i++) {
			e = arr->items[i];
			fp = node_prop(e, "fingerprint");
			if (strmap_get(current, fp->str, NULL) != NULL)
				continue;
			strmap_add(current, fp->str, NULL);
			x = &cmp->resolved[cmp->nresolved++];
			x->fingerprint = arena_strdup(cmp->arena, fp->str);
			x->rule = member(cmp->arena, e, "rule");
			x->organization = member(cmp->arena, e, "organization");
			x->object = member(cmp->arena, e, "object");
			x->message = member(cmp->arena, e, "message");
		}
		if (cmp->nresolved > 1)
			qsort(cmp->resolved, cmp->nresolved,
			    sizeof(*cmp->resolved), by_entry);
		strmap_free(current);
	}
	strmap_free(set);
	doc_free(doc);
	return rc;
}

int
baseline_apply(const char *path, struct findings *fs,
    struct baseline_cmp *cmp, char *sha256, size_t *size, struct diags *diags)
{
	struct rawfile	raw;
	struct textfile	tf;
	int		rc;

	if (cmp != NULL)
		memset(cmp, 0, sizeof(*cmp));
	if (rawfile_read(path, path, 64 * 1024 * 1024, &raw, diags) == -1)
		return -1;
	if (sha256 != NULL)
		sha256_hex(raw.data, raw.len, sha256);
	if (size != NULL)
		*size = raw.len;
	if (text_decode(&raw, path, '{', &tf, diags) == -1)
		return -1;
	rc = baseline_parse(path, tf.text, tf.len, fs, cmp, diags);
	textfile_free(&tf);
	return rc;
}

void
baseline_cmp_free(struct baseline_cmp *cmp)
{
	if (cmp == NULL)
		return;
	arena_free(cmp->arena);
	memset(cmp, 0, sizeof(*cmp));
}
