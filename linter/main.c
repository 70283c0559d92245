/*
 * main.c: the command line.
 *
 * hybridlint COMMAND [OPTIONS] PATH...
 *
 * Exit status: 0 nothing at or above the fail level, 1 findings at or
 * above it, 2 usage error, unreadable or malformed input, internal error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include "config.h"
#include "diag.h"
#include "inventory.h"
#include "load.h"
#include "model.h"

#define EXIT_FINDINGS	1
#define EXIT_TROUBLE	2

static void
usage(FILE *fp)
{
	fputs(
"Usage: hybridlint COMMAND [OPTIONS] PATH...\n"
"Lint Exchange hybrid mail topologies from exported configuration.\n"
"\n"
"Commands:\n"
"  inventory PATH...   list what was loaded: organization, side, kind, name,\n"
"                      source file:line, and what was skipped and why\n"
"\n"
"Options:\n"
"  -f, --format FMT    output format: text (default) or json\n"
"  -h, --help          show this help and exit\n"
"  -V, --version       show the version and exit\n"
"\n"
"A PATH is a folder with a topology.json manifest (one topology), a folder\n"
"without one (one organization), or a single export file.\n"
"\n"
"Exit status: 0 success, 1 findings at or above the fail level,\n"
"2 usage error, unreadable or malformed input, or internal error.\n"
"\n"
"See hybridlint(1) for the full description.\n", fp);
}

static void
version(void)
{
	printf("hybridlint %s\n", PACKAGE_VERSION);
	printf("Copyright (c) 2026 The hybridlint authors. MIT License.\n");
	printf("libxml2 %s, jansson %s\n", LIBXML_DOTTED_VERSION,
	    JANSSON_VERSION);
}

static int
cmd_inventory(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct diags	 diags = { 0 };
	struct model	*m;
	const char	*format = "text";
	char		*json;
	int		 ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			format = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			fprintf(stderr, "Try 'hybridlint --help'.\n");
			return EXIT_TROUBLE;
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
		fprintf(stderr, "hybridlint: inventory: unknown format '%s' "
		    "(text or json)\n", format);
		return EXIT_TROUBLE;
	}
	if (optind >= argc) {
		fprintf(stderr, "hybridlint: inventory: no PATH given\n"
		    "Try 'hybridlint --help'.\n");
		return EXIT_TROUBLE;
	}
	m = load_paths(argv + optind, (size_t)(argc - optind), &diags);
	diag_print(&diags, stderr);
	if (strcmp(format, "json") == 0) {
		json = inventory_json(m, &diags);
		if (json != NULL) {
			fputs(json, stdout);
			fputc('\n', stdout);
		}
		free(json);
	} else
		inventory_text(m, &diags, stdout);
	rc = diags.nerrors > 0 ? EXIT_TROUBLE : 0;
	model_free(m);
	diag_free(&diags);
	return rc;
}

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
} commands[] = {
	{ "inventory", cmd_inventory },
};

int
main(int argc, char **argv)
{
	size_t	i;
	int	rc;

	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		version();
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			LIBXML_TEST_VERSION
			rc = commands[i].fn(argc - 1, argv + 1);
			xmlCleanupParser();
			if (fflush(stdout) != 0 || ferror(stdout)) {
				fprintf(stderr, "hybridlint: error writing "
				    "output\n");
				return EXIT_TROUBLE;
			}
			return rc;
		}
	}
	fprintf(stderr, "hybridlint: unknown command '%s'\n"
	    "Try 'hybridlint --help'.\n", argv[1]);
	return EXIT_TROUBLE;
}
