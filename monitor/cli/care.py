"""Looking after the store: ``monitor doctor`` checks it, ``monitor backup`` copies it,
``monitor copy`` moves its log to another database."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from monitor.cli.support import CLIState, emit_json, pass_state
from monitor.errors import MonitorError
from monitor.store_care import backup as backup_store
from monitor.store_care import backup_dict
from monitor.store_care import doctor as check_store


def sqlite_only(state: CLIState, command: str, instead: str) -> None:
    """Stop with what to use instead when the store is on PostgreSQL."""
    if state.settings().store.postgres_url() is not None:
        raise MonitorError(
            f"`monitor {command}` looks after a SQLite store; this one is on PostgreSQL "
            f"(store.url): use {instead} there"
        )


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the checks as one JSON object.")
@pass_state
def doctor(state: CLIState, as_json: bool) -> None:
    """Check the store without changing it, and say how to recover from what is wrong.

    Runs SQLite's integrity check, looks at the log (its events, the triggers
    that keep it append-only) and at the read models' checkpoints. Exits 0 when
    all is well, 1 otherwise.

    \b
    Examples:
      monitor doctor
      monitor --db /data/monitor.db doctor --json
    """
    sqlite_only(state, "doctor", "amcheck and the server's logs")
    report = check_store(state.settings().store_path())
    if as_json:
        emit_json(report.to_dict())
    else:
        for check in report.checks:
            mark = "ok  " if check["ok"] else "FAIL"
            click.echo(f"{mark} {check['check']}: {check['detail']}")
        for advice in report.advice:
            click.echo(f"  -> {advice}")
        click.echo(f"{report.store}: " + ("healthy" if report.healthy else "needs care"))
    sys.exit(0 if report.healthy else 1)


@click.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace TARGET if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
@pass_state
def backup(state: CLIState, target: Path, force: bool, as_json: bool) -> None:
    """Copy the store to TARGET with SQLite's online backup, while the daemon runs.

    The copy is written beside TARGET first and checked (integrity and event
    count) before it takes TARGET's name, so a failed backup never leaves a
    half-written file under that name. Restore by stopping the daemon and
    putting the copy in the store's place.

    \b
    Examples:
      monitor backup /backups/monitor-$(date +%F).db
      monitor --db /data/monitor.db backup /backups/latest.db --force --json
    """
    sqlite_only(state, "backup", "pg_dump, or `monitor copy FILE` for a SQLite copy")
    report = backup_store(state.settings().store_path(), target, overwrite=force)
    if as_json:
        emit_json(backup_dict(report))
        return
    state_word = "checked" if report.intact else "FAILED its integrity check"
    click.echo(
        f"backed up {report.events:,} events ({report.bytes:,} bytes) to {report.backup}: "
        f"{state_word}"
    )
    if not report.intact:
        sys.exit(1)


@click.command()
@click.argument("target")
@click.option(
    "--schema", default="public", show_default=True, help="The PostgreSQL schema of TARGET."
)
@click.option("--json", "as_json", is_flag=True, help="Print what was copied as JSON.")
@pass_state
def copy(state: CLIState, target: str, schema: str, as_json: bool) -> None:
    """Copy the whole log into an empty store TARGET, then build its read models there.

    TARGET is a postgresql:// URL (SQLite to PostgreSQL, when a team outgrows the
    file) or a file path (PostgreSQL, or SQLite, to a SQLite file). Every event keeps
    its position, id, stream version, time and idempotency key, so digests and
    cursors stay valid. Stop the daemon first for a cut-over; then point store.url
    (or --db) at TARGET.

    \b
    Examples:
      monitor copy postgresql://monitor:secret@db.example.org/monitor
      MONITOR_STORE__URL=postgresql://monitor@db/monitor monitor copy /backups/monitor.db
    """
    from monitor.settings import load_settings  # noqa: PLC0415 (only for copy)
    from monitor.store_copy import copy_store  # noqa: PLC0415

    if "://" in target:
        overrides = {"store.url": target, "store.schema": schema}
    else:
        overrides = {"store.url": "", "store.path": str(Path(target).expanduser().resolve())}
    target_settings = load_settings(state.config, overrides=overrides)
    with state.monitor() as app:

        def said(copied: int) -> None:
            if not as_json:
                click.echo(f"  {copied:,} events copied", err=True)

        report = copy_store(app, target_settings, said)
    if as_json:
        emit_json(report.to_dict())
        return
    click.echo(
        f"copied {report.events:,} events from {report.source} to {report.target} in "
        f"{report.seconds:.1f} s; read models built: "
        + ", ".join(f"{name} {n:,}" for name, n in sorted(report.read_models.items()))
    )
