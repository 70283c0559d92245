/*
 * engine.c: runs every enabled rule and is the one place findings are
 * made (rule_report, rule_undecided).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "xalloc.h"

void
engine_opts_init(struct engine_opts *o, int64_t asof)
{
	memset(o, 0, sizeof(*o));
	o->asof = asof;
	o->ropt.expiry_error_days = 30;
	o->ropt.expiry_warning_days = 60;
	memset(o->enabled, -1, sizeof(o->enabled));
	memset(o->severity, -1, sizeof(o->severity));
}

static void
report(struct rule_ctx *c, const struct lint_rule *rule, enum severity sev,
    const struct obj *o, const char *prop, const struct org *org,
    const char *key, const char *path, const char *fix, const char *fmt,
    va_list ap)
{
	struct arena		*a = c->out->arena;
	struct finding		*f;
	char			*msg;

	f = findings_add(c->out);
	f->rule = rule;
	f->severity = sev;
	msg = xvasprintf(fmt, ap);
	f->message = arena_strdup(a, msg);
	free(msg);
	if (org == NULL && o != NULL)
		org = o->org;
	f->org = org != NULL ? arena_strdup(a, org->id) : NULL;
	if (o != NULL) {
		/* The property's own line when the export has one. */
		f->loc = prop != NULL ? obj_prop_loc(a, o, prop) : o->loc;
		f->loc.file = arena_strdup(a, o->loc.file);
		f->loc.pointer = arena_strdup(a, f->loc.pointer);
		f->kind = kind_name(o->kind);
		f->object = arena_strdup(a, o->identity);
		f->logical = arena_printf(a, "%s[\"%s\"]%s%s", f->kind,
		    o->identity, prop ? "." : "", prop ? prop : "");
	}
	f->key = key != NULL ? arena_strdup(a, key) : NULL;
	f->path = path != NULL ? arena_strdup(a, path) : NULL;
	f->fix = fix != NULL ? arena_strdup(a, fix) : NULL;
}

void
rule_report(struct rule_ctx *c, const struct obj *o, const char *prop,
    const struct org *org, const char *key, const char *path,
    const char *fix, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	report(c, c->rule, c->rule->severity, o, prop, org, key, path, fix,
	    fmt, ap);
	va_end(ap);
}

void
rule_report_loc(struct rule_ctx *c, const struct loc *loc, const char *kind,
    const char *object, const char *key, const char *fix, const char *fmt,
    ...)
{
	struct arena	*a = c->out->arena;
	struct finding	*f;
	va_list		 ap;
	char		*msg;

	f = findings_add(c->out);
	f->rule = c->rule;
	f->severity = c->rule->severity;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	f->message = arena_strdup(a, msg);
	free(msg);
	f->loc = *loc;
	f->loc.file = arena_strdup(a, loc->file);
	f->loc.pointer = arena_strdup(a, loc->pointer);
	f->kind = kind;
	f->object = arena_strdup(a, object);
	f->logical = arena_printf(a, "%s[\"%s\"]", kind, object);
	f->key = arena_strdup(a, key);
	f->fix = arena_strdup(a, fix);
}

void
rule_report_sev(struct rule_ctx *c, enum severity sev, const struct obj *o,
    const char *prop, const struct org *org, const char *key,
    const char *path, const char *fix, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	report(c, c->rule, sev, o, prop, org, key, path, fix, fmt, ap);
	va_end(ap);
}

static void
report_fixed(struct rule_ctx *c, const struct lint_rule *rule,
    const struct obj *o, const char *prop, const char *key, const char *fix,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	report(c, rule, rule->severity, o, prop, NULL, key, NULL, fix, fmt,
	    ap);
	va_end(ap);
}

void
rule_undecided(struct rule_ctx *c, const struct obj *o, const char *what,
    const char *reexport)
{
	report_fixed(c, &rule_hyb901, o, NULL, what, reexport,
	    "%s '%s': %s, so %s %s could not decide; re-export it with the "
	    "missing data", kind_name(o->kind), o->name, what, c->rule->id,
	    c->rule->name);
}

static int
enabled(const struct engine_opts *eo, size_t i)
{
	return i >= sizeof(eo->enabled) || eo->enabled[i] != 0;
}

/* Run the rules with after_waivers == 'after'. */
static void
run_rules(struct rule_ctx *c, const struct engine_opts *eo, int after)
{
	struct findings	*out = c->out;
	size_t		 i, j, first;

	for (i = 0; i < rule_count; i++) {
		if (!enabled(eo, i) || rule_table[i]->check == NULL ||
		    rule_table[i]->after_waivers != after)
			continue;
		c->rule = rule_table[i];
		first = out->n;
		c->rule->check(c);
		/* Severity overrides apply to what this rule reported. */
		if (i < sizeof(eo->severity) && eo->severity[i] >= 0)
			for (j = first; j < out->n; j++)
				if (out->v[j]->rule == c->rule)
					out->v[j]->severity =
					    (enum severity)eo->severity[i];
	}
}

struct findings *
engine_run(const struct model *m, const struct topo *t, const struct sim *s,
    const struct engine_opts *eo)
{
	struct rule_ctx	 c;
	struct findings	*out = findings_new();
	size_t		 i, j;

	memset(&c, 0, sizeof(c));
	c.m = m;
	c.t = t;
	c.s = s;
	c.asof = eo->asof;
	c.opt = &eo->ropt;
	c.out = out;
	c.arena = out->arena;
	c.waivers = eo->waivers;
	c.nwaivers = eo->nwaivers;
	run_rules(&c, eo, 0);
	/* HYB901 reported on behalf of other rules obeys its own switch. */
	if (!enabled(eo, rule_index(&rule_hyb901))) {
		for (i = j = 0; i < out->n; i++)
			if (out->v[i]->rule != &rule_hyb901)
				out->v[j++] = out->v[i];
		out->n = j;
	}
	findings_finish(out);
	waivers_apply(eo->waivers, eo->nwaivers, out, eo->asof);
	run_rules(&c, eo, 1);
	findings_finish(out);
	return out;
}
