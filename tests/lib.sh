# Shared by the shell tests: where things are, and small assertions.
# Exit 0 pass, 1 fail, 77 skip (automake's parallel harness).
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
# The same, absolute: tests may change directory before they need them.
SRCDIR_ABS=$(cd "$top_srcdir" && pwd)
BUILDDIR_ABS=$(cd "$top_builddir" && pwd)
HL="$top_builddir/hybridlint"
SAMPLES="$top_srcdir/samples"
SHARED="${HL_SHARED:-$top_srcdir/../shared}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hltest.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# run CMD...: runs the tool, keeps stdout in $TMP/out, stderr in $TMP/err,
# the exit status in $rc.  HL_WRAPPER (e.g. a valgrind command line) is
# put in front: tests/memcheck.sh runs the suite that way.
run() {
	$HL_WRAPPER "$HL" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

expect_rc() {
	[ "$rc" -eq "$1" ] || fail "$2: exit status $rc, expected $1 (stderr: $(head -c 600 "$TMP/err"))"
}

# expect_out FILE REGEX WHAT
expect_in() {
	grep -Eq -- "$2" "$1" || fail "$3: no line matching /$2/ in $(basename "$1")"
}

expect_not_in() {
	if grep -Eq -- "$2" "$1"; then fail "$3: unexpected /$2/ in $(basename "$1")"; fi
}

need_shared() {
	[ -d "$SHARED/corpus" ] || { echo "SKIP: $SHARED absent"; exit 77; }
}

finish() {
	[ "$failures" -eq 0 ] || { echo "$failures check(s) failed" >&2; exit 1; }
	exit 0
}

# abspath PATH: PATH made absolute against the working directory.
abspath() {
	case "$1" in
	/*)	printf '%s\n' "$1" ;;
	*)	printf '%s/%s\n' "$(pwd)" "$1" ;;
	esac
}

# The node_modules holding ajv, ajv-draft-04, ajv-formats and js-yaml
# (tests/package.json): $HL_NODE_MODULES, $top_builddir/node_modules, then
# $top_srcdir/tests/node_modules; empty if none.
node_modules() {
	if [ -n "${HL_NODE_MODULES:-}" ]; then
		abspath "$HL_NODE_MODULES"
	elif [ -d "$BUILDDIR_ABS/node_modules" ]; then
		printf '%s\n' "$BUILDDIR_ABS/node_modules"
	elif [ -d "$SRCDIR_ABS/tests/node_modules" ]; then
		printf '%s\n' "$SRCDIR_ABS/tests/node_modules"
	fi
}

# validate_json [--draft4] SCHEMA FILE...: against a JSON Schema with
# tests/validate-json.js; a message and no failure when node or ajv is
# absent.
validate_json() {
	_nm=$(node_modules)
	if ! command -v node >/dev/null 2>&1; then
		echo "SKIP: JSON validation: node absent"
		return 0
	fi
	if [ -z "$_nm" ] || [ ! -d "$_nm/ajv" ]; then
		echo "SKIP: JSON validation: no ajv (see tests/package.json)"
		return 0
	fi
	HL_NODE_MODULES="$_nm" node "$SRCDIR_ABS/tests/validate-json.js" \
	    "$@" >"$TMP/validate.out" 2>&1
	case $? in
	0)	cat "$TMP/validate.out" ;;
	77)	echo "SKIP: JSON validation: $(cat "$TMP/validate.out")" ;;
	*)	fail "schema validation: $(head -c 1200 "$TMP/validate.out")" ;;
	esac
}
