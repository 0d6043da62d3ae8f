"""The daemon caps glibc's heap arenas (measured: 368 MB held with the default, 349 with two)."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest


@pytest.mark.skipif(
    platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's; elsewhere nothing is done"
)
def test_the_arenas_are_capped_on_glibc() -> None:
    # In a process of its own: the cap is for a whole process, set before its threads.
    code = "from monitor.memory import limit_arenas; raise SystemExit(0 if limit_arenas() else 1)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
