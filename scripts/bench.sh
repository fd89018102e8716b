#!/usr/bin/env bash
# make bench: the coach against a stock `rasa init` assistant (report in reports/bench/).
#   bash scripts/bench.sh                 full run: latency, throughput at 1/10/50 concurrent, memory, cold start,
#                                         training time, turn 1 vs turn 50; targets marked met / not met
#   bash scripts/bench.sh --quick         CI: fewer turns, concurrency 1 and 10, cached baseline; checks that
#                                         every figure is computed with zero errors (targets not asserted)
#   bash scripts/bench.sh --junit FILE    one JUnit testcase per check
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
mkdir -p reports/bench
exec "$PY" -m bench "$@"
