"""Dense side of knowledge retrieval: sentence embeddings of each entry (uitstroom/sentence_embeddings.py).

Per entry we embed its title with synonyms (as a passage) and each of its example questions
(as a query); an entry's score for a question is the mean of the cosine with the title and
the best cosine with one of its questions. Measured on bench/dev/questions (see retrieval.py):
embedding the answers too added nothing and tripled the index build.

`python -m uitstroom.knowledge.embeddings` fills the embedding cache ahead (`make model` does),
so the action server starts in seconds.
"""

from __future__ import annotations

import numpy as np

from uitstroom import sentence_embeddings
from uitstroom.knowledge.model import Entry


class EntryEmbeddings:
    def __init__(self, entries: list[Entry]) -> None:
        titles = [f"{e.title}. {', '.join(e.synonyms)}" for e in entries]
        questions, owner = [], []
        for i, e in enumerate(entries):
            for q in (e.title, *e.questions):
                questions.append(q)
                owner.append(i)
        self._n = len(entries)
        self._owner = np.array(owner)
        self._titles = sentence_embeddings.embed(titles, "passage")
        self._questions = sentence_embeddings.embed(questions, "query")

    def scores(self, text: str) -> np.ndarray:
        """Per entry: mean of the cosine with its title and the best cosine with one of its questions."""
        vector = sentence_embeddings.embed_one(text)
        best_question = np.full(self._n, -1.0)
        np.maximum.at(best_question, self._owner, self._questions @ vector)
        return (self._titles @ vector + best_question) / 2


def load(entries: list[Entry]) -> EntryEmbeddings | None:
    """The embeddings, or None when they are switched off or cannot run here (retrieval is then lexical)."""
    return EntryEmbeddings(entries) if sentence_embeddings.available() else None


if __name__ == "__main__":
    import logging

    from uitstroom.knowledge.model import default_knowledge_base

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ready = load(default_knowledge_base().entries) is not None
    print("Knowledge embeddings " + ("ready." if ready else "unavailable: lexical retrieval only."))
