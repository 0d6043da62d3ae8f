"""The worker pool: a discarded worker frees its place for whoever is waiting."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from monitor.ingest.fetch import FetchLimits
from monitor.ingest.workers import WorkerPool, WorkerTimeoutError
from tests.support.server import LocalServer, Reply, drip

FEED = b"<rss version='2.0'><channel><title>t</title></channel></rss>" * 50


def test_callers_waiting_for_a_worker_go_on_when_one_is_discarded(server: LocalServer) -> None:
    # Every fetch outlasts the pool's timeout: each worker is killed in turn. With
    # one worker and three callers, the two waiting must get fresh workers, not
    # wait for ever for the killed one to come back (seen: a poll hung > 120 s).
    server.route("/drip", Reply(200, drip(FEED, every=0.5)))
    limits = FetchLimits(allow_private_networks=True, deadline=60, read_timeout=30)
    outcomes: list[str] = []
    pool = WorkerPool(workers=1, timeout=1.0)

    def call() -> None:
        try:
            pool.fetch_feed(server.url("/drip"), limits)
            outcomes.append("done")
        except WorkerTimeoutError:
            outcomes.append("timeout")

    threads = [threading.Thread(target=call, daemon=True) for _ in range(3)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert not any(t.is_alive() for t in threads), "a caller is still waiting for a worker"
        assert outcomes == ["timeout"] * 3
    finally:
        pool.close()


def test_the_pool_reuses_an_idle_worker_and_closes_it() -> None:
    pool = WorkerPool(workers=1, timeout=20.0)
    try:
        page = (
            "<html><body><article><p>"
            + "Text of the article. " * 40
            + "</p></article></body></html>"
        )
        first = pool.extract(page, "http://example.org/a")
        second = pool.extract(page, "http://example.org/b")
        assert first is not None and second is not None
        assert pool._started == 1 and len(pool._idle) == 1
    finally:
        pool.close()
    assert pool._started == 0 and pool._idle == []


def _children(pid: int) -> list[int]:
    """The live processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_workers_busy_with_a_dripping_feed_exit_when_monitor_poll_is_killed(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/drip", Reply(200, drip(b"<rss>" + b" " * 400 + b"</rss>", 0.1)))
    env = {
        **os.environ,
        "MONITOR_DB": str(tmp_path / "monitor.db"),
        "MONITOR_FETCH__ALLOW_PRIVATE_NETWORKS": "true",
        "MONITOR_FETCH__DEADLINE": "120",
        "MONITOR_POLLING__PARSE_TIMEOUT": "120",
    }
    monitor = [sys.executable, "-m", "monitor"]
    subprocess.run([*monitor, "init"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*monitor, "feeds", "add", server.url("/drip")], env=env, check=True, capture_output=True
    )
    poll = subprocess.Popen([*monitor, "poll", "--all"], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline:
        workers = _children(poll.pid)
        time.sleep(0.05)
    assert workers, "monitor poll started its workers"
    time.sleep(0.5)  # the worker is inside the fetch now
    poll.kill()
    poll.wait(timeout=10)
    gone_by = time.monotonic() + 3
    while any(_alive(w) for w in workers) and time.monotonic() < gone_by:
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "workers outlived their parent"
