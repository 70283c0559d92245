/*
 * mdout.c: Markdown for the markdown format, the explain pages and the
 * help of SARIF rules.
 */
#include <stdlib.h>
#include <string.h>

#include "mdout.h"
#include "utf8.h"

void
md_escape(struct buf *b, const char *s, const char *nl)
{
	struct buf	 safe = { 0 };
	const char	*p;
	size_t		 digits;

	utf8_escape(&safe, s, '\n');
	digits = safe.p != NULL ? strspn(safe.p, "0123456789") : 0;
	for (p = safe.p; p != NULL && *p != '\0'; p++) {
		switch (*p) {
		case '&':
			buf_adds(b, "&amp;");
			continue;
		case '<':
			buf_adds(b, "&lt;");
			continue;
		case '>':
			buf_adds(b, "&gt;");
			continue;
		case '\n':
			buf_adds(b, nl);
			continue;
		case '\r':
			buf_addc(b, ' ');
			continue;
		}
		if (strchr("\\`*_[]|~#@$!{}", *p) != NULL ||
		    (p == safe.p && (*p == '-' || *p == '+' || *p == '=')) ||
		    ((*p == '.' || *p == ')') && digits > 0 &&
		    p == safe.p + digits))
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
	buf_free(&safe);
}

/* One line of the documentation: its length without the newline. */
static size_t
line_len(const char *p)
{
	const char	*nl = strchr(p, '\n');

	return nl != NULL ? (size_t)(nl - p) : strlen(p);
}

static int
blank(const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	return 1;
}

/* Markdown text of one line: code spans kept, URLs as autolinks. */
static void
md_text(struct buf *b, const char *p, size_t n)
{
	size_t	i, j, ticks = 0;
	int	code = 0;

	for (i = 0; i < n; i++)
		ticks += p[i] == '`';
	for (i = 0; i < n; i++) {
		if (p[i] == '`' && ticks % 2 == 0) {
			code = !code;
			buf_addc(b, '`');
			continue;
		}
		if (code) {
			buf_addc(b, p[i]);
			continue;
		}
		if ((n - i > 7 && strncmp(p + i, "http://", 7) == 0) ||
		    (n - i > 8 && strncmp(p + i, "https://", 8) == 0)) {
			for (j = i; j < n && p[j] != ' ' && p[j] != '<' &&
			    p[j] != '>' && p[j] != '"' && p[j] != '`'; j++)
				continue;
			while (j > i && strchr(".,;:)'", p[j - 1]) != NULL)
				j--;
			buf_addc(b, '<');
			buf_add(b, p + i, j - i);
			buf_addc(b, '>');
			i = j - 1;
			continue;
		}
		if (strchr("\\`*_[]<>&|~", p[i]) != NULL ||
		    (i == 0 && strchr("#+-=", p[i]) != NULL))
			buf_addc(b, '\\');
		else if ((p[i] == '.' || p[i] == ')') && i > 0 &&
		    strspn(p, "0123456789") == i)
			buf_addc(b, '\\');
		buf_addc(b, p[i]);
	}
}

/* Does a documentation line read as flowing prose? */
static int
md_prose(const char *p, size_t n)
{
	size_t	k;

	for (k = 0; k < n && p[k] == ' '; k++)
		continue;
	if (k > 2)
		return 0;
	return !(n - k >= 2 && strchr("-*", p[k]) != NULL && p[k + 1] == ' ');
}

/*
 * The documentation as Markdown.  It is plain text: headings at the
 * margin, paragraphs indented two spaces, deeper indentation for lists
 * and commands.  Headings become "###", prose lines flow, every other
 * line keeps its line break and its indentation (as no-break spaces),
 * and Markdown's special characters are escaped.
 */
char *
md_doc(const char *doc)
{
	struct buf	 b = { 0 };
	const char	*p, *q;
	size_t		 n, m, k, i;

	for (p = doc; p != NULL && *p != '\0'; p += n + (p[n] == '\n')) {
		n = line_len(p);
		if (blank(p, n)) {
			if (b.len > 0 && b.p[b.len - 1] != '\n')
				buf_addc(&b, '\n');
			if (b.len > 1 && b.p[b.len - 2] != '\n')
				buf_addc(&b, '\n');
			continue;
		}
		if (p[0] != ' ') {
			/* A heading, after a blank line. */
			while (b.len > 0 && (b.p[b.len - 1] != '\n' ||
			    (b.len > 1 && b.p[b.len - 2] != '\n')))
				buf_addc(&b, '\n');
			buf_adds(&b, "### ");
			md_text(&b, p, n);
			buf_addc(&b, '\n');
			continue;
		}
		for (k = 0; k < n && p[k] == ' '; k++)
			continue;
		for (i = k > 2 ? 2 : k; i < k; i++)
			buf_adds(&b, "&#160;");
		md_text(&b, p + k, n - k);
		/* The next line: same paragraph?  Flowing or broken? */
		q = p + n + (p[n] == '\n');
		m = line_len(q);
		if (*q == '\0' || blank(q, m) || q[0] != ' ')
			buf_addc(&b, '\n');
		else if (md_prose(p, n) && md_prose(q, m))
			buf_addc(&b, '\n');
		else
			buf_adds(&b, "\\\n");
	}
	return b.p != NULL ? buf_steal(&b) : xstrdup("");
}

/*
 * The first paragraph of the documentation below its first heading,
 * whitespace collapsed: the rule's fullDescription.
 */
char *
doc_first_paragraph(const char *doc)
{
	struct buf	 b = { 0 };
	const char	*p;
	size_t		 n, i;
	int		 in = 0, space = 0;

	for (p = doc; p != NULL && *p != '\0'; p += n + (p[n] == '\n')) {
		n = line_len(p);
		if (blank(p, n) || p[0] != ' ') {
			if (in)
				break;
			continue;
		}
		in = 1;
		for (i = 0; i < n; i++) {
			if (p[i] == ' ' || p[i] == '\t') {
				space = b.len > 0;
				continue;
			}
			if (space)
				buf_addc(&b, ' ');
			space = 0;
			buf_addc(&b, p[i]);
		}
		space = b.len > 0;
	}
	return b.p;
}
