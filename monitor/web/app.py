"""The web app and the HTTP API: FastAPI on the read models, writing only through use cases.

Pages are server-rendered (Jinja2, autoescaped; no build step, no script needed)
and the API under ``/api/v1/`` serves the same data as JSON, described at
``/api/v1/openapi.json``. Every write (a correction, a feed change) goes
through the use case the CLI calls, so it is an event like any other.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from loguru import logger

from monitor import __version__
from monitor.app import Monitor
from monitor.settings import Settings
from monitor.views import health_report, metrics_text
from monitor.web import api, pages
from monitor.web.context import Context, WebContext

#: The methods that write, checked before anything else on the API.
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}
#: Paths whose errors are JSON, for scripts; the others get a page.
_JSON_PATHS = (api.PREFIX, "/healthz", "/metrics")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(_JSON_PATHS)


def metrics(ctx: Context) -> PlainTextResponse:
    """Counters, histograms and gauges in Prometheus text format."""
    return PlainTextResponse(
        metrics_text(ctx.app), media_type="text/plain; version=0.0.4; charset=utf-8"
    )


def healthz(ctx: Context) -> JSONResponse:
    """The daemon's heartbeat and a writable store, as ``monitor health`` (503 when unhealthy)."""
    report = health_report(ctx.settings)
    return JSONResponse(report, status_code=200 if report["healthy"] else 503)


def create_app(settings: Settings) -> FastAPI:
    """The web app on the store the settings name (which must exist: checked here)."""
    # No store is an error at start, not at the first request; and read models new
    # in this version are built now, not left empty until the daemon next writes.
    with Monitor(settings) as app:
        app.catch_up()
    ctx = WebContext(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        ctx.monitors.close()

    web = FastAPI(
        title="ai-act-monitor",
        version=__version__,
        description="Updates on the EU AI Act from monitored news feeds, with their reasons.",
        openapi_url=f"{api.PREFIX}/openapi.json",
        docs_url=None,  # the hosted docs pages load scripts from a CDN; the JSON is enough
        redoc_url=None,
        lifespan=lifespan,
    )
    web.state.context = ctx

    @web.middleware("http")
    async def api_writes_need_the_token_and_json(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # Before the body is read or validated: a write without the right to write
        # learns only that, and a page of another site cannot send JSON at all.
        if request.url.path.startswith(api.PREFIX) and request.method in _WRITES:
            if not ctx.guard.may_write(request.headers.get("authorization", ""), ""):
                message = "writing needs the token: Authorization: Bearer TOKEN"
                return JSONResponse({"error": message}, status_code=401)
            json_body = request.headers.get("content-type", "").startswith("application/json")
            if request.method != "DELETE" and not json_body:
                message = "send JSON (Content-Type: application/json)"
                return JSONResponse({"error": message}, status_code=415)
        return await call_next(request)

    web.include_router(pages.router)
    web.include_router(api.router)
    web.add_api_route("/healthz", healthz, methods=["GET"], tags=["operations"])
    web.add_api_route(
        "/metrics", metrics, methods=["GET"], tags=["operations"], response_class=PlainTextResponse
    )
    web.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    web.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    web.add_exception_handler(Exception, _unexpected)
    return web


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    ctx: WebContext = request.app.state.context
    return ctx.html(request, "error.html", exc.status_code, title="Error", message=exc.detail)


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in error.get('loc', ())[1:]) or 'body'}: {error.get('msg', '')}"
        for error in exc.errors()
    )
    return await _http_error(request, HTTPException(422, problems or "invalid request"))


async def _unexpected(request: Request, exc: Exception) -> Response:
    # The reader learns that it failed; the log, not the browser, gets the traceback.
    logger.opt(exception=exc).error(f"web: {request.method} {request.url.path} failed")
    message = "something went wrong on our side; the log has the details"
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=500)
    return HTMLResponse(f"<!doctype html><title>Error</title><p>{message}</p>", 500)
