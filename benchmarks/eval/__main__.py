"""Score the assessment: ``python -m benchmarks.eval [--only articles|realnews]``.

``articles``, the evaluation set written for the monitor (benchmarks/eval/articles.toml):
precision, recall and F1 of ``update``, the confusion matrix of verdicts and
recall per language, for the part the thresholds were tuned on, the held-out
part and both. ``--calibrate`` searches the thresholds on the tuned part only
(coordinate ascent) and reports the held-out part with the result.

``realnews``, real 2023 feed entries nobody here wrote (../shared/data/realnews-2023,
labelled development half): relevance per item as ``monitor check`` judges it,
with recall per language and per way of selection, and passing mentions called
relevant; then every entry as one stream in publication order, updates joining
the corpus (in process), with flags, false alarms, developments reached and what
``known`` names. ``-v`` lists the misses and false alarms.

``poller``, the same entries served as their 113 feeds from 127.0.0.1 and polled
weekly through 2023 by the real poller into a fresh store, pages off (see
``benchmarks/eval/poller_stream.py``), scored the same way from the read models.

``--uncovered``: every text read as if the embedder lacked its language, as the 16
official languages it does lack are read (vocabulary, copies, and named things,
counts and time for the story): the evaluation set and the real entries, not the poller.

``--feedback STORE``: readers' corrections in a store (``monitor mark``) as
labels: how the current settings judge the articles people corrected.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import peak_rss_mb
from benchmarks.eval import poller_stream, realnews
from benchmarks.eval.dataset import VERDICTS, Case, load_cases, seeds
from benchmarks.eval.feedback import feedback_settings, print_feedback, score_feedback
from benchmarks.eval.scoring import CachedEmbedder, Scores, run_stream, score
from monitor.app import Monitor
from monitor.assess import Assessment, Thresholds, default_embedder, thresholds_from
from monitor.logging import configure_logging
from monitor.settings import load_settings

# What calibration may move, and the values it tries.
GRID: dict[str, tuple[float, ...]] = {
    "relevant": (0.4, 0.45, 0.5, 0.55, 0.6),
    "known_story": (0.7, 0.75, 0.8, 0.85, 0.9),
    "same_story": (0.3, 0.4, 0.5, 0.6, 0.7),
    "novel_sentence": (0.4, 0.45, 0.5, 0.55, 0.6, 0.65),
    "novel_share_for_update": (0.3, 0.4, 0.5, 0.6, 0.7),
    "duplicate_containment": (0.5, 0.6, 0.7, 0.8),
}


def _part(cases: Sequence[Case], results: Sequence[Assessment], split: str | None) -> Scores:
    chosen = [(c, r) for c, r in zip(cases, results, strict=True) if split in (None, c.split)]
    return score([c for c, _ in chosen], [r for _, r in chosen])


def _objective(scores: Scores) -> float:
    # F1 of update first; a duplicate flagged is the worst error; accuracy breaks ties.
    return scores.f1 - scores.duplicates_flagged + 0.1 * scores.accuracy


def _with(thresholds: Thresholds, name: str, value: float) -> Thresholds:
    changes: dict[str, Any] = {name: value}
    return dataclasses.replace(thresholds, **changes)


def calibrate(
    cases: Sequence[Case], embedder: CachedEmbedder, start: Thresholds, rounds: int = 2
) -> Thresholds:
    """Coordinate ascent over GRID on the tuned part only.

    Each threshold in turn takes the value with the best objective; where
    several values tie, the middle of that plateau, the choice with the widest
    margin on either side.
    """
    corpus = seeds()
    best = start
    for _ in range(rounds):
        for name, values in GRID.items():
            outcomes = [
                _objective(
                    _part(
                        cases,
                        run_stream(cases, corpus, embedder, _with(best, name, value)),
                        "tune",
                    )
                )
                for value in values
            ]
            top = max(outcomes)
            plateau = [v for v, o in zip(values, outcomes, strict=True) if o >= top - 1e-9]
            best = _with(best, name, plateau[len(plateau) // 2])
    return best


def _print_scores(title: str, scores: Scores) -> None:
    print(f"{title} ({scores.articles} articles)")
    print(
        f"  update: precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
        f"F1 {scores.f1:.3f}   accuracy of verdicts {scores.accuracy:.3f}   "
        f"duplicates flagged as update {scores.duplicates_flagged}"
    )
    languages = "  ".join(
        f"{lang} {hits}/{total}" for lang, (hits, total) in scores.recall_by_language.items()
    )
    print(f"  recall of update per language: {languages}")


def _print_confusion(scores: Scores) -> None:
    print("confusion matrix (rows: label, columns: verdict)")
    print("  " + "".ljust(11) + "".join(v.rjust(11) for v in VERDICTS))
    for label in VERDICTS:
        row = scores.confusion[label]
        print("  " + label.ljust(11) + "".join(str(row[v]).rjust(11) for v in VERDICTS))


def main(argv: list[str] | None = None) -> None:
    """Run the evaluation."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.eval",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--only", choices=("articles", "realnews", "poller"), help="One part only.")
    parser.add_argument("--calibrate", action="store_true", help="Search thresholds on 'tune'.")
    parser.add_argument("--json", action="store_true", help="Print the scores as JSON.")
    parser.add_argument("-v", "--verbose", action="store_true", help="Show each error's reasons.")
    parser.add_argument(
        "--uncovered",
        action="store_true",
        help="Read every text as the languages the embedder lacks are read.",
    )
    parser.add_argument(
        "--feedback", type=Path, metavar="STORE", help="Score against a store's corrections."
    )
    args = parser.parse_args(argv)
    if args.feedback is not None:
        with Monitor(feedback_settings(args.feedback)) as app:
            scores = score_feedback(app)
        if args.json:
            print(json.dumps(scores.to_dict(), indent=2, ensure_ascii=False))
        else:
            print_feedback(scores, args.feedback)
        return

    embedder = CachedEmbedder(default_embedder())
    if args.uncovered:
        # No language covered: no sentence vectors, the lexical relevance model, and
        # stories by named things, counts and time.
        embedder.languages = frozenset()
    configured = thresholds_from(load_settings(environ={}).assessment)
    if args.only in (None, "articles"):
        evaluation_set(args, embedder, configured)
    if args.only in (None, "realnews"):
        real_news(args, embedder, configured)
    if args.only in (None, "poller") and not args.uncovered:
        configure_logging("WARNING")
        poller_stream.measure(as_json=args.json)


def real_news(args: argparse.Namespace, embedder: CachedEmbedder, configured: Thresholds) -> None:
    """Relevance per item on the real 2023 entries' labelled half."""
    if not realnews.DATA.is_dir():
        print(f"real 2023 entries: not found at {realnews.DATA}; skipped")
        return
    entries = [e for e in realnews.load_entries() if e.relevance]
    started = time.perf_counter()
    results = realnews.judge_each(entries, seeds(), embedder, configured)
    elapsed = time.perf_counter() - started
    scores = realnews.score_relevance(entries, results)
    everything = realnews.load_entries()
    started = time.perf_counter()
    streamed = realnews.judge_stream(everything, seeds(), embedder, configured)
    stream_seconds = time.perf_counter() - started
    stream = realnews.score_stream(everything, streamed)
    if args.json:
        print(
            json.dumps(
                {"realnews_relevance": scores.to_dict(), "realnews_stream": stream.to_dict()},
                indent=2,
            )
        )
        return
    print(
        f"real 2023 entries, labelled half: {scores.entries} entries judged one by one "
        f"against the seeds in {elapsed:.1f} s"
    )
    print(
        f"  relevance: precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
        f"F1 {scores.f1:.3f}   passing mentions called relevant "
        f"{scores.mentions_relevant}/{scores.mentions} ({scores.mention_rate:.0%})"
    )
    for name, table in (("language", scores.recall_by_language), ("pool", scores.recall_by_pool)):
        cells = "  ".join(f"{k} {h}/{t}" for k, (h, t) in sorted(table.items()))
        print(f"  recall per {name}: {cells}")
    hits, total = scores.title_only
    print(f"  recall on entries with a title only: {hits}/{total}")
    cells = "  ".join(f"{k} {n}" for k, n in sorted(scores.false_positive_by_pool.items()))
    print(f"  false alarms per pool: {cells or 'none'}")
    print(f"  verdicts: {dict(sorted(scores.verdicts.items()))}")
    target = scores.f1 >= 0.92 and scores.recall >= 0.9 and scores.mention_rate <= 0.1
    print(
        "  targets (F1 >= 0.92, recall >= 0.9, passing mentions <= 10 %): "
        + ("met" if target else "NOT met")
    )
    hit, total = stream.development_recall()
    summary = stream.to_dict()
    print(
        f"real 2023 entries as one stream: all {len(everything)} in publication order, "
        f"updates joining the corpus, scored on the labelled half ({stream_seconds:.1f} s)"
    )
    print(
        f"  updates flagged {stream.flags}: false alarms {stream.false_alarms} "
        f"({stream.false_alarm_share:.0%}), syndicated copies {stream.copies_flagged}"
    )
    print(
        f"  developments with 3+ reports flagged at least once: {hit}/{total}; "
        f"updates per flagged development {summary['updates_per_flagged_development']}"
    )
    print(
        f"  known on AI Act entries: {stream.known}; of those naming a labelled entry "
        f"({stream.known_labelled}), of the same development {stream.known_right}; naming a "
        f"seed or an unlabelled entry (unchecked) {stream.known - stream.known_labelled}"
    )
    missed = stream.missed_developments()
    if missed:
        print(f"  developments with 3+ reports never flagged: {', '.join(missed)}")
    if args.verbose:
        by_id = {e.id: (e, r) for e, r in zip(entries, results, strict=True)}
        for title, ids in (("missed", scores.missed), ("false alarms", scores.false_alarms)):
            print(f"  {title}:")
            for entry_id in ids:
                entry, result = by_id[entry_id]
                print(f"    {entry_id} [{entry.pool}] {result.relevance:.2f} {entry.title[:90]}")


def evaluation_set(
    args: argparse.Namespace, embedder: CachedEmbedder, configured: Thresholds
) -> None:
    """The evaluation set written for the monitor, as one stream."""
    cases = load_cases()
    started = time.perf_counter()
    results = run_stream(cases, seeds(), embedder, configured)
    elapsed = time.perf_counter() - started
    parts = {split: _part(cases, results, split) for split in ("tune", "heldout", None)}
    if args.json:
        print(
            json.dumps(
                {
                    "thresholds": dataclasses.asdict(configured),
                    **{(k or "all"): dataclasses.asdict(v) for k, v in parts.items()},
                },
                indent=2,
            )
        )
        return
    print(
        f"evaluation set: {len(cases)} articles "
        f"({sum(c.split == 'tune' for c in cases)} tuned on, "
        f"{sum(c.split == 'heldout' for c in cases)} held out); "
        f"stream assessed in {elapsed:.1f} s, peak RSS {peak_rss_mb():.0f} MB"
    )
    print(f"thresholds (config/default.toml [assessment]): {dataclasses.asdict(configured)}")
    for split, scores in parts.items():
        _print_scores(
            {"tune": "tuned part", "heldout": "held-out part"}.get(split or "", "all"), scores
        )
    _print_confusion(parts[None])
    by_id = {c.id: (c, r) for c, r in zip(cases, results, strict=True)}
    if parts[None].errors:
        print("errors:")
        for case_id, label, verdict in parts[None].errors:
            case, result = by_id[case_id]
            print(f"  {case_id} [{case.split}] label {label}, verdict {verdict}")
            if args.verbose:
                for reason in result.reasons:
                    print(f"      · {reason}")
    target_ok = (
        parts["heldout"].f1 >= 0.9
        and parts[None].duplicates_flagged == 0
        and all(h / t >= 0.8 for h, t in parts[None].recall_by_language.values())
    )
    print(
        f"targets (F1 >= 0.9 held out, no duplicate flagged, recall >= 0.8 per language): "
        f"{'met' if target_ok else 'NOT met'}"
    )
    if args.calibrate:
        tuned = calibrate(cases, embedder, configured)
        print(f"calibrated on the tuned part: {dataclasses.asdict(tuned)}")
        results = run_stream(cases, seeds(), embedder, tuned)
        for split in ("tune", "heldout", None):
            _print_scores(
                "with calibrated thresholds, "
                + {"tune": "tuned part", "heldout": "held-out part"}.get(split or "", "all"),
                _part(cases, results, split),
            )


if __name__ == "__main__":
    main()
