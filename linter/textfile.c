/*
 * textfile.c: reading input files and decoding them to UTF-8.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "textfile.h"
#include "utf8.h"
#include "xalloc.h"

int
rawfile_read(const char *path, const char *display, size_t cap,
    struct rawfile *out, struct diags *diags)
{
	struct stat	 st;
	unsigned char	*p;
	size_t		 len = 0;
	ssize_t		 r;
	int		 fd;

	memset(out, 0, sizeof(*out));
	/* Non-blocking, so that a FIFO cannot make open() wait forever. */
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1) {
		diag_add(diags, SEV_ERROR, display, 0, 0,
		    "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag_add(diags, SEV_ERROR, display, 0, 0,
		    "not a regular file");
		close(fd);
		return -1;
	}
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if ((uint64_t)st.st_size > cap) {
		diag_add(diags, SEV_ERROR, display, 0, 0,
		    "file is %lld bytes, larger than the limit of %zu bytes",
		    (long long)st.st_size, cap);
		close(fd);
		return -1;
	}
	p = xmalloc((size_t)st.st_size + 4);
	for (;;) {
		if (len == (size_t)st.st_size + 1) {
			/* The file grew while we read it. */
			break;
		}
		r = read(fd, p + len, (size_t)st.st_size + 1 - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diag_add(diags, SEV_ERROR, display, 0, 0,
			    "read error: %s", strerror(errno));
			free(p);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (len > (size_t)st.st_size) {
		diag_add(diags, SEV_ERROR, display, 0, 0,
		    "file changed while it was read");
		free(p);
		return -1;
	}
	memset(p + len, 0, 4);
	out->data = p;
	out->len = len;
	return 0;
}

int
rawfile_read_fd(int fd, const char *display, size_t cap,
    struct rawfile *out, struct diags *diags)
{
	unsigned char	*p = NULL;
	size_t		 len = 0, size = 0;
	ssize_t		 r;

	memset(out, 0, sizeof(*out));
	for (;;) {
		if (size - len <= 4) {
			size = size ? size * 2 : 65536;
			p = xrealloc(p, size);
		}
		r = read(fd, p + len, size - len - 4);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diag_add(diags, SEV_ERROR, display, 0, 0,
			    "read error: %s", strerror(errno));
			free(p);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > cap) {
			diag_add(diags, SEV_ERROR, display, 0, 0,
			    "more than the limit of %zu bytes", cap);
			free(p);
			return -1;
		}
	}
	if (p == NULL)
		p = xmalloc(4);
	memset(p + len, 0, 4);
	out->data = p;
	out->len = len;
	return 0;
}

void
rawfile_free(struct rawfile *r)
{
	free(r->data);
	r->data = NULL;
	r->len = 0;
}

/* Offset of the first invalid UTF-8 byte, or n.  ASCII a word at a time. */
static size_t
utf8_check(const unsigned char *p, size_t n)
{
	size_t		i = 0, l;
	uint64_t	w;

	while (i < n) {
		if (i + 8 <= n) {
			memcpy(&w, p + i, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((l = utf8_seq(p + i, n - i)) == 0)
			return i;
		i += l;
	}
	return n;
}

static unsigned
line_at(const unsigned char *p, size_t off)
{
	unsigned	line = 1;
	size_t		i;

	for (i = 0; i < off; i++)
		if (p[i] == '\n')
			line++;
	return line;
}

/*
 * UTF-16 into UTF-8, written straight into a buffer of the worst-case size
 * (three bytes a code unit): this runs over every byte of a third of the
 * inputs, so it avoids a call per character.
 */
static int
utf16_decode(const unsigned char *p, size_t n, int be, size_t bom,
    const char *display, struct buf *out, struct diags *diags)
{
	unsigned char	*o, *o0;
	size_t		 i;
	unsigned	 line = 1;
	uint32_t	 u, u2;

	if (n % 2 != 0) {
		diag_add(diags, SEV_ERROR, display, 0, 0,
		    "UTF-16 file has an odd number of bytes (truncated?)");
		return -1;
	}
	o0 = o = xmalloc(n / 2 * 3 + 1);
	for (i = 0; i < n; i += 2) {
		u = be ? (uint32_t)(p[i] << 8 | p[i + 1]) :
		    (uint32_t)(p[i + 1] << 8 | p[i]);
		if (u < 0x80) {
			if (u == '\n')
				line++;
			*o++ = (unsigned char)u;
			continue;
		}
		if (u >= 0xd800 && u <= 0xdbff) {
			if (i + 3 >= n)
				goto bad;
			u2 = be ? (uint32_t)(p[i + 2] << 8 | p[i + 3]) :
			    (uint32_t)(p[i + 3] << 8 | p[i + 2]);
			if (u2 < 0xdc00 || u2 > 0xdfff)
				goto bad;
			u = 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00);
			i += 2;
			*o++ = (unsigned char)(0xf0 | (u >> 18));
			*o++ = (unsigned char)(0x80 | ((u >> 12) & 0x3f));
			*o++ = (unsigned char)(0x80 | ((u >> 6) & 0x3f));
			*o++ = (unsigned char)(0x80 | (u & 0x3f));
		} else if (u >= 0xdc00 && u <= 0xdfff)
			goto bad;
		else if (u < 0x800) {
			*o++ = (unsigned char)(0xc0 | (u >> 6));
			*o++ = (unsigned char)(0x80 | (u & 0x3f));
		} else {
			*o++ = (unsigned char)(0xe0 | (u >> 12));
			*o++ = (unsigned char)(0x80 | ((u >> 6) & 0x3f));
			*o++ = (unsigned char)(0x80 | (u & 0x3f));
		}
	}
	*o = '\0';
	/* Hand the buffer over whole. */
	buf_free(out);
	out->p = (char *)o0;
	out->len = (size_t)(o - o0);
	out->cap = n / 2 * 3 + 1;
	return 0;
bad:
	free(o0);
	diag_add(diags, SEV_ERROR, display, line, 0,
	    "invalid UTF-16: unpaired surrogate at byte offset %zu", i + bom);
	return -1;
}

/* Windows-1252, the ANSI code page of Set-Content in Windows PowerShell. */
static const uint16_t cp1252_hi[32] = {
	0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
	0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178
};

static void
cp1252_decode(const unsigned char *p, size_t n, struct buf *out)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (p[i] < 0x80)
			buf_addc(out, (char)p[i]);
		else if (p[i] < 0xa0)
			utf8_put(out, cp1252_hi[p[i] - 0x80]);
		else
			utf8_put(out, p[i]);
	}
}

static int
starts(int c, int first)
{
	return c == first || (first == '{' && c == '[');
}

int
text_decode(struct rawfile *raw, const char *display, int first,
    struct textfile *out, struct diags *diags)
{
	unsigned char	*p = raw->data;
	size_t		 n = raw->len, bad, bom;
	struct buf	 b = { 0 };
	int		 be;

	memset(out, 0, sizeof(*out));
	if (n >= 4 && p[0] == 0xff && p[1] == 0xfe && p[2] == 0 && p[3] == 0) {
		diag_add(diags, SEV_ERROR, display, 0, 0,
		    "UTF-32 files are not supported; re-export as UTF-8");
		rawfile_free(raw);
		return -1;
	}
	if ((n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff))) ||
	    (first != 0 && n >= 2 && ((starts(p[0], first) && p[1] == 0) ||
	    (p[0] == 0 && starts(p[1], first))))) {
		be = p[0] == 0xfe || p[0] == 0;
		bom = 0;
		if (p[0] == 0xff || p[0] == 0xfe) {
			out->encoding = be ? "UTF-16BE" : "UTF-16LE";
			p += 2, n -= 2;
			bom = 2;
		} else
			out->encoding = be ? "UTF-16BE (no BOM)" :
			    "UTF-16LE (no BOM)";
		if (utf16_decode(p, n, be, bom, display, &b, diags) == -1) {
			buf_free(&b);
			rawfile_free(raw);
			return -1;
		}
		rawfile_free(raw);
		if (b.p == NULL)
			buf_add(&b, "", 0);
		out->len = b.len;
		out->owned = (unsigned char *)buf_steal(&b);
		out->text = (char *)out->owned;
		return 0;
	}
	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		out->encoding = "UTF-8 BOM";
		p += 3, n -= 3;
	} else
		out->encoding = "UTF-8";
	if ((bad = utf8_check(p, n)) != n) {
		if (raw->data + 3 == p) {
			diag_add(diags, SEV_ERROR, display,
			    line_at(p, bad), 0,
			    "invalid UTF-8 at byte offset %zu", bad + 3);
			rawfile_free(raw);
			return -1;
		}
		diag_add(diags, SEV_WARNING, display, line_at(p, bad), 0,
		    "not valid UTF-8 (byte offset %zu); read as Windows-1252",
		    bad);
		cp1252_decode(p, n, &b);
		rawfile_free(raw);
		if (b.p == NULL)
			buf_add(&b, "", 0);
		out->encoding = "Windows-1252";
		out->len = b.len;
		out->owned = (unsigned char *)buf_steal(&b);
		out->text = (char *)out->owned;
		return 0;
	}
	out->owned = raw->data;
	out->text = (char *)p;
	out->len = n;
	raw->data = NULL;
	raw->len = 0;
	return 0;
}

void
textfile_free(struct textfile *t)
{
	free(t->owned);
	memset(t, 0, sizeof(*t));
}
