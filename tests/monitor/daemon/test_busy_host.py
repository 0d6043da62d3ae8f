"""A busy host does not hold the daemon: politeness waits give the poll thread back.

One poll thread and a 2 s spacing per host. Six feeds on one host, each with a
page to fetch, would keep the thread asleep for their turns (over twenty
seconds); a feed on another host added meanwhile must still be polled at once,
the busy host must still get its spacing, and the pages it owes are fetched at
its turns by the pending pass, each once.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from monitor.ingest.feed_admin import add_feed
from tests.monitor.daemon.support import running_daemon, wait_for
from tests.monitor.helpers import open_monitor
from tests.monitor.ingest.test_poll_assess import NEW, rss
from tests.support.server import LocalServer, Reply, Route, SeenRequest

DELAY = 2.0


def test_a_feed_on_a_free_host_is_polled_while_a_busy_host_waits_its_turns(
    tmp_path: Path, server: LocalServer
) -> None:
    busy: list[float] = []  # when the busy host was asked, feed or page

    def timed(reply: Reply) -> Route:
        def answer(_request: SeenRequest) -> Reply:
            busy.append(time.monotonic())
            return reply

        return answer

    page = Reply(200, f"<html><body><article><p>{NEW}</p></article></body></html>".encode(), {})
    for n in range(6):
        link = server.url(f"/busy/{n}/article")
        body = rss([(f"b{n}", f"AI Act news {n}", NEW)], links={f"b{n}": link})
        server.route(f"/busy/{n}", timed(Reply(200, body, {})))
        server.route(f"/busy/{n}/article", timed(page))
    server.route("/free", Reply(200, rss([("f1", "Free host", NEW)]), {}))
    with open_monitor(
        tmp_path,
        fetch__concurrency="1",
        fetch__per_host_delay=str(DELAY),
        daemon__heartbeat_interval="0.2s",
        daemon__startup_spread="0.1s",
        daemon__sync_interval="0.3s",
        daemon__process_interval="1h",
        assessment__enabled="false",
        digest__schedule="",
    ) as monitor:
        monitor.init()
        for n in range(6):
            add_feed(monitor, server.url(f"/busy/{n}"), interval_seconds=3600)
        with running_daemon(monitor):
            wait_for(lambda: len(busy) >= 2, "the busy host asked twice")
            # "localhost" is another host to the gate, the same server to the network.
            free = f"http://localhost:{urlsplit(server.url('/')).port}/free"
            added = time.monotonic()
            add_feed(monitor, free, interval_seconds=3600)
            wait_for(lambda: bool(server.requests_to("/free")), "the free feed polled")
            free_after = time.monotonic() - added
            paths = [f"/busy/{n}{page}" for n in range(6) for page in ("", "/article")]
            wait_for(
                lambda: all(server.requests_to(path) for path in paths),
                "every busy feed polled and every page fetched",
            )
    # Before, the one thread slept through the busy host's turns (2 s each) first.
    assert free_after < DELAY, free_after
    gaps = [b - a for a, b in itertools.pairwise(busy)]
    # The busy host still gets its spacing (as the server sees it: a request's way
    # through a worker process, the first one's start-up above all, shortens a gap).
    assert min(gaps) >= DELAY * 0.75, gaps
    assert sorted(gaps)[len(gaps) // 2] >= DELAY - 0.05, gaps
    assert all(len(server.requests_to(path)) == 1 for path in paths)  # each asked once


def test_status_shows_the_work_waiting(
    tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """Items left pending (a per-feed cap, a busy host) are a backlog in ``status``."""
    from monitor.cli.status import print_status  # noqa: PLC0415
    from monitor.ingest import Poller  # noqa: PLC0415
    from monitor.views import status_report  # noqa: PLC0415

    feed = rss(
        [(f"p{n}", f"AI Act news {n}", NEW) for n in range(3)],
        links={f"p{n}": server.url(f"/page/{n}") for n in range(3)},
    )
    server.route("/feed", Reply(200, feed, {"Content-Type": "application/rss+xml"}))
    page = f"<html><body><article><p>{NEW}</p></article></body></html>".encode()
    for n in range(3):
        server.route(f"/page/{n}", Reply(200, page, {"Content-Type": "text/html"}))
    with open_monitor(tmp_path, extraction__max_pages_per_feed="1") as monitor:
        monitor.init()
        added = add_feed(monitor, server.url("/feed"))
        poller = Poller(monitor)
        try:
            [row] = monitor.query("SELECT * FROM feeds WHERE feed_id = ?", (added.feed_id,))
            poller.poll_one(row)  # one page fetched, two left for a later pass
        finally:
            poller.close()
        monitor.catch_up()
        info, feeds = status_report(monitor)
    counts = info["counts"]
    assert counts["pending_extraction"] == 2 and counts["oldest_pending_at"]
    assert counts["pending_assessment"] == 1  # the one extracted, not judged yet
    print_status(info, feeds)
    assert "waiting        2 item(s) to extract" in capsys.readouterr().out
