/*
 * xmlout.c: XML 1.0 text and attributes from our strings.
 */
#include <stddef.h>

#include "xalloc.h"
#include "xmlout.h"

#define REPLACEMENT	"\xef\xbf\xbd"		/* U+FFFD */

/*
 * The code point of the UTF-8 sequence at p and its length in *len, or
 * -1 (length 1) for a byte that starts no valid sequence.
 */
static long
decode(const unsigned char *p, size_t *len)
{
	long	c;
	size_t	n, i;

	*len = 1;
	if (p[0] < 0x80)
		return p[0];
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return -1;
	c = p[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return -1;
	*len = n;
	return c;
}

/*
 * XML 1.0 character data.  What XML cannot carry (control characters
 * other than tab, newline and carriage return, U+FFFE, U+FFFF, bytes
 * that are not UTF-8) becomes U+FFFD.  In an attribute, tab, newline
 * and carriage return are character references so that they survive
 * attribute value normalization; in content, carriage return is.
 */
void
xml_escape(struct buf *b, const char *s, int attr)
{
	const unsigned char	*p;
	size_t			 n;
	long			 c;

	for (p = (const unsigned char *)s; p != NULL && *p != '\0'; p += n) {
		c = decode(p, &n);
		switch (c) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, attr ? "&quot;" : "\"");
			break;
		case '\t':
			buf_adds(b, attr ? "&#9;" : "\t");
			break;
		case '\n':
			buf_adds(b, attr ? "&#10;" : "\n");
			break;
		case '\r':
			buf_adds(b, "&#13;");
			break;
		default:
			if (c < 0x20 || c == 0xfffe || c == 0xffff)
				buf_adds(b, REPLACEMENT);
			else
				buf_add(b, p, n);
			break;
		}
	}
}

void
xml_attr(struct buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(b, " %s=\"", name);
	xml_escape(b, value, 1);
	buf_addc(b, '"');
}
