"""The monitor's events: facts about feeds, articles and the corpus, in the past tense.

Type names and payload keys are stable once released. A change of shape bumps
``schema_version`` and registers an upcaster in ``REGISTRY``; a rename adds an alias.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from events import Event, EventRegistry

REGISTRY = EventRegistry()


@REGISTRY.register
@dataclass(frozen=True)
class CorpusDocumentAdded(Event):
    """A document joined the reference corpus (from the seeds, a flagged article, or by hand)."""

    document_id: str
    origin: str  # "seed", "manual", "flagged" or "baseline" (a feed's backlog, learned)
    title: str
    language: str
    text: str
    content_hash: str
    source: str = ""
    url: str = ""
    published: str = ""
    date_precision: str = "day"
    topics: list[str] = field(default_factory=list)


@REGISTRY.register
@dataclass(frozen=True)
class CorpusDocumentRemoved(Event):
    """A document left the reference corpus."""

    document_id: str
    reason: str = ""


def corpus_stream(document_id: str) -> str:
    """The stream that holds one corpus document's events."""
    return f"corpus-{document_id}"


@REGISTRY.register
@dataclass(frozen=True)
class StoreInitialised(Event):
    """The store's first run finished: the seed corpus and the default feeds are in."""

    seed_documents: int
    default_feeds: int


def store_stream() -> str:
    """The stream of the store's own facts (its initialisation)."""
    return "store"


@REGISTRY.register
@dataclass(frozen=True)
class FeedAdded(Event):
    """A feed was added to the monitored set (or re-added after removal)."""

    feed_id: str
    url: str
    name: str = ""
    interval_seconds: float = 3600.0
    tags: list[str] = field(default_factory=list)
    language: str = ""
    ignore_validators: bool = False


@REGISTRY.register
@dataclass(frozen=True)
class FeedRemoved(Event):
    """A feed left the monitored set; its items and articles stay in the log."""

    feed_id: str
    url: str


@REGISTRY.register
@dataclass(frozen=True)
class FeedPolled(Event):
    """A feed was fetched: ``outcome`` is ``fetched`` or ``not_modified`` (a 304)."""

    feed_id: str
    url: str
    outcome: str
    http_status: int
    etag: str = ""
    last_modified: str = ""
    entries: int = 0
    new_items: int = 0
    warning: str = ""
    elapsed_ms: int = 0
    bytes: int = 0
    next_poll_at: str = ""


@REGISTRY.register
@dataclass(frozen=True)
class FeedPollFailed(Event):
    """A poll failed; ``reason`` is a stable code (dns, timeout, too_large, not_a_feed, …).

    ``backoff_seconds`` is the wait the scheduler chose, as it chose it: the
    next poll is kept in whole seconds and the event's append time is read
    from another clock, so their difference is off by up to a second.
    """

    schema_version: ClassVar[int] = 2

    feed_id: str
    url: str
    reason: str
    detail: str
    consecutive_failures: int
    next_poll_at: str
    http_status: int | None = None
    retry_after_seconds: float | None = None
    backoff_seconds: float | None = None


@REGISTRY.upcaster("FeedPollFailed", 1)
def _feed_poll_failed_v1(payload: dict[str, Any]) -> dict[str, Any]:
    # Version 1 kept only the next poll's time: the wait is read from it, as before.
    return {**payload, "backoff_seconds": None}


@REGISTRY.register
@dataclass(frozen=True)
class FeedRedirected(Event):
    """A feed answered with a permanent redirect (301/308): its URL is now ``new_url``."""

    feed_id: str
    old_url: str
    new_url: str
    http_status: int


@REGISTRY.register
@dataclass(frozen=True)
class FeedMarkedGone(Event):
    """A feed answered 410 Gone: it is not polled again until re-enabled."""

    feed_id: str
    url: str
    http_status: int = 410


@REGISTRY.register
@dataclass(frozen=True)
class FeedReenabled(Event):
    """A gone or failing feed was enabled again by hand, to be polled at once."""

    feed_id: str


@REGISTRY.register
@dataclass(frozen=True)
class ItemDiscovered(Event):
    """A feed entry not seen before in its feed: recorded once per item.

    ``backlog`` says the entry was already there before the monitor followed the
    feed (in the feed's first fetch that had entries, or published long before
    it was discovered): its verdict is learned, not alerted. Version 2 added it.
    """

    schema_version: ClassVar[int] = 2

    item_id: str
    feed_id: str
    key: str
    keys: list[str]
    link: str
    guid: str
    title: str
    summary: str = ""
    content: str = ""
    published: str = ""
    author: str = ""
    language: str = ""
    backlog: bool = False


@REGISTRY.upcaster("ItemDiscovered", 1)
def _item_discovered_v1(payload: dict[str, Any]) -> dict[str, Any]:
    # Version 1 took no baseline: every item it discovered was news.
    return {**payload, "backlog": False}


@REGISTRY.register
@dataclass(frozen=True)
class ArticleExtracted(Event):
    """An item's article text was obtained; ``method`` says how (trafilatura or feed)."""

    item_id: str
    url: str
    method: str
    text: str
    content_hash: str
    final_url: str = ""
    title: str = ""
    author: str = ""
    published: str = ""
    language: str = ""
    chars: int = 0
    fallback_reason: str = ""


@REGISTRY.register
@dataclass(frozen=True)
class ExtractionFailed(Event):
    """No text could be had for an item, neither from its page nor from its feed entry."""

    item_id: str
    url: str
    reason: str
    detail: str = ""


def feed_stream(feed_id: str) -> str:
    """The stream of one feed's events."""
    return f"feed-{feed_id}"


def item_stream(item_id: str) -> str:
    """The stream of one item's events (discovery, extraction, later assessment)."""
    return f"item-{item_id}"


@REGISTRY.register
@dataclass(frozen=True)
class ArticleAssessed(Event):
    """An article was judged against the corpus: irrelevant, duplicate, known or update.

    ``novel_sentences`` items are ``{"index", "text", "similarity"}``; ``new_things``
    maps names, amounts, dates and references to what the corpus lacks.
    ``baseline`` marks an update of a feed's backlog: learned as corpus, not
    flagged. Version 2 added it; version 3 ``parts`` (as in ``UpdateFlagged``);
    version 4 ``elapsed_ms``, how long the judgement took (0: not measured).
    """

    schema_version: ClassVar[int] = 4

    item_id: str
    verdict: str
    language: str
    relevance: float
    relevant: bool
    reasons: list[str]
    nearest_document_id: str = ""
    nearest_title: str = ""
    similarity: float = 0.0
    duplicate_of: str = ""
    duplicate_similarity: float = 0.0
    novel_sentences: list[dict[str, object]] = field(default_factory=list)
    new_things: dict[str, list[str]] = field(default_factory=dict)
    sentences: int = 0
    lexical: float = 0.0
    semantic: float | None = None
    embedder: str = ""
    corpus_documents: int = 0
    baseline: bool = False
    parts: list[str] = field(default_factory=list)
    elapsed_ms: int = 0


@REGISTRY.upcaster("ArticleAssessed", 1)
def _article_assessed_v1(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "baseline": False}


@REGISTRY.upcaster("ArticleAssessed", 2)
def _article_assessed_v2(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "parts": []}


@REGISTRY.upcaster("ArticleAssessed", 3)
def _article_assessed_v3(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "elapsed_ms": 0}


@REGISTRY.register
@dataclass(frozen=True)
class UpdateFlagged(Event):
    """An article brings an update on the AI Act: what a reader is alerted to.

    ``follows_document_id`` is the nearest known story; ``new_story`` says whether
    the article follows that story up (False) or tells a story the corpus did not
    have (True). Version 2 added ``new_story``; version 3 ``parts``, the parts of
    the Act it concerns (``prohibited``, ``high-risk``, ``gpai``, ...).
    """

    schema_version: ClassVar[int] = 3

    item_id: str
    title: str
    url: str
    language: str
    published: str
    follows_document_id: str
    follows_title: str
    similarity: float
    novel_sentences: list[dict[str, object]]
    reasons: list[str]
    feed_id: str = ""
    new_story: bool = False
    parts: list[str] = field(default_factory=list)


@REGISTRY.upcaster("UpdateFlagged", 1)
def _update_flagged_v1(payload: dict[str, Any]) -> dict[str, Any]:
    # Version 1 did not say it, but its first reason did: the assessor led a
    # follow-up's reasons with "follows up ..." and a new story's with anything else.
    reasons = payload.get("reasons") or [""]
    return {**payload, "new_story": not str(reasons[0]).startswith("follows up ")}


@REGISTRY.upcaster("UpdateFlagged", 2)
def _update_flagged_v2(payload: dict[str, Any]) -> dict[str, Any]:
    # Version 2 did not tag parts of the Act; ``monitor rescore`` can.
    return {**payload, "parts": []}


@REGISTRY.register
@dataclass(frozen=True)
class UpdateWithdrawn(Event):
    """A flagged update no longer holds: a rescore with the current corpus judged otherwise."""

    item_id: str
    verdict: str
    reason: str


@REGISTRY.register
@dataclass(frozen=True)
class VerdictCorrected(Event):
    """A reader corrected an article's verdict; the corrected verdict holds from now on.

    ``correction`` is what the reader said: ``update``, ``not-update``,
    ``irrelevant`` or ``same-story`` (the story of ``story_document_id``);
    ``verdict`` is the verdict it makes (``update``, ``known`` or ``irrelevant``)
    and ``previous_verdict`` the one it replaced. ``by`` names who said it; the
    event's ``recorded_at`` says when.
    """

    item_id: str
    correction: str
    verdict: str
    previous_verdict: str
    story_document_id: str = ""
    story_title: str = ""
    note: str = ""
    by: str = ""


@REGISTRY.register
@dataclass(frozen=True)
class DigestPublished(Event):
    """A digest was made: the whole digest (``Digest.to_dict``) is kept, so it is never lost.

    ``through_position`` is the last log position it covers: the next digest
    "since the last" starts after it. ``channels`` are the deliveries owed.
    """

    digest_id: str
    label: str
    since: str
    until: str
    through_position: int
    item_ids: list[str]
    empty: bool
    trigger: str  # "schedule" or "command"
    channels: list[str]
    digest: dict[str, object]


@REGISTRY.register
@dataclass(frozen=True)
class DigestDelivered(Event):
    """A digest reached one channel (files, email, apprise)."""

    digest_id: str
    channel: str
    target: str
    attempt: int


@REGISTRY.register
@dataclass(frozen=True)
class DigestDeliveryFailed(Event):
    """A digest did not reach a channel; ``next_attempt_at`` empty means no more tries."""

    digest_id: str
    channel: str
    target: str
    attempt: int
    reason: str
    detail: str
    next_attempt_at: str = ""


@REGISTRY.register
@dataclass(frozen=True)
class DigestDeliveryClaimed(Event):
    """A sender took one delivery attempt, so that no other sender makes the same one.

    The claim holds until ``until``; a sender that dies meanwhile leaves it to
    expire, and the attempt is made again (at least once, never twice at once).
    """

    digest_id: str
    channel: str
    attempt: int
    sender: str
    until: str


def digest_stream(digest_id: str) -> str:
    """The stream of one digest's events (publication and deliveries)."""
    return f"digest-{digest_id}"
