"""A damaged store, or a file that is none: one clear line, never a traceback; doctor and backup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.monitor.cli.test_cli import run
from tests.support.store_damage import DAMAGES

EXPECTED = {
    "truncated": "is damaged",
    "pages overwritten": "is damaged",
    "empty file": "is an empty file, not a monitor store",
    "not a database": "is not a monitor store",
}
COMMANDS = [
    ["status"],
    ["status", "--json"],
    ["events", "--limit", "5"],
    ["updates"],
    ["feeds", "list"],
    ["digest"],
    ["digest", "list"],
    ["rescore", "--dry-run"],
    ["rebuild"],
    ["mark", "some-item", "update"],
    ["backup", "copy.db"],
]


@pytest.fixture
def made(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "init")[0] == 0
    return db_path


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_every_command_on_a_damaged_store_says_so_in_one_line(
    damage: str,
    made: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    DAMAGES[damage](made)
    monkeypatch.chdir(tmp_path)
    for command in COMMANDS:
        code, _, err = run(capsys, *command)
        assert "Traceback" not in err, (command, err)
        assert code == 1, (command, code, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (command, err)
        assert str(made) in lines[0] and EXPECTED[damage] in lines[0], (command, lines[0])

    code, out, _ = run(capsys, "doctor", "--json")
    report = json.loads(out)
    assert code == 1 and report["healthy"] is False
    assert report["advice"], "doctor says how to recover"
    assert not (tmp_path / "copy.db").exists()


def test_doctor_passes_a_sound_store_and_backup_copies_it_while_it_is_open(
    made: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "doctor", "--json")
    report = json.loads(out)
    assert code == 0 and report["healthy"], report
    assert {c["check"] for c in report["checks"]} >= {"integrity", "log", "append-only"}

    writer = sqlite3.connect(made)  # another connection holds the store open meanwhile
    try:
        code, out, err = run(capsys, "backup", str(tmp_path / "b" / "copy.db"), "--json")
    finally:
        writer.close()
    assert code == 0, err
    copied = json.loads(out)
    assert copied["intact"] and copied["events"] > 0
    code, _, err = run(capsys, "backup", str(tmp_path / "b" / "copy.db"))
    assert code == 1 and "exists" in err
    code, _, _ = run(capsys, "--db", str(tmp_path / "b" / "copy.db"), "doctor")
    assert code == 0


def test_doctor_sees_read_models_behind_and_a_removed_trigger(
    made: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(made) as conn:
        conn.execute("UPDATE projection_checkpoints SET position = 0 WHERE name = 'feeds'")
        conn.execute("DROP TRIGGER events_are_never_deleted")
    code, out, _ = run(capsys, "doctor", "--json")
    checks = {c["check"]: c for c in json.loads(out)["checks"]}
    assert code == 1
    assert not checks["append-only"]["ok"]
    assert not checks["read models"]["ok"] and "feeds" in checks["read models"]["detail"]
