/*
 * change.c: reading proposed PowerShell, binding each command to its
 * cmdlet's parameters, and resolving what it names (change.h).  What
 * each cmdlet then does to the records is change_ops.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "change_impl.h"
#include "textfile.h"
#include "utf8.h"
#include "xalloc.h"

#define CON	(SP_IDENTITY | SP_NAME)

/* The cmdlets read, as Exchange names them. */
static const struct cmdlet cmdlets[] = {
	{ "Set-InboundConnector", K_INBOUND, A_SET, S_EXO, CON },
	{ "New-InboundConnector", K_INBOUND, A_NEW, S_EXO, SP_NAME },
	{ "Remove-InboundConnector", K_INBOUND, A_REMOVE, S_EXO, SP_IDENTITY },
	{ "Set-OutboundConnector", K_OUTBOUND, A_SET, S_EXO, CON },
	{ "New-OutboundConnector", K_OUTBOUND, A_NEW, S_EXO, SP_NAME },
	{ "Remove-OutboundConnector", K_OUTBOUND, A_REMOVE, S_EXO,
	    SP_IDENTITY },
	{ "Set-OnPremisesOrganization", K_ONPREMORG, A_SET, S_EXO,
	    SP_IDENTITY },
	{ "Set-SendConnector", K_SEND, A_SET, S_ONPREM,
	    CON | SP_DC | SP_FORCE },
	{ "New-SendConnector", K_SEND, A_NEW, S_ONPREM, SP_NAME | SP_DC },
	{ "Remove-SendConnector", K_SEND, A_REMOVE, S_ONPREM,
	    SP_IDENTITY | SP_DC },
	{ "Set-ReceiveConnector", K_RECEIVE, A_SET, S_ONPREM, CON | SP_DC },
	{ "New-ReceiveConnector", K_RECEIVE, A_NEW, S_ONPREM,
	    SP_NAME | SP_DC },
	{ "Remove-ReceiveConnector", K_RECEIVE, A_REMOVE, S_ONPREM,
	    SP_IDENTITY | SP_DC },
	{ "Set-AcceptedDomain", K_ACCEPTED, A_SET, S_BOTH, CON | SP_DC },
	{ "New-AcceptedDomain", K_ACCEPTED, A_NEW, S_ONPREM, SP_NAME | SP_DC },
	{ "Remove-AcceptedDomain", K_ACCEPTED, A_REMOVE, S_ONPREM,
	    SP_IDENTITY | SP_DC },
	{ "Set-RemoteDomain", K_REMOTE, A_SET, S_BOTH, CON | SP_DC },
	{ "New-RemoteDomain", K_REMOTE, A_NEW, S_BOTH, SP_NAME | SP_DC },
	{ "Remove-RemoteDomain", K_REMOTE, A_REMOVE, S_BOTH,
	    SP_IDENTITY | SP_DC },
	{ "Set-JournalRule", K_JOURNAL, A_SET, S_BOTH, CON | SP_DC },
	{ "New-JournalRule", K_JOURNAL, A_NEW, S_BOTH, SP_NAME | SP_DC },
	{ "Remove-JournalRule", K_JOURNAL, A_REMOVE, S_BOTH,
	    SP_IDENTITY | SP_DC },
	{ "Enable-JournalRule", K_JOURNAL, A_ENABLE, S_BOTH,
	    SP_IDENTITY | SP_DC },
	{ "Disable-JournalRule", K_JOURNAL, A_DISABLE, S_BOTH,
	    SP_IDENTITY | SP_DC },
	{ "Set-HybridConfiguration", K_HYBRID, A_SET, S_ONPREM, SP_DC },
	{ "New-HybridConfiguration", K_HYBRID, A_NEW, S_ONPREM, SP_DC },
	{ "Remove-HybridConfiguration", K_HYBRID, A_REMOVE, S_ONPREM, SP_DC },
	{ "Set-TransportConfig", K_TRANSPORTCFG, A_SET, S_BOTH, SP_DC },
	{ "Set-OrganizationConfig", K_ORGCFG, A_SET, S_BOTH, SP_DC },
	{ "Import-ExchangeCertificate", K_CERT, A_CERT_IMPORT, S_ONPREM,
	    SP_SERVER | SP_FILE | SP_CERTOPT | SP_DC },
	{ "Enable-ExchangeCertificate", K_CERT, A_CERT_ENABLE, S_ONPREM,
	    SP_IDENTITY | SP_SERVER | SP_THUMB | SP_SERVICES | SP_FORCE |
	    SP_DC },
	{ "Remove-ExchangeCertificate", K_CERT, A_CERT_REMOVE, S_ONPREM,
	    SP_IDENTITY | SP_SERVER | SP_THUMB | SP_DC },
	{ "Start-EdgeSynchronization", K_EDGESUB, A_EDGESYNC, S_ONPREM,
	    SP_SERVER | SP_SYNC },
	{ NULL, K__COUNT, A_SET, 0, 0 }
};

/* Special parameters: name, bit, whether a switch. */
static const struct {
	const char	*name;
	unsigned	 bit;
	int		 sw;
} specials[] = {
	{ "Identity", SP_IDENTITY, 0 }, { "Name", SP_NAME, 0 },
	{ "Confirm", 0, 1 }, { "WhatIf", 0, 1 },
	{ "DomainController", SP_DC, 0 }, { "Force", SP_FORCE, 1 },
	{ "Server", SP_SERVER, 0 }, { "Thumbprint", SP_THUMB, 0 },
	{ "Services", SP_SERVICES, 0 }, { "FileData", SP_FILE, 0 },
	{ "FileName", SP_FILE, 0 }, { "FriendlyName", SP_CERTOPT, 0 },
	{ "PrivateKeyExportable", SP_CERTOPT, 0 },
	{ "TargetServer", SP_SYNC, 0 }, { "ForceFullSync", SP_SYNC, 1 },
	{ "ForceUpdateCookie", SP_SYNC, 1 },
};
#define NSPECIALS	(sizeof(specials) / sizeof(specials[0]))

/* One script of the set. */
struct script {
	struct ps_script	*ps;
	const char		*display;
	char			*dir;
};

struct change_set {
	struct script		*v;
	size_t			 n;
};

/* ---- Diagnostics and values ------------------------------------------ */

int
cerr(struct cctx *c, const struct loc *l, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(c->d, SEV_ERROR, l->file, l->line, l->col, "%s", msg);
	free(msg);
	c->nerrors++;
	return -1;
}

const struct barg *
barg_get(const struct bound *b, const char *param)
{
	size_t	i;

	for (i = 0; i < b->nargs; i++)
		if (strcasecmp(b->args[i].param, param) == 0)
			return &b->args[i];
	return NULL;
}

const char *
value_text(struct cctx *c, const struct ps_value *v, const char *param)
{
	if (v != NULL && (v->kind == PSV_STRING || v->kind == PSV_NUMBER))
		return v->str;
	(void)cerr(c, &v->loc, "-%s takes one value, not %s %s", param,
	    v->kind == PSV_LIST || v->kind == PSV_HASH ? "a" : "",
	    ps_vkind_name(v->kind));
	return NULL;
}

const char *
join_values(struct cctx *c, const struct ps_value *v, const char *param)
{
	struct buf	 b = { 0 };
	const char	*r;
	size_t		 i;

	for (i = 0; i < v->nitems; i++) {
		if (value_text(c, v->items[i], param) == NULL) {
			buf_free(&b);
			return NULL;
		}
		buf_printf(&b, "%s%s", i > 0 ? "," : "", v->items[i]->str);
	}
	r = arena_strdup(c->a, b.p != NULL ? b.p : "");
	buf_free(&b);
	return r;
}

int
value_bool(struct cctx *c, const struct barg *a)
{
	const struct ps_value	*v = a->v;

	if (v == NULL)
		return 1;	/* a switch given */
	if (v->kind == PSV_BOOL)
		return v->b;
	/* PowerShell binds numbers to Boolean parameters, not strings. */
	if (v->kind == PSV_NUMBER && strspn(v->str, "0123456789") ==
	    strlen(v->str))
		return strspn(v->str, "0") != strlen(v->str);
	return cerr(c, &v->loc, "-%s takes $true or $false, not %s '%s'",
	    a->param, ps_vkind_name(v->kind), v->str != NULL ? v->str : "");
}

/* ---- Reading ---------------------------------------------------------- */

static void
add_script(struct change_set *cs, struct ps_script *ps, const char *display,
    const char *dir)
{
	struct script	*s;

	cs->v = xreallocarray(cs->v, cs->n + 1, sizeof(*cs->v));
	s = &cs->v[cs->n++];
	s->ps = ps;
	s->display = arena_strdup(ps->arena, display);
	s->dir = xstrdup(dir);
}

/* The folder of a script: certificate files are relative to it. */
static char *
folder_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int
read_file(struct change_set *cs, const char *path, struct diags *d)
{
	struct rawfile		 raw;
	struct textfile		 tf;
	struct ps_script	*ps;
	const char		*display;
	char			*dir;
	int			 rc;

	display = strcmp(path, "-") == 0 ? TEXTFILE_STDIN : path;
	rc = strcmp(path, "-") == 0 ?
	    rawfile_read_fd(STDIN_FILENO, display, PS_MAX_INPUT, &raw, d) :
	    rawfile_read(path, display, PS_MAX_INPUT, &raw, d);
	if (rc == -1 || text_decode(&raw, display, 0, &tf, d) == -1)
		return -1;
	ps = ps_parse(display, tf.text, tf.len, d);
	textfile_free(&tf);
	if (ps == NULL)
		return -1;
	dir = strcmp(path, "-") == 0 ? xstrdup(".") : folder_of(path);
	add_script(cs, ps, display, dir);
	free(dir);
	return 0;
}

struct change_set *
change_read(const struct change_src *src, size_t n, struct diags *d)
{
	struct change_set	*cs = xcalloc(1, sizeof(*cs));
	struct ps_script	*ps;
	struct buf		 b = { 0 };
	size_t			 i;
	int			 rc = 0;

	for (i = 0; i < n; i++) {
		if (src[i].file != NULL) {
			if (read_file(cs, src[i].file, d) == -1)
				rc = -1;
			continue;
		}
		/* Consecutive -c lines are one script. */
		buf_reset(&b);
		for (; i < n && src[i].file == NULL; i++)
			buf_printf(&b, "%s\n", src[i].line);
		i--;
		if ((ps = ps_parse(CHANGE_INLINE, b.p, b.len, d)) == NULL)
			rc = -1;
		else
			add_script(cs, ps, CHANGE_INLINE, ".");
	}
	buf_free(&b);
	if (rc == -1) {
		change_free(cs);
		return NULL;
	}
	return cs;
}

struct change_set *
change_parse(const char *display, const char *dir, const char *text,
    size_t len, struct diags *d)
{
	struct change_set	*cs;
	struct ps_script	*ps;

	if ((ps = ps_parse(display, text, len, d)) == NULL)
		return NULL;
	cs = xcalloc(1, sizeof(*cs));
	add_script(cs, ps, display, dir != NULL ? dir : ".");
	return cs;
}

size_t
change_count(const struct change_set *cs)
{
	size_t	i, n = 0;

	for (i = 0; cs != NULL && i < cs->n; i++)
		n += cs->v[i].ps->ncmds;
	return n;
}

void
change_free(struct change_set *cs)
{
	size_t	i;

	if (cs == NULL)
		return;
	for (i = 0; i < cs->n; i++) {
		free(cs->v[i].dir);
		ps_script_free(cs->v[i].ps);
	}
	free(cs->v);
	free(cs);
}

/* ---- Finding the cmdlet ----------------------------------------------- */

const char *
change_cmdlet(size_t i)
{
	return i < sizeof(cmdlets) / sizeof(cmdlets[0]) ? cmdlets[i].name :
	    NULL;
}

static const struct cmdlet *
find_cmdlet(const char *name)
{
	const struct cmdlet	*cl;

	for (cl = cmdlets; cl->name != NULL; cl++)
		if (strcasecmp(cl->name, name) == 0)
			return cl;
	return NULL;
}

/* The noun of a cmdlet we read with another verb, or NULL. */
static const struct cmdlet *
same_noun(const char *name)
{
	const struct cmdlet	*cl;
	const char		*dash = strchr(name, '-');

	for (cl = cmdlets; dash != NULL && cl->name != NULL; cl++)
		if (strcasecmp(strchr(cl->name, '-'), dash) == 0)
			return cl;
	return NULL;
}

static const struct cmdlet *
lookup(struct cctx *c, const struct ps_command *cmd)
{
	const struct cmdlet	*cl, *other;
	const char		*dash = strchr(cmd->name, '-');

	if ((cl = find_cmdlet(cmd->name)) != NULL)
		return cl;
	other = same_noun(cmd->name);
	if (strncasecmp(cmd->name, "Get-", 4) == 0)
		(void)cerr(c, &cmd->loc, "%s reads and changes nothing: "
		    "hybridlint reads the cmdlets that change mail flow",
		    cmd->name);
	else if (other != NULL && other->kind != K_JOURNAL &&
	    other->kind != K_CERT && other->kind != K_EDGESUB &&
	    (strncasecmp(cmd->name, "Enable-", 7) == 0 ||
	    strncasecmp(cmd->name, "Disable-", 8) == 0))
		(void)cerr(c, &cmd->loc, "Exchange has no %s: use Set%s "
		    "-Enabled $%s", cmd->name, dash, strncasecmp(cmd->name,
		    "Enable-", 7) == 0 ? "true" : "false");
	else if (other != NULL)
		(void)cerr(c, &cmd->loc, "%s is not a cmdlet hybridlint "
		    "reads (it reads %s and the other verbs of the table in "
		    "hybridlint(1))", cmd->name, other->name);
	else
		(void)cerr(c, &cmd->loc, "%s is not a cmdlet hybridlint "
		    "reads: see the table of cmdlets and parameters in "
		    "hybridlint(1)", cmd->name);
	return NULL;
}

/* ---- Binding ---------------------------------------------------------- */

/* Does a property take part in this cmdlet? */
static int
prop_takes(const struct cmdlet *cl, const struct psetdef *pd)
{
	if (cl->act == A_SET)
		return (pd->flags & P_SET) != 0;
	if (cl->act == A_NEW)
		return (pd->flags & P_NEW) != 0;
	return 0;
}

/* Every parameter name of a cmdlet, NULL-ended (malloc'd). */
static const char **
param_names(const struct cmdlet *cl, const struct psetdef ***pds)
{
	const struct psetdef	*p;
	const char		**v;
	size_t			  n, i, k = 0;

	p = psets_of(cl->kind, &n);
	v = xcalloc(n + NSPECIALS + 1, sizeof(*v));
	*pds = xcalloc(n + NSPECIALS + 1, sizeof(**pds));
	for (i = 0; i < NSPECIALS; i++)
		if (specials[i].bit == 0 || (cl->special & specials[i].bit))
			v[k++] = specials[i].name;
	for (i = 0; i < n; i++)
		if (prop_takes(cl, &p[i])) {
			(*pds)[k] = &p[i];
			v[k++] = pset_param(&p[i]);
		}
	return v;
}

/* A parameter of no verb we read, or of another verb. */
static int
no_param(struct cctx *c, const struct cmdlet *cl, const char *name,
    const struct loc *l, const char **names)
{
	const struct psetdef	*pd = pset_find(cl->kind, name);
	struct buf		 b = { 0 };
	size_t			 i;
	int			 rc;

	if (pd != NULL && (pd->flags & (P_SET | P_NEW)))
		return cerr(c, l, "%s cannot set %s: %s", cl->name, name,
		    (pd->flags & P_NEW) ? "only New- sets it" :
		    "only Set- changes it");
	for (i = 0; names[i] != NULL; i++)
		buf_printf(&b, "%s-%s", i > 0 ? ", " : "", names[i]);
	rc = cerr(c, l, "-%s is not a parameter hybridlint reads for %s "
	    "(it reads %s)", name, cl->name, b.p != NULL ? b.p : "none");
	buf_free(&b);
	return rc;
}

/*
 * A parameter by name or unambiguous prefix, as PowerShell binds it:
 * its index in 'names', or -1 after an error.
 */
static int
param_index(struct cctx *c, const struct cmdlet *cl, const char *name,
    const struct loc *l, const char **names)
{
	struct buf	b = { 0 };
	size_t		i, len = strlen(name), hits = 0;
	int		found = -1;

	for (i = 0; names[i] != NULL; i++)
		if (strcasecmp(names[i], name) == 0)
			return (int)i;
	for (i = 0; names[i] != NULL; i++)
		if (strncasecmp(names[i], name, len) == 0) {
			if (hits > 0)
				buf_printf(&b, "%s-%s", hits > 1 ? ", " : "",
				    names[found]);
			hits++;
			found = (int)i;
		}
	if (hits > 1)
		buf_printf(&b, " or -%s", names[found]);
	if (hits == 1) {
		buf_free(&b);
		return found;
	}
	if (hits > 1)
		(void)cerr(c, l, "-%s is ambiguous for %s: it could be %s",
		    name, cl->name, b.p);
	else
		(void)no_param(c, cl, name, l, names);
	buf_free(&b);
	return -1;
}

static int
is_switch(const char *name)
{
	size_t	i;

	for (i = 0; i < NSPECIALS; i++)
		if (strcmp(specials[i].name, name) == 0)
			return specials[i].sw;
	return 0;
}

/* The parameter a positional value binds to, or NULL. */
static const char *
positional(const struct cmdlet *cl)
{
	if (cl->act == A_NEW && (cl->special & SP_NAME))
		return "Name";
	if (cl->special & SP_IDENTITY)
		return "Identity";
	if (cl->special & SP_THUMB)
		return "Thumbprint";
	return NULL;
}

static int
push_arg(struct cctx *c, struct bound *b, const char *param,
    const struct psetdef *pd, const struct ps_value *v, const struct loc *l)
{
	if (barg_get(b, param) != NULL)
		return cerr(c, l, "-%s is given twice", param);
	b->args = xreallocarray(b->args, b->nargs + 1, sizeof(*b->args));
	b->args[b->nargs].param = param;
	b->args[b->nargs].pd = pd;
	b->args[b->nargs].v = v;
	b->args[b->nargs].loc = *l;
	b->nargs++;
	if (pd != NULL && (pd->flags & P_ONPREM))
		b->sides &= S_ONPREM;
	if (pd != NULL && (pd->flags & P_EXO))
		b->sides &= S_EXO;
	return 0;
}

static int
bind_positional(struct cctx *c, struct bound *b, const struct ps_value *v,
    const struct loc *l)
{
	const char	*p = positional(b->cl);

	if (p == NULL || barg_get(b, p) != NULL)
		return cerr(c, l, "%s takes no further positional argument "
		    "(name the parameter)", b->cl->name);
	return push_arg(c, b, p, NULL, v, l);
}

/* One -Name [value] argument. */
static int
bind_named(struct cctx *c, struct bound *b, const struct ps_arg *a,
    const char **names, const struct psetdef **pds)
{
	const char	*name;
	int		 i;

	if ((i = param_index(c, b->cl, a->param, &a->loc, names)) == -1)
		return -1;
	name = names[i];
	if (is_switch(name)) {
		if (a->value != NULL && !a->colon) {
			if (push_arg(c, b, name, NULL, NULL, &a->loc) == -1)
				return -1;
			return bind_positional(c, b, a->value,
			    &a->value->loc);
		}
		return push_arg(c, b, name, NULL, a->value, &a->loc);
	}
	if (a->value == NULL)
		return cerr(c, &a->loc, "-%s needs a value", name);
	return push_arg(c, b, name, pds[i], a->value, &a->loc);
}

static int
bind(struct cctx *c, const struct cmdlet *cl, const struct ps_command *cmd,
    struct bound *b)
{
	const struct psetdef	**pds;
	const char		**names;
	size_t			  i;
	int			  rc = 0;

	memset(b, 0, sizeof(*b));
	b->cl = cl;
	b->cmd = cmd;
	b->sides = cl->sides;
	names = param_names(cl, (const struct psetdef ***)&pds);
	for (i = 0; i < cmd->nargs && rc == 0; i++) {
		if (cmd->args[i].param != NULL)
			rc = bind_named(c, b, &cmd->args[i], names, pds);
		else
			rc = bind_positional(c, b, cmd->args[i].value,
			    &cmd->args[i].loc);
	}
	free(names);
	free(pds);
	if (rc == 0 && b->sides == 0)
		rc = cerr(c, &cmd->loc, "%s: its parameters exist on "
		    "different sides (on premises and Exchange Online)",
		    cl->name);
	return rc;
}

/* ---- Resolving -------------------------------------------------------- */

int
server_is(const char *have, const char *want)
{
	size_t	h, w;

	if (have == NULL || want == NULL)
		return 0;
	if (strcasecmp(have, want) == 0)
		return 1;
	h = strcspn(have, ".");
	w = strcspn(want, ".");
	/* A short name against the first label of an FQDN. */
	return ((have[h] == '\0' || want[w] == '\0') && h == w &&
	    strncasecmp(have, want, h) == 0);
}

/* Does a server of the organization have this name? */
static int
org_has_server(const struct org *g, const char *name)
{
	const struct exchange_server	*s;
	const struct certificate	*ct;
	const struct receive_connector	*rc;
	const struct edge_subscription	*es;
	size_t				 i;

	ORG_FOREACH(g, K_SERVER, const struct exchange_server, s, i)
		if (server_is(s->fqdn, name) || server_is(s->o.name, name))
			return 1;
	ORG_FOREACH(g, K_EDGESUB, const struct edge_subscription, es, i)
		if (server_is(es->edge_fqdn, name))
			return 1;
	ORG_FOREACH(g, K_CERT, const struct certificate, ct, i)
		if (server_is(ct->server, name))
			return 1;
	ORG_FOREACH(g, K_RECEIVE, const struct receive_connector, rc, i)
		if (server_is(rc->server, name))
			return 1;
	return 0;
}

struct org **
server_orgs(struct cctx *c, const char *name, size_t *n)
{
	struct org	**v;
	size_t		  i;

	v = xcalloc(c->m->norgs + 1, sizeof(*v));
	*n = 0;
	for (i = 0; i < c->m->norgs; i++)
		if ((c->scope.org == NULL || c->scope.org == c->m->orgs[i]) &&
		    org_has_server(c->m->orgs[i], name))
			v[(*n)++] = c->m->orgs[i];
	return v;
}

/* The part of "SERVER\\rest" before the backslash, or NULL. */
static const char *
id_server(const char *id, const char *bs, char *buf, size_t len)
{
	if (bs == NULL || bs == id || (size_t)(bs - id) >= len)
		return NULL;
	memcpy(buf, id, (size_t)(bs - id));
	buf[bs - id] = '\0';
	return buf;
}

int
id_matches(const struct obj *o, const char *id)
{
	const char			*bs = strrchr(id, '\\'), *srv;
	const struct certificate	*ct;
	char				 buf[256];

	if ((o->name != NULL && strcasecmp(o->name, id) == 0) ||
	    (o->identity != NULL && strcasecmp(o->identity, id) == 0) ||
	    obj_dn_is(o, id) || obj_guid_is(o, id))
		return 1;
	srv = id_server(id, bs, buf, sizeof(buf));
	if (o->kind == K_CERT) {
		ct = (const struct certificate *)o;
		if (ct->thumbprint == NULL)
			return 0;
		if (bs != NULL)
			return srv != NULL && server_is(ct->server, srv) &&
			    strcasecmp(ct->thumbprint, bs + 1) == 0;
		return strcasecmp(ct->thumbprint, id) == 0;
	}
	if (o->kind == K_RECEIVE && srv != NULL)
		return o->name != NULL && strcasecmp(o->name, bs + 1) == 0 &&
		    server_is(((const struct receive_connector *)o)->server,
		    srv);
	return 0;
}

/* Sides as S_ bits. */
static unsigned
side_bit(enum side s)
{
	return s == SIDE_EXO ? S_EXO : s == SIDE_ONPREM ? S_ONPREM : 0;
}

/* Is the record within the command's reach (scope, sides)? */
static int
in_reach(const struct cctx *c, const struct bound *b, const struct obj *o)
{
	if (c->scope.org != NULL && o->org != c->scope.org)
		return 0;
	if (c->scope.side != SIDE_UNKNOWN && o->side != c->scope.side)
		return 0;
	return (side_bit(o->side) & b->sides) != 0;
}

/* "org varuna (on-premises)" for a record, in messages. */
static const char *
where(struct cctx *c, const struct obj *o)
{
	return arena_printf(c->a, "%s %s at %s:%u", o->org != NULL ?
	    o->org->id : "(none)", side_name(o->side), o->loc.file,
	    o->loc.line);
}

/* "in organization x" or "" for the scope, in messages. */
static const char *
scope_text(struct cctx *c)
{
	if (c->scope.org == NULL && c->scope.side == SIDE_UNKNOWN)
		return "";
	return arena_printf(c->a, " (scope%s%s%s%s)", c->scope.org != NULL ?
	    " org=" : "", c->scope.org != NULL ? c->scope.org->id : "",
	    c->scope.side != SIDE_UNKNOWN ? " side=" : "",
	    c->scope.side != SIDE_UNKNOWN ? side_name(c->scope.side) : "");
}

/*
 * Several records that are one: a send connector exported on a Mailbox
 * server and again from an Edge's EdgeSync copy (same organization,
 * same name).  Changed on the Mailbox side, every Edge uses it.
 */
static int
edgesync_copies(struct obj **v, size_t n)
{
	size_t	i;

	for (i = 1; i < n; i++)
		if (v[i]->kind != K_SEND || v[i]->org != v[0]->org ||
		    strcasecmp(v[i]->name, v[0]->name) != 0)
			return 0;
	return 1;
}

static int
kind_has_identity(const struct cmdlet *cl)
{
	return (cl->special & SP_IDENTITY) != 0;
}

static int
too_many(struct cctx *c, const struct bound *b, const struct loc *l,
    const char *what, struct obj **v, size_t n)
{
	struct buf	bf = { 0 };
	size_t		i;
	int		rc;

	for (i = 0; i < n && i < 6; i++)
		buf_printf(&bf, "%s%s", i > 0 ? "; " : "", where(c, v[i]));
	rc = cerr(c, l, "%s: %s names %zu objects (%s%s); say which with "
	    "'#hybridlint: org=ID side=on-premises|exchange-online' before "
	    "it%s", b->cl->name, what, n, bf.p, n > 6 ? "; ..." : "",
	    kind_has_identity(b->cl) ? " or a fuller -Identity" : "");
	buf_free(&bf);
	return rc;
}

/* Kinds of which an organization's side has one record. */
static int
singleton(enum kind k)
{
	return k == K_TRANSPORTCFG || k == K_ORGCFG || k == K_HYBRID;
}

int
resolve(struct cctx *c, const struct bound *b, struct obj ***out)
{
	const struct barg	*id = barg_get(b, "Identity");
	const char		*text = NULL;
	struct obj		**v, *o;
	size_t			  i, j, n = 0, all = 0;
	enum kind		  k = b->cl->kind;

	*out = NULL;
	if (id != NULL && (text = value_text(c, id->v, "Identity")) == NULL)
		return -1;
	if (id == NULL && !singleton(k))
		return cerr(c, &b->cmd->loc, "%s needs -Identity",
		    b->cl->name);
	v = xcalloc(c->m->nobjs[k] + 1, sizeof(*v));
	for (i = 0; i < c->m->norgs; i++)
		for (j = 0; j < c->m->orgs[i]->nobjs[k]; j++) {
			o = c->m->orgs[i]->objs[k][j];
			all++;
			if (in_reach(c, b, o) && (text == NULL ||
			    id_matches(o, text)))
				v[n++] = o;
		}
	if (n == 0) {
		free(v);
		if (text == NULL)
			return cerr(c, &b->cmd->loc, "%s: no %s was exported%s "
			    "(%s)", b->cl->name, kind_name(k), scope_text(c),
			    kind_cmdlet(k));
		return cerr(c, &id->v->loc, "%s: no %s '%s' in the inputs%s%s",
		    b->cl->name, kind_name(k), text, scope_text(c), all == 0 ?
		    arena_printf(c->a, " (none was exported: %s)",
		    kind_cmdlet(k)) : "");
	}
	if (n > 1 && !edgesync_copies(v, n)) {
		(void)too_many(c, b, id != NULL ? &id->v->loc : &b->cmd->loc,
		    text != NULL ? arena_printf(c->a, "-Identity '%s'", text) :
		    "the command", v, n);
		free(v);
		return -1;
	}
	*out = v;
	return (int)n;
}

/* Organizations a New- can make its record in, on side 's'. */
static size_t
orgs_with_side(struct cctx *c, unsigned sides, struct org **one)
{
	struct org	*g;
	size_t		 i, n = 0;

	for (i = 0; i < c->m->norgs; i++) {
		g = c->m->orgs[i];
		if (c->scope.org != NULL && g != c->scope.org)
			continue;
		if (((sides & S_ONPREM) && g->has_onprem) ||
		    ((sides & S_EXO) && g->has_exo)) {
			*one = g;
			n++;
		}
	}
	return n;
}

int
new_target(struct cctx *c, const struct bound *b, struct org **org,
    enum side *side)
{
	const struct barg	*srv = barg_get(b, "Server");
	unsigned		 sides = b->sides;
	struct org		**v;
	size_t			 n;

	if (c->scope.side != SIDE_UNKNOWN)
		sides &= side_bit(c->scope.side);
	if (sides == 0)
		return cerr(c, &b->cmd->loc, "%s does not exist %s",
		    b->cl->name, c->scope.side == SIDE_EXO ?
		    "in Exchange Online" : "on premises");
	*org = c->scope.org;
	if (srv != NULL && *org == NULL) {
		if (value_text(c, srv->v, "Server") == NULL)
			return -1;
		v = server_orgs(c, srv->v->str, &n);
		*org = n == 1 ? v[0] : NULL;
		free(v);
		if (n != 1)
			return cerr(c, &srv->v->loc, "%s: %s server '%s' in "
			    "the inputs; say which organization with "
			    "'#hybridlint: org=ID'", b->cl->name, n == 0 ?
			    "no" : "more than one", srv->v->str);
	}
	if (*org == NULL && orgs_with_side(c, sides, org) != 1)
		return cerr(c, &b->cmd->loc, "%s: which organization? "
		    "Several could hold it; say which with '#hybridlint: "
		    "org=ID' before it", b->cl->name);
	if ((sides & S_ONPREM) && !(*org)->has_onprem && (*org)->has_exo)
		sides &= S_EXO;
	if ((sides & S_EXO) && !(*org)->has_exo && (*org)->has_onprem)
		sides &= S_ONPREM;
	if (sides == S_BOTH)
		return cerr(c, &b->cmd->loc, "%s exists on premises and in "
		    "Exchange Online, and organization %s has both: say which "
		    "with '#hybridlint: side=on-premises' or "
		    "'side=exchange-online' before it", b->cl->name,
		    (*org)->id);
	*side = sides == S_EXO ? SIDE_EXO : SIDE_ONPREM;
	return 0;
}

/* ---- Directives and commands ------------------------------------------ */

static int
directive_org(struct cctx *c, const struct loc *l, const char *id)
{
	if (strcmp(id, "any") == 0) {
		c->scope.org = NULL;
		return 0;
	}
	if ((c->scope.org = model_org_find(c->m, id)) != NULL)
		return 0;
	return cerr(c, l, "#hybridlint: no organization '%s' in the inputs",
	    id);
}

static int
directive_side(struct cctx *c, const struct loc *l, const char *v)
{
	if (strcasecmp(v, "on-premises") == 0 || strcasecmp(v, "onprem") == 0)
		c->scope.side = SIDE_ONPREM;
	else if (strcasecmp(v, "exchange-online") == 0 ||
	    strcasecmp(v, "exo") == 0)
		c->scope.side = SIDE_EXO;
	else if (strcasecmp(v, "any") == 0)
		c->scope.side = SIDE_UNKNOWN;
	else
		return cerr(c, l, "#hybridlint: side is on-premises, "
		    "exchange-online or any, not '%s'", v);
	return 0;
}

/*
 * "#hybridlint: org=ID side=S": the scope of the commands after it in
 * the script; each key stays until another directive sets it ("any"
 * lifts it).
 */
static int
directive(struct cctx *c, const struct ps_directive *dv)
{
	char	*copy, *tok, *save, *eq;
	int	 rc = 0;

	copy = xstrdup(dv->text);
	for (tok = strtok_r(copy, " \t", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, " \t", &save)) {
		if ((eq = strchr(tok, '=')) == NULL)
			rc = cerr(c, &dv->loc, "#hybridlint: '%s' is not "
			    "key=value (org=ID, side=on-premises)", tok);
		else if ((*eq = '\0', strcasecmp(tok, "org")) == 0)
			rc = directive_org(c, &dv->loc, eq + 1);
		else if (strcasecmp(tok, "side") == 0)
			rc = directive_side(c, &dv->loc, eq + 1);
		else
			rc = cerr(c, &dv->loc, "#hybridlint: unknown key '%s' "
			    "(org, side)", tok);
	}
	free(copy);
	return rc;
}

static int
before(const struct loc *a, const struct loc *b)
{
	return a->line < b->line || (a->line == b->line && a->col < b->col);
}

static int
run_command(struct cctx *c, const struct ps_command *cmd)
{
	const struct cmdlet	*cl;
	const struct barg	*wi;
	struct bound		 b;
	int			 rc;

	if ((cl = lookup(c, cmd)) == NULL)
		return -1;
	if (bind(c, cl, cmd, &b) == -1) {
		free(b.args);
		return -1;
	}
	if ((wi = barg_get(&b, "WhatIf")) != NULL && value_bool(c, wi) != 0) {
		diag_add(c->d, SEV_WARNING, cmd->loc.file, cmd->loc.line,
		    cmd->loc.col, "%s -WhatIf changes nothing; not applied",
		    cl->name);
		free(b.args);
		return 0;
	}
	switch (cl->act) {
	case A_SET:
		rc = op_set(c, &b);
		break;
	case A_NEW:
		rc = op_new(c, &b);
		break;
	case A_REMOVE:
		rc = op_remove(c, &b);
		break;
	case A_ENABLE:
	case A_DISABLE:
		rc = op_enable(c, &b, cl->act == A_ENABLE);
		break;
	case A_CERT_IMPORT:
		rc = op_cert_import(c, &b);
		break;
	case A_CERT_ENABLE:
		rc = op_cert_enable(c, &b);
		break;
	case A_CERT_REMOVE:
		rc = op_cert_remove(c, &b);
		break;
	default:
		rc = 0;		/* Start-EdgeSynchronization */
		break;
	}
	free(b.args);
	return rc;
}

static void
run_script(struct cctx *c, const struct script *s)
{
	const struct ps_script	*ps = s->ps;
	size_t			 i, d = 0;

	c->dir = s->dir;
	c->scope.org = NULL;
	c->scope.side = SIDE_UNKNOWN;
	for (i = 0; i < ps->ncmds && c->nerrors < PS_MAX_ERRORS; i++) {
		for (; d < ps->ndirs && before(&ps->dirs[d]->loc,
		    &ps->cmds[i]->loc); d++)
			(void)directive(c, ps->dirs[d]);
		(void)run_command(c, ps->cmds[i]);
	}
	for (; d < ps->ndirs; d++)
		(void)directive(c, ps->dirs[d]);
}

int
change_apply(const struct change_set *cs, struct model *m, struct diags *d)
{
	struct cctx	 c;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	c.m = m;
	c.a = m->arena;
	c.d = d;
	for (i = 0; cs != NULL && i < cs->n; i++)
		run_script(&c, &cs->v[i]);
	return c.nerrors > 0 ? -1 : 0;
}
