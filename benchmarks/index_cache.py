"""A start's corpus index with and without the vector cache: ``python -m benchmarks.index_cache``.

The corpus is real text: the 853 feed entries of 2023 (``../shared/data``) and
the 52 articles of the evaluation set, as corpus documents. Measured in one
run: the index built with the embedder alone (the baseline, what every start
paid before the cache), then with an empty cache (the first start: embedding
plus writing the cache), then with the full cache (every later start), then
the baseline again, to show whether the order of the runs weighs on them.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.common import peak_rss_mb, report
from benchmarks.eval import realnews
from benchmarks.eval.dataset import load_cases
from monitor.assess import CorpusDocument, CorpusIndex
from monitor.assess.embedding import Embedder, default_embedder
from monitor.assess.vector_cache import CachingEmbedder


def corpus(copies: int) -> list[CorpusDocument]:
    """Real texts as corpus documents (``copies`` times, with distinct ids)."""
    texts = [(c.title, c.language, c.text) for c in load_cases()]
    if realnews.DATA.is_dir():
        texts += [(e.title, e.language, f"{e.title}. {e.summary}") for e in realnews.load_entries()]
    return [
        CorpusDocument(f"d{n}-{i}", title, language, text, "2023-06-14", "flagged")
        for n in range(copies)
        for i, (title, language, text) in enumerate(texts)
    ]


def build(documents: list[CorpusDocument], embedder: Embedder) -> float:
    """Seconds to index the documents."""
    start = time.perf_counter()
    CorpusIndex(embedder).add(documents)
    return time.perf_counter() - start


def main() -> None:
    """Print the three build times and the ratios to the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1, help="repeat the corpus (distinct ids)")
    args = parser.parse_args()
    documents = corpus(args.copies)
    embedder = default_embedder()
    embedder.embed(["load the model first, outside the timings"])
    baseline = build(documents, embedder)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "monitor.db.vectors"
        cold_embedder = CachingEmbedder(embedder, path)
        cold = build(documents, cold_embedder)
        cold_embedder.close()
        warm_embedder = CachingEmbedder(embedder, path)
        warm = build(documents, warm_embedder)
        size = path.stat().st_size + sum(
            p.stat().st_size for p in path.parent.glob(path.name + "-*")
        )
        hits, misses = warm_embedder.hits, warm_embedder.misses
    again = build(documents, embedder)  # the baseline once more: does the order matter?
    print(f"corpus index of {len(documents):,} real documents")
    report(
        [
            ("baseline: embedder alone (a start before)", f"{baseline:.2f} s"),
            ("first start, empty cache", f"{cold:.2f} s ({cold / baseline:.2f}x)"),
            ("later starts, full cache", f"{warm:.2f} s ({warm / baseline:.2f}x)"),
            ("baseline again, after the others", f"{again:.2f} s"),
            ("sentences from the cache", f"{hits:,} of {hits + misses:,}"),
            ("cache file", f"{size / 1024 / 1024:.1f} MB"),
            ("peak RSS", f"{peak_rss_mb():.0f} MB"),
        ]
    )


if __name__ == "__main__":
    main()
