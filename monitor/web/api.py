"""The JSON API under ``/api/v1/``: what the pages show, and the same writes, for scripts.

Keys are stable once released. Lists page by cursor: ``next_cursor`` is a log
position, and the next page holds what came before it. Writes are checked for
the token and for JSON before they reach a route (``app``'s middleware).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query
from pydantic import BaseModel, Field

from monitor.assess.article_view import article_view
from monitor.assess.feedback import CORRECTIONS
from monitor.digest.publish import Digests
from monitor.ingest.feed_admin import add_feed, enable_feed, remove_feed
from monitor.views import feed_rows, status_report
from monitor.web.context import ArticleChoice, Context, Filters
from monitor.web.queries import articles_page, story_timeline, updates_page

PREFIX = "/api/v1"

router = APIRouter(prefix=PREFIX)


class CorrectionIn(BaseModel):
    """A reader's correction of a verdict."""

    correction: str = Field(description=f"one of {', '.join(CORRECTIONS)}")
    story: str = Field("", description="the story's corpus document, with same-story")
    note: str = ""
    by: str = Field("", description="who corrects it")


class FeedIn(BaseModel):
    """A feed to monitor."""

    url: str
    name: str = ""
    tags: list[str] = Field(default_factory=list)
    language: str = ""


class Page(BaseModel):
    """A page of a list, newest first; ``next_cursor`` fetches the next (null on the last)."""

    items: list[dict[str, Any]]
    next_cursor: int | None


@router.get("/updates", response_model=Page, tags=["updates"])
def updates(
    ctx: Context,
    filters: Filters,
    cursor: Annotated[int | None, Query(description="next_cursor of the page before")] = None,
    limit: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> dict[str, Any]:
    """The flagged updates, newest first, each with the reason in one sentence.

    Filters: ``since`` and ``until`` (a date, an ISO time, ``today``, ``7d``…),
    ``language``, ``tag`` (of the update's feed), ``part`` (of the Act) and
    ``q`` (text in the title, the new sentences or the story).
    """
    size = limit or ctx.page_size
    items, next_cursor = updates_page(ctx.app, filters, before=cursor, limit=size)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/stories/{document_id}", tags=["updates"])
def story(ctx: Context, document_id: str) -> dict[str, Any]:
    """One story: the corpus document it starts from and every report that followed."""
    timeline = story_timeline(ctx.app, document_id)
    if timeline is None:
        raise HTTPException(404, f"no story {document_id!r}")
    return timeline


@router.get("/articles", response_model=Page, tags=["articles"])
def articles(
    ctx: Context,
    filters: ArticleChoice,
    cursor: Annotated[int | None, Query(description="next_cursor of the page before")] = None,
    limit: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> dict[str, Any]:
    """Every assessed article, newest first, whatever its verdict: what was left out, and why."""
    size = limit or ctx.page_size
    items, next_cursor = articles_page(ctx.app, filters, before=cursor, limit=size)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/articles/{item_id}", tags=["articles"])
def article(ctx: Context, item_id: str, text: bool = False) -> dict[str, Any]:
    """Any assessed article: its verdict, scores, nearest story, reasons and corrections."""
    view = ctx.run(lambda app: article_view(app, item_id))
    if not text:
        view.pop("text")
    return view


@router.post("/articles/{item_id}/corrections", tags=["articles"], status_code=201)
def correct(
    ctx: Context, item_id: str, correction: Annotated[CorrectionIn, Body()]
) -> dict[str, Any]:
    """Correct a verdict (recorded as ``VerdictCorrected``): what ``monitor mark`` does."""
    said = correction
    report = ctx.correct(
        item_id, said.correction, story=said.story, note=said.note, by=said.by or "api"
    )
    return report.to_dict()


@router.get("/feeds", tags=["feeds"])
def feeds(ctx: Context, removed: bool = False) -> list[dict[str, Any]]:
    """Every feed with its polling state."""
    return feed_rows(ctx.app, include_removed=removed)


@router.post("/feeds", tags=["feeds"], status_code=201)
def feed_add(ctx: Context, feed: Annotated[FeedIn, Body()]) -> dict[str, Any]:
    """Monitor a feed (adding one already monitored changes nothing)."""
    outcome = ctx.run(
        lambda app: add_feed(app, feed.url, name=feed.name, tags=feed.tags, language=feed.language)
    )
    return {"feed_id": outcome.feed_id, "url": outcome.url, "added": outcome.added}


@router.delete("/feeds/{feed_id}", tags=["feeds"])
def feed_remove(ctx: Context, feed_id: str) -> dict[str, Any]:
    """Stop monitoring a feed (its items stay in the log)."""
    row = ctx.run(lambda app: remove_feed(app, feed_id))
    return {"feed_id": row["feed_id"], "removed": True}


@router.post("/feeds/{feed_id}/enable", tags=["feeds"])
def feed_enable(ctx: Context, feed_id: str) -> dict[str, Any]:
    """Poll a gone or failing feed again at the next pass (send ``{}`` as JSON)."""
    row = ctx.run(lambda app: enable_feed(app, feed_id))
    return {"feed_id": row["feed_id"], "enabled": True}


@router.get("/digests", tags=["digests"])
def digests(ctx: Context, limit: Annotated[int, Query(ge=1, le=500)] = 20) -> list[dict[str, Any]]:
    """Published digests, newest first, with their deliveries."""
    return Digests(ctx.app).listing(limit)


@router.get("/status", tags=["operations"])
def status(ctx: Context) -> dict[str, Any]:
    """The store, the daemon, counts, read models' lag, deliveries owed (as ``monitor status``)."""
    info, _ = status_report(ctx.app)
    return info
