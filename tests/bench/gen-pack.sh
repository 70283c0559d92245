#!/bin/sh
# gen-pack.sh N: a rule pack of N rules on standard output, for the
# benchmark of rule packs (tests/bench/pack-overhead.sh).  The rules are
# twelve realistic house rules (the shapes of samples/rule-packs), each
# repeated with other thresholds, patterns and ranges: single-object
# tests, regular expressions, dates, CIDR ranges, the simulator's
# attribution and certificate selection, and joins.  The same N gives the
# same bytes.
set -eu
n=${1:-100}
case $n in
'' | *[!0-9]*) echo "usage: $0 N" >&2; exit 2 ;;
esac

rule() {
	# rule I SEVERITY KIND WHERE ASSERT MESSAGE
	[ "$1" -gt 1 ] && printf ',\n'
	printf '    { "id": "BENCH-%03d", "name": "bench-rule-%03d", "severity": "%s",\n' "$1" "$1" "$2"
	printf '      "summary": "Benchmark rule %d", "documentation": "A house rule of the benchmark pack.",\n' "$1"
	printf '      "kind": "%s",\n' "$3"
	[ -n "$4" ] && printf '      "where": %s,\n' "$4"
	printf '      "assert": %s,\n' "$5"
	printf '      "message": "%s",\n' "$6"
	printf '      "fix": "Set-Object -Identity ${Identity} -Name ${Name}" }'
}

printf '{\n  "format": 1, "name": "bench-pack", "version": "1.0.0",\n'
printf '  "min_hybridlint": "0.1.0", "namespace": "BENCH",\n  "rules": [\n'
i=1
while [ "$i" -le "$n" ]; do
	k=$(( (i - 1) % 12 ))
	v=$(( (i - 1) / 12 ))
	case $k in
	0) pat="*.example$v.*"
	   [ "$v" -eq 0 ] && pat='\\**'
	   rule "$i" error InboundConnector \
	    '{ "prop": "ConnectorType", "eq": "OnPremises" }' \
	    "{ \"not\": { \"prop\": \"TlsSenderCertificateName\", \"glob\": \"$pat\" } }" \
	    'inbound connector ${Name} of ${@tenant} accepts ${TlsSenderCertificateName}' ;;
	1) rule "$i" warning InboundConnector \
	    '{ "all": [ { "prop": "ConnectorType", "eq": "Partner" }, { "prop": "Enabled", "ne": false, "if_unknown": true } ] }' \
	    '{ "prop": "RequireTls", "eq": true }' \
	    'partner connector ${Name} does not require TLS' ;;
	2) rule "$i" warning ExchangeCertificate \
	    '{ "all": [ { "prop": "IsSelfSigned", "eq": false, "if_unknown": true }, { "prop": "NotBefore", "gt": "2020-08-31", "if_unknown": false } ] }' \
	    "{ \"prop\": \"@validity_days\", \"lt\": $((398 + v * 100)) }" \
	    'certificate ${Subject} on ${@server} lives ${@validity_days} days' ;;
	3) rule "$i" warning ExchangeCertificate \
	    '{ "prop": "@presented_to_exchange_online", "eq": true }' \
	    "{ \"prop\": \"@days_until_expiry\", \"gt\": $((30 + v * 10)) }" \
	    'certificate ${Subject} expires in ${@days_until_expiry} days' ;;
	4) rule "$i" error SendConnector \
	    '{ "all": [ { "prop": "@hybrid", "eq": true }, { "prop": "AddressSpaces", "glob": "*.mail.onmicrosoft.com" } ] }' \
	    '{ "prop": "@attributed_organizations", "every": true, "eq": { "prop": "@organization" } }' \
	    'send connector ${Name} of ${@organization} lands in ${@attributed_tenants}' ;;
	5) rule "$i" error ReceiveConnector \
	    '{ "all": [ { "prop": "PermissionGroups", "contains": "AnonymousUsers" }, { "not": { "prop": "RemoteIPRanges", "cidr_contains": "0.0.0.0/0" } } ] }' \
	    "{ \"prop\": \"RemoteIPRanges\", \"every\": true, \"cidr_within\": [ \"10.$v.0.0/16\", \"192.168.0.0/16\" ] }" \
	    'relay ${Name} on ${@server} accepts ${RemoteIPRanges}' ;;
	6) rule "$i" warning AcceptedDomain \
	    '{ "all": [ { "prop": "@side", "eq": "on-premises" }, { "prop": "@hybrid", "eq": true } ] }' \
	    '{ "some": { "kind": "AcceptedDomain", "on": { "prop": "DomainName", "eq": { "outer": "DomainName" } }, "where": { "prop": "@side", "eq": "exchange-online" } } }' \
	    'accepted domain ${DomainName} of ${@organization} is missing in ${@tenant}' ;;
	7) rule "$i" error SendConnector \
	    '{ "prop": "TlsCertificateName", "exists": true }' \
	    '{ "some": { "kind": "ExchangeCertificate", "on": { "prop": "@server", "eq": { "outer": "@source_servers" } }, "each": true, "where": { "prop": "@tls_certificate_name", "eq": { "outer": "TlsCertificateName" } } } }' \
	    'send connector ${Name} names ${TlsCertificateName}, missing on ${@source_servers}' ;;
	8) rule "$i" error SendConnector \
	    '{ "all": [ { "prop": "Fqdn", "exists": true }, { "prop": "Enabled", "ne": false, "if_unknown": true } ] }' \
	    '{ "prop": "@presented_certificates", "every": true, "cert_name_matches": { "prop": "Fqdn" } }' \
	    'send connector ${Name} announces ${Fqdn} but presents ${@presented_certificates}' ;;
	9) rule "$i" note SendConnector '' \
	    "{ \"prop\": \"Name\", \"regex\": \"^[A-Za-z0-9 ._-]{1,$((40 + v))}\$\" }" \
	    'send connector name ${Name} does not follow the naming standard' ;;
	10) rule "$i" note ExchangeServer '' \
	    "{ \"prop\": \"AdminDisplayVersion\", \"regex\": \"Build (1544|2507|$((1000 + v)))\" }" \
	    'server ${Name} runs ${AdminDisplayVersion}' ;;
	11) rule "$i" warning InboundConnector \
	    '{ "prop": "ConnectorType", "eq": "OnPremises" }' \
	    '{ "not": { "some": { "kind": "InboundConnector", "scope": "all", "on": { "prop": "TlsSenderCertificateName", "eq": { "outer": "TlsSenderCertificateName" } }, "where": { "prop": "@organization", "ne": { "outer": "@organization" } } } } }' \
	    'inbound connector ${Name} accepts ${TlsSenderCertificateName}, which another tenant accepts too' ;;
	esac
	i=$((i + 1))
done
printf '\n  ]\n}\n'
