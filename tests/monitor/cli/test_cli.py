"""The command line: init, status, events, rebuild, and errors as one clear line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from monitor.cli.main import cli, main
from monitor.resources import bundled_config_dir
from monitor.seeds import load_seed_corpus
from monitor.settings import load_settings


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_init_creates_the_store_and_records_the_seeds_once(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "init", "--json")
    assert code == 0
    first = json.loads(out)
    seeds = load_seed_corpus(bundled_config_dir() / "seeds" / "seeds.toml")
    feeds = load_settings(environ={}).feeds
    assert first == {
        "store_path": str(db_path),
        "created": True,
        "seeds_added": len(seeds),
        "seeds_known": 0,
        "feeds_added": len(feeds),
        "feeds_known": 0,
    }
    code, out, _ = run(capsys, "init", "--json")
    again = json.loads(out)
    assert (again["seeds_added"], again["seeds_known"]) == (0, len(seeds))
    assert (again["feeds_added"], again["feeds_known"]) == (0, len(feeds))


def test_status_reports_counts_and_read_models(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "init")
    code, out, _ = run(capsys, "status", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["store"] == str(db_path)
    feeds = len(load_settings(environ={}).feeds)
    assert info["events"] == 3 + feeds + 1 and info["last_position"] == 3 + feeds + 1
    assert info["event_types"] == {
        "CorpusDocumentAdded": 3,
        "FeedAdded": feeds,
        "StoreInitialised": 1,
    }
    assert info["corpus_documents"] == 3
    projections = {p["name"]: p for p in info["projections"]}
    assert {"corpus", "feeds", "items", "assessments"} <= set(projections)
    assert all(p["behind"] == 0 for p in projections.values())
    code, out, _ = run(capsys, "status")
    assert "CorpusDocumentAdded" in out and str(db_path) in out


def test_events_filters_limits_and_prints_json_lines(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "init")
    _, out, _ = run(capsys, "events", "--json", "--type", "CorpusDocumentAdded")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [e["position"] for e in lines] == [1, 2, 3]
    assert set(lines[0]) >= {"position", "stream_id", "stream_version", "type", "payload"}
    assert lines[0]["metadata"]["recorded_at"].endswith("Z")
    _, out, _ = run(capsys, "events", "--json", "--limit", "1", "--type", "CorpusDocumentAdded")
    assert [json.loads(line)["position"] for line in out.splitlines()] == [3]
    _, out, _ = run(capsys, "events", "--json", "--since", "1", "--limit", "1")
    assert [json.loads(line)["position"] for line in out.splitlines()] == [2]
    _, out, _ = run(capsys, "events", "--type", "NothingLikeThis")
    assert out == ""
    _, out, _ = run(capsys, "events")
    assert out.count("CorpusDocumentAdded") == 3 and out.count("FeedAdded") > 0


def test_rebuild_reproduces_the_read_model(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "init")
    _, before, _ = run(capsys, "status", "--json")
    code, out, _ = run(capsys, "rebuild", "--json")
    assert code == 0 and json.loads(out)["corpus"] == 3
    _, after, _ = run(capsys, "status", "--json")
    assert json.loads(after)["corpus_documents"] == json.loads(before)["corpus_documents"]


def test_errors_are_one_line_with_an_exit_code_and_a_traceback_with_v(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "status")
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"error: no store at {db_path}; create it with `monitor init` "
        "(or point --db / MONITOR_DB at an existing one)"
    ]
    run(capsys, "init")
    code, _, err = run(capsys, "rebuild", "--projection", "nope")
    assert code == 1
    assert (
        err.strip() == "error: no projection named 'nope'; known: "
        "assessments, corpus, digests, feeds, items, metrics"
    )
    code, _, err = run(capsys, "-v", "rebuild", "--projection", "nope")
    assert "Traceback" in err


def test_a_bad_setting_stops_with_exit_code_2_naming_the_key(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_STORE__SYNCHRONOUS", "maybe")
    code, _, err = run(capsys, "init")
    assert code == 2
    assert "store.synchronous" in err and "MONITOR_STORE__SYNCHRONOUS" in err
    assert not db_path.exists(), "nothing is created before the settings are valid"


def test_db_option_overrides_the_environment(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"
    _, out, _ = run(capsys, "--db", str(other), "init", "--json")
    assert json.loads(out)["store_path"] == str(other)
    assert other.exists() and not db_path.exists()


def _command_paths() -> list[list[str]]:
    """Every command and subcommand of the CLI, the lazily loaded ones included."""
    paths: list[list[str]] = []

    def walk(group: click.Group, prefix: list[str]) -> None:
        context = click.Context(group)
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            assert command is not None, name
            paths.append([*prefix, name])
            if isinstance(command, click.Group):
                walk(command, [*prefix, name])

    walk(cli, [])
    return paths


def test_every_command_has_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    paths = _command_paths()
    names = {" ".join(p) for p in paths}
    assert {"digest", "digest list", "demo", "health", "feeds add", "corpus add"} <= names
    for command in [[], *paths]:
        code, out, _ = run(capsys, *command, "--help")
        assert code == 0, command
        assert "Example" in out and "monitor " in out, command


def test_the_installed_command_and_python_m_work_outside_the_source_tree(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["MONITOR_DB"] = str(tmp_path / "m.db")
    monitor = Path(sys.executable).with_name("monitor")
    done = subprocess.run(
        [str(monitor), "init", "--json"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["seeds_added"] == 3
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "--log-json", "status", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["corpus_documents"] == 3
