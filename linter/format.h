/*
 * format.h: rendering a run's findings in the machine formats.
 *
 * Every renderer returns the whole document as one malloc'd string, so the
 * caller can write it to a file in one piece (temporary file and rename)
 * or to standard output.  Output is deterministic: the same findings give
 * the same bytes; no timestamps, and no absolute paths except where a
 * consumer needs one (SARIF's originalUriBaseIds names the source root)
 * or the inputs lie outside the source root.
 *
 * The findings handed to a renderer are those shown: the command leaves
 * out those below the display level (--min-severity, --quiet) and says
 * how many in 'hidden'.
 */
#ifndef HL_FORMAT_H
#define HL_FORMAT_H

#include <stddef.h>

#include "baseline.h"
#include "diag.h"
#include "findings.h"

struct format_ctx {
	const char		*version;	/* PACKAGE_VERSION */
	const char		*asof;		/* "YYYY-MM-DD" */
	const struct diags	*diags;		/* input errors and warnings */
	const char		*config;	/* the configuration used */
	int			 color;		/* text: ANSI colours */
	const char		*srcroot;	/* absolute; NULL: cwd */
	const char		*docs_url;	/* rule pages, or NULL */
	enum severity		 min_severity;	/* the display level */
	int			 fail_on;	/* an enum severity; -1 never */
	size_t			 hidden;	/* below the display level */
	const struct baseline_cmp *baseline;	/* NULL: no --baseline */
	int			 statistics;	/* text: counts per rule, org */
	size_t			 sarif_max_bytes; /* 0: SARIF_MAX_BYTES */
	/*
	 * SARIF of a comparison: each result's baselineState ("new",
	 * "unchanged", "absent"), and what run.properties holds besides
	 * the configuration (a borrowed JSON object).  NULL: none.
	 */
	const char		*(*sarif_state)(const struct finding *,
				    const void *arg);
	const void		*sarif_state_arg;
	struct json_t		*sarif_props;
};

/* GitHub code scanning's limits that SARIF output stays within. */
#define SARIF_MAX_RESULTS	25000		/* results per run */
#define SARIF_MAX_TAGS		10		/* tags per rule that show */
#define SARIF_MAX_BYTES		(10 * 1024 * 1024)	/* gzipped */
/* Annotations per level in github output (GitHub shows 10 per step). */
#define GITHUB_MAX_PER_LEVEL	50

/* One finding as the findings/1 document has it (a jansson json_t). */
struct json_t	*format_json_finding(const struct finding *);
/* hybridlint-findings/1, described by schemas/findings.schema.json. */
char	*format_json(const struct findings *, const struct format_ctx *);
/* The same document in pieces (jsonout.h's json_stream_next), or NULL. */
struct json_stream *format_json_stream(const struct findings *,
	    const struct format_ctx *);
/* SARIF 2.1.0: every rule in tool.driver.rules, every finding a result. */
char	*format_sarif(const struct findings *, const struct format_ctx *);
/* JUnit XML: a test suite per rule, a test case per finding. */
char	*format_junit(const struct findings *, const struct format_ctx *);
/* GitHub Actions workflow commands (::error file=...,line=...::...). */
char	*format_github(const struct findings *, const struct format_ctx *);
/* GitLab Code Quality (a subset of the Code Climate issue format). */
char	*format_codeclimate(const struct findings *,
	    const struct format_ctx *);
/* A Markdown summary for $GITHUB_STEP_SUMMARY and merge requests. */
char	*format_markdown(const struct findings *, const struct format_ctx *);
/* Checkstyle XML (Jenkins Warnings, reviewdog). */
char	*format_checkstyle(const struct findings *,
	    const struct format_ctx *);
/* CSV (RFC 4180), a row per finding, for spreadsheets. */
char	*format_csv(const struct findings *, const struct format_ctx *);
#endif
