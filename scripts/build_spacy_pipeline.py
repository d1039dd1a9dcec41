"""Builds the project's Dutch spaCy pipeline into .spacy/nl_uitstroom.

Default: spacy.blank("nl") + the lookup lemmatizer from spacy-lookups-data,
with our exception table merged in. Set UITSTROOM_SPACY_BASE=nl_core_news_sm
to start from that packaged pipeline where a user has it installed.
Rebuilt only when this script, the exceptions or the base changed.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import spacy
import yaml

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / ".spacy" / "nl_uitstroom"
EXCEPTIONS = ROOT / "rasa" / "uitstroom_nlu" / "lemma_exceptions.yml"
STAMP = TARGET / "build.sha256"


def fingerprint(base: str) -> str:
    h = hashlib.sha256(base.encode())
    for path in (Path(__file__), EXCEPTIONS):
        h.update(path.read_bytes())
    return h.hexdigest()


def build(base: str) -> spacy.language.Language:
    if base == "blank":
        nlp = spacy.blank("nl")
        lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    else:
        nlp = spacy.load(base, exclude=["ner", "parser"])
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lemmatizer is not None and lemmatizer.mode == "lookup":
        table = lemmatizer.lookups.get_table("lemma_lookup")
        for lemma, forms in yaml.safe_load(EXCEPTIONS.read_text("utf-8")).items():
            for form in forms:
                if " " not in form:
                    table[form] = lemma
                    table[form.capitalize()] = lemma
    return nlp


def main() -> int:
    base = os.environ.get("UITSTROOM_SPACY_BASE", "blank")
    digest = fingerprint(base)
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        print(f"spaCy pipeline up to date: {TARGET.relative_to(ROOT)}")
        return 0
    nlp = build(base)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(TARGET)
    STAMP.write_text(digest + "\n")
    print(f"spaCy pipeline ({base}) written to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
