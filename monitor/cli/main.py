"""The ``monitor`` command: a thin layer over ``monitor.app``, one command per use case."""

from __future__ import annotations

import importlib
import json
import sys
import time
import traceback
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from events import EventStoreError, RecordedEvent
from monitor import __version__
from monitor.cli_support import CLIState, current, emit_json, pass_state, progress_bar, stdout
from monitor.errors import MonitorError
from monitor.feed_admin import (
    add_default_feeds,
    add_feed,
    enable_feed,
    export_opml,
    feed_rows,
    import_opml,
    remove_feed,
)
from monitor.heartbeat import read_heartbeat
from monitor.settings import parse_duration


class LazyGroup(click.Group):
    """A group whose commands in other modules are imported only when run or listed.

    ``monitor health`` runs every few seconds under a container's HEALTHCHECK; it
    should not pay for importing the assessment stack (about a second).
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, _, name = target.partition(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command


LAZY_COMMANDS = {
    "check": "monitor.cli_assessment:check",
    "updates": "monitor.cli_assessment:updates",
    "rescore": "monitor.cli_assessment:rescore",
    "corpus": "monitor.cli_assessment:corpus",
    "run": "monitor.cli_daemon:run",
    "health": "monitor.cli_daemon:health",
    "digest": "monitor.cli_digest:digest",
    "demo": "monitor.cli_demo:demo",
}


@click.group(
    cls=LazyGroup,
    lazy=LAZY_COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The event store file (env MONITOR_DB; default under $XDG_DATA_HOME/ai-act-monitor).",
)
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A TOML settings file laid over the bundled defaults (env MONITOR_CONFIG).",
)
@click.option("-v", "--verbose", is_flag=True, help="Debug logging, and tracebacks on errors.")
@click.option(
    "--log-json/--no-log-json",
    default=None,
    help="Log JSON lines to stderr (env MONITOR_LOG_JSON).",
)
@click.version_option(__version__, prog_name="ai-act-monitor")
@click.pass_context
def cli(
    ctx: click.Context, db: Path | None, config: Path | None, verbose: bool, log_json: bool | None
) -> None:
    """Monitor news feeds for updates on the EU AI Act, as an event-sourced log.

    \b
    Examples:
      monitor init                      create the store and load the seed corpus
      monitor status --json             what the store holds
      monitor events --limit 20         the newest 20 events
      monitor --db /data/m.db rebuild   rebuild every read model from the log
    """
    state = CLIState(db=db, config=config, verbose=verbose, log_json=log_json)
    current[:] = [state]
    ctx.obj = state


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@pass_state
def init(state: CLIState, as_json: bool) -> None:
    """Create the store and record the seed corpus (safe to run again).

    \b
    Example:
      monitor --db ./monitor.db init
    """
    with state.monitor(create=True) as app:
        report = app.init()
        feeds_added, feeds_known = add_default_feeds(app)
    if as_json:
        emit_json({**asdict(report), "feeds_added": feeds_added, "feeds_known": feeds_known})
        return
    verb = "created" if report.created else "opened"
    click.echo(f"{verb} the store at {report.store_path}")
    click.echo(
        f"seed corpus: {report.seeds_added} document(s) added, {report.seeds_known} already there"
    )
    click.echo(f"default feeds: {feeds_added} added, {feeds_known} already there")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as one JSON object.")
@pass_state
def status(state: CLIState, as_json: bool) -> None:
    """Show the store: path, event counts, last position, read models and their lag.

    \b
    Example:
      monitor status --json | jq .events
    """
    with state.monitor() as app:
        info = app.status()
        counts = app.query(
            "SELECT (SELECT count(*) FROM items) AS items, "
            "(SELECT count(*) FROM articles) AS articles, "
            "(SELECT count(*) FROM items WHERE extraction = 'failed') AS extraction_failed, "
            "(SELECT count(*) FROM assessments) AS assessed, "
            "(SELECT count(*) FROM updates) AS updates"
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
    beat = read_heartbeat(state.settings().store_path())
    info["counts"] = counts
    info["last_digest"] = last_digest[0] if last_digest else None
    info["deliveries_owed"] = owed
    info["feeds"] = [
        {
            key: row[key]
            for key in (
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
        }
        for row in feeds_state
    ]
    info["daemon"] = (
        {"state": "never started"}
        if beat is None
        else {
            "state": beat.state,
            "pid": beat.pid,
            "heartbeat_at": beat.at.isoformat(),
            "started_at": beat.started_at.isoformat(),
            "feeds_scheduled": beat.feeds,
        }
    )
    if as_json:
        emit_json(info)
        return
    console = stdout()
    daemon = info["daemon"]
    console.print(
        f"daemon         {daemon['state']}"
        + (f" (pid {daemon['pid']}, heartbeat {daemon['heartbeat_at']})" if beat else "")
    )
    console.print(
        f"items          {counts['items']:,} ({counts['articles']:,} extracted, "
        f"{counts['extraction_failed']:,} failed); {counts['assessed']:,} assessed, "
        f"{counts['updates']:,} update(s) flagged"
    )
    digest = info["last_digest"]
    console.print(
        "last digest    "
        + (
            f"{digest['digest_id']} at {digest['published_at'][:16]}: {digest['updates']} "
            f"update(s), {digest['label']}"
            if digest
            else "none published yet"
        )
    )
    for delivery in owed:
        console.print(
            f"  owed: {delivery['channel']} of {delivery['digest_id']} {delivery['status']} "
            f"({delivery['last_reason']}, {delivery['attempts']} attempt(s)); "
            f"next {delivery['next_attempt_at'] or 'never'}",
            style="yellow",
        )
    console.print(f"store          {info['store']} ({info['store_bytes']:,} bytes)")
    console.print(f"events         {info['events']:,} (last position {info['last_position']:,})")
    console.print(f"corpus         {info['corpus_documents']} document(s)")
    if info["unknown_event_types"]:
        console.print(f"unknown types  {', '.join(info['unknown_event_types'])}", style="yellow")
    table = Table("event type", "count", box=None, pad_edge=False)
    for name, count in info["event_types"].items():
        table.add_row(name, f"{count:,}")
    console.print(table)
    if feeds_state:
        console.print(_feeds_table(feeds_state))
    table = Table("read model", "checkpoint", "behind", "version", box=None, pad_edge=False)
    for p in info["projections"]:
        table.add_row(p["name"], f"{p['position']:,}", f"{p['behind']:,}", str(p["version"]))
    console.print(table)


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


@cli.command()
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


@cli.command()
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


@cli.group()
def feeds() -> None:
    """Manage the monitored feeds: add, list, remove, enable, import and export OPML.

    \b
    Examples:
      monitor feeds add https://example.org/feed.xml --name Example --tag ai-act
      monitor feeds list --json
      monitor feeds import subscriptions.opml
    """


def _duration(_ctx: click.Context, _param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@feeds.command("add")
@click.argument("url")
@click.option("--name", default="", help="A name to show (default: the host).")
@click.option(
    "--interval", callback=_duration, help="How often to poll: 90s, 15m, 1h, 1d (default 60m)."
)
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--language", default="", help="The feed's language, e.g. en, nl, de, fr.")
@click.option(
    "--ignore-validators", is_flag=True, help="Never send If-None-Match/If-Modified-Since."
)
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@pass_state
def feeds_add(
    state: CLIState,
    url: str,
    name: str,
    interval: float | None,
    tags: tuple[str, ...],
    language: str,
    ignore_validators: bool,
    as_json: bool,
) -> None:
    """Add a feed to monitor (recorded as a FeedAdded event).

    \b
    Example:
      monitor feeds add https://example.org/ai-act/feed --interval 2h --tag ai-act
    """
    with state.monitor() as app:
        outcome = add_feed(
            app,
            url,
            name=name,
            interval_seconds=interval,
            tags=list(tags),
            language=language,
            ignore_validators=ignore_validators,
        )
    if as_json:
        emit_json(asdict(outcome))
    elif outcome.added:
        click.echo(f"added {outcome.feed_id} {outcome.url}")
    else:
        click.echo(f"not added: {outcome.url} is {outcome.reason} ({outcome.feed_id})")


@feeds.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the feeds as a JSON array.")
@click.option("--all", "include_removed", is_flag=True, help="Include removed feeds.")
@pass_state
def feeds_list(state: CLIState, as_json: bool, include_removed: bool) -> None:
    """List the feeds with their polling state.

    \b
    Example:
      monitor feeds list --json | jq '.[] | select(.consecutive_failures > 0)'
    """
    with state.monitor() as app:
        rows = feed_rows(app, include_removed=include_removed)
    if as_json:
        emit_json(rows)
        return
    stdout().print(_feeds_table(rows))


def _feeds_table(rows: list[dict[str, Any]]) -> Table:
    """The feeds with their polling state, as ``feeds list`` and ``status`` show them."""
    table = Table(
        "id",
        "name",
        "status",
        "last poll",
        "result",
        "failures",
        "backoff",
        "next poll",
        "items",
        box=None,
        pad_edge=False,
    )
    for row in rows:
        backoff = row.get("backoff_seconds")
        table.add_row(
            row["feed_id"],
            (row["name"] or "")[:40],
            row["status"],
            (row["last_polled_at"] or "never")[:16],
            row["last_outcome"] or "",
            str(row["consecutive_failures"] or 0),
            "" if backoff is None else f"{backoff / 60:.0f} min",
            (row["next_poll_at"] or "")[:16],
            str(row["items_total"] or 0),
        )
    return table


@feeds.command("remove")
@click.argument("url_or_id")
@pass_state
def feeds_remove(state: CLIState, url_or_id: str) -> None:
    """Stop monitoring a feed (its items stay in the log).

    \b
    Example:
      monitor feeds remove 3f2a9c1b7d0e
    """
    with state.monitor() as app:
        row = remove_feed(app, url_or_id)
    click.echo(f"removed {row['feed_id']} {row['url']}")


@feeds.command("enable")
@click.argument("url_or_id")
@pass_state
def feeds_enable(state: CLIState, url_or_id: str) -> None:
    """Poll a gone (410) or failing feed again at the next pass.

    \b
    Example:
      monitor feeds enable https://example.org/feed.xml
    """
    with state.monitor() as app:
        row = enable_feed(app, url_or_id)
    click.echo(f"enabled {row['feed_id']} {row['url']}")


@feeds.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print each feed's outcome as JSON.")
@pass_state
def feeds_import(state: CLIState, file: Path, as_json: bool) -> None:
    """Add every feed of an OPML file (feeds already monitored are skipped).

    \b
    Example:
      monitor feeds import ~/Downloads/feeds.opml
    """
    with state.monitor() as app:
        outcomes = import_opml(app, file.read_bytes(), str(file))
    if as_json:
        emit_json([asdict(o) for o in outcomes])
        return
    added = sum(o.added for o in outcomes)
    click.echo(f"imported {added} feed(s), skipped {len(outcomes) - added}")
    for outcome in outcomes:
        if not outcome.added:
            click.echo(f"  skipped {outcome.url}: {outcome.reason}")


@feeds.command("export")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@pass_state
def feeds_export(state: CLIState, output: Path | None) -> None:
    """Write the monitored feeds as OPML 2.0.

    \b
    Example:
      monitor feeds export --output feeds.opml
    """
    with state.monitor() as app:
        document = export_opml(app)
    if output is None:
        click.echo(document, nl=False)
    else:
        output.write_text(document, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@cli.command()
@click.option("--feed", "feed_ids", multiple=True, help="Poll this feed (id or URL; repeatable).")
@click.option("--all", "all_feeds", is_flag=True, help="Poll every active feed, due or not.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@pass_state
def poll(state: CLIState, feed_ids: tuple[str, ...], all_feeds: bool, as_json: bool) -> None:
    """One pass over the due feeds: fetch, parse, discover new items, extract articles.

    Exits 0 when the pass ran, even if some feeds failed (each failure is an event).

    \b
    Examples:
      monitor poll
      monitor poll --all --json
      monitor poll --feed 3f2a9c1b7d0e
    """
    from monitor.poll import Poller  # noqa: PLC0415 (the fetch and assessment stack)

    with state.monitor() as app:
        poller = Poller(app)
        try:
            with progress_bar("polling", not as_json) as bar:
                task = bar.add_task("poll", total=None)

                def progress(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                summary = poller.run(list(feed_ids), all_feeds, progress)
        finally:
            poller.close()
    if as_json:
        emit_json(summary.to_dict())
        return
    click.echo(
        f"feeds polled {summary.feeds}: fetched {summary.fetched}, "
        f"not modified {summary.not_modified}, failed {summary.failed}, gone {summary.gone}"
    )
    click.echo(
        f"new items {summary.new_items}: extracted {summary.extracted} "
        f"(from the feed's text: {summary.fallbacks}), failed {summary.extraction_failed}"
    )
    if summary.assessed:
        verdicts = ", ".join(f"{k} {v}" for k, v in sorted(summary.verdicts.items()))
        click.echo(f"assessed {summary.assessed}: {verdicts}")
    for flagged in summary.flagged:
        click.echo(f"  update: {flagged['title']} ({flagged['item_id']})")
    for failure in summary.failures:
        click.echo(f"  failed {failure['feed_id']} {failure['reason']}: {failure['detail']}")
    for skipped in summary.skipped:
        click.echo(f"  skipped {skipped['feed_id']}: {skipped['status']}")


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; errors become one line on stderr (a traceback with -v) and an exit code."""
    current.clear()
    try:
        result = cli.main(args=argv, prog_name="monitor", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo("interrupted", err=True)
        sys.exit(130)
    except (MonitorError, EventStoreError, OSError) as exc:
        if current and current[0].verbose:
            traceback.print_exc()
        click.echo(f"error: {exc}", err=True)
        sys.exit(getattr(exc, "exit_code", 1))
    sys.exit(result if isinstance(result, int) else 0)
