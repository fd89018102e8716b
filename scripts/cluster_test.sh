#!/usr/bin/env bash
# make cluster-test: bounded load test on the loopback cluster: hostile input mixed in, one Rasa replica
# SIGKILLed repeatedly (crash loop; the cluster starts it again each time).
#   scripts/cluster_test.sh [--quick] [--junit FILE] [other tests/cluster/load_test.py options]
# Full: 200 conversations x 10 turns + a 50-message burst; --quick: 40 x 5 + 20.
# Starts the cluster if it is not running (and stops it afterwards); if it was running, the
# cluster keeps running. Figures go to reports/cluster/.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

started_here=0
if [ -f "$VAR_DIR/cluster/nginx.pid" ] && kill -0 "$(cat "$VAR_DIR/cluster/nginx.pid")" 2>/dev/null; then
  log "Cluster already running: using it"
  bash scripts/cluster.sh start >/dev/null   # idempotent: brings back anything that is down
else
  started_here=1
  log "Starting the cluster for the test"
fi
finish() {
  local rc=$?
  if [ "$started_here" = 1 ]; then bash scripts/cluster.sh stop || true
  else bash scripts/cluster.sh start >/dev/null || true; fi  # idempotent: the respawn loops restart replicas
  exit $rc
}
trap finish EXIT
[ "$started_here" = 1 ] && bash scripts/cluster.sh start

mkdir -p "$ROOT/reports/cluster"
"$PY" tests/cluster/load_test.py --json "$ROOT/reports/cluster/figures.json" "$@"
