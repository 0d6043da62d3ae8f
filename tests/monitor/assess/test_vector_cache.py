"""The vector cache: a second start embeds nothing embedded before, and judges the same."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from loguru import logger

from monitor.assess.assessor import Assessor, record_manual_article
from monitor.assess.embedding import Vectors, default_embedder
from monitor.assess.vector_cache import CachingEmbedder, cache_path_for
from tests.monitor.assess.test_concurrent_passes import REWRITE
from tests.monitor.helpers import open_monitor
from tests.monitor.ingest.test_poll_assess import NEW


class Counting:
    """The real embedder, counting the sentences it is asked for."""

    def __init__(self) -> None:
        self.inner = default_embedder()
        self.name = self.inner.name
        self.languages = self.inner.languages
        self.embedded = 0

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.embedded += len(texts)
        return self.inner.embed(texts)


def test_a_second_index_of_the_same_corpus_embeds_nothing_and_matches(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db.vectors"
    sentences = ["The AI Act entered into force.", "Fines reach 7% of turnover.", "Hello."]
    first = Counting()
    cold = CachingEmbedder(first, path).embed([*sentences, sentences[0]])
    assert first.embedded == 3  # a sentence twice in one call is embedded once
    second = Counting()
    warm = CachingEmbedder(second, path).embed(sentences)
    assert second.embedded == 0
    assert np.array_equal(warm, cold[:3])
    assert warm.dtype == np.float32 and warm.shape == (3, 512)


def test_a_store_assessed_with_the_cache_gives_the_verdicts_it_gives_without(
    tmp_path: Path,
) -> None:
    def verdicts(folder: Path, cache: str) -> list[str]:
        with open_monitor(
            folder, assessment__baseline="false", assessment__vector_cache=cache
        ) as app:
            app.init()
            record_manual_article(app, "a", "AI code signed", NEW, "", "2025-07-11")
            record_manual_article(app, "b", "Big AI firms sign EU code", REWRITE, "", "2025-07-11")
            Assessor(app).assess_pending()
            return [
                r["verdict"] for r in app.query("SELECT verdict FROM assessments ORDER BY position")
            ]

    assert verdicts(tmp_path / "with", "true") == verdicts(tmp_path / "without", "false")
    assert cache_path_for(tmp_path / "with" / "monitor.db").stat().st_size > 0
    assert not cache_path_for(tmp_path / "without" / "monitor.db").exists()


def test_a_broken_cache_file_is_bypassed_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db.vectors"
    path.write_bytes(b"this is not a database at all" * 100)
    lines: list[str] = []
    sink = logger.add(lines.append, level="WARNING")
    try:
        vectors = CachingEmbedder(Counting(), path).embed(["The AI Office opened."])
    finally:
        logger.remove(sink)
    assert vectors.shape == (1, 512)
    assert any("vector cache" in line and "unusable" in line for line in lines)
