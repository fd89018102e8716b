#!/usr/bin/env bash
# respawn.sh PIDFILE COMMAND...: keep COMMAND running (used by scripts/cluster.sh for each Rasa replica and
# action server). COMMAND runs in its own session (its pid, which is also its process group, is written to
# PIDFILE, so that a test can SIGKILL the server itself); whenever it exits it is started again, after 5 s
# if it lived less than 20 s (RESTART_QUICK_S, RESTART_BACKOFF_S), so that one that cannot start does not
# spin. TERM stops COMMAND and this loop.
set -u
pidfile="$1"; shift
child=""
trap '[ -n "$child" ] && kill -TERM -- "-$child" 2>/dev/null; exit 0' TERM INT
while true; do
  started=$SECONDS
  setsid "$@" < /dev/null &
  child=$!
  echo "$child" > "$pidfile"
  rc=0; wait "$child" || rc=$?
  echo "$(date -u '+%F %T') respawn: pid $child exited (status $rc); starting it again" >&2
  if [ $((SECONDS - started)) -lt "${RESTART_QUICK_S:-20}" ]; then sleep "${RESTART_BACKOFF_S:-5}"; else sleep 1; fi
done
