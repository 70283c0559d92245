/*
 * cmd_check.c: `hybridlint check`, the main job: lint, report every
 * finding with its location, evidence path and fix, and exit by the
 * fail level.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "baseline.h"
#include "checkrun.h"
#include "cli.h"
#include "formats.h"
#include "output.h"
#include "srcroot.h"
#include "xalloc.h"

static int
write_baseline(const char *path, const struct findings *fs)
{
	struct diags	 d = { 0 };
	char		*doc;
	int		 rc;

	doc = baseline_render(fs);
	rc = output_write(path, doc, strlen(doc), &d);
	diag_print(&d, stderr);
	diag_free(&d);
	free(doc);
	return rc;
}

/* 1 when an unwaived, unbaselined finding is at or above the fail level. */
static int
fails(const struct findings *fs, const char *fail_on)
{
	enum severity	failsev;
	size_t		i;

	if (strcmp(fail_on, "never") == 0 ||
	    severity_parse(fail_on, &failsev) == -1)
		return 0;
	for (i = 0; i < fs->n; i++)
		if (!fs->v[i]->waived && !fs->v[i]->baselined &&
		    fs->v[i]->severity >= failsev)
			return 1;
	return 0;
}

/*
 * The findings shown: those at or above the display level, in a view
 * that shares the store's findings (free only its array).
 */
static void
shown_view(const struct findings *fs, enum severity min,
    struct findings *view, size_t *hidden)
{
	size_t	i;

	*view = *fs;
	view->v = xcalloc(fs->n + 1, sizeof(*view->v));
	view->n = 0;
	*hidden = 0;
	for (i = 0; i < fs->n; i++) {
		if (fs->v[i]->severity >= min)
			view->v[view->n++] = fs->v[i];
		else
			(*hidden)++;
	}
}

static int
cmd_check(struct cli *c)
{
	struct checkrun		 cr;
	struct outsrc		 out;
	struct findings		 view;
	enum severity		 sev = SEV_WARNING, min = SEV_NOTE;
	size_t			 hidden;
	char			 asof[11], *root = NULL;
	int			 rc = 0;

	memset(&view, 0, sizeof(view));
	if (checkrun_setup(c, &cr) == -1) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	if (c->fail_on == NULL)
		c->fail_on = cr.cfg != NULL && cr.cfg->fail_on != NULL ?
		    cr.cfg->fail_on : "warning";
	if (strcmp(c->fail_on, "never") != 0 &&
	    severity_parse(c->fail_on, &sev) == -1) {
		cli_error("check: --fail-on takes error, warning, note or "
		    "never, not '%s'", c->fail_on);
		rc = EXIT_TROUBLE;
		goto out;
	}
	if (c->quiet)
		min = SEV_ERROR;
	else if (c->min_severity != NULL)
		(void)severity_parse(c->min_severity, &min);
	if ((root = srcroot_find(c->source_root, c->noperands > 0 ?
	    c->operands[0] : NULL)) == NULL) {
		if (c->source_root != NULL)
			cli_error("check: --source-root %s: not a folder",
			    c->source_root);
		else
			cli_error("check: cannot find the working directory");
		rc = EXIT_TROUBLE;
		goto out;
	}
	if (checkrun_open(c, &cr, RUN_FLOWS) == -1) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	if (c->write_baseline != NULL &&
	    write_baseline(c->write_baseline, cr.fs) == -1)
		rc = EXIT_TROUBLE;
	shown_view(cr.fs, min, &view, &hidden);
	format_date(c->asof, asof);
	memset(&out, 0, sizeof(out));
	out.run = cr.run;
	out.fs = &view;
	out.fc.version = PACKAGE_VERSION;
	out.fc.asof = asof;
	out.fc.diags = &cr.run->diags;
	out.fc.config = cr.cfg != NULL ? cr.cfg->path : NULL;
	out.fc.srcroot = root;
	out.fc.docs_url = c->docs_url != NULL ? c->docs_url :
	    cr.cfg != NULL ? cr.cfg->docs_url : NULL;
	out.fc.min_severity = min;
	out.fc.fail_on = strcmp(c->fail_on, "never") == 0 ? -1 : (int)sev;
	out.fc.hidden = hidden;
	out.fc.baseline = cr.applied ? &cr.cmp : NULL;
	out.fc.statistics = c->statistics;
	if (formats_write(c, &out) == -1)
		rc = EXIT_TROUBLE;
	/* A run that records a baseline accepts today's findings. */
	if (rc == 0 && c->write_baseline == NULL && fails(cr.fs, c->fail_on))
		rc = EXIT_FINDINGS;
	if (cr.run->diags.nerrors > 0)
		rc = EXIT_TROUBLE;
out:
	free(view.v);
	free(root);
	checkrun_release(&cr);
	return rc;
}

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "[OPTIONS] PATH...",
	.summary = "lint: report every problem with its location, the\n"
	    "evidence path and the PowerShell that fixes it\n",
	.options = OPT(O_FORMAT) | OPT(O_COLOR) | OPT(O_AS_OF) |
	    OPT(O_FAIL_ON) | OPT(O_MIN_SEVERITY) | OPT(O_QUIET) |
	    OPT(O_ENABLE) | OPT(O_DISABLE) | OPT(O_ONLY) | OPT(O_CONFIG) |
	    OPT(O_NO_CONFIG) | OPT(O_RULES) | OPT(O_BASELINE) |
	    OPT(O_WRITE_BASELINE) |
	    OPT(O_STATISTICS) | OPT(O_SOURCE_ROOT) | OPT(O_DOCS_URL) |
	    OPT(O_CHANGE) | OPT(O_COMMAND),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "text",
	.exec = cmd_check,
};
