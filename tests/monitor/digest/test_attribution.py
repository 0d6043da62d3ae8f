"""One story per update everywhere: every view attributes an update to the same story.

A new story's nearest corpus document is recorded (``follows_document_id``) but
it is not a story the update follows; a follow-up follows its story. The
console (``monitor updates``), Markdown, HTML, Atom, JSON and the short
notification must all say the same.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.digest.model import DigestHealth, build_digest, story_of
from monitor.digest.render import (
    render_atom,
    render_html,
    render_json,
    render_markdown,
    render_summary,
)
from monitor.events import UpdateFlagged, item_stream
from tests.monitor.cli.test_cli import run
from tests.monitor.helpers import open_monitor

META = "Meta refuses to join the EU's voluntary AI Pact"
CODE = "EU publishes the general-purpose AI code of practice"


def _row(item_id: str, title: str, new_story: bool, position: int) -> dict[str, object]:
    return {
        "item_id": item_id,
        "title": title,
        "url": f"https://news.example/{item_id}",
        "language": "en",
        "published": "2025-07-10",
        "flagged_at": "2025-07-10T10:00:00Z",
        "position": position,
        # Both carry the nearest document; only the follow-up follows it.
        "follows_document_id": "seed-meta",
        "follows_title": META,
        "similarity": 0.6,
        "novel_sentences": json.dumps([{"text": "Forty companies signed on Thursday."}]),
        "reasons": json.dumps(["a story the corpus does not have; the nearest is seed-meta"]),
        "new_story": int(new_story),
        "feed_name": "Wire",
    }


ROWS = [_row("new-1", CODE, True, 2), _row("follow-1", "Meta changes its mind", False, 1)]


def test_the_attribution_is_one_decision() -> None:
    assert story_of(ROWS[0]) == ("", "")
    assert story_of(ROWS[1]) == ("seed-meta", META)


def test_every_rendering_attributes_each_update_to_the_same_story() -> None:
    digest = build_digest(
        until=datetime(2025, 7, 11, tzinfo=UTC),
        since=None,
        label="test",
        updates=ROWS,
        health=DigestHealth(1, [], 2, 2, 0, 2, 2),
        volume=[],
    )
    groups = {g.document_id: [e.item_id for e in g.entries] for g in digest.groups}
    assert groups == {"": ["new-1"], "seed-meta": ["follow-1"]}
    new_group = next(g for g in digest.groups if not g.document_id)
    assert new_group.title == ""

    markdown = render_markdown(digest)
    new_section = markdown.split("\n## New stories")[1].split("\n## ")[0]
    assert CODE in new_section and META not in new_section
    assert f"## Follows: {META}" in markdown

    html = render_html(digest)
    assert html.count("Follows: Meta refuses to join the EU") == 1  # the apostrophe escaped

    atom = render_atom(digest, "https://monitor.example/updates.atom")
    entries = atom.split("<entry>")[1:]
    new_entry = next(e for e in entries if CODE in e)
    follow_entry = next(e for e in entries if "Meta changes its mind" in e)
    assert "Follows" not in new_entry and "story:seed" not in new_entry
    assert "Follows: " in follow_entry and "story:seed-meta" in follow_entry

    data = json.loads(render_json(digest))
    attributed = {e["item_id"]: e["follows"] for g in data["groups"] for e in g["entries"]}
    assert attributed == {"new-1": "", "follow-1": META}

    summary = render_summary(digest)
    line_new = next(line for line in summary.splitlines() if CODE in line)
    assert "follows" not in line_new


def test_the_reason_a_reader_sees_is_one_sentence_without_ids_or_scores() -> None:
    digest = build_digest(
        until=datetime(2025, 7, 11, tzinfo=UTC),
        since=None,
        label="test",
        updates=ROWS,
        health=DigestHealth(1, [], 2, 2, 0, 2, 2),
        volume=[],
    )
    whys = {e.item_id: e.why for g in digest.groups for e in g.entries}
    assert whys == {
        "new-1": "Starts a new story: nothing like it was known.",
        "follow-1": f"Follows “{META}”, with 1 new sentence.",
    }
    for text in (render_markdown(digest), render_html(digest)):
        assert "seed-meta" not in text.split("Health")[0].replace("story:seed-meta", "")
        assert "0.60" not in text


def test_the_updates_command_says_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_monitor(tmp_path) as app:
        app.init()
        for row in reversed(ROWS):
            event = UpdateFlagged(
                item_id=str(row["item_id"]),
                title=str(row["title"]),
                url=str(row["url"]),
                language="en",
                published="2025-07-10",
                follows_document_id="seed-meta",
                follows_title=META,
                similarity=0.6,
                novel_sentences=[{"text": "Forty companies signed on Thursday."}],
                reasons=["the nearest is seed-meta"],
                new_story=bool(row["new_story"]),
            )
            app.record([(item_stream(str(row["item_id"])), [event])])
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "monitor.db"))
    code, out, _ = run(capsys, "updates")
    assert code == 0
    new_part, follow_part = out.split("Meta changes its mind")
    assert CODE in new_part and "Starts a new story" in new_part and META not in new_part
    assert f"Follows “{META}”" in follow_part
