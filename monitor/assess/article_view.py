"""One assessed article as a reader sees it: its verdict and why, and every correction of it.

The same view serves ``monitor article`` and the web app's article page, so what
a reader sees of a verdict is the same wherever they look.
"""

from __future__ import annotations

from typing import Any

from monitor.app import Monitor
from monitor.assess.feedback import CorrectionError, corrections_in, item_state
from monitor.events import item_stream


def resolve_item(app: Monitor, reference: str) -> str:
    """An item id from an id, a unique id prefix, or the article's URL."""
    rows = app.query(
        "SELECT item_id FROM items WHERE item_id = ? OR link = ? UNION "
        "SELECT item_id FROM articles WHERE url = ? OR final_url = ?",
        (reference, reference, reference, reference),
    )
    if not rows and len(reference) >= 6:
        escaped = reference.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = app.query(
            "SELECT item_id FROM items WHERE item_id LIKE ? ESCAPE '\\' LIMIT 3",
            (escaped + "%",),
        )
    ids = sorted({row["item_id"] for row in rows})
    if not ids:
        raise CorrectionError(f"no item {reference!r} in the store (an item id or its URL)")
    if len(ids) > 1:
        raise CorrectionError(f"{reference!r} names several items: {', '.join(ids)}")
    return str(ids[0])


def article_view(app: Monitor, item_id: str) -> dict[str, Any]:
    """The article, its assessment as recorded, the verdict that holds, and its corrections."""
    rows = app.query(
        "SELECT i.item_id, i.feed_id, i.link, i.title AS item_title, i.published AS "
        "item_published, i.backlog, a.url, a.final_url, a.title, a.language, a.published, "
        "a.method, a.extracted_at, a.text, s.verdict, s.corrected, s.corrected_by, "
        "s.corrected_at, s.correction_note, s.assessed_at, s.times FROM items i "
        "LEFT JOIN articles a USING (item_id) LEFT JOIN assessments s USING (item_id) "
        "WHERE i.item_id = ?",
        (item_id,),
    )
    if not rows:
        raise CorrectionError(f"no item {item_id!r} in the store")
    row = rows[0]
    stream = app.store.read_stream(item_stream(item_id))
    state = item_state(stream)
    assessment = state.assessed.to_payload() if state.assessed is not None else None
    return {
        "item_id": item_id,
        "feed_id": row["feed_id"],
        "title": row["title"] or row["item_title"] or "",
        "url": row["final_url"] or row["url"] or row["link"] or "",
        "language": row["language"] or "",
        "published": row["published"] or row["item_published"] or "",
        "extracted_at": row["extracted_at"] or "",
        "method": row["method"] or "",
        "backlog": bool(row["backlog"]),
        "text": row["text"] or "",
        "verdict": state.verdict,
        "flagged": state.flagged,
        "assessed_at": row["assessed_at"] or "",
        "times_assessed": row["times"] or 0,
        "assessment": assessment,
        "corrected": row["corrected"] or "",
        "corrections": corrections_in(stream),
    }
