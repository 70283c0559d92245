/*
 * engine.c: runs every enabled rule and is the one place findings are
 * made (rule_report and the calls beside it).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fixtext.h"
#include "xalloc.h"

void
engine_opts_init(struct engine_opts *o, const struct ruleset *rules,
    int64_t asof)
{
	size_t	i, j, n;

	memset(o, 0, sizeof(*o));
	o->asof = asof;
	o->rules = rules;
	o->set = xcalloc(rules->n + 1, sizeof(*o->set));
	for (i = 0; i < rules->n; i++) {
		o->set[i].enabled = -1;
		o->set[i].severity = -1;
		n = rule_noptions(rules->v[i]);
		o->set[i].optv = xcalloc(n + 1, sizeof(*o->set[i].optv));
		for (j = 0; j < n; j++)
			o->set[i].optv[j] = rules->v[i]->options[j].def;
	}
}

void
engine_opts_release(struct engine_opts *o)
{
	size_t	i;

	if (o->set != NULL)
		for (i = 0; i < o->rules->n; i++)
			free(o->set[i].optv);
	free(o->set);
	o->set = NULL;
}

int64_t
rule_opt(const struct rule_ctx *c, const char *name)
{
	int	i = rule_option_index(c->rule, name);

	if (i < 0) {
		fprintf(stderr, "hybridlint: internal error: rule %s has no "
		    "option %s\n", c->rule->id, name);
		abort();
	}
	return c->optv != NULL ? c->optv[i] : c->rule->options[i].def;
}

/* Does a fix hold a line that is not a comment (nor blank)? */
static int
fix_has_command(const char *fix)
{
	const char	*p = fix;

	while (*p != '\0') {
		p += strspn(p, " \t");
		if (*p != '#' && *p != '\n' && *p != '\0')
			return 1;
		p += strcspn(p, "\n");
		p += *p == '\n';
	}
	return 0;
}

/* The --change command that edited the object (its property first). */
static void
changed_by(struct rule_ctx *c, struct finding *f, const struct obj *o,
    const char *prop)
{
	struct arena		*a = c->out->arena;
	const struct edit	*e = model_edit_of(c->m, o, prop);

	if (e == NULL)
		return;
	f->change = e->loc;
	f->change.file = arena_strdup(a, e->loc.file);
	f->change.pointer = NULL;
	f->change_cmd = arena_strdup(a, e->cmd);
}

/*
 * A hybrid rule (RULE_HYBRID) speaks only of organizations that show a
 * hybrid deployment: NULL when 'org' shows none, else its evidence (and
 * NULL evidence for every other rule).  *skip: the finding is not made.
 */
static const struct hybrid_evidence *
hybrid_gate(const struct rule_ctx *c, const struct lint_rule *rule,
    const struct org *org, int *skip)
{
	const struct hybrid_evidence	*e;

	*skip = 0;
	if ((rule->flags & RULE_HYBRID) == 0)
		return NULL;
	if ((e = topo_hybrid(c->t, org)) == NULL)
		*skip = 1;
	return e;
}

/*
 * A new finding of 'rule' about object o (NULL: filled in by the caller),
 * or NULL when a hybrid rule speaks of an organization without hybrid.
 */
static struct finding *
report(struct rule_ctx *c, const struct lint_rule *rule, enum severity sev,
    const struct obj *o, const char *prop, const struct org *org,
    const char *key, const char *fix, const char *fmt, va_list ap)
{
	struct arena			*a = c->out->arena;
	const struct hybrid_evidence	*ev;
	struct finding			*f;
	int				 skip;

	if (org == NULL && o != NULL)
		org = o->org;
	if ((ev = hybrid_gate(c, rule, org, &skip)) == NULL && skip)
		return NULL;
	f = findings_add(c->out);
	if (ev != NULL) {
		f->reasons = arena_alloc(a, 2 * sizeof(*f->reasons));
		f->reasons[f->nreasons++] = arena_strdup(a, ev->text);
	}
	f->rule = rule;
	f->severity = sev;
	f->message = arena_vprintf(a, fmt, ap);
	f->org = org != NULL ? findings_string(c->out, org->id) : NULL;
	if (o != NULL) {
		/* The property's own line when the export has one. */
		f->loc = prop != NULL ? obj_prop_loc(a, o, prop) : o->loc;
		f->loc.file = findings_string(c->out, o->loc.file);
		f->loc.pointer = arena_strdup(a, f->loc.pointer);
		f->kind = kind_name(o->kind);
		f->object = findings_string(c->out, o->identity);
		f->logical = arena_printf(a, "%s[\"%s\"]%s%s", f->kind,
		    o->identity, prop ? "." : "", prop ? prop : "");
	}
	f->key = arena_strdup(a, key);
	f->fix = fix_finish(a, fix);
	f->manual = f->fix != NULL && !fix_has_command(f->fix);
	if (o != NULL && o->edit != NULL)
		changed_by(c, f, o, prop);
	return f;
}

void
rule_report(struct rule_ctx *c, const struct obj *o, const char *prop,
    const struct org *org, const char *key, const char *path,
    const char *fix, const char *fmt, ...)
{
	struct finding	*f;
	va_list		 ap;

	va_start(ap, fmt);
	f = report(c, c->rule, c->rule->severity, o, prop, org, key, fix, fmt,
	    ap);
	va_end(ap);
	if (f != NULL)
		f->path = arena_strdup(c->out->arena, path);
}

void
rule_report_sev(struct rule_ctx *c, enum severity sev, const struct obj *o,
    const char *prop, const struct org *org, const char *key,
    const char *path, const char *fix, const char *fmt, ...)
{
	struct finding	*f;
	va_list		 ap;

	va_start(ap, fmt);
	f = report(c, c->rule, sev, o, prop, org, key, fix, fmt, ap);
	va_end(ap);
	if (f != NULL)
		f->path = arena_strdup(c->out->arena, path);
}

void
rule_report_loc(struct rule_ctx *c, const struct loc *loc, const char *kind,
    const char *object, const char *key, const char *fix, const char *fmt,
    ...)
{
	struct arena	*a = c->out->arena;
	struct finding	*f;
	va_list		 ap;

	va_start(ap, fmt);
	f = report(c, c->rule, c->rule->severity, NULL, NULL, NULL, key, fix,
	    fmt, ap);
	va_end(ap);
	if (f == NULL)
		return;
	f->loc = *loc;
	f->loc.file = findings_string(c->out, loc->file);
	f->loc.pointer = arena_strdup(a, loc->pointer);
	f->kind = findings_string(c->out, kind);
	f->object = findings_string(c->out, object);
	f->logical = arena_printf(a, "%s[\"%s\"]", kind, object);
}

static void
report_undecided(struct rule_ctx *c, const struct obj *o, const char *key,
    const char *fix, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	(void)report(c, c->undecided, c->undecided->severity, o, NULL, NULL,
	    key, fix, fmt, ap);
	va_end(ap);
}

/*
 * What collects the missing data is not a change to mail flow, and it
 * runs pipelines: every line is a comment, to be read and run by hand.
 */
static const char *
as_comments(struct arena *a, const char *text)
{
	struct buf	 b = { 0 };
	const char	*p, *nl, *r;

	if (text == NULL)
		return NULL;
	buf_adds(&b, "# Collect the missing data, then run hybridlint again:");
	for (p = text; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		while (*p == '#' || *p == ' ')
			p++;
		if (p < nl)
			buf_printf(&b, "\n#   %.*s", (int)(nl - p), p);
	}
	r = arena_strdup(a, b.p);
	buf_free(&b);
	return r;
}

void
rule_undecided(struct rule_ctx *c, const struct obj *o, const char *what,
    const char *reexport)
{
	int	skip;

	if (c->undecided == NULL)
		return;
	(void)hybrid_gate(c, c->rule, o->org, &skip);
	if (skip)
		return;
	report_undecided(c, o, what, as_comments(c->out->arena, reexport),
	    "%s '%s': %s, so %s %s could not decide; re-export it with the "
	    "missing data", kind_name(o->kind), o->name, what, c->rule->id,
	    c->rule->name);
}

static int
enabled(const struct engine_opts *eo, size_t i)
{
	return eo->set[i].enabled != 0;
}

/* Run the rules that run before waivers ('after' 0) or after them. */
static void
run_rules(struct rule_ctx *c, const struct engine_opts *eo, int after)
{
	const struct ruleset	*rs = eo->rules;
	size_t			 i;

	for (i = 0; i < rs->n; i++) {
		if (!enabled(eo, i) || rs->v[i]->check == NULL ||
		    ((rs->v[i]->flags & RULE_AFTER_WAIVERS) != 0) != after)
			continue;
		c->rule = rs->v[i];
		c->optv = eo->set[i].optv;
		/* A rule's scratch goes with it: findings keep copies. */
		c->arena = arena_new();
		c->rule->check(c);
		arena_free(c->arena);
		c->arena = NULL;
	}
}

/* Severity overrides apply to every finding of their rule. */
static void
override_severities(struct findings *out, const struct engine_opts *eo)
{
	size_t	i, r;

	for (i = 0; i < out->n; i++) {
		r = ruleset_index(eo->rules, out->v[i]->rule);
		if (r < eo->rules->n && eo->set[r].severity >= 0)
			out->v[i]->severity =
			    (enum severity)eo->set[r].severity;
	}
}

struct findings *
engine_run(const struct model *m, const struct topo *t, const struct sim *s,
    const struct engine_opts *eo)
{
	const struct ruleset	*rs = eo->rules;
	struct rule_ctx		 c;
	struct findings		*out = findings_new(rs);
	size_t			 i;

	memset(&c, 0, sizeof(c));
	c.m = m;
	c.t = t;
	c.s = s;
	c.asof = eo->asof;
	c.out = out;
	c.waivers = eo->waivers;
	c.nwaivers = eo->nwaivers;
	/* What rules could not decide is reported by the rule whose role
	 * that is, and only while it is switched on. */
	for (i = 0; i < rs->n; i++)
		if ((rs->v[i]->flags & RULE_UNDECIDED) && enabled(eo, i))
			c.undecided = rs->v[i];
	run_rules(&c, eo, 0);
	findings_finish(out);
	waivers_apply(eo->waivers, eo->nwaivers, out, eo->asof);
	run_rules(&c, eo, 1);
	override_severities(out, eo);
	findings_finish(out);
	findings_share_fixes(out);
	return out;
}
