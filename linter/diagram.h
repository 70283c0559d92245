/*
 * diagram.h: the topology and its flows as a Graphviz or Mermaid diagram
 * (`hybridlint graph`, and laid out for the report).
 *
 * Organizations are clusters with their tenant inside; gateways and
 * Exchange Online stand alone.  Every flow into Exchange Online is drawn
 * once: source server -> send connector -> smart host -> the certificate
 * presented -> Exchange Online -> the inbound connector it is attributed
 * to (or the recipient's tenant) -> the journal rules that capture it.
 * Edges are never duplicated: one edge per pair of nodes, the strongest
 * relation wins ("presents" over "holds"), and an attribution edge is red
 * when any flow over it is foreign.  Rule ids of the findings whose
 * evidence path runs over an edge label that edge; paths that findings
 * name are highlighted.
 *
 * At MSP scale (more organizations drawn than opts->collapse), the
 * organizations whose flows take the same path (same gateways, same
 * certificates, same kind of attribution, same findings) are drawn as
 * one cluster with a count, so that the whole estate stays legible and
 * Graphviz lays it out in seconds.
 */
#ifndef HL_DIAGRAM_H
#define HL_DIAGRAM_H

#include <stddef.h>

#include "findings.h"
#include "sim.h"

enum diagram_format {
	DIAGRAM_DOT,
	DIAGRAM_MERMAID
};

/* Organizations drawn above which those sharing a path are grouped. */
#define DIAGRAM_COLLAPSE	25

struct diagram_opts {
	const struct findings	*fs;		/* rule ids; NULL: none */
	const unsigned char	*orgs;		/* by org index; NULL: all */
	int			 legend;	/* draw a legend node */
	size_t			 collapse;	/* 0: never group */
};

/* The diagram text, malloc'd. */
char	*diagram_render(const struct sim *, enum diagram_format,
	    const struct diagram_opts *);

#endif
