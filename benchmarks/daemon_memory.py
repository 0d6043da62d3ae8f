"""A daemon's memory while it polls, with the seed corpus and with 10,000 documents.

    python -m benchmarks.daemon_memory

For each corpus size a fresh store gets the seed corpus plus synthetic
documents (word salad from the evaluation set, as ``benchmarks.assessment``
makes them), and their sentence vectors are written into the store's vector
cache beforehand, near real sentence vectors, so that the start loads them as
a restarted daemon does instead of embedding 70,000 sentences. Then a real
``monitor run`` polls feeds served on 127.0.0.1 whose items link to article
pages there too, extracts them in its worker processes and assesses them.
The resident memory of the daemon and of every process under it is sampled
until every item is assessed. The baseline, in the same run, is the seed
corpus alone.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.assessment import NearbyVectors, _synthetic_documents
from benchmarks.common import report, verdict
from benchmarks.eval.dataset import load_cases
from monitor.app import Monitor
from monitor.assess.embedding import default_embedder
from monitor.assess.text import split_sentences
from monitor.assess.vector_cache import CachingEmbedder, cache_path_for
from monitor.events import CorpusDocumentAdded, corpus_stream
from monitor.ingest import add_feed
from monitor.settings import load_settings

FEEDS = 20
ITEMS = 10
TARGET_MB = 400

CONFIG = """
feeds = []
[fetch]
allow_private_networks = true
per_host_delay = 0
[daemon]
heartbeat_interval = "1s"
startup_spread = "1s"
process_interval = "2s"
[digest]
schedule = ""
"""


def _page(feed: int, item: int) -> bytes:
    text = " ".join(
        f"The European Commission's AI Office said on Tuesday that report {feed}.{item} covers "
        f"paragraph {n} of its guidance on general-purpose AI models and the AI Act."
        for n in range(12)
    )
    return (
        f"<html><head><title>AI Act report {feed}.{item}</title></head><body><article>"
        f"<h1>AI Act report {feed}.{item}</h1><p>{text}</p></article></body></html>"
    ).encode()


def _feed(base: str, feed: int) -> bytes:
    items = "".join(
        f"<item><guid>feed-{feed}-item-{i}</guid><title>AI Act report {feed}.{i}</title>"
        f"<link>{base}/page/{feed}/{i}</link><description>AI Office guidance {feed}.{i} on the "
        "AI Act.</description></item>"
        for i in range(ITEMS)
    )
    return f"<rss version='2.0'><channel><title>Feed {feed}</title>{items}</channel></rss>".encode()


class Site:
    """Feeds and their pages on 127.0.0.1, in a thread of this process (not the daemon's)."""

    def __init__(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                """Quiet."""

            def do_GET(self) -> None:
                parts = self.path.strip("/").split("/")
                if parts[0] == "feed":
                    body, kind = _feed(site.base, int(parts[1])), "application/rss+xml"
                else:
                    body, kind = _page(int(parts[1]), int(parts[2])), "text/html"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


def _tree_memory_mb(pid: int) -> tuple[float, float, float, int]:
    """Memory of a process and of all its descendants: (its RSS, their RSS summed,
    their PSS summed, how many processes).

    RSS counts a page shared by several processes (the interpreter, the libraries
    every worker maps) once in each; PSS divides it among them, so their PSS
    adds up to what the whole tree holds, as a memory limit on its cgroup sees it.
    """

    def field(p: int, name: str, file: str) -> float:
        try:
            for line in Path(f"/proc/{p}/{file}").read_text().splitlines():
                if line.startswith(name + ":"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def children(p: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                found += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
        return found

    rss_total, pss_total, count, stack = 0.0, 0.0, 0, [pid]
    while stack:
        current = stack.pop()
        rss_total += field(current, "VmRSS", "status")
        pss_total += field(current, "Pss", "smaps_rollup")
        count += 1
        stack.extend(children(current))
    return field(pid, "VmRSS", "status"), rss_total, pss_total, count


def _prepare(folder: Path, documents: int, site: Site) -> dict[str, str]:
    """A store with the seeds, ``documents`` synthetic ones (vectors cached), and the feeds."""
    config = folder / "monitor.toml"
    config.write_text(CONFIG)
    env = {**os.environ, "MONITOR_DB": str(folder / "monitor.db"), "MONITOR_CONFIG": str(config)}
    settings = load_settings(config, environ=env)
    cases = load_cases()
    words = sorted({w.strip(".,;:!?\"'()") for c in cases for w in c.text.split()} - {""})
    real = default_embedder()
    pool = real.embed([s for c in cases[:10] for s in split_sentences(c.text, c.language)])
    with Monitor(settings, create=True) as app:
        app.init()
        synthetic = _synthetic_documents(documents, words) if documents else []
        for start in range(0, len(synthetic), 1000):
            app.record(
                [
                    (
                        corpus_stream(d.document_id),
                        [
                            CorpusDocumentAdded(
                                d.document_id, "manual", d.title, "en", d.text, d.document_id
                            ).to_new()
                        ],
                    )
                    for d in synthetic[start : start + 1000]
                ]
            )
        app.catch_up()
        # The vectors a start would compute, cached under the real embedder's name.
        fake = NearbyVectors(pool, real.languages)
        fake.name = real.name
        cache = CachingEmbedder(fake, cache_path_for(app.store_path))
        sentences = [s for d in synthetic for s in split_sentences(d.text, "en") or [d.text]]
        for start in range(0, len(sentences), 5000):
            cache.embed(sentences[start : start + 5000])
        cache.close()
        for n in range(FEEDS):
            add_feed(app, f"{site.base}/feed/{n}", interval_seconds=3600)
    return env


def _assessed(store: Path) -> int:
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM assessments").fetchone()[0])
    except sqlite3.Error:
        return 0


def measure(documents: int, site: Site, timeout: float) -> dict[str, float]:
    """Run the daemon on a fresh store until every item is assessed; its memory meanwhile."""
    with tempfile.TemporaryDirectory(prefix="daemon-memory-") as name:
        folder = Path(name)
        env = _prepare(folder, documents, site)
        started = time.monotonic()
        daemon = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        peak_main = peak_all = peak_pss = 0.0
        processes = 0
        first = done = None
        try:
            while time.monotonic() - started < timeout:
                main, everything, pss, count = _tree_memory_mb(daemon.pid)
                peak_main, peak_all = max(peak_main, main), max(peak_all, everything)
                peak_pss, processes = max(peak_pss, pss), max(processes, count)
                assessed = _assessed(folder / "monitor.db")
                if assessed and first is None:
                    first = time.monotonic() - started
                if assessed >= FEEDS * ITEMS:
                    done = time.monotonic() - started
                    break
                time.sleep(0.25)
        finally:
            daemon.terminate()
            daemon.wait(timeout=60)
        return {
            "documents": documents + 3,
            "peak_main_mb": peak_main,
            "peak_all_mb": peak_all,
            "peak_pss_mb": peak_pss,
            "processes": processes,
            "first_verdict_s": first or float("nan"),
            "all_assessed_s": done or float("nan"),
        }


def main(argv: list[str] | None = None) -> None:
    """Measure the seed corpus and a 10,000-document corpus, and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.daemon_memory", description=__doc__)
    parser.add_argument("--documents", type=int, default=9_997, help="Synthetic documents.")
    parser.add_argument("--timeout", type=float, default=600, help="Seconds per run at most.")
    args = parser.parse_args(argv)
    site = Site()
    try:
        runs = [measure(0, site, args.timeout), measure(args.documents, site, args.timeout)]
    finally:
        site.close()
    print(f"a daemon polling {FEEDS} feeds of {ITEMS} items with pages, until all are assessed")
    base = runs[0]
    for run in runs:
        print(f"corpus of {run['documents']:,} documents")
        report(
            [
                ("peak RSS, the daemon", f"{run['peak_main_mb']:.0f} MB"),
                ("peak RSS, with its workers", f"{run['peak_all_mb']:.0f} MB"),
                ("peak PSS, with its workers", f"{run['peak_pss_mb']:.0f} MB"),
                ("processes", str(run["processes"])),
                ("ratio to the seed corpus", f"{run['peak_all_mb'] / base['peak_all_mb']:.2f}"),
                ("first verdict after", f"{run['first_verdict_s']:.1f} s"),
                ("every item assessed after", f"{run['all_assessed_s']:.1f} s"),
            ]
        )
    big, shared_once = runs[-1]["peak_all_mb"], runs[-1]["peak_pss_mb"]
    print(
        f"target: all processes <= {TARGET_MB} MB: RSS summed {big:.0f} MB, "
        f"{verdict(big <= TARGET_MB)}; PSS summed (shared pages once) {shared_once:.0f} MB, "
        f"{verdict(shared_once <= TARGET_MB)}"
    )


if __name__ == "__main__":
    main()
