"""Every file in tests/data/feeds is served by a real local server and polled for real.

The expectations live in each file's header comment (see tests/data/feeds/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from monitor.app import Monitor
from monitor.ingest.feed_admin import add_feed
from monitor.ingest.poll import Poller
from tests.monitor.helpers import events_of, open_monitor
from tests.support.paths import CASES as TEST_CASES
from tests.support.server import LocalServer, Reply, SeenRequest

CASES = TEST_CASES / "feeds"
SPLIT = b"<!-- NEXT POLL -->"


@dataclass
class FeedCase:
    path: Path
    documents: list[bytes]
    headers: dict[str, str]
    expectations: list[dict[str, str]] = field(default_factory=list)


def load_case(path: Path) -> FeedCase:
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        searchable = raw.decode("utf-16").encode("utf-8")
        encoding = "utf-8"
    else:
        searchable = raw
        declared = re.search(rb'encoding="([A-Za-z0-9_-]+)"', raw[:200])
        encoding = declared.group(1).decode() if declared else "utf-8"
    header = re.search(rb"<!--(.*?)-->", searchable, re.S)
    assert header, f"{path.name} has no header comment"
    text = header.group(1).decode(encoding, "replace")
    headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
    expect = ""
    for line in text.splitlines():
        key, _, value = line.strip().partition(": ")
        if key == "Header":
            name, _, header_value = value.partition(": ")
            headers[name] = header_value
        elif key == "Expect":
            expect = value
    assert expect, f"{path.name} has no Expect line"
    groups = [dict(pair.split("=", 1) for pair in group.split()) for group in expect.split("|")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        documents = [raw]  # a UTF-16 file cannot be split on ASCII markers
    else:
        documents = [part.lstrip(b"\r\n") for part in raw.split(SPLIT)]
    return FeedCase(path, documents, headers, groups)


def case_files() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.name != "README.md")


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.name)
def test_feed_case(path: Path, server: LocalServer, tmp_path: Path) -> None:
    case = load_case(path)
    served = {"n": 0}

    def answer(_request: SeenRequest) -> Reply:
        document = case.documents[min(served["n"], len(case.documents) - 1)]
        served["n"] += 1
        return Reply(200, document, dict(case.headers))

    server.route("/feed", answer)
    with open_monitor(tmp_path) as app:
        outcome = add_feed(app, server.url("/feed"), name=path.stem)
        for number, expected in enumerate(case.expectations, start=1):
            poller = Poller(app)
            try:
                summary = poller.run([outcome.feed_id])
            finally:
                poller.close()
            check(app, outcome.feed_id, number, expected, summary.new_items, path.name)


def check(
    app: Monitor, feed_id: str, number: int, expected: dict[str, str], new: int, name: str
) -> None:
    where = f"{name}, poll {number}"
    last = events_of(app, feed_id)[-1]
    for key, value in expected.items():
        if key == "outcome":
            if value.startswith("failed:"):
                assert last.event_type == "FeedPollFailed", where
                assert last.payload["reason"] == value.split(":", 1)[1], where
            else:
                assert last.event_type == "FeedPolled", f"{where}: {last.payload}"
                assert last.payload["outcome"] == value, where
        elif key == "entries":
            assert last.payload["entries"] == int(value), where
        elif key == "new":
            assert new == int(value), where
            if last.event_type == "FeedPolled":
                assert last.payload["new_items"] == int(value), where
        elif key == "warning":
            assert bool(last.payload["warning"]) is (value == "yes"), f"{where}: {last.payload}"
        elif key == "total":
            rows = app.query("SELECT COUNT(*) AS n FROM items WHERE feed_id = ?", (feed_id,))
            assert rows[0]["n"] == int(value), where
        elif key == "title":
            rows = app.query("SELECT title FROM items WHERE feed_id = ?", (feed_id,))
            assert value.replace("_", " ") in [r["title"] for r in rows], f"{where}: {rows}"
        else:
            raise AssertionError(f"{where}: unknown expectation {key}")
