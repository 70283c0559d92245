/*
 * output.h: writing a rendered document to standard output or to a file,
 * whole or not at all.
 *
 * A file is written to a temporary file beside it and renamed over the
 * target once complete; if the process is interrupted (SIGINT, SIGTERM,
 * SIGHUP) while a temporary file exists, it is removed.  An existing
 * target is never left truncated.
 */
#ifndef HL_OUTPUT_H
#define HL_OUTPUT_H

#include <stddef.h>

#include "diag.h"

/* Install the signal handlers (once, at start-up). */
void	output_init(void);
/* path NULL or "-": standard output.  Returns 0, or -1 after an error. */
int	output_write(const char *path, const char *data, size_t len,
	    struct diags *);

#endif
