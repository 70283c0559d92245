/*
 * formats.h: every output format, one table: its name, the command whose
 * result it renders, and the function that renders it.  Every renderer
 * returns the whole document as one malloc'd string, so that a file is
 * written whole or not at all.
 */
#ifndef HL_FORMATS_H
#define HL_FORMATS_H

#include <stddef.h>

#include "checkrun.h"
#include "compare.h"
#include "cli.h"
#include "format.h"
#include "run.h"

/* What a command has to show. */
struct outsrc {
	const struct run	 *run;
	const struct findings	 *fs;		/* check */
	const struct flow *const *flows;	/* trace */
	size_t			  nflows;
	const struct ruleset	 *rules;	/* rules */
	const struct lint_rule	 *rule;		/* explain */
	const unsigned char	 *orgs;		/* --org; NULL: every org */
	const struct checkrun	 *cr;		/* graph, report */
	const struct comparison	 *cmp;		/* whatif, diff (fs: after) */
	struct format_ctx	  fc;
};

struct format_entry {
	const char	*name;
	const char	*command;
	const char	*doc;		/* for --help; NULL: none */
	char		*(*render)(const struct outsrc *);
	/* Also appended to the file $GITHUB_STEP_SUMMARY names, if set. */
	char		*(*step_summary)(const struct outsrc *);
	/* Written in pieces, never held whole (NULL: render is written). */
	int		 (*write)(const struct outsrc *, const char *file,
			    struct diags *);
};

extern const struct format_entry format_table[];

/* The format 'name' of command 'cmd', or NULL. */
const struct format_entry *format_find(const char *cmd, const char *name);
/* Its formats' names, NULL-ended (malloc'd array of static strings). */
const char	**format_names(const char *cmd);
/*
 * Render every -f of the command line and write each to its file or to
 * standard output, and append step summaries; 0, or -1 after a message
 * on standard error.
 */
int		 formats_write(const struct cli *, struct outsrc *);
/*
 * Before anything is written: no output (nor $GITHUB_STEP_SUMMARY when a
 * format appends to it) may be an input of the run, nor one of 'more'
 * files it read otherwise (configuration, baseline).  0, or -1 after an
 * error on standard error.
 */
int		 formats_guard(const struct cli *, const struct run *,
		    const char *const *more, size_t nmore);
/*
 * What graph and inventory do: open a run of the command line's paths up
 * to 'stage', print its diagnostics, write its formats; the exit status.
 */
int		 formats_run(const struct cli *, enum run_stage);

#endif
