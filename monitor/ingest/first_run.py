"""A store's first run: the seed corpus and the default feeds, recorded once, resumably.

``init`` (and a daemon's first start) record the seeds, then the default
feeds, then ``StoreInitialised``. Each step is idempotent, so a start killed
half-way is finished by the next: a store without the marker whose log holds
nothing but those steps is initialised again, while a store in use before the
marker existed (it holds polls, items…) just gets the marker.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from monitor.app import InitReport, Monitor
from monitor.events import StoreInitialised, store_stream
from monitor.ingest.feed_admin import add_default_feeds

#: The events an initialisation writes; a log of only these may be an unfinished one.
_INIT_EVENTS = ("CorpusDocumentAdded", "FeedAdded", StoreInitialised.event_type)


@dataclass(frozen=True)
class FirstRun:
    """What initialising did (stable keys for ``init --json``)."""

    store_path: str
    created: bool
    seeds_added: int
    seeds_known: int
    feeds_added: int
    feeds_known: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


def is_initialised(app: Monitor) -> bool:
    """Whether the store's initialisation finished (or it was in use before the marker)."""
    if app.store.stream_version(store_stream()) > 0:
        return True
    return app.store.count() > app.store.count(list(_INIT_EVENTS))


def initialise(app: Monitor) -> FirstRun:
    """Record the seeds and the default feeds (what is missing of them), then the marker."""
    report: InitReport = app.init()
    feeds_added, feeds_known = add_default_feeds(app)
    marker = StoreInitialised(report.seeds_added + report.seeds_known, feeds_added + feeds_known)
    app.record([(store_stream(), [marker.to_new(idempotency_key="store-initialised")])])
    return FirstRun(
        report.store_path,
        report.created,
        report.seeds_added,
        report.seeds_known,
        feeds_added,
        feeds_known,
    )
