"""Trains the Rasa model only when its inputs changed.

The model file is named after a SHA-256 of everything that shapes it (config,
domain, training data, our NLU components and the data they read, the spaCy
pipeline build and the pinned requirements), so an unchanged checkout reuses
models/uitstroom-<hash>.tar.gz and a changed one trains a new model.
Prints the model path on its last line.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [
    "config.yml",
    "domain.yml",
    "requirements.txt",
    "rasa/data",
    "rasa/uitstroom_nlu",
    "uitstroom/text.py",
    "uitstroom/safety.py",
    "uitstroom/input_check.py",
    "uitstroom/gazetteer.py",
    "knowledge/gazetteer",
    # TextIntentClassifier's vocabulary features come from the knowledge base.
    "knowledge/entries",
    "knowledge/synonyms.yml",
    "uitstroom/knowledge",
    ".spacy/nl_uitstroom/build.sha256",
]


def input_files(config: str) -> list[Path]:
    files: list[Path] = []
    for name in [config, *INPUTS[1:]]:
        path = ROOT / name
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.exists():
            files.append(path)
    return files


def fingerprint(config: str) -> str:
    h = hashlib.sha256()
    for path in input_files(config):
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def main() -> int:
    config = os.environ.get("UITSTROOM_CONFIG", "config.yml")
    prefix = os.environ.get("UITSTROOM_MODEL_PREFIX", "uitstroom")
    name = f"{prefix}-{fingerprint(config)}"
    model = ROOT / "models" / f"{name}.tar.gz"
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
