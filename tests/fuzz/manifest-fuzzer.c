/*
 * manifest-fuzzer.c: bytes -> text_decode('{') -> manifest_parse.
 *
 * The bytes go through text_decode() first, as load.c hands them over.
 * A manifest that parses is then checked against what load.c relies on
 * without checking again (load_manifest(), load_gateways()): every string
 * present and readable after the JSON tree is freed, inline certificates
 * with a subject, addresses that parse.
 */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "manifest.h"
#include "textfile.h"
#include "values.h"

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
check_paths(const struct mpath *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (p[i].path == NULL)
			FUZZ_FAIL("manifest: organization path NULL");
		fuzz_touch_str(p[i].path);
		fuzz_touch_str(p[i].server);
		fuzz_touch_loc(&p[i].loc);
	}
}

static void
check_manifest(const struct manifest *mf)
{
	const struct mgateway	*g;
	const struct mcert	*c;
	struct ipaddr		 ip;
	size_t			 i, j;

	for (i = 0; i < mf->norgs; i++) {
		if (mf->orgs[i].id == NULL)
			FUZZ_FAIL("manifest: organization without id");
		fuzz_touch_str(mf->orgs[i].id);
		fuzz_touch_str(mf->orgs[i].name);
		check_paths(mf->orgs[i].onprem, mf->orgs[i].nonprem);
		check_paths(mf->orgs[i].exo, mf->orgs[i].nexo);
	}
	for (i = 0; i < mf->ngateways; i++) {
		g = &mf->gateways[i];
		if (g->id == NULL || g->name == NULL)
			FUZZ_FAIL("manifest: gateway without id or name");
		fuzz_touch_str(g->id);
		fuzz_touch_str(g->name);
		fuzz_touch_str(g->cert_file);
		fuzz_touch_str(g->operated_by);
		fuzz_touch_loc(&g->loc);
		fuzz_touch_loc(&g->cert_loc);
		for (j = 0; j < g->naddresses; j++)
			if (parse_ipaddr(g->addresses[j], &ip) == -1)
				FUZZ_FAIL("manifest: gateway address \"%s\" "
				    "does not parse", g->addresses[j]);
		if ((c = g->cert_inline) == NULL)
			continue;
		/* load_gateways() uses these unchecked; the JSON tree they
		 * came from is gone (ASan sees a use after free). */
		if (c->subject == NULL)
			FUZZ_FAIL("manifest: inline certificate without "
			    "subject");
		fuzz_touch_str(c->subject);
		fuzz_touch_str(c->issuer);
		for (j = 0; j < c->nnames; j++) {
			if (c->names[j] == NULL)
				FUZZ_FAIL("manifest: NULL certificate name");
			fuzz_touch_str(c->names[j]);
		}
	}
	for (i = 0; i < mf->nmx; i++) {
		if (mf->mx[i].domain == NULL)
			FUZZ_FAIL("manifest: mx entry without domain");
		fuzz_touch_str(mf->mx[i].domain);
		for (j = 0; j < mf->mx[i].nhosts; j++) {
			if (mf->mx[i].hosts[j] == NULL)
				FUZZ_FAIL("manifest: NULL mx host");
			fuzz_touch_str(mf->mx[i].hosts[j]);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 diags = { 0 };
	struct rawfile	 raw;
	struct textfile	 tf;
	struct manifest	*mf;

	if (size > FUZZ_MAX_INPUT || fuzz_rawfile(data, size, &raw) == -1)
		return 0;
	if (text_decode(&raw, "topology.json", '{', &tf, &diags) == 0) {
		mf = manifest_parse("topology.json", tf.text, tf.len, &diags);
		if (mf != NULL) {
			if (diags.nerrors != 0)
				FUZZ_FAIL("manifest_parse returned a manifest "
				    "with errors");
			check_manifest(mf);
			manifest_free(mf);
		} else if (diags.nerrors == 0)
			FUZZ_FAIL("manifest_parse failed without an error "
			    "diagnostic");
		textfile_free(&tf);
	}
	fuzz_diags(&diags);
	diag_free(&diags);
	return 0;
}
