"""Polling 1,000 local feeds with 1, 2 and 4 ``monitor worker`` processes on PostgreSQL.

    python -m benchmarks.workers [--url URL] [--feeds 1000] [--entries 20] [--workers 1,2,4]

For each count of workers, a fresh schema gets the feeds (every feed new, 20
entries each, their texts from the feed: pages are not fetched and nothing is
assessed, so this measures polling), the workers start together, and the clock
runs until every feed has its ``FeedPolled``; then every feed is made due again
and a second pass, all 304 Not Modified, is timed the same way. Reported: feeds/s, the speed-up
over one worker measured in the same run, and the CPU the workers spent per feed
(their own and their feed-parsing processes') and the local PostgreSQL server
spent per feed, which is what sizes a real cluster: this machine's 2 cores cap
the speed-up, and the database server and the feed server share them. The URL
defaults to AI_ACT_MONITOR_TEST_POSTGRES_URL.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

from benchmarks.common import report
from monitor.app import Monitor
from monitor.events import FeedAdded, FeedReenabled, feed_stream
from monitor.ingest.identity import feed_id_for
from monitor.settings import load_settings

CONFIG = """
feeds = []
[fetch]
allow_private_networks = true
per_host_delay = 0
per_host_concurrency = 64
[extraction]
fetch_pages = false
[assessment]
enabled = false
[polling]
parse_workers = 1
[digest]
schedule = ""
"""


def children_cpu() -> float:
    """CPU seconds of this process's waited-for children (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def server_cpu(name: str = "postgres") -> float:
    """CPU seconds of a local server's processes so far (their exited children included),
    read from /proc; 0 where there is no such process to read."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != name:
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, and the children's cutime, cstime (backends that exited).
        total += sum(int(v) for v in fields[11:15]) / tick
    return total


def polls(url: str, schema: str) -> int:
    with psycopg.connect(url, options=f"-c search_path={schema}") as conn:
        row = conn.execute("SELECT count(*) FROM events WHERE event_type = 'FeedPolled'").fetchone()
    return int(row[0]) if row else 0


def phase(env: dict[str, str], workers: int, until: int) -> dict[str, float]:
    """Start the workers, wait for ``until`` polls in all, stop them: seconds and CPU."""
    url, schema = env["MONITOR_STORE__URL"], env["MONITOR_STORE__SCHEMA"]
    cpu_before, db_before = children_cpu(), server_cpu()
    start = time.perf_counter()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "monitor", "worker", "--concurrency", "8"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    while polls(url, schema) < until:
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        process.wait(timeout=120)
    return {
        "seconds": seconds,
        "cpu": children_cpu() - cpu_before,
        "db_cpu": server_cpu() - db_before,
    }


def one_run(
    url: str, port: int, feeds: int, workers: int, folder: Path
) -> dict[str, dict[str, float]]:
    """Every feed polled once with all entries new, then once more answering 304."""
    schema = f"bench_workers_{uuid.uuid4().hex[:8]}"
    config = folder / "monitor.toml"
    config.write_text(CONFIG)
    env = {
        **os.environ,
        "MONITOR_STORE__URL": url,
        "MONITOR_STORE__SCHEMA": schema,
        "MONITOR_CONFIG": str(config),
        "XDG_DATA_HOME": str(folder / f"data-{workers}"),
        "MONITOR_LOGGING__LEVEL": "WARNING",
    }
    ids = [feed_id_for(f"http://127.0.0.1:{port}/feed/{n}") for n in range(feeds)]
    try:
        with Monitor(load_settings(environ=env), create=True) as app:
            app.record(
                [
                    (feed_stream(i), [FeedAdded(i, f"http://127.0.0.1:{port}/feed/{n}", str(n))])
                    for n, i in enumerate(ids)
                ]
            )
        changed = phase(env, workers, feeds)
        with Monitor(load_settings(environ=env)) as app:
            # Due again at once (as `monitor feeds enable` does): the next pass is all 304.
            app.record([(feed_stream(i), [FeedReenabled(i)]) for i in ids])
        unchanged = phase(env, workers, 2 * feeds)
        return {"changed": changed, "unchanged": unchanged}
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("AI_ACT_MONITOR_TEST_POSTGRES_URL", ""))
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--workers", default="1,2,4", help="worker counts, comma-separated")
    args = parser.parse_args()
    if not args.url:
        parser.error("no PostgreSQL: pass --url or run scripts/start-postgres and export its URL")
    counts = [int(n) for n in args.workers.split(",")]
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.feed_server", str(args.feeds), str(args.entries)],
        stdout=subprocess.PIPE,
        text=True,
    )
    results: dict[int, dict[str, dict[str, float]]] = {}
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
            for workers in counts:
                results[workers] = one_run(args.url, port, args.feeds, workers, Path(tmp))
    finally:
        server.kill()
        server.wait()
    print(
        f"workers benchmark: {args.feeds:,} feeds on 127.0.0.1, {args.entries} entries each, "
        f"every feed new; {os.cpu_count()} cpus shared by workers, PostgreSQL and the server"
    )
    rows = []
    for kind, label in (("changed", "all new, 20 entries"), ("unchanged", "all 304")):
        base = results[counts[0]][kind]["seconds"]
        for workers, result in results.items():
            measured = result[kind]
            rows.append(
                (
                    f"{label}, {workers} worker(s)",
                    f"{measured['seconds']:.1f} s, {args.feeds / measured['seconds']:.0f} feeds/s, "
                    f"speed-up {base / measured['seconds']:.2f}x over {counts[0]}; CPU per feed: "
                    f"workers {1000 * measured['cpu'] / args.feeds:.1f} ms, "
                    f"PostgreSQL {1000 * measured['db_cpu'] / args.feeds:.1f} ms",
                )
            )
    report(rows)


if __name__ == "__main__":
    main()
