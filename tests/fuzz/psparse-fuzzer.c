/*
 * psparse-fuzzer.c: the PowerShell reader of psparse.h on any bytes.
 *
 * The input is the script, in an exact-size heap buffer without a NUL
 * (the reader takes a length).  Besides the sanitizers it checks what
 * psparse.h documents:
 *  - NULL exactly when an error was reported; every diagnostic has a
 *    line and a column;
 *  - every command name is Verb-Noun, every location is 1-based, lists
 *    hold scalars, hashtable keys are unique case-insensitively;
 *  - every string (values, hashtable keys, file paths) is valid UTF-8
 *    without a control character other than tab, CR and LF, without
 *    U+0085, U+2028, U+2029, bidirectional controls or invisible format
 *    characters;
 *  - round trip: each string quoted as a single-quoted literal (doubling
 *    ' and U+2018-U+201B, written here independently of the reader) in
 *    "Set-Fuzz -P '...'" reads back as one command with that string;
 *  - on a single line (no CR, LF, NUL or leading byte order mark),
 *    ps_is_single_literal_command() says yes exactly when ps_parse()
 *    finds one command, and ps_is_comment_line() only says yes to a line
 *    that ps_parse() reads as no command at all.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "psparse.h"
#include "utf8.h"
#include "xalloc.h"

#include "fuzz_common.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* The code point of the valid sequence of length l at p. */
static uint32_t
decode(const unsigned char *p, size_t l)
{
	switch (l) {
	case 1:
		return p[0];
	case 2:
		return ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
	case 3:
		return ((uint32_t)(p[0] & 0x0f) << 12) |
		    ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
	default:
		return ((uint32_t)(p[0] & 0x07) << 18) |
		    ((uint32_t)(p[1] & 0x3f) << 12) |
		    ((uint32_t)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
	}
}

/* A string the reader may return: see the list at the top. */
static void
check_text(const char *what, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n, i, l;
	uint32_t		 c;

	if (s == NULL)
		FUZZ_FAIL("%s: NULL string", what);
	n = strlen(s);
	for (i = 0; i < n; i += l) {
		if ((l = utf8_seq(p + i, n - i)) == 0)
			FUZZ_FAIL("%s: invalid UTF-8 at byte %zu", what, i);
		c = decode(p + i, l);
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
		    c == 0x061c || c == 0x200e || c == 0x200f ||
		    (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069) || c == 0x180e ||
		    (c >= 0x200b && c <= 0x200d) ||
		    (c >= 0x2060 && c <= 0x2064) || c == 0xfeff)
			FUZZ_FAIL("%s: U+%04X in a string", what, (unsigned)c);
	}
}

/* 'x' as a PowerShell single-quoted literal. */
static char *
squote(const char *s)
{
	struct buf	b = { 0 };

	buf_addc(&b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			buf_addc(&b, '\'');
		else if ((unsigned char)s[0] == 0xe2 &&
		    (unsigned char)s[1] == 0x80 &&
		    (unsigned char)s[2] >= 0x98 &&
		    (unsigned char)s[2] <= 0x9b)
			buf_add(&b, s, 3);
		buf_addc(&b, *s);
	}
	buf_addc(&b, '\'');
	return buf_steal(&b);
}

/* Quote 's', read it back as the value of -P, compare. */
static void
roundtrip(const char *s)
{
	struct diags		 d = { 0 };
	struct ps_script	*sc;
	const struct ps_value	*v;
	char			*q, *src;

	q = squote(s);
	src = xasprintf("Set-Fuzz -P %s", q);
	sc = ps_parse("rt.ps1", src, strlen(src), &d);
	if (sc == NULL)
		FUZZ_FAIL("round trip: %s is rejected: %u:%u: %s", src,
		    d.n > 0 ? d.v[0].line : 0, d.n > 0 ? d.v[0].col : 0,
		    d.n > 0 ? d.v[0].msg : "?");
	if (sc->ncmds != 1 || sc->cmds[0]->nargs != 1 ||
	    sc->cmds[0]->args[0].param == NULL ||
	    strcmp(sc->cmds[0]->args[0].param, "P") != 0 ||
	    (v = sc->cmds[0]->args[0].value) == NULL)
		FUZZ_FAIL("round trip: %s is not one command with -P", src);
	if (v->kind != PSV_STRING || v->quoted != PSQ_SINGLE ||
	    strcmp(v->str, s) != 0)
		FUZZ_FAIL("round trip: %s reads back as %s \"%s\"", src,
		    ps_vkind_name(v->kind), v->str != NULL ? v->str : "");
	if (strchr(s, '\n') == NULL && strchr(s, '\r') == NULL &&
	    ps_is_single_literal_command(src, NULL, 0) != 1)
		FUZZ_FAIL("round trip: %s is not a single literal command",
		    src);
	ps_script_free(sc);
	diag_free(&d);
	free(src);
	free(q);
}

static void
check_loc(const struct loc *l)
{
	fuzz_touch_loc(l);
	if (l->line == 0 || l->col == 0)
		FUZZ_FAIL("location %u:%u", l->line, l->col);
}

static void
check_value(const struct ps_value *v, int depth)
{
	size_t	i, j;

	if (v == NULL)
		FUZZ_FAIL("NULL value");
	if (depth > 3)
		FUZZ_FAIL("values nested %d deep", depth);
	check_loc(&v->loc);
	switch (v->kind) {
	case PSV_STRING:
		check_text("string", v->str);
		roundtrip(v->str);
		break;
	case PSV_NUMBER:
		check_text("number", v->str);
		if (v->str[0] < '0' || v->str[0] > '9')
			FUZZ_FAIL("number \"%s\"", v->str);
		break;
	case PSV_FILEBYTES:
		check_text("path", v->str);
		roundtrip(v->str);
		break;
	case PSV_BOOL:
		if (v->b != 0 && v->b != 1)
			FUZZ_FAIL("boolean %d", v->b);
		break;
	case PSV_NULL:
		break;
	case PSV_LIST:
		for (i = 0; i < v->nitems; i++) {
			check_value(v->items[i], depth + 1);
			if (v->items[i]->kind == PSV_LIST ||
			    v->items[i]->kind == PSV_HASH ||
			    v->items[i]->kind == PSV_FILEBYTES)
				FUZZ_FAIL("a %s in a list",
				    ps_vkind_name(v->items[i]->kind));
		}
		break;
	case PSV_HASH:
		for (i = 0; i < v->nitems; i++) {
			check_text("key", v->keys[i]);
			roundtrip(v->keys[i]);
			for (j = 0; j < i; j++)
				if (strcasecmp(v->keys[i], v->keys[j]) == 0)
					FUZZ_FAIL("duplicate key \"%s\"",
					    v->keys[i]);
			check_value(v->items[i], depth + 1);
			if (v->items[i]->kind == PSV_HASH ||
			    v->items[i]->kind == PSV_FILEBYTES)
				FUZZ_FAIL("a %s in a hashtable",
				    ps_vkind_name(v->items[i]->kind));
		}
		break;
	default:
		FUZZ_FAIL("value kind %d", (int)v->kind);
	}
}

static void
check_command(const struct ps_command *c)
{
	const char	*n = c->name;
	size_t		 i;

	check_loc(&c->loc);
	check_text("name", n);
	fuzz_touch_str(c->text);
	for (i = 0; (n[i] >= 'A' && n[i] <= 'Z') || (n[i] >= 'a' &&
	    n[i] <= 'z'); i++)
		;
	if (i == 0 || n[i] != '-' || n[i + 1] == '\0')
		FUZZ_FAIL("command name \"%s\"", n);
	if (strncmp(c->text, n, strlen(n)) != 0)
		FUZZ_FAIL("command text \"%s\" does not start with \"%s\"",
		    c->text, n);
	if (c->nargs > PS_MAX_ARGS)
		FUZZ_FAIL("%zu arguments", c->nargs);
	for (i = 0; i < c->nargs; i++) {
		check_loc(&c->args[i].loc);
		if (c->args[i].param != NULL)
			check_text("parameter", c->args[i].param);
		else if (c->args[i].value == NULL)
			FUZZ_FAIL("positional argument without a value");
		if (c->args[i].colon && c->args[i].value == NULL)
			FUZZ_FAIL("-%s: without a value", c->args[i].param);
		if (c->args[i].value != NULL)
			check_value(c->args[i].value, 0);
	}
}

/* The fix-line helpers against ps_parse() on the same line. */
static void
check_line(const char *line, size_t len, const struct ps_script *sc)
{
	struct diags		 d = { 0 };
	struct ps_script	*again;
	int			 one, expect;

	one = ps_is_single_literal_command(line, NULL, 0);
	expect = memchr(line, '\n', len) == NULL &&
	    memchr(line, '\r', len) == NULL &&
	    !(len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) &&
	    sc != NULL && sc->ncmds == 1;
	if (one != expect)
		FUZZ_FAIL("ps_is_single_literal_command() is %d, ps_parse() "
		    "says %d", one, expect);
	if (ps_is_comment_line(line)) {
		again = ps_parse("c.ps1", line, len, &d);
		if (again == NULL || again->ncmds != 0)
			FUZZ_FAIL("comment line \"%s\" is not read as a "
			    "comment", line);
		ps_script_free(again);
		diag_free(&d);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags		 d = { 0 };
	struct ps_script	*sc;
	char			*text, *line;
	size_t			 i;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	/* Exactly 'size' bytes: an over-read is caught. */
	if ((text = malloc(size > 0 ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(text, data, size);
	sc = ps_parse("fuzz.ps1", text, size, &d);
	fuzz_diags(&d);
	if ((sc == NULL) != (d.nerrors > 0))
		FUZZ_FAIL("result %p with %zu errors", (void *)sc, d.nerrors);
	for (i = 0; i < d.n; i++)
		if (d.v[i].line == 0 || d.v[i].col == 0)
			FUZZ_FAIL("diagnostic at %u:%u: %s", d.v[i].line,
			    d.v[i].col, d.v[i].msg);
	if (d.n > PS_MAX_ERRORS)
		FUZZ_FAIL("%zu diagnostics", d.n);
	if (sc != NULL) {
		if (sc->ncmds > PS_MAX_COMMANDS)
			FUZZ_FAIL("%zu commands", sc->ncmds);
		for (i = 0; i < sc->ncmds; i++)
			check_command(sc->cmds[i]);
	}
	if (memchr(text, '\0', size) == NULL &&
	    (line = malloc(size + 1)) != NULL) {
		memcpy(line, text, size);
		line[size] = '\0';
		check_line(line, size, sc);
		free(line);
	}
	ps_script_free(sc);
	diag_free(&d);
	free(text);
	return 0;
}
