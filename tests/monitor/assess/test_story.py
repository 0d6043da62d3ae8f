"""The same-story decision: the shipped story model, dates as spans, teasers a day apart."""

from __future__ import annotations

import json
from datetime import date

import pytest

from monitor.assess.decision import (
    CorpusDocument,
    CorpusIndex,
    _date_span,
    _days_apart,
    assess,
)
from monitor.assess.embedding import Embedder, default_embedder
from monitor.assess.story import (
    MODEL_FILE,
    RECENT_UNKNOWN,
    STORY_FEATURES,
    StoryModel,
    recent,
    shared_share,
    shipped_story_model,
    thing_set,
)


def test_the_story_model_ships_with_its_features_and_non_negative_weights() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert StoryModel.from_dict(data).to_dict() == data
    weights = shipped_story_model().model.weights
    assert set(weights) == set(STORY_FEATURES)
    assert all(w >= 0 for w in weights.values())
    assert data["cross_validated"]["attribution_right"] > 0


def test_time_between_reports_is_a_signal_and_unknown_time_is_neutral() -> None:
    assert recent(0) == 1.0 and recent(3) < recent(1) < 1.0 and recent(-2) == recent(2)
    assert recent(None) == RECENT_UNKNOWN


def test_shared_things_is_a_jaccard_share_of_any_kind() -> None:
    mine = {"names": ["Meta", "Mistral"], "amounts": ["€35m"]}
    theirs = {"names": ["meta"], "dates": ["2 August 2025"]}
    assert shared_share(thing_set(mine), thing_set(theirs)) == pytest.approx(1 / 4)
    assert shared_share(frozenset(), frozenset()) == 0.0


@pytest.mark.parametrize(
    ("published", "article", "apart"),
    [
        ("2023-07", "2023-07-20", 0),  # a month-only date holds every day of the month
        ("2023-07", "2023-08-03", 3),
        ("2023-07", "2023-06-28", -3),
        ("2023-12", "2024-01-01", 1),
        ("2024-09-25", "2024-10-10", 15),
        ("", "2024-10-10", None),
        ("2024-09-25", None, None),
    ],
)
def test_days_apart_measures_from_the_span_a_date_may_mean(
    published: str, article: str | None, apart: int | None
) -> None:
    first, last = _date_span(published)
    day = date.fromisoformat(article).toordinal() if article else None
    assert _days_apart(day, first, last) == apart


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return default_embedder()


def test_a_teaser_of_the_next_day_is_the_story_a_teaser_weeks_later_is_news(
    embedder: Embedder,
) -> None:
    first = (
        "EU countries and lawmakers reached a provisional deal on the AI Act after "
        "36 hours of talks."
    )
    index = CorpusIndex(embedder)
    index.add(
        [
            CorpusDocument(
                "item-deal", "EU strikes deal on AI Act", "en", first, "2023-12-08", "flagged"
            )
        ]
    )
    teaser = "Negotiators agreed rules for AI systems such as ChatGPT after marathon talks."
    title = "EU clinches landmark deal on AI rules"
    next_day = assess(teaser, index, title=title, published="2023-12-09")
    weeks_later = assess(teaser, index, title=title, published="2024-01-05")
    assert next_day.relevant and weeks_later.relevant
    assert next_day.same_story and next_day.nearest_document_id == "item-deal"
    assert not weeks_later.same_story
