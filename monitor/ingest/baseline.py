"""Which new entries are a feed's backlog rather than news (pure).

A feed first polled offers what it has carried for days or months. Alerting on
all of it floods the first digest of a fresh install (and of every feed added
later) with old stories, while learning nothing from them is worse: the next
report of the same development would be called new. So the backlog is judged
like any article and learned as corpus, but never flagged. It is what the
feed held at its first fetch with entries, and any entry published more than
``max_age_days`` before it was discovered (a feed that republishes an old
piece, a late-indexed archive).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from monitor.times import parse_iso


def is_backlog(
    published: str, discovered: datetime, *, first_fetch: bool, max_age_days: int
) -> bool:
    """Whether an entry discovered at ``discovered`` belongs to its feed's backlog.

    An undated entry is backlog only in a first fetch; ``max_age_days`` 0 turns
    the age test off.
    """
    if first_fetch:
        return True
    if not max_age_days or not published:
        return False
    try:
        when = parse_iso(published)
    except ValueError:
        return False
    return discovered - when > timedelta(days=max_age_days)
