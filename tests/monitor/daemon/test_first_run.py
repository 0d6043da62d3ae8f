"""A store's first run is resumable: a start killed half-way is finished by the next."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.app import Monitor
from monitor.events import FeedPolled, feed_stream
from monitor.heartbeat import heartbeat_path
from monitor.ingest.feed_admin import remove_feed
from monitor.ingest.first_run import initialise, is_initialised
from monitor.settings import load_settings
from tests.monitor.cli.test_cli import run
from tests.monitor.daemon.support import wait_for
from tests.monitor.daemon.test_daemon import DAEMON_CONFIG, heartbeat
from tests.monitor.helpers import open_monitor

FEEDS = """
[[feeds]]
url = "http://127.0.0.1:9/first.xml"
name = "First"
[[feeds]]
url = "http://127.0.0.1:9/second.xml"
name = "Second"
"""


def test_a_store_whose_first_run_stopped_half_way_is_initialised_again(tmp_path: Path) -> None:
    with open_monitor(tmp_path) as app:
        app.init()  # the seeds went in; the start was killed before the feeds
        assert not is_initialised(app)
        report = initialise(app)
        assert report.seeds_added == 0 and report.seeds_known == 3
        assert report.feeds_added == len(app.settings.feeds) > 0
        assert is_initialised(app)
        assert app.store.count(["StoreInitialised"]) == 1


def test_a_store_in_use_before_the_marker_existed_counts_as_initialised(tmp_path: Path) -> None:
    with open_monitor(tmp_path) as app:
        app.init()
        app.record([(feed_stream("f"), [FeedPolled("f", "https://x.example/f", "fetched", 200)])])
        assert is_initialised(app)


def test_a_default_feed_removed_stays_removed_when_init_runs_again(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init")[0] == 0
    with Monitor(load_settings(environ={"MONITOR_DB": str(db_path)})) as app:
        defaults = len(app.settings.feeds)
        first = app.settings.feeds[0].url
        remove_feed(app, first)
    code, out, _ = run(capsys, "init", "--json")
    assert code == 0 and json.loads(out)["feeds_added"] == 0
    with Monitor(load_settings(environ={"MONITOR_DB": str(db_path)})) as app:
        active = {
            row["url"] for row in app.query("SELECT url FROM feeds WHERE status != 'removed'")
        }
    assert len(active) == defaults - 1 and first not in active


@pytest.mark.slow
def test_daemon_starts_killed_at_any_instant_are_finished_by_the_next_start(
    tmp_path: Path,
) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(DAEMON_CONFIG.replace("feeds = []\n", "") + FEEDS)
    store = tmp_path / "store" / "monitor.db"
    env = {**os.environ, "MONITOR_DB": str(store), "MONITOR_CONFIG": str(config)}
    command = [sys.executable, "-m", "monitor", "run"]
    # The worst instant: the store file exists, its initialisation has only begun.
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    while not store.exists() and process.poll() is None:
        time.sleep(0.001)
    process.kill()
    process.wait(timeout=30)
    for delay in (0.05, 0.5, 1.0):  # and then at other instants of later starts
        process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.kill()
        process.wait(timeout=30)
    heartbeat_path(store).unlink(missing_ok=True)  # a killed start's heartbeat says nothing
    daemon = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(
            lambda: (
                heartbeat(store).get("pid") == daemon.pid
                and heartbeat(store).get("state") == "running"
            ),
            what="the new daemon's heartbeat",
        )
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, err
    with open_monitor(store.parent) as app:
        assert app.store.count(["StoreInitialised"]) == 1
        assert app.query("SELECT count(*) AS n FROM corpus_documents") == [{"n": 3}]
        names = {row["name"] for row in app.query("SELECT name FROM feeds")}
        assert names == {"First", "Second"}
