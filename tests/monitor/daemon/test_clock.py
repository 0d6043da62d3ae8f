"""The daemon across a wall clock that steps (NTP, a resumed VM): its jobs move with the step."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from monitor.daemon.clock import STEP_SECONDS, ClockWatch
from monitor.daemon.scheduler import next_run
from tests.monitor.daemon.support import running_daemon
from tests.monitor.helpers import open_monitor


class Clocks:
    """A wall clock and a monotonic clock a test moves by hand."""

    def __init__(self) -> None:
        self.wall_at = 1_000_000.0
        self.monotonic_at = 50.0

    def wall(self) -> float:
        return self.wall_at

    def monotonic(self) -> float:
        return self.monotonic_at

    def tick(self, seconds: float) -> None:
        self.wall_at += seconds
        self.monotonic_at += seconds


def test_a_step_back_or_forward_is_seen_once_and_ordinary_time_is_not() -> None:
    clocks = Clocks()
    watch = ClockWatch(clocks.wall, clocks.monotonic)
    clocks.tick(10)
    assert watch.step() == 0.0
    clocks.tick(1)
    clocks.wall_at -= 3600  # NTP sets the clock an hour back
    assert watch.step() == pytest.approx(-3600)
    clocks.tick(1)
    assert watch.step() == 0.0  # reported once
    clocks.wall_at += 7200
    assert watch.step() == pytest.approx(7200)
    # Slewing and a late look are not steps.
    clocks.tick(5)
    clocks.wall_at += STEP_SECONDS / 2
    assert watch.step() == 0.0


def test_the_running_daemon_moves_its_jobs_by_the_step(
    tmp_path: Path, log_lines: list[str]
) -> None:
    """A real scheduler, its wall clock seen through an offset the test steps.

    (The machine's own clock cannot be set from a test; the scheduler's jobs and the
    daemon's loop are the real ones.)
    """
    offset = [0.0]
    with open_monitor(
        tmp_path,
        daemon__heartbeat_interval="0.1s",
        daemon__sync_interval="1h",
        daemon__process_interval="1h",
        digest__schedule="0 7 * * *",
    ) as monitor:
        monitor.init()
        with running_daemon(monitor, wall=lambda: time.time() + offset[0]) as daemon:
            deadline = time.monotonic() + 30
            before: dict[str, Any] = {}
            while time.monotonic() < deadline:
                before = {j.id: next_run(j) for j in daemon.scheduler.get_jobs()}
                if daemon.scheduler.running and all(before.values()):
                    break
                time.sleep(0.05)
            assert {"sync", "process", "digest"} <= set(before)
            offset[0] = 7200.0  # as the daemon sees it: the clock jumped two hours ahead
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                after = {j.id: next_run(j) for j in daemon.scheduler.get_jobs()}
                if after["sync"] != before["sync"]:
                    break
                time.sleep(0.05)
            for job_id in ("sync", "process"):
                moved = (after[job_id] - before[job_id]).total_seconds()
                assert moved == pytest.approx(7200, abs=0.01), job_id
            # The digest is a time on the wall clock ("07:00"): it keeps it.
            assert after["digest"] == before["digest"]
    assert any("the system clock stepped forward by 7200 s" in line for line in log_lines)
