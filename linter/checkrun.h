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
 * --org ID[,ID...] as a selection by organization index (malloc'd, NULL
 * when --org was not given); -1 after a message naming an unknown id.
 */
int	checkrun_orgs(const struct cli *, const struct model *,
	    unsigned char **sel);

#endif
