/*
 * check_report.c: the report's parts that the shell tests cannot reach:
 * HTML escaping of every kind of hostile byte, and the "Before and after"
 * section that a later --change feeds with two runs (here the seed sample
 * and its fixed version).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "htmlout.h"
#include "report.h"
#include "run.h"
#include "xalloc.h"

START_TEST(test_html_text)
{
	struct buf	b = { 0 };

	html_text(&b, "<script>\"q\" 'a' & \x01\x7f \xff ok\n\xc3\xa9");
	ck_assert_str_eq(b.p, "&lt;script&gt;&quot;q&quot; &#39;a&#39; &amp; "
	    "\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd ok\n\xc3\xa9");
	buf_reset(&b);
	html_printf(&b, "<a title=\"%s\">%r %z%%</a>", "\"x\"<", "<b>",
	    (size_t)5);
	ck_assert_str_eq(b.p, "<a title=\"&quot;x&quot;&lt;\"><b> 5%</a>");
	buf_free(&b);
}
END_TEST

static struct run *
open_sample(const char *name, struct ruleset *rs, struct engine_opts *eo,
    struct findings **fs)
{
	const char	*top = getenv("top_srcdir");
	struct run_opts	 ro;
	char		*path[1];
	struct run	*r;
	int64_t		 asof = 1795824000;	/* 2026-11-28 */

	path[0] = xasprintf("%s/samples/%s", top != NULL ? top : ".", name);
	memset(&ro, 0, sizeof(ro));
	ro.paths = path;
	ro.npaths = 1;
	ro.asof = asof;
	ro.stage = RUN_FLOWS;
	r = run_open(&ro);
	ck_assert_uint_eq(r->diags.nerrors, 0);
	engine_opts_init(eo, rs, asof);
	*fs = run_lint(r, eo);
	free(path[0]);
	return r;
}

START_TEST(test_before_after)
{
	struct ruleset		 rs;
	struct engine_opts	 eb, ea;
	struct findings		*fb, *fa;
	struct run		*rb, *ra;
	struct report_run	 before, after;
	struct report_opts	 o;
	struct diags		 d = { 0 };
	char			*html, *sec, *res, *intro, *attr;

	ruleset_init(&rs);
	rb = open_sample("varunagroup", &rs, &eb, &fb);
	ra = open_sample("varunagroup-fixed", &rs, &ea, &fa);
	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	before.run = rb;
	before.fs = fb;
	after.run = ra;
	after.fs = fa;
	memset(&o, 0, sizeof(o));
	o.version = "0";
	o.asof = "2026-11-28";
	o.before = &before;
	html = report_html(&after, &o, &d);
	ck_assert_ptr_nonnull(html);
	ck_assert_uint_eq(d.nerrors, 0);
	sec = strstr(html, "<section id=\"compare\">");
	ck_assert_ptr_nonnull(sec);
	ck_assert_ptr_nonnull(strstr(html, "<a href=\"#compare\">"));
	res = strstr(sec, "Findings resolved");
	intro = strstr(sec, "Findings introduced");
	attr = strstr(sec, "Attribution changes");
	ck_assert(res != NULL && intro != NULL && attr != NULL);
	/* HYB001 is resolved, nothing is introduced, and setebos's mail no
	 * longer lands in varuna's tenant. */
	ck_assert(strstr(res, "HYB001") != NULL &&
	    strstr(res, "HYB001") < intro);
	ck_assert(strstr(intro, "<p>None.</p>") != NULL &&
	    strstr(intro, "<p>None.</p>") < attr);
	ck_assert_ptr_nonnull(strstr(attr, "setebos -&gt; SendConnector"));
	ck_assert_ptr_nonnull(strstr(attr, "FOREIGN"));
	free(html);
	/* Without a run before, no such section. */
	o.before = NULL;
	html = report_html(&after, &o, &d);
	ck_assert_ptr_null(strstr(html, "id=\"compare\""));
	free(html);
	diag_free(&d);
	findings_free(fb);
	findings_free(fa);
	engine_opts_release(&eb);
	engine_opts_release(&ea);
	run_close(rb);
	run_close(ra);
	ruleset_release(&rs);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("report");
	TCase	*tc = tcase_create("core");
	SRunner	*sr;
	int	 nf;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_html_text);
	tcase_add_test(tc, test_before_after);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? 0 : 1;
}
