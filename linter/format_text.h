/*
 * format_text.h: findings as compiler-style text: "file:line: severity:
 * message [ID name]", then the evidence path and the fix, indented.
 */
#ifndef HL_FORMAT_TEXT_H
#define HL_FORMAT_TEXT_H

#include <stdio.h>

#include "findings.h"

void	format_text(const struct findings *, FILE *, int color);
void	format_summary(const struct findings *, FILE *);

#endif
