/*
 * format_text.h: findings as compiler-style text: "file:line: severity:
 * message [ID name]", then the evidence path and the fix, indented.
 */
#ifndef HL_FORMAT_TEXT_H
#define HL_FORMAT_TEXT_H

#include <stdio.h>

#include "findings.h"
#include "format.h"

void	format_text(const struct findings *, FILE *, int color);
/*
 * "N errors, N warnings, N notes", what was waived, baselined or not
 * shown, and how many files failed to load; fc may be NULL.
 */
void	format_summary(const struct findings *, const struct format_ctx *,
	    FILE *);
/* The baseline's entries no finding has (resolved since); none: nothing. */
void	format_resolved(const struct baseline_cmp *, FILE *);
/* Counts per rule and per organization (--statistics). */
void	format_statistics(const struct findings *, FILE *);

#endif
