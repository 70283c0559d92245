/*
 * psparse.c: PowerShell command lines into commands with literal
 * arguments (psparse.h says what is accepted).
 *
 * The text is checked once for its size, UTF-8 and NUL bytes, then read
 * by a recursive-descent parser over a cursor that keeps the line and the
 * column.  Recursion happens only at (, @( and @{, each level counted
 * against PS_MAX_DEPTH; every loop consumes input, so the work is linear.
 *
 * The rules are PowerShell's tokenizer's (argument mode on command lines,
 * expression mode inside brackets), narrowed where they are intricate:
 *  - an unquoted word is PowerShell's "generic token" minus '$', '`',
 *    quotes, '<', '>', '[' and ']', each of which would make it more than
 *    the text it shows (expansion, escapes, joined parts, redirection);
 *  - a word that PowerShell would scan as a number (in any version: hex,
 *    binary, exponent, type suffixes) is a number only in its plain form,
 *    otherwise an error, so that no text silently becomes another value;
 *  - a quoted string, $true/$false/$null or a closing bracket must be
 *    followed by a separator: PowerShell would read member access, a
 *    joined word, or a different token otherwise;
 *  - a backtick outside quotes is accepted only right before a line break
 *    (inside a word PowerShell would keep the line break in the value).
 *
 * After an error the reader skips to the next line and goes on, unless
 * the error was inside a string, a comment or brackets, or about a
 * backtick (the next line would then be misread), so one run reports
 * several problems.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "psparse.h"
#include "utf8.h"
#include "xalloc.h"

#define PS_EOF	((uint32_t)0xffffffff)

/* A position in the text. */
struct cur {
	size_t		off;
	unsigned	line;
	unsigned	col;
};

/* Where a character is read, for check_cp(). */
enum ctx {
	CX_CODE,
	CX_STRING,
	CX_COMMENT
};

/* How snip() ends a piece of source text. */
enum snipmode {
	SN_WS,			/* at white space */
	SN_WORD,		/* at anything that ends a word */
	SN_DQ			/* at white space or a double quote */
};

struct psp {
	const char		*file;		/* arena copy */
	const unsigned char	*s;
	size_t			 len;
	struct cur		 c;
	struct arena		*a;
	struct diags		*d;
	size_t			 nvalues;
	unsigned		 depth;
	int			 fatal;	/* no recovery after it */
	size_t			 nerrors;
	size_t			 tok_end;	/* of the last token */
	/* The last quoted string read: its closing quote. */
	struct cur		 close_at;
	size_t			 close_end;
	uint32_t		 close_cp;
	struct vec		 dirs;		/* #hybridlint: comments */
};

static uint32_t	 cp_at(const struct psp *, size_t, size_t *);
static uint32_t	 peek(const struct psp *);
static uint32_t	 peek2(const struct psp *);
static void	 advance(struct psp *);
static int	 is_alpha(uint32_t);
static int	 is_digit(uint32_t);
static int	 is_alnum(uint32_t);
static int	 is_space(uint32_t);
static int	 is_nl(uint32_t);
static int	 is_sq(uint32_t);
static int	 is_dq(uint32_t);
static int	 is_dash(uint32_t);
static int	 is_term(uint32_t);
static int	 cp_forbidden(uint32_t);
static int	 is_scalar(const struct ps_value *);
static int	 ci_eqn(const char *, size_t, const char *);
static char	*buf_string(struct psp *, struct buf *);
static int	 perr(struct psp *, const struct cur *, int, const char *,
		    ...) __attribute__((format(printf, 4, 5)));
static const char *snip(struct psp *, size_t, size_t, enum snipmode);
static const char *clip(struct psp *, const char *);
static const char *cp_desc(struct psp *, uint32_t);
static int	 check_cp(struct psp *, uint32_t, enum ctx);
static int	 precheck(struct psp *);
static void	 set_loc(const struct psp *, struct loc *,
		    const struct cur *);
static struct ps_value *new_value(struct psp *, enum ps_vkind,
		    const struct cur *);
static int	 line_comment(struct psp *);
static int	 block_comment(struct psp *);
static int	 skip_ws(struct psp *, int);
static void	 skip_line(struct psp *);
static void	 directive(struct psp *, const struct cur *);
static int	 bad_start(struct psp *);
static int	 dash_error(struct psp *);
static int	 value_end(struct psp *);
static int	 num_shape(const char *);
static char	*scan_name(struct psp *);
static int	 scan_word(struct psp *, char **);
static int	 word_start(uint32_t);
static void	 take(struct psp *, struct buf *);
static int	 string_quote(struct psp *, int (*)(uint32_t), struct buf *);
static int	 scan_sq(struct psp *, char **);
static int	 dollar_starts_var(uint32_t);
static int	 dq_escape(struct psp *, struct buf *);
static int	 scan_dq(struct psp *, char **);
static int	 scan_quoted(struct psp *, char **);
static int	 parse_string(struct psp *, struct ps_value **);
static int	 parse_dollar(struct psp *, struct ps_value **);
static int	 parse_word(struct psp *, struct ps_value **);
static int	 enter(struct psp *, const struct cur *);
static int	 item_end_error(struct psp *, const struct cur *,
		    const char *, const char *);
static int	 parse_at(struct psp *, struct ps_value **);
static int	 parse_array(struct psp *, struct ps_value **);
static int	 parse_hash_key(struct psp *, const struct vec *, char **);
static int	 parse_hash_entry(struct psp *, struct vec *, struct vec *);
static int	 parse_hash(struct psp *, struct ps_value **);
static int	 parse_paren(struct psp *, int, struct ps_value **);
static int	 parse_filebytes(struct psp *, struct ps_value **);
static int	 parse_expr_primary(struct psp *, struct ps_value **);
static int	 parse_expr(struct psp *, struct ps_value **);
static int	 parse_arg_primary(struct psp *, int, struct ps_value **);
static int	 parse_arg_value(struct psp *, struct ps_value **);
static int	 parse_param(struct psp *, struct ps_arg *);
static int	 statement_error(struct psp *);
static int	 is_cmdlet_name(const char *);
static int	 command_name(struct psp *, char **);
static int	 parse_command(struct psp *, struct ps_command **);
static void	 parse_script(struct psp *, struct vec *);
static struct ps_script *parse_text(const char *, const char *, size_t,
		    struct diags *, int);

/* PowerShell's keywords: as a command name they start a statement. */
static const char *const keywords[] = {
	"begin", "break", "catch", "class", "clean", "configuration",
	"continue", "data", "define", "do", "dynamicparam", "else", "elseif",
	"end", "enum", "exit", "filter", "finally", "for", "foreach", "from",
	"function", "hidden", "if", "in", "inlinescript", "interface",
	"module", "namespace", "parallel", "param", "private", "process",
	"public", "return", "sequence", "static", "switch", "throw", "trap",
	"try", "type", "until", "using", "var", "while", "workflow", NULL
};

/* ---- Characters ----------------------------------------------------- */

/* The code point at 'off' (the text is valid UTF-8), or PS_EOF. */
static uint32_t
cp_at(const struct psp *p, size_t off, size_t *lenp)
{
	const unsigned char	*s = p->s + off;
	uint32_t		 c;

	if (off >= p->len) {
		*lenp = 0;
		return PS_EOF;
	}
	c = s[0];
	if (c < 0x80) {
		*lenp = 1;
		return c;
	}
	if (c < 0xe0) {
		*lenp = 2;
		return ((c & 0x1f) << 6) | (s[1] & 0x3f);
	}
	if (c < 0xf0) {
		*lenp = 3;
		return ((c & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) |
		    (s[2] & 0x3f);
	}
	*lenp = 4;
	return ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
	    ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
}

static uint32_t
peek(const struct psp *p)
{
	size_t	l;

	return cp_at(p, p->c.off, &l);
}

/* The character after the current one. */
static uint32_t
peek2(const struct psp *p)
{
	size_t	l;

	if (cp_at(p, p->c.off, &l) == PS_EOF)
		return PS_EOF;
	return cp_at(p, p->c.off + l, &l);
}

/* Step over one character; CR LF is one line break, as a lone CR is. */
static void
advance(struct psp *p)
{
	uint32_t	cp;
	size_t		l;

	if ((cp = cp_at(p, p->c.off, &l)) == PS_EOF)
		return;
	p->c.off += l;
	if (cp == '\r' && p->c.off < p->len && p->s[p->c.off] == '\n')
		p->c.off++;
	if (cp == '\r' || cp == '\n') {
		p->c.line++;
		p->c.col = 1;
	} else
		p->c.col++;
}

static int
is_alpha(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(uint32_t c)
{
	return is_alpha(c) || is_digit(c);
}

/*
 * PowerShell's white space outside strings: space, tab, no-break space
 * and the Unicode space separators (char.IsSeparator).  Form feed,
 * vertical tab, U+0085, U+2028 and U+2029 are white space to PowerShell
 * too, but the reader rejects them (cp_forbidden()).
 */
static int
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xa0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f ||
	    c == 0x3000;
}

static int
is_nl(uint32_t c)
{
	return c == '\n' || c == '\r';
}

/* ' and the four quotes PowerShell reads as it. */
static int
is_sq(uint32_t c)
{
	return c == '\'' || (c >= 0x2018 && c <= 0x201b);
}

/* " and the three quotes PowerShell reads as it. */
static int
is_dq(uint32_t c)
{
	return c == '"' || (c >= 0x201c && c <= 0x201e);
}

/* - and the en dash, em dash and horizontal bar. */
static int
is_dash(uint32_t c)
{
	return c == '-' || (c >= 0x2013 && c <= 0x2015);
}

/* What ends an unquoted word: PowerShell's ForceStartNewToken, and EOF. */
static int
is_term(uint32_t c)
{
	return c == PS_EOF || is_space(c) || is_nl(c) || c == ';' ||
	    c == ',' || c == '(' || c == ')' || c == '{' || c == '}' ||
	    c == '|' || c == '&';
}

/*
 * 2: never allowed (NUL; U+0085, U+2028, U+2029, which PowerShell and
 * other tools disagree about as line ends; bidirectional controls, which
 * make text display differently from what it is).  1: allowed in comments
 * only (other control characters, invisible format characters, U+180E
 * whose class changed between Unicode versions).  0: allowed.
 */
static int
cp_forbidden(uint32_t c)
{
	if (c == 0 || c == 0x85 || c == 0x2028 || c == 0x2029 ||
	    c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return 2;
	if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
	    (c >= 0x7f && c <= 0x9f) || c == 0x180e ||
	    (c >= 0x200b && c <= 0x200d) || (c >= 0x2060 && c <= 0x2064) ||
	    c == 0xfeff)
		return 1;
	return 0;
}

static int
is_scalar(const struct ps_value *v)
{
	return v->kind == PSV_STRING || v->kind == PSV_NUMBER ||
	    v->kind == PSV_BOOL || v->kind == PSV_NULL;
}

/* ASCII case-insensitive comparison of s[0..n) with the string w. */
static int
ci_eqn(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

/* The text of 'b' as an arena string; 'b' is freed. */
static char *
buf_string(struct psp *p, struct buf *b)
{
	char	*r;

	r = arena_strndup(p->a, b->p != NULL ? b->p : "", b->len);
	buf_free(b);
	return r;
}

/* ---- Diagnostics ---------------------------------------------------- */

static int
perr(struct psp *p, const struct cur *at, int fatal, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(p->d, SEV_ERROR, p->file, at->line, at->col, "%s", msg);
	free(msg);
	p->nerrors++;
	if (fatal || p->depth > 0)
		p->fatal = 1;
	return -1;
}

/*
 * Up to 'max' characters of the source from 'off', for messages.  Ends at
 * a line break, and after the first character at white space (SN_WS) or
 * at anything that ends a word (SN_WORD).  Characters that could move a
 * terminal or hide text are shown as U+FFFD.
 */
static const char *
snip(struct psp *p, size_t off, size_t max, enum snipmode mode)
{
	struct buf	 b = { 0 };
	uint32_t	 cp;
	size_t		 n = 0, l;

	for (;;) {
		cp = cp_at(p, off, &l);
		if (cp == PS_EOF || is_nl(cp))
			break;
		if (n > 0 && (is_space(cp) || (mode == SN_WORD &&
		    (is_term(cp) || is_sq(cp) || is_dq(cp))) ||
		    (mode == SN_DQ && is_dq(cp))))
			break;
		if (n == max) {
			buf_adds(&b, "...");
			break;
		}
		if (cp_forbidden(cp) || cp == '\t')
			buf_adds(&b, "\xef\xbf\xbd");
		else
			buf_add(&b, p->s + off, l);
		off += l;
		n++;
	}
	return buf_string(p, &b);
}

/* A decoded string for a message: at most 32 code points. */
static const char *
clip(struct psp *p, const char *s)
{
	size_t	i, n = 0;

	for (i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == 32)
			return arena_printf(p->a, "%.*s...", (int)i, s);
	return s;
}

/* "U+2028 (line separator)" and the like. */
static const char *
cp_desc(struct psp *p, uint32_t cp)
{
	const char	*name;

	switch (cp) {
	case 0x85:
		name = " (next line)";
		break;
	case 0x2028:
		name = " (line separator)";
		break;
	case 0x2029:
		name = " (paragraph separator)";
		break;
	case 0xfeff:
		name = " (byte order mark)";
		break;
	case 0x200b:
		name = " (zero width space)";
		break;
	case 0x2018:
		name = " (left single quotation mark)";
		break;
	case 0x2019:
		name = " (right single quotation mark)";
		break;
	case 0x201a:
		name = " (single low-9 quotation mark)";
		break;
	case 0x201b:
		name = " (single high-reversed-9 quotation mark)";
		break;
	case 0x201c:
		name = " (left double quotation mark)";
		break;
	case 0x201d:
		name = " (right double quotation mark)";
		break;
	case 0x201e:
		name = " (double low-9 quotation mark)";
		break;
	default:
		name = "";
		break;
	}
	return arena_printf(p->a, "U+%04X%s", (unsigned)cp, name);
}

/* Reject a character that is not allowed where it is (cp_forbidden()). */
static int
check_cp(struct psp *p, uint32_t cp, enum ctx ctx)
{
	int	fatal = ctx != CX_CODE;

	switch (cp_forbidden(cp)) {
	case 2:
		if (cp == 0)
			return perr(p, &p->c, 1, "NUL byte in the script");
		if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
			return perr(p, &p->c, fatal, "%s is not allowed: "
			    "PowerShell and other tools disagree about whether "
			    "it ends a line", cp_desc(p, cp));
		return perr(p, &p->c, fatal, "bidirectional control %s is "
		    "not allowed: it makes text display differently from "
		    "what it is", cp_desc(p, cp));
	case 1:
		if (ctx == CX_COMMENT)
			return 0;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return perr(p, &p->c, fatal, "control character %s "
			    "is not allowed outside comments", cp_desc(p, cp));
		return perr(p, &p->c, fatal, "invisible character %s is "
		    "not allowed outside comments", cp_desc(p, cp));
	default:
		return 0;
	}
}

/*
 * The whole text once: valid UTF-8 (no overlong form, no surrogate) and
 * no NUL byte, with the line and column of the first problem.
 */
static int
precheck(struct psp *p)
{
	struct cur	at = { 0, 1, 1 };
	size_t		l;

	while (at.off < p->len) {
		if (p->s[at.off] == 0) {
			p->c = at;
			return perr(p, &at, 1, "NUL byte in the script");
		}
		if ((l = utf8_seq(p->s + at.off, p->len - at.off)) == 0)
			return perr(p, &at, 1, "invalid UTF-8 (byte 0x%02X)",
			    p->s[at.off]);
		if (p->s[at.off] == '\n' || (p->s[at.off] == '\r' &&
		    (at.off + 1 >= p->len || p->s[at.off + 1] != '\n'))) {
			at.line++;
			at.col = 1;
		} else if (p->s[at.off] != '\r')
			at.col++;
		at.off += l;
	}
	return 0;
}

/* ---- Values --------------------------------------------------------- */

static void
set_loc(const struct psp *p, struct loc *l, const struct cur *at)
{
	l->file = p->file;
	l->line = at->line;
	l->col = at->col;
	l->pointer = NULL;
}

static struct ps_value *
new_value(struct psp *p, enum ps_vkind kind, const struct cur *at)
{
	struct ps_value	*v;

	if (++p->nvalues > PS_MAX_VALUES) {
		perr(p, at, 1, "more than %d values in the script",
		    PS_MAX_VALUES);
		return NULL;
	}
	v = arena_alloc(p->a, sizeof(*v));
	v->kind = kind;
	v->quoted = PSQ_BARE;
	set_loc(p, &v->loc, at);
	return v;
}

/* ---- White space and comments --------------------------------------- */

/*
 * A comment "#hybridlint: ..." (any case, spaces allowed before the
 * word) read from 'at' to the cursor: kept for the caller, who gives it
 * a meaning; PowerShell sees a comment.
 */
static void
directive(struct psp *p, const struct cur *at)
{
	struct ps_directive	*dv;
	const char		*s = (const char *)p->s + at->off + 1;
	size_t			 n = p->c.off - at->off - 1;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n < 11 || strncasecmp(s, "hybridlint:", 11) != 0)
		return;
	s += 11;
	n -= 11;
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	dv = arena_alloc(p->a, sizeof(*dv));
	dv->text = arena_strndup(p->a, s, n);
	set_loc(p, &dv->loc, at);
	vec_push(&p->dirs, dv);
}

/* A '#' comment, up to the line break. */
static int
line_comment(struct psp *p)
{
	struct cur	at;
	uint32_t	cp;

	/* PowerShell acts on #requires (it checks and loads modules). */
	if (p->len - p->c.off >= 9 &&
	    strncasecmp((const char *)p->s + p->c.off + 1, "requires", 8) == 0)
		return perr(p, &p->c, 0, "#requires is not supported");
	at = p->c;
	advance(p);
	while ((cp = peek(p)) != PS_EOF && !is_nl(cp)) {
		if (cp_forbidden(cp) && check_cp(p, cp, CX_COMMENT) == -1)
			return -1;
		advance(p);
	}
	directive(p, &at);
	return 0;
}

/* A <# block comment #>; '<#>' does not end it, as in PowerShell. */
static int
block_comment(struct psp *p)
{
	struct cur	open = p->c;
	uint32_t	cp;

	advance(p);
	advance(p);
	for (;;) {
		if ((cp = peek(p)) == PS_EOF)
			return perr(p, &open, 1, "unterminated block comment "
			    "('<#' without '#>')");
		if (cp == '#' && peek2(p) == '>') {
			advance(p);
			advance(p);
			return 0;
		}
		if (cp_forbidden(cp) && check_cp(p, cp, CX_COMMENT) == -1)
			return -1;
		advance(p);
	}
}

/*
 * Skip white space, comments and line continuations; line breaks too with
 * 'nl'.  Called only where a token may start, so '#' starts a comment.
 */
static int
skip_ws(struct psp *p, int nl)
{
	uint32_t	cp, n;

	for (;;) {
		cp = peek(p);
		if (is_space(cp)) {
			advance(p);
		} else if (is_nl(cp)) {
			if (!nl)
				return 0;
			advance(p);
		} else if (cp == '`') {
			n = peek2(p);
			if (!is_nl(n))
				return perr(p, &p->c, 1, "a backtick outside "
				    "quotes must be the last character of the "
				    "line (line continuation); found '%s'",
				    snip(p, p->c.off, 2, SN_WS));
			advance(p);
			advance(p);
		} else if (cp == '#') {
			if (line_comment(p) == -1)
				return -1;
		} else if (cp == '<' && peek2(p) == '#') {
			if (block_comment(p) == -1)
				return -1;
		} else if (cp != PS_EOF && cp_forbidden(cp)) {
			return check_cp(p, cp, CX_CODE);
		} else
			return 0;
	}
}

/* After an error: on to the start of the next line. */
static void
skip_line(struct psp *p)
{
	uint32_t	cp;

	while ((cp = peek(p)) != PS_EOF && !is_nl(cp))
		advance(p);
	advance(p);
}

/* ---- Errors for tokens out of scope --------------------------------- */

/* A character that starts no supported token where a value may be. */
static int
bad_start(struct psp *p)
{
	uint32_t	cp = peek(p), n = peek2(p);

	switch (cp) {
	case '|':
		if (n == '|')
			return perr(p, &p->c, 0, "the '||' operator is not "
			    "supported; write one command per line");
		return perr(p, &p->c, 0, "pipelines are not supported ('|'); "
		    "write one command per line");
	case '&':
		if (n == '&')
			return perr(p, &p->c, 0, "the '&&' operator is not "
			    "supported; write one command per line");
		return perr(p, &p->c, 0, "the '&' operator is not supported "
		    "(call operator or background job)");
	case '<':
	case '>':
		return perr(p, &p->c, 0, "redirections are not supported "
		    "('%s')", snip(p, p->c.off, 8, SN_WS));
	case ')':
	case '}':
	case ']':
		return perr(p, &p->c, 0, "unexpected '%c'", (char)cp);
	case '[':
		return perr(p, &p->c, 0, "type expressions are not supported "
		    "('%s')", snip(p, p->c.off, 24, SN_WS));
	case ',':
		return perr(p, &p->c, 0, "missing value before ','");
	case '{':
		return perr(p, &p->c, 1, "script blocks are not supported "
		    "('{')");
	case ';':
	case '\r':
	case '\n':
	case PS_EOF:
		return perr(p, &p->c, 0, "missing value");
	case '$':
		return perr(p, &p->c, 0, "variables are not supported ('%s')",
		    snip(p, p->c.off, 24, SN_WORD));
	default:
		return perr(p, &p->c, 0, "unexpected '%s'; quote the value",
		    snip(p, p->c.off, 24, SN_WS));
	}
}

/* A dash that does not start a parameter name. */
static int
dash_error(struct psp *p)
{
	uint32_t	n = peek2(p);

	if (is_digit(n) || n == '.')
		return perr(p, &p->c, 0, "negative numbers are not supported "
		    "('%s'); quote the value if it is text",
		    snip(p, p->c.off, 24, SN_WORD));
	if (is_dash(n))
		return perr(p, &p->c, 0, "'%s' is not supported ('--' ends "
		    "parameter parsing, '--%%' stops parsing)",
		    snip(p, p->c.off, 24, SN_WS));
	if (n == '_' || n == '?' || (n >= 0x80 && n != PS_EOF &&
	    !is_space(n)))
		return perr(p, &p->c, 0, "parameter names must start with an "
		    "ASCII letter ('%s')", snip(p, p->c.off, 24, SN_WORD));
	return perr(p, &p->c, 0, "a value starting with a dash is not "
	    "supported ('%s'); quote it", snip(p, p->c.off, 24, SN_WS));
}

/*
 * After a value: the next character must separate it from what follows.
 * PowerShell would read "'a'.Length", "$true.x", "'a'b", "'a'#b" or
 * "x('y')" as member access, a joined word or another token.
 */
static int
value_end(struct psp *p)
{
	uint32_t	cp = peek(p);

	p->tok_end = p->c.off;
	if (cp == PS_EOF || is_space(cp) || is_nl(cp) || cp == ',' ||
	    cp == ';' || cp == ')' || cp == '}' || cp == '|' || cp == '&' ||
	    cp == '`')
		return 0;
	if (p->close_end == p->c.off && p->close_cp != '\'' &&
	    p->close_cp != '"')
		return perr(p, &p->close_at, 0, "the string ends at %s, which "
		    "PowerShell reads as %s; double it inside the string "
		    "(found '%s' after it)", cp_desc(p, p->close_cp),
		    is_sq(p->close_cp) ? "'" : "\"",
		    snip(p, p->c.off, 24, SN_WS));
	if (cp == '.' || cp == '[' || cp == ':')
		return perr(p, &p->c, 0, "member access, indexing and method "
		    "calls are not supported ('%s')",
		    snip(p, p->c.off, 24, SN_WS));
	if (cp == '#')
		return perr(p, &p->c, 0, "'#' right after a value; put a "
		    "space before a comment");
	if (p->close_end == p->c.off)
		return perr(p, &p->c, 0, "text right after a closing quote "
		    "('%s'); quote the whole value",
		    snip(p, p->c.off, 24, SN_WS));
	return perr(p, &p->c, 0, "unexpected '%s' right after a value; "
	    "separate values with a space", snip(p, p->c.off, 24, SN_WS));
}

/* ---- Words and numbers ---------------------------------------------- */

/*
 * Would PowerShell scan the word 'w' as a number?  0: no, it is text.
 * 1: yes, in the plain form the reader keeps (digits, one fraction, a
 * KB..PB multiplier).  2: yes, in another form (hex, binary, exponent,
 * type suffix, "1."): the reader rejects it.  The recognizer accepts what
 * any PowerShell version's number scanner accepts when a word ends after
 * it (Windows PowerShell 5.1 knows fewer suffixes; erring on "number"
 * only rejects more).
 */
static int
num_shape(const char *w)
{
	const unsigned char	*s = (const unsigned char *)w;
	size_t			 i = 0;
	int			 plain = 1, digits = 0;

	if (s[0] == '.') {
		if (!is_digit(s[1]))
			return 0;
		plain = 0;
		i = 1;
	} else if (!is_digit(s[0]))
		return 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		plain = 0;
		for (i = 2; is_digit(s[i]) || (s[i] >= 'a' && s[i] <= 'f') ||
		    (s[i] >= 'A' && s[i] <= 'F'); i++)
			;
	} else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
		plain = 0;
		for (i = 2; s[i] == '0' || s[i] == '1'; i++)
			;
	} else {
		for (; is_digit(s[i]); i++)
			digits++;
		if (s[i] == '.' && i > 0 && s[0] != '.') {
			/* "1..2" is a range: PowerShell's number ends. */
			if (s[i + 1] == '.')
				return 0;
			i++;
			digits = 0;
			for (; is_digit(s[i]); i++)
				digits++;
			if (digits == 0)
				plain = 0;
		}
		if (s[i] == 'e' || s[i] == 'E') {
			plain = 0;
			i++;
			if (s[i] == '+' || s[i] == '-')
				i++;
			else if (s[i] == 0xe2 && s[i + 1] == 0x80 &&
			    s[i + 2] >= 0x93 && s[i + 2] <= 0x95)
				i += 3;
			if (!is_digit(s[i]))
				return 0;
			while (is_digit(s[i]))
				i++;
		}
	}
	/* Type suffixes: d l u s y n, and u followed by l s y. */
	if (strchr("dDlLuUsSyYnN", s[i]) != NULL && s[i] != 0) {
		plain = 0;
		i++;
		if (strchr("dDlLuUsSyYnN", s[i]) != NULL && s[i] != 0)
			i++;
	}
	if (strchr("kKmMgGtTpP", s[i]) != NULL && s[i] != 0) {
		if (s[i + 1] != 'b' && s[i + 1] != 'B')
			return 0;
		i += 2;
	}
	if (s[i] != 0)
		return 0;
	return plain ? 1 : 2;
}

/* A name of ASCII letters, digits and '_' from the cursor (maybe empty). */
static char *
scan_name(struct psp *p)
{
	size_t	start = p->c.off;

	while (is_alnum(peek(p)) || peek(p) == '_')
		advance(p);
	return arena_strndup(p->a, (const char *)p->s + start,
	    p->c.off - start);
}

/*
 * An unquoted word in argument mode, up to a character that ends it:
 * PowerShell's generic token without '$', '`', quotes, '<', '>', '[' and
 * ']'.  The first character has been checked by the caller.
 */
static int
scan_word(struct psp *p, char **out)
{
	size_t		start = p->c.off;
	uint32_t	cp;

	for (;;) {
		cp = peek(p);
		if (is_term(cp))
			break;
		if (cp == '$') {
			if (peek2(p) == '(')
				return perr(p, &p->c, 0, "subexpressions are "
				    "not supported ('%s')",
				    snip(p, start, 32, SN_WS));
			return perr(p, &p->c, 0, "variables are not supported "
			    "('%s'); quote the value with single quotes",
			    snip(p, start, 32, SN_WS));
		}
		if (cp == '`')
			return perr(p, &p->c, 1, "backtick inside an unquoted "
			    "argument ('%s'); quote the value, and put a space "
			    "before a line-continuation backtick",
			    snip(p, start, 32, SN_WS));
		if (is_sq(cp) || is_dq(cp))
			return perr(p, &p->c, 0, "quote inside an unquoted "
			    "argument ('%s'): PowerShell would join the parts "
			    "into one value; quote the whole value",
			    snip(p, start, 32, SN_WS));
		if (cp == '<' || cp == '>')
			return perr(p, &p->c, 0, "'%c' in an unquoted argument "
			    "is not supported (redirection); quote the value",
			    (char)cp);
		if (cp == '[' || cp == ']')
			return perr(p, &p->c, 0, "brackets in an unquoted "
			    "argument are not supported ('%s'); quote the "
			    "value", snip(p, start, 32, SN_WS));
		if (cp_forbidden(cp) && check_cp(p, cp, CX_CODE) == -1)
			return -1;
		advance(p);
	}
	*out = arena_strndup(p->a, (const char *)p->s + start,
	    p->c.off - start);
	return 0;
}

/* Could 'c' start an unquoted word in argument mode? */
static int
word_start(uint32_t c)
{
	if (c == PS_EOF)
		return 0;
	if (c < 0x80)
		return is_alnum(c) || c == '_' || c == '*' || c == '.' ||
		    c == '/' || c == '\\' || c == '?';
	return !is_space(c) && !is_sq(c) && !is_dq(c) && !is_dash(c) &&
	    !cp_forbidden(c);
}

/* A word as a value: text, or a number when PowerShell reads one. */
static int
parse_word(struct psp *p, struct ps_value **out)
{
	struct cur	 at = p->c;
	char		*w;
	int		 shape;

	if (scan_word(p, &w) == -1)
		return -1;
	if (strcmp(w, ".") == 0 || strcmp(w, "..") == 0)
		return perr(p, &at, 0, "'%s' is not supported as a value "
		    "(dot-sourcing or range operator); quote it", w);
	if ((shape = num_shape(w)) == 2)
		return perr(p, &at, 0, "'%s' is a number form that PowerShell "
		    "reads differently from its text; quote it if it is "
		    "text, or write plain digits", w);
	if ((*out = new_value(p, shape == 1 ? PSV_NUMBER : PSV_STRING,
	    &at)) == NULL)
		return -1;
	(*out)->str = w;
	return value_end(p);
}

/* ---- Strings -------------------------------------------------------- */

/* Step over the character at the cursor and add its bytes to 'b'. */
static void
take(struct psp *p, struct buf *b)
{
	size_t	off = p->c.off;

	advance(p);
	buf_add(b, p->s + off, p->c.off - off);
}

/*
 * A quote inside a string, of the kind 'same' accepts: two in a row
 * stand for the second, added to 'b'; one closes the string and is kept
 * for value_end().  Returns 1 when the string is closed.
 */
static int
string_quote(struct psp *p, int (*same)(uint32_t), struct buf *b)
{
	uint32_t	cp = peek(p);

	if (same(peek2(p))) {
		advance(p);
		take(p, b);
		return 0;
	}
	p->close_at = p->c;
	p->close_cp = cp;
	advance(p);
	p->close_end = p->c.off;
	return 1;
}

/*
 * A single-quoted string (the cursor is on the opening quote).  Any of
 * the five single quotes closes it; two in a row stand for the second.
 */
static int
scan_sq(struct psp *p, char **out)
{
	struct cur	open = p->c;
	struct buf	b = { 0 };
	uint32_t	cp;

	advance(p);
	for (;;) {
		cp = peek(p);
		if (cp == PS_EOF) {
			buf_free(&b);
			return perr(p, &open, 1, "unterminated single-quoted "
			    "string (no closing quote for the one here)");
		}
		if (is_sq(cp)) {
			if (string_quote(p, is_sq, &b))
				break;
			continue;
		}
		if (cp_forbidden(cp) && check_cp(p, cp, CX_STRING) == -1) {
			buf_free(&b);
			return -1;
		}
		take(p, &b);
	}
	*out = buf_string(p, &b);
	return 0;
}

/*
 * Does a '$' followed by 'n' start a variable or subexpression in a
 * double-quoted string?  PowerShell: '(' , '{', and any character that
 * may start a variable name (letters, digits, '_', '?', '^', '$', ':');
 * beyond ASCII any letter or digit, here any character but a quote or a
 * space, to be safe.
 */
static int
dollar_starts_var(uint32_t n)
{
	if (n == PS_EOF)
		return 0;
	if (n < 0x80)
		return is_alnum(n) || n == '(' || n == '{' || n == '_' ||
		    n == '?' || n == '^' || n == '$' || n == ':';
	return !is_sq(n) && !is_dq(n) && !is_space(n);
}

/*
 * A backtick escape in a double-quoted string, the cursor on the backtick
 * and a character after it: `n, `r and `t, or a character that stands
 * for itself; the other escapes are errors.
 */
static int
dq_escape(struct psp *p, struct buf *b)
{
	uint32_t	e = peek2(p);

	switch (e) {
	case 'n':
	case 'r':
	case 't':
		advance(p);
		advance(p);
		buf_addc(b, e == 'n' ? '\n' : e == 'r' ? '\r' : '\t');
		return 0;
	case '0':
	case 'a':
	case 'b':
	case 'f':
	case 'v':
		return perr(p, &p->c, 1, "the escape `%c makes a control "
		    "character, which is not supported", (char)e);
	case 'e':
		return perr(p, &p->c, 1, "the escape `e is not supported: it "
		    "is ESC in PowerShell 7 and 'e' in Windows PowerShell 5.1");
	case 'u':
		return perr(p, &p->c, 1, "the escape `u{...} is not "
		    "supported: it is a code point in PowerShell 7 and "
		    "'u{...}' in Windows PowerShell 5.1; write the character "
		    "itself");
	default:
		if (is_alnum(e))
			return perr(p, &p->c, 1, "unknown escape `%c; write "
			    "the character without the backtick", (char)e);
		/* Any other character stands for itself. */
		advance(p);
		if (cp_forbidden(e) && check_cp(p, e, CX_STRING) == -1)
			return -1;
		take(p, b);
		return 0;
	}
}

/*
 * A double-quoted string (the cursor is on the opening quote).  Any of
 * the four double quotes closes it; two in a row stand for the second.
 */
static int
scan_dq(struct psp *p, char **out)
{
	struct cur	open = p->c;
	struct buf	b = { 0 };
	uint32_t	cp;

	advance(p);
	for (;;) {
		cp = peek(p);
		if (cp == PS_EOF || (cp == '`' && peek2(p) == PS_EOF)) {
			perr(p, &open, 1, "unterminated double-quoted string "
			    "(no closing quote for the one here)");
			goto fail;
		}
		if (is_dq(cp)) {
			if (string_quote(p, is_dq, &b))
				break;
			continue;
		}
		if (cp == '$' && dollar_starts_var(peek2(p))) {
			perr(p, &p->c, 1, "variables and subexpressions are "
			    "not supported ('%s'); use single quotes, or "
			    "write the '$' as '`$'",
			    snip(p, p->c.off, 24, SN_DQ));
			goto fail;
		}
		if (cp == '`') {
			if (dq_escape(p, &b) == -1)
				goto fail;
			continue;
		}
		if (cp_forbidden(cp) && check_cp(p, cp, CX_STRING) == -1)
			goto fail;
		take(p, &b);
	}
	*out = buf_string(p, &b);
	return 0;
fail:
	buf_free(&b);
	return -1;
}

/* A single- or double-quoted string; the cursor is on the quote. */
static int
scan_quoted(struct psp *p, char **out)
{
	return is_dq(peek(p)) ? scan_dq(p, out) : scan_sq(p, out);
}

/* A quoted string as a value. */
static int
parse_string(struct psp *p, struct ps_value **out)
{
	struct cur	 at = p->c;
	char		*s;
	int		 dq = is_dq(peek(p));

	if (scan_quoted(p, &s) == -1)
		return -1;
	if ((*out = new_value(p, PSV_STRING, &at)) == NULL)
		return -1;
	(*out)->str = s;
	(*out)->quoted = dq ? PSQ_DOUBLE : PSQ_SINGLE;
	return value_end(p);
}

/* $true, $false or $null; any other '$' is out of scope. */
static int
parse_dollar(struct psp *p, struct ps_value **out)
{
	struct cur	 at = p->c;
	struct ps_value	*v = NULL;
	const char	*name;
	uint32_t	 n = peek2(p), cp;
	size_t		 len;

	if (n == '(')
		return perr(p, &at, 0, "subexpressions are not supported "
		    "('%s')", snip(p, at.off, 24, SN_WS));
	if (n == PS_EOF || is_space(n) || is_nl(n))
		return perr(p, &at, 0, "a lone '$' is not supported; quote "
		    "it");
	advance(p);
	name = scan_name(p);
	len = strlen(name);
	cp = peek(p);
	/* '?', ':' and letters beyond ASCII would continue the name. */
	if (cp != '?' && cp != ':' && (cp < 0x80 || cp == PS_EOF ||
	    is_space(cp))) {
		if (ci_eqn(name, len, "true") || ci_eqn(name, len, "false")) {
			if ((v = new_value(p, PSV_BOOL, &at)) == NULL)
				return -1;
			v->b = ci_eqn(name, len, "true");
		} else if (ci_eqn(name, len, "null")) {
			if ((v = new_value(p, PSV_NULL, &at)) == NULL)
				return -1;
		}
	}
	if (v == NULL)
		return perr(p, &at, 0, "variables are not supported ('%s'); "
		    "write the value itself", snip(p, at.off, 24, SN_WS));
	*out = v;
	return value_end(p);
}

/* ---- Brackets ------------------------------------------------------- */

static int
enter(struct psp *p, const struct cur *at)
{
	if (p->depth >= PS_MAX_DEPTH)
		return perr(p, at, 1, "nesting deeper than %d levels of (), "
		    "@() and @{}", PS_MAX_DEPTH);
	p->depth++;
	return 0;
}

/*
 * What follows an item inside brackets opened at 'at' is no separator:
 * 'missing' at the end of the text, else "expected <expected>", unless
 * bad_start() has a better word for it.
 */
static int
item_end_error(struct psp *p, const struct cur *at, const char *missing,
    const char *expected)
{
	uint32_t	cp = peek(p);

	if (cp == PS_EOF)
		return perr(p, at, 1, "%s", missing);
	if (cp == '|' || cp == '&' || cp == '<' || cp == '>' || cp == '{')
		return bad_start(p);
	return perr(p, &p->c, 0, "expected %s, found '%s'", expected,
	    snip(p, p->c.off, 24, SN_WS));
}

/* '@': a list, a hashtable, or something out of scope. */
static int
parse_at(struct psp *p, struct ps_value **out)
{
	uint32_t	n = peek2(p);

	if (n == '(') {
		if (parse_array(p, out) == -1)
			return -1;
	} else if (n == '{') {
		if (parse_hash(p, out) == -1)
			return -1;
	} else if (is_sq(n) || is_dq(n))
		return perr(p, &p->c, 1, "here-strings are not supported; use "
		    "a single-quoted string");
	else if (n != PS_EOF && (n >= 0x80 || is_alnum(n) || n == '_' ||
	    n == '?' || n == ':' || n == '$' || n == '^'))
		return perr(p, &p->c, 0, "splatting is not supported ('%s')",
		    snip(p, p->c.off, 24, SN_WORD));
	else
		return perr(p, &p->c, 0, "unexpected '@'");
	return value_end(p);
}

/*
 * @( statements ): each statement is a value or a comma list of scalars;
 * a statement's list is flattened, as PowerShell enumerates its output.
 */
static int
parse_array(struct psp *p, struct ps_value **out)
{
	struct cur	 at = p->c, vat;
	struct vec	 items = { 0 };
	struct ps_value	*v, *l;
	uint32_t	 cp;
	size_t		 i;

	if (enter(p, &at) == -1)
		return -1;
	advance(p);
	advance(p);
	for (;;) {
		if (skip_ws(p, 1) == -1)
			goto fail;
		cp = peek(p);
		if (cp == ';') {
			advance(p);
			continue;
		}
		if (cp == ')')
			break;
		if (cp == PS_EOF) {
			perr(p, &at, 1, "missing ')' for the '@(' here");
			goto fail;
		}
		vat = p->c;
		if (parse_expr(p, &v) == -1)
			goto fail;
		if (v->kind == PSV_LIST) {
			for (i = 0; i < v->nitems; i++)
				vec_push(&items, v->items[i]);
		} else if (is_scalar(v))
			vec_push(&items, v);
		else {
			perr(p, &vat, 0, "a %s inside @() is not supported",
			    ps_vkind_name(v->kind));
			goto fail;
		}
		if (skip_ws(p, 0) == -1)
			goto fail;
		cp = peek(p);
		if (cp != ';' && cp != ')' && !is_nl(cp)) {
			item_end_error(p, &at, "missing ')' for the '@(' here",
			    "',', ';', a new line or ')' in @()");
			goto fail;
		}
	}
	advance(p);
	p->depth--;
	if ((l = new_value(p, PSV_LIST, &at)) == NULL)
		goto fail;
	l->nitems = items.n;
	l->items = (struct ps_value **)vec_finish(&items, p->a);
	vec_free(&items);
	*out = l;
	return 0;
fail:
	vec_free(&items);
	return -1;
}

/* A hashtable key: a name or a quoted string, not one of 'keys'. */
static int
parse_hash_key(struct psp *p, const struct vec *keys, char **out)
{
	struct cur	 at = p->c;
	uint32_t	 cp = peek(p);
	char		*key;
	size_t		 i;

	if (is_sq(cp) || is_dq(cp)) {
		if (scan_quoted(p, &key) == -1)
			return -1;
	} else if (is_alpha(cp) || cp == '_')
		key = scan_name(p);
	else
		return perr(p, &at, 0, "a hashtable key must be a name or a "
		    "quoted string ('%s')", snip(p, p->c.off, 24, SN_WS));
	for (i = 0; i < keys->n; i++)
		if (strcasecmp(keys->v[i], key) == 0)
			return perr(p, &at, 0, "duplicate key '%s' in a "
			    "hashtable", clip(p, key));
	*out = key;
	return 0;
}

/* One hashtable entry, key = value, added to 'keys' and 'vals'. */
static int
parse_hash_entry(struct psp *p, struct vec *keys, struct vec *vals)
{
	struct cur	 vat;
	struct ps_value	*v;
	char		*key = NULL;
	uint32_t	 cp;

	if (keys->n == PS_MAX_KEYS)
		return perr(p, &p->c, 1, "more than %d keys in a hashtable",
		    PS_MAX_KEYS);
	if (parse_hash_key(p, keys, &key) == -1 || skip_ws(p, 0) == -1)
		return -1;
	if (peek(p) != '=')
		return perr(p, &p->c, 0, "missing '=' after the hashtable key "
		    "'%s'", clip(p, key));
	advance(p);
	if (skip_ws(p, 1) == -1)
		return -1;
	vat = p->c;
	cp = peek(p);
	if (cp == '}' || cp == ';' || cp == PS_EOF)
		return perr(p, &vat, 0, "missing value for the hashtable key "
		    "'%s'", clip(p, key));
	if (parse_expr(p, &v) == -1)
		return -1;
	if (v->kind == PSV_HASH)
		return perr(p, &vat, 0, "nested hashtables are not supported");
	vec_push(keys, key);
	vec_push(vals, v);
	return 0;
}

/*
 * @{ key = value; ... }: keys are names or quoted strings, unique
 * case-insensitively; values are scalars or lists; entries are separated
 * by ';' or line breaks.
 */
static int
parse_hash(struct psp *p, struct ps_value **out)
{
	struct cur	 at = p->c;
	struct vec	 keys = { 0 }, vals = { 0 };
	struct ps_value	*h;
	uint32_t	 cp;

	if (enter(p, &at) == -1)
		return -1;
	advance(p);
	advance(p);
	if (skip_ws(p, 1) == -1)
		goto fail;
	for (;;) {
		cp = peek(p);
		if (cp == '}')
			break;
		if (cp == PS_EOF) {
			perr(p, &at, 1, "missing '}' for the '@{' here");
			goto fail;
		}
		if (parse_hash_entry(p, &keys, &vals) == -1 ||
		    skip_ws(p, 0) == -1)
			goto fail;
		cp = peek(p);
		if (cp == '}')
			break;
		if (cp != ';' && !is_nl(cp)) {
			item_end_error(p, &at, "missing '}' for the '@{' here",
			    "';', a new line or '}' after a hashtable value");
			goto fail;
		}
		while ((cp = peek(p)) == ';' || is_nl(cp)) {
			advance(p);
			if (skip_ws(p, 1) == -1)
				goto fail;
		}
	}
	advance(p);
	p->depth--;
	if ((h = new_value(p, PSV_HASH, &at)) == NULL)
		goto fail;
	h->nitems = vals.n;
	h->keys = (const char **)vec_finish(&keys, p->a);
	vec_free(&keys);
	h->items = (struct ps_value **)vec_finish(&vals, p->a);
	vec_free(&vals);
	*out = h;
	return 0;
fail:
	vec_free(&keys);
	vec_free(&vals);
	return -1;
}

/*
 * ( value ): one value or a comma list; with 'top' (a whole argument)
 * also [System.IO.File]::ReadAllBytes('path').  The value's location
 * becomes the parenthesis.
 */
static int
parse_paren(struct psp *p, int top, struct ps_value **out)
{
	struct cur	 at = p->c;
	struct ps_value	*v;
	uint32_t	 cp;

	if (enter(p, &at) == -1)
		return -1;
	advance(p);
	if (skip_ws(p, 1) == -1)
		return -1;
	cp = peek(p);
	if (cp == '[') {
		if (!top)
			return perr(p, &p->c, 0, "type expressions are not "
			    "supported here; ([System.IO.File]::ReadAllBytes("
			    "'path')) must be a whole argument");
		if (parse_filebytes(p, &v) == -1)
			return -1;
	} else if (cp == ')')
		return perr(p, &at, 0, "empty parentheses");
	else if (parse_expr(p, &v) == -1)
		return -1;
	if (skip_ws(p, 1) == -1)
		return -1;
	cp = peek(p);
	if (cp != ')') {
		if (cp == ';')
			return perr(p, &p->c, 0, "statements inside () are not "
			    "supported");
		return item_end_error(p, &at, "missing ')' for the '(' here",
		    "')'");
	}
	advance(p);
	p->depth--;
	set_loc(p, &v->loc, &at);
	*out = v;
	return 0;
}

/* [System.IO.File]::ReadAllBytes('path'), the cursor on the '['. */
static int
parse_filebytes(struct psp *p, struct ps_value **out)
{
	struct cur	 at = p->c, mat;
	const char	*s = (const char *)p->s;
	char		*path;
	size_t		 start;

	advance(p);
	start = p->c.off;
	while (is_alnum(peek(p)) || peek(p) == '.')
		advance(p);
	if (peek(p) != ']' ||
	    !(ci_eqn(s + start, p->c.off - start, "System.IO.File") ||
	    ci_eqn(s + start, p->c.off - start, "IO.File")))
		return perr(p, &at, 0, "type expressions other than "
		    "[System.IO.File]::ReadAllBytes('path') are not supported "
		    "('%s')", snip(p, at.off, 32, SN_WS));
	advance(p);
	if (peek(p) != ':' || peek2(p) != ':')
		return perr(p, &p->c, 0, "expected '::ReadAllBytes(' after "
		    "'%.*s'", (int)(p->c.off - at.off), s + at.off);
	advance(p);
	advance(p);
	mat = p->c;
	start = p->c.off;
	while (is_alpha(peek(p)))
		advance(p);
	if (!ci_eqn(s + start, p->c.off - start, "ReadAllBytes"))
		return perr(p, &mat, 0, "only [System.IO.File]::ReadAllBytes"
		    "('path') is supported ('%s')",
		    snip(p, mat.off, 32, SN_WS));
	if (peek(p) != '(')
		return perr(p, &p->c, 0, "expected '(' right after "
		    "ReadAllBytes");
	advance(p);
	while (is_space(peek(p)))
		advance(p);
	if (!is_sq(peek(p)) && !is_dq(peek(p)))
		return perr(p, &p->c, 0, "the path of ReadAllBytes must be a "
		    "quoted string");
	if (scan_quoted(p, &path) == -1)
		return -1;
	while (is_space(peek(p)))
		advance(p);
	if (peek(p) != ')')
		return perr(p, &p->c, 0, "expected ')' after the path of "
		    "ReadAllBytes");
	advance(p);
	if ((*out = new_value(p, PSV_FILEBYTES, &at)) == NULL)
		return -1;
	(*out)->str = path;
	return 0;
}

/*
 * One value in expression mode (inside brackets), where an unquoted word
 * would be a command: strings, numbers, $true/$false/$null, brackets.
 */
static int
parse_expr_primary(struct psp *p, struct ps_value **out)
{
	struct cur	 at = p->c;
	uint32_t	 cp = peek(p), n = peek2(p);
	char		*w;
	int		 shape;

	if (is_sq(cp) || is_dq(cp))
		return parse_string(p, out);
	if (cp == '$')
		return parse_dollar(p, out);
	if (cp == '@')
		return parse_at(p, out);
	if (cp == '(') {
		if (parse_paren(p, 0, out) == -1)
			return -1;
		return value_end(p);
	}
	if (is_digit(cp) || (cp == '.' && is_digit(n))) {
		while (is_alnum(peek(p)) || peek(p) == '.' || peek(p) == '_')
			advance(p);
		w = arena_strndup(p->a, (const char *)p->s + at.off,
		    p->c.off - at.off);
		if ((shape = num_shape(w)) != 1)
			return perr(p, &at, 0, shape == 2 ? "'%s' is a number "
			    "form that PowerShell reads differently from its "
			    "text; write plain digits" : "unquoted text "
			    "inside (), @() or @{} would run as a command "
			    "('%s'); quote it", w);
		if ((*out = new_value(p, PSV_NUMBER, &at)) == NULL)
			return -1;
		(*out)->str = w;
		return value_end(p);
	}
	if (is_dash(cp)) {
		if (is_digit(n) || n == '.')
			return dash_error(p);
		return perr(p, &at, 0, "operators are not supported ('%s')",
		    snip(p, at.off, 24, SN_WORD));
	}
	if (word_start(cp) || cp == '%' || cp == '!' || cp == '+' ||
	    cp == '=')
		return perr(p, &at, 0, "unquoted text inside (), @() or @{} "
		    "would run as a command ('%s'); quote it",
		    snip(p, at.off, 24, SN_WORD));
	return bad_start(p);
}

/*
 * A value or a comma list of scalars: in argument mode (args; the first
 * value is a whole argument) or in expression mode.
 */
static int
comma_list(struct psp *p, int args, struct ps_value **out)
{
	struct cur	 at = p->c, eat;
	struct vec	 items = { 0 };
	struct ps_value	*v, *l;

	if ((args ? parse_arg_primary(p, 1, &v) : parse_expr_primary(p, &v))
	    == -1 || skip_ws(p, 0) == -1)
		return -1;
	if (peek(p) != ',') {
		*out = v;
		return 0;
	}
	if (!is_scalar(v))
		return perr(p, &at, 0, "a %s inside a list is not supported",
		    ps_vkind_name(v->kind));
	vec_push(&items, v);
	while (peek(p) == ',') {
		advance(p);
		/* PowerShell allows line breaks after the comma. */
		if (skip_ws(p, 1) == -1)
			goto fail;
		eat = p->c;
		if ((args ? parse_arg_primary(p, 0, &v) :
		    parse_expr_primary(p, &v)) == -1)
			goto fail;
		if (!is_scalar(v)) {
			perr(p, &eat, 0, "a %s inside a list is not supported",
			    ps_vkind_name(v->kind));
			goto fail;
		}
		vec_push(&items, v);
		if (skip_ws(p, 0) == -1)
			goto fail;
	}
	if ((l = new_value(p, PSV_LIST, &at)) == NULL)
		goto fail;
	l->nitems = items.n;
	l->items = (struct ps_value **)vec_finish(&items, p->a);
	vec_free(&items);
	*out = l;
	return 0;
fail:
	vec_free(&items);
	return -1;
}

/* A value or a comma list of scalars, in expression mode. */
static int
parse_expr(struct psp *p, struct ps_value **out)
{
	return comma_list(p, 0, out);
}

/* ---- Commands ------------------------------------------------------- */

/*
 * One value in argument mode.  'top' is set for a whole argument, where
 * ([System.IO.File]::ReadAllBytes('path')) is allowed.
 */
static int
parse_arg_primary(struct psp *p, int top, struct ps_value **out)
{
	uint32_t	cp = peek(p);

	if (is_sq(cp) || is_dq(cp))
		return parse_string(p, out);
	if (cp == '$')
		return parse_dollar(p, out);
	if (cp == '@')
		return parse_at(p, out);
	if (cp == '(') {
		if (parse_paren(p, top, out) == -1)
			return -1;
		return value_end(p);
	}
	if (is_dash(cp))
		return dash_error(p);
	if (word_start(cp))
		return parse_word(p, out);
	return bad_start(p);
}

/* An argument value: one value or a comma list of scalars. */
static int
parse_arg_value(struct psp *p, struct ps_value **out)
{
	return comma_list(p, 1, out);
}

/* -Name, -Name value or -Name:value; the cursor is on the dash. */
static int
parse_param(struct psp *p, struct ps_arg *arg)
{
	struct cur	 at = p->c;
	const char	*name;
	uint32_t	 cp;

	advance(p);
	name = scan_name(p);
	cp = peek(p);
	if (cp == ':') {
		advance(p);
		arg->colon = 1;
	} else if (!(cp == PS_EOF || is_space(cp) || is_nl(cp) ||
	    cp == ';' || cp == '|' || cp == '&' || cp == ')' || cp == '}')) {
		if (is_sq(cp) || is_dq(cp))
			return perr(p, &p->c, 0, "quote right after the "
			    "parameter name ('%s'): PowerShell would pass it "
			    "all as a value; put a space after the name",
			    snip(p, at.off, 32, SN_WS));
		if (cp == '`')
			return perr(p, &p->c, 1, "backtick right after the "
			    "parameter name '-%s'; put a space before a "
			    "line-continuation backtick", name);
		return perr(p, &at, 0, "malformed parameter '%s'; parameter "
		    "names are ASCII letters, digits and '_'",
		    snip(p, at.off, 32, SN_WS));
	}
	arg->param = name;
	set_loc(p, &arg->loc, &at);
	p->tok_end = p->c.off;
	if (skip_ws(p, 0) == -1)
		return -1;
	cp = peek(p);
	if (arg->colon) {
		if (cp == PS_EOF || is_nl(cp) || cp == ';')
			return perr(p, &at, 0, "missing value after '-%s:'",
			    name);
		if (is_dash(cp))
			return perr(p, &p->c, 0, "the value after '-%s:' "
			    "starts with a dash ('%s'); quote it", name,
			    snip(p, p->c.off, 24, SN_WS));
		return parse_arg_value(p, &arg->value);
	}
	/* A switch, unless a value follows. */
	if (cp == PS_EOF || is_nl(cp) || cp == ';' || cp == '|' ||
	    cp == '&' || cp == ')' || cp == '}' ||
	    (is_dash(cp) && is_alpha(peek2(p))))
		return 0;
	return parse_arg_value(p, &arg->value);
}

/* The error for a statement that does not start with a cmdlet name. */
static int
statement_error(struct psp *p)
{
	struct cur	at = p->c;
	uint32_t	cp = peek(p), n = peek2(p);
	size_t		i;

	if (cp == '$') {
		/* $x = ..., $x += ..., $x.y = ... */
		advance(p);
		while (is_alnum(peek(p)) || peek(p) == '_' ||
		    peek(p) == ':' || peek(p) == '.')
			advance(p);
		while (is_space(peek(p)))
			advance(p);
		i = p->c.off;
		if (i < p->len && (p->s[i] == '=' || (i + 1 < p->len &&
		    strchr("+-*/%?", p->s[i]) != NULL && p->s[i + 1] == '=')))
			return perr(p, &at, 0, "assignments are not supported "
			    "('%s'); only cmdlet calls are",
			    snip(p, at.off, 24, SN_WORD));
		return perr(p, &at, 0, "variables are not supported ('%s'); "
		    "only cmdlet calls are", snip(p, at.off, 24, SN_WORD));
	}
	if (is_dash(cp) && is_alpha(n))
		return perr(p, &at, 0, "parameter '%s' without a command",
		    snip(p, at.off, 32, SN_WORD));
	if (is_sq(cp) || is_dq(cp))
		return perr(p, &at, 0, "a command must start with a cmdlet "
		    "name, not a string");
	if (cp == '.' && (n == PS_EOF || is_space(n) || is_sq(n) ||
	    is_dq(n) || n == '$'))
		return perr(p, &at, 0, "dot-sourcing is not supported");
	if (cp == '|' || cp == '&' || cp == '<' || cp == '>' || cp == '{' ||
	    cp == ')' || cp == '}' || cp == ',')
		return bad_start(p);
	return perr(p, &at, 0, "a command must start with a cmdlet name "
	    "('%s'); only cmdlet calls are supported",
	    snip(p, at.off, 24, SN_WORD));
}

/* Is 'name' Verb-Noun: ASCII letters, a dash, letters and digits? */
static int
is_cmdlet_name(const char *name)
{
	size_t	i, dash = strcspn(name, "-");

	for (i = 0; i < dash; i++)
		if (!is_alpha((unsigned char)name[i]))
			return 0;
	if (name[dash] != '-' || name[dash + 1] == '\0')
		return 0;
	for (i = dash + 1; name[i] != '\0'; i++)
		if (!is_alnum((unsigned char)name[i]))
			return 0;
	return 1;
}

/* The command name, which must be a cmdlet's and not a keyword. */
static int
command_name(struct psp *p, char **out)
{
	struct cur	 at = p->c;
	char		*name;
	size_t		 i;

	if (!is_alpha(peek(p)))
		return statement_error(p);
	if (scan_word(p, &name) == -1)
		return -1;
	for (i = 0; keywords[i] != NULL; i++)
		if (strcasecmp(name, keywords[i]) == 0)
			return perr(p, &at, 0, "'%s' statements are not "
			    "supported; only cmdlet calls are", name);
	if (!is_cmdlet_name(name))
		return perr(p, &at, 0, "'%s' is not a cmdlet name "
		    "(Verb-Noun); only cmdlet calls are supported",
		    snip(p, at.off, 32, SN_WORD));
	*out = name;
	return 0;
}

/* One command: a Verb-Noun name and its arguments, up to ';' or a line. */
static int
parse_command(struct psp *p, struct ps_command **out)
{
	struct cur		 at = p->c;
	struct ps_command	*cmd;
	struct ps_arg		*args = NULL, arg;
	size_t			 nargs = 0, cap = 0;
	uint32_t		 cp;
	char			*name = NULL;

	if (command_name(p, &name) == -1 || value_end(p) == -1 ||
	    skip_ws(p, 0) == -1)
		return -1;
	for (;;) {
		cp = peek(p);
		if (cp == PS_EOF || is_nl(cp) || cp == ';')
			break;
		if (nargs == PS_MAX_ARGS) {
			perr(p, &p->c, 1, "more than %d arguments in one "
			    "command", PS_MAX_ARGS);
			goto fail;
		}
		memset(&arg, 0, sizeof(arg));
		if (is_dash(cp) && is_alpha(peek2(p))) {
			if (parse_param(p, &arg) == -1)
				goto fail;
		} else {
			set_loc(p, &arg.loc, &p->c);
			if (parse_arg_value(p, &arg.value) == -1)
				goto fail;
		}
		if (nargs == cap) {
			cap = cap ? cap * 2 : 8;
			args = xreallocarray(args, cap, sizeof(*args));
		}
		args[nargs++] = arg;
		if (skip_ws(p, 0) == -1)
			goto fail;
	}
	cmd = arena_alloc(p->a, sizeof(*cmd));
	cmd->name = name;
	set_loc(p, &cmd->loc, &at);
	cmd->nargs = nargs;
	if (nargs > 0) {
		cmd->args = arena_alloc(p->a, nargs * sizeof(*args));
		memcpy(cmd->args, args, nargs * sizeof(*args));
	}
	cmd->text = arena_strndup(p->a, (const char *)p->s + at.off,
	    p->tok_end - at.off);
	free(args);
	*out = cmd;
	return 0;
fail:
	free(args);
	return -1;
}

/* Commands up to the end; after an error, on with the next line. */
static void
parse_script(struct psp *p, struct vec *cmds)
{
	struct ps_command	*cmd = NULL;
	uint32_t		 cp;

	for (;;) {
		if (skip_ws(p, 1) == 0) {
			cp = peek(p);
			if (cp == PS_EOF)
				return;
			if (cp == ';') {
				advance(p);
				continue;
			}
			if (cmds->n == PS_MAX_COMMANDS) {
				perr(p, &p->c, 1, "more than %d commands",
				    PS_MAX_COMMANDS);
				return;
			}
			if (parse_command(p, &cmd) == 0) {
				vec_push(cmds, cmd);
				continue;
			}
		}
		p->depth = 0;
		if (p->fatal || p->nerrors >= PS_MAX_ERRORS)
			return;
		skip_line(p);
	}
}

static struct ps_script *
parse_text(const char *file, const char *text, size_t len,
    struct diags *diags, int allow_bom)
{
	struct psp		 p;
	struct ps_script	*sc;
	struct vec		 cmds = { 0 };

	memset(&p, 0, sizeof(p));
	p.a = arena_new();
	p.file = arena_strdup(p.a, file != NULL ? file : "-");
	p.s = (const unsigned char *)(text != NULL ? text : "");
	p.len = text != NULL ? len : 0;
	p.d = diags;
	p.c.line = 1;
	p.c.col = 1;
	p.close_end = (size_t)-1;
	if (p.len > PS_MAX_INPUT) {
		perr(&p, &p.c, 1, "the script is larger than %zu bytes",
		    PS_MAX_INPUT);
		goto fail;
	}
	if (precheck(&p) == -1)
		goto fail;
	if (allow_bom && p.len >= 3 && memcmp(p.s, "\xef\xbb\xbf", 3) == 0)
		p.c.off = 3;
	parse_script(&p, &cmds);
	if (p.nerrors > 0)
		goto fail;
	sc = arena_alloc(p.a, sizeof(*sc));
	sc->arena = p.a;
	sc->ncmds = cmds.n;
	sc->cmds = (struct ps_command **)vec_finish(&cmds, p.a);
	sc->ndirs = p.dirs.n;
	sc->dirs = (struct ps_directive **)vec_finish(&p.dirs, p.a);
	vec_free(&cmds);
	vec_free(&p.dirs);
	return sc;
fail:
	vec_free(&cmds);
	vec_free(&p.dirs);
	arena_free(p.a);
	return NULL;
}

/* ---- Interface ------------------------------------------------------ */

struct ps_script *
ps_parse(const char *file, const char *text, size_t len, struct diags *diags)
{
	return parse_text(file, text, len, diags, 1);
}

void
ps_script_free(struct ps_script *sc)
{
	if (sc != NULL)
		arena_free(sc->arena);
}

int
ps_is_single_literal_command(const char *line, char *why, size_t whylen)
{
	struct diags		 d = { 0 };
	struct ps_script	*sc;
	size_t			 len, i, col = 1;
	int			 ok = 0;

	if (why != NULL && whylen > 0)
		why[0] = '\0';
	if (line == NULL) {
		if (why != NULL)
			snprintf(why, whylen, "col 1: no line");
		return 0;
	}
	len = strlen(line);
	for (i = 0; i < len; i++) {
		if (line[i] == '\n' || line[i] == '\r') {
			if (why != NULL)
				snprintf(why, whylen, "col %zu: a line break "
				    "inside the line", col);
			return 0;
		}
		if (((unsigned char)line[i] & 0xc0) != 0x80)
			col++;
	}
	if ((sc = parse_text("-", line, len, &d, 0)) == NULL) {
		if (why != NULL && d.n > 0)
			snprintf(why, whylen, "col %u: %s", d.v[0].col,
			    d.v[0].msg);
	} else if (sc->ncmds != 1) {
		if (why != NULL)
			snprintf(why, whylen, "col 1: %zu commands instead of "
			    "one", sc->ncmds);
	} else
		ok = 1;
	ps_script_free(sc);
	diag_free(&d);
	return ok;
}

int
ps_is_comment_line(const char *line)
{
	const unsigned char	*s = (const unsigned char *)line;
	size_t			 n, i, l;
	uint32_t		 cp;
	struct psp		 p;

	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '#' || strncasecmp((const char *)s + 1, "requires", 8) == 0)
		return 0;
	n = strlen((const char *)s);
	memset(&p, 0, sizeof(p));
	p.s = s;
	p.len = n;
	for (i = 0; i < n; i += l) {
		if (utf8_seq(s + i, n - i) == 0)
			return 0;
		cp = cp_at(&p, i, &l);
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp <= 0x9f) ||
		    cp_forbidden(cp) == 2)
			return 0;
	}
	return 1;
}

const char *
ps_vkind_name(enum ps_vkind k)
{
	switch (k) {
	case PSV_STRING:
		return "string";
	case PSV_NUMBER:
		return "number";
	case PSV_BOOL:
		return "boolean";
	case PSV_NULL:
		return "null";
	case PSV_LIST:
		return "list";
	case PSV_HASH:
		return "hashtable";
	case PSV_FILEBYTES:
		return "file contents";
	}
	return "value";
}
