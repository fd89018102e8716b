#!/usr/bin/env bash
# make run: install if needed, train if needed, then start the action server, Rasa
# (REST + Socket.IO + Slack when configured) and the web page; Ctrl-C stops them all.
# Each server is supervised: one that exits or crashes is started again, the others keep serving; a warm
# standby of Rasa and of the action server takes over a killed one within seconds (STANDBY=0: none).
set -euo pipefail
source "$(dirname "$0")/common.sh"

bash "$ROOT/scripts/install.sh"
bash "$ROOT/scripts/install_web.sh" || log "The web chat page needs the widget; REST, Socket.IO and Slack still work."
bash "$ROOT/scripts/train.sh"
model=$(model_path)
serve_env

if [ -z "${RASA_API_TOKEN:-}" ]; then
  RASA_API_TOKEN=$("$PY" -c 'import secrets; print(secrets.token_hex(24))')
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

# supervise NAME LOG COMMAND...: run COMMAND (output appended to LOG) and start it again whenever it exits;
# TERM stops the command and the loop. A command that dies within RESTART_QUICK_S of starting waits
# RESTART_BACKOFF_S before the next try, so a server that cannot start does not spin.
supervise() {
  local name="$1" logfile="$2" child="" rc started
  shift 2
  trap '[ -n "$child" ] && kill "$child" 2>/dev/null; wait 2>/dev/null; exit 0' TERM
  while true; do
    started=$SECONDS
    "$@" >>"$logfile" 2>&1 &
    child=$!
    rc=0; wait "$child" || rc=$?
    child=""
    log "$name exited (status $rc); starting it again, the other servers keep running (log: $logfile)"
    if [ $((SECONDS - started)) -lt "${RESTART_QUICK_S:-20}" ]; then sleep "${RESTART_BACKOFF_S:-5}"; else sleep 1; fi
  done
}

cd "$ROOT"
: >"$VAR_DIR/actions.log"; : >"$VAR_DIR/rasa.log"; : >"$VAR_DIR/web.log"  # this run's logs, restarts included
# Rasa and the action server run through channels/standby.py: the process holding $VAR_DIR/<name>.lock serves.
lock="$VAR_DIR/actions.lock"
actions_cmd=(env SANIC_HOST="$HOST" "$PY" -m channels.standby "$lock" run actions --actions actions --port "$ACTIONS_PORT" --cors "")
rasa_cmd=("$PY" -m channels.standby "$VAR_DIR/rasa.lock"
  run --model "$model" --endpoints endpoints.yml --credentials "$creds"
  --interface "$HOST" --port "$RASA_PORT" --cors "http://$HOST:$WEB_PORT"
  --enable-api "--auth-token=$RASA_API_TOKEN")
supervise "The action server" "$VAR_DIR/actions.log" "${actions_cmd[@]}" &
pids+=($!)
supervise "Rasa" "$VAR_DIR/rasa.log" "${rasa_cmd[@]}" &
pids+=($!)
if [ -f "$ROOT/scripts/web_server.py" ]; then
  supervise "The web page server" "$VAR_DIR/web.log" "$PY" "$ROOT/scripts/web_server.py" &
  pids+=($!)
fi

log "Starting (logs in var/: actions.log, rasa.log, web.log)..."
wait_for "http://$HOST:$ACTIONS_PORT/health" 120 || { tail -20 "$VAR_DIR/actions.log"; die "the action server did not start"; }
wait_for "http://$HOST:$RASA_PORT/webhooks/rest/" 300 || { tail -20 "$VAR_DIR/rasa.log"; die "Rasa did not start"; }
# Warm standbys (STANDBY=1, the default): a second Rasa and action server load everything, then wait for the
# serving one to stop; a killed server is then replaced in about a second instead of a cold start (30-130 s for
# Rasa on 2 busy cores). Started once the first ones answer, so that they do not slow the first start.
if [ "${STANDBY:-1}" = "1" ]; then
  supervise "The action server #2" "$VAR_DIR/actions.log" "${actions_cmd[@]}" &
  pids+=($!)
  supervise "Rasa #2" "$VAR_DIR/rasa.log" "${rasa_cmd[@]}" &
  pids+=($!)
fi
cat <<INFO

  Interview Outreach Coach is up.
  Web chat:  http://$HOST:$WEB_PORT/
  REST:      curl -s http://$HOST:$RASA_PORT/webhooks/rest/webhook -H 'Content-Type: application/json'${COACH_REST_TOKEN:+ -H \"Authorization: Bearer \$COACH_REST_TOKEN\"} -d '{"sender":"me","message":"hi"}'
  HTTP API:  http://$HOST:$RASA_PORT/status?token=\$RASA_API_TOKEN
  $slack_note
  Stop:      Ctrl-C

INFO
wait -n "${pids[@]}" || true
log "A supervisor stopped unexpectedly; see var/*.log"
