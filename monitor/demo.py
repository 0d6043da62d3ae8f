"""``monitor demo``: the whole pipeline, offline, on bundled sample feeds served on 127.0.0.1.

The samples (``monitor/samples/demo.toml``) are made-up feeds and articles. A
small HTTP server on a free loopback port serves each feed as RSS and each
article as a web page with the navigation, teaser and footer a real page has,
so the real fetcher, feedparser, trafilatura and the assessor do the work.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from monitor.app import Monitor
from monitor.digest import ATOM_FILE, SUFFIXES, Digests
from monitor.ingest import Poller, add_feed
from monitor.settings import load_settings

SAMPLES = Path(__file__).parent / "samples" / "demo.toml"


def load_samples(path: Path = SAMPLES) -> dict[str, Any]:
    """The sample feeds and articles."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _published(day: str) -> str:
    moment = datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC)
    return format_datetime(moment, usegmt=True)


def feed_xml(feed: dict[str, Any], articles: list[dict[str, Any]], base: str) -> bytes:
    """One sample feed as RSS 2.0, its items linking to the sample pages."""
    items = "".join(
        f"<item><title>{escape(a['title'])}</title>"
        f"<link>{base}/articles/{a['slug']}.html</link>"
        f"<guid isPermaLink='false'>sample:{a['slug']}</guid>"
        f"<pubDate>{_published(a['published'])}</pubDate>"
        f"<description>{escape(a['text'].strip().split(chr(10))[0][:200])}</description></item>"
        for a in articles
        if a["feed"] == feed["id"]
    )
    language = f"<language>{feed['language']}</language>" if feed["language"] else ""
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{escape(feed['title'])}</title><link>{base}/</link>{language}"
        "<description>A sample feed of ai-act-monitor's demo; not a real outlet.</description>"
        f"{items}</channel></rss>"
    ).encode()


def page_html(article: dict[str, Any]) -> bytes:
    """One sample article as a web page with boilerplate around the text."""
    paragraphs = "".join(
        f"<p>{escape(line)}</p>" for line in article["text"].strip().splitlines() if line.strip()
    )
    return (
        f"<!DOCTYPE html><html lang='{article['language']}'><head><meta charset='utf-8'>"
        f"<title>{escape(article['title'])} | SAMPLE</title>"
        f"<meta property='article:published_time' content='{article['published']}'></head>"
        "<body><header><nav><a href='/'>Home</a> <a href='/tech'>Tech</a> "
        "<a href='/policy'>Policy</a> <a href='/subscribe'>Subscribe</a></nav></header>"
        f"<main><article><h1>{escape(article['title'])}</h1>"
        f"<p class='byline'>Sample desk, {article['published']}</p>{paragraphs}</article>"
        "<aside><h2>Most read</h2><ul><li><a href='/x'>Ten tips for a tidy inbox</a></li>"
        "<li><a href='/y'>Weather: a mild week ahead</a></li></ul></aside></main>"
        "<footer><p>SAMPLE page served by `monitor demo`: written for the demo, not real "
        "reporting.</p><p>Cookie settings · Privacy · Contact</p></footer></body></html>"
    ).encode()


class SampleSite:
    """The samples on a real HTTP server on 127.0.0.1, on a free port, in a thread."""

    def __init__(self, samples: dict[str, Any]) -> None:
        self.samples = samples
        routes: dict[str, tuple[str, bytes]] = {}

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                return  # the demo prints its own summary

            def do_GET(self) -> None:
                content_type, body = routes.get(self.path, ("text/plain", b""))
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        for feed in samples["feed"]:
            routes[f"/feeds/{feed['id']}.xml"] = (
                "application/rss+xml",
                feed_xml(feed, samples["article"], self.base),
            )
        for article in samples["article"]:
            routes[f"/articles/{article['slug']}.html"] = (
                "text/html; charset=utf-8",
                page_html(article),
            )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def feed_url(self, feed_id: str) -> str:
        """Where a sample feed is served."""
        return f"{self.base}/feeds/{feed_id}.xml"

    def __enter__(self) -> SampleSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class DemoReport:
    """What the demo did and where it left things."""

    directory: str
    store: str
    served_at: str
    feeds: int
    articles: int
    verdicts: dict[str, str] = field(default_factory=dict)
    expected: dict[str, str] = field(default_factory=dict)
    flagged: list[dict[str, Any]] = field(default_factory=list)
    digest_id: str = ""
    digest_files: list[str] = field(default_factory=list)


def run_demo(directory: Path, progress: Callable[[str], None] | None = None) -> DemoReport:
    """Serve the samples, poll them into a new store in ``directory``, write a digest.

    ``progress`` is told each step as it starts (for a spinner: the steps take
    seconds, the sentence model's loading most of them).
    """
    step = progress or (lambda _message: None)
    directory.mkdir(parents=True, exist_ok=True)
    store = directory / "monitor.db"
    # Hermetic: the user's MONITOR_* variables and config file are not read.
    settings = load_settings(
        environ={},
        overrides={
            "store.path": str(store),
            "fetch.allow_private_networks": True,
            "fetch.per_host_delay": 0,
            "digest.output_dir": str(directory / "digests"),
            "digest.formats": ["md", "html", "json"],
            # The samples are all a first poll's backlog (dated 2024): the demo
            # shows the judgement, so the first day's baseline is not taken.
            "assessment.baseline": False,
        },
    )
    samples = load_samples()
    expected = {a["title"]: a["expected"] for a in samples["article"]}
    step("creating the store and serving the samples on 127.0.0.1")
    with SampleSite(samples) as site, Monitor(settings, create=True) as app:
        app.init()
        for feed in samples["feed"]:
            add_feed(app, site.feed_url(feed["id"]), name=feed["title"], language=feed["language"])
        poller = Poller(app)
        try:
            step(
                f"polling {len(samples['feed'])} feeds, extracting their pages, loading the "
                "sentence model and assessing"
            )
            poller.run(all_feeds=True)
        finally:
            poller.close()
        step("writing the digest")
        verdicts = {
            row["title"]: row["verdict"]
            for row in app.query(
                "SELECT a.title, s.verdict FROM assessments s JOIN articles a USING (item_id) "
                "ORDER BY s.position"
            )
        }
        digests = Digests(app)
        digest = digests.publish_now(trigger="command")
        assert digest is not None  # send_empty is true in the demo's settings
        flagged = [
            {
                "title": entry.title,
                "source": entry.source,
                "follows": entry.follows or "a new story",
                "why": entry.why,
                "new_sentences": entry.novel_sentences[:2],
                "reasons": entry.reasons,
            }
            for group in digest.groups
            for entry in group.entries
        ]
        out = settings.digest_dir()
        files = [
            str(out / f"digest-{digest.digest_id}{SUFFIXES[fmt]}")
            for fmt in settings.digest.formats
        ]
        return DemoReport(
            directory=str(directory),
            store=str(store),
            served_at=site.base,
            feeds=len(samples["feed"]),
            articles=len(samples["article"]),
            verdicts=verdicts,
            expected=expected,
            flagged=flagged,
            digest_id=digest.digest_id,
            digest_files=[*files, str(out / ATOM_FILE)],
        )
