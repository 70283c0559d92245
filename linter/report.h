/*
 * report.h: the consultant's report, one self-contained HTML file.
 *
 * Header (tool, date, every input with its SHA-256, organizations and
 * tenants, what is missing), summary (counts per organization and
 * tenant, the most urgent actions), the topology diagram (inline SVG laid
 * out by Graphviz), the attribution matrix, shared identities,
 * certificates with an expiry timeline, connectors, the findings with
 * filters and copyable fixes, and the documentation of every rule that
 * fired.  The page requests nothing (a Content-Security-Policy with
 * hashes of its one style and one script forbids every other source),
 * reads without JavaScript, prints expanded, follows the colour scheme,
 * and is byte-for-byte the same for the same inputs and options.
 */
#ifndef HL_REPORT_H
#define HL_REPORT_H

#include <stddef.h>

#include "diag.h"
#include "findings.h"
#include "run.h"

/* One run to report on: its topology and flows, and its findings. */
struct report_run {
	const struct run	*run;
	const struct findings	*fs;
	const struct waiver	*waivers;	/* of the configuration */
	size_t			 nwaivers;
};

struct report_opts {
	const char		*version;
	const char		*asof;		/* YYYY-MM-DD */
	const unsigned char	*orgs;		/* by org index; NULL: all */
	const struct readfile	*extra;		/* configuration, baseline */
	size_t			 nextra;
	int			 baseline;	/* --baseline was given */
	/*
	 * The run before a proposed change, or NULL.  Given, the report
	 * gains a "Before and after" section: findings resolved and
	 * introduced (by fingerprint) and flows whose attribution changed.
	 * (`report --change` feeds it.)
	 */
	const struct report_run	*before;
};

/* The document (malloc'd), or NULL after a diagnostic. */
char	*report_html(const struct report_run *, const struct report_opts *,
	    struct diags *);

#endif
