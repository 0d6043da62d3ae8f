"""Helpers for the monitor's tests: a monitor on a temporary store that may fetch 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from events import RecordedEvent
from monitor.app import Monitor
from monitor.events import feed_stream
from monitor.settings import load_settings


def open_monitor(tmp_path: Path, **overrides: Any) -> Monitor:
    """A monitor on tmp_path/monitor.db, allowed to fetch loopback, quick and polite to nobody."""
    environ = {
        "MONITOR_DB": str(tmp_path / "monitor.db"),
        "MONITOR_FETCH__ALLOW_PRIVATE_NETWORKS": "true",
        "MONITOR_FETCH__PER_HOST_DELAY": "0",
        "MONITOR_FETCH__CONNECT_TIMEOUT": "2",
        "MONITOR_FETCH__READ_TIMEOUT": "2",
        "MONITOR_FETCH__DEADLINE": "5",
        "MONITOR_EXTRACTION__TIMEOUT": "10",
    }
    for key, value in overrides.items():
        environ["MONITOR_" + key.upper()] = str(value)
    settings = load_settings(environ=environ)
    return Monitor(settings, create=True)


def events_of(app: Monitor, feed_id: str) -> list[RecordedEvent]:
    """The events of one feed's stream."""
    return app.store.read_stream(feed_stream(feed_id))


def verdicts_by_title(app: Monitor) -> dict[str, str]:
    """Each assessed article's verdict, by its title."""
    return {
        row["title"]: row["verdict"]
        for row in app.query(
            "SELECT a.title, s.verdict FROM assessments s JOIN articles a USING (item_id)"
        )
    }


def stored(
    event_type: str,
    schema_version: int,
    payload: dict[str, Any],
    *,
    stream_id: str = "item-x",
    recorded_at: str = "2024-01-01T00:00:00Z",
) -> RecordedEvent:
    """An event as the log keeps it, in an older schema: for the upcasters' tests."""
    return RecordedEvent(
        position=1,
        event_id="e",
        stream_id=stream_id,
        stream_version=1,
        event_type=event_type,
        schema_version=schema_version,
        payload=payload,
        recorded_at=recorded_at,
    )
