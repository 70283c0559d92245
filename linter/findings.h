/*
 * findings.h: the findings of a run, owned by one arena.
 *
 * Rules add findings through rule_report() (lint.h); the engine
 * sorts them and fills in fingerprints; formatters read them.  Every
 * string of a finding lives in the store's arena, so findings_free()
 * releases everything however a rule ended.
 */
#ifndef HL_FINDINGS_H
#define HL_FINDINGS_H

#include <stddef.h>

#include "diag.h"
#include "lint.h"

struct finding {
	const struct lint_rule	*rule;
	enum severity		 severity;
	const char		*message;
	struct loc		 loc;		/* file, line, JSON Pointer */
	const char		*logical;	/* Kind["identity"].Prop */
	const char		*kind;		/* "InboundConnector" */
	const char		*object;	/* the object's identity */
	const char		*org;		/* organization id, or NULL */
	const char		*key;		/* distinguishing value */
	const char		*path;		/* evidence path, or NULL */
	const char		**reasons;	/* why the rule applies */
	size_t			 nreasons;
	const char		*fix;		/* PowerShell, or NULL */
	const char		*fingerprint;	/* stable across line moves */
	int			 waived;	/* suppressed by a waiver */
	const char		*waiver_reason;
	int			 baselined;	/* in the baseline */
	/* Another finding whose fix holds every command of this one's,
	 * which then only points to it; NULL: its fix is its own. */
	const struct finding	*resolved_by;
	/*
	 * The fix has no command, only comments: what it says must be done
	 * by hand (a certificate bought, data re-exported).
	 */
	int			 manual;
	/* --change: the command that changed the object (file NULL: none). */
	struct loc		 change;
	const char		*change_cmd;	/* Set-InboundConnector */
};

struct findings {
	const struct ruleset *rules;	/* the rules that ran */
	struct arena	 *arena;
	struct strmap	 *strings;	/* findings_string() */
	struct finding	**v;
	size_t		  n;
	size_t		  cap;
};

/* An empty store for findings of 'rules' (which must outlive it). */
struct findings	*findings_new(const struct ruleset *rules);
void		 findings_free(struct findings *);
struct finding	*findings_add(struct findings *);
/*
 * The store's one copy of a string many findings repeat (a file, an
 * organization, an object's identity), or NULL for NULL.
 */
const char	*findings_string(struct findings *, const char *);
/* Order by file, line, rule id, message; fingerprints; drop duplicates. */
void		 findings_finish(struct findings *);
/*
 * One fix per change: a finding whose fix commands all appear in the fix
 * of a finding that comes first (unsuppressed, then more severe, then by
 * rule id, then in order) says "resolved by" that finding's fix instead
 * of repeating it (resolved_by).
 */
void		 findings_share_fixes(struct findings *);

#endif
