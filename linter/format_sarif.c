/*
 * format_sarif.c: SARIF 2.1.0 for GitHub code scanning and other SARIF
 * viewers.
 *
 * One run.  tool.driver.rules lists every built-in rule in the rule set's
 * order, so ruleIndex is the table index and stays stable; the rules of
 * each rule pack are a tool extension of their own (tool.extensions[],
 * named and versioned as the pack), and their results say so in
 * result.rule.toolComponent, ruleIndex then indexing the extension's
 * rules.  Each rule has its tags (at most SARIF_MAX_TAGS, the number
 * GitHub shows), its security-severity, its help as text and Markdown,
 * and a helpUri when a documentation URL is configured.  A finding is a
 * result: its file as a URI relative to the source root with uriBaseId
 * SRCROOT (a file:// URI for a file outside it), its logical location,
 * our fingerprint under
 * partialFingerprints (GitHub adds its own primaryLocationLineHash), a
 * suppression when waived, a baselineState when a baseline was applied.
 * run.originalUriBaseIds gives SRCROOT's absolute URI.  Input diagnostics
 * are tool execution notifications, and any error among them makes
 * executionSuccessful false.
 *
 * GitHub rejects a run of more than 25,000 results or a file of more
 * than 10 MB gzipped: beyond SARIF_MAX_RESULTS results, or when the
 * document gzipped (as upload-sarif sends it) would exceed
 * SARIF_MAX_BYTES, the most severe results are kept (in their order)
 * and a notification says how many were left out.
 * Nothing depends on the time; only originalUriBaseIds on the machine.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zlib.h>

#include <config.h>		/* autoconf's, for PACKAGE_URL */

#include "format.h"
#include "jsonout.h"
#include "lint.h"
#include "mdout.h"
#include "srcroot.h"
#include "textfile.h"
#include "xalloc.h"

#define SARIF_SCHEMA	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
			"errata01/os/schemas/sarif-schema-2.1.0.json"
#define SRCROOT		"SRCROOT"
#define FP_KEY		"hybridlintFingerprint/v1"

struct sarif {
	char			*root;		/* absolute */
	const struct ruleset	*rules;
	const char		*docs_url;
	size_t			*comp;		/* by rule: 0 the driver, else
						   1 + its extension */
	size_t			*index;		/* in its component's rules */
	const struct rule_source **ext;		/* the extensions' packs */
	size_t			 next;
	const char		*(*state)(const struct finding *, const void *);
	const void		*state_arg;
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

/*
 * {"uri": ..., "uriBaseId": "SRCROOT"} for a file below the source root,
 * {"uri": "file:///..."} for one outside it.
 */
static json_t *
artifact_location(const struct sarif *sc, const char *file)
{
	struct buf	 b = { 0 };
	char		*rel, *abs = NULL;
	json_t		*o;

	if ((rel = srcroot_rel(sc->root, file)) != NULL)
		uri_escape(&b, rel);
	else {
		buf_adds(&b, "file://");
		abs = srcroot_abs(file);
		uri_escape(&b, abs != NULL ? abs : file);
	}
	o = json_object();
	json_object_set_new(o, "uri", json_text(b.p != NULL ? b.p : "."));
	if (rel != NULL)
		json_object_set_new(o, "uriBaseId", json_text(SRCROOT));
	free(rel);
	free(abs);
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

	if (file == NULL || *file == '\0' || strcmp(file, TEXTFILE_STDIN) == 0)
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
		if (!dup && json_array_size(arr) < SARIF_MAX_TAGS)
			json_array_append_new(arr, json_text(tag));
		free(tag);
	}
	return arr;
}

/* The rule's page: the URL with {rule} replaced, else URL/ID.md. */
static char *
help_uri(const char *base, const char *id)
{
	struct buf	 b = { 0 }, e = { 0 };
	const char	*p, *q;
	size_t		 n = strlen(base);

	uri_escape(&e, id);
	if (strstr(base, "{rule}") == NULL) {
		while (n > 0 && base[n - 1] == '/')
			n--;
		buf_add(&b, base, n);
		buf_printf(&b, "/%s.md", e.p);
	} else
		for (p = base; *p != '\0'; p = q + 6) {
			if ((q = strstr(p, "{rule}")) == NULL) {
				buf_adds(&b, p);
				break;
			}
			buf_add(&b, p, (size_t)(q - p));
			buf_adds(&b, e.p);
		}
	buf_free(&e);
	return buf_steal(&b);
}

static json_t *
rule_json(const struct sarif *sc, const struct lint_rule *r)
{
	json_t	*o, *x, *props;
	char	*s;

	o = json_object();
	json_object_set_new(o, "id", json_text(r->id));
	json_object_set_new(o, "name", json_text(r->name));
	json_object_set_new(o, "shortDescription", text_obj(r->summary));
	if ((s = doc_first_paragraph(r->doc)) == NULL)
		s = xasprintf("%s.", r->summary);
	json_object_set_new(o, "fullDescription", text_obj(s));
	free(s);
	x = text_obj(r->doc != NULL && *r->doc != '\0' ? r->doc :
	    r->summary);
	s = md_doc(r->doc != NULL ? r->doc : "");
	json_object_set_new(x, "markdown", json_text(*s != '\0' ? s :
	    r->summary));
	free(s);
	json_object_set_new(o, "help", x);
	if (sc->docs_url != NULL) {
		s = help_uri(sc->docs_url, r->id);
		json_object_set_new(o, "helpUri", json_text(s));
		free(s);
	}
	x = json_object();
	json_object_set_new(x, "level", json_text(severity_name(r->severity)));
	json_object_set_new(o, "defaultConfiguration", x);
	props = json_object();
	if (json_array_size(x = tags_json(r->tags)) > 0)
		json_object_set_new(props, "tags", x);
	else
		json_decref(x);
	json_object_set_new(props, "security-severity",
	    json_text(rule_security_severity(r)));
	json_object_set_new(o, "properties", props);
	return o;
}

/* A result's locations: the file and line, and the object by name. */
static json_t *
locations(const struct sarif *sc, const struct finding *f)
{
	json_t	*loc, *x, *pl;

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
		return json_pack("[o]", loc);
	json_decref(loc);
	return NULL;
}

/* A result's properties: organization, evidence path, reasons, fix. */
static json_t *
result_properties(const struct finding *f)
{
	json_t	*x, *r;
	size_t	 i;

	x = json_object();
	if (f->org != NULL)
		json_object_set_new(x, "organization", json_text(f->org));
	if (f->path != NULL)
		json_object_set_new(x, "evidencePath", json_text(f->path));
	if (f->nreasons > 0) {
		r = json_array();
		for (i = 0; i < f->nreasons; i++)
			json_array_append_new(r, json_text(f->reasons[i]));
		json_object_set_new(x, "reasons", r);
	}
	if (f->fix != NULL) {
		json_object_set_new(x, "fix", json_text(f->fix));
		json_object_set_new(x, "manual", json_boolean(f->manual));
	}
	if (f->resolved_by != NULL)
		json_object_set_new(x, "resolvedBy", json_pack("{soso}",
		    "ruleId", json_text(f->resolved_by->rule->id),
		    "fingerprint", json_text(f->resolved_by->fingerprint)));
	if (json_object_size(x) > 0)
		return x;
	json_decref(x);
	return NULL;
}

static json_t *
result_json(const struct sarif *sc, const struct finding *f, int baseline)
{
	json_t	*o, *x, *pl;
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
	if ((x = locations(sc, f)) != NULL)
		json_object_set_new(o, "locations", x);
	if (f->change.file != NULL && (pl = physical_location(sc,
	    f->change.file, f->change.line)) != NULL) {
		x = json_object();
		json_object_set_new(x, "id", json_integer(1));
		json_object_set_new(x, "physicalLocation", pl);
		json_object_set_new(x, "message", text_obj(f->change_cmd != NULL ?
		    f->change_cmd : "--change"));
		json_object_set_new(o, "relatedLocations", json_pack("[o]", x));
	}
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
	if (sc->state != NULL)
		json_object_set_new(o, "baselineState",
		    json_text(sc->state(f, sc->state_arg)));
	else if (baseline)
		json_object_set_new(o, "baselineState",
		    json_text(f->baselined ? "unchanged" : "new"));
	if ((x = result_properties(f)) != NULL)
		json_object_set_new(o, "properties", x);
	return o;
}

/*
 * Which component each rule is in (the driver for the built-in ones, an
 * extension per rule pack, in the rule set's order) and its index there.
 */
static void
components(struct sarif *sc)
{
	const struct lint_rule	*r;
	size_t			 i, k, nd = 0, *ne = NULL;

	sc->comp = xcalloc(sc->rules->n + 1, sizeof(*sc->comp));
	sc->index = xcalloc(sc->rules->n + 1, sizeof(*sc->index));
	for (i = 0; i < sc->rules->n; i++) {
		r = sc->rules->v[i];
		if (r->source == NULL) {
			sc->index[i] = nd++;
			continue;
		}
		for (k = 0; k < sc->next && sc->ext[k] != r->source; k++)
			continue;
		if (k == sc->next) {
			sc->ext = xreallocarray(sc->ext, k + 1,
			    sizeof(*sc->ext));
			ne = xreallocarray(ne, k + 1, sizeof(*ne));
			sc->ext[k] = r->source;
			ne[k] = 0;
			sc->next++;
		}
		sc->comp[i] = k + 1;
		sc->index[i] = ne[k]++;
	}
	free(ne);
}

/* tool: the driver with its rules, and an extension per rule pack. */
static json_t *
tool_json(const struct sarif *sc, json_t *driver)
{
	json_t	*drules, *exts, *e, *erules;
	size_t	 i, k;

	drules = json_array();
	for (i = 0; i < sc->rules->n; i++)
		if (sc->comp[i] == 0)
			json_array_append_new(drules,
			    rule_json(sc, sc->rules->v[i]));
	json_object_set_new(driver, "rules", drules);
	if (sc->next == 0)
		return json_pack("{so}", "driver", driver);
	exts = json_array();
	for (k = 0; k < sc->next; k++) {
		e = json_object();
		json_object_set_new(e, "name", json_text(sc->ext[k]->name));
		json_object_set_new(e, "version",
		    json_text(sc->ext[k]->version));
		if (sc->ext[k]->uri != NULL)
			json_object_set_new(e, "informationUri",
			    json_text(sc->ext[k]->uri));
		erules = json_array();
		for (i = 0; i < sc->rules->n; i++)
			if (sc->comp[i] == k + 1)
				json_array_append_new(erules,
				    rule_json(sc, sc->rules->v[i]));
		json_object_set_new(e, "rules", erules);
		json_array_append_new(exts, e);
	}
	return json_pack("{soso}", "driver", driver, "extensions", exts);
}

/* A notification that results were left out, and why. */
static json_t *
truncation_note(size_t left, size_t total, const char *why)
{
	json_t	*n;
	char	*msg;

	msg = xasprintf("%zu of %zu results left out: %s; the most severe "
	    "were kept", left, total, why);
	n = json_object();
	json_object_set_new(n, "level", json_text("warning"));
	json_object_set_new(n, "message", text_obj(msg));
	json_object_set_new(n, "descriptor", json_pack("{ss}", "id",
	    "hybridlint/results-truncated"));
	free(msg);
	return n;
}

static json_t *
invocation_json(const struct sarif *sc, const struct diags *d,
    json_t *notes)
{
	const struct diag	*g;
	json_t			*inv, *arr, *n, *pl;
	size_t			 i;

	inv = json_object();
	json_object_set_new(inv, "executionSuccessful",
	    json_boolean(d == NULL || d->nerrors == 0));
	arr = json_array();
	for (i = 0; d != NULL && i < d->n; i++) {
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
	if (notes != NULL)
		json_array_extend(arr, notes);
	if (json_array_size(arr) > 0)
		json_object_set_new(inv, "toolExecutionNotifications", arr);
	else
		json_decref(arr);
	return inv;
}

/* The size of s gzipped (deflate at the default level). */
static size_t
gzipped_size(const char *s, size_t len)
{
	unsigned char	 out[65536];
	z_stream	 z;
	size_t		 total = 0;
	int		 rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return len;
	z.next_in = (unsigned char *)(uintptr_t)s;
	z.avail_in = (uInt)len;
	do {
		z.next_out = out;
		z.avail_out = sizeof(out);
		rc = deflate(&z, Z_FINISH);
		total += sizeof(out) - z.avail_out;
	} while (rc == Z_OK);
	deflateEnd(&z);
	return rc == Z_STREAM_END ? total : len;
}

/* Findings by severity, worst first, then in their order. */
struct ranked {
	const struct finding	*f;
	size_t			 i;
};

static int
by_rank(const void *pa, const void *pb)
{
	const struct ranked	*a = pa, *b = pb;

	if (a->f->severity != b->f->severity)
		return a->f->severity > b->f->severity ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* What result_item needs. */
struct results {
	const struct sarif	*sc;
	const struct findings	*fs;
	const unsigned char	*kept;
	int			 baseline;
};

/* Result i, for json_render_streamed; NULL when it is not kept. */
static json_t *
result_item(void *arg, size_t i)
{
	const struct results	*r = arg;

	return r->kept[i] ? result_json(r->sc, r->fs->v[i], r->baseline) :
	    NULL;
}

/* The whole document with the 'keep' most severe results. */
static char *
render(const struct sarif *sc, const struct findings *fs,
    const struct format_ctx *fc, const unsigned char *kept, size_t nkept,
    const char *why)
{
	json_t		*root, *run, *driver, *x, *notes = NULL;
	struct results	 ri;
	size_t		 i;
	int		 baseline = fc->baseline != NULL;
	char		*out, *uri;
	struct buf	 b = { 0 };

	driver = json_object();
	json_object_set_new(driver, "name", json_text("hybridlint"));
	json_object_set_new(driver, "version", json_text(fc->version));
	json_object_set_new(driver, "informationUri", json_text(PACKAGE_URL));
	run = json_object();
	json_object_set_new(run, "tool", tool_json(sc, driver));
	if (nkept < fs->n) {
		notes = json_array();
		json_array_append_new(notes, truncation_note(fs->n - nkept,
		    fs->n, why));
	}
	json_object_set_new(run, "invocations",
	    json_pack("[o]", invocation_json(sc, fc->diags, notes)));
	json_decref(notes);
	buf_adds(&b, "file://");
	uri_escape(&b, sc->root);
	if (b.p[b.len - 1] != '/')
		buf_addc(&b, '/');
	uri = buf_steal(&b);
	json_object_set_new(run, "originalUriBaseIds", json_pack("{s{ss}}",
	    SRCROOT, "uri", uri));
	free(uri);
	if (fc->config != NULL || fc->sarif_props != NULL) {
		x = fc->sarif_props != NULL ? json_deep_copy(fc->sarif_props) :
		    json_object();
		if (fc->config != NULL)
			json_object_set_new(x, "configuration",
			    json_text(fc->config));
		json_object_set_new(run, "properties", x);
	}
	for (i = 0; i < fs->n && !baseline; i++)
		if (fs->v[i]->baselined)
			baseline = 1;
	json_object_set_new(run, "results", json_array());
	root = json_object();
	json_object_set_new(root, "$schema", json_text(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_text("2.1.0"));
	json_object_set_new(root, "runs", json_pack("[o]", run));
	ri.sc = sc;
	ri.fs = fs;
	ri.kept = kept;
	ri.baseline = baseline;
	out = json_render_streamed(root, "results", fs->n, result_item, &ri);
	json_decref(root);
	return out;
}

char *
format_sarif(const struct findings *fs, const struct format_ctx *fc)
{
	struct sarif	 sc;
	struct ranked	*rank;
	unsigned char	*kept;
	const char	*why = NULL;
	size_t		 i, keep, len, max;
	char		*out;

	memset(&sc, 0, sizeof(sc));
	sc.rules = fs->rules;
	sc.docs_url = fc->docs_url;
	sc.state = fc->sarif_state;
	sc.state_arg = fc->sarif_state_arg;
	sc.root = fc->srcroot != NULL ? xstrdup(fc->srcroot) :
	    srcroot_find(NULL, NULL);
	if (sc.root == NULL)
		sc.root = xstrdup("/");
	components(&sc);
	rank = xcalloc(fs->n + 1, sizeof(*rank));
	for (i = 0; i < fs->n; i++) {
		rank[i].f = fs->v[i];
		rank[i].i = i;
	}
	if (fs->n > 1)
		qsort(rank, fs->n, sizeof(*rank), by_rank);
	kept = xcalloc(fs->n + 1, 1);
	keep = fs->n;
	max = fc->sarif_max_bytes > 0 ? fc->sarif_max_bytes : SARIF_MAX_BYTES;
	if (keep > SARIF_MAX_RESULTS) {
		keep = SARIF_MAX_RESULTS;
		why = "GitHub code scanning accepts at most 25000 results "
		    "per run";
	}
	for (;;) {
		memset(kept, 0, fs->n + 1);
		for (i = 0; i < keep; i++)
			kept[rank[i].i] = 1;
		out = render(&sc, fs, fc, kept, keep, why);
		/* Only a document larger than the limit can gzip beyond it. */
		if ((len = strlen(out)) <= max || keep == 0 ||
		    (len = gzipped_size(out, len)) <= max)
			break;
		free(out);
		/* Shrink in proportion, and by one at least. */
		i = (size_t)((double)keep * max / len * 0.95);
		keep = i < keep ? i : keep - 1;
		why = "GitHub code scanning accepts files of at most 10 MB "
		    "gzipped";
	}
	free(kept);
	free(rank);
	free(sc.root);
	free(sc.comp);
	free(sc.index);
	free(sc.ext);
	return out;
}
