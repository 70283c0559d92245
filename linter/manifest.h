/*
 * manifest.h: topology.json, the description of a multi-organization
 * topology (schemas/topology.schema.json).
 */
#ifndef HL_MANIFEST_H
#define HL_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

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

/* An inline gateway certificate, as described (names normalized). */
struct mcert {
	const char	*subject;
	const char	*issuer;	/* NULL: not given */
	const char	**names;
	size_t		 nnames;
	int64_t		 not_before;	/* 0: not given */
	int64_t		 not_after;	/* 0: not given */
	unsigned	 line;
};

struct mgateway {
	const char	*id;
	const char	*name;
	const char	**addresses;
	size_t		 naddresses;
	const char	*cert_file;	/* relative path, or NULL */
	struct loc	 cert_loc;	/* where "certificate" is */
	const struct mcert *cert_inline; /* inline certificate, or NULL */
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

/*
 * What the manifest says, in its own arena: the JSON tree it was read
 * from is freed once it is validated (a manifest of an MSP's thousands of
 * organizations and their MX maps is a large tree, and loading goes on
 * for a long time after).
 */
struct manifest {
	struct arena	*arena;		/* owns every string */
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
/*
 * The largest topology.json read (16 MiB: some 14,000 customers listing
 * 15 MX domains each).  Its tree lives only while it is validated.
 */
#define MANIFEST_MAX_BYTES	((size_t)16 * 1024 * 1024)

struct manifest	*manifest_parse(const char *display, const char *text,
		    size_t len, struct diags *);
void		 manifest_free(struct manifest *);

#endif
