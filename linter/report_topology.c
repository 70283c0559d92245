/*
 * report_topology.c: the report's topology section: the diagram of
 * diagram.c laid out by Graphviz into inline SVG, and its legend.
 */
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "report_impl.h"
#include "svglayout.h"

/* A legend entry: a small drawing and its meaning. */
static void
legend_line(struct rctx *c, const char *cls, const char *text)
{
	html_printf(&c->b, "<li><svg width=\"34\" height=\"10\" aria-hidden="
	    "\"true\"><line class=\"ln %r\" x1=\"1\" y1=\"5\" x2=\"33\" "
	    "y2=\"5\"/></svg>%s</li>", cls, text);
}

static void
legend_shape(struct rctx *c, const char *shape, const char *text)
{
	html_printf(&c->b, "<li><svg width=\"26\" height=\"16\" aria-hidden="
	    "\"true\">%r</svg>%s</li>", shape, text);
}

static void
legend(struct rctx *c)
{
	buf_adds(&c->b, "<ul class=\"legend\" aria-label=\"Legend\">");
	legend_shape(c, "<rect class=\"sh\" x=\"1\" y=\"2\" width=\"24\" "
	    "height=\"12\"/>", "Exchange server");
	legend_shape(c, "<path class=\"sh\" d=\"M1 5h20v10H1zM1 5l4-4h20l-4 "
	    "4M25 1v10l-4 4\"/>", "gateway or smart host");
	legend_shape(c, "<path class=\"sh\" d=\"M1 1h18l6 6v8H1z\"/>",
	    "certificate");
	legend_shape(c, "<path class=\"sh\" d=\"M1 2h18l6 6-6 6H1z\"/>",
	    "send connector");
	legend_shape(c, "<path class=\"sh\" d=\"M5 2h20v12H5zM1 4h8v3H1zM1 "
	    "9h8v3H1z\"/>", "inbound connector of a tenant");
	legend_shape(c, "<path class=\"sh exo\" d=\"M7 1h12l6 7-6 7H7L1 "
	    "8z\"/>", "Exchange Online");
	legend_line(c, "", "mail flow");
	legend_line(c, "foreign", "foreign attribution: mail lands in "
	    "another organization's tenant");
	legend_line(c, "fail", "a path a finding names (its rule ids on the "
	    "edge)");
	legend_line(c, "holds", "certificate held, not presented");
	buf_adds(&c->b, "</ul>\n");
}

void
report_topology(struct rctx *c)
{
	struct diagram_opts	 o;
	char			*dot, *svg;

	memset(&o, 0, sizeof(o));
	o.fs = c->r->fs;
	o.orgs = c->o->orgs;
	o.collapse = DIAGRAM_COLLAPSE;
	buf_adds(&c->b, "<section id=\"topology\">\n<h2>Topology</h2>\n<p>"
	    "Every way mail of the organizations reaches Exchange Online: "
	    "the send connector, the host that connects, the certificate it "
	    "presents, and the inbound connector and tenant Exchange Online "
	    "attributes the mail to. Rule ids label the paths findings name."
	    "</p>\n");
	if (c->nshown > DIAGRAM_COLLAPSE)
		html_printf(&c->b, "<p>At this scale (%z organizations), "
		    "organizations whose mail takes the same path (same "
		    "gateways, certificates, kind of attribution and findings) "
		    "are drawn as one box with their number; the tables below "
		    "name each one. <code>hybridlint graph --org ID</code> "
		    "draws a part of the estate in full.</p>\n", c->nshown);
	legend(c);
	dot = diagram_render(c->s, DIAGRAM_DOT, &o);
	svg = svg_layout(dot, c->d);
	free(dot);
	if (svg != NULL)
		html_printf(&c->b, "<div class=\"diagram\" role=\"img\" "
		    "aria-label=\"Topology diagram\">%r</div>\n", svg);
	free(svg);
	buf_adds(&c->b, "</section>\n");
}
