/*
 * trace.h: rendering `hybridlint trace` results, hop by hop.
 */
#ifndef HL_TRACE_H
#define HL_TRACE_H

#include <stdio.h>

#include "sim.h"

void	trace_text(const struct flow *const *, size_t, FILE *);
/* Versioned JSON ("hybridlint-trace/1"), malloc'd. */
char	*trace_json(const struct flow *const *, size_t);

#endif
