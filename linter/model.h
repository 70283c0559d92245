/*
 * model.h: the typed model of everything loaded.
 *
 * Loaders give generic nodes; recognize.c decides which Exchange object
 * kind a node is (by CLIXML type name, or for JSON by property
 * signature) and model.c maps it into one of the records below, parsing
 * each value with values.h.  Records keep what the export said, never
 * anything derived from other records: the topology graph and the
 * simulator compute relations afresh, so a record can be edited (a future
 * `whatif`) and everything downstream recomputed.
 *
 * A value that the export did not carry is "unknown", not false or empty:
 * booleans are tri-state (TB_UNKNOWN), lists and strings have 'known'
 * flags or are NULL.  A value the export truncated (ConvertTo-Json depth)
 * is unknown too and its property name is listed in obj.truncated.
 */
#ifndef HL_MODEL_H
#define HL_MODEL_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "node.h"
#include "values.h"
#include "x509.h"

enum side {
	SIDE_UNKNOWN,
	SIDE_ONPREM,
	SIDE_EXO
};

/* The object kinds of kinds.def: K_INBOUND, K_SEND, ... */
enum kind {
#define KIND(e, id, rec, name, cmdlet, side, types) K_##e,
#include "kinds.def"
#undef KIND
	K__COUNT
};

typedef signed char tbool;
#define TB_UNKNOWN	((tbool)-1)

struct org;

/* A list of strings as exported; 'known' is 0 when absent or truncated. */
struct strlist {
	const char	**v;
	size_t		  n;
	int		  known;
};

/*
 * A property the mapping read: present in the export, and its line.  The
 * name is a number (objprop_id) and the line is kept relative to the
 * object's, so that records of the same shape have byte-identical tables,
 * which the model keeps once: a record of real size reads dozens of
 * properties, and an MSP's estate has tens of thousands of records.
 */
struct objprop {
	uint32_t		 dline;		/* objprop_line() */
	uint16_t		 name;		/* objprop_id() */
	unsigned char		 present;
};

/*
 * The number of a property name (a string that lives as long as the
 * program: a literal of the mappings or of the property tables), the same
 * for every record; and the name of a number.
 */
uint16_t	 objprop_id(const char *name);
const char	*objprop_name(uint16_t);
/* A property's line (0: unknown), and setting it, relative to its object. */
struct obj;
unsigned	 objprop_line(const struct obj *, const struct objprop *);
void		 objprop_set_line(const struct obj *, struct objprop *,
		    unsigned line);

/*
 * What every record has.  Records own copies of what they hold: the
 * document they came from is freed once it is mapped.
 */
struct strmap;

struct obj {
	enum kind		 kind;
	enum side		 side;
	struct org		*org;
	const char		*side_reason;	/* how the side was decided */
	const char		*identity;	/* Identity, else Name */
	const char		*name;
	struct loc		 loc;		/* the object in its file */
	const struct objprop	*props;		/* what the mapping read */
	const char		**truncated;	/* property names (ntruncated;
						   NULL when none) */
	const struct edit	*edit;		/* its first edit, or NULL */
	/*
	 * DistinguishedName, kept only to recognize the object by it (an
	 * --change -Identity): as its ci_hash64(), 0 when not exported.
	 * The names are long (a tenth of a real export's strings) and
	 * nothing shows them.
	 */
	uint64_t		 dn_hash;
	unsigned char		 guid[16];	/* Guid, as its 16 bytes */
	uint32_t		 nprops;
	uint32_t		 ntruncated;
	unsigned char		 has_guid;	/* 0: not exported (or not a
						   GUID) */
	unsigned char		 cut;		/* below its file's depth cut:
						   every list is unknown */
	tbool			 enabled;
};

enum connector_type {
	CT_UNKNOWN = -1,
	CT_ONPREMISES = 1,
	CT_PARTNER = 2
};

struct inbound_connector {
	struct obj		 o;
	enum connector_type	 type;
	const char		*source;	/* HybridWizard, Default, ... */
	struct addrspace	*sender_domains;
	size_t			 nsender_domains;
	int			 sender_domains_known;
	struct iprange		*sender_ips;
	size_t			 nsender_ips;
	struct strlist		 sender_ips_text;
	const char		*tls_sender_cert_name;	/* NULL: none */
	tbool			 require_tls;
	tbool			 restrict_to_cert;
	tbool			 restrict_to_ips;
	tbool			 cloud_services_mail;
	tbool			 treat_as_internal;
	tbool			 ef_skip_last_ip;
	tbool			 ef_test_mode;
	int64_t			 when_changed;	/* 0: unknown */
	struct strlist		 associated_domains;
	struct strlist		 ef_skip_ips;
	struct strlist		 ef_users;
	struct strlist		 trusted_orgs;
};

struct outbound_connector {
	struct obj		 o;
	enum connector_type	 type;
	const char		*source;
	struct strlist		 recipient_domains;
	struct strlist		 smart_hosts;
	tbool			 use_mx;
	int64_t			 tls_settings;	/* TlsAuthLevel, -1 none */
	const char		*tls_domain;
	tbool			 cloud_services_mail;
	tbool			 route_all_via_onprem;
	tbool			 all_accepted_domains;
	tbool			 transport_rule_scoped;
	tbool			 test_mode;
	/* A time without a zone is read as UTC (hours off at most). */
	int64_t			 last_validated;	/* 0: unknown */
	int64_t			 when_changed;	/* 0: unknown */
};

struct onprem_org {
	struct obj		 o;
	struct strlist		 hybrid_domains;
	const char		*inbound_connector;
	const char		*outbound_connector;
	const char		*organization_name;
	const char		*organization_guid;
};

/* TlsAuthLevel */
#define TLS_ENCRYPTION_ONLY		1
#define TLS_CERTIFICATE_VALIDATION	2
#define TLS_DOMAIN_VALIDATION		4

struct send_connector {
	struct obj		 o;
	struct addrspace	*address_spaces;
	size_t			 naddress_spaces;
	int			 address_spaces_known;
	tbool			 dns_routing;
	struct smarthost	*smart_hosts;
	size_t			 nsmart_hosts;
	const char		*fqdn;		/* NULL: the server's FQDN */
	struct x509id		 tls_cert_name;	/* subject NULL: none */
	int			 has_tls_cert_name;
	int64_t			 tls_auth_level; /* -1: none */
	const char		*tls_domain;
	tbool			 require_tls;
	tbool			 ignore_starttls;
	tbool			 domain_secure;
	tbool			 cloud_services_mail;
	const char		*connector_type;	/* Default, XPremises */
	tbool			 is_coexistence;
	struct strlist		 source_servers;
	int64_t			 port;
	const char		*smart_host_auth;
};

/* AuthMechanisms and PermissionGroups flags */
#define AUTH_TLS			1
#define AUTH_INTEGRATED			2
#define AUTH_BASIC			4
#define AUTH_BASIC_REQUIRE_TLS		8
#define AUTH_EXCHANGE_SERVER		16
#define AUTH_EXTERNAL_AUTHORITATIVE	32
#define PERM_ANONYMOUS			1
#define PERM_EXCHANGE_USERS		2
#define PERM_EXCHANGE_SERVERS		4
#define PERM_EXCHANGE_LEGACY_SERVERS	8
#define PERM_PARTNERS			16

struct receive_connector {
	struct obj		 o;
	const char		*server;
	const char		*transport_role;
	struct strlist		 bindings;
	struct iprange		*remote_ranges;
	size_t			 nremote_ranges;
	int64_t			 auth_mechanism;	/* -1 unknown */
	int64_t			 permission_groups;	/* -1 unknown */
	const char		*fqdn;
	struct x509id		 tls_cert_name;
	int			 has_tls_cert_name;
	struct strlist		 tls_domain_capabilities;
	tbool			 require_tls;
	tbool			 domain_secure;
};

/* AllowedServices flags */
#define SVC_IMAP	1
#define SVC_POP		2
#define SVC_UM		4
#define SVC_IIS		8
#define SVC_SMTP	16
#define SVC_FEDERATION	32
#define SVC_UMCALLROUTER 64

/* CertificateStatus */
#define CERT_STATUS_VALID	1

/* CertificateRootCAType */
#define ROOTCA_REGISTRY		1
#define ROOTCA_THIRDPARTY	2

struct certificate {
	struct obj		 o;
	const char		*server;	/* host that holds it, or NULL */
	const char		*server_reason;	/* Identity, PSComputerName, ... */
	const char		*thumbprint;
	const char		*subject;
	const char		*issuer;
	const char		*cn;
	struct strlist		 domains;	/* CertificateDomains / SANs */
	int64_t			 services;	/* -1: unknown (CLIXML) */
	int64_t			 status;	/* -1: unknown */
	int64_t			 root_ca_type;	/* -1: unknown */
	int64_t			 not_before;	/* 0: unknown */
	int64_t			 not_after;
	tbool			 self_signed;
	const char		*friendly_name;
	int			 from_der;	/* facts decoded from DER */
	const char		*gateway;	/* manifest gateway id, or NULL */
};

struct hybrid_config {
	struct obj		 o;
	struct strlist		 domains;
	const char		*onprem_smart_host;
	struct x509id		 tls_cert_name;
	int			 has_tls_cert_name;
	struct strlist		 sending_servers;
	struct strlist		 receiving_servers;
	struct strlist		 edge_servers;
	struct strlist		 features;
	int64_t			 service_instance;	/* -1 unknown */
};

struct edge_subscription {
	struct obj		 o;
	const char		*edge_fqdn;	/* Name / Domain */
	const char		*site;
};

/* ServerRole flags */
#define ROLE_MAILBOX		2
#define ROLE_HUBTRANSPORT	32
#define ROLE_EDGE		64
#define ROLE_FRONTEND		16384

struct exchange_server {
	struct obj		 o;
	const char		*fqdn;
	int64_t			 roles;		/* -1 unknown */
	const char		*roles_text;
	const char		*version;
	const char		*site;
	tbool			 is_edge;
};

/* AcceptedDomainType */
#define AD_AUTHORITATIVE	0
#define AD_EXTERNAL_RELAY	1
#define AD_INTERNAL_RELAY	2

struct accepted_domain {
	struct obj		 o;
	const char		*domain;	/* lower-case, may be "*.x" */
	int64_t			 type;		/* -1 unknown */
	tbool			 is_default;
	tbool			 match_subdomains;
	tbool			 is_coexistence;
	tbool			 initial;
};

struct remote_domain {
	struct obj		 o;
	const char		*domain;
	tbool			 target_delivery;
	tbool			 trusted_mail_outbound;
	tbool			 trusted_mail_inbound;
	tbool			 is_internal;
};

/* JournalRule Scope */
#define JS_INTERNAL	0
#define JS_EXTERNAL	1
#define JS_GLOBAL	2

struct journal_rule {
	struct obj		 o;
	const char		*recipient;	/* NULL: every recipient */
	const char		*journal_address;
	int64_t			 scope;		/* -1 unknown */
};

struct transport_config {
	struct obj		 o;
	const char		*journaling_ndr_to;
	const char		*header_promotion;
	struct strlist		 internal_smtp_servers;
	struct strlist		 tls_receive_domain_secure;
	struct strlist		 tls_send_domain_secure;
};

struct org_config {
	struct obj		 o;
	const char		*org_name;
	tbool			 reject_direct_send;
};

/* An organization: its on-premises side, its Exchange Online tenant. */
struct org {
	const char		*id;
	const char		*name;
	const char		*from;		/* manifest, folder */
	int			 has_onprem;
	int			 has_exo;
	size_t			 index;		/* in model.orgs */
	/* The organization's records of each kind, in load order. */
	struct obj		**objs[K__COUNT];
	size_t			  nobjs[K__COUNT];
	size_t			  capobjs[K__COUNT];
};

struct gateway {
	const char		*id;
	const char		*name;		/* FQDN */
	struct ipaddr		*addrs;
	const char		**addrs_text;
	size_t			 naddrs;
	struct certificate	*cert;		/* NULL: none declared */
	struct org		*operated_by;
	/*
	 * An email add-on service of these organizations' tenants: 'name'
	 * is the host their outbound connector sends to, 'cert' what the
	 * service presents when it returns their mail to Exchange Online.
	 */
	struct org		**addon_for;
	size_t			 naddon_for;
	struct loc		 loc;
};

struct mxentry {
	const char		*domain;
	const char		**hosts;
	size_t			  nhosts;
};

/* A file ConvertTo-Json cut at its depth limit: where it shows. */
struct cutdoc {
	struct loc		 loc;		/* the first sign */
	const char		*what;		/* the property, or type name */
	const char		*cmdlet;	/* of the objects in it */
};

/* A file the loader read: its path as shown, size and SHA-256. */
struct readfile {
	const char		*path;
	uint64_t		 size;
	const char		*sha256;	/* lower-case hex */
	const struct org	*org;		/* NULL: the topology's own */
	const char		*role;		/* "export", "certificate",
						   "manifest" */
};

/* Something counted and not modelled. */
struct skipped {
	struct loc		 loc;
	const char		*what;		/* type name or "JSON object" */
	const char		*why;
};

/* A file the run read, and a folder it read files from. */
struct input_file {
	const char		*path;
	dev_t			 dev;
	ino_t			 ino;
};

/*
 * A proposed change applied to a record (--change, change.h): a property
 * set, a record made or removed, by a command of a script.  Values are
 * as props.h writes them (NULL unknown, "" none).
 */
enum edit_op {
	EDIT_SET,
	EDIT_NEW,
	EDIT_REMOVE
};

struct edit {
	struct obj		*o;
	enum edit_op		 op;
	const char		*prop;		/* EDIT_SET: the property */
	const char		*before;
	const char		*after;
	struct loc		 loc;		/* of the command */
	const char		*cmd;		/* its name, Set-SendConnector */
};

struct model {
	struct arena		*arena;
	const struct model	*base;		/* forked from; its strings */
	struct edit		**edits;	/* in the order applied */
	size_t			  nedits;
	size_t			  capedits;
	struct input_file	*inputs;	/* every file read */
	size_t			  ninputs;
	size_t			  capinputs;
	const char		**input_folders;	/* real paths */
	size_t			  ninput_folders;
	size_t			  capinput_folders;
	struct org		**orgs;
	size_t			  norgs;
	struct strmap		 *org_by_id;	/* id -> org */
	struct gateway		**gateways;
	size_t			  ngateways;
	struct mxentry		*mx;
	size_t			  nmx;
	struct obj		**objs[K__COUNT];
	size_t			  nobjs[K__COUNT];
	size_t			  capobjs[K__COUNT];
	size_t			  ndocs;	/* files loaded */
	const char		 *last_doc_path;	/* the last document's */
	const char		 *last_path;	/* ... as records show it */
	const char		**kept;		/* strings kept lately, by hash */
	struct strmap		 *strings;	/* file paths, MX hosts: once */
	struct blobset		 *blocks;	/* property tables, MX host
						   lists: each once */
	struct skipped		*skipped;
	size_t			  nskipped;
	size_t			  capskipped;
	struct cutdoc		*cut;		/* files cut at the depth limit */
	size_t			  ncut;
	struct readfile	*files;		/* every file read, in order */
	size_t			  nfiles;
	size_t			  capfiles;
	const char		*root;		/* topology folder */
	int			  has_manifest;
};

/* The enumerations the model reads, by name as the cmdlets print them. */
extern const struct enumdef model_tls_auth_levels[];	/* TlsAuthLevel */
extern const struct enumdef model_connector_types[];
extern const struct enumdef model_auth_mechanisms[];	/* flags */
extern const struct enumdef model_permission_groups[];	/* flags */
extern const struct enumdef model_services[];		/* flags */
extern const struct enumdef model_cert_status[];
extern const struct enumdef model_root_ca_types[];
extern const struct enumdef model_server_roles[];	/* flags */
extern const struct enumdef model_domain_types[];
extern const struct enumdef model_journal_scopes[];

const char	*kind_name(enum kind);		/* "SendConnector" */
const char	*kind_cmdlet(enum kind);	/* "Get-SendConnector" */
const char	*side_name(enum side);		/* "on-premises" */

/*
 * The first sign in a document that ConvertTo-Json cut it at its depth
 * limit: a CLR type name or a PowerShell rendering of an object in place
 * of a value, or a property that is always multi-valued (ObjectClass)
 * given as one space-joined string.  Every list-typed property of the
 * objects of such a file is then unknown, whatever it seems to hold.
 * NULL: none.
 */
const struct node *model_doc_truncation(const struct doc *, unsigned *depth);
/* Record a file cut at the depth limit (once per file). */
void		 model_add_cut(struct model *, const struct doc *,
		    const char *cmdlet);

/* Decide the kind of a node: 0 and *kind, or -1 when not an object we model. */
int		 recognize(const struct node *, enum kind *);

/*
 * Map a recognised node into a new record of 'm' for 'org' on 'side'
 * (SIDE_UNKNOWN: inferred, with the reason recorded).  Problems with
 * values are diagnostics of 'diags'.  Returns the record.
 */
struct obj	*model_add(struct model *, const struct doc *,
		    const struct node *, unsigned depth, enum kind,
		    struct org *, enum side, const char *server_hint,
		    struct diags *);

/* A certificate from a PEM/DER file (gateways, manifest certificate files). */
struct certificate *model_add_certfile(struct model *, struct org *,
		    const char *display, const unsigned char *, size_t,
		    struct diags *);

struct org	*model_org(struct model *, const char *id, const char *name);
/* The organization with this id, or NULL. */
struct org	*model_org_find(const struct model *, const char *id);
/* Record a file the run reads (st from stat), and a folder it reads. */
void		 model_add_input(struct model *, const char *path,
		    dev_t, ino_t);
void		 model_add_input_folder(struct model *, const char *real);
/* Record a file that was read (its bytes' size and SHA-256 hex). */
void		 model_add_file(struct model *, const char *path, size_t size,
		    const char *sha256, const struct org *, const char *role);
/* Add a record made elsewhere (gateway certificates) to the model. */
void		 model_push(struct model *, struct obj *);

/*
 * A copy of a model whose records can be edited (whatif): every record,
 * organization and list of records is copied, strings and arrays are
 * shared with 'base', which must outlive the copy and stay unchanged.
 */
struct model	*model_fork(const struct model *base);
/* A new, empty record of kind k (New-), at 'loc' (copied), in the model. */
struct obj	*model_new_record(struct model *, enum kind, struct org *,
		    enum side, const struct loc *);
/* Take a record out of the model and its organization (Remove-). */
void		 model_remove(struct model *, struct obj *);
/* Record an edit (loc and cmd copied); the record points at its first. */
struct edit	*model_add_edit(struct model *, struct obj *, enum edit_op,
		    const char *prop, const struct loc *, const char *cmd);
/* The edit of a record's property, else its first edit, else NULL. */
const struct edit *model_edit_of(const struct model *, const struct obj *,
		    const char *prop);

/* Was the property in the export (even as null)?  -1: never read. */
int		 obj_has_prop(const struct obj *, const char *prop);
/* The model's one copy of a string many records share (a file path). */
const char	*model_string(struct model *, const char *);
/* The model's one copy of n bytes many records share (a property table). */
const void	*model_block(struct model *, const void *, size_t n);
/* Is this the object's DistinguishedName (case-insensitively)? */
int		 obj_dn_is(const struct obj *, const char *dn);
/* Is this the object's Guid (with or without braces, any case)? */
int		 obj_guid_is(const struct obj *, const char *text);
/* Did the export carry the property whole (present, not truncated)? */
int		 obj_exported(const struct obj *, const char *prop);
/* The location of a property: its line, and for JSON its pointer. */
struct loc	 obj_prop_loc(struct arena *, const struct obj *,
		    const char *prop);
void		 model_free(struct model *);

/*
 * Questions about records (predicate.c), answered from the records of one
 * organization, never from the graph.
 */

/* Its first address space below .mail.onmicrosoft.com, or NULL. */
const char	*sc_coexistence_space(const struct send_connector *);
/* ... and whether it has one (a connector to the coexistence domain). */
int		 sc_to_coexistence(const struct send_connector *);
/* Does a send connector carry mail to Exchange Online? */
int		 sc_to_exo(const struct send_connector *);
/* ... and is it the hybrid path (the wizard's connector, or like it)? */
int		 sc_is_hybrid(const struct send_connector *);
/*
 * Does an inbound connector carry live mail: not disabled, and not in
 * test mode (EFTestMode $true)?  Unknown counts as live.
 */
int		 ic_live(const struct inbound_connector *);
/* Is an inbound connector a live OnPremises one? */
int		 ic_onprem(const struct inbound_connector *);
/*
 * Did the Hybrid Configuration Wizard create it: ConnectorSource
 * HybridWizard, its name "Inbound from <GUID>", or the organization's
 * Get-OnPremisesOrganization names it?
 */
int		 ic_hcw(const struct inbound_connector *);
/*
 * Does it identify its senders by IP address only (SenderIPAddresses and
 * certainly no TlsSenderCertificateName), without being the wizard's
 * hybrid connector: devices and applications that relay through Exchange
 * Online, whose own certificate names no export gives?
 */
int		 ic_serves_devices(const struct inbound_connector *);
/* Is an outbound connector in test mode (TestMode $true)? */
int		 oc_test_mode(const struct outbound_connector *);
/* Does it carry live mail: not disabled, not in test mode? */
int		 oc_live(const struct outbound_connector *);
/*
 * ... and for the recipients its RecipientDomains name?  A connector
 * with IsTransportRuleScoped $true only gets the messages a mail flow
 * rule redirects to it: it is no route of its own.
 */
int		 oc_route(const struct outbound_connector *);
/* Is an outbound connector one the wizard created ("Outbound to <GUID>")? */
int		 oc_hcw(const struct outbound_connector *);
/* Does 'name' start with 'prefix' followed by a GUID (the wizard's names)? */
int		 name_is_hcw(const char *name, const char *prefix);
/* Does the organization's Get-OnPremisesOrganization name this connector? */
int		 op_names(const struct obj *connector);
/* HybridConfiguration's receiving servers, Edge first (NULL: none). */
const struct strlist *hc_receiving(const struct hybrid_config *, int *edge);
/* An organization's first record of a kind, or NULL. */
const struct obj *org_first(const struct org *, enum kind);
/* CertificateStatus as Get-ExchangeCertificate prints it ("not Valid"). */
const char	*cert_status_name(int64_t);
/* CertificateRootCAType as it prints it, or NULL when out of range. */
const char	*rootca_type_name(int64_t);

/* What a receive connector's TlsDomainCapabilities grants Exchange Online. */
enum exo_cap {
	EXO_CAP_UNKNOWN,	/* TlsDomainCapabilities not in the export */
	EXO_CAP_NONE,		/* no entry for Exchange Online */
	EXO_CAP_OTHER,		/* an entry, without an accepting capability */
	EXO_CAP_LEGACY,		/* the legacy "<I>...<S>CN=mail.protection..." */
	EXO_CAP_ACCEPT		/* AcceptCloudServicesMail or AcceptOorgProtocol */
};
/*
 * Parsed the way Exchange reads it (case-insensitive): entries
 * "domain:Cap1,Cap2".  *entry (may be NULL) is the entry that decided.
 */
enum exo_cap	 rc_exo_capability(const struct receive_connector *,
		    const char **entry);

/* Every record of kind k of one organization. */
#define ORG_FOREACH(org, k, type, var, i)				\
	for ((i) = 0; (i) < (org)->nobjs[k] &&				\
	    ((var) = (type *)(org)->objs[k][i], 1); (i)++)

#define MODEL_FOREACH(m, k, type, var, i)				\
	for ((i) = 0; (i) < (m)->nobjs[k] &&				\
	    ((var) = (type *)(m)->objs[k][i], 1); (i)++)

#endif
