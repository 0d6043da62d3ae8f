"""Politeness that holds across workers: one request start per host per delay, cluster-wide.

``HostGate`` spaces the requests of one process. With several workers each
would keep its own spacing, and a host would see as many requests per delay as
there are workers. So each request to a host also reserves the next start time
in one row per host, in one statement that PostgreSQL runs atomically:
the row says when the host may next be asked, and every worker waits for its turn.
The row is coordination, not a fact: it lives beside the queue, not in the log.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from loguru import logger

from monitor.ingest.politeness import HostGate

_TABLE = "monitor_host_slots"
_RESERVE = (
    f"INSERT INTO {_TABLE} AS h (host, next_at) "
    "VALUES (%(host)s, clock_timestamp() + make_interval(secs => %(delay)s)) "
    "ON CONFLICT (host) DO UPDATE SET next_at = "
    "GREATEST(h.next_at, clock_timestamp()) + make_interval(secs => %(delay)s) "
    "RETURNING EXTRACT(EPOCH FROM h.next_at - clock_timestamp()) - %(delay)s"
)


class SharedHostGate(HostGate):
    """A ``HostGate`` whose spacing also holds across every worker of a PostgreSQL store."""

    def __init__(self, url: str, schema: str, per_host: int, min_delay: float) -> None:
        super().__init__(per_host, min_delay)
        self._url = url
        self._schema = schema
        self._conn: psycopg.Connection[tuple[object, ...]] | None = None
        self._conn_lock = threading.Lock()

    def _connection(self) -> psycopg.Connection[tuple[object, ...]]:
        if self._conn is None or self._conn.closed:
            self._conn = psycopg.connect(
                self._url,
                autocommit=True,
                options=f"-c search_path={self._schema}",
                application_name="monitor host gate",
            )
            self._conn.execute(
                f"CREATE TABLE IF NOT EXISTS {_TABLE} "
                "(host TEXT PRIMARY KEY, next_at TIMESTAMPTZ NOT NULL)"
            )
        return self._conn

    def reserve(self, host: str) -> float:
        """Reserve the host's next start; the seconds to wait for it (0 when it is now)."""
        with self._conn_lock:
            try:
                row = (
                    self._connection()
                    .execute(_RESERVE, {"host": host.lower(), "delay": self.min_delay})
                    .fetchone()
                )
            except psycopg.Error as exc:
                # Politeness must not stop polling: this process's own spacing still holds.
                logger.bind(host=host).warning(f"host gate unavailable, spacing locally: {exc}")
                self._conn = None
                return 0.0
        return max(0.0, float(row[0])) if row else 0.0  # type: ignore[arg-type]

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of this process's slots for the host, at the cluster's next turn."""
        with super().slot(host):
            if self.min_delay > 0:
                wait = self.reserve(host)
                if wait > 0:
                    time.sleep(wait)
            yield

    def close(self) -> None:
        """Close the gate's connection."""
        with self._conn_lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
