# Throwaway PostgreSQL 15 cluster for tests and benchmarks.
# Source this file, then: pg_start DIR  (sets RUNWAY_TEST_PG_* and PG_DIR)
#                          pg_stop
# initdb/postgres refuse to run as root, so when we are root the server runs
# as the `postgres` user. Data and socket live under DIR; the server listens
# on a unix socket only (plus 127.0.0.1 on a free port for TCP tests).

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

_pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A TCP port on 127.0.0.1 that nothing listens on.
free_tcp_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

pg_start() {
  PG_DIR=$1
  mkdir -p "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_DIR"; fi
  PG_PORT=${PG_PORT:-$(free_tcp_port)}
  _pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust \
    --no-sync -E UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 || {
    cat "$PG_DIR/initdb.log" >&2; return 1; }
  # A password for TCP logins so tests can check that it never leaks.
  cat >>"$PG_DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
  cat >"$PG_DIR/data/pg_hba.conf" <<HBA
local all all trust
host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
HBA
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
    -w -t 60 start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -qAt \
    -c "CREATE ROLE runway LOGIN SUPERUSER PASSWORD 'runway-secret-pw'" >/dev/null
  export RUNWAY_TEST_PG_HOST=$PG_DIR RUNWAY_TEST_PG_PORT=$PG_PORT
  export RUNWAY_TEST_PG_USER=postgres
  # libpq key=value form, for tests that create their own databases.
  export RUNWAY_TEST_PG_CONNINFO="host=$PG_DIR port=$PG_PORT user=postgres dbname=postgres"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop \
    >/dev/null 2>&1 || true
}
