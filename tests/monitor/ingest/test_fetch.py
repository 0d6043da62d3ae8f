"""The HTTP layer against a real server on 127.0.0.1: limits, redirects, validators, the guard."""

from __future__ import annotations

import gzip
import time
import zlib

import pytest

from monitor.ingest.fetch import (
    FetchError,
    FetchLimits,
    fetch,
    is_public_address,
    parse_retry_after,
)
from tests.support.server import LocalServer, Reply, drip, endless, gzip_bomb

OPEN = FetchLimits(
    connect_timeout=2,
    read_timeout=2,
    deadline=5,
    max_bytes=1_000_000,
    allow_private_networks=True,
    user_agent="ai-act-monitor/test",
)
GUARDED = FetchLimits(connect_timeout=2, read_timeout=2, deadline=5, max_bytes=1_000_000)


def reason_of(url: str, limits: FetchLimits = OPEN) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetch(url, limits)
    return info.value


def test_a_plain_get_sends_our_user_agent_and_returns_the_body(server: LocalServer) -> None:
    server.route("/feed", Reply(200, b"<rss/>", {"Content-Type": "application/rss+xml"}))
    response = fetch(server.url("/feed"), OPEN)
    assert response.status == 200 and response.body == b"<rss/>"
    assert response.headers["content-type"] == "application/rss+xml"
    assert server.requests_to("/feed")[0].headers["user-agent"] == "ai-act-monitor/test"


def test_validators_are_sent_and_a_304_has_no_body(server: LocalServer) -> None:
    def conditional(req):  # type: ignore[no-untyped-def]
        if req.headers.get("if-none-match") == '"v1"':
            return Reply(304)
        return Reply(
            200, b"<rss/>", {"ETag": '"v1"', "Last-Modified": "Tue, 01 Oct 2024 10:00:00 GMT"}
        )

    server.route("/feed", conditional)
    first = fetch(server.url("/feed"), OPEN)
    assert first.headers["etag"] == '"v1"'
    second = fetch(
        server.url("/feed"),
        OPEN,
        etag=first.headers["etag"],
        last_modified=first.headers["last-modified"],
    )
    assert second.not_modified and second.body == b""
    seen = server.requests_to("/feed")[1].headers
    assert seen["if-none-match"] == '"v1"'
    assert seen["if-modified-since"] == "Tue, 01 Oct 2024 10:00:00 GMT"


def test_gzip_and_deflate_bodies_are_decoded(server: LocalServer) -> None:
    server.route("/gz", Reply(200, gzip.compress(b"hello gzip"), {"Content-Encoding": "gzip"}))
    server.route("/zl", Reply(200, zlib.compress(b"hello zlib"), {"Content-Encoding": "deflate"}))
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    server.route(
        "/raw",
        Reply(200, raw.compress(b"hello raw") + raw.flush(), {"Content-Encoding": "deflate"}),
    )
    assert fetch(server.url("/gz"), OPEN).body == b"hello gzip"
    assert fetch(server.url("/zl"), OPEN).body == b"hello zlib"
    assert fetch(server.url("/raw"), OPEN).body == b"hello raw"


def test_redirects_are_followed_and_a_permanent_one_is_reported(server: LocalServer) -> None:
    server.route("/old", Reply(301, headers={"Location": "/older"}))
    server.route("/older", Reply(308, headers={"Location": server.url("/new")}))
    server.route("/new", Reply(302, headers={"Location": "/final"}))
    server.route("/final", Reply(200, b"ok"))
    response = fetch(server.url("/old"), OPEN)
    assert response.body == b"ok" and response.final_url == server.url("/final")
    assert [h.status for h in response.redirects] == [301, 308, 302]
    assert response.permanent_url == server.url("/new")


def test_a_redirect_loop_and_too_many_redirects_are_errors(server: LocalServer) -> None:
    server.route("/a", Reply(302, headers={"Location": "/b"}))
    server.route("/b", Reply(302, headers={"Location": "/a"}))
    assert reason_of(server.url("/a")).reason == "redirect_loop"
    for i in range(10):
        server.route(f"/hop{i}", Reply(302, headers={"Location": f"/hop{i + 1}"}))
    assert reason_of(server.url("/hop0")).reason == "too_many_redirects"


def test_statuses_become_clear_reasons(server: LocalServer) -> None:
    server.route("/gone", Reply(410))
    server.route("/busy", Reply(429, headers={"Retry-After": "120"}))
    server.route("/down", Reply(503, headers={"Retry-After": "7"}))
    server.route("/broken", Reply(500, b"oops"))
    assert reason_of(server.url("/gone")).reason == "gone"
    busy = reason_of(server.url("/busy"))
    assert (busy.reason, busy.status, busy.retry_after) == ("rate_limited", 429, 120.0)
    assert reason_of(server.url("/down")).retry_after == 7.0
    broken = reason_of(server.url("/broken"))
    assert (broken.reason, broken.status) == ("http_status", 500)
    assert reason_of(server.url("/nothing-here")).status == 404


def test_a_server_that_stalls_before_answering_times_out(server: LocalServer) -> None:
    server.route("/stall", Reply(200, b"late", delay_before_headers=5))
    limits = FetchLimits(read_timeout=0.5, deadline=3, allow_private_networks=True)
    start = time.monotonic()
    assert reason_of(server.url("/stall"), limits).reason == "timeout"
    assert time.monotonic() - start < 3


def test_a_server_that_drips_bytes_meets_the_overall_deadline(server: LocalServer) -> None:
    server.route("/drip", Reply(200, drip(b"x" * 200, 0.05), {"Content-Length": "200"}))
    limits = FetchLimits(read_timeout=1, deadline=1.0, allow_private_networks=True)
    start = time.monotonic()
    error = reason_of(server.url("/drip"), limits)
    assert error.reason == "timeout" and "1 s" in error.detail
    assert time.monotonic() - start < 2.5


def test_an_endless_body_and_a_huge_one_stop_at_the_cap(server: LocalServer) -> None:
    server.route("/endless", Reply(200, endless()))
    server.route("/huge", Reply(200, b"y" * 2_000_000))
    assert reason_of(server.url("/endless")).reason == "too_large"
    error = reason_of(server.url("/huge"))
    assert error.reason == "too_large" and "Content-Length" in error.detail


def test_a_gzip_bomb_stops_at_the_cap_after_decompression(server: LocalServer) -> None:
    bomb = gzip_bomb(200 * 1024 * 1024)
    assert len(bomb) < 1_000_000, "the bomb itself is under the cap"
    server.route("/bomb", Reply(200, bomb, {"Content-Encoding": "gzip"}))
    error = reason_of(server.url("/bomb"))
    assert error.reason == "too_large" and "after decoding" in error.detail


def test_the_guard_refuses_loopback_and_metadata_addresses_without_connecting(
    server: LocalServer,
) -> None:
    server.route("/feed", Reply(200, b"<rss/>"))
    assert reason_of(server.url("/feed"), GUARDED).reason == "blocked_address"
    assert reason_of("http://169.254.169.254/latest/meta-data/", GUARDED).reason == (
        "blocked_address"
    )
    assert reason_of("http://[::ffff:127.0.0.1]/", GUARDED).reason == "blocked_address"
    assert server.requests_to("/feed") == []


EMBEDDED_LOOPBACK = [
    "[::ffff:127.0.0.1]",  # IPv4-mapped
    "[::127.0.0.1]",  # IPv4-compatible
    "[2002:7f00:1::]",  # 6to4 of 127.0.0.1
    "[64:ff9b::7f00:1]",  # NAT64, well-known prefix
    "[64:ff9b:1::7f00:1]",  # NAT64, local-use prefix
    "[2001:0:4136:e378:8000:63bf:80ff:fffe]",  # Teredo, client 127.0.0.1 (inverted)
    "[64:ff9b::a9fe:a9fe]",  # NAT64 of the metadata service 169.254.169.254
]


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.2:{port}/admin",
        *(f"http://{host}:{{port}}/admin" for host in EMBEDDED_LOOPBACK),
    ],
)
def test_the_guard_checks_every_redirect_hop(server: LocalServer, target: str) -> None:
    # Our server stands in for a public host: the policy accepts 127.0.0.1 alone,
    # and the standard check for every other address. The feed then redirects
    # into the metadata service or another loopback address.
    server.route("/start", Reply(302, headers={"Location": target.format(port=server.port)}))
    server.route("/admin", Reply(200, b"secret"))

    def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"] if host == "feeds.example" else [host]

    def policy(address: str) -> bool:
        return address == "127.0.0.1" or is_public_address(address)

    with pytest.raises(FetchError) as info:
        fetch(
            f"http://feeds.example:{server.port}/start",
            GUARDED,
            resolver=resolver,
            address_policy=policy,
        )
    assert info.value.reason == "blocked_address"
    assert len(server.requests_to("/start")) == 1 and server.requests_to("/admin") == []


def test_with_private_networks_allowed_an_intranet_feed_is_fetched(server: LocalServer) -> None:
    server.route("/feed", Reply(200, b"<rss/>"))
    assert fetch(server.url("/feed"), OPEN).body == b"<rss/>"


def test_only_http_and_https_are_fetched() -> None:
    assert reason_of("file:///etc/passwd").reason == "bad_scheme"
    assert reason_of("ftp://example.org/feed").reason == "bad_scheme"
    assert reason_of("http://").reason == "bad_url"


def test_dns_and_connect_failures_are_named(server: LocalServer) -> None:
    assert reason_of("http://no-such-host.invalid/feed").reason == "dns"
    port = server.port
    server.stop()
    assert reason_of(f"http://127.0.0.1:{port}/feed").reason == "connect"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:10.0.0.1", False),
        ("93.184.216.34", True),
        ("2606:4700::6810:85e5", True),
    ],
)
def test_which_addresses_count_as_public(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480.0 - 60) == 60.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


@pytest.mark.parametrize("host", EMBEDDED_LOOPBACK)
def test_every_ipv6_form_that_embeds_an_ipv4_address_is_judged_by_it(
    server: LocalServer, host: str
) -> None:
    assert not is_public_address(host.strip("[]"))
    assert reason_of(f"http://{host}:{server.port}/feed", GUARDED).reason == "blocked_address"
    # As a redirect hop: test_the_guard_checks_every_redirect_hop.


@pytest.mark.parametrize("address", ["2002:808:808::", "64:ff9b::808:808", "2606:4700::1111"])
def test_ipv6_forms_of_public_addresses_stay_public(address: str) -> None:
    assert is_public_address(address)
