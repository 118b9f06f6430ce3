#!/usr/bin/env bash
# Builds the fuzzers (three splitters, file names, versions, TOML config)
# with clang and runs each for N seconds.
#   tests/fuzz/run.sh [seconds]        (default 60 per target)
# The build goes to $RUNWAY_FUZZ_BUILD (default build-fuzz); each target's
# corpus starts from the dialect's script fixtures in tests/data/sql and
# grows under <build>/fuzz-corpus. Crashes are written to <build>/fuzz-crashes.
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${RUNWAY_FUZZ_BUILD:-$root/build-fuzz}

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRUNWAY_FUZZ=ON -DRUNWAY_TESTS=OFF \
  -DRUNWAY_WERROR=ON >/dev/null
cmake --build "$build" -j2 \
  --target fuzz_pg_splitter fuzz_sqlite_splitter fuzz_mysql_splitter \
  fuzz_file_name fuzz_version fuzz_toml_config

mkdir -p "$build/fuzz-crashes"
for pair in pg:postgres sqlite:sqlite mysql:mysql; do
  name=${pair%%:*}
  fixtures=$root/tests/data/sql/${pair#*:}
  corpus=$build/fuzz-corpus/$name
  mkdir -p "$corpus"
  # A seed is "<chunk-size byte><script>": prefix each fixture with 'a'.
  for file in "$fixtures"/*.sql; do
    { printf 'a'; cat "$file"; } >"$corpus/seed-$(basename "$file")"
  done
  echo "== fuzz_${name}_splitter for ${seconds}s"
  "$build/tests/fuzz/fuzz_${name}_splitter" "$corpus" \
    -max_total_time="$seconds" -timeout=10 -max_len=8192 \
    -artifact_prefix="$build/fuzz-crashes/${name}-" -print_final_stats=1
done

# File names, versions and TOML: seeds written here, one file each.
seed() { mkdir -p "$build/fuzz-corpus/$1"; printf '%s' "$3" >"$build/fuzz-corpus/$1/$2"; }
seed file_name v V1__init.sql
seed file_name r R__view.sql
seed file_name u U1_2__undo_it.sql
seed file_name b B3__base.SQL
seed file_name c afterMigrate__note.sql
seed file_name bad V1_bad.sql
seed version plain 1.2.3
seed version pair $'1_0_01\n1.0.1'
seed version big $'99999999999999999999.1\n1.9'
seed toml_config basic $'[flyway]\nurl = "jdbc:sqlite:x.db"\nlocations = ["filesystem:sql"]\nlockRetryCount = 3\n'
seed toml_config env $'[environments.dev]\nurl = "${env.X}"\n[flyway.placeholders]\na = "b"\n'
for name in file_name version toml_config; do
  echo "== fuzz_${name} for ${seconds}s"
  "$build/tests/fuzz/fuzz_${name}" "$build/fuzz-corpus/$name" \
    -max_total_time="$seconds" -timeout=10 -max_len=4096 \
    -artifact_prefix="$build/fuzz-crashes/${name}-" -print_final_stats=1
done
