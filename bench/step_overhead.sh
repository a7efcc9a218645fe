#!/usr/bin/env bash
# gump's own overhead per step of `gump run` (everything but the agent and the gate commands)
# against a bare `git add -A && git commit` of the same change, in the same run: on a copy of
# examples/healthz and on the 20,000-file repository of bench/workspace.sh.
# Usage: bench/step_overhead.sh [build-dir] [--reps N] [--steps N] [--cache DIR] [--repos LIST]
#   --reps     runs of the workflow per repository, the median is printed (default 5)
#   --steps    code steps in the workflow (default 20)
#   --cache    keep the generated 20,000-file repository in DIR (same layout as workspace.sh's)
#   --repos    a subset of example,big
#   --verbose  every run on stderr, not only the medians
# Scratch space is under ${TMPDIR:-/tmp}. Nothing here fails on a missed target: it reports.
set -euo pipefail
build=build
reps=5
steps=20
cache=""
repos=example,big
extra=()
while (($#)); do
  case $1 in
    --reps) reps=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    --repos) repos=$2; shift 2 ;;
    --verbose) extra+=(--verbose); shift ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1; see --help" >&2; exit 2 ;;
    *) build=$1; shift ;;
  esac
done

source_dir=$(cd "$(dirname "$0")/.." && pwd)
# gump and the plugins a run loads, the driver, and gump_vcs_bench for its repository generator.
cmake --build "$build" -j2 --target gump gump_plugins gump_vcs_bench gump_step_bench >/dev/null
build=$(realpath "$build")

if [[ -n $cache ]]; then
  scratch=$(realpath -m "$cache")
  mkdir -p "$scratch"
else
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/gump-step-bench-XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
fi
echo "scratch: $scratch on $(df -PT "$scratch" | awk 'NR == 2 { print $2 " (" $7 ")" }')"

args=(--gump "$build/gump" --scratch "$scratch" --steps "$steps" --reps "$reps")
if [[ ,$repos, == *,example,* ]]; then
  args+=(--example "$source_dir/examples/healthz")
fi
if [[ ,$repos, == *,big,* ]]; then
  # workspace.sh's generator: gump_vcs_bench makes (or reuses) $scratch/repo and, with no op
  # to measure, stops there. The driver clones it, so a cached repository stays as it was.
  "$build/bench/gump_vcs_bench" --plugin "$build/plugins/vcs-git.so" --scratch "$scratch" \
    --reps 1 --ops none | grep -E '^(generating|reusing)' || true
  args+=(--generated "$scratch/repo")
fi
"$build/bench/gump_step_bench" "${args[@]}" "${extra[@]}"
