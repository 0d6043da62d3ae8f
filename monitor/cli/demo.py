"""``monitor demo``: the first command a newcomer runs."""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path

import click

from monitor.cli.support import CLIState, emit_json, pass_state, working
from monitor.demo import run_demo
from monitor.logging import configure_logging


@click.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to put the demo's store and digest (default: a new temporary folder).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as one JSON object.")
@pass_state
def demo(state: CLIState, directory: Path | None, as_json: bool) -> None:
    """Run the whole monitor offline on bundled SAMPLE feeds served on 127.0.0.1.

    Serves two made-up feeds and their article pages on a local port, then
    polls, extracts, assesses against the seed corpus and writes a digest into
    a new store of its own (your settings and store are not touched).

    \b
    Examples:
      monitor demo
      monitor demo --dir ./demo && monitor --db ./demo/monitor.db updates
    """
    settings = state.settings()  # the demo ignores the other settings: it is hermetic
    # The demo prints its own summary; its log is shown with -v only.
    configure_logging("DEBUG" if state.verbose else "WARNING", settings.logging.json_lines)
    if directory is None:
        directory = Path(tempfile.mkdtemp(prefix="ai-act-monitor-demo-"))
    elif (directory / "monitor.db").exists():
        raise click.UsageError(f"{directory} already holds a demo store; give an empty folder")
    with working("demo: starting", enabled=not as_json) as spinner:

        def step(message: str) -> None:
            if spinner is not None:
                spinner.update(f"demo: {message}")

        report = run_demo(directory, progress=step)
    if as_json:
        emit_json(asdict(report))
        return
    click.echo(
        f"demo: {report.feeds} SAMPLE feeds with {report.articles} made-up articles, "
        f"served on {report.served_at}"
    )
    click.echo("verdicts (article: verdict, expected in brackets):")
    for title, verdict in report.verdicts.items():
        expected = report.expected.get(title, "?")
        mark = "" if verdict == expected else "   <- differs from the expected verdict"
        click.echo(f"  {verdict:<10} [{expected}] {title}{mark}")
    click.echo(f"flagged as updates on the AI Act: {len(report.flagged)}")
    for flagged in report.flagged:
        click.echo(f"  * {flagged['title']} ({flagged['source']})")
        click.echo(f"    {flagged['why']}")
        for sentence in flagged["new_sentences"]:
            click.echo(f"    new: {sentence[:140]}")
    click.echo(f"digest {report.digest_id}:")
    for path in report.digest_files:
        click.echo(f"  {path}")
    click.echo(f"store: {report.store}")
    click.echo(f"next: monitor --db {report.store} updates   (or: digest, status, events)")
