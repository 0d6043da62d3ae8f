"""Does an article tell the story of a corpus document? A small logistic model (pure).

Newsrooms report one development in many words: a teaser of two sentences and
a full report share few sentences, and a report of last month's vote shares
many words with today's. What tells the same development apart is closeness
(the documents' vectors, the best-aligned sentence, the share of sentences
aligned, named things in common) together with time: reports of one
development come within days of each other. The weights are fitted by
``python -m benchmarks.eval.story_model`` on pairs of the labelled real 2023
entries (same development or not) and ship as ``story_model.json``.

Content alone still decides where it is unambiguous: a document vector at
``Thresholds.known_story`` or above (translations and rewrites of one text, as
measured on this embedder) is the same story at any distance in the window.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.assess.entities import name_key, tallies
from monitor.assess.logistic import LogisticModel, model_dict, model_from

MODEL_FILE = Path(__file__).with_name("story_model.json")

STORY_FEATURES = ("similarity", "aligned_share", "best_sentence", "recent", "shared_things")
# How fast "recent" falls with the days between two reports (1/e after three days);
# where either date is unknown, time says nothing either way.
RECENT_DAYS = 3.0
RECENT_UNKNOWN = 0.5


def recent(days_apart: int | None) -> float:
    """1 for reports of the same day, falling with the days between them."""
    if days_apart is None:
        return RECENT_UNKNOWN
    return math.exp(-abs(days_apart) / RECENT_DAYS)


def thing_key(kind: str, value: str) -> str:
    """A named thing as two texts are compared on it: a name by its stems, the rest as is."""
    return name_key(value) if kind == "names" else value.lower()


def thing_set(things: Mapping[str, list[str]]) -> frozenset[str]:
    """Named things of every kind as one set of keys (``thing_key``)."""
    return frozenset(thing_key(kind, v) for kind, values in things.items() for v in values)


def count_set(text: str, things: Mapping[str, list[str]]) -> frozenset[str]:
    """A text's counts (``entities.tallies``), marked apart from its named things ("#523")."""
    return frozenset(f"#{count}" for count in tallies(text, things))


def shared_share(mine: frozenset[str], theirs: frozenset[str]) -> float:
    """Named things (names, amounts, dates, references) in common, as a Jaccard share."""
    union = mine | theirs
    return len(mine & theirs) / len(union) if union else 0.0


def story_features(
    *,
    similarity: float,
    aligned_share: float,
    best_sentence: float,
    days_apart: int | None,
    shared_things: float,
) -> dict[str, float]:
    """The model's inputs for one article and one candidate document."""
    return {
        "similarity": similarity,
        "aligned_share": aligned_share,
        "best_sentence": best_sentence,
        "recent": recent(days_apart),
        "shared_things": shared_things,
    }


@dataclass(frozen=True)
class StoryModel:
    """The fitted same-story model, and where it comes from."""

    model: LogisticModel
    trained_on: str
    cross_validated: Mapping[str, Any]

    def probability(self, features: Mapping[str, float]) -> float:
        """The probability that the article tells the candidate's story."""
        return self.model.probability(features)

    def to_dict(self) -> dict[str, Any]:
        """The model as the JSON file holds it."""
        return {
            "version": 1,
            "trained_on": self.trained_on,
            "cross_validated": dict(self.cross_validated),
            "model": model_dict(self.model),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StoryModel:
        """A model from the JSON file's data."""
        return cls(
            model=model_from(data["model"]),
            trained_on=str(data.get("trained_on", "")),
            cross_validated=dict(data.get("cross_validated", {})),
        )


@functools.cache
def shipped_story_model(path: Path = MODEL_FILE) -> StoryModel:
    """The model that ships in the package (read once)."""
    return StoryModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
