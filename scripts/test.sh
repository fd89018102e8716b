#!/usr/bin/env bash
# make test: every check, in the order of RasaHQ's rasa-demo CI, each stage timed.
# Stages joined by "+" run side by side (a 2-core machine has a core to spare while one trains or evaluates);
# their output is shown one after the other once all of them have ended.
# Stops at the first failing stage (or group); ends with a 'total: N passed, N failed' line.
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
REPORTS="$ROOT/reports/test"
rm -rf "$REPORTS"; mkdir -p "$REPORTS"
STAGES=(${TEST_STAGES:-install+e2esetup lint validate unit+train stories+nlu e2eweb+e2estacks cluster+bench})
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
stage_e2esetup() { bash scripts/setup_e2e.sh; }
e2e() { local name="$1"; shift; ROBUST_BURST="${ROBUST_BURST:-150}" "$PY" -m pytest "$@" -q --durations=30 --junitxml="$REPORTS/$name.xml"; }
stage_e2e()      { stage_e2esetup && e2e e2e tests/e2e; }
# make test runs the end-to-end suites as two halves side by side: most of their time is spent waiting for
# servers to start, stop and recover, so a 2-core machine runs both in about the time of the longer one.
# e2estacks: the tests that start stacks of their own; e2eweb: every other e2e file (the shared channels stack).
E2E_STACKS=(tests/e2e/test_robustness.py tests/e2e/test_security.py tests/e2e/test_persistence.py
  tests/e2e/test_supervision.py)
stage_e2eweb()    { e2e e2eweb tests/e2e "${E2E_STACKS[@]/#/--ignore=}"; }
stage_e2estacks() { e2e e2estacks "${E2E_STACKS[@]}"; }
stage_cluster()  { bash scripts/cluster_test.sh --quick --junit "$REPORTS/cluster.xml"; }
stage_bench()    { bash scripts/bench.sh --quick --junit "$REPORTS/bench.xml"; }

# run_group A+B...: run the stages side by side, each into its own log, then show the logs and the timings.
run_group() {
  local names pids=() name i rc=0
  IFS=+ read -ra names <<< "$1"
  log "stages side by side: ${names[*]}"
  for name in "${names[@]}"; do
    ( SUMMARY=(); failed_stage=""
      run_stage "$name" "stage_$name" > "$REPORTS/stage-$name.log" 2>&1
      printf '%s\n' "${SUMMARY[@]}" > "$REPORTS/stage-$name.summary" ) &
    pids+=($!)
  done
  for i in "${!names[@]}"; do
    wait "${pids[$i]}"
    name="${names[$i]}"
    cat "$REPORTS/stage-$name.log"
    SUMMARY+=("$(cat "$REPORTS/stage-$name.summary")")
    if grep -q "FAILED$" "$REPORTS/stage-$name.summary"; then failed_stage="${failed_stage:-$name}"; rc=1; fi
  done
  return $rc
}

for stage in "${STAGES[@]}"; do
  for name in ${stage//+/ }; do
    declare -F "stage_$name" >/dev/null || die "unknown stage $name"
  done
  if [[ "$stage" == *+* ]]; then
    run_group "$stage" || break
  else
    run_stage "$stage" "stage_$stage" || break
  fi
done

echo
echo "Stage     Time    Result"
printf '%s\n' "${SUMMARY[@]}"
"$PY" scripts/junit_total.py "$REPORTS" ${failed_stage:+--failed-stage "$failed_stage"}
[ -z "$failed_stage" ]
