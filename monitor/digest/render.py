"""Render a digest as Markdown, HTML (for browsers and email clients), Atom or JSON.

Pure: a ``Digest`` in, text out. Titles, sentences and links come from feeds
anyone can write, so HTML is autoescaped, Markdown has its link syntax
escaped, and only http(s) links are ever made clickable.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from jinja2 import Environment

from monitor import __version__
from monitor.act_parts import part_names
from monitor.digest.model import SINCE_LAST, DayVolume, Digest, describe_period
from monitor.templating import environment, safe_url
from monitor.times import iso_z, parse_iso

FORMATS = ("md", "html", "atom", "json")
SUFFIXES = {"md": ".md", "html": ".html", "atom": ".atom", "json": ".json"}
ATOM_NS = "http://www.w3.org/2005/Atom"
#: Bars of the HTML chart are at most this share (percent) of their cell, so the
#: chart narrows with the window (a 400 px phone) instead of overflowing it.
CHART_WIDTH = 100


def markdown_text(text: str) -> str:
    """Text on one line with Markdown's link and emphasis characters escaped."""
    flat = " ".join(str(text).split())
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", flat)


@cache
def _environment() -> Environment:
    return environment(Path(__file__).parent / "templates", keep_trailing_newline=True)


def _period(digest: Digest) -> str:
    since = parse_iso(digest.since) if digest.since else None
    return describe_period(
        since, parse_iso(digest.until), digest.label == SINCE_LAST, timezone=digest.timezone
    )


@dataclass(frozen=True)
class _ChartDay:
    day: str
    articles: int
    relevant: int
    updates: int
    articles_width: int
    relevant_width: int
    updates_width: int


def chart_rows(volume: list[DayVolume], width: int = CHART_WIDTH) -> list[_ChartDay]:
    """Days with bar widths (percent of the cell), scaled to the busiest day (a count > 0
    shows at least 2)."""
    top = max((max(d.articles, d.relevant, d.updates) for d in volume), default=0)
    if top == 0:
        return []

    def px(count: int) -> int:
        return 0 if count == 0 else max(2, round(width * count / top))

    return [
        _ChartDay(
            d.day,
            d.articles,
            d.relevant,
            d.updates,
            px(d.articles),
            px(d.relevant),
            px(d.updates),
        )
        for d in volume
    ]


def _context(digest: Digest, max_sentences: int) -> dict[str, Any]:
    return {
        "digest": digest,
        "period": _period(digest),
        "max_sentences": max_sentences,
        "chart": chart_rows(digest.volume),
    }


def render_markdown(digest: Digest, max_sentences: int = 5) -> str:
    """The digest as Markdown (also the plain-text part of an email)."""
    stories = digest.story_count
    lines = [f"# AI Act updates: {digest.label}", "", _period(digest), ""]
    if digest.empty:
        lines += ["No new update on the AI Act was flagged in this period.", ""]
    else:
        lines += [
            f"{digest.update_count} update(s) in {stories} stor{'y' if stories == 1 else 'ies'}.",
            "",
        ]
    for group in digest.groups:
        heading = (
            f"Follows: {markdown_text(group.title or group.document_id)}"
            if group.document_id
            else "New stories (nothing like them was known)"
        )
        lines += [f"## {heading}", ""]
        for entry in group.entries:
            url = safe_url(entry.url).replace(")", "%29").replace(" ", "%20")
            meta = [
                markdown_text(entry.source),
                entry.language or "language unknown",
                (entry.published or entry.flagged_at)[:10],
            ]
            lines += [f"### [{markdown_text(entry.title)}]({url})", "", " · ".join(meta), ""]
            if entry.novel_sentences:
                lines += ["What is new:", ""]
                lines += [f"- {markdown_text(s)}" for s in entry.novel_sentences[:max_sentences]]
                more = len(entry.novel_sentences) - max_sentences
                if more > 0:
                    lines.append(f"- … and {more} more")
                lines.append("")
            lines += [f"Why flagged: {markdown_text(entry.why)}", ""]
            if entry.parts:
                lines += [f"Parts of the Act: {part_names(entry.parts)}", ""]
    health = digest.health
    lines += [
        "## Health",
        "",
        f"- Feeds: {health.feeds_active} active, {len(health.failing_feeds)} failing",
    ]
    lines += [
        f"  - {markdown_text(feed.name or feed.url)}: {feed.reason or feed.status} "
        f"({feed.consecutive_failures} failure(s) in a row)"
        for feed in health.failing_feeds
    ]
    lines += [
        f"- Items discovered: {health.items}; articles extracted: {health.articles}; "
        f"extraction failures: {health.extraction_failures}",
        f"- About the AI Act: {health.relevant}; updates flagged: {health.updates}",
        *([f"- {health.baseline_note()}"] if health.backlog else []),
        "",
    ]
    if any(d.articles or d.relevant or d.updates for d in digest.volume):
        lines += [
            "## Coverage per day (UTC)",
            "",
            "| day | articles | about the AI Act | updates |",
            "|---|---:|---:|---:|",
        ]
        lines += [f"| {d.day} | {d.articles} | {d.relevant} | {d.updates} |" for d in digest.volume]
        lines.append("")
    lines.append(
        f"_Generated by ai-act-monitor at {digest.generated_at} (digest {digest.digest_id})._"
    )
    return "\n".join(lines) + "\n"


def render_summary(digest: Digest, limit: int = 10) -> str:
    """A short Markdown notice for chat and push services (Apprise): titles and links only.

    Services cap a message at a few thousand characters; the digest itself is in
    the files and the email.
    """
    period = _period(digest)
    if digest.empty:
        note = digest.health.baseline_note()
        return f"No new update on the AI Act ({period})." + (f" {note}" if note else "")
    lines = [f"{digest.update_count} update(s) on the AI Act ({period}):", ""]
    entries = [(g, e) for g in digest.groups for e in g.entries]
    for group, entry in entries[:limit]:
        story = f"; follows {markdown_text(group.title)}" if group.document_id else ""
        lines.append(
            f"- [{markdown_text(entry.title)}]({safe_url(entry.url)}) "
            f"({markdown_text(entry.source)}, {entry.language or '?'}{story})"
        )
    if len(entries) > limit:
        lines.append(f"- … and {len(entries) - limit} more in the digest")
    return "\n".join(lines) + "\n"


def render_html(digest: Digest, max_sentences: int = 5) -> str:
    """The digest as one HTML page, with inline styles so that email clients show it too."""
    template = _environment().get_template("digest.html.j2")
    return template.render(_context(digest, max_sentences))


def render_json(digest: Digest) -> str:
    """The digest as one JSON document (the shape ``Digest.to_dict`` gives)."""
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def render_atom(digest: Digest, feed_url: str = "") -> str:
    """An Atom 1.0 feed with one entry per update, for a feed reader to subscribe to.

    Entry ids are stable per item (``urn:ai-act-monitor:update:<item>``), so a
    reader that sees the same update in two feeds shows it once.
    """
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", "urn:ai-act-monitor:updates")
    _sub(feed, "title", "AI Act updates")
    _sub(feed, "subtitle", f"{digest.label}: {_period(digest)}")
    _sub(feed, "updated", _latest(digest))
    _sub(feed, "generator", "ai-act-monitor", version=__version__)
    if feed_url:
        _sub(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    author = _sub(feed, "author")
    _sub(author, "name", "ai-act-monitor")
    for group in digest.groups:
        for entry in group.entries:
            node = _sub(feed, "entry")
            _sub(node, "id", f"urn:ai-act-monitor:update:{entry.item_id}")
            _sub(node, "title", entry.title)
            _sub(node, "updated", entry.flagged_at or digest.generated_at)
            if entry.published:
                _sub(node, "published", _atom_time(entry.published) or entry.flagged_at)
            url = safe_url(entry.url)
            if url != "#":
                _sub(node, "link", rel="alternate", href=url)
            writer = _sub(node, "author")
            _sub(writer, "name", entry.source)
            if entry.language:
                _sub(node, "category", term=entry.language, label=f"language: {entry.language}")
            for part in entry.parts:
                _sub(node, "category", term=f"part:{part}", label=part_names([part]))
            story = group.title or group.document_id
            if story:
                _sub(node, "category", term=f"story:{group.document_id}", label=story)
            _sub(node, "summary", " ".join(entry.novel_sentences[:2]) or entry.title)
            _sub(
                node,
                "content",
                _entry_html(entry.novel_sentences, entry.why, story),
                type="html",
            )
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry_html(sentences: list[str], why: str, story: str) -> str:
    parts = []
    if story:
        parts.append(f"<p>Follows: {escape(story)}</p>")
    if sentences:
        items = "".join(f"<li>{escape(s)}</li>" for s in sentences)
        parts.append(f"<p>What is new:</p><ul>{items}</ul>")
    parts.append(f"<p>Why flagged: {escape(why)}</p>")
    return "".join(parts)


def _atom_time(value: str) -> str:
    """An RFC 3339 time from a stored date, or '' when it is not one."""
    try:
        return iso_z(parse_iso(value))
    except ValueError:
        return ""


def _latest(digest: Digest) -> str:
    times = [e.flagged_at for g in digest.groups for e in g.entries if e.flagged_at]
    return max(times, default=digest.generated_at)


def render(digest: Digest, fmt: str, max_sentences: int = 5) -> str:
    """The digest in one of ``FORMATS``."""
    if fmt == "md":
        return render_markdown(digest, max_sentences)
    if fmt == "html":
        return render_html(digest, max_sentences)
    if fmt == "atom":
        return render_atom(digest)
    if fmt == "json":
        return render_json(digest)
    raise ValueError(f"unknown digest format {fmt!r}; one of {', '.join(FORMATS)}")
