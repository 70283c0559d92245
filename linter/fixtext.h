/*
 * fixtext.h: the PowerShell of fixes, safe by construction.
 *
 * Fix lines are pasted into an Exchange Management Shell by
 * administrators with the highest rights, and the values in them come
 * from exports of other people's systems.  So every value taken from an
 * input goes into a fix line through ps_literal(): a PowerShell
 * single-quoted literal, in which nothing is interpreted ('' and the
 * Unicode single quotes U+2018-U+201B doubled, since PowerShell ends a
 * single-quoted string at any of them).  A value that no literal can
 * carry safely (a control character, a line or paragraph separator, a
 * bidirectional control, invalid UTF-8) makes no literal at all: the
 * line that would hold it is not printed (fix_finish() puts a comment
 * saying why in its place).  Text from an input inside a comment goes
 * through fix_comment_text(), so that it can never end the comment.
 */
#ifndef HL_FIXTEXT_H
#define HL_FIXTEXT_H

#include <stddef.h>

struct arena;

/*
 * What ps_literal() gives for a value it refuses: a marker that
 * fix_finish() recognizes; it begins with a control character, so it can
 * never come from a literal.
 */
#define FIX_REFUSED	"\x01refused\x01"

/* Would a single-quoted literal carry s exactly and safely? */
int		 ps_literal_ok(const char *s);
/* 'value' as a single-quoted literal, or FIX_REFUSED. */
const char	*ps_literal(struct arena *, const char *value);
/* 'a','b','c' (each through ps_literal); FIX_REFUSED if any is refused. */
const char	*ps_literal_list(struct arena *, const char *const *v,
		    size_t n);
/*
 * Text from an input for a comment, as utf8_escape() writes it: control
 * characters, separators and bidirectional controls shown as \u{XXXX},
 * invalid bytes as U+FFFD.
 */
const char	*fix_comment_text(struct arena *, const char *s);
/*
 * The fix as it is printed: each line that holds FIX_REFUSED, or any raw
 * control character, becomes a comment saying that it was not printed
 * and why; comment lines keep their text with the same escapes as
 * fix_comment_text().  NULL for NULL.
 */
char		*fix_finish(struct arena *, const char *fix);

#endif
