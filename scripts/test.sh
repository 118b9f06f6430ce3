#!/usr/bin/env bash
# Installs what is missing, builds, starts throwaway database servers and runs
# every test. Exits non-zero if anything fails.
#
#   scripts/test.sh             unit, integration and CLI tests (the default)
#   scripts/test.sh --long      also the long reliability tests
#   RUNWAY_SANITIZE=ON scripts/test.sh   build with address+UB sanitizers
#                                        (in build-sanitize/; what CI runs)
#   BUILD_DIR=build-x scripts/test.sh    use another build directory
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/lib/deps.sh
source scripts/lib/configure.sh
source scripts/lib/postgres.sh
source scripts/lib/mariadb.sh
source scripts/lib/pgbouncer.sh

long=0
for arg in "$@"; do
  case "$arg" in
    --long) long=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# shellcheck disable=SC2086
ensure_packages $RUNWAY_BUILD_PACKAGES $RUNWAY_TEST_PACKAGES

sanitize=${RUNWAY_SANITIZE:-OFF}
default_dir=build
[ "$sanitize" = ON ] && default_dir=build-sanitize
build_dir=${BUILD_DIR:-$default_dir}
configure_build "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRUNWAY_TESTS=ON -DRUNWAY_WERROR=ON -DRUNWAY_SANITIZE="$sanitize"
cmake --build "$build_dir" -j"$(nproc)"

if [ "$sanitize" = ON ]; then
  # Any sanitizer report fails the process that made it, so the test that
  # ran it fails. LeakSanitizer cannot work where ptrace is forbidden (some
  # containers): then leaks alone go unchecked, and we say so.
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  if ! lsan_err=$("$build_dir/runway" --version 2>&1 >/dev/null); then
    if grep -q "LeakSanitizer has encountered a fatal error" <<<"$lsan_err"; then
      echo "warning: LeakSanitizer cannot run here; leak checks are off" >&2
      export ASAN_OPTIONS=detect_leaks=0
    else
      echo "$lsan_err" >&2
      exit 1
    fi
  fi
fi

work=$(mktemp -d /tmp/runway-test.XXXXXX)
chmod 755 "$work"
cleanup() {
  pgbouncer_stop
  pg_stop
  mariadb_stop
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

pg_start "$work/pg"
pgbouncer_start "$work/pgbouncer"
mariadb_start "$work/mariadb"
export RUNWAY_TEST_LONG=$long

labels=""
[ "$long" = 1 ] || labels="-LE long"
# shellcheck disable=SC2086
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 600 $labels
