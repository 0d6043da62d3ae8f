"""The SQLite store keeps the store contract, and the promises only a file can make."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from events import EventStore, NewEvent, SQLiteEventStore, StoreSchemaError
from tests.events.contract import EventStoreContract


class TestSQLiteEventStore(EventStoreContract):
    def make_store(self) -> EventStore:
        # A fresh real file per call: hypothesis runs many examples per test.
        folder = Path(tempfile.mkdtemp(prefix="events-contract-"))
        return SQLiteEventStore(folder / "events.db")

    def handles(self, store: EventStore, n: int) -> Sequence[EventStore]:
        assert isinstance(store, SQLiteEventStore)
        return [SQLiteEventStore(store.path) for _ in range(n)]


def test_the_store_file_uses_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    store = SQLiteEventStore(tmp_path / "e.db", busy_timeout_ms=1234)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 1234


def test_events_cannot_be_updated_or_deleted_even_with_sql(tmp_path: Path) -> None:
    store = SQLiteEventStore(tmp_path / "e.db")
    store.append("s", [NewEvent("Counted", {"value": 1})])
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("UPDATE events SET payload = '{}'")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        store.conn.execute("DELETE FROM events")
    assert store.read_stream("s")[0].payload == {"value": 1}


def test_reopening_a_store_keeps_its_events_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    with SQLiteEventStore(path) as store:
        store.append("s", [NewEvent("Counted", {"value": 1})])
    with SQLiteEventStore(path) as store:
        assert store.count() == 1
        assert store.type_counts() == {"Counted": 1}


def test_a_store_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    SQLiteEventStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE event_store_meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreSchemaError, match="upgrade the program"):
        SQLiteEventStore(path)


def test_a_failed_append_inside_a_transaction_rolls_back_everything(tmp_path: Path) -> None:
    store = SQLiteEventStore(tmp_path / "e.db")
    with pytest.raises(RuntimeError), store.transaction():
        store.append("s", [NewEvent("Counted", {"value": 1})])
        raise RuntimeError("crash between the append and the read model")
    assert store.count() == 0
    assert store.conn.in_transaction is False
