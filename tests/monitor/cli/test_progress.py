"""Long commands say what they are doing on a terminal, and nothing more elsewhere."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.monitor.ingest.test_poll_assess import NEW


def run_on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """Run a command with its stderr on a pseudo-terminal; what the terminal showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the command ended and closed its end
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=60)
    os.close(leader)
    return shown.decode("utf-8", "replace")


def test_check_says_it_is_loading_the_model_on_a_terminal_only(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(NEW)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "COLUMNS": "100"}
    command = [sys.executable, "-m", "monitor", "check", str(article)]
    assert "loading the corpus and the sentence model" in run_on_a_terminal(command, env)
    piped = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0 and "loading" not in piped.stderr


def test_the_demo_says_each_step_on_a_terminal_and_prints_only_its_report_when_piped(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    command = [sys.executable, "-m", "monitor", "demo", "--dir", str(tmp_path / "shown")]
    shown = run_on_a_terminal(command, env)
    assert "demo: polling 2 feeds" in shown
    piped = [sys.executable, "-m", "monitor", "demo", "--dir", str(tmp_path / "piped")]
    done = subprocess.run(piped, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and "demo: polling" not in done.stderr + done.stdout
