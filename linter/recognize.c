/*
 * recognize.c: which Exchange object kind a node is.
 *
 * CLIXML objects carry type names ("...SystemConfiguration.ReceiveConnector",
 * with or without "Deserialized.", or "Selected.<type>" after
 * Select-Object); the last dotted segment decides.  JSON objects (and
 * PSCustomObjects without a telling type name) are recognised by the
 * properties only that cmdlet's output has.
 */
#include <string.h>

#include "model.h"

#define HAS(p)	(node_prop(n, (p)) != NULL)

/* What only the output of each kind's cmdlet has. */
static int
sig_inbound(const struct node *n)
{
	return HAS("TlsSenderCertificateName") ||
	    (HAS("SenderDomains") && HAS("SenderIPAddresses"));
}

static int
sig_outbound(const struct node *n)
{
	return HAS("RecipientDomains") && (HAS("SmartHosts") ||
	    HAS("UseMXRecord"));
}

static int
sig_onpremorg(const struct node *n)
{
	return HAS("HybridDomains") && (HAS("InboundConnector") ||
	    HAS("OutboundConnector"));
}

static int
sig_send(const struct node *n)
{
	return HAS("AddressSpaces") && (HAS("SmartHosts") ||
	    HAS("DNSRoutingEnabled"));
}

static int
sig_receive(const struct node *n)
{
	return HAS("Bindings") && HAS("RemoteIPRanges");
}

static int
sig_cert(const struct node *n)
{
	if (HAS("Thumbprint") && (HAS("CertificateDomains") ||
	    HAS("Services") || HAS("RawData") ||
	    (HAS("Subject") && HAS("Issuer"))))
		return 1;
	return HAS("RawData") && n->ntypes > 0 &&
	    node_has_type(n, "X509Certificate");
}

static int
sig_hybrid(const struct node *n)
{
	return HAS("OnPremisesSmartHost") ||
	    (HAS("EdgeTransportServers") && HAS("Features"));
}

static int
sig_edgesub(const struct node *n)
{
	return HAS("Site") && HAS("Domain") && HAS("Name") &&
	    HAS("CreateInternetSendConnector");
}

static int
sig_server(const struct node *n)
{
	return HAS("AdminDisplayVersion") && (HAS("ServerRole") ||
	    HAS("IsEdgeServer"));
}

static int
sig_accepted(const struct node *n)
{
	return HAS("DomainName") && HAS("DomainType");
}

static int
sig_remote(const struct node *n)
{
	return HAS("DomainName") && (HAS("TargetDeliveryDomain") ||
	    HAS("TrustedMailOutboundEnabled") || HAS("AllowedOOFType"));
}

static int
sig_journal(const struct node *n)
{
	return HAS("JournalEmailAddress");
}

static int
sig_transportcfg(const struct node *n)
{
	return HAS("JournalingReportNdrTo") ||
	    HAS("HeaderPromotionModeSetting") ||
	    (HAS("InternalSMTPServers") && HAS("MaxReceiveSize"));
}

static int
sig_orgcfg(const struct node *n)
{
	return HAS("RejectDirectSend") || HAS("MailTipsAllTipsEnabled") ||
	    HAS("IsDehydrated") || HAS("HybridConfigurationStatus") ||
	    HAS("OAuth2ClientProfileEnabled");
}

static const struct {
	const char	*types;		/* each ended by \0 */
	int		(*sig)(const struct node *);
} kinds[K__COUNT] = {
#define KIND(e, id, rec, name, cmdlet, side, types) { types, sig_##id },
#include "kinds.def"
#undef KIND
};

/* The kind whose signature the object's properties show, or -1. */
static int
by_signature(const struct node *n, enum kind *k)
{
	int	i;

	for (i = 0; i < K__COUNT; i++)
		if (kinds[i].sig(n)) {
			*k = (enum kind)i;
			return 0;
		}
	return -1;
}

/* The kind a CLIXML type name's last segment names, or -1. */
static int
by_type(const char *leaf, enum kind *k)
{
	const char	*t;
	int		 i;

	for (i = 0; i < K__COUNT; i++)
		for (t = kinds[i].types; *t != '\0'; t += strlen(t) + 1)
			if (strcmp(leaf, t) == 0) {
				*k = (enum kind)i;
				return 0;
			}
	return -1;
}

int
recognize(const struct node *n, enum kind *k)
{
	size_t		 i;
	const char	*leaf;

	if (n == NULL || n->kind != NODE_OBJECT)
		return -1;
	for (i = 0; i < n->ntypes; i++) {
		leaf = node_type_leaf(n, i);
		if (strcmp(leaf, "PSCustomObject") == 0 ||
		    strcmp(leaf, "Object") == 0)
			break;
		if (by_type(leaf, k) == 0)
			return 0;
		/* A known non-Exchange type: look no further down. */
		if (i == 0 && n->value != NULL)
			return -1;
	}
	if (n->value != NULL)		/* enums, lists, extended primitives */
		return -1;
	return by_signature(n, k);
}
