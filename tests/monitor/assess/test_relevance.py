"""The shipped relevance model: its file, its features and the signs of its weights."""

from __future__ import annotations

import json

from monitor.assess.relevance import (
    CLOSENESS_FEATURES,
    COUNTER_EVIDENCE,
    LEXICAL_FEATURES,
    MODEL_FILE,
    RelevanceModel,
    relevance_features,
    shipped_model,
)
from monitor.assess.vocabulary import lexical_signals


def test_the_model_file_ships_and_reads_back_the_same() -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert RelevanceModel.from_dict(data).to_dict() == data
    assert data["cross_validated"]["with_closeness"]["f1"] > 0


def test_the_models_know_exactly_the_features_the_assessment_computes() -> None:
    model = shipped_model()
    assert set(model.with_closeness.weights) == set(LEXICAL_FEATURES + CLOSENESS_FEATURES)
    assert set(model.lexical_only.weights) == set(LEXICAL_FEATURES)
    signals = lexical_signals("The AI Act applies.", title="EU AI Act", language="en")
    assert set(relevance_features(signals, title="EU AI Act", title_only=False)) == set(
        LEXICAL_FEATURES
    )
    with_closeness = relevance_features(signals, title="EU AI Act", title_only=False, closeness=0.5)
    assert set(with_closeness) == set(LEXICAL_FEATURES + CLOSENESS_FEATURES)


def test_evidence_for_the_act_never_counts_against_it() -> None:
    model = shipped_model()
    for fitted in (model.with_closeness, model.lexical_only):
        for name, weight in fitted.weights.items():
            assert name in COUNTER_EVIDENCE or weight >= 0, (name, weight)


def test_the_model_picks_closeness_only_where_the_features_have_it() -> None:
    model = shipped_model()
    signals = lexical_signals("", title="EU agrees landmark AI rules", language="en")
    lexical = relevance_features(signals, title="EU agrees landmark AI rules", title_only=True)
    assert model.model_for(lexical) is model.lexical_only
    assert model.model_for({**lexical, "closeness": 0.6}) is model.with_closeness
    assert model.probability(lexical) > 0.5
