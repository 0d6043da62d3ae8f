"""Real 2023 feed entries (../shared/data/realnews-2023): relevance as ``monitor check`` judges it.

Each labelled entry of the development half is judged on its own against the
seed corpus, as ``monitor check --published DATE`` does: the feed's title and
text are the article (pages are not reachable here), an entry with no text is
judged on its title. Positives are the entries whose subject is the AI Act
(``aiact``); passing mentions (``mention``) and the rest (``other``) are
negatives, and the share of passing mentions called relevant is reported
apart. Only the development half's labels are in the repository: tune on it,
and expect the hidden half to be measured.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.eval.scoring import precision_recall_f1, seed_index
from monitor.assess import Assessment, Embedder, Thresholds, assess
from monitor.seeds import SeedDocument

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "realnews-2023"


@dataclass(frozen=True)
class Entry:
    """One real feed entry with its label (empty where it has none)."""

    id: str
    title: str
    summary: str
    published: str
    source: str
    language: str
    pool: str
    relevance: str = ""
    development: str = ""
    copy_of: str = ""

    @property
    def text(self) -> str:
        """The article as the feed carried it: its text, else its title."""
        return self.summary or self.title


def load_entries(folder: Path = DATA) -> list[Entry]:
    """All entries, labelled or not, in the order of publication."""
    labels = json.loads((folder / "labels-dev.json").read_text(encoding="utf-8"))["labels"]
    entries = []
    with (folder / "entries.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            raw = json.loads(line)
            label = labels.get(raw["id"], {})
            entries.append(
                Entry(
                    id=raw["id"],
                    title=raw["title"],
                    summary=raw.get("summary") or "",
                    published=raw.get("published") or "",
                    source=raw.get("source") or "",
                    language=raw.get("language") or raw.get("feed_language") or "",
                    pool=raw.get("pool") or "",
                    relevance=label.get("relevance", ""),
                    development=label.get("development", ""),
                    copy_of=label.get("copy_of", ""),
                )
            )
    entries.sort(key=lambda e: (e.published, e.id))
    return entries


@dataclass
class RelevanceScores:
    """Relevance per item: precision, recall and F1 of ``aiact``, and where it goes wrong."""

    entries: int = 0
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    mentions: int = 0
    mentions_relevant: int = 0
    recall_by_language: dict[str, list[int]] = field(default_factory=dict)
    recall_by_pool: dict[str, list[int]] = field(default_factory=dict)
    false_positive_by_pool: dict[str, int] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)
    title_only: list[int] = field(default_factory=lambda: [0, 0])
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def _prf(self) -> tuple[float, float, float]:
        return precision_recall_f1(
            self.true_positive,
            self.true_positive + self.false_positive,
            self.true_positive + self.false_negative,
        )

    @property
    def precision(self) -> float:
        return self._prf()[0]

    @property
    def recall(self) -> float:
        return self._prf()[1]

    @property
    def f1(self) -> float:
        return self._prf()[2]

    @property
    def mention_rate(self) -> float:
        return self.mentions_relevant / self.mentions if self.mentions else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "mentions_called_relevant": [self.mentions_relevant, self.mentions],
            "recall_by_language": self.recall_by_language,
            "recall_by_pool": self.recall_by_pool,
            "false_positive_by_pool": self.false_positive_by_pool,
            "recall_title_only": self.title_only,
            "verdicts": self.verdicts,
        }


def judge_each(
    entries: Sequence[Entry],
    seeds: Sequence[SeedDocument],
    embedder: Embedder,
    thresholds: Thresholds,
) -> list[Assessment]:
    """Each entry judged alone against the seed corpus (the corpus does not grow)."""
    index = seed_index(seeds, embedder)
    return [
        assess(
            e.text,
            index,
            title=e.title,
            language_hint=e.language,
            published=e.published,
            thresholds=thresholds,
        )
        for e in entries
    ]


def score_relevance(entries: Sequence[Entry], results: Sequence[Assessment]) -> RelevanceScores:
    """Relevance per item against the labels (unlabelled entries are skipped)."""
    scores = RelevanceScores()
    verdicts: Counter[str] = Counter()
    for entry, result in zip(entries, results, strict=True):
        if not entry.relevance:
            continue
        scores.entries += 1
        verdicts[result.verdict] += 1
        positive = entry.relevance == "aiact"
        called = result.relevant
        if positive:
            for table, key in (
                (scores.recall_by_language, entry.language),
                (scores.recall_by_pool, entry.pool),
            ):
                hits = table.setdefault(key, [0, 0])
                hits[0] += int(called)
                hits[1] += 1
            if not entry.summary:
                scores.title_only[0] += int(called)
                scores.title_only[1] += 1
        if positive and called:
            scores.true_positive += 1
        elif positive:
            scores.false_negative += 1
            scores.missed.append(entry.id)
        elif called:
            scores.false_positive += 1
            scores.false_alarms.append(entry.id)
            pool = scores.false_positive_by_pool
            pool[entry.pool] = pool.get(entry.pool, 0) + 1
        if entry.relevance == "mention":
            scores.mentions += 1
            scores.mentions_relevant += int(called)
    scores.verdicts = dict(verdicts)
    return scores
