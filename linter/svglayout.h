/*
 * svglayout.h: a DOT graph laid out by Graphviz's own library (libgvc
 * and libcgraph, in process: gvLayout with "dot", gvRenderData to
 * "svg"), then reduced to what is safe to inline in an HTML page: only
 * drawing elements and attributes (no XML declaration, DOCTYPE,
 * comments, titles, links, scripts, fonts or other references), so the
 * page fetches nothing and the bytes depend only on the graph (object
 * ids follow the order of the DOT text, not where malloc put names).
 */
#ifndef HL_SVGLAYOUT_H
#define HL_SVGLAYOUT_H

#include "diag.h"

/* The SVG element as text (malloc'd), or NULL after a diagnostic. */
char	*svg_layout(const char *dot, struct diags *);

#endif
