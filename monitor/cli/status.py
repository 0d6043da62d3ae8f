"""``monitor status``: what the store holds, how the daemon and each feed fare."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from monitor.cli.feeds import feeds_table
from monitor.cli.support import CLIState, emit_json, pass_state, stdout
from monitor.views import status_report


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as one JSON object.")
@pass_state
def status(state: CLIState, as_json: bool) -> None:
    """Show the store: path, event counts, last position, read models and their lag.

    \b
    Example:
      monitor status --json | jq .events
    """
    with state.monitor() as app:
        info, feeds_state = status_report(app)
    if as_json:
        emit_json(info)
        return
    print_status(info, feeds_state)


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
    if daemon.get("trouble"):
        console.print(f"               cannot record its work: {daemon['trouble']}", markup=False)
    cluster = info.get("cluster")
    if cluster is not None:
        live = [w for w in cluster["workers"] if not w["stale"]]
        depth = ", ".join(
            f"{name} {state['todo']} waiting/{state['doing']} running"
            for name, state in sorted(cluster["queues"].items())
        )
        console.print(
            f"workers        {len(live)} alive ({len(cluster['workers']) - len(live)} stale); "
            f"queue: {depth or 'empty'}"
            + (f"; {cluster['failed']} failed job(s)" if cluster["failed"] else "")
        )
    console.print(
        f"items          {counts['items']:,} ({counts['articles']:,} extracted, "
        f"{counts['extraction_failed']:,} failed); {counts['assessed']:,} assessed, "
        f"{counts['updates']:,} update(s) flagged"
    )
    if counts["pending_extraction"] or counts["pending_assessment"]:
        oldest = counts["oldest_pending_at"]
        console.print(
            f"waiting        {counts['pending_extraction']:,} item(s) to extract"
            + (f" (oldest found {oldest[:19]})" if oldest else "")
            + f", {counts['pending_assessment']:,} article(s) to assess"
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
