"""SemEval-2022 Task 8 news pairs: does the assessment see the same story as people do?

    python -m benchmarks.eval.semeval [--limit N] [--json]

The real pairs of ``../shared/data/semeval2022-task8`` (subsets ``clean`` and
``tonyx``; the machine-translated ``synthetic`` ones are reported apart) have
a human score from 1 (same story) to 4 (unrelated). Each text's first line is
its title. For every pair the assessment's own measures are taken, the second
text indexed as a corpus document and the first read as an article:
document similarity, aligned share, best-aligned sentence, named things in
common. Reported, overall and per language pair:

- Pearson correlation of the document similarity with the human score (signs
  turned so that higher is more alike);
- precision and recall of "same story" (human score <= 2) for the decision as
  shipped (similarity >= ``known_story``, or aligned share for articles of
  three sentences or more, or the story model with the time between the
  reports unknown: the pairs carry no dates);
- the same for a logistic model over the content measures alone, fitted
  with 5-fold cross-validation on these pairs (and its Pearson): what content
  can do here without time. It is measured, not shipped;
- precision and recall of named things alone (``MIN_SHARED_THINGS`` or more
  names, amounts, dates or legal references in common), and the Pearson of
  their share: what the story has to go on in a language the embedder lacks,
  with time, which the pairs do not have, left out; and the same with counts
  ("523 votes to 46") as well, as those languages are read.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.eval.logistic_fit import fit
from benchmarks.eval.scoring import CachedEmbedder, precision_recall_f1
from monitor.assess import CorpusDocument, CorpusIndex, Thresholds, default_embedder
from monitor.assess.decision import (
    MIN_SHARED_THINGS,
    RETOLD_SENTENCES,
    _mean_vector,
    candidates,
    with_title,
)
from monitor.assess.entities import named_things
from monitor.assess.story import count_set, shipped_story_model, thing_set
from monitor.assess.text import detect_language, split_sentences

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "semeval2022-task8"
CONTENT = ("similarity", "aligned_share", "best_sentence", "shared_things")


@dataclass(frozen=True)
class Measured:
    """One pair: its languages, subset, human score and the assessment's measures."""

    pair: str
    languages: str
    subset: str
    overall: float
    features: dict[str, float]
    sentences: int
    #: Named things (names, amounts, dates, legal references) the two texts share.
    things_in_common: int = 0
    #: The same with counts ("523", "46") as well, as a language the embedder lacks is read.
    with_counts_in_common: int = 0

    @property
    def same(self) -> bool:
        """Same story by the people who scored it (1 or 2 of 4)."""
        return self.overall <= 2.0


def _split(text: str) -> tuple[str, str]:
    title, _, rest = text.strip().partition("\n")
    return title.strip(), rest.strip() or title.strip()


def measure(limit: int | None = None) -> list[Measured]:
    """The assessment's measures on every pair (the embedder remembers repeated texts)."""
    embedder = CachedEmbedder(default_embedder())
    thresholds = Thresholds()
    found = []
    with (DATA / "pairs.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    for row in rows[:limit]:
        index = CorpusIndex(embedder)
        title2, text2 = _split(row["text2"])
        index.add([CorpusDocument("other", title2, row["lang2"], text2)])
        title1, text1 = _split(row["text1"])
        # Read directly, not through read_article: most of these pairs are not about
        # AI, and the assessment would settle them before embedding anything.
        body = with_title(title1, text1)
        language = detect_language(body, row["lang1"]).code
        sentences = split_sentences(text1, language) or [text1]
        vectors = embedder.embed(sentences)
        things = named_things(body, language)
        mine = thing_set(things)
        (candidate,), _ = candidates(
            index,
            _mean_vector(vectors),
            vectors,
            np.ones(1, dtype=bool),
            thresholds,
            day=None,
            things=things,
        )
        features = candidate.features
        found.append(
            Measured(
                row["pair_id"],
                f"{row['lang1']}-{row['lang2']}",
                row["subset"],
                float(row["overall"]),
                features,
                len(sentences),
                len(mine & index.thing_sets[0]),
                len((mine | count_set(body, things)) & (index.thing_sets[0] | index.tally_sets[0])),
            )
        )
    return found


def shipped_same(item: Measured) -> bool:
    """The decision as shipped (default thresholds), with the time between the reports unknown."""
    thresholds = Thresholds()
    f = item.features
    if f["similarity"] >= thresholds.known_story:
        return True
    if (
        item.sentences >= RETOLD_SENTENCES
        and f["aligned_share"] >= thresholds.aligned_share_for_story
    ):
        return True
    return shipped_story_model().probability(f) >= thresholds.same_story


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    """Pearson's r (0 where either side is constant)."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def content_model(items: Sequence[Measured], folds: int = 5) -> np.ndarray:
    """Out-of-fold probabilities of a logistic model over the content measures."""
    x = np.array([[1.0, *(m.features[n] for n in CONTENT)] for m in items])
    y = np.array([m.same for m in items], dtype=float)
    fold = np.random.default_rng(2022).permutation(len(items)) % folds
    out = np.zeros(len(items))
    for k in range(folds):
        w = fit(x[fold != k], y[fold != k], 0.3, [True] * len(CONTENT))
        out[fold == k] = 1 / (1 + np.exp(-np.clip(x[fold == k] @ w, -30, 30)))
    return out


def _scores(items: Sequence[Measured], called: Sequence[bool]) -> dict[str, float]:
    actual = sum(m.same for m in items)
    hits = sum(c and m.same for m, c in zip(items, called, strict=True))
    precision, recall, f1 = precision_recall_f1(hits, sum(called), actual)
    return {
        "precision": round(float(precision), 3),
        "recall": round(float(recall), 3),
        "f1": round(float(f1), 3),
    }


def report(items: Sequence[Measured]) -> dict[str, dict[str, object]]:
    """Figures overall (real pairs), per language pair, and for the synthetic pairs."""
    real = [m for m in items if m.subset != "synthetic"]
    groups: dict[str, list[Measured]] = defaultdict(list)
    for m in real:
        groups[m.languages].append(m)
    oof = dict(zip((m.pair for m in real), content_model(real), strict=True)) if real else {}
    out: dict[str, dict[str, object]] = {}
    named = [("real pairs", real), *sorted(groups.items())]
    named.append(("synthetic pairs", [m for m in items if m.subset == "synthetic"]))
    for name, part in named:
        if not part:
            continue
        human = [-m.overall for m in part]
        row: dict[str, object] = {
            "pairs": len(part),
            "same_story": sum(m.same for m in part),
            "pearson_similarity": round(
                pearson([m.features["similarity"] for m in part], human), 3
            ),
            "shipped": _scores(part, [shipped_same(m) for m in part]),
            # What a language the embedder lacks has to go on, time aside.
            "pearson_shared_things": round(
                pearson([m.features["shared_things"] for m in part], human), 3
            ),
            "things_only": _scores(part, [m.things_in_common >= MIN_SHARED_THINGS for m in part]),
            "things_and_counts": _scores(
                part, [m.with_counts_in_common >= MIN_SHARED_THINGS for m in part]
            ),
        }
        if name != "synthetic pairs":
            probabilities = [oof[m.pair] for m in part]
            row["pearson_content_model"] = round(pearson(probabilities, human), 3)
            row["content_model"] = _scores(part, [p >= 0.5 for p in probabilities])
        out[name] = row
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pairs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (DATA / "pairs.jsonl").exists():
        print(f"SemEval pairs: not found at {DATA}; skipped")
        return
    figures = report(measure(args.limit))
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for name, row in figures.items():
        print(f"{name}: {row['pairs']} pairs, {row['same_story']} same story")
        print(f"  Pearson, document similarity: {row['pearson_similarity']}")
        print(f"  same story as shipped (time unknown): {row['shipped']}")
        print(
            f"  named things alone ({MIN_SHARED_THINGS}+ in common, as for a language the "
            f"embedder lacks, time aside): {row['things_only']}, "
            f"Pearson of their share {row['pearson_shared_things']}"
        )
        print(f"  with counts as well (as shipped for those languages): {row['things_and_counts']}")
        if "content_model" in row:
            print(
                f"  content model, 5-fold CV: {row['content_model']}, "
                f"Pearson {row['pearson_content_model']}"
            )


if __name__ == "__main__":
    main()
