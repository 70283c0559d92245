/*
 * format_sarif.c: SARIF 2.1.0 for GitHub code scanning and other SARIF
 * viewers.
 *
 * One run.  tool.driver.rules lists every built-in rule in the rule set's
 * order, so ruleIndex is the table index and stays stable; the rules of
 * each rule pack are a tool extension of their own (tool.extensions[],
 * named and versioned as the pack), and their results say so in
 * result.rule.toolComponent, ruleIndex then indexing the extension's
 * rules.  A finding is
 * a result: its file as a URI relative to the working directory with
 * uriBaseId %SRCROOT% (a file:// URI only for an absolute path outside
 * the working directory), its logical location, our fingerprint under
 * partialFingerprints (GitHub adds its own primaryLocationLineHash), a
 * suppression when waived, a baselineState when a baseline was applied.
 * Input diagnostics are tool execution notifications, and any error
 * among them makes executionSuccessful false.
 *
 * Nothing depends on the machine or the time: no originalUriBaseIds
 * (that would embed the working directory), no timestamps.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include <config.h>		/* autoconf's, for PACKAGE_URL */

#include "format.h"
#include "jsonout.h"
#include "lint.h"
#include "xalloc.h"

#ifndef PACKAGE_URL
#define PACKAGE_URL	"https://example.invalid/hybridlint"
#endif

#define SARIF_SCHEMA	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
			"errata01/os/schemas/sarif-schema-2.1.0.json"
#define SRCROOT		"%SRCROOT%"
#define FP_KEY		"hybridlintFingerprint/v1"

struct sarif {
	char			 cwd[PATH_MAX];	/* "" if unknown */
	const struct ruleset	*rules;
	size_t			*comp;		/* by rule: 0 the driver, else
						   1 + its extension */
	size_t			*index;		/* in its component's rules */
	const struct rule_source **ext;		/* the extensions' packs */
	size_t			 next;
};

/* {"text": s} */
static json_t *
text_obj(const char *s)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "text", json_text(s));
	return o;
}

/* Percent-encode all but RFC 3986 unreserved characters and '/'. */
static void
uri_escape(struct buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c) != NULL)
			buf_addc(b, (char)c);
		else {
			buf_addc(b, '%');
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		}
	}
}

/* The part of absolute path p below directory d, or NULL. */
static const char *
below(const char *p, const char *d)
{
	size_t	n = strlen(d);

	if (n == 0)
		return NULL;
	if (strcmp(d, "/") == 0)
		return p + 1;
	if (strncmp(p, d, n) == 0 && p[n] == '/')
		return p + n + 1;
	return NULL;
}

/*
 * {"uri": ..., "uriBaseId": "%SRCROOT%"} for a path relative to the
 * working directory, {"uri": "file:///..."} for one outside it.
 */
static json_t *
artifact_location(const struct sarif *sc, const char *file)
{
	struct buf	 b = { 0 };
	const char	*rel = NULL;
	char		*real = NULL;
	json_t		*o;
	int		 relative;

	if (file[0] != '/')
		rel = file;
	else if ((rel = below(file, sc->cwd)) == NULL &&
	    (real = realpath(file, NULL)) != NULL)
		rel = below(real, sc->cwd);
	if ((relative = rel != NULL)) {
		while (rel[0] == '.' && rel[1] == '/')
			for (rel += 2; *rel == '/'; rel++)
				continue;
		uri_escape(&b, rel);
	} else {
		buf_adds(&b, "file://");
		uri_escape(&b, file);
	}
	free(real);
	o = json_object();
	json_object_set_new(o, "uri", json_text(b.p != NULL ? b.p : "."));
	if (relative)
		json_object_set_new(o, "uriBaseId", json_text(SRCROOT));
	buf_free(&b);
	return o;
}

/*
 * A physicalLocation, or NULL without a file.  The region has the line
 * only: the loaders' columns (libxml2's, jansson's) do not all count
 * the one unit that run.columnKind would have to name.
 */
static json_t *
physical_location(const struct sarif *sc, const char *file, unsigned line)
{
	json_t	*pl;

	if (file == NULL || *file == '\0')
		return NULL;
	pl = json_object();
	json_object_set_new(pl, "artifactLocation",
	    artifact_location(sc, file));
	if (line > 0)
		json_object_set_new(pl, "region", json_pack("{sI}",
		    "startLine", (json_int_t)line));
	return pl;
}

/* The tags of a rule: comma-separated, trimmed, without duplicates. */
static json_t *
tags_json(const char *tags)
{
	const char	*p, *e, *end;
	json_t		*arr, *t;
	size_t		 i;
	char		*tag;
	int		 dup;

	arr = json_array();
	for (p = tags; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		for (e = end; e > p && (e[-1] == ' ' || e[-1] == '\t'); e--)
			continue;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p == e)
			continue;
		tag = xstrndup(p, (size_t)(e - p));
		dup = 0;
		json_array_foreach(arr, i, t)
			if (strcmp(json_string_value(t), tag) == 0)
				dup = 1;
		if (!dup)
			json_array_append_new(arr, json_text(tag));
		free(tag);
	}
	return arr;
}

/* One line of a rule's documentation: its length without the newline. */
static size_t
line_len(const char *p)
{
	const char	*nl = strchr(p, '\n');

	return nl != NULL ? (size_t)(nl - p) : strlen(p);
}

static int
blank(const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	return 1;
}

/*
 * The first paragraph of the documentation below its first heading,
 * whitespace collapsed: the rule's fullDescription.
 */
static char *
first_paragraph(const char *doc)
{
	struct buf	 b = { 0 };
	const char	*p;
	size_t		 n, i;
	int		 in = 0, space = 0;

	for (p = doc; p != NULL && *p != '\0'; p += n + (p[n] == '\n')) {
		n = line_len(p);
		if (blank(p, n) || p[0] != ' ') {
			if (in)
				break;
			continue;
		}
		in = 1;
		for (i = 0; i < n; i++) {
			if (p[i] == ' ' || p[i] == '\t') {
				space = b.len > 0;
				continue;
			}
			if (space)
				buf_addc(&b, ' ');
			space = 0;
			buf_addc(&b, p[i]);
		}
		space = b.len > 0;
	}
	return b.p;
}

/* Markdown text of one line: code spans kept, URLs as autolinks. */
static void
md_text(struct buf *b, const char *p, size_t n)
{
	size_t	i, j, ticks = 0;
	int	code = 0;

	for (i = 0; i < n; i++)
		ticks += p[i] == '`';
	for (i = 0; i < n; i++) {
		if (p[i] == '`' && ticks % 2 == 0) {
			code = !code;
			buf_addc(b, '`');
			continue;
		}
		if (code) {
			buf_addc(b, p[i]);
			continue;
		}
		if ((n - i > 7 && strncmp(p + i, "http://", 7) == 0) ||
		    (n - i > 8 && strncmp(p + i, "https://", 8) == 0)) {
			for (j = i; j < n && p[j] != ' ' && p[j] != '<' &&
			    p[j] != '>' && p[j] != '"' && p[j] != '`'; j++)
				continue;
			while (j > i && strchr(".,;:)'", p[j - 1]) != NULL)
				j--;
			buf_addc(b, '<');
			buf_add(b, p + i, j - i);
			buf_addc(b, '>');
			i = j - 1;
			continue;
		}
		if (strchr("\\`*_[]<>&|~", p[i]) != NULL ||
		    (i == 0 && strchr("#+-=", p[i]) != NULL))
			buf_addc(b, '\\');
		else if ((p[i] == '.' || p[i] == ')') && i > 0 &&
		    strspn(p, "0123456789") == i)
			buf_addc(b, '\\');
		buf_addc(b, p[i]);
	}
}

/* Does a documentation line read as flowing prose? */
static int
md_prose(const char *p, size_t n)
{
	size_t	k;

	for (k = 0; k < n && p[k] == ' '; k++)
		continue;
	if (k > 2)
		return 0;
	return !(n - k >= 2 && strchr("-*", p[k]) != NULL && p[k + 1] == ' ');
}

/*
 * The documentation as Markdown.  It is plain text: headings at the
 * margin, paragraphs indented two spaces, deeper indentation for lists
 * and commands.  Headings become "###", prose lines flow, every other
 * line keeps its line break and its indentation (as no-break spaces),
 * and Markdown's special characters are escaped.
 */
static char *
doc_markdown(const char *doc)
{
	struct buf	 b = { 0 };
	const char	*p, *q;
	size_t		 n, m, k, i;

	for (p = doc; p != NULL && *p != '\0'; p += n + (p[n] == '\n')) {
		n = line_len(p);
		if (blank(p, n)) {
			if (b.len > 0 && b.p[b.len - 1] != '\n')
				buf_addc(&b, '\n');
			if (b.len > 1 && b.p[b.len - 2] != '\n')
				buf_addc(&b, '\n');
			continue;
		}
		if (p[0] != ' ') {
			/* A heading, after a blank line. */
			while (b.len > 0 && (b.p[b.len - 1] != '\n' ||
			    (b.len > 1 && b.p[b.len - 2] != '\n')))
				buf_addc(&b, '\n');
			buf_adds(&b, "### ");
			md_text(&b, p, n);
			buf_addc(&b, '\n');
			continue;
		}
		for (k = 0; k < n && p[k] == ' '; k++)
			continue;
		for (i = k > 2 ? 2 : k; i < k; i++)
			buf_adds(&b, "&#160;");
		md_text(&b, p + k, n - k);
		/* The next line: same paragraph?  Flowing or broken? */
		q = p + n + (p[n] == '\n');
		m = line_len(q);
		if (*q == '\0' || blank(q, m) || q[0] != ' ')
			buf_addc(&b, '\n');
		else if (md_prose(p, n) && md_prose(q, m))
			buf_addc(&b, '\n');
		else
			buf_adds(&b, "\\\n");
	}
	return b.p != NULL ? buf_steal(&b) : xstrdup("");
}

static json_t *
rule_json(const struct lint_rule *r)
{
	json_t	*o, *x;
	char	*s;

	o = json_object();
	json_object_set_new(o, "id", json_text(r->id));
	json_object_set_new(o, "name", json_text(r->name));
	json_object_set_new(o, "shortDescription", text_obj(r->summary));
	if ((s = first_paragraph(r->doc)) == NULL)
		s = xasprintf("%s.", r->summary);
	json_object_set_new(o, "fullDescription", text_obj(s));
	free(s);
	x = text_obj(r->doc != NULL && *r->doc != '\0' ? r->doc :
	    r->summary);
	s = doc_markdown(r->doc != NULL ? r->doc : "");
	json_object_set_new(x, "markdown", json_text(*s != '\0' ? s :
	    r->summary));
	free(s);
	json_object_set_new(o, "help", x);
	x = json_object();
	json_object_set_new(x, "level", json_text(severity_name(r->severity)));
	json_object_set_new(o, "defaultConfiguration", x);
	if (json_array_size(x = tags_json(r->tags)) > 0)
		json_object_set_new(o, "properties", json_pack("{so}", "tags",
		    x));
	else
		json_decref(x);
	return o;
}

static json_t *
result_json(const struct sarif *sc, const struct finding *f, int baseline)
{
	json_t	*o, *x, *loc, *pl;
	size_t	 ri;

	o = json_object();
	ri = ruleset_index(sc->rules, f->rule);
	json_object_set_new(o, "ruleId", json_text(f->rule->id));
	json_object_set_new(o, "ruleIndex", json_integer(ri < sc->rules->n ?
	    (json_int_t)sc->index[ri] : -1));
	if (ri < sc->rules->n && sc->comp[ri] > 0)
		json_object_set_new(o, "rule", json_pack("{sosIs{sosI}}",
		    "id", json_text(f->rule->id), "index",
		    (json_int_t)sc->index[ri], "toolComponent", "name",
		    json_text(sc->ext[sc->comp[ri] - 1]->name), "index",
		    (json_int_t)(sc->comp[ri] - 1)));
	json_object_set_new(o, "level", json_text(severity_name(f->severity)));
	json_object_set_new(o, "message", text_obj(f->message != NULL ?
	    f->message : f->rule->summary));
	loc = json_object();
	if ((pl = physical_location(sc, f->loc.file, f->loc.line)) != NULL)
		json_object_set_new(loc, "physicalLocation", pl);
	if (f->logical != NULL) {
		x = json_object();
		json_object_set_new(x, "fullyQualifiedName",
		    json_text(f->logical));
		json_object_set_new(x, "kind", json_text("object"));
		json_object_set_new(loc, "logicalLocations",
		    json_pack("[o]", x));
	}
	if (json_object_size(loc) > 0)
		json_object_set_new(o, "locations", json_pack("[o]", loc));
	else
		json_decref(loc);
	if (f->fingerprint != NULL) {
		x = json_object();
		json_object_set_new(x, FP_KEY, json_text(f->fingerprint));
		json_object_set_new(o, "partialFingerprints", x);
	}
	if (f->waived) {
		x = json_object();
		json_object_set_new(x, "kind", json_text("external"));
		json_object_set_new(x, "status", json_text("accepted"));
		if (f->waiver_reason != NULL && *f->waiver_reason != '\0')
			json_object_set_new(x, "justification",
			    json_text(f->waiver_reason));
		json_object_set_new(o, "suppressions", json_pack("[o]", x));
	}
	if (baseline)
		json_object_set_new(o, "baselineState",
		    json_text(f->baselined ? "unchanged" : "new"));
	x = json_object();
	if (f->org != NULL)
		json_object_set_new(x, "organization", json_text(f->org));
	if (f->path != NULL)
		json_object_set_new(x, "evidencePath", json_text(f->path));
	if (f->fix != NULL)
		json_object_set_new(x, "fix", json_text(f->fix));
	if (json_object_size(x) > 0)
		json_object_set_new(o, "properties", x);
	else
		json_decref(x);
	return o;
}

/*
 * The driver's rules (the built-in ones) and an extension per rule pack,
 * in the rule set's order; which component each rule is in and where.
 */
static void
components(struct sarif *sc, json_t *driver, json_t *tool)
{
	const struct lint_rule	*r;
	json_t			*drules, *exts, *e, **erules = NULL;
	size_t			 i, k, nd = 0, *ne = NULL;

	sc->comp = xcalloc(sc->rules->n + 1, sizeof(*sc->comp));
	sc->index = xcalloc(sc->rules->n + 1, sizeof(*sc->index));
	drules = json_array();
	for (i = 0; i < sc->rules->n; i++) {
		r = sc->rules->v[i];
		if (r->source == NULL) {
			sc->index[i] = nd++;
			json_array_append_new(drules, rule_json(r));
			continue;
		}
		for (k = 0; k < sc->next && sc->ext[k] != r->source; k++)
			continue;
		if (k == sc->next) {
			sc->ext = xreallocarray(sc->ext, k + 1,
			    sizeof(*sc->ext));
			erules = xreallocarray(erules, k + 1,
			    sizeof(*erules));
			ne = xreallocarray(ne, k + 1, sizeof(*ne));
			sc->ext[k] = r->source;
			erules[k] = json_array();
			ne[k] = 0;
			sc->next++;
		}
		sc->comp[i] = k + 1;
		sc->index[i] = ne[k]++;
		json_array_append_new(erules[k], rule_json(r));
	}
	json_object_set_new(driver, "rules", drules);
	json_object_set_new(tool, "driver", driver);
	if (sc->next == 0)
		return;
	exts = json_array();
	for (k = 0; k < sc->next; k++) {
		e = json_object();
		json_object_set_new(e, "name", json_text(sc->ext[k]->name));
		json_object_set_new(e, "version",
		    json_text(sc->ext[k]->version));
		if (sc->ext[k]->uri != NULL)
			json_object_set_new(e, "informationUri",
			    json_text(sc->ext[k]->uri));
		json_object_set_new(e, "rules", erules[k]);
		json_array_append_new(exts, e);
	}
	json_object_set_new(tool, "extensions", exts);
	free(erules);
	free(ne);
}

static json_t *
invocation_json(const struct sarif *sc, const struct diags *d)
{
	const struct diag	*g;
	json_t			*inv, *arr, *n, *pl;
	size_t			 i;

	inv = json_object();
	json_object_set_new(inv, "executionSuccessful",
	    json_boolean(d == NULL || d->nerrors == 0));
	if (d == NULL || d->n == 0)
		return inv;
	arr = json_array();
	for (i = 0; i < d->n; i++) {
		g = &d->v[i];
		n = json_object();
		json_object_set_new(n, "level",
		    json_text(severity_name(g->level)));
		json_object_set_new(n, "message", text_obj(g->msg != NULL ?
		    g->msg : ""));
		if ((pl = physical_location(sc, g->file, g->line)) != NULL)
			json_object_set_new(n, "locations", json_pack("[{so}]",
			    "physicalLocation", pl));
		json_array_append_new(arr, n);
	}
	json_object_set_new(inv, "toolExecutionNotifications", arr);
	return inv;
}

char *
format_sarif(const struct findings *fs, const struct format_ctx *fc)
{
	struct sarif	 sc;
	json_t		*root, *run, *driver, *tool, *arr;
	size_t		 i;
	int		 baseline = 0;
	char		*out;

	memset(&sc, 0, sizeof(sc));
	sc.rules = fs->rules;
	if (getcwd(sc.cwd, sizeof(sc.cwd)) == NULL)
		sc.cwd[0] = '\0';
	driver = json_object();
	json_object_set_new(driver, "name", json_text("hybridlint"));
	json_object_set_new(driver, "version", json_text(fc->version));
	json_object_set_new(driver, "informationUri", json_text(PACKAGE_URL));
	tool = json_object();
	components(&sc, driver, tool);
	run = json_object();
	json_object_set_new(run, "tool", tool);
	json_object_set_new(run, "invocations",
	    json_pack("[o]", invocation_json(&sc, fc->diags)));
	for (i = 0; i < fs->n; i++)
		if (fs->v[i]->baselined)
			baseline = 1;
	arr = json_array();
	for (i = 0; i < fs->n; i++)
		json_array_append_new(arr, result_json(&sc, fs->v[i],
		    baseline));
	json_object_set_new(run, "results", arr);
	root = json_object();
	json_object_set_new(root, "$schema", json_text(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_text("2.1.0"));
	json_object_set_new(root, "runs", json_pack("[o]", run));
	out = json_render(root);
	json_decref(root);
	free(sc.comp);
	free(sc.index);
	free(sc.ext);
	return out;
}
