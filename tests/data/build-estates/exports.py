"""
exports.py: export files as Exchange's shells write them, for the
fixtures that build.py makes.

  - Export-Clixml from Windows PowerShell 5.1 (the Exchange Management
    Shell): UTF-16LE with a BOM by default, UTF-8 with a BOM with
    -Encoding utf8; CRLF, no newline after </Objs>; type name lists
    written once and referred to by <TNRef>; enums as <Obj> with
    <ToString> and <I32>; multi-valued properties as <LST>; certificates
    from remote PowerShell carrying only RawData, as Health Checker's
    fixtures show.
  - ConvertTo-Json from Windows PowerShell 5.1 (Out-File -Encoding utf8:
    UTF-8 with a BOM, CRLF): two spaces after the colon, nested values
    indented from the column they start at, <>'& as \\u escapes, dates as
    "\\/Date(ms)\\/", enums as numbers.
  - ConvertTo-Json from PowerShell 7 (the ExchangeOnlineManagement
    module): two-space indentation, enums as strings, UTF-8 without BOM.

Certificates are read from PEM files with the openssl command line.
"""
import base64
import datetime
import hashlib
import json
import re
import subprocess

CLIXML_NS = "http://schemas.microsoft.com/powershell/2004/04"


# Certificates.

def _openssl(*args, data=None):
    return subprocess.run(["openssl"] + list(args), input=data,
                          capture_output=True, check=True).stdout


def windows_dn(rfc2253):
    """RFC 2253 text (most specific first) as Windows prints it."""
    parts = re.split(r'(?<!\\),', rfc2253)
    out = []
    for p in parts:
        k, _, v = p.partition('=')
        out.append(("S" if k == "ST" else k) + "=" + v.replace('\\,', ','))
    return ", ".join(out)


def _epoch(text):
    return int(datetime.datetime.strptime(
        text.strip(), "%b %d %H:%M:%S %Y GMT").replace(
        tzinfo=datetime.timezone.utc).timestamp())


class Cert:
    def __init__(self, path):
        self.path = path
        self.der = _openssl("x509", "-in", path, "-outform", "DER")
        self.pem = open(path, "rb").read()
        self.thumbprint = hashlib.sha1(self.der).hexdigest().upper()
        info = _openssl("x509", "-in", path, "-noout", "-subject", "-issuer",
                        "-startdate", "-enddate", "-serial", "-nameopt",
                        "RFC2253,utf8").decode()
        f = dict(l.split("=", 1) for l in info.strip().splitlines())
        self.subject = windows_dn(f["subject"])
        self.issuer = windows_dn(f["issuer"])
        self.not_before = _epoch(f["notBefore"])
        self.not_after = _epoch(f["notAfter"])
        self.serial = f["serial"].upper()
        self.self_signed = self.subject == self.issuer
        self.cn = self.subject.split(", ")[0].partition("=")[2]
        san = _openssl("x509", "-in", path, "-noout", "-ext",
                       "subjectAltName").decode()
        self.names = re.findall(r"DNS:([^,\s]+)", san)

    def raw(self):
        return base64.b64encode(self.der).decode()


# CLIXML.

class Enum:
    def __init__(self, types, text, number):
        self.types, self.text, self.number = types, text, number


class Complex:
    def __init__(self, types, text, props=(), ms=()):
        self.types, self.text, self.props, self.ms = types, text, props, ms


class List:
    def __init__(self, types, items):
        self.types, self.items = types, items


class Bytes:
    def __init__(self, b64):
        self.b64 = b64


class Guid:
    def __init__(self, g):
        self.g = g


def _esc(s):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace("\r", "_x000D_").replace("\n", "_x000A_")
    return s


class Clixml:
    def __init__(self):
        self.lines = []
        self.refid = 0
        self.tns = {}

    def _tn(self, types, ind):
        key = tuple(types)
        if key in self.tns:
            self.lines.append(ind + '<TNRef RefId="%d" />' % self.tns[key])
            return
        self.tns[key] = len(self.tns)
        self.lines.append(ind + '<TN RefId="%d">' % self.tns[key])
        for t in types:
            self.lines.append(ind + "  <T>%s</T>" % _esc(t))
        self.lines.append(ind + "</TN>")

    def _name(self, n):
        return ' N="%s"' % n if n is not None else ""

    def value(self, v, ind, n=None):
        a = self._name(n)
        if v is None:
            self.lines.append(ind + "<Nil%s />" % a)
        elif isinstance(v, bool):
            self.lines.append(ind + "<B%s>%s</B>" % (a, str(v).lower()))
        elif isinstance(v, int):
            self.lines.append(ind + "<I32%s>%d</I32>" % (a, v))
        elif isinstance(v, str):
            self.lines.append(ind + "<S%s>%s</S>" % (a, _esc(v)))
        elif isinstance(v, Bytes):
            self.lines.append(ind + "<BA%s>%s</BA>" % (a, v.b64))
        elif isinstance(v, Guid):
            self.lines.append(ind + "<G%s>%s</G>" % (a, v.g))
        elif isinstance(v, Enum):
            self._open(ind, a)
            self._tn(v.types, ind + "  ")
            self.lines.append(ind + "  <ToString>%s</ToString>" % _esc(v.text))
            self.lines.append(ind + "  <I32>%d</I32>" % v.number)
            self.lines.append(ind + "</Obj>")
        elif isinstance(v, List):
            self._open(ind, a)
            self._tn(v.types, ind + "  ")
            if not v.items:
                self.lines.append(ind + "  <LST />")
            else:
                self.lines.append(ind + "  <LST>")
                for it in v.items:
                    self.value(it, ind + "    ")
                self.lines.append(ind + "  </LST>")
            self.lines.append(ind + "</Obj>")
        elif isinstance(v, Complex):
            self.obj(v.types, v.text, v.props, v.ms, ind, a)
        else:
            raise TypeError(v)

    def _open(self, ind, a):
        self.lines.append(ind + '<Obj%s RefId="%d">' % (a, self.refid))
        self.refid += 1

    def obj(self, types, text, props, ms=(), ind="  ", a=""):
        self._open(ind, a)
        self._tn(types, ind + "  ")
        if text is not None:
            self.lines.append(ind + "  <ToString>%s</ToString>" % _esc(text))
        if props:
            self.lines.append(ind + "  <Props>")
            for k, v in props:
                self.value(v, ind + "    ", k)
            self.lines.append(ind + "  </Props>")
        if ms:
            self.lines.append(ind + "  <MS>")
            for k, v in ms:
                self.value(v, ind + "    ", k)
            self.lines.append(ind + "  </MS>")
        self.lines.append(ind + "</Obj>")

    def text(self):
        return "\r\n".join(['<Objs Version="1.1.0.1" xmlns="%s">' % CLIXML_NS]
                           + self.lines + ["</Objs>"])


def write_clixml(path, doc, utf16=True):
    """Export-Clixml: UTF-16LE with BOM (5.1's default) or -Encoding utf8."""
    t = doc.text()
    data = ("\ufeff" + t).encode("utf-16-le") if utf16 else \
        ("\ufeff" + t).encode("utf-8")
    open(path, "wb").write(data)


# JSON.

def date51(epoch):
    return "/Date(%d)/" % (epoch * 1000)


def _s51(s):
    out = json.dumps(s, ensure_ascii=False)
    for c, e in (("<", "\\u003c"), (">", "\\u003e"), ("'", "\\u0027"),
                 ("&", "\\u0026"), ("/", "\\/")):
        out = out.replace(c, e)
    return out


def _ps51(v, col):
    if isinstance(v, dict):
        if not v:
            return "{\r\n\r\n" + " " * col + "}"
        lines = []
        for k, x in v.items():
            head = " " * (col + 4) + json.dumps(k) + ":  "
            lines.append(head + _ps51(x, len(head)))
        return "{\r\n" + ",\r\n".join(lines) + "\r\n" + " " * col + "}"
    if isinstance(v, list):
        if not v:
            return "[\r\n\r\n" + " " * col + "]"
        items = [" " * (col + 4) + _ps51(x, col + 4) for x in v]
        return "[\r\n" + ",\r\n".join(items) + "\r\n" + " " * col + "]"
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return _s51(v)


def write_json51(path, value):
    """ConvertTo-Json | Out-File -Encoding utf8 in Windows PowerShell 5.1."""
    open(path, "wb").write(("\ufeff" + _ps51(value, 0) + "\r\n").encode())


def write_json7(path, value):
    """ConvertTo-Json | Out-File in PowerShell 7 (UTF-8, no BOM)."""
    t = json.dumps(value, indent=2, ensure_ascii=False)
    open(path, "wb").write((t.replace("\n", "\r\n") + "\r\n").encode())


# Exchange objects, on premises (Exchange Management Shell).

NS_SC = "Microsoft.Exchange.Data.Directory.SystemConfiguration."
AD_BASE = [NS_SC + "ADConfigurationObject",
           "Microsoft.Exchange.Data.Directory.ADObject",
           "Microsoft.Exchange.Data.Directory.ADRawEntry",
           "Microsoft.Exchange.Data.ConfigurableObject", "System.Object"]
T_ENUM = ["System.Enum", "System.ValueType", "System.Object"]


def mvp(of, items):
    return List(["Microsoft.Exchange.Data.MultiValuedProperty`1[[%s, "
                 "Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, "
                 "PublicKeyToken=31bf3856ad364e35]]" % of,
                 "Microsoft.Exchange.Data.MultiValuedPropertyBase",
                 "System.Object"], items)


def adid(name, dn):
    return Complex(["Microsoft.Exchange.Data.Directory.ADObjectId",
                    "System.Object"], name, [
        ("Rdn", "CN=" + name), ("DistinguishedName", dn), ("Name", name)])


def fqdn(name):
    if name is None:
        return None
    return Complex(["Microsoft.Exchange.Data.Fqdn",
                    "Microsoft.Exchange.Data.SmtpDomain", "System.Object"],
                   name, [("Domain", name)])


def x509id(issuer, subject):
    if subject is None:
        return None
    return Complex(["Microsoft.Exchange.Data.SmtpX509Identifier",
                    "System.Object"], "<I>%s<S>%s" % (issuer, subject), [
        ("CertificateSubject", subject), ("CertificateIssuer", issuer),
        ("SubjectCommonName", subject.split(", ")[0].partition("=")[2])])


def server_dn(org, name):
    return ("CN=%s,CN=Servers,CN=Exchange Administrative Group "
            "(FYDIBOHF23SPDLT),CN=Administrative Groups,CN=%s,"
            "CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=corp" %
            (name, org))


def cert_clixml(doc, cert, computer):
    """One certificate as remote PowerShell serializes it: RawData only."""
    dt = lambda e: datetime.datetime.fromtimestamp(
        e, datetime.timezone.utc).strftime("%m/%d/%Y %H:%M:%S")
    text = ("[Subject]\r\n  %s\r\n\r\n[Issuer]\r\n  %s\r\n\r\n"
            "[Serial Number]\r\n  %s\r\n\r\n[Not Before]\r\n  %s\r\n\r\n"
            "[Not After]\r\n  %s\r\n\r\n[Thumbprint]\r\n  %s\r\n" % (
                cert.subject, cert.issuer, cert.serial, dt(cert.not_before),
                dt(cert.not_after), cert.thumbprint))
    doc.obj(["Microsoft.Exchange.Management.SystemConfigurationTasks."
             "ExchangeCertificate",
             "System.Security.Cryptography.X509Certificates.X509Certificate2",
             "System.Security.Cryptography.X509Certificates.X509Certificate",
             "System.Object"], text, [("RawData", Bytes(cert.raw()))], [
        ("PSComputerName", computer),
        ("RunspaceId", Guid("3b1c5e0a-7d42-4f19-a0c8-5e2b9f61d4a7")),
        ("PSShowComputerName", False)])


SVC = {"None": 0, "IMAP": 1, "POP": 2, "UM": 4, "IIS": 8, "SMTP": 16}


def cert_json(cert, server_fqdn, services, status=1, root=None,
              friendly=None):
    """Get-ExchangeCertificate | Select-Object ... | ConvertTo-Json."""
    svc = 0
    for s in services:
        svc |= SVC[s]
    if root is None:
        root = 1 if cert.self_signed else 2
    return {
        "Identity": "%s\\%s" % (server_fqdn, cert.thumbprint),
        "Thumbprint": cert.thumbprint,
        "Subject": cert.subject,
        "Issuer": cert.issuer,
        "CertificateDomains": cert.names,
        "Services": svc,
        "Status": status,
        "NotBefore": date51(cert.not_before),
        "NotAfter": date51(cert.not_after),
        "RootCAType": root,
        "IsSelfSigned": cert.self_signed,
        "HasPrivateKey": True,
        "SerialNumber": cert.serial,
        "FriendlyName": friendly or (cert.cn if not cert.self_signed
                                     else "Microsoft Exchange"),
    }


def server_obj(doc, org, name, fq, edge=False):
    role = Enum(["Microsoft.Exchange.Data.Directory.SystemConfiguration."
                 "ServerRole"] + T_ENUM, "Edge" if edge else
                "Mailbox, ClientAccess", 64 if edge else 6)
    doc.obj(["Microsoft.Exchange.Data.Directory.Management.ExchangeServer",
             "Microsoft.Exchange.Data.Directory.Management."
             "ADPresentationObject"] + AD_BASE[1:], name, [
        ("Name", name),
        ("Fqdn", fq),
        ("Edition", Enum(["Microsoft.Exchange.Data.ServerEditionType"]
                         + T_ENUM, "StandardEvaluation", 4)),
        ("AdminDisplayVersion", Complex(
            ["Microsoft.Exchange.Data.ServerVersion", "System.Object"],
            "Version 15.2 (Build 1544.4)", [("Major", 15), ("Minor", 2),
                                            ("Build", 1544),
                                            ("Revision", 4)])),
        ("ServerRole", role),
        ("IsEdgeServer", edge),
        ("Site", None if edge else adid("Default-First-Site-Name",
                                       "CN=Default-First-Site-Name,CN=Sites,"
                                       "CN=Configuration,DC=corp")),
        ("Identity", adid(name, server_dn(org, name))),
    ])


def addrspace(s):
    t, _, rest = s.partition(":")
    dom, _, cost = rest.partition(";")
    return Complex(["Microsoft.Exchange.Data.AddressSpace", "System.Object"],
                   s, [("Address", dom), ("Type", t), ("Cost", int(cost)),
                       ("IncludeSubDomains", False), ("Domain", dom),
                       ("IsSmtpType", True)])


TLS_AUTH = {"EncryptionOnly": 1, "CertificateValidation": 2,
            "DomainValidation": 4}


def send_connector(doc, org, name, spaces, sources, fq=None, cert=None,
                   smarthosts=(), require_tls=True, cloud=True,
                   tls_domain="mail.protection.outlook.com",
                   auth="DomainValidation"):
    """One Get-SendConnector object; cert is (issuer, subject) or None."""
    sh = [Complex(["Microsoft.Exchange.Data.SmartHost", "System.Object"], h,
                  [("IsIPAddress", False), ("Domain", h)]) for h in smarthosts]
    doc.obj([NS_SC + "SmtpSendConnectorConfig", NS_SC + "MailGateway",
             NS_SC + "SendConnector", NS_SC + "ADLegacyVersionableObject"]
            + AD_BASE, name, [
        ("DNSRoutingEnabled", not smarthosts),
        ("TlsDomain", None if tls_domain is None else Complex(
            ["Microsoft.Exchange.Data.SmtpDomainWithSubdomains",
             "System.Object"], tls_domain, [("Address", tls_domain),
                                            ("Domain", tls_domain)])),
        ("TlsAuthLevel", None if auth is None else Enum(
            ["Microsoft.Exchange.Data.TlsAuthLevel"] + T_ENUM, auth,
            TLS_AUTH[auth])),
        ("SmartHosts", mvp("Microsoft.Exchange.Data.SmartHost", sh)),
        ("Port", 25),
        ("IgnoreSTARTTLS", False),
        ("CloudServicesMailEnabled", cloud),
        ("Fqdn", fqdn(fq)),
        ("TlsCertificateName", x509id(*cert) if cert else None),
        ("RequireTLS", require_tls),
        ("Enabled", True),
        ("DomainSecureEnabled", False),
        ("ConnectorType", Enum(["Microsoft.Exchange.Data.Directory."
                                "SystemConfiguration.TenantConnectorType"]
                               + T_ENUM, "Default", 0)),
        ("IsCoexistenceConnector", False),
        ("AddressSpaces", mvp("Microsoft.Exchange.Data.AddressSpace",
                              [addrspace(s) for s in spaces])),
        ("SourceTransportServers", mvp(
            "Microsoft.Exchange.Data.Directory.ADObjectId",
            [adid(s, server_dn(org, s)) for s in sources])),
        ("Name", name),
        ("Identity", adid(name, "CN=%s,CN=Connections,CN=Exchange Routing "
                          "Group (DWBGZMFD01QNBJR),CN=Routing Groups" % name)),
    ])


def receive_connector(doc, org, server, name, bindings, fq, cert=None,
                      capabilities=(), role="FrontendTransport",
                      ranges=("0.0.0.0-255.255.255.255",)):
    """One Get-ReceiveConnector object; cert is (issuer, subject) or None."""
    ipr = [Complex(["Microsoft.Exchange.Data.IPRange", "System.Object"], r,
                   [("Expression", r)]) for r in ranges]
    b = [Complex(["System.Net.IPEndPoint", "System.Object"], x,
                 [("Port", int(x.rsplit(":", 1)[1]))]) for x in bindings]
    caps = [Complex(["Microsoft.Exchange.Data.SmtpReceiveDomainCapabilities",
                     "System.Object"], c, [
        ("Domain", c.partition(":")[0]),
        ("Capabilities", c.partition(":")[2])]) for c in capabilities]
    doc.obj([NS_SC + "ReceiveConnector"] + AD_BASE,
            "%s\\%s" % (server, name), [
        ("AuthMechanism", Enum(["Microsoft.Exchange.Data.Directory."
                                "SystemConfiguration.AuthMechanisms"] + T_ENUM,
                               "Tls, Integrated, BasicAuth, "
                               "BasicAuthRequireTLS, ExchangeServer", 31)),
        ("Bindings", mvp("Microsoft.Exchange.Data.IPBinding", b)),
        ("Fqdn", fqdn(fq)),
        ("TlsCertificateName", x509id(*cert) if cert else None),
        ("Enabled", True),
        ("PermissionGroups", Enum(["Microsoft.Exchange.Data.Directory."
                                   "SystemConfiguration.PermissionGroups"]
                                  + T_ENUM, "AnonymousUsers, ExchangeServers, "
                                  "ExchangeLegacyServers", 13)),
        ("RemoteIPRanges", mvp("Microsoft.Exchange.Data.IPRange", ipr)),
        ("RequireTLS", False),
        ("TlsDomainCapabilities", mvp(
            "Microsoft.Exchange.Data.SmtpReceiveDomainCapabilities", caps)),
        ("Server", adid(server, server_dn(org, server))),
        ("TransportRole", Enum(["Microsoft.Exchange.Data.Directory."
                                "SystemConfiguration.ServerRole"] + T_ENUM,
                               role, 16384 if role == "FrontendTransport"
                               else 32)),
        ("DomainSecureEnabled", False),
        ("Name", name),
        ("Identity", adid("%s\\%s" % (server, name), "CN=%s,CN=SMTP Receive "
                          "Connectors,CN=Protocols,%s" % (
                              name, server_dn(org, server)))),
    ])


def accepted_domain(doc, name, default=False, dtype="Authoritative"):
    doc.obj([NS_SC + "AcceptedDomain"] + AD_BASE, name, [
        ("DomainName", Complex(["Microsoft.Exchange.Data."
                                "SmtpDomainWithSubdomains", "System.Object"],
                               name, [("Address", name), ("Domain", name)])),
        ("DomainType", Enum([NS_SC + "AcceptedDomainType"] + T_ENUM, dtype,
                            {"Authoritative": 0, "ExternalRelay": 1,
                             "InternalRelay": 2}[dtype])),
        ("Default", default),
        ("MatchSubDomains", False),
        ("Name", name),
    ])


# Exchange Online (ExchangeOnlineManagement, PowerShell 7).

def exo_accepted(name, initial=False, coexistence=False):
    return {"Name": name, "DomainName": name, "DomainType": "Authoritative",
            "Default": False, "InitialDomain": initial,
            "IsCoexistenceDomain": coexistence, "MatchSubDomains": False,
            "OutboundOnly": False}


def exo_inbound(name, ctype, cert=None, ips=(), domains=("smtp:*;1",),
                restrict_cert=False, restrict_ips=False, source="AdminUI",
                cloud=False, require_tls=True):
    return {
        "Identity": name, "Name": name, "Enabled": True,
        "ConnectorType": ctype, "ConnectorSource": source,
        "Comment": None, "SenderIPAddresses": list(ips),
        "SenderDomains": list(domains), "AssociatedAcceptedDomains": [],
        "RequireTls": require_tls,
        "RestrictDomainsToIPAddresses": restrict_ips,
        "RestrictDomainsToCertificate": restrict_cert,
        "CloudServicesMailEnabled": cloud,
        "TreatMessagesAsInternal": False,
        "TlsSenderCertificateName": cert, "EFTestMode": False,
        "ScanAndDropRecipients": [], "EFSkipLastIP": False,
        "EFSkipIPs": [], "EFSkipMailGateway": [], "EFUsers": [],
        "TrustedOrganizations": [], "IsValid": True,
    }


def exo_outbound(name, domains, smarthosts, tls_domain,
                 source="HybridWizard"):
    return {
        "Identity": name, "Name": name, "Enabled": True,
        "UseMXRecord": False, "Comment": None,
        "ConnectorType": "OnPremises", "ConnectorSource": source,
        "RecipientDomains": list(domains), "SmartHosts": list(smarthosts),
        "TlsDomain": tls_domain, "TlsSettings": "DomainValidation",
        "IsTransportRuleScoped": False, "RouteAllMessagesViaOnPremises": False,
        "CloudServicesMailEnabled": True, "AllAcceptedDomains": False,
        "SenderRewritingEnabled": False, "TestMode": False,
        "IsValid": True,
    }
