/*
 * textfile.h: reading an input file and turning its bytes into UTF-8.
 *
 * Exports come as UTF-8 with or without BOM, UTF-16LE/BE with BOM
 * (Windows PowerShell 5.1's default), occasionally UTF-16 without BOM but
 * starting with '<', and sometimes the ANSI code page (Set-Content in
 * 5.1).  Loaders get UTF-8 text with the BOM removed and line structure
 * intact, so line numbers stay those of the file.
 */
#ifndef HL_TEXTFILE_H
#define HL_TEXTFILE_H

#include <stddef.h>

#include "diag.h"

/* Largest input file read, in bytes (documented in hybridlint.1). */
#define TEXTFILE_MAX_BYTES	((size_t)256 * 1024 * 1024)

/* The name standard input is shown by when a PATH is "-". */
#define TEXTFILE_STDIN		"(standard input)"

struct rawfile {
	unsigned char	*data;		/* malloc'd, NUL-terminated */
	size_t		 len;
};

struct textfile {
	char		*text;		/* UTF-8, NUL-terminated; malloc'd or
					   pointing into the raw buffer */
	size_t		 len;
	const char	*encoding;	/* static string */
	unsigned char	*owned;		/* what to free */
};

/*
 * Read a whole regular file, refusing anything larger than 'cap'.
 * Returns 0, or -1 after adding a diagnostic naming 'display'.
 */
int	rawfile_read(const char *path, const char *display, size_t cap,
	    struct rawfile *, struct diags *);
/*
 * The same from an open descriptor of any kind (standard input: a pipe, a
 * terminal, a file), read to its end, refusing more than 'cap' bytes.
 */
int	rawfile_read_fd(int fd, const char *display, size_t cap,
	    struct rawfile *, struct diags *);
void	rawfile_free(struct rawfile *);

/*
 * Decode 'raw' (consumed: its buffer moves into 'out' or is freed) into
 * UTF-8.  'first' is the ASCII character the format must start with
 * ('<', or '{' which also admits '['), used to recognise BOM-less
 * UTF-16; 0 for none.
 * Invalid sequences (an unpaired surrogate, a truncated code unit) are
 * errors with the line where they occur.  Returns 0 or -1.
 */
int	text_decode(struct rawfile *raw, const char *display, int first,
	    struct textfile *out, struct diags *);
void	textfile_free(struct textfile *);

#endif
