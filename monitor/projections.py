"""The monitor's read models: disposable tables rebuilt from events at any time."""

from __future__ import annotations

import sqlite_utils

from events import RecordedEvent
from monitor.events import REGISTRY, CorpusDocumentAdded, CorpusDocumentRemoved


class CorpusProjection:
    """``corpus_documents``: the reference corpus as it stands, one row per document."""

    name = "corpus"
    version = 1
    event_types = ("CorpusDocumentAdded", "CorpusDocumentRemoved")

    def setup(self, db: sqlite_utils.Database) -> None:
        """Create the table."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS corpus_documents ("
            "document_id TEXT PRIMARY KEY, origin TEXT, title TEXT, language TEXT, "
            "source TEXT, url TEXT, published TEXT, content_hash TEXT, text TEXT, "
            "added_at TEXT, added_position INTEGER, removed_at TEXT)"
        )

    def drop(self, db: sqlite_utils.Database) -> None:
        """Drop the table."""
        db.execute("DROP TABLE IF EXISTS corpus_documents")

    def handle(self, db: sqlite_utils.Database, recorded: RecordedEvent) -> None:
        """Add or remove a document."""
        event = REGISTRY.decode(recorded)
        if isinstance(event, CorpusDocumentAdded):
            db.execute(
                "INSERT OR REPLACE INTO corpus_documents VALUES (?,?,?,?,?,?,?,?,?,?,?,NULL)",
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
                ),
            )
        elif isinstance(event, CorpusDocumentRemoved):
            db.execute(
                "UPDATE corpus_documents SET removed_at = ? WHERE document_id = ?",
                (recorded.recorded_at, event.document_id),
            )


def all_projections() -> list[CorpusProjection]:
    """Every read model of the monitor, for the projection runner."""
    return [CorpusProjection()]
