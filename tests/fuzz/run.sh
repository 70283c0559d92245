#!/bin/sh
# run.sh SECONDS [HARNESS...]: build the harnesses (when needed), lay out
# the seeds, and run each harness for SECONDS with libFuzzer; print one
# summary line per harness; exit non-zero on any crash, leak, timeout or
# out-of-memory (exit 2: the build or the set-up failed).
#
# HARNESS is clixml, json, manifest, x509, values, pipeline, config,
# baseline, psparse, pack or change
# (default: all of them).  Everything is written outside the source tree,
# below $HL_FUZZ_WORK (default ${TMPDIR:-/tmp}/hybridlint-fuzz-N, N a
# checksum of this tree's path); one run at a time uses it (a lock
# directory):
#   build/                 the harnesses (tests/fuzz/build.sh)
#   seeds/<harness>/       seeds, regenerated each run (tests/fuzz/seeds.sh)
#   corpus/<harness>/      the corpus libFuzzer grows, kept between runs
#   artifacts/<harness>/   crash-*, leak-*, timeout-*, oom-* inputs
#   logs/<harness>.log     libFuzzer's output
#   lock/                  while a run is going on
#
# Environment: HL_FUZZ_WORK; HL_FUZZ_PARALLEL, how many harnesses run at
# once (default 1); HL_FUZZ_ARGS, extra libFuzzer flags.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
all="clixml json manifest x509 values pipeline config baseline psparse pack change"

usage() {
	echo "usage: $0 SECONDS [HARNESS...]   (HARNESS: $all)" >&2
	exit 2
}

[ $# -ge 1 ] || usage
secs=$1
shift
case $secs in
'' | *[!0-9]*) usage ;;
esac
[ "$secs" -gt 0 ] || usage
harnesses=${*:-$all}
for h in $harnesses; do
	case " $all " in
	*" $h "*) ;;
	*) echo "run.sh: unknown harness '$h'" >&2; usage ;;
	esac
done
parallel=${HL_FUZZ_PARALLEL:-1}
case $parallel in
'' | *[!0-9]* | 0) parallel=1 ;;
esac

work=${HL_FUZZ_WORK:-${TMPDIR:-/tmp}/hybridlint-fuzz-$(printf %s "$root" | cksum | cut -d " " -f 1)}
mkdir -p "$work" || exit 2
work=$(cd "$work" && pwd)
export HL_FUZZ_WORK="$work"

# One run per work directory: they would share logs, build and corpus.
lock="$work/lock"
if ! mkdir "$lock" 2>/dev/null; then
	other=$(cat "$lock/pid" 2>/dev/null)
	if [ -n "$other" ] && kill -0 "$other" 2>/dev/null; then
		echo "run.sh: $work is in use by run.sh (pid $other);" \
		    "set HL_FUZZ_WORK to another directory" >&2
		exit 2
	fi
	rm -rf "$lock"
	mkdir "$lock" || exit 2
fi
echo $$ >"$lock/pid"
# On exit or interruption: stop the fuzzers this run started, unlock.
# shellcheck disable=SC2317
cleanup() {
	for f in "$lock"/*.fuzzer; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	rm -rf "$lock"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

"$here/build.sh" "$work/build" || exit 2
"$here/seeds.sh" "$work/seeds" >/dev/null || exit 2
mkdir -p "$work/logs"

# The dictionary of a harness.
dict_of() {
	case $1 in
	pipeline)
		cat "$here/clixml.dict" "$here/json.dict" >"$work/pipeline.dict"
		echo "$work/pipeline.dict" ;;
	manifest) echo "$here/json.dict" ;;
	change)
		cat "$here/psparse.dict" "$here/change.dict" >"$work/change.dict"
		echo "$work/change.dict" ;;
	*) echo "$here/$1.dict" ;;
	esac
}

# A field of libFuzzer's output: the first number after $2 on the last
# line matching $1.
field() {
	grep -a -- "$1" "$log" | tail -n 1 |
	    sed -n "s/.*$2 *\\([0-9][0-9]*\\).*/\\1/p"
}

run_one() {
	h=$1
	bin="$work/build/$h-fuzzer"
	corpus="$work/corpus/$h"
	art="$work/artifacts/$h"
	log="$work/logs/$h.log"
	mkdir -p "$corpus" "$art"
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -dict="$(dict_of "$h")" \
	    -artifact_prefix="$art/" ${HL_FUZZ_ARGS:-} \
	    "$corpus" "$work/seeds/$h" >"$log" 2>&1 &
	echo $! >"$lock/$h.fuzzer"
	wait $!
	rc=$?
	rm -f "$lock/$h.fuzzer"

	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	newu=$(sed -n 's/^stat::new_units_added: *//p' "$log")
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
	cov0=$(field 'INITED' 'cov:')
	ft0=$(field 'INITED' 'ft:')
	cov1=$(field 'cov:' 'cov:')
	ft1=$(field 'ft:' 'ft:')
	corp=$(field 'corp:' 'corp:')
	what=
	if grep -aq 'ERROR: libFuzzer: timeout' "$log"; then
		what=timeout
	elif grep -aq 'ERROR: LeakSanitizer' "$log"; then
		what=leak
	elif grep -aq -e 'out-of-memory' -e 'malloc limit' "$log"; then
		what=out-of-memory
	elif grep -aq 'ERROR: AddressSanitizer' "$log"; then
		what="crash ($(grep -a -m 1 'ERROR: AddressSanitizer' "$log" |
		    sed 's/.*AddressSanitizer: \([a-z-]*\).*/\1/'))"
	elif grep -aq 'runtime error:' "$log"; then
		what="undefined behaviour ($(grep -a -m 1 'runtime error:' \
		    "$log" | sed 's/.*runtime error: //' | cut -c 1-60))"
	elif grep -aq 'hybridlint fuzz oracle:' "$log"; then
		what="oracle ($(grep -a -m 1 'hybridlint fuzz oracle:' "$log" |
		    sed 's/.*oracle: //' | cut -c 1-60))"
	elif grep -aq 'fuzz target exited' "$log"; then
		what="exit() called"
	elif [ "$rc" -ne 0 ]; then
		what="failed (exit $rc)"
	fi
	artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" |
	    tail -n 1)
	if [ -z "$what" ]; then
		status=ok
	else
		status="FAIL: $what"
	fi
	{
		printf '%-9s %s: %s executions in %ss, cov %s -> %s, ft %s -> %s,' \
		    "$h" "$status" "${execs:-?}" "$secs" "${cov0:-?}" \
		    "${cov1:-?}" "${ft0:-?}" "${ft1:-?}"
		printf ' %s new units, corpus %s, peak RSS %s MB\n' \
		    "${newu:-?}" "${corp:-?}" "${rss:-?}"
		if [ -n "$what" ]; then
			printf '          log: %s\n' "$log"
			[ -n "$artifact" ] &&
			    printf '          input: %s\n          minimize: %s' \
			    "$artifact" "$bin -minimize_crash=1" &&
			    printf ' -max_total_time=120 -exact_artifact_path=%s %s\n' \
			    "$artifact.min" "$artifact"
		fi
	} >"$work/logs/$h.summary"
	[ -z "$what" ]
}

echo "run.sh: $harnesses, ${secs}s each, $parallel at a time, in $work"
n=0
for h in $harnesses; do
	rm -f "$work/logs/$h.summary"
	run_one "$h" &
	n=$((n + 1))
	if [ "$n" -ge "$parallel" ]; then
		wait
		n=0
	fi
done
wait

fail=0
for h in $harnesses; do
	if [ -f "$work/logs/$h.summary" ]; then
		cat "$work/logs/$h.summary"
		grep -q ' FAIL: ' "$work/logs/$h.summary" && fail=1
	else
		echo "$h: no result (see $work/logs/$h.log)"
		fail=1
	fi
done
[ "$fail" -eq 0 ] && echo "run.sh: no crash, leak or timeout" ||
	echo "run.sh: FAILED"
exit "$fail"
