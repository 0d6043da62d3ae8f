"""`monitor demo`: the whole pipeline offline on the bundled samples, with the expected verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from events import RecordedEvent
from monitor.demo import load_samples
from monitor.events import REGISTRY, UpdateFlagged
from tests.monitor.cli.test_cli import run
from tests.monitor.helpers import stored


def test_the_demo_flags_the_sample_updates_and_writes_a_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "demo", "--dir", str(tmp_path / "demo"), "--json")
    assert code == 0, err
    report = json.loads(out)
    samples = load_samples()
    assert report["articles"] == len(samples["article"]) == len(report["verdicts"])
    # Every sample gets the verdict a careful reader would give it.
    assert report["verdicts"] == report["expected"]
    assert sorted(report["verdicts"].values()) == [
        "duplicate",
        "irrelevant",
        "known",
        "update",
        "update",
    ]
    flagged = {f["title"]: f for f in report["flagged"]}
    pact = flagged["Plus de cent entreprises signent le pacte sur l'IA de la Commission"]
    assert any("Palantir" in sentence for sentence in pact["new_sentences"])
    for path in report["digest_files"]:
        assert Path(path).is_file(), path
    markdown = Path(report["digest_files"][0]).read_text()
    assert "## New stories (nothing like them was known)" in markdown
    assert markdown.count("### [") == 2
    assert "2 update(s) in 2 stories." in markdown
    atom = feedparser.parse(Path(report["digest_files"][-1]).read_text())
    assert atom.bozo == 0 and len(atom.entries) == 2

    # The store it leaves is an ordinary store: the other commands read it.
    code, out, _ = run(capsys, "--db", report["store"], "updates", "--json")
    assert code == 0 and len(json.loads(out)) == 2
    code, _, err = run(capsys, "demo", "--dir", str(tmp_path / "demo"))
    assert code == 2 and "already holds a demo store" in err


def test_the_demo_prints_what_it_did_for_a_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "demo", "--dir", str(tmp_path / "d"))
    assert code == 0
    assert "SAMPLE feeds" in out and "flagged as updates on the AI Act: 2" in out
    assert "differs from the expected" not in out
    assert f"store: {tmp_path / 'd' / 'monitor.db'}" in out


def test_version_1_update_events_are_read_with_new_story_from_their_first_reason() -> None:
    def v1(first_reason: str) -> RecordedEvent:
        payload = {
            "item_id": "i",
            "title": "t",
            "url": "https://x.example/",
            "language": "en",
            "published": "",
            "follows_document_id": "seed-x",
            "follows_title": "X",
            "similarity": 0.6,
            "novel_sentences": [],
            "reasons": [first_reason, "vocabulary"],
        }
        return stored(
            "UpdateFlagged",
            1,
            payload,
            stream_id="item-i",
            recorded_at="2025-01-01T00:00:00.000000Z",
        )

    follow_up = REGISTRY.decode(v1("follows up seed-x “X” with 5 of 6 sentences new"))
    fresh = REGISTRY.decode(v1("a story the corpus does not have; the nearest is seed-x"))
    assert isinstance(follow_up, UpdateFlagged) and follow_up.new_story is False
    assert isinstance(fresh, UpdateFlagged) and fresh.new_story is True
