/*
 * utf8.c: UTF-8 sequences.
 */
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

size_t
utf8_seq(const unsigned char *p, size_t n)
{
	unsigned int	c = p[0], cp;
	size_t		len, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

void
utf8_put(struct buf *b, uint32_t cp)
{
	char	s[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		s[0] = (char)(0xc0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xf0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, s, 4);
	}
}

char *
utf8_clean(const char *s)
{
	struct buf		 b = { 0 };
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), i = 0, l;

	while (i < n) {
		if ((l = utf8_seq(p + i, n - i)) == 0) {
			utf8_put(&b, 0xfffd);
			i++;
			continue;
		}
		buf_add(&b, p + i, l);
		i += l;
	}
	return buf_steal(&b);
}

/* The length of the sequence at p that utf8_text keeps, 0: replaced. */
static size_t
text_seq(const unsigned char *p, size_t n)
{
	return p[0] < 0x20 || p[0] == 0x7f ? 0 : utf8_seq(p, n);
}

int
utf8_plain(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), i, l;

	for (i = 0; i < n; i += l)
		if ((l = text_seq(p + i, n - i)) == 0)
			return 0;
	return 1;
}

char *
utf8_text(struct arena *a, const char *s)
{
	struct buf		 b = { 0 };
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, i = 0, l;
	char			*r;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	while (i < n) {
		if ((l = text_seq(p + i, n - i)) == 0) {
			utf8_put(&b, 0xfffd);
			i++;
			continue;
		}
		buf_add(&b, p + i, l);
		i += l;
	}
	r = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return r;
}

int
utf8_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c ||
	    cp == 0x200e || cp == 0x200f || cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xfeff;
}

uint32_t
utf8_decode(const unsigned char *p, size_t len)
{
	uint32_t	cp;
	size_t		i;

	if (len <= 1)
		return p[0];
	cp = p[0] & (0xff >> (len + 1));
	for (i = 1; i < len; i++)
		cp = (cp << 6) | (p[i] & 0x3f);
	return cp;
}

void
utf8_escape(struct buf *b, const char *s, int keep)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = s != NULL ? strlen(s) : 0, l;
	uint32_t		 cp;

	while (n > 0) {
		if ((l = utf8_seq(p, n)) == 0) {
			utf8_put(b, 0xfffd);
			l = 1;
		} else if (keep != 0 && l == 1 && p[0] == keep)
			buf_addc(b, (char)p[0]);
		else if (utf8_unsafe(cp = utf8_decode(p, l)))
			buf_printf(b, "\\u{%04X}", (unsigned)cp);
		else
			buf_add(b, p, l);
		p += l;
		n -= l;
	}
}

int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
