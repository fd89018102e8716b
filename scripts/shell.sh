#!/usr/bin/env bash
# make shell: chat in the terminal (scripts/coach_shell.py around `rasa shell`), same model and actions.
# The shell gets its own action server on a free port (SHELL_ACTIONS_PORT to choose one), so it runs next
# to `make run`; SHELL_ACTIONS_URL=http://host:port reuses a running action server instead (said on screen).
# SHELL_MODEL skips install and training and uses that model file.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
if [ -n "${SHELL_MODEL:-}" ]; then
  model="$SHELL_MODEL"
else
  bash "$ROOT/scripts/install.sh"
  bash "$ROOT/scripts/train.sh"
  model="$(model_path)"
fi
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ -n "${SHELL_ACTIONS_URL:-}" ]; then
  export COACH_ACTIONS_URL="${SHELL_ACTIONS_URL%/}"
  ACTIONS_PORT="${COACH_ACTIONS_URL##*:}"
  log "Using the running action server at $COACH_ACTIONS_URL"
else
  ACTIONS_PORT="${SHELL_ACTIONS_PORT:-$(free_port)}"
  export COACH_ACTIONS_URL="http://$HOST:$ACTIONS_PORT"
  # Started next to the shell, not before it: both load in parallel; the first prompt waits for it.
  SANIC_HOST="$HOST" PYTHONWARNINGS=ignore "$RASA" run actions --actions actions --port "$ACTIONS_PORT" \
    > "$VAR_DIR/actions-shell.log" 2>&1 &
  actions_pid=$!
  trap 'kill $actions_pid 2>/dev/null || true' EXIT
  log "Starting the coach (its action server: port $ACTIONS_PORT, log var/actions-shell.log)"
fi
export ACTIONS_PORT
PYTHONWARNINGS=ignore "$PY" "$ROOT/scripts/coach_shell.py" --model "$model" --endpoints endpoints.yml \
  -i "$HOST" --port "${SHELL_PORT:-$(free_port)}" --quiet "$@"
