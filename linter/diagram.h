/*
 * diagram.h: the topology and its flows as a Graphviz or Mermaid diagram
 * (`hybridlint graph`).  Organizations are clusters (their on-premises
 * side and their tenant inside), gateways and Exchange Online stand
 * alone, and every flow into Exchange Online is drawn from the send
 * connector through the host that presents a certificate to the inbound
 * connector it lands on; flows attributed to a foreign tenant are red.
 */
#ifndef HL_DIAGRAM_H
#define HL_DIAGRAM_H

#include "sim.h"

enum diagram_format {
	DIAGRAM_DOT,
	DIAGRAM_MERMAID
};

/* The diagram text, malloc'd. */
char	*diagram_render(const struct sim *, enum diagram_format);

#endif
