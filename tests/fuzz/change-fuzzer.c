/*
 * change-fuzzer.c: the change reader (change.h) on any script, applied to
 * a fork of the seed sample (samples/varunagroup, loaded once), then the
 * graph, the flows, every rule and the whatif comparison on the result.
 *
 * The input is the script, in an exact-size heap buffer (the reader takes
 * a length), read as "fuzz.ps1" in the sample's folder (so
 * Import-ExchangeCertificate -FileName gateways/mx01.pem finds a real
 * certificate).  Besides the sanitizers it checks what change.h and
 * model.h document:
 *  - failure exactly when an error was reported, and every error of the
 *    script located (line and column) in fuzz.ps1;
 *  - the loaded model is never touched: its records, their number and
 *    its edits stay as they were (model_fork copies what a change edits);
 *  - after a change that applied: every edit names a record and a
 *    command located in the script, every property of every record reads
 *    back as text, and the pipeline runs on the result; the comparison
 *    with the run before counts no more findings than the two runs have.
 *
 * The sample's path comes from HL_FUZZ_ROOT (build.sh defines it), or
 * the environment variable of the same name.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "compare.h"
#include "engine.h"
#include "load.h"
#include "propset.h"
#include "run.h"
#include "xalloc.h"

#include "fuzz_common.h"

#ifndef HL_FUZZ_ROOT
#define HL_FUZZ_ROOT "."
#endif
#define FUZZ_ASOF	1795824000	/* 2026-11-28 */

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Loaded once, read only after. */
static struct run		*base;
static struct findings		*base_fs;
static struct ruleset		 rules;
static struct engine_opts	 eo;
static char			*dir;
static size_t			 base_n[K__COUNT];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diags	 d = { 0 };
	struct model	*m;
	const char	*root = getenv("HL_FUZZ_ROOT");
	char		*p[1];
	size_t		 k;

	(void)argc;
	(void)argv;
	fuzz_init_libxml();
	dir = xasprintf("%s/samples/varunagroup", root != NULL ? root :
	    HL_FUZZ_ROOT);
	p[0] = dir;
	m = load_paths(p, 1, &d);
	if (d.nerrors > 0 || m->nobjs[K_INBOUND] == 0) {
		fprintf(stderr, "change-fuzzer: cannot load %s (set "
		    "HL_FUZZ_ROOT to the source tree)\n", dir);
		exit(1);
	}
	diag_free(&d);
	base = run_open_model(m, FUZZ_ASOF, RUN_FLOWS);
	ruleset_init(&rules);
	engine_opts_init(&eo, &rules, FUZZ_ASOF);
	base_fs = run_lint(base, &eo);
	for (k = 0; k < K__COUNT; k++)
		base_n[k] = m->nobjs[k];
	return 0;
}

static void
check_diags(const struct diags *d)
{
	size_t	i;

	fuzz_diags(d);
	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].file, "fuzz.ps1") == 0 &&
		    (d->v[i].line == 0 || d->v[i].col == 0))
			FUZZ_FAIL("unlocated diagnostic: %s", d->v[i].msg);
}

/* The loaded model as it was. */
static void
check_base(void)
{
	size_t	k;

	if (base->m->nedits != 0)
		FUZZ_FAIL("the loaded model has %zu edits", base->m->nedits);
	for (k = 0; k < K__COUNT; k++)
		if (base->m->nobjs[k] != base_n[k])
			FUZZ_FAIL("the loaded model's %s records: %zu, "
			    "were %zu",
			    kind_name((enum kind)k), base->m->nobjs[k],
			    base_n[k]);
}

/* Every property of every record reads back; every edit is located. */
static void
check_model(const struct model *m)
{
	const struct psetdef	*pd;
	const struct edit	*e;
	size_t			 k, i, j, n;

	for (i = 0; i < m->nedits; i++) {
		e = m->edits[i];
		if (e->o == NULL || e->cmd == NULL || e->loc.line == 0 ||
		    e->loc.col == 0 || strcmp(e->loc.file, "fuzz.ps1") != 0)
			FUZZ_FAIL("edit %zu: no record, command or location",
			    i);
		fuzz_touch_str(e->before);
		fuzz_touch_str(e->after);
		fuzz_touch_str(e->prop);
	}
	for (k = 0; k < K__COUNT; k++) {
		pd = psets_of((enum kind)k, &n);
		for (i = 0; i < m->nobjs[k]; i++) {
			fuzz_touch_str(m->objs[k][i]->name);
			fuzz_touch_str(m->objs[k][i]->identity);
			for (j = 0; j < n; j++)
				fuzz_touch_str(pset_text(m->arena,
				    m->objs[k][i], &pd[j]));
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct change_set	*cs;
	struct comparison	*cmp;
	struct findings		*fs;
	struct diags		 d = { 0 };
	struct run		*r;
	char			*text;
	int			 failed;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	/* Exactly 'size' bytes: an over-read is caught. */
	if ((text = malloc(size > 0 ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(text, data, size);
	cs = change_parse("fuzz.ps1", dir, text, size, &d);
	free(text);
	if (cs == NULL) {
		if (d.nerrors == 0)
			FUZZ_FAIL("rejected without an error");
		check_diags(&d);
		diag_free(&d);
		return 0;
	}
	r = run_fork(base, cs, RUN_FLOWS);
	failed = r->change_failed;
	if (failed != (r->diags.nerrors > 0))
		FUZZ_FAIL("change_failed %d with %zu errors", failed,
		    r->diags.nerrors);
	check_diags(&r->diags);
	check_base();
	if (!failed) {
		check_model(r->m);
		if (r->t == NULL || r->s == NULL)
			FUZZ_FAIL("no graph after a change that applied");
		fs = run_lint(r, &eo);
		cmp = compare_whatif(base, base_fs, r, fs);
		if (cmp->nresolved > base_fs->n || cmp->nintroduced > fs->n ||
		    cmp->npersist > fs->n || cmp->nchanges < r->m->nedits)
			FUZZ_FAIL("comparison counts: %zu resolved, %zu "
			    "introduced, %zu persist, %zu changes",
			    cmp->nresolved, cmp->nintroduced, cmp->npersist,
			    cmp->nchanges);
		compare_free(cmp);
		findings_free(fs);
	} else if (r->t != NULL)
		FUZZ_FAIL("a graph built after a change that failed");
	run_close(r);
	change_free(cs);
	diag_free(&d);
	return 0;
}
