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

int
baseline_apply(const char *path, struct findings *fs, char *sha256,
    size_t *size, struct diags *diags)
{
	struct rawfile		 raw;
	struct textfile		 tf;
	struct doc		*doc;
	const struct node	*root, *arr, *e, *fp;
	struct strmap		*set;
	size_t			 i;
	int			 rc = 0;

	if (rawfile_read(path, path, 64 * 1024 * 1024, &raw, diags) == -1)
		return -1;
	if (sha256 != NULL)
		sha256_hex(raw.data, raw.len, sha256);
	if (size != NULL)
		*size = raw.len;
	if (text_decode(&raw, path, '{', &tf, diags) == -1)
		return -1;
	doc = json_load(path, tf.text, tf.len, diags);
	textfile_free(&tf);
	if (doc == NULL)
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
		strmap_add(set, fp->str, (void *)fp);
	}
	for (i = 0; i < fs->n && rc == 0; i++)
		if (strmap_get(set, fs->v[i]->fingerprint, NULL) != NULL)
			fs->v[i]->baselined = 1;
	strmap_free(set);
	doc_free(doc);
	return rc;
}
