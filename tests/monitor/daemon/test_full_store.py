"""A store that refuses writes (a full disk): the daemon says so, loses nothing and resumes.

SQLite's own limit stands in for the disk: ``PRAGMA max_page_count`` at the
file's current size makes every write that needs a new page fail with
SQLITE_FULL ("database or disk is full"), exactly as a full disk does.
"""

from __future__ import annotations

from pathlib import Path

from monitor.app import Monitor
from monitor.ingest.feed_admin import add_feed
from monitor.views import health_report
from tests.monitor.daemon.support import running_daemon, wait_for
from tests.monitor.helpers import open_monitor
from tests.monitor.ingest.test_poll_assess import NEW, rss
from tests.support.server import LocalServer, Reply


def _limit_pages(monitor: Monitor, pages: int | None) -> None:
    """Hold the store at its size now (None: lift the limit). The pragma is per connection."""
    conn = monitor.store.conn
    with monitor.store._lock:
        [size] = conn.execute("PRAGMA page_count").fetchall()[0]
        conn.execute(f"PRAGMA max_page_count = {size if pages is None else pages}")


def test_a_full_store_is_reported_and_polling_resumes_once_there_is_room(
    tmp_path: Path, server: LocalServer, log_lines: list[str]
) -> None:
    # Enough text that recording the poll needs new pages.
    entries = [(f"item-{n}", f"EU AI Act news {n}", NEW * 4) for n in range(20)]
    server.route("/feed", Reply(200, rss(entries), {"Content-Type": "application/rss+xml"}))
    with open_monitor(
        tmp_path,
        daemon__heartbeat_interval="0.1s",
        daemon__store_retry="0.3s",
        daemon__startup_spread="0.1s",
        daemon__process_interval="1h",
        daemon__sync_interval="1h",
        extraction__fetch_pages="false",
        assessment__enabled="false",
        digest__schedule="",
    ) as monitor:
        monitor.init()
        feed = add_feed(monitor, server.url("/feed"), interval_seconds=3600)
        _limit_pages(monitor, None)  # full from here on
        with running_daemon(monitor) as daemon:
            wait_for(lambda: len(server.requests) >= 2, "the feed polled and polled again")
            assert daemon.trouble.startswith(f"the store {monitor.store_path} is full")
            assert daemon.state == "running"
            assert not monitor.query("SELECT * FROM items")  # nothing half-recorded
            report = health_report(monitor.settings)
            assert not report["healthy"]
            assert any("cannot record its work" in p for p in report["problems"])
            # One line for the trouble, however many retries.
            full = [line for line in log_lines if "is full" in line]
            assert len(full) == 1, full
            # Space freed: the next retry records the poll and its items.
            _limit_pages(monitor, 1_000_000)
            wait_for(lambda: daemon.trouble == "", "the daemon to notice the room")
            monitor.catch_up()
            wait_for(
                lambda: len(monitor.query("SELECT * FROM items")) == 20,
                "the items recorded",
            )
            [polled] = monitor.query(
                "SELECT last_outcome, consecutive_failures FROM feeds WHERE feed_id = ?",
                (feed.feed_id,),
            )
            # A poll the store refused was no failure of the feed: no backoff for it.
            assert polled == {"last_outcome": "fetched", "consecutive_failures": 0}
            wait_for(lambda: health_report(monitor.settings)["healthy"], "health again")
    assert any("the store takes writes again" in line for line in log_lines)
