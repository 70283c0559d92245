/*
 * util.c: small helpers that several rules share.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"
#include "xalloc.h"

char *
rule_printf(struct rule_ctx *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*tmp, *s;

	va_start(ap, fmt);
	tmp = xvasprintf(fmt, ap);
	va_end(ap);
	s = arena_strdup(c->arena, tmp);
	free(tmp);
	return s;
}

const char *
ps_quote(struct rule_ctx *c, const char *s)
{
	struct buf	 b = { 0 };
	const char	*r;

	buf_addc(&b, '\'');
	for (; s != NULL && *s; s++) {
		if (*s == '\'')
			buf_addc(&b, '\'');
		buf_addc(&b, *s);
	}
	buf_addc(&b, '\'');
	r = arena_strdup(c->arena, b.p);
	buf_free(&b);
	return r;
}

static int
ends_with(const char *s, const char *sfx)
{
	size_t	l = strlen(s), n = strlen(sfx);

	return l >= n && strcasecmp(s + l - n, sfx) == 0;
}

int
sc_to_exo(const struct send_connector *sc)
{
	size_t	i;

	for (i = 0; i < sc->naddress_spaces; i++)
		if (ends_with(sc->address_spaces[i].domain,
		    ".mail.onmicrosoft.com"))
			return 1;
	for (i = 0; i < sc->nsmart_hosts; i++)
		if (topo_is_exo_name(sc->smart_hosts[i].host))
			return 1;
	return 0;
}

int
sc_is_hybrid(const struct send_connector *sc)
{
	size_t	i;

	if (!sc_to_exo(sc) || sc->o.enabled == 0)
		return 0;
	for (i = 0; i < sc->naddress_spaces; i++)
		if (ends_with(sc->address_spaces[i].domain,
		    ".mail.onmicrosoft.com"))
			return 1;
	return sc->cloud_services_mail == 1 ||
	    (sc->o.name != NULL &&
	    strncmp(sc->o.name, "Outbound to Office 365", 22) == 0);
}

int
ic_onprem(const struct inbound_connector *ic)
{
	return ic->type == CT_ONPREMISES && ic->o.enabled != 0;
}

const char *
org_hybrid_cert_cn(struct rule_ctx *c, const struct org *org)
{
	const struct hybrid_config	*hc;
	size_t				 i;

	MODEL_FOREACH(c->m, K_HYBRID, const struct hybrid_config, hc, i)
		if (hc->o.org == org && hc->has_tls_cert_name)
			return dn_get_cn(c->arena, hc->tls_cert_name.subject);
	return NULL;
}

int64_t
days_until(const struct rule_ctx *c, int64_t when)
{
	int64_t	d = when - c->asof;

	return d >= 0 ? d / 86400 : -((-d + 86399) / 86400);
}
