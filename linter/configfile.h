/*
 * configfile.h: the configuration file (schemas/config.schema.json).
 *
 * Found with --config FILE, else as .hybridlint.json beside the first
 * linted PATH or above it (config_find); --no-config reads none.  It
 * loads rule packs ("rule_packs", paths relative to the file), switches
 * rules on and off, changes their severity, sets rule options, sets the
 * fail level, and holds waivers: a finding of a rule on matching objects
 * is reported as waived until the waiver's date, with the reason given.
 */
#ifndef HL_CONFIGFILE_H
#define HL_CONFIGFILE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "digest.h"
#include "engine.h"
#include "waiver.h"


/* An option value the configuration does not set. */
#define CONFIG_UNSET	INT64_MIN

struct config {
	struct doc		*doc;		/* owns every string */
	const char		*path;
	const struct ruleset	*rules;		/* what rule names resolve in */
	struct rule_setting	*set;		/* indexed like rules->v; -1 and
						 * CONFIG_UNSET for unset */
	size_t			 nset;		/* rules when it was read */
	const char		*fail_on;	/* NULL unset */
	const char		*docs_url;	/* rule pages; NULL unset */
	struct waiver		*waivers;
	size_t			 nwaivers;
	char			 sha256[SHA256_HEX_LEN + 1]; /* of the file
						   read; "" if parsed text */
	size_t			 size;
};

/*
 * Parse and validate against the rules of 'rs' (which must outlive the
 * configuration), after adding to it the rule packs the configuration
 * names, so that "rules" and "waivers" may name their rules; every
 * problem is a diagnostic with its line.
 */
struct config	*config_parse(const char *path, const char *text, size_t len,
		    struct ruleset *rs, struct diags *);
/* The same, reading the file. */
struct config	*config_load(const char *path, struct ruleset *rs,
		    struct diags *);
/*
 * .hybridlint.json in the folder of 'start' (the first linted PATH) or
 * the nearest above it, up to the top of its repository (a folder with
 * .git) or of its file system; files others could have planted are
 * skipped with a warning in d.  Malloc'd, or NULL.
 */
char		*config_find(const char *start, struct diags *d);
/* Copy rule switches, severities and options into the engine's options. */
void		 config_apply(const struct config *, struct engine_opts *);
void		 config_free(struct config *);

#endif
