#!/usr/bin/env bash
# Installs node_modules/ from package-lock.json (the rasa-webchat widget served by scripts/web_server.py).
# Idempotent: runs `npm ci` only when node_modules is missing or older than the lock file.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

# npm writes node_modules/.package-lock.json on every install.
stamp="node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ ! -f node_modules/rasa-webchat/lib/index.js ] || [ package-lock.json -nt "$stamp" ]; then
  command -v npm >/dev/null || die "npm is needed for the web chat widget (Debian: apt-get install -y nodejs npm)"
  log "npm ci (rasa-webchat from package-lock.json)"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  touch "$stamp"
fi
version=$(node -p 'require("./node_modules/rasa-webchat/package.json").version')
[ "$version" = "1.0.1" ] || die "node_modules has rasa-webchat $version, expected 1.0.1: run npm ci"
echo "Web widget is up to date (rasa-webchat $version)."
