#!/usr/bin/env bash
# Trains a model only when data/, domain.yml or config.yml changed since the last one.
# The model is named after a fingerprint of those files, so an unchanged project reuses it.
set -euo pipefail
source "$(dirname "$0")/common.sh"
mkdir -p "$MODELS_DIR"
# One training at a time: a second caller waits, then finds the model already there.
exec 9>"$MODELS_DIR/.train.lock"
flock 9
model=$(model_path)
if [ -f "$model" ] && [ "${FORCE_TRAIN:-0}" != "1" ]; then
  echo "Model is up to date: ${model#$ROOT/}"
  exit 0
fi
log "Training ${model#$ROOT/} (data, domain or config changed)"
cd "$ROOT"
start=$(date +%s)
"$RASA" train --domain domain.yml --data data --config config.yml \
  --out "$MODELS_DIR" --fixed-model-name "$(basename "$model" .tar.gz)" --quiet
echo $(( $(date +%s) - start )) > "${model%.tar.gz}.train_seconds"
echo "Model: ${model#$ROOT/}"
