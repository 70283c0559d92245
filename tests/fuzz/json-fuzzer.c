/*
 * json-fuzzer.c: bytes -> text_decode('{') -> json_load -> doc_free.
 *
 * Besides the sanitizers, it checks what json_load.h promises about
 * locations: every node of a loaded document has a line (>= 1) and a
 * JSON Pointer that is "" or starts with '/'.
 */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "json_load.h"
#include "textfile.h"

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

static void
check_locs(const struct node *n, unsigned depth, size_t *budget)
{
	size_t	i;

	if (n == NULL || *budget == 0 || depth > 1000)
		return;
	(*budget)--;
	if (n->loc.line == 0)
		FUZZ_FAIL("json node without a line");
	if (n->loc.pointer == NULL ||
	    (n->loc.pointer[0] != '\0' && n->loc.pointer[0] != '/'))
		FUZZ_FAIL("json node with a bad JSON Pointer \"%s\"",
		    n->loc.pointer != NULL ? n->loc.pointer : "(null)");
	for (i = 0; i < n->nprops; i++)
		check_locs(n->props[i], depth + 1, budget);
	for (i = 0; i < n->nitems; i++)
		check_locs(n->items[i], depth + 1, budget);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 diags = { 0 };
	struct rawfile	 raw;
	struct textfile	 tf;
	struct doc	*d;
	size_t		 i, budget = FUZZ_WALK_BUDGET;

	if (size > FUZZ_MAX_INPUT || fuzz_rawfile(data, size, &raw) == -1)
		return 0;
	if (text_decode(&raw, "fuzz.json", '{', &tf, &diags) == 0) {
		d = json_load("fuzz.json", tf.text, tf.len, &diags);
		if (d != NULL) {
			if (d->format != DOC_JSON)
				FUZZ_FAIL("json_load: format is not DOC_JSON");
			fuzz_walk_doc(d);
			for (i = 0; i < d->nroots; i++)
				check_locs(d->roots[i], 0, &budget);
			doc_free(d);
		} else if (diags.nerrors == 0)
			FUZZ_FAIL("json_load failed without an error "
			    "diagnostic");
		textfile_free(&tf);
	}
	fuzz_diags(&diags);
	diag_free(&diags);
	return 0;
}
