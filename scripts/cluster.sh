#!/usr/bin/env bash
# make cluster / cluster-stop: a loopback scale-out of the assistant, everything under var/cluster/.
#   scripts/cluster.sh start|stop|status
# start (idempotent: starts only what is not running) brings up, all on 127.0.0.1:
#   PostgreSQL (own cluster in var/cluster/pg)  tracker store shared by the replicas
#   Redis (no persistence)                      lock store shared by the replicas
#   2 action servers, 2 Rasa replicas (same model, endpoints.cluster.yml); each is started again
#                                               when it dies (scripts/respawn.sh)
#   nginx: the public port routes each conversation to one replica (consistent hash of the
#          X-Conversation-Id header, else the ?sender= query parameter, else the id in
#          /conversations/<id>/...); when a replica dies its conversations move to the other.
#          A second nginx port balances Rasa's calls over the two action servers.
# Ports and secrets are overridable from the environment; generated secrets are kept in
# var/cluster/secrets.env (mode 600, git-ignored). PostgreSQL refuses to run as root: when run as
# root its processes run as the Debian 'postgres' user, everything else as the current user.
set -euo pipefail
source "$(dirname "$0")/common.sh"
serve_env

CDIR="$VAR_DIR/cluster"
# Fixed ports stay below the kernel's ephemeral range (32768-60999), so no client connection can hold one.
export CLUSTER_PG_PORT="${CLUSTER_PG_PORT:-15432}"
export CLUSTER_REDIS_PORT="${CLUSTER_REDIS_PORT:-16379}"
export CLUSTER_PORT="${CLUSTER_PORT:-18080}"                  # nginx: Rasa (REST, HTTP API, Socket.IO)
export CLUSTER_ACTIONS_LB_PORT="${CLUSTER_ACTIONS_LB_PORT:-18055}"  # nginx: action servers
RASA_PORTS=(${CLUSTER_RASA_PORTS:-15011 15012})
ACTION_PORTS=(${CLUSTER_ACTION_PORTS:-15061 15062})
REPLICA_START_S="${REPLICA_START_S:-240}"  # per try; a replica that does not answer in time is started once more
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"

# ---------------------------------------------------------------- helpers
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

install_packages() {
  local missing=()
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]} (run as root or: sudo apt-get install ${missing[*]})"
  log "Installing ${missing[*]} (Debian packages; their system services are not used)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
}

load_secrets() {
  mkdir -p "$CDIR"; chmod 711 "$CDIR"  # postgres (when root) must traverse it
  local file="$CDIR/secrets.env"
  if [ ! -f "$file" ]; then
    (umask 077
     printf 'PG_PASSWORD=%s\nREDIS_PASSWORD=%s\nCLUSTER_API_TOKEN=%s\n' \
       "$("$PY" -c 'import secrets; print(secrets.token_hex(16))')" \
       "$("$PY" -c 'import secrets; print(secrets.token_hex(16))')" \
       "$("$PY" -c 'import secrets; print(secrets.token_hex(24))')" > "$file")
  fi
  set -a; source "$file"; set +a
  export RASA_API_TOKEN="${RASA_API_TOKEN:-$CLUSTER_API_TOKEN}"
  export PG_HOST="$HOST" PG_PORT="$CLUSTER_PG_PORT" PG_DB="${PG_DB:-rasa}" PG_USER="${PG_USER:-coach}"
  export REDIS_HOST="$HOST" REDIS_PORT="$CLUSTER_REDIS_PORT" ACTIONS_LB_HOST="$HOST"
  # Short ticket-lock lifetime: a lock held by a killed replica frees after 30 s, not 60.
  export TICKET_LOCK_LIFETIME="${TICKET_LOCK_LIFETIME:-30}"
  export SQL_POOL_SIZE="${SQL_POOL_SIZE:-10}" SQL_MAX_OVERFLOW="${SQL_MAX_OVERFLOW:-20}"
}

cluster_model() {
  local m="${CLUSTER_MODEL:-$(model_path)}"
  [ -f "$m" ] || die "no trained model at ${m#$ROOT/}: run 'make train' first"
  echo "$m"
}

# ---------------------------------------------------------------- components
start_postgres() {
  local data="$CDIR/pg"
  if as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then return 0; fi
  port_busy "$CLUSTER_PG_PORT" && die "port $CLUSTER_PG_PORT is taken by another program (set CLUSTER_PG_PORT)"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "PostgreSQL: initdb in ${data#$ROOT/}"
    mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres: "$data"
    local pw; pw=$(mktemp); printf '%s\n' "$PG_PASSWORD" > "$pw"; chmod 644 "$pw"
    as_pg "$PG_BIN/initdb" -D "$data" -U "$PG_USER" --pwfile="$pw" --auth=scram-sha-256 -E UTF8 >/dev/null
    rm -f "$pw"
  fi
  touch "$CDIR/postgres.log"; [ "$(id -u)" = 0 ] && chown postgres: "$CDIR/postgres.log"
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$CDIR/postgres.log" -w -t 60 start \
    -o "-c listen_addresses=$HOST -c port=$CLUSTER_PG_PORT -c unix_socket_directories='' -c max_connections=120" >/dev/null
  if ! PGPASSWORD="$PG_PASSWORD" psql -h "$HOST" -p "$CLUSTER_PG_PORT" -U "$PG_USER" -d postgres -tAc \
       "SELECT 1 FROM pg_database WHERE datname='$PG_DB'" | grep -q 1; then
    PGPASSWORD="$PG_PASSWORD" psql -h "$HOST" -p "$CLUSTER_PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE $PG_DB"
  fi
  log "PostgreSQL on $HOST:$CLUSTER_PG_PORT"
}

start_redis() {
  pid_alive "$CDIR/redis.pid" && return 0
  port_busy "$CLUSTER_REDIS_PORT" && die "port $CLUSTER_REDIS_PORT is taken by another program (set CLUSTER_REDIS_PORT)"
  # The password goes through stdin (a config read from '-'), so it is not visible in `ps`.
  printf 'requirepass %s\n' "$REDIS_PASSWORD" | redis-server - --bind "$HOST" --port "$CLUSTER_REDIS_PORT" \
    --save '' --appendonly no --daemonize yes --pidfile "$CDIR/redis.pid" --logfile "$CDIR/redis.log" --dir "$CDIR"
  for _ in $(seq 1 50); do pid_alive "$CDIR/redis.pid" && break; sleep 0.2; done
  log "Redis on $HOST:$CLUSTER_REDIS_PORT"
}

spawn() {  # name, command...: keep it running detached (scripts/respawn.sh), log and pids in var/cluster
  local name="$1"; shift
  # The loop runs in its own session; the server in another one, whose pid (= its process group) the loop
  # writes to <name>.pid, so that stop and the load test's SIGKILL reach the real process. A server that
  # dies is started again by the loop (<name>.loop.pid); stop ends the loop first.
  cd "$ROOT"
  rm -f "$CDIR/$name.pid"
  setsid bash "$ROOT/scripts/respawn.sh" "$CDIR/$name.pid" "$@" >> "$CDIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$CDIR/$name.loop.pid"
  for _ in $(seq 1 50); do [ -s "$CDIR/$name.pid" ] && break; sleep 0.1; done
}
running() { pid_alive "$CDIR/$1.loop.pid" || pid_alive "$CDIR/$1.pid"; }

start_actions() {
  local i=0 port
  for port in "${ACTION_PORTS[@]}"; do
    i=$((i + 1))
    running "actions$i" && continue
    port_busy "$port" && die "port $port is taken by another program (set CLUSTER_ACTION_PORTS)"
    SANIC_HOST="$HOST" spawn "actions$i" "$RASA" run actions --actions actions --port "$port" --cors ""
  done
}

cluster_credentials() {
  # The tracked credentials.yml; the plain REST channel is swapped for the guarded one
  # (per-conversation ordering inside a replica, 4xx for bad input) if not already done there.
  sed -e 's/^rest:[[:space:]]*$/channels.rest.SafeRestInput:/' "$ROOT/credentials.yml" > "$CDIR/credentials.yml"
}

wait_for_tables() {  # name of the first replica: until the tracker store's table exists (180 s at most)
  for _ in $(seq 1 180); do
    if PGPASSWORD="$PG_PASSWORD" psql -h "$HOST" -p "$CLUSTER_PG_PORT" -U "$PG_USER" -d "$PG_DB" -tAc \
         "SELECT to_regclass('public.events') IS NOT NULL" 2>/dev/null | grep -q t; then return 0; fi
    running "$1" || return 1
    sleep 1
  done
  return 1
}

start_rasa() {
  local model i=0 port; model=$(cluster_model)
  cluster_credentials
  for port in "${RASA_PORTS[@]}"; do
    i=$((i + 1))
    running "rasa$i" && continue
    port_busy "$port" && die "port $port is taken by another program (set CLUSTER_RASA_PORTS)"
    spawn "rasa$i" "$RASA" run --model "$model" --endpoints endpoints.cluster.yml \
      --credentials "$CDIR/credentials.yml" --interface "$HOST" --port "$port" \
      --cors "http://$HOST:$WEB_PORT" --enable-api "--auth-token=$RASA_API_TOKEN"
    # Two replicas creating the tables at the same moment race: let the first one create them
    # (it does so before loading the model), then start the others while it loads.
    if [ "$i" = 1 ] && ! wait_for_tables "rasa$i"; then
      log "rasa1 has not created the tracker store's tables yet; starting the other replicas anyway. Last lines of rasa1.log:"
      tail -20 "$CDIR/rasa1.log" >&2
    fi
  done
}

write_nginx_conf() {
  mkdir -p "$CDIR/nginx/tmp"
  [ "$(id -u)" = 0 ] && chown nobody "$CDIR/nginx/tmp"
  local rasa_servers="" action_servers="" p
  for p in "${RASA_PORTS[@]}"; do rasa_servers+="    server $HOST:$p max_fails=1 fail_timeout=10s;"$'\n'; done
  for p in "${ACTION_PORTS[@]}"; do action_servers+="    server $HOST:$p max_fails=1 fail_timeout=10s;"$'\n'; done
  cat > "$CDIR/nginx.conf" <<CONF
# Generated by scripts/cluster.sh; do not edit (it is rewritten on every start).
$([ "$(id -u)" = 0 ] && echo "user nobody nogroup;")
worker_processes 1;
daemon on;
pid $CDIR/nginx.pid;
error_log $CDIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
  client_body_temp_path $CDIR/nginx/tmp/body;
  proxy_temp_path $CDIR/nginx/tmp/proxy;
  fastcgi_temp_path $CDIR/nginx/tmp/fastcgi;
  uwsgi_temp_path $CDIR/nginx/tmp/uwsgi;
  scgi_temp_path $CDIR/nginx/tmp/scgi;
  client_max_body_size 1m;

  # Conversation key: X-Conversation-Id header, else ?sender=, else /conversations/<id>/...
  map \$uri \$conv_from_path { ~^/conversations/(?<cid>[^/]+) \$cid; default ""; }
  map \$http_x_conversation_id \$conv_key { "" "\$arg_sender\$conv_from_path"; default \$http_x_conversation_id; }
  map \$http_upgrade \$connection_upgrade { default upgrade; "" close; }
  log_format cluster '\$time_iso8601 \$status "\$request_method \$uri" conv=\$conv_key '
                     'upstream=\$upstream_addr upstream_status=\$upstream_status rt=\$request_time';
  access_log $CDIR/nginx-access.log cluster;

  upstream rasa {
    hash \$conv_key consistent;
$rasa_servers  }
  upstream rasa_socketio {
    hash \$remote_addr consistent;  # engine.io polling needs every request of a socket on one replica
$rasa_servers  }
  upstream actions {
    least_conn;
$action_servers  }

  server {
    listen $HOST:$CLUSTER_PORT;
    proxy_http_version 1.1;
    proxy_set_header Host \$host;
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    proxy_read_timeout 180s;
    proxy_connect_timeout 2s;
    # A dead replica (connection refused/reset, 502) -> same request on the other one.
    # non_idempotent: also for POST; a turn cut while in flight is processed again by the survivor.
    proxy_next_upstream error timeout http_502 non_idempotent;
    proxy_next_upstream_tries 2;
    add_header X-Upstream \$upstream_addr always;
    location /socket.io/ {
      proxy_pass http://rasa_socketio;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
    }
    location / {
      proxy_set_header Connection "";
      # One id per client request, the same on a retry: a turn retried on the other replica while the first
      # attempt still runs (a turn is not cancelled when its connection goes) is replayed, not run twice.
      proxy_set_header X-Turn-Id \$request_id;
      proxy_pass http://rasa;
    }
  }
  server {
    listen $HOST:$CLUSTER_ACTIONS_LB_PORT;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_read_timeout 120s;
    proxy_connect_timeout 2s;
    proxy_next_upstream error timeout http_502 http_503 non_idempotent;
    location / { proxy_pass http://actions; }
  }
}
CONF
}

start_nginx() {
  write_nginx_conf
  nginx -t -q -c "$CDIR/nginx.conf" -p "$CDIR" 2>>"$CDIR/nginx-error.log" || die "bad nginx config (see var/cluster/nginx-error.log)"
  if pid_alive "$CDIR/nginx.pid"; then
    nginx -c "$CDIR/nginx.conf" -p "$CDIR" -s reload
  else
    port_busy "$CLUSTER_PORT" && die "port $CLUSTER_PORT is taken by another program (set CLUSTER_PORT)"
    nginx -c "$CDIR/nginx.conf" -p "$CDIR"
  fi
}

wait_ready() {
  local i=0 port
  for port in "${ACTION_PORTS[@]}"; do
    i=$((i + 1))
    wait_for "http://$HOST:$port/health" 120 || { tail -20 "$CDIR/actions$i.log"; die "action server $i did not start"; }
  done
  i=0
  for port in "${RASA_PORTS[@]}"; do
    i=$((i + 1))
    wait_for "http://$HOST:$port/" "$REPLICA_START_S" && continue
    # A replica that hangs while starting (seen once in CI, not reproduced) gets one more try: its process is
    # killed and the respawn loop starts it again.
    log "Rasa replica $i does not answer after $REPLICA_START_S s; starting it again. Last lines of rasa$i.log:"
    tail -40 "$CDIR/rasa$i.log" >&2
    pid_alive "$CDIR/rasa$i.pid" && kill -KILL -- "-$(cat "$CDIR/rasa$i.pid")" 2>/dev/null
    wait_for "http://$HOST:$port/" "$REPLICA_START_S" && continue
    printf 'error: Rasa replica %s did not start (twice); last lines of rasa%s.log:\n' "$i" "$i" >&2
    tail -60 "$CDIR/rasa$i.log" >&2
    exit 1
  done
  wait_for "http://$HOST:$CLUSTER_PORT/webhooks/rest/" 30 || die "nginx does not answer on $CLUSTER_PORT"
}

write_env() {  # non-secret facts for clients (load test, docs)
  cat > "$CDIR/cluster.env" <<ENV
CLUSTER_URL=http://$HOST:$CLUSTER_PORT
CLUSTER_ACTIONS_URL=http://$HOST:$CLUSTER_ACTIONS_LB_PORT
CLUSTER_RASA_PORTS="${RASA_PORTS[*]}"
CLUSTER_ACTION_PORTS="${ACTION_PORTS[*]}"
CLUSTER_PG="postgresql://$PG_USER@$HOST:$CLUSTER_PG_PORT/$PG_DB"
CLUSTER_REDIS="redis://$HOST:$CLUSTER_REDIS_PORT/1"
CLUSTER_DIR=$CDIR
ENV
}

# ---------------------------------------------------------------- commands
cmd_start() {
  install_packages
  load_secrets
  cluster_model >/dev/null
  start_postgres
  start_redis
  start_actions
  start_rasa
  start_nginx
  wait_ready
  write_env
  cat <<INFO

  Cluster is up (logs in var/cluster/):
  REST:      curl -s -H 'X-Conversation-Id: me' -H 'Content-Type: application/json' http://$HOST:$CLUSTER_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"hi"}'
             (route key: header X-Conversation-Id, or ?sender=me; same value as "sender")
  HTTP API:  http://$HOST:$CLUSTER_PORT/conversations/me/tracker?token=<CLUSTER_API_TOKEN in var/cluster/secrets.env>
  Rasa:      $(for p in "${RASA_PORTS[@]}"; do printf 'http://%s:%s ' "$HOST" "$p"; done)
  Actions:   http://$HOST:$CLUSTER_ACTIONS_LB_PORT (nginx) -> $(for p in "${ACTION_PORTS[@]}"; do printf '%s:%s ' "$HOST" "$p"; done)
  Postgres:  $HOST:$CLUSTER_PG_PORT db $PG_DB user $PG_USER     Redis: $HOST:$CLUSTER_REDIS_PORT
  Stop:      make cluster-stop

INFO
}

stop_pidfile() {  # name: TERM the process group, KILL after 20 s
  local f="$CDIR/$1.pid" pid
  pid_alive "$f" || { rm -f "$f"; return 0; }
  pid=$(cat "$f")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
  rm -f "$f"
}

cmd_stop() {
  [ -d "$CDIR" ] || { echo "Cluster is not running."; return 0; }
  if pid_alive "$CDIR/nginx.pid"; then nginx -c "$CDIR/nginx.conf" -p "$CDIR" -s quit 2>/dev/null || stop_pidfile nginx; fi
  local i
  for i in $(seq 1 ${#RASA_PORTS[@]}); do stop_pidfile "rasa$i.loop"; stop_pidfile "rasa$i"; done
  for i in $(seq 1 ${#ACTION_PORTS[@]}); do stop_pidfile "actions$i.loop"; stop_pidfile "actions$i"; done
  stop_pidfile redis
  if [ -n "$PG_BIN" ] && [ -f "$CDIR/pg/PG_VERSION" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$CDIR/pg" status >/dev/null 2>&1 && as_pg "$PG_BIN/pg_ctl" -D "$CDIR/pg" -m fast -w stop >/dev/null
  fi
  rm -f "$CDIR/cluster.env"
  log "Cluster stopped."
}

cmd_status() {
  local up=0 down=0 name
  report() { if [ "$2" = up ]; then up=$((up + 1)); else down=$((down + 1)); fi; printf '  %-10s %s\n' "$1" "$2"; }
  if [ -n "$PG_BIN" ] && as_pg "$PG_BIN/pg_ctl" -D "$CDIR/pg" status >/dev/null 2>&1; then report postgres up; else report postgres down; fi
  for name in redis actions1 actions2 rasa1 rasa2 nginx; do
    if pid_alive "$CDIR/$name.pid"; then report "$name" up; else report "$name" down; fi
  done
  [ "$down" = 0 ]
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
