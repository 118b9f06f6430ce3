# Throwaway PgBouncer in transaction pooling mode, in front of the cluster
# pg_start started (scripts/lib/postgres.sh, sourced first).
# Source this file, then: pgbouncer_start DIR  (sets RUNWAY_TEST_PGBOUNCER_PORT)
#                          pgbouncer_stop
# Three server sessions for any number of clients, as a cluster's pooler
# gives a crowd of pods; trust authentication on 127.0.0.1 only. As root it
# runs as the `postgres` user (pgbouncer refuses root).

PGBOUNCER_BIN=${PGBOUNCER_BIN:-/usr/sbin/pgbouncer}

pgbouncer_start() {
  PGBOUNCER_DIR=$1
  mkdir -p "$PGBOUNCER_DIR"
  local port
  port=$(free_tcp_port)
  cat >"$PGBOUNCER_DIR/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$PG_PORT
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $PGBOUNCER_DIR/users.txt
pool_mode = transaction
default_pool_size = 3
max_client_conn = 200
logfile = $PGBOUNCER_DIR/pgbouncer.log
pidfile = $PGBOUNCER_DIR/pgbouncer.pid
ignore_startup_parameters = extra_float_digits,options,application_name
INI
  echo '"postgres" ""' >"$PGBOUNCER_DIR/users.txt"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$PGBOUNCER_DIR"; fi
  _pg_as_owner "$PGBOUNCER_BIN" -d "$PGBOUNCER_DIR/pgbouncer.ini" || {
    cat "$PGBOUNCER_DIR/pgbouncer.log" >&2; return 1; }
  local i
  for i in $(seq 50); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  export RUNWAY_TEST_PGBOUNCER_PORT=$port
}

pgbouncer_stop() {
  [ -n "${PGBOUNCER_DIR:-}" ] && [ -f "$PGBOUNCER_DIR/pgbouncer.pid" ] ||
    return 0
  kill "$(cat "$PGBOUNCER_DIR/pgbouncer.pid")" 2>/dev/null || true
}
