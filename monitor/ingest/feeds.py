"""Feed bytes to entries (pure): feedparser on what we fetched, with the response headers.

feedparser is given a stream, never a URL or a path: given a URL it fetches with
no size cap or timeout, and given a string that names a file it reads the file.
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
import lxml.html
from lxml.etree import ParserError

from monitor.errors import MonitorError

_SPACES = re.compile(r"\s+")


class FeedParseError(MonitorError):
    """The bytes are not a feed we can read; ``reason`` is ``not_a_feed``."""

    def __init__(self, url: str, detail: str) -> None:
        self.reason = "not_a_feed"
        self.url = url
        self.detail = detail
        super().__init__(f"not a feed: {detail} ({url})")


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, reduced to plain text and ISO dates."""

    guid: str
    link: str
    title: str
    summary: str
    content: str
    published: str
    author: str
    language: str


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its own metadata, its entries, and a warning if it was ill-formed."""

    title: str
    link: str
    language: str
    version: str
    entries: tuple[FeedEntry, ...]
    warning: str = ""


# Problems after which feedparser still read the document fully: a wrong or missing
# Content-Type, or a declared encoding it had to override.
_SOFT_PROBLEMS = (
    feedparser.NonXMLContentType,
    feedparser.CharacterEncodingOverride,
)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, whitespace folded; text without tags passes through."""
    if not markup:
        return ""
    if "<" not in markup and "&" not in markup:
        return _SPACES.sub(" ", markup).strip()
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        text = root.text_content()
    except (ParserError, ValueError):
        text = re.sub(r"<[^>]+>", " ", markup)
    return _SPACES.sub(" ", text).strip()


def _iso(parsed: Any) -> str:
    if not parsed:
        return ""
    try:
        stamp = calendar.timegm(parsed)
        return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError, OverflowError):
        return ""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _entry(raw: dict[str, Any], feed_language: str) -> FeedEntry:
    contents = raw.get("content") or []
    content_html = " ".join(_text(c.get("value")) for c in contents if isinstance(c, Mapping))
    summary = html_to_text(_text(raw.get("summary")))
    content = html_to_text(content_html)
    detail = raw.get("title_detail") or {}
    language = _text(detail.get("language") if isinstance(detail, Mapping) else "") or feed_language
    # dict.get skips feedparser's deprecated updated->published key mapping and its warning.
    published = _iso(dict.get(raw, "published_parsed")) or _iso(dict.get(raw, "updated_parsed"))
    return FeedEntry(
        guid=_text(raw.get("id")).strip(),
        link=_text(raw.get("link")).strip(),
        title=html_to_text(_text(raw.get("title"))),
        summary=summary,
        content=content if content != summary else "",
        published=published,
        author=_text(raw.get("author")).strip(),
        language=(language or "").lower()[:12],
    )


def _headers_for_feedparser(headers: Mapping[str, str]) -> dict[str, str]:
    # Only what decoding needs. A content-location makes feedparser urljoin every
    # URI it meets (a quarter of its parse time, measured); the rare relative entry
    # link is resolved by us instead, in _absolute.
    return {k.lower(): v for k, v in headers.items() if k.lower() in {"content-type"}}


def _absolute(link: str, base: str) -> str:
    if not link or link.startswith(("http://", "https://")):
        return link
    try:
        return urljoin(base, link)
    except ValueError:  # "http://[not-an-address/": the link is unusable, the entry is not
        return ""


def _feedparser(body: bytes, headers: Mapping[str, str]) -> Any:
    return feedparser.parse(
        io.BytesIO(body),
        response_headers=_headers_for_feedparser(headers),
        # We reduce entry HTML to plain text and never render it, so feedparser's
        # sanitiser and its rewriting of URIs inside content are wasted work for us
        # (23% of parse time, measured). Entry links are resolved either way.
        sanitize_html=False,
        resolve_relative_uris=False,
    )


_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>", re.S)
# GeoRSS and GML: feedparser's handlers fail on them when they are out of place, and
# the monitor uses no coordinates.
_GEO_TAGS = re.compile(rb"</?(?:gml|georss):[^>]*>")


def _sanitised(body: bytes) -> bytes:
    """The body without what feedparser trips over: NUL bytes, an XML declaration whose
    encoding is not even ASCII, out-of-place GeoRSS. Entries survive all three."""
    body = body.replace(b"\x00", b"")
    declaration = _DECLARATION.match(body)
    if declaration and not declaration.group(0).isascii():
        body = body[declaration.end() :]
    return _GEO_TAGS.sub(b"", body)


def parse_feed(body: bytes, headers: Mapping[str, str], url: str) -> ParsedFeed:
    """Parse feed bytes; an ill-formed feed with entries keeps them with a warning.

    Whatever the bytes, the only error is ``FeedParseError``: where feedparser
    itself fails on hostile input (found by fuzzing: a NUL or a non-ASCII byte
    in the XML declaration, GML out of place), the body is cleaned of what
    tripped it and parsed again, so the entries that can be read are kept.
    """
    try:
        result = _feedparser(body, headers)
    except Exception as first:  # feedparser's own failures, not ours to raise
        try:
            result = _feedparser(_sanitised(body), headers)
        except Exception:
            detail = f"the feed parser failed on it: {type(first).__name__}: {first}"
            raise FeedParseError(url, detail[:500]) from None
        result["bozo"], result["bozo_exception"] = 1, first
    raw_entries = result.get("entries") or []
    feed = result.get("feed") or {}
    problem = result.get("bozo_exception")
    warning = f"{type(problem).__name__}: {problem}" if result.get("bozo") and problem else ""
    soft = isinstance(problem, _SOFT_PROBLEMS)
    if not raw_entries and (not result.get("version") or (warning and not soft)):
        detail = warning or "no feed format recognised and no entries"
        raise FeedParseError(url, detail[:500])
    language = _text(feed.get("language")).lower()
    # The lenient parser can make an entry of a truncated tag: one with nothing in
    # it is not an item.
    entries = tuple(
        replace(entry, link=_absolute(entry.link, url))
        for entry in (_entry(e, language) for e in raw_entries)
        if entry.guid or entry.link or entry.title or entry.summary or entry.content
    )
    if not entries and raw_entries and warning:
        raise FeedParseError(url, warning[:500])
    return ParsedFeed(
        title=html_to_text(_text(feed.get("title"))),
        link=_text(feed.get("link")),
        language=language,
        version=_text(result.get("version")),
        entries=entries,
        warning=warning[:500],
    )
