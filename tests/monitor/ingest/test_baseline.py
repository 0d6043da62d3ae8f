"""The first day: a new feed's backlog is judged and learned, not flagged."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from monitor.digest.publish import Digests
from monitor.digest.render import render_markdown
from monitor.events import REGISTRY, ArticleAssessed, ItemDiscovered
from monitor.ingest.baseline import is_backlog
from monitor.ingest.feed_admin import add_feed
from monitor.ingest.poll import Poller
from tests.monitor.cli.test_cli import run
from tests.monitor.helpers import open_monitor, stored
from tests.monitor.ingest.test_poll_assess import NEW, OFF_TOPIC
from tests.support.server import LocalServer, Reply

NOW = datetime(2025, 8, 1, 12, 0, tzinfo=UTC)
DEAL = (
    "EU negotiators reached a provisional deal on the Artificial Intelligence Act on Friday "
    "night after 36 hours of talks in Brussels. The rules ban social scoring and limit the "
    "police's use of facial recognition in public places. Companies that break them face "
    "fines of up to 7 per cent of their global turnover."
)
OFFICE = (
    "The European Commission opened its AI Office in Brussels on Monday to enforce the AI "
    "Act's rules for general-purpose AI models. The office will employ 140 staff, among them "
    "technology specialists, lawyers and economists, and can request information from "
    "providers such as OpenAI and Mistral. Lucilla Sioli will lead it."
)


def rss(entries: list[tuple[str, str, str, datetime]]) -> bytes:
    items = "".join(
        f"<item><guid>{guid}</guid><title>{escape(title)}</title>"
        f"<pubDate>{format_datetime(when)}</pubDate>"
        f"<description>{escape(text)}</description></item>"
        for guid, title, text, when in entries
    )
    return f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode()


def _verdicts(app: object) -> dict[str, tuple[str, int]]:
    rows = app.query(  # type: ignore[attr-defined]
        "SELECT a.title, s.verdict, s.baseline FROM assessments s JOIN articles a USING (item_id)"
    )
    return {r["title"]: (r["verdict"], r["baseline"]) for r in rows}


def test_a_new_feeds_backlog_is_learned_not_flagged_and_later_news_is(
    server: LocalServer, tmp_path: Path
) -> None:
    clock = [NOW]
    day_old = NOW - timedelta(days=1)
    server.route(
        "/wire",
        Reply(
            200,
            rss(
                [
                    ("w1", "EU strikes deal on AI Act", DEAL, day_old),
                    ("w2", "Bikes", OFF_TOPIC, day_old),
                ]
            ),
        ),
    )
    with open_monitor(tmp_path, extraction__fetch_pages="false") as app:
        feed = add_feed(app, server.url("/wire"))
        poller = Poller(app, now=lambda: clock[0])
        try:
            first = poller.run([feed.feed_id])
            # The next day the feed carries a genuinely new story and a re-run of the deal.
            clock[0] = NOW + timedelta(days=1)
            server.route(
                "/wire",
                Reply(
                    200,
                    rss(
                        [
                            ("w3", "EU opens its AI Office", OFFICE, clock[0]),
                            ("w1", "EU strikes deal on AI Act", DEAL, day_old),
                            ("w2", "Bikes", OFF_TOPIC, day_old),
                        ]
                    ),
                ),
            )
            second = poller.run([feed.feed_id], all_feeds=True)
        finally:
            poller.close()
        verdicts = _verdicts(app)
        updates = [r["title"] for r in app.query("SELECT title FROM updates")]
        origins = {
            r["origin"]
            for r in app.query("SELECT origin FROM corpus_documents WHERE origin != 'seed'")
        }
        digests = Digests(app, now=lambda: clock[0])
        digest = digests.collect(digests.window())
    assert first.flagged == [] and first.baseline == 1
    assert verdicts["EU strikes deal on AI Act"] == ("update", 1)
    assert verdicts["Bikes"] == ("irrelevant", 0)
    assert second.baseline == 0 and [f["title"] for f in second.flagged] == [
        "EU opens its AI Office"
    ]
    assert updates == ["EU opens its AI Office"]
    # The backlog's update joined the corpus as learned, beside the flagged one.
    assert origins == {"baseline", "flagged"}
    assert digest.health.backlog == 2 and digest.health.baseline == 1
    assert "Baseline: 2 item(s)" in render_markdown(digest)


@pytest.mark.parametrize(
    ("published", "first_fetch", "days", "backlog"),
    [
        ("2025-07-31T12:00:00Z", True, 7, True),  # in the first fetch: always
        ("", True, 7, True),
        ("2025-07-31T12:00:00Z", False, 7, False),  # a day old in a later fetch: news
        ("2025-07-01T12:00:00Z", False, 7, True),  # a month old when first seen
        ("2025-07-01T12:00:00Z", False, 0, False),  # the age test turned off
        ("", False, 7, False),  # undated in a later fetch: news
        ("not a date", False, 7, False),
    ],
)
def test_what_counts_as_backlog(
    published: str, first_fetch: bool, days: int, backlog: bool
) -> None:
    assert is_backlog(published, NOW, first_fetch=first_fetch, max_age_days=days) is backlog


def test_without_a_baseline_the_first_poll_flags(server: LocalServer, tmp_path: Path) -> None:
    server.route("/wire", Reply(200, rss([("w1", "AI code signed", NEW, NOW)])))
    with open_monitor(
        tmp_path, extraction__fetch_pages="false", assessment__baseline="false"
    ) as app:
        feed = add_feed(app, server.url("/wire"))
        poller = Poller(app, now=lambda: NOW)
        try:
            summary = poller.run([feed.feed_id])
        finally:
            poller.close()
    assert [f["title"] for f in summary.flagged] == ["AI code signed"]
    assert summary.baseline == 0


def test_version_1_events_read_as_news() -> None:
    discovered = REGISTRY.decode(
        stored(
            "ItemDiscovered",
            1,
            {
                "item_id": "x",
                "feed_id": "f",
                "key": "k",
                "keys": ["k"],
                "link": "",
                "guid": "",
                "title": "t",
            },
        )
    )
    assessed = REGISTRY.decode(
        stored(
            "ArticleAssessed",
            1,
            {
                "item_id": "x",
                "verdict": "update",
                "language": "en",
                "relevance": 0.9,
                "relevant": True,
                "reasons": [],
            },
        )
    )
    assert isinstance(discovered, ItemDiscovered) and discovered.backlog is False
    assert isinstance(assessed, ArticleAssessed) and assessed.baseline is False


def test_status_says_a_baseline_was_taken(
    server: LocalServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(
        f"feeds = []\n[store]\npath = '{tmp_path / 'm.db'}'\n"
        "[fetch]\nallow_private_networks = true\nper_host_delay = 0\n"
        "[extraction]\nfetch_pages = false\n"
    )
    monkeypatch.setenv("MONITOR_CONFIG", str(config))
    monkeypatch.delenv("MONITOR_DB", raising=False)
    server.route("/wire", Reply(200, rss([("w1", "EU strikes deal on AI Act", DEAL, NOW)])))
    assert run(capsys, "init")[0] == 0
    assert run(capsys, "feeds", "add", server.url("/wire"))[0] == 0
    code, out, _ = run(capsys, "poll", "--json")
    assert code == 0 and json.loads(out)["baseline"] == 1 and json.loads(out)["flagged"] == []
    code, out, _ = run(capsys, "status")
    assert code == 0 and "baseline" in out and "1 item(s) were in their feeds" in out
    code, out, _ = run(capsys, "status", "--json")
    assert json.loads(out)["counts"]["backlog"] == 1
