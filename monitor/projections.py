"""The monitor's read models: disposable tables rebuilt from events at any time."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from events import Event, RecordedEvent, UnknownEvent
from events.sql import Database, upsert
from monitor.events import (
    REGISTRY,
    ArticleAssessed,
    ArticleExtracted,
    CorpusDocumentAdded,
    CorpusDocumentRemoved,
    DigestDelivered,
    DigestDeliveryClaimed,
    DigestDeliveryFailed,
    DigestPublished,
    ExtractionFailed,
    FeedAdded,
    FeedMarkedGone,
    FeedPolled,
    FeedPollFailed,
    FeedRedirected,
    FeedReenabled,
    FeedRemoved,
    ItemDiscovered,
    UpdateFlagged,
    UpdateWithdrawn,
    VerdictCorrected,
)
from monitor.metrics import counts_of

_decoded: dict[tuple[str, int], Event | UnknownEvent] = {}


def decode(recorded: RecordedEvent) -> Event | UnknownEvent:
    """The typed event, decoded once for all the read models that handle it.

    The runner hands each event to every projection in turn; a small memo saves
    decoding (and upcasting) the same payload three times. It is keyed by event
    id and position, never position alone: one process may open several stores.
    """
    key = (recorded.event_id, recorded.position)
    event = _decoded.get(key)
    if event is None:
        if len(_decoded) > 4096:
            _decoded.clear()
        event = _decoded[key] = REGISTRY.decode(recorded)
    return event


# Rows written whole (SQLite's INSERT OR REPLACE, in SQL both databases accept).
_CORPUS_ROW = upsert(
    "corpus_documents",
    (
        "document_id", "origin", "title", "language", "source", "url", "published",
        "content_hash", "text", "added_at", "added_position", "removed_at",
    ),
    ("document_id",),
)  # fmt: skip
_ARTICLE_ROW = upsert(
    "articles",
    (
        "item_id", "url", "final_url", "title", "author", "published", "language", "method",
        "text", "content_hash", "extracted_at", "position",
    ),
    ("item_id",),
)  # fmt: skip
_UPDATE_ROW = upsert(
    "updates",
    (
        "item_id", "feed_id", "title", "url", "language", "published", "follows_document_id",
        "follows_title", "similarity", "novel_sentences", "reasons", "flagged_at", "position",
        "new_story", "parts",
    ),
    ("item_id",),
)  # fmt: skip
_DIGEST_ROW = upsert(
    "digests",
    (
        "digest_id", "label", "since", "until", "through_position", "updates", "empty",
        "trigger", "published_at", "position",
    ),
    ("digest_id",),
)  # fmt: skip


class CorpusProjection:
    """``corpus_documents``: the reference corpus as it stands, one row per document."""

    name = "corpus"
    version = 1
    event_types = ("CorpusDocumentAdded", "CorpusDocumentRemoved")

    def setup(self, db: Database) -> None:
        """Create the table."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS corpus_documents ("
            "document_id TEXT PRIMARY KEY, origin TEXT, title TEXT, language TEXT, "
            "source TEXT, url TEXT, published TEXT, content_hash TEXT, text TEXT, "
            "added_at TEXT, added_position BIGINT, removed_at TEXT)"
        )

    def drop(self, db: Database) -> None:
        """Drop the table."""
        db.execute("DROP TABLE IF EXISTS corpus_documents")

    def handle(self, db: Database, recorded: RecordedEvent) -> None:
        """Add or remove a document."""
        event = decode(recorded)
        if isinstance(event, CorpusDocumentAdded):
            db.execute(
                _CORPUS_ROW,
                (
                    event.document_id,
                    event.origin,
                    event.title,
                    event.language,
                    event.source,
                    event.url,
                    event.published,
                    event.content_hash,
                    event.text,
                    recorded.recorded_at,
                    recorded.position,
                    None,
                ),
            )
        elif isinstance(event, CorpusDocumentRemoved):
            db.execute(
                "UPDATE corpus_documents SET removed_at = ? WHERE document_id = ?",
                (recorded.recorded_at, event.document_id),
            )


class FeedsProjection:
    """``feeds``: every feed with its settings, polling state, validators and backoff."""

    name = "feeds"
    version = 3
    event_types = (
        "FeedAdded",
        "FeedRemoved",
        "FeedPolled",
        "FeedPollFailed",
        "FeedRedirected",
        "FeedMarkedGone",
        "FeedReenabled",
    )

    def setup(self, db: Database) -> None:
        """Create the table."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS feeds ("
            "feed_id TEXT PRIMARY KEY, url TEXT NOT NULL, name TEXT, "
            "interval_seconds DOUBLE PRECISION, tags TEXT, language TEXT, "
            "ignore_validators INTEGER, status TEXT, added_at TEXT, "
            "last_polled_at TEXT, last_outcome TEXT, last_http_status INTEGER, "
            "last_success_at TEXT, etag TEXT, last_modified TEXT, consecutive_failures INTEGER, "
            "last_error_reason TEXT, last_error_detail TEXT, next_poll_at TEXT, "
            "entries_last INTEGER, items_total INTEGER, backoff_seconds DOUBLE PRECISION)"
        )
        db.execute("CREATE INDEX IF NOT EXISTS feeds_due ON feeds (status, next_poll_at)")

    def drop(self, db: Database) -> None:
        """Drop the table."""
        db.execute("DROP TABLE IF EXISTS feeds")

    def handle(self, db: Database, recorded: RecordedEvent) -> None:
        """Apply one feed event."""
        event = decode(recorded)
        at = recorded.recorded_at
        if isinstance(event, FeedAdded):
            db.execute(
                "INSERT INTO feeds (feed_id, url, name, interval_seconds, tags, language, "
                "ignore_validators, status, added_at, consecutive_failures, next_poll_at, "
                "entries_last, items_total) VALUES (?,?,?,?,?,?,?, 'active', ?, 0, ?, 0, 0) "
                "ON CONFLICT (feed_id) DO UPDATE SET url = excluded.url, name = excluded.name, "
                "interval_seconds = excluded.interval_seconds, tags = excluded.tags, "
                "language = excluded.language, ignore_validators = excluded.ignore_validators, "
                "status = 'active', consecutive_failures = 0, next_poll_at = excluded.next_poll_at",
                (
                    event.feed_id,
                    event.url,
                    event.name,
                    event.interval_seconds,
                    json.dumps(event.tags),
                    event.language,
                    int(event.ignore_validators),
                    at,
                    at,
                ),
            )
        elif isinstance(event, FeedRemoved):
            db.execute("UPDATE feeds SET status = 'removed' WHERE feed_id = ?", (event.feed_id,))
        elif isinstance(event, FeedPolled):
            db.execute(
                "UPDATE feeds SET last_polled_at = ?, last_outcome = ?, last_http_status = ?, "
                "last_success_at = ?, etag = ?, last_modified = ?, consecutive_failures = 0, "
                "last_error_reason = NULL, last_error_detail = NULL, next_poll_at = ?, "
                "backoff_seconds = NULL, "
                "entries_last = CASE WHEN ? = 'fetched' THEN ? ELSE entries_last END, "
                "items_total = items_total + ? WHERE feed_id = ?",
                (
                    at,
                    event.outcome,
                    event.http_status,
                    at,
                    event.etag,
                    event.last_modified,
                    event.next_poll_at or at,
                    event.outcome,
                    event.entries,
                    event.new_items,
                    event.feed_id,
                ),
            )
        elif isinstance(event, FeedPollFailed):
            db.execute(
                "UPDATE feeds SET last_polled_at = ?, last_outcome = 'failed', "
                "last_http_status = ?, consecutive_failures = ?, last_error_reason = ?, "
                "last_error_detail = ?, next_poll_at = ?, backoff_seconds = ? WHERE feed_id = ?",
                (
                    at,
                    event.http_status,
                    event.consecutive_failures,
                    event.reason,
                    event.detail,
                    event.next_poll_at,
                    event.backoff_seconds,
                    event.feed_id,
                ),
            )
        elif isinstance(event, FeedRedirected):
            db.execute(
                "UPDATE feeds SET url = ?, etag = NULL, last_modified = NULL WHERE feed_id = ?",
                (event.new_url, event.feed_id),
            )
        elif isinstance(event, FeedMarkedGone):
            db.execute(
                "UPDATE feeds SET status = 'gone', last_outcome = 'gone', last_http_status = ?, "
                "last_polled_at = ?, next_poll_at = NULL WHERE feed_id = ?",
                (event.http_status, at, event.feed_id),
            )
        elif isinstance(event, FeedReenabled):
            db.execute(
                "UPDATE feeds SET status = 'active', consecutive_failures = 0, next_poll_at = ? "
                "WHERE feed_id = ? AND status != 'removed'",
                (at, event.feed_id),
            )


class ItemsProjection:
    """``items``, ``item_keys`` and ``articles``: what each feed offered and the texts obtained."""

    name = "items"
    version = 3
    event_types = ("ItemDiscovered", "ArticleExtracted", "ExtractionFailed")

    def setup(self, db: Database) -> None:
        """Create the tables."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS items ("
            "item_id TEXT PRIMARY KEY, feed_id TEXT, key TEXT, link TEXT, guid TEXT, "
            "title TEXT, published TEXT, language TEXT, discovered_at TEXT, "
            "discovered_position BIGINT, extraction TEXT, method TEXT, chars INTEGER, "
            "fallback_reason TEXT, failure_reason TEXT, extracted_at TEXT, backlog INTEGER)"
        )
        db.execute("CREATE INDEX IF NOT EXISTS items_by_feed ON items (feed_id)")
        db.execute("CREATE INDEX IF NOT EXISTS items_pending ON items (extraction)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS item_keys ("
            "feed_id TEXT, key TEXT, item_id TEXT, PRIMARY KEY (feed_id, key))"
            # The keys are looked up by feed and never by row: no rowid saves a B-tree.
            + (" WITHOUT ROWID" if db.dialect == "sqlite" else "")
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS articles ("
            "item_id TEXT PRIMARY KEY, url TEXT, final_url TEXT, title TEXT, author TEXT, "
            "published TEXT, language TEXT, method TEXT, text TEXT, content_hash TEXT, "
            "extracted_at TEXT, position BIGINT)"
        )

    def drop(self, db: Database) -> None:
        """Drop the tables."""
        for table in ("items", "item_keys", "articles"):
            db.execute(f"DROP TABLE IF EXISTS {table}")

    def handle(self, db: Database, recorded: RecordedEvent) -> None:
        """Apply one item event."""
        self.handle_batch(db, [recorded])

    def handle_batch(self, db: Database, events: Sequence[RecordedEvent]) -> None:
        """Apply item events in order with a few statements.

        An item discovered and extracted in the same batch (the usual case) is
        inserted once in its final state instead of inserted and then updated.
        """
        new_items: dict[str, list[Any]] = {}
        keys: list[tuple[str, str, str]] = []
        updates: list[tuple[Any, ...]] = []
        articles: list[tuple[Any, ...]] = []
        state: tuple[Any, ...]
        for recorded in events:
            event = decode(recorded)
            at = recorded.recorded_at
            if isinstance(event, ItemDiscovered):
                new_items[event.item_id] = [
                    event.item_id,
                    event.feed_id,
                    event.key,
                    event.link,
                    event.guid,
                    event.title,
                    event.published,
                    event.language,
                    at,
                    recorded.position,
                    "pending",
                    None,
                    None,
                    None,
                    None,
                    None,
                    int(event.backlog),
                ]
                keys.extend((event.feed_id, key, event.item_id) for key in event.keys)
                continue
            if isinstance(event, ArticleExtracted):
                state = ("extracted", event.method, event.chars, event.fallback_reason, None, at)
                language = event.language
                articles.append(
                    (
                        event.item_id,
                        event.url,
                        event.final_url,
                        event.title,
                        event.author,
                        event.published,
                        event.language,
                        event.method,
                        event.text,
                        event.content_hash,
                        at,
                        recorded.position,
                    )
                )
            elif isinstance(event, ExtractionFailed):
                state = ("failed", None, None, None, event.reason, at)
                language = ""
            else:
                continue
            row = new_items.get(event.item_id)
            if row is not None:
                row[10:16] = state
                row[7] = language or row[7]
            else:
                updates.append((*state, language, event.item_id))
        if new_items:
            db.executemany(
                "INSERT INTO items (item_id, feed_id, key, link, guid, title, "
                "published, language, discovered_at, discovered_position, extraction, method, "
                "chars, fallback_reason, failure_reason, extracted_at, backlog) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (item_id) DO NOTHING",
                list(new_items.values()),
            )
        if keys:
            db.executemany(
                "INSERT INTO item_keys (feed_id, key, item_id) VALUES (?,?,?) "
                "ON CONFLICT (feed_id, key) DO NOTHING",
                keys,
            )
        if updates:
            db.executemany(
                "UPDATE items SET extraction = ?, method = COALESCE(?, method), "
                "chars = COALESCE(?, chars), fallback_reason = COALESCE(?, fallback_reason), "
                "failure_reason = ?, extracted_at = ?, "
                "language = COALESCE(NULLIF(?, ''), language) WHERE item_id = ?",
                updates,
            )
        if articles:
            db.executemany(_ARTICLE_ROW, articles)


class AssessmentsProjection:
    """``assessments`` (the latest verdict per item) and ``updates`` (flagged updates)."""

    name = "assessments"
    version = 8
    event_types = ("ArticleAssessed", "UpdateFlagged", "UpdateWithdrawn", "VerdictCorrected")

    def setup(self, db: Database) -> None:
        """Create the tables."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS assessments ("
            "item_id TEXT PRIMARY KEY, verdict TEXT, language TEXT, "
            "relevance DOUBLE PRECISION, relevant INTEGER, nearest_document_id TEXT, "
            "nearest_title TEXT, similarity DOUBLE PRECISION, duplicate_of TEXT, "
            "novel_sentences INTEGER, reasons TEXT, assessed_at TEXT, "
            "position BIGINT, times INTEGER, baseline INTEGER, "
            # A reader's latest correction (VerdictCorrected), which the verdict follows.
            "corrected TEXT, corrected_by TEXT, corrected_at TEXT, correction_note TEXT)"
        )
        db.execute("CREATE INDEX IF NOT EXISTS assessments_verdict ON assessments (verdict)")
        # The article list pages newest first, by verdict too.
        db.execute("CREATE INDEX IF NOT EXISTS assessments_by_position ON assessments (position)")
        db.execute(
            "CREATE INDEX IF NOT EXISTS assessments_by_verdict ON assessments (verdict, position)"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS updates ("
            "item_id TEXT PRIMARY KEY, feed_id TEXT, title TEXT, url TEXT, language TEXT, "
            "published TEXT, follows_document_id TEXT, follows_title TEXT, "
            "similarity DOUBLE PRECISION, novel_sentences TEXT, reasons TEXT, flagged_at TEXT, "
            "position BIGINT, "
            "new_story INTEGER, parts TEXT)"
        )
        # Pages and the API list updates newest first, and by language.
        db.execute("CREATE INDEX IF NOT EXISTS updates_by_position ON updates (position)")
        db.execute("CREATE INDEX IF NOT EXISTS updates_by_language ON updates (language, position)")

    def drop(self, db: Database) -> None:
        """Drop the tables."""
        db.execute("DROP TABLE IF EXISTS assessments")
        db.execute("DROP TABLE IF EXISTS updates")

    def handle(self, db: Database, recorded: RecordedEvent) -> None:
        """Keep the latest assessment of each item, and every flagged update."""
        event = decode(recorded)
        at = recorded.recorded_at
        if isinstance(event, ArticleAssessed):
            db.execute(
                "INSERT INTO assessments VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,"
                "NULL,NULL,NULL,NULL) "
                "ON CONFLICT (item_id) DO UPDATE SET verdict = excluded.verdict, "
                "language = excluded.language, relevance = excluded.relevance, "
                "relevant = excluded.relevant, nearest_document_id = excluded.nearest_document_id, "
                "nearest_title = excluded.nearest_title, similarity = excluded.similarity, "
                "duplicate_of = excluded.duplicate_of, novel_sentences = excluded.novel_sentences, "
                "reasons = excluded.reasons, assessed_at = excluded.assessed_at, "
                "position = excluded.position, times = assessments.times + 1, "
                "baseline = excluded.baseline",
                (
                    event.item_id,
                    event.verdict,
                    event.language,
                    event.relevance,
                    int(event.relevant),
                    event.nearest_document_id,
                    event.nearest_title,
                    event.similarity,
                    event.duplicate_of,
                    len(event.novel_sentences),
                    json.dumps(event.reasons, ensure_ascii=False),
                    at,
                    recorded.position,
                    int(event.baseline),
                ),
            )
        elif isinstance(event, VerdictCorrected):
            db.execute(
                "UPDATE assessments SET verdict = ?, relevant = ?, "
                "nearest_document_id = CASE WHEN ? != '' THEN ? ELSE nearest_document_id END, "
                "nearest_title = CASE WHEN ? != '' THEN ? ELSE nearest_title END, "
                "corrected = ?, corrected_by = ?, corrected_at = ?, correction_note = ? "
                "WHERE item_id = ?",
                (
                    event.verdict,
                    int(event.verdict != "irrelevant"),
                    event.story_document_id,
                    event.story_document_id,
                    event.story_title,
                    event.story_title,
                    event.correction,
                    event.by,
                    at,
                    event.note,
                    event.item_id,
                ),
            )
        elif isinstance(event, UpdateWithdrawn):
            # The event stays in the log; the read model shows what holds now.
            db.execute("DELETE FROM updates WHERE item_id = ?", (event.item_id,))
        elif isinstance(event, UpdateFlagged):
            db.execute(
                _UPDATE_ROW,
                (
                    event.item_id,
                    event.feed_id,
                    event.title,
                    event.url,
                    event.language,
                    event.published,
                    event.follows_document_id,
                    event.follows_title,
                    event.similarity,
                    json.dumps(event.novel_sentences, ensure_ascii=False),
                    json.dumps(event.reasons, ensure_ascii=False),
                    at,
                    recorded.position,
                    int(event.new_story),
                    json.dumps(event.parts),
                ),
            )


class DigestsProjection:
    """``digests`` (each published digest) and ``deliveries`` (each channel's state)."""

    name = "digests"
    version = 2
    event_types = (
        "DigestPublished",
        "DigestDeliveryClaimed",
        "DigestDelivered",
        "DigestDeliveryFailed",
    )

    def setup(self, db: Database) -> None:
        """Create the tables."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS digests ("
            "digest_id TEXT PRIMARY KEY, label TEXT, since TEXT, until TEXT, "
            "through_position BIGINT, updates INTEGER, empty INTEGER, trigger TEXT, "
            "published_at TEXT, position BIGINT)"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS deliveries ("
            "digest_id TEXT, channel TEXT, status TEXT, target TEXT, attempts INTEGER, "
            "last_reason TEXT, last_detail TEXT, next_attempt_at TEXT, delivered_at TEXT, "
            # A sender's claim on the attempt in flight, and how many were made.
            "claimed_until TEXT, claims INTEGER NOT NULL DEFAULT 0, "
            "PRIMARY KEY (digest_id, channel))"
        )

    def drop(self, db: Database) -> None:
        """Drop the tables."""
        db.execute("DROP TABLE IF EXISTS digests")
        db.execute("DROP TABLE IF EXISTS deliveries")

    def handle(self, db: Database, recorded: RecordedEvent) -> None:
        """Record a digest and the deliveries it owes; follow each delivery's fate."""
        event = decode(recorded)
        at = recorded.recorded_at
        if isinstance(event, DigestPublished):
            db.execute(
                _DIGEST_ROW,
                (
                    event.digest_id,
                    event.label,
                    event.since,
                    event.until,
                    event.through_position,
                    len(event.item_ids),
                    int(event.empty),
                    event.trigger,
                    at,
                    recorded.position,
                ),
            )
            db.executemany(
                "INSERT INTO deliveries VALUES "
                "(?, ?, 'pending', '', 0, '', '', ?, NULL, NULL, 0) "
                "ON CONFLICT (digest_id, channel) DO NOTHING",
                [(event.digest_id, channel, at) for channel in event.channels],
            )
        elif isinstance(event, DigestDeliveryClaimed):
            db.execute(
                "UPDATE deliveries SET status = 'sending', claimed_until = ?, "
                "claims = claims + 1 WHERE digest_id = ? AND channel = ?",
                (event.until, event.digest_id, event.channel),
            )
        elif isinstance(event, DigestDelivered):
            db.execute(
                "UPDATE deliveries SET status = 'delivered', target = ?, attempts = ?, "
                "next_attempt_at = NULL, delivered_at = ?, claimed_until = NULL "
                "WHERE digest_id = ? AND channel = ?",
                (event.target, event.attempt, at, event.digest_id, event.channel),
            )
        elif isinstance(event, DigestDeliveryFailed):
            db.execute(
                "UPDATE deliveries SET status = ?, target = ?, attempts = ?, last_reason = ?, "
                "last_detail = ?, next_attempt_at = ?, claimed_until = NULL "
                "WHERE digest_id = ? AND channel = ?",
                (
                    "failed" if event.next_attempt_at else "given_up",
                    event.target,
                    event.attempt,
                    event.reason,
                    event.detail,
                    event.next_attempt_at or None,
                    event.digest_id,
                    event.channel,
                ),
            )


class MetricsProjection:
    """``metrics``: one row per counter and label set, added to as events are recorded."""

    name = "metrics"
    version = 2
    event_types = (
        "FeedPolled",
        "FeedPollFailed",
        "ItemDiscovered",
        "ArticleExtracted",
        "ExtractionFailed",
        "ArticleAssessed",
        "UpdateFlagged",
        "UpdateWithdrawn",
        "VerdictCorrected",
        "DigestPublished",
        "DigestDelivered",
        "DigestDeliveryFailed",
    )

    def setup(self, db: Database) -> None:
        """Create the table."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS metrics ("
            "name TEXT NOT NULL, labels TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, "
            "PRIMARY KEY (name, labels))"
        )

    def drop(self, db: Database) -> None:
        """Drop the table."""
        db.execute("DROP TABLE IF EXISTS metrics")

    def handle(self, db: Database, recorded: RecordedEvent) -> None:
        """Add the event's counts."""
        self.handle_batch(db, [recorded])

    def handle_batch(self, db: Database, events: Sequence[RecordedEvent]) -> None:
        """Add a batch's counts, summed first: one upsert per counter, not per event.

        (A poll of 1,000 changed feeds wrote 42,000 upserts for a few dozen rows.)
        """
        totals: dict[tuple[str, str], float] = {}
        for recorded in events:
            for name, labels, amount in counts_of(decode(recorded)):
                totals[(name, labels)] = totals.get((name, labels), 0.0) + amount
        if totals:
            db.executemany(
                "INSERT INTO metrics VALUES (?, ?, ?) ON CONFLICT (name, labels) "
                "DO UPDATE SET value = metrics.value + excluded.value",
                [(name, labels, amount) for (name, labels), amount in totals.items()],
            )


MonitorProjection = (
    CorpusProjection
    | FeedsProjection
    | ItemsProjection
    | AssessmentsProjection
    | DigestsProjection
    | MetricsProjection
)


def all_projections() -> list[MonitorProjection]:
    """Every read model of the monitor, for the projection runner."""
    return [
        CorpusProjection(),
        FeedsProjection(),
        ItemsProjection(),
        AssessmentsProjection(),
        DigestsProjection(),
        MetricsProjection(),
    ]
