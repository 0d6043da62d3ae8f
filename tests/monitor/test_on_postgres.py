"""The same monitor on PostgreSQL: one pipeline, the same verdicts and read models as on SQLite.

Every test here runs against a real server (``scripts/start-postgres``), each in
a schema of its own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from monitor.app import Monitor
from monitor.ingest.feed_admin import add_feed
from monitor.ingest.poll import Poller
from monitor.projections import all_projections
from tests.monitor.cli.test_cli import run
from tests.monitor.helpers import open_monitor, verdicts_by_title
from tests.monitor.ingest.test_poll_assess import DUTCH_SAME, NEW, OFF_TOPIC
from tests.monitor.web.support import WebServer
from tests.support.postgres import fresh_schema, postgres_url
from tests.support.server import LocalServer, Reply

PAGE = "<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p>"
PAGE_END = "</article></body></html>"


def page(title: str, text: str) -> Reply:
    body = PAGE.format(title=title, text=text) + PAGE_END
    return Reply(200, body.encode(), {"Content-Type": "text/html; charset=utf-8"})


def serve_news(server: LocalServer) -> tuple[str, str]:
    """A wire feed and a paper that reprints it, with pages behind every item."""

    def item(guid: str, title: str, text: str) -> str:
        server.route(f"/a/{guid}", page(title, text))
        return (
            f"<item><guid>{guid}</guid><link>{server.url('/a/' + guid)}</link>"
            f"<title>{title}</title><description>{text[:80]}</description></item>"
        )

    wire = item("w1", "AI code signed", NEW) + item("w2", "Bikes", OFF_TOPIC)
    paper = item("p1", "Code signed (wire)", NEW) + item("p2", "Praktijkcode getekend", DUTCH_SAME)
    for path, items in (("/wire", wire), ("/paper", paper)):
        feed = f"<rss version='2.0'><channel><title>{path}</title>{items}</channel></rss>"
        server.route(path, Reply(200, feed.encode(), {"Content-Type": "application/rss+xml"}))
    return server.url("/wire"), server.url("/paper")


def on_store(kind: str, tmp_path: Path, **overrides: Any) -> Monitor:
    if kind == "postgresql":
        overrides |= {"store__url": postgres_url(), "store__schema": fresh_schema("monitor")}
    return open_monitor(tmp_path, assessment__baseline="false", **overrides)


def read_models(app: Monitor) -> dict[str, list[tuple[Any, ...]]]:
    """Every read-model table's rows, without what holds times, positions or durations."""
    tables = {
        "feeds": "feed_id, url, status, last_outcome, consecutive_failures, items_total",
        "items": "item_id, feed_id, key, title, language, extraction, method, chars",
        "articles": "item_id, title, language, method, text, content_hash",
        "assessments": "item_id, verdict, language, relevant, nearest_document_id, duplicate_of",
        "updates": "item_id, feed_id, title, language, follows_document_id, new_story, parts",
        "metrics": "name, labels, value FROM metrics WHERE name NOT LIKE '%duration%'",
        "corpus_documents": "document_id, origin, title, language, content_hash",
    }
    return {
        table: sorted(
            tuple(row.values())
            for row in app.query(
                f"SELECT {columns}" + ("" if " FROM " in columns else f" FROM {table}")
            )
        )
        for table, columns in tables.items()
    }


def pipeline(app: Monitor, server: LocalServer) -> dict[str, Any]:
    app.init()
    wire_url, paper_url = serve_news(server)
    wire, paper = add_feed(app, wire_url), add_feed(app, paper_url)
    poller = Poller(app)
    try:
        poller.run([wire.feed_id])
        poller.run([paper.feed_id])
    finally:
        poller.close()
    verdicts = verdicts_by_title(app)
    return {"verdicts": verdicts, "read_models": read_models(app)}


def test_the_pipeline_gives_the_same_verdicts_and_read_models_on_both_databases(
    server: LocalServer, tmp_path: Path
) -> None:
    postgres_url()
    outcome: dict[str, dict[str, Any]] = {}
    for kind in ("sqlite", "postgresql"):
        with on_store(kind, tmp_path / kind) as app:
            outcome[kind] = pipeline(app, server)
    assert outcome["postgresql"]["verdicts"] == {
        "AI code signed": "update",
        "Bikes": "irrelevant",
        "Code signed (wire)": "duplicate",
        "Praktijkcode getekend": "known",  # the Dutch report of the same development
    }
    assert outcome["postgresql"] == outcome["sqlite"]


def test_a_rebuild_on_postgresql_reproduces_every_read_model(
    server: LocalServer, tmp_path: Path
) -> None:
    with on_store("postgresql", tmp_path) as app:
        live = pipeline(app, server)["read_models"]
        handled = app.rebuild()
        assert set(handled) == {p.name for p in all_projections()}
        assert read_models(app) == live
        assert all(cp.position == app.store.last_position() for cp in app.runner.checkpoints())


def test_the_commands_work_unchanged_on_postgresql(
    server: LocalServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    schema = fresh_schema("cli")
    for name, value in {
        "MONITOR_STORE__URL": postgres_url(),
        "MONITOR_STORE__SCHEMA": schema,
        "MONITOR_FETCH__ALLOW_PRIVATE_NETWORKS": "true",
        "MONITOR_FETCH__PER_HOST_DELAY": "0",
        "MONITOR_ASSESSMENT__BASELINE": "false",
        "MONITOR_DIGEST__OUTPUT_DIR": str(tmp_path / "digests"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }.items():
        monkeypatch.setenv(name, value)
    code, _, err = run(capsys, "status")
    assert code == 1 and "no monitor store at postgresql://monitor:***@" in err and schema in err
    code, out, _ = run(capsys, "init", "--json")
    assert code == 0 and json.loads(out)["seeds_added"] == 3
    wire_url, paper_url = serve_news(server)
    code, out, _ = run(capsys, "feeds", "add", wire_url, "--json")
    wire_id = json.loads(out)["feed_id"]
    code, out, _ = run(capsys, "feeds", "add", paper_url, "--tag", "press", "--json")
    paper_id = json.loads(out)["feed_id"]
    # The wire first, then the paper that reprints it: the order the verdicts depend on.
    code, out, _ = run(capsys, "poll", "--feed", wire_id, "--json")
    assert code == 0 and json.loads(out)["verdicts"] == {"update": 1, "irrelevant": 1}
    code, out, _ = run(capsys, "poll", "--feed", paper_id, "--json")
    assert code == 0 and json.loads(out)["verdicts"] == {"duplicate": 1, "known": 1}
    code, out, _ = run(capsys, "status", "--json")
    status = json.loads(out)
    assert status["store_kind"] == "postgresql" and "***" in status["store"]
    assert status["store_bytes"] > 0
    assert all(p["behind"] == 0 for p in status["projections"])
    code, out, _ = run(capsys, "updates", "--json")
    flagged = [u["title"] for u in json.loads(out)]
    assert flagged == ["AI code signed"]
    # The part filter walks a JSON array: PostgreSQL spells that differently.
    code, out, _ = run(capsys, "updates", "--json", "--part", "gpai")
    assert code == 0 and [u["title"] for u in json.loads(out)] == flagged
    code, out, _ = run(capsys, "updates", "--json", "--part", "prohibited")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "digest", "--period", "week", "--publish", "--format", "json")
    assert code == 0
    code, out, _ = run(capsys, "digest", "list", "--json")
    assert code == 0 and len(json.loads(out)) == 1
    code, out, _ = run(capsys, "events", "--type", "UpdateFlagged", "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["payload"]["title"] == flagged[0]
    code, out, _ = run(capsys, "feeds", "list", "--json")
    listed = {f["url"]: f for f in json.loads(out)}
    assert code == 0 and {wire_url, paper_url} <= set(listed)
    assert listed[paper_url]["tags"] == ["press"]
    before = json.loads(run(capsys, "status", "--json")[1])
    code, out, _ = run(capsys, "rebuild", "--json")
    assert code == 0 and json.loads(out)["assessments"] >= 4
    after = json.loads(run(capsys, "status", "--json")[1])
    assert after["events"] == before["events"] and after["projections"] != []
    assert all(p["behind"] == 0 for p in after["projections"])
    code, _, err = run(capsys, "doctor")
    assert code == 1 and "use amcheck" in err
    code, _, err = run(capsys, "backup", str(tmp_path / "copy.db"))
    assert code == 1 and "use pg_dump" in err


def test_a_wrong_or_unreachable_store_url_is_one_line_naming_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MONITOR_STORE__URL", "postgresql://monitor:secret@127.0.0.1:1/none")
    monkeypatch.setenv("MONITOR_STORE__CONNECT_TIMEOUT", "2")
    code, _, err = run(capsys, "status")
    assert code == 1
    assert err.startswith(
        "error: store.url: cannot connect to PostgreSQL at postgresql://monitor:***@"
    )
    assert "secret" not in err and len(err.strip().splitlines()) == 1
    monkeypatch.setenv("MONITOR_STORE__URL", "mysql://monitor:secret@db/monitor")
    code, _, err = run(capsys, "status")
    assert code == 2 and "store.url:" in err and "MONITOR_STORE__URL" in err
    assert "secret" not in err


def test_the_web_app_and_api_serve_a_postgresql_store(server: LocalServer, tmp_path: Path) -> None:
    with on_store("postgresql", tmp_path) as app:
        pipeline(app, server)
        settings = app.settings
    with WebServer(settings) as web:
        client = web.client()
        updates = client.get("/api/v1/updates").json()["items"]
        assert "AI code signed" in [u["title"] for u in updates]
        found = client.get("/api/v1/updates?q=ai+CODE").json()["items"]  # any case, as on SQLite
        assert "AI code signed" in [u["title"] for u in found]
        assert client.get("/api/v1/updates?part=gpai").json()["items"] != []
        articles = client.get("/api/v1/articles").json()["items"]
        assert {a["verdict"] for a in articles} >= {"update", "duplicate", "irrelevant"}
        article = client.get(f"/api/v1/articles/{updates[0]['item_id']}").json()
        assert article["assessment"]["reasons"]
        for path in ("/updates", "/articles", "/feeds", "/status", "/healthz", "/metrics"):
            reply = client.get(path)
            assert reply.status in (200, 503), path  # /healthz: no daemon beats here
        assert "monitor_updates 1" in client.get("/metrics").text


def test_events_follow_prints_new_events_as_they_commit(tmp_path: Path) -> None:
    with on_store("postgresql", tmp_path) as app:
        app.init()
        last = app.store.last_position()
        env = {
            **os.environ,
            "MONITOR_STORE__URL": app.settings.store.url,
            "MONITOR_STORE__SCHEMA": app.settings.store.schema_name,
        }
        follow = ["events", "--since", str(last), "--json", "--follow", "--interval", "0.1"]
        follower = subprocess.Popen(
            [sys.executable, "-m", "monitor", *follow],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert follower.stdout is not None
            for n in range(3):
                add_feed(app, f"https://example.org/feed/{n}.xml")
            lines = [json.loads(follower.stdout.readline()) for _ in range(3)]
        finally:
            follower.send_signal(signal.SIGINT)
            follower.wait(timeout=30)
    assert [e["type"] for e in lines] == ["FeedAdded"] * 3
    assert [e["position"] for e in lines] == [last + 1, last + 2, last + 3]


def test_copy_moves_a_sqlite_log_to_postgresql_and_back_unchanged(
    server: LocalServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with on_store("sqlite", tmp_path / "sqlite") as app:
        pipeline(app, server)
        source = app.settings.store_path()
        before = read_models(app)
    monkeypatch.setenv("MONITOR_DB", str(source))
    schema = fresh_schema("copy")
    code, out, _ = run(capsys, "copy", postgres_url(), "--schema", schema, "--json")
    copied = json.loads(out)
    assert code == 0 and copied["events"] > 0 and copied["read_models"]["items"] == 8
    on_pg = {"store__url": postgres_url(), "store__schema": schema}
    with open_monitor(tmp_path / "pg", **on_pg) as app:
        assert read_models(app) == before
        events = [e.to_dict() for e in app.store.read_all()]
    back = tmp_path / "back" / "monitor.db"
    monkeypatch.setenv("MONITOR_STORE__URL", postgres_url())
    monkeypatch.setenv("MONITOR_STORE__SCHEMA", schema)
    code, out, _ = run(capsys, "copy", str(back))
    assert code == 0 and f"copied {len(events)} events" in out
    monkeypatch.delenv("MONITOR_STORE__URL")
    with open_monitor(back.parent) as app:
        assert [e.to_dict() for e in app.store.read_all()] == events
        assert read_models(app) == before
    code, _, err = run(capsys, "copy", str(back))
    assert code == 1 and "holds" in err and "copy into an empty store" in err
