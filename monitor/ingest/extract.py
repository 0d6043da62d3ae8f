"""HTML to article text (pure): one pinned trafilatura call, consent walls, and fallbacks.

trafilatura takes some 25 options and signals failure by returning ``None``; its
options are pinned here, once. ``include_comments`` is off: left on (its default)
it mixes reader comments into the article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml.etree import LxmlError, ParserError

from monitor.ingest.wall_phrases import WALL_PHRASES

TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "with_metadata": True,
    "deduplicate": False,
    "favor_precision": False,
    "favor_recall": False,
}


@dataclass(frozen=True)
class PageExtraction:
    """What trafilatura found in a page."""

    text: str
    title: str = ""
    author: str = ""
    published: str = ""
    language: str = ""
    sitename: str = ""


def page_language(html: str | bytes) -> str:
    """The page's declared language (``<html lang>``), two letters, or ``""``."""
    head = html[:4096] if isinstance(html, str) else html[:4096].decode("latin-1")
    match = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", head, re.IGNORECASE)
    return match.group(1).lower() if match else ""


def date_options() -> dict[str, Any]:
    """htmldate's options: a date from the page's markup only (meta tags, JSON-LD,
    ``<time>``, the URL), never one guessed from the text. A guess picks any date
    the article mentions: a page without metadata that said the AI Act's rules
    "apply from 2 August 2025" was dated 2 August 2025, and fell out of the
    window of every later report of its story."""
    return {"original_date": True, "extensive_search": False}


def extract_page(html: str | bytes, url: str) -> PageExtraction | None:
    """Run trafilatura with our options; ``None`` when it finds no main text."""
    # Imported here: only extraction workers run it, and the processes that only
    # choose between texts (the poller, the daemon) are 21 MB lighter without it.
    import trafilatura  # noqa: PLC0415

    try:
        document = trafilatura.bare_extraction(
            html, url=url, date_extraction_params=date_options(), **TRAFILATURA_OPTIONS
        )
    except (LxmlError, ParserError, ValueError, TypeError):
        return None
    if document is None:
        return None
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = (data.get("text") or "").strip()
    if not text:
        return None
    return PageExtraction(
        text=text,
        title=(data.get("title") or "").strip(),
        author=(data.get("author") or "").strip(),
        published=(data.get("date") or "").strip(),
        language=(data.get("language") or "") or page_language(html),
        sitename=(data.get("sitename") or "").strip(),
    )


_WALL_PATTERNS = {
    kind: re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)
    for kind, phrases in WALL_PHRASES.items()
}
# A real article is long; a wall is short. Past this length a page is not judged a wall.
_WALL_MAX_CHARS = 2500
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def detect_wall(text: str) -> str:
    """``consent_wall``, ``paywall`` or ``blocked_page`` for such a stub, else ``""``.

    A wall is short and made of its phrases: at least half of its sentences carry
    one. An article about cookie banners says "accept all" too, in a few of many
    sentences, and is kept.
    """
    if not text or len(text) > _WALL_MAX_CHARS:
        return ""
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    for kind, pattern in _WALL_PATTERNS.items():
        marked = sum(1 for s in sentences if pattern.search(s))
        if marked and marked * 2 >= len(sentences):
            return kind
    return ""


@dataclass(frozen=True)
class TextChoice:
    """The text kept for an article and how it was obtained."""

    method: str  # "trafilatura", "feed" or "title"; "" when there is no text at all
    text: str
    fallback_reason: str = ""


def choose_text(
    page: PageExtraction | None, feed_text: str, min_chars: int, title: str = ""
) -> TextChoice:
    """Keep the page's text unless it is missing, a wall, or shorter than the feed's own.

    With no text anywhere, the entry's title is the article: newsrooms' feeds
    often carry a headline alone ("EU clinches deal on landmark AI Act"), and a
    headline is enough to judge.
    """
    feed_text = feed_text.strip()
    reason = ""
    if page is None:
        reason = "page_had_no_main_text"
    else:
        wall = detect_wall(page.text)
        if wall:
            reason = wall
        elif len(page.text) < min_chars and len(feed_text) > len(page.text):
            reason = "page_text_too_short"
        else:
            return TextChoice("trafilatura", page.text)
    if feed_text:
        return TextChoice("feed", feed_text, reason)
    if page is not None and reason == "page_text_too_short":
        return TextChoice("trafilatura", page.text)
    if title.strip():
        return TextChoice("title", title.strip(), reason or "no_text")
    return TextChoice("", "", reason)
