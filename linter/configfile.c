/*
 * config.c: reading, validating and applying the configuration file.
 * Every problem is an error with its file, line and JSON Pointer.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "configfile.h"
#include "json_load.h"
#include "textfile.h"
#include "values.h"
#include "xalloc.h"

struct cctx {
	struct config	*cfg;
	struct diags	*diags;
	int		 bad;
};

static void
cerr(struct cctx *c, const struct node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cerr(struct cctx *c, const struct node *n, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(c->diags, DIAG_ERROR, n->loc.file, n->loc.line, n->loc.col,
	    "configuration %s: %s", n->loc.pointer != NULL &&
	    *n->loc.pointer != '\0' ? n->loc.pointer : "/", msg);
	free(msg);
	c->bad = 1;
}

static void
only_keys(struct cctx *c, const struct node *n, const char *const *ok)
{
	size_t	i, j;

	for (i = 0; i < n->nprops; i++) {
		for (j = 0; ok[j] != NULL; j++)
			if (strcmp(n->props[i]->name, ok[j]) == 0)
				break;
		if (ok[j] == NULL)
			cerr(c, n->props[i], "unknown member \"%s\"",
			    n->props[i]->name);
	}
}

static const char *
string_member(struct cctx *c, const struct node *obj, const char *key,
    int required)
{
	const struct node	*v = node_prop(obj, key);

	if (v == NULL) {
		if (required)
			cerr(c, obj, "\"%s\" is required", key);
		return NULL;
	}
	if (v->kind != NODE_STRING || *v->str == '\0') {
		cerr(c, v, "\"%s\" must be a non-empty string", key);
		return NULL;
	}
	return v->str;
}

static const struct lint_rule *
rule_named(struct cctx *c, const struct node *at, const char *s)
{
	const struct lint_rule	*r = rule_find(s);

	if (r == NULL)
		cerr(c, at, "unknown rule \"%s\" (see 'hybridlint rules')", s);
	return r;
}

static int
day_count(struct cctx *c, const struct node *v)
{
	if (v->kind != NODE_INT || v->i < 0 || v->i > 3650) {
		cerr(c, v, "must be a whole number of days from 0 to 3650");
		return -1;
	}
	return (int)v->i;
}

static void
rule_options(struct cctx *c, const struct lint_rule *r, const struct node *o)
{
	static const char *const keys[] = { "expiry_error_days",
	    "expiry_warning_days", NULL };
	const struct node	*v;

	if (o->kind != NODE_OBJECT) {
		cerr(c, o, "\"options\" must be an object");
		return;
	}
	if (strcmp(r->id, "HYB033") != 0) {
		if (o->nprops > 0)
			cerr(c, o, "rule %s takes no options", r->id);
		return;
	}
	only_keys(c, o, keys);
	if ((v = node_prop(o, "expiry_error_days")) != NULL)
		c->cfg->expiry_error_days = day_count(c, v);
	if ((v = node_prop(o, "expiry_warning_days")) != NULL)
		c->cfg->expiry_warning_days = day_count(c, v);
	if (c->cfg->expiry_error_days >= 0 &&
	    c->cfg->expiry_warning_days >= 0 &&
	    c->cfg->expiry_warning_days < c->cfg->expiry_error_days)
		cerr(c, o, "expiry_warning_days must not be smaller than "
		    "expiry_error_days");
}

static void
rules(struct cctx *c, const struct node *rs)
{
	static const char *const keys[] = { "enabled", "severity",
	    "options", NULL };
	const struct node	*e, *v;
	const struct lint_rule	*r;
	enum severity		 sev;
	size_t			 i, idx;

	if (rs->kind != NODE_OBJECT) {
		cerr(c, rs, "\"rules\" must be an object keyed by rule id");
		return;
	}
	for (i = 0; i < rs->nprops; i++) {
		e = rs->props[i];
		if ((r = rule_named(c, e, e->name)) == NULL)
			continue;
		idx = rule_index(r);
		if (e->kind == NODE_STRING) {
			/* Shorthand: "off", "on", or a severity. */
			if (strcmp(e->str, "off") == 0)
				c->cfg->enabled[idx] = 0;
			else if (strcmp(e->str, "on") == 0)
				c->cfg->enabled[idx] = 1;
			else if (severity_parse(e->str, &sev) == 0) {
				c->cfg->enabled[idx] = 1;
				c->cfg->severity[idx] = (signed char)sev;
			} else
				cerr(c, e, "\"%s\" is not on, off, error, "
				    "warning or note", e->str);
			continue;
		}
		if (e->kind != NODE_OBJECT) {
			cerr(c, e, "a rule's setting is \"on\", \"off\", a "
			    "severity, or an object");
			continue;
		}
		only_keys(c, e, keys);
		if ((v = node_prop(e, "enabled")) != NULL) {
			if (v->kind != NODE_BOOL)
				cerr(c, v, "\"enabled\" must be true or false");
			else
				c->cfg->enabled[idx] = (signed char)v->i;
		}
		if ((v = node_prop(e, "severity")) != NULL) {
			if (v->kind != NODE_STRING ||
			    severity_parse(v->str, &sev) == -1)
				cerr(c, v, "\"severity\" must be error, warning "
				    "or note");
			else
				c->cfg->severity[idx] = (signed char)sev;
		}
		if ((v = node_prop(e, "options")) != NULL)
			rule_options(c, r, v);
	}
}

static int
valid_glob(const char *s)
{
	int	depth = 0;

	for (; *s; s++) {
		if (*s == '\\' && s[1] != '\0')
			s++;
		else if (*s == '[')
			depth++;
		else if (*s == ']' && depth > 0)
			depth--;
	}
	return depth == 0;
}

static void
waivers(struct cctx *c, const struct node *ws)
{
	static const char *const keys[] = { "rule", "object", "organization",
	    "reason", "expires", "owner", NULL };
	struct arena		*a = c->cfg->doc->arena;
	const struct node	*w;
	struct waiver		*x;
	const char		*s;
	int64_t			 day;
	size_t			 i;

	if (ws->kind != NODE_LIST) {
		cerr(c, ws, "\"waivers\" must be an array");
		return;
	}
	c->cfg->waivers = arena_alloc(a, (ws->nitems + 1) *
	    sizeof(*c->cfg->waivers));
	for (i = 0; i < ws->nitems; i++) {
		w = ws->items[i];
		if (w->kind != NODE_OBJECT) {
			cerr(c, w, "a waiver must be an object");
			continue;
		}
		only_keys(c, w, keys);
		x = &c->cfg->waivers[c->cfg->nwaivers];
		x->loc = w->loc;
		if ((s = string_member(c, w, "rule", 1)) != NULL)
			x->rule = rule_named(c, node_prop(w, "rule"), s);
		x->object = string_member(c, w, "object", 1);
		if (x->object != NULL && !valid_glob(x->object))
			cerr(c, node_prop(w, "object"), "\"%s\" is not a valid "
			    "glob (unbalanced '[')", x->object);
		x->organization = string_member(c, w, "organization", 0);
		x->reason = string_member(c, w, "reason", 1);
		x->owner = string_member(c, w, "owner", 0);
		if ((s = string_member(c, w, "expires", 1)) != NULL) {
			if (strlen(s) != 10 || parse_date(s, &day) == -1)
				cerr(c, node_prop(w, "expires"), "\"expires\" "
				    "must be a date YYYY-MM-DD, not \"%s\"", s);
			else {
				x->expires = day + 86400;
				x->expires_text = s;
			}
		}
		if (x->rule != NULL && x->object != NULL &&
		    x->reason != NULL && x->expires_text != NULL)
			c->cfg->nwaivers++;
	}
}

struct config *
config_load(const char *path, struct diags *diags)
{
	static const char *const keys[] = { "$schema", "version", "fail_on",
	    "rules", "waivers", NULL };
	struct rawfile		 raw;
	struct textfile		 tf;
	struct cctx		 c;
	struct doc		*doc;
	const struct node	*root, *v;
	enum severity		 sev;

	if (rawfile_read(path, path, 4 * 1024 * 1024, &raw, diags) == -1)
		return NULL;
	if (text_decode(&raw, path, '{', &tf, diags) == -1)
		return NULL;
	doc = json_load(path, tf.text, tf.len, diags);
	textfile_free(&tf);
	if (doc == NULL)
		return NULL;
	if (doc->nroots != 1 || doc->roots[0]->kind != NODE_OBJECT) {
		diag_add(diags, DIAG_ERROR, path, 1, 1, "configuration must "
		    "hold one JSON object");
		doc_free(doc);
		return NULL;
	}
	memset(&c, 0, sizeof(c));
	c.diags = diags;
	c.cfg = xcalloc(1, sizeof(*c.cfg));
	c.cfg->doc = doc;
	c.cfg->path = doc->path;
	memset(c.cfg->enabled, -1, sizeof(c.cfg->enabled));
	memset(c.cfg->severity, -1, sizeof(c.cfg->severity));
	c.cfg->expiry_error_days = c.cfg->expiry_warning_days = -1;
	root = doc->roots[0];
	only_keys(&c, root, keys);
	if ((v = node_prop(root, "version")) == NULL)
		cerr(&c, root, "\"version\" is required");
	else if (v->kind != NODE_INT || v->i != 1)
		cerr(&c, v, "\"version\" must be 1");
	if ((v = node_prop(root, "fail_on")) != NULL) {
		if (v->kind != NODE_STRING || (strcmp(v->str, "never") != 0 &&
		    severity_parse(v->str, &sev) == -1))
			cerr(&c, v, "\"fail_on\" must be error, warning, note "
			    "or never");
		else
			c.cfg->fail_on = v->str;
	}
	if ((v = node_prop(root, "rules")) != NULL)
		rules(&c, v);
	if ((v = node_prop(root, "waivers")) != NULL)
		waivers(&c, v);
	if (c.bad) {
		config_free(c.cfg);
		return NULL;
	}
	return c.cfg;
}

char *
config_find(void)
{
	char	 dir[PATH_MAX], *p, *slash;

	if (getcwd(dir, sizeof(dir)) == NULL)
		return NULL;
	for (;;) {
		p = xasprintf("%s%s.hybridlint.json", dir,
		    strcmp(dir, "/") == 0 ? "" : "/");
		if (access(p, F_OK) == 0)
			return p;
		free(p);
		if (strcmp(dir, "/") == 0 ||
		    (slash = strrchr(dir, '/')) == NULL)
			return NULL;
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}

void
config_apply(const struct config *cfg, struct engine_opts *eo)
{
	size_t	i;

	for (i = 0; i < rule_count && i < sizeof(eo->enabled); i++) {
		if (cfg->enabled[i] >= 0)
			eo->enabled[i] = cfg->enabled[i];
		if (cfg->severity[i] >= 0)
			eo->severity[i] = cfg->severity[i];
	}
	if (cfg->expiry_error_days >= 0)
		eo->ropt.expiry_error_days = cfg->expiry_error_days;
	if (cfg->expiry_warning_days >= 0)
		eo->ropt.expiry_warning_days = cfg->expiry_warning_days;
	eo->waivers = cfg->waivers;
	eo->nwaivers = cfg->nwaivers;
}

void
config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	doc_free(cfg->doc);
	free(cfg);
}
