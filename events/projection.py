"""Projections: read models built from events, each with a checkpoint kept beside its rows.

A projection's rows and its checkpoint are written in one transaction, and every
catch-up starts from the stored checkpoint, not from what the caller believes it
just wrote. So a process killed at any instant leaves each read model exactly at
some checkpoint, and the next catch-up carries on from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import sqlite_utils

from events.event import RecordedEvent
from events.sqlite import SQLiteEventStore
from events.store import utc_now_iso

ProjectionProgress = Callable[[str, int, int], None]
"""Called as ``progress(projection_name, position_reached, last_position)``."""


class Projection(Protocol):
    """A read model: tables of its own, filled by handling events in order.

    ``version`` is the shape of its tables: bump it and the next catch-up rebuilds
    the read model from the log. ``event_types`` lets the runner skip other events
    in SQL (``None`` means every event).
    """

    @property
    def name(self) -> str:
        """The read model's name, unique in a store."""
        ...

    @property
    def version(self) -> int:
        """The shape of the read model's tables."""
        ...

    @property
    def event_types(self) -> Sequence[str] | None:
        """The event types it handles, or None for all."""
        ...

    def setup(self, db: sqlite_utils.Database) -> None:
        """Create the read model's tables if they are missing."""
        ...

    def drop(self, db: sqlite_utils.Database) -> None:
        """Drop the read model's tables."""
        ...

    def handle(self, db: sqlite_utils.Database, event: RecordedEvent) -> None:
        """Apply one event to the read model."""
        ...


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """How far a projection has read the log, and the table shape it was built with."""

    name: str
    position: int
    version: int
    updated_at: str | None


_CHECKPOINTS = "projection_checkpoints"


class ProjectionRunner:
    """Keeps projections up to date with a SQLite event store in the same file."""

    def __init__(
        self, store: SQLiteEventStore, projections: Iterable[Projection], batch_size: int = 1000
    ) -> None:
        self.store = store
        self.projections = {p.name: p for p in projections}
        self.batch_size = batch_size
        with store.transaction():
            store.conn.execute(
                f"CREATE TABLE IF NOT EXISTS {_CHECKPOINTS} ("
                "name TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL, "
                "updated_at TEXT)"
            )
            for projection in self.projections.values():
                projection.setup(store.db)

    def get(self, name: str) -> Projection:
        """The projection of that name, or ``KeyError`` naming the known ones."""
        try:
            return self.projections[name]
        except KeyError:
            known = ", ".join(sorted(self.projections))
            raise KeyError(f"no projection named {name!r}; known: {known}") from None

    def checkpoint(self, name: str) -> Checkpoint:
        """The stored checkpoint of a projection (position 0 when it never ran)."""
        row = self.store.conn.execute(
            f"SELECT position, version, updated_at FROM {_CHECKPOINTS} WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            return Checkpoint(name, 0, self.get(name).version, None)
        return Checkpoint(name, int(row[0]), int(row[1]), row[2])

    def checkpoints(self) -> list[Checkpoint]:
        """Every projection's checkpoint, by name."""
        return [self.checkpoint(name) for name in sorted(self.projections)]

    def _save_checkpoint(self, projection: Projection, position: int) -> None:
        self.store.conn.execute(
            f"INSERT OR REPLACE INTO {_CHECKPOINTS} (name, position, version, updated_at) "
            "VALUES (?, ?, ?, ?)",
            (projection.name, position, projection.version, utc_now_iso()),
        )

    def catch_up(
        self, names: Sequence[str] | None = None, progress: ProjectionProgress | None = None
    ) -> dict[str, int]:
        """Apply every event past each projection's checkpoint; returns events handled by name.

        A projection whose stored version differs from its code's is rebuilt first.
        Each batch of events commits with its checkpoint; nested in a caller's
        transaction, everything commits with the caller's writes.
        """
        handled: dict[str, int] = {}
        for name in names or sorted(self.projections):
            projection = self.get(name)
            stored = self.checkpoint(name)
            if stored.updated_at is not None and stored.version != projection.version:
                self._reset(projection)
            handled[name] = self._catch_up_one(projection, progress)
        return handled

    def _catch_up_one(self, projection: Projection, progress: ProjectionProgress | None) -> int:
        total = 0
        while True:
            with self.store.transaction():
                # Read the checkpoint inside the write transaction: another process
                # may have moved it since we last looked.
                start = self.checkpoint(projection.name).position
                last = self.store.last_position()
                if start >= last:
                    return total
                position = start
                count = 0
                types = projection.event_types
                for event in self.store.read_all(
                    start, types=types, limit=self.batch_size, batch_size=self.batch_size
                ):
                    projection.handle(self.store.db, event)
                    position = event.position
                    count += 1
                # A short batch means the log was read to its end under the write
                # lock, so the checkpoint can jump past events of other types.
                if count < self.batch_size:
                    position = last
                self._save_checkpoint(projection, position)
            total += count
            if progress is not None:
                progress(projection.name, position, last)

    def _reset(self, projection: Projection) -> None:
        with self.store.transaction():
            projection.drop(self.store.db)
            projection.setup(self.store.db)
            self._save_checkpoint(projection, 0)

    def rebuild(
        self, names: Sequence[str] | None = None, progress: ProjectionProgress | None = None
    ) -> dict[str, int]:
        """Drop read models and replay the whole log into them; returns events handled."""
        handled: dict[str, int] = {}
        for name in names or sorted(self.projections):
            projection = self.get(name)
            self._reset(projection)
            handled[name] = self._catch_up_one(projection, progress)
        return handled
