/*
 * cmd_trace.c: `hybridlint trace`: how one message is routed and where
 * Exchange Online attributes it, hop by hop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "formats.h"
#include "checkrun.h"
#include "run.h"

/* Does every route end as the sender's organization expects? */
static int
as_expected(const struct run *r, struct flow *const *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (!flow_as_expected(r->t, f[i]))
			return 0;
	return 1;
}

static int
cmd_trace(struct cli *c)
{
	struct change_set	*cs;
	struct outsrc		 out;
	struct diags		 d = { 0 };
	struct run		*r, *before;
	struct flow		**f;
	const char		**read;
	size_t			  n, nread;
	int			  rc;

	if (c->from == NULL || c->mail_from == NULL || c->rcpt_to == NULL) {
		cli_error("trace: --from, --mail-from and --rcpt-to are "
		    "required\nTry 'hybridlint help trace'.");
		return EXIT_TROUBLE;
	}
	if ((r = checkrun_run(c, RUN_TOPOLOGY, RUN_MODEL, &before, &cs)) ==
	    NULL)
		return EXIT_TROUBLE;
	rc = r->diags.nerrors > 0 ? EXIT_TROUBLE : 0;
	f = sim_trace(r->s, c->from, c->mail_from, c->rcpt_to, &n, &d);
	read = checkrun_read_files(c, NULL, &nread);
	if (f == NULL) {
		diag_print(&d, stderr);
		diag_free(&d);
		rc = EXIT_TROUBLE;
	} else {
		memset(&out, 0, sizeof(out));
		out.run = r;
		out.flows = (const struct flow *const *)f;
		out.nflows = n;
		if (formats_guard(c, r, read, nread) == -1 ||
		    formats_write(c, &out) == -1)
			rc = EXIT_TROUBLE;
		else if (rc == 0 && !as_expected(r, f, n))
			rc = EXIT_FINDINGS;
	}
	free(read);
	free(f);
	run_close(r);
	run_close(before);
	change_free(cs);
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
	    OPT(O_MAIL_FROM) | OPT(O_RCPT_TO) | OPT(O_CHANGE) | OPT(O_COMMAND),
	.flags = CMD_PATHS | CMD_OUTPUTS,
	.default_format = "text",
	.exec = cmd_trace,
};
