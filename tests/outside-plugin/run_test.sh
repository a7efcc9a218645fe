#!/usr/bin/env bash
# Installs gump's SDK, builds a gate plugin in a separate CMake project against it, and uses the
# plugin from a workflow, configured only in the project's gump.toml.
set -euo pipefail
src=$1 build=$2 gump=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/include/gump/plugin.h" || fail "the SDK header was not installed"
cmake -S "$src/tests/outside-plugin" -B "$work/build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
test -f "$work/build/team-gate.so" || fail "the outside plugin was not built"

mkdir -p "$work/project/.gump/workflows"
cd "$work/project"
echo "# Ship it" > spec.md
cat > gump.toml <<'TOML'
[gates.release]
plugin = "team-check"
marker = "RELEASE_OK"
TOML
cat > .gump/workflows/release.toml <<'TOML'
name = "release"
description = "Checks the release marker"
[[steps]]
name = "check"
kind = "gate"
gates = ["release"]
TOML

out=$(GUMP_PLUGIN_PATH="$work/build" "$gump" run spec.md --workflow release --dry-run)
echo "$out" | grep -q "release → team-check (marker RELEASE_OK)" || fail "dry run: $out"
echo "$out" | grep -q "not installed" && fail "dry run says not installed: $out"

# The installed gump finds the installed command gate and the team's plugin by --plugin-dir.
list=$("$work/prefix/bin/gump" --plugin-dir "$work/build" plugins list)
echo "$list" | grep -q "team-check" || fail "plugins list: $list"
echo "$list" | grep -Eq "command +gate" || fail "installed command gate not listed: $list"

# The gate runs for real on the project directory.
set +e
"$gump" --plugin-dir "$work/build" check release >"$work/check.out" 2>&1
code=$?
set -e
[ $code -eq 1 ] || fail "check without marker exited $code: $(cat "$work/check.out")"
grep -q "marker RELEASE_OK missing" "$work/check.out" || fail "$(cat "$work/check.out")"
touch RELEASE_OK
"$gump" --plugin-dir "$work/build" check release >"$work/check.out" 2>&1 ||
  fail "check with marker: $(cat "$work/check.out")"

# A team replaces gump's lint gate by naming its plugin: the built-in table's command-plugin
# parameters (role) do not follow it.
printf '[gates.lint]\nplugin = "team-check"\nmarker = "LINT_OK"\n' > gump.toml
set +e
"$gump" --plugin-dir "$work/build" check lint >"$work/check.out" 2>&1
code=$?
set -e
[ $code -eq 1 ] || fail "lint without marker exited $code: $(cat "$work/check.out")"
grep -q "marker LINT_OK missing" "$work/check.out" || fail "lint: $(cat "$work/check.out")"
touch LINT_OK
"$gump" --plugin-dir "$work/build" check lint >"$work/check.out" 2>&1 ||
  fail "lint with marker: $(cat "$work/check.out")"

# A configuration that does not fit the plugin's schema names the file and line.
printf '[gates.release]\nplugin = "team-check"\nmarker = 7\n' > gump.toml
set +e
err=$(GUMP_PLUGIN_PATH="$work/build" "$gump" run spec.md --workflow release --dry-run 2>&1)
code=$?
set -e
[ $code -eq 2 ] || fail "bad config exited $code: $err"
echo "$err" | grep -q "gump.toml:3:1: error: \[gates.release\] (plugin 'team-check'): 'marker' must be string" \
  || fail "bad config message: $err"
echo "outside plugin: ok"
