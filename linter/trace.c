/*
 * trace.c: the hops of traced flows as text or JSON.
 */
#include <stdlib.h>

#include "jsonout.h"
#include "trace.h"
#include "xalloc.h"

static const char *
step_name(enum attr_step s)
{
	switch (s) {
	case ATTR_CERT:
		return "certificate";
	case ATTR_IP:
		return "ip";
	case ATTR_RCPT:
		return "recipient";
	default:
		return "none";
	}
}

/* How the route ends, one word. */
static const char *
outcome(const struct flow *f)
{
	if (f->queued)
		return "queued";
	if (!f->reaches_exo)
		return "elsewhere";
	if (f->rejected)
		return "rejected";
	return f->foreign ? "foreign" : "attributed";
}

/* A hop as trace shows it: a sentence and the record it rests on. */
struct hop {
	const char		*text;
	const struct obj	*obj;
};

/*
 * The flow's decisions narrated, one hop each; why a connector was picked
 * goes on the line of the connector.  Malloc'd, texts in 'a'.
 */
static struct hop *
hops(struct arena *a, const struct flow *f, size_t *n)
{
	const struct decision	**d;
	struct hop		 *h;
	size_t			  i, nd;

	d = flow_decisions(f, &nd);
	h = xcalloc(nd + 1, sizeof(*h));
	*n = 0;
	for (i = 0; i < nd; i++) {
		if (d[i]->kind == DEC_PICKED && *n > 0) {
			h[*n - 1].text = arena_printf(a, "%s; %s",
			    h[*n - 1].text, decision_text(a, f, d[i]));
			continue;
		}
		h[*n].text = decision_text(a, f, d[i]);
		h[*n].obj = d[i]->obj;
		(*n)++;
	}
	free(d);
	return h;
}

void
trace_text(const struct flow *const *f, size_t n, FILE *fp)
{
	struct arena	*a = arena_new();
	struct hop	*h;
	size_t		 i, j, nh;

	for (i = 0; i < n; i++) {
		if (n > 1)
			fprintf(fp, "%sroute %zu of %zu:\n", i ? "\n" : "",
			    i + 1, n);
		h = hops(a, f[i], &nh);
		for (j = 0; j < nh; j++) {
			fprintf(fp, "  %zu. %s\n", j + 1, h[j].text);
			if (h[j].obj != NULL && h[j].obj->loc.file != NULL)
				fprintf(fp, "     (%s:%u)\n",
				    h[j].obj->loc.file, h[j].obj->loc.line);
		}
		free(h);
		if (f[i]->queued)
			fprintf(fp, "  result: QUEUED: %s; no tenant "
			    "attributes it\n", f[i]->why_not);
		else if (!f[i]->reaches_exo)
			fprintf(fp, "  result: does not reach Exchange Online "
			    "(%s)\n", f[i]->why_not ? f[i]->why_not : "?");
		else
			fprintf(fp, "  result: %s%s%s\n", f[i]->rejected ?
			    "REJECTED: " : "", flow_attribution(a, f[i]),
			    f[i]->foreign ? " -- FOREIGN: the sender's mail is "
			    "attributed to another organization's tenant" : "");
	}
	arena_free(a);
}

char *
trace_json(const struct flow *const *f, size_t n)
{
	struct arena	*a = arena_new();
	struct hop	*hv;
	json_t		*root, *arr, *o, *hl, *h, *m;
	size_t		 i, j, nh;
	char		*out;

	root = json_object();
	json_object_set_new(root, "schema", json_text("hybridlint-trace/1"));
	arr = json_array();
	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(o, "organization", json_text(
		    f[i]->org != NULL ? f[i]->org->id : ""));
		json_object_set_new(o, "send_connector", f[i]->sc != NULL ?
		    json_text(f[i]->sc->o.name) : json_null());
		json_object_set_new(o, "source", f[i]->source != NULL ?
		    json_text(f[i]->source->name) : json_null());
		json_object_set_new(o, "presenter", f[i]->presenter != NULL ?
		    json_text(f[i]->presenter->name) : json_null());
		json_object_set_new(o, "certificate", f[i]->sel.cert != NULL ?
		    json_text(f[i]->sel.cert->subject) : json_null());
		json_object_set_new(o, "mail_from", json_text(f[i]->mail_from));
		json_object_set_new(o, "rcpt_to", f[i]->rcpt != NULL ?
		    json_text(f[i]->rcpt) : json_null());
		json_object_set_new(o, "reaches_exchange_online",
		    json_boolean(f[i]->reaches_exo));
		json_object_set_new(o, "outcome", json_text(outcome(f[i])));
		json_object_set_new(o, "step",
		    json_text(step_name(f[i]->step)));
		json_object_set_new(o, "direction", json_text(
		    !f[i]->reaches_exo ? "none" : f[i]->originating ?
		    "Originating" : "Incoming"));
		json_object_set_new(o, "tenant", f[i]->tenant != NULL ?
		    json_text(f[i]->tenant->name) : json_null());
		json_object_set_new(o, "connector", f[i]->ic != NULL ?
		    json_text(f[i]->ic->o.name) : json_null());
		json_object_set_new(o, "foreign", json_boolean(f[i]->foreign));
		m = json_array();
		for (j = 0; j < f[i]->nmatches; j++) {
			h = json_object();
			json_object_set_new(h, "connector",
			    json_text(f[i]->matches[j].ic->o.name));
			json_object_set_new(h, "tenant", json_text(
			    f[i]->matches[j].tenant != NULL ?
			    f[i]->matches[j].tenant->name : ""));
			json_object_set_new(h, "by", json_text(
			    f[i]->matches[j].by_ip ? "ip" : "certificate"));
			json_object_set_new(h, "value",
			    json_text(f[i]->matches[j].name));
			json_array_append_new(m, h);
		}
		json_object_set_new(o, "matches", m);
		m = json_array();
		for (j = 0; j < f[i]->njournal; j++)
			json_array_append_new(m,
			    json_text(f[i]->journal[j]->o.name));
		json_object_set_new(o, "journal_rules", m);
		hl = json_array();
		hv = hops(a, f[i], &nh);
		for (j = 0; j < nh; j++) {
			h = json_object();
			json_object_set_new(h, "text", json_text(hv[j].text));
			if (hv[j].obj != NULL) {
				json_object_set_new(h, "file",
				    json_text(hv[j].obj->loc.file));
				json_object_set_new(h, "line",
				    json_integer(hv[j].obj->loc.line));
			}
			json_array_append_new(hl, h);
		}
		free(hv);
		json_object_set_new(o, "hops", hl);
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "routes", arr);
	out = json_render(root);
	json_decref(root);
	arena_free(a);
	return out;
}
