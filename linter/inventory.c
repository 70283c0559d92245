/*
 * inventory.c: every organization, side, object kind, object name and
 * source location that was loaded, and what was skipped and why.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"

#include "digest.h"
#include "facts.h"
#include "inventory.h"
#include "xalloc.h"

/* A certificate's facts, one "      Name: value" line each. */
static void
cert_text(const struct certificate *c, FILE *fp)
{
	struct arena	 *a = arena_new();
	const char	 *s;
	char		  d[11];
	size_t		  i;

	fprintf(fp, "      Subject: %s\n", c->subject != NULL ? c->subject :
	    "unknown");
	fputs("      CertificateDomains:", fp);
	if (!c->domains.known)
		fputs(" unknown", fp);
	for (i = 0; i < c->domains.n; i++)
		fprintf(fp, "%s%s", i ? ", " : " ", c->domains.v[i]);
	fprintf(fp, "%s\n", c->domains.known && c->domains.n == 0 ?
	    " (none)" : "");
	fprintf(fp, "      Issuer: %s\n", c->issuer != NULL ? c->issuer :
	    "unknown");
	fprintf(fp, "      Thumbprint: %s\n", c->thumbprint != NULL ?
	    c->thumbprint : "unknown");
	if (c->not_before != 0) {
		format_date(c->not_before, d);
		fprintf(fp, "      NotBefore: %s\n", d);
	} else
		fputs("      NotBefore: unknown\n", fp);
	if (c->not_after != 0) {
		format_date(c->not_after, d);
		fprintf(fp, "      NotAfter: %s\n", d);
	} else
		fputs("      NotAfter: unknown\n", fp);
	s = cert_services_text(a, c);
	fprintf(fp, "      Services: %s\n", s != NULL ? s : "unknown");
	fprintf(fp, "      Server: %s\n", c->server != NULL ? c->server :
	    "unknown");
	fprintf(fp, "      IsSelfSigned: %s\n", c->self_signed == TB_UNKNOWN ?
	    "unknown" : c->self_signed ? "true" : "false");
	arena_free(a);
}

/* A connector's deciding settings, one "      Name: value" line each. */
static void
settings_text(const struct obj *o, FILE *fp)
{
	struct arena	*a = arena_new();
	struct fact	 v[FACTS_MAX];
	size_t		 i, n;

	n = connector_facts(a, o, v);
	for (i = 0; i < n; i++)
		fprintf(fp, "      %s: %s\n", v[i].name, fact_text(a, &v[i]));
	arena_free(a);
}

/* Objects of one organization in kind order, then file order. */
static void
org_text(const struct model *m, const struct org *org, FILE *fp)
{
	const struct obj	*o;
	size_t			 k, i, n = 0;

	for (k = 0; k < K__COUNT; k++)
		for (i = 0; i < m->nobjs[k]; i++)
			if (m->objs[k][i]->org == org)
				n++;
	fprintf(fp, "organization %s", org->id);
	if (org->name != NULL && strcmp(org->name, org->id) != 0)
		fprintf(fp, " (%s)", org->name);
	fprintf(fp, ": %s%s%s, %zu object%s [from %s]\n",
	    org->has_onprem ? "on-premises" : "",
	    org->has_onprem && org->has_exo ? " + " : "",
	    org->has_exo ? "Exchange Online" :
	    (org->has_onprem ? "" : "nothing loaded"),
	    n, n == 1 ? "" : "s", org->from != NULL ? org->from : "?");
	for (k = 0; k < K__COUNT; k++) {
		for (i = 0; i < m->nobjs[k]; i++) {
			o = m->objs[k][i];
			if (o->org != org)
				continue;
			fprintf(fp, "  %-15s %-22s %s  %s:%u", side_name(o->side),
			    kind_name(o->kind), o->name, o->loc.file,
			    o->loc.line);
			if (o->side_reason != NULL &&
			    strcmp(o->side_reason, "manifest") != 0)
				fprintf(fp, "  (side: %s)", o->side_reason);
			if (o->ntruncated > 0)
				fprintf(fp, "  (truncated: %zu propert%s)",
				    (size_t)o->ntruncated,
				    o->ntruncated == 1 ? "y" : "ies");
			fputc('\n', fp);
			if (k == K_CERT)
				cert_text((const struct certificate *)o, fp);
			else
				settings_text(o, fp);
		}
	}
}

/* An object no organization holds (a gateway's certificate is held). */
static int
unowned(const struct obj *o)
{
	return o->org == NULL && (o->kind != K_CERT ||
	    ((const struct certificate *)o)->gateway == NULL);
}

static void
gateways_text(const struct model *m, FILE *fp)
{
	const struct gateway	*g;
	size_t			 i, j;

	if (m->ngateways > 0)
		fprintf(fp, "gateways:\n");
	for (i = 0; i < m->ngateways; i++) {
		g = m->gateways[i];
		fprintf(fp, "  %s  %s", g->id, g->name);
		for (j = 0; j < g->naddrs; j++)
			fprintf(fp, "%s%s", j == 0 ? "  " : ", ",
			    g->addrs_text[j]);
		if (g->cert != NULL)
			fprintf(fp, "  certificate %s (%s:%u)",
			    g->cert->subject != NULL ? g->cert->subject : "?",
			    g->cert->o.loc.file, g->cert->o.loc.line);
		else
			fprintf(fp, "  no certificate declared");
		if (g->operated_by != NULL)
			fprintf(fp, "  operated by %s", g->operated_by->id);
		fputc('\n', fp);
	}
}

/* What was skipped, and every file read with its digest. */
static void
files_text(const struct model *m, FILE *fp)
{
	char	hex[SHA256_HEX_LEN + 1];
	size_t	i;

	if (m->nskipped > 0)
		fprintf(fp, "skipped:\n");
	for (i = 0; i < m->nskipped; i++) {
		fprintf(fp, "  %s", m->skipped[i].loc.file);
		if (m->skipped[i].loc.line)
			fprintf(fp, ":%u", m->skipped[i].loc.line);
		fprintf(fp, "  %s: %s\n", m->skipped[i].what,
		    m->skipped[i].why);
	}
	if (m->nfiles == 0)
		return;
	fprintf(fp, "files read:\n");
	for (i = 0; i < m->nfiles; i++) {
		fprintf(fp, "  %s  ", m->files[i].sha256);
		print_safe(fp, m->files[i].path);
		fprintf(fp, "  %" PRIu64 " bytes\n", m->files[i].size);
	}
	inputs_digest(m->files, m->nfiles, hex);
	fprintf(fp, "  %s  (SHA-256 of the listing sorted by path)\n", hex);
}

void
inventory_text(const struct model *m, const struct diags *d, FILE *fp)
{
	const struct obj	*o;
	size_t			 i, j, k, total = 0, nunowned = 0;

	for (i = 0; i < m->norgs; i++)
		org_text(m, m->orgs[i], fp);
	for (k = 0; k < K__COUNT; k++) {
		total += m->nobjs[k];
		for (i = 0; i < m->nobjs[k]; i++)
			nunowned += unowned(m->objs[k][i]);
	}
	if (nunowned > 0) {
		fprintf(fp, "no organization:\n");
		for (k = 0; k < K__COUNT; k++)
			for (i = 0; i < m->nobjs[k]; i++)
				if (unowned(o = m->objs[k][i]))
					fprintf(fp, "  %-22s %s  %s:%u\n",
					    kind_name(o->kind), o->name,
					    o->loc.file, o->loc.line);
	}
	gateways_text(m, fp);
	if (m->nmx > 0) {
		fprintf(fp, "dns mx:\n");
		for (i = 0; i < m->nmx; i++) {
			fprintf(fp, "  %s ->", m->mx[i].domain);
			for (j = 0; j < m->mx[i].nhosts; j++)
				fprintf(fp, " %s", m->mx[i].hosts[j]);
			fputc('\n', fp);
		}
	}
	files_text(m, fp);
	fprintf(fp, "%zu organization%s, %zu gateway%s, %zu object%s in "
	    "%zu file%s, %zu skipped, %zu input error%s\n",
	    m->norgs, m->norgs == 1 ? "" : "s",
	    m->ngateways, m->ngateways == 1 ? "" : "s",
	    total, total == 1 ? "" : "s", m->ndocs, m->ndocs == 1 ? "" : "s",
	    m->nskipped, d->nerrors, d->nerrors == 1 ? "" : "s");
}

static json_t *
loc_json(const struct loc *l)
{
	json_t	*j = json_object();

	json_object_set_new(j, "file", json_text(l->file));
	if (l->line)
		json_object_set_new(j, "line", json_integer(l->line));
	if (l->pointer != NULL)
		json_object_set_new(j, "pointer", json_text(l->pointer));
	return j;
}

static json_t *
orgs_json(const struct model *m)
{
	json_t	*arr = json_array(), *o;
	size_t	 i;

	for (i = 0; i < m->norgs; i++) {
		o = json_object();
		json_object_set_new(o, "id", json_text(m->orgs[i]->id));
		json_object_set_new(o, "name", json_text(m->orgs[i]->name));
		json_object_set_new(o, "onprem",
		    json_boolean(m->orgs[i]->has_onprem));
		json_object_set_new(o, "exchange_online",
		    json_boolean(m->orgs[i]->has_exo));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* A fact's value in JSON (known facts only). */
static json_t *
fact_json(const struct fact *f)
{
	json_t	*x;
	size_t	 i;

	switch (f->type) {
	case FACT_BOOL:
		return json_boolean(f->b);
	case FACT_INT:
		return json_integer((json_int_t)f->i);
	case FACT_LIST:
		x = json_array();
		for (i = 0; i < f->n; i++)
			json_array_append_new(x, json_text(f->v[i] != NULL ?
			    f->v[i] : ""));
		return x;
	case FACT_TEXT:
		break;
	}
	return json_text(f->text);
}

/* "settings" (known values) and "unknown_settings" of a connector. */
static void
settings_json(json_t *o, const struct obj *ob)
{
	struct arena	*a = arena_new();
	struct fact	 v[FACTS_MAX];
	json_t		*set = json_object(), *unk = json_array();
	size_t		 i, n;

	n = connector_facts(a, ob, v);
	for (i = 0; i < n; i++) {
		if (v[i].known)
			json_object_set_new(set, v[i].name, fact_json(&v[i]));
		else
			json_array_append_new(unk, json_text(v[i].name));
	}
	json_object_set_new(o, "settings", set);
	json_object_set_new(o, "unknown_settings", unk);
	arena_free(a);
}

static json_t *
date_json(int64_t t)
{
	char	d[11];

	if (t == 0)
		return json_null();
	format_date(t, d);
	return json_text(d);
}

static json_t *
cert_json(const struct certificate *c)
{
	struct arena	*a = arena_new();
	json_t		*o = json_object(), *x;
	const char	*s;
	size_t		 i;

	json_object_set_new(o, "subject", json_text(c->subject));
	x = json_array();
	for (i = 0; i < c->domains.n; i++)
		json_array_append_new(x, json_text(c->domains.v[i]));
	json_object_set_new(o, "names", c->domains.known ? x :
	    (json_decref(x), json_null()));
	json_object_set_new(o, "issuer", json_text(c->issuer));
	json_object_set_new(o, "thumbprint", json_text(c->thumbprint));
	json_object_set_new(o, "not_before", date_json(c->not_before));
	json_object_set_new(o, "not_after", date_json(c->not_after));
	if ((s = cert_services_text(a, c)) != NULL) {
		x = json_array();
		if (c->services > 0) {
			char	*copy = xstrdup(s), *tok, *save;

			for (tok = strtok_r(copy, ", ", &save); tok != NULL;
			    tok = strtok_r(NULL, ", ", &save))
				json_array_append_new(x, json_text(tok));
			free(copy);
		}
		json_object_set_new(o, "services", x);
	} else
		json_object_set_new(o, "services", json_null());
	json_object_set_new(o, "server", json_text(c->server));
	json_object_set_new(o, "self_signed", c->self_signed == TB_UNKNOWN ?
	    json_null() : json_boolean(c->self_signed));
	json_object_set_new(o, "status", c->status >= 0 ?
	    json_text(cert_status_name(c->status)) : json_null());
	json_object_set_new(o, "gateway", json_text(c->gateway));
	arena_free(a);
	return o;
}

static json_t *
files_json(const struct model *m)
{
	json_t	*arr = json_array(), *o;
	size_t	 i;

	for (i = 0; i < m->nfiles; i++) {
		o = json_object();
		json_object_set_new(o, "path", json_text(m->files[i].path));
		json_object_set_new(o, "size",
		    json_integer((json_int_t)m->files[i].size));
		json_object_set_new(o, "sha256", json_text(m->files[i].sha256));
		json_object_set_new(o, "organization", m->files[i].org != NULL ?
		    json_text(m->files[i].org->id) : json_null());
		json_object_set_new(o, "role", json_text(m->files[i].role));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *
obj_json(const struct obj *ob)
{
	json_t	*o = json_object(), *x;
	size_t	 j;

	json_object_set_new(o, "organization", ob->org != NULL ?
	    json_text(ob->org->id) : json_null());
	json_object_set_new(o, "side", json_text(side_name(ob->side)));
	json_object_set_new(o, "side_reason",
	    json_text(ob->side_reason ? ob->side_reason : ""));
	json_object_set_new(o, "kind", json_text(kind_name(ob->kind)));
	json_object_set_new(o, "name", json_text(ob->name));
	json_object_set_new(o, "identity", json_text(ob->identity));
	json_object_set_new(o, "location", loc_json(&ob->loc));
	x = json_array();
	for (j = 0; j < ob->ntruncated; j++)
		json_array_append_new(x, json_text(ob->truncated[j]));
	json_object_set_new(o, "truncated", x);
	if (ob->kind == K_CERT)
		json_object_set_new(o, "certificate",
		    cert_json((const struct certificate *)ob));
	else if (ob->kind == K_INBOUND || ob->kind == K_OUTBOUND ||
	    ob->kind == K_SEND || ob->kind == K_RECEIVE)
		settings_json(o, ob);
	return o;
}

static json_t *
gateway_json(const struct gateway *g)
{
	json_t	*o = json_object(), *x;
	size_t	 j;

	json_object_set_new(o, "id", json_text(g->id));
	json_object_set_new(o, "name", json_text(g->name));
	x = json_array();
	for (j = 0; j < g->naddrs; j++)
		json_array_append_new(x, json_text(g->addrs_text[j]));
	json_object_set_new(o, "addresses", x);
	json_object_set_new(o, "certificate", g->cert != NULL &&
	    g->cert->subject != NULL ? json_text(g->cert->subject) :
	    json_null());
	json_object_set_new(o, "operated_by", g->operated_by ?
	    json_text(g->operated_by->id) : json_null());
	return o;
}

char *
inventory_json(const struct model *m, const struct diags *d)
{
	json_t	*root, *arr, *o;
	size_t	 i, k;
	char	*out;

	root = json_object();
	json_object_set_new(root, "schema",
	    json_text("hybridlint-inventory/1"));
	json_object_set_new(root, "organizations", orgs_json(m));
	arr = json_array();
	for (k = 0; k < K__COUNT; k++)
		for (i = 0; i < m->nobjs[k]; i++)
			json_array_append_new(arr, obj_json(m->objs[k][i]));
	json_object_set_new(root, "objects", arr);
	arr = json_array();
	for (i = 0; i < m->ngateways; i++)
		json_array_append_new(arr, gateway_json(m->gateways[i]));
	json_object_set_new(root, "gateways", arr);
	arr = json_array();
	for (i = 0; i < m->nskipped; i++) {
		o = json_object();
		json_object_set_new(o, "location", loc_json(&m->skipped[i].loc));
		json_object_set_new(o, "what", json_text(m->skipped[i].what));
		json_object_set_new(o, "why", json_text(m->skipped[i].why));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "skipped", arr);
	json_object_set_new(root, "files", files_json(m));
	{
		char	hex[SHA256_HEX_LEN + 1];

		inputs_digest(m->files, m->nfiles, hex);
		json_object_set_new(root, "files_sha256", json_text(hex));
	}
	json_object_set_new(root, "diagnostics", diags_json(d));
	out = json_render(root);
	json_decref(root);
	return out;
}
