"""Ingest: feeds in, articles out.

Fetch a feed through one guarded HTTP layer (``fetch``), parse its bytes into
entries (``feeds``), tell new items from known ones (``identity``), fetch and
extract each new article (``extract``, in ``workers``), politely per host
(``politeness``) and on each feed's own schedule (``schedule``). ``poll`` runs a
pass and records its outcome as events, then hands what it extracted to the
assessment; ``feed_admin`` and ``opml`` manage the feeds themselves.
"""

from typing import TYPE_CHECKING

from monitor.lazy import lazy_exports

if TYPE_CHECKING:
    from monitor.ingest.extract import PageExtraction, choose_text, extract_page
    from monitor.ingest.feed_admin import (
        AddOutcome,
        FeedAdminError,
        add_default_feeds,
        add_feed,
        enable_feed,
        export_opml,
        find_feed,
        import_opml,
        remove_feed,
    )
    from monitor.ingest.feeds import FeedEntry, FeedParseError, ParsedFeed, parse_feed
    from monitor.ingest.fetch import FetchError, FetchLimits, FetchResponse
    from monitor.ingest.poll import Poller, fetch_limits
    from monitor.ingest.summary import PollSummary
else:
    __getattr__ = lazy_exports(
        __name__,
        {
            "extract": ["PageExtraction", "choose_text", "extract_page"],
            "feed_admin": [
                "AddOutcome",
                "FeedAdminError",
                "add_default_feeds",
                "add_feed",
                "enable_feed",
                "export_opml",
                "find_feed",
                "import_opml",
                "remove_feed",
            ],
            "feeds": ["FeedEntry", "FeedParseError", "ParsedFeed", "parse_feed"],
            "fetch": ["FetchError", "FetchLimits", "FetchResponse"],
            "poll": ["Poller", "fetch_limits"],
            "summary": ["PollSummary"],
        },
    )

__all__ = [
    "AddOutcome",
    "FeedAdminError",
    "FeedEntry",
    "FeedParseError",
    "FetchError",
    "FetchLimits",
    "FetchResponse",
    "PageExtraction",
    "ParsedFeed",
    "PollSummary",
    "Poller",
    "add_default_feeds",
    "add_feed",
    "choose_text",
    "enable_feed",
    "export_opml",
    "extract_page",
    "fetch_limits",
    "find_feed",
    "import_opml",
    "parse_feed",
    "remove_feed",
]
