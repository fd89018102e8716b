#!/usr/bin/env bash
# make run: install if needed, train if needed, then start the action server, Rasa
# (REST + Socket.IO + Slack when configured) and the web page; Ctrl-C stops them all.
set -euo pipefail
source "$(dirname "$0")/common.sh"

bash "$ROOT/scripts/install.sh"
bash "$ROOT/scripts/install_web.sh" || log "The web chat page needs the widget; REST, Socket.IO and Slack still work."
bash "$ROOT/scripts/train.sh"
model=$(model_path)
serve_env

if [ -z "${RASA_API_TOKEN:-}" ]; then
  RASA_API_TOKEN=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(24))')
  echo "RASA_API_TOKEN was not set; generated one for this run: $RASA_API_TOKEN"
fi
export RASA_API_TOKEN

# credentials: the tracked file, plus the Slack block when its secrets are in the environment.
creds="$VAR_DIR/credentials.yml"
cp "$ROOT/credentials.yml" "$creds"
if [ -n "${SLACK_BOT_TOKEN:-}" ] && [ -n "${SLACK_SIGNING_SECRET:-}" ]; then
  cat "$ROOT/credentials.slack.yml" >> "$creds"
  slack_note="Slack:     events and interactivity URL  <public URL of this server>/webhooks/slack/webhook"
else
  slack_note="Slack:     off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to turn it on)"
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo; log "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  log "Stopped."
}
# Ctrl-C (or TERM) at any moment, even during start-up, is a clean stop rather than an error.
trap 'stop; exit 0' INT TERM
trap stop EXIT

cd "$ROOT"
SANIC_HOST="$HOST" "$RASA" run actions --actions actions --port "$ACTIONS_PORT" --cors "" \
  > "$VAR_DIR/actions.log" 2>&1 &
pids+=($!)
"$RASA" run --model "$model" --endpoints endpoints.yml --credentials "$creds" \
  --interface "$HOST" --port "$RASA_PORT" --cors "http://$HOST:$WEB_PORT" \
  --enable-api --auth-token "$RASA_API_TOKEN" > "$VAR_DIR/rasa.log" 2>&1 &
pids+=($!)
if [ -f "$ROOT/scripts/web_server.py" ]; then
  "$PY" "$ROOT/scripts/web_server.py" > "$VAR_DIR/web.log" 2>&1 &
  pids+=($!)
fi

log "Starting (logs in var/: actions.log, rasa.log, web.log)..."
wait_for "http://$HOST:$ACTIONS_PORT/health" 120 || { tail -20 "$VAR_DIR/actions.log"; die "the action server did not start"; }
wait_for "http://$HOST:$RASA_PORT/webhooks/rest/" 300 || { tail -20 "$VAR_DIR/rasa.log"; die "Rasa did not start"; }
cat <<INFO

  Interview Outreach Coach is up.
  Web chat:  http://$HOST:$WEB_PORT/
  REST:      curl -s http://$HOST:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"hi"}'
  HTTP API:  http://$HOST:$RASA_PORT/status?token=\$RASA_API_TOKEN
  $slack_note
  Stop:      Ctrl-C

INFO
wait -n "${pids[@]}" || true
log "A server exited; see var/*.log"
