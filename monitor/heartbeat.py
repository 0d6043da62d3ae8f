"""The daemon's heartbeat file: written by ``monitor run``, read by ``health`` and ``status``.

Kept apart from the daemon so that ``monitor health``, which a container runtime
calls every few seconds, imports nothing heavy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


def heartbeat_path(store: Path) -> Path:
    """The heartbeat file of a store's daemon."""
    return store.with_name(store.name + ".heartbeat")


def write_heartbeat(store: Path, data: dict[str, object]) -> None:
    """Write a heartbeat atomically: a reader never sees half a file."""
    path = heartbeat_path(store)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    temporary.replace(path)


@dataclass(frozen=True)
class Heartbeat:
    """What the daemon last said about itself."""

    pid: int
    at: datetime
    started_at: datetime
    state: str
    feeds: int
    #: What keeps the daemon from recording its work (the store is full, ...), if anything.
    trouble: str = ""

    def age(self, now: datetime) -> float:
        """Seconds since it was written."""
        return (now - self.at).total_seconds()


def read_heartbeat(store: Path) -> Heartbeat | None:
    """The daemon's last heartbeat, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads(heartbeat_path(store).read_text(encoding="utf-8"))
        return Heartbeat(
            pid=int(data["pid"]),
            at=datetime.fromisoformat(data["at"]),
            started_at=datetime.fromisoformat(data["started_at"]),
            state=str(data["state"]),
            feeds=int(data.get("feeds", 0)),
            trouble=str(data.get("trouble") or ""),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
