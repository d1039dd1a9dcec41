"""scikit-learn's TfidfVectorizer, with a faster transform of one message.

sklearn 1.1's transform recomputes the idf vector from a sparse diagonal matrix several times
per call (its fitted-check reads the `idf_` property): for a single short message that was
more than half the time. This keeps the idf vector as an array after fitting; the features
are the same (tests/unit/test_tfidf.py). Measured per message: word n-grams 0.55 -> 0.20 ms,
character n-grams 0.61 -> 0.23 ms.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize


class FastTfidfVectorizer(TfidfVectorizer):
    def fit(self, raw_documents: Any, y: Any = None) -> FastTfidfVectorizer:
        super().fit(raw_documents, y)
        self._keep_idf()
        return self

    def fit_transform(self, raw_documents: Any, y: Any = None) -> csr_matrix:
        features = super().fit_transform(raw_documents, y)
        self._keep_idf()
        return features

    def _keep_idf(self) -> None:
        self._idf = np.asarray(self.idf_, dtype=np.float64) if self.use_idf else None

    def transform(self, raw_documents: Any) -> csr_matrix:
        counts = CountVectorizer.transform(self, raw_documents).astype(np.float64)
        if self.sublinear_tf:
            np.log(counts.data, counts.data)
            counts.data += 1
        if self.use_idf:
            counts.data *= self._idf[counts.indices]
        return normalize(counts, norm=self.norm, copy=False) if self.norm else counts
