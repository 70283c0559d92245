/*
 * packtest.h: running a rule pack's fixtures (`hybridlint rules test`).
 *
 * Each rule of the pack has two fixtures below the pack's folder, small
 * topologies as the built-in rules have in tests/rules/:
 * tests/<id>/fire/, on which the rule must report exactly what its
 * `expect` file says (a line per expected finding, "severity|text the
 * message contains"; every expected line matched by a finding, every
 * finding of the rule by a line), and tests/<id>/silent/, on which it
 * must report nothing.  A fixture's .hybridlint.json, if any, is its
 * configuration.  Only the pack's rules run.
 */
#ifndef HL_PACKTEST_H
#define HL_PACKTEST_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"

/*
 * Test the pack at 'path' at the date 'asof': a line per fixture and a
 * summary on 'out'.  0 when every fixture passes, 1 when one fails, 2
 * when the pack does not load (its errors in 'diags').
 */
int	 packtest_run(const char *path, int64_t asof, FILE *out,
	    struct diags *diags);

#endif
