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

bash "$ROOT/scripts/install_web.sh"
echo "e2e setup ok: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
