# Workload generators and measurements for bench/run.sh.
# shellcheck shell=bash

url_of() { echo "-url=host=$PGH port=$PGP dbname=$1 user=postgres"; }
migrate_cmd() { echo "$RUNWAY_BIN"; }
rw_migrate() { "$RUNWAY_BIN" "$(url_of "$1")" "-locations=filesystem:$2" migrate; }
rw_info() { "$RUNWAY_BIN" "$(url_of "$1")" "-locations=filesystem:$2" info; }

HISTORY_DDL='CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL, "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL, "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL, "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL, "success" BOOLEAN NOT NULL);
ALTER TABLE "public"."flyway_schema_history"
  ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx"
  ON "public"."flyway_schema_history" ("success");'

# W1 with $1 migrations: sql/V<i>__t_<i>.sql, and floor.sql, the psql
# one-session floor: per migration BEGIN; <script>; history INSERT; COMMIT.
gen_w1() {
  local n=$1 dir=$BENCH_DIR/w1_$1 i body
  [ -f "$dir/done" ] && return
  rm -rf "$dir"
  mkdir -p "$dir/sql"
  {
    echo "$HISTORY_DDL"
    for ((i = 1; i <= n; i++)); do
      body="CREATE TABLE t_$i (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, created TIMESTAMP DEFAULT now());
INSERT INTO t_$i (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three');"
      printf '%s\n' "$body" >"$dir/sql/V${i}__t_$i.sql"
      printf 'BEGIN;\n%s\n' "$body"
      printf 'INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (%d, %s, %s, %s, %s, %d, %s, %d, %s);\nCOMMIT;\n' \
        "$i" "'$i'" "'t $i'" "'SQL'" "'V${i}__t_$i.sql'" "$((i * 7919))" "'postgres'" 3 true
    done
  } >"$dir/floor.sql"
  touch "$dir/done"
}

# W2 of $1 MB: one script, CREATE TABLE then multi-row INSERTs on ~95 KB lines.
gen_w2() {
  local mb=$1 dir=$BENCH_DIR/w2_$1 lines i
  [ -f "$dir/done" ] && return
  rm -rf "$dir"
  mkdir -p "$dir/sql"
  # Ten distinct ~95 KB lines, repeated to the size asked for.
  awk 'BEGIN {
    pad = "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789";
    id = 0;
    for (l = 0; l < 10; l++) {
      line = "INSERT INTO big (id, name, payload) VALUES ";
      for (r = 0; r < 950; r++) {
        id++;
        line = line (r ? ", " : "") "(" id ", '\''row " id "'\'', '\''" pad "'\'')";
      }
      print line ";";
    }
  }' >"$dir/block.sql"
  lines=$(((mb * 1024 * 1024) / $(stat -c %s "$dir/block.sql")))
  [ "$lines" -ge 1 ] || lines=1
  {
    echo "CREATE TABLE big (id BIGINT, name VARCHAR(40), payload VARCHAR(200));"
    for ((i = 0; i < lines; i++)); do cat "$dir/block.sql"; done
  } >"$dir/sql/V1__big.sql"
  rm "$dir/block.sql"
  touch "$dir/done"
}

# W4: $1 trivial migrations (applied once, then `info` is measured).
gen_w4() {
  local n=$1 dir=$BENCH_DIR/w4_$1 i
  [ -f "$dir/done" ] && return
  rm -rf "$dir"
  mkdir -p "$dir/sql"
  for ((i = 1; i <= n; i++)); do
    echo "SELECT $i;" >"$dir/sql/V${i}__m_$i.sql"
  done
  touch "$dir/done"
}

# Runs `runway migrate` and the floor on fresh databases, alternately.
# $1 = sample key prefix, $2 = W1 dir, $3 = runs.
pair_w1() {
  local key=$1 dir=$2 runs=$3 r t a
  for ((r = -WARMUP; r < runs; r++)); do
    fresh_db bench_a
    a=$(time_ms rw_migrate bench_a "$dir/sql")
    [ "$r" -ge 0 ] && record "$key.runway" "$a"
    fresh_db bench_b
    t=$(time_ms pg bench_b -f "$dir/floor.sql")
    [ "$r" -ge 0 ] && record "$key.ref" "$t"
    echo "  $key run $r: runway $a ms, floor $t ms"
  done
}

bench_w1() {
  echo "W1: $W1_N migrations, fresh database each run"
  gen_w1 "$W1_N"
  local dir=$BENCH_DIR/w1_$W1_N
  pair_w1 W1 "$dir" "$RUNS"
  fresh_db bench_a
  local rss
  rss=$(peak_rss_kib "$RUNWAY_BIN" "$(url_of bench_a)" \
    "-locations=filesystem:$dir/sql" migrate)
  add_row "W1: $W1_N migrations, fresh DB" W1.runway W1.ref \
    "≤ 1.05× (psql one-session floor)" "$rss"
}

pair_w2() {
  local key=$1 dir=$2 runs=$3 r t a
  for ((r = -WARMUP; r < runs; r++)); do
    fresh_db bench_a
    a=$(time_ms rw_migrate bench_a "$dir/sql")
    [ "$r" -ge 0 ] && record "$key.runway" "$a"
    fresh_db bench_b
    t=$(time_ms pg bench_b -1 -f "$dir/sql/V1__big.sql")
    [ "$r" -ge 0 ] && record "$key.ref" "$t"
    echo "  $key run $r: runway $a ms, psql -1 -f $t ms"
  done
}

bench_w2() {
  echo "W2: one ${W2_MB} MB script, fresh database each run"
  gen_w2 "$W2_MB"
  local dir=$BENCH_DIR/w2_$W2_MB rss rss_ref
  pair_w2 W2 "$dir" "$RUNS"
  fresh_db bench_a
  rss=$(peak_rss_kib "$RUNWAY_BIN" "$(url_of bench_a)" \
    "-locations=filesystem:$dir/sql" migrate)
  fresh_db bench_b
  rss_ref=$(peak_rss_kib "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$PGH" -p "$PGP" \
    -U postgres -d bench_b -1 -f "$dir/sql/V1__big.sql")
  add_row "W2: one ${W2_MB} MB script" W2.runway W2.ref \
    "≤ 1.0×, RSS ≤ 16 MiB (\`psql -1 -f\`)" "$rss" "$rss_ref"
}

bench_w2_big() {
  echo "W2 big: one 1 GB script (memory check, one run)"
  gen_w2 1024
  local dir=$BENCH_DIR/w2_1024 rss t0 t
  fresh_db bench_a
  t0=$EPOCHREALTIME
  rss=$(peak_rss_kib "$RUNWAY_BIN" "$(url_of bench_a)" \
    "-locations=filesystem:$dir/sql" migrate)
  t=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", (b - a) * 1000 }')
  record W2big.runway "$t"
  add_row "W2 at 1 GB (one run)" W2big.runway "" "RSS ≤ 16 MiB" "$rss"
  drop_db bench_a
}

bench_w3() {
  echo "W3: migrate with all $W1_N applied"
  gen_w1 "$W1_N"
  local dir=$BENCH_DIR/w1_$W1_N r t rss
  fresh_db bench_w3
  rw_migrate bench_w3 "$dir/sql" >/dev/null 2>&1
  for ((r = -WARMUP; r < FAST_RUNS; r++)); do
    t=$(time_ms rw_migrate bench_w3 "$dir/sql")
    [ "$r" -ge 0 ] && record W3.runway "$t"
    t=$(time_ms pg bench_w3 -At -c \
      'SELECT * FROM "public"."flyway_schema_history" ORDER BY "installed_rank"')
    [ "$r" -ge 0 ] && record W3.ref "$t"
  done
  rss=$(peak_rss_kib "$RUNWAY_BIN" "$(url_of bench_w3)" \
    "-locations=filesystem:$dir/sql" migrate)
  add_row "W3: migrate, $W1_N applied" W3.runway W3.ref \
    "≤ 1.3× (psql connect + SELECT history)" "$rss"
}

bench_w4() {
  echo "W4: info with 10,000 applied (applying them first takes a while)"
  gen_w4 10000
  local dir=$BENCH_DIR/w4_10000 r t rss
  if [ "$(pg postgres -At -c "SELECT count(*) FROM pg_database WHERE datname = 'bench_w4'")" = 0 ]; then
    pg_admin "CREATE DATABASE bench_w4"
    rw_migrate bench_w4 "$dir/sql" >/dev/null 2>&1
  fi
  for ((r = -WARMUP; r < FAST_RUNS; r++)); do
    t=$(time_ms rw_info bench_w4 "$dir/sql")
    [ "$r" -ge 0 ] && record W4.runway "$t"
  done
  rss=$(peak_rss_kib "$RUNWAY_BIN" "$(url_of bench_w4)" \
    "-locations=filesystem:$dir/sql" info)
  add_row "W4: info, 10,000 applied" W4.runway "" "≤ 150 ms" "$rss"
}

bench_version() {
  echo "V: runway --version vs /bin/true"
  local r t rss
  for ((r = -WARMUP; r < FAST_RUNS * 3; r++)); do
    t=$(time_ms "$RUNWAY_BIN" --version)
    [ "$r" -ge 0 ] && record V.runway "$t"
    t=$(time_ms /bin/true)
    [ "$r" -ge 0 ] && record V.ref "$t"
  done
  rss=$(peak_rss_kib "$RUNWAY_BIN" --version)
  # The target is an absolute 3 ms above /bin/true; print both.
  local a b
  a=$(median V.runway)
  b=$(median V.ref)
  echo "  runway --version $a ms, /bin/true $b ms: difference $(awk -v x="$a" -v y="$b" 'BEGIN { printf "%.2f", x - y }') ms"
  add_row "\`runway --version\`" V.runway V.ref "≤ 3 ms (\`/bin/true\`)" "$rss"
}

# 30 runners at once on one fresh W1 database; all must exit 0.
many_runners() {
  local db=$1 dir=$2 n=$3 i pids=() failed=0
  for ((i = 0; i < n; i++)); do
    rw_migrate "$db" "$dir/sql" >/dev/null 2>"$BENCH_DIR/w5.$i.err" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || failed=$((failed + 1)); done
  if [ "$failed" != 0 ]; then
    echo "W5: $failed of $n runners failed" >&2
    cat "$BENCH_DIR"/w5.*.err | sort | uniq -c | head >&2
    return 1
  fi
}

# The least 29 extra runners can cost: one runway applies W1 while 29 psql
# sessions start beside it, each waiting for the migration lock in shared
# mode (Flyway's key for "public"."flyway_schema_history") and then reading
# the history, as a runner that finds nothing to do must. A checker that
# gets in before the table exists fails its SELECT; that only makes the
# floor cheaper.
runner_and_psql_checkers() {
  local db=$1 dir=$2 n=$3 i pids=() status=0
  rw_migrate "$db" "$dir/sql" >/dev/null 2>"$BENCH_DIR/w5.floor.err" &
  local runner=$!
  for ((i = 1; i < n; i++)); do
    pg "$db" -At -c "SELECT pg_advisory_lock_shared(77433833903597)" \
      -c 'SELECT * FROM "public"."flyway_schema_history" ORDER BY "installed_rank"' \
      >/dev/null 2>&1 &
    pids+=($!)
  done
  wait "$runner" || status=1
  for i in "${pids[@]}"; do wait "$i" || true; done
  return "$status"
}

bench_w5() {
  echo "W5: 30 runners at once on W1 vs one runner (and vs one runner + 29 psql checkers)"
  gen_w1 "$W1_N"
  local dir=$BENCH_DIR/w1_$W1_N r t a f
  for ((r = -WARMUP; r < RUNS; r++)); do
    fresh_db bench_a
    a=$(time_ms many_runners bench_a "$dir" 30)
    [ "$r" -ge 0 ] && record W5.runway "$a"
    fresh_db bench_b
    t=$(time_ms rw_migrate bench_b "$dir/sql")
    [ "$r" -ge 0 ] && record W5.ref "$t"
    fresh_db bench_a
    f=$(time_ms runner_and_psql_checkers bench_a "$dir" 30)
    [ "$r" -ge 0 ] && record W5.floor "$f"
    echo "  W5 run $r: 30 runners $a ms, one runner $t ms, one runner + 29 psql checkers $f ms"
  done
  add_row "W5: 30 runners at once on W1" W5.runway W5.ref \
    "≤ 1.15×, all exit 0 (one runner alone)" ""
  add_row "W5 floor: 1 runner + 29 psql checkers" W5.floor W5.ref \
    "— (what 29 minimal checkers cost)" ""
}

bench_scale() {
  echo "Scale: migrations 100/1000/3000 and scripts 10/100 MB"
  local n mb
  for n in 100 1000 3000; do
    gen_w1 "$n"
    pair_w1 "S$n" "$BENCH_DIR/w1_$n" "$RUNS"
    add_row "scale: $n migrations" "S$n.runway" "S$n.ref" "floor" ""
  done
  for mb in 10 100; do
    gen_w2 "$mb"
    pair_w2 "M$mb" "$BENCH_DIR/w2_$mb" "$RUNS"
    add_row "scale: one $mb MB script" "M$mb.runway" "M$mb.ref" "\`psql -1 -f\`" ""
  done
}
