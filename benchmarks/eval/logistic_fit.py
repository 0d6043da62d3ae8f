"""Fitting the shipped logistic models: L2-regularised, with signs fixed where they are known."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Matrix = np.ndarray


def _newton(x: Matrix, y: Matrix, l2: float, weights: Matrix) -> Matrix:
    """L2-regularised logistic regression by Newton's method (the bias not penalised)."""
    w = np.zeros(x.shape[1])
    penalty = l2 * np.r_[0.0, np.ones(x.shape[1] - 1)]
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (weights * (p - y)) + penalty * w
        hessian = (x.T * (weights * p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit(
    x: Matrix,
    y: Matrix,
    l2: float,
    evidence: Sequence[bool] = (),
    sample_weights: Matrix | None = None,
) -> Matrix:
    """The logistic fit, with the weights of evidence for the Act kept at zero or above.

    ``sample_weights`` make some rows' errors cost more (each row counts as that
    many copies of itself); all count once without them.

    Naming the Act, describing it or being close to it must never lower an
    article's relevance, whatever quirk of the training entries says so (on
    short English teasers "facial recognition" is mostly another story; in a
    German report of the codes of practice it is the Act's). Active set: a
    feature of evidence whose weight comes out negative (the most negative
    first) is left out and the rest fitted again.
    """
    keep = np.ones(x.shape[1], dtype=bool)
    weights = np.ones(len(y)) if sample_weights is None else np.asarray(sample_weights, float)
    positive = np.r_[False, np.asarray(evidence, dtype=bool)] if len(evidence) else keep & False
    while True:
        w = np.zeros(x.shape[1])
        w[keep] = _newton(x[:, keep], y, l2, weights)
        wrong = positive & keep & (w < 0)
        if not wrong.any():
            return w
        # One at a time, the most negative first: the others may recover once it is gone.
        keep[int(np.argmin(np.where(wrong, w, np.inf)))] = False
