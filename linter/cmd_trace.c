/*
 * cmd_trace.c: `hybridlint trace`: how one message is routed and where
 * Exchange Online attributes it, hop by hop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "formats.h"
#include "run.h"

static int
cmd_trace(struct cli *c)
{
	struct run_opts	 ro = { c->operands, c->noperands, c->asof,
			    RUN_TOPOLOGY };
	struct outsrc	 out;
	struct diags	 d = { 0 };
	struct run	*r;
	struct flow	**f;
	size_t		 n;
	int		 rc;

	if (c->from == NULL || c->mail_from == NULL || c->rcpt_to == NULL) {
		cli_error("trace: --from, --mail-from and --rcpt-to are "
		    "required\nTry 'hybridlint help trace'.");
		return EXIT_TROUBLE;
	}
	r = run_open(&ro);
	diag_print(&r->diags, stderr);
	rc = r->diags.nerrors > 0 ? EXIT_TROUBLE : 0;
	f = sim_trace(r->s, c->from, c->mail_from, c->rcpt_to, &n, &d);
	if (f == NULL) {
		diag_print(&d, stderr);
		diag_free(&d);
		rc = EXIT_TROUBLE;
	} else {
		memset(&out, 0, sizeof(out));
		out.run = r;
		out.flows = (const struct flow *const *)f;
		out.nflows = n;
		if (formats_guard(c, r, NULL, 0) == -1 ||
		    formats_write(c, &out) == -1)
			rc = EXIT_TROUBLE;
	}
	free(f);
	run_close(r);
	return rc;
}

const struct cmd_entry cmd_trace_entry = {
	.name = "trace",
	.usage = "[OPTIONS] PATH... --from ORG|HOST --mail-from ADDR "
	    "--rcpt-to ADDR",
	.summary = "explain, hop by hop, how one message is routed, which\n"
	    "certificate is presented, which inbound connector of\n"
	    "which tenant matches, and why\n",
	.options = OPT(O_FORMAT) | OPT(O_AS_OF) | OPT(O_FROM) |
	    OPT(O_MAIL_FROM) | OPT(O_RCPT_TO),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "text",
	.exec = cmd_trace,
};
