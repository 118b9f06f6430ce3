#!/usr/bin/env bash
# cmake --install, then build examples/embedded against the installed
# package with find_package(runway), and run it on an SQLite file.
#   install_test.sh <source dir> <build dir>
set -euo pipefail
src=$1 build=$2
work=$(mktemp -d /tmp/runway-install.XXXXXX)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -x "$work/prefix/bin/runway"
test -f "$work/prefix/include/runway/runway.hpp"

cmake -S "$src/examples/embedded" -B "$work/build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null

mkdir "$work/sql"
echo "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT);" \
  >"$work/sql/V1__Create_people.sql"
echo "INSERT INTO people (name) VALUES ('Ada');" >"$work/sql/V2__Add_ada.sql"

out=$("$work/build/embedded_example" "jdbc:sqlite:$work/app.db" "$work/sql")
echo "$out"
grep -qx "applied 2 migration(s)" <<<"$out"
grep -qx "schema version 2" <<<"$out"
grep -qx "1 Create people Success" <<<"$out"
# A second start applies nothing.
out=$("$work/build/embedded_example" "jdbc:sqlite:$work/app.db" "$work/sql")
grep -qx "applied 0 migration(s)" <<<"$out"
echo "install test passed"
