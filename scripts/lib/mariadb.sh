# Throwaway MariaDB server for tests. Source this file, then:
#   mariadb_start DIR   (exports RUNWAY_TEST_MYSQL_*)
#   mariadb_stop
# Runs as root with its data and socket under DIR, listening on 127.0.0.1.

# free_tcp_port comes with postgres.sh.
command -v free_tcp_port >/dev/null ||
  source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

mariadb_start() {
  MARIADB_DIR=$1
  mkdir -p "$MARIADB_DIR"
  command -v mariadb-install-db >/dev/null || { echo "mariadb-server missing" >&2; return 1; }
  MARIADB_PORT=${MARIADB_PORT:-$(free_tcp_port)}
  mariadb-install-db --no-defaults --datadir="$MARIADB_DIR/data" --user=root \
    --auth-root-authentication-method=normal --skip-test-db \
    >"$MARIADB_DIR/install.log" 2>&1 || { cat "$MARIADB_DIR/install.log" >&2; return 1; }
  mariadbd --no-defaults --datadir="$MARIADB_DIR/data" --user=root \
    --socket="$MARIADB_DIR/mysqld.sock" --port="$MARIADB_PORT" \
    --bind-address=127.0.0.1 --pid-file="$MARIADB_DIR/mysqld.pid" \
    --skip-name-resolve --innodb-flush-log-at-trx-commit=0 \
    --log-error="$MARIADB_DIR/error.log" >/dev/null 2>&1 &
  local i
  for i in $(seq 1 60); do
    mariadb --no-defaults --socket="$MARIADB_DIR/mysqld.sock" -uroot \
      -e "SELECT 1" >/dev/null 2>&1 && break
    sleep 0.5
  done
  mariadb --no-defaults --socket="$MARIADB_DIR/mysqld.sock" -uroot -e "
    CREATE USER IF NOT EXISTS 'runway'@'%' IDENTIFIED BY 'runway-secret-pw';
    GRANT ALL PRIVILEGES ON *.* TO 'runway'@'%' WITH GRANT OPTION;" || {
    cat "$MARIADB_DIR/error.log" >&2; return 1; }
  export RUNWAY_TEST_MYSQL_SOCKET=$MARIADB_DIR/mysqld.sock
  export RUNWAY_TEST_MYSQL_PORT=$MARIADB_PORT
  export RUNWAY_TEST_MYSQL_USER=runway RUNWAY_TEST_MYSQL_PASSWORD=runway-secret-pw
}

mariadb_stop() {
  [ -n "${MARIADB_DIR:-}" ] && [ -f "$MARIADB_DIR/mysqld.pid" ] || return 0
  kill "$(cat "$MARIADB_DIR/mysqld.pid")" 2>/dev/null || true
  local i
  for i in $(seq 1 40); do
    [ -f "$MARIADB_DIR/mysqld.pid" ] || break
    kill -0 "$(cat "$MARIADB_DIR/mysqld.pid" 2>/dev/null)" 2>/dev/null || break
    sleep 0.25
  done
}
