"""Lexical retrieval over the knowledge base: BM25 (bm25s) on Dutch Snowball stems.

Region policy: an asker only ever gets entries of their own region or general
entries (handbook 001). A region-specific entry beats a general one on a close
score. Another region's rule is never a candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer
import yaml
from bm25s.stopwords import STOPWORDS_DUTCH
from rapidfuzz import fuzz, process

from uitstroom import KNOWLEDGE_DIR
from uitstroom.knowledge.model import GENERAL_REGION, Entry, KnowledgeBase, default_knowledge_base
from uitstroom.text import words

# Question words carry meaning here ("wanneer" asks for a deadline, "wie" for a party).
_KEEP = {"wanneer", "wie", "waar", "hoeveel", "hoe", "wat", "welke", "waarom", "niet", "geen"}
STOPWORDS = frozenset(STOPWORDS_DUTCH) - _KEEP
REGION_BONUS = 1.25  # multiplier for an entry of the asker's own region over a general one
_stemmer = Stemmer.Stemmer("dutch")


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float

    @property
    def confidence(self) -> float:
        """Squashes the unbounded BM25 score to 0..1; calibrated on the evaluation set."""
        return self.score / (self.score + 6.0)


def analyse(text: str) -> list[str]:
    return _stemmer.stemWords([w for w in words(text) if w not in STOPWORDS and len(w) > 1])


def _load_synonym_groups() -> list[set[str]]:
    path = KNOWLEDGE_DIR / "synonyms.yml"
    if not path.exists():
        return []
    groups = yaml.safe_load(path.read_text("utf-8"))["groups"]
    return [set(analyse(" ".join(g))) for g in groups]


class Retriever:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.entries = kb.entries
        corpus = [self._document(e) for e in self.entries]
        self.vocabulary = sorted({t for doc in corpus for t in doc})
        self._vocab_set = set(self.vocabulary)
        self.bm25 = bm25s.BM25()
        self.bm25.index(corpus, show_progress=False)
        self.synonyms = _load_synonym_groups()

    @staticmethod
    def _document(e: Entry) -> list[str]:
        # Title and synonyms are the densest description of what an entry answers: count them twice.
        parts = [e.title, e.title, " ".join(e.synonyms), " ".join(e.synonyms), e.topic.replace("-", " ")]
        parts += list(e.questions) + [e.client, e.begeleider]
        return analyse(" ".join(parts))

    def expand(self, text: str) -> list[str]:
        """Query terms: stems, typo-corrected against the index vocabulary, plus synonyms."""
        terms: list[str] = []
        for term in analyse(text):
            if term not in self._vocab_set and len(term) >= 5:
                match = process.extractOne(term, self.vocabulary, scorer=fuzz.ratio, score_cutoff=84)
                if match:
                    term = match[0]
            terms.append(term)
        for group in self.synonyms:
            if group & set(terms):
                terms.extend(sorted(group - set(terms)))
        return [t for t in terms if t in self._vocab_set]

    def search(self, text: str, region: str | None, k: int = 3) -> list[Hit]:
        """Ranked entries allowed for the asker's region (None: all regions; the caller asks later)."""
        terms = self.expand(text)
        if not terms:
            return []
        scores = np.asarray(self.bm25.get_scores(terms), dtype=float)
        hits = []
        for entry, score in zip(self.entries, scores, strict=True):
            if score <= 0:
                continue
            if region is not None and region not in entry.regions and not entry.is_general:
                continue
            if region is not None and region in entry.regions and region != GENERAL_REGION:
                score *= REGION_BONUS
            hits.append(Hit(entry, float(score)))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:k]


@lru_cache(maxsize=1)
def default_retriever() -> Retriever:
    return Retriever(default_knowledge_base())
