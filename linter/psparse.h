/*
 * psparse.h: reading the subset of Exchange PowerShell that changes mail
 * flow, as commands with literal arguments and exact source locations.
 *
 * The reader is a pure layer: it knows no cmdlet and no parameter.  It
 * follows PowerShell's own tokenizer (argument mode for command lines,
 * expression mode inside (), @() and @{}) for the forms below and rejects
 * everything else with a located diagnostic, because its second user is a
 * test asserting that every fix line hybridlint prints is one command whose
 * arguments are literals: a value must never become code.
 *
 * Accepted:
 *  - commands separated by new lines (LF, CRLF or CR) and ';', blank
 *    lines, '#' comments (at the start of a token only: a#b is one word;
 *    "#hybridlint: ..." ones are kept as directives, below),
 *    <# block comments #>, a backtick right before a line break (line
 *    continuation), a UTF-8 byte order mark at the start;
 *  - a command is a Verb-Noun name followed by arguments: -Name value,
 *    -Name:value, -Switch, positional values; the dash may also be U+2013,
 *    U+2014 or U+2015, as in PowerShell;
 *  - values: 'single-quoted' ('' and any two of ' U+2018 U+2019 U+201A
 *    U+201B escape the second one), "double-quoted" ("" and `" escapes,
 *    `n `r `t `` `' `" `$ and a backtick before any other character that
 *    is not a letter or digit; a '$' that starts no variable is literal),
 *    $true, $false, $null, numbers (digits, one fraction, an optional
 *    KB/MB/GB/TB/PB multiplier), unquoted words (mail.contoso.com,
 *    *.contoso.com, 10.0.0.0/24, smtp:*, user@contoso.com), comma lists,
 *    @(...) lists, @{Key=value; ...} hashtables, a parenthesised value and
 *    ([System.IO.File]::ReadAllBytes('path')) as a whole argument.
 *
 * Rejected with "file:line:col: error: ..." (among others): variables,
 * $(...) and "...$x..." expansion, pipelines, '&', redirections, script
 * blocks, keywords and other statements, assignments, splatting,
 * here-strings, member access, operators, quotes inside unquoted words,
 * number forms PowerShell reads differently from their text (0x10, 1e3,
 * 5d, 1.), the escapes `0 `a `b `e `f `v `u{} (a control character, or a
 * meaning that differs between Windows PowerShell 5.1 and PowerShell 7),
 * NUL, control characters outside comments, U+0085, U+2028, U+2029 and
 * bidirectional controls anywhere, invisible format characters outside
 * comments, invalid UTF-8, and input beyond the limits below.
 *
 * Lines and columns are 1-based; columns count code points (a tab is one).
 */
#ifndef HL_PSPARSE_H
#define HL_PSPARSE_H

#include <stddef.h>

#include "diag.h"

/* Limits against hostile input (each is an error when exceeded). */
#define PS_MAX_INPUT	((size_t)4 * 1024 * 1024)	/* bytes */
#define PS_MAX_DEPTH	32	/* nested (), @(), @{} */
#define PS_MAX_COMMANDS	100000	/* per script */
#define PS_MAX_ARGS	4096	/* per command */
#define PS_MAX_VALUES	262144	/* values of all kinds, per script */
#define PS_MAX_KEYS	64	/* per hashtable */
#define PS_MAX_ERRORS	20	/* errors before the reader gives up */

enum ps_vkind {
	PSV_STRING,
	PSV_NUMBER,
	PSV_BOOL,
	PSV_NULL,
	PSV_LIST,
	PSV_HASH,
	PSV_FILEBYTES
};

/* How a PSV_STRING was written. */
enum ps_quoting {
	PSQ_BARE = 0,		/* an unquoted word */
	PSQ_SINGLE = 1,		/* '...' */
	PSQ_DOUBLE = 2		/* "..." */
};

/*
 * One value.  STRING: 'str' is the decoded text (UTF-8, never a control
 * character other than tab, CR and LF).  NUMBER: 'str' is the literal as
 * written ("25", "1.5", "10MB"); PowerShell passes it as a number, so a
 * caller converts it as one ("007" binds to a string parameter as "7").
 * BOOL: 'b'.  LIST: 'items' (scalars only: nested lists are rejected).
 * HASH: 'keys' and 'items' in file order, keys unique case-insensitively,
 * values scalars or lists.  FILEBYTES: 'str' is the path.
 */
struct ps_value {
	enum ps_vkind		  kind;
	const char		 *str;
	enum ps_quoting		  quoted;
	int			  b;
	struct ps_value		**items;
	size_t			  nitems;
	const char		**keys;
	struct loc		  loc;	/* of the first character */
};

/*
 * One argument.  'param' is the name without the dash, as written, or
 * NULL for a positional value; 'value' is NULL for a switch (-Force);
 * 'colon' is set for -Name:value; 'loc' is that of the dash, or of the
 * positional value.  A parameter written without a colon takes the value
 * that follows it, if any; a caller that knows the parameter is a switch
 * must treat that value as the next positional argument instead.
 */
struct ps_arg {
	const char		*param;
	struct ps_value		*value;
	int			 colon;
	struct loc		 loc;
};

/*
 * One command: its name as written (Set-InboundConnector), arguments in
 * order, the location of the name, and the source text from the name to
 * the end of the last argument (line continuations included).
 */
struct ps_command {
	const char		*name;
	struct ps_arg		*args;
	size_t			 nargs;
	struct loc		 loc;
	const char		*text;
};

/*
 * A comment line "#hybridlint: TEXT" (the word in any case): PowerShell
 * ignores it, a caller may give it a meaning (the change reader scopes
 * the commands after it).  'text' is what follows the colon, without the
 * spaces around it; 'loc' is that of the '#'.
 */
struct ps_directive {
	const char		*text;
	struct loc		 loc;
};

/* A parsed script; every string and node belongs to 'arena'. */
struct arena;

struct ps_script {
	struct arena		 *arena;
	struct ps_command	**cmds;
	size_t			  ncmds;
	struct ps_directive	**dirs;		/* in file order */
	size_t			  ndirs;
};

/*
 * Parse 'len' bytes of UTF-8 text ('file' is the display path for
 * locations and diagnostics).  All or nothing: on any problem the
 * diagnostics are added to 'diags' and NULL is returned.  An empty script
 * or one of comments only is a script with no commands.
 */
struct ps_script	*ps_parse(const char *file, const char *text,
			    size_t len, struct diags *diags);
void			 ps_script_free(struct ps_script *);

/*
 * For the test over printed fixes, one line at a time (no line break,
 * no byte order mark): 1 when 'line' is exactly one command whose
 * arguments are literals (a trailing comment is allowed; FILEBYTES counts
 * as literal: its path is one), else 0 with the reason in 'why' (may be
 * NULL) as "col N: message".
 */
int			 ps_is_single_literal_command(const char *line,
			    char *why, size_t whylen);

/*
 * 1 when 'line', after leading spaces and tabs, starts with '#' and holds
 * nothing that could end the comment early or hide text: no C0 control
 * other than tab, no DEL, no C1 control (U+0085 included), no U+2028,
 * U+2029 or bidirectional control, valid UTF-8; and it is not a #requires
 * line, which PowerShell acts on.
 */
int			 ps_is_comment_line(const char *line);

/* "string", "number", ... for messages. */
const char		*ps_vkind_name(enum ps_vkind);

#endif
