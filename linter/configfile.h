/*
 * configfile.h: the configuration file (schemas/config.schema.json).
 *
 * Found with --config FILE, else as .hybridlint.json in the working
 * directory or the nearest folder above it.  It loads rule packs
 * ("rule_packs", paths relative to the file), switches rules on and off,
 * changes their severity, sets rule options, sets the fail level, and
 * holds waivers: a finding of a rule on matching objects is reported as
 * waived until the waiver's date, with the reason given.
 */
#ifndef HL_CONFIGFILE_H
#define HL_CONFIGFILE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
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
	struct waiver		*waivers;
	size_t			 nwaivers;
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
/* .hybridlint.json in the working directory or above; malloc'd or NULL. */
char		*config_find(void);
/* Copy rule switches, severities and options into the engine's options. */
void		 config_apply(const struct config *, struct engine_opts *);
void		 config_free(struct config *);

#endif
