"""``monitor run`` as a real subprocess against a local feed server, and ``monitor health``."""

from __future__ import annotations

import configparser
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.daemon.scheduler import DaemonError, StoreLock
from monitor.resources import bundled_config_dir
from monitor.settings import load_settings
from tests.monitor.cli.test_cli import run as cli
from tests.monitor.daemon.support import wait_for
from tests.monitor.ingest.test_poll_assess import NEW, OFF_TOPIC, rss
from tests.support.server import LocalServer, Reply, drip

pytestmark = pytest.mark.slow

DAEMON_CONFIG = """
feeds = []
[fetch]
allow_private_networks = true
per_host_delay = 0
[polling]
# A test setting: feeds polled every second (the guard's floor is a minute).
min_interval = "1s"
[extraction]
fetch_pages = false
[daemon]
heartbeat_interval = "0.2s"
health_max_age = "5s"
startup_spread = "0.1s"
process_interval = "0.5s"
sync_interval = "0.5s"
shutdown_timeout = "10s"
[digest]
# Seconds first: a digest every 2 s, so that a test sees several.
schedule = "*/2 * * * * *"
"""


@pytest.fixture
def env(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    config = tmp_path / "monitor.toml"
    config.write_text(DAEMON_CONFIG)
    monkeypatch.setenv("MONITOR_CONFIG", str(config))
    return {**os.environ, "MONITOR_DB": str(db_path), "MONITOR_CONFIG": str(config)}


@pytest.fixture
def daemons(env: dict[str, str]) -> Iterator[Callable[[], subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []

    def start() -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def events_of(db: Path, kind: str) -> list[dict[str, object]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT payload FROM events WHERE event_type = ?", (kind,)).fetchall()
    finally:
        conn.close()
    return [json.loads(row[0]) for row in rows]


def heartbeat(db: Path) -> dict[str, object]:
    path = db.with_name(db.name + ".heartbeat")
    return json.loads(path.read_text()) if path.exists() else {}


def test_run_polls_assesses_stops_on_sigterm_and_resumes(
    env: dict[str, str],
    db_path: Path,
    server: LocalServer,
    daemons: Callable[[], subprocess.Popen[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    # What the feed holds when it is added is its backlog (learned, not flagged).
    feed = [("w2", "Bikes", OFF_TOPIC)]
    server.route("/wire", lambda _seen: Reply(200, rss(feed)))
    assert cli(capsys, "init")[0] == 0
    assert cli(capsys, "feeds", "add", server.url("/wire"), "--interval", "1s")[0] == 0

    def polls() -> int:
        return sum(r.path == "/wire" for r in server.requests)

    daemon = daemons()
    wait_for(lambda: heartbeat(db_path).get("state") == "running", what="the heartbeat")
    wait_for(lambda: len(events_of(db_path, "ArticleAssessed")) == 1, what="the backlog")
    feed.insert(0, ("w1", "AI code signed", NEW))  # a new item while it runs
    wait_for(lambda: len(events_of(db_path, "UpdateFlagged")) == 1, what="the update")
    [flagged] = events_of(db_path, "UpdateFlagged")

    def digested() -> list[str]:
        return [i for d in events_of(db_path, "DigestPublished") for i in d["item_ids"]]  # type: ignore[attr-defined]

    wait_for(lambda: flagged["item_id"] in digested(), what="a digest with the update")
    [with_update] = [
        d for d in events_of(db_path, "DigestPublished") if d["item_ids"] == [flagged["item_id"]]
    ]
    written = db_path.with_name("digests") / f"digest-{with_update['digest_id']}.md"
    wait_for(written.exists, what="the digest's file")
    assert "AI code signed" in written.read_text()
    code, out, _ = cli(capsys, "health", "--json")
    assert code == 0 and json.loads(out)["healthy"] is True
    assert len(events_of(db_path, "ArticleAssessed")) == 2
    before = polls()
    wait_for(lambda: polls() >= before + 2, what="polls at the feed's interval")

    daemon.send_signal(signal.SIGTERM)
    started = time.monotonic()
    _, stderr = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, stderr
    assert time.monotonic() - started < 10 + 5
    assert "stopping" in stderr and "monitor stopped" in stderr
    code, _, err = cli(capsys, "health")
    assert code == 1 and "the daemon is stopped" in err

    # Start again: it resumes, and nothing is discovered or flagged twice.
    count = polls()
    daemon = daemons()
    wait_for(lambda: polls() >= count + 2, what="polls after the restart")
    daemon.send_signal(signal.SIGINT)
    _, stderr = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, stderr
    discovered = [e["item_id"] for e in events_of(db_path, "ItemDiscovered")]
    assert len(discovered) == len(set(discovered)) == 2
    assert len(events_of(db_path, "UpdateFlagged")) == 1
    assert len(events_of(db_path, "ArticleAssessed")) == 2
    # Each update is in exactly one digest, across the restart too.
    assert digested() == [flagged["item_id"]]
    published = [d["digest_id"] for d in events_of(db_path, "DigestPublished")]
    assert len(published) == len(set(published)) >= 3


def test_work_that_outlasts_the_shutdown_bound_is_abandoned_and_redone(
    env: dict[str, str],
    db_path: Path,
    server: LocalServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    body = rss([("s1", "AI code signed", NEW)])
    server.route("/slow", Reply(200, drip(body, every=0.3)))  # minutes to send
    assert cli(capsys, "init")[0] == 0
    assert cli(capsys, "feeds", "add", server.url("/slow"), "--interval", "1h")[0] == 0
    bounded = {**env, "MONITOR_DAEMON__SHUTDOWN_TIMEOUT": "1s"}
    daemon = subprocess.Popen(
        [sys.executable, "-m", "monitor", "run"],
        env=bounded,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: len(server.requests_to("/slow")) == 1, what="the slow poll to start")
        daemon.send_signal(signal.SIGTERM)
        started = time.monotonic()
        try:
            _, stderr = daemon.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            _, stderr = daemon.communicate()
            raise AssertionError(
                f"no exit 30 s after SIGTERM; its log:\n{stderr[-4000:]}"
            ) from None
    finally:
        if daemon.poll() is None:
            daemon.kill()
    assert daemon.returncode == 0, stderr
    assert time.monotonic() - started < 1 + 4, stderr[-4000:]
    assert "abandoned (the next start picks it up)" in stderr
    # Nothing half-done was recorded: the poll that was cut left no event at all.
    assert events_of(db_path, "FeedPolled") == [] and events_of(db_path, "ItemDiscovered") == []
    assert heartbeat(db_path)["state"] == "stopped"

    # The next start polls the feed again (it is still due) and finishes the work.
    server.route("/slow", Reply(200, body))
    daemon = subprocess.Popen(
        [sys.executable, "-m", "monitor", "run"], env=bounded, stderr=subprocess.DEVNULL, text=True
    )
    try:
        wait_for(lambda: len(events_of(db_path, "ItemDiscovered")) == 1, what="the redone poll")
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=30)
    assert len(events_of(db_path, "FeedPolled")) == 1


def test_one_daemon_per_store_and_a_killed_ones_lock_is_taken_over(
    env: dict[str, str],
    db_path: Path,
    daemons: Callable[[], subprocess.Popen[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli(capsys, "init")[0] == 0
    first = daemons()
    wait_for(lambda: heartbeat(db_path).get("state") == "running", what="the first daemon")
    second = daemons()
    _, stderr = second.communicate(timeout=60)
    assert second.returncode == 1
    assert f"another `monitor run` (pid {first.pid}) is already running" in stderr

    first.kill()  # SIGKILL: no cleanup at all
    first.wait()
    third = daemons()
    wait_for(
        lambda: (
            heartbeat(db_path).get("pid") == third.pid
            and heartbeat(db_path).get("state") == "running"
        ),
        what="the third daemon",
    )
    third.send_signal(signal.SIGTERM)
    third.communicate(timeout=30)
    assert third.returncode == 0


def test_the_lock_is_exclusive_within_a_process_too(tmp_path: Path) -> None:
    store = tmp_path / "monitor.db"
    one, two = StoreLock(store), StoreLock(store)
    one.acquire()
    with pytest.raises(DaemonError, match=f"pid {os.getpid()}"):
        two.acquire()
    one.release()
    two.acquire()
    two.release()


def test_health_without_a_daemon_says_why(
    env: dict[str, str], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "health")
    assert code == 1 and "no heartbeat" in err and f"no store at {db_path}" in err
    cli(capsys, "init")
    heartbeat_file = db_path.with_name(db_path.name + ".heartbeat")
    heartbeat_file.write_text(
        json.dumps(
            {
                "pid": 1,
                "at": "2020-01-01T00:00:00Z",
                "started_at": "2020-01-01T00:00:00Z",
                "state": "running",
            }
        )
    )
    code, out, _ = cli(capsys, "health", "--json")
    report = json.loads(out)
    assert code == 1 and not report["healthy"]
    assert "stuck or gone" in report["problems"][0]
    # A heartbeat an hour in the future is no proof of life either.
    future = (datetime.now(UTC) + timedelta(seconds=3584)).isoformat()
    heartbeat_file.write_text(
        json.dumps({"pid": 1, "at": future, "started_at": future, "state": "running"})
    )
    code, _, err = cli(capsys, "health")
    assert code == 1 and "in the future" in err


@pytest.mark.parametrize("command", [["run"], ["health"]], ids=" ".join)
def test_daemon_commands_have_help_with_an_example(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, *command, "--help")
    assert code == 0 and "Example" in out


def test_the_heartbeat_stays_fresh_while_every_poll_thread_waits_on_a_slow_host(
    env: dict[str, str],
    db_path: Path,
    server: LocalServer,
    daemons: Callable[[], subprocess.Popen[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A busy host must not make the daemon look dead: the heartbeat never waits on work."""
    slow = Reply(200, rss([("s1", "Bikes", OFF_TOPIC)]), delay_before_headers=3.0)
    assert cli(capsys, "init")[0] == 0
    for n in range(4):
        server.route(f"/slow/{n}", slow)
        assert cli(capsys, "feeds", "add", server.url(f"/slow/{n}"), "--interval", "1s")[0] == 0
    env["MONITOR_FETCH__CONCURRENCY"] = "1"  # one poll thread: always busy with a slow feed
    daemon = daemons()
    wait_for(lambda: heartbeat(db_path).get("state") == "running", what="the heartbeat")
    wait_for(lambda: any(r.path.startswith("/slow/") for r in server.requests), what="a poll")
    ages = []
    for _ in range(12):
        time.sleep(0.5)
        beat = heartbeat(db_path)
        at = datetime.fromisoformat(str(beat["at"]))
        ages.append((datetime.now(UTC) - at).total_seconds())
    daemon.send_signal(signal.SIGTERM)
    daemon.communicate(timeout=30)
    # Beats every 0.2 s; a poll takes 3 s, and the one poll thread is never free.
    assert max(ages) < 1.5, ages


def test_under_systemd_it_says_ready_pings_the_watchdog_and_says_stopping(
    env: dict[str, str],
    db_path: Path,
    tmp_path: Path,
    daemons: Callable[[], subprocess.Popen[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli(capsys, "init")[0] == 0
    address = str(tmp_path / "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(address)
    sock.settimeout(30)
    env["NOTIFY_SOCKET"] = address
    messages: list[str] = []
    try:
        daemon = daemons()
        while not any(m.startswith("READY=1") for m in messages):
            messages.append(sock.recv(4096).decode())
        while messages.count("WATCHDOG=1") < 3:
            messages.append(sock.recv(4096).decode())
        daemon.send_signal(signal.SIGTERM)
        while "STOPPING=1" not in messages:
            messages.append(sock.recv(4096).decode())
        daemon.communicate(timeout=30)
    finally:
        sock.close()
    ready = next(m for m in messages if m.startswith("READY=1"))
    assert "STATUS=" in ready and "feed(s) scheduled" in ready
    assert daemon.returncode == 0


def test_the_shipped_systemd_unit_waits_for_ready_and_outlasts_the_shutdown_bound() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(bundled_config_dir() / "systemd" / "ai-act-monitor.service")
    service = unit["Service"]
    settings = load_settings(environ={})
    assert service["Type"] == "notify"
    assert float(service["WatchdogSec"]) >= 3 * settings.daemon.heartbeat_interval
    assert float(service["TimeoutStopSec"]) > settings.daemon.shutdown_timeout
    assert service["ExecStart"].endswith("monitor run")
