"""What the web app's pages and API read: updates with filters and a cursor, stories, digests.

Read models only (the same tables the CLI reads); each function returns plain
dicts with stable keys, which the API serves as JSON and the pages render.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from monitor.app import Monitor
from monitor.digest.model import entry_from_row, story_of


@dataclass(frozen=True)
class UpdateFilters:
    """The updates a reader asks for; empty means no filter."""

    since: str = ""  # a store stamp: updates flagged at or after it
    until: str = ""  # a store stamp: updates flagged before it
    language: str = ""
    tag: str = ""
    part: str = ""
    text: str = ""


def _like(text: str) -> str:
    # Lower-cased here and in the SQL: LIKE ignores case on SQLite, not on PostgreSQL.
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def update_view(row: dict[str, Any]) -> dict[str, Any]:
    """One update as the API and pages show it."""
    entry = entry_from_row(row)
    story_id, story_title = story_of(row)
    return {
        "item_id": row["item_id"],
        "position": row["position"],
        "title": entry.title,
        "url": entry.url,
        "source": entry.source,
        "feed_id": row.get("feed_id") or "",
        "tags": json.loads(row.get("feed_tags") or "[]"),
        "language": entry.language,
        "published": entry.published,
        "flagged_at": entry.flagged_at,
        "why": entry.why,
        "reasons": entry.reasons,
        "new_sentences": entry.novel_sentences,
        "parts": entry.parts,
        "story": {"document_id": story_id, "title": story_title},
        "new_story": not story_id,
    }


def updates_page(
    app: Monitor, filters: UpdateFilters, *, before: int | None = None, limit: int = 50
) -> tuple[list[dict[str, Any]], int | None]:
    """Updates newest first, and the cursor of the next page (None on the last).

    The cursor is a log position: the next page holds the updates flagged
    before it, so a page stays put however many updates arrive meanwhile.
    """
    like = _like(filters.text)
    # (the value given, its clause, its parameters): a filter applies when given.
    clauses: list[tuple[object, str, tuple[Any, ...]]] = [
        (before is not None, "u.position < ?", (before,)),
        (filters.since, "u.flagged_at >= ?", (filters.since,)),
        (filters.until, "u.flagged_at < ?", (filters.until,)),
        (filters.language, "u.language = ?", (filters.language,)),
        (filters.tag, app.json_array_has("f.tags"), (filters.tag,)),
        (filters.part, app.json_array_has("u.parts"), (filters.part,)),
        (
            filters.text,
            "(lower(u.title) LIKE ? ESCAPE '\\' OR lower(u.novel_sentences) LIKE ? ESCAPE '\\' "
            "OR lower(u.follows_title) LIKE ? ESCAPE '\\')",
            (like, like, like),
        ),
    ]
    where = ["1 = 1", *(clause for given, clause, _ in clauses if given)]
    params = [value for given, _, values in clauses if given for value in values]
    rows = app.query(
        "SELECT u.*, f.name AS feed_name, f.tags AS feed_tags FROM updates u "
        f"LEFT JOIN feeds f USING (feed_id) WHERE {' AND '.join(where)} "
        "ORDER BY u.position DESC LIMIT ?",
        (*params, limit + 1),
    )
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = rows[-1]["position"] if more and rows else None
    return [update_view(row) for row in rows], cursor


def group_views(updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Updates grouped by the story they follow, in the order of each group's newest."""
    groups: dict[str, dict[str, Any]] = {}
    for update in updates:
        key = update["story"]["document_id"]
        if not key:
            key = f"new:{update['item_id']}"  # each new story is its own group
        group = groups.setdefault(key, {"story": update["story"], "updates": []})
        group["updates"].append(update)
    return list(groups.values())


def update_facets(app: Monitor) -> dict[str, list[str]]:
    """The languages, feed tags and parts the updates have, for the filters' choices."""
    languages = app.query("SELECT DISTINCT language FROM updates WHERE language != '' ORDER BY 1")
    tags = app.query(
        f"SELECT DISTINCT t.value AS tag FROM feeds f, {app.store.db.json_elements('f.tags', 't')} "
        "WHERE f.status != 'removed' ORDER BY 1"
    )
    parts = app.query(
        "SELECT DISTINCT p.value AS part FROM updates u, "
        f"{app.store.db.json_elements('u.parts', 'p')}"
    )
    return {
        "languages": [r["language"] for r in languages],
        "tags": [r["tag"] for r in tags],
        "parts": sorted(r["part"] for r in parts),
    }


def story_timeline(app: Monitor, document_id: str) -> dict[str, Any] | None:
    """A story: the corpus document it starts from, then every report that followed, in order.

    Reports are the articles whose nearest story it is (known reports and
    follow-up updates) and the copies of it; for a story a flagged article
    started, that article comes first.
    """
    documents = app.query(
        "SELECT document_id, origin, title, language, url, source, published, added_at, "
        "removed_at FROM corpus_documents WHERE document_id = ?",
        (document_id,),
    )
    if not documents:
        return None
    document = documents[0]
    started_by = document_id.removeprefix("item-") if document_id.startswith("item-") else ""
    rows = app.query(
        "SELECT a.item_id, a.title, COALESCE(NULLIF(a.final_url, ''), a.url) AS url, "
        "a.language, a.published, s.verdict, s.similarity, s.assessed_at, s.position, "
        "s.corrected, s.duplicate_of, CASE WHEN u.item_id IS NULL THEN 0 ELSE 1 END AS flagged "
        "FROM assessments s JOIN articles a USING (item_id) LEFT JOIN updates u USING (item_id) "
        "WHERE s.nearest_document_id = ? OR s.duplicate_of = ? OR s.duplicate_of = ? "
        "OR a.item_id = ? ORDER BY s.position",
        (document_id, document_id, f"item:{started_by}", started_by),
    )
    reports = []
    for row in rows:
        if row["item_id"] == started_by:
            kind = "start"
        elif row["verdict"] == "duplicate":
            kind = "copy"
        elif row["verdict"] == "update":
            kind = "update"
        else:
            kind = row["verdict"]
        reports.append({**row, "flagged": bool(row["flagged"]), "kind": kind})
    return {"document": document, "reports": reports}


#: The verdicts an article list can be filtered by.
VERDICTS = ("update", "known", "duplicate", "irrelevant")


@dataclass(frozen=True)
class ArticleFilters:
    """The assessed articles a reader asks for; empty means no filter."""

    verdict: str = ""
    language: str = ""
    text: str = ""
    corrected: bool = False


def articles_page(
    app: Monitor, filters: ArticleFilters, *, before: int | None = None, limit: int = 50
) -> tuple[list[dict[str, Any]], int | None]:
    """Assessed articles, newest assessment first, whatever their verdict; and the next cursor.

    So a reader can see what was left out and why: each row carries the
    verdict that holds, its first reason and whether a reader corrected it.
    """
    clauses: list[tuple[object, str, tuple[Any, ...]]] = [
        (before is not None, "s.position < ?", (before,)),
        (filters.verdict, "s.verdict = ?", (filters.verdict,)),
        (filters.language, "s.language = ?", (filters.language,)),
        (filters.corrected, "s.corrected IS NOT NULL", ()),
        (filters.text, "lower(a.title) LIKE ? ESCAPE '\\'", (_like(filters.text),)),
    ]
    where = ["1 = 1", *(clause for given, clause, _ in clauses if given)]
    params = [value for given, _, values in clauses if given for value in values]
    rows = app.query(
        "SELECT s.item_id, s.position, a.title, COALESCE(NULLIF(a.final_url, ''), a.url) AS url, "
        "s.language, a.published, s.verdict, s.relevance, s.nearest_document_id, "
        "s.nearest_title, s.reasons, s.assessed_at, s.corrected, i.feed_id "
        "FROM assessments s JOIN articles a USING (item_id) JOIN items i USING (item_id) "
        f"WHERE {' AND '.join(where)} ORDER BY s.position DESC LIMIT ?",
        (*params, limit + 1),
    )
    more = len(rows) > limit
    rows = rows[:limit]
    for row in rows:
        reasons = json.loads(row.pop("reasons") or "[]")
        row["reason"] = reasons[0] if reasons else ""
        row["corrected"] = row["corrected"] or ""
    return rows, (rows[-1]["position"] if more and rows else None)
