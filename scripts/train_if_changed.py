"""Trains the Rasa model only when its inputs changed.

The model file is named after a SHA-256 of everything that shapes it (config,
domain, training data, our NLU components and the data they read, the spaCy
pipeline build and the pinned requirements: uitstroom/model_inputs.py), so an
unchanged checkout reuses models/uitstroom-<hash>.tar.gz and a changed one trains
a new model.
Prints the model path on its last line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from uitstroom.model_inputs import model_path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    config = os.environ.get("UITSTROOM_CONFIG", "config.yml")
    model = model_path(config)
    name = model.name.removesuffix(".tar.gz")
    if model.exists():
        print(f"Model up to date (inputs unchanged): {model.relative_to(ROOT)}")
        print(model)
        return 0
    print(f"Training inputs changed: training {model.relative_to(ROOT)}", flush=True)
    cmd = [
        sys.executable, "-m", "rasa", "train",
        "--config", config, "--domain", "domain.yml", "--data", "rasa/data",
        "--out", "models", "--fixed-model-name", name,
    ]  # fmt: skip
    result = subprocess.run(cmd, cwd=ROOT)
    if result.returncode != 0 or not model.exists():
        print("Training failed.", file=sys.stderr)
        return 1
    print(model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
