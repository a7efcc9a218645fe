#!/usr/bin/env bash
# One real agent CLI through `gump run`, against mock_llm.py on 127.0.0.1:
#   GUMP_EXE=build/gump tests/real-cli/run_cli.sh claude|qwen|codex|opencode|gemini
#   tests/real-cli/run_cli.sh --direct <cli>     the CLI alone, without gump, with the same
#                                                environment (to tell a mock problem from a
#                                                plugin problem): a success, then a 401
#
# In a scratch git repository with a private HOME: installs the pinned CLI (install_clis.sh),
# runs a one-step workflow whose agent writes hello.txt, and checks the exit code, the file on
# the run's branch, the report's turns and tokens, and that no process of the run is left. Then
# a run whose endpoint answers 401 must stop on the auth failure, naming the agent.
# Exit 0 passed, 1 failed, 77 skipped (npm cannot reach its registry).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DIRECT=0
if [ "${1:-}" = "--direct" ]; then
  DIRECT=1
  shift
fi
CLI=${1:?usage: run_cli.sh [--direct] claude|qwen|codex|opencode|gemini}
CACHE=${GUMP_REAL_CLI_DIR:-$HOME/.cache/gump-real-cli}
TIMEOUT=${GUMP_REAL_CLI_TIMEOUT:-300}
PROMPT="Create hello.txt containing a greeting."

fail() {
  echo "FAIL [$CLI]: $*" >&2
  exit 1
}
step() { echo "== [$CLI] $*"; }

"$HERE/install_clis.sh" "$CLI" # exits 77 (skip) when npm is unreachable
BIN="$CACHE/$CLI/node_modules/.bin/$CLI"
[ -x "$BIN" ] || fail "$BIN is missing after install_clis.sh"
if [ "$DIRECT" -eq 0 ]; then
  [ -n "${GUMP_EXE:-}" ] && [ -x "$GUMP_EXE" ] || fail "set GUMP_EXE to the gump binary"
fi

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/gump-real-cli-$CLI.XXXXXX")
H="$SCRATCH/home"
REPO="$SCRATCH/repo"
MOCK_PIDS=()
cleanup() {
  for pid in "${MOCK_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${GUMP_REAL_CLI_KEEP:-0}" = 1 ] || [ "${PASSED:-0}" != 1 ]; then
    echo "scratch kept: $SCRATCH" >&2
  else
    rm -rf "$SCRATCH"
  fi
}
trap cleanup EXIT
mkdir -p "$H" "$REPO"

# mock_llm.py in the background (not in a subshell: cleanup must know its pid); sets MOCK_URL.
# $1: a name for its files, then its flags.
start_mock() {
  local name=$1
  shift
  python3 "$HERE/mock_llm.py" --log "$SCRATCH/$name.log" --dump "$SCRATCH/$name.requests" "$@" \
    >"$SCRATCH/$name.port" 2>"$SCRATCH/$name.err" &
  MOCK_PIDS+=($!)
  local i
  for i in $(seq 100); do
    [ -s "$SCRATCH/$name.port" ] && break
    sleep 0.1
  done
  [ -s "$SCRATCH/$name.port" ] || fail "mock_llm.py did not start: $(cat "$SCRATCH/$name.err")"
  MOCK_URL="http://127.0.0.1:$(head -1 "$SCRATCH/$name.port")"
}

# ---- each CLI: its plugin, its config files under $H, its environment, its command line -------

# Sets PLUGIN, AGENT_ARGS (plugin `args`), CLI_ENV (NAME=value) and DIRECT_ARGS for base URL $1.
# $2 tells apart the config files of two aliases where a file holds the URL (codex, opencode).
configure() {
  local base=$1 tag=${2:-}
  AGENT_ARGS=()
  case "$CLI" in
    claude)
      PLUGIN=claude-code
      COST_SOURCE=reported
      MODEL=claude-sonnet-4-5
      CLI_ENV=(ANTHROPIC_BASE_URL="$base" ANTHROPIC_API_KEY=sk-ant-test-key
        ANTHROPIC_MODEL=claude-sonnet-4-5 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
        DISABLE_AUTOUPDATER=1 DISABLE_TELEMETRY=1 DISABLE_ERROR_REPORTING=1
        CLAUDE_CODE_MAX_RETRIES=2 IS_SANDBOX=1)
      DIRECT_ARGS=(-p "$PROMPT" --output-format stream-json --verbose --dangerously-skip-permissions)
      ;;
    qwen)
      PLUGIN=qwen-code
      COST_SOURCE=estimated
      MODEL=qwen3-coder-plus
      mkdir -p "$H/.qwen"
      cat >"$H/.qwen/settings.json" <<'JSON'
{"security":{"auth":{"selectedType":"openai"}},"memory":{"enableManagedAutoMemory":false},"privacy":{"usageStatisticsEnabled":false},"telemetry":{"enabled":false},"general":{"disableAutoUpdate":true,"disableUpdateNag":true}}
JSON
      AGENT_ARGS=(--auth-type openai)
      CLI_ENV=(OPENAI_BASE_URL="$base/v1" OPENAI_API_KEY=sk-test-key OPENAI_MODEL=qwen3-coder-plus)
      DIRECT_ARGS=(-p "$PROMPT" --output-format stream-json --yolo --auth-type openai)
      ;;
    codex)
      PLUGIN=codex
      COST_SOURCE=estimated
      MODEL=gpt-5.5
      local codex_home="$H/.codex$tag"
      mkdir -p "$codex_home"
      cat >"$codex_home/config.toml" <<TOML
model = "gpt-5.5"
model_provider = "local"
approval_policy = "never"
sandbox_mode = "danger-full-access"
check_for_update_on_startup = false
[model_providers.local]
name = "local"
base_url = "$base/v1"
env_key = "LOCAL_API_KEY"
wire_api = "responses"
request_max_retries = 2
stream_max_retries = 2
[analytics]
enabled = false
TOML
      CLI_ENV=(CODEX_HOME="$codex_home" LOCAL_API_KEY=sk-test-key)
      DIRECT_ARGS=(exec --json --skip-git-repo-check --dangerously-bypass-approvals-and-sandbox "$PROMPT")
      ;;
    opencode)
      PLUGIN=opencode
      COST_SOURCE=reported
      MODEL=local/test-model
      local opencode_config="$H/.config/opencode/opencode$tag.json"
      mkdir -p "$H/.config/opencode"
      cat >"$opencode_config" <<JSON
{"model": "local/test-model", "small_model": "local/test-model", "autoupdate": false, "share": "disabled",
 "permission": {"edit": "allow", "bash": "allow", "webfetch": "allow", "external_directory": "allow"},
 "provider": {"local": {"npm": "@ai-sdk/openai-compatible", "name": "Local",
   "options": {"baseURL": "$base/v1", "apiKey": "sk-test-key"},
   "models": {"test-model": {"name": "Test Model", "tool_call": true,
     "cost": {"input": 3, "output": 15}, "limit": {"context": 200000, "output": 8000}}}}}}
JSON
      # npm_config_registry: opencode resolves a package with npm at startup; a dead loopback
      # port keeps the run off any registry.
      CLI_ENV=(OPENCODE_CONFIG="$opencode_config" OPENCODE_DISABLE_MODELS_FETCH=1
        OPENCODE_DISABLE_AUTOUPDATE=1 OPENCODE_DISABLE_LSP_DOWNLOAD=1 OPENCODE_DISABLE_SHARE=1
        npm_config_registry=http://127.0.0.1:9/ XDG_CONFIG_HOME="$H/.config"
        XDG_DATA_HOME="$H/.local/share" XDG_CACHE_HOME="$H/.cache" XDG_STATE_HOME="$H/.local/state")
      DIRECT_ARGS=(run --format json "$PROMPT")
      ;;
    gemini)
      PLUGIN=gemini-cli
      COST_SOURCE=estimated
      MODEL=gemini-2.5-pro
      mkdir -p "$H/.gemini"
      cat >"$H/.gemini/settings.json" <<'JSON'
{"security":{"auth":{"selectedType":"gemini-api-key"},"folderTrust":{"enabled":false}},"privacy":{"usageStatisticsEnabled":false},"telemetry":{"enabled":false},"general":{"enableAutoUpdate":false,"enableAutoUpdateNotification":false},"model":{"name":"gemini-2.5-pro"}}
JSON
      CLI_ENV=(GEMINI_API_KEY=test-gemini-key GOOGLE_GEMINI_BASE_URL="$base" GEMINI_CLI_TRUST_WORKSPACE=true)
      DIRECT_ARGS=(-p "$PROMPT" --output-format stream-json --yolo)
      ;;
    *) fail "unknown cli (claude, qwen, codex, opencode, gemini)" ;;
  esac
  CLI_ENV+=(HOME="$H")
}

# The environment gump and the CLIs run in: nothing of this machine's agent configuration.
NODE_DIR=$(dirname "$(command -v node)")
BASE_ENV=(PATH="$NODE_DIR:/usr/local/bin:/usr/bin:/bin" HOME="$H" LANG=C.UTF-8 NO_COLOR=1
  TMPDIR="$SCRATCH/tmp") # gemini leaves an error report there on a failure
mkdir -p "$SCRATCH/tmp"

toml_str() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$1"; }

# [agents.<alias>] for the plugin, the cached CLI and the endpoint at $2.
agent_table() {
  local alias=$1 base=$2 kv first=1
  configure "$base" "${alias#mock-"$CLI"}"
  echo "[agents.$alias]"
  echo "plugin = \"$PLUGIN\""
  echo "model = \"$MODEL\""
  echo "command = $(toml_str "$BIN")"
  echo "idle_timeout = \"4m\""
  if [ ${#AGENT_ARGS[@]} -gt 0 ]; then
    printf 'args = ['
    local a sep=""
    for a in "${AGENT_ARGS[@]}"; do
      printf '%s%s' "$sep" "$(toml_str "$a")"
      sep=", "
    done
    echo "]"
  fi
  printf 'env = { '
  for kv in "${CLI_ENV[@]}"; do
    [ $first -eq 1 ] || printf ', '
    first=0
    printf '%s = %s' "${kv%%=*}" "$(toml_str "${kv#*=}")"
  done
  echo " }"
}

# Processes still running with this run's private HOME (the CLI, its workers, gump).
leftovers() {
  local p out=""
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" = "$$" ] && continue
    if { tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qxF "HOME=$H"; then
      out+="${p#/proc/}: $({ tr '\0' ' ' <"$p/cmdline"; } 2>/dev/null | cut -c1-200)"$'\n'
    fi
  done
  printf '%s' "$out"
}

no_leftovers() {
  local i left
  for i in $(seq 50); do # processes may take a moment to be reaped
    left=$(leftovers)
    [ -z "$left" ] && return 0
    sleep 0.1
  done
  fail "processes left under $H:"$'\n'"$left"
}

# ---- the project --------------------------------------------------------------------------------

start_mock ok
OK_URL=$MOCK_URL
start_mock fail401 --fail 401
FAIL_URL=$MOCK_URL

git -C "$REPO" init -q -b main
cat >"$REPO/README.md" <<'MD'
# greeting

A tiny project for the real-cli test.
MD
cat >"$REPO/spec.md" <<'MD'
# Add a greeting

Create hello.txt containing a greeting.
MD

# The CLI alone: the scripted success, then every request refused (the exit code is the CLI's).
direct() { # $1: ok | fail401
  configure "$([ "$1" = ok ] && echo "$OK_URL" || echo "$FAIL_URL")" "-$1"
  step "direct ($1): $BIN ${DIRECT_ARGS[*]}"
  set +e
  (cd "$REPO" && env -i "${BASE_ENV[@]}" "${CLI_ENV[@]}" timeout "$TIMEOUT" "$BIN" "${DIRECT_ARGS[@]}" \
    </dev/null >"$SCRATCH/direct-$1.jsonl" 2>"$SCRATCH/direct-$1.err")
  code=$?
  set -e
  echo "exit $code"
  cut -c1-300 "$SCRATCH/direct-$1.jsonl"
  echo "-- stderr"; tail -5 "$SCRATCH/direct-$1.err"
  echo "-- requests"; cut -c1-300 "$SCRATCH/$1.log" 2>/dev/null || echo "(none)"
  no_leftovers
}
if [ "$DIRECT" -eq 1 ]; then
  git -C "$REPO" add -A
  git -C "$REPO" -c user.name="gump test" -c user.email=test@gump.invalid commit -qm "setup"
  direct ok
  [ "$code" -eq 0 ] || fail "exit $code"
  [ "$(cat "$REPO/hello.txt" 2>/dev/null)" = "hello from mock" ] || fail "no hello.txt in $REPO"
  direct fail401
  [ "$code" -ne 0 ] || fail "exit 0 on a 401"
  PASSED=1
  step "direct: passed"
  exit 0
fi

{
  agent_table "mock-$CLI" "$OK_URL"
  agent_table "mock-$CLI-401" "$FAIL_URL"
  cat <<'TOML'
[gates.hello]
plugin = "command"
command = "test -f hello.txt"
TOML
} >"$REPO/gump.toml"
# Workflows of the project live in .gump/, which git ignores (gump arranges the same).
mkdir -p "$REPO/.gump/workflows"
echo '.gump/' >>"$REPO/.git/info/exclude"
for variant in "" "-401"; do
  cat >"$REPO/.gump/workflows/real-cli$variant.toml" <<TOML
name = "real-cli$variant"
[[steps]]
name = "hello"
kind = "code"
agent = "mock-$CLI$variant"
gates = ["hello"]
prompt = "Create hello.txt containing a greeting.\\n\\n{spec}"
TOML
done
git -C "$REPO" add -A
git -C "$REPO" -c user.name="gump test" -c user.email=test@gump.invalid commit -qm "setup"

gump() { (cd "$REPO" && env -i "${BASE_ENV[@]}" timeout "$TIMEOUT" "$GUMP_EXE" "$@"); }

# 1. The scripted success.
step "gump run (endpoint answers)"
set +e
gump run spec.md --workflow real-cli >"$SCRATCH/run.out" 2>"$SCRATCH/run.err"
code=$?
set -e
cat "$SCRATCH/run.out" "$SCRATCH/run.err"
echo "-- requests"; cat "$SCRATCH/ok.log" 2>/dev/null || echo "(none)"
[ "$code" -eq 0 ] || fail "gump run exited $code (want 0)"
gump report --json >"$SCRATCH/report.json" || fail "gump report --json failed"
python3 - "$SCRATCH/report.json" "$REPO" "$COST_SOURCE" <<'PY' || fail "the report or the run's branch is wrong"
import json, subprocess, sys
report = json.load(open(sys.argv[1]))
run, state = report["run"], report["state"]
problems = []
if state.get("status") != "pass":
    problems.append("status %r" % state.get("status"))
if state.get("turns", 0) < 1:
    problems.append("turns %r < 1" % state.get("turns"))
tokens = state.get("tokens", {})
if tokens.get("input", 0) < 120:
    problems.append("input tokens %r < 120" % tokens.get("input"))
if tokens.get("output", 0) < 30:
    problems.append("output tokens %r < 30" % tokens.get("output"))
branch = run.get("workspace_branch") or ""
shown = subprocess.run(["git", "-C", sys.argv[2], "show", branch + ":hello.txt"],
                       capture_output=True, text=True)
if shown.returncode != 0 or shown.stdout != "hello from mock\n":
    problems.append("hello.txt on %s: %r %s" % (branch, shown.stdout, shown.stderr.strip()))
# claude and opencode report what a call cost (opencode from the prices in its config); the
# others are priced by gump's table and marked estimated.
sources = {a.get("cost_source") for step in state.get("steps", []) for a in step.get("attempts", [])
           if a.get("agent")}
if not state.get("cost_usd", 0) > 0:
    problems.append("cost %r, want more than 0" % state.get("cost_usd"))
if sources != {sys.argv[3]}:
    problems.append("cost sources %r, want %s" % (sources, sys.argv[3]))
print("report: status=%s turns=%s tokens=%s cost=%s branch=%s" % (
    state.get("status"), state.get("turns"), json.dumps(tokens), state.get("cost_usd"), branch))
if problems:
    print("; ".join(problems), file=sys.stderr)
    sys.exit(1)
PY
no_leftovers

# 2. Every request refused: the run stops on the auth failure and names the agent.
step "gump run (endpoint answers 401)"
set +e
gump run spec.md --workflow real-cli-401 >"$SCRATCH/run401.out" 2>"$SCRATCH/run401.err"
code=$?
set -e
cat "$SCRATCH/run401.out" "$SCRATCH/run401.err"
echo "-- requests"; cat "$SCRATCH/fail401.log" 2>/dev/null || echo "(none)"
[ -s "$SCRATCH/fail401.log" ] || fail "the CLI never reached the 401 endpoint"
[ "$code" -eq 4 ] || fail "gump run exited $code on a 401 (want 4: stopped, no retry can fix it)"
grep -qF "agent mock-$CLI-401" "$SCRATCH/run401.out" "$SCRATCH/run401.err" ||
  fail "the 401 stop does not name agent mock-$CLI-401"
no_leftovers

PASSED=1
step "passed"
