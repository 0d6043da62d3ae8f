"""Recording a poll's outcome: new items discovered exactly once, failures with their backoff.

Network work happens outside the store's lock; each outcome is recorded here in
one short transaction that also catches the read models up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from loguru import logger

from events import Event, StreamAppend
from monitor.app import Monitor
from monitor.events import FeedPolled, FeedPollFailed, ItemDiscovered, feed_stream, item_stream
from monitor.ingest.articles import ItemExtractor, NewItem
from monitor.ingest.baseline import is_backlog
from monitor.ingest.feeds import FeedEntry
from monitor.ingest.identity import item_id as make_item_id
from monitor.ingest.identity import new_entries
from monitor.ingest.schedule import Backoff, next_after_failure
from monitor.ingest.summary import Tally
from monitor.times import iso_seconds


class PollRecorder:
    """Writes what a poll found, or how it failed, to the log."""

    def __init__(
        self,
        app: Monitor,
        tally: Tally,
        articles: ItemExtractor,
        backoff: Backoff,
        now: Callable[[], datetime],
    ) -> None:
        self.app = app
        self.tally = tally
        self.articles = articles
        self.backoff = backoff
        self.now = now

    def record_fetched(
        self,
        feed_id: str,
        url: str,
        events: list[Event],
        entries: Sequence[FeedEntry],
        feed_language: str,
        polled: FeedPolled,
    ) -> list[NewItem]:
        """Record a fetched feed and its new items; return the items whose pages are to fetch."""
        # Known keys are read under the write lock: a second poller waits here and
        # then sees the first one's items, so an item is discovered once.
        with self.app.store.transaction():
            self.app.runner.catch_up()
            known = [
                r[0]
                for r in self.app.store.db.execute(
                    "SELECT key FROM item_keys WHERE feed_id = ?", (feed_id,)
                )
            ]
            fresh = new_entries(entries, known)
            baseline = self.app.settings.assessment
            # The feed's first fetch with entries: all it holds predates our following it.
            first_fetch = baseline.baseline and not known
            discovered_at = self.now()
            polled = replace(polled, new_items=len(fresh))
            self.tally.count(new_items=len(fresh))
            if fresh:
                logger.bind(feed=feed_id).info(f"{len(fresh)} new item(s)")
            appends: list[StreamAppend] = [(feed_stream(feed_id), [*events, polled], None)]
            items = []
            for entry, keys in fresh:
                item_id = make_item_id(feed_id, keys.primary)
                discovered = ItemDiscovered(
                    item_id=item_id,
                    feed_id=feed_id,
                    key=keys.primary,
                    keys=list(keys.keys),
                    link=entry.link,
                    guid=entry.guid,
                    title=entry.title,
                    summary=entry.summary,
                    content=entry.content,
                    published=entry.published,
                    author=entry.author,
                    language=entry.language or feed_language,
                    backlog=baseline.baseline
                    and is_backlog(
                        entry.published,
                        discovered_at,
                        first_fetch=first_fetch,
                        max_age_days=baseline.baseline_days,
                    ),
                )
                item = NewItem(item_id, entry.link, entry, feed_language)
                events_of_item = [discovered.to_new(idempotency_key=f"item-discovered:{item_id}")]
                if self.articles.needs_page(item):
                    items.append(item)
                else:
                    # No I/O to wait for: the text is the feed's, recorded with the discovery.
                    extraction = self.articles.feed_text_event(item)
                    events_of_item.append(
                        extraction.to_new(idempotency_key=f"extraction:{item_id}")
                    )
                appends.append((item_stream(item_id), events_of_item, None))
            self.app.store.append_many(appends)
            self.app.runner.catch_up()
        return items

    def record_failure(
        self,
        feed: dict[str, Any],
        reason: str,
        detail: str,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        """Record a failed poll with the failures in a row and the backed-off next attempt."""
        feed_id = feed["feed_id"]
        with self.app.store.transaction():
            rows = self.app.query(
                "SELECT consecutive_failures, url FROM feeds WHERE feed_id = ?", (feed_id,)
            )
            failures = (rows[0]["consecutive_failures"] or 0) + 1 if rows else 1
            url = rows[0]["url"] if rows else feed["url"]
            failed_at = self.now()
            next_poll = next_after_failure(feed_id, failed_at, failures, self.backoff, retry_after)
            self.app.record(
                [
                    (
                        feed_stream(feed_id),
                        [
                            FeedPollFailed(
                                feed_id,
                                url,
                                reason,
                                detail[:1000],
                                failures,
                                iso_seconds(next_poll),
                                http_status=status,
                                retry_after_seconds=retry_after,
                                backoff_seconds=round((next_poll - failed_at).total_seconds(), 1),
                            )
                        ],
                    )
                ]
            )
        logger.bind(feed=feed_id, url=url, reason=reason).warning(
            "poll failed ({n} in a row): {detail}; next attempt {at}",
            n=failures,
            detail=detail,
            at=iso_seconds(next_poll),
        )
        self.tally.failure(
            {
                "feed_id": feed_id,
                "url": url,
                "reason": reason,
                "detail": detail,
                "http_status": status,
            }
        )
