"""Every real feed in ../shared/data goes through our parser without a crash, with a clear outcome.

Where rss-parser's expected output exists, titles and links agree with it, up to
three documented differences where ours is the right one: HTML entities and tags
in titles are decoded, relative links are resolved to absolute URLs, and the
expected output's own mojibake (U+FFFD) is not held against us.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from monitor.ingest.feeds import FeedParseError, html_to_text, parse_feed
from tests.support.paths import SHARED_DATA

SHARED = SHARED_DATA / "feeds"
RSS_PARSER = SHARED / "real-world" / "rss-parser"
SKIP_SUFFIXES = {".txt", ".json", ".md"}

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason="../shared/data is not beside the repo"
)


def feed_files() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted(
        p
        for p in SHARED.rglob("*")
        if p.is_file() and p.suffix not in SKIP_SUFFIXES and not p.name.startswith("LICENSE")
    )


@needs_shared
def test_every_shared_feed_parses_or_fails_clearly() -> None:
    files = feed_files()
    assert len(files) > 2000
    outcomes = {"feed": 0, "not_a_feed": 0}
    for path in files:
        try:
            parse_feed(
                path.read_bytes(), {"content-type": "application/xml"}, "https://example.org/f"
            )
            outcomes["feed"] += 1
        except FeedParseError as exc:
            assert exc.reason == "not_a_feed" and exc.detail, path
            outcomes["not_a_feed"] += 1
    # Most of feedparser's suite are real feeds; its ill-formed half and entry-less
    # feed-level tests are the clear failures.
    assert outcomes["feed"] > 1800 and outcomes["not_a_feed"] > 100


def _norm(value: object) -> str:
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else ""


def expected_pairs() -> list[tuple[Path, Path]]:
    if not RSS_PARSER.is_dir():
        return []
    return [
        (source, RSS_PARSER / "output" / f"{source.stem}.json")
        for source in sorted((RSS_PARSER / "input").iterdir())
        if (RSS_PARSER / "output" / f"{source.stem}.json").exists()
    ]


@needs_shared
@pytest.mark.parametrize(("source", "expected"), expected_pairs(), ids=lambda p: p.name)
def test_titles_and_links_agree_with_rss_parser(source: Path, expected: Path) -> None:
    items = json.loads(expected.read_bytes().decode("utf-8", "replace"))["feed"].get("items", [])
    items = [i for i in items if i]  # an entry with nothing in it is not an item for us
    parsed = parse_feed(source.read_bytes(), {"content-type": "application/xml"}, "https://x.org/")
    assert len(parsed.entries) == len(items)
    for ours, theirs in zip(parsed.entries, items, strict=True):
        title = html_to_text(_norm(theirs.get("title")))
        if "\ufffd" not in title:
            assert ours.title == title
        link = _norm(theirs.get("link"))
        if link.startswith("/"):
            assert ours.link.startswith("http") and ours.link.endswith(link)
        elif link:
            assert ours.link == link
