# shellcheck shell=bash
# Configures a build directory. Source this file, then:
#   configure_build DIR [cmake options...]
# A new directory is configured for Ninja; one configured before keeps its
# generator (cmake refuses to switch, e.g. from a `cmake -B build` with
# Makefiles run by hand), so the scripts work in either.
configure_build() {
  local dir=$1
  shift
  local generator=(-G Ninja)
  [ -f "$dir/CMakeCache.txt" ] && generator=()
  cmake -S . -B "$dir" "${generator[@]}" "$@" >/dev/null
}
