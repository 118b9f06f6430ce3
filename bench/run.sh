#!/usr/bin/env bash
# Runway benchmark: W1-W5 side by side with their psql references.
#
#   bench/run.sh [--big] [--scale] [--only W1,W2,W3,W4,W5,V]
#
# Environment:
#   RUNWAY_BIN    runway binary (default: build-bench/runway, built Release
#                 if missing; or any build dir you point at)
#   RUNS          measured runs per command (default 3), WARMUP (default 1)
#   FAST_RUNS     runs for the millisecond workloads W3/W4/V (default 30)
#   W1_N          migrations in W1/W3/W5 (default 1000)
#   W2_MB         size of the W2 script in MB (default 100)
#   BENCH_DIR     work directory (default /tmp/runway-bench)
#   BENCH_PG_REUSE=1  use the running cluster named by RUNWAY_TEST_PG_HOST /
#                 RUNWAY_TEST_PG_PORT instead of starting a throwaway one
#
# Each measured pair runs A B A B ...: Runway, then its reference, on fresh
# databases created (outside the timed region) from the same template. Times
# are wall clock from bash's EPOCHREALTIME around the command alone; peak RSS
# comes from one extra run under /usr/bin/time -f %M. The table reports
# medians. References always use /usr/lib/postgresql/15/bin/psql (Debian's
# /usr/bin/psql is a Perl wrapper that adds ~40 ms per start).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PSQL=/usr/lib/postgresql/15/bin/psql
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
FAST_RUNS=${FAST_RUNS:-30}
W2_MB=${W2_MB:-100}
W1_N=${W1_N:-1000}
BENCH_DIR=${BENCH_DIR:-/tmp/runway-bench}
BIG=0
SCALE=0
ONLY=W1,W2,W3,W4,W5,V

while [ $# -gt 0 ]; do
  case $1 in
    --big) BIG=1 ;;
    --scale) SCALE=1 ;;
    --only) ONLY=$2; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
# shellcheck source=bench/workloads.sh
source "$HERE/workloads.sh"

ensure_runway
ensure_postgres
mkdir -p "$BENCH_DIR/samples"
rm -f "$BENCH_DIR"/samples/* "$BENCH_DIR/table.txt"

echo "runway: $RUNWAY_BIN; runs=$RUNS warmup=$WARMUP fast_runs=$FAST_RUNS"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

wants W1 && bench_w1
wants W2 && bench_w2
wants W3 && bench_w3
wants W4 && bench_w4
wants V && bench_version
wants W5 && bench_w5
[ "$BIG" = 1 ] && bench_w2_big
[ "$SCALE" = 1 ] && bench_scale

echo
echo "## $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before: $START_LOAD, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
print_table
