#!/bin/sh
# seeds.sh [DIR]: lay out the seed corpora of every harness under
# DIR/<harness>/ (default $HL_FUZZ_WORK/seeds, HL_FUZZ_WORK defaulting to
# ${TMPDIR:-/tmp}/hybridlint-fuzz-N as in build.sh), from the repository's samples/,
# tests/rules/, tests/data/ and schemas/, and ../shared/corpus when it is
# there.  Seeds are regenerated on every call and never committed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${HL_FUZZ_WORK:-${TMPDIR:-/tmp}/hybridlint-fuzz-$(printf %s "$root" | cksum | cut -d " " -f 1)}
dir=${1:-$work/seeds}
shared="$root/../shared/corpus"

sources="$root/samples $root/tests/rules $root/tests/data $root/schemas"
[ -d "$shared" ] && sources="$sources $shared"

rm -rf "$dir"
for h in clixml json manifest x509 values pipeline config baseline psparse pack change; do
	mkdir -p "$dir/$h"
done
dir=$(cd "$dir" && pwd)

# A flat, unique name for a file: its path below the root, '/' -> '_'.
flat() {
	case $1 in
	"$root"/*) p=${1#"$root"/} ;;
	*) p=shared/${1#"$shared"/} ;;
	esac
	printf '%s\n' "$p" | tr '/ ' '__'
}

# One byte, 0-255, to standard output.
byte() {
	# shellcheck disable=SC2059
	printf "\\$(printf '%03o' "$1")"
}

# The pipeline header byte of a file (see pipeline-fuzzer.c): format in
# bits 0-1, side in bits 2-3 (guessed from the path), organization in
# bits 4-5, $3 added (128: colours and SARIF).
header() {
	case $1 in
	*.json) hf=1 ;;
	*.pem | *.crt | *.cer | *.der) hf=3 ;;
	*) hf=0 ;;
	esac
	case $1 in
	*exo* | *EXO* | *online*) hs=2 ;;
	*onprem* | *on-prem*) hs=1 ;;
	*) hs=0 ;;
	esac
	byte $((hf | hs * 4 | ${2:-0} * 16 | ${3:-0}))
}

# --- clixml, json, manifest, x509: files as they are -----------------------
# shellcheck disable=SC2086
find $sources -type f \( -name '*.xml' -o -name '*.clixml' \) |
while IFS= read -r f; do
	cp "$f" "$dir/clixml/$(flat "$f")"
done
# A few in UTF-16LE with BOM, as Windows PowerShell 5.1 writes them.
if command -v iconv >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	find $root/samples -type f -name '*.xml' | head -n 4 |
	while IFS= read -r f; do
		iconv -f UTF-8 -t UTF-16 "$f" \
		    >"$dir/clixml/utf16-$(flat "$f")" 2>/dev/null || true
		{ byte 4; iconv -f UTF-8 -t UTF-16 "$f"; } \
		    >"$dir/pipeline/utf16-$(flat "$f")" 2>/dev/null || true
	done
fi
# shellcheck disable=SC2086
find $sources -type f -name '*.json' |
while IFS= read -r f; do
	cp "$f" "$dir/json/$(flat "$f")"
	case $f in
	*/topology.json | *topology.schema.json)
		cp "$f" "$dir/manifest/$(flat "$f")" ;;
	esac
done
# shellcheck disable=SC2086
find $sources -type f \( -name '*.pem' -o -name '*.der' -o -name '*.crt' \
    -o -name '*.cer' -o -name '*.bin' \) |
while IFS= read -r f; do
	cp "$f" "$dir/x509/$(flat "$f")"
	# The base64 body alone, as a <BA> element carries it.
	case $f in
	*.pem) grep -v -e '-----' "$f" >"$dir/x509/b64-$(flat "$f")" || true ;;
	esac
done

# Every element type of MS-PSRP 2.2.5 in one export, which the real exports
# do not have (C, TS, U16..U64, Sg, D, URI, Version, SS, SBK, XD, PR, IE,
# QUE, STK, DCT), with escapes, <Ref> and <TNRef>.
kitchen_sink() {
	cat <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0">
    <TN RefId="0"><T>Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.SmtpSendConnectorConfig</T><T>Deserialized.System.Object</T></TN>
    <ToString>Outbound to Office 365_x000D__x000A_</ToString>
    <Props>
      <S N="s">a_x000D__x000A_b_x005F_x_xD83D__xDE00__x0001F600_</S>
      <S N="empty"></S>
      <S N="empty2" />
      <B N="b">true</B>
      <I32 N="i32">-5</I32>
      <I64 N="i64">-9223372036854775808</I64>
      <U32 N="u32">4294967295</U32>
      <U64 N="u64">18446744073709551615</U64>
      <By N="by">255</By>
      <SB N="sb">-128</SB>
      <I16 N="i16">-32768</I16>
      <U16 N="u16">65535</U16>
      <Db N="db">0.0069444444444444441</Db>
      <Sg N="sg">1.5E+38</Sg>
      <D N="d">12.50</D>
      <C N="c">65</C>
      <DT N="dt">2025-04-09T09:16:22.1234567-05:00</DT>
      <TS N="ts">P1DT2H30M15.5S</TS>
      <G N="g">d929605b-8786-40d6-bc18-86248416efb7</G>
      <URI N="uri">https://solo.com/owa</URI>
      <Version N="v">15.2.986.5</Version>
      <SemanticVersion N="sv">7.4.1-preview.2</SemanticVersion>
      <BA N="ba">AAEC</BA>
      <BA N="SerializationData">AAEAAAD/////AQ==</BA>
      <Nil N="nil" />
      <SS N="ss">01000000d08c9ddf</SS>
      <SBK N="sbk">Get-Date_x000A_</SBK>
      <XD N="xd">&lt;a/&gt;</XD>
      <PR N="pr"><AN>A</AN><RI>1</RI></PR>
      <S N="TlsCertificateName">&lt;I&gt;CN=R3, O=Let's Encrypt, C=US&lt;S&gt;CN=mail.contoso.com</S>
      <Obj N="AuthMechanism" RefId="1">
        <TN RefId="1"><T>Microsoft.Exchange.Data.Directory.SystemConfiguration.AuthMechanisms</T><T>System.Enum</T><T>System.ValueType</T><T>System.Object</T></TN>
        <ToString>Tls, Integrated</ToString><I32>3</I32>
      </Obj>
      <Obj N="AddressSpaces" RefId="2">
        <TN RefId="2"><T>Deserialized.Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.AddressSpace, Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]</T><T>System.Object</T></TN>
        <LST><S>SMTP:*.mail.onmicrosoft.com;1</S><S>smtp:contoso.com;10</S></LST>
      </Obj>
      <Obj N="EmptyList" RefId="3"><TNRef RefId="2" /><LST /></Obj>
      <Obj N="Q" RefId="4"><TN RefId="3"><T>Q</T></TN><QUE><I32>1</I32></QUE></Obj>
      <Obj N="St" RefId="5"><TNRef RefId="3" /><STK><I32>1</I32><I32>2</I32></STK></Obj>
      <Obj N="E" RefId="6"><TNRef RefId="3" /><IE><S>x</S></IE></Obj>
      <Obj N="Dict" RefId="7">
        <TN RefId="4"><T>System.Collections.Hashtable</T></TN>
        <DCT>
          <En><S N="Key">1.1</S><Obj N="Value" RefId="8"><TNRef RefId="3" /><MS><B N="ServerEnabled">false</B></MS></Obj></En>
          <En><I32 N="Key">2</I32><Nil N="Value" /></En>
        </DCT>
      </Obj>
      <Ref N="Again" RefId="2" />
      <Ref N="Again2" RefId="7" />
    </Props>
    <MS><S N="PSComputerName">ex01.contoso.com</S><Obj N="Nested" RefId="9"><MS><I32 N="Depth">2</I32></MS></Obj></MS>
  </Obj>
  <Obj RefId="10"><TNRef RefId="0" /><Props><S N="Name">Second</S><Ref N="Self" RefId="0" /></Props></Obj>
  <S>bare string</S>
  <I32>7</I32>
  <Ref RefId="1" />
</Objs>
EOF
}
kitchen_sink >"$dir/clixml/kitchen-sink.xml"
{ byte 0; kitchen_sink; } >"$dir/pipeline/kitchen-sink.xml"
{ byte 128; kitchen_sink; } >"$dir/pipeline/kitchen-sink-sarif.xml"
# A certificate's DER as <BA N="RawData">, as Get-ExchangeCertificate has it.
for f in "$root"/tests/data/certs/leaf.pem "$root"/tests/data/certs/edge01.pem; do
	[ -f "$f" ] || continue
	{
		byte 0
		echo '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0"><TN RefId="0"><T>Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate</T><T>Deserialized.System.Security.Cryptography.X509Certificates.X509Certificate2</T><T>Deserialized.System.Object</T></TN><Props><BA N="RawData">'
		grep -v -e '-----' "$f"
		echo '</BA><S N="Thumbprint">00</S><S N="Services">IMAP, POP, IIS, SMTP</S><S N="PSComputerName">EX01</S></Props></Obj></Objs>'
	} >"$dir/pipeline/rawdata-$(flat "$f")"
done
# JSON: every value shape, escapes, big and odd numbers, a Windows
# PowerShell date wrapper, truncated values.
cat >"$dir/json/kitchen-sink.json" <<'EOF'
[
  {"Name": "a\u0001b\ud83d\ude00\/\"\\", "Identity": "x", "Enabled": true,
   "SenderDomains": ["smtp:*;1", "smtp:contoso.com;10"],
   "SenderIPAddresses": ["192.0.2.0/24", "2001:db8::/32", "10.0.0.1-10.0.0.9"],
   "TlsSenderCertificateName": "*.contoso.com", "ConnectorType": 1,
   "WhenChanged": {"value": "\/Date(1772500523000)\/", "DisplayHint": 2, "DateTime": "Monday"},
   "NotAfter": "/Date(-62135596800000)/", "Big": 9223372036854775807,
   "Neg": -9223372036854775808, "Real": 1.5e308, "Tiny": 5e-324,
   "Nested": {"a": [[[{"b": null}]]], "": {"~/": 1}},
   "Truncated": "System.Collections.Hashtable", "Arr": "System.Object[]"},
  null,
  {"DomainName": "contoso.com", "DomainType": "Authoritative", "Default": true}
]
EOF
{ byte 1; cat "$dir/json/kitchen-sink.json"; } >"$dir/pipeline/kitchen-sink.json"

# --- values: value texts, one per line -------------------------------------
# The string literals of the value parsers' unit tests...
if [ -f "$root/tests/check_values.c" ]; then
	grep -o '"[^"]*"' "$root/tests/check_values.c" | sed 's/^"//; s/"$//' |
	    split -l 64 - "$dir/values/check_values-"
fi
# ...and every <S>, <I32>, <DT> ... text of the sample exports.
# shellcheck disable=SC2086
find $root/samples $root/tests/rules -type f -name '*.xml' |
while IFS= read -r f; do
	sed -n 's/.*<[A-Za-z0-9]* N="[^"]*">\([^<]*\)<\/[A-Za-z0-9]*>.*/\1/p' \
	    "$f"
done | sort -u | split -l 64 - "$dir/values/samples-"
# ...and JSON string values.
# shellcheck disable=SC2086
find $root/samples $root/tests/rules -type f -name '*.json' |
while IFS= read -r f; do
	sed -n 's/^[^"]*"[^"]*": *"\([^"]*\)".*/\1/p' "$f"
done | sort -u | split -l 64 - "$dir/values/json-"

# --- pipeline: single files, and whole topologies --------------------------
# shellcheck disable=SC2086
find $root/samples $root/tests/rules -type f \( -name '*.xml' -o \
    -name '*.json' -o -name '*.pem' \) ! -name topology.json |
while IFS= read -r f; do
	{ header "$f"; cat "$f"; } >"$dir/pipeline/$(flat "$f")"
done
# A topology: every export below a folder, its first-level subfolders
# numbered as organizations.
topology() {
	out="$dir/pipeline/topo-$(flat "$1")"
	: >"$out"
	org=0
	for sub in "$1"/*; do
		[ -d "$sub" ] || continue
		find "$sub" -type f \( -name '*.xml' -o -name '*.json' -o \
		    -name '*.pem' \) ! -name topology.json | sort |
		while IFS= read -r f; do
			if [ -s "$out" ]; then
				printf '\n--HLDOC' >>"$out"
				{ header "$f" $((org % 4)); cat "$f"; } >>"$out"
			else
				{ header "$f" $((org % 4)) 128; cat "$f"; } \
				    >>"$out"
			fi
		done
		org=$((org + 1))
	done
	[ -s "$out" ] || rm -f "$out"
}
for t in "$root"/samples/*/ "$root"/tests/rules/*/fire/ \
    "$root"/tests/rules/*/silent/; do
	[ -d "$t" ] && topology "${t%/}"
done
# The folder-less sample (files directly under contoso-healthy/onprem).
for t in "$root"/samples/*/*/; do
	[ -d "$t" ] && topology "${t%/}"
done

# --- config, baseline: the configurations of the rule fixtures, and
# hand-made documents that reach every member ---------------------------
find "$root/tests/rules" -name .hybridlint.json |
while IFS= read -r f; do
	cp "$f" "$dir/config/$(flat "$f")"
done
cat >"$dir/config/all-members.json" <<'JSON'
{ "$schema": "x", "version": 1, "fail_on": "note",
  "rules": { "HYB001": "off", "HYB002": "on", "HYB003": "warning",
    "inbound-wildcard-cert-name": { "enabled": true, "severity": "error" },
    "HYB033": { "options": { "expiry_error_days": 10, "expiry_warning_days": 90 } } },
  "waivers": [ { "rule": "HYB070", "object": "Journal [a-z]*", "organization": "o",
    "reason": "r", "expires": "2027-01-31", "owner": "a" } ] }
JSON
cat >"$dir/baseline/baseline.json" <<'JSON'
{ "schema": "hybridlint-baseline/1", "tool": { "name": "hybridlint", "version": "0" },
  "findings": [ { "fingerprint": "0123456789abcdef0123456789abcdef", "rule": "HYB001" },
    { "fingerprint": 7 }, {} ] }
JSON
printf '{"schema":"hybridlint-baseline/1","findings":[]}' >"$dir/baseline/empty.json"

# --- psparse: PowerShell scripts and fix lines ----------------------------
# The fix lines of the golden text output, as hybridlint prints them...
# shellcheck disable=SC2086
find $root/tests/golden -type f -name '*.txt' |
while IFS= read -r f; do
	sed -n 's/^ *fix: *//p; s/^        \([#A-Za-z].*\)$/\1/p' "$f" \
	    >"$dir/psparse/fixes-$(flat "$f")"
done
# ...every accepted form in one script, LF and CRLF...
ps_sink() {
	cat <<'EOF'
# Fix the certificate name of the inbound connector.
<# A block comment
   over two lines. #>
Set-InboundConnector -Identity 'Inbound from Contoso' `
    -TlsSenderCertificateName mail.contoso.com -RestrictDomainsToCertificate:$true `
    -SenderDomains 'smtp:*;1', contoso.com,
      'fabrikam.com' -Confirm:$false -Force
Set-SendConnector -Identity "Outbound to Office 365" -AddressSpaces @('smtp:*.mail.onmicrosoft.com;1') -Port 25 -MaxMessageSize 35MB
Set-TransportConfig -TLSReceiveDomainSecureList @{Add='contoso.com','fabrikam.com'; Remove="old.example"}
New-ReceiveConnector -Name 'It''s "quoted"' -RemoteIPRanges 10.0.0.0/24,192.0.2.1-192.0.2.9 -Bindings 0.0.0.0:25 -Usage Custom
Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes('C:\certs\new.cer')) -Password $null
Set-OrganizationConfig -Name "tab`there `"x`" `$5 and $ alone"; Start-EdgeSynchronization
Set-HybridConfiguration -Features @(
    'FreeBusy'
    'MailTips'; 'Mailtips2'
) -OnPremisesSmartHost ('mail.contoso.com') -X @{
    Key = 1.5GB
    "Other" = $False
}
EOF
}
ps_sink >"$dir/psparse/kitchen-sink.ps1"
ps_sink | sed 's/$/\r/' >"$dir/psparse/kitchen-sink-crlf.ps1"
# ...smart quotes and dashes as pasted from documents, with a BOM...
{
	printf '\357\273\277Set-InboundConnector \342\200\223Identity '
	printf '\342\200\230Inbound\342\200\231 \342\200\224Comment '
	printf '\342\200\234O\342\200\231\342\200\231Brien\342\200\235\n'
} >"$dir/psparse/smart-quotes.ps1"
# ...and lines the reader rejects, so that the errors are explored too.
cat >"$dir/psparse/rejected.ps1" <<'EOF'
Set-InboundConnector -TlsSenderCertificateName "smtpo365$(Write-Host pwned).varunagroup.de"
Get-InboundConnector | Set-InboundConnector -Enabled $false 2>&1 > out.txt
foreach ($c in $x) { & $c @params }
$x = 0x10, 1e3, 'a'.Length, "`u{2019}"
EOF


# --- pack: rule packs, whole and one rule at a time ---------------------------
find "$root/samples" "$root/tests/packs" -type f -name '*.json' \
    ! -name topology.json ! -name 'Get-*' |
while IFS= read -r f; do
	grep -q '"min_hybridlint"' "$f" || continue
	cp "$f" "$dir/pack/$(flat "$f")"
	command -v jq >/dev/null 2>&1 || continue
	n=$(jq '.rules | length' "$f" 2>/dev/null || echo 0)
	i=0
	while [ "$i" -lt "$n" ]; do
		jq --argjson i "$i" '.rules = [.rules[$i]]' "$f" \
		    >"$dir/pack/$(flat "$f")-rule$i.json" 2>/dev/null || true
		i=$((i + 1))
	done
done
cp "$root/schemas/rule-pack.schema.json" "$dir/pack/schema.json"


# --- change: scripts the change reader applies to the seed sample ---------
cp "$dir/psparse/"* "$dir/change/"
IC="'Inbound from 3c1f8e2a-5d47-4b9e-a2c6-81f0d93e7b14'"
HSC="'Outbound to Office 365 - 6b1d7a2c-9e35-4f08-b7d1-2c4a8e6f0935'"
cat >"$dir/change/seed-fixes.ps1" <<EOF
Set-SendConnector -Identity $HSC -Fqdn smtpo365.varunagroup.de
Start-EdgeSynchronization
Set-InboundConnector -Identity $IC -TlsSenderCertificateName smtpo365.varunagroup.de
Disable-JournalRule -Identity 'Journal all mail'
EOF
printf 'Set-InboundConnector %s -TlsSenderCertificateName *.varunagroup.de\n' \
    "$IC" >"$dir/change/seed-break.ps1"
cat >"$dir/change/every-cmdlet.ps1" <<EOF
#hybridlint: org=varuna side=exchange-online
New-InboundConnector 'Partner X' -ConnectorType Partner -SenderDomains x.example,'smtp:*.y.example;5' -SenderIPAddresses 192.0.2.0/24 -RestrictDomainsToIPAddresses \$true
Set-InboundConnector $IC -SenderDomains @{Add='contoso.com'; Remove='smtp:*;1'} -EFSkipIPs 10.0.0.1-10.0.0.9 -EFUsers a@b.example
Set-OutboundConnector 'Outbound to 3c1f8e2a-5d47-4b9e-a2c6-81f0d93e7b14' -SmartHosts relay.example,192.0.2.7 -TlsSettings 2 -UseMXRecord:\$false
Set-TransportConfig -JournalingReportNdrTo ndr@varunagroup.de
Set-OrganizationConfig -RejectDirectSend \$true
Remove-OutboundConnector 'Outbound to 3c1f8e2a-5d47-4b9e-a2c6-81f0d93e7b14' -Confirm:\$false
#hybridlint: side=on-premises
New-SendConnector 'To partner' -AddressSpaces 'smtp:partner.example;10' -SmartHosts '[192.0.2.9]' -DNSRoutingEnabled \$false -TlsAuthLevel DomainValidation -TlsDomain partner.example -RequireTLS \$true
Set-ReceiveConnector 'EX01\Default Frontend EX01' -AuthMechanism Tls,Integrated -PermissionGroups AnonymousUsers -RemoteIPRanges @{Add='0.0.0.0-255.255.255.255'}
Set-HybridConfiguration -Domains 'varunagroup.de','autod:varunagroup.de' -Features FreeBusy,Centralized -TlsCertificateName '<I>CN=R3, O=Let''s Encrypt<S>CN=smtpo365.varunagroup.de'
Set-AcceptedDomain varunagroup.de -MakeDefault \$true -MatchSubDomains \$true
New-RemoteDomain Hybrid -DomainName varunagroup.mail.onmicrosoft.com
Set-RemoteDomain Hybrid -TargetDeliveryDomain 1 -TrustedMailOutboundEnabled \$true
Import-ExchangeCertificate -Server EX01 -FileData ([System.IO.File]::ReadAllBytes('gateways/mx01.pem')) -FriendlyName mx01
Enable-ExchangeCertificate -Server EX01 -Thumbprint 6234070FDCB0546DC4EDF80FE637D2903A988231 -Services SMTP,IIS
Remove-ReceiveConnector 'EX01\Default Frontend EX01'
Set-SendConnector Internet -Name Renamed -Port 587 -SourceTransportServers EX01
EOF
cat >"$dir/change/bad.ps1" <<EOF
Set-InboundConnector $IC -SenderIPAddresses 10.0.0.0/16
Set-SendConnector Internet -Port 26
Set-Frobnicator -X 1
Enable-SendConnector x
#hybridlint: org=nobody colour=red
New-AcceptedDomain -Name a -DomainName 'not a domain'
EOF

for h in clixml json manifest x509 values pipeline config baseline psparse pack change; do
	printf 'seeds.sh: %-9s %5d files\n' "$h" \
	    "$(find "$dir/$h" -type f | wc -l)"
done
