"""Extraction quality: our pipeline against bare ``trafilatura.extract`` on the same pages.

    python -m benchmarks.extraction [--data ../shared/data/pages]

Two measures, both in one run:
- trafilatura's own evaluation set (snippets a correct extraction must and must
  not contain): precision, recall and F1 over snippets, and ms per page;
- the Article Extraction Benchmark (full expected article bodies): word-level
  precision, recall and F1.
"Ours" is what the monitor keeps: trafilatura with our pinned options, then
consent-wall, paywall and blocked-page detection (a page judged a wall keeps no
text here, since these pages come without a feed entry to fall back on).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from benchmarks.common import report, verdict
from monitor.ingest import choose_text, extract_page

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "pages"
Extractor = Callable[[bytes, str], str]


def bare(html: bytes, url: str) -> str:
    """trafilatura.extract with its defaults, as a user would call it."""
    return trafilatura.extract(html, url=url) or ""


def ours(html: bytes, url: str) -> str:
    """The monitor's extraction and the text it would keep."""
    return choose_text(extract_page(html, url), "", min_chars=0).text


@dataclass
class Score:
    """Counts for precision and recall."""

    tp: float = 0
    fp: float = 0
    fn: float = 0
    seconds: float = 0
    pages: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        ms = 1000 * self.seconds / max(1, self.pages)
        return f"F1 {self.f1:.3f}  P {self.precision:.3f}  R {self.recall:.3f}  {ms:.0f} ms/page"


def snippet_eval(folder: Path, extractors: dict[str, Extractor]) -> dict[str, Score]:
    """trafilatura's evaluation: each `with` snippet found is a TP, each `without` found a FP."""
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    scores = {name: Score() for name in extractors}
    for url, case in expected.items():
        html = (folder / "html" / case["file"]).read_bytes()
        for name, extract in extractors.items():
            start = time.perf_counter()
            text = extract(html, url)
            score = scores[name]
            score.seconds += time.perf_counter() - start
            score.pages += 1
            for snippet in case.get("with", []):
                if snippet in text:
                    score.tp += 1
                else:
                    score.fn += 1
            for snippet in case.get("without", []):
                if snippet in text:
                    score.fp += 1
    return scores


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def body_eval(folder: Path, extractors: dict[str, Extractor]) -> dict[str, Score]:
    """The Article Extraction Benchmark: word overlap with the expected article body."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    scores = {name: Score() for name in extractors}
    for key, case in truth.items():
        path = folder / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes())
        expected = _words(case.get("articleBody", ""))
        for name, extract in extractors.items():
            start = time.perf_counter()
            got = _words(extract(html, case.get("url", "")))
            score = scores[name]
            score.seconds += time.perf_counter() - start
            score.pages += 1
            overlap = sum((got & expected).values())
            score.tp += overlap
            score.fp += sum(got.values()) - overlap
            score.fn += sum(expected.values()) - overlap
    return scores


def main() -> None:
    """Score both extractors on both sets and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    extractors: dict[str, Extractor] = {"bare trafilatura.extract": bare, "ours": ours}
    print(f"extraction quality (trafilatura {trafilatura.__version__})")
    snippets = snippet_eval(args.data / "trafilatura-eval", extractors)
    print(f"trafilatura evaluation set: {snippets['ours'].pages} pages, snippet-level")
    report([(name, score.line()) for name, score in snippets.items()])
    base, mine = snippets["bare trafilatura.extract"], snippets["ours"]
    report(
        [
            ("F1 ours - bare", f"{mine.f1 - base.f1:+.3f}"),
            ("ours never lower", verdict(mine.f1 >= base.f1)),
        ]
    )
    aeb = args.data / "scrapinghub-aeb"
    if aeb.is_dir():
        bodies = body_eval(aeb, extractors)
        print(f"article extraction benchmark: {bodies['ours'].pages} pages, word-level")
        report([(name, score.line()) for name, score in bodies.items()])
        base, mine = bodies["bare trafilatura.extract"], bodies["ours"]
        report([("F1 ours - bare", f"{mine.f1 - base.f1:+.3f}")])


if __name__ == "__main__":
    main()
