"""Polling end to end against a real server on 127.0.0.1: every outcome becomes events."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.app import Monitor
from monitor.events import REGISTRY, FeedPollFailed
from monitor.ingest.feed_admin import add_feed, enable_feed
from monitor.ingest.poll import Poller
from monitor.ingest.summary import PollSummary
from monitor.views import backoff_of, feed_rows
from tests.monitor.helpers import events_of, open_monitor, stored
from tests.support.server import LocalServer, Reply, SeenRequest

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>t</title>
<item><guid>https://news.example/a</guid><link>LINK_A</link><title>AI Act deal</title>
<description>Short summary of the deal on the AI Act.</description></item>
</channel></rss>"""

ARTICLE = (
    "<html lang='en'><head><title>AI Act deal</title></head><body><nav>Home | World</nav>"
    "<article><h1>EU reaches deal on the AI Act</h1>"
    + "".join(
        f"<p>Paragraph {i}: negotiators from the Parliament and the Council agreed on rules "
        f"for general-purpose AI models, biometric identification and fines (point {i}).</p>"
        for i in range(8)
    )
    + "</article><footer>Contact us</footer></body></html>"
)


def feed_with_link(server: LocalServer, link_path: str = "/article") -> bytes:
    return RSS.replace(b"LINK_A", server.url(link_path).encode())


def poll(app: Monitor, *feed_ids: str, now: datetime | None = None) -> PollSummary:
    poller = Poller(app, now=(lambda: now)) if now else Poller(app)
    try:
        return poller.run(list(feed_ids))
    finally:
        poller.close()


def test_a_new_item_is_discovered_and_its_page_extracted(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route(
        "/feed", Reply(200, feed_with_link(server), {"Content-Type": "application/rss+xml"})
    )
    server.route("/article", Reply(200, ARTICLE.encode(), {"Content-Type": "text/html"}))
    with open_monitor(tmp_path) as app:
        feed = add_feed(app, server.url("/feed"))
        summary = poll(app, feed.feed_id)
        assert (summary.fetched, summary.new_items, summary.extracted, summary.fallbacks) == (
            1,
            1,
            1,
            0,
        )
        (article,) = app.query("SELECT * FROM articles")
        assert article["method"] == "trafilatura"
        assert "general-purpose AI models" in article["text"]
        assert "Contact us" not in article["text"] and "Home | World" not in article["text"]
        assert article["language"] == "en"
        types = [e.event_type for e in app.store.read_all(types=None)]
        assert types.count("ItemDiscovered") == 1 and types.count("ArticleExtracted") == 1
        user_agent = server.requests_to("/feed")[0].headers["user-agent"]
        assert user_agent.startswith("ai-act-monitor/")


def test_conditional_get_records_not_modified_and_nothing_else(
    server: LocalServer, tmp_path: Path
) -> None:
    def feed(request: SeenRequest) -> Reply:
        if request.headers.get("if-none-match") == '"abc"':
            return Reply(304, headers={"ETag": '"abc"'})
        return Reply(
            200, feed_with_link(server), {"ETag": '"abc"', "Content-Type": "application/xml"}
        )

    server.route("/feed", feed)
    server.route("/article", Reply(200, ARTICLE.encode(), {"Content-Type": "text/html"}))
    with open_monitor(tmp_path) as app:
        added = add_feed(app, server.url("/feed"))
        poll(app, added.feed_id)
        before = app.store.last_position()
        summary = poll(app, added.feed_id)
        assert summary.not_modified == 1 and summary.new_items == 0
        assert server.requests_to("/feed")[1].headers["if-none-match"] == '"abc"'
        after = list(app.store.read_all(before))
        assert [e.event_type for e in after] == ["FeedPolled"]
        assert after[0].payload["outcome"] == "not_modified"
        assert after[0].payload["etag"] == '"abc"'


def test_a_feed_set_to_ignore_validators_sends_none(server: LocalServer, tmp_path: Path) -> None:
    server.route(
        "/feed",
        Reply(
            200,
            b"<rss version='2.0'><channel><title>x</title></channel></rss>",
            {"ETag": '"stale"', "Content-Type": "application/xml"},
        ),
    )
    with open_monitor(tmp_path) as app:
        added = add_feed(app, server.url("/feed"), ignore_validators=True)
        poll(app, added.feed_id)
        poll(app, added.feed_id)
        assert "if-none-match" not in server.requests_to("/feed")[1].headers


def test_410_marks_the_feed_gone_until_it_is_enabled(server: LocalServer, tmp_path: Path) -> None:
    server.route("/feed", Reply(410))
    with open_monitor(tmp_path) as app:
        added = add_feed(app, server.url("/feed"))
        summary = poll(app, added.feed_id)
        assert summary.gone == 1
        assert events_of(app, added.feed_id)[-1].event_type == "FeedMarkedGone"
        skipped = poll(app, added.feed_id)
        assert skipped.feeds == 0 and skipped.skipped[0]["status"] == "gone"
        poller = Poller(app)
        assert poller.select(all_feeds=True) == []
        poller.close()
        assert len(server.requests_to("/feed")) == 1
        enable_feed(app, added.feed_id)
        assert poll(app).gone == 1, "enabled again, it is due at once"


def test_429_with_retry_after_sets_the_next_poll(server: LocalServer, tmp_path: Path) -> None:
    server.route("/feed", Reply(429, headers={"Retry-After": "7200"}))
    now = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    with open_monitor(tmp_path) as app:
        added = add_feed(app, server.url("/feed"))
        poll(app, added.feed_id, now=now)
        failed = events_of(app, added.feed_id)[-1]
        assert failed.event_type == "FeedPollFailed"
        assert failed.payload["reason"] == "rate_limited"
        assert failed.payload["retry_after_seconds"] == 7200
        next_poll = datetime.fromisoformat(failed.payload["next_poll_at"].replace("Z", "+00:00"))
        assert next_poll >= now + timedelta(seconds=7200)
        poller = Poller(app, now=lambda: now + timedelta(hours=1))
        assert poller.select() == [], "not due before Retry-After has passed"
        poller.close()


def test_the_status_shows_the_backoff_the_scheduler_chose(
    server: LocalServer, tmp_path: Path
) -> None:
    # The poll's clock reads a fraction of a second and the next poll is kept in
    # whole seconds; the event is appended by another clock (today's). The wait
    # shown is the one chosen, not the difference of those times.
    server.route("/feed", Reply(500, b"broken"))
    now = datetime(2025, 1, 1, 12, 0, 0, 900_000, tzinfo=UTC)
    with open_monitor(tmp_path, polling__backoff_base="300s", polling__jitter="0") as app:
        added = add_feed(app, server.url("/feed"))
        poll(app, added.feed_id, now=now)
        failed = events_of(app, added.feed_id)[-1]
        assert failed.event_type == "FeedPollFailed"
        assert failed.payload["next_poll_at"] == "2025-01-01T12:05:00Z"
        assert failed.payload["backoff_seconds"] == 300.0
        (row,) = [r for r in feed_rows(app) if r["feed_id"] == added.feed_id]
        assert row["backoff_seconds"] == 300.0


def test_a_version_1_failure_reads_its_backoff_from_the_two_times() -> None:
    old = stored(
        "FeedPollFailed",
        1,
        {
            "feed_id": "f",
            "url": "https://a.example/feed",
            "reason": "timeout",
            "detail": "no answer",
            "consecutive_failures": 1,
            "next_poll_at": "2024-01-01T00:05:30Z",
        },
        stream_id="feed-f",
    )
    failed = REGISTRY.decode(old)
    assert isinstance(failed, FeedPollFailed) and failed.backoff_seconds is None
    row = {
        "consecutive_failures": 1,
        "next_poll_at": failed.next_poll_at,
        "last_polled_at": old.recorded_at,
        "backoff_seconds": failed.backoff_seconds,
    }
    assert backoff_of(row) == 330.0


def test_failures_back_off_exponentially_and_polling_resumes_at_the_cap(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/feed", Reply(500, b"broken"))
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with open_monitor(tmp_path, polling__backoff_base="60s", polling__backoff_cap="10m") as app:
        added = add_feed(app, server.url("/feed"))
        waits = []
        moment = start
        for _ in range(7):
            poll(app, added.feed_id, now=moment)
            event = events_of(app, added.feed_id)[-1]
            due = datetime.fromisoformat(event.payload["next_poll_at"].replace("Z", "+00:00"))
            waits.append((due - moment).total_seconds())
            moment = due
        failures = [e.payload["consecutive_failures"] for e in events_of(app, added.feed_id)[1:]]
        assert failures == [1, 2, 3, 4, 5, 6, 7]
        base = [60, 120, 240, 480, 600, 600, 600]
        for wait, expected in zip(waits, base, strict=True):
            assert expected <= wait <= expected * 1.1 + 1
        (row,) = app.query("SELECT status FROM feeds")
        assert row["status"] == "active", "a failing feed is never abandoned"


def test_a_permanent_redirect_updates_the_feed_url(server: LocalServer, tmp_path: Path) -> None:
    server.route("/old", Reply(301, headers={"Location": "/new"}))
    server.route(
        "/new",
        Reply(
            200,
            b"<rss version='2.0'><channel><title>x</title></channel></rss>",
            {"Content-Type": "application/xml"},
        ),
    )
    with open_monitor(tmp_path) as app:
        added = add_feed(app, server.url("/old"))
        poll(app, added.feed_id)
        kinds = [e.event_type for e in events_of(app, added.feed_id)]
        assert kinds == ["FeedAdded", "FeedRedirected", "FeedPolled"]
        (row,) = app.query("SELECT url FROM feeds")
        assert row["url"] == server.url("/new")
        poll(app, added.feed_id)
        assert len(server.requests_to("/old")) == 1 and len(server.requests_to("/new")) == 2


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Reply(302, headers={"Location": "/loop"}), "redirect_loop"),
        (Reply(200, b"x" * 50_000, {"Content-Type": "application/xml"}), "too_large"),
        (Reply(200, b"<rss/>", delay_before_headers=4), "timeout"),
        (Reply(503), "http_status"),
    ],
    ids=["redirect-loop", "too-large", "timeout", "503"],
)
def test_each_failure_is_an_event_with_its_reason(
    server: LocalServer, tmp_path: Path, route: Reply, reason: str
) -> None:
    server.route("/loop", route)
    with open_monitor(tmp_path, fetch__max_feed_bytes="10000", fetch__read_timeout="1") as app:
        added = add_feed(app, server.url("/loop"))
        summary = poll(app, added.feed_id)
        assert summary.failed == 1 and summary.failures[0]["reason"] == reason
        assert events_of(app, added.feed_id)[-1].payload["reason"] == reason


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/feed",
        "http://169.254.169.254/latest/",
        "http://[2002:7f00:1::]:{port}/feed",
        "http://[64:ff9b::7f00:1]:{port}/feed",
        "http://[::127.0.0.1]:{port}/feed",
    ],
)
def test_the_guard_refuses_private_feeds_and_redirects_into_them(
    server: LocalServer, tmp_path: Path, target: str
) -> None:
    server.route("/feed", Reply(200, RSS, {"Content-Type": "application/xml"}))
    with open_monitor(tmp_path, fetch__allow_private_networks="false") as app:
        added = add_feed(app, target.format(port=server.port))
        summary = poll(app, added.feed_id)
        assert summary.failures[0]["reason"] == "blocked_address"
        assert "allow_private_networks" in summary.failures[0]["detail"]
    assert server.requests_to("/feed") == []


def test_one_failing_feed_does_not_stop_the_others(server: LocalServer, tmp_path: Path) -> None:
    server.route("/good", Reply(200, feed_with_link(server), {"Content-Type": "application/xml"}))
    server.route("/bad", Reply(500))
    server.route("/article", Reply(200, ARTICLE.encode(), {"Content-Type": "text/html"}))
    with open_monitor(tmp_path) as app:
        add_feed(app, server.url("/bad"))
        add_feed(app, server.url("/good"))
        summary = poll(app)
        assert (summary.feeds, summary.fetched, summary.failed, summary.new_items) == (2, 1, 1, 1)


def test_two_pollers_at_once_discover_each_item_once(server: LocalServer, tmp_path: Path) -> None:
    entries = "".join(
        f"<item><guid>https://news.example/{i}</guid><title>Item {i}</title>"
        f"<description>Text {i}</description></item>"
        for i in range(30)
    )
    body = f"<rss version='2.0'><channel><title>x</title>{entries}</channel></rss>".encode()
    server.route("/feed", Reply(200, body, {"Content-Type": "application/xml"}))
    with open_monitor(tmp_path) as setup:
        added = add_feed(setup, server.url("/feed"))
    barrier = threading.Barrier(2)
    results = []

    def run_one() -> None:
        with open_monitor(tmp_path, extraction__fetch_pages="false") as app:
            barrier.wait()
            results.append(poll(app, added.feed_id).new_items)

    threads = [threading.Thread(target=run_one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 30]
    with open_monitor(tmp_path) as app:
        assert app.store.count(["ItemDiscovered"]) == 30
        assert app.store.count(["ArticleExtracted"]) == 30


def test_a_page_that_takes_too_long_falls_back_to_the_feed_text(
    server: LocalServer, tmp_path: Path
) -> None:
    huge = (
        "<html><body>"
        + "".join(f"<div><p>para {i} " + "word " * 30 + "</p></div>" for i in range(40000))
        + "</body></html>"
    )
    server.route(
        "/feed", Reply(200, feed_with_link(server, "/slow"), {"Content-Type": "application/xml"})
    )
    server.route("/slow", Reply(200, huge.encode(), {"Content-Type": "text/html"}))
    with open_monitor(
        tmp_path, extraction__timeout="0.5", fetch__max_page_bytes="20000000", fetch__deadline="20"
    ) as app:
        added = add_feed(app, server.url("/feed"))
        summary = poll(app, added.feed_id)
        assert summary.fallbacks == 1
        (article,) = app.query("SELECT * FROM articles")
        assert article["method"] == "feed"
        assert article["text"] == "Short summary of the deal on the AI Act."
        event = app.store.read_latest(1, types=["ArticleExtracted"])[0]
        assert event.payload["fallback_reason"] == "extraction_timeout"


def test_items_left_pending_by_a_stopped_pass_are_extracted_next_time(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/feed", Reply(200, feed_with_link(server), {"Content-Type": "application/xml"}))
    server.route("/article", Reply(200, ARTICLE.encode(), {"Content-Type": "text/html"}))
    with open_monitor(tmp_path) as app:
        added = add_feed(app, server.url("/feed"))
        poller = Poller(app)
        poller.articles.extract = lambda item: None  # type: ignore[method-assign]
        poller.run([added.feed_id])  # the pass "dies" before extracting
        poller.close()
        assert app.query("SELECT extraction FROM items")[0]["extraction"] == "pending"
        summary = poll(app, added.feed_id)
        assert summary.extracted == 1
        assert app.query("SELECT extraction FROM items")[0]["extraction"] == "extracted"


def test_a_pass_run_400_days_ahead_does_not_stop_the_feed_once_the_clock_is_right(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/feed", Reply(200, feed_with_link(server)))
    server.route("/article", Reply(200, ARTICLE.encode(), {"Content-Type": "text/html"}))
    today = datetime(2026, 12, 1, 12, tzinfo=UTC)
    with open_monitor(tmp_path) as app:
        added = add_feed(app, server.url("/feed"))
        poll(app, added.feed_id, now=today + timedelta(days=400))  # the clock was wrong
        (row,) = app.query("SELECT next_poll_at FROM feeds")
        assert row["next_poll_at"].startswith("2028-")

        def due_at(moment: datetime) -> int:
            poller = Poller(app, now=lambda: moment)
            try:
                return poller.run().feeds
            finally:
                poller.close()

        assert due_at(today) == 1  # the clock is right again: the feed is due, not in 2028
        assert due_at(today + timedelta(minutes=10)) == 0  # and then on its interval


def test_a_feed_that_moves_onto_a_monitored_one_is_merged_into_it(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/old", Reply(301, headers={"Location": "/new"}))
    server.route("/new", Reply(200, feed_with_link(server), {"Content-Type": "application/xml"}))
    server.route("/article", Reply(200, ARTICLE.encode(), {"Content-Type": "text/html"}))
    with open_monitor(tmp_path, assessment__enabled="false") as app:
        new = add_feed(app, server.url("/new"))
        old = add_feed(app, server.url("/old"))
        poll(app, new.feed_id, old.feed_id)
        active = app.query("SELECT feed_id, url FROM feeds WHERE status = 'active'")
        assert active == [{"feed_id": new.feed_id, "url": server.url("/new")}]
        kinds = [e.event_type for e in events_of(app, old.feed_id)]
        assert kinds == ["FeedAdded", "FeedRedirected", "FeedRemoved"]
        assert app.query("SELECT count(*) AS n FROM items") == [{"n": 1}]


def test_a_feed_with_many_new_items_fetches_only_so_many_pages_per_pass(
    server: LocalServer, tmp_path: Path
) -> None:
    items = "".join(
        f"<item><guid>g{n}</guid><title>Item {n}</title><link>{server.url(f'/a{n}')}</link>"
        f"<description>Short text {n}.</description></item>"
        for n in range(5)
    )
    server.route(
        "/feed", Reply(200, f"<rss version='2.0'><channel>{items}</channel></rss>".encode())
    )
    for n in range(5):
        server.route(f"/a{n}", Reply(200, ARTICLE.encode(), {"Content-Type": "text/html"}))
    with open_monitor(
        tmp_path,
        extraction__max_pages_per_feed="2",
        extraction__pending_per_pass="1",
        assessment__enabled="false",
    ) as app:
        added = add_feed(app, server.url("/feed"))
        summary = poll(app, added.feed_id)
        assert (summary.new_items, summary.deferred, summary.extracted) == (5, 3, 3)
        pages = sum(len(server.requests_to(f"/a{n}")) for n in range(5))
        assert pages == 3  # 2 in the feed's turn, 1 of the pending at the end of the pass
        pending = app.query("SELECT count(*) AS n FROM items WHERE extraction = 'pending'")
        assert pending == [{"n": 2}]
        poll(app, added.feed_id)  # no new item: one more pending page
        assert app.query("SELECT count(*) AS n FROM items WHERE extraction = 'pending'") == [
            {"n": 1}
        ]
