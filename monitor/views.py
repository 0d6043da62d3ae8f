"""Views of the read models that several faces share: feeds, the store's status, health.

The CLI prints them and the web app serves them; both take the same data from
here, so ``monitor status --json`` and ``/api/v1/status`` never disagree.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from events.urls import safe_url
from monitor.heartbeat import read_heartbeat
from monitor.metrics import label_text, render_metrics
from monitor.settings import Settings
from monitor.times import iso_z

if TYPE_CHECKING:
    from monitor.app import Monitor

#: Seconds without a heartbeat after which a queue worker counts as gone (its jobs
#: are handed back to the queue then).
WORKER_STALLED_AFTER = 30.0

#: The keys of each feed in the status (``monitor status --json`` and the API).
FEED_STATUS_KEYS = (
    "feed_id",
    "name",
    "url",
    "status",
    "last_polled_at",
    "last_outcome",
    "last_error_reason",
    "next_poll_at",
    "consecutive_failures",
    "backoff_seconds",
    "items_total",
)


def feed_rows(app: Monitor, include_removed: bool = False) -> list[dict[str, Any]]:
    """Every feed of the read model, by name."""
    where = "" if include_removed else "WHERE status != 'removed'"
    rows = app.query(f"SELECT * FROM feeds {where} ORDER BY lower(name), url")
    for row in rows:
        row["tags"] = json.loads(row["tags"] or "[]")
        row["ignore_validators"] = bool(row["ignore_validators"])
        row["backoff_seconds"] = backoff_of(row)
    return rows


def backoff_of(row: dict[str, Any]) -> float | None:
    """Seconds a failing feed waits between its last poll and the next (None when healthy)."""
    if not row.get("consecutive_failures") or not row.get("next_poll_at"):
        return None
    if row.get("backoff_seconds") is not None:
        return float(row["backoff_seconds"])
    # Failures recorded before the wait was kept: read it from the two times.
    try:
        wait = datetime.fromisoformat(row["next_poll_at"]) - datetime.fromisoformat(
            row["last_polled_at"]
        )
    except (TypeError, ValueError):
        return None
    return round(max(0.0, wait.total_seconds()), 1)


def status_report(app: Monitor) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The status as data (the ``--json`` object), and the feeds' full rows for a table."""
    info = app.status()
    counts = app.query(
        "SELECT (SELECT count(*) FROM items) AS items, "
        "(SELECT count(*) FROM articles) AS articles, "
        "(SELECT count(*) FROM items WHERE extraction = 'failed') AS extraction_failed, "
        "(SELECT count(*) FROM assessments) AS assessed, "
        "(SELECT count(*) FROM updates) AS updates, "
        "(SELECT count(*) FROM items WHERE backlog = 1) AS backlog, "
        "(SELECT count(*) FROM assessments WHERE baseline = 1) AS baseline, "
        "(SELECT count(*) FROM assessments WHERE corrected IS NOT NULL) AS corrected, "
        # Work waiting (a busy host, a slow extraction): a backlog, not a dead daemon.
        "(SELECT count(*) FROM items WHERE extraction = 'pending') AS pending_extraction, "
        "(SELECT min(discovered_at) FROM items WHERE extraction = 'pending') "
        "AS oldest_pending_at, "
        "(SELECT count(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM assessments s WHERE s.item_id = a.item_id)) AS pending_assessment"
    )[0]
    last_digest = app.query(
        "SELECT digest_id, published_at, label, updates, trigger FROM digests "
        "ORDER BY position DESC LIMIT 1"
    )
    feeds_state = feed_rows(app)
    owed = app.query(
        "SELECT digest_id, channel, status, attempts, last_reason, next_attempt_at "
        "FROM deliveries WHERE status != 'delivered' ORDER BY digest_id, channel"
    )
    beat = read_heartbeat(app.store_path)
    info["counts"] = counts
    info["last_digest"] = last_digest[0] if last_digest else None
    info["deliveries_owed"] = owed
    info["feeds"] = [{key: row[key] for key in FEED_STATUS_KEYS} for row in feeds_state]
    if app.on_postgres:
        info["cluster"] = queue_status(app)
    info["daemon"] = (
        {"state": "never started"}
        if beat is None
        else {
            "state": beat.state,
            "pid": beat.pid,
            "heartbeat_at": beat.at.isoformat(),
            "started_at": beat.started_at.isoformat(),
            "feeds_scheduled": beat.feeds,
            "trouble": beat.trouble,
        }
    )
    return info, feeds_state


def queue_status(app: Monitor) -> dict[str, Any]:
    """The workers that sent a heartbeat lately, and the jobs waiting and running by queue."""
    present = app.query("SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS present")
    if not present or not present[0]["present"]:
        return {"workers": [], "queues": {}, "failed": 0}
    workers = app.query("SELECT id, last_heartbeat FROM procrastinate_workers ORDER BY id")
    now = datetime.now(UTC)
    jobs = app.query(
        "SELECT queue_name, status::text AS status, count(*) AS n FROM procrastinate_jobs "
        "WHERE status IN ('todo', 'doing') GROUP BY queue_name, status"
    )
    queues: dict[str, dict[str, int]] = {}
    for row in jobs:
        queues.setdefault(row["queue_name"], {"todo": 0, "doing": 0})[row["status"]] = int(row["n"])
    failed = app.query("SELECT count(*) AS n FROM procrastinate_jobs WHERE status = 'failed'")
    return {
        "workers": [
            {
                "id": int(w["id"]),
                "last_heartbeat": iso_z(w["last_heartbeat"]),
                "stale": (now - w["last_heartbeat"]).total_seconds() > WORKER_STALLED_AFTER,
            }
            for w in workers
        ],
        "queues": queues,
        "failed": int(failed[0]["n"]) if failed else 0,
    }


def store_writable(path: Path) -> str:
    """'' when a write transaction can be taken on the store, else why not."""
    if not path.exists():
        return f"no store at {path}"
    try:
        conn = sqlite3.connect(path, timeout=5)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"store {path} is not writable: {exc}"
    return ""


def postgres_writable(url: str, timeout: float) -> str:
    """'' when the PostgreSQL server answers and takes writes, else why not."""
    import psycopg  # noqa: PLC0415 (SQLite users never load psycopg)

    try:
        with psycopg.connect(
            url, connect_timeout=max(1, int(timeout)), application_name="monitor health"
        ) as conn:
            row = conn.execute("SELECT pg_is_in_recovery()").fetchone()
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"store {safe_url(url)} cannot be reached: {first}"
    if row and row[0]:
        return f"store {safe_url(url)} is a read-only standby"
    return ""


def health_report(settings: Settings, now: datetime | None = None) -> dict[str, Any]:
    """Whether the daemon's heartbeat is fresh and the store writable, and if not, why."""
    store = settings.store_path()
    url = settings.store.postgres_url()
    now = now or datetime.now(UTC)
    problems = []
    beat = read_heartbeat(store)
    limit = settings.daemon.health_max_age
    if beat is None:
        problems.append("no heartbeat: is `monitor run` running on this store?")
    elif beat.state != "running":
        problems.append(f"the daemon is {beat.state} (pid {beat.pid})")
    elif beat.age(now) < -limit:
        # Written "in the future": one of the clocks jumped, and an age says nothing.
        problems.append(
            f"heartbeat is {-beat.age(now):.0f} s in the future: the clock of the daemon "
            f"(pid {beat.pid}) or of this machine jumped"
        )
    elif beat.age(now) > limit:
        problems.append(
            f"heartbeat is {beat.age(now):.0f} s old (more than "
            f"{limit:.0f} s): the daemon (pid {beat.pid}) is stuck or gone"
        )
    if beat is not None and beat.trouble and beat.state == "running":
        problems.append(f"the daemon cannot record its work: {beat.trouble}")
    if url is None:
        writable = store_writable(store)
    else:
        writable = postgres_writable(url, settings.store.connect_timeout)
    if writable:
        problems.append(writable)
    return {
        "healthy": not problems,
        "store": str(store) if url is None else safe_url(url),
        "problems": problems,
        "heartbeat": None
        if beat is None
        else {
            "pid": beat.pid,
            "at": beat.at.isoformat(),
            "age_seconds": round(beat.age(now), 1),
            "state": beat.state,
            "feeds": beat.feeds,
            "started_at": beat.started_at.isoformat(),
            "trouble": beat.trouble,
        },
    }


def metrics_text(app: Monitor, now: datetime | None = None) -> str:
    """The monitor's metrics now: the counters and the state of the read models."""
    counters = app.query("SELECT name, labels, value FROM metrics")
    last = app.store.last_position()
    gauges: list[tuple[str, str, str, float]] = [
        ("monitor_log_position", "Position of the newest event in the log.", "", last)
    ]
    for checkpoint in app.runner.checkpoints():
        gauges.append(
            (
                "monitor_projection_lag_events",
                "Events a read model has still to apply.",
                label_text(projection=checkpoint.name),
                max(0, last - checkpoint.position),
            )
        )
    for row in app.query("SELECT status, count(*) AS n FROM feeds GROUP BY status"):
        gauges.append(
            ("monitor_feeds", "Feeds by state.", label_text(status=row["status"] or ""), row["n"])
        )
    owed = app.query("SELECT count(*) AS n FROM deliveries WHERE status != 'delivered'")
    gauges.append(("monitor_deliveries_owed", "Digest deliveries not made yet.", "", owed[0]["n"]))
    updates = app.query("SELECT count(*) AS n FROM updates")
    gauges.append(("monitor_updates", "Flagged updates that hold now.", "", updates[0]["n"]))
    beat = read_heartbeat(app.store_path)
    if beat is not None:
        age = beat.age(now or datetime.now(UTC))
        gauges.append(
            ("monitor_heartbeat_age_seconds", "Seconds since the daemon's heartbeat.", "", age)
        )
    return render_metrics(counters, gauges)
