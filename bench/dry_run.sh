#!/usr/bin/env bash
# Dry-run latency of gump against its floor in the same run: `gump --version` (process start,
# dynamic linking, nothing else) and `true`. Usage: bench/dry_run.sh [build-dir] [runs]
set -euo pipefail
build=${1:-build}
runs=${2:-50}
gump=$(realpath "$build/gump")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '# Add a --top flag\n' > "$work/spec.md"
cd "$work"

mean_ms() { # command... -> mean wall milliseconds over $runs runs
  local start end
  "$@" >/dev/null 2>&1 || true
  start=$(date +%s%N)
  for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s%N)
  awk -v s="$start" -v e="$end" -v n="$runs" 'BEGIN { printf "%.2f", (e - s) / n / 1e6 }'
}

floor_true=$(mean_ms true)
floor_version=$(mean_ms "$gump" --version)
list=$(mean_ms "$gump" workflows list)
dry=$(mean_ms "$gump" run spec.md --workflow cheap2sota --dry-run)
printf '%-44s %8s ms\n' "true (process floor)" "$floor_true" \
  "gump --version (gump's start-up floor)" "$floor_version" \
  "gump workflows list" "$list" \
  "gump run --workflow cheap2sota --dry-run" "$dry"
awk -v d="$dry" -v f="$floor_version" \
  'BEGIN { printf "dry run / start-up floor: %.2fx (target: dry run under 50 ms)\n", d / f }'
