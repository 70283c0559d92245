/*
 * check_psparse.c: unit tests for the PowerShell reader in
 * linter/psparse.c: what it accepts, with exact structure and locations,
 * what it rejects, with the error's line, column and message, and the
 * fix-line helpers.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psparse.h"
#include "xalloc.h"

/* ---- Helpers -------------------------------------------------------- */

/* Parse 'src', which must succeed without any diagnostic. */
static struct ps_script *
parse_ok_n(const char *src, size_t len)
{
	struct diags		 d = { 0 };
	struct ps_script	*s;

	s = ps_parse("t.ps1", src, len, &d);
	ck_assert_msg(s != NULL, "rejected: %s at %u:%u: %s", src,
	    d.n > 0 ? d.v[0].line : 0, d.n > 0 ? d.v[0].col : 0,
	    d.n > 0 ? d.v[0].msg : "(no diagnostic)");
	ck_assert_uint_eq(d.n, 0);
	diag_free(&d);
	return s;
}

static struct ps_script *
parse_ok(const char *src)
{
	return parse_ok_n(src, strlen(src));
}

/*
 * Parse 'src', which must fail with its first error at line:col and a
 * message containing 'sub'.
 */
static void
reject_n(const char *src, size_t len, unsigned line, unsigned col,
    const char *sub)
{
	struct diags		 d = { 0 };
	struct ps_script	*s;

	s = ps_parse("t.ps1", src, len, &d);
	ck_assert_msg(s == NULL, "accepted: %s", src);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_uint_ge(d.nerrors, 1);
	ck_assert_str_eq(d.v[0].file, "t.ps1");
	ck_assert_msg(d.v[0].line == line && d.v[0].col == col,
	    "%s: error at %u:%u (%s), expected %u:%u", src, d.v[0].line,
	    d.v[0].col, d.v[0].msg, line, col);
	ck_assert_msg(strstr(d.v[0].msg, sub) != NULL,
	    "%s: message \"%s\" lacks \"%s\"", src, d.v[0].msg, sub);
	diag_free(&d);
}

static void
reject(const char *src, unsigned line, unsigned col, const char *sub)
{
	reject_n(src, strlen(src), line, col, sub);
}

static const struct ps_arg *
arg(const struct ps_script *s, size_t c, size_t a)
{
	ck_assert_uint_lt(c, s->ncmds);
	ck_assert_uint_lt(a, s->cmds[c]->nargs);
	return &s->cmds[c]->args[a];
}

/* A value's kind, text (NULL: not checked) and location. */
static void
check_value(const struct ps_value *v, enum ps_vkind kind, const char *str,
    unsigned line, unsigned col)
{
	ck_assert_ptr_nonnull(v);
	ck_assert_msg(v->kind == kind, "kind %s, expected %s",
	    ps_vkind_name(v->kind), ps_vkind_name(kind));
	if (str != NULL) {
		ck_assert_ptr_nonnull(v->str);
		ck_assert_str_eq(v->str, str);
	}
	ck_assert_msg(v->loc.line == line && v->loc.col == col,
	    "value at %u:%u, expected %u:%u", v->loc.line, v->loc.col, line,
	    col);
	ck_assert_str_eq(v->loc.file, "t.ps1");
}

/* A parameter argument: name, colon, location of the dash. */
static void
check_param(const struct ps_arg *a, const char *name, int colon,
    unsigned line, unsigned col)
{
	ck_assert_ptr_nonnull(a->param);
	ck_assert_str_eq(a->param, name);
	ck_assert_int_eq(a->colon, colon);
	ck_assert_msg(a->loc.line == line && a->loc.col == col,
	    "-%s at %u:%u, expected %u:%u", name, a->loc.line, a->loc.col,
	    line, col);
}

/*
 * A PowerShell single-quoted literal, written independently of the
 * reader: ' and U+2018-U+201B doubled.
 */
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

/* ---- Accepted ------------------------------------------------------- */

START_TEST(test_basic_command)
{
	struct ps_script	*s;
	const struct ps_arg	*a;

	s = parse_ok("Set-InboundConnector -Identity 'Inbound from Contoso' "
	    "-TlsSenderCertificateName *.contoso.com -Confirm:$false -Force");
	ck_assert_uint_eq(s->ncmds, 1);
	ck_assert_str_eq(s->cmds[0]->name, "Set-InboundConnector");
	ck_assert_uint_eq(s->cmds[0]->loc.line, 1);
	ck_assert_uint_eq(s->cmds[0]->loc.col, 1);
	ck_assert_uint_eq(s->cmds[0]->nargs, 4);
	ck_assert_str_eq(s->cmds[0]->text, "Set-InboundConnector -Identity "
	    "'Inbound from Contoso' -TlsSenderCertificateName *.contoso.com "
	    "-Confirm:$false -Force");

	a = arg(s, 0, 0);
	check_param(a, "Identity", 0, 1, 22);
	check_value(a->value, PSV_STRING, "Inbound from Contoso", 1, 32);
	ck_assert_int_eq(a->value->quoted, PSQ_SINGLE);

	a = arg(s, 0, 1);
	check_param(a, "TlsSenderCertificateName", 0, 1, 55);
	check_value(a->value, PSV_STRING, "*.contoso.com", 1, 81);
	ck_assert_int_eq(a->value->quoted, PSQ_BARE);

	a = arg(s, 0, 2);
	check_param(a, "Confirm", 1, 1, 95);
	check_value(a->value, PSV_BOOL, NULL, 1, 104);
	ck_assert_int_eq(a->value->b, 0);

	a = arg(s, 0, 3);
	check_param(a, "Force", 0, 1, 111);
	ck_assert_ptr_null(a->value);
	ps_script_free(s);
}
END_TEST

START_TEST(test_positional_and_kinds)
{
	struct ps_script	*s;
	const struct ps_arg	*a;

	s = parse_ok("New-SendConnector Outbound -Port 25 -Max 10MB "
	    "-Size 1.5gb -A $TRUE -B $Null -C:$False 007");
	a = arg(s, 0, 0);
	ck_assert_ptr_null(a->param);
	ck_assert_uint_eq(a->loc.col, 19);
	check_value(a->value, PSV_STRING, "Outbound", 1, 19);
	check_value(arg(s, 0, 1)->value, PSV_NUMBER, "25", 1, 34);
	check_value(arg(s, 0, 2)->value, PSV_NUMBER, "10MB", 1, 42);
	check_value(arg(s, 0, 3)->value, PSV_NUMBER, "1.5gb", 1, 53);
	check_value(arg(s, 0, 4)->value, PSV_BOOL, NULL, 1, 62);
	ck_assert_int_eq(arg(s, 0, 4)->value->b, 1);
	check_value(arg(s, 0, 5)->value, PSV_NULL, NULL, 1, 71);
	check_param(arg(s, 0, 6), "C", 1, 1, 77);
	ck_assert_int_eq(arg(s, 0, 6)->value->b, 0);
	check_value(arg(s, 0, 7)->value, PSV_NUMBER, "007", 1, 87);
	ps_script_free(s);
}
END_TEST

START_TEST(test_barewords)
{
	static const char *const words[] = {
		"mail.contoso.com", "*.contoso.com", "10.0.0.0/24", "smtp:*",
		"0.0.0.0-255.255.255.255", "Tls", "user@contoso.com", "a#b",
		"C:\\certs\\new.cer", "*", "1.2.3", "2nd-hop", "a=b",
		"caf\xc3\xa9.example", "5.Length", "1k", "1..5", "?x", ".x",
		"e5", "x-1", "a%b", "a!b"
	};
	struct ps_script	*s;
	char			 src[128];
	size_t			 i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		snprintf(src, sizeof(src), "Set-X -V %s", words[i]);
		s = parse_ok(src);
		ck_assert_uint_eq(s->cmds[0]->nargs, 1);
		check_value(arg(s, 0, 0)->value, PSV_STRING, words[i], 1, 10);
		ck_assert_int_eq(arg(s, 0, 0)->value->quoted, PSQ_BARE);
		ps_script_free(s);
	}
}
END_TEST

START_TEST(test_single_quotes)
{
	struct ps_script	*s;

	/* '' is a quote; the smart quotes open, close and escape like '. */
	s = parse_ok("Set-X -A 'it''s' -B \xe2\x80\x98smart\xe2\x80\x99 "
	    "-C 'O\xe2\x80\x99\xe2\x80\x99" "Brien' -D 'a\xe2\x80\x99'b' "
	    "-E \xe2\x80\x9a$x`n\xe2\x80\x9b -F ''");
	check_value(arg(s, 0, 0)->value, PSV_STRING, "it's", 1, 10);
	check_value(arg(s, 0, 1)->value, PSV_STRING, "smart", 1, 21);
	check_value(arg(s, 0, 2)->value, PSV_STRING, "O\xe2\x80\x99" "Brien",
	    1, 32);
	/* Two quotes in a row stand for the second. */
	check_value(arg(s, 0, 3)->value, PSV_STRING, "a'b", 1, 46);
	/* Nothing is special inside single quotes. */
	check_value(arg(s, 0, 4)->value, PSV_STRING, "$x`n", 1, 56);
	ck_assert_int_eq(arg(s, 0, 4)->value->quoted, PSQ_SINGLE);
	check_value(arg(s, 0, 5)->value, PSV_STRING, "", 1, 66);
	ps_script_free(s);
}
END_TEST

START_TEST(test_double_quotes)
{
	struct ps_script	*s;

	s = parse_ok("Set-X -A \"a\"\"b`\"c\" -B \"`t`n`r``|`'|`$x|`#\" "
	    "-C \"cost 5$ or $\" -D \xe2\x80\x9cq\xe2\x80\x9d\xe2\x80\x9d"
	    "r\xe2\x80\x9e -E \"a$-b$.c$/\"");
	check_value(arg(s, 0, 0)->value, PSV_STRING, "a\"b\"c", 1, 10);
	ck_assert_int_eq(arg(s, 0, 0)->value->quoted, PSQ_DOUBLE);
	check_value(arg(s, 0, 1)->value, PSV_STRING, "\t\n\r`|'|$x|#", 1, 23);
	check_value(arg(s, 0, 2)->value, PSV_STRING, "cost 5$ or $", 1, 47);
	check_value(arg(s, 0, 3)->value, PSV_STRING, "q\xe2\x80\x9dr", 1, 65);
	check_value(arg(s, 0, 4)->value, PSV_STRING, "a$-b$.c$/", 1, 75);
	ps_script_free(s);
}
END_TEST

START_TEST(test_line_continuation)
{
	struct ps_script	*s;

	s = parse_ok("Set-X -A a `\n    -B b `\r\n  -C c `\r-D\n");
	ck_assert_uint_eq(s->ncmds, 1);
	ck_assert_uint_eq(s->cmds[0]->nargs, 4);
	check_param(arg(s, 0, 1), "B", 0, 2, 5);
	check_value(arg(s, 0, 1)->value, PSV_STRING, "b", 2, 8);
	check_param(arg(s, 0, 2), "C", 0, 3, 3);
	check_param(arg(s, 0, 3), "D", 0, 4, 1);
	ck_assert_str_eq(s->cmds[0]->text,
	    "Set-X -A a `\n    -B b `\r\n  -C c `\r-D");
	ps_script_free(s);
}
END_TEST

START_TEST(test_crlf_and_separators)
{
	struct ps_script	*s;

	s = parse_ok("Get-A\r\n\r\nSet-B -X 1; Set-C;;\r\n  Set-D\rSet-E ;");
	ck_assert_uint_eq(s->ncmds, 5);
	ck_assert_str_eq(s->cmds[0]->name, "Get-A");
	ck_assert_str_eq(s->cmds[1]->name, "Set-B");
	ck_assert_uint_eq(s->cmds[1]->loc.line, 3);
	ck_assert_str_eq(s->cmds[1]->text, "Set-B -X 1");
	ck_assert_str_eq(s->cmds[2]->name, "Set-C");
	ck_assert_uint_eq(s->cmds[2]->loc.line, 3);
	ck_assert_uint_eq(s->cmds[2]->loc.col, 13);
	ck_assert_uint_eq(s->cmds[3]->loc.line, 4);
	ck_assert_uint_eq(s->cmds[3]->loc.col, 3);
	ck_assert_uint_eq(s->cmds[4]->loc.line, 5);
	ps_script_free(s);
}
END_TEST

START_TEST(test_comments)
{
	struct ps_script	*s;

	s = parse_ok("# first line\n"
	    "<# a block\n   over lines $(x) | & #>\n"
	    "Set-X -A a#b # trailing $x\n"
	    "Set-Y <# inline #> -B:<##>'c'\n"
	    "  # indented\n"
	    "<#>#>Set-Z\n");
	ck_assert_uint_eq(s->ncmds, 3);
	check_value(arg(s, 0, 0)->value, PSV_STRING, "a#b", 4, 10);
	ck_assert_str_eq(s->cmds[0]->text, "Set-X -A a#b");
	check_param(arg(s, 1, 0), "B", 1, 5, 20);
	check_value(arg(s, 1, 0)->value, PSV_STRING, "c", 5, 27);
	ck_assert_uint_eq(s->cmds[2]->loc.line, 7);
	ck_assert_uint_eq(s->cmds[2]->loc.col, 6);
	ps_script_free(s);

	/* Control characters are allowed inside comments. */
	s = parse_ok("# bell \a here\nSet-X");
	ck_assert_uint_eq(s->ncmds, 1);
	ps_script_free(s);
}
END_TEST

START_TEST(test_lists)
{
	struct ps_script	*s;
	const struct ps_value	*v;

	s = parse_ok("Set-X -A a,b, 'c' , \"d\",\n   e -B @('x', 'y') -C @() "
	    "-D @(\n  'p'\n  'q'; 'r'\n) -E ('m','n') -F (@('z'))");
	v = arg(s, 0, 0)->value;
	check_value(v, PSV_LIST, NULL, 1, 10);
	ck_assert_uint_eq(v->nitems, 5);
	check_value(v->items[0], PSV_STRING, "a", 1, 10);
	check_value(v->items[1], PSV_STRING, "b", 1, 12);
	check_value(v->items[2], PSV_STRING, "c", 1, 15);
	check_value(v->items[3], PSV_STRING, "d", 1, 21);
	check_value(v->items[4], PSV_STRING, "e", 2, 4);

	v = arg(s, 0, 1)->value;
	check_value(v, PSV_LIST, NULL, 2, 9);
	ck_assert_uint_eq(v->nitems, 2);
	check_value(v->items[1], PSV_STRING, "y", 2, 16);

	v = arg(s, 0, 2)->value;
	check_value(v, PSV_LIST, NULL, 2, 24);
	ck_assert_uint_eq(v->nitems, 0);

	v = arg(s, 0, 3)->value;
	check_value(v, PSV_LIST, NULL, 2, 31);
	ck_assert_uint_eq(v->nitems, 3);
	check_value(v->items[0], PSV_STRING, "p", 3, 3);
	check_value(v->items[2], PSV_STRING, "r", 4, 8);

	v = arg(s, 0, 4)->value;
	check_value(v, PSV_LIST, NULL, 5, 6);
	ck_assert_uint_eq(v->nitems, 2);

	v = arg(s, 0, 5)->value;
	check_value(v, PSV_LIST, NULL, 5, 19);
	ck_assert_uint_eq(v->nitems, 1);
	check_value(v->items[0], PSV_STRING, "z", 5, 22);
	ps_script_free(s);

	/* A statement's list is flattened, as PowerShell does in @(). */
	s = parse_ok("Set-X @(@('a', 'b'); 'c'; ('d', 'e'))");
	v = arg(s, 0, 0)->value;
	ck_assert_uint_eq(v->nitems, 5);
	check_value(v->items[4], PSV_STRING, "e", 1, 33);
	ps_script_free(s);
}
END_TEST

START_TEST(test_hashtables)
{
	struct ps_script	*s;
	const struct ps_value	*v;

	s = parse_ok("Set-X -H @{Add='a','b'; Remove=\"c\"} -I @{\n"
	    "  'Add' = @('x')\n  Remove =\n    25;\n  \"Other\"=$true\n} "
	    "-J @{}");
	v = arg(s, 0, 0)->value;
	check_value(v, PSV_HASH, NULL, 1, 10);
	ck_assert_uint_eq(v->nitems, 2);
	ck_assert_str_eq(v->keys[0], "Add");
	check_value(v->items[0], PSV_LIST, NULL, 1, 16);
	ck_assert_uint_eq(v->items[0]->nitems, 2);
	check_value(v->items[0]->items[1], PSV_STRING, "b", 1, 20);
	ck_assert_str_eq(v->keys[1], "Remove");
	check_value(v->items[1], PSV_STRING, "c", 1, 32);

	v = arg(s, 0, 1)->value;
	check_value(v, PSV_HASH, NULL, 1, 40);
	ck_assert_uint_eq(v->nitems, 3);
	ck_assert_str_eq(v->keys[0], "Add");
	check_value(v->items[0], PSV_LIST, NULL, 2, 11);
	ck_assert_str_eq(v->keys[1], "Remove");
	check_value(v->items[1], PSV_NUMBER, "25", 4, 5);
	ck_assert_str_eq(v->keys[2], "Other");
	check_value(v->items[2], PSV_BOOL, NULL, 5, 11);

	v = arg(s, 0, 2)->value;
	check_value(v, PSV_HASH, NULL, 6, 6);
	ck_assert_uint_eq(v->nitems, 0);
	ps_script_free(s);
}
END_TEST

START_TEST(test_filebytes)
{
	struct ps_script	*s;

	s = parse_ok("Import-ExchangeCertificate -FileData "
	    "([System.IO.File]::ReadAllBytes('C:\\certs\\new.cer')) "
	    "-X ([io.file]::readallbytes( \"D:\\b.pfx\" ))");
	check_param(arg(s, 0, 0), "FileData", 0, 1, 28);
	check_value(arg(s, 0, 0)->value, PSV_FILEBYTES, "C:\\certs\\new.cer",
	    1, 38);
	check_value(arg(s, 0, 1)->value, PSV_FILEBYTES, "D:\\b.pfx", 1, 94);
	ps_script_free(s);
}
END_TEST

START_TEST(test_parenthesised_literal)
{
	struct ps_script	*s;

	s = parse_ok("Set-X -A ('x') -B (( 42 )) -C (\n$false\n)");
	check_value(arg(s, 0, 0)->value, PSV_STRING, "x", 1, 10);
	check_value(arg(s, 0, 1)->value, PSV_NUMBER, "42", 1, 19);
	check_value(arg(s, 0, 2)->value, PSV_BOOL, NULL, 1, 31);
	ps_script_free(s);
}
END_TEST

START_TEST(test_dashes)
{
	struct ps_script	*s;

	/* En dash, em dash and horizontal bar: as pasted from documents. */
	s = parse_ok("Set-X \xe2\x80\x93Name a \xe2\x80\x94Other:b "
	    "\xe2\x80\x95" "Force");
	check_param(arg(s, 0, 0), "Name", 0, 1, 7);
	check_value(arg(s, 0, 0)->value, PSV_STRING, "a", 1, 13);
	check_param(arg(s, 0, 1), "Other", 1, 1, 15);
	check_value(arg(s, 0, 1)->value, PSV_STRING, "b", 1, 22);
	check_param(arg(s, 0, 2), "Force", 0, 1, 24);
	ck_assert_ptr_null(arg(s, 0, 2)->value);
	ps_script_free(s);
}
END_TEST

START_TEST(test_columns_count_code_points)
{
	struct ps_script	*s;

	s = parse_ok("\xef\xbb\xbfSet-X -A '\xc3\xa4\xe2\x82\xac\xf0\x9f\x98"
	    "\x80'\t-B x");
	ck_assert_uint_eq(s->cmds[0]->loc.col, 1);
	check_value(arg(s, 0, 0)->value, PSV_STRING,
	    "\xc3\xa4\xe2\x82\xac\xf0\x9f\x98\x80", 1, 10);
	check_param(arg(s, 0, 1), "B", 0, 1, 16);
	ps_script_free(s);
}
END_TEST

START_TEST(test_unicode_spaces_separate)
{
	struct ps_script	*s;

	/* PowerShell splits words at no-break and ideographic spaces. */
	s = parse_ok("Set-X -A\xc2\xa0" "b\xe3\x80\x80" "c");
	ck_assert_uint_eq(s->cmds[0]->nargs, 2);
	check_value(arg(s, 0, 0)->value, PSV_STRING, "b", 1, 10);
	check_value(arg(s, 0, 1)->value, PSV_STRING, "c", 1, 12);
	ps_script_free(s);
}
END_TEST

START_TEST(test_empty_scripts)
{
	struct ps_script	*s;

	s = parse_ok("");
	ck_assert_uint_eq(s->ncmds, 0);
	ps_script_free(s);
	s = parse_ok("\n\r\n  # only comments\n<# and #>\n;\n");
	ck_assert_uint_eq(s->ncmds, 0);
	ps_script_free(s);
	s = parse_ok_n(NULL, 0);
	ck_assert_uint_eq(s->ncmds, 0);
	ps_script_free(s);
}
END_TEST

/* ---- Injection ------------------------------------------------------ */

START_TEST(test_injection_quoted_is_literal)
{
	static const char	*value =
	    "smtpo365$(Write-Host pwned).varunagroup.de";
	struct ps_script	*s;
	char			*q, *src;

	q = squote(value);
	src = xasprintf("Set-InboundConnector -Identity x "
	    "-TlsSenderCertificateName %s", q);
	s = parse_ok(src);
	ck_assert_uint_eq(s->ncmds, 1);
	ck_assert_uint_eq(s->cmds[0]->nargs, 2);
	check_value(arg(s, 0, 1)->value, PSV_STRING, value, 1, 60);
	ck_assert_int_eq(arg(s, 0, 1)->value->quoted, PSQ_SINGLE);
	ck_assert_int_eq(ps_is_single_literal_command(src, NULL, 0), 1);
	ps_script_free(s);
	free(src);
	free(q);
}
END_TEST

START_TEST(test_injection_unquoted_rejected)
{
	reject("Set-InboundConnector -TlsSenderCertificateName "
	    "smtpo365$(Write-Host pwned).varunagroup.de", 1, 56,
	    "subexpressions are not supported");
	reject("Set-X -A \"smtpo365$(Write-Host pwned).varunagroup.de\"",
	    1, 19, "variables and subexpressions are not supported");
	reject("Set-X -A \"x$env:USERNAME\"", 1, 12,
	    "variables and subexpressions");
	reject("Set-X -A \"x${y}\"", 1, 12, "variables and subexpressions");
	reject("Set-X -A \"$$\"", 1, 11, "variables and subexpressions");
	reject("Set-X -A \"$_x\"", 1, 11, "variables and subexpressions");
	reject("Set-X -A x$y", 1, 11, "variables are not supported");
}
END_TEST

START_TEST(test_injection_breakouts)
{
	struct ps_script	*s;
	const char		*src;

	/* Doubled quotes keep the whole thing one string. */
	src = "Set-X -A 'a'';Write-Host x;'''";
	s = parse_ok(src);
	ck_assert_uint_eq(s->ncmds, 1);
	ck_assert_uint_eq(s->cmds[0]->nargs, 1);
	check_value(arg(s, 0, 0)->value, PSV_STRING, "a';Write-Host x;'", 1,
	    10);
	ps_script_free(s);

	/* The same with smart quotes, which PowerShell treats alike. */
	src = "Set-X -A 'a\xe2\x80\x99\xe2\x80\x99;Write-Host x;"
	    "\xe2\x80\x98\xe2\x80\x98'";
	s = parse_ok(src);
	ck_assert_uint_eq(s->ncmds, 1);
	check_value(arg(s, 0, 0)->value, PSV_STRING,
	    "a\xe2\x80\x99;Write-Host x;\xe2\x80\x98", 1, 10);
	ps_script_free(s);

	/* Not doubled: the quote ends the string, the rest is code. */
	src = "Set-X -A 'a';Write-Host x;";
	s = parse_ok(src);
	ck_assert_uint_eq(s->ncmds, 2);
	check_value(arg(s, 0, 0)->value, PSV_STRING, "a", 1, 10);
	ck_assert_str_eq(s->cmds[1]->name, "Write-Host");
	ck_assert_uint_eq(s->cmds[1]->loc.col, 14);
	ck_assert_int_eq(ps_is_single_literal_command(src, NULL, 0), 0);
	ps_script_free(s);
	reject("Set-X -A 'a';Write-Host x;''", 1, 27, "not a string");

	/* A value with U+2019 that was not doubled. */
	reject("Set-X -Name 'O\xe2\x80\x99" "Brien'", 1, 15,
	    "the string ends at U+2019");
	reject("Set-X -Name \xe2\x80\x9cx\xe2\x80\x9dy\"", 1, 15,
	    "the string ends at U+201D");

	/* An undoubled U+2019 followed by ';' lets the rest run as code. */
	src = "Set-X -Name 'a\xe2\x80\x99;Remove-Y -Z 1 #'";
	s = parse_ok(src);
	ck_assert_uint_eq(s->ncmds, 2);
	check_value(arg(s, 0, 0)->value, PSV_STRING, "a", 1, 13);
	ck_assert_str_eq(s->cmds[1]->name, "Remove-Y");
	ck_assert_int_eq(ps_is_single_literal_command(src, NULL, 0), 0);
	ps_script_free(s);
}
END_TEST

START_TEST(test_quote_roundtrip)
{
	static const char *const values[] = {
		"plain", "", "'", "''", "it's", "a';Write-Host x;'",
		"$(Write-Host pwned)", "`$x`", "\"double\"", "a|b&c;d>e",
		"\xe2\x80\x98\xe2\x80\x99\xe2\x80\x9a\xe2\x80\x9b",
		"\xe2\x80\x9cq\xe2\x80\x9d", "#not a comment", "<# #>",
		"tab\there", "two\nlines", "caf\xc3\xa9 \xf0\x9f\x98\x80",
		"@{x=1}", "\\\\server\\share"
	};
	struct ps_script	*s;
	char			*q, *src;
	size_t			 i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		q = squote(values[i]);
		src = xasprintf("Set-X -P %s", q);
		s = parse_ok(src);
		ck_assert_uint_eq(s->ncmds, 1);
		ck_assert_uint_eq(s->cmds[0]->nargs, 1);
		check_value(arg(s, 0, 0)->value, PSV_STRING, values[i], 1, 10);
		ps_script_free(s);
		free(src);
		free(q);
	}
}
END_TEST

/* ---- Rejected ------------------------------------------------------- */

START_TEST(test_reject_variables)
{
	reject("Set-X -A $x", 1, 10, "variables are not supported ('$x')");
	reject("Set-X -A $env:X", 1, 10, "variables are not supported");
	reject("Set-X -A ${x}", 1, 10, "variables are not supported");
	reject("Set-X -A $truex", 1, 10, "variables are not supported");
	reject("Set-X -A $true:x", 1, 10, "variables are not supported");
	reject("Set-X -A $(Get-Y)", 1, 10, "subexpressions are not supported");
	reject("Set-X -A $", 1, 10, "lone '$'");
	reject("$x = 'a'", 1, 1, "assignments are not supported");
	reject("$x.Name += 'a'", 1, 1, "assignments are not supported");
	reject("$x", 1, 1, "variables are not supported");
	reject("Set-X -A @params", 1, 10, "splatting is not supported");
	reject("Set-X @x", 1, 7, "splatting is not supported");
}
END_TEST

START_TEST(test_reject_operators)
{
	reject("Get-X | Set-Y", 1, 7, "pipelines are not supported ('|')");
	reject("Set-X a | b", 1, 9, "pipelines are not supported");
	reject("Set-X -Force|Out-Null", 1, 13, "pipelines");
	reject("| Set-X", 1, 1, "pipelines");
	reject("Set-X || Set-Y", 1, 7, "'||'");
	reject("Set-X && Set-Y", 1, 7, "'&&'");
	reject("& Set-X", 1, 1, "'&' operator");
	reject("Set-X a &", 1, 9, "'&' operator");
	reject(". .\\x.ps1", 1, 1, "dot-sourcing");
	reject("Set-X a > out.txt", 1, 9, "redirections are not supported");
	reject("Set-X a >> out.txt", 1, 9, "redirections");
	reject("Set-X a 2>&1", 1, 10, "redirection");
	reject("Set-X a *> x", 1, 10, "redirection");
	reject("Set-X < in", 1, 7, "redirections");
	reject("Set-X -A 'a'.Length", 1, 13, "member access");
	reject("Set-X -A $true.ToString()", 1, 15, "member access");
	reject("Set-X -A ('a')[0]", 1, 15, "member access");
	reject("Set-X -A ('a' + 'b')", 1, 15, "expected ')', found '+'");
	reject("Set-X -A (-5)", 1, 11, "negative numbers");
	reject("Set-X -A ('a' -replace 'b')", 1, 15, "expected ')'");
}
END_TEST

START_TEST(test_reject_blocks_and_statements)
{
	reject("Set-X { }", 1, 7, "script blocks are not supported");
	reject("Set-X -Filter {Name -eq 'x'}", 1, 15, "script blocks");
	reject("{ Set-X }", 1, 1, "script blocks");
	reject("foreach ($c in $x) { Set-X }", 1, 1,
	    "'foreach' statements are not supported");
	reject("if ($true) { Set-X }", 1, 1, "'if' statements");
	reject("function f { }", 1, 1, "'function' statements");
	reject("while(1){}", 1, 1, "'while' statements");
	reject("gci", 1, 1, "'gci' is not a cmdlet name (Verb-Noun)");
	reject("% { $_ }", 1, 1, "must start with a cmdlet name");
	reject("Set-X.ps1 -A b", 1, 1, "not a cmdlet name");
	reject("Module\\Set-X -A b", 1, 1, "not a cmdlet name");
	reject("'Set-X' -A b", 1, 1, "not a string");
	reject("(Get-X).Name", 1, 1, "must start with a cmdlet name");
	reject("-Identity x", 1, 1, "parameter '-Identity' without a command");
	reject("\xe2\x80\x93Identity x", 1, 1, "without a command");
	reject("Set-X -A (Get-Y)", 1, 11, "would run as a command");
	reject("Set-X -A @(Get-Y)", 1, 12, "would run as a command");
	reject("Set-X -A @{a=b}", 1, 14, "would run as a command");
	reject("Set-X -A ('a'; 'b')", 1, 14, "statements inside ()");
	reject("Set-X -A ()", 1, 10, "empty parentheses");
	reject("Set-X(1)", 1, 6, "unexpected '(1)'");
	reject("Set-X )", 1, 7, "unexpected ')'");
}
END_TEST

START_TEST(test_reject_strings)
{
	reject("Set-X -A 'abc", 1, 10, "unterminated single-quoted string");
	reject("Set-X -A \"abc", 1, 10, "unterminated double-quoted string");
	reject("Set-X -A \"abc`\"", 1, 10, "unterminated double-quoted");
	reject("Set-X -A 'a\n\nb", 1, 10, "unterminated single-quoted");
	reject("Set-X -A \xe2\x80\x98x", 1, 10, "unterminated single-quoted");
	reject("Set-X -A \"a`e\"", 1, 12, "`e is not supported");
	reject("Set-X -A \"`u{2019}\"", 1, 11, "`u{...} is not supported");
	reject("Set-X -A \"`0\"", 1, 11, "control character");
	reject("Set-X -A \"`a\"", 1, 11, "control character");
	reject("Set-X -A \"`x\"", 1, 11, "unknown escape `x");
	reject("Set-X -A @'\nx\n'@", 1, 10, "here-strings are not supported");
	reject("Set-X -A @\"\nx\n\"@", 1, 10, "here-strings");
	reject("Set-X -A foo'bar'", 1, 13, "quote inside an unquoted argument");
	reject("Set-X -A foo\"bar\"", 1, 13, "quote inside an unquoted");
	reject("Set-X -A 'a'b", 1, 13, "right after a closing quote");
	reject("Set-X -A 'a''b'c", 1, 16, "right after a closing quote");
	reject("Set-X -A 'a'#c", 1, 13, "put a space before a comment");
	reject("Set-X -A 'a''", 1, 10, "unterminated");
	reject("Set-X -Name'x'", 1, 12, "quote right after the parameter");
}
END_TEST

START_TEST(test_reject_words_and_numbers)
{
	reject("Set-X -A 0x10", 1, 10, "number form");
	reject("Set-X -A 1e3", 1, 10, "number form");
	reject("Set-X -A 5d", 1, 10, "number form");
	reject("Set-X -A 1.", 1, 10, "number form");
	reject("Set-X -A .5", 1, 10, "number form");
	reject("Set-X -A 10lkb", 1, 10, "number form");
	reject("Set-X -A 0b101", 1, 10, "number form");
	reject("Set-X -A 1e\xe2\x80\x93" "5", 1, 10, "number form");
	reject("Set-X -A a`b", 1, 11, "backtick inside an unquoted argument");
	reject("Set-X -A a`\n-B b", 1, 11, "backtick inside");
	reject("Set-X -A a ` \n-B b", 1, 12,
	    "backtick outside quotes must be the last character");
	reject("Set-X -Force`\n-B b", 1, 13, "backtick right after the param");
	reject("Set-X -A [2001:db8::1]", 1, 10, "type expressions");
	reject("Set-X -A a[0]", 1, 11, "brackets");
	reject("Set-X -A .", 1, 10, "not supported as a value");
	reject("Set-X -A -5", 1, 10, "negative numbers are not supported");
	reject("Set-X -A --% x", 1, 10, "'--%' is not supported");
	reject("Set-X -- -A", 1, 7, "'--' is not supported");
	reject("Set-X -A a,-b", 1, 12, "starting with a dash");
	reject("Set-X -A: -b", 1, 11, "starts with a dash");
	reject("Set-X -A:", 1, 7, "missing value after '-A:'");
	reject("Set-X -A:\nb", 1, 7, "missing value after '-A:'");
	reject("Set-X -\xc3\x84x", 1, 7, "ASCII letter");
	reject("Set-X -A.b c", 1, 7, "malformed parameter");
	reject("Set-X -A a,", 1, 12, "missing value");
	reject("Set-X ,a", 1, 7, "missing value before ','");
	reject("Set-X =a", 1, 7, "unexpected '=a'");
}
END_TEST

START_TEST(test_reject_lists_and_hashes)
{
	reject("Set-X -A @('a', @{b=1})", 1, 17, "hashtable inside a list");
	reject("Set-X -A a,@('b')", 1, 12, "list inside a list");
	reject("Set-X -A @('a'),'b'", 1, 10, "list inside a list");
	reject("Set-X -A @(('a','b'),'c')", 1, 12, "list inside a list");
	reject("Set-X -A @{Add='a'; add='b'}", 1, 21, "duplicate key 'add'");
	reject("Set-X -A @{a=@{b=1}}", 1, 14, "nested hashtables");
	reject("Set-X -A @{a=1 b=2}", 1, 16, "expected ';', a new line");
	reject("Set-X -A @{a}", 1, 13, "missing '='");
	reject("Set-X -A @{a=}", 1, 14, "missing value for the hashtable");
	reject("Set-X -A @{a-b=1}", 1, 13, "missing '='");
	reject("Set-X -A @{1=2}", 1, 12, "a hashtable key must be");
	reject("Set-X -A @{a=1", 1, 10, "missing '}'");
	reject("Set-X -A @('a'", 1, 10, "missing ')'");
	reject("Set-X -A ('a'", 1, 10, "missing ')'");
	reject("Set-X -A @('a' 'b')", 1, 16, "expected ',', ';'");
	reject("Set-X -A ([System.IO.File]::ReadAllText('x'))", 1, 29,
	    "only [System.IO.File]::ReadAllBytes");
	reject("Set-X -A ([Byte[]]$(Get-Content x))", 1, 11,
	    "type expressions other than");
	reject("Set-X -A ([IO.File]::ReadAllBytes($p))", 1, 35,
	    "must be a quoted string");
	reject("Set-X -A ([IO.File]::ReadAllBytes ('x'))", 1, 34,
	    "expected '(' right after");
	reject("Set-X -A 'a',([IO.File]::ReadAllBytes('x'))", 1, 15,
	    "must be a whole argument");
	/* PowerShell needs the parentheses in argument mode. */
	reject("Set-X -A [System.IO.File]::ReadAllBytes('x')", 1, 10,
	    "type expressions are not supported");
}
END_TEST

START_TEST(test_reject_characters)
{
	static const char	nul[] = "Set-X -A a\0b";
	static const char	nul2[] = "Set-X\n# c\0";

	reject_n(nul, sizeof(nul) - 1, 1, 11, "NUL byte");
	reject_n(nul2, sizeof(nul2) - 1, 2, 4, "NUL byte");
	reject("Set-X -A a\xe2\x80\xa8" "b", 1, 11, "U+2028");
	reject("Set-X -A 'a\xe2\x80\xa9'", 1, 12, "U+2029");
	reject("# x \xe2\x80\xa8 Set-X\n", 1, 5, "U+2028");
	reject("Set-X -A a\xc2\x85" "b", 1, 11, "U+0085");
	reject("# \xc2\x85\nSet-X", 1, 3, "U+0085");
	reject("Set-X -A 'a\xe2\x80\xae'", 1, 12, "bidirectional control");
	reject("# \xe2\x81\xa6 x\nSet-X", 1, 3, "bidirectional control");
	reject("Set-X -A \x01", 1, 10, "control character U+0001");
	reject("Set-X\x0b-A b", 1, 6, "control character U+000B");
	reject("Set-X -A '\x1b[2J'", 1, 11, "control character U+001B");
	reject("Set-X -A a\xe2\x80\x8b", 1, 11, "invisible character U+200B");
	reject("Set-X -A b\xef\xbb\xbf", 1, 11, "U+FEFF");
	reject("Set-X -A \xff", 1, 10, "invalid UTF-8");
	reject("Set-X\n -A '\xed\xa0\x80'", 2, 6, "invalid UTF-8");
	reject("Set-X -A \xc0\xaf", 1, 10, "invalid UTF-8");
	reject("<# open\nSet-X", 1, 1, "unterminated block comment");
	reject("#requires -RunAsAdministrator\nSet-X", 1, 1, "#requires");
	reject("#Requires -Modules x", 1, 1, "#requires");
}
END_TEST

START_TEST(test_reject_limits)
{
	struct buf	 b = { 0 };
	char		*big;
	size_t		 i;

	/* Nesting: 32 levels are fine, 33 are not. */
	for (i = 0; i < 32; i++)
		buf_addc(&b, '(');
	buf_adds(&b, "'x'");
	for (i = 0; i < 32; i++)
		buf_addc(&b, ')');
	big = xasprintf("Set-X -A %s", b.p);
	ps_script_free(parse_ok(big));
	free(big);
	big = xasprintf("Set-X -A (%s)", b.p);
	reject(big, 1, 42, "nesting deeper than 32 levels");
	free(big);
	buf_reset(&b);
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "@(");
	big = xasprintf("Set-X -A %s", b.p);
	reject(big, 1, 74, "nesting deeper than 32");
	free(big);
	buf_reset(&b);
	for (i = 0; i < 40; i++)
		buf_adds(&b, "@{a=");
	big = xasprintf("Set-X -A %s", b.p);
	reject(big, 1, 138, "nesting deeper than 32");
	free(big);
	buf_free(&b);

	/* Size. */
	big = xmalloc(PS_MAX_INPUT + 1);
	memset(big, '#', PS_MAX_INPUT + 1);
	reject_n(big, PS_MAX_INPUT + 1, 1, 1, "larger than");
	memcpy(big, "Set-X\n", 6);
	ps_script_free(parse_ok_n(big, PS_MAX_INPUT));
	free(big);

	/* Arguments, values and commands. */
	for (i = 0; i <= PS_MAX_ARGS; i++)
		buf_adds(&b, " a");
	big = xasprintf("Set-X%s", b.p);
	reject(big, 1, 6 + 2 * PS_MAX_ARGS + 1, "more than 4096 arguments");
	free(big);
	buf_reset(&b);
	buf_adds(&b, "Set-X a");
	for (i = 1; i <= PS_MAX_VALUES; i++)
		buf_adds(&b, ",a");
	reject(b.p, 1, 7 + 2 * PS_MAX_VALUES, "more than 262144 values");
	buf_reset(&b);
	for (i = 0; i <= PS_MAX_COMMANDS; i++)
		buf_adds(&b, "A-B\n");
	reject(b.p, PS_MAX_COMMANDS + 1, 1, "more than 100000 commands");
	buf_reset(&b);
	buf_adds(&b, "Set-X @{");
	for (i = 0; i <= PS_MAX_KEYS; i++)
		buf_printf(&b, "k%03zu=1;", i);
	buf_addc(&b, '}');
	reject(b.p, 1, 9 + 7 * PS_MAX_KEYS, "more than 64 keys");
	buf_free(&b);
}
END_TEST

START_TEST(test_several_errors)
{
	struct diags	 d = { 0 };
	const char	*src;

	src = "Set-A $x\nSet-B -C 'ok'\nGet-D | Get-E\n"
	    "Set-F -G \"$(x)\"\nSet-H\n";

	ck_assert_ptr_null(ps_parse("t.ps1", src, strlen(src), &d));
	/* The string error stops the reader: no more lines are trusted. */
	ck_assert_uint_eq(d.n, 3);
	ck_assert_uint_eq(d.v[0].line, 1);
	ck_assert_uint_eq(d.v[1].line, 3);
	ck_assert_uint_eq(d.v[2].line, 4);
	ck_assert_uint_eq(d.v[2].col, 11);
	diag_free(&d);
}
END_TEST

/* ---- Fix lines ------------------------------------------------------ */

START_TEST(test_single_literal_command)
{
	char	why[256];

	ck_assert_int_eq(ps_is_single_literal_command("Set-InboundConnector "
	    "-Identity 'Inbound from Contoso' -TlsSenderCertificateName "
	    "'mail.contoso.com' -RestrictDomainsToCertificate $true",
	    why, sizeof(why)), 1);
	ck_assert_str_eq(why, "");
	ck_assert_int_eq(ps_is_single_literal_command(
	    "Start-EdgeSynchronization # then wait", why, sizeof(why)), 1);
	ck_assert_int_eq(ps_is_single_literal_command("Set-X -A @{Add='a'}",
	    NULL, 0), 1);

	ck_assert_int_eq(ps_is_single_literal_command("", why, sizeof(why)),
	    0);
	ck_assert_str_eq(why, "col 1: 0 commands instead of one");
	ck_assert_int_eq(ps_is_single_literal_command("# comment", why,
	    sizeof(why)), 0);
	ck_assert_int_eq(ps_is_single_literal_command("Set-A; Set-B", why,
	    sizeof(why)), 0);
	ck_assert_str_eq(why, "col 1: 2 commands instead of one");
	ck_assert_int_eq(ps_is_single_literal_command("Set-A -B `", why,
	    sizeof(why)), 0);
	ck_assert_int_eq(ps_is_single_literal_command("Set-A 'x\ny'", why,
	    sizeof(why)), 0);
	ck_assert_str_eq(why, "col 9: a line break inside the line");
	ck_assert_int_eq(ps_is_single_literal_command("Set-A\r", why,
	    sizeof(why)), 0);
	ck_assert_int_eq(ps_is_single_literal_command("\xef\xbb\xbfSet-A",
	    why, sizeof(why)), 0);
	ck_assert_int_eq(ps_is_single_literal_command("Set-A -B $x", why,
	    sizeof(why)), 0);
	ck_assert_str_eq(why, "col 10: variables are not supported ('$x'); "
	    "write the value itself");
	ck_assert_int_eq(ps_is_single_literal_command("Set-A -B "
	    "x$(Write-Host pwned)", why, sizeof(why)), 0);
	ck_assert_int_eq(ps_is_single_literal_command("Set-A -B 'x' | Out-Null",
	    why, sizeof(why)), 0);
	ck_assert_int_eq(ps_is_single_literal_command(NULL, why, sizeof(why)),
	    0);
	/* A short buffer is always terminated. */
	ck_assert_int_eq(ps_is_single_literal_command("Set-A -B $x", why, 5),
	    0);
	ck_assert_str_eq(why, "col ");
}
END_TEST

START_TEST(test_comment_line)
{
	ck_assert_int_eq(ps_is_comment_line("# Fix: remove the wildcard"), 1);
	ck_assert_int_eq(ps_is_comment_line("  \t# indented"), 1);
	ck_assert_int_eq(ps_is_comment_line("#"), 1);
	ck_assert_int_eq(ps_is_comment_line("#\ttab caf\xc3\xa9"), 1);
	ck_assert_int_eq(ps_is_comment_line("# $(Write-Host x) | & ;"), 1);

	ck_assert_int_eq(ps_is_comment_line(""), 0);
	ck_assert_int_eq(ps_is_comment_line(NULL), 0);
	ck_assert_int_eq(ps_is_comment_line("Set-X # not a comment line"), 0);
	ck_assert_int_eq(ps_is_comment_line("<# block #>"), 0);
	ck_assert_int_eq(ps_is_comment_line("# a\nSet-X"), 0);
	ck_assert_int_eq(ps_is_comment_line("# a\rSet-X"), 0);
	ck_assert_int_eq(ps_is_comment_line("# a\xe2\x80\xa8Set-X"), 0);
	ck_assert_int_eq(ps_is_comment_line("# a\xe2\x80\xa9Set-X"), 0);
	ck_assert_int_eq(ps_is_comment_line("# a\xc2\x85Set-X"), 0);
	ck_assert_int_eq(ps_is_comment_line("# a\x0bSet-X"), 0);
	ck_assert_int_eq(ps_is_comment_line("# a\x7f"), 0);
	ck_assert_int_eq(ps_is_comment_line("# a\xe2\x80\xae" "b"), 0);
	ck_assert_int_eq(ps_is_comment_line("# a\xff"), 0);
	ck_assert_int_eq(ps_is_comment_line("#requires -Version 7"), 0);
	ck_assert_int_eq(ps_is_comment_line("#REQUIRES"), 0);
	ck_assert_int_eq(ps_is_comment_line("\xc2\xa0# nbsp first"), 0);
}
END_TEST

static Suite *
psparse_suite(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("psparse");

	tc = tcase_create("accept");
	tcase_add_test(tc, test_basic_command);
	tcase_add_test(tc, test_positional_and_kinds);
	tcase_add_test(tc, test_barewords);
	tcase_add_test(tc, test_single_quotes);
	tcase_add_test(tc, test_double_quotes);
	tcase_add_test(tc, test_line_continuation);
	tcase_add_test(tc, test_crlf_and_separators);
	tcase_add_test(tc, test_comments);
	tcase_add_test(tc, test_lists);
	tcase_add_test(tc, test_hashtables);
	tcase_add_test(tc, test_filebytes);
	tcase_add_test(tc, test_parenthesised_literal);
	tcase_add_test(tc, test_dashes);
	tcase_add_test(tc, test_columns_count_code_points);
	tcase_add_test(tc, test_unicode_spaces_separate);
	tcase_add_test(tc, test_empty_scripts);
	suite_add_tcase(s, tc);

	tc = tcase_create("injection");
	tcase_add_test(tc, test_injection_quoted_is_literal);
	tcase_add_test(tc, test_injection_unquoted_rejected);
	tcase_add_test(tc, test_injection_breakouts);
	tcase_add_test(tc, test_quote_roundtrip);
	suite_add_tcase(s, tc);

	tc = tcase_create("reject");
	tcase_add_test(tc, test_reject_variables);
	tcase_add_test(tc, test_reject_operators);
	tcase_add_test(tc, test_reject_blocks_and_statements);
	tcase_add_test(tc, test_reject_strings);
	tcase_add_test(tc, test_reject_words_and_numbers);
	tcase_add_test(tc, test_reject_lists_and_hashes);
	tcase_add_test(tc, test_reject_characters);
	tcase_add_test(tc, test_reject_limits);
	tcase_add_test(tc, test_several_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("fixlines");
	tcase_add_test(tc, test_single_literal_command);
	tcase_add_test(tc, test_comment_line);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(psparse_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
