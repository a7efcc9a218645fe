#!/usr/bin/env bash
# The workspace backend against the git program, in the same run on the same filesystem: create a
# workspace, snapshot 10 and 300 changed files, changed_files and diff of the 300-file snapshot.
# Usage: bench/workspace.sh [build-dir] [--backend git|git-cli] [--reps N] [--cache DIR]
#   --backend  which plugin to load, build/plugins/vcs-<backend>.so (env GUMP_BENCH_BACKEND)
#   --reps     repetitions per op, the median is printed (env GUMP_BENCH_REPS, default 5)
#   --cache    keep the generated 20,000-file repository in DIR and reuse it next time
#   --ops      a subset of create,snapshot,diff
#   --verbose  every sample on stderr, not only the medians
# Scratch space is under ${TMPDIR:-/tmp}. Nothing here fails on a missed target: it reports.
set -euo pipefail
build=build
backend=${GUMP_BENCH_BACKEND:-git}
reps=${GUMP_BENCH_REPS:-5}
cache=""
ops=create,snapshot,diff
extra=()
while (($#)); do
  case $1 in
    --backend) backend=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    --ops) ops=$2; shift 2 ;;
    --verbose) extra+=(--verbose); shift ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1; see --help" >&2; exit 2 ;;
    *) build=$1; shift ;;
  esac
done

# Build only the driver; it depends on the plugins it loads.
cmake --build "$build" -j2 --target gump_vcs_bench >/dev/null
driver=$(realpath "$build/bench/gump_vcs_bench")
plugin=$(realpath -m "$build/plugins/vcs-$backend.so")
if [[ ! -f $plugin ]]; then
  echo "no $plugin: the '$backend' backend is not built in $build" >&2
  exit 1
fi

if [[ -n $cache ]]; then
  scratch=$(realpath -m "$cache")
  mkdir -p "$scratch"
else
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/gump-vcs-bench-XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
fi
# Both sides work here: the type matters (tmpfs has no disk, overlayfs copies up).
echo "scratch: $scratch on $(df -PT "$scratch" | awk 'NR == 2 { print $2 " (" $7 ")" }')"
"$driver" --plugin "$plugin" --scratch "$scratch" --reps "$reps" --ops "$ops" "${extra[@]}"
