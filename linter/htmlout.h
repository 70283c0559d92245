/*
 * htmlout.h: writing HTML from strings that came from the inputs.
 *
 * Every string from an export, a manifest, a file name or a finding goes
 * through html_text(): '&', '<', '>', '"' and '\'' become character
 * references, so the same escaping is right in element content and in
 * quoted attribute values; invalid UTF-8 and control characters other
 * than newline and tab become U+FFFD.  html_printf() applies it to every
 * %s, so markup and text cannot be confused in a format string.
 */
#ifndef HL_HTMLOUT_H
#define HL_HTMLOUT_H

#include <stddef.h>

struct buf;

/* Escaped text (NULL writes nothing). */
void	html_text(struct buf *, const char *);
/*
 * A trusted format with conversions: %s text (escaped), %r raw HTML
 * (trusted, never input), %d int, %u unsigned, %z size_t, %j int64_t,
 * %% a percent sign.
 */
void	html_printf(struct buf *, const char *fmt, ...);

#endif
