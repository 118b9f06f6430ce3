#!/usr/bin/env bash
# Before/after of a code change: two runway binaries, alternately, on W1 and
# W3 (the workloads where Runway's own CPU shows).
#
#   bench/compare.sh OLD_BINARY NEW_BINARY
#
# Same environment as run.sh (RUNS, WARMUP, FAST_RUNS, W1_N, BENCH_DIR,
# BENCH_PG_REUSE). Prints medians for each binary and new/old ratios.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PSQL=/usr/lib/postgresql/15/bin/psql
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
FAST_RUNS=${FAST_RUNS:-30}
W1_N=${W1_N:-1000}
BENCH_DIR=${BENCH_DIR:-/tmp/runway-bench}
[ $# = 2 ] || { sed -n '2,9p' "$0"; exit 2; }
OLD=$1
NEW=$2

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
# shellcheck source=bench/workloads.sh
source "$HERE/workloads.sh"

RUNWAY_BIN=$OLD
ensure_postgres
mkdir -p "$BENCH_DIR/samples"
rm -f "$BENCH_DIR"/samples/*
gen_w1 "$W1_N"
dir=$BENCH_DIR/w1_$W1_N
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

for ((r = -WARMUP; r < RUNS; r++)); do
  for side in old new; do
    if [ $side = old ]; then RUNWAY_BIN=$OLD; else RUNWAY_BIN=$NEW; fi
    fresh_db bench_a
    t=$(time_ms rw_migrate bench_a "$dir/sql")
    [ "$r" -ge 0 ] && record "W1.$side" "$t"
  done
done

fresh_db bench_w3
RUNWAY_BIN=$OLD rw_migrate bench_w3 "$dir/sql" >/dev/null 2>&1
for ((r = -WARMUP; r < FAST_RUNS; r++)); do
  for side in old new; do
    if [ $side = old ]; then RUNWAY_BIN=$OLD; else RUNWAY_BIN=$NEW; fi
    t=$(time_ms rw_migrate bench_w3 "$dir/sql")
    [ "$r" -ge 0 ] && record "W3.$side" "$t"
  done
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for w in W1 W3; do
  o=$(median "$w.old")
  n=$(median "$w.new")
  echo "$w: old $o ms, new $n ms, new/old $(awk -v a="$n" -v b="$o" 'BEGIN { printf "%.2f", a / b }')"
done
