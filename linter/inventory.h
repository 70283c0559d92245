/*
 * inventory.h: what was loaded, as text or JSON.
 */
#ifndef HL_INVENTORY_H
#define HL_INVENTORY_H

#include <stdio.h>

#include "diag.h"
#include "model.h"

void	inventory_text(const struct model *, const struct diags *, FILE *);
/* Returns the JSON text (malloc'd), versioned "hybridlint-inventory/1". */
char	*inventory_json(const struct model *, const struct diags *);

#endif
