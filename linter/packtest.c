/*
 * packtest.c: a rule pack's fire and silent fixtures, as the built-in
 * rules' are tested (tests/check_rules.c), for a pack author's own CI.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "configfile.h"
#include "engine.h"
#include "pack.h"
#include "packtest.h"
#include "run.h"
#include "xalloc.h"

struct tally {
	FILE	*out;
	size_t	 passed;
	size_t	 failed;
};

static void
result(struct tally *t, const char *id, const char *which, int ok,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
result(struct tally *t, const char *id, const char *which, int ok,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fprintf(t->out, "%-4s  %s %-6s  ", ok ? "ok" : "FAIL", id, which);
	print_safe(t->out, msg);
	fputc('\n', t->out);
	free(msg);
	if (ok)
		t->passed++;
	else
		t->failed++;
}

static int
is_dir(const char *p)
{
	struct stat	st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Lint a fixture with the pack's rules only (and its configuration, if
 * it has one).  NULL, and *why, when it cannot be linted cleanly.
 */
static struct findings *
lint(struct ruleset *rs, const struct pack *p, const char *dir,
    int64_t asof, char **why)
{
	struct run_opts		 ro;
	struct engine_opts	 eo;
	struct diags		 d = { 0 };
	struct config		*cfg = NULL;
	struct findings		*fs = NULL;
	struct run		*r;
	char			*paths[1], *cpath;
	size_t			 i;

	*why = NULL;
	cpath = xasprintf("%s/.hybridlint.json", dir);
	if (access(cpath, F_OK) == 0 &&
	    (cfg = config_load(cpath, rs, &d)) == NULL) {
		*why = xasprintf("its configuration does not load: %s",
		    d.n > 0 ? d.v[0].msg : "?");
		free(cpath);
		diag_free(&d);
		return NULL;
	}
	free(cpath);
	paths[0] = (char *)dir;
	memset(&ro, 0, sizeof(ro));
	ro.paths = paths;
	ro.npaths = 1;
	ro.asof = asof;
	ro.stage = RUN_FLOWS;
	r = run_open(&ro);
	if (r->diags.nerrors > 0) {
		for (i = 0; i < r->diags.n; i++)
			if (r->diags.v[i].level == SEV_ERROR)
				break;
		*why = xasprintf("input error: %s: %s", r->diags.v[i].file,
		    r->diags.v[i].msg);
	} else {
		engine_opts_init(&eo, rs, asof);
		for (i = 0; i < rs->n; i++)
			if (rs->v[i]->source != &p->src)
				eo.set[i].enabled = 0;
		if (cfg != NULL)
			config_apply(cfg, &eo);
		fs = run_lint(r, &eo);
		engine_opts_release(&eo);
	}
	run_close(r);
	config_free(cfg);
	diag_free(&d);
	return fs;
}

/* "severity|text" lines; the number read, or -1 and *why. */
static int
read_expect(const char *path, enum severity **sev, char ***text,
    char **why)
{
	FILE		*fp;
	char		 line[2048], *bar;
	size_t		 n = 0;
	enum severity	 s;

	*sev = NULL;
	*text = NULL;
	if ((fp = fopen(path, "r")) == NULL) {
		*why = xasprintf("no %s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if ((bar = strchr(line, '|')) == NULL || bar[1] == '\0' ||
		    (*bar = '\0', severity_parse(line, &s) == -1)) {
			*why = xasprintf("%s: a line is \"severity|text the "
			    "message contains\", not \"%s\"", path, line);
			fclose(fp);
			return -1;
		}
		*sev = xreallocarray(*sev, n + 1, sizeof(**sev));
		*text = xreallocarray(*text, n + 1, sizeof(**text));
		(*sev)[n] = s;
		(*text)[n] = xstrdup(bar + 1);
		n++;
	}
	fclose(fp);
	if (n == 0)
		*why = xasprintf("%s expects nothing", path);
	return n > 0 ? (int)n : -1;
}

static int
matches(const struct finding *f, enum severity sev, const char *text)
{
	return f->severity == sev && strstr(f->message, text) != NULL;
}

static void
fire(struct tally *t, struct ruleset *rs, const struct pack *p,
    const struct lint_rule *r, const char *dir, int64_t asof)
{
	struct findings	 *fs;
	enum severity	 *sev = NULL;
	char		**text = NULL, *why = NULL, *exp;
	size_t		  i, j, nmine = 0;
	int		  n, found, ok = 1;

	exp = xasprintf("%s/expect", dir);
	n = read_expect(exp, &sev, &text, &why);
	free(exp);
	if (n < 0 || (fs = lint(rs, p, dir, asof, &why)) == NULL) {
		result(t, r->id, "fire", 0, "%s", why);
		goto out;
	}
	for (j = 0; j < fs->n; j++)
		nmine += fs->v[j]->rule == r;
	for (i = 0; i < (size_t)n && ok; i++) {
		for (found = 0, j = 0; j < fs->n && !found; j++)
			found = fs->v[j]->rule == r &&
			    matches(fs->v[j], sev[i], text[i]);
		if (!found) {
			result(t, r->id, "fire", 0, "no %s naming '%s' (%zu "
			    "finding%s of the rule)", severity_name(sev[i]),
			    text[i], nmine, nmine == 1 ? "" : "s");
			ok = 0;
		}
	}
	for (j = 0; j < fs->n && ok; j++) {
		if (fs->v[j]->rule != r)
			continue;
		for (found = 0, i = 0; i < (size_t)n && !found; i++)
			found = matches(fs->v[j], sev[i], text[i]);
		if (!found) {
			result(t, r->id, "fire", 0, "unexpected %s: %s",
			    severity_name(fs->v[j]->severity),
			    fs->v[j]->message);
			ok = 0;
		}
	}
	if (ok)
		result(t, r->id, "fire", 1, "%zu finding%s as expected", nmine,
		    nmine == 1 ? "" : "s");
	findings_free(fs);
out:
	for (i = 0; n > 0 && i < (size_t)n; i++)
		free(text[i]);
	free(text);
	free(sev);
	free(why);
}

static void
silent(struct tally *t, struct ruleset *rs, const struct pack *p,
    const struct lint_rule *r, const char *dir, int64_t asof)
{
	struct findings	*fs;
	char		*why = NULL;
	size_t		 j;

	if ((fs = lint(rs, p, dir, asof, &why)) == NULL) {
		result(t, r->id, "silent", 0, "%s", why);
		free(why);
		return;
	}
	for (j = 0; j < fs->n; j++)
		if (fs->v[j]->rule == r)
			break;
	if (j < fs->n)
		result(t, r->id, "silent", 0, "reported: %s",
		    fs->v[j]->message);
	else
		result(t, r->id, "silent", 1, "no finding");
	findings_free(fs);
}

int
packtest_run(const char *path, int64_t asof, FILE *out, struct diags *diags)
{
	struct ruleset		 rs;
	struct tally		 t;
	const struct pack	*p;
	const struct lint_rule	*r;
	char			*dir;
	size_t			 i, k;
	const char		*which[2] = { "fire", "silent" };

	ruleset_init(&rs);
	if (pack_load(&rs, path, diags) == -1 || rs.npacks == 0) {
		ruleset_release(&rs);
		return 2;
	}
	p = rs.packs[rs.npacks - 1];
	memset(&t, 0, sizeof(t));
	t.out = out;
	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i]->lr;
		for (k = 0; k < 2; k++) {
			dir = xasprintf("%s/tests/%s/%s", p->dir, r->id,
			    which[k]);
			if (!is_dir(dir))
				result(&t, r->id, which[k], 0, "no fixture %s/",
				    dir);
			else if (k == 0)
				fire(&t, &rs, p, r, dir, asof);
			else
				silent(&t, &rs, p, r, dir, asof);
			free(dir);
		}
	}
	fprintf(out, "%s %s: %zu passed, %zu failed\n", p->src.name,
	    p->src.version, t.passed, t.failed);
	ruleset_release(&rs);
	return t.failed > 0 ? 1 : 0;
}
