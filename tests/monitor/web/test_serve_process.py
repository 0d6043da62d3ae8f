"""``monitor serve`` as a real process: a graceful stop on SIGTERM exits 0."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_answers_then_stops_on_a_signal_with_status_0(
    db_path: Path, stop: signal.Signals
) -> None:
    env = {**os.environ, "MONITOR_DB": str(db_path)}
    subprocess.run(
        [sys.executable, "-m", "monitor", "init"], env=env, check=True, capture_output=True
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        status = 0
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/updates", timeout=2) as r:
                    status = r.status
                break
            except OSError:
                time.sleep(0.1)
        assert status == 200
        process.send_signal(stop)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    # Before: uvicorn raised the signal again after its graceful shutdown (status 143).
    assert process.returncode == 0, err[-2000:]
    assert f"web app stopped on {stop.name}" in err
