/*
 * fixtext.c: PowerShell literals for fix lines and the last check of
 * every fix before it is stored in a finding.
 */
#include <stdint.h>
#include <string.h>

#include "fixtext.h"
#include "utf8.h"
#include "xalloc.h"

int
ps_literal_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), l;

	while (n > 0) {
		if ((l = utf8_seq(p, n)) == 0 || utf8_unsafe(utf8_decode(p, l)))
			return 0;
		p += l;
		n -= l;
	}
	return 1;
}

/* PowerShell's single quotes: ' and U+2018, U+2019, U+201A, U+201B. */
static int
is_quote(const unsigned char *p, size_t l)
{
	return (l == 1 && p[0] == '\'') || (l == 3 && p[0] == 0xe2 &&
	    p[1] == 0x80 && p[2] >= 0x98 && p[2] <= 0x9b);
}

const char *
ps_literal(struct arena *a, const char *s)
{
	const unsigned char	*p;
	struct buf		 b = { 0 };
	const char		*r;
	size_t			 n, l;

	if (s == NULL || !ps_literal_ok(s))
		return FIX_REFUSED;
	buf_addc(&b, '\'');
	for (p = (const unsigned char *)s, n = strlen(s); n > 0;
	    p += l, n -= l) {
		l = utf8_seq(p, n);
		if (is_quote(p, l))
			buf_add(&b, p, l);	/* doubled: the quote itself */
		buf_add(&b, p, l);
	}
	buf_addc(&b, '\'');
	r = arena_strdup(a, b.p);
	buf_free(&b);
	return r;
}

const char *
ps_literal_list(struct arena *a, const char *const *v, size_t n)
{
	struct buf	 b = { 0 };
	const char	*q, *r;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (v[i] == NULL || !ps_literal_ok(v[i])) {
			buf_free(&b);
			return FIX_REFUSED;
		}
		q = ps_literal(a, v[i]);
		buf_printf(&b, "%s%s", i > 0 ? "," : "", q);
	}
	r = arena_strdup(a, b.p != NULL ? b.p : "$null");
	buf_free(&b);
	return r;
}

const char *
fix_comment_text(struct arena *a, const char *s)
{
	struct buf	 b = { 0 };
	const char	*r;

	if (s == NULL)
		return "";
	utf8_escape(&b, s, 0);
	r = arena_strdup(a, b.p != NULL ? b.p : "");
	buf_free(&b);
	return r;
}

/* The command a refused line was for: its first word, if it is one. */
static void
refused_line(struct buf *out, const char *line, size_t len)
{
	size_t	i;

	for (i = 0; i < len && i < 64 && (line[i] == '-' ||
	    (line[i] >= 'A' && line[i] <= 'Z') ||
	    (line[i] >= 'a' && line[i] <= 'z')); i++)
		;
	buf_printf(out, "# %.*s%snot printed: a value in it, taken from the "
	    "export, holds a control character, a line separator or a "
	    "bidirectional control that no PowerShell literal can carry "
	    "safely; correct that value first", (int)i, line, i > 0 ? ": " :
	    "Line ");
}

char *
fix_finish(struct arena *a, const char *fix)
{
	struct buf	 b = { 0 }, line = { 0 };
	const char	*p, *nl, *q;
	char		*r;
	size_t		 len, k;
	int		 bad;

	if (fix == NULL)
		return NULL;
	for (p = fix; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		len = (size_t)(nl - p);
		buf_reset(&line);
		buf_add(&line, p, len);
		for (q = line.p, bad = 0, k = 0; k < len && !bad; k++)
			bad = (unsigned char)q[k] < 0x20 && q[k] != '\t';
		if (p != fix)
			buf_addc(&b, '\n');
		if (len == 0)
			continue;
		if (q[0] == '#' && strstr(q, FIX_REFUSED) == NULL)
			utf8_escape(&b, q, 0);
		else if (bad)
			refused_line(&b, q, len);
		else
			buf_add(&b, q, len);
	}
	r = arena_strdup(a, b.p != NULL ? b.p : "");
	buf_free(&b);
	buf_free(&line);
	return r;
}
