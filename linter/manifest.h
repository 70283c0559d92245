/*
 * manifest.h: topology.json, the description of a multi-organization
 * topology (schemas/topology.schema.json).
 */
#ifndef HL_MANIFEST_H
#define HL_MANIFEST_H

#include <stddef.h>

#include "diag.h"
#include "node.h"

struct mpath {
	const char	*path;		/* as written, relative to the manifest */
	const char	*server;	/* certificate owner hint, or NULL */
	struct loc	 loc;
};

struct morg {
	const char	*id;
	const char	*name;
	struct mpath	*onprem;
	size_t		 nonprem;
	struct mpath	*exo;
	size_t		 nexo;
	struct loc	 loc;
};

struct mgateway {
	const char	*id;
	const char	*name;
	const char	**addresses;
	size_t		 naddresses;
	const char	*cert_file;	/* relative path, or NULL */
	struct loc	 cert_loc;	/* where "certificate" is */
	const struct node *cert_inline;	/* inline certificate object */
	const char	*operated_by;
	const char	**addon_for;	/* organization ids, or none */
	size_t		 naddon_for;
	struct loc	 loc;
};

struct mmx {
	const char	*domain;
	const char	**hosts;
	size_t		 nhosts;
};

struct manifest {
	struct doc	*doc;		/* owns every string */
	struct morg	*orgs;
	size_t		 norgs;
	struct mgateway	*gateways;
	size_t		 ngateways;
	struct mmx	*mx;
	size_t		 nmx;
};

/*
 * Parse and validate 'text' (UTF-8) of the manifest 'display'.  Every
 * violation is a diagnostic with its line; returns NULL when any.
 */
struct manifest	*manifest_parse(const char *display, const char *text,
		    size_t len, struct diags *);
void		 manifest_free(struct manifest *);

#endif
