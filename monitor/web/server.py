"""``monitor serve``: the web app under uvicorn, refused beyond loopback without a token."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

import uvicorn
from loguru import logger

from monitor.settings import Settings
from monitor.web.app import create_app
from monitor.web.security import check_listen


class _Server(uvicorn.Server):
    """uvicorn's server, ending with exit status 0 after a graceful stop on a signal.

    uvicorn raises a captured SIGTERM again once it has shut down, so the process
    died of it (status 143) although every request had been answered; a
    container engine or systemd then reports a failure. The signals that stopped
    it are kept in ``stopped_by`` for the log instead.
    """

    stopped_by: tuple[int, ...] = ()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        with super().capture_signals():
            try:
                yield
            finally:
                captured = getattr(self, "_captured_signals", None)
                if isinstance(captured, list):
                    self.stopped_by = tuple(captured)
                    captured.clear()


def server_for(settings: Settings, host: str, port: int) -> _Server:
    """A uvicorn server for the app (not started): checks the address and the store first."""
    check_listen(host, settings.web.token.get_secret_value())
    config = uvicorn.Config(
        create_app(settings),
        host=host,
        port=port,
        # Our logging: uvicorn's records reach loguru through the standard library.
        log_config=None,
        access_log=False,
        server_header=False,
        # A proxy in front says where readers come from; trust only a local one.
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        timeout_graceful_shutdown=10,
    )
    return _Server(config)


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Serve until SIGINT or SIGTERM."""
    host = host or settings.web.host
    port = settings.web.port if port is None else port
    server = server_for(settings, host, port)
    shown = f"[{host}]" if ":" in host else host
    logger.info(f"serving the web app on http://{shown}:{port}/ (store {settings.store_path()})")
    server.run()
    why = f" on {signal.Signals(server.stopped_by[-1]).name}" if server.stopped_by else ""
    logger.info(f"web app stopped{why}")
