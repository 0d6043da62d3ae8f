"""The monitor's events: facts about feeds, articles and the corpus, in the past tense.

Type names and payload keys are stable once released. A change of shape bumps
``schema_version`` and registers an upcaster in ``REGISTRY``; a rename adds an alias.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from events import Event, EventRegistry

REGISTRY = EventRegistry()


@REGISTRY.register
@dataclass(frozen=True)
class CorpusDocumentAdded(Event):
    """A document joined the reference corpus (from the seeds, a flagged article, or by hand)."""

    document_id: str
    origin: str  # "seed", "flagged" or "manual"
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
