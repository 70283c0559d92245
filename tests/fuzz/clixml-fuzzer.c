/*
 * clixml-fuzzer.c: bytes -> text_decode('<') -> clixml_load -> doc_free.
 *
 * The input is a whole export file as rawfile_read() would hand it over
 * (any encoding; text_decode() sniffs BOMs and BOM-less UTF-16).  The
 * loaded tree is walked as the model layer reads it.
 */
#include <stddef.h>
#include <stdint.h>

#include "clixml.h"
#include "diag.h"
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 diags = { 0 };
	struct rawfile	 raw;
	struct textfile	 tf;
	struct doc	*d;

	if (size > FUZZ_MAX_INPUT || fuzz_rawfile(data, size, &raw) == -1)
		return 0;
	if (text_decode(&raw, "fuzz.xml", '<', &tf, &diags) == 0) {
		if (tf.text[tf.len] != '\0')
			FUZZ_FAIL("text_decode: no NUL at text[len]");
		d = clixml_load("fuzz.xml", tf.text, tf.len, &diags);
		if (d != NULL) {
			d->encoding = tf.encoding;
			fuzz_walk_doc(d);
			doc_free(d);
		} else if (diags.nerrors == 0)
			FUZZ_FAIL("clixml_load failed without an error "
			    "diagnostic");
		textfile_free(&tf);
	} else if (diags.nerrors == 0)
		FUZZ_FAIL("text_decode failed without an error diagnostic");
	fuzz_diags(&diags);
	diag_free(&diags);
	return 0;
}
