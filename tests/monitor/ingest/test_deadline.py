"""The deadline bounds the whole response, however slowly a server sends it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from monitor.ingest.fetch import FetchError, FetchLimits, fetch
from tests.support.server import LocalServer, Reply, drip

LIMITS = FetchLimits(allow_private_networks=True, deadline=2.0, read_timeout=5.0)
BODY = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


@pytest.fixture
def dripping_headers() -> Iterator[int]:
    """A raw server that sends its status line and headers a byte every 0.3 s."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            with client:
                client.recv(65536)
                head = b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nX-Pad: " + b"a" * 200
                for i in range(len(head)):
                    if stop.is_set():
                        return
                    try:
                        client.sendall(head[i : i + 1])
                    except OSError:
                        break
                    time.sleep(0.3)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    listener.close()


@pytest.mark.parametrize("connection", ["close", "keep-alive"])
def test_a_body_sent_a_byte_at_a_time_stops_at_the_deadline(
    server: LocalServer, connection: str
) -> None:
    server.route("/drip", Reply(200, drip(BODY * 10, every=0.2), {"Connection": connection}))
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/drip"), LIMITS)
    assert caught.value.reason == "timeout"
    assert time.monotonic() - started < LIMITS.deadline + 1.5


def test_headers_sent_a_byte_at_a_time_stop_at_the_deadline(dripping_headers: int) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{dripping_headers}/feed", LIMITS)
    assert caught.value.reason == "timeout"
    assert time.monotonic() - started < LIMITS.deadline + 1.5


def test_a_quick_response_is_untouched_by_the_watchdog(server: LocalServer) -> None:
    server.route("/feed", Reply(200, BODY, {"Connection": "close"}))
    for _ in range(20):
        assert fetch(server.url("/feed"), LIMITS).body == BODY
