# Shared by the shell tests: where things are, and small assertions.
# Exit 0 pass, 1 fail, 77 skip (automake's parallel harness).
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
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
