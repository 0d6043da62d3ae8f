"""Web app latency and throughput: ``python -m benchmarks.web``.

A store is filled with 100,000 items of which 10,000 are flagged updates
(``--items``, ``--updates``), then the real app is served by uvicorn on a
loopback port. Measured: p50 and p95 of the updates page and of
``/api/v1/updates`` (a page of 50, the default), sequential requests on one
kept-alive connection; the baseline, in the same run, is the plain SQL query
of the same rows. Then requests per second from a load generator on loopback:
``wrk`` when it is installed (bounded in time), else threads of http.client
(bounded in count).
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.common import peak_rss_mb, report
from benchmarks.digest import fill
from monitor.app import Monitor
from monitor.events import ArticleAssessed, ArticleExtracted, ItemDiscovered, item_stream
from monitor.settings import load_settings

PAGE = 50


def fill_items(app: Monitor, count: int) -> None:
    """Items that are not updates: discovered, extracted and judged irrelevant."""
    batch = []
    for n in range(count):
        item = f"x{n:07d}"
        url = f"https://n{n % 20}.example/{item}"
        batch.append(
            (
                item_stream(item),
                [
                    ItemDiscovered(item, f"f{n % 20}", url, [url], url, url, f"Other news {n}"),
                    ArticleExtracted(item, url, "trafilatura", f"Council news number {n}.", "h"),
                    ArticleAssessed(item, "irrelevant", "en", 0.05, False, ["not about the Act"]),
                ],
            )
        )
        if len(batch) == 2000:
            app.record(batch)
            batch = []
    if batch:
        app.record(batch)


def latencies(port: int, path: str, count: int) -> list[float]:
    """Seconds per request, sequential, on one kept-alive connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    took = []
    for _ in range(count):
        start = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        took.append(time.perf_counter() - start)
        assert response.status == 200, (path, response.status)
    conn.close()
    return took


def sql_baseline(app: Monitor, count: int) -> list[float]:
    """The same page's rows by one plain query (what any page must at least pay)."""
    took = []
    for _ in range(count):
        start = time.perf_counter()
        app.query(
            "SELECT u.*, f.name AS feed_name, f.tags AS feed_tags FROM updates u "
            "LEFT JOIN feeds f USING (feed_id) ORDER BY u.position DESC LIMIT ?",
            (PAGE + 1,),
        )
        took.append(time.perf_counter() - start)
    return took


def threaded_load(port: int, path: str, clients: int, requests: int) -> float:
    """Requests per second from ``clients`` threads sending ``requests`` in all."""
    per_client = requests // clients

    def client() -> None:
        latencies(port, path, per_client)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return per_client * clients / (time.perf_counter() - start)


def wrk_load(port: int, path: str, clients: int, seconds: int) -> str:
    """wrk's requests per second and latency line."""
    done = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{clients}",
            f"-d{seconds}s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    )
    lines = done.stdout.splitlines()
    rps = next(line.split()[1] for line in lines if line.startswith("Requests/sec"))
    p50 = next(line.split()[1] for line in lines if line.strip().startswith("50%"))
    p99 = next(line.split()[1] for line in lines if line.strip().startswith("99%"))
    return f"{float(rps):,.0f} req/s (p50 {p50}, p99 {p99})"


def _rss_mb(pid: int) -> float:
    """A live process's resident memory, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def pct(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def ms(values: list[float]) -> str:
    return f"p50 {statistics.median(values) * 1000:.1f} ms, p95 {pct(values, 0.95) * 1000:.1f} ms"


def serve(store: Path) -> tuple[int, subprocess.Popen[bytes]]:
    """``monitor serve`` in a process of its own (a client in this one would share its GIL)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environ = {**os.environ, "MONITOR_DB": str(store), "MONITOR_LOGGING__LEVEL": "WARNING"}
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor", "serve", "--port", str(port)], env=environ
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return port, process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("monitor serve did not start")


def main() -> None:
    """Fill a store, serve it, and print latency and throughput against the SQL baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(environ={}, overrides={"store.path": str(Path(folder) / "m.db")})
        start = time.perf_counter()
        with Monitor(settings, create=True) as app:
            fill(app, args.updates)
            fill_items(app, args.items - args.updates)
            filled = time.perf_counter() - start
            baseline = sql_baseline(app, args.requests)
        port, process = serve(Path(folder) / "m.db")
        try:
            page = latencies(port, "/updates", args.requests)
            api = latencies(port, "/api/v1/updates", args.requests)
            filtered = latencies(port, "/api/v1/updates?q=Update%20999&language=en", args.requests)
            deep = latencies(port, "/api/v1/updates?cursor=5000", args.requests)
            if shutil.which("wrk"):
                load_page = wrk_load(port, "/updates", 16, args.seconds)
                load_api = wrk_load(port, "/api/v1/updates", 16, args.seconds)
                generator = f"wrk, 2 threads, 16 connections, {args.seconds} s"
            else:
                load_page = f"{threaded_load(port, '/updates', 8, 800):,.0f} req/s"
                load_api = f"{threaded_load(port, '/api/v1/updates', 8, 800):,.0f} req/s"
                generator = "8 threads of http.client, 800 requests"
            server_rss = _rss_mb(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
    base = statistics.median(baseline)
    print(f"web app on a store of {args.items:,} items and {args.updates:,} updates")
    report(
        [
            ("store filled in", f"{filled:.1f} s"),
            ("baseline: plain SQL of one page", ms(baseline)),
            (
                "updates page (HTML, 50 updates)",
                f"{ms(page)} ({statistics.median(page) / base:.1f}x baseline)",
            ),
            (
                "/api/v1/updates (JSON, 50)",
                f"{ms(api)} ({statistics.median(api) / base:.1f}x baseline)",
            ),
            ("/api/v1/updates, text + language filter", ms(filtered)),
            ("/api/v1/updates, cursor half-way down", ms(deep)),
            (f"updates page under load ({generator})", load_page),
            ("/api/v1/updates under load", load_api),
            ("server's resident memory after the run", f"{server_rss:.0f} MB"),
            ("peak RSS of this process (filling, client)", f"{peak_rss_mb():.0f} MB"),
        ]
    )


if __name__ == "__main__":
    main()
