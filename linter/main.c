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
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

#include "config.h"
#include "baseline.h"
#include "configfile.h"
#include "diag.h"
#include "diagram.h"
#include "engine.h"
#include "format.h"
#include "format_text.h"
#include "output.h"
#include "inventory.h"
#include "jsonout.h"
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
"  check PATH...       lint: report every problem with its location, the\n"
"                      evidence path and the PowerShell that fixes it\n"
"  rules               the rule catalogue (--format text or json)\n"
"  explain RULE        the documentation of one rule\n"
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
"  -f, --format FMT[:FILE]\n"
"                      output format, to FILE or standard output; check:\n"
"                      text (default), json, sarif, junit or github, and may\n"
"                      be repeated; trace, inventory: text or json; graph:\n"
"                      dot (default) or mermaid\n"
"      --color WHEN    colour text output: auto (default), always, never\n"
"      --as-of DATE    judge certificate validity at DATE (YYYY-MM-DD;\n"
"                      default today)\n"
"      --fail-on LEVEL check: exit 1 for findings at or above LEVEL: error,\n"
"                      warning (default), note, or never\n"
"      --enable RULE   check: run RULE (an id or name; comma-separated list)\n"
"      --disable RULE  check: do not run RULE\n"
"      --config FILE   check: read FILE, not .hybridlint.json found in the\n"
"                      working directory or above\n"
"      --baseline FILE check: findings recorded in FILE do not fail the run\n"
"      --write-baseline FILE\n"
"                      check: record this run's findings in FILE\n"
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
struct outspec {
	const char	*format;
	const char	*file;		/* NULL: standard output */
};

struct opts {
	const char	*format;	/* the last -f, without a file */
	struct outspec	 outs[8];
	size_t		 nouts;
	const char	*color;
	const char	*config;
	const char	*baseline;
	const char	*write_baseline;
	int64_t		 asof;
	const char	*from;
	const char	*mail_from;
	const char	*rcpt_to;
	const char	*fail_on;
	char		*enable[64];
	size_t		 nenable;
	char		*disable[64];
	size_t		 ndisable;
	char *const	*paths;
	size_t		 npaths;
};

enum {
	OPT_AS_OF = 256,
	OPT_FROM,
	OPT_MAIL_FROM,
	OPT_RCPT_TO,
	OPT_FAIL_ON,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_COLOR,
	OPT_CONFIG,
	OPT_BASELINE,
	OPT_WRITE_BASELINE
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
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "enable", required_argument, NULL, OPT_ENABLE },
		{ "disable", required_argument, NULL, OPT_DISABLE },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "baseline", required_argument, NULL, OPT_BASELINE },
		{ "write-baseline", required_argument, NULL,
		    OPT_WRITE_BASELINE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;
	char	*colon;

	memset(o, 0, sizeof(*o));
	o->format = "text";
	o->color = "auto";
	o->asof = (int64_t)time(NULL);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (o->nouts == sizeof(o->outs) / sizeof(o->outs[0])) {
				fprintf(stderr, "hybridlint: %s: too many "
				    "--format options\n", cmd);
				return -1;
			}
			/* argv strings are ours to modify. */
			o->outs[o->nouts].format = optarg;
			if ((colon = strchr(optarg, ':')) != NULL) {
				*colon = '\0';
				o->outs[o->nouts].file = colon + 1;
			}
			o->format = o->outs[o->nouts].format;
			o->nouts++;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			o->write_baseline = optarg;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") != 0 &&
			    strcmp(optarg, "always") != 0 &&
			    strcmp(optarg, "never") != 0) {
				fprintf(stderr, "hybridlint: %s: --color takes "
				    "auto, always or never\n", cmd);
				return -1;
			}
			o->color = optarg;
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
		case OPT_FAIL_ON:
			o->fail_on = optarg;
			break;
		case OPT_ENABLE:
		case OPT_DISABLE:
			if ((ch == OPT_ENABLE ? o->nenable : o->ndisable) >= 64) {
				fprintf(stderr, "hybridlint: %s: too many "
				    "--enable/--disable options\n", cmd);
				return -1;
			}
			if (ch == OPT_ENABLE)
				o->enable[o->nenable++] = optarg;
			else
				o->disable[o->ndisable++] = optarg;
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

/* Every -f names a format of 'ok'; only 'check' writes several. */
static int
want_format(const char *cmd, const struct opts *o, const char *const *ok)
{
	size_t	i, j;

	if (strcmp(cmd, "check") != 0 && (o->nouts > 1 ||
	    (o->nouts == 1 && o->outs[0].file != NULL))) {
		fprintf(stderr, "hybridlint: %s: one --format, written to "
		    "standard output\n", cmd);
		return -1;
	}
	for (j = 0; j < o->nouts; j++) {
		for (i = 0; ok[i] != NULL; i++)
			if (strcmp(o->outs[j].format, ok[i]) == 0)
				break;
		if (ok[i] == NULL) {
			fprintf(stderr, "hybridlint: %s: unknown format "
			    "'%s'\n", cmd, o->outs[j].format);
			return -1;
		}
		if (o->outs[j].file != NULL && *o->outs[j].file == '\0') {
			fprintf(stderr, "hybridlint: %s: -f %s: empty file "
			    "name\n", cmd, o->outs[j].format);
			return -1;
		}
	}
	return 0;
}

/* Render the findings in one format; malloc'd. */
static char *
render(const char *format, const struct findings *fs,
    const struct format_ctx *fc)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	if (strcmp(format, "json") == 0)
		return format_json(fs, fc);
	if (strcmp(format, "sarif") == 0)
		return format_sarif(fs, fc);
	if (strcmp(format, "junit") == 0)
		return format_junit(fs, fc);
	if (strcmp(format, "github") == 0)
		return format_github(fs, fc);
	if ((fp = open_memstream(&buf, &len)) == NULL)
		return NULL;
	format_text(fs, fp, fc->color);
	format_summary(fs, fp);
	fclose(fp);
	return buf;
}

static void
print_json(char *json)
{
	if (json != NULL)
		fputs(json, stdout);
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

/* --enable/--disable RULE[,RULE...] into the engine's switches. */
static int
rule_switches(struct engine_opts *eo, char **list, size_t n, int on)
{
	const struct lint_rule	*r;
	char			*copy, *tok, *save;
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < n; i++) {
		copy = xstrdup(list[i]);
		for (tok = strtok_r(copy, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			if ((r = rule_find(tok)) == NULL) {
				fprintf(stderr, "hybridlint: unknown rule "
				    "'%s' (see 'hybridlint rules')\n", tok);
				rc = -1;
				continue;
			}
			eo->enabled[rule_index(r)] = (signed char)on;
		}
		free(copy);
	}
	return rc;
}

static int
cmd_check(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", "sarif",
	    "junit", "github", NULL };
	struct diags		 diags = { 0 };
	struct engine_opts	 eo;
	struct format_ctx	 fc;
	struct model		*m;
	struct topo		*t;
	struct sim		*s;
	struct findings		*fs;
	struct config		*cfg = NULL;
	struct opts		 o;
	enum severity		 failsev = SEV_WARNING;
	char			 asof[11], err[512], *doc, *found;
	int			 never, rc = 0;
	size_t			 i;

	if (parse_opts("check", argc, argv, &o) == -1 ||
	    want_format("check", &o, formats) == -1)
		return EXIT_TROUBLE;
	found = o.config == NULL ? config_find() : NULL;
	if (o.config != NULL || found != NULL) {
		cfg = config_load(o.config != NULL ? o.config : found, &diags);
		free(found);
		if (cfg == NULL) {
			diag_print(&diags, stderr);
			diag_free(&diags);
			return EXIT_TROUBLE;
		}
	}
	if (o.fail_on == NULL)
		o.fail_on = cfg != NULL && cfg->fail_on != NULL ?
		    cfg->fail_on : "warning";
	never = strcmp(o.fail_on, "never") == 0;
	if (!never && severity_parse(o.fail_on, &failsev) == -1) {
		fprintf(stderr, "hybridlint: check: --fail-on takes error, "
		    "warning, note or never, not '%s'\n", o.fail_on);
		config_free(cfg);
		return EXIT_TROUBLE;
	}
	engine_opts_init(&eo, o.asof);
	if (cfg != NULL)
		config_apply(cfg, &eo);
	if (rule_switches(&eo, o.disable, o.ndisable, 0) == -1 ||
	    rule_switches(&eo, o.enable, o.nenable, 1) == -1) {
		config_free(cfg);
		return EXIT_TROUBLE;
	}
	if (o.nouts == 0) {
		o.outs[0].format = "text";
		o.nouts = 1;
	}
	m = load_paths(o.paths, o.npaths, &diags);
	diag_print(&diags, stderr);
	t = topo_build(m, o.asof);
	s = sim_run(t);
	fs = engine_run(m, t, s, &eo);
	if (o.baseline != NULL && baseline_apply(o.baseline, fs, &diags) == -1)
		diag_print(&diags, stderr);
	if (o.write_baseline != NULL) {
		doc = baseline_render(fs);
		if (doc == NULL || output_write(o.write_baseline, doc,
		    strlen(doc), err, sizeof(err)) == -1) {
			fprintf(stderr, "hybridlint: %s\n", doc == NULL ?
			    "out of memory" : err);
			rc = EXIT_TROUBLE;
		}
		free(doc);
	}
	format_date(o.asof, asof);
	memset(&fc, 0, sizeof(fc));
	fc.version = PACKAGE_VERSION;
	fc.asof = asof;
	fc.diags = &diags;
	for (i = 0; i < o.nouts; i++) {
		fc.color = strcmp(o.color, "always") == 0 ||
		    (strcmp(o.color, "auto") == 0 && o.outs[i].file == NULL &&
		    isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL);
		doc = render(o.outs[i].format, fs, &fc);
		if (doc == NULL || output_write(o.outs[i].file, doc,
		    strlen(doc), err, sizeof(err)) == -1) {
			fprintf(stderr, "hybridlint: %s\n", doc == NULL ?
			    "out of memory rendering output" : err);
			rc = EXIT_TROUBLE;
		}
		free(doc);
	}
	for (i = 0; i < fs->n && !never && rc == 0; i++)
		if (!fs->v[i]->waived && !fs->v[i]->baselined &&
		    fs->v[i]->severity >= failsev)
			rc = EXIT_FINDINGS;
	if (diags.nerrors > 0)
		rc = EXIT_TROUBLE;
	findings_free(fs);
	sim_free(s);
	topo_free(t);
	model_free(m);
	diag_free(&diags);
	config_free(cfg);
	return rc;
}

static int
cmd_rules(int argc, char **argv)
{
	const struct lint_rule	*r;
	const char		*format = "text";
	json_t			*arr, *o;
	size_t			 i;

	if (argc == 3 && (strcmp(argv[1], "--format") == 0 ||
	    strcmp(argv[1], "-f") == 0))
		format = argv[2];
	else if (argc == 2 && strncmp(argv[1], "--format=", 9) == 0)
		format = argv[1] + 9;
	else if (argc != 1) {
		fprintf(stderr, "hybridlint: rules takes only --format "
		    "text|json\n");
		return EXIT_TROUBLE;
	}
	if (strcmp(format, "json") == 0) {
		arr = json_array();
		for (i = 0; i < rule_count; i++) {
			r = rule_table[i];
			o = json_object();
			json_object_set_new(o, "id", json_string(r->id));
			json_object_set_new(o, "name", json_string(r->name));
			json_object_set_new(o, "severity",
			    json_string(severity_name(r->severity)));
			json_object_set_new(o, "catalogue",
			    json_string(r->catalogue));
			json_object_set_new(o, "summary",
			    json_string(r->summary));
			json_object_set_new(o, "tags", json_string(r->tags));
			json_array_append_new(arr, o);
		}
		print_json(json_render(arr));
		json_decref(arr);
		return 0;
	}
	if (strcmp(format, "text") != 0) {
		fprintf(stderr, "hybridlint: rules: unknown format '%s'\n",
		    format);
		return EXIT_TROUBLE;
	}
	for (i = 0; i < rule_count; i++) {
		r = rule_table[i];
		printf("%s  %-7s  %-45s  %s\n", r->id,
		    severity_name(r->severity), r->name, r->summary);
	}
	return 0;
}

static int
cmd_explain(int argc, char **argv)
{
	const struct lint_rule	*r;

	if (argc != 2) {
		fprintf(stderr, "hybridlint: explain takes one RULE (an id "
		    "such as HYB001 or a name)\n");
		return EXIT_TROUBLE;
	}
	if ((r = rule_find(argv[1])) == NULL) {
		fprintf(stderr, "hybridlint: explain: unknown rule '%s' (see "
		    "'hybridlint rules')\n", argv[1]);
		return EXIT_TROUBLE;
	}
	printf("%s %s (default severity: %s; catalogue %s)\n\n%s.\n\n%s",
	    r->id, r->name, severity_name(r->severity), r->catalogue,
	    r->summary, r->doc);
	return 0;
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
	{ "check", cmd_check },
	{ "explain", cmd_explain },
	{ "inventory", cmd_inventory },
	{ "rules", cmd_rules },
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
			output_init();
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
