#!/bin/sh
# Prepares the runtime image (run by the Dockerfile's runtime stage, and by
# scripts/image-rootfs.sh inside a debootstrapped root filesystem, so both
# build the same thing). Installs only the shared libraries build/runway
# needs: those it links (readelf -d) and the database client libraries it
# opens when a database of their kind is used (libpq5, libmariadb3,
# libsqlite3-0);
# tests/deploy/check_deploy.py checks the list covers both. It also creates
# the non-root user and the flyway/flyway layout:
#   /flyway/runway              the binary (copied in by the Dockerfile)
#   /usr/local/bin/runway       symlink, so ENTRYPOINT ["runway"] finds it
#   /usr/local/bin/flyway       the same, for scripts written for flyway/flyway
#   /flyway/sql, /flyway/conf   where users mount migrations and flyway.toml
# Runway finds its config through /proc/self/exe, which resolves the symlink:
# <exe_dir>/conf is /flyway/conf.
set -eu

RUNTIME_PACKAGES="
  ca-certificates
  libmariadb3
  libpq5
  libsqlite3-0
  libssl3
  libstdc++6
  zlib1g
"
RUNWAY_UID=10001

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $RUNTIME_PACKAGES
apt-get clean
rm -rf /var/lib/apt/lists/*

groupadd --gid "$RUNWAY_UID" runway
useradd --uid "$RUNWAY_UID" --gid runway --no-create-home \
  --home-dir /nonexistent --shell /usr/sbin/nologin runway
mkdir -p /flyway/sql /flyway/conf
ln -sf /flyway/runway /usr/local/bin/runway
ln -sf /flyway/runway /usr/local/bin/flyway
