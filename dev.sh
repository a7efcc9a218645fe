#!/usr/bin/env bash
# gump's developer entry point. Installs what is missing (Debian packages), builds, then:
#   ./dev.sh example   runs gump on the bundled example project
#   ./dev.sh test      runs the whole test suite
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(g++ cmake ninja-build pkg-config git ccache
  libboost1.81-dev libboost-json1.81-dev libgit2-dev libtomlplusplus-dev libcurl4-openssl-dev
  libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev)
BUILD_DIR=${GUMP_BUILD_DIR:-build}

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "Installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

build() {
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" -j2
}

case "${1:-}" in
  example)
    install_missing
    build
    cd examples/hello
    echo
    echo "\$ gump run spec.md --workflow cheap2sota --dry-run"
    "../../$BUILD_DIR/gump" run spec.md --workflow cheap2sota --dry-run
    ;;
  test)
    install_missing
    build
    ctest --test-dir "$BUILD_DIR" -j2 --output-on-failure --timeout 600
    ;;
  *)
    echo "usage: ./dev.sh example | test" >&2
    exit 2
    ;;
esac
