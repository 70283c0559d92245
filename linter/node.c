/*
 * node.c: reading the generic object tree.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "node.h"
#include "xalloc.h"

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	arena_free(d->arena);
	free(d);
}

const struct node *
node_prop(const struct node *n, const char *name)
{
	size_t	i;

	if (n == NULL || n->kind != NODE_OBJECT)
		return NULL;
	for (i = 0; i < n->nprops; i++)
		if (n->props[i]->name != NULL &&
		    strcasecmp(n->props[i]->name, name) == 0)
			return n->props[i];
	return NULL;
}

int
node_is_null(const struct node *n)
{
	return n == NULL || n->kind == NODE_NULL;
}

const char *
node_text(const struct node *n, char *tmp, size_t tmplen)
{
	const struct node	*v;

	if (n == NULL)
		return NULL;
	switch (n->kind) {
	case NODE_STRING:
		return n->str;
	case NODE_BOOL:
		return n->i ? "True" : "False";
	case NODE_INT:
		if (n->is_unsigned)
			snprintf(tmp, tmplen, "%" PRIu64, n->u);
		else
			snprintf(tmp, tmplen, "%" PRId64, n->i);
		return tmp;
	case NODE_REAL:
		snprintf(tmp, tmplen, "%.17g", n->d);
		return tmp;
	case NODE_OBJECT:
		if (n->tostring != NULL)
			return n->tostring;
		if (n->value != NULL)
			return node_text(n->value, tmp, tmplen);
		if ((v = node_prop(n, "value")) != NULL &&
		    v->kind == NODE_STRING)
			return v->str;
		return NULL;
	default:
		return NULL;
	}
}

const struct node *
node_as_list(const struct node *n)
{
	if (n == NULL)
		return NULL;
	if (n->kind == NODE_LIST)
		return n;
	if (n->kind == NODE_OBJECT && n->value != NULL &&
	    n->value->kind == NODE_LIST)
		return n->value;
	return NULL;
}

const char *
node_type_leaf(const struct node *n, size_t i)
{
	const char	*t, *p, *br;

	if (n == NULL || i >= n->ntypes)
		return NULL;
	t = n->types[i];
	/* Generic names: cut at the first '`' or '['; leaf is after '.'. */
	br = strpbrk(t, "`[");
	p = br != NULL ? br : t + strlen(t);
	while (p > t && p[-1] != '.')
		p--;
	return p;
}

int
node_has_type(const struct node *n, const char *leaf)
{
	const char	*l;
	size_t		 i, len = strlen(leaf);

	for (i = 0; n != NULL && i < n->ntypes; i++) {
		l = node_type_leaf(n, i);
		if (strncmp(l, leaf, len) == 0 &&
		    (l[len] == '\0' || l[len] == '`' || l[len] == '['))
			return 1;
	}
	return 0;
}

const char *
node_kind_name(enum node_kind k)
{
	static const char *names[] = {
		"null", "bool", "integer", "number", "string", "bytes",
		"object", "list", "dictionary"
	};

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ?
	    names[k] : "?";
}

static int
cmp_prop_name(const void *a, const void *b)
{
	const struct node	*x = *(const struct node *const *)a;
	const struct node	*y = *(const struct node *const *)b;
	int			 c;

	if ((c = strcasecmp(x->name, y->name)) != 0)
		return c;
	return x->loc.line < y->loc.line ? -1 : x->loc.line > y->loc.line;
}

void
node_check_duplicates(const struct node *n, struct diags *diags)
{
	const struct node	**v;
	size_t			  i, k = 0;

	if (n == NULL || n->kind != NODE_OBJECT || n->nprops < 2)
		return;
	v = xcalloc(n->nprops, sizeof(*v));
	for (i = 0; i < n->nprops; i++)
		if (n->props[i]->name != NULL)
			v[k++] = n->props[i];
	qsort(v, k, sizeof(*v), cmp_prop_name);
	for (i = 1; i < k; i++)
		if (strcasecmp(v[i - 1]->name, v[i]->name) == 0)
			diag_addloc(diags, SEV_WARNING, &v[i]->loc,
			    "duplicate property '%s' (also '%s' at line %u); "
			    "the first is used", v[i]->name, v[i - 1]->name,
			    v[i - 1]->loc.line);
	free(v);
}
