"""The feeds commands and `monitor poll` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.events import FeedAdded, feed_stream
from monitor.ingest.feed_admin import add_feed
from monitor.ingest.opml import parse_opml
from tests.monitor.cli.test_cli import run
from tests.monitor.helpers import open_monitor
from tests.monitor.ingest.test_decisions import FEED_SPELLINGS
from tests.support.server import LocalServer, Reply

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="EU policy">
    <outline text="Tech Policy Press" type="rss" xmlUrl="https://techpolicy.example/feed" />
    <outline text="KI-News" type="rss" xmlUrl="https://ki.example/rss" language="de"
             category="/ki,/recht"/>
  </outline>
  <outline text="Bad" type="rss" xmlUrl="file:///etc/passwd"/>
</body></opml>"""


@pytest.fixture
def initialised(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    run(capsys, "init")
    return db_path


def test_add_list_remove_a_feed(initialised: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "feeds",
        "add",
        "https://Example.org:443/feed.xml?utm_source=x",
        "--name",
        "Ex",
        "--interval",
        "2h",
        "--tag",
        "ai-act",
        "--tag",
        "nl",
        "--language",
        "nl",
        "--json",
    )
    added = json.loads(out)
    assert code == 0 and added["added"] is True
    assert added["url"] == "https://example.org/feed.xml"
    _, out, _ = run(capsys, "feeds", "add", "https://example.org/feed.xml", "--json")
    assert json.loads(out)["added"] is False and json.loads(out)["reason"] == "already monitored"
    _, out, _ = run(capsys, "feeds", "list", "--json")
    (row,) = [r for r in json.loads(out) if r["feed_id"] == added["feed_id"]]
    assert (row["name"], row["interval_seconds"], row["tags"], row["language"]) == (
        "Ex",
        7200.0,
        ["ai-act", "nl"],
        "nl",
    )
    code, out, _ = run(capsys, "feeds", "remove", added["feed_id"])
    assert code == 0 and "removed" in out
    _, out, _ = run(capsys, "feeds", "list", "--json")
    assert added["feed_id"] not in {r["feed_id"] for r in json.loads(out)}
    code, _, err = run(capsys, "feeds", "remove", added["feed_id"])
    assert code == 1 and "already removed" in err
    kinds = [
        json.loads(line)["type"]
        for line in run(capsys, "events", "--stream", f"feed-{added['feed_id']}", "--json")[
            1
        ].splitlines()
    ]
    assert kinds == ["FeedAdded", "FeedRemoved"]


def test_bad_input_to_feeds_add_is_one_clear_line(
    initialised: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "feeds", "add", "ftp://example.org/feed")
    assert code == 1 and err.strip() == "error: not an http(s) feed URL: 'ftp://example.org/feed'"
    code, _, err = run(capsys, "feeds", "add", "https://example.org/f", "--interval", "often")
    assert code == 2 and "--interval" in err
    code, _, err = run(capsys, "feeds", "add", "https://example.org/f", "--interval", "5s")
    assert code == 1 and "shorter than polling.min_interval (60 s)" in err


def test_opml_import_and_export_round_trip(
    initialised: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.opml"
    source.write_bytes(OPML)
    code, out, _ = run(capsys, "feeds", "import", str(source), "--json")
    outcomes = json.loads(out)
    assert code == 0
    assert [o["added"] for o in outcomes] == [True, True, False]
    assert "not an http(s) feed URL" in outcomes[2]["reason"]
    exported = tmp_path / "out.opml"
    run(capsys, "feeds", "export", "--output", str(exported))
    feeds = {f.url: f for f in parse_opml(exported.read_bytes())}
    assert feeds["https://ki.example/rss"].tags == ["EU policy", "ki", "recht"]
    assert feeds["https://ki.example/rss"].language == "de"
    assert "https://techpolicy.example/feed" in feeds
    code, _, err = run(capsys, "feeds", "import", str(tmp_path / "in.opml"))
    assert code == 0
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline")
    code, _, err = run(capsys, "feeds", "import", str(broken))
    assert code == 1 and "not well-formed" in err


def test_poll_json_summary_and_exit_code_zero_when_feeds_fail(
    db_path: Path,
    server: LocalServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text("feeds = []\n[fetch]\nallow_private_networks = true\nper_host_delay = 0\n")
    monkeypatch.setenv("MONITOR_CONFIG", str(config))
    code, out, err = run(capsys, "init")
    assert code == 0 and str(db_path) in out, out + err
    server.route(
        "/ok",
        Reply(
            200,
            b"<rss version='2.0'><channel><title>x</title><item>"
            b"<guid>g1</guid><title>T</title><description>AI Act text"
            b"</description></item></channel></rss>",
            {"Content-Type": "application/xml"},
        ),
    )
    server.route("/broken", Reply(500))
    code, _, err = run(capsys, "feeds", "add", server.url("/ok"))
    assert code == 0, err
    code, _, err = run(capsys, "feeds", "add", server.url("/broken"))
    assert code == 0, err
    code, out, err = run(capsys, "poll", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert code == 0
    assert (summary["feeds"], summary["fetched"], summary["failed"], summary["new_items"]) == (
        2,
        1,
        1,
        1,
    )
    assert summary["failures"][0]["reason"] == "http_status"
    # status shows each feed: last poll, result, next poll, failures and the backoff.
    code, out, _ = run(capsys, "status", "--json")
    feeds = {f["url"]: f for f in json.loads(out)["feeds"]}
    broken, ok = feeds[server.url("/broken")], feeds[server.url("/ok")]
    assert (broken["last_outcome"], broken["consecutive_failures"]) == ("failed", 1)
    assert broken["last_error_reason"] == "http_status"
    assert 300 <= broken["backoff_seconds"] <= 330  # backoff_base 5m, jitter up to 10%
    assert (ok["last_outcome"], ok["backoff_seconds"], ok["items_total"]) == ("fetched", None, 1)
    code, out, _ = run(capsys, "poll")
    assert code == 0 and "no feed is due; the next is due at" in out, out
    assert "monitor poll --all" in out
    code, out, _ = run(capsys, "poll", "--all")
    assert "feeds polled 2" in out


@pytest.mark.parametrize(
    "command",
    [
        ["feeds"],
        ["feeds", "add"],
        ["feeds", "list"],
        ["feeds", "remove"],
        ["feeds", "enable"],
        ["feeds", "import"],
        ["feeds", "export"],
        ["poll"],
    ],
    ids=" ".join,
)
def test_feed_commands_have_help_with_an_example(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0 and "Example" in out and "monitor " in out


def test_a_feed_added_under_fourteen_spellings_is_one_feed(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init")[0] == 0
    for url in FEED_SPELLINGS:
        code, _, err = run(capsys, "feeds", "add", url.strip())
        assert code == 0, err
    _, out, _ = run(capsys, "feeds", "list", "--json")
    added = [f for f in json.loads(out) if "news.example" in f["url"]]
    assert len(added) == 1


def test_a_feed_known_under_an_id_of_the_earlier_spelling_is_not_added_twice(
    tmp_path: Path,
) -> None:
    # Before trailing slashes were normalised, this URL had an id of its own.
    with open_monitor(tmp_path) as app:
        url = "https://news.example/feed/"
        app.record([(feed_stream("old-id"), [FeedAdded("old-id", url, "Old spelling")])])
        outcome = add_feed(app, "https://news.example/feed")
        assert (outcome.added, outcome.feed_id) == (False, "old-id")
