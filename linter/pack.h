/*
 * pack.h: rule packs: rules that users write as data.
 *
 * A pack is a JSON file, or a folder holding pack.json and its rules'
 * fixtures (tests/<id>/fire and tests/<id>/silent), as
 * schemas/rule-pack.schema.json describes: a format version, a name, a
 * version, the oldest hybridlint it needs, the namespace of its rule ids,
 * and its rules.  A rule names the object kind it applies to (kinds.def),
 * which objects ("where") and what must hold of them ("assert"), as
 * conditions over the properties of props.h and the functions of
 * packfn.h.  Each object that "where" selects and "assert" fails is a
 * finding with the rule's message and fix, their ${Property}
 * placeholders filled in (fix values as PowerShell literals, fixtext.h).
 *
 * Loading is strict: a key, type, kind, property, operator or regular
 * expression that does not fit is an error with its file, line, column
 * and JSON Pointer, and a pack with any error is not loaded at all.  A
 * loaded pack rule is a struct lint_rule like any other: its check
 * function is the evaluator (packeval.h), its data the compiled rule
 * below.  Nothing a pack says is ever executed: conditions are a fixed
 * set of operators over values, without loops, and each rule's
 * evaluation of one object is bounded (PACK_BUDGET).
 *
 * The format version leaves room for later kinds of packs (shared-object
 * plugins behind a versioned ABI) without changing this one.
 */
#ifndef HL_PACK_H
#define HL_PACK_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "lint.h"
#include "packfn.h"
#include "props.h"

#define PACK_FORMAT		1	/* the format this build reads */
#define PACK_MAX_BYTES		((size_t)4 * 1024 * 1024)
#define PACK_MAX_RULES		1000
#define PACK_MAX_DEPTH		32	/* nesting of conditions */
#define PACK_MAX_NODES		512	/* conditions in one rule */
#define PACK_MAX_LIST		1000	/* values of one "in" */
#define PACK_MAX_REGEX		256	/* bytes of one regular expression */
#define PACK_MAX_REPEAT		1000	/* product of its repetition counts */
#define PACK_MAX_TEXT		65536	/* bytes of one text (doc, fix) */
#define PACK_BUDGET		100000	/* steps per rule per object */

enum cop {
	COP_ALL, COP_ANY, COP_NOT, COP_SOME,
	COP_EQ, COP_NE, COP_IN, COP_GLOB, COP_REGEX, COP_EXISTS, COP_EMPTY,
	COP_LT, COP_GT, COP_CONTAINS, COP_CIDR_CONTAINS, COP_CIDR_OVERLAPS,
	COP_CIDR_WITHIN, COP_CERT_NAME
};

/* A property of a record, or a pack function. */
struct propref {
	const char		*name;		/* as the table spells it */
	const struct propdef	*prop;
	const struct packfn	*fn;
	enum ptype		 type;
};

enum opd_from {
	OPD_NONE,
	OPD_LITERAL,
	OPD_PROP,		/* {"prop": P}: of the same object */
	OPD_OUTER		/* {"outer": P}: of the enclosing "some"'s */
};

struct operand {
	enum opd_from	 from;
	struct propref	 ref;		/* PROP, OUTER */
	struct pval	 lit;		/* LITERAL, typed like the property */
	int		 days;		/* DATE: --as-of plus lit.i days */
	regex_t		*re;		/* REGEX */
	struct pval	*vals;		/* IN: its values */
	size_t		 nvals;
};

struct cond {
	enum cop	  op;
	struct cond	**kids;		/* ALL, ANY, NOT */
	size_t		  nkids;
	struct propref	  left;		/* operators */
	struct operand	  right;
	int		  every;	/* a list: every element, not any */
	signed char	  if_unknown;	/* -1 unknown stays unknown, 0, 1 */
	int		  want;		/* EXISTS, EMPTY: true or false */
	/* SOME: an object of 'kind' related to this one by 'on'. */
	enum kind	  kind;
	int		  any_org;	/* "scope": "all" */
	int		  each;		/* every value of the outer side */
	struct cond	 *on;		/* EQ or CERT_NAME, operand OUTER */
	struct cond	 *where;
	size_t		  join;		/* its number in the rule */
};

/* A template: text and placeholders, line by line. */
struct tseg {
	const char	*text;		/* literal text, or NULL: */
	struct propref	 ref;		/* a placeholder */
};

struct tline {
	struct tseg	*segs;
	size_t		 nsegs;
	int		 comment;	/* a fix line starting with '#' */
};

struct tmpl {
	struct tline	*lines;
	size_t		 nlines;	/* 0: none */
};

struct prule {
	struct lint_rule	 lr;		/* what the rule set holds */
	const struct pack	*pack;
	enum kind		 kind;
	struct cond		*where;		/* NULL: every object */
	struct cond		*assert;
	struct tmpl		 message;
	struct tmpl		 fix;
	const char		*prop;		/* where findings point */
	int64_t			 valid_from;	/* 0: always */
	int64_t			 valid_until;	/* after that day; 0: none */
	struct loc		 loc;		/* the rule in its pack */
	size_t			 njoins;
	size_t			 budget;	/* steps per object: PACK_BUDGET */
};

struct pack {
	struct arena		*arena;		/* everything below */
	struct rule_source	 src;		/* name, version, path, url */
	const char		*dir;		/* the folder of its tests/ */
	char			*real;		/* realpath, to load it once */
	const char		*ns;		/* "ACME" */
	const char		*description;
	struct prule		**rules;
	size_t			  nrules;
	regex_t			**res;		/* to regfree() */
	size_t			  nres;
};

/*
 * Parse and compile a pack from text ('display' names it in errors and
 * its folder holds the fixtures), checking its ids and names against the
 * rules of 'rs'.  NULL after errors in 'diags'.
 */
struct pack	*pack_parse(const char *display, const char *text, size_t len,
		    const struct ruleset *rs, struct diags *);
/*
 * Load the pack 'path' names (a folder with pack.json, or a .json file)
 * and add its rules to 'rs'; a pack already in 'rs' is not loaded twice.
 * 0, or -1 after errors in 'diags' (nothing added).
 */
int		 pack_load(struct ruleset *, const char *path, struct diags *);
/* Add a parsed pack's rules to 'rs', which then owns the pack. */
void		 pack_add(struct ruleset *, struct pack *);
void		 pack_free(struct pack *);

/* The compiled pack rule of a rule set's rule, or NULL for a built-in. */
const struct prule *pack_rule(const struct lint_rule *);

#endif
