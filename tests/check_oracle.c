/*
 * check_oracle.c: every fix hybridlint prints, proven by applying it.
 *
 * For every finding of every rule fixture (tests/rules/<ID>/fire and
 * silent) and of the samples, the finding's fix lines are applied to the
 * same exports with the change reader (as --change does), scoped to the
 * finding's organization ("#hybridlint: org=ID"), and the run is linted
 * again: the finding must be gone, and no finding at warning or above
 * that the exports did not have may appear.  A fix that names another
 * rule's fix as its prerequisite ("Apply HYB030's fix first") gets that
 * rule's fixes of the same organization applied before it.
 *
 * A finding whose fix another finding's holds (resolved_by) gets that
 * one applied.  A fix that holds no command (only comments: a
 * certificate to buy, data to re-export) is manual (the finding says so
 * in JSON and SARIF): it is counted and listed, not applied.  Fixes known not to hold yet are in
 * 'known' below, each with the reason; one that holds again is reported
 * so that it can leave the list.
 *
 * Then the seed: the fixes of samples/varunagroup applied in the order
 * check prints them give the findings of samples/varunagroup-fixed, and
 * the breaking change on samples/varunagroup-fixed brings HYB001 back.
 *
 * HL_ORACLE_VERBOSE=1 prints every finding tried and the manual ones.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "change.h"
#include "compare.h"
#include "configfile.h"
#include "engine.h"
#include "run.h"
#include "xalloc.h"

#define FIXTURE_ASOF	1795824000	/* 2026-11-28 */

/*
 * Fixes that do not hold, each with why: rule id, fixture (a suffix of
 * its folder), reason.
 */
static const struct {
	const char	*rule;
	const char	*where;
	const char	*why;
} known[] = {
	{ "HYB036", "HYB036/fire", "the certificate must first be exported "
	    "with its private key on one Edge and imported on the other (a "
	    "PFX and a password: comment lines); the one command left, "
	    "Enable-ExchangeCertificate without -Server, names the copy on the "
	    "first Edge, already SMTP-enabled: the fix is manual as a whole" },
	{ NULL, NULL, NULL }
};

static struct ruleset	rules;
static size_t		ntried, nmanual, nknown;

static const char *
top(void)
{
	const char	*t = getenv("top_srcdir");

	return t != NULL ? t : ".";
}

static int
verbose(void)
{
	const char	*v = getenv("HL_ORACLE_VERBOSE");

	return v != NULL && *v == '1';
}

/* The run of a folder, with a change applied first (NULL: none). */
static struct run *
open_dir(const char *dir, const struct change_set *cs)
{
	struct run_opts	 ro;
	char		*paths[1];

	paths[0] = (char *)dir;
	memset(&ro, 0, sizeof(ro));
	ro.paths = paths;
	ro.npaths = 1;
	ro.asof = FIXTURE_ASOF;
	ro.stage = RUN_FLOWS;
	ro.changes = cs;
	return run_open(&ro);
}

/* The findings of a run, with the fixture's configuration if any. */
static struct findings *
lint(const struct run *r, const char *dir)
{
	struct engine_opts	 eo;
	struct findings		*fs;
	struct config		*cfg = NULL;
	struct diags		 d = { 0 };
	char			*cpath;

	engine_opts_init(&eo, &rules, FIXTURE_ASOF);
	cpath = xasprintf("%s/.hybridlint.json", dir);
	if (access(cpath, R_OK) == 0) {
		cfg = config_load(cpath, &rules, &d);
		ck_assert_msg(cfg != NULL, "%s does not load", cpath);
		config_apply(cfg, &eo);
	}
	free(cpath);
	fs = run_lint(r, &eo);
	engine_opts_release(&eo);
	config_free(cfg);
	diag_free(&d);
	return fs;
}

static const char *
known_why(const struct finding *f, const char *dir)
{
	size_t	i, l = strlen(dir), k;

	for (i = 0; known[i].rule != NULL; i++) {
		k = strlen(known[i].where);
		if (strcmp(known[i].rule, f->rule->id) == 0 && l >= k &&
		    strcmp(dir + l - k, known[i].where) == 0)
			return known[i].why;
	}
	return NULL;
}

static int
has_fp(const struct findings *fs, const char *fp)
{
	size_t	i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i]->fingerprint, fp) == 0)
			return 1;
	return 0;
}

/* The fixes this one names as its prerequisite ("Apply HYBnnn's fix"). */
static void
prerequisites(struct buf *b, const struct findings *fs,
    const struct finding *f)
{
	const char	*p;
	char		 id[7];
	size_t		 i;

	for (p = f->fix; (p = strstr(p, "Apply HYB")) != NULL; p++) {
		memcpy(id, p + 6, 6);
		id[6] = '\0';
		for (i = 0; i < fs->n; i++)
			if (strcmp(fs->v[i]->rule->id, id) == 0 &&
			    fs->v[i] != f && !fs->v[i]->manual &&
			    fs->v[i]->fix != NULL && fs->v[i]->org != NULL &&
			    f->org != NULL &&
			    strcmp(fs->v[i]->org, f->org) == 0)
				buf_printf(b, "%s\n", fs->v[i]->fix);
	}
}

/*
 * Apply one finding's fix to the folder and judge the result: NULL when
 * it holds, else why not (malloc'd).
 */
static char *
try_fix(const char *dir, const struct findings *fs0, const struct finding *f)
{
	const struct finding	*src;
	struct change_set	*cs;
	struct diags		 d = { 0 };
	struct buf		 b = { 0 };
	struct findings		*fs1;
	struct run		*r;
	char			*why = NULL;
	size_t			 i;

	/* A finding another's fix resolves points to it: apply that one. */
	src = f->resolved_by != NULL ? f->resolved_by : f;
	if (f->org != NULL)
		buf_printf(&b, "#hybridlint: org=%s\n", f->org);
	prerequisites(&b, fs0, src);
	buf_printf(&b, "%s\n", src->fix);
	if ((cs = change_parse("fix.ps1", dir, b.p, b.len, &d)) == NULL) {
		why = xasprintf("the fix does not parse: %u:%u: %s",
		    d.v[0].line, d.v[0].col, d.v[0].msg);
		goto out;
	}
	r = open_dir(dir, cs);
	if (r->change_failed) {
		for (i = 0; i < r->diags.n; i++)
			if (r->diags.v[i].level == SEV_ERROR &&
			    strcmp(r->diags.v[i].file, "fix.ps1") == 0)
				break;
		why = xasprintf("the fix does not apply: %s", i < r->diags.n ?
		    r->diags.v[i].msg : "?");
	} else {
		fs1 = lint(r, dir);
		if (has_fp(fs1, f->fingerprint))
			why = xasprintf("the finding is still there");
		for (i = 0; why == NULL && i < fs1->n; i++)
			if (fs1->v[i]->severity >= SEV_WARNING &&
			    !fs1->v[i]->waived &&
			    !has_fp(fs0, fs1->v[i]->fingerprint))
				why = xasprintf("it introduces %s %s: %s",
				    fs1->v[i]->rule->id,
				    severity_name(fs1->v[i]->severity),
				    fs1->v[i]->message);
		findings_free(fs1);
	}
	run_close(r);
	change_free(cs);
out:
	buf_free(&b);
	diag_free(&d);
	return why;
}

/* Every finding of one folder; how many fixes do not hold. */
static size_t
oracle_dir(const char *dir)
{
	struct findings	*fs0;
	struct run	*r;
	const char	*known_reason;
	char		*why;
	size_t		 i, nfail = 0;

	r = open_dir(dir, NULL);
	fs0 = lint(r, dir);
	for (i = 0; i < fs0->n; i++) {
		const struct finding *f = fs0->v[i];

		if (f->fix == NULL || f->manual) {
			nmanual++;
			if (verbose())
				printf("manual: %s on %s: %s\n", f->rule->id,
				    dir, f->message);
			continue;
		}
		ntried++;
		why = try_fix(dir, fs0, f);
		known_reason = known_why(f, dir);
		if (verbose())
			printf("%s %s on %s: %s\n", why == NULL ? "holds" :
			    "FAILS", f->rule->id, dir, why != NULL ? why : "");
		if (why != NULL && known_reason != NULL)
			nknown++;
		else if (why == NULL && known_reason != NULL)
			printf("note: %s on %s holds now; take it off the "
			    "known list\n", f->rule->id, dir);
		if (why != NULL && known_reason == NULL) {
			fprintf(stderr, "%s on %s: the fix does not hold: %s\n"
			    "fix:\n%s\n", f->rule->id, dir, why, f->fix);
			nfail++;
		}
		free(why);
	}
	findings_free(fs0);
	run_close(r);
	return nfail;
}

START_TEST(test_fixtures)
{
	const struct lint_rule	*r = rules.v[_i];
	char			*dir;
	size_t			 nfail = 0;
	int			 k;

	for (k = 0; k < 2; k++) {
		dir = xasprintf("%s/tests/rules/%s/%s", top(), r->id,
		    k == 0 ? "fire" : "silent");
		if (access(dir, R_OK) == 0)
			nfail += oracle_dir(dir);
		free(dir);
	}
	ck_assert_msg(nfail == 0, "%s's fixtures: %zu fixes do not hold (see "
	    "above)", r->id, nfail);
}
END_TEST

START_TEST(test_samples)
{
	static const char *const samples[] = {
		"varunagroup", "varunagroup-fixed", "contoso-healthy", NULL
	};
	char	*dir;
	size_t	 i, nfail = 0;

	for (i = 0; samples[i] != NULL; i++) {
		dir = xasprintf("%s/samples/%s", top(), samples[i]);
		nfail += oracle_dir(dir);
		free(dir);
	}
	ck_assert_msg(nfail == 0, "samples: %zu fixes do not hold", nfail);
	printf("fix oracle: %zu fixes applied, %zu known not to hold, "
	    "%zu manual\n", ntried, nknown, nmanual);
}
END_TEST

/* The fixes of a folder's findings, in the order check prints them. */
static char *
all_fixes(const struct findings *fs)
{
	struct buf	b = { 0 };
	size_t		i;

	buf_adds(&b, "");
	for (i = 0; i < fs->n; i++)
		if (fs->v[i]->fix != NULL)
			buf_printf(&b, "%s\n", fs->v[i]->fix);
	return buf_steal(&b);
}

START_TEST(test_seed)
{
	struct change_set	*cs;
	struct findings		*fs0, *fs1, *fixed;
	struct diags		 d = { 0 };
	struct run		*r0, *r1, *rf;
	char			*seed, *good, *text;
	size_t			 i;

	seed = xasprintf("%s/samples/varunagroup", top());
	good = xasprintf("%s/samples/varunagroup-fixed", top());
	r0 = open_dir(seed, NULL);
	fs0 = lint(r0, seed);
	ck_assert_uint_gt(fs0->n, 3);
	text = all_fixes(fs0);
	cs = change_parse("fixes.ps1", seed, text, strlen(text), &d);
	ck_assert_msg(cs != NULL, "the seed's fixes do not parse");
	r1 = open_dir(seed, cs);
	ck_assert_msg(!r1->change_failed, "the seed's fixes do not apply: %s",
	    r1->diags.n > 0 ? r1->diags.v[r1->diags.n - 1].msg : "?");
	fs1 = lint(r1, seed);
	rf = open_dir(good, NULL);
	fixed = lint(rf, good);
	/* The same findings as the fixed sample: none at warning or above. */
	ck_assert_uint_eq(fs1->n, fixed->n);
	for (i = 0; i < fs1->n; i++) {
		ck_assert_msg(fs1->v[i]->severity < SEV_WARNING, "%s: %s",
		    fs1->v[i]->rule->id, fs1->v[i]->message);
		ck_assert(has_fp(fixed, fs1->v[i]->fingerprint));
	}
	findings_free(fs0);
	findings_free(fs1);
	findings_free(fixed);
	run_close(r1);
	run_close(r0);
	run_close(rf);
	change_free(cs);
	free(text);
	free(seed);
	free(good);
}
END_TEST

START_TEST(test_breaking_change)
{
	static const char	 line[] = "Set-InboundConnector -Identity "
	    "'Inbound from 3c1f8e2a-5d47-4b9e-a2c6-81f0d93e7b14' "
	    "-TlsSenderCertificateName *.varunagroup.de\n";
	struct change_set	*cs;
	struct comparison	*cmp;
	struct findings		*fb, *fa;
	struct diags		 d = { 0 };
	struct run		*rb, *ra;
	char			*good;
	size_t			 i;
	int			 back = 0;

	good = xasprintf("%s/samples/varunagroup-fixed", top());
	cs = change_parse(CHANGE_INLINE, ".", line, strlen(line), &d);
	ck_assert_ptr_nonnull(cs);
	rb = open_dir(good, NULL);
	ra = run_fork(rb, cs, RUN_FLOWS);
	ck_assert(!ra->change_failed);
	fb = lint(rb, good);
	fa = lint(ra, good);
	cmp = compare_whatif(rb, fb, ra, fa);
	ck_assert_uint_eq(cmp->nchanges, 1);
	ck_assert_str_eq(cmp->changes[0].after, "*.varunagroup.de");
	for (i = 0; i < cmp->nintroduced; i++)
		back |= strcmp(cmp->introduced[i]->rule->id, "HYB001") == 0 &&
		    cmp->introduced[i]->change.file != NULL;
	ck_assert_msg(back, "HYB001 does not return (pointing at the change)");
	ck_assert(compare_fails(cmp, SEV_WARNING));
	ck_assert_uint_gt(cmp->nflows, 0);
	/* The base run is unchanged by its fork. */
	ck_assert_uint_eq(fb->n, 0);
	compare_free(cmp);
	findings_free(fb);
	findings_free(fa);
	run_close(ra);
	run_close(rb);
	change_free(cs);
	free(good);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("oracle");
	TCase	*tc = tcase_create("fixes");
	SRunner	*sr;
	int	 nf;

	ruleset_init(&rules);
	tcase_add_loop_test(tc, test_fixtures, 0, (int)rules.n);
	tcase_add_test(tc, test_samples);
	tcase_add_test(tc, test_seed);
	tcase_add_test(tc, test_breaking_change);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	/* One process: the counts add up over the fixtures. */
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	ruleset_release(&rules);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
