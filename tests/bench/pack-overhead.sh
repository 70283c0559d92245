#!/bin/sh
# pack-overhead.sh [N] [RULES]: what a rule pack of RULES rules
# (tests/bench/gen-pack.sh, default 100) adds to `hybridlint check` on
# the MSP benchmark set of N organizations (tests/bench/gen.c, default
# 400): the median wall time and peak RSS of RUNS interleaved runs
# without and with the pack, and the ratio.  The pack's rules must also
# pass `rules test`-free loading (a pack error fails the script).
#
# Environment: HL (default ./hybridlint), BENCH_DIR (default
# /tmp/hybridlint-bench), RUNS (default 5), LIMIT (the largest ratio
# accepted, default 1.20: exit 1 above it).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
HL=${HL:-./hybridlint}
BENCH_DIR=${BENCH_DIR:-/tmp/hybridlint-bench}
RUNS=${RUNS:-5}
LIMIT=${LIMIT:-1.20}
n=${1:-400}
rules=${2:-100}
GEN=${GEN:-$BENCH_DIR/gen}

[ -x /usr/bin/time ] || { echo "pack-overhead: /usr/bin/time is needed (package time)"; exit 2; }
mkdir -p "$BENCH_DIR"
[ -x "$GEN" ] || ${CC:-cc} -O2 -std=c11 -D_XOPEN_SOURCE=700 -o "$GEN" "$here/gen.c" || exit 2
set_dir="$BENCH_DIR/n$n"
if [ ! -f "$set_dir/topology.json" ]; then
	rm -rf "$set_dir"
	"$GEN" "$n" "$top/samples/varunagroup" "$set_dir" || exit 2
fi
pack="$BENCH_DIR/pack$rules.json"
sh "$here/gen-pack.sh" "$rules" >"$pack" || exit 2
"$HL" rules --rules "$pack" >/dev/null || { echo "pack-overhead: the pack does not load"; exit 2; }

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

: >"$BENCH_DIR/b.t"; : >"$BENCH_DIR/b.m"; : >"$BENCH_DIR/p.t"; : >"$BENCH_DIR/p.m"
r=0
while [ $r -lt "$RUNS" ]; do
	/usr/bin/time -f '%e %M' -o "$BENCH_DIR/t" "$HL" check --fail-on never \
	    -f json:"$BENCH_DIR/base.json" "$set_dir" >/dev/null 2>"$BENCH_DIR/err" ||
		{ echo "pack-overhead: check failed:"; cat "$BENCH_DIR/err"; exit 2; }
	awk '{ print $1 >> "'"$BENCH_DIR/b.t"'"; print $2 >> "'"$BENCH_DIR/b.m"'" }' "$BENCH_DIR/t"
	/usr/bin/time -f '%e %M' -o "$BENCH_DIR/t" "$HL" check --fail-on never \
	    --rules "$pack" -f json:"$BENCH_DIR/pack.json" "$set_dir" >/dev/null 2>"$BENCH_DIR/err" ||
		{ echo "pack-overhead: check with the pack failed:"; cat "$BENCH_DIR/err"; exit 2; }
	awk '{ print $1 >> "'"$BENCH_DIR/p.t"'"; print $2 >> "'"$BENCH_DIR/p.m"'" }' "$BENCH_DIR/t"
	r=$((r + 1))
done
bt=$(median <"$BENCH_DIR/b.t"); bm=$(median <"$BENCH_DIR/b.m")
pt=$(median <"$BENCH_DIR/p.t"); pm=$(median <"$BENCH_DIR/p.m")
nf=$(grep -c '"rule": "BENCH-' "$BENCH_DIR/pack.json")
awk -v n="$n" -v r="$rules" -v bt="$bt" -v bm="$bm" -v pt="$pt" -v pm="$pm" -v nf="$nf" -v lim="$LIMIT" 'BEGIN {
	printf "N=%s, %s pack rules (%s findings): time %.2f s -> %.2f s (x%.3f), RSS %.1f MB -> %.1f MB (x%.3f)\n",
	    n, r, nf, bt, pt, pt / bt, bm / 1024, pm / 1024, pm / bm
	exit (pt / bt > lim || pm / bm > lim) ? 1 : 0 }'
rc=$?
echo "$(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
exit $rc
