/*
 * xmlout.h: writing XML 1.0 (JUnit, checkstyle) from our strings.
 */
#ifndef HL_XMLOUT_H
#define HL_XMLOUT_H

struct buf;

/*
 * XML 1.0 character data.  What XML cannot carry (control characters
 * other than tab, newline and carriage return, U+FFFE, U+FFFF, bytes
 * that are not UTF-8) becomes U+FFFD.  In an attribute (attr non-zero),
 * tab, newline and carriage return are character references so that they
 * survive attribute value normalization; in content, carriage return is.
 */
void	xml_escape(struct buf *, const char *s, int attr);
/* ' name="value"', the value escaped; nothing for a NULL value. */
void	xml_attr(struct buf *, const char *name, const char *value);

#endif
