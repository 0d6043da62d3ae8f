"""Assessment cost as the corpus grows: ``python -m benchmarks.assessment``.

Each corpus size runs in its own process (for a clean peak RSS): the seed
corpus plus synthetic documents up to 3, 1,000 and 10,000 documents, every one
inside the time window (the worst case). The articles assessed are the 52 of
the evaluation set, embedded for real each time. The baseline, measured in the
same run, is the corpus of 3 documents; a second one is the embedder alone on
the same articles, the floor no corpus index can go under.

Synthetic documents come through the embedder interface: word salad from the
evaluation set's words (so near-duplicate detection has real work and no false
copies), with vectors drawn near real sentence vectors (so the top documents
and sentence alignment do the work they do on a real corpus).

``--uncovered`` reads every text as a language the embedder lacks is read (named
things, wording and time, no sentence vectors), with every document and article
on one day: the wording is then compared with every document of the article's
language, its worst case.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

import numpy as np

from benchmarks.common import peak_rss_mb, report, verdict
from benchmarks.eval.dataset import load_cases, seeds
from monitor.assess import CorpusDocument, CorpusIndex, Thresholds, assess
from monitor.assess.embedding import Vectors, default_embedder
from monitor.assess.text import split_sentences

SIZES = (3, 1_000, 10_000)


class NearbyVectors:
    """A stand-in embedder for filling: each text gets a vector near a real sentence's."""

    name = "synthetic"

    def __init__(self, pool: Vectors, languages: frozenset[str], noise: float = 0.04) -> None:
        self.pool = pool
        self.languages = languages
        self.noise = noise
        self.rng = np.random.default_rng(7)

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Vectors near randomly chosen real ones (cosine about 0.6-0.7 to their source)."""
        rows = self.pool[self.rng.integers(0, len(self.pool), size=len(texts))]
        noisy = rows + self.rng.normal(0, self.noise, size=rows.shape).astype(np.float32)
        result: Vectors = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
        return result


def _synthetic_documents(count: int, words: list[str], published: str = "") -> list[CorpusDocument]:
    rng = random.Random(11)
    documents = []
    for n in range(count):
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(12, 24))).capitalize() + "."
            for _ in range(rng.randint(5, 9))
        ]
        documents.append(
            CorpusDocument(f"synthetic-{n}", f"Synthetic {n}", "en", " ".join(sentences), published)
        )
    return documents


#: The day of every synthetic document and article in ``--uncovered``: stories by
#: wording are looked for only within days, so one day for all is the worst case.
SAME_DAY = "2025-06-01"


def measure(size: int, uncovered: bool = False) -> dict[str, float]:
    """Fill a corpus of ``size`` documents, then assess every evaluation article once.

    ``uncovered``: every text read as in a language the embedder lacks (named
    things, wording and time), all on one day.
    """
    cases = load_cases()
    real = default_embedder()
    published = SAME_DAY if uncovered else ""
    pool_sentences = [s for c in cases for s in split_sentences(c.text, c.language)]
    pool = real.embed(pool_sentences)
    words = sorted({w.strip(".,;:!?\"'()") for c in cases for w in c.text.split()} - {""})
    languages = frozenset() if uncovered else real.languages
    real.languages = languages
    index = CorpusIndex(real)
    index.add(
        [CorpusDocument(s.document_id, s.title, s.language, s.text, published) for s in seeds()]
    )
    fill_started = time.perf_counter()
    if size > 3:
        index.embedder = NearbyVectors(pool, languages)
        synthetic = _synthetic_documents(size - 3, words, published)
        for start in range(0, len(synthetic), 500):
            index.add(synthetic[start : start + 500])
        index.embedder = real
    fill = time.perf_counter() - fill_started
    index.prototypes()
    # Warm the caches a long-running process fills once: the language model, and
    # each language's vocabulary, parts and date patterns (compiled on a language's
    # first article, some 45 ms each, which the first measured article of every
    # language but the first used to pay).
    for language in sorted({case.language for case in cases}):
        warm = next(case for case in cases if case.language == language)
        assess(warm.text, index, title=warm.title, language_hint=language)
    latencies = []
    for case in cases:
        started = time.perf_counter()
        assess(case.text, index, title=case.title, published=published, thresholds=Thresholds())
        latencies.append(time.perf_counter() - started)
    embed_only = []
    for case in cases:
        started = time.perf_counter()
        real.embed(split_sentences(case.text, case.language))
        embed_only.append(time.perf_counter() - started)
    return {
        "documents": len(index.documents),
        "sentences": index.sentence_count,
        "fill_s": fill,
        "articles": len(cases),
        "per_article_ms": 1000 * statistics.mean(latencies),
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * sorted(latencies)[int(0.95 * (len(latencies) - 1))],
        "articles_per_s": len(cases) / sum(latencies),
        "embed_only_ms": 1000 * statistics.mean(embed_only),
        "peak_rss_mb": peak_rss_mb(),
    }


def main(argv: list[str] | None = None) -> None:
    """Run every size in a subprocess and print the figures and ratios."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.assessment", description=__doc__)
    parser.add_argument("--size", type=int, help="Measure one size in this process (JSON).")
    parser.add_argument(
        "--uncovered",
        action="store_true",
        help="Read every text as in a language the embedder lacks, all on one day.",
    )
    args = parser.parse_args(argv)
    if args.size:
        print(json.dumps(measure(args.size, args.uncovered)))
        return
    how = "read as uncovered languages, one day" if args.uncovered else "covered"
    print(f"assessment benchmark (52 evaluation articles, {how}, corpus sizes {SIZES})")
    results = {}
    for size in SIZES:
        output = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.assessment",
                "--size",
                str(size),
                *(["--uncovered"] if args.uncovered else []),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[size] = json.loads(output.strip().splitlines()[-1])
    base = results[SIZES[0]]
    for size, r in results.items():
        print(
            f"corpus of {size:,} documents ({r['sentences']:,} sentences, "
            f"filled in {r['fill_s']:.1f} s)"
        )
        report(
            [
                ("articles/s", f"{r['articles_per_s']:.1f}"),
                ("per article, mean", f"{r['per_article_ms']:.1f} ms"),
                ("per article, p50 / p95", f"{r['p50_ms']:.1f} / {r['p95_ms']:.1f} ms"),
                ("embedder alone, mean", f"{r['embed_only_ms']:.1f} ms"),
                (
                    "ratio to the 3-document corpus",
                    f"{r['per_article_ms'] / base['per_article_ms']:.2f}",
                ),
                ("peak RSS", f"{r['peak_rss_mb']:.0f} MB"),
            ]
        )
    ratio = results[SIZES[-1]]["per_article_ms"] / base["per_article_ms"]
    print(
        f"target: per-article cost at 10,000 documents <= 2x at 3: {ratio:.2f}x, "
        f"{verdict(ratio <= 2)}"
    )


if __name__ == "__main__":
    main()
