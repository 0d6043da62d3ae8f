"""Assessing stored articles: the corpus as an index, verdicts recorded as events.

Articles are assessed in the order they were extracted, one at a time, so that
first-story detection is the same on every replay: the first report of a
development is the update, and it joins the corpus; later ones are known.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from loguru import logger

from monitor.app import Monitor
from monitor.assess import Assessment, CorpusDocument, CorpusIndex, Thresholds, assess
from monitor.corpus import content_hash
from monitor.embedding import Embedder, default_embedder
from monitor.events import (
    ArticleAssessed,
    CorpusDocumentAdded,
    UpdateFlagged,
    corpus_stream,
    item_stream,
)
from monitor.settings import AssessmentSettings


def thresholds_from(settings: AssessmentSettings) -> Thresholds:
    """The assessment's thresholds as configured."""
    return Thresholds(
        relevant=settings.relevant,
        known_story=settings.known_story,
        novel_sentence=settings.novel_sentence,
        novel_share_for_update=settings.novel_share_for_update,
        duplicate_containment=settings.duplicate_containment,
        window_days=settings.window_days,
    )


@dataclass
class AssessSummary:
    """What an assessment run did (stable keys for --json)."""

    assessed: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    flagged: list[dict[str, str]] = field(default_factory=list)

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
        rows = self.app.query(
            "SELECT document_id, title, language, text, published FROM corpus_documents "
            "WHERE removed_at IS NULL ORDER BY added_position"
        )
        removed = self._indexed - {r["document_id"] for r in rows}
        if removed:
            # Rare (corpus remove): start the index again rather than edit matrices.
            self.index = CorpusIndex(self.index.embedder)
            self._indexed.clear()
            self._copies.clear()
        fresh = [
            CorpusDocument(
                r["document_id"],
                r["title"] or "",
                r["language"] or "",
                r["text"] or "",
                r["published"] or "",
            )
            for r in rows
            if r["document_id"] not in self._indexed
        ]
        if fresh:
            self.index.add(fresh)
            self._indexed.update(d.document_id for d in fresh)
        return len(fresh)

    def _index_earlier_articles(self) -> None:
        """Earlier relevant articles, for copies across feeds (once per assessor)."""
        if self._copies:
            return
        since = (datetime.now(UTC) - timedelta(days=self.settings.window_days)).isoformat()
        rows = self.app.query(
            "SELECT a.item_id, a.title, a.text FROM articles a JOIN assessments s "
            "ON s.item_id = a.item_id WHERE s.relevant = 1 AND s.verdict != 'duplicate' "
            "AND a.extracted_at >= ?",
            (since,),
        )
        for row in rows:
            self.index.add_copy_source(f"item:{row['item_id']}", row["title"] or "", row["text"])
            self._copies.add(row["item_id"])

    def judge(self, article: dict[str, Any]) -> Assessment:
        """Assess one stored article (a row of ``articles``) without recording anything."""
        return assess(
            article["text"] or "",
            self.index,
            title=article.get("title") or "",
            language_hint=article.get("language") or "",
            published=article.get("published") or article.get("extracted_at") or "",
            thresholds=self.thresholds,
        )

    def record(self, article: dict[str, Any], result: Assessment) -> None:
        """Record the verdict; an update is flagged and joins the corpus."""
        item_id = article["item_id"]
        data = result.to_dict()
        assessed = ArticleAssessed(
            item_id=item_id,
            verdict=result.verdict,
            language=result.language,
            relevance=result.relevance,
            relevant=result.relevant,
            reasons=list(result.reasons),
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
            corpus_documents=len(self.index.documents),
        )
        events: list[Any] = [assessed]
        appends: list[tuple[str, list[Any]]] = []
        if result.verdict == "update":
            events.append(
                UpdateFlagged(
                    item_id=item_id,
                    title=article.get("title") or "",
                    url=article.get("final_url") or article.get("url") or "",
                    language=result.language,
                    published=article.get("published") or "",
                    follows_document_id=result.nearest_document_id,
                    follows_title=result.nearest_title,
                    similarity=result.similarity,
                    novel_sentences=data["novel_sentences"],
                    reasons=list(result.reasons),
                    feed_id=article.get("feed_id") or "",
                )
            )
            if self.settings.grow_corpus:
                document_id = f"item-{item_id}"
                added = CorpusDocumentAdded(
                    document_id=document_id,
                    origin="flagged",
                    title=article.get("title") or "",
                    language=result.language,
                    text=article["text"],
                    content_hash=content_hash(article["text"]),
                    url=article.get("final_url") or article.get("url") or "",
                    published=article.get("published") or "",
                )
                appends.append(
                    (
                        corpus_stream(document_id),
                        [added.to_new(idempotency_key=f"corpus-flagged:{item_id}")],
                    )
                )
        self.app.record([(item_stream(item_id), events), *appends])
        if result.relevant and result.verdict != "duplicate":
            self.index.add_copy_source(
                f"item:{item_id}", article.get("title") or "", article["text"]
            )
            self._copies.add(item_id)

    def assess_pending(self, limit: int | None = None) -> AssessSummary:
        """Assess every extracted article that has no assessment yet, oldest first."""
        summary = AssessSummary()
        counts: Counter[str] = Counter()
        rows = self.app.query(
            "SELECT a.*, i.feed_id FROM articles a JOIN items i ON i.item_id = a.item_id "
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
                summary.flagged.append({"item_id": row["item_id"], "title": row["title"] or ""})
                logger.bind(item=row["item_id"]).info(f"update flagged: {row['title']}")
            counts[result.verdict] += 1
        summary.assessed = len(rows)
        summary.verdicts = dict(counts)
        return summary
