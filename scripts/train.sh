#!/usr/bin/env bash
# Trains a model only when data/, domain.yml, config.yml or nlu_components/ changed since the last one.
# The model is named after a fingerprint of those files, so an unchanged project reuses it.
# Training prints each component as it starts and finishes, and no warning spam.
set -euo pipefail
source "$(dirname "$0")/common.sh"
mkdir -p "$MODELS_DIR"
model=$(model_path)
up_to_date() { [ -f "$model" ] && [ "${FORCE_TRAIN:-0}" != "1" ]; }
if up_to_date; then
  echo "Model is up to date: ${model#$ROOT/}"
  exit 0
fi
# One training at a time: a second caller waits, then finds the model already there.
exec 9>"$MODELS_DIR/.train.lock"
if ! flock -n 9; then
  log "Another training is running on this machine; waiting for it to finish"
  flock 9
fi
if up_to_date; then
  echo "Model is up to date: ${model#$ROOT/}"
  exit 0
fi
log "Training ${model#$ROOT/} (data, domain or config changed; about a minute on 2 cores)"
cd "$ROOT"
start=$(date +%s)
# Stories are not augmented (--augmentation 0): only TED would learn from the glued-together copies, and
# the rules and memorised stories decide the turns the tests check (docs/speed.md, "Training").
"$PY" "$ROOT/scripts/quiet_rasa.py" train --domain domain.yml --data data --config config.yml \
  --out "$MODELS_DIR" --fixed-model-name "$(basename "$model" .tar.gz)" --augmentation 0 --quiet
seconds=$(( $(date +%s) - start ))
echo "$seconds" > "${model%.tar.gz}.train_seconds"
echo "Model: ${model#$ROOT/} (trained in ${seconds} s)"
