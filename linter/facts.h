/*
 * facts.h: the settings that decide mail flow, per connector kind, and
 * the facts of a certificate, as named values: one list that inventory
 * (text and JSON) and the report show alike.
 *
 * A value the export did not carry is unknown (known 0), never false or
 * empty.  Strings belong to the arena passed in or to the model.
 */
#ifndef HL_FACTS_H
#define HL_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum fact_type {
	FACT_TEXT,		/* text; NULL is null (set to nothing) */
	FACT_BOOL,
	FACT_LIST,
	FACT_INT
};

struct fact {
	const char		 *name;		/* as the cmdlet prints it */
	enum fact_type		  type;
	int			  known;	/* in the export, whole */
	const char		 *text;
	int			  b;
	int64_t			  i;
	const char *const	 *v;
	size_t			  n;
};

#define FACTS_MAX	16

/*
 * The deciding settings of an inbound, outbound, send or receive
 * connector into v (FACTS_MAX entries); the number written (0 for
 * another kind).
 */
size_t		 connector_facts(struct arena *, const struct obj *,
		    struct fact *v);
/* A fact's value as one line of text ("unknown" when not known). */
const char	*fact_text(struct arena *, const struct fact *);

/* A certificate's names: CN first, then SANs, deduplicated (as shown). */
const char	**cert_display_names(struct arena *,
		    const struct certificate *, size_t *n);
/* Services as names ("IIS, SMTP"), or NULL when unknown. */
const char	*cert_services_text(struct arena *,
		    const struct certificate *);
/* Whole days from 'when' to the certificate's NotAfter (negative: past). */
int64_t		 cert_days_left(const struct certificate *, int64_t when);
/* A certificate's identity across records: thumbprint, else subject. */
const char	*cert_key(struct arena *, const struct certificate *);

/*
 * The SHA-256 (hex, into out of SHA256_HEX_LEN + 1 bytes) of the listing
 * of the files read: one line "SHA256  PATH\n" per file, sorted by path
 * (bytewise), as `sha256sum` prints them.
 */
void		 inputs_digest(const struct readfile *, size_t n, char *out);
/* Their total size in bytes. */
uint64_t	 inputs_size(const struct readfile *, size_t n);

#endif
