/*
 * checkrun.h: what check, report and graph share: the configuration, the
 * rule switches of the command line, the run of its paths, the findings
 * and the baseline.  One sequence, so that the report and the diagram
 * show what `check` reports for the same command line.
 */
#ifndef HL_CHECKRUN_H
#define HL_CHECKRUN_H

#include <stddef.h>

#include "baseline.h"
#include "cli.h"
#include "configfile.h"
#include "digest.h"
#include "run.h"

struct checkrun {
	struct ruleset		 rs;
	struct engine_opts	 eo;
	struct config		*cfg;		/* NULL: none */
	struct run		*run;
	struct findings		*fs;
	/* The configuration and baseline files read, with their digests. */
	struct readfile	 extra[2];
	size_t			 nextra;
	char			 cfg_sha[SHA256_HEX_LEN + 1];
	char			 base_sha[SHA256_HEX_LEN + 1];
	struct baseline_cmp	 cmp;		/* entries no finding has */
	int			 applied;	/* --baseline was read */
	int			 rules_ready;	/* rs, eo and cfg to release */
	/*
	 * With --change or -c: the changes, and the run of the exports as
	 * they are, which 'run' (a fork of it) needs open.  Opened up to
	 * 'before_stage' (set it before checkrun_open; default RUN_MODEL).
	 */
	struct change_set	*changes;
	struct run		*before;
	enum run_stage		 before_stage;
	struct findings		*before_fs;	/* report: its findings */
};

/*
 * The rules, rule packs and configuration, and the rule switches of the
 * command line (rulesetup.h).  0, or -1 after a message on
 * standard error; release with checkrun_release() either way.
 */
int	checkrun_setup(const struct cli *, struct checkrun *);
/*
 * Open the run of the command line's paths up to 'stage', print its
 * diagnostics, refuse outputs that would overwrite an input (-1 after a
 * message), run the rules (at RUN_FLOWS) and apply --baseline.
 */
int	checkrun_open(const struct cli *, struct checkrun *, enum run_stage);
void	checkrun_release(struct checkrun *);
/*
 * The run of the command line's paths up to 'stage', with --change and
 * -c applied: then *before (closed after the run) holds the exports as
 * they are, at 'before_stage', and *cs the changes (change_free them).
 * Diagnostics are printed.  NULL after messages when a change cannot be
 * read or applied: nothing may be written then.
 */
struct run *checkrun_run(const struct cli *, enum run_stage stage,
	    enum run_stage before_stage, struct run **before,
	    struct change_set **cs);
/*
 * --fail-on, else the configuration's, else warning: an enum severity,
 * or -1 for never, into *sev; -1 after a message.
 */
int	checkrun_fail_on(const struct cli *, const struct checkrun *,
	    int *sev);
/*
 * The files the command line names besides the exports (--config's,
 * --baseline, the --change scripts), for formats_guard: a malloc'd
 * array, *n long.
 */
const char **checkrun_read_files(const struct cli *, const char *config,
	    size_t *n);
/*
 * --org ID[,ID...] as a selection by organization index (malloc'd, NULL
 * when --org was not given); -1 after a message naming an unknown id.
 */
int	checkrun_orgs(const struct cli *, const struct model *,
	    unsigned char **sel);

#endif
