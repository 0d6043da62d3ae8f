"""Readers' corrections as data: how the current settings judge the articles people corrected.

``python -m benchmarks.eval --feedback STORE`` replays a store's articles in
their order with the current corpus and settings (as ``monitor rescore
--dry-run`` does, recording nothing), and for each article a reader corrected
compares the judgement with the correction: how many the monitor would now get
right, the confusion of what the readers said against what it says, and the
precision and recall of ``update`` taking the readers' word as the truth.
Run it with other settings (``MONITOR_CONFIG``, ``MONITOR_ASSESSMENT__…``) to
see whether a change of thresholds would agree with the readers more.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from monitor.app import Monitor
from monitor.assess import Assessor
from monitor.settings import Settings, load_settings


@dataclass
class FeedbackScores:
    """The current judgement against readers' corrections (stable keys for --json)."""

    corrected: int = 0
    agree: int = 0
    #: "correction -> verdict now": how many.
    confusion: dict[str, int] = field(default_factory=dict)
    update_precision: float | None = None
    update_recall: float | None = None
    disagreements: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def score_feedback(app: Monitor) -> FeedbackScores:
    """Replay the store and compare each corrected article's judgement with its correction."""
    corrections = {
        row["item_id"]: row
        for row in app.query(
            "SELECT item_id, corrected, verdict, nearest_document_id FROM assessments "
            "WHERE corrected IS NOT NULL"
        )
    }
    scores = FeedbackScores(corrected=len(corrections))
    if not corrections:
        return scores
    confusion: Counter[str] = Counter()
    flagged_right = flagged = wanted = 0
    for replayed in Assessor(app).replay():
        said = corrections.get(replayed.row["item_id"])
        if said is None:
            continue
        now = replayed.judged
        right = now.verdict == said["verdict"] and (
            said["corrected"] != "same-story"
            or now.nearest_document_id == said["nearest_document_id"]
        )
        scores.agree += int(right)
        confusion[f"{said['corrected']} -> {now.verdict}"] += 1
        wanted += int(said["verdict"] == "update")
        flagged += int(now.verdict == "update")
        flagged_right += int(now.verdict == "update" and said["verdict"] == "update")
        if not right:
            scores.disagreements.append(
                {
                    "item_id": said["item_id"],
                    "title": replayed.row.get("title") or "",
                    "correction": said["corrected"],
                    "verdict_now": now.verdict,
                    "reason_now": now.reasons[0] if now.reasons else "",
                }
            )
    scores.confusion = dict(sorted(confusion.items()))
    scores.update_precision = _ratio(flagged_right, flagged)
    scores.update_recall = _ratio(flagged_right, wanted)
    return scores


def feedback_settings(store: Path) -> Settings:
    """The current settings (file and environment) on the given store."""
    return load_settings(overrides={"store.path": str(store)})


def print_feedback(scores: FeedbackScores, store: Path) -> None:
    """The scores for people."""
    print(f"readers' corrections in {store}: {scores.corrected}")
    if not scores.corrected:
        return
    share = scores.agree / scores.corrected
    print(f"  the current settings agree with {scores.agree} of them ({share:.0%})")
    for pair, count in scores.confusion.items():
        print(f"  {pair}: {count}")
    print(
        f"  update, the readers' word as truth: precision {scores.update_precision}, "
        f"recall {scores.update_recall}"
    )
    for miss in scores.disagreements:
        print(
            f"  - {miss['title'] or miss['item_id']}: said {miss['correction']}, now "
            f"{miss['verdict_now']} ({miss['reason_now']})"
        )
