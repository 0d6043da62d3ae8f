"""Changing the reference corpus by hand: add a document, remove one, list them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from monitor.app import Monitor
from monitor.assess.text import detect_language
from monitor.errors import CorpusError
from monitor.events import CorpusDocumentAdded, CorpusDocumentRemoved, corpus_stream
from monitor.seeds import content_hash

ORIGINS = ("seed", "flagged", "manual")


@dataclass(frozen=True)
class CorpusAddOutcome:
    """What adding a document did."""

    document_id: str
    added: bool
    language: str
    reason: str = ""


def corpus_rows(app: Monitor, include_removed: bool = False) -> list[dict[str, Any]]:
    """The corpus documents in the order they joined (without their texts)."""
    where = "" if include_removed else "WHERE removed_at IS NULL"
    rows = app.query(
        "SELECT document_id, origin, title, language, source, url, published, "
        "length(text) AS chars, added_at, removed_at FROM corpus_documents "
        f"{where} ORDER BY added_position"
    )
    return rows


def add_document(
    app: Monitor,
    text: str,
    *,
    title: str = "",
    language: str = "",
    published: str = "",
    url: str = "",
    source: str = "",
) -> CorpusAddOutcome:
    """Add a text to the corpus by hand; the same text twice is one document."""
    if not text.strip():
        raise CorpusError("the document has no text")
    digest = content_hash(text)
    document_id = f"manual-{digest[:16]}"
    language = language or detect_language(f"{title}\n{text}").code
    existing = app.query(
        "SELECT document_id, removed_at FROM corpus_documents WHERE content_hash = ? "
        "ORDER BY removed_at IS NOT NULL LIMIT 1",
        (digest,),
    )
    if existing and existing[0]["removed_at"] is None:
        return CorpusAddOutcome(existing[0]["document_id"], False, language, "already there")
    event = CorpusDocumentAdded(
        document_id=document_id,
        origin="manual",
        title=title or text.strip().splitlines()[0][:120],
        language=language,
        text=text,
        content_hash=digest,
        source=source,
        url=url,
        published=published,
    )
    app.record([(corpus_stream(document_id), [event])])
    return CorpusAddOutcome(document_id, True, language)


def remove_document(app: Monitor, document_id: str, reason: str = "") -> dict[str, Any]:
    """Take a document out of the corpus; its events stay in the log."""
    rows = app.query(
        "SELECT document_id, title, removed_at FROM corpus_documents WHERE document_id = ?",
        (document_id,),
    )
    if not rows:
        raise CorpusError(f"no corpus document {document_id!r} (see `monitor corpus list`)")
    if rows[0]["removed_at"] is not None:
        raise CorpusError(f"corpus document {document_id} was already removed")
    app.record(
        [(corpus_stream(document_id), [CorpusDocumentRemoved(document_id, reason or "by hand")])]
    )
    return rows[0]
