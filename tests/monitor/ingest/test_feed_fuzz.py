"""Hostile bytes reach the feed parser: whatever they are, its only error is its own.

A bounded property test (the long fuzzing is ``scripts/fuzz_parsers.py``; what it
found is in ``tests/data/feeds/fuzz-*.xml``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.ingest.feeds import FeedParseError, parse_feed
from monitor.ingest.opml import OpmlError, parse_opml

FEEDS = sorted((Path(__file__).parents[2] / "data" / "feeds").glob("*.xml"))
SEEDS = [path.read_bytes() for path in FEEDS]
HOSTILE = [b"\x00", b"\xc3", b"&", b"<", b"]]>", b"<gml:pos>1</gml:pos>", b"http://[::1", b"\xff"]


@st.composite
def mutated_feeds(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 5))):
        where = draw(st.integers(0, len(data)))
        data[where:where] = draw(st.sampled_from(HOSTILE) | st.binary(max_size=8))
    return bytes(data)


@settings(max_examples=150, deadline=None)
@given(st.one_of(mutated_feeds(), st.binary(max_size=400)))
def test_the_feed_parser_raises_nothing_but_its_own_error(data: bytes) -> None:
    try:
        parsed = parse_feed(data, {"content-type": "application/rss+xml"}, "https://x.example/f")
    except FeedParseError:
        return
    assert all(isinstance(entry.title, str) for entry in parsed.entries)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_the_opml_reader_raises_nothing_but_its_own_error(data: bytes) -> None:
    with contextlib.suppress(OpmlError):
        parse_opml(b'<?xml version="1.0"?><opml version="2.0"><body>' + data, "f.opml")
