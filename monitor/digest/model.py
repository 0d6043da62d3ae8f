"""A digest: the flagged updates of a period grouped by story, and how the monitor fared.

Pure: built from rows the read models gave, rendered elsewhere
(``monitor.digest.render``). A digest round-trips through ``to_dict`` and
``from_dict``, so the one recorded in ``DigestPublished`` can be rendered and
delivered again, exactly as it was, however the read models change later.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from monitor.times import iso_z

#: The group of updates that follow no story the corpus knew.
NEW_STORY = ""
#: The label of a digest that covers what is new since the one before.
SINCE_LAST = "since the last digest"


@dataclass(frozen=True)
class DigestEntry:
    """One flagged update as a reader sees it."""

    item_id: str
    title: str
    url: str
    source: str
    language: str
    published: str
    flagged_at: str
    similarity: float
    novel_sentences: list[str]
    reasons: list[str]
    #: The story the update follows, by title ("": it starts a new story).
    follows: str = ""
    #: Why it was flagged, in one sentence for a reader (no ids, no scores).
    why: str = ""
    #: The parts of the Act it concerns (``monitor.assess.parts.PARTS``).
    parts: list[str] = field(default_factory=list)


def story_of(row: Mapping[str, Any]) -> tuple[str, str]:
    """The story an update follows, as (document id, title); ("", "") for a new story.

    The one place every view takes it from: a new story's nearest document is
    not a story it follows, whatever ``follows_document_id`` holds.
    """
    document_id = row.get("follows_document_id") or ""
    if row.get("new_story") or not document_id:
        return "", ""
    return document_id, row.get("follows_title") or document_id


def why_flagged(follows_title: str, novel: int) -> str:
    """One sentence for a reader: what is new, and which story it follows or that it starts one."""
    new = f"{novel} new sentence{'s' if novel != 1 else ''}" if novel else "new details"
    if follows_title:
        return f"Follows “{follows_title}”, with {new}."
    return "Starts a new story: nothing like it was known."


@dataclass(frozen=True)
class StoryGroup:
    """The updates that follow one known story (``document_id`` empty: a new story)."""

    document_id: str
    title: str
    entries: list[DigestEntry]


@dataclass(frozen=True)
class FailingFeed:
    """A feed whose last poll failed, or that answered 410 Gone."""

    feed_id: str
    name: str
    url: str
    status: str
    reason: str
    consecutive_failures: int


@dataclass(frozen=True)
class DayVolume:
    """What one day brought: articles extracted, the relevant ones, updates flagged."""

    day: str
    articles: int
    relevant: int
    updates: int


@dataclass(frozen=True)
class DigestHealth:
    """The short health section: failing feeds, failed extractions, volume of the period."""

    feeds_active: int
    failing_feeds: list[FailingFeed]
    items: int
    articles: int
    extraction_failures: int
    relevant: int
    updates: int
    #: Items that were in newly followed feeds already, and the updates among
    #: them learned as corpus instead of listed (the first day's baseline).
    backlog: int = 0
    baseline: int = 0

    def baseline_note(self) -> str:
        """One sentence on the baseline taken in the period, or nothing."""
        if not self.backlog:
            return ""
        return (
            f"Baseline: {self.backlog} item(s) were already in newly followed feeds; "
            f"{self.baseline} update(s) among them were learned as corpus, not listed."
        )


@dataclass(frozen=True)
class Digest:
    """Everything one digest says; ``since`` and ``until`` are ISO times (UTC)."""

    digest_id: str
    generated_at: str
    since: str
    until: str
    label: str
    groups: list[StoryGroup]
    health: DigestHealth
    volume: list[DayVolume] = field(default_factory=list)
    #: The time zone the reader's times are shown in (``digest.timezone``).
    timezone: str = "UTC"

    @property
    def empty(self) -> bool:
        """True when no update was flagged in the period."""
        return not self.groups

    @property
    def update_count(self) -> int:
        """How many updates the digest carries."""
        return sum(len(group.entries) for group in self.groups)

    @property
    def story_count(self) -> int:
        """Stories moved: each known story followed up, and each new story on its own."""
        return sum(len(g.entries) if g.document_id == NEW_STORY else 1 for g in self.groups)

    def item_ids(self) -> list[str]:
        """The items of every update, in the digest's order."""
        return [entry.item_id for group in self.groups for entry in group.entries]

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready), the shape ``--format json`` prints and events keep."""
        data = asdict(self)
        data["empty"] = self.empty
        data["updates"] = self.update_count
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Digest:
        """The digest from ``to_dict``'s output (extra keys are ignored)."""
        health = dict(data["health"])
        health["failing_feeds"] = [FailingFeed(**f) for f in health.get("failing_feeds", [])]
        return cls(
            digest_id=data["digest_id"],
            generated_at=data["generated_at"],
            since=data["since"],
            until=data["until"],
            label=data["label"],
            groups=[
                StoryGroup(
                    document_id=g["document_id"],
                    title=g["title"],
                    entries=[DigestEntry(**e) for e in g["entries"]],
                )
                for g in data["groups"]
            ],
            health=DigestHealth(**health),
            volume=[DayVolume(**v) for v in data.get("volume", [])],
            timezone=data.get("timezone", "UTC"),
        )


def source_name(feed_name: str | None, url: str) -> str:
    """Who published it: the feed's name, or else the host of the article."""
    if feed_name:
        return feed_name
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or "unknown source"


def _loads(value: object) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, str) and value:
        loaded = json.loads(value)
        return loaded if isinstance(loaded, list) else []
    return []


def _plain(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".!?:")


def entry_from_row(row: Mapping[str, Any]) -> DigestEntry:
    """A digest entry from a row of the ``updates`` read model (joined with the feed's name)."""
    sentences = [
        str(s.get("text", "")) if isinstance(s, Mapping) else str(s)
        for s in _loads(row.get("novel_sentences"))
    ]
    title = row.get("title") or row.get("url") or row["item_id"]
    # Pages often repeat their headline in the body; it is new, but shown already.
    sentences = [s for s in sentences if _plain(s) != _plain(title)]
    _, follows = story_of(row)
    return DigestEntry(
        item_id=row["item_id"],
        title=title,
        url=row.get("url") or "",
        source=source_name(row.get("feed_name"), row.get("url") or ""),
        language=row.get("language") or "",
        published=row.get("published") or "",
        flagged_at=row.get("flagged_at") or "",
        similarity=float(row.get("similarity") or 0.0),
        novel_sentences=[s for s in sentences if s],
        reasons=[str(r) for r in _loads(row.get("reasons"))],
        follows=follows,
        why=why_flagged(follows, len([s for s in sentences if s])),
        parts=[str(p) for p in _loads(row.get("parts"))],
    )


def group_by_story(rows: Iterable[Mapping[str, Any]]) -> list[StoryGroup]:
    """Updates grouped by the story they follow; newest group first, newest entry first.

    A group's place is that of its newest update, so the story that moved last
    leads. Rows are ordered by their log position where they carry one.
    """
    ordered = sorted(rows, key=lambda r: (r.get("position") or 0, r["item_id"]), reverse=True)
    groups: dict[str, StoryGroup] = {}
    for row in ordered:
        key, title = story_of(row)
        key = key or NEW_STORY
        group = groups.get(key)
        if group is None:
            group = groups[key] = StoryGroup(document_id=key, title=title, entries=[])
        group.entries.append(entry_from_row(row))
    return list(groups.values())


def daily_volume(rows: Iterable[Mapping[str, Any]], first: date, last: date) -> list[DayVolume]:
    """One entry per day from ``first`` to ``last``, zeros where nothing happened."""
    by_day = {str(row["day"]): row for row in rows}
    days = []
    day = first
    while day <= last:
        row = by_day.get(day.isoformat(), {})
        days.append(
            DayVolume(
                day=day.isoformat(),
                articles=int(row.get("articles") or 0),
                relevant=int(row.get("relevant") or 0),
                updates=int(row.get("updates") or 0),
            )
        )
        day += timedelta(days=1)
    return days


def digest_id_for(until: datetime) -> str:
    """A digest's id: its end, to the second (readable, sortable, one per moment)."""
    return until.strftime("%Y%m%dT%H%M%SZ")


def describe_period(
    since: datetime | None, until: datetime, since_last: bool, timezone: str = "UTC"
) -> str:
    """The period in words, for headings and subjects, in the reader's time zone."""
    zone = ZoneInfo(timezone)

    def local(moment: datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")

    end = local(until)
    if since is None:
        return f"everything until {end}"
    start = local(since)
    if since_last:
        return f"since the last digest ({start}) until {end}"
    return f"{start} to {end}"


def build_digest(
    *,
    until: datetime,
    since: datetime | None,
    label: str,
    updates: Sequence[Mapping[str, Any]],
    health: DigestHealth,
    volume: Sequence[DayVolume],
    timezone: str = "UTC",
) -> Digest:
    """Assemble a digest from what the read models gave."""
    return Digest(
        digest_id=digest_id_for(until),
        generated_at=iso_z(until),
        since="" if since is None else iso_z(since),
        until=iso_z(until),
        label=label,
        groups=group_by_story(updates),
        health=health,
        volume=list(volume),
        timezone=timezone,
    )
