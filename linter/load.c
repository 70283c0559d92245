/*
 * load.c: walking folders and manifests, loading each file, and handing
 * every recognised object to the model.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <pthread.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "clixml.h"
#include "digest.h"
#include "json_load.h"
#include "load.h"
#include "strmap.h"
#include "manifest.h"
#include "textfile.h"
#include "utf8.h"
#include "xalloc.h"

#define WALK_MAX_DEPTH	32

struct jobq;

/* Where a file or folder was first met: which manifest entry, if any. */
struct origin {
	const struct loc	*entry;		/* the manifest's path entry */
	const char		*org;		/* its organization */
	size_t			 arg;		/* the command-line PATH */
	int			 dir;
};

struct loader {
	struct model		*m;
	struct diags		*diags;
	struct strmap		*seen;		/* "dev:ino" -> struct origin */
	struct vec		 origins;	/* to free */
	size_t			 nseen;		/* files met again */
	size_t			 arg;		/* the PATH being read */
	size_t			 nexports;	/* files parsed */
	const struct loc	*entry;		/* the manifest entry being read */
	char			*skip_real;	/* the manifest's real path */
	char			*root_real;	/* nothing outside it is read */
	struct jobq		*q;
};

static char *
join(const char *dir, const char *name)
{
	size_t	l = strlen(dir);

	if (l == 0 || strcmp(dir, ".") == 0)
		return xstrdup(name);
	return xasprintf("%s%s%s", dir, dir[l - 1] == '/' ? "" : "/", name);
}

static const char *
ext_of(const char *path)
{
	const char	*s = strrchr(path, '/'), *d;

	s = s != NULL ? s + 1 : path;
	d = strrchr(s, '.');
	return d != NULL ? d : "";
}

static void
skipped(struct model *m, const char *file, unsigned line, const char *what,
    const char *why)
{
	struct skipped	*s;

	if (m->nskipped == m->capskipped) {
		m->capskipped = m->capskipped ? m->capskipped * 2 : 16;
		m->skipped = xreallocarray(m->skipped, m->capskipped,
		    sizeof(*m->skipped));
	}
	s = &m->skipped[m->nskipped++];
	memset(s, 0, sizeof(*s));
	s->loc.file = utf8_text(m->arena, file);
	s->loc.line = line;
	s->what = utf8_text(m->arena, what);
	s->why = arena_strdup(m->arena, why);
}

static const char *
what_of(const struct node *n)
{
	if (n->kind != NODE_OBJECT)
		return node_kind_name(n->kind);
	if (n->ntypes > 0)
		return n->types[0];
	return "JSON object";
}

/*
 * Hand every recognised object below 'n' to the model.  Unrecognised
 * wrappers (an -InputObject list, ScubaGear's provider export) are
 * searched; returns the number of objects found.
 */
static size_t
visit(struct model *m, struct diags *diags, const struct doc *d,
    const struct node *n, unsigned depth, struct org *org, enum side side,
    const char *server)
{
	enum kind	 k;
	size_t		 i, found = 0;
	const struct node *lst;

	/* A <Ref> repeats an object described where it was defined: never
	 * count it twice (nor let Refs of Refs multiply the work). */
	if (depth > 6 || n->is_ref)
		return 0;
	if (recognize(n, &k) == 0) {
		model_add(m, d, n, depth, k, org, side, server, diags);
		return 1;
	}
	if ((lst = node_as_list(n)) != NULL) {
		for (i = 0; i < lst->nitems; i++)
			found += visit(m, diags, d, lst->items[i], depth + 1,
			    org, side, server);
		return found;
	}
	if (n->kind == NODE_OBJECT && n->ntypes == 0 && n->tag == NULL) {
		for (i = 0; i < n->nprops; i++)
			if (n->props[i]->kind == NODE_OBJECT ||
			    n->props[i]->kind == NODE_LIST)
				found += visit(m, diags, d, n->props[i],
				    depth + 1, org, side, server);
	}
	return found;
}

/* The cmdlet of the kind records were added to since 'before' counts. */
static const char *
new_cmdlet(const struct model *m, const size_t *before)
{
	size_t	k;

	for (k = 0; k < K__COUNT; k++)
		if (m->nobjs[k] > before[k])
			return kind_cmdlet(k);
	return NULL;
}

void
load_doc(struct model *m, struct doc *d, struct org *org,
    enum side side, const char *server, struct diags *diags)
{
	size_t			 i, j, found, before[K__COUNT];
	const struct node	*n, *lst;

	/* A file cut at the depth limit is known as a whole. */
	d->cut = model_doc_truncation(d, &d->cut_depth);
	for (i = 0; i < K__COUNT; i++)
		before[i] = m->nobjs[i];
	for (i = 0; i < d->nroots; i++) {
		n = d->roots[i];
		found = visit(m, diags, d, n, 0, org, side, server);
		if (found > 0)
			continue;
		if ((lst = node_as_list(n)) != NULL && lst->nitems > 0) {
			for (j = 0; j < lst->nitems; j++)
				skipped(m, d->path,
				    lst->items[j]->loc.line,
				    what_of(lst->items[j]),
				    "not an object kind hybridlint reads");
			continue;
		}
		skipped(m, d->path, n->loc.line, what_of(n),
		    n->kind == NODE_OBJECT ?
		    "not an object kind hybridlint reads" :
		    "a bare value, not an object");
	}
	if (d->cut != NULL)
		model_add_cut(m, d, new_cmdlet(m, before));
}

/*
 * Files are queued while folders and manifests are walked, then read and
 * parsed on worker threads (the costly part) while the main thread maps
 * each document into the model in queue order, so the model and every
 * diagnostic come out the same whatever the number of threads.  Workers
 * run at most JOB_WINDOW documents ahead, which bounds memory.
 */
#define JOB_WINDOW	8

enum job_kind {
	JOB_XML,
	JOB_JSON,
	JOB_CERT,
	JOB_SKIP
};

struct job {
	enum job_kind	 kind;
	char		*path;
	struct org	*org;
	enum side	 side;
	const char	*server;
	/* Results, filled by a worker. */
	struct doc	*doc;
	struct rawfile	 raw;
	const char	*encoding;
	struct diags	 diags;
	char		 sha256[SHA256_HEX_LEN + 1];	/* "" if not read */
	size_t		 size;
	int		 done;
	int		 preloaded;	/* raw holds the bytes (stdin) */
};

struct jobq {
	struct job	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 next;		/* next job a worker takes */
	size_t		 consumed;	/* jobs the main thread mapped */
	pthread_mutex_t	 mu;
	pthread_cond_t	 ready;		/* a job is done */
	pthread_cond_t	 room;		/* the window moved */
};

/* What a file is, by its name. */
static enum job_kind
job_kind(const char *path)
{
	const char	*ext = ext_of(path);

	if (strcasecmp(ext, ".pem") == 0 || strcasecmp(ext, ".crt") == 0 ||
	    strcasecmp(ext, ".cer") == 0 || strcasecmp(ext, ".der") == 0)
		return JOB_CERT;
	if (strcasecmp(ext, ".xml") == 0 || strcasecmp(ext, ".clixml") == 0)
		return JOB_XML;
	if (strcasecmp(ext, ".json") == 0)
		return JOB_JSON;
	return JOB_SKIP;
}

static void
queue_file(struct loader *l, const char *path, struct org *org,
    enum side side, const char *server)
{
	struct jobq	*q = l->q;
	struct job	*j;

	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 64;
		q->v = xreallocarray(q->v, q->cap, sizeof(*q->v));
	}
	j = &q->v[q->n++];
	memset(j, 0, sizeof(*j));
	j->path = xstrdup(path);
	j->org = org;
	j->side = side;
	j->server = server;
	j->kind = job_kind(path);
}

/* Read and parse one file: the part that runs on a worker. */
static void
parse_job(struct job *j)
{
	struct textfile	tf;

	if (j->kind == JOB_SKIP)
		return;
	if (!j->preloaded && rawfile_read(j->path, j->path,
	    TEXTFILE_MAX_BYTES, &j->raw, &j->diags) == -1)
		return;
	j->size = j->raw.len;
	sha256_hex(j->raw.data, j->raw.len, j->sha256);
	if (j->kind == JOB_CERT)
		return;
	if (text_decode(&j->raw, j->path, j->kind == JOB_XML ? '<' : '{',
	    &tf, &j->diags) == -1)
		return;
	j->encoding = tf.encoding;
	if (j->kind == JOB_XML)
		j->doc = clixml_load(j->path, tf.text, tf.len, &j->diags);
	else
		j->doc = json_load(j->path, tf.text, tf.len, &j->diags);
	textfile_free(&tf);
	/* The tree is what the main thread maps: the bytes can go. */
	rawfile_free(&j->raw);
}

/* Map one parsed file into the model: main thread only. */
static void
map_job(struct loader *l, struct job *j)
{
	struct certificate	*c;
	size_t			 i;

	for (i = 0; i < j->diags.n; i++)
		diag_add(l->diags, j->diags.v[i].level, j->diags.v[i].file,
		    j->diags.v[i].line, j->diags.v[i].col, "%s",
		    j->diags.v[i].msg);
	diag_free(&j->diags);
	if (j->sha256[0] != '\0')
		model_add_file(l->m, j->path, j->size, j->sha256, j->org,
		    j->kind == JOB_CERT ? "certificate" : "export");
	switch (j->kind) {
	case JOB_SKIP:
		skipped(l->m, j->path, 0, "file",
		    "not an export (.xml, .clixml, .json) or certificate "
		    "(.pem, .crt, .cer, .der)");
		break;
	case JOB_CERT:
		if (j->raw.data == NULL)
			break;
		c = model_add_certfile(l->m, j->org, j->path, j->raw.data,
		    j->raw.len, l->diags);
		l->nexports += c != NULL;
		if (c != NULL && j->server != NULL) {
			c->server = arena_strdup(l->m->arena, j->server);
			c->server_reason = "manifest";
		}
		break;
	default:
		if (j->doc == NULL)
			break;
		/* Records copy what they keep: the tree goes right away. */
		j->doc->encoding = j->encoding;
		l->m->ndocs++;
		l->nexports++;
		load_doc(l->m, j->doc, j->org, j->side, j->server, l->diags);
		doc_free(j->doc);
		j->doc = NULL;
		break;
	}
	rawfile_free(&j->raw);
	free(j->path);
	j->path = NULL;
}

static void *
worker(void *arg)
{
	struct jobq	*q = arg;
	struct job	*j;
	size_t		 i;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (q->next < q->n && q->next >= q->consumed + JOB_WINDOW)
			pthread_cond_wait(&q->room, &q->mu);
		if (q->next >= q->n)
			break;
		i = q->next++;
		pthread_mutex_unlock(&q->mu);
		j = &q->v[i];
		parse_job(j);
		pthread_mutex_lock(&q->mu);
		j->done = 1;
		pthread_cond_broadcast(&q->ready);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

/* Threads to parse with: HYBRIDLINT_JOBS, else the processors, at most 8. */
static int
job_threads(void)
{
	const char	*e = getenv("HYBRIDLINT_JOBS");
	long		 n;

	if (e != NULL && (n = strtol(e, NULL, 10)) >= 1 && n <= 64)
		return (int)n;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

static void
run_jobs(struct loader *l)
{
	struct jobq	*q = l->q;
	pthread_t	 tids[64];
	int		 nt = job_threads(), started = 0, i;
	int		 progress = q->n >= 200 && isatty(STDERR_FILENO);
	size_t		 k;

	if (q->n == 0)
		return;
	q->next = q->consumed = 0;
	if (nt > 1 && q->n > 1) {
		for (i = 0; i < nt && (size_t)i < q->n; i++)
			if (pthread_create(&tids[started], NULL, worker, q) == 0)
				started++;
	}
	for (k = 0; k < q->n; k++) {
		if (started == 0)
			parse_job(&q->v[k]);
		else {
			pthread_mutex_lock(&q->mu);
			while (!q->v[k].done)
				pthread_cond_wait(&q->ready, &q->mu);
			pthread_mutex_unlock(&q->mu);
		}
		map_job(l, &q->v[k]);
		/* A progress line on long runs, only for a person watching. */
		if (progress && (k % 64 == 0 || k + 1 == q->n))
			fprintf(stderr, "\rhybridlint: read %zu of %zu files",
			    k + 1, q->n);
		pthread_mutex_lock(&q->mu);
		q->consumed = k + 1;
		pthread_cond_broadcast(&q->room);
		pthread_mutex_unlock(&q->mu);
	}
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	if (progress)
		fputs("\r\033[K", stderr);
	q->n = 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Each file and folder is read once, whatever names lead to it (a path
 * given twice, a folder and a file inside it, links).  The manifest must
 * not give one to two of its entries: that is an error naming both.
 * Returns 1 when 'path' was met before (and is not to be read again).
 */
static int
seen(struct loader *l, const char *path, const struct stat *st, struct org *org)
{
	struct origin	*o;
	void *const	*v;
	char		 key[64];

	snprintf(key, sizeof(key), "%llu:%llu",
	    (unsigned long long)st->st_dev, (unsigned long long)st->st_ino);
	if ((v = strmap_get(l->seen, key, NULL)) != NULL) {
		o = v[0];
		if (l->entry != NULL && o->entry != NULL && o->entry != l->entry)
			diag_add(l->diags, SEV_ERROR, l->entry->file,
			    l->entry->line, l->entry->col, "topology.json: %s "
			    "%s is already given to organization %s at %s:%u:%u; "
			    "a file belongs to one organization and is listed "
			    "once", o->dir ? "folder" : "file", path, o->org,
			    o->entry->file, o->entry->line, o->entry->col);
		else if (o->arg == l->arg && o->entry == l->entry && o->dir)
			diag_add(l->diags, SEV_WARNING, path, 0, 0, "folder "
			    "already read (a symbolic link loop?); skipped");
		l->nseen++;
		return 1;
	}
	o = xcalloc(1, sizeof(*o));
	o->entry = l->entry;
	o->arg = l->arg;
	o->org = org != NULL ? org->id : "?";
	o->dir = S_ISDIR(st->st_mode);
	vec_push(&l->origins, o);
	strmap_add(l->seen, key, o);
	return 0;
}

static void load_path(struct loader *, const char *, struct org *,
    enum side, const char *, unsigned);
static int inside(const char *, const char *);

/* Is 'path' a symbolic link whose target lies outside the input folder? */
static int
leads_outside(const struct loader *l, const char *path)
{
	struct stat	 st;
	char		*real;
	int		 out;

	if (l->root_real == NULL || lstat(path, &st) == -1 ||
	    !S_ISLNK(st.st_mode))
		return 0;
	if ((real = realpath(path, NULL)) == NULL)
		return 0;	/* dangling: load_path reports it */
	out = strcmp(real, l->root_real) != 0 && !inside(real, l->root_real);
	free(real);
	return out;
}

static void
load_dir(struct loader *l, const char *dir, struct org *org, enum side side,
    const char *server, unsigned depth)
{
	DIR		*dp;
	struct dirent	*de;
	struct vec	 names = { 0 };
	size_t		 i;
	char		*p;

	if (depth > WALK_MAX_DEPTH) {
		diag_add(l->diags, SEV_ERROR, dir, 0, 0,
		    "folders nested deeper than %d levels", WALK_MAX_DEPTH);
		return;
	}
	if ((dp = opendir(dir)) == NULL) {
		diag_add(l->diags, SEV_ERROR, dir, 0, 0,
		    "cannot open folder: %s", strerror(errno));
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;	/* ., .., hidden files, .hybridlint.json */
		vec_push(&names, xstrdup(de->d_name));
	}
	closedir(dp);
	if (names.n > 0)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (i = 0; i < names.n; i++) {
		p = join(dir, names.v[i]);
		if (leads_outside(l, p))
			diag_add(l->diags, SEV_WARNING, p, 0, 0, "symbolic link "
			    "leads outside the input folder; not followed");
		else
			load_path(l, p, org, side, server, depth + 1);
		free(p);
		free(names.v[i]);
	}
	vec_free(&names);
}

static void
load_path(struct loader *l, const char *path, struct org *org,
    enum side side, const char *server, unsigned depth)
{
	struct stat	 st;
	char		*real;

	if (stat(path, &st) == -1) {
		diag_add(l->diags, SEV_ERROR, path, 0, 0, "%s",
		    strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!seen(l, path, &st, org))
			load_dir(l, path, org, side, server, depth);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		skipped(l->m, path, 0, "file", "not a regular file");
		return;
	}
	if (l->skip_real != NULL && (real = realpath(path, NULL)) != NULL) {
		int same = strcmp(real, l->skip_real) == 0;

		free(real);
		if (same)
			return;
	}
	if (seen(l, path, &st, org))
		return;
	if (job_kind(path) != JOB_SKIP)
		model_add_input(l->m, path, st.st_dev, st.st_ino);
	queue_file(l, path, org, side, server);
}

static const char *
base_name(struct arena *a, const char *path)
{
	char		*p = arena_strdup(a, path), *s;
	size_t		 n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	if ((s = strrchr(p, '/')) != NULL)
		return s[1] != '\0' ? s + 1 : p;
	if (strcmp(p, ".") == 0) {
		char *cwd = realpath(".", NULL);

		if (cwd != NULL) {
			s = strrchr(cwd, '/');
			p = arena_strdup(a, s != NULL && s[1] ? s + 1 : cwd);
			free(cwd);
		}
	}
	return p;
}

/* Is 'real' inside 'dir' (both real paths)? */
static int
inside(const char *real, const char *dir)
{
	size_t	n = strlen(dir);

	return strncmp(real, dir, n) == 0 && (real[n] == '/' ||
	    (n == 1 && dir[0] == '/'));
}

/* A file read outside the walk (the manifest, gateway certificates). */
static void
record_input(struct loader *l, const char *path)
{
	struct stat	st;

	if (stat(path, &st) == 0)
		model_add_input(l->m, path, st.st_dev, st.st_ino);
}

/* A file read on the main thread, with its digest, into m->files. */
static void
record_file(struct model *m, const char *path, const struct rawfile *raw,
    const struct org *org, const char *role)
{
	char	hex[SHA256_HEX_LEN + 1];

	sha256_hex(raw->data, raw->len, hex);
	model_add_file(m, path, raw->len, hex, org, role);
}

/* A gateway certificate the manifest describes inline. */
static struct certificate *
inline_cert(struct model *m, const struct gateway *g, const struct mcert *in)
{
	struct certificate	*c;
	size_t			 j;

	c = arena_alloc(m->arena, sizeof(*c));
	c->o.kind = K_CERT;
	c->o.side = SIDE_ONPREM;
	c->o.side_reason = "manifest gateway";
	c->o.loc.file = g->loc.file;
	c->o.loc.line = in->line;
	c->o.enabled = TB_UNKNOWN;
	c->subject = arena_strdup(m->arena, in->subject);
	c->cn = dn_get_cn(m->arena, c->subject);
	c->issuer = arena_strdup(m->arena, in->issuer);
	c->domains.v = arena_alloc(m->arena, (in->nnames + 1) *
	    sizeof(char *));
	for (j = 0; j < in->nnames; j++)
		c->domains.v[j] = arena_strdup(m->arena, in->names[j]);
	c->domains.n = in->nnames;
	c->domains.known = 1;
	c->not_before = in->not_before;
	c->not_after = in->not_after;
	c->services = c->status = c->root_ca_type = -1;
	c->self_signed = c->issuer != NULL ?
	    (tbool)x500_equal(c->issuer, c->subject) : TB_UNKNOWN;
	c->o.identity = arena_printf(m->arena, "%s (inline)", c->subject);
	c->o.name = c->cn != NULL ? c->cn : c->subject;
	model_push(m, &c->o);
	return c;
}

/* A gateway certificate file, which must lie inside the topology folder. */
static struct certificate *
file_cert(struct loader *l, const struct mgateway *mg, const char *dir)
{
	struct certificate	*c = NULL;
	struct rawfile		 raw;
	char			*p, *real = NULL;

	p = join(dir, mg->cert_file);
	if (leads_outside(l, p) || (l->skip_real != NULL &&
	    (real = realpath(p, NULL)) != NULL &&
	    (strcmp(real, l->skip_real) == 0 || !inside(real, l->root_real))))
		diag_add(l->diags, SEV_ERROR, mg->cert_loc.file,
		    mg->cert_loc.line, mg->cert_loc.col, "topology.json: "
		    "gateway %s: certificate \"%s\" must be a certificate file "
		    "inside %s, other than the manifest", mg->id, mg->cert_file,
		    dir);
	else if (rawfile_read(p, p, TEXTFILE_MAX_BYTES, &raw, l->diags) == 0) {
		record_input(l, p);
		record_file(l->m, p, &raw, NULL, "certificate");
		c = model_add_certfile(l->m, NULL, p, raw.data, raw.len,
		    l->diags);
		rawfile_free(&raw);
	}
	free(real);
	free(p);
	return c;
}

static void
load_gateways(struct loader *l, const struct manifest *mf, const char *dir)
{
	struct model		*m = l->m;
	const struct mgateway	*mg;
	struct gateway		*g;
	struct certificate	*c;
	size_t			 i, j;

	/* Several topologies may be loaded: append. */
	m->gateways = xreallocarray(m->gateways, m->ngateways +
	    mf->ngateways + 1, sizeof(*m->gateways));
	for (i = 0; i < mf->ngateways; i++) {
		mg = &mf->gateways[i];
		g = arena_alloc(m->arena, sizeof(*g));
		g->id = utf8_text(m->arena, mg->id);
		g->name = dn_normalize(m->arena, mg->name);
		g->loc = loc_dup(m->arena, &mg->loc);
		g->addrs = arena_alloc(m->arena,
		    (mg->naddresses + 1) * sizeof(*g->addrs));
		g->addrs_text = arena_alloc(m->arena,
		    (mg->naddresses + 1) * sizeof(char *));
		for (j = 0; j < mg->naddresses; j++) {
			parse_ipaddr(mg->addresses[j], &g->addrs[j]);
			g->addrs_text[j] = arena_strdup(m->arena,
			    mg->addresses[j]);
		}
		g->naddrs = mg->naddresses;
		if (mg->operated_by != NULL)
			g->operated_by = model_org(m, mg->operated_by, NULL);
		g->addon_for = arena_alloc(m->arena,
		    (mg->naddon_for + 1) * sizeof(*g->addon_for));
		for (j = 0; j < mg->naddon_for; j++)
			g->addon_for[j] = model_org(m, mg->addon_for[j], NULL);
		g->naddon_for = mg->naddon_for;
		c = mg->cert_file != NULL ? file_cert(l, mg, dir) :
		    mg->cert_inline != NULL ? inline_cert(m, g, mg->cert_inline) :
		    NULL;
		if (c != NULL) {
			c->gateway = g->id;
			c->server = g->name;
			c->server_reason = "manifest gateway";
		}
		g->cert = c;
		m->gateways[m->ngateways++] = g;
	}
}

/* One path of an organization in the manifest, inside its folder. */
static void
manifest_path(struct loader *l, const char *dir, const struct morg *mo,
    const struct mpath *mp, struct org *org, enum side side)
{
	char	*p, *rp;

	p = join(dir, mp->path);
	if ((rp = realpath(p, NULL)) == NULL)
		diag_add(l->diags, SEV_ERROR, mp->loc.file, mp->loc.line,
		    mp->loc.col, "topology.json: \"%s\" (organization %s): %s",
		    mp->path, mo->id, strerror(errno));
	else if (l->root_real == NULL || !inside(rp, l->root_real) ||
	    (l->skip_real != NULL && strcmp(rp, l->skip_real) == 0))
		diag_add(l->diags, SEV_ERROR, mp->loc.file, mp->loc.line,
		    mp->loc.col, "topology.json: \"%s\" must name a file or "
		    "folder inside %s, other than the manifest itself",
		    mp->path, dir);
	else {
		l->entry = &mp->loc;
		load_path(l, p, org, side, mp->server, 0);
		l->entry = NULL;
	}
	free(rp);
	free(p);
}

/* The manifest's dns.mx, appended to the model's. */
static void
load_mx(struct model *m, const struct manifest *mf)
{
	struct mxentry	*e;
	const char	**hosts;
	size_t		 i, j, n;

	m->mx = xreallocarray(m->mx, m->nmx + mf->nmx + 1, sizeof(*m->mx));
	for (i = 0; i < mf->nmx; i++) {
		e = &m->mx[m->nmx++];
		e->domain = arena_strdup(m->arena, mf->mx[i].domain);
		/* Most domains of an MSP share a pool's list: kept once. */
		n = mf->mx[i].nhosts;
		hosts = xcalloc(n + 1, sizeof(*hosts));
		for (j = 0; j < n; j++)
			hosts[j] = model_string(m, mf->mx[i].hosts[j]);
		e->hosts = (const char **)model_block(m, hosts,
		    (n + 1) * sizeof(*hosts));
		e->nhosts = n;
		free(hosts);
	}
}

static void
load_manifest(struct loader *l, const char *dir, const char *mfpath)
{
	struct rawfile		 raw;
	struct textfile		 tf;
	struct manifest		*mf;
	struct model		*m = l->m;
	const struct morg	*mo;
	struct org		*org;
	size_t			 i, j;

	if (rawfile_read(mfpath, mfpath, MANIFEST_MAX_BYTES, &raw,
	    l->diags) == -1)
		return;
	record_file(m, mfpath, &raw, NULL, "manifest");
	record_input(l, mfpath);
	if (text_decode(&raw, mfpath, '{', &tf, l->diags) == -1)
		return;
	mf = manifest_parse(mfpath, tf.text, tf.len, l->diags);
	textfile_free(&tf);
	if (mf == NULL)
		return;
	m->has_manifest = 1;
	l->root_real = realpath(dir, NULL);
	l->skip_real = realpath(mfpath, NULL);
	if (l->root_real != NULL)
		model_add_input_folder(m, l->root_real);
	for (i = 0; i < mf->norgs; i++)
		model_org(m, mf->orgs[i].id, mf->orgs[i].name);
	for (i = 0; i < mf->norgs; i++) {
		mo = &mf->orgs[i];
		org = model_org(m, mo->id, mo->name);
		org->from = "manifest";
		for (j = 0; j < mo->nonprem; j++)
			manifest_path(l, dir, mo, &mo->onprem[j], org,
			    SIDE_ONPREM);
		for (j = 0; j < mo->nexo; j++)
			manifest_path(l, dir, mo, &mo->exo[j], org, SIDE_EXO);
	}
	run_jobs(l);
	load_gateways(l, mf, dir);
	load_mx(m, mf);
	free(l->skip_real);
	free(l->root_real);
	l->skip_real = NULL;
	l->root_real = NULL;
	manifest_free(mf);
}

/* One command-line PATH: a topology folder, an organization's, a file. */
static void
load_arg(struct loader *l, const char *path, const struct stat *st)
{
	struct org	*org;
	char		*mfpath, *parent, *slash;

	if (S_ISDIR(st->st_mode)) {
		mfpath = join(path, "topology.json");
		if (access(mfpath, F_OK) == 0)
			load_manifest(l, path, mfpath);
		else {
			org = model_org(l->m, base_name(l->m->arena, path),
			    NULL);
			org->from = "folder";
			l->root_real = realpath(path, NULL);
			if (l->root_real != NULL)
				model_add_input_folder(l->m, l->root_real);
			load_path(l, path, org, SIDE_UNKNOWN, NULL, 0);
			run_jobs(l);
			free(l->root_real);
			l->root_real = NULL;
		}
		free(mfpath);
		return;
	}
	if (S_ISREG(st->st_mode) && job_kind(path) == JOB_SKIP) {
		diag_add(l->diags, SEV_ERROR, path, 0, 0, "not a supported "
		    "export (.xml, .json, .pem, .crt, .cer, .der)");
		return;
	}
	parent = xstrdup(path);
	if ((slash = strrchr(parent, '/')) != NULL)
		*slash = '\0';
	else {
		free(parent);
		parent = xstrdup(".");
	}
	/* The manifest itself: the topology of its folder. */
	if (S_ISREG(st->st_mode) &&
	    strcmp(base_name(l->m->arena, path), "topology.json") == 0) {
		load_manifest(l, parent, path);
		free(parent);
		return;
	}
	org = model_org(l->m, base_name(l->m->arena, parent), NULL);
	org->from = "file";
	free(parent);
	load_path(l, path, org, SIDE_UNKNOWN, NULL, 0);
	run_jobs(l);
}

/*
 * What an export read from standard input is, by its first character
 * after a byte order mark and white space: '<' CLIXML, '{' or '[' JSON,
 * "-----BEGIN" a PEM certificate, a DER SEQUENCE a DER one.
 */
static enum job_kind
sniff(const unsigned char *p, size_t n)
{
	static const char	 pem[] = "-----BEGIN";
	size_t			 i = 0, step = 1, lo = 0, k;
	unsigned		 c;

	if (n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff))) {
		step = 2;
		lo = p[0] == 0xff ? 0 : 1;
		i = 2;
	} else if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	else if (n >= 2 && p[0] != 0 && p[1] == 0)
		step = 2;			/* UTF-16LE without a BOM */
	else if (n >= 2 && p[0] == 0 && p[1] != 0) {
		step = 2;			/* UTF-16BE without a BOM */
		lo = 1;
	} else if (n >= 2 && p[0] == 0x30 && (p[1] & 0x80) != 0)
		return JOB_CERT;		/* DER */
	for (; i + step <= n; i += step) {
		if (step == 2 && p[i + 1 - lo] != 0)
			return JOB_SKIP;	/* not ASCII */
		c = p[i + lo];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == '<')
			return JOB_XML;
		if (c == '{' || c == '[')
			return JOB_JSON;
		for (k = 0; k < sizeof(pem) - 1 && i + k * step + lo < n; k++)
			if (p[i + k * step + lo] != (unsigned char)pem[k])
				break;
		return k == sizeof(pem) - 1 && step == 1 ? JOB_CERT : JOB_SKIP;
	}
	return JOB_SKIP;
}

/* "-": one export from standard input, read once, as its content says. */
static void
load_stdin(struct loader *l)
{
	struct rawfile	 raw;
	struct stat	 st;
	struct org	*org;
	struct job	*j;
	enum job_kind	 kind;

	/* An output must not replace the file standard input reads. */
	if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
		model_add_input(l->m, TEXTFILE_STDIN, st.st_dev, st.st_ino);
	if (rawfile_read_fd(STDIN_FILENO, TEXTFILE_STDIN, TEXTFILE_MAX_BYTES,
	    &raw, l->diags) == -1)
		return;
	if (raw.len == 0 || (kind = sniff(raw.data, raw.len)) == JOB_SKIP) {
		diag_add(l->diags, SEV_ERROR, TEXTFILE_STDIN, 0, 0, "%s",
		    raw.len == 0 ? "empty: no export to read" : "not an "
		    "export: expected CLIXML ('<'), JSON ('{' or '[') or a "
		    "PEM certificate (\"-----BEGIN\")");
		rawfile_free(&raw);
		return;
	}
	org = model_org(l->m, "stdin", NULL);
	org->from = "file";
	queue_file(l, TEXTFILE_STDIN, org, SIDE_UNKNOWN, NULL);
	j = &l->q->v[l->q->n - 1];
	j->kind = kind;
	j->raw = raw;
	j->preloaded = 1;
	run_jobs(l);
}

struct model *
load_paths(char *const *paths, size_t npaths, struct diags *diags)
{
	struct loader	 l;
	struct jobq	 q;
	struct stat	 st;
	struct strmap	*args;
	size_t		 i, before, nerrors, nseen;
	char		 key[64];
	int		 stdin_read = 0;

	memset(&l, 0, sizeof(l));
	memset(&q, 0, sizeof(q));
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.ready, NULL);
	pthread_cond_init(&q.room, NULL);
	l.q = &q;
	l.m = xcalloc(1, sizeof(*l.m));
	l.m->arena = arena_new();
	l.diags = diags;
	l.seen = strmap_new();
	args = strmap_new();
	for (i = 0; i < npaths; i++) {
		if (strcmp(paths[i], "-") == 0) {
			/* Standard input can be read only once. */
			if (stdin_read++) {
				diag_add(diags, SEV_ERROR, TEXTFILE_STDIN, 0, 0,
				    "\"-\" given more than once: standard input "
				    "is read once");
				continue;
			}
			if (l.m->root == NULL)
				l.m->root = arena_strdup(l.m->arena, "-");
			l.arg = i;
			load_stdin(&l);
			continue;
		}
		if (stat(paths[i], &st) == -1) {
			diag_add(diags, SEV_ERROR, paths[i], 0, 0, "%s",
			    strerror(errno));
			continue;
		}
		/* A PATH given twice is read once. */
		snprintf(key, sizeof(key), "%llu:%llu",
		    (unsigned long long)st.st_dev,
		    (unsigned long long)st.st_ino);
		if (strmap_get(args, key, NULL) != NULL)
			continue;
		strmap_add(args, key, NULL);
		if (l.m->root == NULL)
			l.m->root = arena_strdup(l.m->arena, paths[i]);
		before = l.nexports;
		nerrors = diags->nerrors;
		nseen = l.nseen;
		l.arg = i;
		load_arg(&l, paths[i], &st);
		/* A CI gate pointed at the wrong folder must not pass. */
		if (l.nexports == before && diags->nerrors == nerrors &&
		    l.nseen == nseen)
			diag_add(diags, SEV_ERROR, paths[i], 0, 0, "no exports "
			    "found (looked for .xml, .json, .pem, .crt, .cer, "
			    ".der)");
	}
	for (i = 0; i < l.origins.n; i++)
		free(l.origins.v[i]);
	vec_free(&l.origins);
	strmap_free(l.seen);
	strmap_free(args);
	free(q.v);
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.ready);
	pthread_cond_destroy(&q.room);
#ifdef HAVE_MALLOC_TRIM
	/*
	 * The parse trees were built on the worker threads, whose malloc
	 * arenas the main thread does not allocate from: give back the
	 * memory they freed, which the rest of the run cannot reuse.
	 */
	malloc_trim(0);
#endif
	return l.m;
}
