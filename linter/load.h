/*
 * load.h: from command-line paths to one model.
 *
 * A folder with a topology.json is one topology (its manifest names the
 * organizations, their sides, the gateways and DNS facts); a folder
 * without one is one organization named after the folder, every export
 * below it loaded and each object's side inferred; a single file is an
 * organization named after its folder.  Bad files are diagnostics; the
 * other files still load.
 */
#ifndef HL_LOAD_H
#define HL_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

struct model	*load_paths(char *const *paths, size_t npaths,
		    struct diags *);
/*
 * Hand every object of one parsed document to the model (for 'org' on
 * 'side'), searching wrappers, and count what is not an object kind
 * hybridlint reads as skipped.
 */
void		 load_doc(struct model *, struct doc *, struct org *,
		    enum side, const char *server, struct diags *);

#endif
