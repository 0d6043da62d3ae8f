"""Looking after the store file: what a database error means, a health check, a backup.

A damaged store must never answer with a traceback: ``describe_database_error``
turns SQLite's errors into one line that names the file, says what is wrong
and what to do. ``doctor`` runs SQLite's own checks and the store's, and
``backup`` copies a live store with SQLite's online backup API (the daemon may
go on writing meanwhile).
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from monitor.errors import MonitorError

#: What to do about a store whose file is damaged.
RECOVER = (
    "restore the last backup (`monitor backup` makes one), or salvage what is left with "
    "`sqlite3 STORE .recover | sqlite3 NEW` and then `monitor --db NEW rebuild`"
)


def describe_database_error(path: Path, exc: sqlite3.Error) -> str:
    """One line for people: the file, what is wrong with it, and what to do."""
    text = str(exc)
    lower = text.lower()
    if "not a database" in lower:
        return f"{path} is not a monitor store ({text}); is --db / MONITOR_DB the right file?"
    if "malformed" in lower or "corrupt" in lower:
        return f"the store {path} is damaged ({text}): `monitor doctor` checks it; {RECOVER}"
    if "disk is full" in lower or "disk i/o" in lower:
        return (
            f"cannot write the store {path} ({text}): nothing committed is lost; free space "
            "and run the command again"
        )
    if "readonly" in lower or "read-only" in lower:
        return f"the store {path} is read-only ({text}): this command writes to it"
    if "locked" in lower or "busy" in lower:
        return (
            f"the store {path} is locked by another process ({text}); try again, or raise "
            "store.busy_timeout_ms"
        )
    return f"the store {path} could not be used: {text}"


class StoreDamagedError(MonitorError):
    """The store file is damaged, not a store, full or locked; the message says which."""


@dataclass
class DoctorReport:
    """What ``monitor doctor`` found (stable keys for --json)."""

    store: str
    healthy: bool = True
    checks: list[dict[str, Any]] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, detail: str, advice: str = "") -> None:
        """Record one check; a failed one makes the store unhealthy and may advise."""
        self.checks.append({"check": name, "ok": ok, "detail": detail})
        if not ok:
            self.healthy = False
            if advice and advice not in self.advice:
                self.advice.append(advice)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


def doctor(path: Path) -> DoctorReport:
    """Check a store without changing it: the file, SQLite's integrity, the log, the read models."""
    report = DoctorReport(str(path))
    if not path.exists():
        report.add("file", False, f"no store at {path}", "create it with `monitor init`")
        return report
    size = path.stat().st_size
    if size == 0:
        report.add("file", False, "the file is empty", "create the store with `monitor init`")
        return report
    report.add("file", True, f"{size:,} bytes")
    from events.sqlite import connect_read_only  # noqa: PLC0415 (`health` imports this module)

    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        report.add("open", False, str(exc), RECOVER)
        return report
    try:
        _check(conn, report)
    except sqlite3.Error as exc:
        report.add("read", False, describe_database_error(path, exc), RECOVER)
    finally:
        conn.close()
    return report


def _check(conn: sqlite3.Connection, report: DoctorReport) -> None:
    problems = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
    intact = problems == ["ok"]
    detail = "ok" if intact else "; ".join(problems[:5])
    report.add("integrity", intact, detail, RECOVER)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "events" not in tables:
        report.add("log", False, "no events table: not a monitor store", "check --db / MONITOR_DB")
        return
    last = conn.execute("SELECT COALESCE(MAX(position), 0), COUNT(*) FROM events").fetchone()
    report.add("log", True, f"{last[1]:,} events, last position {last[0]:,}")
    guarded = {"events_are_immutable", "events_are_never_deleted"} <= tables
    report.add(
        "append-only",
        guarded,
        "the triggers that refuse UPDATE and DELETE of events are there"
        if guarded
        else "a trigger that keeps the log append-only is missing",
        "the log may have been edited by hand: compare it with a backup before trusting it",
    )
    if "projection_checkpoints" in tables:
        behind = [
            f"{name} ({last[0] - position:,} behind)"
            for name, position in conn.execute(
                "SELECT name, position FROM projection_checkpoints ORDER BY name"
            )
            if position < last[0]
        ]
        report.add(
            "read models",
            not behind,
            "all caught up" if not behind else "behind the log: " + ", ".join(behind),
            "`monitor rebuild` replays the log into them",
        )


@dataclass(frozen=True)
class BackupReport:
    """What ``monitor backup`` wrote."""

    store: str
    backup: str
    bytes: int
    events: int
    intact: bool


def backup(path: Path, target: Path, *, overwrite: bool = False) -> BackupReport:
    """Copy the store with SQLite's online backup API, then check the copy."""
    if not path.exists():
        raise MonitorError(f"no store at {path} to back up")
    if path.stat().st_size == 0:
        raise MonitorError(f"{path} is an empty file, not a monitor store: nothing to back up")
    if target.exists() and not overwrite:
        raise MonitorError(f"{target} exists; give another file or --force")
    if target.resolve() == path.resolve():
        raise MonitorError("the backup must be another file than the store")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    from events.sqlite import connect_read_only  # noqa: PLC0415 (`health` imports this module)

    try:
        source = connect_read_only(path, busy_timeout_ms=30_000)
        copy = sqlite3.connect(partial)
        try:
            # Pages in steps, so that a daemon writing meanwhile waits only briefly.
            source.backup(copy, pages=1024, sleep=0.01)
            intact = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            events = int(copy.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        finally:
            copy.close()
            source.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise StoreDamagedError(describe_database_error(path, exc)) from None
    partial.replace(target)
    return BackupReport(str(path), str(target), target.stat().st_size, events, intact)


def backup_dict(report: BackupReport) -> dict[str, Any]:
    """JSON-ready."""
    return asdict(report)
