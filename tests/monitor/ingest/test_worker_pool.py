"""The worker pool: a discarded worker frees its place for whoever is waiting."""

from __future__ import annotations

import threading

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
