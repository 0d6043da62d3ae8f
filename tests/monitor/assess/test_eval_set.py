"""The evaluation set is well formed, its scoring is right, and the assessment holds on it.

The last test is a quality guard, not a timing: the verdicts on the whole set
must keep the issue's targets (no duplicate flagged, F1 of update >= 0.9).
"""

from __future__ import annotations

from collections import Counter

from benchmarks.eval.dataset import VERDICTS, Case, load_cases, seeds
from benchmarks.eval.scoring import CachedEmbedder, run_stream, score
from monitor.assess.decision import Assessment, Thresholds
from monitor.assess.embedding import default_embedder


def test_the_set_has_every_verdict_in_several_languages_and_a_held_out_part() -> None:
    cases = load_cases()
    labels = Counter(c.label for c in cases)
    assert set(labels) == set(VERDICTS) and min(labels.values()) >= 6
    update_languages = {c.language for c in cases if c.label == "update"}
    assert {"en", "nl", "de", "fr"} <= update_languages
    held_out = [c for c in cases if c.split == "heldout"]
    assert {c.label for c in held_out} == set(VERDICTS) and len(held_out) >= len(cases) // 3
    assert [c.published for c in cases] == sorted(c.published for c in cases)


def test_a_syndicated_copy_is_built_from_its_source() -> None:
    cases = {c.id: c for c in load_cases()}
    copy = cases["en-digital-omnibus-wire-copy"]
    source = cases["en-digital-omnibus-delay"].text
    assert copy.text.startswith("BRUSSELS (AP) —")
    assert "on Wednesday proposed" in copy.text and "proposed on Wednesday" in source
    assert source.splitlines()[-1] in copy.text
    seed_copy = cases["en-trilogue-wire-copy"].text
    trilogue = next(s for s in seeds() if s.document_id.endswith("trilogue")).text
    assert trilogue.strip().splitlines()[-1] not in seed_copy  # drop_last = 1
    assert trilogue.splitlines()[0] in seed_copy


def _result(verdict: str) -> Assessment:
    return Assessment(
        verdict=verdict, language="en", relevance=1, relevant=True, lexical=1, semantic=1
    )


def test_scores_count_what_they_say() -> None:
    def case(n: int, label: str, language: str) -> Case:
        return Case(f"c{n}", label, "", "tune", language, "2025-01-01", "", "")

    cases = [
        case(1, "update", "en"),
        case(2, "update", "nl"),
        case(3, "known", "nl"),
        case(4, "duplicate", "en"),
        case(5, "irrelevant", "de"),
    ]
    verdicts = ["update", "known", "update", "duplicate", "irrelevant"]
    scores = score(cases, [_result(v) for v in verdicts])
    # One right update of two flagged, one of two found.
    assert (scores.precision, scores.recall, scores.f1) == (0.5, 0.5, 0.5)
    assert scores.accuracy == 3 / 5 and scores.duplicates_flagged == 0
    assert scores.confusion["known"]["update"] == 1 and scores.confusion["update"]["known"] == 1
    assert scores.recall_by_language == {"en": (1, 1), "nl": (0, 1)}
    assert [e[0] for e in scores.errors] == ["c2", "c3"]


def test_the_assessment_keeps_its_targets_on_the_whole_set() -> None:
    cases = load_cases()
    results = run_stream(cases, seeds(), CachedEmbedder(default_embedder()), Thresholds())
    scores = score(cases, results)
    assert scores.duplicates_flagged == 0
    assert scores.f1 >= 0.9, scores.errors
    assert all(hits / total >= 0.8 for hits, total in scores.recall_by_language.values())
