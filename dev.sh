#!/usr/bin/env bash
# gump's developer entry point. Installs what is missing (Debian packages), builds, then:
#   ./dev.sh example   runs gump on the bundled example project
#   ./dev.sh test      runs the whole test suite
#   ./dev.sh real-cli  runs the opt-in suite on the real agent CLIs (tests/real-cli/README.md)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(g++ make cmake ninja-build pkg-config git ccache
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
    # A scratch copy: the run works in a git repository of its own, never in this checkout.
    gump="$PWD/$BUILD_DIR/gump"
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/gump-healthz.XXXXXX")
    cp -R examples/healthz/. "$scratch"
    cd "$scratch"
    git init -q
    git add -A
    git -c user.name="gump example" -c user.email=example@gump.invalid commit -qm "healthz-demo"
    echo
    echo "# in $scratch"
    echo "\$ gump run spec.md --workflow cheap2sota"
    "$gump" run spec.md --workflow cheap2sota
    echo
    echo "\$ gump report"
    "$gump" report
    ;;
  test)
    install_missing
    build
    # real-cli (installs the agent CLIs, tests/real-cli) and fuzz (clang builds only) are opt-in.
    ctest --test-dir "$BUILD_DIR" -j2 --output-on-failure --timeout 600 -LE "real-cli|fuzz"
    ;;
  real-cli)
    install_missing
    build
    ctest --test-dir "$BUILD_DIR" -L real-cli --output-on-failure
    ;;
  *)
    echo "usage: ./dev.sh example | test | real-cli" >&2
    exit 2
    ;;
esac
