#!/bin/sh
# The MSP-scale benchmark (make bench): for each N, generate N customer
# organizations (tests/bench/gen.c), then time `hybridlint check` and
# `xmllint --noout` over the same XML files, interleaved, and print the
# medians: input bytes, wall time and peak RSS of both, the ratio, and
# hybridlint's RSS as a fraction of the input.  Also checks that one and
# two loader threads give the same findings.
#
#	tests/bench/run.sh [N...]	default: 100 400 1600
#
# Environment: HL (the binary, default ./hybridlint), BENCH_DIR (where
# the sets are generated, default /tmp/hybridlint-bench; reused when
# present), RUNS (interleaved runs per N, default 5).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
HL=${HL:-./hybridlint}
BENCH_DIR=${BENCH_DIR:-/tmp/hybridlint-bench}
RUNS=${RUNS:-5}
GEN=${GEN:-$BENCH_DIR/gen}
[ $# -gt 0 ] || set -- 100 400 1600

command -v xmllint >/dev/null || { echo "bench: xmllint is needed (libxml2-utils)"; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (package time)"; exit 2; }
mkdir -p "$BENCH_DIR"
[ -x "$GEN" ] || ${CC:-cc} -O2 -std=c11 -D_XOPEN_SOURCE=700 -o "$GEN" "$here/gen.c" || exit 2

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

printf '%-6s %12s %10s %10s %10s %8s %10s %8s\n' N input_MB hl_s hl_MB xmllint_s ratio xmllint_MB rss/in
for n in "$@"; do
	set_dir="$BENCH_DIR/n$n"
	if [ ! -f "$set_dir/topology.json" ]; then
		rm -rf "$set_dir"
		"$GEN" "$n" "$top/samples/varunagroup" "$set_dir" || exit 2
	fi
	find "$set_dir" -name '*.xml' | sort >"$BENCH_DIR/files"
	bytes=$(find "$set_dir" -type f -exec cat {} + | wc -c)
	: >"$BENCH_DIR/hl.t"; : >"$BENCH_DIR/hl.m"; : >"$BENCH_DIR/x.t"; : >"$BENCH_DIR/x.m"
	r=0
	while [ $r -lt "$RUNS" ]; do
		/usr/bin/time -f '%e %M' -o "$BENCH_DIR/t" "$HL" check --fail-on never -f json:"$BENCH_DIR/out.json" "$set_dir" >/dev/null 2>"$BENCH_DIR/err" ||
			{ echo "bench: hybridlint failed:"; cat "$BENCH_DIR/err"; exit 1; }
		awk '{ print $1 >> "'"$BENCH_DIR/hl.t"'"; print $2 >> "'"$BENCH_DIR/hl.m"'" }' "$BENCH_DIR/t"
		# One timed command over every file (xargs may need several
		# xmllint processes; they run one after another).
		/usr/bin/time -f '%e %M' -o "$BENCH_DIR/t" \
		    sh -c 'xargs xmllint --noout <"$1"' sh "$BENCH_DIR/files" ||
			{ echo "bench: xmllint failed"; exit 1; }
		awk '{ print $1 >> "'"$BENCH_DIR/x.t"'"; print $2 >> "'"$BENCH_DIR/x.m"'" }' "$BENCH_DIR/t"
		r=$((r + 1))
	done
	ht=$(median <"$BENCH_DIR/hl.t"); hm=$(median <"$BENCH_DIR/hl.m")
	xt=$(median <"$BENCH_DIR/x.t"); xm=$(median <"$BENCH_DIR/x.m")
	awk -v n="$n" -v b="$bytes" -v ht="$ht" -v hm="$hm" -v xt="$xt" -v xm="$xm" 'BEGIN {
		printf "%-6s %12.1f %10.2f %10.1f %10.2f %8.2f %10.1f %7.1f%%\n",
		    n, b / 1048576, ht, hm / 1024, xt, (xt > 0 ? ht / xt : 0), xm / 1024, hm * 1024 * 100 / b }'
	# The same findings with one and with two loader threads.
	HYBRIDLINT_JOBS=1 "$HL" check --fail-on never -f json:"$BENCH_DIR/j1.json" "$set_dir" >/dev/null 2>&1
	HYBRIDLINT_JOBS=2 "$HL" check --fail-on never -f json:"$BENCH_DIR/j2.json" "$set_dir" >/dev/null 2>&1
	cmp -s "$BENCH_DIR/j1.json" "$BENCH_DIR/j2.json" ||
		{ echo "bench: findings differ between one and two threads (N=$n)"; exit 1; }
done
echo "findings identical with 1 and 2 threads; $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
