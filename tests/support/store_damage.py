"""Ways to damage a SQLite store, shared by the damaged-store tests and ``scripts/attack.py``."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

CASES = Path(__file__).parents[1] / "data" / "stores"
PAGE = 4096


def _checkpointed(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size


def truncated(path: Path) -> None:
    size = _checkpointed(path)
    with path.open("r+b") as handle:
        handle.truncate(size // 2)


def pages_overwritten(path: Path) -> None:
    size = _checkpointed(path)
    with path.open("r+b") as handle:
        # Every b-tree page header past the first few: the log and its indexes.
        for start in range(PAGE * 4, size, PAGE):
            handle.seek(start)
            handle.write(b"\xee" * 12)


def emptied(path: Path) -> None:
    _checkpointed(path)
    path.write_bytes(b"")


def not_a_database(path: Path) -> None:
    _checkpointed(path)
    shutil.copy(CASES / "not-a-database.txt", path)
    path.with_name(path.name + "-wal").unlink(missing_ok=True)


DAMAGES: dict[str, Callable[[Path], None]] = {
    "truncated": truncated,
    "pages overwritten": pages_overwritten,
    "empty file": emptied,
    "not a database": not_a_database,
}
