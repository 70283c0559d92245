/*
 * manifest.c: reading and validating topology.json.
 *
 * The rules here are the ones schemas/topology.schema.json states; each
 * violation names the file, line and JSON Pointer.
 */
#include <stdlib.h>
#include <string.h>

#include "json_load.h"
#include "manifest.h"
#include "values.h"
#include "xalloc.h"

struct mctx {
	struct manifest	*m;
	struct arena	*a;
	struct diags	*diags;
	int		 bad;
};

static void
merr(struct mctx *c, const struct node *n, const char *fmt, const char *a1)
{
	char	*msg;

	msg = xasprintf(fmt, a1);
	diag_add(c->diags, DIAG_ERROR, n->loc.file, n->loc.line, n->loc.col,
	    "topology.json %s: %s", n->loc.pointer != NULL &&
	    *n->loc.pointer != '\0' ? n->loc.pointer : "/", msg);
	free(msg);
	c->bad = 1;
}

static int
check_keys(struct mctx *c, const struct node *n, const char *const *allowed)
{
	size_t	i, j;
	int	ok = 1;

	for (i = 0; i < n->nprops; i++) {
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(n->props[i]->name, allowed[j]) == 0)
				break;
		if (allowed[j] == NULL) {
			merr(c, n->props[i], "unknown member \"%s\"",
			    n->props[i]->name);
			ok = 0;
		}
	}
	return ok;
}

static const char *
want_string(struct mctx *c, const struct node *parent, const char *key,
    int required)
{
	const struct node	*v = node_prop(parent, key);

	if (v == NULL) {
		if (required)
			merr(c, parent, "missing required member \"%s\"", key);
		return NULL;
	}
	if (v->kind != NODE_STRING || v->len == 0) {
		merr(c, v, "\"%s\" must be a non-empty string", key);
		return NULL;
	}
	return v->str;
}

static int
valid_id(const char *s)
{
	const char	*p;

	if (*s == '\0')
		return 0;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.'))
			return 0;
	return 1;
}

static int
safe_relpath(const char *p)
{
	const char	*s;

	if (*p == '/' || *p == '\0')
		return 0;
	for (s = p; *s; ) {
		if (s[0] == '.' && s[1] == '.' && (s[2] == '/' || s[2] == '\0'))
			return 0;
		if ((s = strchr(s, '/')) == NULL)
			break;
		s++;
	}
	return 1;
}

static void
paths(struct mctx *c, const struct node *org, const char *key,
    struct mpath **out, size_t *nout)
{
	static const char *const keys[] = { "path", "server", NULL };
	const struct node	*v = node_prop(org, key), *it;
	struct mpath		*mp;
	size_t			 i;

	*out = NULL;
	*nout = 0;
	if (v == NULL)
		return;
	if (v->kind != NODE_LIST) {
		merr(c, v, "\"%s\" must be an array of paths", key);
		return;
	}
	*out = arena_alloc(c->a, (v->nitems + 1) * sizeof(**out));
	for (i = 0; i < v->nitems; i++) {
		it = v->items[i];
		mp = &(*out)[*nout];
		mp->loc = it->loc;
		if (it->kind == NODE_STRING)
			mp->path = it->str;
		else if (it->kind == NODE_OBJECT) {
			check_keys(c, it, keys);
			mp->path = want_string(c, it, "path", 1);
			mp->server = want_string(c, it, "server", 0);
		} else {
			merr(c, it, "a path entry must be a string or "
			    "{\"path\": ..., \"server\": ...}%s", "");
			continue;
		}
		if (mp->path == NULL)
			continue;
		if (!safe_relpath(mp->path)) {
			merr(c, it, "path \"%s\" must be relative and stay "
			    "inside the manifest's folder", mp->path);
			continue;
		}
		(*nout)++;
	}
}

static void
organizations(struct mctx *c, const struct node *root)
{
	static const char *const keys[] = { "id", "name", "onprem",
	    "exchange_online", NULL };
	const struct node	*v = node_prop(root, "organizations"), *o;
	struct morg		*mo;
	size_t			 i, j;

	if (v == NULL) {
		merr(c, root, "missing required member \"%s\"",
		    "organizations");
		return;
	}
	if (v->kind != NODE_LIST || v->nitems == 0) {
		merr(c, v, "\"organizations\" must be a non-empty array%s", "");
		return;
	}
	c->m->orgs = arena_alloc(c->a, v->nitems * sizeof(*c->m->orgs));
	for (i = 0; i < v->nitems; i++) {
		o = v->items[i];
		if (o->kind != NODE_OBJECT) {
			merr(c, o, "an organization must be an object%s", "");
			continue;
		}
		check_keys(c, o, keys);
		mo = &c->m->orgs[c->m->norgs];
		mo->loc = o->loc;
		if ((mo->id = want_string(c, o, "id", 1)) == NULL)
			continue;
		if (!valid_id(mo->id)) {
			merr(c, node_prop(o, "id"), "id \"%s\" may contain "
			    "only letters, digits, '-', '_' and '.'", mo->id);
			continue;
		}
		for (j = 0; j < c->m->norgs; j++)
			if (strcmp(c->m->orgs[j].id, mo->id) == 0)
				merr(c, node_prop(o, "id"),
				    "duplicate organization id \"%s\"", mo->id);
		mo->name = want_string(c, o, "name", 0);
		paths(c, o, "onprem", &mo->onprem, &mo->nonprem);
		paths(c, o, "exchange_online", &mo->exo, &mo->nexo);
		if (node_prop(o, "onprem") == NULL &&
		    node_prop(o, "exchange_online") == NULL)
			merr(c, o, "organization \"%s\" lists neither "
			    "\"onprem\" nor \"exchange_online\"", mo->id);
		c->m->norgs++;
	}
}

static int
known_org(struct mctx *c, const char *id)
{
	size_t	i;

	for (i = 0; i < c->m->norgs; i++)
		if (strcmp(c->m->orgs[i].id, id) == 0)
			return 1;
	return 0;
}

static void
gateways(struct mctx *c, const struct node *root)
{
	static const char *const keys[] = { "id", "name", "addresses",
	    "certificate", "operated_by", NULL };
	static const char *const ckeys[] = { "subject", "issuer", "names",
	    "not_before", "not_after", NULL };
	const struct node	*v = node_prop(root, "gateways"), *g, *x, *it;
	struct mgateway		*mg;
	struct ipaddr		 ip;
	size_t			 i, j;
	int64_t			 e;

	if (v == NULL)
		return;
	if (v->kind != NODE_LIST) {
		merr(c, v, "\"gateways\" must be an array%s", "");
		return;
	}
	c->m->gateways = arena_alloc(c->a, (v->nitems + 1) *
	    sizeof(*c->m->gateways));
	for (i = 0; i < v->nitems; i++) {
		g = v->items[i];
		if (g->kind != NODE_OBJECT) {
			merr(c, g, "a gateway must be an object%s", "");
			continue;
		}
		check_keys(c, g, keys);
		mg = &c->m->gateways[c->m->ngateways];
		mg->loc = g->loc;
		mg->id = want_string(c, g, "id", 1);
		mg->name = want_string(c, g, "name", 1);
		if (mg->id == NULL || mg->name == NULL)
			continue;
		if (!dn_valid(mg->name, 0))
			merr(c, node_prop(g, "name"), "gateway name \"%s\" is "
			    "not a host name", mg->name);
		if ((x = node_prop(g, "addresses")) != NULL) {
			if (x->kind != NODE_LIST)
				merr(c, x, "\"addresses\" must be an array%s",
				    "");
			else {
				mg->addresses = arena_alloc(c->a,
				    (x->nitems + 1) * sizeof(char *));
				for (j = 0; j < x->nitems; j++) {
					it = x->items[j];
					if (it->kind != NODE_STRING ||
					    parse_ipaddr(it->str, &ip) == -1) {
						merr(c, it, "not an IP address%s",
						    "");
						continue;
					}
					mg->addresses[mg->naddresses++] =
					    it->str;
				}
			}
		}
		if ((x = node_prop(g, "certificate")) != NULL) {
			mg->cert_loc = x->loc;
			if (x->kind == NODE_STRING) {
				if (!safe_relpath(x->str))
					merr(c, x, "path \"%s\" must be "
					    "relative and stay inside the "
					    "manifest's folder", x->str);
				else
					mg->cert_file = x->str;
			} else if (x->kind == NODE_OBJECT) {
				check_keys(c, x, ckeys);
				if (want_string(c, x, "subject", 1) == NULL)
					continue;
				if ((it = node_prop(x, "names")) != NULL &&
				    it->kind != NODE_LIST)
					merr(c, it, "\"names\" must be an "
					    "array of host names%s", "");
				for (j = 0; it != NULL &&
				    it->kind == NODE_LIST &&
				    j < it->nitems; j++)
					if (it->items[j]->kind != NODE_STRING)
						merr(c, it->items[j], "not a "
						    "host name%s", "");
				if ((it = node_prop(x, "not_before")) != NULL &&
				    (it->kind != NODE_STRING ||
				    parse_date(it->str, &e) == -1))
					merr(c, it, "not an ISO 8601 date%s",
					    "");
				if ((it = node_prop(x, "not_after")) != NULL &&
				    (it->kind != NODE_STRING ||
				    parse_date(it->str, &e) == -1))
					merr(c, it, "not an ISO 8601 date%s",
					    "");
				mg->cert_inline = x;
			} else
				merr(c, x, "\"certificate\" must be a file "
				    "path or an object%s", "");
		}
		if ((mg->operated_by = want_string(c, g, "operated_by", 0)) !=
		    NULL && !known_org(c, mg->operated_by))
			merr(c, node_prop(g, "operated_by"), "\"operated_by\" "
			    "names \"%s\", which is not a listed "
			    "organization", mg->operated_by);
		c->m->ngateways++;
	}
}

static void
dns(struct mctx *c, const struct node *root)
{
	static const char *const keys[] = { "mx", NULL };
	const struct node	*v = node_prop(root, "dns"), *mx, *d;
	struct mmx		*e;
	size_t			 i, j;

	if (v == NULL)
		return;
	if (v->kind != NODE_OBJECT) {
		merr(c, v, "\"dns\" must be an object%s", "");
		return;
	}
	check_keys(c, v, keys);
	if ((mx = node_prop(v, "mx")) == NULL)
		return;
	if (mx->kind != NODE_OBJECT) {
		merr(c, mx, "\"mx\" must be an object%s", "");
		return;
	}
	c->m->mx = arena_alloc(c->a, (mx->nprops + 1) * sizeof(*c->m->mx));
	for (i = 0; i < mx->nprops; i++) {
		d = mx->props[i];
		if (!dn_valid(d->name, 0)) {
			merr(c, d, "\"%s\" is not a domain name", d->name);
			continue;
		}
		if (d->kind != NODE_LIST) {
			merr(c, d, "the MX hosts of \"%s\" must be an array",
			    d->name);
			continue;
		}
		e = &c->m->mx[c->m->nmx++];
		e->domain = dn_normalize(c->a, d->name);
		e->hosts = arena_alloc(c->a, (d->nitems + 1) * sizeof(char *));
		for (j = 0; j < d->nitems; j++) {
			if (d->items[j]->kind != NODE_STRING ||
			    !dn_valid(d->items[j]->str, 0)) {
				merr(c, d->items[j], "not a host name%s", "");
				continue;
			}
			e->hosts[e->nhosts++] = dn_normalize(c->a,
			    d->items[j]->str);
		}
	}
}

struct manifest *
manifest_parse(const char *display, const char *text, size_t len,
    struct diags *diags)
{
	static const char *const keys[] = { "$schema", "version",
	    "organizations", "gateways", "dns", NULL };
	struct mctx		 c;
	struct doc		*doc;
	const struct node	*root, *v;

	if ((doc = json_load(display, text, len, diags)) == NULL)
		return NULL;
	if (doc->nroots != 1 || doc->roots[0]->kind != NODE_OBJECT) {
		diag_add(diags, DIAG_ERROR, display, 1, 1,
		    "topology.json must hold one JSON object");
		doc_free(doc);
		return NULL;
	}
	memset(&c, 0, sizeof(c));
	c.m = xcalloc(1, sizeof(*c.m));
	c.m->doc = doc;
	c.a = doc->arena;
	c.diags = diags;
	root = doc->roots[0];
	check_keys(&c, root, keys);
	if ((v = node_prop(root, "version")) == NULL)
		merr(&c, root, "missing required member \"%s\"", "version");
	else if (v->kind != NODE_INT || v->i != 1)
		merr(&c, v, "\"version\" must be 1%s", "");
	organizations(&c, root);
	gateways(&c, root);
	dns(&c, root);
	if (c.bad) {
		manifest_free(c.m);
		return NULL;
	}
	return c.m;
}

void
manifest_free(struct manifest *m)
{
	if (m == NULL)
		return;
	doc_free(m->doc);
	free(m);
}
