"""Fetching through an HTTP proxy: the proxy is honoured, and the SSRF guard judges the target."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from monitor.ingest.feed_admin import add_feed
from monitor.ingest.fetch import FetchError, FetchLimits, bypasses_proxy, fetch
from monitor.ingest.poll import Poller, fetch_limits
from monitor.settings import load_settings
from tests.monitor.helpers import open_monitor
from tests.support.proxy import LocalProxy
from tests.support.server import LocalServer, Reply

OPEN = FetchLimits(connect_timeout=2, read_timeout=2, deadline=5, allow_private_networks=True)


@pytest.fixture
def proxy() -> Iterator[LocalProxy]:
    local = LocalProxy()
    yield local
    local.stop()


def test_plain_http_goes_through_the_proxy_to_the_checked_address(
    server: LocalServer, proxy: LocalProxy
) -> None:
    server.route("/feed", Reply(200, b"<rss/>"))
    url = f"http://localhost:{server.port}/feed"
    response = fetch(url, replace(OPEN, http_proxy=proxy.url))
    assert response.body == b"<rss/>"
    # The request line names the address the guard resolved; Host keeps the name.
    assert proxy.log.request_lines == [f"GET http://127.0.0.1:{server.port}/feed HTTP/1.1"]
    assert proxy.log.hosts == [f"localhost:{server.port}"]
    assert server.requests[-1].headers["host"] == f"localhost:{server.port}"


def test_https_asks_the_proxy_for_a_tunnel_to_the_checked_address(proxy: LocalProxy) -> None:
    # A plain TCP listener stands in for the site: the tunnel opens, TLS then fails.
    site = socket.create_server(("127.0.0.1", 0))
    port = site.getsockname()[1]
    try:
        with pytest.raises(FetchError) as info:
            fetch(f"https://localhost:{port}/feed", replace(OPEN, https_proxy=proxy.url))
    finally:
        site.close()
    assert info.value.reason in {"tls", "timeout"}
    assert proxy.log.request_lines == [f"CONNECT 127.0.0.1:{port} HTTP/1.1"]


def test_the_guard_judges_the_target_before_the_proxy_is_asked(proxy: LocalProxy) -> None:
    guarded = FetchLimits(connect_timeout=2, read_timeout=2, deadline=5, http_proxy=proxy.url)
    with pytest.raises(FetchError) as info:
        fetch("http://intranet.example/feed", guarded, resolver=lambda host, port: ["10.1.2.3"])
    assert info.value.reason == "blocked_address"
    assert proxy.log.request_lines == []  # the proxy, on 127.0.0.1 itself, was never asked


def test_a_refused_tunnel_and_a_login_are_said(server: LocalServer) -> None:
    refusing = LocalProxy(refuse_tunnels=True)
    try:
        limits = replace(OPEN, https_proxy=refusing.url.replace("http://", "http://u:p%40ss@"))
        with pytest.raises(FetchError) as info:
            fetch("https://localhost:1/x", limits)
    finally:
        refusing.stop()
    assert info.value.reason == "connect" and "403 Forbidden" in info.value.detail
    assert refusing.log.authorizations == ["Basic dTpwQHNz"]  # u:p@ss


def test_no_proxy_hosts_are_fetched_directly(server: LocalServer, proxy: LocalProxy) -> None:
    server.route("/feed", Reply(200, b"<rss/>"))
    limits = replace(OPEN, http_proxy=proxy.url, no_proxy=("localhost",))
    assert fetch(f"http://localhost:{server.port}/feed", limits).body == b"<rss/>"
    assert proxy.log.request_lines == []
    assert bypasses_proxy("feeds.example.org", [".example.org"])
    assert bypasses_proxy("anything", ["*"]) and not bypasses_proxy("example.com", ["ample.com"])


def test_proxies_come_from_settings_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "proxy.internal:3128")
    monkeypatch.setenv("http_proxy", "http://web-proxy:8080")
    monkeypatch.setenv("NO_PROXY", "localhost, .corp.example")
    limits = fetch_limits(load_settings(environ={}), page=False)
    assert limits.https_proxy == "http://proxy.internal:3128"
    assert limits.http_proxy == "http://web-proxy:8080"
    assert limits.no_proxy == ("localhost", ".corp.example")
    chosen = load_settings(environ={"MONITOR_FETCH__PROXY": "http://squid:3128"})
    assert fetch_limits(chosen, page=True).https_proxy == "http://squid:3128"
    with pytest.raises(Exception, match=r"fetch\.proxy.*http://host:port"):
        load_settings(environ={"MONITOR_FETCH__PROXY": "socks5://u:secret@tor:9050"})


def test_a_poll_fetches_feed_and_pages_through_the_configured_proxy(
    server: LocalServer, proxy: LocalProxy, tmp_path: Path
) -> None:
    page = b"<html><body><article><p>" + b"The AI Office said so. " * 20 + b"</p></article>"
    server.route("/a/1", Reply(200, page + b"</body></html>", {"Content-Type": "text/html"}))
    feed = (
        "<rss version='2.0'><channel><title>t</title><item><guid>1</guid>"
        f"<link>{server.url('/a/1')}</link><title>One</title></item></channel></rss>"
    )
    server.route("/feed", Reply(200, feed.encode(), {"Content-Type": "application/rss+xml"}))
    with open_monitor(tmp_path, fetch__proxy=proxy.url, assessment__enabled="false") as app:
        added = add_feed(app, server.url("/feed"))
        poller = Poller(app)
        try:
            summary = poller.run([added.feed_id])
        finally:
            poller.close()
    assert summary.new_items == 1
    assert proxy.log.request_lines == [
        f"GET http://127.0.0.1:{server.port}/feed HTTP/1.1",
        f"GET http://127.0.0.1:{server.port}/a/1 HTTP/1.1",
    ]
