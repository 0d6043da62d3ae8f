"""Daemon: ``monitor run``, the scheduler that keeps the pipeline going unattended.

``scheduler`` polls each feed at its own time, extracts and assesses what is
pending, publishes digests on their schedule and retries deliveries, one
daemon per store; its heartbeat (``monitor.heartbeat``, in the core so that
readers need not import the daemon) is how ``monitor health`` knows it is alive.
"""

from typing import TYPE_CHECKING

from monitor.lazy import lazy_exports

if TYPE_CHECKING:
    from monitor.daemon.scheduler import Daemon, DaemonError, StoreLock
else:
    __getattr__ = lazy_exports(
        __name__,
        {
            "scheduler": ["Daemon", "DaemonError", "StoreLock"],
        },
    )

__all__ = ["Daemon", "DaemonError", "StoreLock"]
