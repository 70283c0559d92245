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

static const struct {
	const char	*leaf;
	enum kind	 kind;
} typetab[] = {
	{ "TenantInboundConnector", K_INBOUND },
	{ "InboundConnector", K_INBOUND },
	{ "TenantOutboundConnector", K_OUTBOUND },
	{ "OutboundConnector", K_OUTBOUND },
	{ "OnPremisesOrganization", K_ONPREMORG },
	{ "SmtpSendConnectorConfig", K_SEND },
	{ "SendConnector", K_SEND },
	{ "ReceiveConnector", K_RECEIVE },
	{ "ExchangeCertificate", K_CERT },
	{ "X509Certificate2", K_CERT },
	{ "HybridConfiguration", K_HYBRID },
	{ "EdgeSubscription", K_EDGESUB },
	{ "ExchangeServer", K_SERVER },
	{ "AcceptedDomain", K_ACCEPTED },
	{ "DomainContentConfig", K_REMOTE },
	{ "RemoteDomain", K_REMOTE },
	{ "JournalRuleObject", K_JOURNAL },
	{ "JournalRule", K_JOURNAL },
	{ "TransportConfigContainer", K_TRANSPORTCFG },
	{ "TransportConfig", K_TRANSPORTCFG },
	{ "OrganizationConfig", K_ORGCFG },
};

#define HAS(p)	(node_prop(n, (p)) != NULL)

static int
by_signature(const struct node *n, enum kind *k)
{
	if (HAS("AddressSpaces") && (HAS("SmartHosts") ||
	    HAS("DNSRoutingEnabled")))
		*k = K_SEND;
	else if (HAS("TlsSenderCertificateName") ||
	    (HAS("SenderDomains") && HAS("SenderIPAddresses")))
		*k = K_INBOUND;
	else if (HAS("RecipientDomains") && (HAS("SmartHosts") ||
	    HAS("UseMXRecord")))
		*k = K_OUTBOUND;
	else if (HAS("HybridDomains") && (HAS("InboundConnector") ||
	    HAS("OutboundConnector")))
		*k = K_ONPREMORG;
	else if (HAS("Bindings") && HAS("RemoteIPRanges"))
		*k = K_RECEIVE;
	else if (HAS("Thumbprint") && (HAS("CertificateDomains") ||
	    HAS("Services") || HAS("RawData") ||
	    (HAS("Subject") && HAS("Issuer"))))
		*k = K_CERT;
	else if (HAS("RawData") && n->ntypes > 0 &&
	    node_has_type(n, "X509Certificate"))
		*k = K_CERT;
	else if (HAS("OnPremisesSmartHost") ||
	    (HAS("EdgeTransportServers") && HAS("Features")))
		*k = K_HYBRID;
	else if (HAS("AdminDisplayVersion") && (HAS("ServerRole") ||
	    HAS("IsEdgeServer")))
		*k = K_SERVER;
	else if (HAS("DomainName") && HAS("DomainType"))
		*k = K_ACCEPTED;
	else if (HAS("DomainName") && (HAS("TargetDeliveryDomain") ||
	    HAS("TrustedMailOutboundEnabled") || HAS("AllowedOOFType")))
		*k = K_REMOTE;
	else if (HAS("JournalEmailAddress"))
		*k = K_JOURNAL;
	else if (HAS("JournalingReportNdrTo") ||
	    HAS("HeaderPromotionModeSetting") ||
	    (HAS("InternalSMTPServers") && HAS("MaxReceiveSize")))
		*k = K_TRANSPORTCFG;
	else if (HAS("RejectDirectSend") || HAS("MailTipsAllTipsEnabled") ||
	    HAS("IsDehydrated") || HAS("HybridConfigurationStatus") ||
	    HAS("OAuth2ClientProfileEnabled"))
		*k = K_ORGCFG;
	else if (HAS("Site") && HAS("Domain") && HAS("Name") &&
	    HAS("CreateInternetSendConnector"))
		*k = K_EDGESUB;
	else
		return -1;
	return 0;
}

int
recognize(const struct node *n, enum kind *k)
{
	size_t		 i, j;
	const char	*leaf;

	if (n == NULL || n->kind != NODE_OBJECT)
		return -1;
	for (i = 0; i < n->ntypes; i++) {
		leaf = node_type_leaf(n, i);
		if (strcmp(leaf, "PSCustomObject") == 0 ||
		    strcmp(leaf, "Object") == 0)
			break;
		for (j = 0; j < sizeof(typetab) / sizeof(typetab[0]); j++)
			if (strcmp(leaf, typetab[j].leaf) == 0) {
				*k = typetab[j].kind;
				return 0;
			}
		/* A known non-Exchange type: look no further down. */
		if (i == 0 && n->value != NULL)
			return -1;
	}
	if (n->value != NULL)		/* enums, lists, extended primitives */
		return -1;
	return by_signature(n, k);
}
