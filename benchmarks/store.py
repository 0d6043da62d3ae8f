"""The event store's speed and memory: appends against raw sqlite3, and a 1M-event replay.

    python -m benchmarks.store [--events N] [--replay N]

Prints events/s for single and batched appends with the raw baselines measured in
the same run on the same schema, then the wall time and peak RSS of rebuilding a
projection from N events (in a child process, so its peak memory is its own).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import peak_rss_mb, report, timed, verdict
from events import NewEvent, ProjectionRunner, RecordedEvent, SQLiteEventStore
from events.sql import Database
from events.store import new_event_id

PAYLOAD = {"feed": "feed-4f1c2a", "url": "https://example.org/news/ai-act-update", "n": 0}


def fresh_store(folder: Path, name: str) -> SQLiteEventStore:
    """A new store file in the benchmark's folder."""
    return SQLiteEventStore(folder / f"{name}.db")


def raw_rows(count: int, stream: str) -> list[tuple[object, ...]]:
    """Rows as the raw baseline inserts them: already serialised, nothing left to do.

    The ids come from the store's own generator, so both sides write the same index.
    """
    payload = json.dumps(PAYLOAD)
    return [
        (
            new_event_id(),
            stream,
            v,
            "ItemSeen",
            1,
            payload,
            "2026-01-01T00:00:00Z",
            None,
            None,
            None,
            "{}",
        )
        for v in range(1, count + 1)
    ]


INSERT = (
    "INSERT INTO events (event_id, stream_id, stream_version, event_type, schema_version, "
    "payload, recorded_at, correlation_id, causation_id, idempotency_key, metadata) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def raw_connection(folder: Path, name: str) -> sqlite3.Connection:
    """A plain sqlite3 connection on a store file made by the store (same schema, pragmas)."""
    fresh_store(folder, name).close()
    conn = sqlite3.connect(folder / f"{name}.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def bench_single(folder: Path, count: int) -> tuple[float, float]:
    """One event per transaction: ours, and raw sqlite3 doing the same check and insert."""
    store = fresh_store(folder, "single")
    with timed() as t:
        for i in range(count):
            store.append(f"s{i % 100}", [NewEvent("ItemSeen", {**PAYLOAD, "n": i})])
    ours = count / t[0]
    conn = raw_connection(folder, "single-raw")
    rows = raw_rows(count, "s")
    with timed() as t:
        for row in rows:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("SELECT MAX(stream_version) FROM events WHERE stream_id = ?", (row[1],))
            conn.execute(INSERT, row)
            conn.execute("COMMIT")
    return ours, count / t[0]


def bench_batched(folder: Path, batches: int, size: int = 1000) -> tuple[float, float]:
    """Batches of 1,000 events per append, against raw executemany of prepared rows."""
    store = fresh_store(folder, "batched")
    events = [NewEvent("ItemSeen", {**PAYLOAD, "n": i}) for i in range(size)]
    with timed() as t:
        for b in range(batches):
            store.append(f"b{b}", events)
    ours = batches * size / t[0]
    conn = raw_connection(folder, "batched-raw")
    prepared = [raw_rows(size, f"b{b}") for b in range(batches)]
    with timed() as t:
        for rows in prepared:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(INSERT, rows)
            conn.execute("COMMIT")
    return ours, batches * size / t[0]


class FeedTally:
    """A realistic small read model: per stream, events seen and the last item number."""

    name = "feed_tally"
    version = 1
    event_types: tuple[str, ...] | None = ("ItemSeen",)

    def setup(self, db: Database) -> None:
        """Create the table."""
        db.execute(
            "CREATE TABLE IF NOT EXISTS feed_tally (stream_id TEXT PRIMARY KEY, seen INTEGER, "
            "last_n INTEGER, last_url TEXT)"
        )

    def drop(self, db: Database) -> None:
        """Drop the table."""
        db.execute("DROP TABLE IF EXISTS feed_tally")

    def handle(self, db: Database, event: RecordedEvent) -> None:
        """Count the event."""
        db.execute(
            "INSERT INTO feed_tally VALUES (?, 1, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET "
            "seen = feed_tally.seen + 1, last_n = excluded.last_n, last_url = excluded.last_url",
            (event.stream_id, event.payload["n"], event.payload["url"]),
        )


def fill_for_replay(path: Path, count: int) -> None:
    """Write ``count`` events in batches (not timed: the replay is what is measured)."""
    store = SQLiteEventStore(path)
    size = 1000
    for b in range(count // size):
        store.append(
            f"feed-{b % 1000}",
            [NewEvent("ItemSeen", {**PAYLOAD, "n": b * size + i}) for i in range(size)],
        )
    store.close()


def replay_child(path: str) -> None:
    """In a child process: rebuild the projection and print seconds and events as JSON."""
    store = SQLiteEventStore(path)
    runner = ProjectionRunner(store, [FeedTally()], batch_size=2000)
    start = time.perf_counter()
    handled = runner.rebuild()["feed_tally"]
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "events": handled, "peak_rss_mb": peak_rss_mb()}))


def main() -> None:
    """Run the store benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000, help="single appends to time")
    parser.add_argument("--batches", type=int, default=200, help="batches of 1,000 to time")
    parser.add_argument("--replay", type=int, default=1_000_000, help="events to replay")
    parser.add_argument("--replay-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.replay_child:
        replay_child(args.replay_child)
        return
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        folder = Path(tmp)
        print(f"event store benchmark (sqlite {sqlite3.sqlite_version}, {os.cpu_count()} cpus)")
        ours, raw = bench_single(folder, args.events)
        print(f"single appends, one event per transaction ({args.events:,} events)")
        report(
            [
                ("ours", f"{ours:,.0f} events/s"),
                ("raw sqlite3, same statements", f"{raw:,.0f} events/s"),
                ("ratio ours/raw", f"{ours / raw:.2f}"),
                ("target >= 10,000 events/s", verdict(ours >= 10_000)),
            ]
        )
        ours, raw = bench_batched(folder, args.batches)
        print(f"batched appends, 1,000 events per transaction ({args.batches * 1000:,} events)")
        report(
            [
                ("ours", f"{ours:,.0f} events/s"),
                ("raw sqlite3.executemany", f"{raw:,.0f} events/s"),
                ("ratio ours/raw", f"{ours / raw:.2f}"),
                ("target ratio >= 0.50", verdict(ours / raw >= 0.5)),
            ]
        )
        path = folder / "replay.db"
        with timed() as t:
            fill_for_replay(path, args.replay)
        print(f"replay: rebuild a projection from {args.replay:,} events (filled in {t[0]:.1f} s)")
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.store", "--replay-child", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(done.stdout)
        report(
            [
                ("events replayed", f"{result['events']:,}"),
                ("wall time", f"{result['seconds']:.1f} s"),
                ("events/s", f"{result['events'] / result['seconds']:,.0f}"),
                ("peak RSS of the rebuilding process", f"{result['peak_rss_mb']:.0f} MB"),
                ("target <= 30 s", verdict(result["seconds"] <= 30)),
                ("target <= 300 MB", verdict(result["peak_rss_mb"] <= 300)),
            ]
        )


if __name__ == "__main__":
    main()
