"""Counters and histograms of what the monitor did, and their Prometheus text form. Pure.

The counters are a read model like any other (``MetricsProjection`` adds what
``counts_of`` says for each event as it is recorded), so a scrape reads a few
rows instead of the log, and a rebuild gives the same totals. Gauges (lag,
feeds by state, deliveries owed, the heartbeat's age) are read at scrape time
(``monitor.views.metrics_text``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from monitor.events import (
    ArticleAssessed,
    ArticleExtracted,
    DigestDelivered,
    DigestDeliveryFailed,
    DigestPublished,
    ExtractionFailed,
    FeedPolled,
    FeedPollFailed,
    ItemDiscovered,
    UpdateFlagged,
    UpdateWithdrawn,
    VerdictCorrected,
)

#: Upper bounds (seconds) of the poll duration histogram's buckets.
POLL_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
#: Upper bounds (seconds) of the assessment duration histogram's buckets.
ASSESS_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)

#: Each counter's help line; the names are stable once released.
HELP: dict[str, tuple[str, str]] = {
    "monitor_polls_total": ("counter", "Feed polls by outcome (fetched, not_modified, failed)."),
    "monitor_poll_failures_total": ("counter", "Failed feed polls by reason."),
    "monitor_poll_duration_seconds": ("histogram", "Time a successful feed poll took."),
    "monitor_assessment_duration_seconds": ("histogram", "Time the judgement of an article took."),
    "monitor_items_discovered_total": ("counter", "New items discovered in feeds."),
    "monitor_extractions_total": ("counter", "Articles extracted, by method."),
    "monitor_extraction_fallbacks_total": (
        "counter",
        "Extractions that fell back to the feed's text, by reason.",
    ),
    "monitor_extraction_failures_total": ("counter", "Items with no text, by reason."),
    "monitor_verdicts_total": ("counter", "Article assessments by verdict."),
    "monitor_updates_flagged_total": ("counter", "Updates flagged."),
    "monitor_updates_withdrawn_total": ("counter", "Flagged updates withdrawn."),
    "monitor_verdicts_corrected_total": ("counter", "Readers' corrections by kind."),
    "monitor_digests_published_total": ("counter", "Digests published."),
    "monitor_digest_deliveries_total": (
        "counter",
        "Digest delivery attempts by channel and result.",
    ),
}


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def label_text(**values: str) -> str:
    """Prometheus label text, escaped: ``a="x",b="y"``."""
    return _label_text(tuple(sorted(values.items())))


@functools.lru_cache(maxsize=1024)
def _label_text(items: tuple[tuple[str, str], ...]) -> str:
    # Few label sets, met once per event: each is written once.
    return ",".join(f'{key}="{_escaped(value)}"' for key, value in items)


def _observed(
    histogram: str, bounds: tuple[float, ...], seconds: float
) -> list[tuple[str, str, float]]:
    """What one observation adds to a histogram: its buckets, sum and count."""
    adds = [
        (f"{histogram}_bucket", label_text(le=str(bound)), 1.0)
        for bound in bounds
        if seconds <= bound
    ]
    return [
        *adds,
        (f"{histogram}_bucket", label_text(le="+Inf"), 1.0),
        (f"{histogram}_sum", "", seconds),
        (f"{histogram}_count", "", 1.0),
    ]


def counts_of(event: object) -> list[tuple[str, str, float]]:
    """What one event adds to the counters: (metric, labels, amount). Pure."""
    if isinstance(event, FeedPolled):
        outcome = ("monitor_polls_total", label_text(outcome=event.outcome), 1.0)
        poll = _observed("monitor_poll_duration_seconds", POLL_BUCKETS, event.elapsed_ms / 1000)
        return [outcome, *poll]
    if isinstance(event, FeedPollFailed):
        return [
            ("monitor_polls_total", label_text(outcome="failed"), 1.0),
            ("monitor_poll_failures_total", label_text(reason=event.reason), 1.0),
        ]
    if isinstance(event, ItemDiscovered):
        return [("monitor_items_discovered_total", "", 1.0)]
    if isinstance(event, ArticleExtracted):
        adds = [("monitor_extractions_total", label_text(method=event.method), 1.0)]
        if event.fallback_reason:
            reason = label_text(reason=event.fallback_reason)
            adds.append(("monitor_extraction_fallbacks_total", reason, 1.0))
        return adds
    if isinstance(event, ExtractionFailed):
        return [("monitor_extraction_failures_total", label_text(reason=event.reason), 1.0)]
    if isinstance(event, ArticleAssessed):
        verdict = ("monitor_verdicts_total", label_text(verdict=event.verdict), 1.0)
        if not event.elapsed_ms:  # not measured (recorded before version 4)
            return [verdict]
        seconds = event.elapsed_ms / 1000
        return [verdict, *_observed("monitor_assessment_duration_seconds", ASSESS_BUCKETS, seconds)]
    if isinstance(event, UpdateFlagged):
        return [("monitor_updates_flagged_total", "", 1.0)]
    if isinstance(event, UpdateWithdrawn):
        return [("monitor_updates_withdrawn_total", "", 1.0)]
    if isinstance(event, VerdictCorrected):
        return [("monitor_verdicts_corrected_total", label_text(correction=event.correction), 1.0)]
    if isinstance(event, DigestPublished):
        return [("monitor_digests_published_total", "", 1.0)]
    if isinstance(event, DigestDelivered):
        labels = label_text(channel=event.channel, result="delivered")
        return [("monitor_digest_deliveries_total", labels, 1.0)]
    if isinstance(event, DigestDeliveryFailed):
        labels = label_text(channel=event.channel, result="failed")
        return [("monitor_digest_deliveries_total", labels, 1.0)]
    return []


def _family(name: str) -> str:
    for suffix in ("_bucket", "_sum", "_count"):
        if name.endswith(suffix) and name[: -len(suffix)] in HELP:
            return name[: -len(suffix)]
    return name


def _order(row: Mapping[str, Any]) -> tuple[str, str, float, str]:
    """By family and name; a histogram's buckets by bound, ``+Inf`` last."""
    labels = str(row["labels"])
    bound = float(labels.split('le="', 1)[1].split('"', 1)[0]) if 'le="' in labels else 0.0
    return _family(row["name"]), row["name"], bound, labels


def _sample(name: str, labels: str, value: float) -> str:
    shown = f"{value:.6g}" if value != int(value) else str(int(value))
    return f"{name}{{{labels}}} {shown}" if labels else f"{name} {shown}"


def render_metrics(
    counters: Iterable[Mapping[str, Any]], gauges: Iterable[tuple[str, str, str, float]]
) -> str:
    """The Prometheus text exposition: counters from the read model, then gauges."""
    lines: list[str] = []
    seen: set[str] = set()
    rows = sorted(counters, key=_order)
    for row in rows:
        family = _family(row["name"])
        if family not in seen:
            seen.add(family)
            kind, text = HELP.get(family, ("counter", family))
            lines += [f"# HELP {family} {text}", f"# TYPE {family} {kind}"]
        lines.append(_sample(row["name"], row["labels"], float(row["value"])))
    for name, text, labels, value in gauges:
        if name not in seen:
            seen.add(name)
            lines += [f"# HELP {name} {text}", f"# TYPE {name} gauge"]
        lines.append(_sample(name, labels, value))
    return "\n".join(lines) + "\n"
