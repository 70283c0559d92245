/*
 * HYB040 hybrid-send-connector-tls.
 *
 * A send connector that carries mail to Exchange Online must require TLS
 * and validate Exchange Online's certificate: HCW sets RequireTLS $true,
 * TlsAuthLevel DomainValidation and TlsDomain mail.protection.outlook.com;
 * a connector that relays internet mail through Exchange Online uses
 * CertificateValidation.  Reads the send connectors.
 */
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "rule.h"

static const char doc[] =
"What happens\n"
"  The send connector that carries on-premises mail to Exchange Online\n"
"  (the HCW connector 'Outbound to Office 365 - <GUID>', or a connector that\n"
"  relays internet mail through a *.mail.protection.outlook.com smart host)\n"
"  decides how strictly TLS is used on that hop:\n"
"  - RequireTLS $false (or IgnoreSTARTTLS $true): the server may send in\n"
"    clear text when STARTTLS fails, and without TLS it presents no\n"
"    certificate, so Exchange Online cannot attribute the message to the\n"
"    tenant by certificate; the message arrives anonymous (external) or is\n"
"    rejected for relay (550 5.7.64 TenantAttribution).\n"
"  - TlsAuthLevel EncryptionOnly or none: the connection is encrypted but\n"
"    Exchange Online's certificate is never checked; anything that answers\n"
"    for the name gets the mail.\n"
"  - TlsAuthLevel DomainValidation with an empty TlsDomain: Exchange compares\n"
"    Exchange Online's certificate with the recipient domain\n"
"    (<tenant>.mail.onmicrosoft.com), which the certificate does not carry,\n"
"    so TLS validation fails and mail queues. A TlsDomain other than\n"
"    mail.protection.outlook.com fails the same way.\n"
"\n"
"Why Exchange does it\n"
"  RequireTLS, IgnoreSTARTTLS, TlsAuthLevel and TlsDomain are the send\n"
"  connector's TLS policy (Set-SendConnector). TlsAuthLevel cannot be set\n"
"  when RequireTLS is $false. With DomainValidation and no TlsDomain the\n"
"  recipient domain is the name validated. The Hybrid Configuration Wizard\n"
"  creates the connector with RequireTLS $true, TlsAuthLevel\n"
"  DomainValidation and TlsDomain mail.protection.outlook.com (KB 3212872\n"
"  lists the same values); Microsoft's recipe for relaying internet mail\n"
"  through Exchange Online uses CertificateValidation, which Health Checker\n"
"  expects on such connectors and which hybridlint therefore accepts.\n"
"\n"
"How to confirm\n"
"  Get-SendConnector | Where-Object CloudServicesMailEnabled |\n"
"    Format-List Name,AddressSpaces,SmartHosts,RequireTLS,IgnoreSTARTTLS,\n"
"      TlsAuthLevel,TlsDomain\n"
"  The SMTP send protocol log shows whether STARTTLS was negotiated and\n"
"  the certificate Exchange Online presented. Health Checker reports the\n"
"  same settings under \"Cloud Connector\".\n"
"\n"
"How to fix\n"
"  For the HCW connector (address space <tenant>.mail.onmicrosoft.com):\n"
"    Set-SendConnector -Identity 'Outbound to Office 365 - <GUID>'\n"
"        -RequireTLS $true -TlsAuthLevel DomainValidation\n"
"        -TlsDomain mail.protection.outlook.com\n"
"  or rerun the Hybrid Configuration Wizard. For a connector that relays\n"
"  internet mail through Exchange Online:\n"
"    Set-SendConnector -Identity <name> -RequireTLS $true\n"
"        -TlsAuthLevel CertificateValidation\n"
"  When the connector's source servers are Edge Transport servers, run the\n"
"  command on a Mailbox server and then Start-EdgeSynchronization.\n"
"\n"
"Source\n"
"  Set-SendConnector (RequireTLS, IgnoreSTARTTLS, TlsAuthLevel, TlsDomain):\n"
"  https://learn.microsoft.com/powershell/module/exchange/set-sendconnector\n"
"  KB 3212872, \"Email from Exchange 2013 Edge Transport server to Exchange\n"
"  Online appears as mail from external contacts\" (RequireTLS,\n"
"  DomainValidation, TlsDomain mail.protection.outlook.com):\n"
"  https://support.microsoft.com/kb/3212872\n"
"  \"Set up connectors to route mail between Microsoft 365 and your own\n"
"  email servers\" (relay connector with CertificateValidation):\n"
"  https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/set-up-connectors-to-route-mail\n"
"  CSS-Exchange Health Checker, Cloud Connector Check:\n"
"  https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/CloudConnectorCheck/\n"
"  Inference: that clear text or an unvalidated certificate on this hop is\n"
"  a risk (and that without TLS certificate attribution is impossible)\n"
"  follows from the documented behaviour; no document rates it. hybridlint\n"
"  also accepts a TlsDomain directly below mail.protection.outlook.com and\n"
"  the sovereign clouds' mail.protection.office365.us and\n"
"  mail.protection.partner.outlook.cn, because Exchange Online's\n"
"  certificates carry those names.\n";

/* A name Exchange Online's certificate carries (or a pattern of them). */
static int
exo_tls_domain(const char *d)
{
	static const char *base[] = {
		"mail.protection.outlook.com",
		"mail.protection.office365.us",
		"mail.protection.partner.outlook.cn",
		NULL
	};
	const char	*p;
	size_t		 i, l, bl;

	if (strncmp(d, "*.", 2) == 0)
		d += 2;
	l = strlen(d);
	for (i = 0; base[i] != NULL; i++) {
		bl = strlen(base[i]);
		if (strcasecmp(d, base[i]) == 0)
			return 1;
		/* One label below: the certificate's wildcard SAN. */
		if (l > bl + 1 && d[l - bl - 1] == '.' &&
		    strcasecmp(d + l - bl, base[i]) == 0) {
			for (p = d; p < d + l - bl - 1; p++)
				if (*p == '.')
					break;
			if (p == d + l - bl - 1)
				return 1;
		}
	}
	return 0;
}

/* The PowerShell that sets the recommended policy, what differs of it. */
static const char *
fix_for(struct rule_ctx *c, const struct send_connector *sc)
{
	int	coex = sc_to_coexistence(sc);
	int64_t	level = coex ? TLS_DOMAIN_VALIDATION :
		    TLS_CERTIFICATE_VALIDATION;

	return rule_printf(c, "Set-SendConnector -Identity %s%s%s%s%s%s%s",
	    ps_quote(c, sc->o.name), sc->require_tls == 1 ? "" :
	    " -RequireTLS $true", sc->ignore_starttls == 0 ? "" :
	    " -IgnoreSTARTTLS $false", sc->tls_auth_level == level ? "" :
	    coex ? " -TlsAuthLevel DomainValidation" :
	    " -TlsAuthLevel CertificateValidation", !coex ||
	    (sc->tls_domain != NULL && strcasecmp(sc->tls_domain,
	    "mail.protection.outlook.com") == 0) ? "" :
	    " -TlsDomain mail.protection.outlook.com",
	    sc_edgesync_note(c, sc),
	    coex ? "\n# Or rerun the Hybrid Configuration Wizard, which owns "
	    "this connector." : "");
}

static const char *
level_name(int64_t l)
{
	const char	*n = enum_name(model_tls_auth_levels, l);

	return n != NULL ? n : "none";
}

static void
check(struct rule_ctx *c)
{
	const struct send_connector	*sc;
	const char			*what;
	size_t				 i;

	MODEL_FOREACH(c->m, K_SEND, const struct send_connector, sc, i) {
		if (!sc_is_hybrid(sc))
			continue;
		what = sc_to_coexistence(sc) ? "hybrid send connector" :
		    "send connector to Exchange Online";
		if (sc->require_tls == TB_UNKNOWN && not_exported(c, &sc->o,
		    "RequireTLS", "Get-SendConnector | Export-Clixml "
		    "-Encoding utf8 Get-SendConnector.xml"))
			continue;
		if (sc->require_tls != 1) {
			rule_report(c, &sc->o, "RequireTLS", NULL, "RequireTLS",
			    NULL, fix_for(c, sc), "%s '%s' has RequireTLS %s%s, "
			    "and then no certificate is presented, so Exchange "
			    "Online cannot attribute the mail to the tenant by "
			    "certificate", what, sc->o.name,
			    sc->require_tls == 0 ? "false" : "unset",
			    sc->ignore_starttls == 1 ? " and IgnoreSTARTTLS "
			    "true: mail to Exchange Online is sent in clear text" :
			    ": mail to Exchange Online falls back to clear text "
			    "when STARTTLS fails");
			continue;
		}
		if (sc->ignore_starttls == 1) {
			rule_report(c, &sc->o, "IgnoreSTARTTLS", NULL,
			    "IgnoreSTARTTLS", NULL, fix_for(c, sc),
			    "%s '%s' has IgnoreSTARTTLS true: it does not offer "
			    "STARTTLS to Exchange Online although RequireTLS is "
			    "true", what, sc->o.name);
			continue;
		}
		if (sc->tls_auth_level == -1 && not_exported(c, &sc->o,
		    "TlsAuthLevel", "Get-SendConnector | Export-Clixml "
		    "-Encoding utf8 Get-SendConnector.xml"))
			continue;
		if (sc->tls_auth_level == TLS_CERTIFICATE_VALIDATION)
			continue;
		if (sc->tls_auth_level != TLS_DOMAIN_VALIDATION) {
			rule_report_sev(c, SEV_WARNING, &sc->o, "TlsAuthLevel",
			    NULL, "TlsAuthLevel", NULL, fix_for(c, sc),
			    "%s '%s' has TlsAuthLevel %s: the connection to "
			    "Exchange Online is encrypted, but Exchange Online's "
			    "certificate is not validated", what, sc->o.name,
			    level_name(sc->tls_auth_level));
			continue;
		}
		if (sc->tls_domain == NULL)
			rule_report_sev(c, SEV_WARNING, &sc->o, "TlsDomain",
			    NULL, "TlsDomain", NULL, fix_for(c, sc),
			    "%s '%s' uses TlsAuthLevel DomainValidation without "
			    "TlsDomain, so Exchange Online's certificate is "
			    "compared with the recipient domain, which it does "
			    "not carry; set TlsDomain mail.protection.outlook.com",
			    what, sc->o.name);
		else if (!exo_tls_domain(sc->tls_domain))
			rule_report_sev(c, SEV_WARNING, &sc->o, "TlsDomain",
			    NULL, "TlsDomain", NULL, fix_for(c, sc),
			    "%s '%s' validates Exchange Online's certificate "
			    "against TlsDomain %s, a name that certificate does "
			    "not carry (expected mail.protection.outlook.com)",
			    what, sc->o.name, sc->tls_domain);
	}
}

const struct lint_rule rule_hyb040 = {
	.id = "HYB040",
	.name = "hybrid-send-connector-tls",
	.severity = SEV_ERROR,
	.summary = "A send connector to Exchange Online does not require TLS "
	    "or does not validate Exchange Online's certificate",
	.doc = doc,
	.tags = "hybrid,tls,send-connector",
	/* high: hybrid mail may travel without verified TLS */
	.security_severity = "7.4",
	.check = check,
	.flags = RULE_HYBRID,
};
