"""The pages a pass left pending are fetched per host: a busy host does not hold the others.

Two feeds, one page each fetched by the poll (``max_pages_per_feed`` 1) and the
rest left pending, on two hosts ("127.0.0.1" and "localhost": one server to the
network, two hosts to the politeness gate) spaced 1 s apart. Fetched one after
another, the free host's page would wait for every turn of the busy one.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from urllib.parse import urlsplit

from monitor.ingest.feed_admin import add_feed, find_feed
from monitor.ingest.poll import Poller
from tests.monitor.helpers import open_monitor
from tests.monitor.ingest.test_poll_assess import NEW, rss
from tests.support.server import LocalServer, Reply, Route, SeenRequest

DELAY = 1.0


def test_a_free_hosts_pending_page_does_not_wait_for_a_busy_hosts_turns(
    tmp_path: Path, server: LocalServer
) -> None:
    asked: dict[str, float] = {}
    page = Reply(200, f"<html><body><article><p>{NEW}</p></article></body></html>".encode(), {})

    def timed(path: str) -> Route:
        def answer(_request: SeenRequest) -> Reply:
            asked[path] = time.monotonic()
            return page

        return answer

    port = urlsplit(server.url("/")).port
    bases = {"busy": f"http://127.0.0.1:{port}", "free": f"http://localhost:{port}"}
    pages = {"busy": 4, "free": 2}
    for name, count in pages.items():
        entries = []
        for n in range(count):
            path = f"/{name}/page/{n}"
            server.route(path, timed(path))
            entries.append((f"{name}{n}", f"{name} {n}", NEW, bases[name] + path))
        body = rss([e[:3] for e in entries], links={e[0]: e[3] for e in entries})
        server.route(f"/{name}", Reply(200, body, {}))
    with open_monitor(
        tmp_path,
        fetch__per_host_delay=str(DELAY),
        extraction__max_pages_per_feed="1",
        assessment__enabled="false",
    ) as app:
        feeds = {name: add_feed(app, bases[name] + f"/{name}") for name in pages}
        poller = Poller(app)
        try:
            for name in ("busy", "free"):
                poller.poll_one(find_feed(app, feeds[name].feed_id))
            assert len(asked) == 2
            poller.process_pending()
        finally:
            poller.close()
        assert app.store.count(["ArticleExtracted"]) == sum(pages.values())
    busy = sorted(t for path, t in asked.items() if path.startswith("/busy"))
    free_pending = max(t for path, t in asked.items() if path.startswith("/free"))
    # Before, the pending pass fetched the busy host's three pages (1 s apart) first.
    assert free_pending < busy[-1], (free_pending - busy[0], busy[-1] - busy[0])
    # The busy host still gets its spacing (a little less as the server sees it).
    assert all(b - a > DELAY * 0.8 for a, b in itertools.pairwise(busy)), busy
