"""``monitor serve``: the web app and the HTTP API."""

from __future__ import annotations

import click

from monitor.cli.support import CLIState, pass_state
from monitor.errors import MonitorError
from monitor.web.security import WebSecurityError


@click.command()
@click.option("--host", default=None, help="Address to listen on (default web.host, 127.0.0.1).")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=None, help="Port (default web.port, 8080)."
)
@pass_state
def serve(state: CLIState, host: str | None, port: int | None) -> None:
    """Serve the web app and the HTTP API on the store, until SIGINT or SIGTERM.

    Pages: /updates, /stories/ID, /articles/ID, /feeds, /digests, /status.
    API: /api/v1/ (described at /api/v1/openapi.json); /healthz and /metrics
    for operators; /updates.atom and /digests/latest.html to subscribe.
    Writing (corrections, feeds) needs web.token when one is set; without a
    token the app listens only on loopback.

    \b
    Examples:
      monitor serve
      monitor serve --port 9000
      MONITOR_WEB__TOKEN=s3cret monitor serve --host 0.0.0.0
    """
    from monitor.web import serve as run_server  # noqa: PLC0415 (uvicorn: only for `serve`)

    try:
        run_server(state.settings(), host, port)
    except WebSecurityError as exc:
        raise MonitorError(str(exc)) from None
