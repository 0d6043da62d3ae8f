"""A reader's correction of a verdict, recorded as events that the read models and corpus follow.

A correction is a fact (``VerdictCorrected``) and brings what a verdict of its
kind brings: an article marked an update is flagged and joins the corpus, as a
flagged one would; one marked not an update, not about the AI Act or a report
of a known story is withdrawn and leaves the corpus. ``rescore`` keeps a
corrected verdict, and the next digest shows what the correction left.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal, get_args

from events import Event, RecordedEvent
from monitor.app import Monitor
from monitor.assess.assessor import flagged_document_id, joined_document, update_flagged
from monitor.errors import MonitorError
from monitor.events import (
    REGISTRY,
    ArticleAssessed,
    CorpusDocumentRemoved,
    UpdateFlagged,
    UpdateWithdrawn,
    VerdictCorrected,
    corpus_stream,
    item_stream,
)

Correction = Literal["update", "not-update", "irrelevant", "same-story"]
CORRECTIONS: tuple[str, ...] = get_args(Correction)

#: The verdict each correction makes.
VERDICT_OF: dict[str, str] = {
    "update": "update",
    "not-update": "known",
    "irrelevant": "irrelevant",
    "same-story": "known",
}

#: The correction's reason, in the words a reader would use.
SAID: dict[str, str] = {
    "update": "an update",
    "not-update": "not an update",
    "irrelevant": "not about the AI Act",
    "same-story": "the same story as {story}",
}


class CorrectionError(MonitorError):
    """A correction that cannot be made: an unknown article, story or kind."""


@dataclass(frozen=True)
class CorrectionReport:
    """What a correction did (stable keys for --json)."""

    item_id: str
    correction: str
    verdict: str
    previous_verdict: str
    story_document_id: str
    changed: bool
    flagged: bool
    withdrawn: bool
    joined_corpus: bool
    left_corpus: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


@dataclass(frozen=True)
class ItemState:
    """What an item's stream says of it now: its assessment, latest correction and flag."""

    assessed: ArticleAssessed | None
    corrected: VerdictCorrected | None
    flagged: bool
    version: int

    @property
    def verdict(self) -> str:
        """The verdict that holds: the latest correction's, else the latest assessment's."""
        if self.corrected is not None:
            return self.corrected.verdict
        return self.assessed.verdict if self.assessed is not None else ""


def item_state(recorded: Sequence[RecordedEvent]) -> ItemState:
    """Fold an item's events into what holds now (a pure function of the stream)."""
    assessed: ArticleAssessed | None = None
    corrected: VerdictCorrected | None = None
    flagged = False
    for event in recorded:
        decoded = REGISTRY.decode(event)
        if isinstance(decoded, ArticleAssessed):
            assessed = decoded
        elif isinstance(decoded, VerdictCorrected):
            corrected = decoded
        elif isinstance(decoded, UpdateFlagged):
            flagged = True
        elif isinstance(decoded, UpdateWithdrawn):
            flagged = False
    version = recorded[-1].stream_version if recorded else 0
    return ItemState(assessed, corrected, flagged, version)


def reason_of(correction: str, story_title: str, by: str, note: str) -> str:
    """The correction in one sentence: "marked not an update by ana: a re-run"."""
    said = SAID[correction].format(story=f"“{story_title}”" if story_title else "a known story")
    return f"marked {said} by {by or 'a reader'}" + (f": {note}" if note else "")


def correct_verdict(
    app: Monitor,
    item_id: str,
    correction: str,
    *,
    story: str = "",
    note: str = "",
    by: str = "",
) -> CorrectionReport:
    """Record a reader's correction of an article's verdict, with what it brings."""
    if correction not in CORRECTIONS:
        raise CorrectionError(
            f"unknown correction {correction!r}; expected one of {', '.join(CORRECTIONS)}"
        )
    if (correction == "same-story") != bool(story):
        raise CorrectionError(
            "same-story needs the story's corpus document (see `monitor corpus list`)"
            if correction == "same-story"
            else f"a story is given only with same-story, not with {correction}"
        )
    by = by or _reader()
    article = _article(app, item_id)
    story_title = _story_title(app, story) if story else ""
    verdict = VERDICT_OF[correction]
    reason = reason_of(correction, story_title, by, note)
    stream = item_stream(item_id)
    document_id = flagged_document_id(item_id)
    with app.store.transaction():
        state = item_state(app.store.read_stream(stream))
        if state.assessed is None:
            raise CorrectionError(
                f"item {item_id} is not assessed yet; run `monitor poll` (or wait for the daemon)"
            )
        previous = state.verdict
        latest = state.corrected
        if latest is not None and (latest.correction, latest.story_document_id) == (
            correction,
            story,
        ):
            return CorrectionReport(
                item_id, correction, verdict, previous, story, False, False, False, False, False,
                reason,
            )  # fmt: skip
        in_corpus = _in_corpus(app, document_id)
        events: list[Event] = [
            VerdictCorrected(item_id, correction, verdict, previous, story, story_title, note, by)
        ]
        appends: list[tuple[str, Sequence[Event]]] = []
        flag = verdict == "update" and not state.flagged
        withdraw = verdict != "update" and state.flagged
        join = verdict == "update" and not in_corpus and app.settings.assessment.grow_corpus
        leave = verdict != "update" and in_corpus
        if flag:
            new_story = not state.assessed.nearest_document_id
            reasons = [reason, *state.assessed.reasons]
            events.append(
                update_flagged(article, state.assessed, new_story=new_story, reasons=reasons)
            )
        if withdraw:
            events.append(UpdateWithdrawn(item_id, verdict, reason))
        if join:
            joined = joined_document(article, state.assessed.language, "flagged")
            appends.append((corpus_stream(document_id), [joined]))
        if leave:
            appends.append(
                (corpus_stream(document_id), [CorpusDocumentRemoved(document_id, reason)])
            )
        app.record([(stream, events), *appends], expected={stream: state.version})
    return CorrectionReport(
        item_id, correction, verdict, previous, story, True, flag, withdraw, join, leave, reason
    )


def corrections_in(stream: Sequence[RecordedEvent]) -> list[dict[str, Any]]:
    """Every correction in an item's events, oldest first, with who and when."""
    found = []
    for recorded in stream:
        event = REGISTRY.decode(recorded)
        if isinstance(event, VerdictCorrected):
            when = {"recorded_at": recorded.recorded_at, "position": recorded.position}
            found.append({**event.to_payload(), **when})
    return found


def _reader() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container's numeric user)
        return ""


def _article(app: Monitor, item_id: str) -> dict[str, Any]:
    rows = app.query(
        "SELECT a.*, i.feed_id, i.backlog FROM articles a JOIN items i USING (item_id) "
        "WHERE a.item_id = ?",
        (item_id,),
    )
    if not rows:
        raise CorrectionError(f"no article {item_id!r} in the store (see `monitor updates`)")
    return rows[0]


def _story_title(app: Monitor, document_id: str) -> str:
    rows = app.query(
        "SELECT title FROM corpus_documents WHERE document_id = ? AND removed_at IS NULL",
        (document_id,),
    )
    if not rows:
        raise CorrectionError(f"no story {document_id!r} in the corpus (see `monitor corpus list`)")
    return str(rows[0]["title"] or document_id)


def _in_corpus(app: Monitor, document_id: str) -> bool:
    return bool(
        app.query(
            "SELECT 1 FROM corpus_documents WHERE document_id = ? AND removed_at IS NULL",
            (document_id,),
        )
    )
