#!/usr/bin/env bash
# What the end-to-end browser tests need, installed only when missing (safe to run again):
#   - Debian's chromium at /usr/bin/chromium (Playwright drives it; no browser download),
#   - node_modules/ from package-lock.json (the rasa-webchat widget served by scripts/web_server.py).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

if [ ! -x /usr/bin/chromium ]; then
  log "Installing Debian's chromium (needed by tests/e2e/test_web.py)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version >/dev/null 2>&1 || die "/usr/bin/chromium does not run"

# npm ci when node_modules is missing or older than the lock file (npm writes
# node_modules/.package-lock.json on every install).
stamp="node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ ! -f node_modules/rasa-webchat/lib/index.js ] || [ package-lock.json -nt "$stamp" ]; then
  command -v npm >/dev/null || die "npm is needed (Debian: apt-get install -y nodejs npm)"
  log "npm ci (rasa-webchat from package-lock.json)"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  touch "$stamp"
fi
version=$(node -p 'require("./node_modules/rasa-webchat/package.json").version')
[ "$version" = "1.0.1" ] || die "node_modules has rasa-webchat $version, expected 1.0.1: run npm ci"
echo "e2e setup ok: $(/usr/bin/chromium --version 2>/dev/null | head -1), rasa-webchat $version"
