/*
 * format_compare.h: a comparison of two runs (compare.h), as `whatif`
 * and `diff` write it: text, JSON (hybridlint-comparison/1,
 * schemas/comparison.schema.json), Markdown and SARIF (the findings of
 * the run after, introduced ones "new", those that persist "unchanged",
 * the resolved ones "absent").
 */
#ifndef HL_FORMAT_COMPARE_H
#define HL_FORMAT_COMPARE_H

#include "compare.h"
#include "format.h"

struct compare_doc {
	const char		*command;	/* "whatif", "diff" */
	const struct comparison	*cmp;
	const struct findings	*after;		/* every finding after */
	const struct format_ctx	*fc;
};

char	*compare_text(const struct compare_doc *);
char	*compare_json(const struct compare_doc *);
char	*compare_markdown(const struct compare_doc *);
char	*compare_sarif(const struct compare_doc *);

#endif
