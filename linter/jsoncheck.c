/*
 * jsoncheck.c: the checks every JSON document hybridlint reads shares.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jsoncheck.h"
#include "xalloc.h"

void
jcheck_err(struct jcheck *c, const struct node *n, const char *fmt, ...)
{
	va_list		 ap;
	const char	*ptr;
	char		*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	ptr = n->loc.pointer != NULL && *n->loc.pointer != '\0' ?
	    n->loc.pointer : "/";
	if (c->what == NULL)
		diag_add(c->diags, SEV_ERROR, n->loc.file, n->loc.line,
		    n->loc.col, "%s (at %s)", msg, ptr);
	else
		diag_add(c->diags, SEV_ERROR, n->loc.file, n->loc.line,
		    n->loc.col, "%s %s: %s", c->what, ptr, msg);
	free(msg);
	c->bad = 1;
}

int
jcheck_keys(struct jcheck *c, const struct node *n, const char *const *allowed)
{
	size_t	i, j;
	int	ok = 1;

	for (i = 0; i < n->nprops; i++) {
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(n->props[i]->name, allowed[j]) == 0)
				break;
		if (allowed[j] == NULL) {
			jcheck_err(c, n->props[i], "unknown member \"%s\"",
			    n->props[i]->name);
			ok = 0;
		}
	}
	return ok;
}

const char *
jcheck_string(struct jcheck *c, const struct node *obj, const char *key,
    int required)
{
	const struct node	*v = node_prop(obj, key);

	if (v == NULL) {
		if (required)
			jcheck_err(c, obj, "\"%s\" is required", key);
		return NULL;
	}
	if (v->kind != NODE_STRING || *v->str == '\0') {
		jcheck_err(c, v, "\"%s\" must be a non-empty string", key);
		return NULL;
	}
	return v->str;
}
