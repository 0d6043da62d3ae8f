"""The corpus by hand, rescoring with the current corpus, and check --store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.monitor.cli.test_cli import run
from tests.monitor.ingest.test_poll_assess import DUTCH_SAME, NEW, rss
from tests.support.server import LocalServer, Reply

# NEW in Dutch, every sentence of it.
DUTCH_FULL = (
    "De meeste grote aanbieders van AI-modellen hebben de Europese praktijkcode voor AI voor "
    "algemene doeleinden ondertekend, zei de Europese Commissie vrijdag. OpenAI, Anthropic, "
    "Google en Mistral ondertekenden de vrijwillige code, die aanbieders helpt aan te tonen dat "
    "ze voldoen aan de verplichtingen van de AI-verordening die vanaf 2 augustus 2025 gelden. "
    "Meta weigerde te tekenen en zei dat de code juridische onzekerheid schept. Het AI-bureau "
    "zal toezien op de naleving en kan aanbieders vanaf augustus 2026 boetes opleggen tot 3% "
    "van de wereldwijde omzet."
)


@pytest.fixture
def store(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "monitor.toml"
    config.write_text(
        "feeds = []\n[fetch]\nallow_private_networks = true\nper_host_delay = 0\n"
        "[extraction]\nfetch_pages = false\n"
        # Judgement, not the first day: the first poll's items are news here.
        "[assessment]\nbaseline = false\n"
    )
    monkeypatch.setenv("MONITOR_CONFIG", str(config))
    return db_path


def test_corpus_add_list_remove(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init")[0] == 0
    statement = tmp_path / "statement.txt"
    statement.write_text(DUTCH_SAME)
    code, out, _ = run(capsys, "corpus", "add", str(statement), "--date", "2025-07-10", "--json")
    added = json.loads(out)
    assert code == 0 and added["added"] and added["language"] == "nl"
    code, out, _ = run(capsys, "corpus", "add", str(statement))
    assert code == 0 and out.startswith("not added: already there")
    code, out, _ = run(capsys, "corpus", "list", "--json")
    rows = json.loads(out)
    assert [r["origin"] for r in rows] == ["seed", "seed", "seed", "manual"]
    assert rows[-1]["published"] == "2025-07-10" and rows[-1]["language"] == "nl"
    code, out, _ = run(capsys, "corpus", "remove", added["document_id"], "--reason", "test")
    assert code == 0 and "removed" in out
    code, _, err = run(capsys, "corpus", "remove", added["document_id"])
    assert code == 1 and "already removed" in err
    code, _, err = run(capsys, "corpus", "remove", "nope")
    assert code == 1 and "no corpus document 'nope'" in err
    _, out, _ = run(capsys, "corpus", "list", "--json")
    assert len(json.loads(out)) == 3
    _, out, _ = run(capsys, "corpus", "list", "--all")
    assert "(removed)" in out and "4 document(s)" in out
    code, _, err = run(capsys, "corpus", "add", str(statement), "--date", "July")
    assert code == 2 and "'July' is not a date" in err


def test_rescore_follows_the_corpus_and_records_only_what_changed(
    store: Path, server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init")[0] == 0
    server.route("/wire", Reply(200, rss([("w1", "AI code signed", NEW)])))
    assert run(capsys, "feeds", "add", server.url("/wire"))[0] == 0
    _, out, _ = run(capsys, "poll", "--json")
    assert json.loads(out)["verdicts"] == {"update": 1}

    # Nothing changed: a rescore records nothing.
    code, out, _ = run(capsys, "rescore", "--json")
    assert code == 0 and json.loads(out) == {
        "rescored": 1,
        "unchanged": 1,
        "changes": [],
        "dry_run": False,
        "corrected": 0,
    }
    # The corpus learns the story from elsewhere: the article is no longer new.
    statement = tmp_path / "statement.txt"
    statement.write_text(DUTCH_FULL)
    _, out, _ = run(capsys, "corpus", "add", str(statement), "--json")
    manual = json.loads(out)["document_id"]
    _, out, _ = run(capsys, "rescore", "--dry-run", "--json")
    (change,) = json.loads(out)["changes"]
    assert change["old_verdict"] == "update" and change["new_verdict"] == "known"
    assert change["new_nearest"] == manual
    _, out, _ = run(capsys, "updates", "--json")
    assert len(json.loads(out)) == 1  # a dry run records nothing
    code, out, _ = run(capsys, "rescore")
    assert code == 0 and "update -> known  AI code signed" in out
    _, out, _ = run(capsys, "updates", "--json")
    assert json.loads(out) == []
    _, out, _ = run(capsys, "corpus", "list", "--json")
    assert "flagged" not in {r["origin"] for r in json.loads(out)}
    _, out, _ = run(capsys, "events", "--json", "--type", "UpdateWithdrawn")
    (withdrawn,) = [json.loads(line) for line in out.splitlines()]
    assert withdrawn["payload"]["verdict"] == "known"

    # And back: without that document the article is the first report again.
    assert run(capsys, "corpus", "remove", manual)[0] == 0
    _, out, _ = run(capsys, "rescore", "--json")
    (change,) = json.loads(out)["changes"]
    assert (change["old_verdict"], change["new_verdict"]) == ("known", "update")
    _, out, _ = run(capsys, "updates", "--json")
    assert [u["title"] for u in json.loads(out)] == ["AI code signed"]
    _, out, _ = run(capsys, "corpus", "list", "--json")
    assert [r["origin"] for r in json.loads(out)][-1] == "flagged"
    # Replaying the log gives the same read models.
    _, before, _ = run(capsys, "updates", "--json")
    assert run(capsys, "rebuild")[0] == 0
    _, after, _ = run(capsys, "updates", "--json")
    assert json.loads(after) == json.loads(before)


def test_check_store_records_the_article_and_flags_it(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init")[0] == 0
    article = tmp_path / "news.txt"
    article.write_text(NEW)
    code, out, _ = run(capsys, "check", str(article), "--store", "--json")
    result = json.loads(out)
    assert code == 0 and result["verdict"] == "update"
    assert result["item_id"].startswith("manual-")
    _, out, _ = run(capsys, "updates", "--json")
    assert [u["item_id"] for u in json.loads(out)] == [result["item_id"]]
    # The same text again is the same item, already assessed.
    code, out, _ = run(capsys, "check", str(article), "--store")
    assert code == 0 and f"recorded as item {result['item_id']}: update" in out
    _, out, _ = run(capsys, "events", "--json", "--type", "ArticleAssessed")
    assert len(out.splitlines()) == 1


@pytest.mark.parametrize(
    "command",
    [["rescore"], ["corpus"], ["corpus", "list"], ["corpus", "add"], ["corpus", "remove"]],
    ids=" ".join,
)
def test_corpus_commands_have_help_with_an_example(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0 and "Example" in out


@pytest.mark.parametrize("host", ["[2002:7f00:1::]", "[64:ff9b::7f00:1]", "[::127.0.0.1]"])
def test_check_and_corpus_add_refuse_ipv6_forms_of_loopback(
    db_path: Path,
    tmp_path: Path,
    server: LocalServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    host: str,
) -> None:
    config = tmp_path / "guarded.toml"
    config.write_text("feeds = []\n[fetch]\nper_host_delay = 0\n")
    monkeypatch.setenv("MONITOR_CONFIG", str(config))
    server.route("/article", Reply(200, b"<html><body><p>secret</p></body></html>"))
    url = f"http://{host}:{server.port}/article"
    assert run(capsys, "init")[0] == 0
    for command in (["check", url], ["corpus", "add", url]):
        code, _, err = run(capsys, *command)
        assert code != 0 and "blocked_address" in err, (command, err)
    assert server.requests_to("/article") == []
