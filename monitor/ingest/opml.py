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


def parse_opml(data: bytes, source: str = "OPML") -> list[OpmlFeed]:
    """Every outline with an ``xmlUrl``; enclosing outlines' titles become tags.

    Read as leniently as other readers write it: a bare ``&`` is taken as
    ``&amp;`` and attribute names in any case.
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

    def walk(node: ET.Element, folders: list[str]) -> None:
        for outline in node.findall("outline"):
            url = _attribute(outline, "xmlUrl")
            title = _attribute(outline, "title") or _attribute(outline, "text")
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
    return feeds


def render_opml(feeds: Iterable[OpmlFeed], title: str = "ai-act-monitor feeds") -> str:
    """An OPML 2.0 document listing the feeds."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attributes["title"] = feed.title
        if feed.language:
            attributes["language"] = feed.language
        if feed.tags:
            attributes["category"] = ",".join(feed.tags)
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
