#!/usr/bin/env bash
# make test: every check, in the order of RasaHQ's rasa-demo CI, each stage timed.
# Stops at the first failing stage; ends with a 'total: N passed, N failed' line.
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
REPORTS="$ROOT/reports/test"
rm -rf "$REPORTS"; mkdir -p "$REPORTS"
STAGES=(${TEST_STAGES:-install lint unit validate train stories nlu e2e cluster bench})
declare -a SUMMARY=()
failed_stage=""
export PYTEST_ADDOPTS="${PYTEST_ADDOPTS:-} -p no:cacheprovider"

run_stage() {
  local name="$1"; shift
  local start end rc
  log "stage: $name"
  start=$(date +%s)
  "$@"; rc=$?
  end=$(date +%s)
  SUMMARY+=("$(printf '%-9s %5ss  %s' "$name" "$((end - start))" "$([ $rc -eq 0 ] && echo ok || echo FAILED)")")
  if [ $rc -ne 0 ]; then failed_stage="$name"; fi
  return $rc
}

LINT_PATHS="actions channels nlu_components bench tests scripts"

stage_install()  { bash scripts/install.sh; }
stage_lint()     { "$VENV/bin/ruff" check $LINT_PATHS && "$VENV/bin/ruff" format --check $LINT_PATHS; }
stage_unit()     { "$PY" -m pytest tests/engine tests/actions tests/channels tests/nlu_components tests/benchmark -q --junitxml="$REPORTS/unit.xml"; }
stage_validate() { "$RASA" data validate --domain domain.yml --data data --config config.yml --fail-on-warnings; }
stage_train()    { bash scripts/train.sh; }
stage_stories()  {
  rm -rf results/stories
  "$RASA" test core --model "$(model_path)" --stories tests/stories --e2e \
    --fail-on-prediction-errors --successes --out results/stories --no-plot \
    ; local rc=$?
  "$PY" scripts/junit_from_stories.py results/stories "$REPORTS/stories.xml" || rc=1
  return $rc
}
stage_nlu()      { bash scripts/eval.sh --check; }
stage_e2e()      { bash scripts/setup_e2e.sh && ROBUST_BURST="${ROBUST_BURST:-150}" "$PY" -m pytest tests/e2e -q --durations=30 --junitxml="$REPORTS/e2e.xml"; }
stage_cluster()  { bash scripts/cluster_test.sh --quick --junit "$REPORTS/cluster.xml"; }
stage_bench()    { bash scripts/bench.sh --quick --junit "$REPORTS/bench.xml"; }

for stage in "${STAGES[@]}"; do
  if ! declare -F "stage_$stage" >/dev/null; then die "unknown stage $stage"; fi
  run_stage "$stage" "stage_$stage" || break
done

echo
echo "Stage     Time    Result"
printf '%s\n' "${SUMMARY[@]}"
"$PY" scripts/junit_total.py "$REPORTS" ${failed_stage:+--failed-stage "$failed_stage"}
[ -z "$failed_stage" ]
