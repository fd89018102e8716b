#!/usr/bin/env bash
# Trains a model only when data/, domain.yml or config.yml changed since the last one.
# The model is named after a fingerprint of those files, so an unchanged project reuses it.
set -euo pipefail
source "$(dirname "$0")/common.sh"
model=$(model_path)
if [ -f "$model" ] && [ "${FORCE_TRAIN:-0}" != "1" ]; then
  echo "Model is up to date: ${model#$ROOT/}"
  exit 0
fi
mkdir -p "$MODELS_DIR"
log "Training ${model#$ROOT/} (data, domain or config changed)"
cd "$ROOT"
"$RASA" train --domain domain.yml --data data --config config.yml \
  --out "$MODELS_DIR" --fixed-model-name "$(basename "$model" .tar.gz)" --quiet
echo "Model: ${model#$ROOT/}"
