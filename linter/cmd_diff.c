/*
 * cmd_diff.c: `hybridlint diff BEFORE AFTER`: two export sets compared
 * semantically (compare.h), then linted and compared like `whatif`.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "checkrun.h"
#include "cli.h"
#include "compare.h"
#include "formats.h"
#include "srcroot.h"

/* One side: its run and findings. */
struct diffside {
	const struct cli		*c;
	const struct engine_opts	*eo;
	char				*path;
	struct run			*run;
	struct findings			*fs;
};

/*
 * Load, simulate and lint one side.  The two sides share nothing but the
 * (read-only) rule settings, so they run at once, one on a thread of its
 * own: the core keeps no global state.
 */
static void *
open_side(void *arg)
{
	struct diffside	*sd = arg;
	struct run_opts	 ro;

	memset(&ro, 0, sizeof(ro));
	ro.paths = &sd->path;
	ro.npaths = 1;
	ro.asof = sd->c->asof;
	ro.stage = RUN_FLOWS;
	sd->run = run_open(&ro);
	sd->fs = run_lint(sd->run, sd->eo);
	return NULL;
}

static void
open_sides(const struct cli *c, const struct engine_opts *eo,
    struct diffside sd[2])
{
	pthread_t	tid;
	int		threaded;

	memset(sd, 0, 2 * sizeof(*sd));
	sd[0].c = sd[1].c = c;
	sd[0].eo = sd[1].eo = eo;
	sd[0].path = c->operands[0];
	sd[1].path = c->operands[1];
	threaded = pthread_create(&tid, NULL, open_side, &sd[1]) == 0;
	(void)open_side(&sd[0]);
	if (threaded)
		pthread_join(tid, NULL);
	else
		(void)open_side(&sd[1]);
	diag_print(&sd[0].run->diags, stderr);
	diag_print(&sd[1].run->diags, stderr);
}

/* No output may overwrite a file of either side. */
static int
guard(const struct cli *c, const struct checkrun *cr, struct run *a,
    struct run *b)
{
	const char	**read;
	size_t		  n;
	int		  rc;

	read = checkrun_read_files(c, cr->cfg != NULL ? cr->cfg->path : NULL,
	    &n);
	rc = formats_guard(c, a, read, n) == -1 ||
	    formats_guard(c, b, read, n) == -1 ? -1 : 0;
	free(read);
	return rc;
}

static int
cmd_diff(struct cli *c)
{
	struct checkrun		 cr;
	struct outsrc		 out;
	struct comparison	*cmp = NULL;
	struct diffside		 sd[2];
	char			 asof[11], *root = NULL;
	int			 rc = 0, failsev;

	memset(sd, 0, sizeof(sd));
	if (c->noperands != 2) {
		cli_error("diff takes two export sets: BEFORE AFTER\n"
		    "Try 'hybridlint help diff'.");
		return EXIT_TROUBLE;
	}
	if (checkrun_setup(c, &cr) == -1 ||
	    checkrun_fail_on(c, &cr, &failsev) == -1 ||
	    (root = srcroot_find(NULL, c->operands[1])) == NULL) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	open_sides(c, &cr.eo, sd);
	if (guard(c, &cr, sd[0].run, sd[1].run) == -1) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	cmp = compare_diff(sd[0].run, sd[0].fs, sd[1].run, sd[1].fs);
	format_date(c->asof, asof);
	memset(&out, 0, sizeof(out));
	out.run = sd[1].run;
	out.fs = sd[1].fs;
	out.cmp = cmp;
	out.fc.version = PACKAGE_VERSION;
	out.fc.asof = asof;
	out.fc.diags = &sd[1].run->diags;
	out.fc.config = cr.cfg != NULL ? cr.cfg->path : NULL;
	out.fc.srcroot = root;
	out.fc.fail_on = failsev;
	if (formats_write(c, &out) == -1 || sd[0].run->diags.nerrors > 0 ||
	    sd[1].run->diags.nerrors > 0)
		rc = EXIT_TROUBLE;
	else if (compare_fails(cmp, failsev))
		rc = EXIT_FINDINGS;
out:
	compare_free(cmp);
	findings_free(sd[0].fs);
	findings_free(sd[1].fs);
	run_close(sd[1].run);
	run_close(sd[0].run);
	free(root);
	checkrun_release(&cr);
	return rc;
}

const struct cmd_entry cmd_diff_entry = {
	.name = "diff",
	.usage = "[OPTIONS] BEFORE AFTER",
	.summary = "compare two export sets: the objects and properties\n"
	    "that differ, then findings and attribution as whatif;\n"
	    "exit 1 when a finding at or above --fail-on is introduced\n",
	.options = OPT(O_FORMAT) | OPT(O_COLOR) | OPT(O_AS_OF) |
	    OPT(O_FAIL_ON) | OPT(O_ENABLE) | OPT(O_DISABLE) | OPT(O_ONLY) |
	    OPT(O_CONFIG) | OPT(O_NO_CONFIG) | OPT(O_RULES),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "text",
	.exec = cmd_diff,
};
