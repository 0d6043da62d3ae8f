"""Times as the monitor writes and reads them: UTC, ISO 8601, with a Z."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_z(moment: datetime) -> str:
    """A time as ISO 8601 in UTC with a Z (microseconds when it has them)."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def store_stamp(moment: datetime) -> str:
    """The event store's own format (always microseconds), so that times compare as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(value: str) -> datetime:
    """An ISO 8601 time, a Z allowed; one without a zone is read as UTC. Raises ValueError."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def iso_seconds(moment: datetime) -> str:
    """A time as ISO 8601 in UTC with a Z, in whole seconds: the feeds' poll times."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now() -> datetime:
    """The current time in UTC (the default clock; tests pass their own)."""
    return datetime.now(UTC)
