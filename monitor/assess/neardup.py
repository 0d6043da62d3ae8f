"""Near-duplicate detection (pure): MinHash over word shingles, with an LSH index.

Finds re-runs, rewrites and syndicated wire copies in the same language across
all feeds, at about a millisecond a document. It cannot see a translation; the
embedder does that.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The text's word ``size``-grams, lower-cased (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def minhash(grams: set[bytes]) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """The MinHash values of a set of shingles: ``NUM_PERM`` 32-bit minima.

    datasketch's ``MinHash(num_perm=128, seed=7)`` (its "affine32" scheme) value
    for value: each shingle's SHA-1 (first 4 bytes, little-endian), the 32-bit
    MurmurHash3 finalizer, then ``a * h + b`` mod 2^32 with odd ``a``, and the
    minimum over the shingles. Written out here because importing datasketch
    imports SciPy (for its LSH's parameter search): 75 MB in every process that
    judges articles, for a few lines of numpy.
    """
    if not grams:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    hashed = np.fromiter(
        (int.from_bytes(hashlib.sha1(g).digest()[:4], "little") for g in grams),
        dtype=np.uint32,
        count=len(grams),
    ).reshape(-1, 1)
    mixed = _fmix32(hashed)
    values: np.ndarray[Any, np.dtype[np.uint32]] = (mixed * _A + _B).min(axis=0)
    return values


def _fmix32(h: np.ndarray[Any, np.dtype[np.uint32]]) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """MurmurHash3's 32-bit finalizer (uint32 arithmetic wraps: that is the modulo)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _permutations(seed: int) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The permutations' ``a`` (odd) and ``b``, drawn as datasketch draws them."""
    draw = np.random.RandomState(seed)
    a = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


# Drawn once: every signature uses the same permutations (the same seed).
_A, _B = _permutations(7)


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """The share of A's shingles found in B, estimated from their Jaccard similarity and sizes.

    An excerpt copied from a longer text has a low Jaccard similarity with it but
    a containment near 1: |A∩B| = J(|A|+|B|)/(1+J).
    """
    if not size_a or jaccard <= 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / ((1 + jaccard) * size_a))


# LSH bands: datasketch's optimum for a candidate Jaccard of 0.2 over 128
# permutations (``MinHashLSH(threshold=0.2, num_perm=128)`` picks the same), so
# excerpts are found too: a pair is a candidate when one band is equal.
BANDS = 28
ROWS = 2


def _sketch(text: str) -> tuple[np.ndarray[Any, np.dtype[np.uint32]], int]:
    """A text's MinHash values and its number of shingles."""
    grams = shingles(text)
    return minhash(grams), len(grams)


def _bands(hashvalues: np.ndarray[Any, np.dtype[np.uint32]]) -> np.ndarray[Any, Any]:
    """Each band of ``ROWS`` 32-bit hash values as one 64-bit number (exact, no hashing)."""
    pairs = hashvalues[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    return (pairs[:, 0] << np.uint64(32)) | pairs[:, 1]


@dataclass
class DuplicateIndex:
    """Signatures of known texts, queried for near-copies by estimated containment.

    The signatures and their bands are rows of two matrices that grow by
    doubling: at 10,000 texts they hold 7 MB, where datasketch's LSH tables
    (a set per band and key) held 80 MB. A query compares its bands with every
    row's at once, a fraction of a millisecond at that size.
    """

    _rows: dict[str, int] = field(default_factory=dict)
    _keys: list[str] = field(default_factory=list)
    _sizes: list[int] = field(default_factory=list)
    _hashvalues: np.ndarray[Any, np.dtype[np.uint32]] = field(
        default_factory=lambda: np.zeros((0, NUM_PERM), dtype=np.uint32)
    )
    _band_table: np.ndarray[Any, np.dtype[np.uint64]] = field(
        default_factory=lambda: np.zeros((0, BANDS), dtype=np.uint64)
    )

    def add(self, key: str, text: str) -> None:
        """Index a text under a key (a second add of a key is ignored)."""
        if key in self._rows:
            return
        values, size = _sketch(text)
        row = len(self._keys)
        if row == len(self._hashvalues):
            grown = max(64, 2 * row)
            self._hashvalues = np.resize(self._hashvalues, (grown, NUM_PERM))
            self._band_table = np.resize(self._band_table, (grown, BANDS))
        self._hashvalues[row] = values
        self._band_table[row] = _bands(values)
        self._rows[key] = row
        self._keys.append(key)
        self._sizes.append(size)

    def __len__(self) -> int:
        return len(self._keys)

    def compare(self, text: str, key: str) -> tuple[float, int, int] | None:
        """How much of ``text`` the known text ``key`` holds, and both texts' shingle counts."""
        row = self._rows.get(key)
        if row is None:
            return None
        values, size = _sketch(text)
        jaccard = float((self._hashvalues[row] == values).mean())
        return containment(jaccard, size, self._sizes[row]), size, self._sizes[row]

    def nearest(self, text: str) -> tuple[str, float] | None:
        """The known text that contains most of this one, and how much of it (0 to 1)."""
        count = len(self._keys)
        if not count:
            return None
        values, size = _sketch(text)
        hits = np.flatnonzero((self._band_table[:count] == _bands(values)).any(axis=1))
        if not hits.size:
            return None
        jaccards = (self._hashvalues[hits] == values).mean(axis=1)
        best: tuple[str, float] | None = None
        for row, jaccard in zip(hits.tolist(), jaccards.tolist(), strict=True):
            score = containment(float(jaccard), size, self._sizes[row])
            if best is None or score > best[1]:
                best = (self._keys[row], score)
        return best
