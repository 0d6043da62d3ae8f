"""An item's article: fetch its page, extract the text, fall back to the feed's, record it.

Every item ends with one ``ArticleExtracted`` (which method gave the text, and
why a fallback was taken) or one ``ExtractionFailed`` (no text at all), keyed
by the item so that a retried extraction never records twice.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from monitor.app import Monitor
from monitor.events import REGISTRY, ArticleExtracted, ExtractionFailed, ItemDiscovered, item_stream
from monitor.ingest.extract import PageExtraction, choose_text
from monitor.ingest.feeds import FeedEntry
from monitor.ingest.fetch import FetchError, FetchLimits, Resolver, fetch
from monitor.ingest.politeness import HostGate
from monitor.ingest.summary import Tally
from monitor.ingest.workers import WorkerCrashedError, WorkerPool, WorkerTimeoutError
from monitor.seeds import content_hash

HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class NewItem:
    """An item just discovered, with what its feed said of it."""

    item_id: str
    link: str
    entry: FeedEntry
    feed_language: str


class ItemExtractor:
    """Turns discovered items into articles: page fetch (politely), extraction, text choice."""

    def __init__(
        self,
        app: Monitor,
        tally: Tally,
        gate: HostGate,
        extractor: WorkerPool,
        limits: FetchLimits,
        resolver: Resolver,
    ) -> None:
        self.app = app
        self.tally = tally
        self.gate = gate
        self.extractor = extractor
        self.limits = limits
        self.resolver = resolver

    def needs_page(self, item: NewItem) -> bool:
        """Whether an item's text needs its page fetched (else the feed's text is all there is)."""
        return bool(item.link) and self.app.settings.extraction.fetch_pages

    def fetch_page(self, item: NewItem) -> tuple[PageExtraction | None, str, str]:
        """Fetch and extract an item's page: (extraction or None, reason it failed, final URL)."""
        if not item.link:
            return None, "no_link", item.link
        if not self.app.settings.extraction.fetch_pages:
            return None, "pages_not_fetched", item.link
        try:
            with self.gate.slot(_host(item.link)):
                response = fetch(item.link, self.limits, accept=HTML_ACCEPT, resolver=self.resolver)
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
        self, item: NewItem, page: PageExtraction | None, reason: str, final_url: str
    ) -> ArticleExtracted | ExtractionFailed:
        """The event that records what text an item got, and how."""
        entry = item.entry
        feed_text = entry.content if len(entry.content) > len(entry.summary) else entry.summary
        choice = choose_text(
            page, feed_text, self.app.settings.extraction.min_chars, title=entry.title
        )
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
            fallback_reason=fallback_reason if choice.method in ("feed", "title") else "",
        )

    def feed_text_event(self, item: NewItem) -> ArticleExtracted | ExtractionFailed:
        """The article of an item whose page is not fetched: the feed's text, counted."""
        event = self.extraction_event(item, *self.fetch_page(item))
        self.count(event)
        return event

    def count(self, event: ArticleExtracted | ExtractionFailed) -> None:
        """Count an extraction's outcome in the pass's summary."""
        if isinstance(event, ExtractionFailed):
            self.tally.count(extraction_failed=1)
        else:
            self.tally.count(extracted=1, fallbacks=int(event.method in ("feed", "title")))

    def extract(self, item: NewItem) -> None:
        """Fetch and extract an item's page, fall back to the feed's text, record the outcome."""
        event = self.extraction_event(item, *self.fetch_page(item))
        key = f"extraction:{item.item_id}"
        self.app.record([(item_stream(item.item_id), [event.to_new(idempotency_key=key)])])
        self.count(event)

    def extract_pending(self, limit: int = 200, concurrency: int = 1) -> int:
        """Extract items discovered but never extracted: pages left for their host's
        turn, or by a pass that was stopped midway.

        Each host's pages are fetched in order on a thread of their own, up to
        ``concurrency`` hosts at once: a busy host's turns (``fetch.per_host_delay``
        apart) must not hold the pages of every other host behind them.
        """
        rows = self.app.query(
            "SELECT item_id, link FROM items WHERE extraction = 'pending' "
            "ORDER BY discovered_position LIMIT ?",
            (limit,),
        )
        by_host: dict[str, list[str]] = {}
        for row in rows:
            by_host.setdefault(_host(row["link"] or ""), []).append(row["item_id"])
        queues = list(by_host.values())
        if concurrency <= 1 or len(queues) <= 1:
            for item_ids in queues:
                self._extract_each(item_ids)
            return len(rows)
        workers = min(concurrency, len(queues))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pages") as pool:
            for done in [pool.submit(self._extract_each, item_ids) for item_ids in queues]:
                done.result()
        return len(rows)

    def _extract_each(self, item_ids: list[str]) -> None:
        for item_id in item_ids:
            self.extract_one(item_id)

    def extract_one(self, item_id: str) -> bool:
        """Extract one item from its ``ItemDiscovered``, unless its stream has an
        extraction already; True when this call recorded one."""
        recorded = [REGISTRY.decode(r) for r in self.app.store.read_stream(item_stream(item_id))]
        if any(isinstance(e, ArticleExtracted | ExtractionFailed) for e in recorded):
            return False
        discovered = next((e for e in recorded if isinstance(e, ItemDiscovered)), None)
        if discovered is None:
            return False
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
        self.extract(NewItem(discovered.item_id, discovered.link, entry, ""))
        return True


def _host(link: str) -> str:
    """The host a link's page is fetched from ("" for none, or a link that cannot be read)."""
    try:
        return urlsplit(link).hostname or ""
    except ValueError:
        return ""
