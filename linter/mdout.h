/*
 * mdout.h: writing Markdown (GitHub Flavored Markdown, CommonMark):
 * values from the inputs escaped so that they can only be text, and a
 * rule's documentation rendered as Markdown, and its first paragraph.
 */
#ifndef HL_MDOUT_H
#define HL_MDOUT_H

#include "xalloc.h"

/*
 * Append a value from the inputs as Markdown text that stays text: the
 * unsafe code points as utf8_escape() writes them, '&', '<' and '>' as
 * character references (no HTML), every character that could start
 * emphasis, code, a link, a table cell, strikethrough, math, a mention
 * or an issue reference backslash-escaped, and a '-' or '+' (or digits
 * and '.') that could start a list escaped at the start of the value.
 * A newline becomes 'nl' ("<br>" in a table cell, " " elsewhere).
 */
void	 md_escape(struct buf *, const char *s, const char *nl);
/*
 * A rule's documentation (plain text: headings at the margin, paragraphs
 * indented two spaces, deeper indentation for lists and commands) as
 * Markdown: headings "###", prose lines flowing, other lines keeping
 * their breaks and indentation.  Malloc'd.
 */
char	*md_doc(const char *doc);
/*
 * The first paragraph of a rule's documentation below its first heading,
 * whitespace collapsed (SARIF's fullDescription); malloc'd, or NULL.
 */
char	*doc_first_paragraph(const char *doc);

#endif
