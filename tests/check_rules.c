/*
 * check_rules.c: the registry, walked as a table.  For every rule: a
 * well-formed descriptor with documentation that cites its source, and
 * two fixtures, tests/rules/<ID>/fire (the rule must report, with the
 * severity and object the `expect` file names) and tests/rules/<ID>/silent
 * (a near miss: the rule must stay silent).  A rule without both fails.
 *
 * expect: one line per expected finding, "severity|text the message
 * contains" (or "reason|", "fix|", "not|": see expect_line()).  More
 * fixtures of either kind may sit beside them, in folders named
 * fire-<what> and silent-<what>; a fixture whose "estate" file names a
 * folder of tests/data/estates lints that folder (several rules' fixtures
 * share one estate, each with its own expect file).  Fixtures are judged
 * at the date FIXTURE_ASOF; a fixture's .hybridlint.json, if any, is its
 * configuration.
 * HL_ONLY_RULES=HYB001,HYB030 limits the fixture runs (for development).
 */
#include <check.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "configfile.h"
#include "engine.h"
#include "props.h"
#include "psparse.h"
#include "run.h"
#include "values.h"
#include "xalloc.h"

#define FIXTURE_ASOF	1795824000	/* 2026-11-28 */

static struct ruleset	rules;		/* the built-in rules */

static char *
fixture(const struct lint_rule *r, const char *which)
{
	const char	*top = getenv("top_srcdir");

	return xasprintf("%s/tests/rules/%s/%s", top != NULL ? top : ".",
	    r->id, which);
}

static int
selected(const struct lint_rule *r)
{
	const char	*only = getenv("HL_ONLY_RULES");

	return only == NULL || *only == '\0' || strstr(only, r->id) != NULL;
}

/*
 * The folder a fixture lints: the fixture itself, or the estate its
 * "estate" file names (a folder of tests/data/estates that several
 * rules' fixtures share, each with its own expect file).
 */
static char *
lint_dir(const char *dir)
{
	const char	*top = getenv("top_srcdir");
	char		*p, line[256];
	FILE		*fp;

	p = xasprintf("%s/estate", dir);
	fp = fopen(p, "r");
	free(p);
	if (fp == NULL)
		return xstrdup(dir);
	ck_assert_msg(fgets(line, sizeof(line), fp) != NULL, "%s/estate is "
	    "empty", dir);
	fclose(fp);
	line[strcspn(line, "\r\n")] = '\0';
	ck_assert_msg(line[0] != '\0' && strchr(line, '/') == NULL &&
	    strcmp(line, "..") != 0, "%s/estate: bad name", dir);
	return xasprintf("%s/tests/data/estates/%s", top != NULL ? top : ".",
	    line);
}

typedef void (*inspect_fn)(const struct findings *, const struct model *,
    const char *dir);

/*
 * Run everything on a folder; 'inspect', if not NULL, sees the findings
 * with the model they were found on.  The caller frees the findings.
 */
static struct findings *
lint_inspect(const char *dir, struct diags *diags, inspect_fn inspect)
{
	struct run_opts		 ro;
	struct engine_opts	 eo;
	struct run		*r;
	struct findings		*fs;
	struct config		*cfg = NULL;
	char			*paths[1], *cpath, *target;
	size_t			 i;

	target = lint_dir(dir);
	paths[0] = target;
	memset(&ro, 0, sizeof(ro));
	ro.paths = paths;
	ro.npaths = 1;
	ro.asof = FIXTURE_ASOF;
	ro.stage = RUN_FLOWS;
	r = run_open(&ro);
	engine_opts_init(&eo, &rules, FIXTURE_ASOF);
	/* A fixture may carry a configuration (waivers, options). */
	cpath = xasprintf("%s/.hybridlint.json", dir);
	if (access(cpath, R_OK) == 0) {
		cfg = config_load(cpath, &rules, diags);
		ck_assert_msg(cfg != NULL, "%s does not load", cpath);
		config_apply(cfg, &eo);
	}
	free(cpath);
	fs = run_lint(r, &eo);
	for (i = 0; i < r->diags.n; i++)
		diag_add(diags, r->diags.v[i].level, r->diags.v[i].file,
		    r->diags.v[i].line, r->diags.v[i].col, "%s",
		    r->diags.v[i].msg);
	if (inspect != NULL)
		inspect(fs, r->m, dir);
	engine_opts_release(&eo);
	config_free(cfg);
	run_close(r);
	free(target);
	return fs;
}

static struct findings *
lint(const char *dir, struct diags *diags)
{
	return lint_inspect(dir, diags, NULL);
}

START_TEST(test_table)
{
	const struct lint_rule	*r;
	size_t			 i, j;
	const char		*p;

	ck_assert_uint_gt(rules.n, 30);
	for (i = 0; i < rules.n; i++) {
		r = rules.v[i];
		ck_assert_msg(strlen(r->id) == 6 && strncmp(r->id, "HYB", 3) ==
		    0 && isdigit((unsigned char)r->id[3]) &&
		    isdigit((unsigned char)r->id[4]) &&
		    isdigit((unsigned char)r->id[5]), "bad id %s", r->id);
		if (i > 0)
			ck_assert_msg(strcmp(rules.v[i - 1]->id, r->id) < 0,
			    "%s is out of order", r->id);
		for (p = r->name; *p; p++)
			ck_assert_msg(islower((unsigned char)*p) ||
			    isdigit((unsigned char)*p) || *p == '-',
			    "%s: name %s is not kebab-case", r->id, r->name);
		for (j = 0; j < i; j++)
			ck_assert_msg(strcmp(rules.v[j]->name, r->name) != 0,
			    "%s: duplicate name", r->id);
		ck_assert_msg(r->check != NULL, "%s has no check function",
		    r->id);
		ck_assert_msg(r->summary != NULL && *r->summary != '\0' &&
		    r->summary[strlen(r->summary) - 1] != '.',
		    "%s: summary missing or ends with a full stop", r->id);
		ck_assert_msg(r->doc != NULL && strlen(r->doc) > 300,
		    "%s: documentation missing or too short", r->id);
		ck_assert_msg(strstr(r->doc, "Source") != NULL,
		    "%s: documentation cites no source", r->id);
		ck_assert_msg(strstr(r->doc, "How to fix") != NULL,
		    "%s: documentation says nothing about the fix", r->id);
		/* It cites what users have, not this project's notes. */
		ck_assert_msg(strstr(r->doc, "DESIGN.md") == NULL &&
		    strstr(r->doc, "reference/") == NULL &&
		    strstr(r->doc, "HX-") == NULL,
		    "%s: documentation cites project-internal notes", r->id);
		ck_assert_msg(r->security_severity != NULL &&
		    valid_security_severity(r->security_severity),
		    "%s: no security severity, or not 0.0-10.0", r->id);
		ck_assert_ptr_eq(ruleset_find(&rules, r->id), r);
		ck_assert_ptr_eq(ruleset_find(&rules, r->name), r);
		for (j = 0; j < rule_noptions(r); j++) {
			const struct rule_option *o = &r->options[j];

			ck_assert_msg(o->doc != NULL && o->min <= o->def &&
			    o->def <= o->max, "%s: option %s: no doc, or its "
			    "default is out of range", r->id, o->name);
			ck_assert_msg(o->at_least == NULL ||
			    rule_option_index(r, o->at_least) >= 0,
			    "%s: option %s: at_least names no option", r->id,
			    o->name);
		}
	}
}
END_TEST

/*
 * The fixtures of a rule whose folder is 'kind' ("fire", "silent") or
 * starts with 'kind' and a dash ("silent-addon"), sorted; NULL-ended.
 */
static char **
fixtures(const struct lint_rule *r, const char *kind)
{
	struct dirent	**ents = NULL;
	char		**v, *top;
	size_t		  l = strlen(kind), nv = 0;
	int		  i, n;

	top = fixture(r, "");
	n = scandir(top, &ents, NULL, alphasort);
	v = xcalloc(n > 0 ? (size_t)n + 1 : 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		if (strncmp(ents[i]->d_name, kind, l) == 0 &&
		    (ents[i]->d_name[l] == '\0' || ents[i]->d_name[l] == '-'))
			v[nv++] = xasprintf("%s%s", top, ents[i]->d_name);
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
	free(top);
	return v;
}

static void
fixtures_free(char **v)
{
	size_t	i;

	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* Does some finding of rule r carry 'text' in its reasons? */
static int
has_reason(const struct findings *fs, const struct lint_rule *r,
    const char *text)
{
	size_t	i, j;

	for (i = 0; i < fs->n; i++)
		for (j = 0; fs->v[i]->rule == r && j < fs->v[i]->nreasons; j++)
			if (strstr(fs->v[i]->reasons[j], text) != NULL)
				return 1;
	return 0;
}

/* ... in its message (what 0), its fix (1), or either (2)? */
static int
has_text(const struct findings *fs, const struct lint_rule *r,
    const char *text, int what)
{
	const struct finding	*f;
	size_t			 i;

	for (i = 0; i < fs->n; i++) {
		f = fs->v[i];
		if (f->rule != r)
			continue;
		if (what != 1 && strstr(f->message, text) != NULL)
			return 1;
		if (what != 0 && f->fix != NULL && strstr(f->fix, text) != NULL)
			return 1;
	}
	return 0;
}

/*
 * One line of an expect file: "severity|text" (a finding of that severity
 * whose message holds text), "reason|text" (one whose reasons hold it),
 * "fix|text" (one whose fix holds it), "not|text" (no finding's message
 * or fix holds it).
 */
static void
expect_line(const struct lint_rule *r, const struct findings *fs,
    char *line, const char *dir)
{
	enum severity	 sev;
	char		*bar;
	size_t		 j;
	int		 found;

	ck_assert_msg((bar = strchr(line, '|')) != NULL,
	    "%s: bad expect line '%s'", r->id, line);
	*bar++ = '\0';
	if (strcmp(line, "reason") == 0) {
		ck_assert_msg(has_reason(fs, r, bar), "%s gave no reason "
		    "naming '%s' on %s", r->id, bar, dir);
		return;
	}
	if (strcmp(line, "fix") == 0) {
		ck_assert_msg(has_text(fs, r, bar, 1), "%s printed no fix "
		    "naming '%s' on %s", r->id, bar, dir);
		return;
	}
	if (strcmp(line, "not") == 0) {
		ck_assert_msg(!has_text(fs, r, bar, 2), "%s reported '%s' on "
		    "%s", r->id, bar, dir);
		return;
	}
	ck_assert_msg(severity_parse(line, &sev) == 0,
	    "%s: bad severity '%s'", r->id, line);
	for (found = 0, j = 0; j < fs->n && !found; j++)
		found = fs->v[j]->rule == r && fs->v[j]->severity == sev &&
		    strstr(fs->v[j]->message, bar) != NULL;
	ck_assert_msg(found, "%s did not report a %s naming '%s' on %s",
	    r->id, line, bar, dir);
}

static void
fire(const struct lint_rule *r, const char *dir)
{
	struct diags		 diags = { 0 };
	struct findings		*fs;
	char			*exp, line[1024];
	FILE			*fp;
	size_t			 j;
	int			 nexp = 0;

	exp = xasprintf("%s/expect", dir);
	ck_assert_msg((fp = fopen(exp, "r")) != NULL, "%s: no %s", r->id, exp);
	fs = lint(dir, &diags);
	ck_assert_msg(diags.nerrors == 0, "%s: fixture %s has input errors: "
	    "%s", r->id, dir, diags.n ? diags.v[0].msg : "");
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		expect_line(r, fs, line, dir);
		nexp++;
	}
	fclose(fp);
	ck_assert_msg(nexp > 0, "%s: %s expects nothing", r->id, exp);
	/* Every finding carries a location and a fingerprint. */
	for (j = 0; j < fs->n; j++)
		if (fs->v[j]->rule == r) {
			ck_assert_ptr_nonnull(fs->v[j]->loc.file);
			ck_assert_ptr_nonnull(fs->v[j]->fingerprint);
		}
	findings_free(fs);
	diag_free(&diags);
	free(exp);
}

START_TEST(test_fixtures_fire)
{
	const struct lint_rule	*r = rules.v[_i];
	char			**dirs;
	size_t			  i;

	if (!selected(r))
		return;
	dirs = fixtures(r, "fire");
	ck_assert_msg(dirs[0] != NULL, "%s: no fixture %s/fire", r->id,
	    r->id);
	for (i = 0; dirs[i] != NULL; i++)
		fire(r, dirs[i]);
	fixtures_free(dirs);
}
END_TEST

static void
silent(const struct lint_rule *r, const char *dir)
{
	struct diags		 diags = { 0 };
	struct findings		*fs;
	size_t			 j;

	fs = lint(dir, &diags);
	ck_assert_msg(diags.nerrors == 0, "%s: fixture %s has input errors: "
	    "%s", r->id, dir, diags.n ? diags.v[0].msg : "");
	for (j = 0; j < fs->n; j++)
		ck_assert_msg(fs->v[j]->rule != r, "%s reported on its silent "
		    "fixture %s: %s", r->id, dir, fs->v[j]->message);
	findings_free(fs);
	diag_free(&diags);
}

START_TEST(test_fixtures_silent)
{
	const struct lint_rule	*r = rules.v[_i];
	char			**dirs;
	size_t			  i;

	if (!selected(r))
		return;
	dirs = fixtures(r, "silent");
	ck_assert_msg(dirs[0] != NULL, "%s: no fixture %s/silent", r->id,
	    r->id);
	for (i = 0; dirs[i] != NULL; i++)
		silent(r, dirs[i]);
	fixtures_free(dirs);
}
END_TEST

/*
 * Every line of every fix is a comment or one PowerShell command whose
 * arguments are literals: what an administrator pastes can never run
 * anything a value from the inputs put there.
 */
static void
check_fix_lines(const struct findings *fs, const char *dir)
{
	const char	*p, *nl;
	char		*line, why[256];
	size_t		 i;

	for (i = 0; i < fs->n; i++) {
		if (!selected(fs->v[i]->rule))
			continue;
		for (p = fs->v[i]->fix; p != NULL && *p != '\0'; p = nl) {
			nl = strchr(p, '\n');
			line = xstrndup(p, nl != NULL ? (size_t)(nl - p) :
			    strlen(p));
			ck_assert_msg(ps_is_comment_line(line) ||
			    ps_is_single_literal_command(line, why,
			    sizeof(why)), "%s on %s: fix line is neither a "
			    "comment nor one command with literal arguments "
			    "(%s): %s", fs->v[i]->rule->id, dir, why, line);
			free(line);
			nl = nl != NULL ? nl + 1 : p + strlen(p);
		}
	}
}

/* The record of kind k that a fix's -Identity names, or NULL. */
static const struct obj *
fix_target(const struct model *m, enum kind k, const char *id)
{
	const struct obj	*o;
	const char		*bs;
	size_t			 i;

	for (i = 0; i < m->nobjs[k]; i++) {
		o = m->objs[k][i];
		bs = strchr(id, '\\');
		if ((o->name != NULL && (strcasecmp(o->name, id) == 0 ||
		    (bs != NULL && strcasecmp(o->name, bs + 1) == 0))) ||
		    (o->identity != NULL && strcasecmp(o->identity, id) == 0))
			return o;
	}
	return NULL;
}

/* Does a literal argument give the property the value it has? */
static int
same_value(const struct ps_value *v, const struct pval *cur)
{
	if (v == NULL || !cur->known)
		return 0;
	switch (cur->type) {
	case PT_BOOL:
		return v->kind == PSV_BOOL && v->b == (cur->i != 0);
	case PT_STRING:
	case PT_ENUM:
	case PT_DN:
		return v->kind == PSV_STRING && cur->s != NULL &&
		    strcasecmp(v->str, cur->s) == 0;
	case PT_LIST:
		return v->kind == PSV_STRING && cur->n == 1 &&
		    strcasecmp(v->str, cur->v[0]) == 0;
	default:
		return 0;
	}
}

/*
 * No fix sets a property of the object it names to the value the export
 * says it has: such a line changes nothing and hides the real fault.
 */
static void
check_no_op_fixes(const struct findings *fs, const struct model *m,
    const char *dir)
{
	struct diags		 d = { 0 };
	struct ps_script	*ps;
	const struct ps_command	*cmd;
	const struct propdef	*pd;
	const struct obj	*o;
	struct pval		 cur;
	struct arena		*a = arena_new();
	const char		*id;
	char			 get[128];
	size_t			 i, j;
	enum kind		 k;

	for (i = 0; i < fs->n; i++) {
		if (!selected(fs->v[i]->rule) || fs->v[i]->fix == NULL ||
		    (ps = ps_parse("fix", fs->v[i]->fix,
		    strlen(fs->v[i]->fix), &d)) == NULL)
			continue;
		for (j = 0; j < ps->ncmds; j++) {
			cmd = ps->cmds[j];
			if (strncasecmp(cmd->name, "Set-", 4) != 0)
				continue;
			snprintf(get, sizeof(get), "Get-%s", cmd->name + 4);
			for (k = 0; k < K__COUNT; k++)
				if (strcasecmp(kind_cmdlet(k), get) == 0)
					break;
			id = NULL;
			for (size_t l = 0; k < K__COUNT && l < cmd->nargs; l++)
				if (cmd->args[l].param != NULL &&
				    strcasecmp(cmd->args[l].param,
				    "Identity") == 0 && cmd->args[l].value !=
				    NULL)
					id = cmd->args[l].value->str;
			if (id == NULL || (o = fix_target(m, k, id)) == NULL)
				continue;
			for (size_t l = 0; l < cmd->nargs; l++) {
				if (cmd->args[l].param == NULL ||
				    strcasecmp(cmd->args[l].param,
				    "Identity") == 0 ||
				    (pd = prop_find(k, cmd->args[l].param)) ==
				    NULL)
					continue;
				prop_value(pd, o, a, &cur);
				ck_assert_msg(!same_value(cmd->args[l].value,
				    &cur), "%s on %s: the fix sets %s of '%s' "
				    "to the value it has: %s", fs->v[i]->rule->id,
				    dir, pd->name, id, cmd->text);
			}
		}
		ps_script_free(ps);
	}
	diag_free(&d);
	arena_free(a);
}

/* A value for a parameter that takes a domain name: never an address. */
static int
domain_value(const char *s)
{
	struct ipaddr	 ip;
	const char	*b = strncmp(s, "*.", 2) == 0 ? s + 2 : s;

	return dn_valid(s, 1) && strchr(b, '.') != NULL &&
	    parse_ipaddr(b, &ip) == -1;
}

/* SenderIPAddresses takes single IPv4 addresses and CIDR /24 to /32. */
static int
sender_ip_value(const char *s)
{
	struct iprange	r;

	return parse_iprange(s, &r) == 0 && r.lo.family == 4 &&
	    r.fmt != IPR_LOHI && (r.prefix == -1 || r.prefix >= 24);
}

/*
 * Every string a value sets: lists, and @{Add=...} (what @{Remove=...}
 * takes away need not be valid: it may be the very fault).
 */
static int
each_string(const struct ps_value *v, int (*ok)(const char *),
    const char **bad)
{
	size_t	i;

	if (v == NULL || v->kind == PSV_NULL)
		return 1;
	if (v->kind == PSV_STRING && !ok(v->str)) {
		*bad = v->str;
		return 0;
	}
	for (i = 0; (v->kind == PSV_LIST || v->kind == PSV_HASH) &&
	    i < v->nitems; i++) {
		if (v->kind == PSV_HASH && strcasecmp(v->keys[i],
		    "Remove") == 0)
			continue;
		if (!each_string(v->items[i], ok, bad))
			return 0;
	}
	return 1;
}

static const struct inbound_connector *
inbound_named(const struct model *m, const char *name)
{
	const struct inbound_connector	*ic;
	size_t				 i;

	MODEL_FOREACH(m, K_INBOUND, const struct inbound_connector, ic, i)
		if (strcmp(ic->o.name, name) == 0 ||
		    strcmp(ic->o.identity, name) == 0)
			return ic;
	return NULL;
}

/*
 * One fix command's values are valid for their parameters: a domain name
 * where one is taken (-TlsDomain, -TlsSenderCertificateName, -Fqdn),
 * IPv4 addresses and /24 to /32 networks in -SenderIPAddresses, and never
 * a certificate name for an inbound connector that admits devices and
 * applications by address.
 */
static void
check_command(const struct finding *f, const struct ps_command *cmd,
    const struct model *m, const char *dir)
{
	const struct inbound_connector	*ic = NULL;
	const struct ps_arg		*a;
	const char			*bad = NULL;
	size_t				 i;

	for (i = 0; i < cmd->nargs; i++) {
		a = &cmd->args[i];
		if (a->param == NULL || a->value == NULL)
			continue;
		if (strcasecmp(a->param, "Identity") == 0 &&
		    a->value->kind == PSV_STRING &&
		    strcasecmp(cmd->name, "Set-InboundConnector") == 0)
			ic = inbound_named(m, a->value->str);
		if (strcasecmp(a->param, "TlsDomain") == 0 ||
		    strcasecmp(a->param, "TlsSenderCertificateName") == 0 ||
		    strcasecmp(a->param, "Fqdn") == 0)
			ck_assert_msg(each_string(a->value, domain_value, &bad),
			    "%s on %s: -%s takes a domain name, not '%s': %s",
			    f->rule->id, dir, a->param, bad, cmd->text);
		if (strcasecmp(a->param, "SenderIPAddresses") == 0)
			ck_assert_msg(each_string(a->value, sender_ip_value,
			    &bad), "%s on %s: -SenderIPAddresses takes IPv4 "
			    "addresses and /24 to /32 networks, not '%s': %s",
			    f->rule->id, dir, bad, cmd->text);
	}
	for (i = 0; ic != NULL && i < cmd->nargs; i++) {
		a = &cmd->args[i];
		ck_assert_msg(a->param == NULL || a->value == NULL ||
		    a->value->kind == PSV_NULL || strcasecmp(a->param,
		    "TlsSenderCertificateName") != 0 || !ic_serves_devices(ic),
		    "%s on %s: '%s' admits devices by address, and the fix "
		    "names a certificate for it: %s", f->rule->id, dir,
		    ic->o.name, cmd->text);
	}
}

static void
check_fix_values(const struct findings *fs, const struct model *m,
    const char *dir)
{
	struct ps_script	*ps;
	struct diags		 d = { 0 };
	size_t			 i, j;

	for (i = 0; i < fs->n; i++) {
		if (fs->v[i]->fix == NULL)
			continue;
		ps = ps_parse("fix", fs->v[i]->fix, strlen(fs->v[i]->fix), &d);
		ck_assert_msg(ps != NULL, "%s on %s: fix does not parse: %s",
		    fs->v[i]->rule->id, dir, d.n ? d.v[0].msg : "");
		for (j = 0; j < ps->ncmds; j++)
			check_command(fs->v[i], ps->cmds[j], m, dir);
		ps_script_free(ps);
		diag_free(&d);
	}
}

/* Every finding of a hybrid rule names the hybrid evidence it relied on. */
static void
check_reasons(const struct findings *fs, const char *dir)
{
	size_t	i;

	for (i = 0; i < fs->n; i++)
		if (fs->v[i]->rule->flags & RULE_HYBRID)
			ck_assert_msg(fs->v[i]->nreasons > 0 &&
			    strncmp(fs->v[i]->reasons[0], "hybrid deployment: ",
			    19) == 0, "%s on %s: no hybrid evidence among the "
			    "reasons", fs->v[i]->rule->id, dir);
}

/* What every fixture's findings are held to besides their fix lines. */
static void
check_every(const struct findings *fs, const struct model *m,
    const char *dir)
{
	check_no_op_fixes(fs, m, dir);
	check_fix_values(fs, m, dir);
	check_reasons(fs, dir);
}

/*
 * An organization that relays through Exchange Online with a certificate
 * connector and never ran the Hybrid Configuration Wizard has a
 * coexistence domain like every tenant: no hybrid rule speaks of it.
 */
START_TEST(test_hybrid_gate)
{
	const char		*top = getenv("top_srcdir");
	struct diags		 diags = { 0 };
	struct findings		*fs;
	char			*dir;
	size_t			 i, nhybrid = 0;

	for (i = 0; i < rules.n; i++)
		if (rules.v[i]->flags & RULE_HYBRID)
			nhybrid++;
	ck_assert_uint_ge(nhybrid, 11);
	dir = xasprintf("%s/tests/data/estates/relay-only",
	    top != NULL ? top : ".");
	fs = lint(dir, &diags);
	ck_assert_uint_eq(diags.nerrors, 0);
	for (i = 0; i < fs->n; i++)
		ck_assert_msg(!(fs->v[i]->rule->flags & RULE_HYBRID),
		    "%s reported on an organization without hybrid: %s",
		    fs->v[i]->rule->id, fs->v[i]->message);
	findings_free(fs);
	diag_free(&diags);
	free(dir);
}
END_TEST

START_TEST(test_fix_lines)
{
	const struct lint_rule	*r = rules.v[_i];
	struct diags		 diags = { 0 };
	struct findings		*fs;
	char			**dirs;
	size_t			  i;
	int			  k;

	if (!selected(r))
		return;
	for (k = 0; k < 2; k++) {
		dirs = fixtures(r, k == 0 ? "fire" : "silent");
		for (i = 0; dirs[i] != NULL; i++) {
			fs = lint_inspect(dirs[i], &diags, check_every);
			check_fix_lines(fs, dirs[i]);
			findings_free(fs);
			diag_free(&diags);
		}
		fixtures_free(dirs);
	}
}
END_TEST

/* The same over the samples and the scenarios of tests/data. */
START_TEST(test_fix_lines_scenarios)
{
	static const char *const roots[] = { "samples", "tests/data/scenarios",
	    NULL };
	const char	*top = getenv("top_srcdir");
	struct diags	 diags = { 0 };
	struct findings	*fs;
	struct dirent	*e;
	DIR		*d;
	char		*root, *dir;
	size_t		 i, n = 0;

	for (i = 0; roots[i] != NULL; i++) {
		root = xasprintf("%s/%s", top != NULL ? top : ".", roots[i]);
		ck_assert_msg((d = opendir(root)) != NULL, "no %s", root);
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			dir = xasprintf("%s/%s/topology.json", root, e->d_name);
			if (access(dir, R_OK) == 0) {
				dir[strlen(dir) - strlen("/topology.json")] =
				    '\0';
				fs = lint_inspect(dir, &diags,
				    check_no_op_fixes);
				check_fix_lines(fs, dir);
				findings_free(fs);
				diag_free(&diags);
				n++;
			}
			free(dir);
		}
		closedir(d);
		free(root);
	}
	ck_assert_uint_ge(n, 3);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("rules");
	TCase	*tc = tcase_create("registry");
	TCase	*tf = tcase_create("fixtures");
	SRunner	*sr;
	int	 nf;

	tcase_add_test(tc, test_table);
	suite_add_tcase(s, tc);
	ruleset_init(&rules);
	tcase_add_loop_test(tf, test_fixtures_fire, 0, (int)rules.n);
	tcase_add_loop_test(tf, test_fixtures_silent, 0, (int)rules.n);
	tcase_add_loop_test(tf, test_fix_lines, 0, (int)rules.n);
	tcase_add_test(tf, test_fix_lines_scenarios);
	tcase_add_test(tf, test_hybrid_gate);
	tcase_set_timeout(tf, 60);
	suite_add_tcase(s, tf);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	ruleset_release(&rules);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
