"""Assessing stored articles: the corpus as an index, verdicts recorded as events.

Articles are assessed in the order they were extracted, one at a time, so that
first-story detection is the same on every replay: the first report of a
development is the update, and it joins the corpus; later ones are known.

Several passes may run on one store at once (the daemon and a manual ``poll``,
or three ``poll --all``). An assessment is a fact about an article and the
corpus it was judged against, so each verdict is written only if, in the
writing transaction, the article has no assessment yet (checked on its own
stream, whose version the append then expects) and the corpus is still the one
the verdict was judged against. A pass that loses the first race writes
nothing; one that loses the second judges the article again against the grown
corpus, so two reports of one new development are never both flagged.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from loguru import logger

from events import ConcurrencyError
from monitor.app import Monitor
from monitor.assess.decision import (
    ADD_BATCH,
    Assessment,
    CorpusDocument,
    CorpusIndex,
    Thresholds,
    assess,
)
from monitor.assess.embedding import Embedder, default_embedder
from monitor.assess.text import load_language_models
from monitor.assess.vector_cache import cached_embedder
from monitor.events import (
    ArticleAssessed,
    ArticleExtracted,
    CorpusDocumentAdded,
    CorpusDocumentRemoved,
    ItemDiscovered,
    UpdateFlagged,
    UpdateWithdrawn,
    corpus_stream,
    item_stream,
)
from monitor.seeds import content_hash
from monitor.settings import AssessmentSettings
from monitor.times import parse_iso_or_none


def flagged_document_id(item_id: str) -> str:
    """The corpus document an article becomes when it is flagged as an update."""
    return f"item-{item_id}"


def in_publication_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Articles by when they were published, then as extracted (pure).

    An article without a readable date, or dated after its extraction (a wrong
    clock), counts as published when it was extracted.
    """

    def when(row: dict[str, Any]) -> tuple[datetime, int]:
        extracted = parse_iso_or_none(row.get("extracted_at")) or datetime.max.replace(tzinfo=UTC)
        published = parse_iso_or_none(row.get("published"))
        moment = published if published is not None and published <= extracted else extracted
        return moment, int(row.get("position") or 0)

    return sorted(rows, key=when)


def copy_key(item_id: str) -> str:
    """The key under which an earlier article is indexed for copies."""
    return f"item:{item_id}"


#: The events that change what the corpus holds; the newest one's position is its state.
CORPUS_EVENT_TYPES = (CorpusDocumentAdded.event_type, CorpusDocumentRemoved.event_type)

#: How many times one article is judged again because other passes grew the corpus
#: meanwhile, before it is left pending for the next pass.
MAX_REJUDGEMENTS = 20


class CorpusMovedError(Exception):
    """The corpus changed after the verdict was judged: judge the article again."""


BASELINE_REASON = (
    "learned as part of its feed's backlog (baseline), not flagged: it was in the feed "
    "before the monitor followed it"
)


def _is_baseline(article: Mapping[str, Any], result: Assessment) -> bool:
    """An update of a feed's backlog: recorded and learned, not alerted."""
    return result.verdict == "update" and bool(article.get("backlog"))


def _as_document(values: Mapping[str, Any]) -> CorpusDocument:
    """A corpus document from a ``corpus_documents`` row (or a ``CorpusDocumentAdded``)."""
    return CorpusDocument(
        values["document_id"],
        values["title"] or "",
        values["language"] or "",
        values["text"] or "",
        values["published"] or "",
        values.get("origin") or "seed",
    )


def update_flagged(
    article: Mapping[str, Any],
    assessed: ArticleAssessed,
    *,
    new_story: bool,
    reasons: list[str] | None = None,
) -> UpdateFlagged:
    """The flag of an article (a row of ``articles``) as its assessment judged it."""
    return UpdateFlagged(
        item_id=article["item_id"],
        title=article.get("title") or "",
        url=article.get("final_url") or article.get("url") or "",
        language=assessed.language,
        published=article.get("published") or "",
        follows_document_id=assessed.nearest_document_id,
        follows_title=assessed.nearest_title,
        similarity=assessed.similarity,
        novel_sentences=assessed.novel_sentences,
        reasons=list(assessed.reasons if reasons is None else reasons),
        feed_id=article.get("feed_id") or "",
        new_story=new_story,
        parts=list(assessed.parts),
    )


def joined_document(article: Mapping[str, Any], language: str, origin: str) -> CorpusDocumentAdded:
    """The corpus document an update becomes (``origin`` "flagged" or "baseline")."""
    return CorpusDocumentAdded(
        document_id=flagged_document_id(article["item_id"]),
        origin=origin,
        title=article.get("title") or "",
        language=language,
        text=article["text"],
        content_hash=content_hash(article["text"]),
        url=article.get("final_url") or article.get("url") or "",
        published=article.get("published") or article.get("extracted_at") or "",
    )


def thresholds_from(settings: AssessmentSettings) -> Thresholds:
    """The assessment's thresholds as configured."""
    return Thresholds(
        relevant=settings.relevant,
        known_story=settings.known_story,
        novel_sentence=settings.novel_sentence,
        novel_share_for_update=settings.novel_share_for_update,
        aligned_share_for_story=settings.aligned_share_for_story,
        same_story=settings.same_story,
        duplicate_containment=settings.duplicate_containment,
        window_days=settings.window_days,
    )


@dataclass
class AssessSummary:
    """What an assessment run did (stable keys for --json)."""

    assessed: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    flagged: list[dict[str, str]] = field(default_factory=list)
    #: Updates of feeds' backlogs: learned as corpus, not flagged.
    baseline: int = 0
    #: Pending articles another pass on the same store assessed first (nothing written).
    assessed_elsewhere: int = 0
    #: Articles left for the next pass because other passes kept growing the corpus.
    left_pending: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


@dataclass
class RescoreSummary:
    """What a rescore changed (stable keys for --json)."""

    rescored: int = 0
    unchanged: int = 0
    changes: list[dict[str, str]] = field(default_factory=list)
    dry_run: bool = False
    #: Articles whose verdict a reader corrected: kept as corrected, never rescored.
    corrected: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


@dataclass(frozen=True)
class Replayed:
    """One article judged again: what the judgement says, and the verdict that holds."""

    row: dict[str, Any]
    judged: Assessment
    #: ``judged``, or the reader's correction where there is one.
    holds: Assessment
    corpus_documents: int
    elapsed_ms: int = 0


class Assessor:
    """Judges articles against the corpus held in the store, and records the verdicts."""

    def __init__(self, app: Monitor, embedder: Embedder | None = None) -> None:
        self.app = app
        self.settings = app.settings.assessment
        self.thresholds = thresholds_from(self.settings)
        if embedder is None:
            embedder = default_embedder()
            if self.settings.vector_cache:
                embedder = cached_embedder(embedder, app.store_path)
        self.index = CorpusIndex(embedder)
        self._indexed: set[str] = set()
        self._copies: set[str] = set()
        #: The corpus state the index holds: the position of its newest corpus event.
        self._corpus_state = -1

    def corpus_state(self) -> int:
        """The position of the newest corpus event in the log (0 for none)."""
        latest = self.app.store.read_latest(1, types=CORPUS_EVENT_TYPES)
        return latest[-1].position if latest else 0

    def refresh(self) -> int:
        """Index corpus documents not indexed yet; returns how many were added.

        Only the ids are read for the whole corpus; texts are read for the documents
        not indexed yet, ``ADD_BATCH`` at a time. Reading every text on every refresh
        (one after each flagged update) held a 10,000-document corpus's texts twice.
        """
        with self.app.store.transaction():
            # Read the state and the ids in one transaction, so they agree. A document
            # removed before its text is read is missing from the index, and the
            # state has moved: ``record`` then refuses the verdict, to judge again.
            self.app.runner.catch_up()
            self._corpus_state = self.corpus_state()
            active = self._corpus_ids()
        if self._indexed - set(active):
            # Rare (corpus remove): start the index again rather than edit matrices.
            self.index = CorpusIndex(self.index.embedder)
            self._indexed.clear()
            self._copies.clear()
        fresh = [d for d in active if d not in self._indexed]
        if fresh and not self._indexed:
            load_language_models()
        added = 0
        for start in range(0, len(fresh), ADD_BATCH):
            documents = [
                _as_document(r) for r in self._corpus_rows(fresh[start : start + ADD_BATCH])
            ]
            self.index.add(documents)
            self._indexed.update(d.document_id for d in documents)
            added += len(documents)
        return added

    def _index_earlier_articles(self) -> None:
        """Earlier relevant articles, for copies across feeds (once per assessor)."""
        if not self._copies:
            self._index_copy_sources()

    def _index_copy_sources(self) -> None:
        """The window's relevant articles that are not indexed for copies yet."""
        since = (datetime.now(UTC) - timedelta(days=self.settings.window_days)).isoformat()
        for row in self._relevant_articles(since):
            if row["item_id"] not in self._copies:
                self._add_copy_source(row["item_id"], row["title"] or "", row["text"])

    def _add_copy_source(self, item_id: str, title: str, text: str) -> None:
        self.index.add_copy_source(copy_key(item_id), title, text)
        self._copies.add(item_id)

    def _corpus_ids(self) -> list[str]:
        """The corpus's document ids, oldest first (no texts read)."""
        return [
            r["document_id"]
            for r in self.app.query(
                "SELECT document_id FROM corpus_documents WHERE removed_at IS NULL "
                "ORDER BY added_position"
            )
        ]

    def _corpus_rows(self, ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """The corpus's documents (or those of ``ids``) with their texts, oldest first."""
        chosen = f" AND document_id IN ({', '.join('?' * len(ids))})" if ids is not None else ""
        return self.app.query(
            "SELECT document_id, origin, title, language, text, published FROM corpus_documents "
            "WHERE removed_at IS NULL" + chosen + " ORDER BY added_position",
            tuple(ids or ()),
        )

    def _relevant_articles(self, since: str, until: str | None = None) -> list[dict[str, Any]]:
        """Relevant articles that were not copies, extracted in [since, until): copy sources."""
        return self.app.query(
            "SELECT a.item_id, a.title, a.text FROM articles a JOIN assessments s "
            "ON s.item_id = a.item_id WHERE s.relevant = 1 AND s.verdict != 'duplicate' "
            "AND a.extracted_at >= ?" + (" AND a.extracted_at < ?" if until is not None else ""),
            (since,) if until is None else (since, until),
        )

    def judge(self, article: dict[str, Any], index: CorpusIndex | None = None) -> Assessment:
        """Assess one stored article (a row of ``articles``) without recording anything."""
        return assess(
            article["text"] or "",
            index or self.index,
            title=article.get("title") or "",
            language_hint=article.get("language") or "",
            published=article.get("published") or article.get("extracted_at") or "",
            thresholds=self.thresholds,
        )

    def _assessed(
        self, article: dict[str, Any], result: Assessment, corpus: int, elapsed_ms: int = 0
    ) -> ArticleAssessed:
        data = result.to_dict()
        baseline = _is_baseline(article, result)
        reasons = list(result.reasons)
        if baseline:
            reasons.insert(0, BASELINE_REASON)
        return ArticleAssessed(
            item_id=article["item_id"],
            verdict=result.verdict,
            language=result.language,
            relevance=result.relevance,
            relevant=result.relevant,
            reasons=reasons,
            nearest_document_id=result.nearest_document_id,
            nearest_title=result.nearest_title,
            similarity=result.similarity,
            duplicate_of=result.duplicate_of,
            duplicate_similarity=result.duplicate_similarity,
            novel_sentences=data["novel_sentences"],
            new_things=result.new_things,
            sentences=result.sentences,
            lexical=result.lexical,
            semantic=result.semantic,
            embedder=result.embedder,
            corpus_documents=corpus,
            baseline=baseline,
            parts=list(result.parts),
            elapsed_ms=elapsed_ms,
        )

    def _joined(self, article: dict[str, Any], result: Assessment) -> CorpusDocumentAdded:
        origin = "baseline" if _is_baseline(article, result) else "flagged"
        return joined_document(article, result.language, origin)

    def record(self, article: dict[str, Any], result: Assessment, elapsed_ms: int = 0) -> bool:
        """Record the verdict; an update is flagged (unless backlog) and joins the corpus.

        Returns False, writing nothing, when the article was assessed meanwhile by
        another pass; raises ``CorpusMovedError`` when the corpus changed after
        the index was last refreshed, so the verdict may no longer hold.
        """
        item_id = article["item_id"]
        stream = item_stream(item_id)
        assessed = self._assessed(article, result, len(self.index.documents), elapsed_ms)
        events: list[Any] = [assessed]
        appends: list[tuple[str, list[Any]]] = []
        if result.verdict == "update":
            if not _is_baseline(article, result):
                events.append(update_flagged(article, assessed, new_story=not result.same_story))
            if self.settings.grow_corpus:
                added = self._joined(article, result)
                key = f"corpus-flagged:{item_id}"
                appends.append(
                    (corpus_stream(added.document_id), [added.to_new(idempotency_key=key)])
                )
        with self.app.store.transaction():
            recorded = self.app.store.read_stream(stream)
            if any(e.event_type == ArticleAssessed.event_type for e in recorded):
                return False
            if self.corpus_state() != self._corpus_state:
                raise CorpusMovedError(item_id)
            version = recorded[-1].stream_version if recorded else 0
            self.app.record([(stream, events), *appends], expected={stream: version})
        self._learn_copy_source(item_id, article, result)
        return True

    def _learn_copy_source(
        self, item_id: str, article: Mapping[str, Any], result: Assessment
    ) -> None:
        if result.relevant and result.verdict != "duplicate":
            self._add_copy_source(item_id, article.get("title") or "", article["text"])

    def _catch_up_with_other_passes(self) -> None:
        """Index what other passes added meanwhile: corpus documents and copy sources."""
        self.refresh()
        self._index_copy_sources()

    def _assess_one(self, row: dict[str, Any]) -> Assessment | Literal["elsewhere", "pending"]:
        """Judge and record one article, or say why nothing was written."""
        for _ in range(MAX_REJUDGEMENTS):
            started = time.perf_counter()
            result = self.judge(row)
            elapsed_ms = round((time.perf_counter() - started) * 1000)
            try:
                return result if self.record(row, result, elapsed_ms) else "elsewhere"
            except CorpusMovedError:
                logger.bind(item=row["item_id"]).debug("corpus grew meanwhile: judged again")
                self._catch_up_with_other_passes()
            except ConcurrencyError:
                # Another pass appended to the item's stream between our read and write.
                logger.bind(item=row["item_id"]).debug("item changed meanwhile: judged again")
                self._catch_up_with_other_passes()
        logger.bind(item=row["item_id"]).warning(
            "the corpus kept changing under this article; it stays pending for the next pass"
        )
        return "pending"

    def assess_pending(self, limit: int | None = None) -> AssessSummary:
        """Assess every extracted article that has no assessment yet, in publication order.

        The oldest extracted are taken first (up to ``limit``), then judged in the
        order they were published: the feeds of one pass are polled concurrently,
        and the first report of a story, or a syndicated piece's original, must be
        judged before what follows it, whichever feed answered first.
        """
        summary = AssessSummary()
        counts: Counter[str] = Counter()
        rows = self.app.query(
            "SELECT a.*, i.feed_id, i.backlog FROM articles a "
            "JOIN items i ON i.item_id = a.item_id "
            "LEFT JOIN assessments s ON s.item_id = a.item_id WHERE s.item_id IS NULL "
            "ORDER BY a.position" + (" LIMIT ?" if limit else ""),
            (limit,) if limit else (),
        )
        if not rows:
            return summary
        self.refresh()
        self._index_earlier_articles()
        for row in in_publication_order(rows):
            result = self._assess_one(row)
            if result == "elsewhere":
                summary.assessed_elsewhere += 1
                continue
            if result == "pending":
                summary.left_pending += 1
                continue
            summary.assessed += 1
            if result.verdict == "update":
                self.refresh()  # the update joined the corpus: later reports are known
                if _is_baseline(row, result):
                    summary.baseline += 1
                    logger.bind(item=row["item_id"]).debug(f"backlog learned: {row['title']}")
                else:
                    flagged = {"item_id": row["item_id"], "title": row["title"] or ""}
                    summary.flagged.append(flagged)
                    logger.bind(item=row["item_id"]).info(f"update flagged: {row['title']}")
            counts[result.verdict] += 1
        summary.verdicts = dict(counts)
        return summary

    def replay(self, since: str = "") -> Iterator[Replayed]:
        """Judge stored articles again, in their order, recording nothing.

        First-story detection runs again over the articles extracted since
        ``since`` against the corpus as it stood before them (documents they
        contributed themselves are left out), each learned as the verdict that
        holds: the new judgement, or a reader's correction where there is one.
        """
        rows = self.app.query(
            "SELECT a.*, i.feed_id, i.backlog, s.verdict AS old_verdict, "
            "s.nearest_document_id AS old_nearest, s.corrected FROM articles a "
            "JOIN items i ON i.item_id = a.item_id "
            "LEFT JOIN assessments s ON s.item_id = a.item_id "
            "WHERE a.extracted_at >= ? ORDER BY a.position",
            (since,),
        )
        if not rows:
            return
        own = {flagged_document_id(r["item_id"]) for r in rows}
        index = CorpusIndex(self.index.embedder)
        index.add([_as_document(r) for r in self._corpus_rows() if r["document_id"] not in own])
        window_start = (
            datetime.fromisoformat(rows[0]["extracted_at"])
            - timedelta(days=self.settings.window_days)
        ).isoformat()
        for earlier in self._relevant_articles(window_start, since):
            index.add_copy_source(
                copy_key(earlier["item_id"]), earlier["title"] or "", earlier["text"]
            )
        for row in rows:
            started = time.perf_counter()
            judged = holds = self.judge(row, index)
            elapsed_ms = round((time.perf_counter() - started) * 1000)
            if row["corrected"]:
                # A reader's correction stands: the article is learned as it says.
                verdict = row["old_verdict"]
                holds = replace(judged, verdict=verdict, relevant=verdict != "irrelevant")
            index.learn(
                _as_document(asdict(self._joined(row, holds))),
                copy_key(row["item_id"]),
                holds,
                self.settings.grow_corpus,
            )
            yield Replayed(row, judged, holds, len(index.documents), elapsed_ms)

    def rescore(self, since: str = "", *, dry_run: bool = False) -> RescoreSummary:
        """Assess stored articles again with the current corpus and settings (``replay``).

        A changed verdict or story is recorded as a new ``ArticleAssessed``; an
        update that no longer holds is withdrawn and leaves the corpus; a new
        one is flagged. Corrected verdicts are kept.
        """
        summary = RescoreSummary(dry_run=dry_run)
        active = set(self._corpus_ids())
        for replayed in self.replay(since):
            row, result = replayed.row, replayed.holds
            summary.rescored += 1
            if row["corrected"]:
                summary.corrected += 1
                continue
            old = row["old_verdict"] or ""
            if old == result.verdict and (row["old_nearest"] or "") == result.nearest_document_id:
                summary.unchanged += 1
                continue
            summary.changes.append(
                {
                    "item_id": row["item_id"],
                    "title": row["title"] or "",
                    "old_verdict": old,
                    "new_verdict": result.verdict,
                    "old_nearest": row["old_nearest"] or "",
                    "new_nearest": result.nearest_document_id,
                    "reason": result.reasons[0] if result.reasons else "",
                }
            )
            if not dry_run:
                self._record_change(row, result, old, active, replayed)
        if not dry_run and summary.changes:
            # The live index no longer matches the corpus: start it again when next used.
            self.index = CorpusIndex(self.index.embedder)
            self._indexed.clear()
            self._copies.clear()
        return summary

    def _record_change(
        self,
        row: dict[str, Any],
        result: Assessment,
        old: str,
        active: set[str],
        replayed: Replayed,
    ) -> None:
        item_id = row["item_id"]
        document_id = flagged_document_id(item_id)
        assessed = self._assessed(row, result, replayed.corpus_documents, replayed.elapsed_ms)
        events: list[Any] = [assessed]
        appends: list[tuple[str, list[Any]]] = []
        if result.verdict == "update" and old != "update":
            if not _is_baseline(row, result):
                events.append(update_flagged(row, assessed, new_story=not result.same_story))
            if self.settings.grow_corpus and document_id not in active:
                appends.append((corpus_stream(document_id), [self._joined(row, result)]))
        elif old == "update" and result.verdict != "update":
            reason = result.reasons[0] if result.reasons else result.verdict
            if not row.get("backlog"):  # a backlog item's update was never flagged
                events.append(UpdateWithdrawn(item_id, result.verdict, f"rescored: {reason}"))
            if document_id in active:
                removed = CorpusDocumentRemoved(document_id, "rescored: no longer an update")
                appends.append((corpus_stream(document_id), [removed]))
        self.app.record([(item_stream(item_id), events), *appends])


MANUAL_FEED = "manual"


def record_manual_article(
    app: Monitor, source: str, title: str, text: str, language: str, published: str
) -> str:
    """Record an article given by hand (``check --store``) as an item of the pseudo-feed."""
    digest = content_hash(text)
    item_id = f"{MANUAL_FEED}-{digest[:16]}"
    url = source if source.startswith(("http://", "https://")) else ""
    discovered = ItemDiscovered(
        item_id=item_id,
        feed_id=MANUAL_FEED,
        key=f"hash:{digest}",
        keys=[f"hash:{digest}"],
        link=url,
        guid="",
        title=title,
        published=published,
        language=language,
    )
    extracted = ArticleExtracted(
        item_id=item_id,
        url=url or source,
        method="manual",
        text=text,
        content_hash=digest,
        title=title,
        published=published,
        language=language,
        chars=len(text),
    )
    app.record(
        [
            (
                item_stream(item_id),
                [
                    discovered.to_new(idempotency_key=f"item-discovered:{item_id}"),
                    extracted.to_new(idempotency_key=f"item-extracted:{item_id}"),
                ],
            )
        ]
    )
    return item_id
