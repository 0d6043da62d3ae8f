"""``monitor status``: what the store holds, how the daemon and each feed fare."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from monitor.cli.feeds import feeds_table
from monitor.cli.support import CLIState, emit_json, pass_state, stdout
from monitor.daemon import read_heartbeat
from monitor.ingest import feed_rows


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as one JSON object.")
@pass_state
def status(state: CLIState, as_json: bool) -> None:
    """Show the store: path, event counts, last position, read models and their lag.

    \b
    Example:
      monitor status --json | jq .events
    """
    info, feeds_state = status_report(state)
    if as_json:
        emit_json(info)
        return
    print_status(info, feeds_state)


def status_report(state: CLIState) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The status as data (the ``--json`` object), and the feeds' full rows for the table."""
    with state.monitor() as app:
        info = app.status()
        counts = app.query(
            "SELECT (SELECT count(*) FROM items) AS items, "
            "(SELECT count(*) FROM articles) AS articles, "
            "(SELECT count(*) FROM items WHERE extraction = 'failed') AS extraction_failed, "
            "(SELECT count(*) FROM assessments) AS assessed, "
            "(SELECT count(*) FROM updates) AS updates, "
            "(SELECT count(*) FROM items WHERE backlog = 1) AS backlog, "
            "(SELECT count(*) FROM assessments WHERE baseline = 1) AS baseline"
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
    return info, feeds_state


def print_status(info: dict[str, Any], feeds_state: list[dict[str, Any]]) -> None:
    """The status for people: one line a subject, then the tables."""
    console = stdout()
    daemon = info["daemon"]
    counts = info["counts"]
    owed = info["deliveries_owed"]
    console.print(
        f"daemon         {daemon['state']}"
        + (f" (pid {daemon['pid']}, heartbeat {daemon['heartbeat_at']})" if "pid" in daemon else "")
    )
    console.print(
        f"items          {counts['items']:,} ({counts['articles']:,} extracted, "
        f"{counts['extraction_failed']:,} failed); {counts['assessed']:,} assessed, "
        f"{counts['updates']:,} update(s) flagged"
    )
    if counts["backlog"]:
        console.print(
            f"baseline       {counts['backlog']:,} item(s) were in their feeds before the "
            f"monitor followed them; {counts['baseline']:,} update(s) among them learned as "
            "corpus, not flagged"
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
        console.print(feeds_table(feeds_state))
    table = Table("read model", "checkpoint", "behind", "version", box=None, pad_edge=False)
    for p in info["projections"]:
        table.add_row(p["name"], f"{p['position']:,}", f"{p['behind']:,}", str(p["version"]))
    console.print(table)
