"""Is an article about the AI Act? A small logistic model over the vocabulary's signals (pure).

The features say where the Act is named or described (title, lead, further
down), whether a lead that names it sits under a title on AI, how much of it
there is, whether the title is about another jurisdiction, and, where the
embedder covers the language, how close the text and its title are to what the Act is (a title of
fewer than ``TITLE_WORDS`` words says too little for a sentence vector: the
text's closeness stands in for it). Their
weights are not chosen by hand: ``python -m benchmarks.eval.relevance_model``
fits them on the labelled half of the real 2023 feed entries, reports their
cross-validated precision and recall, and writes ``relevance_model.json``, which
ships in this package. Two models are fitted on the same entries: one with the
closeness features and one without, for the languages the embedder lacks.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.assess.logistic import LogisticModel, model_dict, model_from
from monitor.assess.vocabulary import LexicalSignals

MODEL_FILE = Path(__file__).with_name("relevance_model.json")

LEXICAL_FEATURES = (
    "named_title",
    "named_lead",
    "named_body",
    "described_title",
    "described_lead",
    "described_body",
    "act_names",
    "named_share",
    "topics",
    "eu",
    "ai",
    "title_only",
    "elsewhere_title",
    "title_by_actors",
    "title_other_subject",
    "title_roundup",
    "named_lead_ai_title",
)
CLOSENESS_FEATURES = ("closeness", "title_closeness")
#: Titles shorter than this ("Praktijkcode getekend") are not embedded on their own.
TITLE_WORDS = 4
#: The features that may weigh against relevance; every other one is evidence for it.
COUNTER_EVIDENCE = frozenset(
    {"elsewhere_title", "title_only", "title_by_actors", "title_other_subject", "title_roundup"}
)


def _scaled(count: int, cap: int) -> float:
    """A count on 0..1, flattening above ``cap``: the third mention adds less than the first."""
    return math.log1p(min(count, cap)) / math.log1p(cap)


def relevance_features(
    lexical: LexicalSignals,
    *,
    title: str,
    title_only: bool,
    closeness: float | None = None,
    title_closeness: float | None = None,
) -> dict[str, float]:
    """The model's inputs for one article; closeness only where the embedder covers it."""
    features = {
        "named_title": float(lexical.named_in == "title"),
        "named_lead": float(lexical.named_in == "lead"),
        "named_body": float(lexical.named_in == "body"),
        "described_title": float(lexical.described_in == "title"),
        "described_lead": float(lexical.described_in == "lead"),
        "described_body": float(lexical.described_in == "body"),
        "act_names": _scaled(len(lexical.act_names), 3),
        "named_share": lexical.named_share,
        "topics": _scaled(len(lexical.topics), 3),
        "eu": _scaled(lexical.eu_mentions, 10),
        "ai": _scaled(lexical.ai_mentions, 10),
        "title_only": float(title_only),
        "elsewhere_title": float(lexical.elsewhere_in == "title"),
        "title_by_actors": float(lexical.title_by_actors),
        "title_other_subject": float(lexical.title_other_subject),
        "title_roundup": float(lexical.title_roundup),
        # A teaser whose title speaks of AI and whose lead names the Act goes on from
        # its title ("Arbeitgeber dürfen Gefühle nicht mehr per KI auslesen" / "… das
        # Verbot aus der KI-Verordnung"); one whose title is on something else ("Apple
        # Broke Them") names it in passing.
        "named_lead_ai_title": float(
            lexical.ai_in_title and lexical.named_in == "lead" and lexical.named_first
        ),
    }
    if closeness is not None:
        features["closeness"] = closeness
        features["title_closeness"] = closeness if title_closeness is None else title_closeness
    return features


@dataclass(frozen=True)
class RelevanceModel:
    """The fitted models, and where they come from."""

    with_closeness: LogisticModel
    lexical_only: LogisticModel
    trained_on: str
    cross_validated: Mapping[str, Any]

    def model_for(self, features: Mapping[str, float]) -> LogisticModel:
        """The model with closeness where the features have it, else the lexical one."""
        return self.with_closeness if "closeness" in features else self.lexical_only

    def probability(self, features: Mapping[str, float]) -> float:
        """The probability that the article is about the AI Act."""
        return self.model_for(features).probability(features)

    def to_dict(self) -> dict[str, Any]:
        """The model as the JSON file holds it."""
        return {
            "version": 1,
            "trained_on": self.trained_on,
            "cross_validated": dict(self.cross_validated),
            "with_closeness": model_dict(self.with_closeness),
            "lexical_only": model_dict(self.lexical_only),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RelevanceModel:
        """A model from the JSON file's data."""
        return cls(
            with_closeness=model_from(data["with_closeness"]),
            lexical_only=model_from(data["lexical_only"]),
            trained_on=str(data.get("trained_on", "")),
            cross_validated=dict(data.get("cross_validated", {})),
        )


@functools.cache
def shipped_model(path: Path = MODEL_FILE) -> RelevanceModel:
    """The model that ships in the package (read once)."""
    return RelevanceModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def lexical_relevance(lexical: LexicalSignals, *, title: str, title_only: bool = False) -> float:
    """The probability from the vocabulary alone (the model for languages the embedder lacks)."""
    features = relevance_features(lexical, title=title, title_only=title_only)
    return shipped_model().lexical_only.probability(features)
