"""The metrics read model: a batch summed first gives what the events give one by one."""

from __future__ import annotations

from pathlib import Path

from events import Event, RecordedEvent
from events.sql import SQLiteDatabase
from monitor.events import FeedPolled, FeedPollFailed
from monitor.projections import MetricsProjection


def recorded(events: list[Event]) -> list[RecordedEvent]:
    return [
        RecordedEvent(
            position=n,
            event_id=f"e{n}",
            stream_id="feed-1",
            stream_version=n,
            event_type=event.event_type,
            schema_version=event.schema_version,
            payload=event.to_payload(),
            recorded_at="2026-12-02T00:00:00Z",
        )
        for n, event in enumerate(events, start=1)
    ]


def rows(db: SQLiteDatabase) -> list[tuple[object, ...]]:
    return sorted(tuple(r) for r in db.execute("SELECT name, labels, value FROM metrics"))


def test_a_batch_adds_the_same_counts_as_its_events_one_by_one(tmp_path: Path) -> None:
    events = recorded(
        [
            FeedPolled("feed-1", "https://a.example/feed", "fetched", 200, elapsed_ms=120),
            FeedPolled("feed-1", "https://a.example/feed", "not_modified", 304, elapsed_ms=40),
            FeedPolled("feed-1", "https://a.example/feed", "fetched", 200, elapsed_ms=3100),
            FeedPollFailed("feed-1", "https://a.example/feed", "timeout", "no answer", 1, ""),
        ]
    )
    one_by_one = SQLiteDatabase(tmp_path / "one.db")
    batched = SQLiteDatabase(tmp_path / "batch.db")
    projection = MetricsProjection()
    for db in (one_by_one, batched):
        projection.setup(db)
    for event in events:
        projection.handle(one_by_one, event)
    projection.handle_batch(batched, events[:2])
    projection.handle_batch(batched, events[2:])
    assert rows(batched) == rows(one_by_one)
    counts = {(name, labels): value for name, labels, value in rows(batched)}
    assert counts[("monitor_polls_total", 'outcome="fetched"')] == 2.0
    assert counts[("monitor_poll_duration_seconds_count", "")] == 3.0
