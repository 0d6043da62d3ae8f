"""The event store on PostgreSQL: appends against SQLite and raw psycopg, and a 1M-event rebuild.

    python -m benchmarks.store_postgres [--url URL] [--events N] [--batches N] [--replay N]

The URL defaults to AI_ACT_MONITOR_TEST_POSTGRES_URL (``scripts/start-postgres`` prints
one). Every figure is measured in this run, on this machine, against a server on
127.0.0.1: single appends (one event per transaction) and batched appends (1,000
per transaction) through ``PostgresEventStore``, through ``SQLiteEventStore``,
and as raw psycopg statements doing the same work on the same table (the stream
version check and the insert, ``executemany`` for a batch); then a projection
rebuilt from N events on PostgreSQL, in a child process so its peak memory is
its own. Each run uses schemas of its own and drops them at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

from benchmarks.common import peak_rss_mb, report, timed
from benchmarks.store import PAYLOAD, FeedTally, fresh_store
from events import NewEvent, ProjectionRunner
from events.postgres import PostgresEventStore
from events.store import new_event_id

RAW_INSERT = (
    "INSERT INTO events (position, event_id, stream_id, stream_version, event_type, "
    "schema_version, payload, recorded_at, correlation_id, causation_id, idempotency_key, "
    "metadata) VALUES (%s, %s, %s, %s, %s, %s, %s::json, now(), NULL, NULL, NULL, '{}'::json)"
)


@contextmanager
def schemas(url: str) -> Iterator[list[str]]:
    """Schema names for this run, dropped when it ends."""
    made: list[str] = []
    try:
        yield made
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            for name in made:
                conn.execute(
                    sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name))
                )


def new_store(url: str, made: list[str], name: str) -> PostgresEventStore:
    schema = f"bench_{name}_{uuid.uuid4().hex[:8]}"
    made.append(schema)
    return PostgresEventStore(url, schema=schema)


def bench_single(url: str, made: list[str], folder: Path, count: int) -> dict[str, float]:
    """Events/s with one event per transaction: ours on PostgreSQL and SQLite, raw psycopg."""
    rates: dict[str, float] = {}
    for name, store in (
        ("postgres", new_store(url, made, "single")),
        ("sqlite", fresh_store(folder, "single")),
    ):
        with timed() as t:
            for i in range(count):
                store.append(f"s{i % 100}", [NewEvent("ItemSeen", {**PAYLOAD, "n": i})])
        rates[name] = count / t[0]
        store.close()
    raw = new_store(url, made, "single_raw")
    payload = json.dumps(PAYLOAD)
    conn = raw.conn
    with timed() as t:
        for i in range(count):
            stream = f"s{i % 100}"
            with conn.transaction():
                version = conn.execute(
                    "SELECT COALESCE(MAX(stream_version), 0) FROM events WHERE stream_id = %s",
                    (stream,),
                ).fetchone()
                conn.execute(
                    RAW_INSERT,
                    (
                        i + 1,
                        new_event_id(),
                        stream,
                        (version or (0,))[0] + 1,
                        "ItemSeen",
                        1,
                        payload,
                    ),
                )
    rates["raw"] = count / t[0]
    raw.close()
    return rates


def bench_batched(url: str, made: list[str], folder: Path, batches: int) -> dict[str, float]:
    """Events/s with 1,000 events per transaction: ours on both databases, raw executemany."""
    size = 1000
    events = [NewEvent("ItemSeen", {**PAYLOAD, "n": i}) for i in range(size)]
    rates: dict[str, float] = {}
    for name, store in (
        ("postgres", new_store(url, made, "batched")),
        ("sqlite", fresh_store(folder, "batched")),
    ):
        with timed() as t:
            for b in range(batches):
                store.append(f"b{b}", events)
        rates[name] = batches * size / t[0]
        store.close()
    raw = new_store(url, made, "batched_raw")
    payload = json.dumps(PAYLOAD)
    prepared = [
        [
            (b * size + v, new_event_id(), f"b{b}", v, "ItemSeen", 1, payload)
            for v in range(1, size + 1)
        ]
        for b in range(batches)
    ]
    with timed() as t:
        for rows in prepared:
            with raw.conn.transaction(), raw.conn.cursor() as cursor:
                cursor.executemany(RAW_INSERT, rows)
    rates["raw"] = batches * size / t[0]
    raw.close()
    return rates


def replay_child(url: str, schema: str) -> None:
    """In a child process: rebuild the projection and print seconds and events as JSON."""
    store = PostgresEventStore(url, schema=schema)
    runner = ProjectionRunner(store, [FeedTally()], batch_size=2000)
    start = time.perf_counter()
    handled = runner.rebuild()["feed_tally"]
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "events": handled, "peak_rss_mb": peak_rss_mb()}))


def bench_replay(url: str, made: list[str], count: int) -> tuple[float, dict[str, float]]:
    """Fill a store with ``count`` events (1,000 per append), then rebuild in a child."""
    store = new_store(url, made, "replay")
    size = 1000
    with timed() as t:
        for b in range(count // size):
            store.append(
                f"feed-{b % 1000}",
                [NewEvent("ItemSeen", {**PAYLOAD, "n": b * size + i}) for i in range(size)],
            )
    store.close()
    child = ["-m", "benchmarks.store_postgres", "--url", url, "--replay-child", store.schema]
    done = subprocess.run(
        [sys.executable, *child],
        capture_output=True,
        text=True,
        check=True,
    )
    return t[0], json.loads(done.stdout)


def main() -> None:
    """Run the PostgreSQL store benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("AI_ACT_MONITOR_TEST_POSTGRES_URL", ""))
    parser.add_argument("--events", type=int, default=5_000, help="single appends to time")
    parser.add_argument("--batches", type=int, default=100, help="batches of 1,000 to time")
    parser.add_argument("--replay", type=int, default=1_000_000, help="events to replay")
    parser.add_argument("--replay-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.url:
        parser.error("no PostgreSQL: pass --url or run scripts/start-postgres and export its URL")
    if args.replay_child:
        replay_child(args.url, args.replay_child)
        return
    with psycopg.connect(args.url) as conn:
        version = conn.execute("SHOW server_version").fetchone()
    print(
        f"PostgreSQL event store benchmark (server {version[0] if version else '?'}, "
        f"{os.cpu_count()} cpus, psycopg {psycopg.__version__})"
    )
    with schemas(args.url) as made, tempfile.TemporaryDirectory(prefix="bench-pg-") as tmp:
        folder = Path(tmp)
        rates = bench_single(args.url, made, folder, args.events)
        print(f"single appends, one event per transaction ({args.events:,} events)")
        report(
            [
                ("ours on PostgreSQL", f"{rates['postgres']:,.0f} events/s"),
                ("raw psycopg, same check and insert", f"{rates['raw']:,.0f} events/s"),
                ("ratio ours/raw", f"{rates['postgres'] / rates['raw']:.2f}"),
                ("ours on SQLite", f"{rates['sqlite']:,.0f} events/s"),
                ("ratio PostgreSQL/SQLite", f"{rates['postgres'] / rates['sqlite']:.2f}"),
            ]
        )
        rates = bench_batched(args.url, made, folder, args.batches)
        print(f"batched appends, 1,000 events per transaction ({args.batches * 1000:,} events)")
        report(
            [
                ("ours on PostgreSQL", f"{rates['postgres']:,.0f} events/s"),
                ("raw psycopg executemany", f"{rates['raw']:,.0f} events/s"),
                ("ratio ours/raw", f"{rates['postgres'] / rates['raw']:.2f}"),
                ("ours on SQLite", f"{rates['sqlite']:,.0f} events/s"),
                ("ratio PostgreSQL/SQLite", f"{rates['postgres'] / rates['sqlite']:.2f}"),
            ]
        )
        filled, result = bench_replay(args.url, made, args.replay)
        print(
            f"rebuild a projection from {args.replay:,} events on PostgreSQL "
            f"(filled in {filled:.1f} s)"
        )
        report(
            [
                ("events replayed", f"{result['events']:,}"),
                ("wall time", f"{result['seconds']:.1f} s"),
                ("events/s", f"{result['events'] / result['seconds']:,.0f}"),
                ("peak RSS of the rebuilding process", f"{result['peak_rss_mb']:.0f} MB"),
            ]
        )


if __name__ == "__main__":
    main()
