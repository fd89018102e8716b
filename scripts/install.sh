#!/usr/bin/env bash
# Creates .venv with Python 3.10 and installs requirements.lock into it.
# Idempotent: with an unchanged lock file a second run does nothing.
set -euo pipefail
source "$(dirname "$0")/common.sh"

stamp="$VENV/.lock-$(sha256sum "$ROOT/requirements.lock" | cut -c1-16)"
if [ -f "$stamp" ]; then
  echo "Python environment is up to date ($VENV)."
  exit 0
fi

py310=$(find_python310) || die "Python 3.10 is required (Rasa 3.6 does not install on 3.11 or newer).
  Debian/Ubuntu: apt-get install python3.10 python3.10-venv (or the deadsnakes PPA)
  pyenv:         pyenv install 3.10.13
  macOS:         brew install python@3.10
  or point PYTHON310 at a Python 3.10 interpreter: PYTHON310=/path/to/python3.10 make run"

if [ ! -x "$PY" ]; then
  log "Creating $VENV with $py310"
  "$py310" -m venv "$VENV"
fi
log "Installing the locked dependencies (requirements.lock)"
"$PY" -m pip install --quiet --disable-pip-version-check "pip==24.0"
# Byte-compiled at install (about 34 CPU-s): with PYTHONDONTWRITEBYTECODE set, as on these machines, Python would
# otherwise compile every module it imports again in every process (slower starts of every server and test).
"$PY" -m pip install --quiet --disable-pip-version-check --no-deps -r "$ROOT/requirements.lock"
"$PY" -m pip check
rm -f "$VENV"/.lock-*
touch "$stamp"
log "Python environment ready."
