"""The daemon run in this process, on a thread, for tests that watch its scheduler."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from monitor.app import Monitor

if TYPE_CHECKING:
    from monitor.daemon.scheduler import Daemon


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    """Poll ``condition`` until it holds, or fail naming what never came."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def running_daemon(monitor: Monitor, **options: object) -> Iterator[Daemon]:
    """A real ``Daemon`` running until the block ends, then stopped and joined."""
    from monitor.daemon.scheduler import Daemon  # noqa: PLC0415 (apscheduler: only these tests)

    daemon = Daemon(monitor, **options)  # type: ignore[arg-type]
    runner = threading.Thread(target=daemon.run, kwargs={"install_signals": False})
    runner.start()
    try:
        yield daemon
    finally:
        daemon.request_stop()
        runner.join(timeout=30)
    assert not runner.is_alive(), "the daemon did not stop"
