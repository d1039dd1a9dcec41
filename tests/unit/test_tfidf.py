"""The faster TF-IDF transform gives scikit-learn's features exactly."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from uitstroom.tfidf import FastTfidfVectorizer

TEXTS = [
    "wat is een perspectiefplan",
    "hoeveel kost woningnet verlengen",
    "ik wil met mijn begeleider praten",
    "inkomensverklaaring kwijt, wat nu?",
    "woningnet woningnet woningnet",
    "",
]


@pytest.mark.parametrize(
    "options",
    [
        {"sublinear_tf": True, "token_pattern": r"(?u)\b\w+\b", "ngram_range": (1, 2)},
        {"analyzer": "char_wb", "ngram_range": (2, 5), "sublinear_tf": True},
        {"use_idf": False},
        {"norm": None},
    ],
)
def test_same_features_as_scikit_learn(options):
    ours = FastTfidfVectorizer(**options).fit(TEXTS)
    theirs = TfidfVectorizer(**options).fit(TEXTS)
    unseen = ["wat kost een perspectiefplan", "onbekende woorden hier", "woningnet"]
    for texts in (TEXTS, unseen, unseen[:1]):
        assert np.allclose(ours.transform(texts).toarray(), theirs.transform(texts).toarray())
    fitted_features = FastTfidfVectorizer(**options).fit_transform(TEXTS)
    assert np.allclose(fitted_features.toarray(), theirs.transform(TEXTS).toarray())
