"""The ``monitor`` command group: global options, the command table, errors as exit codes."""

from __future__ import annotations

import importlib
import sqlite3
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from events import EventStoreError
from monitor import __version__
from monitor.cli.support import CLIState, current
from monitor.errors import MonitorError
from monitor.store_care import describe_database_error


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
    "init": "monitor.cli.store:init",
    "events": "monitor.cli.store:events",
    "rebuild": "monitor.cli.store:rebuild",
    "status": "monitor.cli.status:status",
    "feeds": "monitor.cli.feeds:feeds",
    "poll": "monitor.cli.feeds:poll",
    "check": "monitor.cli.assessment:check",
    "updates": "monitor.cli.assessment:updates",
    "rescore": "monitor.cli.assessment:rescore",
    "corpus": "monitor.cli.assessment:corpus",
    "mark": "monitor.cli.feedback:mark",
    "article": "monitor.cli.feedback:article",
    "run": "monitor.cli.daemon:run",
    "worker": "monitor.cli.daemon:worker",
    "health": "monitor.cli.daemon:health",
    "digest": "monitor.cli.digest:digest",
    "demo": "monitor.cli.demo:demo",
    "serve": "monitor.cli.web:serve",
    "doctor": "monitor.cli.care:doctor",
    "backup": "monitor.cli.care:backup",
    "copy": "monitor.cli.care:copy",
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


def _store_of_this_run() -> Path:
    """The store the failed command used (the settings were read, or no store was opened)."""
    try:
        return current[0].settings().store_path() if current else Path("the store")
    except MonitorError:
        return Path("the store")


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
    except sqlite3.Error as exc:
        # A damaged, full or locked store: one line naming the file, never a traceback.
        if current and current[0].verbose:
            traceback.print_exc()
        click.echo(f"error: {describe_database_error(_store_of_this_run(), exc)}", err=True)
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)
