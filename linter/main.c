/*
 * main.c: the command table and dispatch.
 *
 * hybridlint COMMAND [OPTIONS] OPERAND...
 *
 * Exit status: 0 nothing at or above the fail level, 1 findings at or
 * above it, 2 usage error, unreadable or malformed input, internal error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include "config.h"
#include "cli.h"
#include "output.h"

static void
version(void)
{
	printf("hybridlint %s\n", PACKAGE_VERSION);
	printf("Copyright (c) 2026 The hybridlint authors. MIT License.\n");
	printf("libxml2 %s, jansson %s\n", LIBXML_DOTTED_VERSION,
	    JANSSON_VERSION);
}

static const struct cmd_entry *
find_command(const char *name)
{
	const char	*names[16], *best;
	size_t		 i;

	for (i = 0; cmd_table[i] != NULL; i++) {
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
		names[i] = cmd_table[i]->name;
	}
	names[i] = NULL;
	best = cli_closest(name, names);
	cli_error("unknown command '%s'%s%s%s", name,
	    best != NULL ? "; did you mean '" : "", best != NULL ? best : "",
	    best != NULL ? "'?" : "");
	fputs("Commands:", stderr);
	for (i = 0; cmd_table[i] != NULL; i++)
		fprintf(stderr, " %s", cmd_table[i]->name);
	fputs(", help, version\nTry 'hybridlint --help'.\n", stderr);
	return NULL;
}

/* `hybridlint help [COMMAND [SUBCOMMAND]]`. */
static int
help(int argc, char **argv)
{
	const struct cmd_entry	*cmd = NULL, *sub;

	if (argc > 3 || (argc == 3 && (cmd = find_command(argv[1])) != NULL &&
	    cli_subcommand(cmd, argv[2]) == NULL)) {
		cli_error("help takes at most one COMMAND (and its subcommand)");
		return EXIT_TROUBLE;
	}
	if (argc >= 2 && (cmd = find_command(argv[1])) == NULL)
		return EXIT_TROUBLE;
	if (argc == 3 && (sub = cli_subcommand(cmd, argv[2])) != NULL)
		cmd = sub;
	cli_usage(cmd, stdout);
	return 0;
}

int
main(int argc, char **argv)
{
	const struct cmd_entry	*cmd, *sub;
	struct cli		 c;
	int			 rc, skip = 1;

	if (argc < 2) {
		cli_usage(NULL, stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return help(argc - 1, argv + 1);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		version();
		return 0;
	}
	if ((cmd = find_command(argv[1])) == NULL)
		return EXIT_TROUBLE;
	/* "rules test PACK": the subcommand's word is its argv[0]. */
	if (argc > 2 && (sub = cli_subcommand(cmd, argv[2])) != NULL) {
		cmd = sub;
		skip = 2;
	}
	LIBXML_TEST_VERSION
	output_init();
	if (cli_parse(cmd, argc - skip, argv + skip, &c) == -1)
		rc = EXIT_TROUBLE;
	else
		rc = cmd->exec(&c);
	cli_release(&c);
	xmlCleanupParser();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("error writing output");
		return EXIT_TROUBLE;
	}
	return rc;
}
