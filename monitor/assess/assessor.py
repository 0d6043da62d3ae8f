"""Assessing stored articles: the corpus as an index, verdicts recorded as events.

Articles are assessed in the order they were extracted, one at a time, so that
first-story detection is the same on every replay: the first report of a
development is the update, and it joins the corpus; later ones are known.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from loguru import logger

from events import Event
from monitor.app import Monitor
from monitor.assess.decision import Assessment, CorpusDocument, CorpusIndex, Thresholds, assess
from monitor.assess.embedding import Embedder, default_embedder
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


def flagged_document_id(item_id: str) -> str:
    """The corpus document an article becomes when it is flagged as an update."""
    return f"item-{item_id}"


def copy_key(item_id: str) -> str:
    """The key under which an earlier article is indexed for copies."""
    return f"item:{item_id}"


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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


class Assessor:
    """Judges articles against the corpus held in the store, and records the verdicts."""

    def __init__(self, app: Monitor, embedder: Embedder | None = None) -> None:
        self.app = app
        self.settings = app.settings.assessment
        self.thresholds = thresholds_from(self.settings)
        self.index = CorpusIndex(embedder or default_embedder())
        self._indexed: set[str] = set()
        self._copies: set[str] = set()

    def refresh(self) -> int:
        """Index corpus documents not indexed yet; returns how many were added."""
        rows = self._corpus_rows()
        removed = self._indexed - {r["document_id"] for r in rows}
        if removed:
            # Rare (corpus remove): start the index again rather than edit matrices.
            self.index = CorpusIndex(self.index.embedder)
            self._indexed.clear()
            self._copies.clear()
        fresh = [_as_document(r) for r in rows if r["document_id"] not in self._indexed]
        if fresh:
            self.index.add(fresh)
            self._indexed.update(d.document_id for d in fresh)
        return len(fresh)

    def _index_earlier_articles(self) -> None:
        """Earlier relevant articles, for copies across feeds (once per assessor)."""
        if self._copies:
            return
        since = (datetime.now(UTC) - timedelta(days=self.settings.window_days)).isoformat()
        for row in self._relevant_articles(since):
            self.index.add_copy_source(copy_key(row["item_id"]), row["title"] or "", row["text"])
            self._copies.add(row["item_id"])

    def _corpus_rows(self) -> list[dict[str, Any]]:
        return self.app.query(
            "SELECT document_id, origin, title, language, text, published FROM corpus_documents "
            "WHERE removed_at IS NULL ORDER BY added_position"
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

    def _assessed(self, article: dict[str, Any], result: Assessment, corpus: int) -> Event:
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
        )

    def _flagged(self, article: dict[str, Any], result: Assessment) -> UpdateFlagged:
        return UpdateFlagged(
            item_id=article["item_id"],
            title=article.get("title") or "",
            url=article.get("final_url") or article.get("url") or "",
            language=result.language,
            published=article.get("published") or "",
            follows_document_id=result.nearest_document_id,
            follows_title=result.nearest_title,
            similarity=result.similarity,
            novel_sentences=result.to_dict()["novel_sentences"],
            reasons=list(result.reasons),
            feed_id=article.get("feed_id") or "",
            new_story=not result.same_story,
            parts=list(result.parts),
        )

    def _joined(self, article: dict[str, Any], result: Assessment) -> CorpusDocumentAdded:
        return CorpusDocumentAdded(
            document_id=flagged_document_id(article["item_id"]),
            origin="baseline" if _is_baseline(article, result) else "flagged",
            title=article.get("title") or "",
            language=result.language,
            text=article["text"],
            content_hash=content_hash(article["text"]),
            url=article.get("final_url") or article.get("url") or "",
            published=article.get("published") or article.get("extracted_at") or "",
        )

    def record(self, article: dict[str, Any], result: Assessment) -> None:
        """Record the verdict; an update is flagged (unless backlog) and joins the corpus."""
        item_id = article["item_id"]
        events: list[Any] = [self._assessed(article, result, len(self.index.documents))]
        appends: list[tuple[str, list[Any]]] = []
        if result.verdict == "update":
            if not _is_baseline(article, result):
                events.append(self._flagged(article, result))
            if self.settings.grow_corpus:
                added = self._joined(article, result)
                key = f"corpus-flagged:{item_id}"
                appends.append(
                    (corpus_stream(added.document_id), [added.to_new(idempotency_key=key)])
                )
        self.app.record([(item_stream(item_id), events), *appends])
        if result.relevant and result.verdict != "duplicate":
            self.index.add_copy_source(
                copy_key(item_id), article.get("title") or "", article["text"]
            )
            self._copies.add(item_id)

    def assess_pending(self, limit: int | None = None) -> AssessSummary:
        """Assess every extracted article that has no assessment yet, oldest first."""
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
        for row in rows:
            result = self.judge(row)
            self.record(row, result)
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
        summary.assessed = len(rows)
        summary.verdicts = dict(counts)
        return summary

    def rescore(self, since: str = "", *, dry_run: bool = False) -> RescoreSummary:
        """Assess stored articles again with the current corpus and settings.

        First-story detection runs again over the articles extracted since
        ``since``, in their order, against the corpus as it stood before them
        (documents they contributed themselves are left out). A changed verdict
        or story is recorded as a new ``ArticleAssessed``; an update that no
        longer holds is withdrawn and leaves the corpus; a new one is flagged.
        """
        summary = RescoreSummary(dry_run=dry_run)
        rows = self.app.query(
            "SELECT a.*, i.feed_id, i.backlog, s.verdict AS old_verdict, "
            "s.nearest_document_id AS old_nearest FROM articles a "
            "JOIN items i ON i.item_id = a.item_id "
            "LEFT JOIN assessments s ON s.item_id = a.item_id "
            "WHERE a.extracted_at >= ? ORDER BY a.position",
            (since,),
        )
        if not rows:
            return summary
        own = {flagged_document_id(r["item_id"]) for r in rows}
        corpus = self._corpus_rows()
        index = CorpusIndex(self.index.embedder)
        index.add([_as_document(r) for r in corpus if r["document_id"] not in own])
        active = {r["document_id"] for r in corpus}
        window_start = (
            datetime.fromisoformat(rows[0]["extracted_at"])
            - timedelta(days=self.settings.window_days)
        ).isoformat()
        for earlier in self._relevant_articles(window_start, since):
            index.add_copy_source(
                copy_key(earlier["item_id"]), earlier["title"] or "", earlier["text"]
            )
        for row in rows:
            result = self.judge(row, index)
            summary.rescored += 1
            index.learn(
                _as_document(asdict(self._joined(row, result))),
                copy_key(row["item_id"]),
                result,
                self.settings.grow_corpus,
            )
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
            if dry_run:
                continue
            self._record_change(row, result, old, active, len(index.documents))
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
        corpus: int,
    ) -> None:
        item_id = row["item_id"]
        document_id = flagged_document_id(item_id)
        events: list[Any] = [self._assessed(row, result, corpus)]
        appends: list[tuple[str, list[Any]]] = []
        if result.verdict == "update" and old != "update":
            if not _is_baseline(row, result):
                events.append(self._flagged(row, result))
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
