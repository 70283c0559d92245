/*
 * cli.c: the option table, parsing a command's arguments against its
 * entry, usage text, and suggestions for what was mistyped.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "formats.h"
#include "output.h"
#include "values.h"
#include "xalloc.h"

/* Where an option's value goes in struct cli. */
enum store {
	ST_STRING,			/* the const char * at off */
	ST_FLAG,			/* the int at off, set to 1 */
	ST_LIST,			/* appended to the char ** at off,
					 * its count at noff */
	ST_CALL				/* fn takes it */
};

typedef int (*opt_fn)(struct cli *, int, char *);

struct cli_option {
	const char	*name;		/* long name */
	int		 letter;	/* short name, or 0 */
	const char	*arg;		/* its argument, or NULL */
	const char	*help;		/* lines end with \n */
	enum store	 store;
	size_t		 off, noff;
	opt_fn		 fn;		/* checks the value, or takes it */
};

#define STRING(f)	ST_STRING, offsetof(struct cli, f), 0
#define FLAG(f)		ST_FLAG, offsetof(struct cli, f), 0
#define LIST(f, n)	ST_LIST, offsetof(struct cli, f), offsetof(struct cli, n)
#define CALL		ST_CALL, 0, 0

static int	opt_format(struct cli *, int, char *);
static int	opt_color(struct cli *, int, char *);
static int	opt_as_of(struct cli *, int, char *);
static int	opt_severity(struct cli *, int, char *);
static int	opt_docs_url(struct cli *, int, char *);
static int	opt_file(struct cli *, int, char *);
static int	opt_change(struct cli *, int, char *);

static const struct cli_option options[O__COUNT] = {
	[O_FORMAT] = { "format", 'f', "FMT[:FILE]",
	    "output format, to FILE or standard output (- is standard\n"
	    "output); see the formats below\n",
	    CALL, opt_format },
	[O_COLOR] = { "color", 0, "WHEN",
	    "colour text output: auto (default), always, never\n",
	    STRING(color), opt_color },
	[O_AS_OF] = { "as-of", 0, "DATE",
	    "judge certificate validity at DATE (YYYY-MM-DD;\n"
	    "default today)\n",
	    CALL, opt_as_of },
	[O_FAIL_ON] = { "fail-on", 0, "LEVEL",
	    "exit 1 for findings at or above LEVEL: error,\n"
	    "warning (default), note, or never\n",
	    STRING(fail_on), NULL },
	[O_MIN_SEVERITY] = { "min-severity", 0, "LEVEL",
	    "show and write only findings at or above LEVEL:\n"
	    "error, warning or note (default); the exit status\n"
	    "still follows --fail-on\n",
	    STRING(min_severity), opt_severity },
	[O_QUIET] = { "quiet", 'q', NULL,
	    "errors only, and the summary line\n",
	    FLAG(quiet), NULL },
	[O_ENABLE] = { "enable", 0, "RULE",
	    "run RULE even if the configuration turns it off\n"
	    "(an id or name; comma-separated list)\n",
	    LIST(enable, nenable), NULL },
	[O_DISABLE] = { "disable", 0, "RULE", "do not run RULE\n",
	    LIST(disable, ndisable), NULL },
	[O_ONLY] = { "only", 0, "RULE",
	    "run only these rules (comma-separated list)\n",
	    LIST(only, nonly), NULL },
	[O_CONFIG] = { "config", 0, "FILE",
	    "read FILE, not the .hybridlint.json found beside\n"
	    "the first PATH or above it\n",
	    STRING(config), NULL },
	[O_NO_CONFIG] = { "no-config", 0, NULL,
	    "read no configuration file\n",
	    FLAG(no_config), NULL },
	[O_RULES] = { "rules", 0, "PACK",
	    "load the rule pack PACK (a folder with pack.json,\n"
	    "or a .json file); may be repeated\n",
	    LIST(rule_packs, nrule_packs), NULL },
	[O_BASELINE] = { "baseline", 0, "FILE",
	    "findings recorded in FILE do not fail the run\n",
	    STRING(baseline), NULL },
	[O_WRITE_BASELINE] = { "write-baseline", 0, "FILE",
	    "record this run's findings in FILE (the run then\n"
	    "succeeds unless writing or an input fails)\n",
	    STRING(write_baseline), NULL },
	[O_STATISTICS] = { "statistics", 0, NULL,
	    "text: counts per rule and per organization after\n"
	    "the findings\n",
	    FLAG(statistics), NULL },
	[O_SOURCE_ROOT] = { "source-root", 0, "DIR",
	    "paths in sarif, codeclimate and github output are\n"
	    "relative to DIR (default: the top of the git\n"
	    "repository holding the first PATH, else the\n"
	    "working directory)\n",
	    STRING(source_root), NULL },
	[O_DOCS_URL] = { "docs-url", 0, "URL",
	    "rule pages for SARIF helpUri: URL/ID.md, or URL\n"
	    "with {rule} replaced by the id\n",
	    STRING(docs_url), opt_docs_url },
	[O_FROM] = { "from", 0, "ORG|HOST",
	    "the sending organization or host\n",
	    STRING(from), NULL },
	[O_MAIL_FROM] = { "mail-from", 0, "ADDR", "the envelope sender\n",
	    STRING(mail_from), NULL },
	[O_RCPT_TO] = { "rcpt-to", 0, "ADDR", "the envelope recipient\n",
	    STRING(rcpt_to), NULL },
	[O_OUTPUT] = { "output", 'o', "FILE",
	    "write to FILE, whole or not at all (- is standard\n"
	    "output, the default)\n",
	    STRING(output), opt_file },
	[O_ORG] = { "org", 0, "ID",
	    "only organization ID (repeatable; comma-separated\n"
	    "list)\n",
	    LIST(orgs, norgs), NULL },
	[O_CHANGE] = { "change", 0, "FILE",
	    "apply the Exchange PowerShell in FILE (- is standard\n"
	    "input) to the exports first (repeatable)\n",
	    CALL, opt_change },
	[O_COMMAND] = { "command", 'c', "LINE",
	    "apply one line of Exchange PowerShell (repeatable;\n"
	    "with --change, in command-line order)\n",
	    CALL, opt_change },
};

#define MAX_OUTS	16

extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_trace_entry;
extern const struct cmd_entry cmd_graph_entry;
extern const struct cmd_entry cmd_inventory_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_whatif_entry;
extern const struct cmd_entry cmd_diff_entry;
extern const struct cmd_entry cmd_rules_entry;
extern const struct cmd_entry cmd_explain_entry;

const struct cmd_entry *const cmd_table[] = {
	&cmd_check_entry,
	&cmd_trace_entry,
	&cmd_graph_entry,
	&cmd_inventory_entry,
	&cmd_whatif_entry,
	&cmd_diff_entry,
	&cmd_report_entry,
	&cmd_rules_entry,
	&cmd_explain_entry,
	NULL
};

void
cli_error(const char *fmt, ...)
{
	va_list	ap;

	fputs("hybridlint: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Edit distance, capped (the strings are short). */
static size_t
distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, *row, prev, cur, r;

	if (la > 64 || lb > 64)
		return 64;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			r = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < r)
				r = row[j] + 1;
			if (row[j - 1] + 1 < r)
				r = row[j - 1] + 1;
			row[j] = r;
			prev = cur;
		}
	}
	r = row[lb];
	free(row);
	return r;
}

const char *
cli_closest(const char *s, const char *const *cands)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = (size_t)-1, l = strlen(s);

	for (i = 0; cands[i] != NULL; i++) {
		if (strncmp(cands[i], s, l) == 0 && l >= 2)
			return cands[i];	/* a prefix of it */
		if ((d = distance(s, cands[i])) < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return bestd <= (l < 6 ? 1 : l / 3) ? best : NULL;
}

/* "--a, --b or --c" for the options of 'cmd', into a static buffer. */
static const char *
option_list(const struct cmd_entry *cmd)
{
	static char	 buf[1024];
	size_t		 i, n = 0, k = 0;

	buf[0] = '\0';
	for (i = 0; i < O__COUNT; i++)
		if (cmd->options & OPT(i))
			n++;
	if (n == 0)
		return "no options";
	for (i = 0; i < O__COUNT; i++) {
		if (!(cmd->options & OPT(i)))
			continue;
		k++;
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s--%s",
		    k == 1 ? "" : k == n ? " or " : ", ", options[i].name);
	}
	return buf;
}

/* An option the command line names that getopt did not know. */
static void
unknown_option(const struct cmd_entry *cmd, const char *arg)
{
	const char	*cands[O__COUNT + 1], *best, *name;
	char		 copy[128];
	size_t		 i, n = 0;

	snprintf(copy, sizeof(copy), "%s", arg);
	name = copy[0] == '-' && copy[1] == '-' ? copy + 2 : copy + 1;
	copy[strcspn(copy, "=")] = '\0';
	for (i = 0; i < O__COUNT; i++)
		if (cmd->options & OPT(i))
			cands[n++] = options[i].name;
	cands[n] = NULL;
	best = cli_closest(name, cands);
	if (best != NULL)
		cli_error("%s: unknown option '%s'; did you mean --%s?",
		    cmd->name, copy, best);
	else
		cli_error("%s: unknown option '%s'; %s takes %s", cmd->name,
		    copy, cmd->name, option_list(cmd));
	fprintf(stderr, "Try 'hybridlint help %s'.\n", cmd->name);
}

static int
opt_format(struct cli *c, int id, char *arg)
{
	char	*colon;

	(void)id;
	if (c->nouts == MAX_OUTS) {
		cli_error("%s: too many --format options", c->cmd->name);
		return -1;
	}
	/* argv strings are ours to modify. */
	c->outs[c->nouts].format = arg;
	c->outs[c->nouts].file = NULL;
	if ((colon = strchr(arg, ':')) != NULL) {
		*colon = '\0';
		c->outs[c->nouts].file = colon + 1;
	}
	c->nouts++;
	return 0;
}

static int
push_list(struct cli *c, char ***v, size_t *n, char *arg, const char *opt)
{
	if (*n >= 256) {
		cli_error("%s: too many --%s options", c->cmd->name, opt);
		return -1;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = arg;
	return 0;
}

static int
push_change(struct cli *c, const char *file, const char *line)
{
	if (c->nchanges >= 256) {
		cli_error("%s: too many --change or -c options", c->cmd->name);
		return -1;
	}
	if (file != NULL && *file == '\0') {
		cli_error("%s: --change: empty file name", c->cmd->name);
		return -1;
	}
	c->changes = xreallocarray(c->changes, c->nchanges + 1,
	    sizeof(*c->changes));
	c->changes[c->nchanges].file = file;
	c->changes[c->nchanges].line = line;
	c->nchanges++;
	return 0;
}

/* Standard input read once: by a PATH '-' or by --change -. */
static int
one_stdin(const struct cli *c)
{
	size_t	i, np = 0, nc = 0;

	for (i = 0; i < c->noperands; i++)
		np += strcmp(c->operands[i], "-") == 0;
	for (i = 0; i < c->nchanges; i++)
		nc += c->changes[i].file != NULL &&
		    strcmp(c->changes[i].file, "-") == 0;
	if (nc == 0 || nc + np <= 1)
		return 0;
	cli_error("%s: standard input ('-') can be read once: as one PATH or "
	    "one --change", c->cmd->name);
	return -1;
}

/* One option's value into the command line's record. */
static int
take(struct cli *c, int id, char *arg)
{
	const struct cli_option	*o = &options[id];
	char			*base = (char *)c;

	if (o->fn != NULL && o->fn(c, id, arg) == -1)
		return -1;
	switch (o->store) {
	case ST_STRING:
		*(const char **)(void *)(base + o->off) = arg;
		break;
	case ST_FLAG:
		*(int *)(void *)(base + o->off) = 1;
		break;
	case ST_LIST:
		return push_list(c, (char ***)(void *)(base + o->off),
		    (size_t *)(void *)(base + o->noff), arg, o->name);
	case ST_CALL:
		break;
	}
	return 0;
}

static int
opt_color(struct cli *c, int id, char *arg)
{
	(void)id;
	if (strcmp(arg, "auto") == 0 || strcmp(arg, "always") == 0 ||
	    strcmp(arg, "never") == 0)
		return 0;
	cli_error("%s: --color takes auto, always or never, not '%s'",
	    c->cmd->name, arg);
	return -1;
}

static int
opt_as_of(struct cli *c, int id, char *arg)
{
	(void)id;
	if (strlen(arg) == 10 && parse_date(arg, &c->asof) == 0)
		return 0;
	cli_error("%s: --as-of takes a date YYYY-MM-DD, not '%s'",
	    c->cmd->name, arg);
	return -1;
}

static int
opt_severity(struct cli *c, int id, char *arg)
{
	enum severity	sev;

	if (severity_parse(arg, &sev) == 0)
		return 0;
	cli_error("%s: --%s takes error, warning or note, not '%s'",
	    c->cmd->name, options[id].name, arg);
	return -1;
}

static int
opt_docs_url(struct cli *c, int id, char *arg)
{
	(void)id;
	if (valid_doc_url(arg))
		return 0;
	cli_error("%s: --docs-url takes an http or https URL without "
	    "spaces, quotes or angle brackets, not '%s'", c->cmd->name, arg);
	return -1;
}

/* A file name (-o): not empty. */
static int
opt_file(struct cli *c, int id, char *arg)
{
	if (*arg != '\0')
		return 0;
	cli_error("%s: -%c: empty file name", c->cmd->name,
	    options[id].letter);
	return -1;
}

static int
opt_change(struct cli *c, int id, char *arg)
{
	return push_change(c, id == O_CHANGE ? arg : NULL,
	    id == O_COMMAND ? arg : NULL);
}

/* One output to standard output at most, and no file named twice. */
static int
distinct_outputs(const struct cli *c)
{
	struct diags	 d = { 0 };
	const char	*outs[MAX_OUTS + 1];
	size_t		 i, n = 0;
	int		 rc;

	for (i = 0; i < c->nouts; i++)
		outs[n++] = c->outs[i].file;
	if (c->write_baseline != NULL)
		outs[n++] = c->write_baseline;
	if ((rc = output_distinct(outs, n, &d)) == -1) {
		for (i = 0; i < d.n; i++)
			cli_error("%s: %s%s%s", c->cmd->name,
			    strcmp(d.v[i].file, "hybridlint") != 0 ?
			    d.v[i].file : "", strcmp(d.v[i].file,
			    "hybridlint") != 0 ? ": " : "", d.v[i].msg);
	}
	diag_free(&d);
	return rc;
}

/* Every -f names a format of the command, written where it may be. */
static int
check_formats(struct cli *c)
{
	const char	**names, *best;
	size_t		 i, j;
	int		 rc = 0;

	if (c->nouts == 0) {
		c->outs[0].format = c->cmd->default_format;
		c->outs[0].file = NULL;
		c->nouts = c->cmd->default_format != NULL;
	}
	if (!(c->cmd->flags & CMD_OUTPUTS) && (c->nouts > 1 ||
	    (c->nouts == 1 && c->outs[0].file != NULL))) {
		cli_error("%s: one --format, written to standard output",
		    c->cmd->name);
		return -1;
	}
	if (distinct_outputs(c) == -1)
		return -1;
	names = format_names(c->cmd->name);
	for (i = 0; i < c->nouts && rc == 0; i++) {
		if (format_find(c->cmd->name, c->outs[i].format) == NULL) {
			best = cli_closest(c->outs[i].format, names);
			cli_error("%s: unknown format '%s'%s%s%s; %s writes:",
			    c->cmd->name, c->outs[i].format,
			    best != NULL ? " (did you mean '" : "",
			    best != NULL ? best : "", best != NULL ? "'?)" : "",
			    c->cmd->name);
			for (j = 0; names[j] != NULL; j++)
				fprintf(stderr, "%s%s", j ? ", " : "  ",
				    names[j]);
			fputc('\n', stderr);
			rc = -1;
		} else if (c->outs[i].file != NULL &&
		    *c->outs[i].file == '\0') {
			cli_error("%s: -f %s: empty file name", c->cmd->name,
			    c->outs[i].format);
			rc = -1;
		}
	}
	free(names);
	return rc;
}

int
cli_parse(const struct cmd_entry *cmd, int argc, char **argv, struct cli *c)
{
	struct option	 longopts[O__COUNT + 2];
	char		 shorts[2 * O__COUNT + 4];
	size_t		 i, n = 0, s = 0;
	int		 ch;

	memset(c, 0, sizeof(*c));
	c->cmd = cmd;
	c->color = "auto";
	c->asof = (int64_t)time(NULL);
	c->outs = xcalloc(MAX_OUTS, sizeof(*c->outs));
	/* getopt knows every option, so one of another command is named
	 * as such rather than as unknown. */
	shorts[s++] = ':';
	for (i = 0; i < O__COUNT; i++) {
		longopts[n].name = options[i].name;
		longopts[n].has_arg = options[i].arg != NULL ?
		    required_argument : no_argument;
		longopts[n].flag = NULL;
		longopts[n].val = 256 + (int)i;
		n++;
		if (options[i].letter != 0) {
			shorts[s++] = (char)options[i].letter;
			if (options[i].arg != NULL)
				shorts[s++] = ':';
		}
	}
	longopts[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	memset(&longopts[n], 0, sizeof(longopts[n]));
	shorts[s++] = 'h';
	shorts[s] = '\0';
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shorts, longopts, NULL)) != -1) {
		if (ch == 'h') {
			cli_usage(cmd, stdout);
			exit(0);
		}
		if (ch == ':') {
			cli_error("%s: %s needs a value", cmd->name,
			    argv[optind - 1]);
			return -1;
		}
		if (ch == '?') {
			unknown_option(cmd, argv[optind - 1]);
			return -1;
		}
		for (i = 0; i < O__COUNT; i++)
			if (ch == 256 + (int)i || ch == options[i].letter)
				break;
		if (!(cmd->options & OPT(i))) {
			cli_error("%s: --%s is not an option of %s; it takes "
			    "%s", cmd->name, options[i].name, cmd->name,
			    option_list(cmd));
			return -1;
		}
		if (take(c, (int)i, optarg) == -1)
			return -1;
	}
	c->operands = argv + optind;
	c->noperands = (size_t)(argc - optind);
	if ((cmd->flags & CMD_PATHS) && c->noperands == 0) {
		cli_error("%s: no %s given\nTry 'hybridlint help %s'.",
		    cmd->name, strstr(cmd->usage, "PACK") != NULL ? "PACK" :
		    "PATH", cmd->name);
		return -1;
	}
	if ((cmd->flags & CMD_ARG) && c->noperands != 1) {
		cli_error("%s takes one argument: %s", cmd->name, cmd->usage);
		return -1;
	}
	if (!(cmd->flags & (CMD_PATHS | CMD_ARG)) && c->noperands != 0) {
		cli_error("%s takes no argument ('%s')", cmd->name,
		    c->operands[0]);
		return -1;
	}
	if (one_stdin(c) == -1 || check_formats(c) == -1)
		return -1;
	if (c->output != NULL && c->nouts > 0)
		c->outs[0].file = c->output;
	return 0;
}

void
cli_release(struct cli *c)
{
	free(c->outs);
	free(c->enable);
	free(c->disable);
	free(c->only);
	free(c->orgs);
	free(c->rule_packs);
	free(c->changes);
	memset(c, 0, sizeof(*c));
}

int
cli_color(const struct cli *c, size_t i)
{
	return strcmp(c->color, "always") == 0 ||
	    (strcmp(c->color, "auto") == 0 && c->outs[i].file == NULL &&
	    isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL);
}

/* Lines of 'text' indented to column 'col', the first after 'used'. */
static void
indent(FILE *fp, const char *text, int used, int col)
{
	const char	*p, *nl;
	int		 first = 1;

	for (p = text; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (first && used < col - 1)
			fprintf(fp, "%*s", col - used, "");
		else
			fprintf(fp, "%s%*s", first ? "\n" : "", col, "");
		fprintf(fp, "%.*s\n", (int)(nl - p), p);
		first = 0;
	}
}

/* One option: its names, its help, and in the whole help its commands. */
static void
option_help(FILE *fp, size_t i, int whole)
{
	const struct cmd_entry	*const *cp, *const *sp;
	const char		*arg = options[i].arg;
	char			 head[80];
	size_t			 n = 0;
	int			 len;

	if (options[i].letter != 0)
		len = snprintf(head, sizeof(head), "  -%c, --%s%s%s",
		    options[i].letter, options[i].name, arg ? " " : "",
		    arg ? arg : "");
	else
		len = snprintf(head, sizeof(head), "      --%s%s%s",
		    options[i].name, arg ? " " : "", arg ? arg : "");
	fputs(head, fp);
	indent(fp, options[i].help, len, 22);
	if (!whole)
		return;
	fprintf(fp, "%22s(", "");
	for (cp = cmd_table; *cp != NULL; cp++) {
		if ((*cp)->options & OPT(i))
			fprintf(fp, "%s%s", n++ ? ", " : "", (*cp)->name);
		for (sp = (*cp)->subcommands; sp != NULL && *sp != NULL; sp++)
			if ((*sp)->options & OPT(i))
				fprintf(fp, "%s%s", n++ ? ", " : "",
				    (*sp)->name);
	}
	fputs(")\n", fp);
}

const struct cmd_entry *
cli_subcommand(const struct cmd_entry *cmd, const char *word)
{
	const struct cmd_entry	*const *sp;
	const char		*w;

	for (sp = cmd->subcommands; sp != NULL && *sp != NULL; sp++) {
		w = strrchr((*sp)->name, ' ');
		if (w != NULL && strcmp(w + 1, word) == 0)
			return *sp;
	}
	return NULL;
}

/* The options of a command and of its subcommands. */
static unsigned
all_options(const struct cmd_entry *cmd)
{
	const struct cmd_entry	*const *sp;
	unsigned		 o = cmd->options;

	for (sp = cmd->subcommands; sp != NULL && *sp != NULL; sp++)
		o |= (*sp)->options;
	return o;
}

void
cli_usage(const struct cmd_entry *cmd, void *vfp)
{
	FILE				*fp = vfp;
	const struct cmd_entry		*const *cp, *const *sp;
	const struct format_entry	*f;
	const char			*last = NULL;
	size_t				 i;
	int				 len;

	if (cmd != NULL) {
		fprintf(fp, "Usage: hybridlint %s %s\n", cmd->name, cmd->usage);
		for (sp = cmd->subcommands; sp != NULL && *sp != NULL; sp++)
			fprintf(fp, "       hybridlint %s %s\n", (*sp)->name,
			    (*sp)->usage);
	} else
		fputs("Usage: hybridlint COMMAND [OPTIONS] PATH...\n"
		    "Lint Exchange hybrid mail topologies from exported "
		    "configuration.\n\nCommands:\n", fp);
	for (cp = cmd_table; *cp != NULL; cp++) {
		if (cmd != NULL && *cp != cmd)
			continue;
		len = fprintf(fp, "  %s %s", (*cp)->name, (*cp)->usage);
		if (cmd == NULL)
			indent(fp, (*cp)->summary, len, 22);
		else {
			fputc('\n', fp);
			indent(fp, (*cp)->summary, 0, 2);
		}
		for (sp = (*cp)->subcommands; sp != NULL && *sp != NULL;
		    sp++) {
			len = fprintf(fp, "  %s %s", (*sp)->name,
			    (*sp)->usage);
			if (cmd == NULL)
				indent(fp, (*sp)->summary, len, 22);
			else {
				fputc('\n', fp);
				indent(fp, (*sp)->summary, 0, 2);
			}
		}
	}
	/* A subcommand's own help: its summary and options only. */
	if (cmd != NULL && strchr(cmd->name, ' ') != NULL) {
		indent(fp, cmd->summary, 0, 2);
		fputs("\nOptions:\n", fp);
		for (i = 0; i < O__COUNT; i++)
			if (cmd->options & OPT(i))
				option_help(fp, i, 0);
		return;
	}
	fputs("\nOptions:\n", fp);
	for (i = 0; i < O__COUNT; i++)
		if (cmd == NULL || (all_options(cmd) & OPT(i)))
			option_help(fp, i, cmd == NULL);
	if (cmd == NULL)
		fputs("  -h, --help          show this help and exit\n"
		    "  -V, --version       show the version and exit\n", fp);
	fputs("\nFormats (-f):\n", fp);
	for (f = format_table; f->name != NULL; f++) {
		if (cmd != NULL && strcmp(cmd->name, f->command) != 0)
			continue;
		if (last == NULL || strcmp(last, f->command) != 0)
			fprintf(fp, "  %s:", f->command);
		fprintf(fp, " %s%s", f->name, f[1].name != NULL &&
		    strcmp(f[1].command, f->command) == 0 ? "," : "\n");
		last = f->command;
	}
	if (cmd != NULL)
		return;
	fputs("\nA PATH is a folder with a topology.json manifest (one "
	    "topology), that\ntopology.json itself, a folder without one (one "
	    "organization), or a single\nexport file.\n\nExit status: 0 "
	    "success, 1 findings at or above "
	    "the fail level,\n2 usage error, unreadable or malformed input, or "
	    "internal error.\n\n'hybridlint help COMMAND' shows one command; "
	    "hybridlint(1) describes everything.\n", fp);
}
