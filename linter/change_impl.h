/*
 * change_impl.h: what change.c (reading, binding, resolving) and
 * change_ops.c (what each cmdlet does to the records) share.
 */
#ifndef HL_CHANGE_IMPL_H
#define HL_CHANGE_IMPL_H

#include <stddef.h>

#include "change.h"
#include "propset.h"
#include "psparse.h"

enum action {
	A_SET,
	A_NEW,
	A_REMOVE,
	A_ENABLE,
	A_DISABLE,
	A_CERT_IMPORT,
	A_CERT_ENABLE,
	A_CERT_REMOVE,
	A_EDGESYNC
};

/* Where a cmdlet exists. */
#define S_ONPREM	1u
#define S_EXO		2u
#define S_BOTH		(S_ONPREM | S_EXO)

/* Parameters a cmdlet takes besides the properties of props.h. */
#define SP_IDENTITY	0x0001	/* -Identity, positional */
#define SP_NAME		0x0002	/* -Name (positional for New-) */
#define SP_DC		0x0004	/* -DomainController (no effect) */
#define SP_FORCE	0x0008	/* -Force (no effect) */
#define SP_SERVER	0x0010	/* -Server */
#define SP_THUMB	0x0020	/* -Thumbprint (positional) */
#define SP_SERVICES	0x0040	/* -Services */
#define SP_FILE		0x0080	/* -FileData, -FileName */
#define SP_CERTOPT	0x0100	/* -FriendlyName, -PrivateKeyExportable */
#define SP_SYNC		0x0200	/* Start-EdgeSynchronization's */

struct cmdlet {
	const char	*name;
	enum kind	 kind;
	enum action	 act;
	unsigned	 sides;
	unsigned	 special;
};

/* One argument bound to a parameter. */
struct barg {
	const char		*param;		/* canonical name */
	const struct psetdef	*pd;		/* NULL: a special one */
	const struct ps_value	*v;		/* NULL: a switch */
	struct loc		 loc;
};

/* A command bound to its cmdlet's parameters. */
struct bound {
	const struct cmdlet	*cl;
	const struct ps_command	*cmd;
	struct barg		*args;
	size_t			 nargs;
	unsigned		 sides;		/* where its parameters exist */
};

/* The scope of a script's commands (#hybridlint: org= side=). */
struct scope {
	struct org		*org;		/* NULL: any */
	enum side		 side;		/* SIDE_UNKNOWN: any */
};

struct cctx {
	struct model		*m;
	struct arena		*a;		/* the model's */
	struct diags		*d;
	const char		*dir;		/* of the script, for files */
	struct scope		 scope;
	size_t			 nerrors;
};

/* An error at a location; returns -1. */
int	 cerr(struct cctx *, const struct loc *, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The argument bound to 'param', or NULL. */
const struct barg *barg_get(const struct bound *, const char *param);
/* A value as one text (string, number); NULL after an error. */
const char	*value_text(struct cctx *, const struct ps_value *,
		    const char *param);
/* A list value's items joined by ",", for flags; NULL after an error. */
const char	*join_values(struct cctx *, const struct ps_value *,
		    const char *param);
/* A boolean argument's value: 0, 1, or -1 after an error. */
int		 value_bool(struct cctx *, const struct barg *);

/*
 * The records a command's -Identity (or, for a singleton kind, the
 * scope) names: their number, or -1 after an error.  *out is malloc'd.
 */
int		 resolve(struct cctx *, const struct bound *,
		    struct obj ***out);
/* The organization and side a New- makes its record in; -1: error. */
int		 new_target(struct cctx *, const struct bound *, struct org **,
		    enum side *);
/* Organizations holding a server of that name; *n of them (malloc'd). */
struct org	**server_orgs(struct cctx *, const char *server, size_t *n);
/* Does -Identity 'id' name the record, as Exchange resolves it? */
int		 id_matches(const struct obj *, const char *id);
/* Does a record's server name name this server? */
int		 server_is(const char *have, const char *want);

/* The operations (change_ops.c). */
int		 op_set(struct cctx *, const struct bound *);
int		 op_new(struct cctx *, const struct bound *);
int		 op_remove(struct cctx *, const struct bound *);
int		 op_enable(struct cctx *, const struct bound *, int on);
int		 op_cert_import(struct cctx *, const struct bound *);
int		 op_cert_enable(struct cctx *, const struct bound *);
int		 op_cert_remove(struct cctx *, const struct bound *);

#endif
