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
		if (p[i] < 0x20 || p[i] == 0x7f ||
		    (l = utf8_seq(p + i, n - i)) == 0) {
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
