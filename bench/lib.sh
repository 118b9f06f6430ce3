# Helpers for bench/run.sh: the binary, the cluster, timing and the table.
# shellcheck shell=bash

ensure_runway() {
  if [ -z "${RUNWAY_BIN:-}" ]; then
    RUNWAY_BIN=$ROOT/build-bench/runway
    if [ ! -x "$RUNWAY_BIN" ]; then
      echo "building Release runway in $ROOT/build-bench ..."
      cmake -S "$ROOT" -B "$ROOT/build-bench" -G Ninja \
        -DCMAKE_BUILD_TYPE=Release >/dev/null
      cmake --build "$ROOT/build-bench" --target runway -j2 >/dev/null
    fi
  fi
  [ -x "$RUNWAY_BIN" ] || { echo "no runway binary at $RUNWAY_BIN" >&2; exit 2; }
}

BENCH_STARTED_PG=0
ensure_postgres() {
  if [ "${BENCH_PG_REUSE:-0}" = 1 ]; then
    : "${RUNWAY_TEST_PG_HOST:?BENCH_PG_REUSE=1 needs RUNWAY_TEST_PG_HOST}"
    : "${RUNWAY_TEST_PG_PORT:?BENCH_PG_REUSE=1 needs RUNWAY_TEST_PG_PORT}"
  else
    # shellcheck source=scripts/lib/postgres.sh
    source "$ROOT/scripts/lib/postgres.sh"
    rm -rf "$BENCH_DIR/pg"
    pg_start "$BENCH_DIR/pg"
    BENCH_STARTED_PG=1
    trap 'pg_stop' EXIT
  fi
  PGH=$RUNWAY_TEST_PG_HOST
  PGP=$RUNWAY_TEST_PG_PORT
}

# psql against database $1 with the rest of the arguments.
pg() {
  local db=$1
  shift
  "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$PGH" -p "$PGP" -U postgres -d "$db" "$@"
}
pg_admin() { PGOPTIONS="-c client_min_messages=warning" pg postgres -c "$1" >/dev/null; }
fresh_db() {
  pg_admin "DROP DATABASE IF EXISTS $1"
  pg_admin "CREATE DATABASE $1 TEMPLATE ${2:-template0}"
}
drop_db() { pg_admin "DROP DATABASE IF EXISTS $1"; }

# runway against database $1; the rest are runway arguments.
runway_on() {
  local db=$1
  shift
  "$RUNWAY_BIN" "-url=host=$PGH port=$PGP dbname=$db user=postgres" "$@"
}

# Runs "$@" with output discarded and prints the wall time in ms. Fails the
# benchmark when the command fails: a fast wrong answer is no result.
time_ms() {
  local t0 t1
  t0=$EPOCHREALTIME
  if ! "$@" >/dev/null 2>"$BENCH_DIR/last.err"; then
    echo "command failed: $*" >&2
    tail -20 "$BENCH_DIR/last.err" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }'
}

# Peak RSS in KiB of one run of "$@".
peak_rss_kib() {
  /usr/bin/time -f %M -o "$BENCH_DIR/rss" "$@" >/dev/null 2>/dev/null
  tail -1 "$BENCH_DIR/rss"
}

record() { echo "$2" >>"$BENCH_DIR/samples/$1"; }
median() {
  sort -n "$BENCH_DIR/samples/$1" |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
      if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Adds a row: name, runway sample key, reference sample key (or ""), target
# text, runway peak RSS in KiB (or ""), reference peak RSS in KiB (or "").
TABLE_ROWS=()
add_row() { TABLE_ROWS+=("$1|$2|$3|$4|${5:-}|${6:-}"); }
fmt_rss() {
  [ -n "$1" ] || { echo "—"; return; }
  awk -v k="$1" 'BEGIN { printf "%.1f MiB\n", k / 1024 }'
}

fmt_ms() {
  awk -v v="$1" 'BEGIN { if (v == "-") print "-";
    else if (v >= 1000) printf "%.2f s\n", v / 1000; else printf "%.1f ms\n", v }'
}

print_table() {
  local row name a b target rss rss_ref ma mb ratio
  {
    echo "| workload | runway (median) | reference (median) | ratio | target | peak RSS runway / reference |"
    echo "|---|---|---|---|---|---|"
    for row in "${TABLE_ROWS[@]}"; do
      IFS='|' read -r name a b target rss rss_ref <<<"$row"
      ma=$(median "$a")
      if [ -n "$b" ]; then
        mb=$(median "$b")
        ratio=$(awk -v x="$ma" -v y="$mb" 'BEGIN { printf "%.2f×", x / y }')
        mb=$(fmt_ms "$mb")
      else
        mb="—"
        ratio="—"
      fi
      echo "| $name | $(fmt_ms "$ma") | $mb | $ratio | $target |" \
        "$(fmt_rss "$rss") / $(fmt_rss "$rss_ref") |"
    done
  } | tee "$BENCH_DIR/table.txt"
}
