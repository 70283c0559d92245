/*
 * format_compare.c: a comparison of two runs as text, JSON, Markdown and
 * SARIF (format_compare.h).
 *
 * Values from the inputs are written as they are in the other formats:
 * escaped for the terminal (print_safe), JSON strings, Markdown text
 * that stays text (md_escape).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "format_compare.h"
#include "format_text.h"
#include "jsonout.h"
#include "mdout.h"
#include "strmap.h"
#include "xalloc.h"

static const char *const action_names[] = {
	"changed", "added", "removed"
};

/* A value for people: "(unknown)", "(none)" or the value. */
static const char *
shown(const char *v)
{
	return v == NULL ? "(unknown)" : *v == '\0' ? "(none)" : v;
}

/* A view of some findings of a store (free only the array). */
static struct findings
view(const struct findings *store, const struct finding *const *v, size_t n)
{
	struct findings	f;

	memset(&f, 0, sizeof(f));
	f.rules = store->rules;
	f.arena = store->arena;
	f.v = (struct finding **)(uintptr_t)v;
	f.n = n;
	return f;
}

static void
counts(const struct finding *const *v, size_t n, size_t sev[3])
{
	size_t	i;

	sev[0] = sev[1] = sev[2] = 0;
	for (i = 0; i < n; i++)
		if (!v[i]->waived)
			sev[v[i]->severity]++;
}

/* ---- Text ------------------------------------------------------------- */

static void
text_change(FILE *fp, const struct cmp_change *ch)
{
	fputs("  ", fp);
	if (ch->loc.file != NULL) {
		print_safe(fp, ch->loc.file);
		fprintf(fp, ":%u: ", ch->loc.line);
	}
	if (ch->cmd != NULL)
		fprintf(fp, "%s: ", ch->cmd);
	fprintf(fp, "%s%s '", ch->action == CMP_ADDED ? "new " :
	    ch->action == CMP_REMOVED ? "removed " : "", ch->kind);
	print_safe(fp, ch->object != NULL ? ch->object : "?");
	fputs("' (", fp);
	print_safe(fp, ch->org != NULL ? ch->org : "-");
	fprintf(fp, ", %s)", ch->side);
	if (ch->action == CMP_CHANGED) {
		fprintf(fp, " %s: ", ch->prop);
		print_safe(fp, shown(ch->before));
		fputs(" -> ", fp);
		print_safe(fp, shown(ch->after));
	}
	fputc('\n', fp);
}

static void
text_flow(FILE *fp, const struct cmp_flow *cf)
{
	fputs("  ", fp);
	print_safe(fp, cf->path);
	fputs("\n    before: ", fp);
	print_safe(fp, cf->before != NULL ? cf->before : "(no such flow)");
	fputs(cf->before_foreign ? " [FOREIGN]" : "", fp);
	fputs("\n    after:  ", fp);
	print_safe(fp, cf->after != NULL ? cf->after : "(no such flow)");
	fputs(cf->after_foreign ? " [FOREIGN]" : "", fp);
	fputc('\n', fp);
}

static void
text_findings(FILE *fp, const struct compare_doc *d, const char *title,
    const struct finding *const *v, size_t n)
{
	struct findings	f = view(d->after, v, n);

	fprintf(fp, "%s (%zu):\n", title, n);
	format_text(&f, fp, d->fc->color);
}

/* Resolved findings, one line each. */
static void
text_resolved(FILE *fp, const struct finding *const *v, size_t n)
{
	size_t	i;

	fprintf(fp, "Findings resolved (%zu):\n", n);
	for (i = 0; i < n; i++) {
		fprintf(fp, "  %s %s: ", v[i]->rule->id,
		    severity_name(v[i]->severity));
		print_safe(fp, v[i]->kind != NULL ? v[i]->kind : "");
		fputs(" '", fp);
		print_safe(fp, v[i]->object != NULL ? v[i]->object : "");
		fputs("' (", fp);
		print_safe(fp, v[i]->org != NULL ? v[i]->org : "-");
		fputs("): ", fp);
		print_safe(fp, v[i]->message);
		fputc('\n', fp);
	}
}

static void
text_summary(FILE *fp, const struct comparison *c)
{
	size_t	sev[3];

	counts(c->introduced, c->nintroduced, sev);
	fprintf(fp, "%zu change%s; %zu finding%s introduced (%zu error%s, "
	    "%zu warning%s, %zu note%s), %zu resolved, %zu persist; %zu "
	    "attribution change%s\n", c->nchanges, c->nchanges == 1 ? "" : "s",
	    c->nintroduced, c->nintroduced == 1 ? "" : "s", sev[SEV_ERROR],
	    sev[SEV_ERROR] == 1 ? "" : "s", sev[SEV_WARNING],
	    sev[SEV_WARNING] == 1 ? "" : "s", sev[SEV_NOTE],
	    sev[SEV_NOTE] == 1 ? "" : "s", c->nresolved, c->npersist,
	    c->nflows, c->nflows == 1 ? "" : "s");
}

char *
compare_text(const struct compare_doc *d)
{
	const struct comparison	*c = d->cmp;
	char			*out = NULL;
	size_t			 len = 0, i;
	FILE			*fp;

	if ((fp = open_memstream(&out, &len)) == NULL)
		return NULL;
	fprintf(fp, "%s (%zu):\n", strcmp(d->command, "whatif") == 0 ?
	    "Changes applied" : "Changes", c->nchanges);
	for (i = 0; i < c->nchanges; i++)
		text_change(fp, &c->changes[i]);
	text_findings(fp, d, "Findings introduced", c->introduced,
	    c->nintroduced);
	text_resolved(fp, c->resolved, c->nresolved);
	fprintf(fp, "Findings that persist: %zu\n", c->npersist);
	fprintf(fp, "Attribution changes (%zu):\n", c->nflows);
	for (i = 0; i < c->nflows; i++)
		text_flow(fp, &c->flows[i]);
	text_summary(fp, c);
	if (fclose(fp) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* ---- JSON ------------------------------------------------------------- */

static json_t *
change_json(const struct cmp_change *ch)
{
	json_t	*o, *l;

	o = json_object();
	json_object_set_new(o, "action", json_text(action_names[ch->action]));
	json_object_set_new(o, "organization", json_text(ch->org));
	json_object_set_new(o, "side", json_text(ch->side));
	json_object_set_new(o, "kind", json_text(ch->kind));
	json_object_set_new(o, "object", json_text(ch->object));
	json_object_set_new(o, "property", json_text(ch->prop));
	json_object_set_new(o, "before", json_text(ch->before));
	json_object_set_new(o, "after", json_text(ch->after));
	l = json_object();
	json_object_set_new(l, "file", json_text(ch->loc.file));
	json_object_set_new(l, "line", json_integer(ch->loc.line));
	if (ch->loc.col > 0)
		json_object_set_new(l, "col", json_integer(ch->loc.col));
	json_object_set_new(o, "location", l);
	json_object_set_new(o, "command", json_text(ch->cmd));
	return o;
}

static json_t *
flow_json(const struct cmp_flow *cf)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "organization", json_text(cf->org));
	json_object_set_new(o, "path", json_text(cf->path));
	json_object_set_new(o, "recipient", json_text(cf->rcpt));
	json_object_set_new(o, "before", json_text(cf->before));
	json_object_set_new(o, "after", json_text(cf->after));
	json_object_set_new(o, "before_foreign",
	    json_boolean(cf->before_foreign));
	json_object_set_new(o, "after_foreign",
	    json_boolean(cf->after_foreign));
	return o;
}

static json_t *
findings_json(const struct finding *const *v, size_t n)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, format_json_finding(v[i]));
	return a;
}

static json_t *
summary_json(const struct comparison *c)
{
	json_t	*o;
	size_t	 sev[3];

	counts(c->introduced, c->nintroduced, sev);
	o = json_object();
	json_object_set_new(o, "changes", json_integer((json_int_t)
	    c->nchanges));
	json_object_set_new(o, "introduced", json_integer((json_int_t)
	    c->nintroduced));
	json_object_set_new(o, "introduced_error", json_integer((json_int_t)
	    sev[SEV_ERROR]));
	json_object_set_new(o, "introduced_warning", json_integer((json_int_t)
	    sev[SEV_WARNING]));
	json_object_set_new(o, "introduced_note", json_integer((json_int_t)
	    sev[SEV_NOTE]));
	json_object_set_new(o, "resolved", json_integer((json_int_t)
	    c->nresolved));
	json_object_set_new(o, "persist", json_integer((json_int_t)
	    c->npersist));
	json_object_set_new(o, "attribution_changes", json_integer((json_int_t)
	    c->nflows));
	return o;
}

char *
compare_json(const struct compare_doc *d)
{
	const struct comparison	*c = d->cmp;
	json_t			*root, *a;
	size_t			 i;
	char			*out;

	root = json_object();
	json_object_set_new(root, "schema",
	    json_text("hybridlint-comparison/1"));
	json_object_set_new(root, "tool", json_pack("{ssss}", "name",
	    "hybridlint", "version", d->fc->version));
	json_object_set_new(root, "as_of", json_text(d->fc->asof));
	json_object_set_new(root, "command", json_text(d->command));
	json_object_set_new(root, "summary", summary_json(c));
	a = json_array();
	for (i = 0; i < c->nchanges; i++)
		json_array_append_new(a, change_json(&c->changes[i]));
	json_object_set_new(root, "changes", a);
	json_object_set_new(root, "introduced", findings_json(c->introduced,
	    c->nintroduced));
	json_object_set_new(root, "resolved", findings_json(c->resolved,
	    c->nresolved));
	a = json_array();
	for (i = 0; i < c->nflows; i++)
		json_array_append_new(a, flow_json(&c->flows[i]));
	json_object_set_new(root, "attribution", a);
	json_object_set_new(root, "diagnostics", diags_json(d->fc->diags));
	out = json_render(root);
	json_decref(root);
	return out;
}

/* ---- Markdown --------------------------------------------------------- */

static void
md_cell(struct buf *b, const char *s)
{
	buf_adds(b, " ");
	md_escape(b, s, "<br>");
	buf_adds(b, " |");
}

static void
md_changes(struct buf *b, const struct comparison *c)
{
	const struct cmp_change	*ch;
	size_t			 i;

	buf_printf(b, "\n### Changes (%zu)\n\n", c->nchanges);
	if (c->nchanges == 0) {
		buf_adds(b, "None.\n");
		return;
	}
	buf_adds(b, "| Object | Organization | Property | Before | After | "
	    "Where |\n|---|---|---|---|---|---|\n|");
	for (i = 0; i < c->nchanges; i++) {
		ch = &c->changes[i];
		md_cell(b, arena_printf(c->arena, "%s %s '%s'",
		    action_names[ch->action], ch->kind, ch->object != NULL ?
		    ch->object : "?"));
		md_cell(b, ch->org != NULL ? ch->org : "-");
		md_cell(b, ch->prop != NULL ? ch->prop : "");
		md_cell(b, ch->action == CMP_CHANGED ? shown(ch->before) : "");
		md_cell(b, ch->action == CMP_CHANGED ? shown(ch->after) : "");
		md_cell(b, arena_printf(c->arena, "%s:%u%s%s", ch->loc.file !=
		    NULL ? ch->loc.file : "", ch->loc.line, ch->cmd != NULL ?
		    " " : "", ch->cmd != NULL ? ch->cmd : ""));
		buf_adds(b, i + 1 < c->nchanges ? "\n|" : "\n");
	}
}

static void
md_findings(struct buf *b, const char *title, const struct finding *const *v,
    size_t n)
{
	size_t	i;

	buf_printf(b, "\n### %s (%zu)\n\n", title, n);
	if (n == 0) {
		buf_adds(b, "None.\n");
		return;
	}
	buf_adds(b, "| Severity | Rule | Message |\n|---|---|---|\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "| %s | %s |", severity_name(v[i]->severity),
		    v[i]->rule->id);
		md_cell(b, v[i]->message != NULL ? v[i]->message : "");
		buf_adds(b, "\n");
	}
}

static void
md_flows(struct buf *b, const struct comparison *c)
{
	const struct cmp_flow	*cf;
	size_t			 i;

	buf_printf(b, "\n### Attribution changes (%zu)\n\n", c->nflows);
	if (c->nflows == 0) {
		buf_adds(b, "None: every flow lands where it did.\n");
		return;
	}
	buf_adds(b, "| Flow | Before | After |\n|---|---|---|\n|");
	for (i = 0; i < c->nflows; i++) {
		cf = &c->flows[i];
		md_cell(b, cf->path);
		md_cell(b, arena_printf(c->arena, "%s%s", cf->before != NULL ?
		    cf->before : "(no such flow)", cf->before_foreign ?
		    " [FOREIGN]" : ""));
		md_cell(b, arena_printf(c->arena, "%s%s", cf->after != NULL ?
		    cf->after : "(no such flow)", cf->after_foreign ?
		    " [FOREIGN]" : ""));
		buf_adds(b, i + 1 < c->nflows ? "\n|" : "\n");
	}
}

char *
compare_markdown(const struct compare_doc *d)
{
	const struct comparison	*c = d->cmp;
	struct buf		 b = { 0 };
	size_t			 sev[3];

	counts(c->introduced, c->nintroduced, sev);
	buf_printf(&b, "## hybridlint %s\n\n%zu change%s; %zu finding%s "
	    "introduced (%zu error%s, %zu warning%s, %zu note%s), %zu "
	    "resolved, %zu persist; %zu attribution change%s.\n", d->command,
	    c->nchanges, c->nchanges == 1 ? "" : "s", c->nintroduced,
	    c->nintroduced == 1 ? "" : "s", sev[SEV_ERROR],
	    sev[SEV_ERROR] == 1 ? "" : "s", sev[SEV_WARNING],
	    sev[SEV_WARNING] == 1 ? "" : "s", sev[SEV_NOTE],
	    sev[SEV_NOTE] == 1 ? "" : "s", c->nresolved, c->npersist,
	    c->nflows, c->nflows == 1 ? "" : "s");
	md_changes(&b, c);
	md_findings(&b, "Findings introduced", c->introduced, c->nintroduced);
	md_findings(&b, "Findings resolved", c->resolved, c->nresolved);
	md_flows(&b, c);
	return buf_steal(&b);
}

/* ---- SARIF ------------------------------------------------------------ */

/* The findings introduced and resolved, by address, for SARIF's states. */
struct states {
	struct strmap	*introduced;
	struct strmap	*resolved;
};

static const char *
ptr(char *buf, size_t len, const void *p)
{
	snprintf(buf, len, "%p", p);
	return buf;
}

static const char *
state(const struct finding *f, const void *arg)
{
	const struct states	*st = arg;
	char			 k[32];

	if (strmap_get(st->introduced, ptr(k, sizeof(k), f), NULL) != NULL)
		return "new";
	if (strmap_get(st->resolved, ptr(k, sizeof(k), f), NULL) != NULL)
		return "absent";
	return "unchanged";
}

static void
index_findings(struct strmap *m, const struct finding *const *v, size_t n)
{
	char	k[32];
	size_t	i;

	for (i = 0; i < n; i++)
		strmap_add(m, ptr(k, sizeof(k), v[i]), (void *)(uintptr_t)v[i]);
}

char *
compare_sarif(const struct compare_doc *d)
{
	const struct comparison	*c = d->cmp;
	struct format_ctx	 fc = *d->fc;
	struct findings		 all;
	struct states		 st;
	json_t			*props, *a;
	char			*out;
	size_t			 i;

	all = view(d->after, NULL, 0);
	all.v = xcalloc(d->after->n + c->nresolved + 1, sizeof(*all.v));
	for (i = 0; i < d->after->n; i++)
		all.v[all.n++] = d->after->v[i];
	for (i = 0; i < c->nresolved; i++)
		all.v[all.n++] = (struct finding *)(uintptr_t)c->resolved[i];
	props = json_object();
	a = json_array();
	for (i = 0; i < c->nchanges; i++)
		json_array_append_new(a, change_json(&c->changes[i]));
	json_object_set_new(props, "changes", a);
	a = json_array();
	for (i = 0; i < c->nflows; i++)
		json_array_append_new(a, flow_json(&c->flows[i]));
	json_object_set_new(props, "attributionChanges", a);
	json_object_set_new(props, "comparison", json_text(d->command));
	st.introduced = strmap_new();
	st.resolved = strmap_new();
	index_findings(st.introduced, c->introduced, c->nintroduced);
	index_findings(st.resolved, c->resolved, c->nresolved);
	fc.sarif_state = state;
	fc.sarif_state_arg = &st;
	fc.sarif_props = props;
	out = format_sarif(&all, &fc);
	strmap_free(st.introduced);
	strmap_free(st.resolved);
	json_decref(props);
	free(all.v);
	return out;
}
