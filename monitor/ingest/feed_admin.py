"""Managing the set of feeds: add, remove, enable, list, OPML import and export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from monitor.app import Monitor
from monitor.errors import MonitorError
from monitor.events import FeedAdded, FeedReenabled, FeedRemoved, feed_stream
from monitor.ingest.identity import feed_id_for, normalize_url
from monitor.ingest.opml import OpmlFeed, read_opml, render_opml
from monitor.views import feed_rows


class FeedAdminError(MonitorError):
    """A feed command could not be carried out."""


def check_feed_url(url: str) -> str:
    """The URL, normalised, if it is an absolute http(s) URL; else a clear error."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise FeedAdminError(f"not an http(s) feed URL: {url!r}")
    return normalize_url(url)


def find_feed(app: Monitor, url_or_id: str) -> dict[str, Any]:
    """A feed by id, by URL, or by a unique id prefix."""
    candidates = [
        row
        for row in feed_rows(app, include_removed=True)
        if row["feed_id"] == url_or_id
        or normalize_url(row["url"]) == normalize_url(url_or_id)
        or feed_id_for(url_or_id) == row["feed_id"]
    ]
    if not candidates and len(url_or_id) >= 4:
        candidates = [
            row
            for row in feed_rows(app, include_removed=True)
            if row["feed_id"].startswith(url_or_id)
        ]
    if not candidates:
        raise FeedAdminError(f"no feed with id or URL {url_or_id!r} (see `monitor feeds list`)")
    if len(candidates) > 1:
        raise FeedAdminError(f"{url_or_id!r} matches several feeds; give the whole id")
    return candidates[0]


@dataclass(frozen=True)
class AddOutcome:
    """What adding a feed did."""

    feed_id: str
    url: str
    added: bool
    reason: str = ""


def add_feed(
    app: Monitor,
    url: str,
    *,
    name: str = "",
    interval_seconds: float | None = None,
    tags: list[str] | None = None,
    language: str = "",
    ignore_validators: bool = False,
    idempotency_key: str | None = None,
) -> AddOutcome:
    """Add a feed (or re-add a removed one); an active feed is left as it is."""
    normalized = check_feed_url(url)
    floor = app.settings.polling.min_interval
    if interval_seconds is not None and interval_seconds < floor:
        raise FeedAdminError(
            f"an interval of {interval_seconds:g} s is shorter than polling.min_interval "
            f"({floor:g} s): that would hammer the server"
        )
    feed_id = feed_id_for(normalized)
    # By id, and by URL spelt the current way: a feed added before the spelling of
    # URLs was refined keeps the id it was given then.
    for row in app.query("SELECT feed_id, url FROM feeds WHERE status != 'removed'"):
        if row["feed_id"] == feed_id or normalize_url(row["url"]) == normalized:
            return AddOutcome(row["feed_id"], normalized, False, "already monitored")
    event = FeedAdded(
        feed_id=feed_id,
        url=url.strip(),
        name=name or urlsplit(normalized).hostname or normalized,
        interval_seconds=interval_seconds or app.settings.polling.default_interval,
        tags=sorted(set(tags or [])),
        language=language,
        ignore_validators=ignore_validators,
    )
    result = app.record([(feed_stream(feed_id), [event.to_new(idempotency_key=idempotency_key)])])
    if not result[0].written:
        return AddOutcome(feed_id, normalized, False, "added before (idempotent)")
    return AddOutcome(feed_id, normalized, True)


def remove_feed(app: Monitor, url_or_id: str) -> dict[str, Any]:
    """Stop monitoring a feed; its items stay in the log."""
    row = find_feed(app, url_or_id)
    if row["status"] == "removed":
        raise FeedAdminError(f"feed {row['feed_id']} ({row['url']}) is already removed")
    app.record([(feed_stream(row["feed_id"]), [FeedRemoved(row["feed_id"], row["url"])])])
    return row


def enable_feed(app: Monitor, url_or_id: str) -> dict[str, Any]:
    """Poll a gone or failing feed again, at once."""
    row = find_feed(app, url_or_id)
    if row["status"] == "removed":
        raise FeedAdminError(f"feed {row['feed_id']} was removed; add it again instead")
    app.record([(feed_stream(row["feed_id"]), [FeedReenabled(row["feed_id"])])])
    return row


def import_opml(app: Monitor, data: bytes, source: str) -> list[AddOutcome]:
    """Add every feed an OPML file lists; feeds already monitored are skipped."""
    outcomes = []
    document = read_opml(data, source)
    for feed in document.feeds:
        try:
            outcomes.append(
                add_feed(app, feed.url, name=feed.title, tags=feed.tags, language=feed.language)
            )
        except FeedAdminError as exc:
            outcomes.append(AddOutcome("", feed.url, False, str(exc)))
    outcomes.extend(AddOutcome("", named, False, why) for named, why in document.skipped)
    return outcomes


def export_opml(app: Monitor) -> str:
    """The monitored feeds as OPML 2.0."""
    return render_opml(
        OpmlFeed(url=r["url"], title=r["name"] or "", language=r["language"] or "", tags=r["tags"])
        for r in feed_rows(app)
    )


def add_default_feeds(app: Monitor) -> tuple[int, int]:
    """Add the feeds the settings list (``[[feeds]]``); returns (added, already there)."""
    added = known = 0
    for feed in app.settings.feeds:
        outcome = add_feed(
            app,
            feed.url,
            name=feed.name,
            interval_seconds=feed.interval,
            tags=feed.tags,
            language=feed.language,
            idempotency_key=f"feed-default:{feed_id_for(feed.url)}",
        )
        if outcome.added:
            added += 1
        else:
            known += 1
    return added, known
