/*
 * change_ops.c: what each cmdlet does to the records, through the
 * property table (props.h), recording every edit in the model.
 *
 * A multi-valued parameter takes a list (replacing the property), $null
 * (emptying it) or @{Add=...; Remove=...} (changing it), as Exchange's
 * MultiValuedProperty does; items are compared in their canonical form
 * (so Remove='contoso.com' removes smtp:contoso.com;1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "change_impl.h"
#include "textfile.h"
#include "x509.h"
#include "xalloc.h"

/* Largest certificate file read (a certificate is a few kilobytes). */
#define CERT_MAX_BYTES	((size_t)1024 * 1024)

/* ---- Values into items ------------------------------------------------ */

/* One scalar value as canonical text into 'out'; -1 after an error. */
static int
canon_one(struct cctx *c, const struct psetdef *pd, const struct ps_value *v,
    const char **out)
{
	char	err[512];

	if (v->kind != PSV_STRING && v->kind != PSV_NUMBER)
		return cerr(c, &v->loc, "-%s: a %s cannot be an item here",
		    pset_param(pd), ps_vkind_name(v->kind));
	if (pset_canon(c->a, pd, v->str, out, err, sizeof(err)) == -1)
		return cerr(c, &v->loc, "-%s: %s", pset_param(pd), err);
	return 0;
}

/* The items of a value (scalar or list) checked, appended to 'out'. */
static int
value_items(struct cctx *c, const struct psetdef *pd, const struct ps_value *v,
    struct vec *out)
{
	const char	*t;
	size_t		 i;
	int		 rc = 0;

	if (v->kind == PSV_NULL)
		return 0;
	if (v->kind != PSV_LIST) {
		if (canon_one(c, pd, v, &t) == -1)
			return -1;
		vec_push(out, (void *)t);
		return 0;
	}
	for (i = 0; i < v->nitems; i++) {
		if (canon_one(c, pd, v->items[i], &t) == -1)
			rc = -1;
		else
			vec_push(out, (void *)t);
	}
	return rc;
}

static int
in_list(void *const *v, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcasecmp(v[i], s) == 0)
			return 1;
	return 0;
}

/* Items without repeats (case-insensitive), in order. */
static void
dedupe(struct vec *v)
{
	size_t	i, k, j;

	for (i = k = 0; i < v->n; i++) {
		for (j = 0; j < k; j++)
			if (strcasecmp(v->v[j], v->v[i]) == 0)
				break;
		if (j == k)
			v->v[k++] = v->v[i];
	}
	v->n = k;
}

/* @{Add=...; Remove=...} against the record's current items. */
static int
hash_items(struct cctx *c, const struct obj *o, const struct psetdef *pd,
    const struct ps_value *v, struct vec *out)
{
	struct vec	 add = { 0 }, rem = { 0 };
	struct psetdef	 loose = *pd;
	const char	**cur;
	size_t		  i, n;
	int		  rc = 0;

	/* What is removed may be what Exchange would not take any more. */
	loose.flags &= ~P_IPV4_24;

	for (i = 0; i < v->nitems && rc == 0; i++) {
		if (strcasecmp(v->keys[i], "Add") == 0)
			rc = value_items(c, pd, v->items[i], &add);
		else if (strcasecmp(v->keys[i], "Remove") == 0)
			rc = value_items(c, &loose, v->items[i], &rem);
		else
			rc = cerr(c, &v->loc, "-%s: the hashtable takes the "
			    "keys Add and Remove, not '%s'", pset_param(pd),
			    v->keys[i]);
	}
	if (rc == 0 && (cur = pset_items(c->a, o, pd, &n)) == NULL)
		rc = cerr(c, &v->loc, "-%s: %s '%s' was not exported whole, "
		    "so what adding or removing leaves is unknown; set the "
		    "whole list instead", pset_param(pd), kind_name(o->kind),
		    o->name);
	for (i = 0; rc == 0 && i < n; i++)
		if (!in_list(rem.v, rem.n, cur[i]))
			vec_push(out, (void *)cur[i]);
	for (i = 0; rc == 0 && i < rem.n; i++)
		if (!in_list((void *const *)(void *)cur, n, rem.v[i]))
			diag_add(c->d, SEV_WARNING, v->loc.file, v->loc.line,
			    v->loc.col, "-%s: '%s' is not in %s '%s'; nothing "
			    "removed", pset_param(pd), (char *)rem.v[i],
			    kind_name(o->kind), o->name);
	for (i = 0; rc == 0 && i < add.n; i++)
		vec_push(out, add.v[i]);
	vec_free(&add);
	vec_free(&rem);
	return rc;
}

/* The items a parameter's value gives the property of record o. */
static int
items_for(struct cctx *c, const struct obj *o, const struct psetdef *pd,
    const struct ps_value *v, struct vec *out)
{
	int		 list = pd->type == PS_LIST ||
			    pd->type == PS_ADDRSPACES ||
			    pd->type == PS_IPRANGES ||
			    pd->type == PS_SMARTHOSTS;
	const char	*t;
	char		 err[512];

	if (v->kind == PSV_HASH) {
		if (!list)
			return cerr(c, &v->loc, "-%s takes one value, not a "
			    "hashtable", pset_param(pd));
		return hash_items(c, o, pd, v, out);
	}
	if (v->kind == PSV_FILEBYTES)
		return cerr(c, &v->loc, "-%s does not take file contents",
		    pset_param(pd));
	if (v->kind == PSV_LIST && pd->type == PS_FLAGS) {
		/* An array binds to a flags enumeration as their union. */
		if ((t = join_values(c, v, pset_param(pd))) == NULL ||
		    pset_canon(c->a, pd, t, &t, err, sizeof(err)) == -1)
			return t == NULL ? -1 : cerr(c, &v->loc, "-%s: %s",
			    pset_param(pd), err);
		vec_push(out, (void *)t);
		return 0;
	}
	if (v->kind == PSV_LIST && !list)
		return cerr(c, &v->loc, "-%s takes one value, not a list",
		    pset_param(pd));
	if (v->kind == PSV_NULL && (pd->flags & P_REQUIRED))
		return cerr(c, &v->loc, "-%s cannot be $null", pset_param(pd));
	return value_items(c, pd, v, out);
}

/* ---- Edits ------------------------------------------------------------ */

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Record an edit of a property when its value changed. */
static void
edit_prop(struct cctx *c, const struct bound *b, struct obj *o,
    const struct psetdef *pd, const char *before)
{
	const char	*after = pset_text(c->a, o, pd);
	struct edit	*e;

	if (same_text(before, after))
		return;
	e = model_add_edit(c->m, o, EDIT_SET, pd->name, &b->cmd->loc,
	    b->cl->name);
	e->before = before;
	e->after = after;
}

/* Accepted domains: one default per organization and side. */
static void
make_default(struct cctx *c, const struct bound *b, struct obj *o,
    const struct psetdef *pd)
{
	struct accepted_domain	*ad;
	const char		*before;
	size_t			 i;

	ORG_FOREACH(o->org, K_ACCEPTED, struct accepted_domain, ad, i) {
		if (&ad->o == o || ad->o.side != o->side || ad->is_default != 1)
			continue;
		before = pset_text(c->a, &ad->o, pd);
		pset_set_bool(c->a, &ad->o, pd, 0);
		edit_prop(c, b, &ad->o, pd, before);
	}
}

/* One property argument applied to one record. */
static int
apply_prop(struct cctx *c, const struct bound *b, struct obj *o,
    const struct barg *a)
{
	const struct psetdef	*pd = a->pd;
	const char		*before = pset_text(c->a, o, pd);
	struct vec		 items = { 0 };
	int			 on;

	if (pd->type == PS_BOOL) {
		if ((on = value_bool(c, a)) == -1)
			return -1;
		if (o->kind == K_ACCEPTED && strcmp(pd->name, "Default") == 0) {
			/* MakeDefault $false changes nothing. */
			if (!on)
				return 0;
			make_default(c, b, o, pd);
		}
		pset_set_bool(c->a, o, pd, on);
		edit_prop(c, b, o, pd, before);
		return 0;
	}
	if (items_for(c, o, pd, a->v, &items) == -1) {
		vec_free(&items);
		return -1;
	}
	dedupe(&items);
	pset_set_items(c->a, o, pd, (const char *const *)items.v, items.n);
	vec_free(&items);
	edit_prop(c, b, o, pd, before);
	return 0;
}

/* The identity Exchange gives a record of this name. */
static const char *
identity_of(struct cctx *c, const struct obj *o, const char *name)
{
	const struct receive_connector	*rc;

	if (o->kind != K_RECEIVE)
		return name;
	rc = (const struct receive_connector *)o;
	return rc->server != NULL ? arena_printf(c->a, "%s\\%s",
	    rc->server, name) : name;
}

/* Is the name taken in the record's organization and side? */
static const struct obj *
name_taken(enum kind k, const struct org *g, enum side side,
    const char *server, const char *name, const struct obj *self)
{
	const struct obj	*o;
	size_t			 i;

	for (i = 0; g != NULL && i < g->nobjs[k]; i++) {
		o = g->objs[k][i];
		if (o == self || o->side != side || o->name == NULL ||
		    strcasecmp(o->name, name) != 0)
			continue;
		if (k == K_RECEIVE && !server_is(((const struct
		    receive_connector *)o)->server, server))
			continue;
		return o;
	}
	return NULL;
}

static int
rename_obj(struct cctx *c, const struct bound *b, struct obj *o,
    const struct barg *a)
{
	const char	*name, *srv = NULL;
	struct edit	*e;

	if ((name = value_text(c, a->v, "Name")) == NULL)
		return -1;
	if (o->kind == K_RECEIVE)
		srv = ((struct receive_connector *)o)->server;
	if (name_taken(o->kind, o->org, o->side, srv, name, o) != NULL)
		return cerr(c, &a->v->loc, "%s: %s '%s' already exists in "
		    "organization %s", b->cl->name, kind_name(o->kind), name,
		    o->org->id);
	if (strcmp(name, o->name) == 0)
		return 0;
	e = model_add_edit(c->m, o, EDIT_SET, "Name", &b->cmd->loc,
	    b->cl->name);
	e->before = o->name;
	o->name = arena_strdup(c->a, name);
	o->identity = identity_of(c, o, o->name);
	e->after = o->name;
	return 0;
}

/* Did the command set one of these parameters? */
static int
touched(const struct bound *b, const char *p1, const char *p2)
{
	return barg_get(b, p1) != NULL || (p2 != NULL &&
	    barg_get(b, p2) != NULL);
}

/* Combinations Exchange refuses, for what the command touched. */
static int
validate(struct cctx *c, const struct bound *b, const struct obj *o)
{
	const struct send_connector	*sc;
	const struct outbound_connector	*oc;
	const struct inbound_connector	*ic;

	switch (o->kind) {
	case K_SEND:
		sc = (const struct send_connector *)o;
		if (sc->nsmart_hosts > 0 && sc->dns_routing == 1 &&
		    touched(b, "SmartHosts", "DNSRoutingEnabled"))
			return cerr(c, &b->cmd->loc, "%s: Exchange refuses "
			    "SmartHosts with DNSRoutingEnabled $true (set "
			    "-DNSRoutingEnabled $false)", b->cl->name);
		if (sc->require_tls == 1 && sc->ignore_starttls == 1 &&
		    touched(b, "RequireTLS", "IgnoreSTARTTLS"))
			return cerr(c, &b->cmd->loc, "%s: Exchange refuses "
			    "RequireTLS $true with IgnoreSTARTTLS $true",
			    b->cl->name);
		break;
	case K_OUTBOUND:
		oc = (const struct outbound_connector *)o;
		if (oc->use_mx == 0 && oc->smart_hosts.known &&
		    oc->smart_hosts.n == 0 && touched(b, "UseMXRecord",
		    "SmartHosts"))
			return cerr(c, &b->cmd->loc, "%s: Exchange refuses "
			    "UseMXRecord $false without SmartHosts",
			    b->cl->name);
		break;
	case K_INBOUND:
		ic = (const struct inbound_connector *)o;
		if (ic->treat_as_internal == 1 && (ic->type != CT_ONPREMISES ||
		    ic->cloud_services_mail == 1) && touched(b,
		    "TreatMessagesAsInternal", "ConnectorType"))
			return cerr(c, &b->cmd->loc, "%s: Exchange allows "
			    "TreatMessagesAsInternal $true only on an "
			    "OnPremises connector with "
			    "CloudServicesMailEnabled $false", b->cl->name);
		break;
	default:
		break;
	}
	return 0;
}

/* Every argument of a Set- or New- applied to one record. */
static int
apply_args(struct cctx *c, const struct bound *b, struct obj *o)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < b->nargs; i++) {
		if (b->args[i].pd != NULL) {
			if (apply_prop(c, b, o, &b->args[i]) == -1)
				rc = -1;
		} else if (b->cl->act == A_SET &&
		    strcmp(b->args[i].param, "Name") == 0) {
			if (rename_obj(c, b, o, &b->args[i]) == -1)
				rc = -1;
		}
	}
	if (rc == 0)
		rc = validate(c, b, o);
	return rc;
}

/* ---- Set-, New-, Remove-, Enable-, Disable- ---------------------------- */

int
op_set(struct cctx *c, const struct bound *b)
{
	struct obj	**v;
	int		  n, i, rc = 0;

	if ((n = resolve(c, b, &v)) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (apply_args(c, b, v[i]) == -1)
			rc = -1;
	free(v);
	return rc;
}

/* What New- requires: -Name (but for the hybrid configuration), more. */
static int
new_required(struct cctx *c, const struct bound *b)
{
	const struct psetdef	*pd;
	size_t			 n, i;
	int			 rc = 0;

	if (b->cl->kind != K_HYBRID && barg_get(b, "Name") == NULL)
		rc = cerr(c, &b->cmd->loc, "%s needs -Name", b->cl->name);
	if (b->cl->kind == K_RECEIVE && barg_get(b, "Server") == NULL)
		rc = cerr(c, &b->cmd->loc, "%s needs -Server (hybridlint "
		    "cannot know the local server)", b->cl->name);
	pd = psets_of(b->cl->kind, &n);
	for (i = 0; i < n; i++)
		if ((pd[i].flags & P_REQUIRED) && (pd[i].flags & P_NEW) &&
		    barg_get(b, pset_param(&pd[i])) == NULL)
			rc = cerr(c, &b->cmd->loc, "%s needs -%s", b->cl->name,
			    pset_param(&pd[i]));
	return rc;
}

/* The name and server of the record a New- makes; -1 after an error. */
static int
new_name(struct cctx *c, const struct bound *b, const char **name,
    const char **server)
{
	const struct barg	*a;

	*name = "Hybrid Configuration";
	*server = NULL;
	if ((a = barg_get(b, "Name")) != NULL &&
	    (*name = value_text(c, a->v, "Name")) == NULL)
		return -1;
	if ((a = barg_get(b, "Server")) != NULL &&
	    (*server = value_text(c, a->v, "Server")) == NULL)
		return -1;
	return 0;
}

int
op_new(struct cctx *c, const struct bound *b)
{
	const char		*name, *server;
	const struct obj	*dup;
	struct org		*org;
	struct obj		*o;
	struct edit		*e;
	enum side		 side;
	enum kind		 k = b->cl->kind;

	if (new_required(c, b) == -1 || new_name(c, b, &name, &server) == -1 ||
	    new_target(c, b, &org, &side) == -1)
		return -1;
	dup = k == K_HYBRID ? (org->nobjs[k] > 0 ? org->objs[k][0] : NULL) :
	    name_taken(k, org, side, server, name, NULL);
	if (dup != NULL)
		return cerr(c, &b->cmd->loc, "%s: %s '%s' already exists in "
		    "organization %s (%s:%u)", b->cl->name, kind_name(k),
		    dup->name, org->id, dup->loc.file, dup->loc.line);
	o = model_new_record(c->m, k, org, side, &b->cmd->loc);
	pset_defaults(c->a, o, b->cmd->loc.line);
	o->name = arena_strdup(c->a, name);
	o->identity = o->name;
	e = model_add_edit(c->m, o, EDIT_NEW, NULL, &b->cmd->loc, b->cl->name);
	e->after = o->name;
	if (apply_args(c, b, o) == -1)
		return -1;
	o->identity = identity_of(c, o, o->name);
	return 0;
}

int
op_remove(struct cctx *c, const struct bound *b)
{
	struct obj	**v;
	struct edit	 *e;
	int		  n, i;

	if ((n = resolve(c, b, &v)) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		model_remove(c->m, v[i]);
		e = model_add_edit(c->m, v[i], EDIT_REMOVE, NULL, &b->cmd->loc,
		    b->cl->name);
		e->before = v[i]->name;
	}
	free(v);
	return 0;
}

int
op_enable(struct cctx *c, const struct bound *b, int on)
{
	const struct psetdef	*pd = pset_find(b->cl->kind, "Enabled");
	const char		*before;
	struct obj		**v;
	int			  n, i;

	if ((n = resolve(c, b, &v)) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		before = pset_text(c->a, v[i], pd);
		pset_set_bool(c->a, v[i], pd, on);
		edit_prop(c, b, v[i], pd, before);
	}
	free(v);
	return 0;
}

/* ---- Certificates ------------------------------------------------------ */

/* The certificates -Thumbprint [-Server] or -Identity name; -1: error. */
static int
find_certs(struct cctx *c, const struct bound *b, struct certificate **out)
{
	const struct barg	*id = barg_get(b, "Identity");
	const struct barg	*th = barg_get(b, "Thumbprint");
	const struct barg	*sv = barg_get(b, "Server");
	const char		*want, *srv = NULL;
	struct certificate	*ct, *hit = NULL;
	const struct loc	*l = &b->cmd->loc;
	char			 buf[512];
	size_t			 i, n = 0;

	if ((id == NULL) == (th == NULL))
		return cerr(c, l, "%s needs -Thumbprint (with -Server) or "
		    "-Identity SERVER\\THUMBPRINT", b->cl->name);
	if ((want = value_text(c, (id != NULL ? id : th)->v,
	    id != NULL ? "Identity" : "Thumbprint")) == NULL ||
	    (sv != NULL && (srv = value_text(c, sv->v, "Server")) == NULL))
		return -1;
	l = &(id != NULL ? id : th)->v->loc;
	if (srv != NULL) {
		snprintf(buf, sizeof(buf), "%s\\%s", srv, want);
		want = buf;
	}
	MODEL_FOREACH(c->m, K_CERT, struct certificate, ct, i) {
		if ((c->scope.org != NULL && ct->o.org != c->scope.org) ||
		    !id_matches(&ct->o, want))
			continue;
		hit = ct;
		n++;
	}
	if (n == 0)
		return cerr(c, l, "%s: no certificate '%s' in the inputs",
		    b->cl->name, want);
	if (n > 1)
		return cerr(c, l, "%s: certificate '%s' is on %zu servers; "
		    "name one with -Server", b->cl->name, want, n);
	*out = hit;
	return 0;
}

int
op_cert_enable(struct cctx *c, const struct bound *b)
{
	const struct barg	*sv = barg_get(b, "Services");
	const struct psetdef	*pd = pset_find(K_CERT, "Services");
	struct certificate	*ct;
	const char		*before, *text;
	struct edit		*e;
	int64_t			 f;

	if (sv == NULL)
		return cerr(c, &b->cmd->loc, "%s needs -Services",
		    b->cl->name);
	if (find_certs(c, b, &ct) == -1)
		return -1;
	if (sv->v->kind == PSV_LIST)
		text = join_values(c, sv->v, "Services");
	else
		text = value_text(c, sv->v, "Services");
	if (text == NULL)
		return -1;
	if (parse_enum(text, model_services, 1, &f) == -1)
		return cerr(c, &sv->v->loc, "-Services: '%s' is not made of "
		    "None, IMAP, POP, UM, IIS, SMTP, Federation, "
		    "UMCallRouter", text);
	before = pset_text(c->a, &ct->o, pd);
	if (ct->services < 0) {
		diag_add(c->d, SEV_WARNING, sv->v->loc.file, sv->v->loc.line,
		    sv->v->loc.col, "%s: the services of certificate %s were "
		    "not exported; the model now holds only those enabled "
		    "here", b->cl->name, ct->thumbprint);
		ct->services = 0;
	}
	ct->services |= f;	/* services are additive */
	pset_mark_known(c->a, &ct->o, "Services");
	if (same_text(before, pset_text(c->a, &ct->o, pd)))
		return 0;
	e = model_add_edit(c->m, &ct->o, EDIT_SET, pd->name, &b->cmd->loc,
	    b->cl->name);
	e->before = before;
	e->after = pset_text(c->a, &ct->o, pd);
	return 0;
}

int
op_cert_remove(struct cctx *c, const struct bound *b)
{
	struct certificate	*ct;
	struct edit		*e;

	if (find_certs(c, b, &ct) == -1)
		return -1;
	model_remove(c->m, &ct->o);
	e = model_add_edit(c->m, &ct->o, EDIT_REMOVE, NULL, &b->cmd->loc,
	    b->cl->name);
	e->before = ct->o.name;
	return 0;
}

/* The path of a certificate file, relative to the script's folder. */
static char *
cert_path(struct cctx *c, const char *p)
{
	if (*p == '/' || c->dir == NULL || strcmp(c->dir, ".") == 0)
		return xstrdup(p);
	return xasprintf("%s/%s", c->dir, p);
}

/* The file -FileData or -FileName names; NULL after an error. */
static const struct ps_value *
cert_file(struct cctx *c, const struct bound *b)
{
	const struct barg	*fd = barg_get(b, "FileData");
	const struct barg	*fn = barg_get(b, "FileName");

	if ((fd == NULL) == (fn == NULL)) {
		(void)cerr(c, &b->cmd->loc, "%s needs -FileData "
		    "([System.IO.File]::ReadAllBytes('path')) or -FileName "
		    "path, one of them", b->cl->name);
		return NULL;
	}
	if (fd != NULL && fd->v->kind != PSV_FILEBYTES) {
		(void)cerr(c, &fd->v->loc, "-FileData takes "
		    "([System.IO.File]::ReadAllBytes('path'))");
		return NULL;
	}
	if (fn != NULL && value_text(c, fn->v, "FileName") == NULL)
		return NULL;
	return fd != NULL ? fd->v : fn->v;
}

/* Read and decode the file; the certificate's facts, or -1. */
static int
cert_read(struct cctx *c, const struct ps_value *f, const char *path,
    struct rawfile *raw, struct certinfo *ci)
{
	struct diags	 d = { 0 };
	char		 err[256];
	int		 rc = 0;

	if (rawfile_read(path, path, CERT_MAX_BYTES, raw, &d) == -1)
		rc = cerr(c, &f->loc, "%s: %s", path, d.n > 0 ? d.v[0].msg :
		    "cannot read the certificate file");
	else if (x509_from_file_bytes(c->a, raw->data, raw->len, ci, err,
	    sizeof(err)) == -1) {
		rc = cerr(c, &f->loc, "%s is not a certificate: %s", path,
		    err);
		rawfile_free(raw);
	}
	diag_free(&d);
	return rc;
}

int
op_cert_import(struct cctx *c, const struct bound *b)
{
	const struct barg	*sv = barg_get(b, "Server"), *fr;
	const struct ps_value	*f;
	const char		*server;
	struct certificate	*ct;
	struct certinfo		 ci;
	struct rawfile		 raw;
	struct org		**orgs;
	struct edit		*e;
	char			*path, buf[512];
	size_t			 n;
	int			 rc = -1;

	if ((f = cert_file(c, b)) == NULL)
		return -1;
	if (sv == NULL)
		return cerr(c, &b->cmd->loc, "%s needs -Server (hybridlint "
		    "cannot know the local server)", b->cl->name);
	if ((server = value_text(c, sv->v, "Server")) == NULL)
		return -1;
	orgs = server_orgs(c, server, &n);
	if (n != 1) {
		free(orgs);
		return cerr(c, &sv->v->loc, "%s: %s server '%s' in the inputs",
		    b->cl->name, n == 0 ? "no" : "more than one", server);
	}
	path = cert_path(c, f->str);
	if (cert_read(c, f, path, &raw, &ci) == -1)
		goto out;
	snprintf(buf, sizeof(buf), "%s\\%s", server, ci.thumbprint);
	MODEL_FOREACH(c->m, K_CERT, struct certificate, ct, n)
		if (ct->o.org == orgs[0] && id_matches(&ct->o, buf)) {
			rc = cerr(c, &f->loc, "%s: certificate %s is already "
			    "on %s", b->cl->name, ci.thumbprint, server);
			rawfile_free(&raw);
			goto out;
		}
	ct = model_add_certfile(c->m, orgs[0], path, raw.data, raw.len, c->d);
	rawfile_free(&raw);
	ct->server = arena_strdup(c->a, server);
	ct->server_reason = "Import-ExchangeCertificate -Server";
	ct->services = 0;	/* none until Enable-ExchangeCertificate */
	if ((fr = barg_get(b, "FriendlyName")) != NULL && fr->v != NULL &&
	    (fr->v->kind == PSV_STRING || fr->v->kind == PSV_NUMBER))
		ct->friendly_name = arena_strdup(c->a, fr->v->str);
	e = model_add_edit(c->m, &ct->o, EDIT_NEW, NULL, &b->cmd->loc,
	    b->cl->name);
	e->after = ct->thumbprint;
	ct->o.loc = e->loc;	/* the script's, copied */
	rc = 0;
out:
	free(path);
	free(orgs);
	return rc;
}
