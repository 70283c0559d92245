/*
 * waiver.c: matching waivers against findings.
 */
#include <fnmatch.h>
#include <string.h>

#include "findings.h"
#include "waiver.h"

int
waiver_matches(const struct waiver *w, const struct finding *f)
{
	if (w->rule != f->rule)
		return 0;
	if (w->organization != NULL && (f->org == NULL ||
	    strcmp(w->organization, f->org) != 0))
		return 0;
	return f->object != NULL && fnmatch(w->object, f->object, 0) == 0;
}

void
waivers_apply(struct waiver *w, size_t nw, struct findings *fs, int64_t asof)
{
	size_t	i, j;

	for (j = 0; j < nw; j++) {
		w[j].matched = 0;
		w[j].expired = asof >= w[j].expires;
	}
	for (i = 0; i < fs->n; i++)
		for (j = 0; j < nw; j++) {
			if (!waiver_matches(&w[j], fs->v[i]))
				continue;
			w[j].matched++;
			if (!w[j].expired && !fs->v[i]->waived) {
				fs->v[i]->waived = 1;
				fs->v[i]->waiver_reason = w[j].reason;
			}
		}
}
