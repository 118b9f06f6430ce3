#!/usr/bin/env bash
# Proves the container image works, without a Docker engine. Opt-in: the
# first run downloads Debian (a few minutes); later runs reuse the cache.
#
#   scripts/test-image.sh                 (as root)
#
# 1. Builds runway as the Dockerfile's build stage does (Release, no tests,
#    stripped) in $BUILD_DIR (default build-image); RUNWAY_BINARY=path skips
#    the build, JOBS=n limits its parallelism.
# 2. Replays the Dockerfile's runtime stage into a root filesystem
#    (scripts/image-rootfs.sh; $RUNWAY_IMAGE_DIR, default /tmp/runway-image).
# 3. Runs the image's entrypoint with chroot, as the image's user, in its
#    working directory, on the root filesystem mounted read-only, against a
#    throwaway PostgreSQL on 127.0.0.1:
#    - the compose file's migrate service: its environment and command, with
#      its volumes (deploy/sql, deploy/conf) bind-mounted where it mounts
#      them and the host `db` replaced; the database comes up only 3 s after
#      the service starts, so connectRetries has to wait for it;
#    - migrate and info again as the Kubernetes Job runs them: the `runway`
#      role, its password from a mounted file (FLYWAY_PASSWORD_FILE); info
#      through the image's `flyway` alias.
# 4. Checks the history table and prints the root filesystem and binary sizes.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/lib/deps.sh
source scripts/lib/postgres.sh
[ "$(id -u)" = 0 ] || { echo "test-image.sh: run as root (chroot, mount)" >&2; exit 2; }
ensure_packages debootstrap python3-yaml postgresql-15 postgresql-client-15

image=${RUNWAY_IMAGE_DIR:-/tmp/runway-image}
ro=$image.ro
work=$(mktemp -d /tmp/runway-test-image.XXXXXX)
chmod 755 "$work"
say() { echo "test-image: $*" >&2; }
fail() { echo "test-image: FAILED: $*" >&2; exit 1; }

cleanup() {
  umount -R "$ro" 2>/dev/null || true
  rmdir "$ro" 2>/dev/null || true
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# ---- 1. the binary, as the Dockerfile's build stage makes it --------------
binary=${RUNWAY_BINARY:-}
if [ -z "$binary" ]; then
  build_dir=${BUILD_DIR:-build-image}
  # shellcheck disable=SC2086
  ensure_packages $RUNWAY_BUILD_PACKAGES
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DRUNWAY_TESTS=OFF >/dev/null
  cmake --build "$build_dir" --target runway -j "${JOBS:-$(nproc)}"
  strip --strip-unneeded "$build_dir/runway"
  binary=$build_dir/runway
fi

# ---- 2. the image -----------------------------------------------------------
scripts/image-rootfs.sh "$binary" "$image"
# shellcheck disable=SC1090  # written by image-rootfs.sh
source "$image.config"
if chroot "$image" ldd /flyway/runway | grep 'not found'; then
  fail "libraries missing in the image"
fi

# Mounts the image read-only at $ro, as a container runtime would.
mount_image() {
  mkdir -p "$ro"
  mount --bind "$image" "$ro"
  mount -o remount,bind,ro "$ro"
  mount -t proc proc "$ro/proc"
  mount -t tmpfs tmpfs "$ro/run"
}
# bind_volume HOST_DIR CONTAINER_DIR: a read-only volume.
bind_volume() {
  [ -d "$ro$2" ] || fail "no mount point $2 in the image"
  mount --bind "$1" "$ro$2"
  mount -o remount,bind,ro "$ro$2"
}
# in_image [--entrypoint=X] NAME=VALUE... -- ARGS...: the entrypoint (or
# X, as docker run --entrypoint) with ARGS (or CMD).
in_image() {
  local env=() entrypoint=("${IMAGE_ENTRYPOINT[@]}")
  case "$1" in --entrypoint=*) entrypoint=("${1#*=}"); shift ;; esac
  while [ "$1" != -- ]; do env+=("$1"); shift; done
  shift
  [ $# -gt 0 ] || set -- "${IMAGE_CMD[@]}"
  chroot --userspec="$IMAGE_USER" "$ro" /usr/bin/env -i \
    --chdir="$IMAGE_WORKDIR" HOME=/nonexistent \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    "${IMAGE_ENV[@]}" "${env[@]}" "${entrypoint[@]}" "$@"
}

# compose_service NAME FIELD: environment as NAME=VALUE lines, command and
# volumes one per line.
compose_service() {
  python3 - "$root/deploy/docker-compose.yml" "$1" "$2" <<'PY'
import sys, yaml
service = yaml.safe_load(open(sys.argv[1]))["services"][sys.argv[2]]
value = service.get(sys.argv[3], [])
if isinstance(value, dict):
    value = [f"{k}={v}" for k, v in value.items()]
print("\n".join(value))
PY
}

mount_image
in_image -- >"$work/help.out" || fail "the image's default command (${IMAGE_CMD[*]})"
grep -q "migrate" "$work/help.out" || fail "no usage text from ${IMAGE_CMD[*]}"

# ---- 3a. the compose file's migrate service ---------------------------------
pg_start "$work/pg"
psql_admin() { "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -qAt "$@"; }
declare -A db_env
while IFS='=' read -r key value; do db_env[$key]=$value; done \
  < <(compose_service db environment)
psql_admin -d postgres \
  -c "CREATE ROLE ${db_env[POSTGRES_USER]} LOGIN PASSWORD '${db_env[POSTGRES_PASSWORD]}'" \
  -c "CREATE DATABASE ${db_env[POSTGRES_DB]} OWNER ${db_env[POSTGRES_USER]}"

while IFS=: read -r host path _; do
  bind_volume "$root/deploy/$host" "$path"
done < <(compose_service migrate volumes)
mapfile -t migrate_env < <(compose_service migrate environment |
  sed "s#//db:5432/#//127.0.0.1:$PG_PORT/#")
mapfile -t migrate_command < <(compose_service migrate command)

say "compose migrate service, database down until 3 s later"
_pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
in_image "${migrate_env[@]}" -- "${migrate_command[@]}" \
  >"$work/compose.out" 2>"$work/compose.err" &
runner=$!
sleep 3
_pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  start >/dev/null
wait "$runner" || { cat "$work/compose.err" >&2; fail "compose migrate"; }
cat "$work/compose.err" >&2
grep -q "Retrying in" "$work/compose.err" || fail "did not wait for the database"
grep -q "Successfully applied 3 migrations" "$work/compose.err" ||
  fail "compose migrate applied something else"

# ---- 3b. as the Kubernetes Job: password from a mounted file ---------------
mkdir -p "$ro/run/secrets/runway-db"
printf 'runway-secret-pw\n' >"$ro/run/secrets/runway-db/password"
job_env=("FLYWAY_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/${db_env[POSTGRES_DB]}"
  FLYWAY_USER=runway FLYWAY_PASSWORD_FILE=/run/secrets/runway-db/password)
say "Kubernetes Job: migrate, then info (called as flyway, for old scripts)"
in_image "${job_env[@]}" -- migrate 2>&1 | tee "$work/job.out" >&2
grep -q "is up to date. No migration necessary." "$work/job.out" ||
  fail "second migrate was not a no-op"
in_image --entrypoint=flyway "${job_env[@]}" -- info | tee "$work/info.out"
[ "$(grep -c '| Success ' "$work/info.out")" = 3 ] || fail "info"

# ---- 4. the database, and the sizes ----------------------------------------
history=$(psql_admin -d "${db_env[POSTGRES_DB]}" -c \
  "SELECT count(*) FILTER (WHERE success), count(DISTINCT installed_by)
   FROM flyway_schema_history")
[ "$history" = "3|1" ] || fail "history table: $history"
greeting=$(psql_admin -d "${db_env[POSTGRES_DB]}" -c \
  "SELECT value FROM app_info WHERE name = 'greeting'")
[ "$greeting" = "Hello from /flyway/conf/flyway.toml" ] ||
  fail "the image did not read /flyway/conf/flyway.toml: $greeting"

umount -R "$ro"
base=${RUNWAY_ROOTFS_CACHE:-/tmp/runway-rootfs-cache}/base
echo
echo "PASS: the image ran the compose service and the Job's migrate as user $IMAGE_USER"
echo "root filesystem (du -sh):   $(du -sh "$image" | cut -f1)  $image"
echo "  debian:bookworm-slim base: $(du -sh "$base" | cut -f1)"
echo "runway binary:              $(du -h "$binary" | cut -f1)  ($(stat -c %s "$binary") bytes)"
