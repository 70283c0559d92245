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
#include <time.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include "config.h"
#include "diag.h"
#include "diagram.h"
#include "inventory.h"
#include "load.h"
#include "model.h"
#include "sim.h"
#include "trace.h"
#include "values.h"
#include "xalloc.h"

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
"  trace PATH... --from ORG|HOST --mail-from ADDR --rcpt-to ADDR\n"
"                      explain, hop by hop, how one message is routed, which\n"
"                      certificate is presented, which inbound connector of\n"
"                      which tenant matches, and why\n"
"  graph PATH...       the topology and its flows into Exchange Online as a\n"
"                      diagram (--format dot or mermaid)\n"
"\n"
"Options:\n"
"  -f, --format FMT    output format: text (default) or json; graph: dot\n"
"                      (default) or mermaid\n"
"      --as-of DATE    judge certificate validity at DATE (YYYY-MM-DD;\n"
"                      default today)\n"
"      --from ORG|HOST        trace: the sending organization or host\n"
"      --mail-from ADDR       trace: the envelope sender\n"
"      --rcpt-to ADDR         trace: the envelope recipient\n"
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

/* Options shared by every command; each command checks what it takes. */
struct opts {
	const char	*format;
	int64_t		 asof;
	const char	*from;
	const char	*mail_from;
	const char	*rcpt_to;
	char *const	*paths;
	size_t		 npaths;
};

enum {
	OPT_AS_OF = 256,
	OPT_FROM,
	OPT_MAIL_FROM,
	OPT_RCPT_TO
};

static int
parse_opts(const char *cmd, int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "mail-from", required_argument, NULL, OPT_MAIL_FROM },
		{ "rcpt-to", required_argument, NULL, OPT_RCPT_TO },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	memset(o, 0, sizeof(*o));
	o->format = "text";
	o->asof = (int64_t)time(NULL);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			o->format = optarg;
			break;
		case OPT_AS_OF:
			if (strlen(optarg) != 10 ||
			    parse_date(optarg, &o->asof) == -1) {
				fprintf(stderr, "hybridlint: %s: --as-of takes "
				    "a date YYYY-MM-DD, not '%s'\n", cmd,
				    optarg);
				return -1;
			}
			break;
		case OPT_FROM:
			o->from = optarg;
			break;
		case OPT_MAIL_FROM:
			o->mail_from = optarg;
			break;
		case OPT_RCPT_TO:
			o->rcpt_to = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			fprintf(stderr, "Try 'hybridlint --help'.\n");
			return -1;
		}
	}
	o->paths = argv + optind;
	o->npaths = (size_t)(argc - optind);
	if (o->npaths == 0) {
		fprintf(stderr, "hybridlint: %s: no PATH given\n"
		    "Try 'hybridlint --help'.\n", cmd);
		return -1;
	}
	return 0;
}

static int
want_format(const char *cmd, const struct opts *o, const char *const *ok)
{
	size_t	i;

	for (i = 0; ok[i] != NULL; i++)
		if (strcmp(o->format, ok[i]) == 0)
			return 0;
	fprintf(stderr, "hybridlint: %s: unknown format '%s'\n", cmd,
	    o->format);
	return -1;
}

static void
print_json(char *json)
{
	if (json != NULL) {
		fputs(json, stdout);
		fputc('\n', stdout);
	}
	free(json);
}

static int
cmd_inventory(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	struct diags	 diags = { 0 };
	struct model	*m;
	struct opts	 o;
	int		 rc;

	if (parse_opts("inventory", argc, argv, &o) == -1 ||
	    want_format("inventory", &o, formats) == -1)
		return EXIT_TROUBLE;
	m = load_paths(o.paths, o.npaths, &diags);
	diag_print(&diags, stderr);
	if (strcmp(o.format, "json") == 0)
		print_json(inventory_json(m, &diags));
	else
		inventory_text(m, &diags, stdout);
	rc = diags.nerrors > 0 ? EXIT_TROUBLE : 0;
	model_free(m);
	diag_free(&diags);
	return rc;
}

static int
cmd_trace(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", NULL };
	struct diags	 diags = { 0 };
	struct model	*m;
	struct topo	*t;
	struct sim	*s;
	struct flow	**f;
	struct opts	 o;
	size_t		 n;
	char		 err[512];
	int		 rc;

	if (parse_opts("trace", argc, argv, &o) == -1 ||
	    want_format("trace", &o, formats) == -1)
		return EXIT_TROUBLE;
	if (o.from == NULL || o.mail_from == NULL || o.rcpt_to == NULL) {
		fprintf(stderr, "hybridlint: trace: --from, --mail-from and "
		    "--rcpt-to are required\nTry 'hybridlint --help'.\n");
		return EXIT_TROUBLE;
	}
	m = load_paths(o.paths, o.npaths, &diags);
	diag_print(&diags, stderr);
	rc = diags.nerrors > 0 ? EXIT_TROUBLE : 0;
	t = topo_build(m, o.asof);
	s = xcalloc(1, sizeof(*s));
	s->t = t;
	s->arena = arena_new();
	f = sim_trace(s, o.from, o.mail_from, o.rcpt_to, &n, err, sizeof(err));
	if (f == NULL) {
		fprintf(stderr, "hybridlint: trace: %s\n", err);
		rc = EXIT_TROUBLE;
	} else if (strcmp(o.format, "json") == 0)
		print_json(trace_json((const struct flow *const *)f, n));
	else
		trace_text((const struct flow *const *)f, n, stdout);
	free(f);
	sim_free(s);
	topo_free(t);
	model_free(m);
	diag_free(&diags);
	return rc;
}

static int
cmd_graph(int argc, char **argv)
{
	static const char *const formats[] = { "dot", "mermaid", NULL };
	struct diags	 diags = { 0 };
	struct model	*m;
	struct topo	*t;
	struct sim	*s;
	struct opts	 o;
	char		*out;
	int		 rc;

	if (parse_opts("graph", argc, argv, &o) == -1)
		return EXIT_TROUBLE;
	if (strcmp(o.format, "text") == 0)
		o.format = "dot";
	if (want_format("graph", &o, formats) == -1)
		return EXIT_TROUBLE;
	m = load_paths(o.paths, o.npaths, &diags);
	diag_print(&diags, stderr);
	rc = diags.nerrors > 0 ? EXIT_TROUBLE : 0;
	t = topo_build(m, o.asof);
	s = sim_run(t);
	out = diagram_render(s, strcmp(o.format, "dot") == 0 ?
	    DIAGRAM_DOT : DIAGRAM_MERMAID);
	fputs(out, stdout);
	free(out);
	sim_free(s);
	topo_free(t);
	model_free(m);
	diag_free(&diags);
	return rc;
}

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
} commands[] = {
	{ "inventory", cmd_inventory },
	{ "trace", cmd_trace },
	{ "graph", cmd_graph },
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
