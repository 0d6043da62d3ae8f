"""The daemon's commands: run the scheduler, and tell whether it is healthy."""

from __future__ import annotations

import os
import sys

import click
from loguru import logger

from monitor.cli.support import CLIState, emit_json, pass_state
from monitor.views import health_report


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
    from monitor.ingest.first_run import initialise, is_initialised  # noqa: PLC0415

    app = state.monitor(create=True)
    if not is_initialised(app):
        # A new store (a container's first start), or one whose first start was killed
        # half-way: record what is missing of the seed corpus and the default feeds.
        report = initialise(app)
        logger.info(
            f"store {report.store_path} initialised: {report.seeds_added} seed document(s), "
            f"{report.feeds_added} default feed(s) added"
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
    report = health_report(state.settings())
    healthy = report["healthy"]
    if as_json:
        emit_json(report)
    elif healthy:
        beat = report["heartbeat"]
        click.echo(f"healthy: daemon pid {beat['pid']}, heartbeat {beat['age_seconds']:.0f} s ago")
    else:
        for problem in report["problems"]:
            click.echo(f"unhealthy: {problem}", err=True)
    sys.exit(0 if healthy else 1)
