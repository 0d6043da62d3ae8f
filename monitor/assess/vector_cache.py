"""Sentence vectors kept on disk, so that a start loads the corpus index instead of re-embedding.

Building the corpus index is mostly embedding (about 80 % of it, measured):
with 10,000 documents a start spent minutes before its first verdict. The
cache is a small SQLite file beside the store, keyed by the embedder's name
and the sentence, holding float32 vectors exactly as the embedder gave them.
It is derived data: delete it and it is rebuilt as sentences are embedded
again. A cache that cannot be read or written is logged once and bypassed;
it never stops an assessment.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from loguru import logger

from monitor.assess.embedding import Embedder, Vectors

#: Keys looked up per query (SQLite's parameter limit is far above it).
_CHUNK = 500


def cache_path_for(store: Path) -> Path:
    """The vector cache of a store: ``<store>.vectors`` beside it."""
    return store.with_name(store.name + ".vectors")


class CachingEmbedder:
    """An embedder that remembers every sentence it embedded, across runs."""

    def __init__(self, inner: Embedder, path: Path) -> None:
        self.inner = inner
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._broken = False
        self.hits = 0
        self.misses = 0

    @property
    def name(self) -> str:
        """The inner embedder's name (the cache changes no vector)."""
        return self.inner.name

    @property
    def languages(self) -> frozenset[str]:
        """The inner embedder's languages."""
        return self.inner.languages

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is None and not self._broken:
            try:
                # Beside a PostgreSQL store, the folder is this machine's and may be new.
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = OFF")  # a cache: a lost write is re-embedded
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS vectors "
                    "(key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID"
                )
                self._conn = conn
            except (sqlite3.Error, OSError) as exc:
                self._give_up(exc)
        return self._conn

    def _give_up(self, exc: sqlite3.Error | OSError) -> None:
        self._broken = True
        logger.warning(
            f"vector cache {self.path} unusable ({exc}): sentences are embedded afresh; "
            "delete the file to rebuild it"
        )

    def _key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self.inner.name}\x1f{text}".encode()).digest()[:16]

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One row per text: from the cache where it is, else from the embedder (and kept)."""
        if not texts:
            return self.inner.embed(texts)
        with self._lock:
            conn = self._connection()
            if conn is None:
                return self.inner.embed(texts)
            keys = [self._key(text) for text in texts]
            try:
                found = self._lookup(conn, keys)
            except sqlite3.Error as exc:
                self._give_up(exc)
                return self.inner.embed(texts)
            missing = list(
                dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found)
            )
            if missing:
                fresh = self.inner.embed(missing)
                rows = [
                    (self._key(t), fresh[i].astype(np.float32).tobytes())
                    for i, t in enumerate(missing)
                ]
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
                try:
                    conn.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?)", rows)
                except sqlite3.Error as exc:
                    self._give_up(exc)
            self.hits += len(texts) - len(missing)
            self.misses += len(missing)
            return np.vstack([found[key] for key in keys]).astype(np.float32)

    def _lookup(self, conn: sqlite3.Connection, keys: list[bytes]) -> dict[bytes, Vectors]:
        found: dict[bytes, Vectors] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, blob in conn.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk
            ):
                found[bytes(key)] = np.frombuffer(blob, dtype=np.float32)
        return found

    def close(self) -> None:
        """Close the cache file."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


_shared: dict[tuple[Path, str], CachingEmbedder] = {}
_shared_lock = threading.Lock()


def cached_embedder(inner: Embedder, store: Path) -> CachingEmbedder:
    """The process's one caching embedder for a store (every assessor of it shares the file)."""
    key = (store.resolve(), inner.name)
    with _shared_lock:
        embedder = _shared.get(key)
        if embedder is None:
            embedder = _shared[key] = CachingEmbedder(inner, cache_path_for(store))
        return embedder
