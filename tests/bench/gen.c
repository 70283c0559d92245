/*
 * gen.c: a deterministic generator of benchmark topologies (make bench).
 *
 *	gen msp N SAMPLES OUTDIR
 *	gen adv DIMENSION COUNT SAMPLES OUTDIR
 *	gen N SAMPLES OUTDIR			(the same as "msp")
 *
 * SAMPLES is the samples/varunagroup folder: every Export-Clixml and
 * ConvertTo-Json export is made from its real-shaped files (type names,
 * RefIds, Refs, MS blocks, the 5.1 JSON layout), with names, GUIDs and
 * lists replaced, and Exchange's SerializationData blobs grown to the
 * size real exports have.  OUTDIR gets a topology.json (written last, so
 * its presence says the set is complete) and one folder per organization.
 * The same arguments give the same bytes.
 *
 * msp: an MSP with N customers.  The provider ("varuna", the seed's
 * provider: on-premises Exchange with Edge and its own tenant, whose HCW
 * inbound connector accepts *.varunagroup.de) runs two pools of shared
 * gateways (mxaNN, mxbNN.varunagroup.de, declared in the manifest with
 * certificate objects).  Every customer is an organization of its own
 * whose "Internet" send connector (SMTP:*) smart-hosts through one pool,
 * with partner send connectors through the other, 1-2 servers with the
 * five default receive connectors each, Exchange certificates (RawData
 * CLIXML or Select-Object JSON) and 6-24 accepted domains, all in dns.mx
 * (to the pool or to Exchange Online).  Every eighth customer is a hybrid
 * organization (Mailbox servers and an Edge, HCW connectors, hybrid
 * configuration) with its own tenant: inbound (HCW, naming an exact host,
 * a wildcard on its own domain or, one in ten, the provider's wildcard),
 * outbound, accepted domains incl. <x>.onmicrosoft.com and
 * <x>.mail.onmicrosoft.com, on-premises organization, transport and
 * organization config and, for every other one, a global journal rule.
 * About 0.8 MB of exports per customer; one Export-Clixml file in three
 * and one JSON file in four are UTF-16LE with BOM (Windows PowerShell
 * 5.1's default), the others UTF-8 with BOM.
 *
 * adv: one adversarial dimension at COUNT, over a small fixed topology
 * (the provider, the gateways and two customers, unpadded):
 *	orgs		COUNT organizations, one tiny send connector export each
 *	wildcards	COUNT inbound connectors in four tenants, each with its
 *			own wildcard TlsSenderCertificateName (one in four
 *			OnPremises, the others Partner)
 *	shared		COUNT OnPremises inbound connectors in four tenants,
 *			all accepting the provider's *.varunagroup.de
 *	ips		two OnPremises inbound connectors of one tenant with
 *			COUNT SenderIPAddresses each (/24 to /32) in one /16
 *	domains		a hybrid organization with COUNT accepted domains (on
 *			premises and in its tenant, hybrid and recipient
 *			domains of its connectors, dns.mx)
 *	certs		a hybrid organization whose Edge holds COUNT SMTP
 *			certificates with overlapping names
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char	*outdir;
static const char	*samples;

static void die(const char *, ...) __attribute__((format(printf, 1, 2),
    noreturn));

static void
die(const char *fmt, ...)
{
	va_list	ap;

	fputs("gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* snprintf that refuses to truncate. */
static void fmt(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
fmt(char *out, size_t len, const char *f, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, f);
	n = vsnprintf(out, len, f, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len)
		die("name too long: %s", out);
}

/* Growable buffers. */

struct buf {
	char	*p;
	size_t	 len, cap;
};

static void
breserve(struct buf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 4096;
	while (b->len + n + 1 > b->cap)
		b->cap *= 2;
	if ((b->p = realloc(b->p, b->cap)) == NULL)
		die("out of memory");
}

static void
bput(struct buf *b, const void *s, size_t n)
{
	breserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
bputs(struct buf *b, const char *s)
{
	bput(b, s, strlen(s));
}

static void
bputc(struct buf *b, int c)
{
	char	ch = (char)c;

	bput(b, &ch, 1);
}

static void bprintf(struct buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
bprintf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	breserve(b, 256);
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("vsnprintf");
	if ((size_t)n >= b->cap - b->len) {
		breserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

static void
bputu(struct buf *b, unsigned v)
{
	char	s[16];
	int	i = 16;

	do
		s[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	bput(b, s + i, (size_t)(16 - i));
}

/* Randomness: splitmix64, seeded from what is being generated. */

struct rng {
	uint64_t	s;
};

static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t
rnd(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix64(r->s);
}

static unsigned
rndn(struct rng *r, unsigned n)
{
	return (unsigned)(rnd(r) % n);
}

static uint64_t
hashmem(const void *p, size_t n, uint64_t seed)
{
	const unsigned char	*s = p;
	uint64_t		 h = 1469598103934665603ULL ^ seed;
	size_t			 i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return mix64(h);
}

/* Files. */

enum enc {
	ENC_UTF8BOM,
	ENC_UTF16LE
};

static unsigned long long	total_files, total_bytes;

static void
mkdirs(const char *p)
{
	char	buf[4096], *s;

	fmt(buf, sizeof(buf), "%s", p);
	for (s = buf + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(buf, 0755) == -1 && errno != EEXIST)
				die("%s: %s", buf, strerror(errno));
			*s = '/';
		}
	if (mkdir(buf, 0755) == -1 && errno != EEXIST)
		die("%s: %s", buf, strerror(errno));
}

static void
write_bytes(const char *path, const void *p, size_t n)
{
	FILE	*fp;

	if ((fp = fopen(path, "wb")) == NULL)
		die("%s: %s", path, strerror(errno));
	if (fwrite(p, 1, n, fp) != n || fclose(fp) != 0)
		die("%s: write error", path);
	total_files++;
	total_bytes += n;
}

/* Write UTF-8 text as UTF-8 with BOM or as UTF-16LE with BOM. */
static void
write_text(const char *path, const struct buf *t, enum enc e)
{
	static struct buf	 o;
	const unsigned char	*s = (const unsigned char *)t->p;
	size_t			 i, n = t->len;
	unsigned		 c;

	o.len = 0;
	if (e == ENC_UTF8BOM) {
		breserve(&o, n + 3);
		bput(&o, "\xef\xbb\xbf", 3);
		bput(&o, t->p, n);
		write_bytes(path, o.p, o.len);
		return;
	}
	breserve(&o, 2 * n + 2);
	o.p[o.len++] = (char)0xff;
	o.p[o.len++] = (char)0xfe;
	for (i = 0; i < n; ) {
		c = s[i];
		if (c < 0x80)
			i++;
		else if ((c & 0xe0) == 0xc0 && i + 1 < n) {
			c = ((c & 0x1f) << 6) | (s[i + 1] & 0x3f);
			i += 2;
		} else if ((c & 0xf0) == 0xe0 && i + 2 < n) {
			c = ((c & 0x0f) << 12) | ((s[i + 1] & 0x3fu) << 6) |
			    (s[i + 2] & 0x3f);
			i += 3;
		} else if ((c & 0xf8) == 0xf0 && i + 3 < n) {
			c = ((c & 0x07) << 18) | ((s[i + 1] & 0x3fu) << 12) |
			    ((s[i + 2] & 0x3fu) << 6) | (s[i + 3] & 0x3f);
			i += 4;
			c -= 0x10000;
			o.p[o.len++] = (char)((0xd800 + (c >> 10)) & 0xff);
			o.p[o.len++] = (char)((0xd800 + (c >> 10)) >> 8);
			c = 0xdc00 + (c & 0x3ff);
		} else {
			c = 0xfffd;
			i++;
		}
		o.p[o.len++] = (char)(c & 0xff);
		o.p[o.len++] = (char)(c >> 8);
	}
	write_bytes(path, o.p, o.len);
}

/* A file of the samples as UTF-8 text, without BOM. */
static char *
load_text(const char *name, size_t *lenp)
{
	char		 path[4096];
	FILE		*fp;
	unsigned char	*p;
	long		 n;
	struct buf	 b = { 0 };
	size_t		 i;
	unsigned	 c, d;

	fmt(path, sizeof(path), "%s/%s", samples, name);
	if ((fp = fopen(path, "rb")) == NULL)
		die("%s: %s", path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) == -1 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) == -1)
		die("%s: cannot seek", path);
	if ((p = malloc((size_t)n + 1)) == NULL)
		die("out of memory");
	if (fread(p, 1, (size_t)n, fp) != (size_t)n)
		die("%s: read error", path);
	fclose(fp);
	if (n >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		for (i = 2; i + 1 < (size_t)n; i += 2) {
			c = p[i] | (unsigned)p[i + 1] << 8;
			if (c >= 0xd800 && c < 0xdc00 && i + 3 < (size_t)n) {
				d = p[i + 2] | (unsigned)p[i + 3] << 8;
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (d - 0xdc00);
				i += 2;
			}
			if (c < 0x80)
				bputc(&b, (int)c);
			else if (c < 0x800) {
				bputc(&b, (int)(0xc0 | c >> 6));
				bputc(&b, (int)(0x80 | (c & 0x3f)));
			} else if (c < 0x10000) {
				bputc(&b, (int)(0xe0 | c >> 12));
				bputc(&b, (int)(0x80 | ((c >> 6) & 0x3f)));
				bputc(&b, (int)(0x80 | (c & 0x3f)));
			} else {
				bputc(&b, (int)(0xf0 | c >> 18));
				bputc(&b, (int)(0x80 | ((c >> 12) & 0x3f)));
				bputc(&b, (int)(0x80 | ((c >> 6) & 0x3f)));
				bputc(&b, (int)(0x80 | (c & 0x3f)));
			}
		}
		free(p);
		*lenp = b.len;
		return b.p;
	}
	i = n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf ? 3 : 0;
	memmove(p, p + i, (size_t)n - i);
	p[(size_t)n - i] = '\0';
	*lenp = (size_t)n - i;
	return (char *)p;
}

/* Base64 padding for SerializationData, drawn from a fixed pool. */

#define POOL	(1u << 20)
static char	pool[POOL];

static void
pool_init(void)
{
	static const char	b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct rng		r = { 0x5e71a112a7104dULL };
	uint64_t		v = 0;
	size_t			i;

	for (i = 0; i < POOL; i++) {
		if (i % 10 == 0)
			v = rnd(&r);
		pool[i] = b64[v & 63];
		v >>= 6;
	}
}

/*
 * A BinaryFormatter blob of about 'size' characters: the template's real
 * header, then base64 of the right alphabet.  Size 0 keeps the template's.
 */
static void
blob(struct buf *o, const char *orig, size_t olen, size_t size,
    struct rng *r)
{
	size_t	keep = olen, n, off;

	if (size <= olen) {
		bput(o, orig, olen);
		return;
	}
	/* Drop the last quantum if it is padded. */
	if (keep >= 4 && memchr(orig + keep - 4, '=', 4) != NULL)
		keep -= 4;
	keep -= keep % 4;
	bput(o, orig, keep);
	size -= size % 4;
	while (keep < size) {
		n = size - keep;
		if (n > POOL / 2)
			n = POOL / 2;
		off = (size_t)(rnd(r) % (POOL / 2)) & ~(size_t)3;
		bput(o, pool + off, n);
		keep += n;
	}
}

/* GUIDs of the templates, mapped per seed (0: kept as they are). */

static int
ishex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static int
isalnumc(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static int
isguid(const char *t, size_t p, size_t len)
{
	size_t	i;
	int	nonzero = 0;

	if (p + 36 > len || (p > 0 && isalnumc(t[p - 1])) ||
	    (p + 36 < len && isalnumc(t[p + 36])))
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (t[p + i] != '-')
				return 0;
		} else if (!ishex(t[p + i]))
			return 0;
		else if (t[p + i] != '0')
			nonzero = 1;
	}
	return nonzero;
}

static void
guid_from(char out[37], uint64_t a, uint64_t b)
{
	static const char	hex[] = "0123456789abcdef";
	unsigned char		v[16];
	int			i, k = 0;

	for (i = 0; i < 8; i++) {
		v[i] = (unsigned char)(a >> (8 * i));
		v[8 + i] = (unsigned char)(b >> (8 * i));
	}
	v[6] = (unsigned char)((v[6] & 0x0f) | 0x40);
	v[8] = (unsigned char)((v[8] & 0x3f) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		out[k++] = hex[v[i] >> 4];
		out[k++] = hex[v[i] & 15];
	}
	out[k] = '\0';
}

static void
guid_map(struct buf *o, const char *orig, uint64_t seed)
{
	char		g[37];
	uint64_t	h;

	if (seed == 0) {
		bput(o, orig, 36);
		return;
	}
	h = hashmem(orig, 36, seed);
	guid_from(g, h, mix64(h ^ seed));
	bput(o, g, 36);
}

/* Text with every GUID in it mapped. */
static void
put_mapped(struct buf *o, const char *t, size_t len, uint64_t seed)
{
	size_t	p = 0, lit = 0;

	while (p < len) {
		if (seed != 0 && ishex(t[p]) && isguid(t, p, len)) {
			bput(o, t + lit, p - lit);
			guid_map(o, t + p, seed);
			p += 36;
			lit = p;
		} else
			p++;
	}
	bput(o, t + lit, p - lit);
}

/*
 * Templates: a sample's text compiled into literal runs and slots (a
 * name to replace, an Obj or TN RefId to renumber, a blob to grow, a
 * GUID to map), so that rendering one is little more than memcpy.
 */

enum segtype {
	SEG_LIT,
	SEG_SUB,
	SEG_OBJ,
	SEG_TN,
	SEG_BLOB,
	SEG_GUID
};

struct seg {
	enum segtype	 type;
	unsigned	 val;		/* SUB index, RefId, BLOB top level */
	size_t		 off, len;
};

struct tpl {
	const char	*text;
	size_t		 len;
	struct seg	*s;
	size_t		 n, cap;
	unsigned	 nobj, ntn;	/* RefIds used: 0..n-1 */
};

static void
addseg(struct tpl *t, enum segtype type, unsigned val, size_t off,
    size_t len)
{
	if (type == SEG_LIT && len == 0)
		return;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		if ((t->s = realloc(t->s, t->cap * sizeof(*t->s))) == NULL)
			die("out of memory");
	}
	t->s[t->n].type = type;
	t->s[t->n].val = val;
	t->s[t->n].off = off;
	t->s[t->n].len = len;
	t->n++;
}

static const char	ba_tag[] = "<BA N=\"SerializationData\">";

static struct tpl *
compile(const char *text, size_t len, const char *const *from, size_t nfrom)
{
	struct tpl	*t;
	size_t		 p = 0, lit = 0, q, b, i, fl[64];
	unsigned	 v;
	int		 tn;

	if (nfrom > 64)
		die("too many substitutions");
	for (i = 0; i < nfrom; i++)
		fl[i] = strlen(from[i]);
	if ((t = calloc(1, sizeof(*t))) == NULL)
		die("out of memory");
	t->text = text;
	t->len = len;
	while (p < len) {
		if (text[p] == 'R' && len - p > 7 &&
		    memcmp(text + p, "RefId=\"", 7) == 0 &&
		    text[p + 7] >= '0' && text[p + 7] <= '9') {
			for (q = p + 7, v = 0; q < len && text[q] >= '0' &&
			    text[q] <= '9'; q++)
				v = v * 10 + (unsigned)(text[q] - '0');
			for (b = p; b > 0 && text[b] != '<'; b--)
				;
			tn = text[b + 1] == 'T' && text[b + 2] == 'N';
			addseg(t, SEG_LIT, 0, lit, p + 7 - lit);
			addseg(t, tn ? SEG_TN : SEG_OBJ, v, 0, 0);
			if (tn && v + 1 > t->ntn)
				t->ntn = v + 1;
			if (!tn && v + 1 > t->nobj)
				t->nobj = v + 1;
			p = lit = q;
			continue;
		}
		if (text[p] == '<' && len - p > sizeof(ba_tag) - 1 &&
		    memcmp(text + p, ba_tag, sizeof(ba_tag) - 1) == 0) {
			/* The object's own blob is at the sixth column. */
			for (b = p; b > 0 && text[b - 1] == ' '; b--)
				;
			tn = p - b == 6;
			q = p + sizeof(ba_tag) - 1;
			addseg(t, SEG_LIT, 0, lit, q - lit);
			for (p = q; p < len && text[p] != '<'; p++)
				;
			addseg(t, SEG_BLOB, (unsigned)tn, q, p - q);
			lit = p;
			continue;
		}
		for (i = 0; i < nfrom; i++)
			if (text[p] == from[i][0] && len - p >= fl[i] &&
			    memcmp(text + p, from[i], fl[i]) == 0)
				break;
		if (i < nfrom) {
			addseg(t, SEG_LIT, 0, lit, p - lit);
			addseg(t, SEG_SUB, (unsigned)i, p, fl[i]);
			p = lit = p + fl[i];
			continue;
		}
		if (ishex(text[p]) && isguid(text, p, len)) {
			addseg(t, SEG_LIT, 0, lit, p - lit);
			addseg(t, SEG_GUID, 0, p, 36);
			p = lit = p + 36;
			continue;
		}
		p++;
	}
	addseg(t, SEG_LIT, 0, lit, p - lit);
	return t;
}

/* Where rendered objects go: RefId counters of one file, blob sizes. */
struct rctx {
	unsigned	 obase, tbase;
	size_t		 big, small;	/* top-level and nested blobs */
	uint64_t	 seed;		/* GUIDs; 0 keeps them */
	struct rng	*r;
};

static void
render(struct buf *o, const struct tpl *t, const char *const *to,
    struct rctx *c)
{
	const struct seg	*s;
	size_t			 i;

	for (i = 0; i < t->n; i++) {
		s = &t->s[i];
		switch (s->type) {
		case SEG_LIT:
			bput(o, t->text + s->off, s->len);
			break;
		case SEG_SUB:
			if (to != NULL && to[s->val] != NULL)
				bputs(o, to[s->val]);
			else
				put_mapped(o, t->text + s->off, s->len,
				    c->seed);
			break;
		case SEG_OBJ:
			bputu(o, s->val + c->obase);
			break;
		case SEG_TN:
			bputu(o, s->val + c->tbase);
			break;
		case SEG_BLOB:
			blob(o, t->text + s->off, s->len, s->val ? c->big :
			    c->small, c->r);
			break;
		case SEG_GUID:
			guid_map(o, t->text + s->off, c->seed);
			break;
		}
	}
	c->obase += t->nobj;
	c->tbase += t->ntn;
}

/* Render with 'extra' spaces before every non-empty line (JSON arrays). */
static void
render_indented(struct buf *o, const struct tpl *t, const char *const *to,
    struct rctx *c, int extra)
{
	static struct buf	tmp;
	size_t			i, start = 0;

	tmp.len = 0;
	render(&tmp, t, to, c);
	for (i = 0; i <= tmp.len; i++)
		if (i == tmp.len || tmp.p[i] == '\n') {
			if (i > start && tmp.p[start] != '\r')
				bput(o, "        ", (size_t)extra);
			bput(o, tmp.p + start, i - start);
			if (i < tmp.len)
				bputc(o, '\n');
			start = i + 1;
		}
}

static const char	objs_open[] = "<Objs Version=\"1.1.0.1\" "
    "xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\r\n";
static const char	objs_close[] = "</Objs>";

/* The objects of an Export-Clixml file (between <Objs> and </Objs>). */
static struct tpl *
clixml_tpl(const char *name, const char *const *from, size_t nfrom)
{
	size_t	 len;
	char	*t = load_text(name, &len), *s, *e;

	if ((s = strstr(t, ">\r\n")) == NULL ||
	    (e = strstr(s, objs_close)) == NULL)
		die("%s: not an Export-Clixml file", name);
	s += 3;
	*e = '\0';
	return compile(s, (size_t)(e - s), from, nfrom);
}

/* A ConvertTo-Json file of one object, without the final line end. */
static struct tpl *
json_tpl(const char *name, const char *const *from, size_t nfrom)
{
	size_t	 len;
	char	*t = load_text(name, &len);

	while (len > 0 && (t[len - 1] == '\n' || t[len - 1] == '\r'))
		t[--len] = '\0';
	return compile(t, len, from, nfrom);
}

/* Object 'k' of a ConvertTo-Json array ("    {" to "    }"). */
static struct tpl *
json_elem_tpl(const char *name, int k, const char *const *from,
    size_t nfrom)
{
	size_t	 len;
	char	*t = load_text(name, &len), *s = t, *e;
	int	 i;

	for (i = 0; i <= k; i++) {
		if ((s = strstr(i == 0 ? s : s + 1, "\n    {")) == NULL)
			die("%s: no object %d", name, k);
	}
	s++;
	if ((e = strstr(s, "\n    }")) == NULL)
		die("%s: unterminated object", name);
	e += 6;
	*e = '\0';
	return compile(s, (size_t)(e - s), from, nfrom);
}

/*
 * The text of a ConvertTo-Json (5.1) list property, from its key to its
 * closing bracket: items line up four columns right of where the value
 * starts, the bracket where it starts; an empty list has a blank line.
 */
static void
jlist(struct buf *o, int ind, const char *key, const char *const *v,
    size_t n)
{
	static const char	sp[] = "                                      "
	    "                                                          ";
	int			col = ind + (int)strlen(key) + 5;
	size_t			i;

	if (col + 4 > (int)sizeof(sp) - 1)
		die("list indented too deep");
	bprintf(o, "\"%s\":  [\r\n", key);
	if (n == 0)
		bput(o, "\r\n", 2);
	for (i = 0; i < n; i++) {
		bput(o, sp, (size_t)col + 4);
		bprintf(o, "\"%s\"%s\r\n", v[i], i + 1 < n ? "," : "");
	}
	bput(o, sp, (size_t)col);
	bputc(o, ']');
}

/* The same list property as it appears in a template (for replacing). */
static char *
find_list(const struct tpl *t, const char *key)
{
	char		 k[128], *s, *e, *r;

	fmt(k, sizeof(k), "\"%s\":  [", key);
	if ((s = strstr(t->text, k)) == NULL ||
	    (e = strchr(s, ']')) == NULL)
		die("template has no list %s", key);
	if ((r = malloc((size_t)(e - s) + 2)) == NULL)
		die("out of memory");
	memcpy(r, s, (size_t)(e - s) + 1);
	r[e - s + 1] = '\0';
	return r;
}

/* Hashes and certificates (DER), to give RawData real thumbprints. */

static uint32_t
rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void
sha1(const unsigned char *m, size_t n, unsigned char out[20])
{
	uint32_t	h[5] = { 0x67452301, 0xefcdab89, 0x98badcfe,
			    0x10325476, 0xc3d2e1f0 }, w[80], a, b, c, d, e, f,
			    k, t;
	unsigned char	blk[64];
	size_t		i, j, nb = (n + 9 + 63) / 64;

	for (i = 0; i < nb; i++) {
		for (j = 0; j < 64; j++) {
			size_t p = i * 64 + j;

			if (p < n)
				blk[j] = m[p];
			else if (p == n)
				blk[j] = 0x80;
			else if (p >= nb * 64 - 8)
				blk[j] = (unsigned char)((uint64_t)n * 8 >>
				    (8 * (nb * 64 - 1 - p)));
			else
				blk[j] = 0;
		}
		for (j = 0; j < 16; j++)
			w[j] = (uint32_t)blk[4 * j] << 24 |
			    (uint32_t)blk[4 * j + 1] << 16 |
			    (uint32_t)blk[4 * j + 2] << 8 | blk[4 * j + 3];
		for (j = 16; j < 80; j++)
			w[j] = rol(w[j - 3] ^ w[j - 8] ^ w[j - 14] ^ w[j - 16],
			    1);
		a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4];
		for (j = 0; j < 80; j++) {
			if (j < 20) {
				f = (b & c) | (~b & d);
				k = 0x5a827999;
			} else if (j < 40) {
				f = b ^ c ^ d;
				k = 0x6ed9eba1;
			} else if (j < 60) {
				f = (b & c) | (b & d) | (c & d);
				k = 0x8f1bbcdc;
			} else {
				f = b ^ c ^ d;
				k = 0xca62c1d6;
			}
			t = rol(a, 5) + f + e + k + w[j];
			e = d; d = c; c = rol(b, 30); b = a; a = t;
		}
		h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
	}
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
}

static uint32_t
ror(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static void
sha256(const unsigned char *m, size_t n, unsigned char out[32])
{
	static const uint32_t K[64] = {
		0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b,
		0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
		0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
		0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
		0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152,
		0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
		0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
		0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
		0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
		0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
		0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
		0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
		0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
	};
	uint32_t	h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372,
			    0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
			    0x5be0cd19 }, w[64], v[8], t1, t2;
	unsigned char	blk[64];
	size_t		i, j, nb = (n + 9 + 63) / 64;

	for (i = 0; i < nb; i++) {
		for (j = 0; j < 64; j++) {
			size_t p = i * 64 + j;

			if (p < n)
				blk[j] = m[p];
			else if (p == n)
				blk[j] = 0x80;
			else if (p >= nb * 64 - 8)
				blk[j] = (unsigned char)((uint64_t)n * 8 >>
				    (8 * (nb * 64 - 1 - p)));
			else
				blk[j] = 0;
		}
		for (j = 0; j < 16; j++)
			w[j] = (uint32_t)blk[4 * j] << 24 |
			    (uint32_t)blk[4 * j + 1] << 16 |
			    (uint32_t)blk[4 * j + 2] << 8 | blk[4 * j + 3];
		for (j = 16; j < 64; j++)
			w[j] = w[j - 16] + (ror(w[j - 15], 7) ^
			    ror(w[j - 15], 18) ^ (w[j - 15] >> 3)) + w[j - 7] +
			    (ror(w[j - 2], 17) ^ ror(w[j - 2], 19) ^
			    (w[j - 2] >> 10));
		memcpy(v, h, sizeof(v));
		for (j = 0; j < 64; j++) {
			t1 = v[7] + (ror(v[4], 6) ^ ror(v[4], 11) ^
			    ror(v[4], 25)) + ((v[4] & v[5]) ^ (~v[4] & v[6])) +
			    K[j] + w[j];
			t2 = (ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22)) +
			    ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
			memmove(v + 1, v, 7 * sizeof(v[0]));
			v[4] += t1;
			v[0] = t1 + t2;
		}
		for (j = 0; j < 8; j++)
			h[j] += v[j];
	}
	for (i = 0; i < 32; i++)
		out[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
}

static void
der_len(struct buf *b, size_t n)
{
	if (n < 0x80)
		bputc(b, (int)n);
	else if (n < 0x100) {
		bputc(b, 0x81);
		bputc(b, (int)n);
	} else if (n < 0x10000) {
		bputc(b, 0x82);
		bputc(b, (int)(n >> 8));
		bputc(b, (int)(n & 0xff));
	} else {
		bputc(b, 0x83);
		bputc(b, (int)(n >> 16));
		bputc(b, (int)((n >> 8) & 0xff));
		bputc(b, (int)(n & 0xff));
	}
}

static void
der(struct buf *b, int tag, const void *p, size_t n)
{
	bputc(b, tag);
	der_len(b, n);
	bput(b, p, n);
}

/* Wrap what 'in' holds in a TLV appended to 'out'; empties 'in'. */
static void
der_wrap(struct buf *out, int tag, struct buf *in)
{
	der(out, tag, in->p, in->len);
	in->len = 0;
}

static void
der_rdn(struct buf *b, const char *oid3, int strtag, const char *v)
{
	struct buf	atv = { 0 }, set = { 0 };

	der(&atv, 0x06, oid3, 3);
	der(&atv, strtag, v, strlen(v));
	der_wrap(&set, 0x30, &atv);
	der_wrap(b, 0x31, &set);
	free(atv.p);
	free(set.p);
}

static const char	ca_name[] = "CN=Example TLS RSA CA 2024, "
    "O=Example Trust Services, C=DE";

static void
der_name(struct buf *b, const char *cn, int ca)
{
	struct buf	n = { 0 };

	if (ca) {
		der_rdn(&n, "\x55\x04\x06", 0x13, "DE");
		der_rdn(&n, "\x55\x04\x0a", 0x0c, "Example Trust Services");
		der_rdn(&n, "\x55\x04\x03", 0x0c, "Example TLS RSA CA 2024");
	} else
		der_rdn(&n, "\x55\x04\x03", 0x0c, cn);
	der_wrap(b, 0x30, &n);
	free(n.p);
}

/* Days since 1970-01-01 to a civil date (H. Hinnant). */
static void
civil(int64_t secs, int *y, int *m, int *d, int *hh, int *mm, int *ss)
{
	int64_t	z = secs / 86400, rem = secs % 86400, era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
	*hh = (int)(rem / 3600);
	*mm = (int)(rem / 60 % 60);
	*ss = (int)(rem % 60);
}

struct cert {
	const char	*cn;		/* subject CN */
	const char	*sans[8];
	size_t		 nsans;
	int		 self_signed;
	int64_t		 nb, na;	/* validity, Unix seconds */
	int		 services;	/* JSON form */
	uint64_t	 seed;
	/* made by make_cert() */
	struct buf	 der;
	char		 thumb[41], serial[33];
};

/*
 * An X.509 v3 certificate as Exchange's self-signed default certificate
 * or one from the samples' fictional CA.  The self-signed ones verify:
 * their RSA key has the public exponent 1, so the PKCS#1 v1.5 encoding
 * of the digest is its own signature (an unusual key, but a valid
 * signature, which is what "self-signed" is decided by).
 */
static void
make_cert(struct cert *c)
{
	static const unsigned char sigalg[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a,
	    0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00 };
	static const unsigned char rsaalg[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a,
	    0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };
	static const unsigned char dinfo[] = { 0x30, 0x31, 0x30, 0x0d, 0x06,
	    0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
	    0x00, 0x04, 0x20 };
	static const char hex[] = "0123456789ABCDEF";
	struct buf	tbs = { 0 }, t = { 0 }, u = { 0 }, v = { 0 };
	struct rng	r = { c->seed };
	unsigned char	ser[16], mod[257], sig[257], md[32], th[20];
	char		tm[16];
	int		y, mo, d, hh, mi, ss, i;
	size_t		k;

	/* version, serial, signature algorithm, issuer, validity, subject */
	der(&tbs, 0xa0, "\x02\x01\x02", 3);
	for (i = 0; i < 16; i++)
		ser[i] = (unsigned char)rnd(&r);
	ser[0] = (unsigned char)((ser[0] & 0x7f) | 0x40);
	der(&tbs, 0x02, ser, 16);
	bput(&tbs, sigalg, sizeof(sigalg));
	der_name(&tbs, c->cn, !c->self_signed);
	civil(c->nb, &y, &mo, &d, &hh, &mi, &ss);
	fmt(tm, sizeof(tm), "%02d%02d%02d%02d%02d%02dZ", y % 100, mo, d,
	    hh, mi, ss);
	der(&t, 0x17, tm, 13);
	civil(c->na, &y, &mo, &d, &hh, &mi, &ss);
	fmt(tm, sizeof(tm), "%02d%02d%02d%02d%02d%02dZ", y % 100, mo, d,
	    hh, mi, ss);
	der(&t, 0x17, tm, 13);
	der_wrap(&tbs, 0x30, &t);
	der_name(&tbs, c->cn, 0);
	/* subjectPublicKeyInfo: RSA, 2048-bit modulus, exponent 1 */
	mod[0] = 0;
	for (i = 1; i < 257; i++)
		mod[i] = (unsigned char)rnd(&r);
	mod[1] |= 0xc0;
	mod[256] |= 1;
	der(&u, 0x02, mod, 257);
	der(&u, 0x02, "\x01", 1);
	der_wrap(&v, 0x30, &u);
	bputc(&t, 0);
	bput(&t, v.p, v.len);
	v.len = 0;
	bput(&u, rsaalg, sizeof(rsaalg));
	der_wrap(&u, 0x03, &t);
	der_wrap(&tbs, 0x30, &u);
	/* extensions: key usage, server authentication, names */
	bput(&u, "\x06\x03\x55\x1d\x0f\x01\x01\xff\x04\x04\x03\x02\x05\xa0",
	    14);
	der_wrap(&t, 0x30, &u);
	bput(&u, "\x06\x03\x55\x1d\x25\x04\x0c\x30\x0a\x06\x08\x2b\x06\x01"
	    "\x05\x05\x07\x03\x01", 19);
	der_wrap(&t, 0x30, &u);
	for (k = 0; k < c->nsans; k++)
		der(&v, 0x82, c->sans[k], strlen(c->sans[k]));
	der_wrap(&u, 0x30, &v);
	der_wrap(&v, 0x04, &u);
	bput(&u, "\x06\x03\x55\x1d\x11", 5);
	bput(&u, v.p, v.len);
	v.len = 0;
	der_wrap(&t, 0x30, &u);
	der_wrap(&u, 0x30, &t);
	der_wrap(&tbs, 0xa3, &u);
	der_wrap(&t, 0x30, &tbs);
	/* signature */
	sig[0] = 0;
	if (c->self_signed) {
		sha256((unsigned char *)t.p, t.len, md);
		sig[1] = 0x00;
		sig[2] = 0x01;
		k = 257 - sizeof(dinfo) - 32 - 1;
		memset(sig + 3, 0xff, k - 3);
		sig[k] = 0x00;
		memcpy(sig + k + 1, dinfo, sizeof(dinfo));
		memcpy(sig + k + 1 + sizeof(dinfo), md, 32);
	} else
		for (i = 1; i < 257; i++)
			sig[i] = (unsigned char)rnd(&r);
	bput(&t, sigalg, sizeof(sigalg));
	der(&t, 0x03, sig, 257);
	c->der.len = 0;
	der_wrap(&c->der, 0x30, &t);
	sha1((unsigned char *)c->der.p, c->der.len, th);
	for (i = 0; i < 20; i++) {
		c->thumb[2 * i] = hex[th[i] >> 4];
		c->thumb[2 * i + 1] = hex[th[i] & 15];
	}
	c->thumb[40] = '\0';
	for (i = 0; i < 16; i++) {
		c->serial[2 * i] = hex[ser[i] >> 4];
		c->serial[2 * i + 1] = hex[ser[i] & 15];
	}
	c->serial[32] = '\0';
	free(tbs.p);
	free(t.p);
	free(u.p);
	free(v.p);
}

static void
base64(struct buf *o, const unsigned char *p, size_t n)
{
	static const char	b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t			i;
	uint32_t		v;

	breserve(o, (n + 2) / 3 * 4);
	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		o->p[o->len++] = b64[v >> 18];
		o->p[o->len++] = b64[(v >> 12) & 63];
		o->p[o->len++] = b64[(v >> 6) & 63];
		o->p[o->len++] = b64[v & 63];
	}
	if (i < n) {
		v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 :
		    0);
		o->p[o->len++] = b64[v >> 18];
		o->p[o->len++] = b64[(v >> 12) & 63];
		o->p[o->len++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		o->p[o->len++] = '=';
	}
	o->p[o->len] = '\0';
}

/* Export-Clixml of Get-ExchangeCertificate: RawData and ToString only. */
static void
cert_clixml(struct buf *o, struct cert *cs, size_t n, const char *computer,
    uint64_t seed, size_t blobsize, struct rng *r)
{
	static const char	ser[] = "AAEAAAD/////AQAAAAAAAAAMAgAAAGFNaWNyb3"
	    "NvZnQuRXhjaGFuZ2UuTWFuYWdlbWVudCwgVmVyc2lvbj0xNS4wLjAuMCwgQ3VsdH"
	    "VyZT1uZXV0cmFsLCBQdWJsaWNLZXlUb2tlbj0zMWJmMzg1NmFkMzY0ZTM1BQEAAA"
	    "BKTWljcm9zb2Z0LkV4Y2hhbmdlLk1hbmFnZW1lbnQuU3lzdGVtQ29uZmlndXJhdG"
	    "lvblRhc2tzLkV4Y2hhbmdlQ2VydGlmaWNhdGUAAAAAAgAAAAs=";
	char		rs[37];
	size_t		i;
	int		y, mo, d, hh, mi, ss;
	const char	*nl = "_x000D__x000A_";

	guid_from(rs, seed, mix64(seed + 7));
	bputs(o, objs_open);
	for (i = 0; i < n; i++) {
		struct cert *c = &cs[i];

		bprintf(o, "  <Obj RefId=\"%zu\">\r\n", i);
		if (i == 0)
			bputs(o, "    <TN RefId=\"0\">\r\n"
			    "      <T>Microsoft.Exchange.Management."
			    "SystemConfigurationTasks.ExchangeCertificate</T>\r\n"
			    "      <T>System.Security.Cryptography."
			    "X509Certificates.X509Certificate2</T>\r\n"
			    "      <T>System.Security.Cryptography."
			    "X509Certificates.X509Certificate</T>\r\n"
			    "      <T>System.Object</T>\r\n    </TN>\r\n");
		else
			bputs(o, "    <TNRef RefId=\"0\" />\r\n");
		bprintf(o, "    <ToString>[Subject]%s  CN=%s%s%s[Issuer]%s  "
		    "%s%s%s%s[Serial Number]%s  %s%s%s", nl, c->cn, nl, nl, nl,
		    c->self_signed ? "CN=" : ca_name, c->self_signed ? c->cn :
		    "", nl, nl, nl, c->serial, nl, nl);
		/* Local time, de-DE, as the Exchange server printed it. */
		civil(c->nb + 3600, &y, &mo, &d, &hh, &mi, &ss);
		bprintf(o, "[Not Before]%s  %02d.%02d.%04d %02d:%02d:%02d%s%s",
		    nl, d, mo, y, hh, mi, ss, nl, nl);
		civil(c->na + 3600, &y, &mo, &d, &hh, &mi, &ss);
		bprintf(o, "[Not After]%s  %02d.%02d.%04d %02d:%02d:%02d%s%s",
		    nl, d, mo, y, hh, mi, ss, nl, nl);
		bprintf(o, "[Thumbprint]%s  %s%s</ToString>\r\n", nl, c->thumb,
		    nl);
		bputs(o, "    <Props>\r\n      <BA N=\"RawData\">");
		base64(o, (unsigned char *)c->der.p, c->der.len);
		bprintf(o, "</BA>\r\n    </Props>\r\n    <MS>\r\n"
		    "      <S N=\"PSComputerName\">%s</S>\r\n"
		    "      <G N=\"RunspaceId\">%s</G>\r\n"
		    "      <B N=\"PSShowComputerName\">false</B>\r\n"
		    "      %s", computer, rs, ba_tag);
		blob(o, ser, sizeof(ser) - 1, blobsize, r);
		bputs(o, "</BA>\r\n    </MS>\r\n  </Obj>\r\n");
	}
	bputs(o, objs_close);
}

/* Select-Object ... | ConvertTo-Json -Depth 4 (Windows PowerShell 5.1). */
static void
cert_json(struct buf *o, const struct cert *cs, size_t n, const char *server)
{
	const char	*ind = n > 1 ? "        " : "    ";
	const char	*names[9];
	size_t		 i, k;
	int		 in = n > 1 ? 8 : 4;

	if (n > 1)
		bputs(o, "[\r\n");
	for (i = 0; i < n; i++) {
		const struct cert *c = &cs[i];

		bprintf(o, "%s{\r\n", n > 1 ? "    " : "");
		bprintf(o, "%s\"Identity\":  \"%s\\\\%s\",\r\n", ind, server,
		    c->thumb);
		bprintf(o, "%s\"Thumbprint\":  \"%s\",\r\n", ind, c->thumb);
		bprintf(o, "%s\"Subject\":  \"CN=%s\",\r\n", ind, c->cn);
		if (c->self_signed)
			bprintf(o, "%s\"Issuer\":  \"CN=%s\",\r\n", ind, c->cn);
		else
			bprintf(o, "%s\"Issuer\":  \"%s\",\r\n", ind, ca_name);
		for (k = 0; k < c->nsans; k++)
			names[k] = c->sans[k];
		bputs(o, ind);
		jlist(o, in, "CertificateDomains", names, c->nsans);
		bprintf(o, ",\r\n%s\"Services\":  %d,\r\n", ind, c->services);
		bprintf(o, "%s\"Status\":  1,\r\n", ind);
		bprintf(o, "%s\"NotBefore\":  \"\\/Date(%lld000)\\/\",\r\n", ind,
		    (long long)c->nb);
		bprintf(o, "%s\"NotAfter\":  \"\\/Date(%lld000)\\/\",\r\n", ind,
		    (long long)c->na);
		bprintf(o, "%s\"RootCAType\":  %d,\r\n", ind,
		    c->self_signed ? 1 : 2);
		bprintf(o, "%s\"IsSelfSigned\":  %s,\r\n", ind,
		    c->self_signed ? "true" : "false");
		bprintf(o, "%s\"HasPrivateKey\":  true,\r\n", ind);
		bprintf(o, "%s\"SerialNumber\":  \"%s\",\r\n", ind, c->serial);
		bprintf(o, "%s\"FriendlyName\":  \"%s\"\r\n", ind,
		    c->self_signed ? "Microsoft Exchange" : c->cn);
		bprintf(o, "%s}%s\r\n", n > 1 ? "    " : "", i + 1 < n ? "," :
		    "");
	}
	if (n > 1)
		bputs(o, "]\r\n");
}

/* The samples' templates. */

enum {	/* setebos/: a hosted customer organization */
	SB_DCS, SB_LOCAL, SB_DOM, SB_NAME, SB_SRV, SB_SRVL, SB_DC, SB_SHS,
	SB_SH1, SB_SH2, SB_CONN, SB_AS, SB_ASADDR, SB_ASDOM, SB_DEFAULT,
	SB_RC, SB__N
};
static const char *const sb_from[SB__N] = {
	"DC=setebos,DC=local", "setebos.local", "setebos-ag.com",
	"Setebos AG", "SETEX01", "setex01", "SETDC01",
	"mx01.varunagroup.de,mx02.varunagroup.de", "mx01.varunagroup.de",
	"mx02.varunagroup.de", "Internet", "SMTP:*;1",
	"<S N=\"Address\">*</S>", "<S N=\"Domain\">*</S>",
	"<B N=\"Default\">true</B>", "Default Frontend",
};

enum {	/* varuna/: a hybrid organization with Edge and tenant */
	VA_DCS, VA_LOCAL, VA_MAILOMS, VA_OMS, VA_SHS, VA_SH1, VA_SH2,
	VA_SMTPO, VA_MAIL, VA_JNDR, VA_JRNL, VA_EDGEF, VA_TLSNAME, VA_DOM,
	VA_NAME, VA_EDGE, VA_EDGEL, VA_EX1, VA_EX1L, VA_EX2, VA_EX2L, VA_DC,
	VA_RC, VJ_TYPE, VJ_SOURCE, VJ_RESTRICT, VJ_CLOUD, VJ_SDOM, VJ_DEFAULT,
	VJ_SIPS, VJ_RDOMS, VJ_HDOMS, VJ_NAME, VA__N
};
static const char *va_from[VA__N] = {
	"DC=varunagroup,DC=local", "varunagroup.local",
	"varunagroup.mail.onmicrosoft.com", "varunagroup.onmicrosoft.com",
	"mx01.varunagroup.de,mx02.varunagroup.de", "mx01.varunagroup.de",
	"mx02.varunagroup.de", "smtpo365.varunagroup.de",
	"mail.varunagroup.de", "journalndr@varunagroup.de",
	"journal@varunagroup.de", "edge01.varunagroup.de",
	"\"TlsSenderCertificateName\":  \"*.varunagroup.de\"",
	"varunagroup.de", "Varuna Group", "EDGE01", "edge01", "EX01", "ex01",
	"EX02", "ex02", "DC01", "Default Frontend",
	"\"ConnectorType\":  \"OnPremises\"",
	"\"ConnectorSource\":  \"HybridWizard\"",
	"\"RestrictDomainsToCertificate\":  false",
	"\"CloudServicesMailEnabled\":  true", "\"smtp:*;1\"",
	"\"Default\":  true",
	NULL, NULL, NULL,	/* the lists, found in the templates */
	"Inbound from 3c1f8e2a-5d47-4b9e-a2c6-81f0d93e7b14",
};

enum {	/* provider files: only its smart hosts change */
	PV_SHS, PV_SH1, PV_SH2, PV__N
};
static const char *const pv_from[PV__N] = {
	"mx01.varunagroup.de,mx02.varunagroup.de", "mx01.varunagroup.de",
	"mx02.varunagroup.de",
};

static struct {
	/* setebos */
	struct tpl	*send, *recv, *accepted, *server;
	/* varuna on premises */
	struct tpl	*v_send, *v_recv, *v_recv_edge, *v_accepted,
			*v_server, *v_edgesub, *v_hybrid, *v_remote;
	/* varuna Exchange Online */
	struct tpl	*j_inbound, *j_outbound, *j_onpremorg, *j_journal,
			*j_transport, *j_orgcfg, *j_accepted[3];
	/* the provider itself */
	struct tpl	*p_send;
} T;

static const char *const provider_files[] = {
	"Get-AcceptedDomain.xml", "Get-EdgeSubscription.xml",
	"Get-ExchangeCertificate-EDGE01.json",
	"Get-ExchangeCertificate-EX01.xml", "Get-ExchangeCertificate-EX02.xml",
	"Get-ExchangeServer.xml", "Get-HybridConfiguration.xml",
	"Get-ReceiveConnector-EDGE01.xml", "Get-ReceiveConnector-EX01.xml",
	"Get-RemoteDomain.xml", "Get-SendConnector.xml",
	"../exo/Get-AcceptedDomain.json", "../exo/Get-InboundConnector.json",
	"../exo/Get-JournalRule.json", "../exo/Get-OnPremisesOrganization.json",
	"../exo/Get-OrganizationConfig.json",
	"../exo/Get-OutboundConnector.json", "../exo/Get-TransportConfig.json",
};

static void
load_templates(void)
{
	struct tpl	*t;

	T.send = clixml_tpl("setebos/Get-SendConnector.xml", sb_from, SB__N);
	T.recv = clixml_tpl("setebos/Get-ReceiveConnector.xml", sb_from,
	    SB__N);
	T.accepted = clixml_tpl("setebos/Get-AcceptedDomain.xml", sb_from,
	    SB__N);
	T.server = clixml_tpl("setebos/Get-ExchangeServer.xml", sb_from,
	    SB__N);
	/* The list properties, as the 5.1 templates lay them out. */
	t = json_tpl("varuna/exo/Get-InboundConnector.json", va_from, VJ_SIPS);
	va_from[VJ_SIPS] = find_list(t, "SenderIPAddresses");
	t = json_tpl("varuna/exo/Get-OutboundConnector.json", va_from,
	    VJ_SIPS);
	va_from[VJ_RDOMS] = find_list(t, "RecipientDomains");
	t = json_tpl("varuna/exo/Get-OnPremisesOrganization.json", va_from,
	    VJ_SIPS);
	va_from[VJ_HDOMS] = find_list(t, "HybridDomains");
	T.v_send = clixml_tpl("varuna/onprem/Get-SendConnector.xml", va_from,
	    VA__N);
	T.v_recv = clixml_tpl("varuna/onprem/Get-ReceiveConnector-EX01.xml",
	    va_from, VA__N);
	T.v_recv_edge = clixml_tpl(
	    "varuna/onprem/Get-ReceiveConnector-EDGE01.xml", va_from, VA__N);
	T.v_accepted = clixml_tpl("varuna/onprem/Get-AcceptedDomain.xml",
	    va_from, VA__N);
	T.v_server = clixml_tpl("varuna/onprem/Get-ExchangeServer.xml",
	    va_from, VA__N);
	T.v_edgesub = clixml_tpl("varuna/onprem/Get-EdgeSubscription.xml",
	    va_from, VA__N);
	T.v_hybrid = clixml_tpl("varuna/onprem/Get-HybridConfiguration.xml",
	    va_from, VA__N);
	T.v_remote = clixml_tpl("varuna/onprem/Get-RemoteDomain.xml",
	    va_from, VA__N);
	T.j_inbound = json_tpl("varuna/exo/Get-InboundConnector.json",
	    va_from, VA__N);
	T.j_outbound = json_tpl("varuna/exo/Get-OutboundConnector.json",
	    va_from, VA__N);
	T.j_onpremorg = json_tpl("varuna/exo/Get-OnPremisesOrganization.json",
	    va_from, VA__N);
	T.j_journal = json_tpl("varuna/exo/Get-JournalRule.json", va_from,
	    VA__N);
	T.j_transport = json_tpl("varuna/exo/Get-TransportConfig.json",
	    va_from, VA__N);
	T.j_orgcfg = json_tpl("varuna/exo/Get-OrganizationConfig.json",
	    va_from, VA__N);
	T.j_accepted[0] = json_elem_tpl("varuna/exo/Get-AcceptedDomain.json",
	    0, va_from, VA__N);
	T.j_accepted[1] = json_elem_tpl("varuna/exo/Get-AcceptedDomain.json",
	    1, va_from, VA__N);
	T.j_accepted[2] = json_elem_tpl("varuna/exo/Get-AcceptedDomain.json",
	    2, va_from, VA__N);
	T.p_send = clixml_tpl("varuna/onprem/Get-SendConnector.xml", pv_from,
	    PV__N);
}

/* The manifest, written last. */

struct gen {
	struct buf	 orgs, gws, mx;
	size_t		 norgs, nmx;
	int		 pad;		/* real-sized SerializationData */
};

static void
man_org(struct gen *g, const char *id, const char *name, int onprem,
    int exo)
{
	bprintf(&g->orgs, "%s    { \"id\": \"%s\", \"name\": \"%s\"",
	    g->norgs ? ",\n" : "", id, name);
	if (onprem)
		bprintf(&g->orgs, ", \"onprem\": [\"%s/onprem\"]", id);
	if (exo)
		bprintf(&g->orgs, ", \"exchange_online\": [\"%s/exo\"]", id);
	bputs(&g->orgs, " }");
	g->norgs++;
}

static void
man_mx(struct gen *g, const char *domain, const char *h1, const char *h2)
{
	bprintf(&g->mx, "%s\"%s\":[\"%s\"", g->nmx ? ",\n" : "", domain,
	    h1);
	if (h2 != NULL)
		bprintf(&g->mx, ",\"%s\"", h2);
	bputs(&g->mx, "]");
	g->nmx++;
}

static void
man_mx_exo(struct gen *g, const char *domain)
{
	char	h[300];
	size_t	i;

	fmt(h, sizeof(h), "%s.mail.protection.outlook.com", domain);
	for (i = 0; h[i] != '\0' && strcmp(h + i, ".mail.protection.outlook."
	    "com") != 0; i++)
		if (h[i] == '.')
			h[i] = '-';
	man_mx(g, domain, h, NULL);
}

/* Two pools of four shared gateways, operated by the provider. */
#define NPOOL	4

static void
pool_host(char *out, size_t len, int pool, unsigned k)
{
	fmt(out, len, "mx%c%02u.varunagroup.de", pool ? 'b' : 'a',
	    k % NPOOL + 1);
}

static void
man_gateways(struct gen *g)
{
	char		h[64];
	int		p;
	unsigned	k;

	for (p = 0; p < 2; p++)
		for (k = 0; k < NPOOL; k++) {
			pool_host(h, sizeof(h), p, k);
			bprintf(&g->gws, "%s    { \"id\": \"mx%c%02u\", "
			    "\"name\": \"%s\", \"addresses\": "
			    "[\"81.173.%d.%u\"], \"operated_by\": \"varuna\",\n"
			    "      \"certificate\": { \"subject\": \"CN=%s\", "
			    "\"issuer\": \"%s\", ", p || k ? ",\n" : "",
			    p ? 'b' : 'a', k + 1, h, 212 + p, 44 + k,
			    p ? "relay.varunagroup.de" : h, ca_name);
			if (p)
				bputs(&g->gws, "\"names\": "
				    "[\"relay.varunagroup.de\", "
				    "\"mxb01.varunagroup.de\", "
				    "\"mxb02.varunagroup.de\", "
				    "\"mxb03.varunagroup.de\", "
				    "\"mxb04.varunagroup.de\"], ");
			else
				bprintf(&g->gws, "\"names\": [\"%s\"], ", h);
			bputs(&g->gws, "\"not_before\": "
			    "\"2025-06-01T00:00:00Z\", \"not_after\": "
			    "\"2028-06-01T00:00:00Z\" } }");
		}
}

static void
man_write(struct gen *g)
{
	struct buf	m = { 0 };
	char		path[4096];

	bprintf(&m, "{\n  \"version\": 1,\n  \"organizations\": [\n%s\n  ],\n"
	    "  \"gateways\": [\n%s\n  ],\n  \"dns\": {\n    \"mx\": {\n%s\n"
	    "    }\n  }\n}\n", g->orgs.p, g->gws.p, g->mx.p);
	fmt(path, sizeof(path), "%s/topology.json", outdir);
	write_bytes(path, m.p, m.len);
	free(m.p);
}

/* Files of one organization. */

static struct buf	fbuf;

static void
emit(const char *org, const char *side, const char *name, enum enc e)
{
	char	path[4096];

	fmt(path, sizeof(path), "%s/%s/%s/%s", outdir, org, side, name);
	write_text(path, &fbuf, e);
	fbuf.len = 0;
}

/* The provider: the seed's varuna, its smart hosts the first pool. */
static void
gen_provider(struct gen *g)
{
	char		 path[4096], h1[64], h2[64], shs[160];
	const char	*to[PV__N];
	size_t		 i, len;
	char		*t;
	struct rng	 r = { 42 };
	struct rctx	 c = { 0, 0, 0, 0, 0, &r };

	if (g->pad) {
		c.big = 60000;
		c.small = 600;
	}
	fmt(path, sizeof(path), "%s/varuna/onprem", outdir);
	mkdirs(path);
	fmt(path, sizeof(path), "%s/varuna/exo", outdir);
	mkdirs(path);
	pool_host(h1, sizeof(h1), 0, 0);
	pool_host(h2, sizeof(h2), 0, 1);
	fmt(shs, sizeof(shs), "%s,%s", h1, h2);
	to[PV_SHS] = shs;
	to[PV_SH1] = h1;
	to[PV_SH2] = h2;
	for (i = 0; i < sizeof(provider_files) / sizeof(provider_files[0]);
	    i++) {
		fmt(path, sizeof(path), "varuna/onprem/%s",
		    provider_files[i]);
		c.obase = c.tbase = 0;
		if (strcmp(provider_files[i], "Get-SendConnector.xml") == 0) {
			bputs(&fbuf, objs_open);
			render(&fbuf, T.p_send, to, &c);
			bputs(&fbuf, objs_close);
			emit("varuna", "onprem", provider_files[i],
			    ENC_UTF16LE);
			continue;
		}
		t = load_text(path, &len);
		if (strstr(provider_files[i], ".xml") != NULL && g->pad) {
			struct tpl	*tp;
			char		*s = strstr(t, ">\r\n"), *e;

			e = strstr(s, objs_close);
			*e = '\0';
			tp = compile(s + 3, (size_t)(e - s - 3), NULL, 0);
			c.obase = c.tbase = 0;
			bputs(&fbuf, objs_open);
			render(&fbuf, tp, NULL, &c);
			bputs(&fbuf, objs_close);
			free(tp->s);
			free(tp);
		} else
			bput(&fbuf, t, len);
		if (strncmp(provider_files[i], "../exo/", 7) == 0)
			emit("varuna", "exo", provider_files[i] + 7,
			    ENC_UTF8BOM);
		else
			emit("varuna", "onprem", provider_files[i],
			    ENC_UTF8BOM);
		free(t);
	}
	man_org(g, "varuna", "Varuna Group", 1, 1);
	pool_host(h1, sizeof(h1), 0, 0);
	pool_host(h2, sizeof(h2), 0, 1);
	man_mx(g, "varunagroup.de", h1, h2);
	man_mx_exo(g, "fabrikam.example");
}

/* Customers. */

static const char *const syl[] = {
	"al", "ber", "cor", "dan", "el", "fin", "gar", "hol", "is", "jor",
	"kal", "lin", "mar", "nor", "os", "pel", "quen", "ros", "sel", "tor",
	"ul", "ven", "wal", "xan", "yor", "zel", "ar", "bri", "cas", "dor",
	"em", "fal", "gel", "hen", "ka", "lo", "mi", "na", "ri", "sa", "te",
	"va",
};
#define NSYL	(sizeof(syl) / sizeof(syl[0]))
static const char *const tlds[] = { "de", "com", "ch", "at", "eu", "net",
	"co.uk", "nl", "fr", "it" };
static const char *const words[] = { "group", "shop", "online", "mail",
	"intl", "service", "store", "info", "logistik", "bau", "tech", "med",
	"legal", "finanz", "immobilien", "consulting" };
static const char *const forms[] = { "AG", "GmbH", "SE", "Ltd", "KG",
	"Holding", "Group", "S.A." };
static const char *const rcnames[] = { "Default Frontend", "Default",
	"Client Frontend", "Outbound Proxy Frontend", "Client Proxy" };

struct cust {
	unsigned	 i;
	int		 tenant;
	unsigned	 nd;		/* accepted (and MX) domains */
	unsigned	 nsrv;		/* Mailbox servers */
	int		 pool;
	uint64_t	 seed;
	char		 id[16], name[96], slug[48], x[48], pfx[16], pfxl[16],
			 local[64], dcs[96], dom[96], h1[64], h2[64], shs[160],
			 oh1[64], oh2[64], oshs[160];
};

static unsigned
cust_ndomains(unsigned i)
{
	return 6 + (unsigned)(mix64(i * 7ULL + 3) % 19);
}

static void
cust_slug(char *out, size_t len, unsigned i)
{
	uint64_t	h = mix64(i + 0x51u);

	fmt(out, len, "%s%s%s%u", syl[h % NSYL], syl[(h >> 8) % NSYL],
	    syl[(h >> 16) % NSYL], i);
}

static void
cust_domain(char *out, size_t len, unsigned i, unsigned k)
{
	char		s[48];
	uint64_t	h = mix64(i + 0x51u);
	const char	*tld = tlds[(h >> 24) % (sizeof(tlds) / sizeof(tlds[0]))];
	size_t		nw = sizeof(words) / sizeof(words[0]);

	cust_slug(s, sizeof(s), i);
	if (k == 0)
		fmt(out, len, "%s.%s", s, tld);
	else if (k <= nw)
		fmt(out, len, "%s-%s.%s", s, words[k - 1],
		    tlds[(h >> (32 + k % 24)) % (sizeof(tlds) /
		    sizeof(tlds[0]))]);
	else
		fmt(out, len, "%s-%s%zu.%s", s, words[k % nw], k / nw,
		    tld);
}

static void
cust_init(struct cust *c, unsigned i, int tenant, unsigned nd)
{
	uint64_t	h = mix64(i + 0x51u);
	size_t		k, l;

	memset(c, 0, sizeof(*c));
	c->i = i;
	c->tenant = tenant;
	c->nd = nd;
	c->seed = mix64(i ^ 0x5eed5eedULL) | 1;
	c->nsrv = tenant || h % 3 == 0 ? 2 : 1;
	c->pool = (int)(i % 2);
	fmt(c->id, sizeof(c->id), "c%04u", i);
	cust_slug(c->slug, sizeof(c->slug), i);
	fmt(c->name, sizeof(c->name), "%s%s%s %s", syl[h % NSYL],
	    syl[(h >> 8) % NSYL], syl[(h >> 16) % NSYL],
	    forms[(h >> 40) % (sizeof(forms) / sizeof(forms[0]))]);
	c->name[0] = (char)(c->name[0] - 'a' + 'A');
	for (k = 0, l = 0; c->slug[k] != '\0'; k++)
		if (c->slug[k] != '-')
			c->x[l++] = c->slug[k];
	c->x[l] = '\0';
	fmt(c->pfx, sizeof(c->pfx), "C%04u", i);
	fmt(c->pfxl, sizeof(c->pfxl), "c%04u", i);
	fmt(c->local, sizeof(c->local), "%s.local", c->slug);
	fmt(c->dcs, sizeof(c->dcs), "DC=%s,DC=local", c->slug);
	cust_domain(c->dom, sizeof(c->dom), i, 0);
	pool_host(c->h1, sizeof(c->h1), c->pool, i);
	pool_host(c->h2, sizeof(c->h2), c->pool, i + 1);
	fmt(c->shs, sizeof(c->shs), "%s,%s", c->h1, c->h2);
	pool_host(c->oh1, sizeof(c->oh1), !c->pool, i + 2);
	pool_host(c->oh2, sizeof(c->oh2), !c->pool, i + 3);
	fmt(c->oshs, sizeof(c->oshs), "%s,%s", c->oh1, c->oh2);
}

/* What a customer's files hold beyond the templates' defaults. */
struct custopt {
	size_t		 big_conn, big_server, big_domain, big_other, small;
	unsigned	 nmsp;		/* customers of the MSP: partner targets */
	unsigned	 edge_certs;	/* extra SMTP certificates on the Edge */
	const char	*inbound_name;	/* TlsSenderCertificateName, or NULL */
};

static int
cust_is_tenant(unsigned i)
{
	return i % 8 == 0;
}

/* A partner send connector's address space: another tenant's domain. */
static void
partner_target(char *out, size_t len, const struct cust *c, unsigned k,
    unsigned nmsp)
{
	unsigned	t, nt = (nmsp + 7) / 8;

	if (nt <= 1) {
		fmt(out, len, "partner%u.fabrikam.example", k);
		return;
	}
	t = (unsigned)(mix64(c->i * 31ULL + k) % nt) * 8;
	if (t == c->i)
		t = (t + 8) % (nt * 8);
	cust_domain(out, len, t, (unsigned)(mix64(c->i * 131ULL + k * 7 + 1) %
	    (cust_ndomains(t) * 4 / 5)));
}

static void
sb_to(const struct cust *c, const char **to)
{
	memset(to, 0, SB__N * sizeof(*to));
	to[SB_DCS] = c->dcs;
	to[SB_LOCAL] = c->local;
	to[SB_DOM] = c->dom;
	to[SB_NAME] = c->name;
	to[SB_DC] = NULL;
	to[SB_SHS] = c->shs;
	to[SB_SH1] = c->h1;
	to[SB_SH2] = c->h2;
}

static void
va_to(const struct cust *c, const char **to, char (*s)[128])
{
	memset(to, 0, VA__N * sizeof(*to));
	to[VA_DCS] = c->dcs;
	to[VA_LOCAL] = c->local;
	fmt(s[0], 128, "%s.mail.onmicrosoft.com", c->x);
	to[VA_MAILOMS] = s[0];
	fmt(s[1], 128, "%s.onmicrosoft.com", c->x);
	to[VA_OMS] = s[1];
	to[VA_SHS] = c->shs;
	to[VA_SH1] = c->h1;
	to[VA_SH2] = c->h2;
	fmt(s[2], 128, "smtpo365.%s", c->dom);
	to[VA_SMTPO] = s[2];
	to[VA_MAIL] = s[2];	/* the seed's HYB030 value, fixed */
	fmt(s[3], 128, "journalndr@%s", c->dom);
	to[VA_JNDR] = s[3];
	fmt(s[4], 128, "journal@%s", c->dom);
	to[VA_JRNL] = s[4];
	fmt(s[5], 128, "%sedge01.%s", c->pfxl, c->dom);
	to[VA_EDGEF] = s[5];
	to[VA_DOM] = c->dom;
	to[VA_NAME] = c->name;
	fmt(s[6], 128, "%sEDGE01", c->pfx);
	to[VA_EDGE] = s[6];
	fmt(s[7], 128, "%sedge01", c->pfxl);
	to[VA_EDGEL] = s[7];
	fmt(s[8], 128, "%sEX01", c->pfx);
	to[VA_EX1] = s[8];
	fmt(s[9], 128, "%sex01", c->pfxl);
	to[VA_EX1L] = s[9];
	fmt(s[10], 128, "%sEX02", c->pfx);
	to[VA_EX2] = s[10];
	fmt(s[11], 128, "%sex02", c->pfxl);
	to[VA_EX2L] = s[11];
	fmt(s[12], 128, "%sDC01", c->pfx);
	to[VA_DC] = s[12];
}

static enum enc
xml_enc(const struct cust *c, unsigned k)
{
	return (c->i + k) % 3 == 0 ? ENC_UTF16LE : ENC_UTF8BOM;
}

static enum enc
json_enc(const struct cust *c, unsigned k)
{
	return (c->i + k) % 4 == 1 ? ENC_UTF16LE : ENC_UTF8BOM;
}

/* Certificates of one Mailbox server: its own and the organization's. */
static void
cust_server_certs(const struct cust *c, unsigned s, const struct custopt *o,
    struct rng *r)
{
	static struct cert	cs[2];
	char			srv[32], srvfqdn[128], sfq[128], mail[128],
				ad[128], fn[160];
	int64_t			made = 1700000000 + (int64_t)(c->i % 997) *
				    86400;

	fmt(srv, sizeof(srv), "%sEX%02u", c->pfx, s + 1);
	fmt(srvfqdn, sizeof(srvfqdn), "%sex%02u.%s", c->pfxl, s + 1,
	    c->local);
	fmt(sfq, sizeof(sfq), "%sEX%02u.%s", c->pfx, s + 1, c->local);
	fmt(mail, sizeof(mail), "mail.%s", c->dom);
	fmt(ad, sizeof(ad), "autodiscover.%s", c->dom);
	cs[0].cn = mail;
	cs[0].sans[0] = mail;
	cs[0].sans[1] = ad;
	cs[0].nsans = 2;
	cs[0].self_signed = 0;
	cs[0].nb = 1748736000;
	cs[0].na = 1843430400;
	cs[0].services = 24;
	cs[0].seed = c->seed ^ 0xca;
	cs[1].cn = srv;
	cs[1].sans[0] = srv;
	cs[1].sans[1] = sfq;
	cs[1].nsans = 2;
	cs[1].self_signed = 1;
	cs[1].nb = made;
	cs[1].na = made + 5 * 365 * 86400LL;
	cs[1].services = 19;
	cs[1].seed = c->seed ^ (0x5e1f + s);
	make_cert(&cs[0]);
	make_cert(&cs[1]);
	if ((c->i / 2 + s) % 2 == 0) {
		cert_clixml(&fbuf, cs, 2, srvfqdn, c->seed + s,
		    o->big_other / 8, r);
		fmt(fn, sizeof(fn), "Get-ExchangeCertificate-%s.xml", srv);
		emit(c->id, "onprem", fn, xml_enc(c, 7 + s));
	} else {
		fmt(sfq, sizeof(sfq), "%s.%s", srv, c->local);
		cert_json(&fbuf, cs, 2, sfq);
		fmt(fn, sizeof(fn), "Get-ExchangeCertificate-%s.json", srv);
		emit(c->id, "onprem", fn, json_enc(c, 7 + s));
	}
}

/* The Edge of a hybrid customer: its hybrid certificate and its own. */
static void
cust_edge_certs(const struct cust *c, const struct custopt *o)
{
	struct cert	*cs;
	char		 smtp[128], edge[32], edgefq[128], fn[160], mail[128],
			 ad[128], wild[128], (*host)[64];
	unsigned	 n = 2 + o->edge_certs, k;

	if ((cs = calloc(n, sizeof(*cs))) == NULL ||
	    (host = calloc(64, sizeof(*host))) == NULL)
		die("out of memory");
	fmt(smtp, sizeof(smtp), "smtpo365.%s", c->dom);
	fmt(mail, sizeof(mail), "mail.%s", c->dom);
	fmt(ad, sizeof(ad), "autodiscover.%s", c->dom);
	fmt(wild, sizeof(wild), "*.%s", c->dom);
	fmt(edge, sizeof(edge), "%sEDGE01", c->pfx);
	fmt(edgefq, sizeof(edgefq), "%sedge01.%s", c->pfxl, c->dom);
	for (k = 0; k < 64; k++)
		fmt(host[k], sizeof(host[k]), "host%02u.%s", k, c->dom);
	cs[0].cn = smtp;
	cs[0].sans[0] = smtp;
	cs[0].nsans = 1;
	cs[0].nb = 1748736000;
	cs[0].na = 1843430400;
	cs[0].services = 16;
	cs[1].cn = edge;
	cs[1].sans[0] = edge;
	cs[1].sans[1] = edgefq;
	cs[1].nsans = 2;
	cs[1].self_signed = 1;
	cs[1].nb = 1726492965;
	cs[1].na = 1884259365;
	cs[1].services = 19;
	/* Renewals and look-alikes: the names overlap on purpose. */
	for (k = 0; k < o->edge_certs; k++) {
		struct cert *e = &cs[2 + k];

		e->cn = k % 3 == 0 ? smtp : k % 3 == 1 ? mail : host[k % 64];
		e->sans[e->nsans++] = e->cn;
		if (e->cn != smtp && k % 2 == 0)
			e->sans[e->nsans++] = smtp;
		if (k % 5 == 0)
			e->sans[e->nsans++] = wild;
		e->sans[e->nsans++] = ad;
		if (e->cn != host[k % 64])
			e->sans[e->nsans++] = host[k % 64];
		e->nb = 1700000000 + (int64_t)(k % 400) * 86400;
		e->na = e->nb + (int64_t)(365 + k % 730) * 86400;
		e->services = k % 7 == 0 ? 8 : k % 7 == 1 ? 24 : 16;
	}
	for (k = 0; k < n; k++) {
		uint64_t h = mix64(c->seed ^ (0xed6e0000ULL + k));
		static const char hex[] = "0123456789ABCDEF";
		int i;

		/* JSON certificates: thumbprints as exported, no DER. */
		for (i = 0; i < 40; i++) {
			if (i % 16 == 0)
				h = mix64(h + (uint64_t)i);
			cs[k].thumb[i] = hex[(h >> (4 * (i % 16))) & 15];
		}
		cs[k].thumb[40] = '\0';
		for (i = 0; i < 32; i++)
			cs[k].serial[i] = cs[k].thumb[39 - i];
		cs[k].serial[32] = '\0';
	}
	fmt(fn, sizeof(fn), "%s.%s", edge, c->dom);
	cert_json(&fbuf, cs, n, edgefq);
	fmt(fn, sizeof(fn), "Get-ExchangeCertificate-%s.json", edge);
	emit(c->id, "onprem", fn, json_enc(c, 11));
	free(cs);
	free(host);
}

static void
gen_customer(struct gen *g, const struct cust *c, const struct custopt *o)
{
	const char	*sbt[SB__N], *vat[VA__N], **dl;
	char		 path[4096], vs[13][128], d[128], as[160], asaddr[200],
			 asdom[200], conn[200], srv[32], srvl[32], rc[64];
	struct rng	 r = { c->seed };
	struct rctx	 x = { 0, 0, 0, 0, 0, &r };
	unsigned	 k, s, np, ntenant;
	struct buf	 lst = { 0 };

	fmt(path, sizeof(path), "%s/%s/onprem", outdir, c->id);
	mkdirs(path);
	sb_to(c, sbt);
	va_to(c, vat, vs);
	x.small = o->small;
	x.seed = c->seed;

	/* Exchange servers */
	bputs(&fbuf, objs_open);
	if (c->tenant) {
		x.big = o->big_server;
		render(&fbuf, T.v_server, vat, &x);
	} else
		for (s = 0; s < c->nsrv; s++) {
			fmt(srv, sizeof(srv), "%sEX%02u", c->pfx, s + 1);
			fmt(srvl, sizeof(srvl), "%sex%02u", c->pfxl, s + 1);
			sbt[SB_SRV] = srv;
			sbt[SB_SRVL] = srvl;
			x.big = o->big_server;
			x.seed = c->seed ^ mix64(0x5e7 + s);
			render(&fbuf, T.server, sbt, &x);
		}
	bputs(&fbuf, objs_close);
	emit(c->id, "onprem", "Get-ExchangeServer.xml", xml_enc(c, 0));
	x.obase = x.tbase = 0;

	/* Send connectors: Internet through the pool, partners through the
	 * other pool, and a hybrid organization's HCW connector. */
	fmt(srv, sizeof(srv), "%sEX01", c->pfx);
	fmt(srvl, sizeof(srvl), "%sex01", c->pfxl);
	sbt[SB_SRV] = srv;
	sbt[SB_SRVL] = srvl;
	x.big = o->big_conn;
	x.seed = c->seed;
	bputs(&fbuf, objs_open);
	if (c->tenant)
		render(&fbuf, T.v_send, vat, &x);
	else
		render(&fbuf, T.send, sbt, &x);
	np = (unsigned)(mix64(c->seed) % 4);
	for (k = 0; k < np; k++) {
		partner_target(d, sizeof(d), c, k, o->nmsp);
		fmt(conn, sizeof(conn), "Partner %s", d);
		fmt(as, sizeof(as), "SMTP:%s;1", d);
		fmt(asaddr, sizeof(asaddr), "<S N=\"Address\">%s</S>", d);
		fmt(asdom, sizeof(asdom), "<S N=\"Domain\">%s</S>", d);
		sbt[SB_CONN] = conn;
		sbt[SB_AS] = as;
		sbt[SB_ASADDR] = asaddr;
		sbt[SB_ASDOM] = asdom;
		sbt[SB_SHS] = c->oshs;
		sbt[SB_SH1] = c->oh1;
		sbt[SB_SH2] = c->oh2;
		x.seed = c->seed ^ mix64(0xc0 + k);
		render(&fbuf, T.send, sbt, &x);
	}
	sb_to(c, sbt);
	bputs(&fbuf, objs_close);
	emit(c->id, "onprem", "Get-SendConnector.xml", xml_enc(c, 1));
	x.obase = x.tbase = 0;

	/* Receive connectors: Exchange's five on every Mailbox server. */
	bputs(&fbuf, objs_open);
	for (s = 0; s < c->nsrv; s++) {
		fmt(srv, sizeof(srv), "%sEX%02u", c->pfx, s + 1);
		fmt(srvl, sizeof(srvl), "%sex%02u", c->pfxl, s + 1);
		for (k = 0; k < 5; k++) {
			x.big = o->big_conn;
			x.seed = c->seed ^ mix64(0x7ec0 + s * 8 + k);
			fmt(rc, sizeof(rc), "%s", rcnames[k]);
			if (c->tenant) {
				vat[VA_EX1] = srv;
				vat[VA_EX1L] = srvl;
				vat[VA_RC] = rc;
				render(&fbuf, T.v_recv, vat, &x);
			} else {
				sbt[SB_SRV] = srv;
				sbt[SB_SRVL] = srvl;
				sbt[SB_RC] = rc;
				render(&fbuf, T.recv, sbt, &x);
			}
		}
	}
	bputs(&fbuf, objs_close);
	emit(c->id, "onprem", "Get-ReceiveConnector.xml", xml_enc(c, 2));
	x.obase = x.tbase = 0;
	va_to(c, vat, vs);
	sb_to(c, sbt);

	/* Accepted domains */
	bputs(&fbuf, objs_open);
	x.big = o->big_domain;
	if (c->tenant) {
		x.seed = c->seed;
		render(&fbuf, T.v_accepted, vat, &x);
	}
	for (k = c->tenant ? 1 : 0; k < c->nd; k++) {
		cust_domain(d, sizeof(d), c->i, k);
		sbt[SB_DOM] = d;
		sbt[SB_DEFAULT] = k == 0 ? NULL : "<B N=\"Default\">false</B>";
		fmt(srv, sizeof(srv), "%sEX01", c->pfx);
		fmt(srvl, sizeof(srvl), "%sex01", c->pfxl);
		sbt[SB_SRV] = srv;
		sbt[SB_SRVL] = srvl;
		x.seed = c->seed ^ mix64(0xad00 + k);
		render(&fbuf, T.accepted, sbt, &x);
	}
	sb_to(c, sbt);
	bputs(&fbuf, objs_close);
	emit(c->id, "onprem", "Get-AcceptedDomain.xml", xml_enc(c, 3));
	x.obase = x.tbase = 0;

	/* Certificates */
	for (s = 0; s < c->nsrv; s++)
		cust_server_certs(c, s, o, &r);

	for (k = 0; k < c->nd; k++) {
		cust_domain(d, sizeof(d), c->i, k);
		if (c->tenant && k % 5 != 4)
			man_mx_exo(g, d);
		else
			man_mx(g, d, c->h1, c->h2);
	}
	if (!c->tenant) {
		man_org(g, c->id, c->name, 1, 0);
		free(lst.p);
		return;
	}

	/* A hybrid organization: Edge, hybrid configuration, tenant. */
	x.seed = c->seed;
	x.big = o->big_other;
	bputs(&fbuf, objs_open);
	render(&fbuf, T.v_edgesub, vat, &x);
	bputs(&fbuf, objs_close);
	emit(c->id, "onprem", "Get-EdgeSubscription.xml", xml_enc(c, 4));
	x.obase = x.tbase = 0;
	bputs(&fbuf, objs_open);
	render(&fbuf, T.v_hybrid, vat, &x);
	bputs(&fbuf, objs_close);
	emit(c->id, "onprem", "Get-HybridConfiguration.xml", xml_enc(c, 5));
	x.obase = x.tbase = 0;
	bputs(&fbuf, objs_open);
	render(&fbuf, T.v_remote, vat, &x);
	bputs(&fbuf, objs_close);
	emit(c->id, "onprem", "Get-RemoteDomain.xml", xml_enc(c, 6));
	x.obase = x.tbase = 0;
	x.big = o->big_conn;
	bputs(&fbuf, objs_open);
	render(&fbuf, T.v_recv_edge, vat, &x);
	bputs(&fbuf, objs_close);
	fmt(path, sizeof(path), "Get-ReceiveConnector-%sEDGE01.xml",
	    c->pfx);
	emit(c->id, "onprem", path, ENC_UTF8BOM);
	x.obase = x.tbase = 0;
	cust_edge_certs(c, o);

	fmt(path, sizeof(path), "%s/%s/exo", outdir, c->id);
	mkdirs(path);
	ntenant = c->i / 8;
	if (o->inbound_name != NULL)
		fmt(d, sizeof(d), "%s", o->inbound_name);
	else if (ntenant % 10 == 5)
		fmt(d, sizeof(d), "*.varunagroup.de");
	else if (ntenant % 2 == 0)
		fmt(d, sizeof(d), "smtpo365.%s", c->dom);
	else
		fmt(d, sizeof(d), "*.%s", c->dom);
	fmt(conn, sizeof(conn), "\"TlsSenderCertificateName\":  \"%s\"", d);
	vat[VA_TLSNAME] = conn;
	x.seed = c->seed;
	render(&fbuf, T.j_inbound, vat, &x);
	bputs(&fbuf, "\r\n");
	emit(c->id, "exo", "Get-InboundConnector.json", json_enc(c, 0));

	if ((dl = calloc(c->nd, sizeof(*dl))) == NULL)
		die("out of memory");
	for (k = 0; k < c->nd; k++) {
		cust_domain(d, sizeof(d), c->i, k);
		dl[k] = strdup(d);
	}
	jlist(&lst, 4, "RecipientDomains", dl, c->nd);
	vat[VJ_RDOMS] = lst.p;
	render(&fbuf, T.j_outbound, vat, &x);
	bputs(&fbuf, "\r\n");
	emit(c->id, "exo", "Get-OutboundConnector.json", json_enc(c, 1));
	vat[VJ_RDOMS] = NULL;
	lst.len = 0;
	jlist(&lst, 4, "HybridDomains", dl, c->nd);
	vat[VJ_HDOMS] = lst.p;
	render(&fbuf, T.j_onpremorg, vat, &x);
	bputs(&fbuf, "\r\n");
	emit(c->id, "exo", "Get-OnPremisesOrganization.json", json_enc(c, 2));
	vat[VJ_RDOMS] = vat[VJ_HDOMS] = NULL;

	bputs(&fbuf, "[\r\n");
	for (k = 0; k < c->nd; k++) {
		vat[VA_DOM] = dl[k];
		vat[VJ_DEFAULT] = k == 0 ? NULL : "\"Default\":  false";
		x.seed = c->seed ^ mix64(0xe0ad + k);
		render(&fbuf, T.j_accepted[0], vat, &x);
		bputs(&fbuf, ",\r\n");
	}
	vat[VA_DOM] = c->dom;
	vat[VJ_DEFAULT] = NULL;
	x.seed = c->seed;
	render(&fbuf, T.j_accepted[1], vat, &x);
	bputs(&fbuf, ",\r\n");
	render(&fbuf, T.j_accepted[2], vat, &x);
	bputs(&fbuf, "\r\n]\r\n");
	emit(c->id, "exo", "Get-AcceptedDomain.json", json_enc(c, 3));

	if (ntenant % 2 == 0) {
		render(&fbuf, T.j_journal, vat, &x);
		bputs(&fbuf, "\r\n");
		emit(c->id, "exo", "Get-JournalRule.json", json_enc(c, 4));
	}
	render(&fbuf, T.j_transport, vat, &x);
	bputs(&fbuf, "\r\n");
	emit(c->id, "exo", "Get-TransportConfig.json", json_enc(c, 5));
	render(&fbuf, T.j_orgcfg, vat, &x);
	bputs(&fbuf, "\r\n");
	emit(c->id, "exo", "Get-OrganizationConfig.json", json_enc(c, 6));
	for (k = 0; k < c->nd; k++)
		free((char *)dl[k]);
	free(dl);
	free(lst.p);
	man_org(g, c->id, c->name, 1, 1);
}

/* Real-sized exports: about 0.8 MB a customer on average. */
static const struct custopt msp_opt = { 12000, 20000, 1000, 12000, 250, 0,
	0, NULL };
/* The adversarial sets' fixed part: the templates' own (short) blobs. */
static const struct custopt small_opt = { 0, 0, 0, 0, 0, 0, 0, NULL };

static void
gen_msp(struct gen *g, unsigned n)
{
	struct cust	c;
	struct custopt	o = msp_opt;
	unsigned	i;

	g->pad = 1;
	o.nmsp = n;
	gen_provider(g);
	for (i = 0; i < n; i++) {
		cust_init(&c, i, cust_is_tenant(i), cust_ndomains(i));
		gen_customer(g, &c, &o);
	}
}

/* Adversarial dimensions. */

/* The fixed part: provider, gateways, a hosted and a hybrid customer. */
static void
adv_base(struct gen *g)
{
	struct cust	c;
	struct custopt	o = small_opt;

	gen_provider(g);
	cust_init(&c, 1, 0, 8);
	gen_customer(g, &c, &o);
	cust_init(&c, 8, 1, 8);
	gen_customer(g, &c, &o);
}

/* Get-SendConnector of a small organization, trimmed to what matters. */
static void
tiny_send_connector(struct buf *b, const char *srv, const char *local,
    const char *dcs, const char *org, const char *h1, const char *h2)
{
	bputs(b, objs_open);
	bprintf(b,
"  <Obj RefId=\"0\">\r\n"
"    <TN RefId=\"0\">\r\n"
"      <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig</T>\r\n"
"      <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.MailGateway</T>\r\n"
"      <T>Microsoft.Exchange.Data.Directory.SystemConfiguration.SendConnector</T>\r\n"
"      <T>Microsoft.Exchange.Data.Directory.ADObject</T>\r\n"
"      <T>System.Object</T>\r\n"
"    </TN>\r\n"
"    <ToString>Internet</ToString>\r\n"
"    <Props>\r\n"
"      <B N=\"DNSRoutingEnabled\">false</B>\r\n"
"      <Obj N=\"SmartHosts\" RefId=\"1\">\r\n"
"        <TN RefId=\"1\">\r\n"
"          <T>Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.SmartHost, Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T>\r\n"
"          <T>Microsoft.Exchange.Data.MultiValuedPropertyBase</T>\r\n"
"          <T>System.Object</T>\r\n"
"        </TN>\r\n"
"        <LST>\r\n"
"          <Obj RefId=\"2\">\r\n"
"            <TN RefId=\"2\">\r\n"
"              <T>Microsoft.Exchange.Data.SmartHost</T>\r\n"
"              <T>System.Object</T>\r\n"
"            </TN>\r\n"
"            <ToString>%s</ToString>\r\n"
"            <Props>\r\n"
"              <B N=\"IsIPAddress\">false</B>\r\n"
"              <S N=\"Domain\">%s</S>\r\n"
"            </Props>\r\n"
"          </Obj>\r\n"
"          <Obj RefId=\"3\">\r\n"
"            <TNRef RefId=\"2\" />\r\n"
"            <ToString>%s</ToString>\r\n"
"            <Props>\r\n"
"              <B N=\"IsIPAddress\">false</B>\r\n"
"              <S N=\"Domain\">%s</S>\r\n"
"            </Props>\r\n"
"          </Obj>\r\n"
"        </LST>\r\n"
"      </Obj>\r\n"
"      <Nil N=\"Fqdn\" />\r\n"
"      <Nil N=\"TlsCertificateName\" />\r\n"
"      <B N=\"RequireTLS\">false</B>\r\n"
"      <B N=\"Enabled\">true</B>\r\n"
"      <B N=\"CloudServicesMailEnabled\">false</B>\r\n"
"      <I32 N=\"Port\">25</I32>\r\n"
"      <Obj N=\"AddressSpaces\" RefId=\"4\">\r\n"
"        <TN RefId=\"3\">\r\n"
"          <T>Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.AddressSpace, Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T>\r\n"
"          <T>Microsoft.Exchange.Data.MultiValuedPropertyBase</T>\r\n"
"          <T>System.Object</T>\r\n"
"        </TN>\r\n"
"        <LST>\r\n"
"          <Obj RefId=\"5\">\r\n"
"            <TN RefId=\"4\">\r\n"
"              <T>Microsoft.Exchange.Data.AddressSpace</T>\r\n"
"              <T>System.Object</T>\r\n"
"            </TN>\r\n"
"            <ToString>SMTP:*;1</ToString>\r\n"
"            <Props>\r\n"
"              <S N=\"Address\">*</S>\r\n"
"              <S N=\"Type\">SMTP</S>\r\n"
"              <I32 N=\"Cost\">1</I32>\r\n"
"              <B N=\"IncludeSubDomains\">true</B>\r\n"
"              <S N=\"Domain\">*</S>\r\n"
"            </Props>\r\n"
"          </Obj>\r\n"
"        </LST>\r\n"
"      </Obj>\r\n", h1, h1, h2, h2);
	bprintf(b,
"      <Obj N=\"SourceTransportServers\" RefId=\"6\">\r\n"
"        <TN RefId=\"5\">\r\n"
"          <T>Microsoft.Exchange.Data.Directory.ADMultiValuedProperty`1[[Microsoft.Exchange.Data.Directory.ADObjectId, Microsoft.Exchange.Data.Directory, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T>\r\n"
"          <T>Microsoft.Exchange.Data.MultiValuedPropertyBase</T>\r\n"
"          <T>System.Object</T>\r\n"
"        </TN>\r\n"
"        <LST>\r\n"
"          <Obj RefId=\"7\">\r\n"
"            <TN RefId=\"6\">\r\n"
"              <T>Microsoft.Exchange.Data.Directory.ADObjectId</T>\r\n"
"              <T>Microsoft.Exchange.Data.ObjectId</T>\r\n"
"              <T>System.Object</T>\r\n"
"            </TN>\r\n"
"            <ToString>%s</ToString>\r\n"
"            <Props>\r\n"
"              <S N=\"Rdn\">CN=%s</S>\r\n"
"              <S N=\"DistinguishedName\">CN=%s,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=%s,CN=Microsoft Exchange,CN=Services,CN=Configuration,%s</S>\r\n"
"              <S N=\"DomainId\">%s</S>\r\n"
"              <S N=\"Name\">%s</S>\r\n"
"            </Props>\r\n"
"          </Obj>\r\n"
"        </LST>\r\n"
"      </Obj>\r\n"
"      <S N=\"SmartHostsString\">%s,%s</S>\r\n"
"      <S N=\"Name\">Internet</S>\r\n"
"      <Obj N=\"Identity\" RefId=\"8\">\r\n"
"        <TNRef RefId=\"6\" />\r\n"
"        <ToString>Internet</ToString>\r\n"
"        <Props>\r\n"
"          <S N=\"Rdn\">CN=Internet</S>\r\n"
"          <S N=\"DistinguishedName\">CN=Internet,CN=Connections,CN=Exchange Routing Group (DWBGZMFD01QNBJR),CN=Routing Groups,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=%s,CN=Microsoft Exchange,CN=Services,CN=Configuration,%s</S>\r\n"
"          <S N=\"Name\">Internet</S>\r\n"
"        </Props>\r\n"
"      </Obj>\r\n"
"      <Ref N=\"Id\" RefId=\"8\" />\r\n"
"    </Props>\r\n"
"    <MS>\r\n"
"      <S N=\"PSComputerName\">%s.%s</S>\r\n"
"    </MS>\r\n"
"  </Obj>\r\n",
	    srv, srv, srv, org, dcs, local, srv, h1, h2, org, dcs, srv, local);
	bputs(b, objs_close);
}

static void
adv_orgs(struct gen *g, unsigned n)
{
	char		id[16], name[32], path[4096], srv[16], local[32],
			dcs[48], h1[64], h2[64], dom[64];
	unsigned	k;

	adv_base(g);
	for (k = 0; k < n; k++) {
		fmt(id, sizeof(id), "o%05u", k);
		fmt(name, sizeof(name), "Organization %u", k);
		fmt(srv, sizeof(srv), "O%05uEX01", k);
		fmt(local, sizeof(local), "o%05u.local", k);
		fmt(dcs, sizeof(dcs), "DC=o%05u,DC=local", k);
		pool_host(h1, sizeof(h1), (int)(k % 2), k);
		pool_host(h2, sizeof(h2), (int)(k % 2), k + 1);
		fmt(path, sizeof(path), "%s/%s/onprem", outdir, id);
		mkdirs(path);
		tiny_send_connector(&fbuf, srv, local, dcs, name, h1, h2);
		emit(id, "onprem", "Get-SendConnector.xml", ENC_UTF8BOM);
		man_org(g, id, name, 1, 0);
		fmt(dom, sizeof(dom), "o%05u.example", k);
		if (k % 8 == 0)
			man_mx_exo(g, dom);
		else
			man_mx(g, dom, h1, h2);
	}
}

/* A tenant of its own with the given inbound connectors. */
struct inb {
	const char	*name;		/* NULL: "Inbound from <GUID>" */
	int		 partner;
	const char	*cert;		/* NULL: none */
	const char	*sdom;		/* SenderDomains item, NULL: "*" */
	const char	*ips;		/* SenderIPAddresses list, NULL: none */
};

static void
inbound_json(struct buf *o, const struct inb *v, size_t n, const char *x,
    uint64_t seed)
{
	const char	*to[VA__N];
	char		 oms[128], tls[256], sd[160], nm[160];
	struct rng	 r = { seed };
	struct rctx	 c = { 0, 0, 0, 0, 0, &r };
	size_t		 i;

	memset(to, 0, sizeof(to));
	fmt(oms, sizeof(oms), "%s.onmicrosoft.com", x);
	to[VA_OMS] = oms;
	if (n > 1)
		bputs(o, "[\r\n");
	for (i = 0; i < n; i++) {
		if (v[i].partner) {
			to[VJ_TYPE] = "\"ConnectorType\":  \"Partner\"";
			to[VJ_SOURCE] = "\"ConnectorSource\":  \"Default\"";
			to[VJ_RESTRICT] =
			    "\"RestrictDomainsToCertificate\":  true";
			to[VJ_CLOUD] = "\"CloudServicesMailEnabled\":  false";
		} else
			to[VJ_TYPE] = to[VJ_SOURCE] = to[VJ_RESTRICT] =
			    to[VJ_CLOUD] = NULL;
		if (v[i].cert != NULL)
			fmt(tls, sizeof(tls), "\"TlsSenderCertificateName\""
			    ":  \"%s\"", v[i].cert);
		else
			fmt(tls, sizeof(tls), "\"TlsSenderCertificateName\""
			    ":  null");
		to[VA_TLSNAME] = tls;
		if (v[i].sdom != NULL) {
			fmt(sd, sizeof(sd), "\"smtp:%s;1\"", v[i].sdom);
			to[VJ_SDOM] = sd;
		} else
			to[VJ_SDOM] = NULL;
		to[VJ_SIPS] = v[i].ips;
		if (v[i].name != NULL) {
			fmt(nm, sizeof(nm), "%s", v[i].name);
			to[VJ_NAME] = nm;
		} else
			to[VJ_NAME] = NULL;
		c.seed = mix64(seed + i) | 1;
		if (n > 1) {
			render_indented(o, T.j_inbound, to, &c, 4);
			bputs(o, i + 1 < n ? ",\r\n" : "\r\n");
		} else {
			render(o, T.j_inbound, to, &c);
			bputs(o, "\r\n");
		}
	}
	if (n > 1)
		bputs(o, "]\r\n");
}

/* Accepted domains of a tenant: its own, the initial, the coexistence. */
static void
accepted_json(struct buf *o, const char *const *doms, size_t n,
    const char *x, uint64_t seed)
{
	const char	*to[VA__N];
	char		 oms[128], moms[128];
	struct rng	 r = { seed };
	struct rctx	 c = { 0, 0, 0, 0, 0, &r };
	size_t		 i;

	memset(to, 0, sizeof(to));
	fmt(oms, sizeof(oms), "%s.onmicrosoft.com", x);
	fmt(moms, sizeof(moms), "%s.mail.onmicrosoft.com", x);
	to[VA_OMS] = oms;
	to[VA_MAILOMS] = moms;
	bputs(o, "[\r\n");
	for (i = 0; i < n; i++) {
		to[VA_DOM] = doms[i];
		to[VJ_DEFAULT] = i == 0 ? NULL : "\"Default\":  false";
		c.seed = mix64(seed ^ (0xd0d0 + i)) | 1;
		render(o, T.j_accepted[0], to, &c);
		bputs(o, ",\r\n");
	}
	c.seed = seed;
	render(o, T.j_accepted[1], to, &c);
	bputs(o, ",\r\n");
	render(o, T.j_accepted[2], to, &c);
	bputs(o, "\r\n]\r\n");
}

static void
adv_tenant(struct gen *g, const char *id, const char *name,
    const struct inb *v, size_t n, const char *const *doms, size_t nd)
{
	char		path[4096];
	uint64_t	seed = hashmem(id, strlen(id), 0x7e4a47) | 1;

	fmt(path, sizeof(path), "%s/%s/exo", outdir, id);
	mkdirs(path);
	inbound_json(&fbuf, v, n, id, seed);
	emit(id, "exo", "Get-InboundConnector.json", ENC_UTF8BOM);
	accepted_json(&fbuf, doms, nd, id, seed);
	emit(id, "exo", "Get-AcceptedDomain.json", ENC_UTF8BOM);
	man_org(g, id, name, 0, 1);
}

/* Connectors with wildcards of their own, in four tenants. */
static void
adv_wildcards(struct gen *g, unsigned n, int shared)
{
	struct inb	*v;
	char		(*cert)[96], (*sdom)[64], id[16], name[64], dom[64];
	const char	*doms[1];
	unsigned	 t, k, m;

	adv_base(g);
	if ((v = calloc(n / 4 + 1, sizeof(*v))) == NULL ||
	    (cert = calloc(n / 4 + 1, sizeof(*cert))) == NULL ||
	    (sdom = calloc(n / 4 + 1, sizeof(*sdom))) == NULL)
		die("out of memory");
	for (t = 0; t < 4; t++) {
		fmt(id, sizeof(id), "%s%u", shared ? "st" : "wt", t + 1);
		fmt(name, sizeof(name), "Tenant %s", id);
		fmt(dom, sizeof(dom), "%s.example", id);
		for (k = t, m = 0; k < n; k += 4, m++) {
			memset(&v[m], 0, sizeof(v[m]));
			if (shared)
				fmt(cert[m], sizeof(cert[m]),
				    "*.varunagroup.de");
			else if (k / 4 % 4 == 0)
				fmt(cert[m], sizeof(cert[m]),
				    "*.h%u.%s", k, dom);
			else {
				fmt(cert[m], sizeof(cert[m]),
				    "*.p%u.example", k);
				fmt(sdom[m], sizeof(sdom[m]),
				    "p%u.example", k);
				v[m].partner = 1;
				v[m].sdom = sdom[m];
			}
			v[m].cert = cert[m];
		}
		doms[0] = dom;
		adv_tenant(g, id, name, v, m, doms, 1);
		man_mx_exo(g, dom);
	}
	free(v);
	free(cert);
	free(sdom);
}

/* Two connectors with n SenderIPAddresses each (/24-/32) in 81.173/16. */
static void
adv_ips(struct gen *g, unsigned n)
{
	struct inb	 v[2];
	struct buf	 lst[2] = { { 0 }, { 0 } };
	const char	**items;
	char		 (*txt)[24];
	const char	*doms[1] = { "ipt.example" };
	uint32_t	*set;
	size_t		 cap = 1, i;
	unsigned	 j, k, bits;
	struct rng	 r = { 0x1b5 };
	uint32_t	 base, key;

	adv_base(g);
	while (cap < (size_t)n * 4)
		cap <<= 1;
	if ((set = calloc(cap, sizeof(*set))) == NULL ||
	    (items = calloc(n, sizeof(*items))) == NULL ||
	    (txt = calloc(n, sizeof(*txt))) == NULL)
		die("out of memory");
	for (j = 0; j < 2; j++) {
		memset(set, 0, cap * sizeof(*set));
		for (k = 0; k < n; ) {
			/* Prefix lengths in proportion to how many there
			 * are: /32 half the time, /31 a quarter, ... */
			for (bits = 32; bits > 24 && (rnd(&r) & 1); bits--)
				;
			base = (uint32_t)rndn(&r, 65536);
			base &= ~((1u << (32 - bits)) - 1) & 0xffff;
			key = (base << 6 | bits) + 1;
			for (i = mix64(key) & (cap - 1); set[i] != 0 &&
			    set[i] != key; i = (i + 1) & (cap - 1))
				;
			if (set[i] == key)
				continue;
			set[i] = key;
			if (bits == 32)
				fmt(txt[k], sizeof(txt[k]),
				    "81.173.%u.%u", base >> 8, base & 255);
			else
				fmt(txt[k], sizeof(txt[k]),
				    "81.173.%u.%u/%u", base >> 8, base & 255,
				    bits);
			items[k] = txt[k];
			k++;
		}
		jlist(&lst[j], 4, "SenderIPAddresses", items, n);
	}
	memset(v, 0, sizeof(v));
	v[0].ips = lst[0].p;
	v[1].name = "On-premises relay";
	v[1].ips = lst[1].p;
	adv_tenant(g, "ipt", "IP Tenant", v, 2, doms, 1);
	man_mx_exo(g, "ipt.example");
	free(set);
	free(items);
	free(txt);
	free(lst[0].p);
	free(lst[1].p);
}

/* A hybrid organization with many domains, or many Edge certificates. */
static void
adv_big_customer(struct gen *g, unsigned ndomains, unsigned ncerts)
{
	struct cust	c;
	struct custopt	o = small_opt;

	adv_base(g);
	o.edge_certs = ncerts;
	cust_init(&c, 9000, 1, ndomains);
	gen_customer(g, &c, &o);
}

static const char *const dims[] = { "orgs", "wildcards", "shared", "ips",
	"domains", "certs" };

int
main(int argc, char **argv)
{
	struct gen	 g = { { 0 }, { 0 }, { 0 }, 0, 0, 0 };
	const char	*mode = "msp", *dim = NULL;
	long		 n;
	char		*end;
	size_t		 i;

	if (argc == 4 && argv[1][0] >= '0' && argv[1][0] <= '9') {
		argv++;
		argc--;
	} else if (argc == 5 && strcmp(argv[1], "msp") == 0) {
		argv += 2;
		argc -= 2;
	} else if (argc == 6 && strcmp(argv[1], "adv") == 0) {
		mode = "adv";
		dim = argv[2];
		argv += 3;
		argc -= 3;
	} else
		goto usage;
	n = strtol(argv[0], &end, 10);
	if (*end != '\0' || n <= 0 || n > 1000000)
		goto usage;
	samples = argv[1];
	outdir = argv[2];
	if (dim != NULL) {
		for (i = 0; i < sizeof(dims) / sizeof(dims[0]); i++)
			if (strcmp(dim, dims[i]) == 0)
				break;
		if (i == sizeof(dims) / sizeof(dims[0]))
			goto usage;
	}
	pool_init();
	load_templates();
	mkdirs(outdir);
	man_gateways(&g);
	if (strcmp(mode, "msp") == 0)
		gen_msp(&g, (unsigned)n);
	else if (strcmp(dim, "orgs") == 0)
		adv_orgs(&g, (unsigned)n);
	else if (strcmp(dim, "wildcards") == 0)
		adv_wildcards(&g, (unsigned)n, 0);
	else if (strcmp(dim, "shared") == 0)
		adv_wildcards(&g, (unsigned)n, 1);
	else if (strcmp(dim, "ips") == 0)
		adv_ips(&g, (unsigned)n);
	else if (strcmp(dim, "domains") == 0)
		adv_big_customer(&g, (unsigned)n, 0);
	else
		adv_big_customer(&g, 8, (unsigned)n);
	man_write(&g);
	return 0;
usage:
	fprintf(stderr, "usage: gen msp N SAMPLES OUTDIR\n"
	    "       gen adv orgs|wildcards|shared|ips|domains|certs COUNT "
	    "SAMPLES OUTDIR\n");
	return 2;
}
