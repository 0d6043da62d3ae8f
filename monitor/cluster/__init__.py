"""Cluster: the monitor's work as jobs on a procrastinate queue, served by workers.

On PostgreSQL, ``monitor worker`` (and ``monitor run``) serve the queue that
lives in the store's own schema. ``jobs`` holds the jobs (poll one feed, extract
one pending item, assess, publish a digest, deliver) with why each is safe to run
twice, and the tick that defers them; ``worker`` is a worker's life (the queue's
tables, its heartbeat, a clean stop).
"""

from typing import TYPE_CHECKING

from monitor.lazy import lazy_exports

if TYPE_CHECKING:
    from monitor.cluster.jobs import QUEUES, WorkerState
    from monitor.cluster.worker import ClusterError, ensure_queue_schema, run_worker
else:
    __getattr__ = lazy_exports(
        __name__,
        {
            "jobs": ["QUEUES", "WorkerState"],
            "worker": ["ClusterError", "ensure_queue_schema", "run_worker"],
        },
    )

__all__ = ["QUEUES", "ClusterError", "WorkerState", "ensure_queue_schema", "run_worker"]
