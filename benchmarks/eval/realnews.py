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
from typing import Any, Protocol

from benchmarks.eval.scoring import (
    StreamArticle,
    assess_in_order,
    precision_recall_f1,
    seed_index,
)
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


@dataclass
class StreamScores:
    """The entries read as one stream in publication order, the corpus growing with each flag."""

    flags: int = 0
    false_alarms: int = 0
    copies_flagged: int = 0
    developments: dict[str, int] = field(default_factory=dict)
    reports: dict[str, int] = field(default_factory=dict)
    known: int = 0
    known_right: int = 0
    # Only ``known`` verdicts naming a labelled entry can be checked (the other half
    # of the entries is in the stream, its labels are not here).
    known_labelled: int = 0
    # Seeds carry no development label: a ``known`` naming one cannot be checked here.
    known_seed: int = 0

    @property
    def false_alarm_share(self) -> float:
        return self.false_alarms / self.flags if self.flags else 0.0

    def missed_developments(self, least_reports: int = 3) -> list[str]:
        """Developments with at least ``least_reports`` labelled reports never flagged."""
        big = [d for d, n in self.reports.items() if n >= least_reports]
        return sorted(d for d in big if not self.developments.get(d))

    def development_recall(self, least_reports: int = 3) -> tuple[int, int]:
        """Developments with at least ``least_reports`` labelled reports flagged at least once."""
        big = [d for d, n in self.reports.items() if n >= least_reports]
        return sum(self.developments.get(d, 0) > 0 for d in big), len(big)

    def to_dict(self) -> dict[str, Any]:
        hit, total = self.development_recall()
        flagged = [n for n in self.developments.values() if n]
        return {
            "flags": self.flags,
            "false_alarms": self.false_alarms,
            "false_alarm_share": round(self.false_alarm_share, 3),
            "copies_flagged": self.copies_flagged,
            "developments_with_3_reports_flagged": [hit, total],
            "updates_per_flagged_development": round(sum(flagged) / len(flagged), 2)
            if flagged
            else 0.0,
            "known_naming_the_same_development": [self.known_right, self.known],
            "known_naming_a_labelled_entry": self.known_labelled,
            "known_naming_a_seed": self.known_seed,
        }


def judge_stream(
    entries: Sequence[Entry],
    seeds: Sequence[SeedDocument],
    embedder: Embedder,
    thresholds: Thresholds,
) -> list[Assessment]:
    """Every entry in publication order, updates joining the corpus, as the poller does."""
    articles = [StreamArticle(e.id, e.title, e.text, e.published, e.language) for e in entries]
    return assess_in_order(articles, seeds, embedder, thresholds)


def _copy_flagged(entry: Entry, by_id: dict[str, Entry], verdict_of: dict[str, str]) -> bool:
    """Whether a flag on ``entry`` flags a syndicated copy.

    A copy published the same second as its original may stand in for it: which of
    the two is first is then a matter of which feed was read first, and what must
    not happen is that both are flagged.
    """
    if not entry.copy_of:
        return False
    original = by_id.get(entry.copy_of)
    if original is None or original.published != entry.published:
        return True
    return verdict_of.get(original.id) != "duplicate"


def seeded_developments(folder: Path = DATA) -> set[str]:
    """Developments the seed corpus already reports: their reports are known, not news."""
    meta = json.loads((folder / "labels-dev.json").read_text(encoding="utf-8"))["developments"]
    return {name for name, about in meta.items() if about.get("in_seed")}


class Judged(Protocol):
    """What scoring a stream reads of a verdict: an ``Assessment``, or one read from a store."""

    @property
    def verdict(self) -> str: ...

    @property
    def nearest_document_id(self) -> str: ...


def score_stream(
    entries: Sequence[Entry], results: Sequence[Judged], seeded: set[str] | None = None
) -> StreamScores:
    """Flags, false alarms, developments reached and ``known`` attribution, on labelled entries.

    A development the seeds already report (``seeded``; by default the labels say which)
    is left out of the developments to reach.
    """
    scores = StreamScores()
    seeded = seeded_developments() if seeded is None else seeded
    development_of = {e.id: e.development for e in entries if e.development}
    labelled = {e.id for e in entries if e.relevance}
    by_id = {e.id: e for e in entries}
    verdict_of = {e.id: r.verdict for e, r in zip(entries, results, strict=True)}
    for entry, result in zip(entries, results, strict=True):
        if not entry.relevance:
            continue
        news = (
            entry.development
            and not entry.development.startswith("bg-")
            and entry.development not in seeded
        )
        if news:
            scores.reports[entry.development] = scores.reports.get(entry.development, 0) + 1
        if result.verdict == "update":
            scores.flags += 1
            scores.false_alarms += int(entry.relevance != "aiact")
            scores.copies_flagged += int(_copy_flagged(entry, by_id, verdict_of))
            if news:
                count = scores.developments.get(entry.development, 0)
                scores.developments[entry.development] = count + 1
        elif result.verdict == "known" and entry.relevance == "aiact":
            scores.known += 1
            nearest = development_of.get(result.nearest_document_id, "")
            scores.known_right += int(bool(nearest) and nearest == entry.development)
            scores.known_labelled += int(result.nearest_document_id in labelled)
            scores.known_seed += int(result.nearest_document_id.startswith("seed-"))
    return scores
