# Shared settings for the project's scripts: sourced, never run.
# Every value can be overridden from the environment (see README, "Configuration").
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
# The model and credentials name project modules (nlu_components.*, channels.*): importable from anywhere.
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
RASA="$VENV/bin/rasa"
export HOST="${HOST:-127.0.0.1}"
export RASA_PORT="${RASA_PORT:-5005}"
export ACTIONS_PORT="${ACTIONS_PORT:-5055}"
export WEB_PORT="${WEB_PORT:-8080}"
export VAR_DIR="${VAR_DIR:-$ROOT/var}"
export TRACKER_DB="${TRACKER_DB:-$VAR_DIR/tracker.db}"
export SLACK_CHANNEL="${SLACK_CHANNEL:-}"
export MODELS_DIR="${MODELS_DIR:-$ROOT/models}"
# Quieter, repeatable TensorFlow on small machines.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export PYTHONHASHSEED="${PYTHONHASHSEED:-0}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
mkdir -p "$VAR_DIR"

# Serving: one TensorFlow thread pool of one thread per Rasa process. On 2 cores this roughly doubled
# throughput at 10 concurrent conversations (reports/bench/tuning.md). Training keeps TF's defaults.
serve_env() {
  export TF_INTER_OP_PARALLELISM_THREADS="${TF_INTER_OP_PARALLELISM_THREADS:-1}"
  export TF_INTRA_OP_PARALLELISM_THREADS="${TF_INTRA_OP_PARALLELISM_THREADS:-1}"
  export RASA_TELEMETRY_ENABLED="${RASA_TELEMETRY_ENABLED:-false}"
}

# Prints the path of a Python 3.10 interpreter (PYTHON310, PATH, pyenv, /usr), or fails.
find_python310() {
  local c
  for c in "${PYTHON310:-}" python3.10 "$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
    [ -n "$c" ] || continue
    if "$c" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
      command -v "$c" || echo "$c"; return 0
    fi
  done
  return 1
}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Prints the path of the model that matches the current data, domain and config.
model_path() {
  local fp
  fp=$(cd "$ROOT" && find data domain.yml config.yml nlu_components -type f \( -name '*.yml' -o -name '*.yaml' -o -name '*.txt' -o -name '*.py' \) -print0 \
       | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
  echo "$MODELS_DIR/coach-$fp.tar.gz"
}

# Waits until URL answers, or fails after $2 seconds.
wait_for() {
  local url="$1" limit="${2:-120}" t=0
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    sleep 1; t=$((t + 1))
    [ "$t" -ge "$limit" ] && return 1
  done
  return 0
}
