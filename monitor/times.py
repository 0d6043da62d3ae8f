"""Times as the monitor writes and reads them: UTC, ISO 8601, with a Z."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta


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


def parse_iso_or_none(value: str | None) -> datetime | None:
    """``parse_iso``, or None for no value or one that is not a time (a stored time
    written by another version, a feed's garbled date)."""
    try:
        return parse_iso(value) if value else None
    except ValueError:
        return None


def iso_seconds(moment: datetime) -> str:
    """A time as ISO 8601 in UTC with a Z, in whole seconds: the feeds' poll times."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now() -> datetime:
    """The current time in UTC (the default clock; tests pass their own)."""
    return datetime.now(UTC)


_RELATIVE = re.compile(r"^(\d+)\s*([hdw])$")
_UNITS = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


def parse_when(value: str, now: datetime) -> datetime:
    """A moment as people write one on the command line, in UTC. Raises ``ValueError``.

    ``2025-02-01`` (midnight UTC), an ISO time (``2025-02-01T09:30:00Z``),
    ``today``, ``yesterday`` (midnight UTC), or an age: ``12h``, ``7d``, ``2w``.
    """
    text = value.strip().lower()
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if text == "today":
        return midnight
    if text == "yesterday":
        return midnight - timedelta(days=1)
    relative = _RELATIVE.match(text)
    if relative:
        return now.astimezone(UTC) - int(relative.group(1)) * _UNITS[relative.group(2)]
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
    if not re.match(r"^\d{4}-\d{2}-\d{2}[t ]", text):
        raise ValueError(f"{value!r} is not a date")
    return parse_iso(value.strip())
