"""A store on a read-only file system: read commands work, writing ones say why in one line.

The folder is bind-mounted read-only, as a backup volume, a snapshot or a
``docker run -v …:ro`` mount gives it: SQLite cannot create the WAL's shared
memory file there, which is what made every command fail before. Mounting
needs root (CI runs as root); elsewhere the test says so and skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.monitor.cli.test_cli import run


@pytest.fixture
def read_only_copy(db_path: Path, tmp_path: Path) -> Iterator[Path]:
    """The store's folder mounted read-only elsewhere; the store's path there."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only mount needs root and mount(8): run the tests as root")
    mounted = tmp_path / "read-only"
    mounted.mkdir()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "--bind", str(db_path.parent), str(mounted)], check=False)
    if done.returncode != 0:
        pytest.skip("this machine refuses bind mounts (no CAP_SYS_ADMIN)")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)], check=True)
        yield mounted / db_path.name
    finally:
        # Lazily: a connection the commands left to the garbage collector must not
        # keep the mount (and pytest's temporary folder) behind.
        subprocess.run(["umount", "--lazy", str(mounted)], check=True)


def test_read_commands_work_on_a_read_only_store_and_writes_fail_in_one_line(
    db_path: Path, capsys: pytest.CaptureFixture[str], read_only_copy: Path
) -> None:
    assert run(capsys, "init")[0] == 0
    # The daemon stopped: no WAL files beside the store, only the database.
    assert not (read_only_copy.parent / (read_only_copy.name + "-shm")).exists()
    with pytest.raises(OSError):
        (read_only_copy.parent / "probe").write_text("x")
    ro = ["--db", str(read_only_copy)]
    code, out, _ = run(capsys, *ro, "status", "--json")
    assert code == 0, out
    assert json.loads(out)["corpus_documents"] == 3
    code, out, _ = run(capsys, *ro, "events", "--json", "--type", "CorpusDocumentAdded")
    assert code == 0 and len(out.splitlines()) == 3
    for command in (["updates", "--json"], ["feeds", "list"], ["corpus", "list"], ["doctor"]):
        code, out, err = run(capsys, *ro, *command)
        assert code == 0, (command, out, err)
    code, out, err = run(capsys, *ro, "feeds", "add", "https://news.example/feed.xml")
    assert code == 1
    assert f"the store {read_only_copy} is read-only" in err
    assert "Traceback" not in err + out
