#!/bin/sh
# Makes the certificates of tests/data/estates/certs with the openssl
# command line: a public-CA-like chain (root, two issuing CAs), leaves
# signed by them with fixed dates, and self-signed certificates like the
# ones Exchange creates for every server.  Keys are throw-away and are
# not kept, so running this again makes new thumbprints: run build.py
# afterwards to rewrite the fixtures from the new files.
set -e
cd "$(dirname "$0")/certs"
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
cat >"$w/ca.cnf" <<'CNF'
[ ca ]
default_ca		= hl
[ hl ]
database		= $ENV::W/index.txt
new_certs_dir		= $ENV::W
serial			= $ENV::W/serial
default_md		= sha256
policy			= any
preserve		= yes
unique_subject		= no
copy_extensions		= copy
[ any ]
countryName		= optional
stateOrProvinceName	= optional
localityName		= optional
organizationName	= optional
organizationalUnitName	= optional
commonName		= optional
[ ca_ext ]
basicConstraints	= critical, CA:TRUE
keyUsage		= critical, keyCertSign, cRLSign
subjectKeyIdentifier	= hash
[ leaf_ext ]
basicConstraints	= CA:FALSE
keyUsage		= critical, digitalSignature, keyEncipherment
extendedKeyUsage	= serverAuth, clientAuth
subjectKeyIdentifier	= hash
authorityKeyIdentifier	= keyid
[ self_ext ]
keyUsage		= critical, digitalSignature, keyEncipherment
extendedKeyUsage	= serverAuth
subjectKeyIdentifier	= hash
CNF
export W="$w"
touch "$w/index.txt"
ca() { openssl ca -batch -config "$w/ca.cnf" -notext "$@"; }
key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$w/$1.key" 2>/dev/null; }
serial() { openssl rand -hex 8 | tr a-f A-F >"$w/serial"; }

# csr NAME SUBJECT [SANS]
csr() {
	key "$1"
	if [ -n "$3" ]; then
		openssl req -new -key "$w/$1.key" -out "$w/$1.csr" -subj "$2" \
		    -addext "subjectAltName=$3"
	else
		openssl req -new -key "$w/$1.key" -out "$w/$1.csr" -subj "$2"
	fi
}

# Root and issuing CAs.
csr root "/C=NL/O=Tailwind Trust/CN=Tailwind Root CA X1"
serial
ca -selfsign -keyfile "$w/root.key" -in "$w/root.csr" -extensions ca_ext \
    -startdate 200101000000Z -enddate 400101000000Z -out root.pem
for y in 2025 2026; do
	csr "int$y" "/C=NL/O=Tailwind Trust/CN=Tailwind TLS Issuing CA $y"
	serial
	ca -cert root.pem -keyfile "$w/root.key" -in "$w/int$y.csr" \
	    -extensions ca_ext -startdate "${y#20}0101000000Z" \
	    -enddate "$((${y#20} + 5))0101000000Z" -out "int$y.pem"
	cp "$w/int$y.key" "$w/int$y.cakey"
done

# leaf FILE ISSUER-YEAR SUBJECT SANS START END
leaf() {
	csr "$1" "$3" "$4"
	serial
	ca -cert "int$2.pem" -keyfile "$w/int$2.cakey" -in "$w/$1.csr" \
	    -extensions leaf_ext -startdate "$5" -enddate "$6" -out "$1.pem"
}

# self FILE NAME FQDN START END: Exchange's default certificate.
self() {
	if [ "$2" = "$3" ]; then
		csr "$1" "/CN=$2" "DNS:$2"
	else
		csr "$1" "/CN=$2" "DNS:$2,DNS:$3"
	fi
	serial
	ca -selfsign -keyfile "$w/$1.key" -in "$w/$1.csr" -extensions self_ext \
	    -startdate "$4" -enddate "$5" -out "$1.pem"
}

# Fourth Coffee: the renewal trap (the new certificate has a new issuer).
leaf fc-relay-2025 2025 "/C=US/O=Fourth Coffee/CN=relay.fourthcoffee.com" \
    "DNS:relay.fourthcoffee.com" 251201000000Z 261231235959Z
leaf fc-relay-2026 2026 "/C=US/O=Fourth Coffee/CN=relay.fourthcoffee.com" \
    "DNS:relay.fourthcoffee.com" 261015000000Z 271115235959Z
self fc-ex1 FCEX1 fcex1.corp.fourthcoffee.com 250301080000Z 300301080000Z

# Adatum: two Edge servers, the hybrid certificate from two issuers.
leaf ad-hybrid-2025 2025 "/C=US/O=Adatum/CN=hybrid.adatum.com" \
    "DNS:hybrid.adatum.com" 260110000000Z 270110235959Z
leaf ad-hybrid-2026 2026 "/C=US/O=Adatum/CN=hybrid.adatum.com" \
    "DNS:hybrid.adatum.com" 260901000000Z 270901235959Z
self ad-edge1 ADEDGE1 adedge1.adatum.com 250601090000Z 300601090000Z
self ad-edge2 ADEDGE2 adedge2.adatum.com 250601091500Z 300601091500Z

# Wingtip Toys: the receive side renewed; a relay certificate no one uses.
leaf wt-mail-2026 2026 "/C=US/O=Wingtip Toys/CN=mail.wingtiptoys.com" \
    "DNS:mail.wingtiptoys.com,DNS:autodiscover.wingtiptoys.com" \
    261101000000Z 271201235959Z
leaf wt-relay-2025 2025 "/C=US/O=Wingtip Toys/CN=relay.wingtiptoys.com" \
    "DNS:relay.wingtiptoys.com" 251205000000Z 261205235959Z
self wt-ex1 WTEX1 wtex1.wingtiptoys.com 250801100000Z 300801100000Z

# Northwind Traders: an Edge whose connector Fqdn matches none of its
# certificates (the fallback is undocumented), and a shared gateway under
# the tenant's wildcard.
leaf nw-smtp 2026 "/C=US/O=Northwind Traders/CN=smtp.northwindtraders.com" \
    "DNS:smtp.northwindtraders.com" 260301000000Z 270401235959Z
self nw-edge1 NWEDGE1 nwedge1.northwindtraders.com 250415070000Z \
    300415070000Z
leaf nw-mx 2025 "/C=US/O=Northwind Traders/CN=mx.northwindtraders.com" \
    "DNS:mx.northwindtraders.com" 250901000000Z 270901235959Z

# Gateways in front of Exchange Online: a filter whose certificate
# expired a year before the fixtures' date, and a self-signed relay.
leaf lw-filter 2025 "/C=US/O=Litware/CN=mx.filter.litware.net" \
    "DNS:mx.filter.litware.net,DNS:mx2.filter.litware.net" \
    241001000000Z 251101235959Z
self pw-relay relay.proseware.com relay.proseware.com 250601000000Z \
    280601000000Z
leaf pw-relay-ca 2026 "/C=US/O=Proseware/CN=relay.proseware.com" \
    "DNS:relay.proseware.com" 260201000000Z 270301235959Z
