"""Moving a whole log to another store: SQLite to PostgreSQL when a team outgrows the file,
or PostgreSQL back to a SQLite file (a portable copy).

Every event is written as it was (position, id, stream and version, time,
idempotency key), so digests that name positions, cursors and retries stay
valid; the target's read models are then built from the copied log.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from monitor.app import Monitor
from monitor.errors import MonitorError
from monitor.settings import Settings


@dataclass(frozen=True)
class CopyReport:
    """What ``monitor copy`` did (stable keys for --json)."""

    source: str
    target: str
    events: int
    seconds: float
    read_models: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


def _same_store(one: Monitor, other: Monitor) -> bool:
    if one.on_postgres or other.on_postgres:
        return one.store_location == other.store_location
    return one.store_path.resolve() == other.store_path.resolve()


def copy_store(
    source: Monitor, target_settings: Settings, progress: Callable[[int], None] | None = None
) -> CopyReport:
    """Copy every event of ``source`` into the empty store ``target_settings`` name."""
    started = time.perf_counter()
    with Monitor(target_settings, create=True) as target:
        if _same_store(source, target):
            raise MonitorError("the target is the store itself: name another file or database")
        held = target.store.count()
        if held:
            raise MonitorError(
                f"{target.store_location} holds {held:,} events already; copy into an empty store"
            )
        copied = 0

        def counted() -> Any:
            nonlocal copied
            for event in source.store.read_all(batch_size=2000):
                copied += 1
                if progress is not None and copied % 2000 == 0:
                    progress(copied)
                yield event

        target.store.copy_in(counted())
        handled = target.catch_up()
        return CopyReport(
            source=source.store_location,
            target=target.store_location,
            events=copied,
            seconds=round(time.perf_counter() - started, 2),
            read_models=handled,
        )
