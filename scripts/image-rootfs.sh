#!/usr/bin/env bash
# Builds the container image's root filesystem without a Docker engine, by
# replaying the last stage of the Dockerfile on a debootstrapped Debian:
#
#   scripts/image-rootfs.sh BINARY OUT_DIR      (as root)
#
# FROM debian:bookworm-slim   debootstrap --variant=minbase bookworm from the
#                             host's Debian mirror, slimmed as Docker's -slim
#                             images are (no docs, man pages, locales); cached
#                             in $RUNWAY_ROOTFS_CACHE (/tmp/runway-rootfs-cache)
# RUN cmd                     chroot OUT_DIR /bin/sh -c cmd (as USER, in WORKDIR)
# COPY src dst                copied from the repository (the build context)
# COPY --from=build …/runway  BINARY (built as the Dockerfile's build stage does)
# USER WORKDIR ENV ENTRYPOINT CMD   recorded in OUT_DIR.config (shell syntax)
# Any other instruction is refused, so the replay never silently diverges
# from the Dockerfile. scripts/test-image.sh runs the result.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 2 ] || { sed -n '2,16p' "$0"; exit 2; }
binary=$(realpath "$1")
out=$2
cache=${RUNWAY_ROOTFS_CACHE:-/tmp/runway-rootfs-cache}
suite=bookworm
[ "$(id -u)" = 0 ] || { echo "image-rootfs.sh: run as root" >&2; exit 2; }
[ -x "$binary" ] || { echo "image-rootfs.sh: no binary at $1" >&2; exit 2; }

log() { echo "image-rootfs: $*" >&2; }

# The host's Debian mirrors (deb.debian.org unless apt is configured otherwise).
debian_mirror() {
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources |
    awk '{print $2}' | grep -E '/debian/?$' | head -1 || true)
  [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list |
    awk '$3 == "'$suite'" {print $2; exit}' || true)
  echo "${uri:-http://deb.debian.org/debian}"
}
security_mirror() {
  local uri
  uri=$(grep -hs -E '^URIs:|^deb ' /etc/apt/sources.list.d/*.sources \
    /etc/apt/sources.list | grep -o 'http[^ ]*debian-security/\?' |
    head -1 || true)
  echo "${uri:-http://deb.debian.org/debian-security}"
}

# Refuses to delete / or a directory something is mounted under.
remove_tree() {
  [ "$(realpath -m "$1")" != / ] || { echo "image-rootfs.sh: not removing /" >&2; exit 1; }
  if findmnt -rn -o TARGET | grep -q "^$(realpath -m "$1")\(/\|$\)"; then
    echo "image-rootfs.sh: $1 has mounts below it; not removing" >&2
    exit 1
  fi
  rm -rf "$1"
}

# What debuerreotype does to Docker's debian:*-slim images.
slim_down() {
  local dir=$1
  cat >"$dir/etc/dpkg/dpkg.cfg.d/docker-slim" <<'CFG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/man/*
CFG
  find "$dir/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  find "$dir/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$dir"/usr/share/{groff,info,linda,lintian,man}/*
  find "$dir/usr/share/locale" -mindepth 1 -maxdepth 1 \
    ! -name locale.alias -exec rm -rf {} +
}

# debian:bookworm-slim, built once and cached.
base_rootfs() {
  local base=$cache/base mirror stamp
  mirror=$(debian_mirror)
  stamp="$suite minbase slim $mirror $(security_mirror)"
  if [ -f "$base.stamp" ] && [ "$(cat "$base.stamp")" = "$stamp" ]; then
    log "using cached $suite-slim root filesystem $base"
    return
  fi
  command -v debootstrap >/dev/null || {
    # shellcheck disable=SC1091
    source "$root/scripts/lib/deps.sh"
    ensure_packages debootstrap
  }
  log "debootstrap --variant=minbase $suite from $mirror (a few minutes)"
  mkdir -p "$cache"
  remove_tree "$base.tmp"
  debootstrap --variant=minbase "$suite" "$base.tmp" "$mirror" \
    >"$cache/debootstrap.log" 2>&1 || {
    tail -20 "$cache/debootstrap.log" >&2
    exit 1
  }
  rm -f "$base.tmp/etc/apt/sources.list"
  cat >"$base.tmp/etc/apt/sources.list.d/debian.sources" <<SRC
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $(security_mirror)
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  slim_down "$base.tmp"
  chroot "$base.tmp" apt-get clean
  rm -rf "$base.tmp"/var/lib/apt/lists/*
  remove_tree "$base"
  mv "$base.tmp" "$base"
  echo "$stamp" >"$base.stamp"
}

# The Dockerfile's last stage, one instruction per line (continuations
# joined, comments dropped).
runtime_stage() {
  awk '
    /^[[:space:]]*#/ { next }
    { line = line $0 }
    /\\$/ { sub(/\\$/, "", line); next }
    { if (line ~ /[^[:space:]]/) print line; line = "" }
  ' "$root/Dockerfile" | awk '/^FROM /{ stage = "" } { stage = stage $0 "\n" }
                               END { printf "%s", stage }'
}

# ["a", "b"] -> one word per line.
json_words() {
  python3 -c 'import json,sys; print("\n".join(json.loads(sys.argv[1])))' "$1"
}

# State of the replay.
user=0:0
workdir=/
envs=()
entrypoint=()
cmd=()

run_in_image() {
  local spec=$user
  chroot --userspec="$spec" "$out" /usr/bin/env -i --chdir="$workdir" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root "${envs[@]}" /bin/sh -c "$1"
}

copy_in() {
  local src=$1 dst=$2
  case "$dst" in /*) ;; *) dst=$workdir/$dst ;; esac
  case "$dst" in */) mkdir -p "$out$dst" ;; *) mkdir -p "$out$(dirname "$dst")" ;; esac
  cp -r --preserve=mode "$src" "$out$dst"
}

replay() {
  local keyword args
  while read -r keyword args; do
    case "$keyword" in
      FROM)
        [ "$args" = "debian:$suite-slim" ] || {
          echo "image-rootfs.sh: runtime stage is FROM $args, not debian:$suite-slim" >&2
          exit 1
        } ;;
      RUN) log "RUN $args"; run_in_image "$args" ;;
      COPY)
        read -r -a words <<<"$args"
        if [ "${words[0]}" = "--from=build" ]; then
          [ "$(basename "${words[1]}")" = runway ] || {
            echo "image-rootfs.sh: cannot replay COPY $args" >&2; exit 1; }
          log "COPY $binary ${words[2]}"
          copy_in "$binary" "${words[2]}"
        else
          log "COPY $args"
          copy_in "$root/${words[0]}" "${words[1]}"
        fi ;;
      USER) user=$args ;;
      WORKDIR) workdir=$args; mkdir -p "$out$workdir" ;;
      ENV)
        [[ "$args" =~ ^[A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*$ ]] || {
          echo "image-rootfs.sh: replay supports ENV KEY=VALUE only" >&2
          exit 1
        }
        envs+=("$args") ;;
      ENTRYPOINT) mapfile -t entrypoint < <(json_words "$args") ;;
      CMD) mapfile -t cmd < <(json_words "$args") ;;
      *) echo "image-rootfs.sh: cannot replay $keyword $args" >&2; exit 1 ;;
    esac
  done < <(runtime_stage)
}

cleanup() {
  umount "$out/proc" 2>/dev/null || true
  rm -f "$out/etc/resolv.conf"
}

base_rootfs
remove_tree "$out"
log "copying the base to $out"
cp -a "$cache/base" "$out"
# What the Docker daemon provides to RUN: /proc and name resolution.
trap cleanup EXIT
mount -t proc proc "$out/proc"
cp /etc/resolv.conf "$out/etc/resolv.conf"
replay
# NAME=(words...) in shell syntax.
print_array() {
  local name=$1
  shift
  printf '%s=(' "$name"
  [ $# -eq 0 ] || printf ' %q' "$@"
  printf ' )\n'
}
{
  printf 'IMAGE_USER=%q\nIMAGE_WORKDIR=%q\n' "$user" "$workdir"
  print_array IMAGE_ENV "${envs[@]}"
  print_array IMAGE_ENTRYPOINT "${entrypoint[@]}"
  print_array IMAGE_CMD "${cmd[@]}"
} >"$out.config"
log "root filesystem ready: $out (config: $out.config)"
