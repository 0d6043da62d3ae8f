"""A real HTTP server on 127.0.0.1 for tests: routes are small functions that may misbehave."""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class SeenRequest:
    """A request the server received."""

    path: str
    headers: dict[str, str]


@dataclass
class Reply:
    """A plain answer: status, headers and body (bytes, or chunks sent one by one)."""

    status: int = 200
    body: bytes | Callable[[], Iterator[bytes]] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_before_headers: float = 0.0


Route = Callable[[SeenRequest], Reply]


class LocalServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 with routes set per test."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[SeenRequest] = []
        self._stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                """Keep test output quiet."""

            def do_GET(self) -> None:
                seen = SeenRequest(self.path, {k.lower(): v for k, v in self.headers.items()})
                server.requests.append(seen)
                route = server.routes.get(self.path.split("?", 1)[0])
                reply = route(seen) if route else Reply(404, b"not found")
                if reply.delay_before_headers:
                    server._stopping.wait(reply.delay_before_headers)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                try:
                    if callable(reply.body):
                        if "content-length" not in {k.lower() for k in reply.headers}:
                            self.send_header("Connection", "close")
                        self.end_headers()
                        for chunk in reply.body():
                            if server._stopping.is_set():
                                return
                            self.wfile.write(chunk)
                            self.wfile.flush()
                    else:
                        if "content-length" not in {k.lower() for k in reply.headers}:
                            self.send_header("Content-Length", str(len(reply.body)))
                        self.end_headers()
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    return
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, reply: Reply | Route) -> None:
        """Answer ``path`` with a fixed reply or a function of the request."""
        if isinstance(reply, Reply):
            fixed = reply

            def answer(_request: SeenRequest) -> Reply:
                return fixed

            self.routes[path] = answer
        else:
            self.routes[path] = reply

    def requests_to(self, path: str) -> list[SeenRequest]:
        """The requests received for a path."""
        return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def stop(self) -> None:
        """Stop serving and release stalled handlers."""
        self._stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def drip(data: bytes, every: float) -> Callable[[], Iterator[bytes]]:
    """A body sent one byte at a time."""

    def chunks() -> Iterator[bytes]:
        for i in range(len(data)):
            time.sleep(every)
            yield data[i : i + 1]

    return chunks


def endless(chunk: bytes = b"x" * 65536) -> Callable[[], Iterator[bytes]]:
    """A body that never ends."""

    def chunks() -> Iterator[bytes]:
        while True:
            yield chunk

    return chunks


def gzip_bomb(inflated_bytes: int) -> bytes:
    """A small gzip that inflates to ``inflated_bytes`` of zeros."""
    block = b"\0" * (1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [compressor.compress(block) for _ in range(inflated_bytes // len(block))]
    parts.append(compressor.flush())
    return b"".join(parts)
