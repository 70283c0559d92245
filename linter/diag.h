/*
 * diag.h: source locations and input diagnostics.
 *
 * Input problems (unreadable, malformed or hostile files, a bad manifest)
 * are not findings: they are diagnostics printed as
 * "path:line:col: error: message" and they make the run exit 2.  The rest
 * of the inputs are still processed.  A loader never prints; it appends to
 * a struct diags that the caller owns.
 */
#ifndef HL_DIAG_H
#define HL_DIAG_H

#include <stddef.h>

/* Where a value came from.  Strings are owned by the document's arena. */
struct loc {
	const char	*file;		/* display path */
	unsigned	 line;		/* 1-based, 0 unknown */
	unsigned	 col;		/* 1-based, 0 unknown */
	const char	*pointer;	/* RFC 6901 JSON Pointer, JSON only */
};

struct arena;
/* A copy of a location whose file and pointer are copied into 'a'. */
struct loc	loc_dup(struct arena *, const struct loc *);

/*
 * The one severity scale of the program: of input diagnostics and of
 * findings alike.  The order is the scale: a higher value is worse.
 */
enum severity {
	SEV_NOTE,
	SEV_WARNING,
	SEV_ERROR
};

struct diag {
	enum severity	 level;
	char		*file;
	unsigned	 line;
	unsigned	 col;
	char		*msg;
};

struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 nerrors;
};

void	diag_add(struct diags *, enum severity, const char *file,
	    unsigned line, unsigned col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
void	diag_addloc(struct diags *, enum severity, const struct loc *,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	diag_print(const struct diags *, void *fp);	/* FILE * */
void	diag_free(struct diags *);
/* "error", "warning", "note"; and back: 0, or -1 for another word. */
const char *severity_name(enum severity);
int	severity_parse(const char *, enum severity *);
/*
 * Write a string that came from the inputs with what utf8_escape()
 * escapes (controls, separators, bidirectional controls as \u{XXXX},
 * invalid bytes as U+FFFD), so that no file name or value can move the
 * terminal, reorder a line or forge one.
 */
void	print_safe(void *fp, const char *);

#endif
