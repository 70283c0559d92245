/*
 * utf8.h: validating and writing UTF-8, shared by the decoders and the
 * output formats.
 */
#ifndef HL_UTF8_H
#define HL_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/*
 * Length of the valid UTF-8 sequence at p (n bytes available), or 0:
 * no overlong forms, no surrogates, nothing beyond U+10FFFF.
 */
size_t	utf8_seq(const unsigned char *p, size_t n);
/* Append code point cp (at most U+10FFFF, not a surrogate). */
void	utf8_put(struct buf *, uint32_t cp);
/*
 * The code points no text output may carry raw, because they move a
 * terminal, forge a line or reorder what is shown: C0 and C1 controls,
 * DEL, U+2028 and U+2029, the bidirectional marks, embeddings, overrides
 * and isolates (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069)
 * and U+FEFF.
 */
int	utf8_unsafe(uint32_t cp);
/* The code point of the valid sequence of len bytes at p (utf8_seq). */
uint32_t utf8_decode(const unsigned char *p, size_t len);
/*
 * Append s with every unsafe code point written as \u{XXXX} and every
 * invalid byte as U+FFFD: the one rule of text, github and fix comment
 * output.  'keep' is a character to let through as it is (0: none).
 */
void	utf8_escape(struct buf *, const char *s, int keep);
/* A malloc'd copy of s with every invalid byte replaced by U+FFFD. */
char	*utf8_clean(const char *s);
/*
 * An arena copy of a string from the inputs for records and output:
 * control characters (and invalid UTF-8) become U+FFFD, so that no value
 * can move a terminal, forge an output line or end a comment in a fix.
 */
struct arena;
char	*utf8_text(struct arena *, const char *s);
/* The value of the hex digit c (either case), or -1. */
int	 hex_digit(int c);
/* Is s its own utf8_text (nothing in it to replace)? */
int	 utf8_plain(const char *s);

#endif
