"""One polling pass: fetch the due feeds, parse them, discover new items, extract articles.

Network work happens outside the store's lock; each outcome is recorded in one
short transaction that also catches the read models up. Nothing here gives up on
a feed silently: every failure is a ``FeedPollFailed`` event with its reason and
the time of the next attempt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from loguru import logger

from events import Event, StreamAppend
from monitor import __version__
from monitor.app import Monitor
from monitor.assessor import Assessor
from monitor.corpus import content_hash
from monitor.events import (
    REGISTRY,
    ArticleExtracted,
    ExtractionFailed,
    FeedMarkedGone,
    FeedPolled,
    FeedPollFailed,
    FeedRedirected,
    ItemDiscovered,
    feed_stream,
    item_stream,
)
from monitor.extract import PageExtraction, choose_text
from monitor.feed_admin import find_feed
from monitor.feeds import FeedEntry
from monitor.fetch import FetchError, FetchLimits, Resolver, default_resolver, fetch
from monitor.identity import item_id as make_item_id
from monitor.identity import new_entries, normalize_url
from monitor.politeness import HostGate
from monitor.schedule import Backoff, next_after_failure, next_after_success
from monitor.settings import Settings
from monitor.workers import WorkerCrashedError, WorkerPool, WorkerTimeoutError

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
PENDING_PER_PASS = 200


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """A UTC time as ISO 8601 with a Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class PollSummary:
    """What one pass did, for people (the CLI) and scripts (``--json``)."""

    feeds: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    gone: int = 0
    redirected: int = 0
    new_items: int = 0
    extracted: int = 0
    fallbacks: int = 0
    extraction_failed: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    assessed: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    flagged: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (stable keys)."""
        return asdict(self)


@dataclass(frozen=True)
class _NewItem:
    item_id: str
    link: str
    entry: FeedEntry
    feed_language: str


def fetch_limits(settings: Settings, *, page: bool) -> FetchLimits:
    """The fetch limits of the settings, for a feed or for an article page."""
    return FetchLimits(
        connect_timeout=settings.fetch.connect_timeout,
        read_timeout=settings.fetch.read_timeout,
        deadline=settings.fetch.deadline,
        max_bytes=settings.fetch.max_page_bytes if page else settings.fetch.max_feed_bytes,
        max_redirects=settings.fetch.max_redirects,
        user_agent=settings.user_agent(__version__),
        allow_private_networks=settings.fetch.allow_private_networks,
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
    ) -> None:
        self.app = app
        settings = app.settings
        self.now = now
        self.resolver = resolver
        self.feed_limits = fetch_limits(settings, page=False)
        self.page_limits = fetch_limits(settings, page=True)
        self.gate = HostGate(settings.fetch.per_host_concurrency, settings.fetch.per_host_delay)
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
        self._lock = threading.Lock()
        self.summary = PollSummary()
        # Loaded on the first pass that has articles to judge (the embedder takes a second).
        self.assessor: Assessor | None = None

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
        return self.app.query(
            "SELECT * FROM feeds WHERE status = 'active' AND "
            "(next_poll_at IS NULL OR next_poll_at <= ?) ORDER BY next_poll_at, feed_id",
            (iso(self.now()),),
        )

    # -- the pass ---------------------------------------------------------------

    def run(
        self,
        feed_ids: Sequence[str] = (),
        all_feeds: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> PollSummary:
        """Poll the chosen feeds concurrently, then extract items earlier passes left pending."""
        self.summary = PollSummary(skipped=self.summary.skipped)
        feeds = self.select(feed_ids, all_feeds)
        self.summary.feeds = len(feeds)
        done = 0
        workers = max(1, min(self.app.settings.fetch.concurrency, len(feeds)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll") as pool:
            futures = [pool.submit(self._poll_guarded, feed) for feed in feeds]
            for future in as_completed(futures):
                future.result()
                done += 1
                if progress is not None:
                    progress(done, len(feeds))
        self.process_pending()
        return self.summary

    def process_pending(self) -> None:
        """Extract the items left pending, then assess them (when assessment is enabled)."""
        self.extract_pending()
        if self.app.settings.assessment.enabled:
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

    def _count(self, **increments: int) -> None:
        with self._lock:
            for name, value in increments.items():
                setattr(self.summary, name, getattr(self.summary, name) + value)

    def _poll_guarded(self, feed: dict[str, Any]) -> None:
        try:
            self.poll_feed(feed)
        except Exception as exc:  # a bug must not stop the other feeds: record and go on
            logger.bind(feed=feed["feed_id"]).exception("polling failed unexpectedly")
            self._record_failure(feed, "internal_error", f"{type(exc).__name__}: {exc}")

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
                self._count(gone=1)
                return
            self._record_failure(feed, exc.reason, exc.detail, exc.status, exc.retry_after)
            return
        except (WorkerTimeoutError, WorkerCrashedError) as exc:
            kind = "timeout" if isinstance(exc, WorkerTimeoutError) else "crashed"
            self._record_failure(feed, f"poll_{kind}", str(exc))
            return
        response = fetched.response
        events: list[Event] = []
        permanent = response.permanent_url
        if permanent and normalize_url(permanent) != normalize_url(url):
            log.info(f"feed moved permanently to {permanent}")
            events.append(FeedRedirected(feed_id, url, permanent, response.redirects[0].status))
            self._count(redirected=1)
            url = permanent
        now = self.now()
        next_poll = iso(next_after_success(feed_id, now, feed["interval_seconds"], self.backoff))
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
            self._count(not_modified=1)
            return
        parsed = fetched.parsed
        if parsed is None:
            if events:
                self.app.record([(feed_stream(feed_id), events)])
            self._record_failure(feed, "not_a_feed", fetched.not_a_feed, response.status)
            return
        if parsed.warning:
            log.warning(f"ill-formed feed kept its entries: {parsed.warning}")
        to_fetch = self._record_poll(
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
        self._count(fetched=1)
        for item in to_fetch:
            self.extract_item(item)

    def _record_poll(
        self,
        feed_id: str,
        url: str,
        events: list[Event],
        entries: Sequence[FeedEntry],
        feed_language: str,
        polled: FeedPolled,
    ) -> list[_NewItem]:
        # Known keys are read under the write lock: a second poller waits here and
        # then sees the first one's items, so an item is discovered once.
        with self.app.store.transaction():
            self.app.runner.catch_up()
            known = [
                r[0]
                for r in self.app.store.conn.execute(
                    "SELECT key FROM item_keys WHERE feed_id = ?", (feed_id,)
                )
            ]
            fresh = new_entries(entries, known)
            polled = replace(polled, new_items=len(fresh))
            self._count(new_items=len(fresh))
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
                )
                item = _NewItem(item_id, entry.link, entry, feed_language)
                events_of_item = [discovered.to_new(idempotency_key=f"item-discovered:{item_id}")]
                if self.needs_page(item):
                    items.append(item)
                else:
                    # No I/O to wait for: the text is the feed's, recorded with the discovery.
                    extraction = self.extraction_event(item, *self.fetch_page(item))
                    events_of_item.append(
                        extraction.to_new(idempotency_key=f"extraction:{item_id}")
                    )
                    self._count_extraction(extraction)
                appends.append((item_stream(item_id), events_of_item, None))
            self.app.store.append_many(appends)
            self.app.runner.catch_up()
        return items

    def _record_failure(
        self,
        feed: dict[str, Any],
        reason: str,
        detail: str,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        feed_id = feed["feed_id"]
        with self.app.store.transaction():
            rows = self.app.query(
                "SELECT consecutive_failures, url FROM feeds WHERE feed_id = ?", (feed_id,)
            )
            failures = (rows[0]["consecutive_failures"] or 0) + 1 if rows else 1
            url = rows[0]["url"] if rows else feed["url"]
            next_poll = next_after_failure(feed_id, self.now(), failures, self.backoff, retry_after)
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
                                iso(next_poll),
                                http_status=status,
                                retry_after_seconds=retry_after,
                            )
                        ],
                    )
                ]
            )
        logger.bind(feed=feed_id, url=url, reason=reason).warning(
            "poll failed ({n} in a row): {detail}; next attempt {at}",
            n=failures,
            detail=detail,
            at=iso(next_poll),
        )
        with self._lock:
            self.summary.failed += 1
            self.summary.failures.append(
                {
                    "feed_id": feed_id,
                    "url": url,
                    "reason": reason,
                    "detail": detail,
                    "http_status": status,
                }
            )

    # -- extraction ---------------------------------------------------------------

    def needs_page(self, item: _NewItem) -> bool:
        """Whether an item's text needs its page fetched (else the feed's text is all there is)."""
        return bool(item.link) and self.app.settings.extraction.fetch_pages

    def fetch_page(self, item: _NewItem) -> tuple[PageExtraction | None, str, str]:
        """Fetch and extract an item's page: (extraction or None, reason it failed, final URL)."""
        if not item.link:
            return None, "no_link", item.link
        if not self.app.settings.extraction.fetch_pages:
            return None, "pages_not_fetched", item.link
        try:
            with self.gate.slot(urlsplit(item.link).hostname or ""):
                response = fetch(
                    item.link, self.page_limits, accept=HTML_ACCEPT, resolver=self.resolver
                )
        except FetchError as exc:
            return None, f"page_{exc.reason}", item.link
        content_type = response.headers.get("content-type", "").lower()
        if content_type and "html" not in content_type and "xml" not in content_type:
            return None, "page_not_html", response.final_url
        try:
            return self.extractor.extract(response.body, response.final_url), "", response.final_url
        except WorkerTimeoutError:
            return None, "extraction_timeout", response.final_url
        except WorkerCrashedError:
            return None, "extraction_crashed", response.final_url

    def extraction_event(
        self, item: _NewItem, page: PageExtraction | None, reason: str, final_url: str
    ) -> ArticleExtracted | ExtractionFailed:
        """The event that records what text an item got, and how."""
        entry = item.entry
        feed_text = entry.content if len(entry.content) > len(entry.summary) else entry.summary
        choice = choose_text(page, feed_text, self.app.settings.extraction.min_chars)
        fallback_reason = reason or choice.fallback_reason
        if not choice.method:
            return ExtractionFailed(item.item_id, item.link, fallback_reason or "no_text")
        from_page = page is not None and choice.method == "trafilatura"
        return ArticleExtracted(
            item_id=item.item_id,
            url=item.link,
            method=choice.method,
            text=choice.text,
            content_hash=content_hash(choice.text),
            final_url=final_url,
            title=(page.title if from_page and page else "") or entry.title,
            author=(page.author if page else "") or entry.author,
            published=(page.published if page else "") or entry.published,
            language=(page.language if page else "") or entry.language or item.feed_language,
            chars=len(choice.text),
            fallback_reason=fallback_reason if choice.method == "feed" else "",
        )

    def _count_extraction(self, event: ArticleExtracted | ExtractionFailed) -> None:
        if isinstance(event, ExtractionFailed):
            self._count(extraction_failed=1)
        else:
            self._count(extracted=1, fallbacks=int(event.method == "feed"))

    def extract_item(self, item: _NewItem) -> None:
        """Fetch and extract an item's page, fall back to the feed's text, record the outcome."""
        event = self.extraction_event(item, *self.fetch_page(item))
        key = f"extraction:{item.item_id}"
        self.app.record([(item_stream(item.item_id), [event.to_new(idempotency_key=key)])])
        self._count_extraction(event)

    def extract_pending(self, limit: int = PENDING_PER_PASS) -> int:
        """Extract items discovered but never extracted (a pass that was stopped midway)."""
        rows = self.app.query(
            "SELECT item_id, link FROM items WHERE extraction = 'pending' "
            "ORDER BY discovered_position LIMIT ?",
            (limit,),
        )
        for row in rows:
            recorded = self.app.store.read_stream(item_stream(row["item_id"]))
            discovered = next(
                (e for r in recorded if isinstance(e := REGISTRY.decode(r), ItemDiscovered)), None
            )
            if discovered is None:
                continue
            entry = FeedEntry(
                guid=discovered.guid,
                link=discovered.link,
                title=discovered.title,
                summary=discovered.summary,
                content=discovered.content,
                published=discovered.published,
                author=discovered.author,
                language=discovered.language,
            )
            self.extract_item(_NewItem(discovered.item_id, discovered.link, entry, ""))
        return len(rows)
