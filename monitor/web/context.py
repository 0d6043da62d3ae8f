"""What every route of the web app shares: the monitors, the guard, rendering and checks."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment

from monitor import __version__
from monitor.act_parts import PARTS
from monitor.app import Monitor
from monitor.assess.feedback import CorrectionReport, correct_verdict
from monitor.errors import MonitorError
from monitor.settings import Settings
from monitor.templating import environment
from monitor.times import parse_when, store_stamp, utc_now
from monitor.web.queries import VERDICTS, ArticleFilters, UpdateFilters, update_facets
from monitor.web.security import CSRF_COOKIE, CSRF_FIELD, SESSION_COOKIE, Guard

T = TypeVar("T")


class Monitors:
    """One monitor (one SQLite connection) per worker thread, closed together at shutdown.

    Reads in WAL mode never wait for the daemon's writes, and a write that
    waits for the store's lock holds up only its own request.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Monitor] = []

    def get(self) -> Monitor:
        """This thread's monitor."""
        app: Monitor | None = getattr(self._local, "app", None)
        if app is None:
            app = Monitor(self.settings)
            self._local.app = app
            with self._lock:
                self._open.append(app)
        return app

    def close(self) -> None:
        """Close every monitor opened."""
        with self._lock:
            for app in self._open:
                app.close()
            self._open.clear()


@cache
def templates() -> Environment:
    """The pages' templates (autoescaped: every text from a feed is escaped)."""
    env = environment(Path(__file__).parent / "templates")
    env.globals["version"] = __version__
    return env


class WebContext:
    """The running app's state, handed to routes as a dependency."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.monitors = Monitors(settings)
        self.guard = Guard(settings.web.token.get_secret_value())
        self.page_size = settings.web.page_size
        # The filters' choices, kept while the log stands still: they scan every update.
        self._facets: tuple[int, dict[str, list[str]]] = (-1, {})

    @property
    def app(self) -> Monitor:
        """This thread's monitor."""
        return self.monitors.get()

    def facets(self) -> dict[str, list[str]]:
        """The languages, tags and parts the updates have, computed again when the log moved."""
        position = self.app.store.last_position()
        if self._facets[0] != position:
            self._facets = (position, update_facets(self.app))
        return self._facets[1]

    def base_url(self, request: Request) -> str:
        """Where readers reach the app: ``web.base_url``, else the request's own address."""
        return self.settings.web.base_url or str(request.base_url).rstrip("/")

    def may_write(self, request: Request) -> bool:
        """Whether the request comes from someone allowed to write."""
        return self.guard.may_write(
            request.headers.get("authorization", ""), request.cookies.get(SESSION_COOKIE, "")
        )

    def html(
        self, request: Request, template: str, status_code: int = 200, **context: Any
    ) -> Response:
        """A page, with the CSRF value its forms carry (and the cookie that holds it)."""
        csrf = request.cookies.get(CSRF_COOKIE) or self.guard.new_csrf()
        body = (
            templates()
            .get_template(template)
            .render(
                csrf=csrf,
                csrf_field=CSRF_FIELD,
                may_write=self.may_write(request),
                open_writes=self.guard.open_writes,
                path=request.url.path,
                **context,
            )
        )
        response = HTMLResponse(body, status_code=status_code)
        if request.cookies.get(CSRF_COOKIE) != csrf:
            response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict")
        return response

    def check_form(self, request: Request, csrf: str) -> None:
        """A form post must come from our own page, from someone who may write."""
        origin = request.headers.get("origin")
        if origin and origin not in {self.base_url(request), str(request.base_url).rstrip("/")}:
            raise HTTPException(403, "the form was posted from another site")
        self.check_csrf(request, csrf)
        if not self.guard.may_write("", request.cookies.get(SESSION_COOKIE, "")):
            raise HTTPException(401, "log in with the token to change anything")

    def check_csrf(self, request: Request, csrf: str) -> None:
        """The form's CSRF field must be the value its cookie holds."""
        if not self.guard.csrf_matches(request.cookies.get(CSRF_COOKIE, ""), csrf):
            raise HTTPException(403, "the form is stale or forged: reload the page and try again")

    def correct(
        self, item_id: str, correction: str, *, story: str, note: str, by: str
    ) -> CorrectionReport:
        """A reader's correction, recorded as ``monitor mark`` records it."""
        return self.run(
            lambda app: correct_verdict(app, item_id, correction, story=story, note=note, by=by)
        )

    def run(self, use_case: Callable[[Monitor], T]) -> T:
        """A use case on this thread's monitor; its errors become a 404 or a 400."""
        try:
            return use_case(self.app)
        except MonitorError as exc:
            message = str(exc)
            raise HTTPException(404 if message.startswith("no ") else 400, message) from None


def context(request: Request) -> WebContext:
    """The dependency that hands a route the app's context."""
    ctx: WebContext = request.app.state.context
    return ctx


Context = Annotated[WebContext, Depends(context)]


def update_filters(
    since: str = "", until: str = "", language: str = "", tag: str = "", part: str = "", q: str = ""
) -> UpdateFilters:
    """Filters from query parameters; a bad value is a 400 naming the parameter."""
    stamps = {}
    now: datetime = utc_now()
    for name, value in (("since", since), ("until", until)):
        try:
            stamps[name] = store_stamp(parse_when(value, now)) if value else ""
        except ValueError as exc:
            raise HTTPException(400, f"{name}: {exc}") from None
    if part and part not in PARTS:
        raise HTTPException(400, f"part: unknown part {part!r}; known: {', '.join(PARTS)}")
    return UpdateFilters(stamps["since"], stamps["until"], language, tag, part, q.strip())


Filters = Annotated[UpdateFilters, Depends(update_filters)]


def article_filters(
    verdict: Annotated[str, Query(description=f"one of {', '.join(VERDICTS)}")] = "",
    language: str = "",
    q: Annotated[str, Query(description="text in the title")] = "",
    corrected: Annotated[bool, Query(description="only those a reader corrected")] = False,
) -> ArticleFilters:
    """Article filters from query parameters; an unknown verdict is a 400 naming it."""
    if verdict and verdict not in VERDICTS:
        raise HTTPException(400, f"verdict: one of {', '.join(VERDICTS)}, not {verdict!r}")
    return ArticleFilters(verdict, language, q.strip(), corrected)


ArticleChoice = Annotated[ArticleFilters, Depends(article_filters)]


def next_page_url(path: str, chosen: Mapping[str, str], cursor: int | None) -> str:
    """The link to the next page of a list with the same filters ('' on the last page)."""
    return f"{path}?{urlencode({**chosen, 'cursor': cursor})}" if cursor is not None else ""
