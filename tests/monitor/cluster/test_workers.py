"""Workers on PostgreSQL as real processes: the work spread, a SIGKILL survived, nothing twice.

Every test starts ``monitor worker`` processes against a real PostgreSQL server
and feeds served on 127.0.0.1, each test in a schema of its own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from monitor.app import Monitor
from monitor.cli.daemon import _QUEUE_NAMES
from monitor.cluster.jobs import QUEUES, assess_pending, queue
from monitor.cluster.worker import connector_for, ensure_queue_schema
from monitor.ingest.feed_admin import add_feed
from monitor.ingest.poll import Poller
from monitor.settings import load_settings
from tests.monitor.cli.test_cli import run
from tests.monitor.ingest.test_poll_assess import NEW, OFF_TOPIC
from tests.monitor.test_on_postgres import page, read_models
from tests.support.postgres import fresh_schema, postgres_url
from tests.support.server import LocalServer, Reply

pytestmark = pytest.mark.slow

CONFIG = """
feeds = []
[fetch]
allow_private_networks = true
per_host_delay = 0
per_host_concurrency = 64
[polling]
parse_workers = 1
[assessment]
baseline = false
[daemon]
heartbeat_interval = "1s"
shutdown_timeout = "10s"
[digest]
schedule = ""
"""


class Cluster:
    """A store on PostgreSQL, its settings for subprocesses, and the workers started on it."""

    def __init__(self, tmp_path: Path) -> None:
        self.schema = fresh_schema("cluster")
        config = tmp_path / "monitor.toml"
        config.write_text(CONFIG)
        self.env = {
            **os.environ,
            "MONITOR_STORE__URL": postgres_url(),
            "MONITOR_STORE__SCHEMA": self.schema,
            "MONITOR_CONFIG": str(config),
            "XDG_DATA_HOME": str(tmp_path / "data"),
        }
        self.workers: list[subprocess.Popen[str]] = []
        self.logs = tmp_path / "logs"
        self.logs.mkdir()

    def monitor(self) -> Monitor:
        return Monitor(load_settings(environ=self.env))

    def cli(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "monitor", *argv],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start_worker(self, *argv: str) -> subprocess.Popen[str]:
        log = (self.logs / f"worker-{len(self.workers)}.log").open("w")
        process = subprocess.Popen(
            [sys.executable, "-m", "monitor", "worker", *argv],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.workers.append(process)
        return process

    def count(self, sql: str, *params: Any) -> int:
        with psycopg.connect(postgres_url(), options=f"-c search_path={self.schema}") as conn:
            row = conn.execute(sql, params).fetchone()
        return int(row[0]) if row else 0

    def events(self, kind: str) -> list[dict[str, Any]]:
        with psycopg.connect(postgres_url(), options=f"-c search_path={self.schema}") as conn:
            rows = conn.execute(
                "SELECT stream_id, payload FROM events WHERE event_type = %s", (kind,)
            ).fetchall()
        return [{"stream": stream, **payload} for stream, payload in rows]

    def stop(self) -> None:
        for process in self.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.workers:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def log_text(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.logs.iterdir()))


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    postgres_url()
    made = Cluster(tmp_path)
    assert made.cli("init").returncode == 0
    yield made
    made.stop()


def wait_for(condition: Callable[[], bool], timeout: float, what: str, cluster: Cluster) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}; logs:\n{cluster.log_text()[-6000:]}")


def serve_feeds(server: LocalServer, feeds: int, items: int, delay: float) -> list[str]:
    """``feeds`` feeds of ``items`` items each, every item with a page of its own."""
    urls = []
    for f in range(feeds):
        entries = ""
        for i in range(items):
            guid = f"f{f}-i{i}"
            title = f"Council news {f}.{i}"
            server.route(f"/a/{guid}", page(title, f"Item {f}.{i}. {OFF_TOPIC}"))
            entries += (
                f"<item><guid>{guid}</guid><link>{server.url('/a/' + guid)}</link>"
                f"<title>{title}</title></item>"
            )
        body = f"<rss version='2.0'><channel><title>feed {f}</title>{entries}</channel></rss>"
        server.route(
            f"/feed/{f}",
            Reply(200, body.encode(), {"Content-Type": "application/rss+xml"}, delay),
        )
        urls.append(server.url(f"/feed/{f}"))
    return urls


def test_three_workers_poll_fifty_feeds_and_one_killed_midway_changes_nothing(
    cluster: Cluster, server: LocalServer
) -> None:
    feeds, items = 50, 2
    urls = serve_feeds(server, feeds, items, delay=0.4)
    with cluster.monitor() as app:
        for url in urls:
            add_feed(app, url)
    for _ in range(3):
        cluster.start_worker("--concurrency", "2")
    wait_for(lambda: len(cluster.events("FeedPolled")) >= 10, 120, "the first polls", cluster)
    victim = cluster.workers[0]
    victim.kill()  # SIGKILL mid-run: no cleanup, jobs left "doing"
    victim.wait()
    total = feeds * items
    wait_for(
        lambda: (
            cluster.count("SELECT count(*) FROM events WHERE event_type = 'ArticleAssessed'")
            >= total
        ),
        240,
        "every article assessed",
        cluster,
    )
    cluster.stop()
    polled = Counter(e["feed_id"] for e in cluster.events("FeedPolled"))
    assert len(polled) == feeds and set(polled.values()) == {1}, "each feed polled once"
    discovered = Counter(e["item_id"] for e in cluster.events("ItemDiscovered"))
    assert len(discovered) == total and set(discovered.values()) == {1}
    extracted = Counter(e["item_id"] for e in cluster.events("ArticleExtracted"))
    assert len(extracted) == total and set(extracted.values()) == {1}
    assessed = Counter(e["item_id"] for e in cluster.events("ArticleAssessed"))
    assert len(assessed) == total and set(assessed.values()) == {1}
    # The work was spread: at least two workers polled.
    logs = [p.read_text() for p in sorted(cluster.logs.iterdir())]
    assert sum("new item(s)" in text for text in logs) >= 2
    with cluster.monitor() as app:
        live = read_models(app)
        app.rebuild()
        assert read_models(app) == live


def test_items_past_a_feeds_page_cap_are_extracted_one_job_each(
    cluster: Cluster, server: LocalServer
) -> None:
    (url,) = serve_feeds(server, 1, 6, delay=0.0)
    cluster.env["MONITOR_EXTRACTION__MAX_PAGES_PER_FEED"] = "2"
    with cluster.monitor() as app:
        add_feed(app, url)
    cluster.start_worker("--concurrency", "2")
    cluster.start_worker("--concurrency", "2")
    wait_for(
        lambda: (
            cluster.count("SELECT count(*) FROM events WHERE event_type = 'ArticleExtracted'") >= 6
        ),
        120,
        "every item extracted",
        cluster,
    )
    cluster.stop()
    extracted = Counter(e["item_id"] for e in cluster.events("ArticleExtracted"))
    assert len(extracted) == 6 and set(extracted.values()) == {1}
    assert len(cluster.events("FeedPolled")) == 1
    # Four of the six waited past the cap, and only `extract_item` jobs extract those.
    assert cluster.log_text().count("new item(s) left for later passes") == 1


def test_two_workers_assessing_a_burst_of_one_story_flag_it_once(
    cluster: Cluster, server: LocalServer
) -> None:
    """First-story detection is order-dependent: two workers judging copies of one new
    development at the same time must not both flag it."""
    copies = 12
    for n in range(copies):
        server.route(f"/a/{n}", page(f"Code of practice signed ({n})", NEW))
        body = (
            "<rss version='2.0'><channel><title>t</title>"
            f"<item><guid>c{n}</guid><link>{server.url(f'/a/{n}')}</link>"
            f"<title>Code of practice signed ({n})</title></item></channel></rss>"
        )
        server.route(f"/copy/{n}", Reply(200, body.encode(), {"Content-Type": "text/xml"}))
    env = {**cluster.env, "MONITOR_ASSESSMENT__ENABLED": "false"}
    with Monitor(load_settings(environ=env)) as app:
        ids = [add_feed(app, server.url(f"/copy/{n}")).feed_id for n in range(copies)]
        poller = Poller(app)
        try:
            poller.run(ids)  # discovered and extracted, none judged yet
        finally:
            poller.close()
    assert cluster.count("SELECT count(*) FROM events WHERE event_type = 'ArticleAssessed'") == 0
    # Two assessment jobs at once, each on a worker of its own.
    for _ in range(2):
        cluster.start_worker("--queue", "assess", "--concurrency", "1")
    with cluster.monitor() as app:
        ensure_queue_schema(app)
        with queue.replace_connector(connector_for(app)), queue.open():
            assess_pending.defer()
            assess_pending.defer()
    wait_for(
        lambda: (
            cluster.count("SELECT count(*) FROM events WHERE event_type = 'ArticleAssessed'")
            >= copies
        ),
        180,
        "every copy assessed",
        cluster,
    )
    cluster.stop()
    verdicts = Counter(e["verdict"] for e in cluster.events("ArticleAssessed"))
    assert verdicts["update"] == 1, verdicts
    assert len(cluster.events("UpdateFlagged")) == 1
    assessed = Counter(e["item_id"] for e in cluster.events("ArticleAssessed"))
    assert set(assessed.values()) == {1}


def test_status_shows_the_workers_and_the_queue_and_sigterm_stops_a_worker(
    cluster: Cluster,
) -> None:
    worker = cluster.start_worker("--concurrency", "1", "--name", "w-status")
    wait_for(
        lambda: "workers        1 alive" in cluster.cli("status").stdout,
        60,
        "a live worker",
        cluster,
    )
    status = json.loads(cluster.cli("status", "--json").stdout)
    assert len(status["cluster"]["workers"]) == 1
    assert status["cluster"]["workers"][0]["stale"] is False
    health = cluster.cli("health", "--json")
    assert health.returncode == 0, health.stdout + health.stderr
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=60) == 0
    assert "w-status stopped" in cluster.log_text()
    wrong = cluster.cli("worker", "--queues", "poll,nope")
    assert wrong.returncode == 2 and "no queue named nope" in wrong.stderr


def test_a_worker_on_sqlite_says_what_it_needs(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init")[0] == 0
    code, _, err = run(capsys, "worker")
    assert code == 1 and "workers share a PostgreSQL store: set store.url" in err


def test_the_command_line_knows_the_queues_the_workers_serve() -> None:
    # The CLI lists them itself, so that `monitor worker --help` loads no job queue.
    assert _QUEUE_NAMES == QUEUES
