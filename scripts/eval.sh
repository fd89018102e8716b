#!/usr/bin/env bash
# Evaluates the trained model's understanding (make eval; make test runs it with --check):
#   1. tests/nlu/test_nlu.yml: intent macro-F1 (floor 0.93 with --check), entity F1  -> reports/nlu/
#   2. tests/realistic/*.yml: realistic first messages written blind: branch, goal and fact accuracy,
#      fallbacks, questions taken for drafts (floors with --check)                      -> reports/realistic/
#   3. when present, the shared blind set of 400 first messages (branch only, no floor)  -> reports/blind400/
# The realistic sets are evaluation only: never copy them into data/.
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
check=()
junit_dir="$ROOT/reports/test"
[ "${1:-}" = "--check" ] && check=(--check)
model="$(model_path)"
rc=0
"$PY" scripts/eval_nlu.py "$model" --threshold 0.93 "${check[@]}" --junit "$junit_dir/nlu.xml" || rc=1
"$PY" scripts/eval_realistic.py "$model" "${check[@]}" --junit "$junit_dir/realistic.xml" || rc=1
BLIND_SET="${BLIND_SET:-$ROOT/../shared/testing/blind-first-messages.yml}"
if [ -f "$BLIND_SET" ]; then
  "$PY" scripts/eval_realistic.py "$model" --sets "$BLIND_SET" --out "$ROOT/reports/blind400" --errors 0 || true
fi
exit $rc
