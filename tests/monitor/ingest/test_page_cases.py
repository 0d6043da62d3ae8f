"""Every file in tests/data/pages is an article page served for a feed entry and extracted for real.

The expectations live in each file's header comment (see tests/data/pages/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from monitor.ingest.feed_admin import add_feed
from monitor.ingest.poll import Poller
from tests.monitor.helpers import open_monitor
from tests.support.paths import CASES as TEST_CASES
from tests.support.server import LocalServer, Reply

CASES = TEST_CASES / "pages"


@dataclass
class PageCase:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    feed_text: str = ""
    #: The entry's title; None: the file's name.
    title: str | None = None
    method: str = ""
    fallback: str = ""
    contains: list[str] = field(default_factory=list)
    lacks: list[str] = field(default_factory=list)
    #: The article's date as recorded; None: not checked.
    published: str | None = None


def load_case(path: Path) -> PageCase:
    body = path.read_bytes()
    charset = re.search(rb'charset="?([A-Za-z0-9_-]+)', body[:2000])
    header = re.search(rb"<!--(.*?)-->", body, re.S)
    assert header, f"{path.name} has no header comment"
    text = header.group(1).decode(charset.group(1).decode() if charset else "utf-8")
    case = PageCase(body, headers={"Content-Type": "text/html; charset=utf-8"})
    for line in text.splitlines():
        key, _, value = line.strip().partition(":")
        value = value.strip()
        if key == "Header":
            name, _, header_value = value.partition(": ")
            case.headers[name] = header_value
        elif key == "Status":
            case.status = int(value)
        elif key == "Feed-Text":
            case.feed_text = value
        elif key == "Title":
            case.title = value
        elif key == "Contains":
            case.contains.append(value)
        elif key == "Lacks":
            case.lacks.append(value)
        elif key == "Published":
            case.published = value
        elif key == "Expect":
            pairs = dict(pair.split("=", 1) for pair in value.split())
            case.method, case.fallback = pairs["method"], pairs.get("fallback", "")
    assert case.method, f"{path.name} has no Expect line"
    return case


def page_files() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.suffix == ".html")


@pytest.mark.parametrize("path", page_files(), ids=lambda p: p.name)
def test_page_case(path: Path, server: LocalServer, tmp_path: Path) -> None:
    case = load_case(path)
    summary_xml = f"<description>{escape(case.feed_text)}</description>" if case.feed_text else ""
    feed = (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>f</title>"
        f"<item><guid>{server.url('/page')}</guid><link>{server.url('/page')}</link>"
        f"<title>{escape(path.stem if case.title is None else case.title)}</title>"
        f"{summary_xml}</item></channel></rss>"
    )
    server.route("/feed", Reply(200, feed.encode(), {"Content-Type": "application/rss+xml"}))
    server.route("/page", Reply(case.status, case.body, case.headers))
    with open_monitor(tmp_path) as app:
        added = add_feed(app, server.url("/feed"))
        poller = Poller(app)
        try:
            poller.run([added.feed_id])
        finally:
            poller.close()
        (event,) = app.store.read_all(types=["ArticleExtracted", "ExtractionFailed"])
    if case.method == "none":
        assert event.event_type == "ExtractionFailed", event.payload
        assert event.payload["reason"] == case.fallback
        return
    assert event.event_type == "ArticleExtracted", event.payload
    payload = event.payload
    assert (payload["method"], payload["fallback_reason"]) == (case.method, case.fallback), payload
    for needle in case.contains:
        assert needle in payload["text"], f"{path.name}: {needle!r} not in {payload['text']!r}"
    for needle in case.lacks:
        assert needle.lower() not in payload["text"].lower(), f"{path.name}: {needle!r} kept"
    if case.published is not None:
        assert payload["published"] == case.published, f"{path.name}: {payload['published']!r}"
