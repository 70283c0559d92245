#!/bin/sh
# The test suite under valgrind memcheck (make check-memcheck): every Check
# program in-process (CK_FORK=no) and every tool run of the shell tests
# (through HL_WRAPPER), failing on any memory error or definite leak.
#
#	tests/memcheck.sh		from the build directory
set -u
: "${top_srcdir:=.}"
: "${top_builddir:=.}"
# Absolute, since some tests run the tool from another directory.
top_srcdir=$(cd "$top_srcdir" && pwd) || exit 2
top_builddir=$(cd "$top_builddir" && pwd) || exit 2
export top_srcdir top_builddir
command -v valgrind >/dev/null 2>&1 || { echo "memcheck: valgrind absent"; exit 77; }
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --suppressions=$top_srcdir/tests/valgrind.supp"
pass=0
fail=0
for t in "$top_builddir"/tests/check_*; do
	[ -x "$t" ] || continue
	case "$t" in *.o|*.log|*.trs) continue ;; esac
	if CK_FORK=no CK_DEFAULT_TIMEOUT=0 $VG "$t" >"$t.memcheck" 2>&1; then
		pass=$((pass + 1)); echo "PASS: memcheck $(basename "$t")"
	else
		fail=$((fail + 1)); echo "FAIL: memcheck $(basename "$t")"; tail -30 "$t.memcheck"
	fi
done
for t in cli check trace config packs inventory badinput hostile report; do
	if HL_WRAPPER="$VG" sh "$top_srcdir/tests/$t.test" >"$top_builddir/tests/$t.memcheck" 2>&1; then
		pass=$((pass + 1)); echo "PASS: memcheck $t.test"
	else
		fail=$((fail + 1)); echo "FAIL: memcheck $t.test"; tail -30 "$top_builddir/tests/$t.memcheck"
	fi
done
echo "memcheck: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
