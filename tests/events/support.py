"""Helpers shared by the event store tests and their worker processes."""

from __future__ import annotations

from events import RecordedEvent
from events.sql import Database


class StreamTally:
    """A small read model for tests: per stream, how many events and the sum of their values."""

    name = "tally"
    version = 1
    event_types: tuple[str, ...] | None = None

    def setup(self, db: Database) -> None:
        """Create the tally table."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS tally (stream_id TEXT PRIMARY KEY, events INTEGER, "
            "total INTEGER, last_version INTEGER)"
        )

    def drop(self, db: Database) -> None:
        """Drop the tally table."""
        db.execute("DROP TABLE IF EXISTS tally")

    def handle(self, db: Database, event: RecordedEvent) -> None:
        """Count the event and add its value."""
        db.execute(
            "INSERT INTO tally (stream_id, events, total, last_version) VALUES (?, 1, ?, ?) "
            "ON CONFLICT (stream_id) DO UPDATE SET events = tally.events + 1, "
            "total = tally.total + excluded.total, last_version = excluded.last_version",
            (event.stream_id, int(event.payload.get("value", 0)), event.stream_version),
        )


class TypeTally(StreamTally):
    """Counts only events of type ``Counted``, to test catch-up with a type filter."""

    name = "type_tally"
    event_types = ("Counted",)

    def setup(self, db: Database) -> None:
        """Create the table."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS type_tally (stream_id TEXT PRIMARY KEY, events INTEGER, "
            "total INTEGER, last_version INTEGER)"
        )

    def drop(self, db: Database) -> None:
        """Drop the table."""
        db.execute("DROP TABLE IF EXISTS type_tally")

    def handle(self, db: Database, event: RecordedEvent) -> None:
        """Count the event."""
        db.execute(
            "INSERT INTO type_tally (stream_id, events, total, last_version) VALUES (?, 1, ?, ?) "
            "ON CONFLICT (stream_id) DO UPDATE SET events = type_tally.events + 1, "
            "total = type_tally.total + excluded.total, last_version = excluded.last_version",
            (event.stream_id, int(event.payload.get("value", 0)), event.stream_version),
        )


def table_rows(db: Database, table: str) -> list[tuple[object, ...]]:
    """Every row of a table, sorted, for comparing a live read model with a rebuilt one."""
    return sorted(db.execute(f"SELECT * FROM {table}").fetchall())
