"""An AI Act development and an AI business story in each of the 24 official EU languages.

The cases (``tests/data/languages/articles.toml``) are written for the tests: a
report as feeds carry one (a headline and two sentences) must be an `update`,
the business story `irrelevant`, in every language, the 16 the embedder lacks
included. ``described.toml`` holds a report that describes the Act without
naming it ("EU delays AI rules") in each language: Finnish compounds
("tekoälysääntöjen") and Irish mutations ("na hintleachta saorga") included.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from monitor.assess.decision import CorpusIndex, assess
from monitor.assess.text import EU_LANGUAGES
from monitor.assess.vocabulary import lexical_signals
from tests.monitor.assess.test_assess import _seed_index

DATA = Path(__file__).parents[2] / "data" / "languages"
CASES: list[dict[str, Any]] = tomllib.loads((DATA / "articles.toml").read_text("utf-8"))["article"]
DESCRIBED: list[dict[str, Any]] = tomllib.loads((DATA / "described.toml").read_text("utf-8"))[
    "article"
]
AI_OFFICE: list[dict[str, Any]] = tomllib.loads((DATA / "ai_office.toml").read_text("utf-8"))[
    "title"
]
AI_PACT: list[dict[str, Any]] = tomllib.loads((DATA / "ai_pact.toml").read_text("utf-8"))["title"]
EU_IN_NAMES: list[dict[str, Any]] = tomllib.loads((DATA / "eu_in_names.toml").read_text("utf-8"))[
    "text"
]


@pytest.fixture(scope="module")
def index() -> CorpusIndex:
    return _seed_index()


def test_every_official_language_has_both_cases() -> None:
    kinds = {(case["language"], case["kind"]) for case in CASES}
    assert kinds == {(code, kind) for code in EU_LANGUAGES for kind in ("update", "irrelevant")}


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{case['language']}-{case['kind']}" for case in CASES]
)
def test_each_language_tells_an_ai_act_development_from_ai_business_news(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    result = assess(case["text"], index, title=case["title"], published="2025-02-04")
    assert result.language == case["language"]
    assert result.verdict == case["kind"], result.reasons


def test_every_official_language_has_a_described_case() -> None:
    assert {case["language"] for case in DESCRIBED} == set(EU_LANGUAGES)


@pytest.mark.parametrize(
    "case",
    DESCRIBED,
    ids=[
        f"{case['language']}-{case.get('shape') or ('title' if not case['text'] else 'teaser')}"
        for case in DESCRIBED
    ],
)
def test_each_language_reads_eu_rules_on_ai_in_a_title_that_does_not_name_the_act(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert signals.act_names == ()
    assert signals.described_in == "title", signals
    result = assess(
        case["text"],
        index,
        title=case["title"],
        published="2025-11-19",
        language_hint=case["language"],
    )
    assert result.language == case["language"]
    assert result.verdict == "update", result.reasons


def test_every_official_language_has_the_act_named_with_the_eu_inside() -> None:
    assert sorted(case["language"] for case in EU_IN_NAMES) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize("case", EU_IN_NAMES, ids=[case["language"] for case in EU_IN_NAMES])
def test_the_acts_name_is_read_with_the_eu_inside_it(case: dict[str, Any]) -> None:
    # "akt EU o umělé inteligenci", "Akt EU-a o umjetnoj inteligenciji": the EU's
    # acronym inside the name, as in "the EU AI Act".
    signals = lexical_signals(case["text"], language=case["language"])
    assert signals.act_names, signals
    assert signals.named_in == "lead"


@pytest.mark.parametrize(
    "case",
    [*AI_OFFICE, *AI_PACT],
    ids=[f"office-{c['language']}" for c in AI_OFFICE] + [f"pact-{c['language']}" for c in AI_PACT],
)
def test_the_ai_office_and_the_ai_pact_are_known_by_their_names(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals("", title=case["text"], language=case["language"])
    assert signals.act_names, signals
    assert signals.named_in == "title"
    result = assess("", index, title=case["text"], language_hint=case["language"])
    assert result.verdict == "update", result.reasons


def test_every_official_language_has_an_ai_office_headline() -> None:
    assert sorted(case["language"] for case in AI_OFFICE) == sorted(EU_LANGUAGES)


def test_the_ai_pact_is_known_in_every_official_language_but_irish() -> None:
    assert sorted(case["language"] for case in AI_PACT) == sorted(set(EU_LANGUAGES) - {"ga"})
