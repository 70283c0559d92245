#!/bin/sh
# seeds.sh [DIR]: lay out the seed corpora of every harness under
# DIR/<harness>/ (default $HL_FUZZ_WORK/seeds, HL_FUZZ_WORK defaulting to
# ${TMPDIR:-/tmp}/hybridlint-fuzz), from the repository's samples/,
# tests/rules/, tests/data/ and schemas/, and ../shared/corpus when it is
# there.  Seeds are regenerated on every call and never committed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${HL_FUZZ_WORK:-${TMPDIR:-/tmp}/hybridlint-fuzz}
dir=${1:-$work/seeds}
shared="$root/../shared/corpus"

sources="$root/samples $root/tests/rules $root/tests/data $root/schemas"
[ -d "$shared" ] && sources="$sources $shared"

rm -rf "$dir"
for h in clixml json manifest x509 values pipeline; do
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

for h in clixml json manifest x509 values pipeline; do
	printf 'seeds.sh: %-9s %5d files\n' "$h" \
	    "$(find "$dir/$h" -type f | wc -l)"
done
