# Installs missing Debian packages (CI and a newcomer's machine alike).
# Source this file, then: ensure_packages pkg1 pkg2 ...

# Everything needed to build Runway and run its tests.
RUNWAY_BUILD_PACKAGES="cmake ninja-build g++ pkg-config
  libpq-dev libsqlite3-dev libmariadb-dev
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev catch2
  zlib1g-dev libssl-dev nlohmann-json3-dev libpg-query-dev"
RUNWAY_TEST_PACKAGES="postgresql-15 postgresql-client-15 sqlite3 mariadb-server python3 python3-yaml
  mariadb-client procps iproute2 pgbouncer"

ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}" >&2
  local sudo=
  [ "$(id -u)" = 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null
  # Package scripts may try to start services; in containers that is refused,
  # which is fine: the tests start their own throwaway servers.
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}
