/*
 * format.h: rendering a run's findings in the machine formats.
 *
 * Every renderer returns the whole document as one malloc'd string, so the
 * caller can write it to a file in one piece (temporary file and rename)
 * or to standard output.  Output is deterministic: the same findings give
 * the same bytes; no timestamps, no absolute paths unless the inputs were
 * given as absolute paths.
 */
#ifndef HL_FORMAT_H
#define HL_FORMAT_H

#include "diag.h"
#include "findings.h"

struct format_ctx {
	const char		*version;	/* PACKAGE_VERSION */
	const char		*asof;		/* "YYYY-MM-DD" */
	const struct diags	*diags;		/* input errors and warnings */
	const char		*config;	/* the configuration used */
	int			 color;		/* text: ANSI colours */
};

/* hybridlint-findings/1, described by schemas/findings.schema.json. */
char	*format_json(const struct findings *, const struct format_ctx *);
/* SARIF 2.1.0: every rule in tool.driver.rules, every finding a result. */
char	*format_sarif(const struct findings *, const struct format_ctx *);
/* JUnit XML: a test suite per rule, a failing test case per finding. */
char	*format_junit(const struct findings *, const struct format_ctx *);
/* GitHub Actions workflow commands (::error file=...,line=...::...). */
char	*format_github(const struct findings *, const struct format_ctx *);

#endif
