/*
 * manifest.c: reading and validating topology.json.
 *
 * The rules here are the ones schemas/topology.schema.json states; each
 * violation names the file, line and JSON Pointer.
 */
#include <stdlib.h>
#include <string.h>

#include "json_load.h"
#include "jsoncheck.h"
#include "manifest.h"
#include "strmap.h"
#include "values.h"
#include "xalloc.h"

struct mctx {
	struct manifest	*m;
	struct arena	*a;
	struct jcheck	 jc;
	struct strmap	*ids;		/* organization ids met */
};

/* A copy in the manifest's arena of a string of the JSON tree. */
static const char *
keep(struct mctx *c, const char *s)
{
	return arena_strdup(c->a, s);
}

/* A required or optional string member (jcheck_string), kept. */
static const char *
member(struct mctx *c, const struct node *obj, const char *key,
    int required)
{
	return keep(c, jcheck_string(&c->jc, obj, key, required));
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
		jcheck_err(&c->jc, v, "\"%s\" must be an array of paths", key);
		return;
	}
	*out = arena_alloc(c->a, (v->nitems + 1) * sizeof(**out));
	for (i = 0; i < v->nitems; i++) {
		it = v->items[i];
		mp = &(*out)[*nout];
		mp->loc = loc_dup(c->a, &it->loc);
		if (it->kind == NODE_STRING)
			mp->path = keep(c, it->str);
		else if (it->kind == NODE_OBJECT) {
			jcheck_keys(&c->jc, it, keys);
			mp->path = member(c, it, "path", 1);
			mp->server = member(c, it, "server", 0);
		} else {
			jcheck_err(&c->jc, it, "a path entry must be a string "
			    "or {\"path\": ..., \"server\": ...}");
			continue;
		}
		if (mp->path == NULL)
			continue;
		if (!safe_relpath(mp->path)) {
			jcheck_err(&c->jc, it, "path \"%s\" must be relative "
			    "and stay inside the manifest's folder", mp->path);
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
	size_t			 i;

	if (v == NULL) {
		jcheck_err(&c->jc, root, "\"organizations\" is required");
		return;
	}
	if (v->kind != NODE_LIST || v->nitems == 0) {
		jcheck_err(&c->jc, v, "\"organizations\" must be a non-empty "
		    "array");
		return;
	}
	c->m->orgs = arena_alloc(c->a, v->nitems * sizeof(*c->m->orgs));
	for (i = 0; i < v->nitems; i++) {
		o = v->items[i];
		if (o->kind != NODE_OBJECT) {
			jcheck_err(&c->jc, o, "an organization must be an "
			    "object");
			continue;
		}
		jcheck_keys(&c->jc, o, keys);
		mo = &c->m->orgs[c->m->norgs];
		mo->loc = loc_dup(c->a, &o->loc);
		if ((mo->id = member(c, o, "id", 1)) == NULL)
			continue;
		if (!valid_id(mo->id)) {
			jcheck_err(&c->jc, node_prop(o, "id"), "id \"%s\" may "
			    "contain only letters, digits, '-', '_' and '.'",
			    mo->id);
			continue;
		}
		if (!strmap_once(c->ids, mo->id, NULL))
			jcheck_err(&c->jc, node_prop(o, "id"),
			    "duplicate organization id \"%s\"", mo->id);
		mo->name = member(c, o, "name", 0);
		paths(c, o, "onprem", &mo->onprem, &mo->nonprem);
		paths(c, o, "exchange_online", &mo->exo, &mo->nexo);
		if (node_prop(o, "onprem") == NULL &&
		    node_prop(o, "exchange_online") == NULL)
			jcheck_err(&c->jc, o, "organization \"%s\" lists "
			    "neither \"onprem\" nor \"exchange_online\"",
			    mo->id);
		c->m->norgs++;
	}
}

static int
known_org(struct mctx *c, const char *id)
{
	size_t	n;

	return strmap_get(c->ids, id, &n) != NULL;
}

/* A gateway's "addresses": IP addresses. */
static void
gateway_addresses(struct mctx *c, const struct node *x, struct mgateway *mg)
{
	const struct node	*it;
	struct ipaddr		 ip;
	size_t			 j;

	if (x->kind != NODE_LIST) {
		jcheck_err(&c->jc, x, "\"addresses\" must be an array");
		return;
	}
	mg->addresses = arena_alloc(c->a, (x->nitems + 1) * sizeof(char *));
	for (j = 0; j < x->nitems; j++) {
		it = x->items[j];
		if (it->kind != NODE_STRING || parse_ipaddr(it->str, &ip) == -1)
			jcheck_err(&c->jc, it, "not an IP address");
		else
			mg->addresses[mg->naddresses++] = keep(c, it->str);
	}
}

/* A date member of an inline certificate, if present, is ISO 8601. */
static int64_t
cert_date(struct mctx *c, const struct node *x, const char *key)
{
	const struct node	*it = node_prop(x, key);
	int64_t			 e;

	if (it == NULL)
		return 0;
	if (it->kind != NODE_STRING || parse_date(it->str, &e) == -1) {
		jcheck_err(&c->jc, it, "not an ISO 8601 date");
		return 0;
	}
	return e;
}

/* A gateway's "certificate": a file path, or an object describing it. */
static void
gateway_cert(struct mctx *c, const struct node *x, struct mgateway *mg)
{
	static const char *const ckeys[] = { "subject", "issuer", "names",
	    "not_before", "not_after", NULL };
	const struct node	*it;
	struct mcert		*mc;
	size_t			 j;

	mg->cert_loc = loc_dup(c->a, &x->loc);
	if (x->kind == NODE_STRING) {
		if (!safe_relpath(x->str))
			jcheck_err(&c->jc, x, "path \"%s\" must be relative "
			    "and stay inside the manifest's folder", x->str);
		else
			mg->cert_file = keep(c, x->str);
		return;
	}
	if (x->kind != NODE_OBJECT) {
		jcheck_err(&c->jc, x, "\"certificate\" must be a file path "
		    "or an object");
		return;
	}
	jcheck_keys(&c->jc, x, ckeys);
	mc = arena_alloc(c->a, sizeof(*mc));
	mc->line = x->loc.line;
	if ((mc->subject = member(c, x, "subject", 1)) == NULL)
		return;
	if ((it = node_prop(x, "issuer")) != NULL && it->kind == NODE_STRING)
		mc->issuer = keep(c, it->str);
	if ((it = node_prop(x, "names")) != NULL && it->kind != NODE_LIST)
		jcheck_err(&c->jc, it, "\"names\" must be an array of host "
		    "names");
	else if (it != NULL)
		mc->names = arena_alloc(c->a, (it->nitems + 1) *
		    sizeof(*mc->names));
	for (j = 0; it != NULL && it->kind == NODE_LIST && j < it->nitems; j++)
		if (it->items[j]->kind != NODE_STRING)
			jcheck_err(&c->jc, it->items[j], "not a host name");
		else
			mc->names[mc->nnames++] = dn_normalize(c->a,
			    it->items[j]->str);
	mc->not_before = cert_date(c, x, "not_before");
	mc->not_after = cert_date(c, x, "not_after");
	mg->cert_inline = mc;
}

/*
 * A gateway's "addon_for": the organizations whose tenants use it as an
 * email add-on service (listed organizations, each once).
 */
static void
gateway_addon(struct mctx *c, const struct node *x, struct mgateway *mg)
{
	const struct node	*it;
	size_t			 j, k;

	if (x->kind != NODE_LIST || x->nitems == 0) {
		jcheck_err(&c->jc, x, "\"addon_for\" must be a non-empty array "
		    "of organization ids");
		return;
	}
	mg->addon_for = arena_alloc(c->a, (x->nitems + 1) * sizeof(char *));
	for (j = 0; j < x->nitems; j++) {
		it = x->items[j];
		if (it->kind != NODE_STRING || !known_org(c, it->str)) {
			jcheck_err(&c->jc, it, "\"addon_for\" must name listed "
			    "organizations");
			continue;
		}
		for (k = 0; k < mg->naddon_for; k++)
			if (strcmp(mg->addon_for[k], it->str) == 0)
				break;
		if (k < mg->naddon_for) {
			jcheck_err(&c->jc, it, "\"addon_for\" names \"%s\" "
			    "twice", it->str);
			continue;
		}
		mg->addon_for[mg->naddon_for++] = keep(c, it->str);
	}
}

static void
gateways(struct mctx *c, const struct node *root)
{
	static const char *const keys[] = { "id", "name", "addresses",
	    "certificate", "operated_by", "addon_for", NULL };
	const struct node	*v = node_prop(root, "gateways"), *g, *x;
	struct mgateway		*mg;
	size_t			 i;

	if (v == NULL)
		return;
	if (v->kind != NODE_LIST) {
		jcheck_err(&c->jc, v, "\"gateways\" must be an array");
		return;
	}
	c->m->gateways = arena_alloc(c->a, (v->nitems + 1) *
	    sizeof(*c->m->gateways));
	for (i = 0; i < v->nitems; i++) {
		g = v->items[i];
		if (g->kind != NODE_OBJECT) {
			jcheck_err(&c->jc, g, "a gateway must be an object");
			continue;
		}
		jcheck_keys(&c->jc, g, keys);
		mg = &c->m->gateways[c->m->ngateways];
		mg->loc = loc_dup(c->a, &g->loc);
		mg->id = member(c, g, "id", 1);
		mg->name = member(c, g, "name", 1);
		if (mg->id == NULL || mg->name == NULL)
			continue;
		if (!dn_valid(mg->name, 0))
			jcheck_err(&c->jc, node_prop(g, "name"), "gateway name "
			    "\"%s\" is not a host name", mg->name);
		if ((x = node_prop(g, "addresses")) != NULL)
			gateway_addresses(c, x, mg);
		if ((x = node_prop(g, "certificate")) != NULL)
			gateway_cert(c, x, mg);
		if ((mg->operated_by = member(c, g, "operated_by", 0)) !=
		    NULL && !known_org(c, mg->operated_by))
			jcheck_err(&c->jc, node_prop(g, "operated_by"),
			    "\"operated_by\" names \"%s\", which is not a "
			    "listed organization", mg->operated_by);
		if ((x = node_prop(g, "addon_for")) != NULL)
			gateway_addon(c, x, mg);
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
		jcheck_err(&c->jc, v, "\"dns\" must be an object");
		return;
	}
	jcheck_keys(&c->jc, v, keys);
	if ((mx = node_prop(v, "mx")) == NULL)
		return;
	if (mx->kind != NODE_OBJECT) {
		jcheck_err(&c->jc, mx, "\"mx\" must be an object");
		return;
	}
	c->m->mx = arena_alloc(c->a, (mx->nprops + 1) * sizeof(*c->m->mx));
	for (i = 0; i < mx->nprops; i++) {
		d = mx->props[i];
		if (!dn_valid(d->name, 0)) {
			jcheck_err(&c->jc, d, "\"%s\" is not a domain name",
			    d->name);
			continue;
		}
		if (d->kind != NODE_LIST) {
			jcheck_err(&c->jc, d, "the MX hosts of \"%s\" must be "
			    "an array", d->name);
			continue;
		}
		e = &c->m->mx[c->m->nmx++];
		e->domain = dn_normalize(c->a, d->name);
		e->hosts = arena_alloc(c->a, (d->nitems + 1) * sizeof(char *));
		for (j = 0; j < d->nitems; j++) {
			if (d->items[j]->kind != NODE_STRING ||
			    !dn_valid(d->items[j]->str, 0)) {
				jcheck_err(&c->jc, d->items[j], "not a host "
				    "name");
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
		diag_add(diags, SEV_ERROR, display, 1, 1,
		    "topology.json must hold one JSON object");
		doc_free(doc);
		return NULL;
	}
	memset(&c, 0, sizeof(c));
	c.m = xcalloc(1, sizeof(*c.m));
	c.m->arena = c.a = arena_new();
	c.jc.diags = diags;
	c.jc.what = "topology.json";
	c.ids = strmap_new();
	root = doc->roots[0];
	jcheck_keys(&c.jc, root, keys);
	if ((v = node_prop(root, "version")) == NULL)
		jcheck_err(&c.jc, root, "\"version\" is required");
	else if (v->kind != NODE_INT || v->i != 1)
		jcheck_err(&c.jc, v, "\"version\" must be 1");
	organizations(&c, root);
	gateways(&c, root);
	dns(&c, root);
	strmap_free(c.ids);
	doc_free(doc);
	if (c.jc.bad) {
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
	arena_free(m->arena);
	free(m);
}
