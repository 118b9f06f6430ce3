#!/usr/bin/env bash
# Installs what is missing, builds Runway, and runs `migrate` then `info` on
# sql-examples/ against an embedded SQLite file (no server needed).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/lib/deps.sh
source scripts/lib/configure.sh
# shellcheck disable=SC2086
ensure_packages $RUNWAY_BUILD_PACKAGES

build_dir=${BUILD_DIR:-build}
# Same configuration as scripts/test.sh (one build directory serves both);
# only the runway target is built here.
configure_build "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRUNWAY_TESTS=ON -DRUNWAY_WERROR=ON
cmake --build "$build_dir" -j"$(nproc)" --target runway

mkdir -p demo
rm -f demo/runway-demo.db
# conf/runway.toml points at demo/runway-demo.db and sql-examples/common +
# sql-examples/sqlite (the PostgreSQL-only scripts live in sql-examples/postgres).
"$build_dir/runway" -configFiles=conf/runway.toml migrate
"$build_dir/runway" -configFiles=conf/runway.toml info
