/*
 * baseline-fuzzer.c: bytes -> text_decode('{') -> baseline_parse against
 * a few findings.
 *
 * Oracles: a baseline that is refused says why; one that is accepted
 * marks a finding only if its fingerprint is in the file; and the
 * baseline rendered from the findings, parsed back, marks them all.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "baseline.h"
#include "findings.h"
#include "textfile.h"
#include "xalloc.h"

#include "fuzz_common.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init_libxml();
	return 0;
}

/* Three findings whose fingerprints are known. */
static struct findings *
some_findings(const struct ruleset *rs)
{
	static const char *const keys[] = { "a", "b", "c" };
	struct findings	*fs = findings_new(rs);
	struct finding	*f;
	size_t		 i;

	for (i = 0; i < 3; i++) {
		f = findings_add(fs);
		f->rule = rs->v[i];
		f->severity = rs->v[i]->severity;
		f->message = "m";
		f->kind = "InboundConnector";
		f->object = keys[i];
		f->key = keys[i];
	}
	findings_finish(fs);
	return fs;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 diags = { 0 };
	struct rawfile	 raw;
	struct textfile	 tf;
	struct ruleset	 rs;
	struct findings	*fs;
	struct baseline_cmp cmp;
	char		*doc;
	size_t		 i;

	if (size > FUZZ_MAX_INPUT || fuzz_rawfile(data, size, &raw) == -1)
		return 0;
	ruleset_init(&rs);
	fs = some_findings(&rs);
	if (text_decode(&raw, "fuzz.json", '{', &tf, &diags) == 0) {
		if (baseline_parse("fuzz.json", tf.text, tf.len, fs, NULL,
		    &diags) == -1 && diags.nerrors == 0)
			FUZZ_FAIL("baseline_parse refused without an error");
		for (i = 0; i < fs->n; i++)
			if (fs->v[i]->baselined && strstr(tf.text,
			    fs->v[i]->fingerprint) == NULL)
				FUZZ_FAIL("a finding marked without its "
				    "fingerprint in the baseline");
		textfile_free(&tf);
	}
	/* The round trip. */
	for (i = 0; i < fs->n; i++)
		fs->v[i]->baselined = 0;
	doc = baseline_render(fs);
	if (baseline_parse("rendered.json", doc, strlen(doc), fs, &cmp,
	    &diags) == -1)
		FUZZ_FAIL("a rendered baseline does not parse");
	if (cmp.nresolved != 0)
		FUZZ_FAIL("a rendered baseline has entries no finding has");
	baseline_cmp_free(&cmp);
	for (i = 0; i < fs->n; i++)
		if (!fs->v[i]->baselined)
			FUZZ_FAIL("a rendered baseline misses a finding");
	free(doc);
	findings_free(fs);
	fuzz_diags(&diags);
	diag_free(&diags);
	ruleset_release(&rs);
	return 0;
}
