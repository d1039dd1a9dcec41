"""Hand-made features for TextIntentClassifier, each a scikit-learn transformer.

They describe a message in ways n-grams cannot learn from a few thousand examples:
whether its words are in the knowledge base, whether it names a place, whom it is about
(the asker, the bot, or a client of a begeleider) and whether it is keyboard mash.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.base import BaseEstimator, TransformerMixin

from uitstroom import sentence_embeddings
from uitstroom.knowledge.model import load as load_knowledge
from uitstroom.knowledge.retrieval import analyse
from uitstroom.text import QUESTION_VERBS, QUESTION_WORDS, fold, words
from uitstroom_nlu.input_guard import is_mash_word
from uitstroom_nlu.places import places_in
from uitstroom_nlu.roles import mentions_role, roles_in


class _Stateless(BaseEstimator, TransformerMixin):
    def fit(self, texts: list[str], labels: Any = None) -> _Stateless:
        return self

    def row(self, text: str) -> list[float]:
        raise NotImplementedError

    def transform(self, texts: list[str]) -> csr_matrix:
        return csr_matrix(np.array([self.row(text) for text in texts], dtype=float))


def stem_ngrams(text: str) -> list[str]:
    """Dutch Snowball stems and stem pairs: "verlengd", "verlengen" and "verleng" are one word."""
    stems = analyse(text)
    return stems + [f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)]


class KnowledgeVocabulary(BaseEstimator, TransformerMixin):
    """Per message: stems found in the knowledge base, stems not found, their share, "none found".

    Separates "hoe vraag ik een trajectwijziging aan" (procedure) from "hoe krijg ik vlekken
    uit mijn broek" (off-topic), which look alike word for word. Titles, answers and synonyms
    only: the entries' example questions are also NLU data.
    """

    def fit(self, texts: list[str], labels: Any = None) -> KnowledgeVocabulary:
        stems: set[str] = set()
        for entry in load_knowledge().entries:
            for text in (entry.title, entry.client, entry.begeleider, *entry.synonyms):
                stems.update(analyse(text))
        self.vocabulary_ = frozenset(stems)
        return self

    def transform(self, texts: list[str]) -> csr_matrix:
        rows = []
        for text in texts:
            stems = analyse(text)
            known = sum(stem in self.vocabulary_ for stem in stems)
            unknown = len(stems) - known
            rows.append([known, unknown, known / max(1, len(stems)), float(known == 0 and unknown > 0)])
        return csr_matrix(np.array(rows, dtype=float))


class PlaceMentions(_Stateless):
    """Places the gazetteer finds, and the share of the text they cover.

    "Leeuwarden" or "nagele" on its own is an answer to "waar woon je?"; without this the
    classifier only sees an unknown word, as in "asdfgh".
    """

    def row(self, text: str) -> list[float]:
        places = places_in(text)
        covered = sum(end - start for start, end, _ in places)
        return [len(places), covered / max(1, len(text.strip()))]


_FIRST_PERSON = frozenset(["ik", "mij", "me", "mijn", "m'n", "mn", "mezelf", "ikke", "k"])
_SECOND_PERSON = frozenset(["je", "jij", "jou", "jouw", "u", "uw", "jezelf"])
_CASELOAD_WORDS = re.compile(
    r"\b(?:cli[eë]nt(?:en)?|bewoners?|pupillen|deelnemers?|mensen|caseload|wie)\b", re.IGNORECASE
)
_CLIENT_NUMBER = re.compile(r"\b[a-z]-?\d{3,}\b", re.I)


def _named(text: str) -> bool:
    """A capitalised word after the first one: in our users' messages, nearly always a name."""
    tokens = re.findall(r"[\w'’]+", text)
    return any(t[:1].isupper() and t.lower() not in _FIRST_PERSON for t in tokens[1:])


def names_someone(text: str) -> bool:
    """A name or a client number."""
    return _named(text) or bool(_CLIENT_NUMBER.search(text))


class PersonMentions(_Stateless):
    """Whom a message is about: the asker ("in welke fase zit ik"), the bot ("hoe oud ben jij"),
    or someone else: a capitalised name after the first word, a client number, "cliënten", "wie".

    Names themselves never become features (each is rare and personal): only the fact that one
    occurs. Without this, "in welke fase zit ik" was read as a begeleider's caseload question,
    because most "in welke fase zit …" examples name a client.
    """

    def row(self, text: str) -> list[float]:
        folded = words(text)
        first = any(w in _FIRST_PERSON for w in folded)
        second = any(w in _SECOND_PERSON for w in folded)
        named = _named(text)
        others = bool(_CASELOAD_WORDS.search(text))
        number = bool(_CLIENT_NUMBER.search(text))
        only_self = first and not (named or others or number)
        return [first, second, named, number, others, only_self]


class RoleMentions(_Stateless):
    """Whether the writer gives their role ("ik ben begeleider") and whether a role noun occurs at all.

    Most inform_rol examples start with "ik ben", so without this "ik ben pleite" (I'm off) and
    "ik ben suïcidaal" were read as giving a role, with 0.99 confidence."""

    def row(self, text: str) -> list[float]:
        return [bool(roles_in(text)), mentions_role(text)]


class MashShare(_Stateless):
    """Share of the words that are keyboard mash, and whether the message is one word.

    A rare greeting ("ewa", "selam", "mogge") is a short unknown word just like "sdfsdf";
    whether it looks typeable is what tells them apart.
    """

    def row(self, text: str) -> list[float]:
        tokens = re.findall(r"[^\W\d_]+", fold(text))
        mash = [is_mash_word(t) for t in tokens]
        return [float(np.mean(mash)) if mash else 0.0, float(len(tokens) == 1)]


class QuestionForm(_Stateless):
    """Question or statement, and crossed with naming someone: "heeft Bram zijn formulier al
    ingeleverd" asks about a client (caseload_vraag), "Bram heeft zijn formulier ingeleverd"
    tells us something to record (caseload_update). A linear model needs the cross spelled out."""

    def row(self, text: str) -> list[float]:
        folded = words(text)
        first = folded[0] if folded else ""
        question = "?" in text or first in QUESTION_WORDS or first in QUESTION_VERBS
        someone = names_someone(text)
        return ["?" in text, first in QUESTION_WORDS, first in QUESTION_VERBS, question and someone,
                someone and not question]  # fmt: skip


class SentenceVectors(BaseEstimator, TransformerMixin):
    """multilingual-e5-small embedding of the message, scaled by `weight` against the sparse features.

    What n-grams cannot see: "ik ben er vandoor" is a goodbye, "kan ik mijn chat laten
    verwijderen" a question about the bot. Costs ~14 ms per message on one thread, so the
    classifier only asks for it when it is unsure (TextIntentClassifier, `dense_below`).
    """

    def __init__(self, weight: float = 4.0) -> None:
        self.weight = weight

    def fit(self, texts: list[str], labels: Any = None) -> SentenceVectors:
        return self

    def transform(self, texts: list[str]) -> csr_matrix:
        if len(texts) == 1:  # a user's message: new every time, not worth caching
            vectors = sentence_embeddings.embed_one(texts[0]).reshape(1, -1)
        else:  # training data: cached on disk, so a retraining or a cross-validation fold is quick
            vectors = sentence_embeddings.embed(list(texts))
        return csr_matrix(vectors * self.weight)
