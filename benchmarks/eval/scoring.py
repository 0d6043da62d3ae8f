"""Running the stream through the assessment and scoring the verdicts (no I/O)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from benchmarks.eval.dataset import VERDICTS, Case
from monitor.assess import Assessment, CorpusDocument, CorpusIndex, Thresholds, assess
from monitor.assess.embedding import Embedder, Vectors
from monitor.seeds import SeedDocument


class CachedEmbedder:
    """An embedder that remembers each sentence's vector, so calibration runs are cheap."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.languages = inner.languages
        self._cache: dict[str, Vectors] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Vectors of the texts, computing only those not seen before."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for text, vector in zip(missing, self.inner.embed(missing), strict=True):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.vstack([self._cache[t] for t in texts])


def seed_index(seeds: Sequence[SeedDocument], embedder: Embedder) -> CorpusIndex:
    """The corpus index of the seed documents alone."""
    index = CorpusIndex(embedder)
    index.add([CorpusDocument.from_seed(s) for s in seeds])
    return index


def precision_recall_f1(hits: int, called: int, actual: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from the hits, what was called, and what there was to find."""
    precision = hits / called if called else 0.0
    recall = hits / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(frozen=True)
class StreamArticle:
    """An article of a stream, as ``assess`` reads it."""

    id: str
    title: str
    text: str
    published: str
    language_hint: str = ""


def assess_in_order(
    articles: Sequence[StreamArticle],
    seeds: Sequence[SeedDocument],
    embedder: Embedder,
    thresholds: Thresholds,
) -> list[Assessment]:
    """Assess articles in order, as the monitor does: updates join the corpus."""
    index = seed_index(seeds, embedder)
    results = []
    for article in articles:
        result = assess(
            article.text,
            index,
            title=article.title,
            language_hint=article.language_hint,
            published=article.published,
            thresholds=thresholds,
        )
        results.append(result)
        document = CorpusDocument(
            article.id, article.title, result.language, article.text, article.published
        )
        index.learn(document, article.id, result, grow=True)
    return results


def run_stream(
    cases: Sequence[Case],
    seeds: Sequence[SeedDocument],
    embedder: Embedder,
    thresholds: Thresholds,
) -> list[Assessment]:
    """The evaluation set in order (its language labels are not given as hints)."""
    articles = [StreamArticle(c.id, c.title, c.text, c.published) for c in cases]
    return assess_in_order(articles, seeds, embedder, thresholds)


@dataclass
class Scores:
    """Precision, recall and F1 of ``update``, the confusion matrix and recall per language."""

    articles: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    accuracy: float = 0.0
    duplicates_flagged: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    recall_by_language: dict[str, tuple[int, int]] = field(default_factory=dict)
    errors: list[tuple[str, str, str]] = field(default_factory=list)


def score(cases: Sequence[Case], results: Sequence[Assessment]) -> Scores:
    """Score verdicts against labels."""
    confusion = {label: dict.fromkeys(VERDICTS, 0) for label in VERDICTS}
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for case, result in zip(cases, results, strict=True):
        confusion[case.label][result.verdict] += 1
        if case.label == "update":
            totals[case.language] += 1
            hits[case.language] += result.verdict == "update"
    tp = confusion["update"]["update"]
    flagged = sum(confusion[label]["update"] for label in VERDICTS)
    actual = sum(confusion["update"].values())
    precision, recall, f1 = precision_recall_f1(tp, flagged, actual)
    correct = sum(confusion[v][v] for v in VERDICTS)
    return Scores(
        articles=len(cases),
        precision=precision,
        recall=recall,
        f1=f1,
        accuracy=correct / len(cases) if cases else 0.0,
        duplicates_flagged=confusion["duplicate"]["update"],
        confusion=confusion,
        recall_by_language={lang: (hits[lang], totals[lang]) for lang in sorted(totals)},
        errors=[
            (case.id, case.label, result.verdict)
            for case, result in zip(cases, results, strict=True)
            if case.label != result.verdict
        ],
    )
