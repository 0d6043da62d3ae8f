"""The SQLite event store: one file, WAL mode, safe for several processes at once."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from events.errors import ConcurrencyError, IdempotencyConflictError, StoreSchemaError
from events.event import AppendResult, Event, NewEvent, RecordedEvent
from events.sql import SQLiteDatabase
from events.store import (
    ANY_VERSION,
    StreamAppend,
    as_new_event,
    batched,
    check_copied_positions,
    copied_row,
    plan_appends,
    read_in_pages,
    utc_now_iso,
    with_positions,
)

#: The store's own schema version; each step in ``_MIGRATIONS`` raises it by one.
SCHEMA_VERSION = 1

_MIGRATIONS: list[str] = [
    # 1: the log, its unique keys, and triggers that make it append-only.
    """
    CREATE TABLE events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        stream_id TEXT NOT NULL,
        stream_version INTEGER NOT NULL,
        event_type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        payload TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        correlation_id TEXT,
        causation_id TEXT,
        idempotency_key TEXT UNIQUE,
        metadata TEXT NOT NULL DEFAULT '{}',
        UNIQUE (stream_id, stream_version)
    );
    CREATE INDEX events_by_type ON events (event_type, position);
    CREATE TRIGGER events_are_immutable BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are immutable: an event is never updated'); END;
    CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are immutable: an event is never deleted'); END;
    """,
]

_COLUMNS = (
    "position, event_id, stream_id, stream_version, event_type, schema_version, payload, "
    "recorded_at, correlation_id, causation_id, idempotency_key, metadata"
)
_INSERT = (
    "INSERT INTO events (event_id, stream_id, stream_version, event_type, schema_version, "
    "payload, recorded_at, correlation_id, causation_id, idempotency_key, metadata) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_COPY = f"INSERT INTO events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_EMPTY_JSON = "{}"


def _row_to_event(row: tuple[Any, ...]) -> RecordedEvent:
    metadata = row[11]
    return RecordedEvent(
        position=row[0],
        event_id=row[1],
        stream_id=row[2],
        stream_version=row[3],
        event_type=row[4],
        schema_version=row[5],
        payload=json.loads(row[6]),
        recorded_at=row[7],
        correlation_id=row[8],
        causation_id=row[9],
        idempotency_key=row[10],
        extra_metadata=json.loads(metadata) if metadata != _EMPTY_JSON else {},
    )


def connect_read_only(path: Path, busy_timeout_ms: int = 10_000) -> sqlite3.Connection:
    """A read-only connection, also where the folder cannot be written.

    A WAL database is read through its shared-memory file, which SQLite cannot
    create in a read-only folder; when there is none, no writer can have the
    database open either (it would have had to create it), so the file cannot
    change under us and SQLite may read it as immutable.
    """
    base = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        return _opened(base, busy_timeout_ms)
    except sqlite3.OperationalError:
        return _opened(base + "&immutable=1", busy_timeout_ms)


def _opened(uri: str, busy_timeout_ms: int) -> sqlite3.Connection:
    """A connection to ``uri`` that has read the schema (SQLite opens lazily)."""
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


class SQLiteEventStore:
    """An ``EventStore`` in one SQLite file.

    Writers take the database's write lock at the start of their transaction
    (``BEGIN IMMEDIATE``): a plain ``BEGIN`` upgrades to a write lock only at the
    first write, and a second process that read first then fails at once with
    "database is locked" instead of waiting out the busy timeout.

    Read models may share the file: ``db`` is a sqlite-utils handle on the same
    connection that also runs the SQL both stores share (``events.sql.Database``),
    and ``transaction()`` lets an append and the projection rows it drives commit
    together.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout_ms: int = 10_000,
        synchronous: str = "NORMAL",
        read_only: bool = False,
    ) -> None:
        self.path = Path(path)
        #: Opened for reading only: appends fail with SQLite's "readonly database" error.
        self.read_only = read_only
        if str(path) != ":memory:" and not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: this class opens and closes every transaction itself.
        self.conn = (
            connect_read_only(self.path, busy_timeout_ms)
            if read_only
            else sqlite3.connect(
                str(path),
                isolation_level=None,
                check_same_thread=False,
                timeout=busy_timeout_ms / 1000,
            )
        )
        self._lock = threading.RLock()
        self._depth = 0
        self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if read_only:
            self.db = SQLiteDatabase(self.conn)
            self._check_schema()
            return
        if str(path) != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
        if synchronous.upper() not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
            raise ValueError(f"synchronous must be OFF, NORMAL, FULL or EXTRA, not {synchronous!r}")
        # NORMAL in WAL mode survives a crash of the process; FULL also a power cut.
        self.conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
        self.db = SQLiteDatabase(self.conn)
        self._migrate()

    # -- transactions -------------------------------------------------------

    def transaction(self) -> contextlib.AbstractContextManager[SQLiteEventStore]:
        """Hold the write lock for a block; nested blocks join the outer one."""
        return self._block("BEGIN IMMEDIATE")

    def snapshot(self) -> contextlib.AbstractContextManager[SQLiteEventStore]:
        """Read a consistent snapshot without taking the write lock (joins an open block).

        In WAL mode a reader neither waits for writers nor makes them wait, so a
        web page or a status query does not hold up the daemon's appends.
        """
        return self._block("BEGIN")

    @contextlib.contextmanager
    def _block(self, begin: str) -> Iterator[SQLiteEventStore]:
        """One transaction begun with ``begin``, under the thread lock; a nested block joins
        the open one. It commits when the block ends, and rolls back on an error."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self.conn.execute(begin)
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def _check_schema(self) -> None:
        """A read-only store cannot be migrated: it must be one this program reads."""
        try:
            row = self.conn.execute(
                "SELECT value FROM event_store_meta WHERE key = 'schema_version'"
            ).fetchone()
        except sqlite3.OperationalError as exc:
            raise sqlite3.DatabaseError(f"file is not a database of events ({exc})") from None
        version = int(row[0]) if row else 0
        if version != SCHEMA_VERSION:
            raise StoreSchemaError(
                f"{self.path} has event store schema {version}; this program reads "
                f"{SCHEMA_VERSION}, and a read-only store cannot be migrated"
            )

    def _migrate(self) -> None:
        with self.transaction():
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS event_store_meta (key TEXT PRIMARY KEY, value TEXT)"
            )
            row = self.conn.execute(
                "SELECT value FROM event_store_meta WHERE key = 'schema_version'"
            ).fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreSchemaError(
                    f"{self.path} has event store schema {version}; this program knows "
                    f"{SCHEMA_VERSION}: upgrade the program"
                )
            for number in range(version, SCHEMA_VERSION):
                for statement in _split_sql(_MIGRATIONS[number]):
                    self.conn.execute(statement)
            self.conn.execute(
                "INSERT OR REPLACE INTO event_store_meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )

    # -- writing ------------------------------------------------------------

    def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent | Event],
        expected_version: int | None = ANY_VERSION,
    ) -> AppendResult:
        """Append events to a stream, atomically; see ``EventStore`` for the promises."""
        return self.append_many([(stream_id, events, expected_version)])[0]

    def append_many(self, appends: Sequence[StreamAppend]) -> list[AppendResult]:
        """Append to several streams at once: all of it is written, or none of it.

        Each stream's expected version and idempotency keys are judged as in
        ``append``; the whole batch costs one look-up of versions, one of keys and
        one insert, which is what makes it worth having.
        """
        batches = [
            (stream, [as_new_event(e) for e in events], expected)
            for stream, events, expected in appends
        ]
        with self.transaction():
            versions = self._stream_versions({stream for stream, _, _ in batches})
            used = [n.idempotency_key for _, news, _ in batches for n in news]
            found = self._positions_of_keys([k for k in used if k is not None])
            rows, results = plan_appends(batches, versions, found, utc_now_iso())
            first = self._insert(rows) if rows else 0
        return with_positions(batches, results, first)

    def _insert(self, rows: list[tuple[Any, ...]]) -> int:
        """Insert rows under the write lock; returns the first row's position."""
        try:
            if len(rows) == 1:
                cursor = self.conn.execute(_INSERT, rows[0])
            else:
                cursor = self.conn.executemany(_INSERT, rows)
        except sqlite3.IntegrityError as exc:
            # The checks run under the write lock, so this is a backstop: a duplicate
            # event id given by a producer, or a version written behind our back.
            if "stream_version" in str(exc):
                stream = rows[0][1]
                raise ConcurrencyError(stream, None, self.stream_version(stream)) from exc
            raise IdempotencyConflictError([r[0] for r in rows]) from exc
        last = cursor.lastrowid
        if last is None or len(rows) > 1:
            last = self.conn.execute("SELECT last_insert_rowid()").fetchone()[0]
        return int(last) - len(rows) + 1

    def _stream_versions(self, streams: set[str]) -> dict[str, int]:
        if len(streams) == 1:
            (stream,) = streams
            return {stream: self.stream_version(stream)}
        versions: dict[str, int] = {}
        names = sorted(streams)
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            marks = ",".join("?" * len(chunk))
            versions.update(
                self.conn.execute(
                    "SELECT stream_id, MAX(stream_version) FROM events "
                    f"WHERE stream_id IN ({marks}) GROUP BY stream_id",
                    chunk,
                ).fetchall()
            )
        return versions

    def _positions_of_keys(self, keys: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        if not keys:
            return found
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.conn.execute(
                    "SELECT idempotency_key, position FROM events "
                    f"WHERE idempotency_key IN ({marks})",
                    chunk,
                ).fetchall()
            )
        return found

    def copy_in(self, events: Iterable[RecordedEvent], batch_size: int = 2000) -> int:
        """Write another store's events here as they are (positions, ids, versions, times):
        a whole log moved from one database to another. The positions must follow this
        store's last one; returns how many were written."""
        written = 0
        for batch in batched(events, batch_size):
            rows = [copied_row(e, e.recorded_at) for e in batch]
            with self.transaction():
                check_copied_positions([e.position for e in batch], self.last_position())
                self.conn.executemany(_COPY, rows)
            written += len(rows)
        return written

    # -- reading ------------------------------------------------------------

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[RecordedEvent]:
        """The events of one stream from a version on, in order."""
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM events WHERE stream_id = ? AND stream_version >= ? "
            "ORDER BY stream_version",
            (stream_id, from_version),
        ).fetchall()
        return [_row_to_event(r) for r in rows]

    def read_all(
        self,
        after_position: int = 0,
        *,
        types: Sequence[str] | None = None,
        stream_id: str | None = None,
        limit: int | None = None,
        batch_size: int = 1000,
    ) -> Iterator[RecordedEvent]:
        """Every event after a position, oldest first, fetched ``batch_size`` at a time."""
        where = ["position > ?"]
        params: list[Any] = []
        if types is not None:
            if not types:
                return
            where.append(f"event_type IN ({','.join('?' * len(types))})")
            params.extend(types)
        if stream_id is not None:
            where.append("stream_id = ?")
            params.append(stream_id)
        sql = f"SELECT {_COLUMNS} FROM events WHERE {' AND '.join(where)} ORDER BY position LIMIT ?"

        def fetch(after: int, size: int) -> list[tuple[Any, ...]]:
            return self.conn.execute(sql, [after, *params, size]).fetchall()

        for row in read_in_pages(fetch, after_position, limit, batch_size):
            yield _row_to_event(row)

    def read_latest(
        self,
        limit: int,
        *,
        types: Sequence[str] | None = None,
        stream_id: str | None = None,
    ) -> list[RecordedEvent]:
        """The newest ``limit`` events (of those types, in that stream), oldest first."""
        if limit <= 0 or (types is not None and not types):
            return []
        where: list[str] = ["1"]
        params: list[Any] = []
        if types is not None:
            where.append(f"event_type IN ({','.join('?' * len(types))})")
            params.extend(types)
        if stream_id is not None:
            where.append("stream_id = ?")
            params.append(stream_id)
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM events WHERE {' AND '.join(where)} "
            "ORDER BY position DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [_row_to_event(r) for r in reversed(rows)]

    def stream_version(self, stream_id: str) -> int:
        """The stream's current version (0 when it has no events)."""
        row = self.conn.execute(
            "SELECT MAX(stream_version) FROM events WHERE stream_id = ?", (stream_id,)
        ).fetchone()
        return int(row[0] or 0)

    def last_position(self) -> int:
        """The position of the newest event (0 when the store is empty)."""
        row = self.conn.execute("SELECT MAX(position) FROM events").fetchone()
        return int(row[0] or 0)

    def count(self, types: Sequence[str] | None = None) -> int:
        """How many events the store holds (of the given types)."""
        if types is None:
            return int(self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        if not types:
            return 0
        marks = ",".join("?" * len(types))
        return int(
            self.conn.execute(
                f"SELECT COUNT(*) FROM events WHERE event_type IN ({marks})", list(types)
            ).fetchone()[0]
        )

    def type_counts(self) -> dict[str, int]:
        """How many events of each type the store holds."""
        rows = self.conn.execute(
            "SELECT event_type, COUNT(*) FROM events GROUP BY event_type ORDER BY event_type"
        ).fetchall()
        return {name: int(n) for name, n in rows}

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite on the last close)."""
        self.conn.close()

    def __enter__(self) -> SQLiteEventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole.

    ``executescript`` would commit the open transaction first, so a migration
    runs statement by statement inside the store's own transaction instead.
    """
    statements: list[str] = []
    buffer = ""
    for line in script.strip().splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
