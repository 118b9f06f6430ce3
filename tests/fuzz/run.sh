#!/usr/bin/env bash
# Builds the splitter fuzzers with clang and runs each for N seconds.
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
  --target fuzz_pg_splitter fuzz_sqlite_splitter fuzz_mysql_splitter

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
