"""Polling 1,000 feeds served on 127.0.0.1: all 304, and all changed with 20 new entries each.

    python -m benchmarks.polling [--feeds 1000] [--entries 20]

(b) runs first (every feed new, 20 entries each, recorded with their texts from the
feed) and is compared with feedparser alone parsing the same documents in one
process, measured in the same run; (a) then polls again and every feed answers 304.
The server is a separate process. Pages are not fetched (extraction.fetch_pages =
false): this measures polling, not article extraction.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import feedparser

from benchmarks.common import peak_rss_mb, report, timed, verdict
from benchmarks.feed_server import feed_document
from monitor.app import Monitor
from monitor.events import FeedAdded, feed_stream
from monitor.ingest import Poller
from monitor.ingest.identity import feed_id_for
from monitor.settings import load_settings


def feedparser_only(feeds: int, entries: int) -> float:
    """Seconds feedparser needs to parse the same documents, one after another."""
    documents = [feed_document(n, entries) for n in range(feeds)]
    with timed() as t:
        for document in documents:
            feedparser.parse(io.BytesIO(document))
    return t[0]


def run_poll(
    folder: Path, port: int, feeds: int, workers: int = 2, threads: int = 8
) -> dict[str, float]:
    """Add the feeds, then time pass (b) and pass (a) in this process."""
    settings = load_settings(
        environ={
            "MONITOR_DB": str(folder / "bench.db"),
            "MONITOR_FETCH__ALLOW_PRIVATE_NETWORKS": "true",
            "MONITOR_FETCH__PER_HOST_DELAY": "0",
            "MONITOR_FETCH__PER_HOST_CONCURRENCY": "8",
            "MONITOR_FETCH__CONCURRENCY": str(threads),
            "MONITOR_EXTRACTION__FETCH_PAGES": "false",
            "MONITOR_POLLING__PARSE_WORKERS": str(workers),
            # What is measured here is polling; the assessment has its own benchmark.
            "MONITOR_ASSESSMENT__ENABLED": "false",
        }
    )
    app = Monitor(settings, create=True)
    appends = []
    for n in range(feeds):
        url = f"http://127.0.0.1:{port}/feed/{n}"
        feed_id = feed_id_for(url)
        appends.append((feed_stream(feed_id), [FeedAdded(feed_id, url, f"feed {n}")]))
    app.record(appends)
    poller = Poller(app)
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    with timed() as changed:
        first = poller.run(all_feeds=True)
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    changed_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
        cpu_after.ru_stime - cpu_before.ru_stime
    )
    with timed() as unchanged:
        second = poller.run(all_feeds=True)
    poller.close()
    events = app.store.count()
    app.close()
    return {
        "changed_seconds": changed[0],
        "changed_cpu_seconds": changed_cpu,
        "changed_new_items": first.new_items,
        "changed_fetched": first.fetched,
        "unchanged_seconds": unchanged[0],
        "unchanged_not_modified": second.not_modified,
        "events": events,
        "peak_rss_mb": peak_rss_mb(),
        # The feed workers have exited by now, so the children's peak is known.
        "peak_rss_worker_mb": peak_rss_mb(children=True),
        "workers": settings.polling.parse_workers,
    }


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--feed-workers", type=int, default=2, help="feed worker processes")
    parser.add_argument("--threads", type=int, default=8, help="feeds polled at once")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, port = args.child.split(",")
        result = run_poll(Path(folder), int(port), args.feeds, args.feed_workers, args.threads)
        print(json.dumps(result))
        return
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.feed_server", str(args.feeds), str(args.entries)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        baseline = feedparser_only(args.feeds, args.entries)
        with tempfile.TemporaryDirectory(prefix="bench-poll-") as tmp:
            # The poller runs in a child process so that its peak memory is its own.
            start = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.polling",
                    "--feeds",
                    str(args.feeds),
                    "--feed-workers",
                    str(args.feed_workers),
                    "--threads",
                    str(args.threads),
                    "--child",
                    f"{tmp},{port}",
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            total = time.perf_counter() - start
        result = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        server.kill()
        server.wait()
    total_rss = result["peak_rss_mb"] + result["workers"] * result["peak_rss_worker_mb"]
    print(f"polling benchmark: {args.feeds:,} feeds on 127.0.0.1, {args.entries} entries each")
    print(f"  ({result['workers']} feed worker processes fetch and parse; this process records)")
    changed = result["changed_seconds"]
    report(
        [
            (
                "(b) all changed: wall time",
                f"{changed:.1f} s "
                f"({result['changed_fetched']:,} fetched, "
                f"{result['changed_new_items']:,} new items)",
            ),
            ("(b) CPU time of the recording process", f"{result['changed_cpu_seconds']:.1f} s"),
            ("feedparser alone, same documents", f"{baseline:.1f} s"),
            ("ratio (b) / feedparser", f"{changed / baseline:.2f}"),
            ("target ratio <= 1.5", verdict(changed / baseline <= 1.5)),
            (
                "(a) all 304: wall time",
                f"{result['unchanged_seconds']:.1f} s "
                f"({result['unchanged_not_modified']:,} not modified)",
            ),
            ("target (a) <= 10 s", verdict(result["unchanged_seconds"] <= 10)),
            ("peak RSS of the polling process", f"{result['peak_rss_mb']:.0f} MB"),
            ("peak RSS of one feed worker", f"{result['peak_rss_worker_mb']:.0f} MB"),
            ("all together (process + workers)", f"{total_rss:.0f} MB"),
            ("target <= 400 MB", verdict(total_rss <= 400)),
            ("events recorded", f"{result['events']:,}"),
            ("whole run incl. setup", f"{total:.1f} s"),
        ]
    )


if __name__ == "__main__":
    main()
