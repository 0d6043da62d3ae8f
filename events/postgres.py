"""The PostgreSQL event store: the same log and promises as the SQLite one, for many machines.

Positions follow commit order. A sequence hands out values before commit, so a
reader tailing ``position > n`` could pass over an event whose transaction
commits after a later one (Marten and the eventsourcing library each had to fix
exactly this). Here every writing transaction takes one transaction-scoped
advisory lock before it reads the last position, and holds it until it commits:
writers of one store go one at a time, each next position is ``MAX + 1``
(no gaps, no sequence), and an event becomes visible only after every event
before it. The lock costs parallel writers nothing they had: the per-stream
version checks and the unique indexes serialise them anyway.
"""

from __future__ import annotations

import contextlib
import threading
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg import sql

from events.errors import (
    ConcurrencyError,
    IdempotencyConflictError,
    StoreSchemaError,
    StoreUnavailableError,
)
from events.event import AppendResult, Event, NewEvent, RecordedEvent
from events.sql import PostgresDatabase
from events.store import (
    ANY_VERSION,
    StreamAppend,
    as_new_event,
    batched,
    check_copied_positions,
    copied_row,
    plan_appends,
    read_in_pages,
    with_positions,
)
from events.urls import safe_url

#: The store's own schema version; each step in ``_MIGRATIONS`` raises it by one.
SCHEMA_VERSION = 1

_MIGRATIONS: list[str] = [
    # 1: the log, its unique keys, and triggers that make it append-only. Payloads are
    # ``json``, not ``jsonb``: the text stays exactly as written (key order, and the
    # \u0000 that jsonb refuses), and ``payload->>'key'`` queries work on both.
    """
    CREATE TABLE events (
        position BIGINT PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE,
        stream_id TEXT NOT NULL,
        stream_version BIGINT NOT NULL,
        event_type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        payload JSON NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL,
        correlation_id TEXT,
        causation_id TEXT,
        idempotency_key TEXT UNIQUE,
        metadata JSON NOT NULL DEFAULT '{}',
        CONSTRAINT events_stream_version UNIQUE (stream_id, stream_version)
    );
    CREATE INDEX events_by_type ON events (event_type, position);
    CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'events are immutable: an event is never %',
            CASE TG_OP WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END
            USING ERRCODE = 'integrity_constraint_violation';
    END $$;
    CREATE TRIGGER events_are_never_changed BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_are_immutable();
    CREATE TRIGGER events_are_never_truncated BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable();
    """,
]

_COLUMNS = (
    "position, event_id, stream_id, stream_version, event_type, schema_version, payload, "
    "recorded_at, correlation_id, causation_id, idempotency_key, metadata"
)
_INSERT = (
    f"INSERT INTO events ({_COLUMNS}) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s::json, %s, %s, %s, %s, %s::json)"
)
_HEAD = (
    "SELECT COALESCE((SELECT MAX(position) FROM events), 0), clock_timestamp(), "
    "(SELECT json_object_agg(stream_id, version) FROM (SELECT stream_id, "
    "MAX(stream_version) AS version FROM events WHERE stream_id = ANY(%s) "
    "GROUP BY stream_id) AS streams), "
    "(SELECT json_object_agg(idempotency_key, position) FROM events "
    "WHERE idempotency_key = ANY(%s))"
)


def _moment(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _row_to_event(row: tuple[Any, ...]) -> RecordedEvent:
    return RecordedEvent(
        position=row[0],
        event_id=row[1],
        stream_id=row[2],
        stream_version=row[3],
        event_type=row[4],
        schema_version=row[5],
        payload=row[6],
        recorded_at=_iso(row[7]),
        correlation_id=row[8],
        causation_id=row[9],
        idempotency_key=row[10],
        extra_metadata=row[11] or {},
    )


class PostgresEventStore:
    """An ``EventStore`` in a PostgreSQL schema, shared by any number of processes and hosts.

    ``url`` is a libpq connection URL; ``schema`` (created when missing) holds the
    log, so one database can keep several stores apart. ``transaction()`` lets an
    append and the read-model rows it drives commit together, as on SQLite.
    """

    def __init__(
        self,
        url: str,
        *,
        schema: str = "public",
        connect_timeout: float = 10.0,
        application_name: str = "events",
    ) -> None:
        self.url = url
        self.schema = schema
        try:
            self.conn = psycopg.connect(
                url,
                autocommit=True,
                connect_timeout=max(1, int(connect_timeout)),
                application_name=application_name,
            )
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreUnavailableError(
                f"cannot connect to PostgreSQL at {safe_url(url)}: {reason}"
            ) from exc
        self._lock = threading.RLock()
        self._depth = 0
        # One lock key per schema: stores in other schemas of the database never wait on it.
        self._lock_key = zlib.crc32(f"events:{schema}".encode()) - 2**31
        self.conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        self.conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        self.db = PostgresDatabase(self.conn)
        self._migrate()

    @property
    def description(self) -> str:
        """Where the store is, without the password."""
        suffix = f" (schema {self.schema})" if self.schema != "public" else ""
        return f"{safe_url(self.url)}{suffix}"

    # -- transactions -------------------------------------------------------

    def transaction(self) -> contextlib.AbstractContextManager[PostgresEventStore]:
        """The store's write lock and one transaction for a block; nested blocks join it.

        Like ``BEGIN IMMEDIATE`` on SQLite: an append and the read-model rows it
        drives commit together, and two catch-ups never apply the same events twice.
        """
        # The key is our own integer, so it is written into the text: BEGIN and the
        # lock then go as one simple query, one round trip instead of two.
        return self._block(f"BEGIN; SELECT pg_advisory_xact_lock({int(self._lock_key)})")

    def snapshot(self) -> contextlib.AbstractContextManager[PostgresEventStore]:
        """Read a consistent snapshot (REPEATABLE READ, read only); joins an open block."""
        return self._block("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    @contextlib.contextmanager
    def _block(self, begin: str) -> Iterator[PostgresEventStore]:
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
            self.conn.execute(begin.encode())
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                self._end("ROLLBACK")
                raise
            self._depth = 0
            try:
                self.conn.execute(b"COMMIT")
            except BaseException:
                self._end("ROLLBACK")
                raise

    def _end(self, statement: str) -> None:
        """End the open transaction, if the connection still has one."""
        if self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            with contextlib.suppress(psycopg.Error):
                self.conn.execute(statement.encode())

    def _take_write_lock(self) -> None:
        """Queue behind other writers of this store until this transaction ends."""
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock_key,))

    def _migrate(self) -> None:
        # Outside the pipeline: a migration is a script of several statements.
        with self._lock, self.conn.transaction():
            self._take_write_lock()
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS event_store_meta (key TEXT PRIMARY KEY, value TEXT)"
            )
            row = self.conn.execute(
                "SELECT value FROM event_store_meta WHERE key = 'schema_version'"
            ).fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreSchemaError(
                    f"{self.description} has event store schema {version}; this program "
                    f"knows {SCHEMA_VERSION}: upgrade the program"
                )
            for number in range(version, SCHEMA_VERSION):
                self.conn.execute(_MIGRATIONS[number])
            self.conn.execute(
                "INSERT INTO event_store_meta (key, value) VALUES ('schema_version', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
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
        """Append to several streams at once: all of it is written, or none of it."""
        batches = [
            (stream, [as_new_event(e) for e in events], expected)
            for stream, events, expected in appends
        ]
        with self.transaction():
            # One question, asked after the write lock so that it sees every commit
            # before ours: the last position, the clock, the streams' versions and
            # which idempotency keys were used (one round trip, not three).
            used = [n.idempotency_key for _, news, _ in batches for n in news]
            row = self.conn.execute(
                _HEAD,
                (sorted({stream for stream, _, _ in batches}), [k for k in used if k]),
            ).fetchone()
            last, now, stream_versions, used_keys = row if row else (0, None, {}, {})
            versions = {stream: int(v) for stream, v in (stream_versions or {}).items()}
            found = {key: int(position) for key, position in (used_keys or {}).items()}
            planned, results = plan_appends(batches, versions, found, now)
            if planned:
                # Positions are ours to give under the lock: the last one, then on.
                self._insert([(int(last) + n, *one) for n, one in enumerate(planned, start=1)])
        return with_positions(batches, results, int(last) + 1)

    def _insert(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert rows in the open transaction; in a caller's block, a savepoint keeps the
        block usable after a refused insert (a block of our own just rolls back)."""
        savepoint = self.conn.transaction() if self._depth > 1 else contextlib.nullcontext()
        try:
            with savepoint, self.conn.cursor() as cursor:
                if len(rows) == 1:
                    cursor.execute(_INSERT, rows[0])
                else:
                    cursor.executemany(_INSERT, rows)
        except psycopg.errors.UniqueViolation as exc:
            # The checks ran under the write lock, so this is a backstop: an event id
            # given twice by a producer, or a version written behind the lock's back.
            constraint = exc.diag.constraint_name or ""
            if constraint == "events_stream_version":
                stream = rows[0][2]
                raise ConcurrencyError(stream, None, self.stream_version(stream)) from exc
            raise IdempotencyConflictError([r[1] for r in rows]) from exc

    def copy_in(self, events: Iterable[RecordedEvent], batch_size: int = 2000) -> int:
        """Write another store's events here as they are (positions, ids, versions, times):
        a whole log moved from one database to another. The positions must follow this
        store's last one; returns how many were written."""
        written = 0
        for batch in batched(events, batch_size):
            rows = [copied_row(e, _moment(e.recorded_at)) for e in batch]
            with self.transaction():
                check_copied_positions([e.position for e in batch], self.last_position())
                self._insert(rows)
            written += len(rows)
        return written

    # -- reading ------------------------------------------------------------

    def _fetch(self, query: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self.conn.execute(query, params).fetchall()

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[RecordedEvent]:
        """The events of one stream from a version on, in order."""
        rows = self._fetch(
            f"SELECT {_COLUMNS} FROM events WHERE stream_id = %s AND stream_version >= %s "
            "ORDER BY stream_version",
            (stream_id, from_version),
        )
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
        if types is not None and not types:
            return
        where, params = _filters(types, stream_id)
        query = (
            f"SELECT {_COLUMNS} FROM events WHERE position > %s{where} ORDER BY position LIMIT %s"
        )

        def fetch(after: int, size: int) -> list[tuple[Any, ...]]:
            return self._fetch(query, [after, *params, size])

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
        where, params = _filters(types, stream_id)
        rows = self._fetch(
            f"SELECT {_COLUMNS} FROM events WHERE TRUE{where} ORDER BY position DESC LIMIT %s",
            [*params, limit],
        )
        return [_row_to_event(r) for r in reversed(rows)]

    def stream_version(self, stream_id: str) -> int:
        """The stream's current version (0 when it has no events)."""
        rows = self._fetch(
            "SELECT COALESCE(MAX(stream_version), 0) FROM events WHERE stream_id = %s",
            (stream_id,),
        )
        return int(rows[0][0])

    def last_position(self) -> int:
        """The position of the newest event (0 when the store is empty)."""
        return int(self._fetch("SELECT COALESCE(MAX(position), 0) FROM events", ())[0][0])

    def count(self, types: Sequence[str] | None = None) -> int:
        """How many events the store holds (of the given types)."""
        if types is None:
            return int(self._fetch("SELECT COUNT(*) FROM events", ())[0][0])
        if not types:
            return 0
        rows = self._fetch("SELECT COUNT(*) FROM events WHERE event_type = ANY(%s)", (list(types),))
        return int(rows[0][0])

    def type_counts(self) -> dict[str, int]:
        """How many events of each type the store holds."""
        rows = self._fetch(
            "SELECT event_type, COUNT(*) FROM events GROUP BY event_type ORDER BY event_type", ()
        )
        return {name: int(n) for name, n in rows}

    def disk_bytes(self) -> int:
        """What the schema's tables and indexes take on disk."""
        rows = self._fetch(
            "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind IN ('r', 'm')",
            (self.schema,),
        )
        return int(rows[0][0])

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> PostgresEventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _filters(types: Sequence[str] | None, stream_id: str | None) -> tuple[str, list[Any]]:
    """The ``AND …`` conditions and parameters of a type and stream filter."""
    where = ""
    params: list[Any] = []
    if types is not None:
        where += " AND event_type = ANY(%s)"
        params.append(list(types))
    if stream_id is not None:
        where += " AND stream_id = %s"
        params.append(stream_id)
    return where, params
