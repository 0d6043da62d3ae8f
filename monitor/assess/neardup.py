"""Near-duplicate detection (pure): MinHash over word shingles, with an LSH index.

Finds re-runs, rewrites and syndicated wire copies in the same language across
all feeds, at about a millisecond a document. It cannot see a translation; the
embedder does that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The text's word ``size``-grams, lower-cased (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    """A MinHash signature of the text's shingles."""
    return _signature(shingles(text))


def _signature(grams: set[bytes]) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=7)
    if grams:
        minhash.update_batch(list(grams))
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    """A signature as bytes, to keep in a read model."""
    return np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    """A signature back from bytes."""
    return MinHash(num_perm=NUM_PERM, seed=7, hashvalues=np.frombuffer(data, dtype=np.uint64))


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """The share of A's shingles found in B, estimated from their Jaccard similarity and sizes.

    An excerpt copied from a longer text has a low Jaccard similarity with it but
    a containment near 1: |A∩B| = J(|A|+|B|)/(1+J).
    """
    if not size_a or jaccard <= 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / ((1 + jaccard) * size_a))


@dataclass
class DuplicateIndex:
    """Signatures of known texts, queried for near-copies by estimated containment."""

    # LSH finds candidates above this Jaccard; low, so that excerpts are found too.
    candidate_jaccard: float = 0.2
    _lsh: MinHashLSH = field(init=False)
    _signatures: dict[str, tuple[MinHash, int]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._lsh = MinHashLSH(threshold=self.candidate_jaccard, num_perm=NUM_PERM)

    def add(self, key: str, text: str) -> None:
        """Index a text under a key (a second add of a key is ignored)."""
        if key in self._signatures:
            return
        grams = shingles(text)
        minhash = _signature(grams)
        self._signatures[key] = (minhash, len(grams))
        self._lsh.insert(key, minhash)

    def __len__(self) -> int:
        return len(self._signatures)

    def nearest(self, text: str) -> tuple[str, float] | None:
        """The known text that contains most of this one, and how much of it (0 to 1)."""
        grams = shingles(text)
        minhash = _signature(grams)
        size = len(grams)
        best: tuple[str, float] | None = None
        for key in self._lsh.query(minhash):
            other, other_size = self._signatures[key]
            score = containment(float(minhash.jaccard(other)), size, other_size)
            if best is None or score > best[1]:
                best = (key, score)
        return best
