#!/bin/sh
# Runs every example project under this folder with its real tool and records
# the real output as fixtures for the command gate's feedback extractor:
#   ../fixtures/output/<name>.stdout, <name>.stderr, <name>.exit
#
# Each project is copied to a fixed temp dir (/tmp/gump-capture/<name>) and its
# one-line `command` file is run there with `sh -c`, so nothing is written into
# the source tree and paths in the output stay stable between runs.
#
# Usage: capture.sh [project-name...]   (default: all projects)
#
# Tools per project (a project whose tool is missing is skipped):
#   ctest-fail, cmake-compile-error, gtest-fail: cmake, ctest, c++ (gtest-fail:
#       system GoogleTest, Debian libgtest-dev)
#   unittest-fail, python-syntax-error: python3 (first on PATH)
#   pytest-fail: /usr/bin/python3 -m pytest (Debian python3-pytest; a pyenv
#       python3 on PATH does not have pytest)
#   cargo-fail, cargo-compile-error: cargo (also looked up in ~/.cargo/bin)
#   node-fail: node (built-in `node --test` runner)
#   go-fail: go (Debian golang-go)
set -u

here=$(cd "$(dirname "$0")" && pwd)
out="$here/../fixtures/output"
work=/tmp/gump-capture
mkdir -p "$out" "$work"
out=$(cd "$out" && pwd)

[ -x "$HOME/.cargo/bin/cargo" ] && PATH="$PATH:$HOME/.cargo/bin"
export PATH

# Keep output plain and comparable between runs.
unset FORCE_COLOR CLICOLOR_FORCE CARGO_TERM_COLOR NODE_OPTIONS GOFLAGS \
      PYTHONDONTWRITEBYTECODE CTEST_OUTPUT_ON_FAILURE CMAKE_GENERATOR \
      RUST_BACKTRACE RUST_TEST_THREADS GTEST_COLOR GTEST_FILTER 2>/dev/null
export NO_COLOR=1 CARGO_TERM_COLOR=never

have() { command -v "$1" >/dev/null 2>&1; }

tool_missing() {
    case "$1" in
        ctest-fail|cmake-compile-error)
            for t in cmake ctest c++; do have "$t" || { echo "$t"; return; }; done ;;
        gtest-fail)
            for t in cmake ctest c++; do have "$t" || { echo "$t"; return; }; done
            [ -f /usr/include/gtest/gtest.h ] || echo "GoogleTest (libgtest-dev)" ;;
        unittest-fail|python-syntax-error)
            have python3 || echo python3 ;;
        pytest-fail)
            /usr/bin/python3 -m pytest --version >/dev/null 2>&1 || echo "pytest (/usr/bin/python3 -m pytest)" ;;
        cargo-*)
            have cargo || echo cargo ;;
        node-*)
            have node || echo node ;;
        go-*)
            have go || echo go ;;
    esac
}

if [ $# -gt 0 ]; then
    names="$*"
else
    names=$(cd "$here" && for d in */; do [ -f "$d/command" ] && echo "${d%/}"; done)
fi

status=0
for name in $names; do
    src="$here/$name"
    if [ ! -f "$src/command" ]; then
        echo "capture: $name: no such project" >&2; status=1; continue
    fi
    missing=$(tool_missing "$name")
    if [ -n "$missing" ]; then
        echo "capture: skipping $name: $missing not found"
        continue
    fi
    dir="$work/$name"
    rm -rf "$dir"
    mkdir -p "$dir"
    cp -R "$src/." "$dir/"
    cmd=$(cat "$src/command")
    (
        cd "$dir" || exit 127
        export CARGO_TARGET_DIR="$dir/target"
        export GOCACHE="$work/.go/cache" GOPATH="$work/.go/path" \
               GOPROXY=off GO111MODULE=on
        export PYTHONPYCACHEPREFIX="$work/.pycache"
        exec sh -c "$cmd" >"$out/$name.stdout" 2>"$out/$name.stderr" </dev/null
    )
    rc=$?
    echo "$rc" > "$out/$name.exit"
    echo "capture: $name: exit $rc  ($cmd)"
done
exit $status
