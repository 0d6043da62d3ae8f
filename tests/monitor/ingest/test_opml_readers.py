"""OPML as Miniflux, FreshRSS, Feedly and NetNewsWire export it: read, and written back."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from monitor.ingest.opml import parse_opml, read_opml, render_opml
from tests.support.paths import CASES

FIXTURES = CASES / "opml"

EXPECTED = {
    "miniflux.opml": {
        "https://edri.org/feed/": ("EDRi", ["EU policy"]),
        "https://www.euractiv.com/sections/tech/feed/": ("Euractiv Tech", ["EU policy"]),
        "https://feeds.nos.nl/nosnieuwstech": ("NOS Tech", ["Nieuws"]),
    },
    "freshrss.opml": {
        "https://algorithmwatch.org/en/feed/": ("AlgorithmWatch", ["AI & rights"]),
        "https://netzpolitik.org/feed/": ("netzpolitik.org", ["AI & rights"]),
    },
    "feedly.opml": {
        "https://www.heise.de/rss/heise-atom.xml": ("heise online", ["Tech"]),
        "https://feeds.feedburner.com/tweakers/mixed": ("Tweakers", ["Tech"]),
        "https://artificialintelligenceact.substack.com/feed": (
            "The EU AI Act Newsletter",
            ["Policy"],
        ),
    },
    "netnewswire.opml": {
        "https://www.lemonde.fr/pixels/rss_full.xml": ("Le Monde Pixels", []),
        "https://next.ink/feed/": ("Next", ["Français"]),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_readers_export_is_read_with_its_folders_as_tags(name: str) -> None:
    feeds = parse_opml((FIXTURES / name).read_bytes(), name)
    assert {f.url: (f.title, f.tags) for f in feeds} == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_what_we_export_reads_back_the_same_here_and_nests_folders(name: str) -> None:
    feeds = parse_opml((FIXTURES / name).read_bytes(), name)
    written = render_opml(feeds)
    assert parse_opml(written.encode()) == feeds
    # Readers that take folders from nesting only (Miniflux) see the same folders.
    body = ET.fromstring(written).find("body")
    assert body is not None
    nested = {
        child.get("xmlUrl"): folder.get("text")
        for folder in body.findall("outline")
        for child in folder.findall("outline")
    }
    for feed in feeds:
        if feed.tags:
            assert nested[feed.url] == feed.tags[0]


def test_an_outline_that_is_no_feed_is_skipped_and_said() -> None:
    document = read_opml((FIXTURES / "netnewswire.opml").read_bytes())
    assert document.skipped == [
        ("A saved link", "no xmlUrl, so no feed (link, https://example.org/not-a-feed)")
    ]


def test_more_tags_than_a_folder_stay_in_the_category_attribute() -> None:
    written = render_opml(
        parse_opml(
            b'<opml version="2.0"><body><outline text="EU"><outline xmlUrl="https://e.org/f" '
            b'text="E" category="ai-act,policy"/></outline></body></opml>'
        )
    )
    (feed,) = parse_opml(written.encode())
    assert feed.tags == ["EU", "ai-act", "policy"]
    assert 'category="ai-act,policy"' in written
