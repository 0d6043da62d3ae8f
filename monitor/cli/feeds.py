"""Commands on the feeds: ``feeds add|list|remove|enable|import|export`` and ``poll``."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from monitor.cli.support import CLIState, emit_json, pass_state, progress_bar, stdout
from monitor.ingest import (
    add_feed,
    enable_feed,
    export_opml,
    import_opml,
    remove_feed,
)
from monitor.ingest.summary import diagnosis
from monitor.settings import parse_duration
from monitor.views import feed_rows


@click.group()
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
    stdout().print(feeds_table(rows))


def feeds_table(rows: list[dict[str, Any]]) -> Table:
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


@click.command()
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
    from monitor.ingest import Poller  # noqa: PLC0415 (the fetch and assessment stack)

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
        next_due = app.query("SELECT min(next_poll_at) AS at FROM feeds WHERE status = 'active'")[
            0
        ]["at"]
    if as_json:
        emit_json(summary.to_dict())
        return
    if not summary.feeds and not feed_ids and not all_feeds:
        click.echo(
            "no feed is due"
            + (f"; the next is due at {str(next_due)[:16]} UTC" if next_due else "")
            + " (monitor poll --all polls every active feed now)"
        )
        return
    click.echo(
        f"feeds polled {summary.feeds}: fetched {summary.fetched}, "
        f"not modified {summary.not_modified}, failed {summary.failed}, gone {summary.gone}"
    )
    click.echo(
        f"new items {summary.new_items}: extracted {summary.extracted} "
        f"(from the feed's text: {summary.fallbacks}), failed {summary.extraction_failed}"
    )
    if summary.deferred:
        click.echo(
            f"{summary.deferred} new item(s) left for later passes "
            "(extraction.max_pages_per_feed): their pages are fetched then"
        )
    if summary.assessed:
        verdicts = ", ".join(f"{k} {v}" for k, v in sorted(summary.verdicts.items()))
        click.echo(f"assessed {summary.assessed}: {verdicts}")
    if summary.baseline:
        click.echo(
            f"baseline: {summary.baseline} update(s) in new feeds' backlog learned as "
            "corpus, not flagged"
        )
    for flagged in summary.flagged:
        click.echo(f"  update: {flagged['title']} ({flagged['item_id']})")
    diagnosed = diagnosis(summary)
    if diagnosed:
        click.echo(diagnosed, err=True)
    for failure in summary.failures:
        click.echo(f"  failed {failure['feed_id']} {failure['reason']}: {failure['detail']}")
    for skipped in summary.skipped:
        click.echo(f"  skipped {skipped['feed_id']}: {skipped['status']}")
