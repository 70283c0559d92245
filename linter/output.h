/*
 * output.h: writing a rendered document to standard output or to a file,
 * whole or not at all, and never over an input.
 *
 * A regular file is written to a temporary file beside it and renamed
 * over it once complete: a new file gets the permissions the umask
 * allows, an existing one keeps its mode (through a symbolic link, the
 * file it points to is replaced).  A device, FIFO or socket is written in
 * place.  If the process is ended by a signal while a temporary file
 * exists, it is removed; a write past a file size limit (EFBIG) or onto a
 * full disk is an error.  A closed standard output ends the process
 * quietly, as SIGPIPE does.
 */
#ifndef HL_OUTPUT_H
#define HL_OUTPUT_H

#include <sys/types.h>

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* Install the signal handlers (once, at start-up). */
void	output_init(void);
/* path NULL or "-": standard output.  Returns 0, or -1 after an error. */
int	output_write(const char *path, const char *data, size_t len,
	    struct diags *);
/*
 * The same for a document produced in pieces, never held whole: next()
 * sets the next piece (n 0 at the end) and returns 0, or -1 with errno
 * set, which fails the write (a file is then left as it was).
 */
struct output_src {
	int	(*next)(void *arg, const char **p, size_t *n);
	void	 *arg;
};
int	output_write_src(const char *path, struct output_src *,
	    struct diags *);
/*
 * Append to 'path' (created if absent) in one write at its end, as a
 * step summary is written; a device or FIFO is written in place.
 */
int	output_append(const char *path, const char *data, size_t len,
	    struct diags *);
/* Standard output was closed by its reader: end quietly. */
void	output_pipe_closed(void) __attribute__((noreturn));

/* What outputs must not overwrite: every file read, and input folders. */
struct output_inputs {
	const struct input_file		*files;
	size_t				 nfiles;
	const char *const		*folders;	/* real paths */
	size_t				 nfolders;
};

/*
 * Each output against the inputs: one that is an input file (device and
 * inode), or a new file an input folder would read as an export, is an
 * error.  0, or -1 after errors.
 */
int	output_guard(const char *const *outs, size_t n,
	    const struct output_inputs *, struct diags *);
/* At most one output to standard output, and no file named twice. */
int	output_distinct(const char *const *outs, size_t n, struct diags *);

#endif
