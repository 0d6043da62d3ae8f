"""Projections: read models built from events, each with a checkpoint kept beside its rows.

A projection's rows and its checkpoint are written in one transaction, and every
catch-up starts from the stored checkpoint, not from what the caller believes it
just wrote. So a process killed at any instant leaves each read model exactly at
some checkpoint, and the next catch-up carries on from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from events.event import RecordedEvent
from events.sql import Database, upsert
from events.store import EventStore, utc_now_iso

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

    def setup(self, db: Database) -> None:
        """Create the read model's tables if they are missing."""
        ...

    def drop(self, db: Database) -> None:
        """Drop the read model's tables."""
        ...

    def handle(self, db: Database, event: RecordedEvent) -> None:
        """Apply one event to the read model."""
        ...


class BatchProjection(Projection, Protocol):
    """A projection that can apply many events at once (fewer statements, same result)."""

    def handle_batch(self, db: Database, events: Sequence[RecordedEvent]) -> None:
        """Apply events in order, as ``handle`` would one by one."""
        ...


def _apply(projection: Projection, db: Database, events: list[RecordedEvent]) -> None:
    handle_batch = getattr(projection, "handle_batch", None)
    if handle_batch is not None:
        handle_batch(db, events)
        return
    for event in events:
        projection.handle(db, event)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """How far a projection has read the log, and the table shape it was built with."""

    name: str
    position: int
    version: int
    updated_at: str | None


_CHECKPOINTS = "projection_checkpoints"
_SAVE_CHECKPOINT = upsert(_CHECKPOINTS, ("name", "position", "version", "updated_at"), ("name",))


class ReadModelStore(EventStore, Protocol):
    """A store whose database also holds the read models: SQLite's file, PostgreSQL's schema.

    ``transaction()`` holds the store's write lock for a block (and joins an open
    one), so an append and the rows it drives commit together, and two catch-ups
    never apply the same events twice.
    """

    @property
    def db(self) -> Database:
        """The read models' database, on the store's connection."""
        ...

    def transaction(self) -> AbstractContextManager[Any]:
        """The write lock and one transaction for a block."""
        ...


class ProjectionRunner:
    """Keeps projections up to date with an event store whose database holds their tables."""

    def __init__(
        self, store: ReadModelStore, projections: Iterable[Projection], batch_size: int = 1000
    ) -> None:
        self.store = store
        self.projections = {p.name: p for p in projections}
        self.batch_size = batch_size
        # Projections whose stored version was checked against the code's, once per runner.
        self._verified: set[str] = set()
        with store.transaction():
            store.db.execute(
                f"CREATE TABLE IF NOT EXISTS {_CHECKPOINTS} ("
                "name TEXT PRIMARY KEY, position BIGINT NOT NULL, version INTEGER NOT NULL, "
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
        row = self.store.db.execute(
            f"SELECT position, version, updated_at FROM {_CHECKPOINTS} WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            return Checkpoint(name, 0, self.get(name).version, None)
        return Checkpoint(name, int(row[0]), int(row[1]), row[2])

    def checkpoints(self) -> list[Checkpoint]:
        """Every projection's checkpoint, by name."""
        return [self.checkpoint(name) for name in sorted(self.projections)]

    def _save_checkpoint(self, projection: Projection, position: int) -> None:
        self.store.db.execute(
            _SAVE_CHECKPOINT, (projection.name, position, projection.version, utc_now_iso())
        )

    def catch_up(
        self, names: Sequence[str] | None = None, progress: ProjectionProgress | None = None
    ) -> dict[str, int]:
        """Apply every event past each projection's checkpoint; returns events handled by name.

        A projection whose stored version differs from its code's is rebuilt first.
        Each batch of events commits with the checkpoints; nested in a caller's
        transaction, everything commits with the caller's writes.
        """
        chosen = list(names or sorted(self.projections))
        for name in chosen:
            if name in self._verified:
                continue
            stored = self.checkpoint(name)
            if stored.updated_at is not None and stored.version != self.get(name).version:
                self._reset(self.get(name))
            self._verified.add(name)
        return self._catch_up(chosen, progress)

    def _stored_positions(self, names: Sequence[str]) -> dict[str, int]:
        rows = self.store.db.execute(f"SELECT name, position FROM {_CHECKPOINTS}").fetchall()
        stored = {name: int(position) for name, position in rows}
        return {name: stored.get(name, 0) for name in names}

    def _catch_up(
        self, names: Sequence[str], progress: ProjectionProgress | None
    ) -> dict[str, int]:
        """Read the log once for all the named projections, from the earliest checkpoint."""
        handled = dict.fromkeys(names, 0)
        while True:
            with self.store.transaction():
                # Checkpoints are read under the write lock: another process may
                # have moved them since we last looked.
                last = self.store.last_position()
                positions = self._stored_positions(names)
                behind = [self.get(n) for n in names if positions[n] < last]
                if not behind:
                    return handled
                start = min(positions[p.name] for p in behind)
                wanted: set[str] | None = set()
                for projection in behind:
                    if projection.event_types is None or wanted is None:
                        wanted = None
                    else:
                        wanted.update(projection.event_types)
                position = start
                count = 0
                due: dict[str, list[RecordedEvent]] = {p.name: [] for p in behind}
                for event in self.store.read_all(
                    start,
                    types=sorted(wanted) if wanted is not None else None,
                    limit=self.batch_size,
                    batch_size=self.batch_size,
                ):
                    for projection in behind:
                        types = projection.event_types
                        if event.position > positions[projection.name] and (
                            types is None or event.event_type in types
                        ):
                            due[projection.name].append(event)
                    position = event.position
                    count += 1
                with self.store.db.batch():
                    for projection in behind:
                        events = due[projection.name]
                        if events:
                            _apply(projection, self.store.db, events)
                            handled[projection.name] += len(events)
                # A short batch means the log was read to its end under the write
                # lock, so the checkpoints can jump past events of other types.
                if count < self.batch_size:
                    position = last
                for projection in behind:
                    self._save_checkpoint(projection, max(positions[projection.name], position))
            if progress is not None:
                for projection in behind:
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
        chosen = list(names or sorted(self.projections))
        for name in chosen:
            self._reset(self.get(name))
            self._verified.add(name)
        return self._catch_up(chosen, progress)
