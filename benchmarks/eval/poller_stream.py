"""The real 2023 entries through the poller itself: ``python -m benchmarks.eval.poller_stream``.

``benchmarks.eval`` reads the entries as a stream in process, straight into
``assess``. This reads them as a monitor would meet them: every source of
``../shared/data/realnews-2023`` becomes a feed served from 127.0.0.1 (RSS 2.0
with its title, text, date and language, and an ETag, so an unchanged feed is
answered 304), a fresh SQLite store follows the 113 feeds with the shipped
settings, and the real ``Poller`` polls them all once a week through 2023, its
clock set to the end of that week. Pages are off (the publishers' sites are out
of reach here): the feed's text is the article, a title-only entry is judged
on its title. Verdicts are then read from the store's read models and scored
on the labelled half, as ``benchmarks.eval`` scores its in-process stream.

The store is followed from before 2023: each feed's first poll, on
2023-01-01, offers one entry of December 2022 that is no news of anybody's, so
the first-fetch backlog rule (learned, never flagged) takes that entry and not
the feed's first real one, as it would for feeds a user had added earlier.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from benchmarks.eval import realnews
from benchmarks.eval.realnews import Entry, StreamScores, score_stream
from monitor.app import Monitor
from monitor.assess.assessor import copy_key, flagged_document_id
from monitor.ingest import add_feed
from monitor.ingest.poll import Poller
from monitor.logging import configure_logging
from monitor.settings import load_settings
from monitor.times import parse_iso

#: When the monitor was installed: every feed's first poll.
INSTALLED = datetime(2023, 1, 1, tzinfo=UTC)
#: How many of its latest entries a feed carries, as most feeds do.
FEED_LENGTH = 30

CONFIG = """
feeds = []
[fetch]
allow_private_networks = true
per_host_delay = 0
concurrency = 8
[extraction]
fetch_pages = false
[digest]
schedule = ""
"""


@dataclass(frozen=True)
class Verdict:
    """What the store says of one entry: its verdict and the entry (or seed) it names."""

    verdict: str
    nearest_document_id: str


def _rss(title: str, language: str, items: Sequence[Entry], base: str) -> bytes:
    rows = []
    for entry in items:
        when = format_datetime(parse_iso(entry.published)) if entry.published else ""
        rows.append(
            f"<item><guid isPermaLink='false'>{escape(entry.id)}</guid>"
            f"<title>{escape(entry.title)}</title><link>{base}/article/{entry.id}</link>"
            f"<description>{escape(entry.summary)}</description>"
            + (f"<pubDate>{when}</pubDate>" if when else "")
            + "</item>"
        )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{escape(title)}</title><link>{base}/</link><language>{language}</language>"
        + "".join(rows)
        + "</channel></rss>"
    ).encode()


def _placeholder(source: int, language: str) -> Entry:
    """The entry a feed carried when it was added: older than the stream, nobody's news."""
    return Entry(
        id=f"before-2023-{source}",
        title="Programme of the holiday week",
        summary="Our offices are closed until 2 January; the regular schedule resumes then.",
        published="2022-12-30T09:00:00Z",
        source="",
        language=language,
        pool="",
    )


class FeedSite:
    """The entries' sources as feeds on 127.0.0.1, each showing what was published by ``now``."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        by_source: dict[str, list[Entry]] = {}
        for entry in entries:
            by_source.setdefault(entry.source, []).append(entry)
        self.sources = sorted(by_source)
        self.entries = [by_source[s] for s in self.sources]
        self.languages = [
            Counter(e.language for e in group).most_common(1)[0][0] or "en"
            for group in self.entries
        ]
        self.now = INSTALLED
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                """Quiet."""

            def do_GET(self) -> None:
                body = site.feed(int(self.path.strip("/").split("/")[1]))
                tag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", tag)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, source: int) -> str:
        """The feed of the ``source``-th source."""
        return f"{self.base}/feed/{source}"

    def feed(self, source: int) -> bytes:
        """The feed as it stood at ``now``: its latest entries, newest first."""
        now = self.now.isoformat()
        shown = [e for e in self.entries[source] if e.published <= now.replace("+00:00", "Z")]
        if not shown:
            shown = [_placeholder(source, self.languages[source])]
        shown = sorted(shown, key=lambda e: e.published, reverse=True)[:FEED_LENGTH]
        return _rss(f"Source {source}", self.languages[source], shown, self.base)

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def _monitor(folder: Path) -> Iterator[Monitor]:
    config = folder / "monitor.toml"
    config.write_text(CONFIG)
    settings = load_settings(config, environ={"MONITOR_DB": str(folder / "monitor.db")})
    with Monitor(settings, create=True) as app:
        app.init()
        yield app


def poll_times(every_days: int) -> Iterator[datetime]:
    """The end of every ``every_days`` days of 2023 (at 23:59:59), then 1 January 2024."""
    step = timedelta(days=every_days)
    end = INSTALLED + step - timedelta(seconds=1)
    while end.year == 2023:
        yield end
        end += step
    yield datetime(2024, 1, 1, tzinfo=UTC)


def run(
    entries: Sequence[Entry], folder: Path, every_days: int = 7
) -> tuple[list[Verdict], dict[str, int]]:
    """Poll the entries' feeds every ``every_days``; each entry's verdict, and what happened."""
    site = FeedSite(entries)
    counts: Counter[str] = Counter()
    try:
        with _monitor(folder) as app:
            counts["feeds"] = len(site.sources)
            for n in range(len(site.sources)):
                add_feed(app, site.url(n), name=f"Source {n}")
            clock = {"now": INSTALLED}
            poller = Poller(app, now=lambda: clock["now"])
            try:
                for now in [INSTALLED, *poll_times(every_days)]:
                    site.now = clock["now"] = now
                    summary = poller.run(all_feeds=True)
                    counts["polls"] += summary.feeds
                    counts["failed"] += summary.failed
                    counts["not_modified"] += summary.not_modified
            finally:
                poller.close()
            verdicts = _verdicts(app, entries, counts)
    finally:
        site.close()
    return verdicts, dict(counts)


def _verdicts(app: Monitor, entries: Sequence[Entry], counts: Counter[str]) -> list[Verdict]:
    rows = app.query(
        "SELECT i.item_id, i.guid, i.backlog, a.verdict, a.nearest_document_id "
        "FROM items i LEFT JOIN assessments a ON a.item_id = i.item_id"
    )
    # A ``known`` names a flagged article's corpus document, a ``duplicate`` its copy key.
    entry_of_document = {
        name(r["item_id"]): r["guid"] for r in rows for name in (flagged_document_id, copy_key)
    }
    by_entry = {r["guid"]: r for r in rows}
    verdicts = []
    for entry in entries:
        row = by_entry.get(entry.id)
        if row is None:
            counts["never_discovered"] += 1
            verdicts.append(Verdict("", ""))
            continue
        if row["verdict"] is None:
            counts["never_assessed"] += 1
        counts["backlog"] += int(bool(row["backlog"]))
        nearest = row["nearest_document_id"] or ""
        verdicts.append(Verdict(row["verdict"] or "", entry_of_document.get(nearest, nearest)))
    return verdicts


def main(argv: list[str] | None = None) -> None:
    """Run the entries through the poller and print the stream's scores."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.eval.poller_stream",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="Print the scores as JSON.")
    parser.add_argument(
        "--every", type=int, default=7, metavar="DAYS", help="Days between polls (default 7)."
    )
    args = parser.parse_args(argv)
    configure_logging("WARNING")
    measure(every_days=args.every, as_json=args.json)


def measure(every_days: int = 7, as_json: bool = False) -> None:
    """Run the entries through the poller and print the scores."""
    if not realnews.DATA.is_dir():
        print(f"real 2023 entries: not found at {realnews.DATA}; skipped")
        return
    everything = realnews.load_entries()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="poller-stream-") as name:
        verdicts, counts = run(everything, Path(name), every_days)
    seconds = time.perf_counter() - started
    scores = score_stream(everything, verdicts)
    print_scores(scores, counts, len(everything), seconds, every_days, as_json=as_json)


def print_scores(
    scores: StreamScores,
    counts: dict[str, int],
    entries: int,
    seconds: float,
    every_days: int,
    as_json: bool,
) -> None:
    """The stream's scores, as text or JSON."""
    summary = {**scores.to_dict(), **counts}
    if as_json:
        print(json.dumps({"realnews_poller_stream": summary}, indent=2))
        return
    hit, total = scores.development_recall()
    print(
        f"real 2023 entries through the poller: {entries} entries in "
        f"{counts.get('feeds', 0)} feeds served from 127.0.0.1, polled every {every_days} days "
        f"({counts.get('polls', 0)} polls, {counts.get('not_modified', 0)} answered 304, "
        f"{counts.get('failed', 0)} failed) in {seconds:.0f} s"
    )
    print(
        f"  discovered but never assessed: {counts.get('never_assessed', 0)}; never discovered: "
        f"{counts.get('never_discovered', 0)}; taken as backlog: {counts.get('backlog', 0)}"
    )
    print(
        f"  updates flagged {scores.flags}: false alarms {scores.false_alarms} "
        f"({scores.false_alarm_share:.0%}), syndicated copies {scores.copies_flagged}"
    )
    print(
        f"  developments with 3+ reports flagged at least once: {hit}/{total}; "
        f"updates per flagged development {summary['updates_per_flagged_development']}"
    )
    print(
        f"  known on AI Act entries: {scores.known}; of those naming a labelled entry "
        f"({scores.known_labelled}), of the same development {scores.known_right}"
    )
    missed = scores.missed_developments()
    if missed:
        print(f"  developments with 3+ reports never flagged: {', '.join(missed)}")


if __name__ == "__main__":
    main()
