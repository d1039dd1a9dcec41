#!/usr/bin/env bash
# Runs the test stories against the current model. Plain `rasa test` walks into .rasa/cache
# and crashes in 3.6, so the stories are passed explicitly.
set -euo pipefail
cd "$(dirname "$0")/.."
model="$(ls -t models/uitstroom-*.tar.gz | head -n 1)"
out="$(mktemp -d)"
.venv/bin/rasa test core --model "$model" --stories tests/stories --out "$out" \
  --fail-on-prediction-errors --endpoints rasa/endpoints.yml > "$out/log.txt" 2>&1 || {
  grep -v -E "tensorflow|cuda|oneDNN|Deprecat" "$out/log.txt" | tail -40
  cat "$out/failed_test_stories.yml" 2>/dev/null || true
  echo "Test stories FAILED"
  exit 1
}
correct=$(grep -o "Correct:.*" "$out/log.txt" | head -n 1 || true)
echo "Test stories passed. ${correct}"
