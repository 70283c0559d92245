/*
 * diagram.c: nodes and edges collected once, then written as DOT or
 * Mermaid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "xalloc.h"

enum nshape {
	SH_HOST,
	SH_GATEWAY,
	SH_EXO,
	SH_CERT,
	SH_SEND,
	SH_INBOUND,
	SH_JOURNAL
};

struct dnode {
	const void	*key;		/* the record or host it stands for */
	char		*label;
	enum nshape	 shape;
	int		 cluster;	/* org index, -1 none */
	int		 exo;		/* in the org's tenant sub-cluster */
};

struct dedge {
	size_t		 from, to;
	char		*label;
	int		 red;
	int		 dotted;
};

struct dg {
	struct dnode	*n;
	size_t		 nn;
	struct dedge	*e;
	size_t		 ne;
};

static size_t
node(struct dg *g, const void *key, enum nshape shape, int cluster, int exo,
    const char *label)
{
	size_t	i;

	for (i = 0; i < g->nn; i++)
		if (g->n[i].key == key)
			return i;
	g->n = xreallocarray(g->n, g->nn + 1, sizeof(*g->n));
	g->n[g->nn].key = key;
	g->n[g->nn].label = xstrdup(label);
	g->n[g->nn].shape = shape;
	g->n[g->nn].cluster = cluster;
	g->n[g->nn].exo = exo;
	return g->nn++;
}

static void
edge(struct dg *g, size_t from, size_t to, const char *label, int red,
    int dotted)
{
	size_t	i;

	for (i = 0; i < g->ne; i++)
		if (g->e[i].from == from && g->e[i].to == to &&
		    strcmp(g->e[i].label, label) == 0) {
			g->e[i].red |= red;
			return;
		}
	g->e = xreallocarray(g->e, g->ne + 1, sizeof(*g->e));
	g->e[g->ne].from = from;
	g->e[g->ne].to = to;
	g->e[g->ne].label = xstrdup(label);
	g->e[g->ne].red = red;
	g->e[g->ne].dotted = dotted;
	g->ne++;
}

static int
org_index(const struct org *o)
{
	return o != NULL ? (int)o->index : -1;
}

static size_t
host_node(struct dg *g, const struct host *h)
{
	char	*l;
	size_t	 i;

	if (h->kind == HOST_GATEWAY)
		l = xasprintf("gateway %s%s%s", h->name,
		    h->gateway->naddrs > 0 ? "\n" : "",
		    h->gateway->naddrs > 0 ? h->gateway->addrs_text[0] : "");
	else if (h->kind == HOST_EXO)
		l = xstrdup("Exchange Online");
	else
		l = xasprintf("%s%s", h->kind == HOST_EDGE ? "Edge " : "",
		    h->name);
	i = node(g, h, h->kind == HOST_GATEWAY ? SH_GATEWAY :
	    h->kind == HOST_EXO ? SH_EXO : SH_HOST,
	    h->kind == HOST_GATEWAY || h->kind == HOST_EXO ? -1 :
	    org_index(h->org), 0, l);
	free(l);
	return i;
}

static void
collect(const struct sim *s, struct dg *g)
{
	const struct topo	*t = s->t;
	const struct flow	*f;
	const struct host	*h;
	size_t			 i, j, hn, cn, sn, in, exo, jn;
	char			*l;

	exo = host_node(g, t->exo);
	for (i = 0; i < t->nhosts; i++) {
		h = t->hosts[i];
		hn = host_node(g, h);
		for (j = 0; j < h->ncerts; j++) {
			l = xasprintf("%s", h->certs[j]->subject != NULL ?
			    h->certs[j]->subject : "certificate");
			cn = node(g, h->certs[j], SH_CERT,
			    h->kind == HOST_GATEWAY ? -1 : org_index(h->org),
			    0, l);
			free(l);
			edge(g, hn, cn, "holds", 0, 1);
		}
	}
	for (i = 0; i < s->nflows; i++) {
		f = s->flows[i];
		if (!f->reaches_exo || f->presenter == NULL)
			continue;
		l = xasprintf("SendConnector\n%s", f->sc->o.name);
		sn = node(g, f->sc, SH_SEND, org_index(f->org), 0, l);
		free(l);
		hn = host_node(g, f->presenter);
		edge(g, sn, hn, f->presenter->kind == HOST_GATEWAY ?
		    "smart host" : "sends", f->foreign, 0);
		if (f->sel.cert != NULL) {
			cn = node(g, f->sel.cert, SH_CERT, -1, 0,
			    f->sel.cert->subject);
			edge(g, hn, cn, "presents", f->foreign, 0);
		} else
			cn = hn;
		if (f->ic != NULL && f->originating) {
			l = xasprintf("InboundConnector\n%s\nTlsSenderCertificateName %s",
			    f->ic->o.name, f->ic->tls_sender_cert_name ?
			    f->ic->tls_sender_cert_name : "(none)");
			in = node(g, f->ic, SH_INBOUND,
			    org_index(f->ic->o.org), 1, l);
			free(l);
			l = xasprintf("%s%s", f->foreign ? "FOREIGN: " : "",
			    f->step == ATTR_IP ? "by IP" : "matches");
			edge(g, cn, in, l, f->foreign, 0);
			free(l);
			for (j = 0; j < f->njournal; j++) {
				l = xasprintf("JournalRule\n%s",
				    f->journal[j]->o.name);
				jn = node(g, f->journal[j], SH_JOURNAL,
				    org_index(f->journal[j]->o.org), 1, l);
				free(l);
				edge(g, in, jn, "captured by", f->foreign, 0);
			}
		} else
			edge(g, cn, exo, "Incoming", 0, 0);
	}
}

static void
dot_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(b, '\\');
		if (*s == '\n')
			buf_adds(b, "\\n");
		else
			buf_addc(b, *s);
	}
}

static const char *
dot_shape(enum nshape s)
{
	switch (s) {
	case SH_GATEWAY:
		return "shape=box3d";
	case SH_EXO:
		return "shape=doubleoctagon, style=filled, fillcolor=\"#e8f0fe\"";
	case SH_CERT:
		return "shape=note, fontsize=10";
	case SH_SEND:
		return "shape=cds";
	case SH_INBOUND:
		return "shape=component";
	case SH_JOURNAL:
		return "shape=folder";
	default:
		return "shape=box";
	}
}

static void
dot_nodes(struct buf *b, const struct dg *g, int cluster, int exo,
    const char *indent)
{
	size_t	i;

	for (i = 0; i < g->nn; i++) {
		if (g->n[i].cluster != cluster || g->n[i].exo != exo)
			continue;
		buf_printf(b, "%sn%zu [label=\"", indent, i);
		dot_escape(b, g->n[i].label);
		buf_printf(b, "\", %s];\n", dot_shape(g->n[i].shape));
	}
}

static char *
render_dot(const struct sim *s, const struct dg *g)
{
	const struct model	*m = s->t->m;
	const struct tenant	*tn;
	struct buf		 b = { 0 };
	size_t			 i;

	buf_adds(&b, "digraph hybridlint {\n"
	    "  rankdir=LR;\n"
	    "  node [fontname=\"Helvetica\", fontsize=11];\n"
	    "  edge [fontname=\"Helvetica\", fontsize=9];\n");
	for (i = 0; i < m->norgs; i++) {
		buf_printf(&b, "  subgraph cluster_org%zu {\n    label=\"", i);
		dot_escape(&b, m->orgs[i]->id);
		if (strcmp(m->orgs[i]->name, m->orgs[i]->id) != 0) {
			buf_adds(&b, " (");
			dot_escape(&b, m->orgs[i]->name);
			buf_adds(&b, ")");
		}
		buf_adds(&b, "\";\n    style=rounded;\n");
		dot_nodes(&b, g, (int)i, 0, "    ");
		tn = topo_tenant(s->t, m->orgs[i]);
		if (tn != NULL) {
			buf_printf(&b, "    subgraph cluster_tenant%zu {\n"
			    "      label=\"tenant ", i);
			dot_escape(&b, tn->name);
			buf_adds(&b, "\";\n      style=filled;\n"
			    "      fillcolor=\"#f3f6fb\";\n");
			dot_nodes(&b, g, (int)i, 1, "      ");
			buf_adds(&b, "    }\n");
		}
		buf_adds(&b, "  }\n");
	}
	dot_nodes(&b, g, -1, 0, "  ");
	for (i = 0; i < g->ne; i++) {
		buf_printf(&b, "  n%zu -> n%zu [label=\"", g->e[i].from,
		    g->e[i].to);
		dot_escape(&b, g->e[i].label);
		buf_printf(&b, "\"%s%s];\n", g->e[i].red ?
		    ", color=red, fontcolor=red, penwidth=2" : "",
		    g->e[i].dotted ? ", style=dotted, arrowhead=none" : "");
	}
	buf_adds(&b, "}\n");
	return buf_steal(&b);
}

static void
mm_label(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_adds(b, "#quot;");
		else if (*s == '\n')
			buf_adds(b, "<br/>");
		else if (*s == '<')
			buf_adds(b, "#lt;");
		else if (*s == '>')
			buf_adds(b, "#gt;");
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

static void
mm_nodes(struct buf *b, const struct dg *g, int cluster, int exo,
    const char *indent)
{
	size_t	i;

	for (i = 0; i < g->nn; i++) {
		if (g->n[i].cluster != cluster || g->n[i].exo != exo)
			continue;
		buf_printf(b, "%sn%zu%s", indent, i,
		    g->n[i].shape == SH_CERT ? "[/" :
		    g->n[i].shape == SH_EXO ? "{{" :
		    g->n[i].shape == SH_GATEWAY ? "[[" : "[");
		mm_label(b, g->n[i].label);
		buf_printf(b, "%s\n", g->n[i].shape == SH_CERT ? "/]" :
		    g->n[i].shape == SH_EXO ? "}}" :
		    g->n[i].shape == SH_GATEWAY ? "]]" : "]");
	}
}

static char *
render_mermaid(const struct sim *s, const struct dg *g)
{
	const struct model	*m = s->t->m;
	const struct tenant	*tn;
	struct buf		 b = { 0 };
	size_t			 i;

	buf_adds(&b, "flowchart LR\n");
	for (i = 0; i < m->norgs; i++) {
		buf_printf(&b, "  subgraph org%zu[", i);
		mm_label(&b, m->orgs[i]->name);
		buf_adds(&b, "]\n");
		mm_nodes(&b, g, (int)i, 0, "    ");
		tn = topo_tenant(s->t, m->orgs[i]);
		if (tn != NULL) {
			buf_printf(&b, "    subgraph tenant%zu[", i);
			mm_label(&b, tn->name);
			buf_adds(&b, "]\n");
			mm_nodes(&b, g, (int)i, 1, "      ");
			buf_adds(&b, "    end\n");
		}
		buf_adds(&b, "  end\n");
	}
	mm_nodes(&b, g, -1, 0, "  ");
	for (i = 0; i < g->ne; i++) {
		buf_printf(&b, "  n%zu %s|", g->e[i].from,
		    g->e[i].dotted ? "-.-" : "-->");
		mm_label(&b, g->e[i].label);
		buf_printf(&b, "| n%zu\n", g->e[i].to);
	}
	for (i = 0; i < g->ne; i++)
		if (g->e[i].red)
			buf_printf(&b, "  linkStyle %zu stroke:red,color:red,"
			    "stroke-width:2px\n", i);
	return buf_steal(&b);
}

char *
diagram_render(const struct sim *s, enum diagram_format fmt)
{
	struct dg	 g = { 0 };
	char		*out;
	size_t		 i;

	collect(s, &g);
	out = fmt == DIAGRAM_DOT ? render_dot(s, &g) : render_mermaid(s, &g);
	for (i = 0; i < g.nn; i++)
		free(g.n[i].label);
	for (i = 0; i < g.ne; i++)
		free(g.e[i].label);
	free(g.n);
	free(g.e);
	return out;
}
