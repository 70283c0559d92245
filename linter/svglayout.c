/*
 * svglayout.c: DOT to inline SVG through libgvc, and the SVG through an
 * allow-list of elements and attributes (libxml2).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "strmap.h"
#include "svglayout.h"
#include "xalloc.h"

/* What an inline drawing may hold; everything else is dropped. */
static const char *const elements[] = {
	"svg", "g", "path", "polygon", "polyline", "ellipse", "text",
	"rect", "line", NULL
};
static const char *const attributes[] = {
	"class", "fill", "stroke", "stroke-width", "stroke-dasharray",
	"d", "points", "cx", "cy", "rx", "ry", "x", "y", "x1", "y1", "x2",
	"y2", "width", "height", "text-anchor", "font-size", "font-weight",
	"font-style", "transform", "viewBox", NULL
};

static int
listed(const char *const *list, const xmlChar *name)
{
	size_t	i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], (const char *)name) == 0)
			return 1;
	return 0;
}

/*
 * fill="none" and stroke="black" on shapes are what the report's style
 * sheet gives every shape of the diagram: dropped, to keep the page small.
 */
static int
is_default(xmlNodePtr n, xmlAttrPtr a)
{
	xmlChar	*v;
	int	 r = 0;

	if (strcmp((const char *)n->name, "text") == 0 ||
	    strcmp((const char *)n->name, "svg") == 0 ||
	    strcmp((const char *)n->name, "g") == 0)
		return 0;
	if ((v = xmlNodeGetContent((xmlNodePtr)a)) == NULL)
		return 0;
	r = (strcmp((const char *)a->name, "fill") == 0 &&
	    strcmp((const char *)v, "none") == 0) ||
	    (strcmp((const char *)a->name, "stroke") == 0 &&
	    strcmp((const char *)v, "black") == 0);
	xmlFree(v);
	return r;
}

/* Keep allowed elements, attributes and text; drop the rest. */
static void
sanitize(xmlNodePtr n)
{
	xmlNodePtr	c, next;
	xmlAttrPtr	a, an;

	n->ns = NULL;
	for (a = n->properties; a != NULL; a = an) {
		an = a->next;
		if (a->ns != NULL || !listed(attributes, a->name) ||
		    is_default(n, a))
			xmlRemoveProp(a);
	}
	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE)
			continue;
		if (c->type != XML_ELEMENT_NODE ||
		    !listed(elements, c->name)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		sanitize(c);
	}
}

/* Graphviz's messages become diagnostics (the last one kept). */
static char	gv_msg[256];

static int
gv_error(char *msg)
{
	size_t	n;

	snprintf(gv_msg, sizeof(gv_msg), "%s", msg);
	n = strlen(gv_msg);
	while (n > 0 && (gv_msg[n - 1] == '\n' || gv_msg[n - 1] == ' '))
		gv_msg[--n] = '\0';
	return 0;
}

static char *
clean(const char *svg, unsigned int len, struct diags *d)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	xmlBufferPtr	 xb;
	char		*out = NULL;

	doc = xmlReadMemory(svg, (int)len, "graph.svg", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    strcmp((const char *)root->name, "svg") != 0) {
		diag_add(d, SEV_ERROR, NULL, 0, 0, "Graphviz wrote no SVG");
		xmlFreeDoc(doc);
		return NULL;
	}
	sanitize(root);
	/* An inline <svg> takes its namespace from HTML: no xmlns. */
	xmlFreeNsList(root->nsDef);
	root->nsDef = NULL;
	xb = xmlBufferCreate();
	if (xmlNodeDump(xb, doc, root, 0, 0) >= 0)
		out = xstrdup((const char *)xmlBufferContent(xb));
	xmlBufferFree(xb);
	xmlFreeDoc(doc);
	if (out == NULL)
		diag_add(d, SEV_ERROR, NULL, 0, 0, "cannot write the SVG");
	return out;
}

/*
 * Object ids in creation order.  cgraph's own id discipline makes a
 * named object's id the address of its interned name, and dot visits
 * clusters in id order: the layout would depend on where malloc put the
 * names, and change from run to run.  Here the n-th name gets the even
 * id 2n and anonymous objects odd ids, as in cgraph.
 */
struct ids {
	struct strmap	*by;		/* name -> id */
	char		**names;	/* id / 2 - 1 -> name */
	size_t		 n;
	IDTYPE		 anon;		/* the last odd id */
};

static void *
ids_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)g;
	(void)disc;
	return xcalloc(1, sizeof(struct ids));
}

static long
ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	struct ids	*x = state;
	void *const	*hit;

	(void)objtype;
	if (str == NULL) {
		*id = x->anon += 2;
		return 1;
	}
	if (x->by != NULL && (hit = strmap_get(x->by, str, NULL)) != NULL) {
		*id = (IDTYPE)(uintptr_t)hit[0];
		return 1;
	}
	if (!createflag)
		return 0;
	if (x->by == NULL)
		x->by = strmap_new();
	x->names = xreallocarray(x->names, x->n + 1, sizeof(*x->names));
	x->names[x->n++] = xstrdup(str);
	*id = (IDTYPE)(2 * x->n);
	strmap_add(x->by, str, (void *)(uintptr_t)*id);
	return 1;
}

static long
ids_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
	return 1;
}

static void
ids_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
}

static char *
ids_print(void *state, int objtype, IDTYPE id)
{
	struct ids	*x = state;

	(void)objtype;
	if (id % 2 != 0 || id == 0 || (size_t)(id / 2) > x->n)
		return NULL;
	return x->names[id / 2 - 1];
}

static void
ids_close(void *state)
{
	struct ids	*x = state;
	size_t		 i;

	for (i = 0; i < x->n; i++)
		free(x->names[i]);
	free(x->names);
	strmap_free(x->by);
	free(x);
}

static void
ids_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t ids_disc = {
	ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close,
	ids_register
};

/* Reading the DOT text from memory, a line at a time. */
struct text {
	const char	*p;
};

static int
text_read(void *chan, char *buf, int bufsize)
{
	struct text	*t = chan;
	int		 n = 0;

	while (n < bufsize && t->p[0] != '\0') {
		buf[n++] = *t->p++;
		if (buf[n - 1] == '\n')
			break;
	}
	return n;
}

/*
 * One Graphviz context for the process: its text layout plugin (pango)
 * keeps a font cache across contexts, and a second context would use
 * what freeing the first released.  It stays allocated until exit.
 */
static GVC_t	*gvc;

char *
svg_layout(const char *dot, struct diags *d)
{
	Agiodisc_t	 io;
	Agdisc_t	 disc;
	struct text	 t = { dot };
	Agraph_t	*g;
	char		*svg = NULL, *out = NULL;
	unsigned int	 len = 0;

	gv_msg[0] = '\0';
	agseterr(AGMAX);
	agseterrf(gv_error);
	if (gvc == NULL && (gvc = gvContext()) == NULL) {
		diag_add(d, SEV_ERROR, NULL, 0, 0, "Graphviz: no context");
		return NULL;
	}
	io = AgIoDisc;
	io.afread = text_read;
	disc.mem = &AgMemDisc;
	disc.id = &ids_disc;
	disc.io = &io;
	if ((g = agread(&t, &disc)) == NULL) {
		diag_add(d, SEV_ERROR, NULL, 0, 0, "Graphviz cannot read the "
		    "diagram%s%s", gv_msg[0] ? ": " : "", gv_msg);
		return NULL;
	}
	if (gvLayout(gvc, g, "dot") != 0)
		diag_add(d, SEV_ERROR, NULL, 0, 0, "Graphviz layout failed%s%s",
		    gv_msg[0] ? ": " : "", gv_msg);
	else {
		if (gvRenderData(gvc, g, "svg", &svg, &len) != 0 ||
		    svg == NULL)
			diag_add(d, SEV_ERROR, NULL, 0, 0, "Graphviz cannot "
			    "render SVG%s%s", gv_msg[0] ? ": " : "", gv_msg);
		else
			out = clean(svg, len, d);
		if (svg != NULL)
			gvFreeRenderData(svg);
		gvFreeLayout(gvc, g);
	}
	agclose(g);
	return out;
}
