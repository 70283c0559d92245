/*
 * check_change.c: the change reader (linter/change.c, change_ops.c,
 * props.c) on the seed sample: binding as PowerShell binds, -Identity as
 * Exchange resolves it, values typed and checked, each cmdlet's effect
 * on the records and the edits recorded, the scope directive, located
 * errors for bad input (all or nothing), and model_fork() leaving the
 * loaded model untouched.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "change.h"
#include "load.h"
#include "propset.h"
#include "run.h"
#include "textfile.h"
#include "xalloc.h"

#define IC	"'Inbound from 3c1f8e2a-5d47-4b9e-a2c6-81f0d93e7b14'"
#define HSC	"'Outbound to Office 365 - " \
		"6b1d7a2c-9e35-4f08-b7d1-2c4a8e6f0935'"

static char *
sample(const char *name)
{
	const char	*t = getenv("top_srcdir");

	return xasprintf("%s/samples/%s", t != NULL ? t : ".", name);
}

static struct model *
load(void)
{
	struct diags	 d = { 0 };
	struct model	*m;
	char		*p[1];

	p[0] = sample("varunagroup");
	m = load_paths(p, 1, &d);
	ck_assert_msg(d.nerrors == 0, "%s: %s", p[0], d.n > 0 ? d.v[0].msg :
	    "");
	diag_free(&d);
	free(p[0]);
	return m;
}

/* Apply 'text' (one script); the diagnostics in d. */
static int
apply(struct model *m, const char *text, struct diags *d)
{
	struct change_set	*cs;
	char			*dir;
	int			 rc;

	dir = sample("varunagroup");
	cs = change_parse("t.ps1", dir, text, strlen(text), d);
	free(dir);
	if (cs == NULL)
		return -1;
	rc = change_apply(cs, m, d);
	change_free(cs);
	return rc;
}

static void
ok(struct model *m, const char *text)
{
	struct diags	d = { 0 };
	int		rc = apply(m, text, &d);

	ck_assert_msg(rc == 0 && d.nerrors == 0, "%s: %u:%u: %s", text,
	    d.n > 0 ? d.v[0].line : 0, d.n > 0 ? d.v[0].col : 0,
	    d.n > 0 ? d.v[0].msg : "(no diagnostic)");
	diag_free(&d);
}

/* The first error must be at line:col and contain 'sub'. */
static void
bad(const char *text, unsigned line, unsigned col, const char *sub)
{
	struct model	*m = load();
	struct diags	 d = { 0 };
	size_t		 i;

	ck_assert_msg(apply(m, text, &d) == -1, "accepted: %s", text);
	for (i = 0; i < d.n && d.v[i].level != SEV_ERROR; i++)
		continue;
	ck_assert_uint_lt(i, d.n);
	ck_assert_str_eq(d.v[i].file, "t.ps1");
	ck_assert_msg(d.v[i].line == line && d.v[i].col == col &&
	    strstr(d.v[i].msg, sub) != NULL, "%s: %u:%u: %s; expected "
	    "%u:%u with '%s'", text, d.v[i].line, d.v[i].col, d.v[i].msg,
	    line, col, sub);
	diag_free(&d);
	model_free(m);
}

static struct obj *
find(const struct model *m, enum kind k, const char *org, const char *name)
{
	size_t	i;

	for (i = 0; i < m->nobjs[k]; i++)
		if (strcasecmp(m->objs[k][i]->name, name) == 0 &&
		    (org == NULL || strcmp(m->objs[k][i]->org->id, org) == 0))
			return m->objs[k][i];
	return NULL;
}

static const char *
text(struct model *m, const struct obj *o, const char *prop)
{
	return pset_text(m->arena, o, pset_find(o->kind, prop));
}

#define IC_NAME	"Inbound from 3c1f8e2a-5d47-4b9e-a2c6-81f0d93e7b14"
#define HSC_NAME "Outbound to Office 365 - 6b1d7a2c-9e35-4f08-b7d1-2c4a8e6f0935"

START_TEST(test_set_and_edits)
{
	struct model		*m = load();
	struct obj		*ic = find(m, K_INBOUND, NULL, IC_NAME);
	const struct edit	*e;

	ck_assert_ptr_nonnull(ic);
	ok(m, "set-inboundconnector -identity " IC " "
	    "-tlssendercertificatename SMTPO365.varunagroup.de");
	ck_assert_str_eq(((struct inbound_connector *)ic)->
	    tls_sender_cert_name, "smtpo365.varunagroup.de");
	ck_assert_uint_eq(m->nedits, 1);
	e = m->edits[0];
	ck_assert_ptr_eq(e->o, ic);
	ck_assert_ptr_eq(ic->edit, e);
	ck_assert_str_eq(e->prop, "TlsSenderCertificateName");
	ck_assert_str_eq(e->before, "*.varunagroup.de");
	ck_assert_str_eq(e->after, "smtpo365.varunagroup.de");
	ck_assert_str_eq(e->cmd, "Set-InboundConnector");
	ck_assert_uint_eq(e->loc.line, 1);
	ck_assert_uint_eq(e->loc.col, 1);
	/* The same value again changes nothing and records nothing. */
	ok(m, "Set-InboundConnector " IC " -TlsSenderCertificateName "
	    "smtpo365.varunagroup.de");
	ck_assert_uint_eq(m->nedits, 1);
	ck_assert_ptr_eq(model_edit_of(m, ic, "TlsSenderCertificateName"), e);
	model_free(m);
}
END_TEST

START_TEST(test_binding)
{
	struct model	*m = load();
	struct obj	*ic = find(m, K_INBOUND, NULL, IC_NAME);
	struct obj	*sc = find(m, K_SEND, "varuna", HSC_NAME);

	/* Unambiguous prefix, -Name:value, a switch, continuation. */
	ok(m, "Set-InboundConnector -Id " IC " -TlsSend:'a.varunagroup.de' `\n"
	    "  -Confirm:$false -RequireTls $false");
	ck_assert_str_eq(text(m, ic, "TlsSenderCertificateName"),
	    "a.varunagroup.de");
	ck_assert_str_eq(text(m, ic, "RequireTls"), "False");
	/* A value after a switch is the next positional argument. */
	ok(m, "Set-SendConnector -Confirm " HSC " -Fqdn x.varunagroup.de");
	ck_assert_str_eq(text(m, sc, "Fqdn"), "x.varunagroup.de");
	/* Booleans bind from numbers, as in PowerShell. */
	ok(m, "Set-SendConnector " HSC " -RequireTLS 0");
	ck_assert_str_eq(text(m, sc, "RequireTLS"), "False");
	/* -WhatIf changes nothing. */
	ok(m, "Set-SendConnector " HSC " -Fqdn y.varunagroup.de -WhatIf");
	ck_assert_str_eq(text(m, sc, "Fqdn"), "x.varunagroup.de");
	model_free(m);
}
END_TEST

START_TEST(test_binding_errors)
{
	bad("Set-SendConnector " HSC " -Tls x", 1, 83, "ambiguous");
	bad("Set-InboundConnector " IC " -Comment 'x'", 1, 74,
	    "not a parameter hybridlint reads");
	bad("Set-InboundConnector " IC " -RequireTls $true -requiretls $false",
	    1, 92, "given twice");
	bad("Set-InboundConnector " IC " 'more'", 1, 74, "positional");
	bad("Set-InboundConnector " IC " -RequireTls", 1, 74, "needs a value");
	bad("Set-InboundConnector " IC " -RequireTls 'yes'", 1, 86,
	    "takes $true or $false");
	bad("Set-AcceptedDomain -Identity varunagroup.de -DomainName x.de", 1,
	    45, "only New- sets it");
	bad("Frob-Widget -X 1", 1, 1, "not a cmdlet hybridlint reads");
	bad("Get-InboundConnector", 1, 1, "changes nothing");
	bad("\n  Disable-SendConnector Internet", 2, 3,
	    "use Set-SendConnector -Enabled $false");
	bad("Set-InboundConnector -TlsSenderCertificateName a.b", 1, 1,
	    "needs -Identity");
}
END_TEST

START_TEST(test_identity)
{
	struct model	*m = load();
	struct obj	*ad, *rc;

	/* Distinguished name and GUID. */
	ok(m, "Set-InboundConnector 'CN=Inbound from 3c1f8e2a-5d47-4b9e-a2c6-"
	    "81f0d93e7b14,CN=Transport Settings,CN=Configuration,CN="
	    "varunagroup.onmicrosoft.com,CN=ConfigurationUnits,DC=EURPR03A001,"
	    "DC=PROD,DC=OUTLOOK,DC=COM' -EFTestMode $true");
	ok(m, "Set-InboundConnector '{A8D40F6E-1C92-4B57-8E3A-6F2B9D0C47E1}' "
	    "-EFSkipLastIP $true");
	/* Both compare without case; the GUID also without braces. */
	ok(m, "Set-InboundConnector 'cn=inbound from 3c1f8e2a-5d47-4b9e-a2c6-"
	    "81f0d93e7b14,cn=transport settings,cn=configuration,cn="
	    "VARUNAGROUP.onmicrosoft.com,CN=ConfigurationUnits,DC=EURPR03A001,"
	    "DC=PROD,DC=OUTLOOK,DC=COM' -EFTestMode $false");
	ok(m, "Set-InboundConnector a8d40f6e-1c92-4b57-8e3a-6f2b9d0c47e1 "
	    "-EFSkipLastIP $false");
	ad = find(m, K_ACCEPTED, "varuna", "varunagroup.de");
	ck_assert_ptr_nonnull(ad);
	/* Server\Name for receive connectors. */
	ok(m, "Set-ReceiveConnector 'EX01\\Default Frontend EX01' -RequireTLS "
	    "$true");
	rc = find(m, K_RECEIVE, "varuna", "Default Frontend EX01");
	ck_assert_str_eq(text(m, rc, "RequireTLS"), "True");
	ok(m, "Set-ReceiveConnector 'ex01.varunagroup.local\\Default Frontend "
	    "EX01' -RequireTLS $false");
	ck_assert_str_eq(text(m, rc, "RequireTLS"), "False");
	model_free(m);
	bad("Set-InboundConnector 'Inbound from nowhere' -RequireTls $true", 1,
	    22, "no InboundConnector 'Inbound from nowhere'");
	/* One character off is another object. */
	bad("Set-InboundConnector 'CN=Inbound from 3c1f8e2a-5d47-4b9e-a2c6-"
	    "81f0d93e7b14,CN=Transport Settings,CN=Configuration,CN="
	    "varunagroup.onmicrosoft.com,CN=ConfigurationUnits,DC=EURPR03A001,"
	    "DC=PROD,DC=OUTLOOK,DC=CO' -EFTestMode $true", 1, 22,
	    "no InboundConnector");
	bad("Set-InboundConnector '{A8D40F6E-1C92-4B57-8E3A-6F2B9D0C47E0}' "
	    "-EFSkipLastIP $true", 1, 22, "no InboundConnector");
	/* 'Internet' is a send connector of varuna and of setebos. */
	bad("Set-SendConnector Internet -Port 26", 1, 19, "names 2 objects");
}
END_TEST

START_TEST(test_scope)
{
	struct model	*m = load();
	struct obj	*v = find(m, K_SEND, "varuna", "Internet");
	struct obj	*s = find(m, K_SEND, "setebos", "Internet");

	ok(m, "#hybridlint: org=setebos\nSet-SendConnector Internet -Port 26\n"
	    "#hybridlint: org=varuna side=on-premises\n"
	    "Set-SendConnector Internet -Port 27");
	ck_assert_str_eq(text(m, s, "Port"), "26");
	ck_assert_str_eq(text(m, v, "Port"), "27");
	model_free(m);
	bad("#hybridlint: org=nobody\nSet-SendConnector Internet -Port 2", 1, 1,
	    "no organization 'nobody'");
	bad("#hybridlint: colour=blue", 1, 1, "unknown key");
	bad("#hybridlint: side=exchange-online\nSet-SendConnector Internet "
	    "-Port 2", 2, 19, "no SendConnector 'Internet'");
	/* New-RemoteDomain exists on both sides, and varuna has both. */
	bad("#hybridlint: org=varuna\nNew-RemoteDomain -Name x -DomainName "
	    "x.example", 2, 1, "say which");
}
END_TEST

START_TEST(test_values)
{
	struct model	*m = load();
	struct obj	*ic = find(m, K_INBOUND, NULL, IC_NAME);
	struct obj	*sc = find(m, K_SEND, "varuna", HSC_NAME);
	struct obj	*rc = find(m, K_RECEIVE, "varuna", "Default Frontend "
			    "EX01");

	ok(m, "Set-InboundConnector " IC " -SenderIPAddresses 192.0.2.1,"
	    "198.51.100.0/24");
	ck_assert_str_eq(text(m, ic, "SenderIPAddresses"),
	    "192.0.2.1, 198.51.100.0/24");
	ok(m, "Set-InboundConnector " IC " -SenderIPAddresses "
	    "@{Add='203.0.113.7'; Remove='192.0.2.1'}");
	ck_assert_str_eq(text(m, ic, "SenderIPAddresses"),
	    "198.51.100.0/24, 203.0.113.7");
	ok(m, "Set-InboundConnector " IC " -SenderIPAddresses $null");
	ck_assert_str_eq(text(m, ic, "SenderIPAddresses"), "");
	/* Address spaces in canonical form: Remove finds smtp:*;1. */
	ok(m, "Set-SendConnector " HSC " -AddressSpaces @{Add='contoso.com';"
	    "Remove='smtp:varunagroup.mail.onmicrosoft.com;1'}");
	ck_assert_str_eq(text(m, sc, "AddressSpaces"), "SMTP:contoso.com;1");
	/* Enumerations by name or number, flags from a list. */
	ok(m, "Set-SendConnector " HSC " -TlsAuthLevel certificatevalidation");
	ck_assert_str_eq(text(m, sc, "TlsAuthLevel"), "CertificateValidation");
	ok(m, "Set-ReceiveConnector 'EX01\\Default Frontend EX01' "
	    "-AuthMechanism Tls,ExchangeServer");
	ck_assert_str_eq(text(m, rc, "AuthMechanism"), "Tls,ExchangeServer");
	ok(m, "Set-SendConnector " HSC " -TlsCertificateName "
	    "'<I>CN=Issuer<S>CN=smtpo365.varunagroup.de'");
	ck_assert_str_eq(text(m, sc, "TlsCertificateName"),
	    "<I>CN=Issuer<S>CN=smtpo365.varunagroup.de");
	model_free(m);
}
END_TEST

START_TEST(test_value_errors)
{
	/* Exchange Online takes /24 to /32 here. */
	bad("Set-InboundConnector " IC " -SenderIPAddresses 10.0.0.0/16", 1,
	    93, "/24 to /32");
	bad("Set-InboundConnector " IC " -SenderIPAddresses 2001:db8::1", 1,
	    93, "/24 to /32");
	bad("Set-InboundConnector " IC " -TlsSenderCertificateName "
	    "'domain.*.varunagroup.de'", 1, 100, "not a valid domain");
	bad("Set-SendConnector " HSC " -TlsAuthLevel Strong", 1, 97,
	    "not one of the values");
	bad("Set-SendConnector " HSC " -Port 70000", 1, 89, "whole number");
	bad("Set-SendConnector " HSC " -SmartHosts 'relay.example'", 1, 1,
	    "DNSRoutingEnabled");
	bad("Set-SendConnector " HSC " -TlsCertificateName 'nonsense'", 1,
	    103, "<I>issuer<S>subject");
	bad("Set-InboundConnector " IC " -SenderDomains @{Add='a.de'; "
	    "Drop='b.de'}", 1, 89, "keys Add and Remove");
	bad("Set-JournalRule 'Journal all mail' -JournalEmailAddress "
	    "'not an address'", 1, 57, "not an SMTP address");
	bad("Set-InboundConnector " IC " -TreatMessagesAsInternal $true", 1, 1,
	    "OnPremises connector with CloudServicesMailEnabled $false");
}
END_TEST

START_TEST(test_new_remove)
{
	struct model		*m = load();
	struct obj		*o;
	size_t			 n = m->nobjs[K_INBOUND];
	struct inbound_connector *ic;

	ok(m, "New-InboundConnector 'Partner Litware' -ConnectorType Partner "
	    "-SenderDomains litware.example -RequireTls $true");
	ck_assert_uint_eq(m->nobjs[K_INBOUND], n + 1);
	o = find(m, K_INBOUND, "varuna", "Partner Litware");
	ck_assert_ptr_nonnull(o);
	ic = (struct inbound_connector *)o;
	ck_assert_int_eq(ic->type, CT_PARTNER);
	ck_assert_int_eq(o->side, SIDE_EXO);
	ck_assert_str_eq(o->loc.file, "t.ps1");
	/* Unset properties: known, empty or at the documented default. */
	ck_assert_int_eq(obj_exported(o, "SenderIPAddresses"), 1);
	ck_assert_int_eq(ic->restrict_to_cert, 0);
	ck_assert_int_eq(o->enabled, 1);
	ck_assert_int_eq(m->edits[0]->op, EDIT_NEW);
	ok(m, "Remove-InboundConnector 'Partner Litware' -Confirm:$false");
	ck_assert_uint_eq(m->nobjs[K_INBOUND], n);
	ck_assert_int_eq(m->edits[m->nedits - 1]->op, EDIT_REMOVE);
	ok(m, "Disable-JournalRule 'Journal all mail'");
	ck_assert_int_eq(find(m, K_JOURNAL, NULL, "Journal all mail")->enabled,
	    0);
	ok(m, "#hybridlint: org=varuna side=on-premises\n"
	    "New-RemoteDomain 'Contoso' "
	    "-DomainName contoso.example\nSet-RemoteDomain Contoso "
	    "-TargetDeliveryDomain $true");
	o = find(m, K_REMOTE, "varuna", "Contoso");
	ck_assert_int_eq(o->side, SIDE_ONPREM);
	ck_assert_int_eq(((struct remote_domain *)o)->target_delivery, 1);
	model_free(m);
	bad("New-InboundConnector " IC " -SenderDomains '*'", 1, 1,
	    "already exists");
	bad("New-InboundConnector 'x'", 1, 1, "needs -SenderDomains");
	bad("New-SendConnector -Name 'x' -AddressSpaces '*'", 1, 1,
	    "which organization");
}
END_TEST

START_TEST(test_certificates)
{
	struct model		*m = load();
	struct certificate	*ct;
	size_t			 n = m->nobjs[K_CERT], i;
	char			*line;

	ok(m, "Import-ExchangeCertificate -Server EX01 -FileData "
	    "([System.IO.File]::ReadAllBytes('gateways/mx01.pem'))");
	ck_assert_uint_eq(m->nobjs[K_CERT], n + 1);
	ct = (struct certificate *)m->objs[K_CERT][n];
	ck_assert_str_eq(ct->server, "EX01");
	ck_assert_int_eq(ct->services, 0);
	ck_assert_str_eq(ct->cn, "mx01.varunagroup.de");
	line = xasprintf("Enable-ExchangeCertificate -Thumbprint '%s' "
	    "-Services SMTP,IIS -Server ex01.varunagroup.local",
	    ct->thumbprint);
	ok(m, line);
	free(line);
	ck_assert_int_eq(ct->services, SVC_SMTP | SVC_IIS);
	/* Services are additive. */
	line = xasprintf("Enable-ExchangeCertificate 'EX01\\%s' -Services "
	    "POP", ct->thumbprint);
	ok(m, line);
	free(line);
	ck_assert_int_eq(ct->services, SVC_SMTP | SVC_IIS | SVC_POP);
	line = xasprintf("Remove-ExchangeCertificate -Thumbprint '%s' "
	    "-Server EX01", ct->thumbprint);
	ok(m, line);
	free(line);
	ck_assert_uint_eq(m->nobjs[K_CERT], n);
	for (i = 0; i < m->nedits; i++)
		ck_assert_ptr_eq(m->edits[i]->o, &ct->o);
	model_free(m);
	bad("Import-ExchangeCertificate -Server EX01 -FileName 'topology.json'",
	    1, 51, "is not a certificate");
	bad("Import-ExchangeCertificate -Server EX01 -FileName 'no/such.pem'",
	    1, 51, "no/such.pem");
	bad("Import-ExchangeCertificate -Server NOPE -FileName "
	    "'gateways/mx01.pem'", 1, 36, "no server 'NOPE'");
	bad("Enable-ExchangeCertificate -Thumbprint 'ABCD' -Services SMTP", 1,
	    40, "no certificate 'ABCD'");
}
END_TEST

START_TEST(test_fork)
{
	struct model		*m = load(), *f;
	struct obj		*ic = find(m, K_INBOUND, NULL, IC_NAME), *fic;
	struct diags		 d = { 0 };

	f = model_fork(m);
	ck_assert_uint_eq(f->nobjs[K_INBOUND], m->nobjs[K_INBOUND]);
	ck_assert_int_eq(apply(f, "Set-InboundConnector " IC " -SenderDomains "
	    "@{Add='contoso.com'} -TlsSenderCertificateName x.varunagroup.de\n"
	    "Remove-JournalRule 'Journal all mail'", &d), 0);
	fic = find(f, K_INBOUND, NULL, IC_NAME);
	ck_assert_ptr_ne(fic, ic);
	ck_assert_str_eq(text(f, fic, "TlsSenderCertificateName"),
	    "x.varunagroup.de");
	ck_assert_str_eq(text(m, ic, "TlsSenderCertificateName"),
	    "*.varunagroup.de");
	ck_assert_str_eq(text(m, ic, "SenderDomains"), "SMTP:*;1");
	ck_assert_ptr_null(ic->edit);
	ck_assert_uint_eq(m->nedits, 0);
	ck_assert_ptr_nonnull(find(m, K_JOURNAL, NULL, "Journal all mail"));
	ck_assert_ptr_null(find(f, K_JOURNAL, NULL, "Journal all mail"));
	ck_assert_ptr_eq(fic->org, f->orgs[fic->org->index]);
	diag_free(&d);
	model_free(f);
	model_free(m);
}
END_TEST

/* A script with one bad line applies nothing a caller may use. */
START_TEST(test_all_or_nothing)
{
	struct change_set	*cs;
	struct diags		 d = { 0 };
	struct run_opts		 ro;
	struct run		*r;
	char			*p[1];
	const char		*t = "Set-InboundConnector " IC " -RequireTls "
				    "$false\nSet-InboundConnector " IC
				    " -Bogus 1\n";

	cs = change_parse("t.ps1", ".", t, strlen(t), &d);
	ck_assert_ptr_nonnull(cs);
	ck_assert_uint_eq(change_count(cs), 2);
	p[0] = sample("varunagroup");
	memset(&ro, 0, sizeof(ro));
	ro.paths = p;
	ro.npaths = 1;
	ro.stage = RUN_FLOWS;
	ro.changes = cs;
	r = run_open(&ro);
	ck_assert_int_eq(r->change_failed, 1);
	ck_assert_ptr_null(r->t);
	ck_assert_ptr_null(r->s);
	ck_assert_uint_ge(r->diags.nerrors, 1);
	run_close(r);
	change_free(cs);
	free(p[0]);
	diag_free(&d);
}
END_TEST

/* The man page's table names every cmdlet's noun and every parameter. */
START_TEST(test_manpage)
{
	const struct psetdef	*pd;
	const char		*t = getenv("top_srcdir"), *name, *sec, *end;
	struct rawfile		 raw;
	struct diags		 d = { 0 };
	char			*path, *text;
	size_t			 i, k, n;

	path = xasprintf("%s/hybridlint.1", t != NULL ? t : ".");
	ck_assert_int_eq(rawfile_read(path, path, 1 << 20, &raw, &d), 0);
	text = (char *)raw.data;
	ck_assert_ptr_nonnull(sec = strstr(text, ".Sh CHANGE SCRIPTS"));
	ck_assert_ptr_nonnull(end = strstr(sec + 1, ".Sh "));
	text[end - text] = '\0';
	for (i = 0; (name = change_cmdlet(i)) != NULL; i++)
		ck_assert_msg(strstr(sec, strchr(name, '-') + 1) != NULL,
		    "hybridlint.1: %s is not in CHANGE SCRIPTS", name);
	for (k = 0; k < K__COUNT; k++) {
		pd = psets_of((enum kind)k, &n);
		for (i = 0; i < n; i++)
			if (pd[i].flags & (P_SET | P_NEW))
				ck_assert_msg(strstr(sec, pset_param(&pd[i])) !=
				    NULL, "hybridlint.1: -%s of %s is not in "
				    "CHANGE SCRIPTS", pset_param(&pd[i]),
				    kind_name((enum kind)k));
	}
	rawfile_free(&raw);
	diag_free(&d);
	free(path);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("change");
	TCase	*tc = tcase_create("reader");
	SRunner	*sr;
	int	 nf;

	tcase_add_test(tc, test_set_and_edits);
	tcase_add_test(tc, test_binding);
	tcase_add_test(tc, test_binding_errors);
	tcase_add_test(tc, test_identity);
	tcase_add_test(tc, test_scope);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_value_errors);
	tcase_add_test(tc, test_new_remove);
	tcase_add_test(tc, test_certificates);
	tcase_add_test(tc, test_fork);
	tcase_add_test(tc, test_all_or_nothing);
	tcase_add_test(tc, test_manpage);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
