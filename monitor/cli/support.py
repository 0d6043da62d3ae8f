"""What every command of the CLI shares: the global options' state and output helpers."""

from __future__ import annotations

import contextlib
import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.status import Status

from monitor.logging import configure_logging
from monitor.settings import Settings, load_settings
from monitor.times import parse_when, utc_now

if TYPE_CHECKING:
    from monitor.app import Monitor


@dataclass
class CLIState:
    """What the global options said, and the settings read from them."""

    db: Path | None = None
    config: Path | None = None
    verbose: bool = False
    log_json: bool | None = None
    _settings: Settings | None = None

    def settings(self) -> Settings:
        """Load and validate the settings once, with the command line's overrides."""
        if self._settings is None:
            overrides: dict[str, Any] = {}
            if self.db is not None:
                overrides["store.path"] = str(self.db.expanduser().resolve())
                overrides["store.url"] = ""
            if self.log_json is not None:
                overrides["logging.json"] = self.log_json
            self._settings = load_settings(self.config, overrides=overrides)
            level = "DEBUG" if self.verbose else self._settings.logging.level
            configure_logging(level, self._settings.logging.json_lines)
        return self._settings

    def monitor(self, create: bool = False) -> Monitor:
        """Open the application on the configured store."""
        # Imported here: `monitor health` (every few seconds under a container's
        # HEALTHCHECK) opens no store and should not load the whole application.
        from monitor.app import Monitor  # noqa: PLC0415

        return Monitor(self.settings(), create=create)


# The state of the running invocation, so that ``main`` knows whether -v was given.
current: list[CLIState] = []
pass_state = click.make_pass_decorator(CLIState)


def emit_json(value: Any) -> None:
    """One JSON document on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, sort_keys=False))


def stdout() -> Console:
    """The console for a command's human-readable output."""
    return Console(soft_wrap=True)


def progress_bar(label: str, enabled: bool) -> Progress:
    """A progress bar on stderr, shown only on a terminal and never with --json."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not (enabled and sys.stderr.isatty()),
    )


def working(message: str, enabled: bool = True) -> contextlib.AbstractContextManager[Status | None]:
    """A spinner with what is going on, on stderr, only on a terminal and never with --json:
    the seconds a command spends loading the sentence model are not silent."""
    if not (enabled and sys.stderr.isatty()):
        return contextlib.nullcontext()
    return Console(stderr=True).status(message)


WHEN_FORMS = "YYYY-MM-DD, an ISO time, today, yesterday, or an age such as 12h, 7d, 2w"


def when_option(_ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    """A click callback: a moment (``times.parse_when``), or exit 2 naming the option."""
    if not value:
        return None
    try:
        return parse_when(value, utc_now())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a moment ({WHEN_FORMS})") from None


def date_option(_ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    """A click callback: a calendar date as YYYY-MM-DD (or ""), else exit 2 naming the option."""
    if not value:
        return ""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None
