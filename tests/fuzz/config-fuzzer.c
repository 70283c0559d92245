/*
 * config-fuzzer.c: bytes -> text_decode('{') -> config_parse over the
 * built-in rules -> config_apply.
 *
 * Oracles: a configuration that is refused says why (an error
 * diagnostic); one that is accepted applies to the engine's options with
 * every switch, severity and option value in range.
 */
#include <stddef.h>
#include <stdint.h>

#include "configfile.h"
#include "engine.h"
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
check_applied(const struct engine_opts *eo)
{
	const struct lint_rule	*r;
	size_t			 i, j;

	for (i = 0; i < eo->rules->n; i++) {
		r = eo->rules->v[i];
		if (eo->set[i].enabled < -1 || eo->set[i].enabled > 1)
			FUZZ_FAIL("%s: switch %d", r->id, eo->set[i].enabled);
		if (eo->set[i].severity < -1 ||
		    eo->set[i].severity > SEV_ERROR)
			FUZZ_FAIL("%s: severity %d", r->id,
			    eo->set[i].severity);
		for (j = 0; j < rule_noptions(r); j++)
			if (eo->set[i].optv[j] < r->options[j].min ||
			    eo->set[i].optv[j] > r->options[j].max)
				FUZZ_FAIL("%s: option %s out of range", r->id,
				    r->options[j].name);
	}
	for (i = 0; i < eo->nwaivers; i++)
		if (eo->waivers[i].rule == NULL ||
		    eo->waivers[i].object == NULL ||
		    eo->waivers[i].reason == NULL ||
		    eo->waivers[i].expires_text == NULL)
			FUZZ_FAIL("waiver %zu incomplete", i);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags		 diags = { 0 };
	struct rawfile		 raw;
	struct textfile		 tf;
	struct ruleset		 rs;
	struct engine_opts	 eo;
	struct config		*cfg;

	if (size > FUZZ_MAX_INPUT || fuzz_rawfile(data, size, &raw) == -1)
		return 0;
	ruleset_init(&rs);
	if (text_decode(&raw, "fuzz.json", '{', &tf, &diags) == 0) {
		cfg = config_parse("fuzz.json", tf.text, tf.len, &rs, &diags);
		if (cfg != NULL) {
			engine_opts_init(&eo, &rs, 0);
			config_apply(cfg, &eo);
			check_applied(&eo);
			engine_opts_release(&eo);
			config_free(cfg);
		} else if (diags.nerrors == 0)
			FUZZ_FAIL("config_parse refused without an error");
		textfile_free(&tf);
	}
	fuzz_diags(&diags);
	diag_free(&diags);
	ruleset_release(&rs);
	return 0;
}
