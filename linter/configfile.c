/*
 * config.c: reading, validating and applying the configuration file.
 * Every problem is an error with its file, line and JSON Pointer.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "configfile.h"
#include "json_load.h"
#include "jsoncheck.h"
#include "pack.h"
#include "textfile.h"
#include "values.h"
#include "xalloc.h"

struct cctx {
	struct config	*cfg;
	struct jcheck	 jc;
};

static const struct lint_rule *
rule_named(struct cctx *c, const struct node *at, const char *s)
{
	const struct lint_rule	*r = ruleset_find(c->cfg->rules, s);

	if (r == NULL)
		jcheck_err(&c->jc, at, "unknown rule \"%s\" (see 'hybridlint "
		    "rules')", s);
	return r;
}

/* The options a rule declares, each checked against its descriptor. */
static void
rule_options(struct cctx *c, const struct lint_rule *r, size_t idx,
    const struct node *o)
{
	const struct rule_option	*ro;
	const struct node		*v;
	int64_t				*optv = c->cfg->set[idx].optv;
	size_t				 i;
	int				 k, a;

	if (o->kind != NODE_OBJECT) {
		jcheck_err(&c->jc, o, "\"options\" must be an object");
		return;
	}
	if (rule_noptions(r) == 0) {
		if (o->nprops > 0)
			jcheck_err(&c->jc, o, "rule %s takes no options",
			    r->id);
		return;
	}
	for (i = 0; i < o->nprops; i++) {
		v = o->props[i];
		if ((k = rule_option_index(r, v->name)) < 0) {
			jcheck_err(&c->jc, v, "unknown member \"%s\"", v->name);
			continue;
		}
		ro = &r->options[k];
		if (v->kind != NODE_INT || v->i < ro->min || v->i > ro->max)
			jcheck_err(&c->jc, v, "must be a whole number of days "
			    "from %lld to %lld", (long long)ro->min,
			    (long long)ro->max);
		else
			optv[k] = v->i;
	}
	for (k = 0; k < (int)rule_noptions(r); k++) {
		ro = &r->options[k];
		if (ro->at_least == NULL ||
		    (a = rule_option_index(r, ro->at_least)) < 0)
			continue;
		if (optv[k] != CONFIG_UNSET && optv[a] != CONFIG_UNSET &&
		    optv[k] < optv[a])
			jcheck_err(&c->jc, o, "%s must not be smaller than %s",
			    ro->name, ro->at_least);
	}
}

/* One rule's setting: "on", "off", a severity, or an object. */
static void
rule_entry(struct cctx *c, const struct node *e)
{
	static const char *const keys[] = { "enabled", "severity",
	    "options", NULL };
	const struct lint_rule	*r;
	const struct node	*v;
	struct rule_setting	*set;
	enum severity		 sev;

	if ((r = rule_named(c, e, e->name)) == NULL)
		return;
	set = &c->cfg->set[ruleset_index(c->cfg->rules, r)];
	if (e->kind == NODE_STRING) {
		if (strcmp(e->str, "off") == 0)
			set->enabled = 0;
		else if (strcmp(e->str, "on") == 0)
			set->enabled = 1;
		else if (severity_parse(e->str, &sev) == 0) {
			set->enabled = 1;
			set->severity = (signed char)sev;
		} else
			jcheck_err(&c->jc, e, "\"%s\" is not on, off, error, "
			    "warning or note", e->str);
		return;
	}
	if (e->kind != NODE_OBJECT) {
		jcheck_err(&c->jc, e, "a rule's setting is \"on\", \"off\", a "
		    "severity, or an object");
		return;
	}
	jcheck_keys(&c->jc, e, keys);
	if ((v = node_prop(e, "enabled")) != NULL) {
		if (v->kind != NODE_BOOL)
			jcheck_err(&c->jc, v, "\"enabled\" must be true or "
			    "false");
		else
			set->enabled = (signed char)v->i;
	}
	if ((v = node_prop(e, "severity")) != NULL) {
		if (v->kind != NODE_STRING ||
		    severity_parse(v->str, &sev) == -1)
			jcheck_err(&c->jc, v, "\"severity\" must be error, "
			    "warning or note");
		else
			set->severity = (signed char)sev;
	}
	if ((v = node_prop(e, "options")) != NULL)
		rule_options(c, r, ruleset_index(c->cfg->rules, r), v);
}

static void
rules(struct cctx *c, const struct node *rs)
{
	size_t	i;

	if (rs->kind != NODE_OBJECT) {
		jcheck_err(&c->jc, rs, "\"rules\" must be an object keyed by "
		    "rule id");
		return;
	}
	for (i = 0; i < rs->nprops; i++)
		rule_entry(c, rs->props[i]);
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
		jcheck_err(&c->jc, ws, "\"waivers\" must be an array");
		return;
	}
	c->cfg->waivers = arena_alloc(a, (ws->nitems + 1) *
	    sizeof(*c->cfg->waivers));
	for (i = 0; i < ws->nitems; i++) {
		w = ws->items[i];
		if (w->kind != NODE_OBJECT) {
			jcheck_err(&c->jc, w, "a waiver must be an object");
			continue;
		}
		jcheck_keys(&c->jc, w, keys);
		x = &c->cfg->waivers[c->cfg->nwaivers];
		x->loc = w->loc;
		if ((s = jcheck_string(&c->jc, w, "rule", 1)) != NULL)
			x->rule = rule_named(c, node_prop(w, "rule"), s);
		x->object = jcheck_string(&c->jc, w, "object", 1);
		if (x->object != NULL && !valid_glob(x->object))
			jcheck_err(&c->jc, node_prop(w, "object"), "\"%s\" is "
			    "not a valid glob (unbalanced '[')", x->object);
		x->organization = jcheck_string(&c->jc, w, "organization", 0);
		x->reason = jcheck_string(&c->jc, w, "reason", 1);
		x->owner = jcheck_string(&c->jc, w, "owner", 0);
		if ((s = jcheck_string(&c->jc, w, "expires", 1)) != NULL) {
			if (strlen(s) != 10 || parse_date(s, &day) == -1)
				jcheck_err(&c->jc, node_prop(w, "expires"),
				    "\"expires\" must be a date YYYY-MM-DD, "
				    "not \"%s\"", s);
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

/*
 * "rule_packs": each path relative to the configuration's folder, loaded
 * into the rule set before anything names a rule.
 */
static void
rule_packs(struct cctx *c, const struct node *ps, struct ruleset *rs)
{
	const struct node	*p;
	const char		*slash;
	char			*path;
	size_t			 i;

	if (ps->kind != NODE_LIST) {
		jcheck_err(&c->jc, ps, "\"rule_packs\" must be an array of "
		    "paths");
		return;
	}
	slash = strrchr(c->cfg->path, '/');
	for (i = 0; i < ps->nitems; i++) {
		p = ps->items[i];
		if (p->kind != NODE_STRING || *p->str == '\0' ||
		    strlen(p->str) != p->len) {
			jcheck_err(&c->jc, p, "a rule pack is a path (a folder "
			    "with pack.json, or a .json file)");
			continue;
		}
		if (p->str[0] == '/' || slash == NULL)
			path = xstrdup(p->str);
		else
			path = xasprintf("%.*s/%s", (int)(slash -
			    c->cfg->path), c->cfg->path, p->str);
		if (pack_load(rs, path, c->jc.diags) == -1)
			jcheck_err(&c->jc, p, "rule pack \"%s\" does not load "
			    "(see above)", p->str);
		free(path);
	}
}

struct config *
config_parse(const char *path, const char *text, size_t len,
    struct ruleset *rs, struct diags *diags)
{
	static const char *const keys[] = { "$schema", "version", "fail_on",
	    "docs_url", "rule_packs", "rules", "waivers", NULL };
	struct cctx		 c;
	struct doc		*doc;
	const struct node	*root, *v;
	enum severity		 sev;
	size_t			 i, j, n;

	if ((doc = json_load(path, text, len, diags)) == NULL)
		return NULL;
	if (doc->nroots != 1 || doc->roots[0]->kind != NODE_OBJECT) {
		diag_add(diags, SEV_ERROR, path, 1, 1, "configuration must "
		    "hold one JSON object");
		doc_free(doc);
		return NULL;
	}
	memset(&c, 0, sizeof(c));
	c.jc.diags = diags;
	c.jc.what = "configuration";
	c.cfg = xcalloc(1, sizeof(*c.cfg));
	c.cfg->doc = doc;
	c.cfg->path = doc->path;
	c.cfg->rules = rs;
	root = doc->roots[0];
	/* Packs first: their rules are named below, and sized for. */
	if ((v = node_prop(root, "rule_packs")) != NULL)
		rule_packs(&c, v, rs);
	c.cfg->set = xcalloc(rs->n + 1, sizeof(*c.cfg->set));
	c.cfg->nset = rs->n;
	for (i = 0; i < rs->n; i++) {
		c.cfg->set[i].enabled = c.cfg->set[i].severity = -1;
		n = rule_noptions(rs->v[i]);
		c.cfg->set[i].optv = xcalloc(n + 1, sizeof(int64_t));
		for (j = 0; j < n; j++)
			c.cfg->set[i].optv[j] = CONFIG_UNSET;
	}
	jcheck_keys(&c.jc, root, keys);
	if ((v = node_prop(root, "version")) == NULL)
		jcheck_err(&c.jc, root, "\"version\" is required");
	else if (v->kind != NODE_INT || v->i != 1)
		jcheck_err(&c.jc, v, "\"version\" must be 1");
	if ((v = node_prop(root, "fail_on")) != NULL) {
		if (v->kind != NODE_STRING || (strcmp(v->str, "never") != 0 &&
		    severity_parse(v->str, &sev) == -1))
			jcheck_err(&c.jc, v, "\"fail_on\" must be error, "
			    "warning, note or never");
		else
			c.cfg->fail_on = v->str;
	}
	if ((v = node_prop(root, "docs_url")) != NULL) {
		if (v->kind != NODE_STRING || !valid_doc_url(v->str))
			jcheck_err(&c.jc, v, "\"docs_url\" must be an http or "
			    "https URL without spaces, quotes or angle brackets");
		else
			c.cfg->docs_url = v->str;
	}
	if ((v = node_prop(root, "rules")) != NULL)
		rules(&c, v);
	if ((v = node_prop(root, "waivers")) != NULL)
		waivers(&c, v);
	if (c.jc.bad) {
		config_free(c.cfg);
		return NULL;
	}
	return c.cfg;
}

struct config *
config_load(const char *path, struct ruleset *rs, struct diags *diags)
{
	struct rawfile		 raw;
	struct textfile		 tf;
	struct config		*cfg;

	char			 hex[SHA256_HEX_LEN + 1];
	size_t			 size;

	if (rawfile_read(path, path, 4 * 1024 * 1024, &raw, diags) == -1)
		return NULL;
	size = raw.len;
	sha256_hex(raw.data, raw.len, hex);
	if (text_decode(&raw, path, '{', &tf, diags) == -1)
		return NULL;
	cfg = config_parse(path, tf.text, tf.len, rs, diags);
	textfile_free(&tf);
	if (cfg != NULL) {
		memcpy(cfg->sha256, hex, sizeof(hex));
		cfg->size = size;
	}
	return cfg;
}

/*
 * May a configuration found by discovery be trusted?  It must belong to
 * the invoking user or to root, and others must not be able to write it
 * (group-writable is common under umask 002 and stays trusted).
 */
static int
trusted(const char *path, const struct stat *st, struct diags *d)
{
	if (st->st_uid != getuid() && st->st_uid != 0) {
		diag_add(d, SEV_WARNING, path, 0, 0, "ignored: owned by user "
		    "%lu, neither you nor root (use --config to read it)",
		    (unsigned long)st->st_uid);
		return 0;
	}
	if (st->st_mode & S_IWOTH) {
		diag_add(d, SEV_WARNING, path, 0, 0, "ignored: anyone may "
		    "write it (use --config to read it)");
		return 0;
	}
	if (access(path, R_OK) == -1) {
		diag_add(d, SEV_WARNING, path, 0, 0, "ignored: %s",
		    strerror(errno));
		return 0;
	}
	return 1;
}

char *
config_find(const char *start, struct diags *d)
{
	struct stat	 st, up;
	char		*dir, *p, *slash;

	if ((dir = realpath(start, NULL)) == NULL)
		return NULL;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode) &&
	    (slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	for (;;) {
		p = xasprintf("%s%s.hybridlint.json", dir,
		    strcmp(dir, "/") == 0 ? "" : "/");
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    trusted(p, &st, d)) {
			free(dir);
			return p;
		}
		free(p);
		/* The top of a repository, or of a file system, ends it. */
		p = xasprintf("%s/.git", dir);
		if (strcmp(dir, "/") == 0 || access(p, F_OK) == 0 ||
		    stat(dir, &st) == -1 || (slash = strrchr(dir, '/')) == NULL) {
			free(p);
			break;
		}
		free(p);
		*(slash == dir ? slash + 1 : slash) = '\0';
		if (stat(dir, &up) == -1 || up.st_dev != st.st_dev)
			break;
	}
	free(dir);
	return NULL;
}

void
config_apply(const struct config *cfg, struct engine_opts *eo)
{
	size_t	i, j, n;

	for (i = 0; i < eo->rules->n && i < cfg->nset; i++) {
		if (cfg->set[i].enabled >= 0)
			eo->set[i].enabled = cfg->set[i].enabled;
		if (cfg->set[i].severity >= 0)
			eo->set[i].severity = cfg->set[i].severity;
		n = rule_noptions(eo->rules->v[i]);
		for (j = 0; j < n; j++)
			if (cfg->set[i].optv[j] != CONFIG_UNSET)
				eo->set[i].optv[j] = cfg->set[i].optv[j];
	}
	eo->waivers = cfg->waivers;
	eo->nwaivers = cfg->nwaivers;
}

void
config_free(struct config *cfg)
{
	size_t	i;

	if (cfg == NULL)
		return;
	for (i = 0; i < cfg->nset; i++)
		free(cfg->set[i].optv);
	free(cfg->set);
	doc_free(cfg->doc);
	free(cfg);
}
