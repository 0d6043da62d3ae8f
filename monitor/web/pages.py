"""The pages: updates, stories, articles, feeds, digests, status, and the forms that write.

Forms post to the same use cases the CLI calls and answer with a redirect
(post, redirect, get), so a reload never posts twice.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from monitor.act_parts import PARTS
from monitor.assess.article_view import article_view
from monitor.assess.feedback import CORRECTIONS
from monitor.digest.publish import Digests
from monitor.digest.render import render, render_atom
from monitor.ingest.feed_admin import add_feed, enable_feed, export_opml, import_opml, remove_feed
from monitor.views import feed_rows, status_report
from monitor.web.context import ArticleChoice, Context, Filters, next_page_url
from monitor.web.queries import (
    VERDICTS,
    articles_page,
    group_views,
    story_timeline,
    updates_page,
)
from monitor.web.security import SESSION_COOKIE

router = APIRouter(include_in_schema=False)

#: The largest OPML file the import form takes.
MAX_OPML_BYTES = 10 * 1024 * 1024


def _local(target: str, default: str) -> str:
    """A redirect target only within this site (never ``//elsewhere``)."""
    return target if target.startswith("/") and not target.startswith("//") else default


@router.get("/")
def home() -> Response:
    return RedirectResponse("/updates", status_code=303)


@router.get("/updates")
def updates(
    ctx: Context,
    request: Request,
    filters: Filters,
    cursor: int | None = None,
) -> Response:
    items, next_cursor = updates_page(ctx.app, filters, before=cursor, limit=ctx.page_size)
    chosen = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
    return ctx.html(
        request,
        "updates.html",
        title="Updates on the AI Act",
        groups=group_views(items),
        count=len(items),
        facets=ctx.facets(),
        chosen=chosen,
        parts=PARTS,
        next_url=next_page_url("/updates", chosen, next_cursor),
    )


@router.get("/articles")
def articles(
    ctx: Context, request: Request, filters: ArticleChoice, cursor: int | None = None
) -> Response:
    rows, next_cursor = articles_page(ctx.app, filters, before=cursor, limit=ctx.page_size)
    chosen = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
    return ctx.html(
        request,
        "articles.html",
        title="Articles",
        articles=rows,
        chosen=chosen,
        verdicts=VERDICTS,
        languages=ctx.facets()["languages"],
        next_url=next_page_url("/articles", chosen, next_cursor),
    )


@router.get("/articles/{item_id}")
def article(ctx: Context, request: Request, item_id: str) -> Response:
    view = ctx.run(lambda app: article_view(app, item_id))
    stories = ctx.app.query(
        "SELECT document_id, title FROM corpus_documents WHERE removed_at IS NULL "
        "ORDER BY added_position DESC LIMIT 200"
    )
    return ctx.html(
        request,
        "article.html",
        title=view["title"] or item_id,
        article=view,
        stories=stories,
        corrections=CORRECTIONS,
    )


@router.post("/articles/{item_id}/mark")
def mark(
    ctx: Context,
    request: Request,
    item_id: str,
    correction: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    story: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    by: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    ctx.check_form(request, csrf)
    same_story = story if correction == "same-story" else ""
    ctx.correct(item_id, correction, story=same_story, note=note, by=by or "web")
    return RedirectResponse(_local(back, f"/articles/{quote(item_id)}"), status_code=303)


@router.get("/stories/{document_id}")
def story(ctx: Context, request: Request, document_id: str) -> Response:
    timeline = story_timeline(ctx.app, document_id)
    if timeline is None:
        raise HTTPException(404, f"no story {document_id!r}")
    title = timeline["document"]["title"] or document_id
    return ctx.html(request, "story.html", title=title, story=timeline)


@router.get("/feeds")
def feeds(ctx: Context, request: Request) -> Response:
    return ctx.html(request, "feeds.html", title="Feeds", feeds=feed_rows(ctx.app))


@router.post("/feeds/add")
def feed_add(
    ctx: Context,
    request: Request,
    url: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    tags: Annotated[str, Form()] = "",
) -> Response:
    ctx.check_form(request, csrf)
    tag_list = [t.strip() for t in tags.split(",") if t.strip()]
    ctx.run(lambda app: add_feed(app, url, name=name, tags=tag_list))
    return RedirectResponse("/feeds", status_code=303)


@router.post("/feeds/import")
async def feed_import(
    ctx: Context,
    request: Request,
    opml: Annotated[UploadFile, File()],
    csrf: Annotated[str, Form()] = "",
) -> Response:
    ctx.check_form(request, csrf)
    data = await opml.read(MAX_OPML_BYTES + 1)
    if len(data) > MAX_OPML_BYTES:
        raise HTTPException(413, "the OPML file is larger than 10 MB")
    outcomes = ctx.run(lambda app: import_opml(app, data, opml.filename or "upload"))
    added = sum(1 for o in outcomes if o.added)
    return ctx.html(request, "imported.html", title="OPML imported", outcomes=outcomes, added=added)


@router.post("/feeds/{feed_id}/{action}")
def feed_action(
    ctx: Context, request: Request, feed_id: str, action: str, csrf: Annotated[str, Form()] = ""
) -> Response:
    ctx.check_form(request, csrf)
    if action == "remove":
        ctx.run(lambda app: remove_feed(app, feed_id))
    elif action == "enable":
        ctx.run(lambda app: enable_feed(app, feed_id))
    else:
        raise HTTPException(404, f"no feed action {action!r}")
    return RedirectResponse("/feeds", status_code=303)


@router.get("/feeds.opml")
def feeds_opml(ctx: Context) -> Response:
    return Response(export_opml(ctx.app), media_type="text/x-opml; charset=utf-8")


@router.get("/digests")
def digests(ctx: Context, request: Request) -> Response:
    rows = Digests(ctx.app).listing(50)
    return ctx.html(request, "digests.html", title="Digests", digests=rows)


@router.get("/digests/latest.html")
def digest_latest(ctx: Context) -> Response:
    published = Digests(ctx.app)
    last = published.last_published()
    if last is None:
        raise HTTPException(404, "no digest published yet")
    made = published.published_digest(last["digest_id"])
    return HTMLResponse(render(made, "html", ctx.settings.digest.max_sentences))


@router.get("/digests/{digest_id}.html")
def digest_page(ctx: Context, digest_id: str) -> Response:
    made = ctx.run(lambda app: Digests(app).published_digest(digest_id))
    return HTMLResponse(render(made, "html", ctx.settings.digest.max_sentences))


@router.get("/updates.atom")
def updates_atom(ctx: Context, request: Request) -> Response:
    feed = Digests(ctx.app).atom_digest()
    return Response(
        render_atom(feed, f"{ctx.base_url(request)}/updates.atom"),
        media_type="application/atom+xml; charset=utf-8",
    )


@router.get("/status")
def status(ctx: Context, request: Request) -> Response:
    info, _ = status_report(ctx.app)
    return ctx.html(request, "status.html", title="Status", info=info)


@router.get("/login")
def login(ctx: Context, request: Request, next: str = "/updates") -> Response:
    return ctx.html(
        request, "login.html", title="Log in", next=_local(next, "/updates"), failed=False
    )


@router.post("/login")
def login_form(
    ctx: Context,
    request: Request,
    token: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/updates",
) -> Response:
    ctx.check_csrf(request, csrf)
    if not ctx.guard.token_matches(token):
        return ctx.html(request, "login.html", 401, title="Log in", next=next, failed=True)
    response = RedirectResponse(_local(next, "/updates"), status_code=303)
    response.set_cookie(SESSION_COOKIE, ctx.guard.session_value(), httponly=True, samesite="strict")
    return response
