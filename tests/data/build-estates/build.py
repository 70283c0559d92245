#!/usr/bin/env python3
"""
build.py: writes the estates of the certificate verdicts (issue 13, items
1-6 and 14) into tests/data/estates/<name>/ and the rule fixtures that
lint them into tests/rules/<ID>/<case>/ (an "estate" file and an
"expect" file each), from the certificates in certs/ (make-certs.sh) and
the export formats of exports.py.

Each estate is written the way its administrators would have exported
it: on premises with the Exchange Management Shell (Export-Clixml in
UTF-16LE or UTF-8, ConvertTo-Json from Windows PowerShell 5.1, remote
certificate exports that carry only RawData), Exchange Online with the
ExchangeOnlineManagement module under PowerShell 7, gateways' certificates
as the PEM files their operators hand out.  Run it from anywhere; it
rewrites the folders it owns and nothing else.
"""
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from exports import *  # noqa: E402,F401,F403

TOP = os.path.normpath(os.path.join(HERE, "..", "..", "rules"))
ESTATES = os.path.normpath(os.path.join(HERE, "..", "estates"))
C = {n[:-4]: Cert(os.path.join(HERE, "certs", n))
     for n in sorted(os.listdir(os.path.join(HERE, "certs")))
     if n.endswith(".pem")}


def estate(name):
    """A fresh folder tests/data/estates/<name>."""
    d = os.path.join(ESTATES, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    return d


def fixture(rule, case, name, lines=None):
    """tests/rules/<rule>/<case>: the estate it lints, what it expects."""
    d = os.path.join(TOP, rule, case)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    open(os.path.join(d, "estate"), "w").write(name + "\n")
    if lines is not None:
        open(os.path.join(d, "expect"), "w").write("\n".join(lines) + "\n")


def sub(d, *p):
    x = os.path.join(d, *p)
    os.makedirs(os.path.dirname(x), exist_ok=True)
    return x


def manifest(d, orgs, gateways=(), mx=None):
    m = {"version": 1, "organizations": orgs}
    if gateways:
        m["gateways"] = list(gateways)
    if mx:
        m["dns"] = {"mx": mx}
    open(os.path.join(d, "topology.json"), "w").write(
        json.dumps(m, indent=2) + "\n")


def pem(d, name, cert):
    open(sub(d, "gateways", name), "wb").write(cert.pem)


def xid(cert):
    return (cert.issuer, cert.subject)


# Fourth Coffee: the hybrid send connector still names the certificate
# of the issuer that was replaced; the server holds only the renewal.
# TLS fails with 454 4.7.5 (NoCredentials) and the mail queues on FCEX1:
# nothing is attributed, so no attribution verdict may follow (item 1).

FC_GUID = "0b7e4d21-9a3c-4e58-b6f1-27d84c0e9a13"


def fourthcoffee(d):
    manifest(d, [{"id": "fourthcoffee", "name": "Fourth Coffee",
                  "onprem": ["onprem"], "exchange_online": ["exo"]}])
    doc = Clixml()
    server_obj(doc, "Fourth Coffee", "FCEX1", "fcex1.corp.fourthcoffee.com")
    write_clixml(sub(d, "onprem", "Get-ExchangeServer.xml"), doc)
    # Exported over remote PowerShell: Export-Clixml keeps only RawData.
    doc = Clixml()
    cert_clixml(doc, C["fc-relay-2026"], "fcex1.corp.fourthcoffee.com")
    cert_clixml(doc, C["fc-ex1"], "fcex1.corp.fourthcoffee.com")
    write_clixml(sub(d, "onprem", "Get-ExchangeCertificate-FCEX1.xml"), doc,
                 False)
    doc = Clixml()
    send_connector(doc, "Fourth Coffee", "Outbound to Office 365 - " +
                   FC_GUID, ["smtp:fourthcoffee.mail.onmicrosoft.com;1"],
                   ["FCEX1"], fq="relay.fourthcoffee.com",
                   cert=xid(C["fc-relay-2025"]))
    write_clixml(sub(d, "onprem", "Get-SendConnector.xml"), doc)
    doc = Clixml()
    accepted_domain(doc, "fourthcoffee.com", default=True)
    accepted_domain(doc, "fourthcoffee.mail.onmicrosoft.com")
    write_clixml(sub(d, "onprem", "Get-AcceptedDomain.xml"), doc, False)
    write_json7(sub(d, "exo", "Get-AcceptedDomain.json"), [
        exo_accepted("fourthcoffee.com"),
        exo_accepted("fourthcoffee.onmicrosoft.com", initial=True),
        exo_accepted("fourthcoffee.mail.onmicrosoft.com", coexistence=True)])
    write_json7(sub(d, "exo", "Get-InboundConnector.json"), [
        exo_inbound("Inbound from " + FC_GUID, "OnPremises",
                    cert="relay.fourthcoffee.com", source="HybridWizard",
                    cloud=True)])


# Northwind Traders: the hybrid send connector on the Edge announces an
# Fqdn no certificate there carries.  Which certificate the Edge presents
# then is not documented; the modelled fallback is its self-signed
# default certificate, which Exchange Online refuses.  The tenant's
# wildcard also accepts the shared gateway that relays Tailspin Toys'
# mail (item 2).

NW_GUID = "5d19c7a0-3e84-4b2f-9a61-c07e2d8b4f35"


def northwind(d, fq="mail.northwindtraders.com", status=1):
    manifest(d, [
        {"id": "northwind", "name": "Northwind Traders",
         "onprem": ["northwind/onprem"], "exchange_online": ["northwind/exo"]},
        {"id": "tailspin", "name": "Tailspin Toys", "onprem": ["tailspin"]}],
        gateways=[{"id": "nwmx", "name": "mx.northwindtraders.com",
                   "addresses": ["203.0.113.25"],
                   "certificate": "gateways/mx.northwindtraders.com.pem",
                   "operated_by": "northwind"}])
    pem(d, "mx.northwindtraders.com.pem", C["nw-mx"])
    doc = Clixml()
    server_obj(doc, "Northwind Traders", "NWEX1",
               "nwex1.northwind.local")
    server_obj(doc, "Northwind Traders", "NWEDGE1",
               "nwedge1.northwindtraders.com", edge=True)
    write_clixml(sub(d, "northwind", "onprem", "Get-ExchangeServer.xml"),
                 doc)
    write_json51(sub(d, "northwind", "onprem",
                     "Get-ExchangeCertificate-NWEDGE1.json"), [
        cert_json(C["nw-smtp"], "NWEDGE1.northwindtraders.com", ["SMTP"],
                  status=status),
        cert_json(C["nw-edge1"], "NWEDGE1.northwindtraders.com",
                  ["IMAP", "POP", "SMTP"])])
    doc = Clixml()
    send_connector(doc, "Northwind Traders", "Outbound to Office 365 - " +
                   NW_GUID, ["smtp:northwindtraders.mail.onmicrosoft.com;1"],
                   ["NWEDGE1"], fq=fq)
    write_clixml(sub(d, "northwind", "onprem", "Get-SendConnector.xml"), doc)
    doc = Clixml()
    accepted_domain(doc, "northwindtraders.com", default=True)
    write_clixml(sub(d, "northwind", "onprem", "Get-AcceptedDomain.xml"),
                 doc, False)
    write_json7(sub(d, "northwind", "exo", "Get-AcceptedDomain.json"), [
        exo_accepted("northwindtraders.com"),
        exo_accepted("northwindtraders.onmicrosoft.com", initial=True),
        exo_accepted("northwindtraders.mail.onmicrosoft.com",
                     coexistence=True)])
    write_json7(sub(d, "northwind", "exo", "Get-InboundConnector.json"), [
        exo_inbound("Inbound from " + NW_GUID, "OnPremises",
                    cert="*.northwindtraders.com", source="HybridWizard",
                    cloud=True)])
    doc = Clixml()
    server_obj(doc, "Tailspin Toys", "TSEX1", "tsex1.tailspintoys.local")
    write_clixml(sub(d, "tailspin", "Get-ExchangeServer.xml"), doc, False)
    doc = Clixml()
    send_connector(doc, "Tailspin Toys", "Internet", ["SMTP:*;1"], ["TSEX1"],
                   smarthosts=["mx.northwindtraders.com"], require_tls=False,
                   cloud=False, tls_domain=None, auth=None)
    write_clixml(sub(d, "tailspin", "Get-SendConnector.xml"), doc)
    doc = Clixml()
    accepted_domain(doc, "tailspintoys.com", default=True)
    write_clixml(sub(d, "tailspin", "Get-AcceptedDomain.xml"), doc, False)


# Adatum: the hybrid send connector is replicated by EdgeSync to two
# Edge servers whose hybrid certificates come from different issuers
# (item 3).  'named' is the issuer TlsCertificateName names (None: no
# TlsCertificateName); edge1/edge2 the hybrid certificates they hold.

AD_GUID = "9e2a6b13-71c4-4d08-8f5e-3a0c94d17b62"


def adatum(d, named, edge1, edge2):
    manifest(d, [{"id": "adatum", "name": "Adatum",
                  "onprem": ["onprem"], "exchange_online": ["exo"]}])
    doc = Clixml()
    server_obj(doc, "Adatum", "ADEX1", "adex1.corp.adatum.com")
    server_obj(doc, "Adatum", "ADEDGE1", "adedge1.adatum.com", edge=True)
    server_obj(doc, "Adatum", "ADEDGE2", "adedge2.adatum.com", edge=True)
    write_clixml(sub(d, "onprem", "Get-ExchangeServer.xml"), doc)
    for n, h in (("1", edge1), ("2", edge2)):
        write_json51(sub(d, "onprem", "Get-ExchangeCertificate-ADEDGE%s.json"
                         % n), [
            cert_json(C[h], "ADEDGE%s.adatum.com" % n, ["SMTP"]),
            cert_json(C["ad-edge" + n], "ADEDGE%s.adatum.com" % n,
                      ["IMAP", "POP", "SMTP"])])
    doc = Clixml()
    send_connector(doc, "Adatum", "Outbound to Office 365 - " + AD_GUID,
                   ["smtp:adatum.mail.onmicrosoft.com;1"],
                   ["ADEDGE1", "ADEDGE2"], fq="hybrid.adatum.com",
                   cert=named)
    write_clixml(sub(d, "onprem", "Get-SendConnector.xml"), doc)
    doc = Clixml()
    accepted_domain(doc, "adatum.com", default=True)
    write_clixml(sub(d, "onprem", "Get-AcceptedDomain.xml"), doc, False)
    write_json7(sub(d, "exo", "Get-AcceptedDomain.json"), [
        exo_accepted("adatum.com"),
        exo_accepted("adatum.onmicrosoft.com", initial=True),
        exo_accepted("adatum.mail.onmicrosoft.com", coexistence=True)])
    write_json7(sub(d, "exo", "Get-InboundConnector.json"), [
        exo_inbound("Inbound from " + AD_GUID, "OnPremises",
                    cert="hybrid.adatum.com", source="HybridWizard",
                    cloud=True)])


def stale_issuer(cert, ca):
    """(issuer, subject) of 'cert' as issued by another CA."""
    return (C[ca].subject, cert.subject)


# Wingtip Toys: the receive side.  After a renewal by a new issuing CA the
# receive connector Exchange Online delivers to still names the old
# issuer (KB 2989382); 'via' says how the hybrid path uses it (item 4).
# A relay server holds a certificate no connector names (item 5).

WT_GUID = "c4f08d3e-2b71-4a96-8e15-d7a3b60f2c98"


def wingtip(d, via="capabilities", stale=True, relay=False):
    manifest(d, [{"id": "wingtip", "name": "Wingtip Toys",
                  "onprem": ["onprem"], "exchange_online": ["exo"]}])
    doc = Clixml()
    server_obj(doc, "Wingtip Toys", "WTEX1", "wtex1.wingtiptoys.com")
    if relay:
        server_obj(doc, "Wingtip Toys", "WTRELAY1",
                   "wtrelay1.wingtiptoys.local")
    write_clixml(sub(d, "onprem", "Get-ExchangeServer.xml"), doc)
    write_json51(sub(d, "onprem", "Get-ExchangeCertificate-WTEX1.json"), [
        cert_json(C["wt-mail-2026"], "WTEX1.wingtiptoys.com",
                  ["IIS", "SMTP"]),
        cert_json(C["wt-ex1"], "WTEX1.wingtiptoys.com",
                  ["IMAP", "POP", "IIS", "SMTP"])])
    if relay:
        write_json51(sub(d, "onprem",
                         "Get-ExchangeCertificate-WTRELAY1.json"), [
            cert_json(C["wt-relay-2025"], "WTRELAY1.wingtiptoys.local",
                      ["SMTP"])])
    mail = C["wt-mail-2026"]
    named = stale_issuer(mail, "int2025") if stale else xid(mail)
    doc = Clixml()
    receive_connector(doc, "Wingtip Toys", "WTEX1", "Default Frontend WTEX1",
                      ["[::]:25", "0.0.0.0:25"], "mail.wingtiptoys.com",
                      cert=named, capabilities=[
                          "mail.protection.outlook.com:AcceptCloudServicesMail"]
                      if via == "capabilities" else [])
    receive_connector(doc, "Wingtip Toys", "WTEX1", "Client Frontend WTEX1",
                      ["[::]:587", "0.0.0.0:587"], "mail.wingtiptoys.com",
                      cert=stale_issuer(mail, "int2025"))
    write_clixml(sub(d, "onprem", "Get-ReceiveConnector.xml"), doc, False)
    doc = Clixml()
    send_connector(doc, "Wingtip Toys", "Outbound to Office 365 - " +
                   WT_GUID, ["smtp:wingtiptoys.mail.onmicrosoft.com;1"],
                   ["WTEX1"], fq="mail.wingtiptoys.com", cert=xid(mail))
    write_clixml(sub(d, "onprem", "Get-SendConnector.xml"), doc)
    doc = Clixml()
    accepted_domain(doc, "wingtiptoys.com", default=True)
    accepted_domain(doc, "wingtiptoys.mail.onmicrosoft.com")
    write_clixml(sub(d, "onprem", "Get-AcceptedDomain.xml"), doc, False)
    write_json7(sub(d, "exo", "Get-AcceptedDomain.json"), [
        exo_accepted("wingtiptoys.com"),
        exo_accepted("wingtiptoys.onmicrosoft.com", initial=True),
        exo_accepted("wingtiptoys.mail.onmicrosoft.com", coexistence=True)])
    write_json7(sub(d, "exo", "Get-InboundConnector.json"), [
        exo_inbound("Inbound from " + WT_GUID, "OnPremises",
                    cert="mail.wingtiptoys.com", source="HybridWizard",
                    cloud=True)])
    write_json7(sub(d, "exo", "Get-OutboundConnector.json"), [
        exo_outbound("Outbound to " + WT_GUID, ["wingtiptoys.com"],
                     ["wtex1.wingtiptoys.com"],
                     "mail.wingtiptoys.com")])


# Gateways in front of Exchange Online that no organization of the inputs
# sends through (item 6): Lamna Healthcare's MX is Litware's filter, and
# its Partner connector accepts only the filter's certificate, which
# expired a year before the fixtures' date; Trey Research's connectors
# name a relay whose certificate is self-signed.

def gateways(d, trusted=False):
    gws = [{"id": "litware", "name": "mx.filter.litware.net",
            "addresses": ["198.51.100.40"],
            "certificate": "gateways/mx.filter.litware.net.pem"},
           {"id": "proseware", "name": "relay.proseware.com",
            "addresses": ["198.51.100.77"],
            "certificate": "gateways/relay.proseware.com.pem"}]
    manifest(d, [{"id": "lamna", "name": "Lamna Healthcare",
                  "exchange_online": ["lamna"]},
                 {"id": "trey", "name": "Trey Research",
                  "exchange_online": ["trey"]}], gateways=gws,
             mx={"lamnahealthcare.com": ["mx.filter.litware.net"]})
    pem(d, "mx.filter.litware.net.pem", C["lw-filter"])
    pem(d, "relay.proseware.com.pem", C["pw-relay-ca"] if trusted else
        C["pw-relay"])
    write_json7(sub(d, "lamna", "Get-AcceptedDomain.json"), [
        exo_accepted("lamnahealthcare.com"),
        exo_accepted("lamnahealthcare.onmicrosoft.com", initial=True)])
    write_json7(sub(d, "lamna", "Get-InboundConnector.json"), [
        exo_inbound("From Litware filter", "Partner",
                    cert="mx.filter.litware.net", restrict_cert=True)])
    write_json7(sub(d, "trey", "Get-AcceptedDomain.json"), [
        exo_accepted("treyresearch.net"),
        exo_accepted("treyresearch.onmicrosoft.com", initial=True)])
    write_json7(sub(d, "trey", "Get-InboundConnector.json"), [
        exo_inbound("Proseware relay", "OnPremises",
                    cert="relay.proseware.com"),
        exo_inbound("Proseware partner", "Partner",
                    cert="relay.proseware.com", restrict_cert=True)])


def main():
    fourthcoffee(estate("fourthcoffee-renewal"))
    fixture("HYB037", "silent-tls-fails", "fourthcoffee-renewal")
    fixture("HYB007", "silent-tls-fails", "fourthcoffee-renewal")
    fixture("HYB031", "fire-renewal-queues", "fourthcoffee-renewal", [
        "# The renewal by a new issuing CA: TLS fails, the mail queues.",
        "error|send connector 'Outbound to Office 365 - %s' names "
        "TlsCertificateName <I>%s<S>%s, but source server "
        "fcex1.corp.fourthcoffee.com holds no certificate" % (
            FC_GUID, C["int2025"].subject, C["fc-relay-2025"].subject),
        "error|so mail over the connector queues on "
        "fcex1.corp.fourthcoffee.com"])

    northwind(estate("northwind-fallback"))
    fixture("HYB035", "silent-fallback", "northwind-fallback")
    fixture("HYB030", "fire-fallback-inferred", "northwind-fallback", [
        "# The fallback is undocumented: worded as an inference.",
        "error|send connector 'Outbound to Office 365 - %s' announces Fqdn "
        "mail.northwindtraders.com, but no valid SMTP certificate on "
        "nwedge1.northwindtraders.com carries that name; which certificate "
        "nwedge1.northwindtraders.com presents then is not documented: "
        "presumably CN=NWEDGE1 (self-signed) [inference], which Exchange "
        "Online refuses" % NW_GUID])
    fixture("HYB001", "fire-edge-fallback", "northwind-fallback", [
        "# The gateway relays Tailspin Toys' mail under the wildcard; the",
        "# Edge's self-signed fallback is refused, so no fix comment may",
        "# say that the wildcard accepts it.",
        "error|OnPremises inbound connector 'Inbound from %s' (tenant "
        "northwindtraders.onmicrosoft.com) accepts certificate "
        "'*.northwindtraders.com', which matches mx.northwindtraders.com"
        % NW_GUID,
        "not|CN=NWEDGE1",
        "not|only the current name accepts"])
    # The connector's Fqdn is the hybrid certificate's name, but the
    # certificate's Status is Invalid (its chain is broken): the Edge
    # cannot use it.  HYB033's fault, not the Fqdn's (HYB030).
    northwind(estate("northwind-fqdn-invalid"),
              fq="smtp.northwindtraders.com", status=5)
    fixture("HYB033", "fire-fqdn-invalid", "northwind-fqdn-invalid", [
        "# The certificate the connector's Fqdn selects is not Valid.",
        "error|certificate %s (%s) on nwedge1.northwindtraders.com has "
        "Status Invalid; send connector 'Outbound to Office 365 - %s' "
        "selects it by its Fqdn smtp.northwindtraders.com" % (
            C["nw-smtp"].subject, C["nw-smtp"].thumbprint, NW_GUID)])
    fixture("HYB030", "silent-fqdn-cert-invalid", "northwind-fqdn-invalid")

    ad25, ad26 = C["ad-hybrid-2025"], C["ad-hybrid-2026"]
    adatum(estate("adatum-edges-differ"), xid(ad25), "ad-hybrid-2025",
           "ad-hybrid-2026")
    fixture("HYB036", "fire-named-issuer", "adatum-edges-differ", [
        "# TlsCertificateName names the 2025 issuer; ADEDGE2 holds only the",
        "# 2026 one.  The fix is the certificate on ADEDGE2, never a",
        "# TlsCertificateName only one Edge holds.",
        "error|the Edge servers of adatum present different certificates "
        "for hybrid send connector 'Outbound to Office 365 - %s'" % AD_GUID,
        "error|adedge2.adatum.com holds %s issued by %s" % (
            ad26.subject, ad26.issuer),
        "not|-TlsCertificateName '<I>"])
    fixture("HYB031", "silent-other-edge-holds", "adatum-edges-differ")
    adatum(estate("adatum-edges-renewed"), xid(ad25), "ad-hybrid-2026",
           "ad-hybrid-2026")
    fixture("HYB031", "fire-common-renewal", "adatum-edges-renewed", [
        "# No Edge holds the named issuer; both hold the renewal, so naming",
        "# it is valid for every source server.",
        "error|source server adedge1.adatum.com holds no certificate",
        "error|source server adedge2.adatum.com holds no certificate",
        "fix|-TlsCertificateName '<I>%s<S>%s'" % (ad26.issuer,
                                                   ad26.subject)])
    adatum(estate("adatum-edges-stale"), stale_issuer(ad25, "root"),
           "ad-hybrid-2025", "ad-hybrid-2026")
    fixture("HYB031", "fire-no-common-renewal", "adatum-edges-stale", [
        "# No Edge holds the named issuer, and the Edges hold renewals from",
        "# different issuers: no TlsCertificateName is valid for both.",
        "error|source server adedge1.adatum.com holds no certificate",
        "error|source server adedge2.adatum.com holds no certificate",
        "not|-TlsCertificateName '<I>"])
    adatum(estate("adatum-edges-same"), xid(ad26), "ad-hybrid-2026",
           "ad-hybrid-2026")
    fixture("HYB036", "silent-same-issuer", "adatum-edges-same")

    mail = C["wt-mail-2026"]
    wingtip(estate("wingtip-receive-stale"))
    fixture("HYB038", "fire", "wingtip-receive-stale", [
        "# The hybrid receive connector names the issuer replaced at the",
        "# last renewal (KB 2989382).",
        "error|receive connector 'WTEX1\\Default Frontend WTEX1' on "
        "wtex1.wingtiptoys.com names TlsCertificateName <I>%s<S>%s, but "
        "wtex1.wingtiptoys.com holds no certificate with that issuer and "
        "subject" % (C["int2025"].subject, mail.subject),
        "fix|Set-ReceiveConnector -Identity 'WTEX1\\Default Frontend WTEX1' "
        "-TlsCertificateName '<I>%s<S>%s'" % (mail.issuer, mail.subject),
        "# The client submission connector names the same stale issuer,",
        "# but Exchange Online does not deliver to it.",
        "not|Client Frontend"])
    wingtip(estate("wingtip-receive-smarthost"), via="smarthost")
    fixture("HYB038", "fire-smarthost", "wingtip-receive-smarthost", [
        "# No TlsDomainCapabilities: the connector is Exchange Online's",
        "# smart-host endpoint (its OnPremises outbound connector).",
        "error|receive connector 'WTEX1\\Default Frontend WTEX1' on "
        "wtex1.wingtiptoys.com names TlsCertificateName"])
    wingtip(estate("wingtip-receive-current"), stale=False)
    fixture("HYB038", "silent", "wingtip-receive-current")
    wingtip(estate("wingtip-relay-unused"), stale=False, relay=True)
    fixture("HYB033", "fire-unused", "wingtip-relay-unused", [
        "# Nothing depends on the relay certificate: a note, not an error.",
        "note|certificate %s (%s) on wtrelay1.wingtiptoys.local expires on "
        "2026-12-05, in 7 days; no connector, hybrid configuration or flow "
        "depends on it" % (C["wt-relay-2025"].subject,
                           C["wt-relay-2025"].thumbprint)])

    gateways(estate("gateways-in-front"))
    fixture("HYB033", "fire-gateway", "gateways-in-front", [
        "# A gateway no organization of the inputs sends through, behind",
        "# a certificate-restricted Partner connector and the MX.",
        "error|certificate %s (%s) on mx.filter.litware.net expired on "
        "2025-11-01; mx.filter.litware.net presents it to Exchange Online: "
        "Partner inbound connector 'From Litware filter' of tenant "
        "lamnahealthcare.onmicrosoft.com accepts it" % (
            C["lw-filter"].subject, C["lw-filter"].thumbprint)])
    fixture("HYB035", "fire-gateway", "gateways-in-front", [
        "# Connectors name a relay whose certificate is self-signed.",
        "error|relay.proseware.com presents %s (%s) to Exchange Online, and "
        "OnPremises inbound connector 'Proseware relay' of tenant "
        "treyresearch.onmicrosoft.com names it" % (
            C["pw-relay"].subject, C["pw-relay"].thumbprint),
        "warning|Partner inbound connector 'Proseware partner' of tenant "
        "treyresearch.onmicrosoft.com names it"])
    gateways(estate("gateways-trusted"), trusted=True)
    fixture("HYB035", "silent-gateway", "gateways-trusted")


if __name__ == "__main__":
    main()
