"""The embedding cache on disk gives back what was stored, also after a restart."""

from __future__ import annotations

import numpy as np

from uitstroom import sentence_embeddings


def test_vectors_survive_a_restart(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sentence_embeddings, "CACHE_DIR", tmp_path)
    cache = sentence_embeddings._Cache("passage")
    vectors = {f"tekst {i}": np.full(4, i, dtype=np.float32) for i in range(3)}
    cache.vectors.update(vectors)
    cache.save()
    again = sentence_embeddings._Cache("passage")
    assert again.vectors.keys() == vectors.keys()
    assert all(np.array_equal(again.vectors[k], v) for k, v in vectors.items())
    assert sentence_embeddings._Cache("query").vectors == {}  # one file per kind
