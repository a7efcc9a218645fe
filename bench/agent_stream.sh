#!/usr/bin/env bash
# Claude Code's stream parser against a plain Boost.JSON parse of the same lines, in the same
# run, and its memory over a 10 MB and a 100 MB stream read from a file.
# Usage: bench/agent_stream.sh [build-dir] [--mb N] [--reps N]
#   --mb    size of the stream, in MB (default 100; the memory part compares N/10 with N)
#   --reps  passes per side, the best is kept (default 3)
# Scratch space (the stream file of the memory part) is under ${TMPDIR:-/tmp}.
# Exits 1 when a target is missed: parser throughput < 0.8x the floor, or memory not constant.
set -euo pipefail
build=build
args=()
while (($#)); do
  case $1 in
    --mb | --reps) args+=("$1" "$2"); shift 2 ;;
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1; see --help" >&2; exit 2 ;;
    *) build=$1; shift ;;
  esac
done

cmake --build "$build" -j2 --target gump_agent_stream_bench >/dev/null
"$build/bench/gump_agent_stream_bench" --scratch "${TMPDIR:-/tmp}" "${args[@]}"
