"""``monitor digest``: preview, publish, list, show and re-deliver digests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from rich.table import Table

from monitor.cli.support import WHEN_FORMS, CLIState, emit_json, pass_state, stdout, when_option
from monitor.digest import PERIODS, DeliveryOutcome, Digests
from monitor.digest.render import FORMATS, render
from monitor.errors import MonitorError


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}", err=True)


def _report(outcomes: list[DeliveryOutcome]) -> None:
    for o in outcomes:
        if o.delivered:
            click.echo(f"  {o.channel}: delivered to {o.target}", err=True)
        else:
            retry = f"; retried at {o.next_attempt_at}" if o.next_attempt_at else "; given up"
            click.echo(f"  {o.channel}: FAILED ({o.reason}) {o.detail}{retry}", err=True)


@click.group(invoke_without_command=True)
@click.option(
    "--since",
    callback=when_option,
    help=f"Updates flagged from this moment ({WHEN_FORMS}).",
)
@click.option(
    "--period",
    type=click.Choice(sorted(PERIODS)),
    help="Updates flagged in the last day or week.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="md",
    show_default=True,
    help="Markdown, HTML (browser and email), an Atom feed, or JSON.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--publish",
    is_flag=True,
    help="Record it as DigestPublished and deliver it (files, email, Apprise).",
)
@pass_state
@click.pass_context
def digest(
    ctx: click.Context,
    state: CLIState,
    since: datetime | None,
    period: str | None,
    fmt: str,
    output: Path | None,
    publish: bool,
) -> None:
    """Make a digest of the flagged updates, grouped by the story they follow.

    Without --since or --period it covers what is new since the last published
    digest (everything, before the first). Without --publish it is a preview:
    nothing is recorded or sent. `monitor run` publishes on digest.schedule.

    \b
    Examples:
      monitor digest                            preview what the next digest will say
      monitor digest --period week --format html -o week.html
      monitor digest --format atom -o updates.atom
      monitor digest --publish                  publish and deliver it now
      monitor digest list                       digests published and their deliveries
    """
    if ctx.invoked_subcommand is not None:
        return
    if since and period:
        raise click.UsageError("give --since or --period, not both")
    with state.monitor() as app:
        digests = Digests(app)
        window = digests.window(since=since, period=period)
        made = digests.collect(window)
        if publish:
            outcomes = digests.publish(made, window, trigger="command")
            if outcomes is None:
                raise MonitorError(f"a digest {made.digest_id} was already published this second")
            click.echo(
                f"published digest {made.digest_id}: {made.update_count} update(s), {made.label}",
                err=True,
            )
            _report(outcomes)
    _write(render(made, fmt, app.settings.digest.max_sentences), output)


@digest.command("list")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print digests and deliveries as JSON.")
@pass_state
def digest_list(state: CLIState, limit: int, as_json: bool) -> None:
    """The digests published, newest first, with each delivery's state.

    \b
    Example:
      monitor digest list --json | jq '.[] | select(.deliveries[].status != "delivered")'
    """
    with state.monitor() as app:
        rows = Digests(app).listing(limit)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("no digest published yet")
        return
    table = Table("digest", "published", "updates", "covers", "deliveries", box=None)
    for row in rows:
        deliveries = ", ".join(
            f"{d['channel']} {d['status']}"
            + (f" ({d['attempts']} tries)" if d["attempts"] and d["attempts"] > 1 else "")
            for d in row["deliveries"]
        )
        table.add_row(
            row["digest_id"],
            row["published_at"][:16],
            str(row["updates"]),
            row["label"],
            deliveries,
        )
    stdout().print(table)


@digest.command("show")
@click.argument("digest_id")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@pass_state
def digest_show(state: CLIState, digest_id: str, fmt: str, output: Path | None) -> None:
    """Render a published digest again, exactly as it was published.

    \b
    Example:
      monitor digest show 20261124T070000Z --format html -o digest.html
    """
    with state.monitor() as app:
        made = Digests(app).published_digest(digest_id)
        sentences = app.settings.digest.max_sentences
    _write(render(made, fmt, sentences), output)


@digest.command("retry")
@click.option("--json", "as_json", is_flag=True, help="Print each attempt as JSON.")
@pass_state
def digest_retry(state: CLIState, as_json: bool) -> None:
    """Deliver now every digest delivery still owed (failed or pending), due or not.

    Exits 1 when an attempt failed (it stays owed, and the daemon retries it).

    \b
    Example:
      monitor digest retry
    """
    with state.monitor() as app:
        outcomes = Digests(app).deliver(force=True)
    if as_json:
        emit_json([o.__dict__ for o in outcomes])
    elif not outcomes:
        click.echo("no delivery owed")
    else:
        _report(outcomes)
    if any(not o.delivered for o in outcomes):
        raise SystemExit(1)
