"""From feeds to flagged updates in one pass, against a real local server."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from monitor.ingest.feed_admin import add_feed
from monitor.ingest.poll import Poller
from tests.monitor.cli.test_cli import run
from tests.monitor.helpers import open_monitor, verdicts_by_title
from tests.support.server import LocalServer, Reply

NEW = (
    "Most large AI model providers have signed the EU's general-purpose AI code of practice, "
    "the European Commission said on Friday. OpenAI, Anthropic, Google and Mistral signed the "
    "voluntary code, which helps providers show compliance with the AI Act's obligations that "
    "apply from 2 August 2025. Meta declined to sign, saying the code creates legal "
    "uncertainty. The AI Office will supervise compliance and can fine providers up to 3% of "
    "global turnover from August 2026."
)
DUTCH_SAME = (
    "De meeste grote aanbieders van AI-modellen hebben de Europese praktijkcode voor AI voor "
    "algemene doeleinden ondertekend, meldde de Europese Commissie vrijdag. OpenAI, Anthropic, "
    "Google en Mistral ondertekenden de vrijwillige code, die aanbieders helpt aan te tonen dat "
    "ze voldoen aan de verplichtingen van de AI-verordening. Meta weigerde te tekenen."
)
OFF_TOPIC = "The city council approved a new bicycle lane on the main street after a long debate."


def rss(entries: Sequence[tuple[str, ...]], links: Mapping[str, str] | None = None) -> bytes:
    """A feed of (guid, title, text) entries, or (guid, title, text, pubDate); ``links``
    gives an entry its page's link, by guid."""
    links = links or {}
    items = "".join(
        f"<item><guid>{guid}</guid>"
        + (f"<link>{escape(links[guid])}</link>" if guid in links else "")
        + f"<title>{escape(title)}</title>"
        f"<description>{escape(text)}</description>"
        + "".join(f"<pubDate>{date}</pubDate>" for date in dated)
        + "</item>"
        for guid, title, text, *dated in entries
    )
    return f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode()


def test_one_pass_flags_the_update_once_and_sees_the_copy_and_the_translation(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route(
        "/wire", Reply(200, rss([("w1", "AI code signed", NEW), ("w2", "Bikes", OFF_TOPIC)]))
    )
    server.route(
        "/paper",
        Reply(
            200,
            rss([("p1", "Code signed (wire)", NEW), ("p2", "Praktijkcode getekend", DUTCH_SAME)]),
        ),
    )
    with open_monitor(
        tmp_path, extraction__fetch_pages="false", assessment__baseline="false"
    ) as app:
        wire = add_feed(app, server.url("/wire"))
        paper = add_feed(app, server.url("/paper"))
        poller = Poller(app)
        try:
            poller.run([wire.feed_id])
            summary = poller.run([paper.feed_id])
        finally:
            poller.close()
        verdicts = verdicts_by_title(app)
        assert verdicts == {
            "AI code signed": "update",
            "Bikes": "irrelevant",
            "Code signed (wire)": "duplicate",
            "Praktijkcode getekend": "known",
        }
        assert summary.verdicts == {"duplicate": 1, "known": 1}
        assert app.store.count(["UpdateFlagged"]) == 1
        flagged = app.query("SELECT * FROM corpus_documents WHERE origin = 'flagged'")
        assert [row["title"] for row in flagged] == ["AI code signed"]
        (update,) = app.query("SELECT * FROM updates")
        novel = json.loads(update["novel_sentences"])
        # The seeds (2023-2024) are outside the 120-day window of an article of today.
        assert len(novel) >= 3 and update["follows_document_id"] == ""
        (dutch,) = app.query(
            "SELECT s.* FROM assessments s JOIN articles a USING (item_id) WHERE a.title = ?",
            ("Praktijkcode getekend",),
        )
        assert dutch["nearest_document_id"] == f"item-{update['item_id']}"


def test_a_pass_judges_in_publication_order_whichever_feed_is_read_first(
    server: LocalServer, tmp_path: Path
) -> None:
    # The syndicated copy (an hour later) is in the feed listed first, and a feed
    # lists its newest entry first: in discovery order the copy would be judged
    # first, flagged, and the original called its duplicate.
    server.route(
        "/aggregator",
        Reply(200, rss([("c1", "Code signed (wire)", NEW, "Fri, 11 Jul 2025 10:00:00 GMT")])),
    )
    server.route(
        "/wire",
        Reply(
            200,
            rss(
                [
                    ("w2", "Code signed, Dutch", DUTCH_SAME, "Fri, 11 Jul 2025 12:00:00 GMT"),
                    ("w1", "AI code signed", NEW, "Fri, 11 Jul 2025 09:00:00 GMT"),
                ]
            ),
        ),
    )
    with open_monitor(
        tmp_path, extraction__fetch_pages="false", assessment__baseline="false"
    ) as app:
        first = add_feed(app, server.url("/aggregator"))
        second = add_feed(app, server.url("/wire"))
        poller = Poller(app)
        try:
            poller.run([first.feed_id, second.feed_id])
        finally:
            poller.close()
        assert verdicts_by_title(app) == {
            "AI code signed": "update",
            "Code signed (wire)": "duplicate",
            "Code signed, Dutch": "known",
        }
        (update,) = app.query("SELECT title FROM updates")
        assert update["title"] == "AI code signed"


def test_updates_and_check_from_the_command_line(
    db_path: Path,
    server: LocalServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(
        "feeds = []\n[fetch]\nallow_private_networks = true\nper_host_delay = 0\n"
        "[extraction]\nfetch_pages = false\n"
        # Judgement, not the first day: the first poll's items are news here.
        "[assessment]\nbaseline = false\n"
    )
    monkeypatch.setenv("MONITOR_CONFIG", str(config))
    assert run(capsys, "init")[0] == 0
    server.route("/wire", Reply(200, rss([("w1", "AI code signed", NEW)])))
    assert run(capsys, "feeds", "add", server.url("/wire"))[0] == 0
    code, out, _ = run(capsys, "poll", "--json")
    assert code == 0 and json.loads(out)["verdicts"] == {"update": 1}
    code, out, _ = run(capsys, "updates", "--json")
    (update,) = json.loads(out)
    assert update["title"] == "AI code signed" and update["novel_sentences"]
    article = tmp_path / "copy.txt"
    article.write_text(NEW)
    code, out, _ = run(capsys, "check", str(article), "--json")
    assert code == 0 and json.loads(out)["verdict"] == "duplicate"
    code, out, _ = run(capsys, "check", str(article))
    assert "DUPLICATE" in out
    code, _, err = run(capsys, "check", str(tmp_path / "missing.txt"))
    assert code == 1 and "no such file" in err


@pytest.mark.parametrize("command", [["check"], ["updates"]], ids=" ".join)
def test_assessment_commands_have_help_with_an_example(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0 and "Example" in out
