"""The monitor's services: the one place that joins the store, the settings and the clock."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loguru import logger

from events import (
    AppendResult,
    Event,
    NewEvent,
    ProjectionProgress,
    ProjectionRunner,
    RecordedEvent,
    SQLiteEventStore,
    StoreUnavailableError,
)
from events.sql import Params
from monitor.errors import MonitorError
from monitor.events import REGISTRY, CorpusDocumentAdded, corpus_stream
from monitor.projections import all_projections
from monitor.seeds import load_seed_corpus
from monitor.settings import Settings
from monitor.store_care import StoreDamagedError, describe_database_error

if TYPE_CHECKING:
    from typing import TypeAlias

    from events.postgres import PostgresEventStore

    #: The event store a monitor runs on: the embedded SQLite file, or PostgreSQL.
    Store: TypeAlias = SQLiteEventStore | PostgresEventStore


class StoreMissingError(MonitorError):
    """The store file does not exist yet."""


@dataclass(frozen=True)
class InitReport:
    """What ``monitor init`` did."""

    store_path: str
    created: bool
    seeds_added: int
    seeds_known: int


class Monitor:
    """The application: open a store with its read models and run the monitor's use cases."""

    def __init__(self, settings: Settings, *, create: bool = False) -> None:
        self.settings = settings
        self.store_path = settings.store_path()
        #: Opened for reading only: the file or its folder cannot be written.
        self.read_only = False
        url = settings.store.postgres_url()
        self.store: Store
        if url is not None:
            self.store = _open_postgres(settings, url)
            self.store_location = self.store.description
            # This machine's own files (heartbeat, vector cache) live beside store_path.
            self.store_path.parent.mkdir(parents=True, exist_ok=True)
            self.created = self.store.count() == 0
            if self.created and not create:
                self.store.close()
                raise StoreMissingError(
                    f"no monitor store at {self.store_location} yet; create it with "
                    "`monitor init` (store.url names the database)"
                )
        else:
            self.store = self._open_sqlite(create)
            self.store_location = str(self.store_path)
        self.runner = ProjectionRunner(self.store, all_projections())

    def _open_sqlite(self, create: bool) -> SQLiteEventStore:
        self.created = not self.store_path.exists()
        if self.created and not create:
            raise StoreMissingError(
                f"no store at {self.store_path}; create it with `monitor init` "
                "(or point --db / MONITOR_DB at an existing one)"
            )
        if not self.created and not create and _file_size(self.store_path) == 0:
            # An empty file would silently become an empty store: a wrong path, most likely.
            raise StoreMissingError(
                f"{self.store_path} is an empty file, not a monitor store; create one with "
                "`monitor init` (or point --db / MONITOR_DB at an existing one)"
            )
        try:
            try:
                return SQLiteEventStore(
                    self.store_path,
                    busy_timeout_ms=self.settings.store.busy_timeout_ms,
                    synchronous=self.settings.store.synchronous,
                )
            except sqlite3.OperationalError as exc:
                if self.created or not _read_only_failure(exc):
                    raise
            # A store on read-only media, in a folder or file this user cannot write:
            # read commands still work, on the read models as they were last written.
            store = SQLiteEventStore(
                self.store_path,
                busy_timeout_ms=self.settings.store.busy_timeout_ms,
                read_only=True,
            )
            self.read_only = True
            logger.warning(
                f"the store {self.store_path} cannot be written (read-only file, folder or "
                "file system): opened for reading; read models are as last written"
            )
            return store
        except sqlite3.Error as exc:
            raise StoreDamagedError(describe_database_error(self.store_path, exc)) from None
        except OSError as exc:
            raise MonitorError(f"cannot open the store at {self.store_path}: {exc}") from exc

    @property
    def on_postgres(self) -> bool:
        """Whether the log and read models are on PostgreSQL."""
        return self.settings.store.postgres_url() is not None

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Monitor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- use cases ------------------------------------------------------------

    def init(self) -> InitReport:
        """Create the store and record the seed corpus; running it again changes nothing."""
        seeds = load_seed_corpus(self.settings.corpus.seeds)
        added = known = 0
        for seed in seeds:
            event = CorpusDocumentAdded(
                document_id=seed.document_id,
                origin="seed",
                title=seed.title,
                language=seed.language,
                text=seed.text,
                content_hash=seed.content_hash,
                source=seed.source,
                published=seed.published,
                date_precision=seed.date_precision,
                topics=seed.topics,
            )
            key = f"corpus-seed:{seed.document_id}:{seed.content_hash}"
            with self.store.transaction():
                result = self.store.append(
                    corpus_stream(seed.document_id), [event.to_new(idempotency_key=key)]
                )
                self.runner.catch_up()
            if result.written:
                added += 1
                logger.bind(document=seed.document_id).info("seed document added to the corpus")
            else:
                known += 1
        return InitReport(self.store_location, self.created, added, known)

    def record(
        self,
        appends: Sequence[tuple[str, Sequence[Event | NewEvent]]],
        *,
        expected: Mapping[str, int] | None = None,
    ) -> list[AppendResult]:
        """Append to one or more streams and catch the read models up, in one transaction.

        ``expected`` maps stream ids to the version they must be at, so a writer
        that raced another gets ``ConcurrencyError`` and writes nothing.
        """
        versions = expected or {}
        with self.store.transaction():
            results = self.store.append_many(
                [(s, events, versions.get(s)) for s, events in appends]
            )
            self.runner.catch_up()
        return results

    def query(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """Rows of a read model as dicts, from one snapshot (threads may share the monitor)."""
        with self.store.snapshot():
            return self.store.db.rows(sql, params)

    def json_array_has(self, expression: str, choices: int = 1) -> str:
        """SQL that holds when the JSON array ``expression`` has one of ``choices``
        ``?`` parameters (the databases walk JSON arrays differently)."""
        elements = self.store.db.json_elements(expression, "e")
        wanted = "e.value = ?" if choices == 1 else f"e.value IN ({', '.join('?' * choices)})"
        return f"EXISTS (SELECT 1 FROM {elements} WHERE {wanted})"

    def status(self) -> dict[str, Any]:
        """The store's state: path, counts, last position, projections and their lag."""
        last = self.store.last_position()
        projections = [
            {
                "name": cp.name,
                "position": cp.position,
                "version": cp.version,
                "behind": max(0, last - cp.position),
                "updated_at": cp.updated_at,
            }
            for cp in self.runner.checkpoints()
        ]
        corpus = self.store.db.execute(
            "SELECT COUNT(*) FROM corpus_documents WHERE removed_at IS NULL"
        ).fetchone()[0]
        types = self.store.type_counts()
        return {
            "store": self.store_location,
            "store_kind": "postgresql" if self.on_postgres else "sqlite",
            "store_bytes": self.store_bytes(),
            "events": sum(types.values()),
            "last_position": last,
            "event_types": types,
            "unknown_event_types": sorted(t for t in types if t not in REGISTRY),
            "projections": projections,
            "corpus_documents": int(corpus),
        }

    def events(
        self,
        *,
        types: Sequence[str] | None = None,
        stream_id: str | None = None,
        since: int | None = None,
        limit: int | None = None,
    ) -> Iterator[RecordedEvent]:
        """The log, oldest first: after ``since``, or else the newest ``limit`` events."""
        if since is None and limit is not None:
            yield from self.store.read_latest(limit, types=types, stream_id=stream_id)
            return
        yield from self.store.read_all(since or 0, types=types, stream_id=stream_id, limit=limit)

    def rebuild(
        self, names: Sequence[str] | None = None, progress: ProjectionProgress | None = None
    ) -> dict[str, int]:
        """Drop and replay read models; returns how many events each handled."""
        for name in names or []:
            try:
                self.runner.get(name)
            except KeyError as exc:
                raise MonitorError(str(exc.args[0])) from None
        return self.runner.rebuild(names, progress)

    def catch_up(self) -> dict[str, int]:
        """Bring every read model up to the end of the log (not on a read-only store)."""
        if self.read_only:
            return {}
        return self.runner.catch_up()

    def store_bytes(self) -> int:
        """The store's size on disk: the SQLite file and its WAL, or the schema's tables."""
        if isinstance(self.store, SQLiteEventStore):
            return _file_size(self.store_path)
        return self.store.disk_bytes()


def _read_only_failure(exc: sqlite3.OperationalError) -> bool:
    """Whether opening for writing failed because the file or its folder cannot be written."""
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open database file" in text


def _open_postgres(settings: Settings, url: str) -> PostgresEventStore:
    """The PostgreSQL store, or one error line that names the setting to look at."""
    from events.postgres import PostgresEventStore  # noqa: PLC0415 (SQLite users never load psycopg)

    try:
        return PostgresEventStore(
            url,
            schema=settings.store.schema_name,
            connect_timeout=settings.store.connect_timeout,
            application_name="ai-act-monitor",
        )
    except StoreUnavailableError as exc:
        raise MonitorError(f"store.url: {exc}") from None


def _file_size(path: Path) -> int:
    total = 0
    for suffix in ("", "-wal"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            total += candidate.stat().st_size
    return total
