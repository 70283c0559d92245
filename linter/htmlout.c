/*
 * htmlout.c: HTML escaping and an escaping printf.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "htmlout.h"
#include "utf8.h"
#include "xalloc.h"

void
html_text(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, k;

	if (s == NULL)
		return;
	n = strlen(s);
	while (n > 0) {
		switch (*p) {
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
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		case '\n':
		case '\t':
			buf_addc(b, (char)*p);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				utf8_put(b, 0xfffd);
				break;
			}
			if (*p < 0x80) {
				buf_addc(b, (char)*p);
				break;
			}
			if ((k = utf8_seq(p, n)) == 0) {
				utf8_put(b, 0xfffd);
				break;
			}
			buf_add(b, p, k);
			p += k;
			n -= k;
			continue;
		}
		p++;
		n--;
	}
}

void
html_printf(struct buf *b, const char *fmt, ...)
{
	va_list		 ap;
	const char	*p;
	char		 num[32];

	va_start(ap, fmt);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '\0') {
			buf_addc(b, *p);
			continue;
		}
		switch (*++p) {
		case 's':
			html_text(b, va_arg(ap, const char *));
			break;
		case 'r':
			buf_adds(b, va_arg(ap, const char *));
			break;
		case 'd':
			snprintf(num, sizeof(num), "%d", va_arg(ap, int));
			buf_adds(b, num);
			break;
		case 'u':
			snprintf(num, sizeof(num), "%u", va_arg(ap, unsigned));
			buf_adds(b, num);
			break;
		case 'z':
			snprintf(num, sizeof(num), "%zu", va_arg(ap, size_t));
			buf_adds(b, num);
			break;
		case 'j':
			snprintf(num, sizeof(num), "%" PRId64,
			    va_arg(ap, int64_t));
			buf_adds(b, num);
			break;
		default:
			buf_addc(b, *p);
			break;
		}
	}
	va_end(ap);
}
