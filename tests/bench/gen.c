/*
 * gen.c: a deterministic generator of MSP-scale topologies for the
 * benchmark.
 *
 *	gen N SAMPLES OUTDIR
 *
 * Writes OUTDIR/topology.json and, for each of N customer organizations,
 * realistic exports made from the seed sample's files (SAMPLES is the
 * samples/varunagroup folder): send, receive and accepted-domain exports,
 * Exchange servers and certificates as Export-Clixml writes them (one
 * file in three UTF-16LE, the others UTF-8 with BOM), with Exchange's
 * SerializationData blobs at the size real exports have (a connector is
 * about 60 KB).  One organization in four also has an Exchange Online
 * tenant with an OnPremises inbound connector (every fourth of those a
 * wildcard), and all relay through a pool of shared gateways declared in
 * the manifest.  The same N gives the same bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NGATEWAYS	8

static const char *templates[] = {
	"setebos/Get-SendConnector.xml",
	"setebos/Get-ReceiveConnector.xml",
	"setebos/Get-AcceptedDomain.xml",
	"setebos/Get-ExchangeServer.xml",
	"setebos/Get-ExchangeCertificate-SETEX01.xml",
};

static char *
slurp(const char *dir, const char *name, size_t *len)
{
	char	 path[4096];
	FILE	*fp;
	char	*p;
	long	 n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	if (p == NULL || fread(p, 1, (size_t)n, fp) != (size_t)n)
		exit(1);
	p[n] = '\0';
	fclose(fp);
	/* Strip a UTF-8 BOM: output encodings are chosen per file. */
	if (n >= 3 && (unsigned char)p[0] == 0xef) {
		memmove(p, p + 3, (size_t)n - 2);
		n -= 3;
	}
	*len = (size_t)n;
	return p;
}

struct out {
	char	*p;
	size_t	 len, cap;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		while (o->len + n + 1 > o->cap)
			o->cap = o->cap ? o->cap * 2 : 1 << 16;
		if ((o->p = realloc(o->p, o->cap)) == NULL)
			exit(1);
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

static uint64_t	rng = 88172645463325252ULL;

static unsigned
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)rng;
}

/* Substitute names and grow SerializationData blobs to 'blob' bytes. */
static void
render(struct out *o, const char *t, size_t tlen, const char *const *from,
    const char *const *to, size_t nsub, size_t blob)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	static const char tag[] = "<BA N=\"SerializationData\">";
	const char	*p = t, *end = t + tlen;
	size_t		 i, k, l;
	char		 chunk[4096];

	while (p < end) {
		if (strncmp(p, tag, sizeof(tag) - 1) == 0) {
			put(o, tag, sizeof(tag) - 1);
			p += sizeof(tag) - 1;
			while (p < end && *p != '<')
				p++;
			for (k = 0; k < blob; k += sizeof(chunk)) {
				l = blob - k < sizeof(chunk) ? blob - k :
				    sizeof(chunk);
				for (i = 0; i < l; i++)
					chunk[i] = b64[next() & 63];
				put(o, chunk, l);
			}
			continue;
		}
		for (i = 0; i < nsub; i++) {
			l = strlen(from[i]);
			if ((size_t)(end - p) >= l &&
			    strncmp(p, from[i], l) == 0)
				break;
		}
		if (i < nsub) {
			put(o, to[i], strlen(to[i]));
			p += strlen(from[i]);
		} else
			put(o, p++, 1);
	}
}

static void
write_file(const char *path, const struct out *o, int utf16)
{
	FILE		*fp;
	size_t		 i;
	unsigned char	 u[4];
	unsigned	 c;

	if ((fp = fopen(path, "wb")) == NULL) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	if (!utf16) {
		fputs("\xef\xbb\xbf", fp);
		fwrite(o->p, 1, o->len, fp);
	} else {
		fputs("\xff\xfe", fp);
		/* The templates are ASCII apart from rare Latin-1 letters. */
		for (i = 0; i < o->len; i++) {
			c = (unsigned char)o->p[i];
			if (c >= 0xc0 && i + 1 < o->len) {
				c = ((c & 0x1f) << 6) |
				    ((unsigned char)o->p[++i] & 0x3f);
			}
			u[0] = (unsigned char)(c & 0xff);
			u[1] = (unsigned char)(c >> 8);
			fwrite(u, 1, 2, fp);
		}
	}
	fclose(fp);
}

static void
mkdirs(const char *p)
{
	char	buf[4096], *s;

	snprintf(buf, sizeof(buf), "%s", p);
	for (s = buf + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(buf, 0755);
			*s = '/';
		}
	mkdir(buf, 0755);
}

int
main(int argc, char **argv)
{
	static const char *const from[] = {
		"setebos-ag.com", "setebos.local", "SETEX01", "setex01",
		"Setebos AG", "mx01.varunagroup.de", "mx02.varunagroup.de",
		"Default Frontend",
	};
	char		 to_dom[64], to_local[64], to_srv[64], to_srvl[64],
			 to_name[64], to_gw1[64], to_gw2[64], to_rc[64],
			 path[4096];
	const char	*to[8];
	char		*tpl[5];
	size_t		 tlen[5], i, t, k, copies;
	long		 n;
	struct out	 o = { 0 };
	FILE		*mf;

	if (argc != 4 || (n = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: gen N SAMPLES OUTDIR\n");
		return 2;
	}
	for (t = 0; t < 5; t++)
		tpl[t] = slurp(argv[2], templates[t], &tlen[t]);
	mkdirs(argv[3]);
	snprintf(path, sizeof(path), "%s/topology.json", argv[3]);
	if ((mf = fopen(path, "w")) == NULL)
		return 1;
	fprintf(mf, "{\n  \"version\": 1,\n  \"organizations\": [\n");
	for (i = 0; i < (size_t)n; i++) {
		fprintf(mf, "    { \"id\": \"cust%zu\", \"name\": \"Customer "
		    "%zu\", \"onprem\": [\"cust%zu/onprem\"]", i, i, i);
		if (i % 4 == 0)
			fprintf(mf, ", \"exchange_online\": [\"cust%zu/exo\"]",
			    i);
		fprintf(mf, " }%s\n", i + 1 < (size_t)n ? "," : "");
		snprintf(to_dom, sizeof(to_dom), "cust%zu.example", i);
		snprintf(to_local, sizeof(to_local), "cust%zu.local", i);
		snprintf(to_srv, sizeof(to_srv), "C%zuEX01", i);
		snprintf(to_srvl, sizeof(to_srvl), "c%zuex01", i);
		snprintf(to_name, sizeof(to_name), "Customer %zu", i);
		snprintf(to_gw1, sizeof(to_gw1), "relay%zu.msp.example",
		    i % NGATEWAYS);
		snprintf(to_gw2, sizeof(to_gw2), "relay%zu.msp.example",
		    (i + 1) % NGATEWAYS);
		to[0] = to_dom; to[1] = to_local; to[2] = to_srv;
		to[3] = to_srvl; to[4] = to_name; to[5] = to_gw1;
		to[6] = to_gw2;
		to[7] = to_rc;
		snprintf(path, sizeof(path), "%s/cust%zu/onprem", argv[3], i);
		mkdirs(path);
		for (t = 0; t < 5; t++) {
			/* Two send and eight receive connectors a server. */
			copies = t == 0 ? 2 : t == 1 ? 8 : 1;
			for (k = 0; k < copies; k++) {
				snprintf(to_rc, sizeof(to_rc), "Receive %zu", k);
				o.len = 0;
				/* A connector is about 60 KB. */
				render(&o, tpl[t], tlen[t], from, to, 8,
				    t == 0 ? 3600 : t == 1 ? 1900 : 1800);
				snprintf(path, sizeof(path),
				    "%s/cust%zu/onprem/%.*s%s%.0zu.xml", argv[3], i,
				    (int)(strlen(strchr(templates[t], '/') + 1) - 4),
				    strchr(templates[t], '/') + 1, k ? "-" : "", k);
				write_file(path, &o, (i + t + k) % 3 == 0);
			}
		}
		if (i % 4 == 0) {
			snprintf(path, sizeof(path), "%s/cust%zu/exo", argv[3],
			    i);
			mkdirs(path);
			snprintf(path, sizeof(path),
			    "%s/cust%zu/exo/Get-InboundConnector.json",
			    argv[3], i);
			{
				FILE *jf = fopen(path, "w");

				if (jf == NULL)
					return 1;
				fprintf(jf, "{\n  \"Identity\": \"Inbound from "
				    "%08zx\",\n  \"Name\": \"Inbound from %08zx\","
				    "\n  \"Enabled\": true,\n  \"ConnectorType\": "
				    "\"OnPremises\",\n  \"ConnectorSource\": "
				    "\"HybridWizard\",\n  \"SenderDomains\": "
				    "[\"smtp:*;1\"],\n  \"SenderIPAddresses\": [],\n"
				    "  \"TlsSenderCertificateName\": \"%s%s\",\n"
				    "  \"RequireTls\": true,\n"
				    "  \"CloudServicesMailEnabled\": true\n}\n",
				    i, i, i % 16 == 0 ? "*." : "mail.", to_dom);
				fclose(jf);
				snprintf(path, sizeof(path),
				    "%s/cust%zu/exo/Get-AcceptedDomain.json",
				    argv[3], i);
				if ((jf = fopen(path, "w")) == NULL)
					return 1;
				fprintf(jf, "[\n  { \"Name\": \"%s\", \"DomainName\": "
				    "\"%s\", \"DomainType\": \"Authoritative\" },\n"
				    "  { \"Name\": \"cust%zu.onmicrosoft.com\", "
				    "\"DomainName\": \"cust%zu.onmicrosoft.com\", "
				    "\"DomainType\": \"Authoritative\", "
				    "\"InitialDomain\": true }\n]\n", to_dom, to_dom,
				    i, i);
				fclose(jf);
			}
		}
	}
	fprintf(mf, "  ],\n  \"gateways\": [\n");
	for (i = 0; i < NGATEWAYS; i++)
		fprintf(mf, "    { \"id\": \"relay%zu\", \"name\": "
		    "\"relay%zu.msp.example\", \"addresses\": [\"192.0.2.%zu\"],"
		    " \"certificate\": { \"subject\": \"CN=relay%zu.msp.example\","
		    " \"issuer\": \"CN=Example CA\", \"names\": "
		    "[\"relay%zu.msp.example\"] } }%s\n", i, i, 10 + i, i, i,
		    i + 1 < NGATEWAYS ? "," : "");
	fprintf(mf, "  ],\n  \"dns\": { \"mx\": { \"fabrikam.example\": "
	    "[\"fabrikam-example.mail.protection.outlook.com\"] } }\n}\n");
	fclose(mf);
	free(o.p);
	for (t = 0; t < 5; t++)
		free(tpl[t]);
	return 0;
}
