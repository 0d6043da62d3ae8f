"""``monitor worker`` (and ``monitor run`` on PostgreSQL): a procrastinate worker on the store.

The queue's tables are created in the store's schema the first time a worker or
``monitor init`` needs them, under the store's write lock, so workers that start
together do not race. A worker writes this machine's heartbeat for ``monitor
health``, stops on SIGTERM or SIGINT (jobs running then get
``daemon.shutdown_timeout`` to finish; one abandoned is handed back by the next
tick once its worker's heartbeat is stale), and stops its poller's processes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from datetime import UTC, datetime

import procrastinate
from loguru import logger
from procrastinate.schema import SchemaManager

from monitor.app import Monitor
from monitor.cluster.jobs import QUEUES, WorkerState, queue
from monitor.errors import MonitorError
from monitor.heartbeat import write_heartbeat
from monitor.times import iso_z


class ClusterError(MonitorError):
    """Workers need the store on PostgreSQL, or were given something they cannot serve."""


def connector_for(app: Monitor) -> procrastinate.PsycopgConnector:
    """procrastinate's connection pool on the store's database, in the store's schema."""
    url = app.settings.store.postgres_url()
    if url is None:
        raise ClusterError(
            "workers share a PostgreSQL store: set store.url (MONITOR_STORE__URL) to a "
            "postgresql:// URL; on SQLite, `monitor run` does all the work in one process"
        )
    return procrastinate.PsycopgConnector(
        conninfo=url,
        kwargs={
            "options": f"-c search_path={app.settings.store.schema_name}",
            "application_name": f"monitor worker, pid {os.getpid()}",
        },
        min_size=1,
        max_size=4,
    )


def ensure_queue_schema(app: Monitor) -> bool:
    """Create procrastinate's tables in the store's schema if they are missing; True if made."""
    store = app.store
    with store.transaction():  # the write lock: two workers starting together wait here
        exists = store.db.execute("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")
        if exists.fetchone()[0]:
            return False
        store.db.execute(SchemaManager.get_schema())
    logger.info("created the job queue's tables in the store's schema")
    return True


def _beat(app: Monitor, started: datetime, stop: threading.Event) -> None:
    """This machine's heartbeat for ``monitor health``, until the worker stops."""
    every = app.settings.daemon.heartbeat_interval
    while True:
        state = "stopping" if stop.is_set() else "running"
        write_heartbeat(
            app.store_path,
            {
                "pid": os.getpid(),
                "at": iso_z(datetime.now(UTC)),
                "started_at": iso_z(started),
                "state": state,
                "feeds": 0,
            },
        )
        if stop.wait(every):
            return


def run_worker(
    app: Monitor, *, concurrency: int, queues: Sequence[str] = QUEUES, name: str = ""
) -> None:
    """Serve the queues until SIGTERM or SIGINT."""
    unknown = sorted(set(queues) - set(QUEUES))
    if unknown:
        raise ClusterError(f"no queue named {', '.join(unknown)}; the queues: {', '.join(QUEUES)}")
    connector = connector_for(app)
    ensure_queue_schema(app)
    state = WorkerState(app)
    stop = threading.Event()
    started = datetime.now(UTC)
    beat = threading.Thread(target=_beat, args=(app, started, stop), daemon=True, name="beat")
    beat.start()
    label = name or f"worker-{os.getpid()}"
    logger.info(
        f"{label} serving {', '.join(queues)} with concurrency {concurrency} "
        f"on {app.store_location}"
    )
    try:
        with queue.replace_connector(connector):
            queue.run_worker(
                queues=list(queues),
                concurrency=concurrency,
                name=label,
                additional_context={"state": state},
                shutdown_graceful_timeout=app.settings.daemon.shutdown_timeout,
                delete_jobs="successful",
                install_signal_handlers=True,
            )
    finally:
        stop.set()
        beat.join(timeout=5)
        state.close()
        logger.info(f"{label} stopped")
