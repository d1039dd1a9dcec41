"""Which files shape the trained Rasa model, and the model file named after their hash.

`make model` (scripts/train_if_changed.py) trains models/<prefix>-<hash>.tar.gz only when
that file does not exist yet; `make run`, the tests and the benchmark load the same file,
so after switching commits they never run a model trained from other inputs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from uitstroom import PROJECT_ROOT

INPUTS = [
    "config.yml",
    "domain.yml",
    "requirements.txt",
    "rasa/data",
    "rasa/uitstroom_nlu",
    "uitstroom/text.py",
    "uitstroom/tfidf.py",
    "uitstroom/safety.py",
    "uitstroom/input_check.py",
    "uitstroom/privacy.py",
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
        path = PROJECT_ROOT / name
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.exists():
            files.append(path)
    return files


def fingerprint(config: str) -> str:
    h = hashlib.sha256()
    for path in input_files(config):
        h.update(str(path.relative_to(PROJECT_ROOT)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def model_path(config: str | None = None, prefix: str | None = None) -> Path:
    """models/<prefix>-<hash>.tar.gz for the checkout's inputs (UITSTROOM_CONFIG / _MODEL_PREFIX)."""
    config = config or os.environ.get("UITSTROOM_CONFIG", "config.yml")
    prefix = prefix or os.environ.get("UITSTROOM_MODEL_PREFIX", "uitstroom")
    return PROJECT_ROOT / "models" / f"{prefix}-{fingerprint(config)}.tar.gz"
