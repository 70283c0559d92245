/*
 * cmd_diff.c: `hybridlint diff BEFORE AFTER`: two export sets compared
 * semantically (compare.h), then linted and compared like `whatif`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "checkrun.h"
#include "cli.h"
#include "compare.h"
#include "formats.h"
#include "srcroot.h"

/* One side, loaded and simulated; its diagnostics printed. */
static struct run *
open_side(const struct cli *c, char *path)
{
	struct run_opts	 ro;
	struct run	*r;

	memset(&ro, 0, sizeof(ro));
	ro.paths = &path;
	ro.npaths = 1;
	ro.asof = c->asof;
	ro.stage = RUN_FLOWS;
	r = run_open(&ro);
	diag_print(&r->diags, stderr);
	return r;
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
	struct findings		*fb = NULL, *fa = NULL;
	struct run		*rb = NULL, *ra = NULL;
	char			 asof[11], *root = NULL;
	int			 rc = 0, failsev;

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
	rb = open_side(c, c->operands[0]);
	ra = open_side(c, c->operands[1]);
	if (guard(c, &cr, rb, ra) == -1) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	fb = run_lint(rb, &cr.eo);
	fa = run_lint(ra, &cr.eo);
	cmp = compare_diff(rb, fb, ra, fa);
	format_date(c->asof, asof);
	memset(&out, 0, sizeof(out));
	out.run = ra;
	out.fs = fa;
	out.cmp = cmp;
	out.fc.version = PACKAGE_VERSION;
	out.fc.asof = asof;
	out.fc.diags = &ra->diags;
	out.fc.config = cr.cfg != NULL ? cr.cfg->path : NULL;
	out.fc.srcroot = root;
	out.fc.fail_on = failsev;
	if (formats_write(c, &out) == -1 || rb->diags.nerrors > 0 ||
	    ra->diags.nerrors > 0)
		rc = EXIT_TROUBLE;
	else if (compare_fails(cmp, failsev))
		rc = EXIT_FINDINGS;
out:
	compare_free(cmp);
	findings_free(fb);
	findings_free(fa);
	run_close(ra);
	run_close(rb);
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
	    OPT(O_CONFIG) | OPT(O_NO_CONFIG),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "text",
	.exec = cmd_diff,
};
