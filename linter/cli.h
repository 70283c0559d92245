/*
 * cli.h: the command line as tables.
 *
 * Every command is one entry (struct cmd_entry, as tmux's cmd_entry): its
 * name, its usage line and summary, the options it takes, what it needs
 * on the command line, its default format and its function.  Options are
 * one table (cli.c) and formats another (formats.c), so a new command,
 * option or format is one entry in one table; --help and the usage errors
 * are generated from them.
 *
 * How to add a command: write linter/cmd_<name>.c with one
 * `const struct cmd_entry cmd_<name>_entry` and add it to cmd_table in
 * cli.c; its formats go in formats.c, its options (if new) in cli.c.
 */
#ifndef HL_CLI_H
#define HL_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "change.h"

#define EXIT_FINDINGS	1
#define EXIT_TROUBLE	2

/* The options, by bit in cmd_entry.options. */
enum cli_opt {
	O_FORMAT,
	O_COLOR,
	O_AS_OF,
	O_FAIL_ON,
	O_MIN_SEVERITY,
	O_QUIET,
	O_ENABLE,
	O_DISABLE,
	O_ONLY,
	O_CONFIG,
	O_NO_CONFIG,
	O_RULES,
	O_BASELINE,
	O_WRITE_BASELINE,
	O_STATISTICS,
	O_SOURCE_ROOT,
	O_DOCS_URL,
	O_FROM,
	O_MAIL_FROM,
	O_RCPT_TO,
	O_OUTPUT,
	O_ORG,
	O_CHANGE,
	O_COMMAND,
	O__COUNT
};
#define OPT(o)		(1u << (o))

/* cmd_entry.flags */
#define CMD_PATHS	0x01	/* needs at least one PATH */
#define CMD_ARG		0x02	/* takes exactly one operand (explain RULE) */
#define CMD_OUTPUTS	0x04	/* several -f, and -f FMT:FILE */

struct cli;

struct cmd_entry {
	const char	*name;		/* "rules"; a subcommand "rules test" */
	const char	*usage;		/* after the name: "[OPTIONS] PATH..." */
	const char	*summary;	/* for --help; lines end with \n */
	unsigned	 options;	/* OPT() of the options it takes */
	unsigned	 flags;		/* CMD_* */
	const char	*default_format;
	int		(*exec)(struct cli *);
	/* Its subcommands ("rules test PACK"), NULL-ended, or NULL. */
	const struct cmd_entry *const *subcommands;
};

/* One -f FORMAT[:FILE]. */
struct outspec {
	const char	*format;
	const char	*file;		/* NULL: standard output */
};

/* What the command line said, for the command's function. */
struct cli {
	const struct cmd_entry	*cmd;
	struct outspec		*outs;
	size_t			 nouts;
	const char		*color;		/* auto, always, never */
	int64_t			 asof;
	const char		*fail_on;	/* NULL: not given */
	const char		*min_severity;	/* NULL: not given */
	int			 quiet;
	char			**enable;	/* --enable values */
	size_t			 nenable;
	char			**disable;
	size_t			 ndisable;
	char			**only;		/* --only values */
	size_t			 nonly;
	int			 statistics;
	const char		*source_root;
	const char		*docs_url;
	const char		*config;
	int			 no_config;
	char			**rule_packs;	/* --rules values */
	size_t			 nrule_packs;
	const char		*baseline;
	const char		*write_baseline;
	const char		*from;
	const char		*mail_from;
	const char		*rcpt_to;
	const char		*output;	/* -o FILE */
	char			**orgs;		/* --org values */
	size_t			 norgs;
	struct change_src	*changes;	/* --change and -c, in order */
	size_t			 nchanges;
	char *const		*operands;	/* PATHs, or the one argument */
	size_t			 noperands;
};

/* The commands, in --help order; NULL-ended. */
extern const struct cmd_entry *const cmd_table[];

/* The subcommand of 'cmd' named 'word' ("test" of "rules"), or NULL. */
const struct cmd_entry *cli_subcommand(const struct cmd_entry *cmd,
	    const char *word);

/*
 * Parse a command's arguments (argv[0] is the command name, or a
 * subcommand's own word) against its
 * entry; every error says what was wrong and what is valid.  0, or -1
 * after a message on standard error.  Free with cli_release().
 */
int	 cli_parse(const struct cmd_entry *, int argc, char **argv,
	    struct cli *);
void	 cli_release(struct cli *);
/* The whole --help text, or one command's (cmd non-NULL). */
void	 cli_usage(const struct cmd_entry *cmd, void *fp);
/* "hybridlint: " + message on standard error. */
void	 cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The closest of 'cands' (NULL-ended) to 's', or NULL if none is close. */
const char *cli_closest(const char *s, const char *const *cands);
/* Should -f output number i be coloured? */
int	 cli_color(const struct cli *, size_t i);

#endif
