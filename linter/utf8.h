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
/* A malloc'd copy of s with every invalid byte replaced by U+FFFD. */
char	*utf8_clean(const char *s);
/*
 * An arena copy of a string from the inputs for records and output:
 * control characters (and invalid UTF-8) become U+FFFD, so that no value
 * can move a terminal, forge an output line or end a comment in a fix.
 */
struct arena;
char	*utf8_text(struct arena *, const char *s);

#endif
