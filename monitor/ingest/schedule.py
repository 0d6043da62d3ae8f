"""When to poll a feed next (pure): its interval, exponential backoff with jitter, Retry-After."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Backoff:
    """How waits grow after failures."""

    base: float = 300.0
    cap: float = 86400.0
    jitter: float = 0.1


def jitter_fraction(*parts: str) -> float:
    """A fraction in [0, 1) derived from its inputs: spread without a random number generator."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def next_after_success(
    feed_id: str, polled_at: datetime, interval: float, backoff: Backoff
) -> datetime:
    """The next poll after a successful one: the feed's interval, spread by jitter."""
    spread = 1 + backoff.jitter * jitter_fraction(feed_id, polled_at.isoformat())
    return polled_at + timedelta(seconds=interval * spread)


def failure_delay(failures: int, backoff: Backoff, retry_after: float | None = None) -> float:
    """Seconds to wait after ``failures`` failures in a row: doubling, capped, Retry-After kept.

    At the cap polling carries on, every
    ``cap`` seconds, so that a feed is never abandoned silently. A Retry-After
    longer than the cap is held to the cap too, for the same reason.
    """
    exponent = max(0, failures - 1)
    delay = backoff.base * (2 ** min(exponent, 40))
    delay = min(delay, backoff.cap)
    if retry_after is not None:
        delay = max(delay, min(retry_after, backoff.cap))
    return float(delay)


def next_after_failure(
    feed_id: str,
    failed_at: datetime,
    failures: int,
    backoff: Backoff,
    retry_after: float | None = None,
) -> datetime:
    """The next poll after a failure, with jitter, never past the cap plus its jitter."""
    delay = failure_delay(failures, backoff, retry_after)
    spread = 1 + backoff.jitter * jitter_fraction(feed_id, failed_at.isoformat(), str(failures))
    return failed_at + timedelta(seconds=delay * spread)


#: Slack on top of the longest wait, for clocks that differ by a little.
CLOCK_SLACK = timedelta(minutes=5)


def believable_next_poll(
    next_poll_at: datetime | None, now: datetime, interval: float, backoff: Backoff
) -> datetime | None:
    """The recorded next poll, or ``now`` when it lies further ahead than any wait we set.

    No wait is longer than the feed's interval or the backoff's cap, plus
    their jitter. A next poll beyond that was computed with a clock that was
    wrong (a pass run 400 days ahead, a clock stepped back), and waiting for
    it would stop the feed for as long: the feed is due now instead.
    """
    if next_poll_at is None:
        return None
    longest = timedelta(seconds=max(interval, backoff.cap) * (1 + backoff.jitter))
    return now if next_poll_at > now + longest + CLOCK_SLACK else next_poll_at
