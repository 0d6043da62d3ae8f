"""A logistic model as the assessment ships it: a bias and named weights (pure).

The models are fitted in ``benchmarks/eval`` and shipped as JSON beside the
code; here they are only applied.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LogisticModel:
    """A bias and one weight per feature; the probability is the logistic of their sum."""

    bias: float
    weights: Mapping[str, float]

    def probability(self, features: Mapping[str, float]) -> float:
        """The probability of the event modelled (a missing feature counts 0)."""
        z = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def model_dict(model: LogisticModel) -> dict[str, Any]:
    """The model as JSON-ready data."""
    return {"bias": model.bias, "weights": dict(model.weights)}


def model_from(data: Mapping[str, Any]) -> LogisticModel:
    """A model from ``model_dict``'s data."""
    return LogisticModel(
        float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()}
    )
