"""The daemon's commands: run the scheduler, and tell whether it is healthy."""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from loguru import logger

from monitor.cli.support import CLIState, emit_json, pass_state
from monitor.daemon import read_heartbeat


@click.command()
@pass_state
def run(state: CLIState) -> None:
    """Run the monitor as a daemon: poll each feed at its own time, extract, assess.

    A new store is initialised first (seed corpus and default feeds), as `monitor
    init` does. Runs until SIGTERM or SIGINT, then stops within daemon.shutdown_timeout;
    work in flight is finished or abandoned without losing an event, and the
    next start picks it up. One daemon per store. Logs go to stderr (JSON lines
    with --log-json).

    \b
    Examples:
      monitor run
      monitor --log-json --db /data/monitor.db run
    """
    from monitor.daemon import Daemon  # noqa: PLC0415 (the scheduler: only for `run`)
    from monitor.ingest import add_default_feeds  # noqa: PLC0415

    app = state.monitor(create=True)
    if app.created:
        # A new store (a container's first start): load the seed corpus and default feeds.
        report = app.init()
        added, _ = add_default_feeds(app)
        logger.info(
            f"new store {report.store_path}: {report.seeds_added} seed document(s), "
            f"{added} default feed(s)"
        )
    daemon = Daemon(app)
    try:
        daemon.run()
    finally:
        app.close()
    if daemon.abandoned:
        # Threads still inside a fetch would hold the interpreter open past the bound.
        sys.stderr.flush()
        os._exit(0)


def _store_writable(path: Path) -> str:
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


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the checks as one JSON object.")
@pass_state
def health(state: CLIState, as_json: bool) -> None:
    """Exit 0 when the daemon's heartbeat is fresh and the store is writable.

    For Docker's HEALTHCHECK and systemd; otherwise exits 1 and says why.

    \b
    Examples:
      monitor health
      monitor --db /data/monitor.db health --json
    """
    settings = state.settings()
    store = settings.store_path()
    problems = []
    beat = read_heartbeat(store)
    now = datetime.now(UTC)
    if beat is None:
        problems.append("no heartbeat: is `monitor run` running on this store?")
    elif beat.state != "running":
        problems.append(f"the daemon is {beat.state} (pid {beat.pid})")
    elif beat.age(now) < -settings.daemon.health_max_age:
        # Written "in the future": one of the clocks jumped, and an age says nothing.
        problems.append(
            f"heartbeat is {-beat.age(now):.0f} s in the future: the clock of the daemon "
            f"(pid {beat.pid}) or of this machine jumped"
        )
    elif beat.age(now) > settings.daemon.health_max_age:
        problems.append(
            f"heartbeat is {beat.age(now):.0f} s old (more than "
            f"{settings.daemon.health_max_age:.0f} s): the daemon (pid {beat.pid}) is stuck or gone"
        )
    writable = _store_writable(store)
    if writable:
        problems.append(writable)
    healthy = not problems
    if as_json:
        emit_json(
            {
                "healthy": healthy,
                "store": str(store),
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
                },
            }
        )
    elif healthy:
        assert beat is not None
        click.echo(f"healthy: daemon pid {beat.pid}, heartbeat {beat.age(now):.0f} s ago")
    else:
        for problem in problems:
            click.echo(f"unhealthy: {problem}", err=True)
    sys.exit(0 if healthy else 1)
