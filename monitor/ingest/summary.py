"""What one polling pass did: counts and lists, tallied safely from the pass's threads."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class PollSummary:
    """What one pass did, for people (the CLI) and scripts (``--json``)."""

    feeds: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    gone: int = 0
    redirected: int = 0
    new_items: int = 0
    extracted: int = 0
    fallbacks: int = 0
    extraction_failed: int = 0
    #: New items whose pages wait for a later pass (extraction.max_pages_per_feed).
    deferred: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    assessed: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    flagged: list[dict[str, str]] = field(default_factory=list)
    #: Updates of new feeds' backlogs, learned as corpus and not flagged.
    baseline: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (stable keys)."""
        return asdict(self)


class Tally:
    """The summary of the current pass, which feed threads add to at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.summary = PollSummary()

    def start_pass(self) -> PollSummary:
        """A fresh summary for a new pass (feeds skipped while choosing are kept)."""
        with self._lock:
            self.summary = PollSummary(skipped=self.summary.skipped)
            return self.summary

    def count(self, **increments: int) -> None:
        """Add to the summary's counters, by name."""
        with self._lock:
            for name, value in increments.items():
                setattr(self.summary, name, getattr(self.summary, name) + value)

    def failure(self, failure: dict[str, Any]) -> None:
        """Count a failed feed and keep what went wrong."""
        with self._lock:
            self.summary.failed += 1
            self.summary.failures.append(failure)


# What it usually means when every feed of a pass failed for the same reason.
_LIKELY_CAUSE = {
    "dns": "is the machine offline, or its DNS down?",
    "connect": "is a proxy or a firewall in the way?",
    "timeout": "is the network slow or blocked?",
    "tls": "is something intercepting HTTPS (a proxy with its own certificate)?",
    "blocked_address": (
        "these feeds resolve to private addresses; set fetch.allow_private_networks "
        "for intranet feeds"
    ),
}


def diagnosis(summary: PollSummary) -> str:
    """One line when every feed of a pass (two or more) failed for one reason, else ""."""
    if summary.feeds < 2 or summary.failed != summary.feeds:
        return ""
    reasons = {str(f.get("reason", "")) for f in summary.failures}
    if len(reasons) != 1:
        return ""
    (reason,) = reasons
    cause = _LIKELY_CAUSE.get(reason, "see the reasons below")
    return f"{summary.failed} of {summary.feeds} feeds failed on {reason}: {cause}"
