/*
 * x509-fuzzer.c: bytes -> x509_from_file_bytes, x509_from_der and
 * base64_decode (then the decoded bytes -> x509_from_der, as the model
 * does with a <BA N="RawData">).
 *
 * base64_decode() is called with NULL, with a generous output buffer,
 * with an exact-size one and with one that is too small, so an overrun
 * of 'outcap' is caught by ASan.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "x509.h"
#include "xalloc.h"

#include "fuzz_common.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void
check_cert(int rv, const struct certinfo *ci, const char *err)
{
	size_t	i;

	if (memchr(err, '\0', 256) == NULL)
		FUZZ_FAIL("x509: error message not terminated");
	if (rv != 0)
		return;
	fuzz_touch_str(ci->subject);
	fuzz_touch_str(ci->issuer);
	fuzz_touch_str(ci->cn);
	fuzz_touch_str(ci->thumbprint);
	fuzz_touch_str(ci->serial);
	if (ci->thumbprint == NULL || strlen(ci->thumbprint) != 40)
		FUZZ_FAIL("x509: thumbprint is not 40 hex digits");
	for (i = 0; i < ci->nnames; i++) {
		if (ci->names[i] == NULL)
			FUZZ_FAIL("x509: NULL name before nnames");
		fuzz_touch_str(ci->names[i]);
	}
	if (ci->names != NULL && ci->names[ci->nnames] != NULL)
		FUZZ_FAIL("x509: names not NULL-terminated");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct certinfo	 ci;
	char		 err[256];
	unsigned char	*out;
	size_t		 cap;
	long		 n, n0, nsmall;
	int		 rv;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	a = arena_new();

	memset(err, 0, sizeof(err));
	rv = x509_from_file_bytes(a, data, size, &ci, err, sizeof(err));
	check_cert(rv, &ci, err);

	memset(err, 0, sizeof(err));
	rv = x509_from_der(a, data, size, &ci, err, sizeof(err));
	check_cert(rv, &ci, err);

	/* NULL, then a generous buffer, an exact one, a small one. */
	n0 = base64_decode((const char *)data, size, NULL, 0);
	cap = size / 4 * 3 + 3;
	out = malloc(cap);
	if (out != NULL) {
		n = base64_decode((const char *)data, size, out, cap);
		if (n > (long)cap)
			FUZZ_FAIL("base64_decode returned more than outcap");
		if (n >= 0) {
			fuzz_touch_bytes(out, (size_t)n);
			memset(err, 0, sizeof(err));
			rv = x509_from_der(a, out, (size_t)n, &ci, err,
			    sizeof(err));
			check_cert(rv, &ci, err);
			/* An exact-size buffer must also do. */
			free(out);
			out = malloc(n > 0 ? (size_t)n : 1);
			if (out != NULL && base64_decode((const char *)data,
			    size, out, (size_t)n) != n)
				FUZZ_FAIL("base64_decode differs with an "
				    "exact-size buffer");
			if (out != NULL && n > 1) {
				nsmall = base64_decode((const char *)data,
				    size, out, (size_t)n / 2);
				if (nsmall != -1 && nsmall > n / 2)
					FUZZ_FAIL("base64_decode overran a "
					    "short buffer");
			}
		}
		(void)n0;
		free(out);
	}
	arena_free(a);
	return 0;
}
