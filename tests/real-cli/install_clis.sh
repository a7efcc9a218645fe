#!/usr/bin/env bash
# Installs the pinned agent CLIs into a cache directory (kept between runs):
#   tests/real-cli/install_clis.sh [cli...]      (default: all five)
# Prints nothing but progress on stderr. Exits 77 (ctest's "skipped") when npm cannot reach its
# registry, 1 on any other failure.
set -euo pipefail

CACHE=${GUMP_REAL_CLI_DIR:-$HOME/.cache/gump-real-cli}

# cli → npm package@version: the versions tests/fixtures/agents/ was captured with.
declare -A PACKAGE=(
  [claude]=@anthropic-ai/claude-code@2.1.331
  [qwen]=@qwen-code/qwen-code@0.24.4
  [codex]=@openai/codex@0.169.0
  [opencode]=opencode-ai@1.18.33
  [gemini]=@google/gemini-cli@0.61.0
)

log() { echo "install_clis: $*" >&2; }

ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return
  log "installing nodejs and npm (Debian)"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq || exit 77
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    nodejs npm >/dev/null || exit 77
}

# Each CLI gets its own prefix: their dependency trees conflict (and node_modules/.bin names).
installed_version() { # cli → the version in its prefix, or nothing
  local spec=${PACKAGE[$1]} name
  name=${spec%@*}
  local manifest="$CACHE/$1/node_modules/$name/package.json"
  [ -f "$manifest" ] && node -e 'process.stdout.write(require(process.argv[1]).version)' "$manifest"
}

install_one() {
  local cli=$1 spec=${PACKAGE[$1]}
  local want=${spec##*@}
  if [ "$(installed_version "$cli")" = "$want" ] && [ -x "$CACHE/$cli/node_modules/.bin/$cli" ]; then
    return 0
  fi
  log "$spec → $CACHE/$cli"
  mkdir -p "$CACHE/$cli"
  # Install scripts must run: claude and opencode link their native binary in postinstall.
  if ! npm install --prefix "$CACHE/$cli" --no-audit --no-fund --loglevel=error "$spec" \
      >"$CACHE/$cli.install.log" 2>&1; then
    if grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|network' "$CACHE/$cli.install.log"; then
      log "npm cannot reach its registry: skipping"
      exit 77
    fi
    log "npm install $spec failed:"
    tail -20 "$CACHE/$cli.install.log" >&2
    exit 1
  fi
}

ensure_node
clis=("$@")
[ ${#clis[@]} -gt 0 ] || clis=(claude qwen codex opencode gemini)
for cli in "${clis[@]}"; do
  [ -n "${PACKAGE[$cli]:-}" ] || { log "unknown cli: $cli"; exit 2; }
  install_one "$cli"
done
