"""OPML 2.0 in and out (pure): the lists of feeds other readers export and import."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime

from monitor.errors import MonitorError


class OpmlError(MonitorError):
    """The file is not OPML we can read."""


@dataclass(frozen=True)
class OpmlFeed:
    """A feed as OPML describes it."""

    url: str
    title: str = ""
    language: str = ""
    tags: list[str] = field(default_factory=list)


# A bare "&" (in "Science & Tech", or a URL's query) that starts no entity reference.
_BARE_AMPERSAND = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)")


def _attribute(outline: ET.Element, name: str) -> str:
    """An attribute whatever its case: readers write xmlUrl, xmlurl and XMLURL."""
    wanted = name.lower()
    for key, value in outline.attrib.items():
        if key.lower() == wanted:
            return value.strip()
    return ""


@dataclass(frozen=True)
class OpmlDocument:
    """What an OPML file holds: its feeds, and the outlines that are no feed (said, not lost)."""

    feeds: list[OpmlFeed]
    #: Each outline with no ``xmlUrl`` and nothing inside: its text and why it was skipped.
    skipped: list[tuple[str, str]] = field(default_factory=list)


def parse_opml(data: bytes, source: str = "OPML") -> list[OpmlFeed]:
    """Every outline with an ``xmlUrl``; enclosing outlines' titles become tags."""
    return read_opml(data, source).feeds


def read_opml(data: bytes, source: str = "OPML") -> OpmlDocument:
    """The feeds of an OPML file and the outlines skipped; folders' titles become tags.

    Read as leniently as other readers write it: a bare ``&`` is taken as
    ``&amp;``, attribute names in any case, folders nested (Miniflux, FreshRSS,
    Feedly, NetNewsWire) or named in a ``category`` attribute.
    """
    try:
        root = ET.fromstring(_BARE_AMPERSAND.sub(b"&amp;", data))
    except ET.ParseError as exc:
        raise OpmlError(f"{source} is not well-formed XML: {exc}") from None
    if root.tag != "opml":
        raise OpmlError(f"{source} is not OPML (root element <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise OpmlError(f"{source} has no <body>")
    feeds: list[OpmlFeed] = []
    skipped: list[tuple[str, str]] = []

    def walk(node: ET.Element, folders: list[str]) -> None:
        for outline in node.findall("outline"):
            url = _attribute(outline, "xmlUrl")
            title = _attribute(outline, "title") or _attribute(outline, "text")
            if not url and outline.find("outline") is None:
                kind = _attribute(outline, "type") or "no type"
                link = _attribute(outline, "htmlUrl") or _attribute(outline, "url")
                named = title or link or "an outline"
                skipped.append(
                    (named, f"no xmlUrl, so no feed ({kind}{', ' + link if link else ''})")
                )
                continue
            if url:
                categories = [
                    c.strip().strip("/")
                    for c in _attribute(outline, "category").split(",")
                    if c.strip().strip("/")
                ]
                feeds.append(
                    OpmlFeed(
                        url=url,
                        title=title,
                        language=_attribute(outline, "language"),
                        tags=[*folders, *categories],
                    )
                )
            walk(outline, [*folders, title] if not url and title else folders)

    walk(body, [])
    return OpmlDocument(feeds, skipped)


def render_opml(feeds: Iterable[OpmlFeed], title: str = "ai-act-monitor feeds") -> str:
    """An OPML 2.0 document listing the feeds."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = ET.SubElement(root, "body")
    # A feed's first tag is its folder, a nested outline as every reader writes and
    # reads them (Miniflux reads no ``category``); other tags stay in ``category``.
    folders: dict[str, ET.Element] = {}
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attributes["title"] = feed.title
        if feed.language:
            attributes["language"] = feed.language
        parent = body
        if feed.tags:
            folder = feed.tags[0]
            if folder not in folders:
                folders[folder] = ET.SubElement(body, "outline", {"text": folder, "title": folder})
            parent = folders[folder]
            if feed.tags[1:]:
                attributes["category"] = ",".join(feed.tags[1:])
        ET.SubElement(parent, "outline", attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
