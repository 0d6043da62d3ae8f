"""Fit the same-story model on pairs of the labelled real 2023 entries, with cross-validation.

    python -m benchmarks.eval.story_model            # cross-validated figures only
    python -m benchmarks.eval.story_model --write    # and write the shipped model

Every labelled AI Act entry that reports a development (not the ``bg-*``
explainers) is read as ``monitor check`` reads it and compared, through the
assessment's own ``candidates``, with the labelled AI Act entries published
before it within the window (each indexed as a corpus document). A pair is
positive when both report the same development. The model is fitted by
L2-regularised logistic regression with non-negative weights (every feature is
evidence for the same story); cross-validation is grouped by article (5 folds,
5 repeats), so no article is scored by a model that saw it. Besides pairwise
precision and recall it reports attribution: of the articles whose best
candidate passes 0.5, how often that candidate is of the same development,
against the rule it replaces (similarity >= 0.80 or aligned share >= 0.4).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from datetime import date

import numpy as np

from benchmarks.eval import realnews
from benchmarks.eval.logistic_fit import Matrix, fit
from benchmarks.eval.scoring import CachedEmbedder, precision_recall_f1
from monitor.assess import CorpusDocument, CorpusIndex, Thresholds, default_embedder
from monitor.assess.decision import _in_window, candidates, read_article
from monitor.assess.entities import named_things
from monitor.assess.logistic import LogisticModel
from monitor.assess.story import MODEL_FILE, STORY_FEATURES, StoryModel


@dataclass(frozen=True)
class Pair:
    """An article, an earlier entry it might re-tell, the model's inputs and the label."""

    article: str
    candidate: str
    features: dict[str, float]
    similarity: float
    aligned_share: float
    same: bool


def pairs() -> list[Pair]:
    """Every labelled news entry against the labelled AI Act entries before it."""
    embedder = CachedEmbedder(default_embedder())
    thresholds = Thresholds()
    entries = [e for e in realnews.load_entries() if e.relevance == "aiact"]
    index = CorpusIndex(embedder)
    development: dict[str, str] = {}
    found: list[Pair] = []
    for entry in entries:
        reading = read_article(entry.text, index, title=entry.title, language_hint=entry.language)
        news = not entry.development.startswith("bg-")
        if (
            news
            and len(index.documents)
            and reading.doc_vector is not None
            and reading.vectors is not None
        ):
            window = _in_window(index, entry.published, thresholds.window_days)
            day = date.fromisoformat(entry.published[:10]).toordinal()
            found_here, _ = candidates(
                index,
                reading.doc_vector,
                reading.vectors,
                window,
                thresholds,
                day=day,
                things=named_things(reading.body, reading.language),
            )
            for c in found_here:
                other = index.documents[c.document].document_id
                found.append(
                    Pair(
                        entry.id,
                        other,
                        c.features,
                        c.similarity,
                        c.aligned_share,
                        development[other] == entry.development,
                    )
                )
        index.add(
            [
                CorpusDocument(
                    entry.id, entry.title, reading.language, entry.text, entry.published, "flagged"
                )
            ]
        )
        development[entry.id] = entry.development
    return found


def _matrix(items: list[Pair]) -> Matrix:
    return np.array([[1.0, *(p.features[n] for n in STORY_FEATURES)] for p in items])


def _attribution(items: list[Pair], scores: Matrix) -> tuple[int, int]:
    """Articles whose best candidate passes 0.5, and how many of those are right."""
    best: dict[str, tuple[float, bool]] = {}
    for pair, score in zip(items, scores, strict=True):
        if pair.article not in best or score > best[pair.article][0]:
            best[pair.article] = (float(score), pair.same)
    called = [same for score, same in best.values() if score >= 0.5]
    return sum(called), len(called)


def cross_validate(items: list[Pair], l2: float, repeats: int = 5) -> dict[str, float]:
    """Grouped by article: pairwise precision, recall, F1 and attribution, averaged."""
    x, y = _matrix(items), np.array([p.same for p in items], dtype=float)
    articles = sorted({p.article for p in items})
    rng = np.random.default_rng(2023)
    rows = []
    for _ in range(repeats):
        fold_of = dict(zip(articles, rng.permutation(len(articles)) % 5, strict=True))
        fold = np.array([fold_of[p.article] for p in items])
        scores = np.zeros(len(items))
        for k in range(5):
            w = fit(x[fold != k], y[fold != k], l2, [True] * len(STORY_FEATURES))
            scores[fold == k] = 1 / (1 + np.exp(-np.clip(x[fold == k] @ w, -30, 30)))
        called = scores >= 0.5
        hits = int((called & (y == 1)).sum())
        precision, recall, f1 = precision_recall_f1(hits, int(called.sum()), int(y.sum()))
        right, total = _attribution(items, scores)
        rows.append((precision, recall, f1, right / total if total else 0.0, total))
    mean = np.mean(rows, axis=0)
    return {
        "precision": round(float(mean[0]), 3),
        "recall": round(float(mean[1]), 3),
        "f1": round(float(mean[2]), 3),
        "attribution_right": round(float(mean[3]), 3),
        "articles_called_same_story": round(float(mean[4]), 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_FILE.name}")
    parser.add_argument("--l2", type=float, default=0.3, help="L2 penalty (default 0.3)")
    args = parser.parse_args(argv)
    items = pairs()
    y = np.array([p.same for p in items], dtype=float)
    articles = len({p.article for p in items})
    print(f"{len(items)} pairs of {articles} articles, {int(y.sum())} of the same development")
    rule = np.array([p.similarity >= 0.80 or p.aligned_share >= 0.4 for p in items])
    hits = int((rule & (y == 1)).sum())
    precision, recall, f1 = precision_recall_f1(hits, int(rule.sum()), int(y.sum()))
    right, total = _attribution(
        items, np.array([max(p.similarity, p.aligned_share) for p in items]) * rule
    )
    print(
        f"  the rule it replaces: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}; "
        f"attribution right {right}/{total}"
    )
    report = {}
    for l2 in sorted({args.l2 / 3, args.l2, args.l2 * 3}):
        scores = cross_validate(items, l2)
        print(f"  L2 {l2:<5.2f} cross-validated: {scores}")
        if l2 == args.l2:
            report = scores
    w = fit(_matrix(items), y, args.l2, [True] * len(STORY_FEATURES))
    model = LogisticModel(
        round(float(w[0]), 4),
        {n: round(float(v), 4) for n, v in zip(STORY_FEATURES, w[1:], strict=True)},
    )
    print(f"  weights: bias {model.bias} {dict(model.weights)}")
    if args.write:
        shipped = StoryModel(
            model=model,
            trained_on=(
                f"realnews-2023 labels-dev.json: {len(items)} pairs of {articles} AI Act "
                f"articles with an earlier labelled entry; L2 {args.l2}; "
                f"fitted {date.today().isoformat()}"
            ),
            cross_validated=report,
        )
        MODEL_FILE.write_text(json.dumps(shipped.to_dict(), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()
