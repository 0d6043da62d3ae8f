"""One polling pass: fetch the due feeds, parse them, discover new items, extract articles.

The pass's orchestration: which feeds, how many at once, and what follows a
fetch. Recording an outcome is ``recording``'s, an item's article is
``articles``'. Nothing here gives up on a feed silently: every failure is a
``FeedPollFailed`` event with its reason and the time of the next attempt.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from loguru import logger

from events import Event
from monitor import __version__
from monitor.app import Monitor
from monitor.assess import Assessor
from monitor.events import FeedMarkedGone, FeedPolled, FeedRedirected, FeedRemoved, feed_stream
from monitor.ingest.articles import ItemExtractor
from monitor.ingest.feed_admin import find_feed
from monitor.ingest.fetch import FetchError, FetchLimits, Resolver, default_resolver
from monitor.ingest.identity import normalize_url
from monitor.ingest.politeness import HostGate
from monitor.ingest.recording import PollRecorder
from monitor.ingest.schedule import Backoff, believable_next_poll, next_after_success
from monitor.ingest.summary import PollSummary, Tally
from monitor.ingest.workers import WorkerCrashedError, WorkerPool, WorkerTimeoutError
from monitor.settings import Settings
from monitor.times import iso_seconds, parse_iso_or_none, utc_now

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)


def fetch_limits(settings: Settings, *, page: bool) -> FetchLimits:
    """The fetch limits of the settings, for a feed or for an article page."""
    http_proxy, https_proxy, no_proxy = settings.fetch.proxies()
    return FetchLimits(
        connect_timeout=settings.fetch.connect_timeout,
        read_timeout=settings.fetch.read_timeout,
        deadline=settings.fetch.deadline,
        max_bytes=settings.fetch.max_page_bytes if page else settings.fetch.max_feed_bytes,
        max_redirects=settings.fetch.max_redirects,
        user_agent=settings.user_agent(__version__),
        allow_private_networks=settings.fetch.allow_private_networks,
        http_proxy=http_proxy,
        https_proxy=https_proxy,
        no_proxy=no_proxy,
    )


class Poller:
    """Runs polling passes for one monitor (one store, one set of settings)."""

    def __init__(
        self,
        app: Monitor,
        *,
        now: Callable[[], datetime] = utc_now,
        extractor: WorkerPool | None = None,
        resolver: Resolver = default_resolver,
        gate: HostGate | None = None,
    ) -> None:
        self.app = app
        settings = app.settings
        self.now = now
        self.resolver = resolver
        self.feed_limits = fetch_limits(settings, page=False)
        self.page_limits = fetch_limits(settings, page=True)
        # Workers of a cluster pass a gate whose spacing holds across all of them.
        self.gate = gate or HostGate(
            settings.fetch.per_host_concurrency, settings.fetch.per_host_delay
        )
        self.backoff = Backoff(
            settings.polling.backoff_base, settings.polling.backoff_cap, settings.polling.jitter
        )
        self._own_extractor = extractor is None
        self.extractor = extractor or WorkerPool(
            settings.extraction.workers, settings.extraction.timeout
        )
        # Feeds are fetched and parsed in worker processes: bounded in time, and on the
        # other core, while this process records what they found.
        self.feed_workers = WorkerPool(
            settings.polling.parse_workers,
            settings.fetch.deadline + settings.polling.parse_timeout,
        )
        self.tally = Tally()
        self.articles = ItemExtractor(
            app, self.tally, self.gate, self.extractor, self.page_limits, resolver
        )
        self.recorder = PollRecorder(app, self.tally, self.articles, self.backoff, now)
        # Loaded on the first pass that has articles to judge (the embedder takes a second).
        self.assessor: Assessor | None = None
        #: When set, a poll does not wait longer than this for a host's turn to fetch
        #: its new items' pages: the rest stay pending for the pending pass, and the
        #: thread goes back to polling (the daemon sets it; ``monitor poll`` waits).
        self.page_wait_limit: float | None = None

    @property
    def summary(self) -> PollSummary:
        """What the current (or last) pass did."""
        return self.tally.summary

    def close(self) -> None:
        """Stop the worker processes this poller started."""
        self.feed_workers.close()
        if self._own_extractor:
            self.extractor.close()

    # -- choosing feeds ---------------------------------------------------------

    def select(self, feed_ids: Sequence[str] = (), all_feeds: bool = False) -> list[dict[str, Any]]:
        """The feeds to poll: those named, all active ones, or the active ones that are due."""
        if feed_ids:
            rows = [find_feed(self.app, f) for f in feed_ids]
            chosen = []
            for row in rows:
                if row["status"] != "active":
                    self.summary.skipped.append(
                        {"feed_id": row["feed_id"], "url": row["url"], "status": row["status"]}
                    )
                else:
                    chosen.append(row)
            return chosen
        if all_feeds:
            return self.app.query("SELECT * FROM feeds WHERE status = 'active' ORDER BY feed_id")
        now = self.now()
        rows = self.app.query(
            "SELECT * FROM feeds WHERE status = 'active' ORDER BY next_poll_at, feed_id"
        )
        return [row for row in rows if self._due(row, now)]

    def _monitored_as(self, url: str, other_than: str) -> str:
        """The id of another active feed at this URL (spelt as feeds are), or ''."""
        wanted = normalize_url(url)
        for row in self.app.query(
            "SELECT feed_id, url FROM feeds WHERE status = 'active' AND feed_id != ?",
            (other_than,),
        ):
            if normalize_url(row["url"]) == wanted:
                return str(row["feed_id"])
        return ""

    def due_at(self, feed: dict[str, Any], now: datetime) -> datetime:
        """When a feed is due: its next poll as recorded, or ``now`` when it was never
        polled, the time cannot be read, or a wrong clock set it too far ahead."""
        recorded = parse_iso_or_none(feed.get("next_poll_at"))
        return believable_next_poll(recorded, now, self._interval(feed), self.backoff) or now

    def _due(self, feed: dict[str, Any], now: datetime) -> bool:
        return self.due_at(feed, now) <= now

    # -- the pass ---------------------------------------------------------------

    def run(
        self,
        feed_ids: Sequence[str] = (),
        all_feeds: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> PollSummary:
        """Poll the chosen feeds concurrently, then extract items earlier passes left pending."""
        self.tally.start_pass()
        feeds = self.select(feed_ids, all_feeds)
        self.tally.count(feeds=len(feeds))
        done = 0
        workers = max(1, min(self.app.settings.fetch.concurrency, len(feeds)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll") as pool:
            futures = [pool.submit(self.poll_one, feed) for feed in feeds]
            for future in as_completed(futures):
                future.result()
                done += 1
                if progress is not None:
                    progress(done, len(feeds))
        self.process_pending()
        return self.summary

    def process_pending(self) -> None:
        """Extract the items left pending, then assess them (when assessment is enabled)."""
        settings = self.app.settings
        self.articles.extract_pending(
            settings.extraction.pending_per_pass, concurrency=settings.fetch.concurrency
        )
        if settings.assessment.enabled:
            self.assess_pending()

    def assess_pending(self) -> None:
        """Judge the articles not assessed yet (this pass's, and any a stopped pass left)."""
        if self.assessor is None:
            self.assessor = Assessor(self.app)
        result = self.assessor.assess_pending()
        self.summary.assessed += result.assessed
        for verdict, count in result.verdicts.items():
            self.summary.verdicts[verdict] = self.summary.verdicts.get(verdict, 0) + count
        self.summary.flagged.extend(result.flagged)
        self.summary.baseline += result.baseline

    def poll_one(self, feed: dict[str, Any]) -> None:
        """Poll one feed; a bug is recorded as that feed's failure and stops nothing else."""
        try:
            self.poll_feed(feed)
        except sqlite3.Error:
            # The store refused (full, read-only, locked): recording a failure would be
            # refused too. The caller says so and tries again; nothing was half-written.
            raise
        except Exception as exc:  # a bug must not stop the other feeds: record and go on
            logger.bind(feed=feed["feed_id"]).exception("polling failed unexpectedly")
            self.recorder.record_failure(feed, "internal_error", f"{type(exc).__name__}: {exc}")

    def _interval(self, feed: dict[str, Any]) -> float:
        """The feed's interval, never under polling.min_interval (an old event may say less)."""
        floor = self.app.settings.polling.min_interval
        return max(float(feed.get("interval_seconds") or floor), floor)

    def _extract_new(self, items: Sequence[Any], log: Any) -> None:
        """Extract a feed's new items, up to ``extraction.max_pages_per_feed`` in this pass."""
        cap = self.app.settings.extraction.max_pages_per_feed
        if len(items) > cap:
            # Recorded as discovered: they wait as pending, extracted by later passes.
            log.info(
                f"{len(items) - cap} new item(s) left for later passes "
                f"(extraction.max_pages_per_feed = {cap})"
            )
            self.tally.count(deferred=len(items) - cap)
        for n, item in enumerate(items[:cap]):
            if self._host_busy(item):
                left = len(items[:cap]) - n
                log.info(f"{left} page(s) left pending: their host's turn is not yet due")
                self.tally.count(deferred=left)
                return
            self.articles.extract(item)

    def _host_busy(self, item: Any) -> bool:
        """Whether fetching the item's page now would wait longer than ``page_wait_limit``."""
        if self.page_wait_limit is None or not self.articles.needs_page(item):
            return False
        host = urlsplit(item.link).hostname or ""
        return self.gate.wait_for(host) > self.page_wait_limit

    def poll_feed(self, feed: dict[str, Any]) -> None:
        """Poll one feed and record what happened."""
        feed_id, url = feed["feed_id"], feed["url"]
        log = logger.bind(feed=feed_id, url=url)
        use_validators = not feed["ignore_validators"]
        try:
            with self.gate.slot(urlsplit(url).hostname or ""):
                fetched = self.feed_workers.fetch_feed(
                    url,
                    self.feed_limits,
                    etag=feed["etag"] if use_validators else None,
                    last_modified=feed["last_modified"] if use_validators else None,
                    accept=FEED_ACCEPT,
                )
        except FetchError as exc:
            if exc.reason == "gone":
                log.warning("feed is gone (HTTP 410); it will not be polled until re-enabled")
                self.app.record([(feed_stream(feed_id), [FeedMarkedGone(feed_id, url)])])
                self.tally.count(gone=1)
                return
            self.recorder.record_failure(feed, exc.reason, exc.detail, exc.status, exc.retry_after)
            return
        except (WorkerTimeoutError, WorkerCrashedError) as exc:
            kind = "timeout" if isinstance(exc, WorkerTimeoutError) else "crashed"
            self.recorder.record_failure(feed, f"poll_{kind}", str(exc))
            return
        response = fetched.response
        events: list[Event] = []
        permanent = response.permanent_url
        if permanent and normalize_url(permanent) != normalize_url(url):
            log.info(f"feed moved permanently to {permanent}")
            events.append(FeedRedirected(feed_id, url, permanent, response.redirects[0].status))
            twin = self._monitored_as(permanent, feed_id)
            if twin:
                # It moved onto a feed we follow already: one feed, not two polling one URL.
                log.info(f"{permanent} is monitored already as feed {twin}: this one is removed")
                events.append(FeedRemoved(feed_id, permanent))
                self.app.record([(feed_stream(feed_id), events)])
                self.tally.count(redirected=1)
                return
            self.tally.count(redirected=1)
            url = permanent
        now = self.now()
        next_poll = iso_seconds(
            next_after_success(feed_id, now, self._interval(feed), self.backoff)
        )
        etag = response.headers.get("etag", "")
        last_modified = response.headers.get("last-modified", "")
        elapsed_ms = int(response.elapsed * 1000)
        if response.not_modified:
            events.append(
                FeedPolled(
                    feed_id,
                    url,
                    "not_modified",
                    304,
                    etag=etag or feed["etag"] or "",
                    last_modified=last_modified or feed["last_modified"] or "",
                    elapsed_ms=elapsed_ms,
                    next_poll_at=next_poll,
                )
            )
            self.app.record([(feed_stream(feed_id), events)])
            self.tally.count(not_modified=1)
            return
        parsed = fetched.parsed
        if parsed is None:
            if events:
                self.app.record([(feed_stream(feed_id), events)])
            self.recorder.record_failure(feed, "not_a_feed", fetched.not_a_feed, response.status)
            return
        if parsed.warning:
            log.warning(f"ill-formed feed kept its entries: {parsed.warning}")
        to_fetch = self.recorder.record_fetched(
            feed_id,
            url,
            events,
            parsed.entries,
            parsed.language,
            FeedPolled(
                feed_id,
                url,
                "fetched",
                response.status,
                etag=etag,
                last_modified=last_modified,
                entries=len(parsed.entries),
                warning=parsed.warning,
                elapsed_ms=elapsed_ms,
                bytes=response.raw_bytes,
                next_poll_at=next_poll,
            ),
        )
        self.tally.count(fetched=1)
        self._extract_new(to_fetch, log)
