"""The daemon's commands: run the scheduler, and tell whether it is healthy."""

from __future__ import annotations

import os
import sys

import click
from loguru import logger

from monitor.cli.support import CLIState, emit_json, pass_state
from monitor.memory import limit_arenas
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

    On PostgreSQL (store.url) it is a worker that serves every queue, as `monitor
    worker` does: start as many as you like, on as many machines; the queue's
    periodic tick, deferred once per tick however many run, schedules the work.

    \b
    Examples:
      monitor run
      monitor --log-json --db /data/monitor.db run
      MONITOR_STORE__URL=postgresql://monitor@db/monitor monitor run
    """
    from monitor.daemon import Daemon  # noqa: PLC0415 (the scheduler: only for `run`)
    from monitor.ingest.first_run import initialise, is_initialised  # noqa: PLC0415

    limit_arenas()  # before any thread: a daemon runs for months
    app = state.monitor(create=True)
    if not is_initialised(app):
        # A new store (a container's first start), or one whose first start was killed
        # half-way: record what is missing of the seed corpus and the default feeds.
        report = initialise(app)
        logger.info(
            f"store {report.store_path} initialised: {report.seeds_added} seed document(s), "
            f"{report.feeds_added} default feed(s) added"
        )
    if app.on_postgres:
        from monitor.cluster.worker import run_worker  # noqa: PLC0415 (only for PostgreSQL)

        try:
            run_worker(app, concurrency=app.settings.fetch.concurrency)
        finally:
            app.close()
        return
    daemon = Daemon(app)
    try:
        daemon.run()
    finally:
        app.close()
    if daemon.abandoned:
        # Threads still inside a fetch would hold the interpreter open past the bound.
        sys.stderr.flush()
        os._exit(0)


_QUEUE_NAMES = ("schedule", "poll", "extract", "assess", "digest")


def _queue_names(
    _context: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """``--queue poll --queue assess`` or ``--queues poll,assess``, each name checked."""
    names = tuple(n.strip() for value in values for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in _QUEUE_NAMES]
    if unknown:
        raise click.BadParameter(
            f"no queue named {', '.join(unknown)}; the queues: {', '.join(_QUEUE_NAMES)}"
        )
    return names


@click.command()
@click.option(
    "--concurrency",
    type=click.IntRange(1, 256),
    default=None,
    help="Jobs run at once (default: fetch.concurrency).",
)
@click.option(
    "--queue",
    "--queues",
    "queues",
    multiple=True,
    callback=_queue_names,
    metavar="QUEUE[,QUEUE…]",
    help="Serve only these queues: schedule, poll, extract, assess, digest "
    "(repeatable or comma-separated; default: all).",
)
@click.option("--name", default="", help="The worker's name in logs (default: worker-<pid>).")
@pass_state
def worker(state: CLIState, concurrency: int | None, queues: tuple[str, ...], name: str) -> None:
    """Serve the job queue of a PostgreSQL store: poll, extract, assess, publish, deliver.

    Run as many as the load needs, on as many machines, against one store.url. Every
    job is safe to run twice or to lose half-way (see the README); a worker that
    dies has its jobs handed back once its heartbeat is 30 s old. Stops on SIGTERM
    or SIGINT, giving running jobs daemon.shutdown_timeout to finish.

    \b
    Examples:
      MONITOR_STORE__URL=postgresql://monitor:secret@db/monitor monitor worker
      monitor worker --concurrency 16 --queues poll,extract
      monitor worker --queue assess --name assessor-1
    """
    from monitor.cluster.jobs import QUEUES  # noqa: PLC0415 (procrastinate: only for workers)
    from monitor.cluster.worker import run_worker  # noqa: PLC0415

    limit_arenas()  # before any thread: a worker runs for months
    app = state.monitor()
    try:
        run_worker(
            app,
            concurrency=concurrency or app.settings.fetch.concurrency,
            queues=queues or QUEUES,
            name=name,
        )
    finally:
        app.close()


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
