"""Commands on the store itself: ``init``, ``events`` and ``rebuild``."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from typing import Any

import click

from events import RecordedEvent
from monitor.cli.support import CLIState, emit_json, pass_state, progress_bar
from monitor.ingest.first_run import initialise


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@pass_state
def init(state: CLIState, as_json: bool) -> None:
    """Create the store and record the seed corpus (safe to run again).

    \b
    Example:
      monitor --db ./monitor.db init
    """
    with state.monitor(create=True) as app:
        report = initialise(app)
    if as_json:
        emit_json(report.to_dict())
        return
    verb = "created" if report.created else "opened"
    click.echo(f"{verb} the store at {report.store_path}")
    click.echo(
        f"seed corpus: {report.seeds_added} document(s) added, {report.seeds_known} already there"
    )
    click.echo(f"default feeds: {report.feeds_added} added, {report.feeds_known} already there")


def _event_line(event: RecordedEvent) -> str:
    payload = json.dumps(event.payload, ensure_ascii=False)
    if len(payload) > 120:
        payload = payload[:117] + "..."
    return (
        f"{event.position:>8}  {event.recorded_at[:19]}Z  {event.event_type:<22} "
        f"{event.stream_id}@{event.stream_version}  {payload}"
    )


def _print_events(events: Iterable[RecordedEvent], as_json: bool) -> int:
    last = 0
    for event in events:
        if as_json:
            emit_json(event.to_dict())
        else:
            click.echo(_event_line(event))
        last = event.position
    sys.stdout.flush()
    return last


@click.command()
@click.option("--type", "types", multiple=True, help="Only events of this type (repeatable).")
@click.option("--stream", help="Only events of this stream.")
@click.option("--since", type=click.IntRange(min=0), help="Only events after this position.")
@click.option(
    "--limit", type=click.IntRange(min=1), help="At most N events (the newest N without --since)."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--follow", "-f", is_flag=True, help="Keep printing new events as they arrive.")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=1.0,
    show_default=True,
    help="Seconds between checks with --follow.",
)
@pass_state
def events(
    state: CLIState,
    types: tuple[str, ...],
    stream: str | None,
    since: int | None,
    limit: int | None,
    as_json: bool,
    follow: bool,
    interval: float,
) -> None:
    """Print the event log, newest last.

    \b
    Examples:
      monitor events --limit 20
      monitor events --type CorpusDocumentAdded --json
      monitor events --since 1200 --follow
    """
    with state.monitor() as app:
        type_filter = list(types) or None
        last = _print_events(
            app.events(types=type_filter, stream_id=stream, since=since, limit=limit), as_json
        )
        if not follow:
            return
        position = max(last, since or 0) if last else (since or app.store.last_position())
        try:
            while True:
                time.sleep(interval)
                reached = _print_events(
                    app.events(types=type_filter, stream_id=stream, since=position), as_json
                )
                position = max(position, reached)
        except KeyboardInterrupt:
            return


@click.command()
@click.option("--projection", "names", multiple=True, help="Only this read model (repeatable).")
@click.option(
    "--json", "as_json", is_flag=True, help="Print events handled per read model as JSON."
)
@pass_state
def rebuild(state: CLIState, names: tuple[str, ...], as_json: bool) -> None:
    """Drop read models and rebuild them by replaying the whole event log.

    \b
    Examples:
      monitor rebuild
      monitor rebuild --projection corpus
    """
    with state.monitor() as app, progress_bar("{task.description}", not as_json) as bar:
        tasks: dict[str, Any] = {}

        def progress(name: str, position: int, last: int) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(f"rebuilding {name}", total=last)
            bar.update(tasks[name], completed=position, total=last)

        handled = app.rebuild(list(names) or None, progress)
    if as_json:
        emit_json(handled)
        return
    for name, count in handled.items():
        click.echo(f"rebuilt {name}: {count:,} event(s) replayed")
