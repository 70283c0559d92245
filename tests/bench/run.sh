#!/bin/sh
# The benchmark (make bench).  tests/bench/gen.c generates the input sets
# (deterministically; reused when present), then each set is linted with
# `hybridlint check --fail-on never -f json:FILE` under /usr/bin/time, a
# per-run timeout and caps on address space and output size, and the
# medians are printed: input size, wall time, CPU time (user + system),
# peak RSS, RSS/input, findings and output bytes, and for every step up
# in size the growth factor of time and memory per doubling
# (time(2x)/time(x), rss(2x)/rss(x)).  The MSP sets are also
# parsed by `xmllint --noout` (the same .xml files, interleaved runs) for
# a baseline, and linted with one and with two loader threads, which must
# give the same findings.
#
#	tests/bench/run.sh msp [N...]		MSP shape, N customers
#						(default 100 400 1600, and
#						3200 when the disk has room)
#	tests/bench/run.sh adv [DIM [COUNT...]]	adversarial dimensions, each
#						at 1x, 2x and 4x (default all:
#						orgs wildcards shared ips
#						domains certs)
#	tests/bench/run.sh all			msp, then adv (make bench)
#	tests/bench/run.sh selftest		quick checks of gen.c and of
#						this script (about 15 s)
#	tests/bench/run.sh N...			the same as msp N...
#
# Several selections may follow each other: `run.sh msp 100 adv orgs`.
#
# Environment: HL (the binary, default ./hybridlint), BENCH_DIR (where sets
# are generated, default /tmp/hybridlint-bench), RUNS (interleaved runs of
# an MSP size, default 5), ADV_RUNS (runs of an adversarial size, default
# 3), TIMEOUT (seconds a run may take, default 300; reported as
# "timeout"), SLOW (after a run longer than this many seconds the median
# is taken over the runs so far, default 60), MEM_LIMIT_MB (address space
# of a run, prlimit --as or ulimit -v, default three quarters of the
# memory; reported as "out of memory"), OUT_LIMIT_MB (the largest output
# file, prlimit --fsize or ulimit -f, default 2048; reported as "output
# over N MB"), CHECK_SECONDS (what the bounded-output check allows,
# default 10; it is stopped after CHECK_TIMEOUT, default 60), CC (to
# build gen.c).  Timings are only as good as the machine is quiet: the
# load average is printed before each series.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
HL=${HL:-./hybridlint}
case $HL in /*) ;; *) HL=$(pwd)/$HL ;; esac
BENCH_DIR=${BENCH_DIR:-/tmp/hybridlint-bench}
RUNS=${RUNS:-5}
ADV_RUNS=${ADV_RUNS:-3}
TIMEOUT=${TIMEOUT:-300}
SLOW=${SLOW:-60}
CHECK_SECONDS=${CHECK_SECONDS:-10}
CHECK_TIMEOUT=${CHECK_TIMEOUT:-60}
OUT_LIMIT_MB=${OUT_LIMIT_MB:-2048}
if [ -z "${MEM_LIMIT_MB:-}" ]; then
	MEM_LIMIT_MB=$(awk '/^MemTotal:/ { printf "%d", $2 * 3 / 4 / 1024 }' /proc/meminfo 2>/dev/null)
	[ -n "$MEM_LIMIT_MB" ] || MEM_LIMIT_MB=4096
fi
SAMPLES=$top/samples/varunagroup
# Limits on hybridlint alone, in bytes; ulimit in a subshell without it.
PRLIMIT=$(command -v prlimit || true)

# Adversarial dimensions: what they vary, and their 1x, 2x, 4x.
dim_counts() {
	case $1 in
	orgs|wildcards|domains|certs) echo 2500 5000 10000 ;;
	shared) echo 250 500 1000 ;;
	ips) echo 25000 50000 100000 ;;
	*) return 1 ;;
	esac
}
dim_text() {
	case $1 in
	orgs) echo "organizations, one tiny send connector export each" ;;
	wildcards) echo "inbound connectors in 4 tenants, each its own wildcard certificate name" ;;
	shared) echo "OnPremises inbound connectors in 4 tenants sharing *.varunagroup.de" ;;
	ips) echo "SenderIPAddresses (/24-/32, one /16) of each of two OnPremises connectors" ;;
	domains) echo "accepted domains of one hybrid organization and its tenant (and its MX, hybrid and recipient domains)" ;;
	certs) echo "SMTP certificates on one Edge server, with overlapping names" ;;
	esac
}
ALL_DIMS="orgs wildcards shared ips domains certs"

die() { echo "bench: $*" >&2; exit 2; }
note() { echo "# $*"; }

command -v timeout >/dev/null || die "timeout is needed (coreutils)"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed (package time)"
[ -x "$HL" ] || die "$HL: no such program (build first, or set HL)"
mkdir -p "$BENCH_DIR" || die "cannot create $BENCH_DIR"

# The generator, and sets made by an older one thrown away.
GEN=$BENCH_DIR/gen
stamp=$(cksum <"$here/gen.c" | cut -d' ' -f1)
if [ "$(cat "$BENCH_DIR/.gen-stamp" 2>/dev/null)" != "$stamp" ] || [ ! -x "$GEN" ]; then
	rm -rf "$BENCH_DIR"/msp-* "$BENCH_DIR"/adv-* "$BENCH_DIR"/selftest
	${CC:-cc} -O2 -std=c11 -Wall -Wextra -D_XOPEN_SOURCE=700 -o "$GEN" "$here/gen.c" ||
		die "cannot build gen.c"
	echo "$stamp" >"$BENCH_DIR/.gen-stamp"
fi

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# ensure_set NAME GEN-ARGS...: generate $BENCH_DIR/NAME unless complete
# (the manifest is written last).
ensure_set() {
	set_dir=$BENCH_DIR/$1
	shift
	[ -f "$set_dir/topology.json" ] && return 0
	rm -rf "$set_dir"
	t0=$(now)
	"$GEN" "$@" "$SAMPLES" "$set_dir" || die "gen $* failed"
	note "generated $(basename "$set_dir") in $(elapsed "$t0") s"
}

set_mb() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1048576 }'; }

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

findings_of() {
	if command -v jq >/dev/null; then
		jq '.findings | length' "$1" 2>/dev/null || echo "?"
	else
		grep -c '^      "rule": "HYB' "$1"
	fi
}

# run_hl DIR OUT [ENV...]: one timed run; sets st (ok, timeout, out of
# memory, failed), sec, kb.
run_hl() {
	_dir=$1 _out=$2
	shift 2
	rm -f "$_out" "$BENCH_DIR/t"
	if [ -n "$PRLIMIT" ]; then
		env "$@" /usr/bin/time -f '%e %M %x %U %S' -o "$BENCH_DIR/t" \
		    timeout -k 5 "$TIMEOUT" "$PRLIMIT" --as=$((MEM_LIMIT_MB * 1048576)) \
		    --fsize=$((OUT_LIMIT_MB * 1048576)) -- \
		    "$HL" check --fail-on never -f json:"$_out" "$_dir" >/dev/null 2>"$BENCH_DIR/err"
	else
		(
			ulimit -v $((MEM_LIMIT_MB * 1024)) 2>/dev/null
			ulimit -f $((OUT_LIMIT_MB * 2048)) 2>/dev/null
			exec env "$@" /usr/bin/time -f '%e %M %x %U %S' -o "$BENCH_DIR/t" \
			    timeout -k 5 "$TIMEOUT" "$HL" check --fail-on never -f json:"$_out" "$_dir"
		) >/dev/null 2>"$BENCH_DIR/err"
	fi
	_rc=$?
	set -- $(tail -n 1 "$BENCH_DIR/t" 2>/dev/null)
	sec=${1:-0} kb=${2:-0} _x=${3:-$_rc}
	cpu=$(awk -v u="${4:-0}" -v s="${5:-0}" 'BEGIN { print u + s }')
	# timeout(1) passes on the signal that killed the program.
	_sig=$(sed -n 's/^Command terminated by signal \([0-9]*\).*/\1/p' "$BENCH_DIR/t" 2>/dev/null)
	[ -n "$_sig" ] && _x=$((128 + _sig))
	if { [ "$_x" = 124 ] || [ "$_x" = 137 ]; } &&
	    awk -v s="$sec" -v t="$TIMEOUT" 'BEGIN { exit !(s >= t - 1) }'; then
		st=timeout
	elif [ "$_x" = 153 ]; then
		st="output over ${OUT_LIMIT_MB} MB"
	elif [ "$_x" -gt 128 ] 2>/dev/null; then
		st="killed by signal $((_x - 128))"
		head -n 5 "$BENCH_DIR/err" >&2
	elif grep -qi 'out of memory\|cannot allocate\|failed to map' "$BENCH_DIR/err"; then
		st="out of memory"
	elif [ "$_x" != 0 ] || [ ! -f "$_out" ]; then
		# A failed allocation is not always reported as one (a JSON
		# parser may call it a syntax error): retry without the cap.
		if timeout -k 5 "$TIMEOUT" env "$@" "$HL" check --fail-on never \
		    -f json:"$_out" "$_dir" >/dev/null 2>&1; then
			st="out of memory"
			note "a run over ${MEM_LIMIT_MB} MB said: $(head -n 1 "$BENCH_DIR/err" | cut -c1-160)"
		else
			st="failed"
			echo "bench: hybridlint exited $_x on $_dir:" >&2
			head -n 5 "$BENCH_DIR/err" >&2
		fi
	else
		st=ok
	fi
}

run_xmllint() {
	/usr/bin/time -f '%e %M' -o "$BENCH_DIR/t" \
	    sh -c 'xargs xmllint --noout <"$1"' sh "$BENCH_DIR/files" >/dev/null 2>&1 ||
		{ echo "bench: xmllint failed" >&2; return 1; }
	set -- $(tail -n 1 "$BENCH_DIR/t")
	xsec=$1 xkb=$2
}

# Growth per doubling from the previous size of the series.
prev_n= prev_t= prev_m=
growth() {
	if [ -n "$prev_n" ] && [ "$1" != "-" ]; then
		awk -v n0="$prev_n" -v n1="$2" -v a="$prev_t" -v b="$1" -v c="$prev_m" -v d="$3" 'BEGIN {
			k = log(n1 / n0) / log(2)
			if (a < 0.05) a = 0.05; if (b < 0.05) b = 0.05
			printf "%6.2f %6.2f", (b / a) ^ (1 / k), (d / c) ^ (1 / k) }'
	else
		printf "%6s %6s" - -
	fi
}

status=0
threads_check() {
	run_hl "$1" "$BENCH_DIR/j1.json" HYBRIDLINT_JOBS=1
	s1=$st
	run_hl "$1" "$BENCH_DIR/j2.json" HYBRIDLINT_JOBS=2
	if [ "$s1" != ok ] || [ "$st" != ok ]; then
		note "$2: 1/2 thread check not made ($s1, $st)"
	elif cmp -s "$BENCH_DIR/j1.json" "$BENCH_DIR/j2.json"; then
		threads_ok="$threads_ok $2"
	else
		echo "bench: findings differ between one and two loader threads ($2)" >&2
		status=1
	fi
}
threads_ok=

# measure NAME N RUNS XML: the runs of one set; prints its row.
measure() {
	_name=$1 _n=$2 _runs=$3 _xml=$4
	set_dir=$BENCH_DIR/$_name
	: >"$BENCH_DIR/hl.t"; : >"$BENCH_DIR/hl.m"; : >"$BENCH_DIR/hl.c"
	: >"$BENCH_DIR/x.t"; : >"$BENCH_DIR/x.m"
	[ "$_xml" = 1 ] && find "$set_dir" -name '*.xml' | sort >"$BENCH_DIR/files"
	mb=$(set_mb "$set_dir")
	r=0 res=ok
	while [ $r -lt "$_runs" ]; do
		run_hl "$set_dir" "$BENCH_DIR/out.json"
		if [ "$st" != ok ]; then
			res=$st
			break
		fi
		echo "$sec" >>"$BENCH_DIR/hl.t"
		echo "$kb" >>"$BENCH_DIR/hl.m"
		echo "$cpu" >>"$BENCH_DIR/hl.c"
		nf=$(findings_of "$BENCH_DIR/out.json")
		ob=$(wc -c <"$BENCH_DIR/out.json")
		if [ "$_xml" = 1 ]; then
			run_xmllint || { status=1; break; }
			echo "$xsec" >>"$BENCH_DIR/x.t"
			echo "$xkb" >>"$BENCH_DIR/x.m"
		fi
		r=$((r + 1))
		awk -v s="$sec" -v l="$SLOW" 'BEGIN { exit !(s > l) }' && break
	done
	if [ "$res" != ok ]; then
		printf '%-7s %9s  %-22s %s\n' "$_n" "$mb" "$res" "(after ${sec} s, cpu ${cpu} s, ${kb} KB; limits ${TIMEOUT} s, ${MEM_LIMIT_MB} MB)"
		return 1
	fi
	ht=$(median <"$BENCH_DIR/hl.t"); hm=$(median <"$BENCH_DIR/hl.m"); hc=$(median <"$BENCH_DIR/hl.c")
	g=$(growth "$ht" "$_n" "$hm")
	if [ "$_xml" = 1 ]; then
		xt=$(median <"$BENCH_DIR/x.t"); xm=$(median <"$BENCH_DIR/x.m")
		awk -v n="$_n" -v mb="$mb" -v ht="$ht" -v hc="$hc" -v hm="$hm" -v xt="$xt" \
		    -v xm="$xm" -v nf="$nf" -v ob="$ob" -v g="$g" -v r="$r" 'BEGIN {
			printf "%-7s %9.1f %8.2f %7.2f %8.1f %6.2f %7.2f %7.1f %6.1f %9d %9.1f %s %4d\n",
			    n, mb, ht, hc, hm / 1024, hm / 1024 / mb, xt, xm / 1024,
			    (xt > 0 ? ht / xt : 0), nf, ob / 1024, g, r }'
	else
		awk -v n="$_n" -v mb="$mb" -v ht="$ht" -v hc="$hc" -v hm="$hm" -v nf="$nf" \
		    -v ob="$ob" -v g="$g" -v r="$r" 'BEGIN {
			printf "%-7s %9.1f %8.2f %7.2f %8.1f %6.2f %9d %9.1f %s %4d\n",
			    n, mb, ht, hc, hm / 1024, hm / 1024 / mb, nf, ob / 1024, g, r }'
	fi
	prev_n=$_n prev_t=$ht prev_m=$hm
	last_sec=$ht last_ob=$ob
	return 0
}

# The disk must hold a set of N customers (about 0.85 MB each).
msp_fits() {
	[ -f "$BENCH_DIR/msp-$1/topology.json" ] && return 0
	free_mb=$(df -Pm "$BENCH_DIR" | awk 'NR == 2 { print $4 }')
	need_mb=$(($1 * 9 / 10 + 1024))
	[ "$free_mb" -ge "$need_mb" ]
}

run_msp() {
	[ $# -gt 0 ] || set -- 100 400 1600 3200
	command -v xmllint >/dev/null || die "xmllint is needed (libxml2-utils)"
	echo
	echo "== msp: N customers of a provider; hybridlint check --fail-on never -f json:FILE against xmllint --noout over the same .xml files"
	echo "   medians of up to $RUNS interleaved runs; t_x2, m_x2: growth of time and peak RSS per doubling of N"
	note "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	printf '%-7s %9s %8s %7s %8s %6s %7s %7s %6s %9s %9s %6s %6s %4s\n' \
	    N input_MB hl_s cpu_s hl_MB rss/in xml_s xml_MB ratio findings out_KB t_x2 m_x2 runs
	prev_n= prev_t= prev_m=
	for n in "$@"; do
		if ! msp_fits "$n"; then
			note "msp $n skipped: $free_mb MB free in $BENCH_DIR, about $need_mb MB needed"
			continue
		fi
		ensure_set "msp-$n" msp "$n"
		measure "msp-$n" "$n" "$RUNS" 1 || { note "larger N skipped"; break; }
		threads_check "$BENCH_DIR/msp-$n" "msp $n"
	done
}

run_adv_dim() {
	d=$1
	shift
	[ $# -gt 0 ] || set -- $(dim_counts "$d")
	echo
	ob1=
	echo "== adv $d: $(dim_text "$d")"
	echo "   medians of up to $ADV_RUNS runs; t_x2, m_x2: growth of time and peak RSS per doubling"
	note "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	printf '%-7s %9s %8s %7s %8s %6s %9s %9s %6s %6s %4s\n' \
	    count input_MB hl_s cpu_s hl_MB rss/in findings out_KB t_x2 m_x2 runs
	prev_n= prev_t= prev_m=
	first=1
	for n in "$@"; do
		ensure_set "adv-$d-$n" adv "$d" "$n"
		if ! measure "adv-$d-$n" "$n" "$ADV_RUNS" 0; then
			note "larger counts skipped"
			break
		fi
		# The 1 and 2 thread check on the smallest count, unless slow.
		if [ $first = 1 ]; then
			if awk -v s="$last_sec" -v l="$SLOW" 'BEGIN { exit !(s <= l) }'; then
				threads_check "$BENCH_DIR/adv-$d-$n" "adv $d $n"
			else
				note "1/2 thread check skipped: slower than $SLOW s"
			fi
		fi
		first=0
		ob1=$last_ob
	done
	# The bounded-output check: 10,000 connectors sharing one wildcard,
	# run once.  It must finish in seconds and its output may grow no
	# more than linearly (x1.5) from the 1,000 case.
	if [ "$d" = shared ] && [ "$*" = "$(dim_counts shared)" ]; then
		ensure_set "adv-shared-10000" adv shared 10000
		echo "-- check: 10000 OnPremises connectors sharing one wildcard, run once: must finish within ${CHECK_SECONDS} s"
		echo "   with at most 15 times the output of 1000 (stopped after ${CHECK_TIMEOUT} s)"
		prev_n=
		saved=$TIMEOUT
		TIMEOUT=$CHECK_TIMEOUT
		measure "adv-shared-10000" 10000 1 0
		ok=$?
		TIMEOUT=$saved
		if [ $ok = 0 ]; then
			if awk -v s="$last_sec" -v c="$CHECK_SECONDS" -v o="$last_ob" -v o1="${ob1:-0}" \
			    'BEGIN { exit !(s <= c && (o1 == 0 || o <= o1 * 10 * 1.5)) }'; then
				echo "-- check passed"
			else
				echo "-- check FAILED (${last_sec} s, $last_ob output bytes; 1000 connectors gave ${ob1:-?})"
			fi
		else
			echo "-- check FAILED (did not finish)"
		fi
	fi
}

run_adv() {
	if [ $# -eq 0 ]; then
		for d in $ALL_DIMS; do
			run_adv_dim "$d"
		done
		return
	fi
	while [ $# -gt 0 ]; do
		d=$1
		shift
		dim_counts "$d" >/dev/null || die "no dimension $d ($ALL_DIMS)"
		counts=
		while [ $# -gt 0 ] && case $1 in [0-9]*) true ;; *) false ;; esac; do
			counts="$counts $1"
			shift
		done
		run_adv_dim "$d" $counts
	done
}

# Quick checks: gen.c builds warning-free, the same arguments give the
# same bytes, the sets are well-formed and load without a diagnostic, and
# the runner reports timeouts and memory exhaustion.
selftest() {
	sd=$BENCH_DIR/selftest
	rm -rf "$sd"
	mkdir -p "$sd"
	${CC:-cc} -O2 -std=c11 -Wall -Wextra -Werror -D_XOPEN_SOURCE=700 -o "$sd/gen" "$here/gen.c" ||
		die "selftest: gen.c does not build warning-free"
	for spec in "msp 24" "adv orgs 40" "adv wildcards 40" "adv shared 40" \
	    "adv ips 300" "adv domains 40" "adv certs 40"; do
		name=$(echo "$spec" | tr ' ' -)
		"$sd/gen" $spec "$SAMPLES" "$sd/$name.a" || die "selftest: gen $spec failed"
		"$sd/gen" $spec "$SAMPLES" "$sd/$name.b" || die "selftest: gen $spec failed"
		(cd "$sd/$name.a" && find . -type f | sort) >"$sd/files.a"
		(cd "$sd/$name.b" && find . -type f | sort) >"$sd/files.b"
		cmp -s "$sd/files.a" "$sd/files.b" || die "selftest: gen $spec: different files"
		while read -r f; do
			cmp -s "$sd/$name.a/$f" "$sd/$name.b/$f" ||
				die "selftest: gen $spec: $f differs between two runs"
		done <"$sd/files.a"
		if command -v xmllint >/dev/null; then
			find "$sd/$name.a" -name '*.xml' -print0 | xargs -0 -r xmllint --noout ||
				die "selftest: gen $spec: malformed XML"
		fi
		if command -v jq >/dev/null && command -v iconv >/dev/null; then
			find "$sd/$name.a" -name '*.json' | while read -r f; do
				if [ "$(head -c 2 "$f" | od -An -tx1 | tr -d ' ')" = fffe ]; then
					iconv -f UTF-16LE -t UTF-8 "$f"
				else
					cat "$f"
				fi | sed '1s/^\xEF\xBB\xBF//' | jq empty 2>/dev/null ||
					{ echo "$f"; break; }
			done >"$sd/badjson"
			[ -s "$sd/badjson" ] && die "selftest: gen $spec: malformed JSON: $(cat "$sd/badjson")"
		fi
		run_hl "$sd/$name.a" "$sd/out.json"
		[ "$st" = ok ] || die "selftest: hybridlint on gen $spec: $st"
		[ -s "$BENCH_DIR/err" ] && die "selftest: hybridlint on gen $spec: $(head -n 3 "$BENCH_DIR/err")"
		threads_check "$sd/$name.a" "$spec"
		[ $status = 0 ] || die "selftest: gen $spec: 1 and 2 loader threads differ"
		echo "selftest: gen $spec: $(set_mb "$sd/$name.a") MB, same bytes twice, well-formed, $(findings_of "$sd/out.json") findings"
		rm -rf "$sd/$name.b"
	done
	saved=$TIMEOUT
	TIMEOUT=0.01
	run_hl "$sd/msp-24.a" "$sd/out.json"
	TIMEOUT=$saved
	[ "$st" = timeout ] || die "selftest: a run over its time is reported as '$st', not 'timeout'"
	saved=$MEM_LIMIT_MB
	# 16 MB: the program cannot even be loaded; 48 MB: (here) its
	# allocations fail while it reads the exports.
	for MEM_LIMIT_MB in 16 48; do
		run_hl "$sd/msp-24.a" "$sd/out.json"
		[ "$st" = "out of memory" ] || [ "$MEM_LIMIT_MB:$st" = 48:ok ] ||
			die "selftest: a run over ${MEM_LIMIT_MB} MB is reported as '$st', not 'out of memory'"
	done
	MEM_LIMIT_MB=$saved
	saved=$OUT_LIMIT_MB
	OUT_LIMIT_MB=0
	run_hl "$sd/msp-24.a" "$sd/out.json"
	OUT_LIMIT_MB=$saved
	case $st in "output over"*) ;; *) die "selftest: a run over its output limit is reported as '$st'" ;; esac
	echo "selftest: timeout, out of memory and output over the limit reported as such"
	rm -rf "$sd"
	echo "selftest: ok"
}

[ $# -gt 0 ] || set -- msp
t_start=$(now)
while [ $# -gt 0 ]; do
	case $1 in
	selftest)
		shift
		selftest
		exit $status
		;;
	all)
		shift
		run_msp
		run_adv
		;;
	msp)
		shift
		ns=
		while [ $# -gt 0 ] && case $1 in [0-9]*) true ;; *) false ;; esac; do
			ns="$ns $1"
			shift
		done
		run_msp $ns
		;;
	adv)
		shift
		args=
		while [ $# -gt 0 ] && [ "$1" != msp ] && [ "$1" != all ] && [ "$1" != adv ]; do
			args="$args $1"
			shift
		done
		run_adv $args
		;;
	[0-9]*)
		ns=
		while [ $# -gt 0 ] && case $1 in [0-9]*) true ;; *) false ;; esac; do
			ns="$ns $1"
			shift
		done
		run_msp $ns
		;;
	*)
		die "usage: run.sh [msp [N...]] [adv [DIM [COUNT...]]...] | all | selftest"
		;;
	esac
done
echo
[ -n "$threads_ok" ] && echo "findings identical with 1 and 2 loader threads:$threads_ok"
echo "$(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/^MemTotal:/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); limits: ${TIMEOUT} s, ${MEM_LIMIT_MB} MB a run; took $(elapsed "$t_start") s"
exit $status
