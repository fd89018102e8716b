#!/usr/bin/env bash
# make shell: the Rasa shell against the same model and a fresh action server.
set -euo pipefail
source "$(dirname "$0")/common.sh"
bash "$ROOT/scripts/install.sh"
bash "$ROOT/scripts/train.sh"
cd "$ROOT"
SANIC_HOST="$HOST" "$RASA" run actions --actions actions --port "$ACTIONS_PORT" > "$VAR_DIR/actions-shell.log" 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true' EXIT
wait_for "http://$HOST:$ACTIONS_PORT/health" 120 || die "the action server did not start (var/actions-shell.log)"
"$RASA" shell --model "$(model_path)" --endpoints endpoints.yml -i "$HOST" --port "${SHELL_PORT:-5006}" "$@"
