"""Re-run the outsider's attack of the hardening issue on the command line, and print its figures.

    python scripts/attack.py            # every part (about two minutes)
    python scripts/attack.py --only ssrf,settings

Every part drives ``monitor`` as processes, as a user or an attacker would,
against stores in a scratch folder and servers on 127.0.0.1:

- ``passes``: three ``monitor poll --all`` at once on one store (10 feeds of 10
  items with pages), with a ``check --store`` meanwhile: assessments and flags
  per article, and articles whose assessments disagree;
- ``ssrf``: every IPv6 form that embeds 127.0.0.1 (and the IPv4 spellings of it)
  given to ``check URL``, ``corpus add URL`` and as a feed: how many reached the
  server on 127.0.0.1;
- ``stores``: damaged stores (truncated, pages overwritten, empty, not a
  database) under eight commands: tracebacks, and exits 0 on a damaged store;
- ``settings``: every settings case of ``tests/data/settings`` and bad values from
  the environment: how many are refused with exit 2 naming the key or file, and
  an unknown ``MONITOR_*`` variable (as Kubernetes injects) that must not be;
- ``churn``: the identity-churn feed cases of ``tests/data/feeds`` polled as
  often as they say: false new items.

The unit tests hold each of these as a case; this script gives the numbers the
issue asks to see re-measured, in one run, on the installed ``monitor``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the tests' ways of damaging a store, run from anywhere

from tests.support.server import LocalServer, Reply, SeenRequest  # noqa: E402
from tests.support.store_damage import DAMAGES  # noqa: E402

DATA = REPO / "tests" / "data"
CONFIG = """
feeds = []
[fetch]
allow_private_networks = {private}
per_host_delay = 0
[assessment]
baseline = false
[digest]
schedule = ""
"""


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def serve(site: LocalServer, path: str, documents: Sequence[tuple[bytes, str]]) -> None:
    """Answer ``path`` with its documents in turn (body, content type), the last one again."""

    def answer(_request: SeenRequest) -> Reply:
        body, kind = documents[min(len(site.requests_to(path)), len(documents)) - 1]
        return Reply(200, body, {"Content-Type": kind})

    site.route(path, answer)


def monitor(folder: Path, *args: str, env: dict[str, str] | None = None, wait: bool = True) -> Any:
    """``monitor ARGS`` on the folder's store and settings; its result, or the process."""
    environ = {
        **os.environ,
        "MONITOR_DB": str(folder / "monitor.db"),
        "MONITOR_CONFIG": str(folder / "monitor.toml"),
        **(env or {}),
    }
    command = [sys.executable, "-m", "monitor", *args]
    if not wait:
        return subprocess.Popen(
            command, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(command, env=environ, capture_output=True, text=True, timeout=300)


def fresh_store(root: Path, name: str, *, private: bool) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "monitor.toml").write_text(CONFIG.format(private=str(private).lower()))
    done = monitor(folder, "init")
    if done.returncode != 0:
        raise SystemExit(f"init failed: {done.stderr}")
    return folder


def query(folder: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(folder / "monitor.db") as conn:
        return conn.execute(sql).fetchall()


def _rss(site: LocalServer, feed: int, texts: Sequence[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{site.url(f'/page/{feed}/{n}')}</link>"
        f"<guid>{site.url(f'/page/{feed}/{n}')}</guid>"
        f"<pubDate>Mon, 0{1 + n % 9} Dec 2025 0{n % 10}:00:00 GMT</pubDate></item>"
        for n, (title, _) in enumerate(texts)
    )
    return f"<rss version='2.0'><channel><title>F{feed}</title>{items}</channel></rss>".encode()


def concurrent_passes(root: Path, site: LocalServer) -> list[tuple[str, str]]:
    """Three polls at once and a ``check --store``: one assessment and at most one flag each."""
    cases = tomllib.loads((REPO / "benchmarks" / "eval" / "articles.toml").read_text("utf-8"))
    articles = [(c["title"], c["text"]) for c in cases["article"] if "text" in c]
    folder = fresh_store(root, "passes", private=True)
    for feed in range(10):
        chosen = [articles[(feed * 10 + n) % len(articles)] for n in range(10)]
        serve(site, f"/feed/{feed}", [(_rss(site, feed, chosen), "application/rss+xml")])
        for n, (title, text) in enumerate(chosen):
            paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
            page = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            body = (page + paragraphs + "</article></body></html>").encode()
            serve(site, f"/page/{feed}/{n}", [(body, "text/html")])
        monitor(folder, "feeds", "add", site.url(f"/feed/{feed}"))
    note = folder / "note.txt"
    note.write_text(articles[0][1])
    passes = [monitor(folder, "poll", "--all", wait=False) for _ in range(3)]
    check = monitor(folder, "check", str(note), "--store", wait=False)
    codes = [p.wait(timeout=600) for p in [*passes, check]]
    assessed = query(
        folder,
        "SELECT stream_id, count(*), count(DISTINCT json_extract(payload, '$.verdict')) "
        "FROM events WHERE event_type = 'ArticleAssessed' GROUP BY stream_id",
    )
    flagged = query(
        folder,
        "SELECT stream_id, count(*) FROM events WHERE event_type = 'UpdateFlagged' "
        "GROUP BY stream_id",
    )
    articles_seen = query(folder, "SELECT count(*) FROM articles")[0][0]
    return [
        ("exit codes (3 polls, check)", " ".join(map(str, codes))),
        ("articles", str(articles_seen)),
        ("ArticleAssessed events", str(sum(n for _, n, _ in assessed))),
        ("most assessments of one article", str(max((n for _, n, _ in assessed), default=0))),
        ("articles with disagreeing assessments", str(sum(v > 1 for _, _, v in assessed))),
        ("UpdateFlagged events", str(sum(n for _, n in flagged))),
        ("most flags of one article", str(max((n for _, n in flagged), default=0))),
    ]


def _teredo(ipv4: str) -> str:
    """A Teredo address whose client (the last 32 bits, inverted) is ``ipv4``."""
    a, b, c, d = (int(x) ^ 0xFF for x in ipv4.split("."))
    return f"2001:0:4136:e378:8000:63bf:{a:02x}{b:02x}:{c:02x}{d:02x}"


def _blocked_polls(folder: Path) -> int:
    """Polls that failed because the guard refused the feed's address."""
    return int(
        query(
            folder,
            "SELECT count(*) FROM events WHERE event_type = 'FeedPollFailed' "
            "AND payload LIKE '%blocked_address%'",
        )[0][0]
    )


def ssrf(root: Path, site: LocalServer) -> list[tuple[str, str]]:
    """Every spelling of 127.0.0.1 through the three ways in: none may reach the server."""
    port = site.port
    hosts = [
        "127.0.0.1",
        "localhost",
        "127.1",
        "2130706433",
        "0x7f000001",
        "[::ffff:127.0.0.1]",
        "[::127.0.0.1]",
        "[2002:7f00:1::]",
        "[64:ff9b::7f00:1]",
        "[64:ff9b:1::7f00:1]",
        f"[{_teredo('127.0.0.1')}]",
    ]
    serve(site, "/probe", [(b"<html><body><p>probe</p></body></html>", "text/html")])
    folder = fresh_store(root, "ssrf", private=False)
    tried = blocked = 0
    reached: list[str] = []
    for host in hosts:
        url = f"http://{host}:{port}/probe"
        for args in (["check", url], ["corpus", "add", url]):
            before = len(site.requests_to("/probe"))
            done = monitor(folder, *args)
            tried += 1
            if len(site.requests_to("/probe")) > before:
                reached.append(f"{' '.join(args[:-1])} {url}")
            elif done.returncode != 0 and "non-public" in done.stderr + done.stdout:
                blocked += 1
        before = len(site.requests_to("/probe"))
        failures_before = _blocked_polls(folder)
        added = monitor(folder, "feeds", "add", url)
        monitor(folder, "poll", "--all")
        tried += 1
        if len(site.requests_to("/probe")) > before:
            reached.append(f"feed {url}")
        elif added.returncode != 0 or _blocked_polls(folder) > failures_before:
            blocked += 1
    return [
        ("spellings of 127.0.0.1", str(len(hosts))),
        ("tries (check URL, corpus add URL, as a feed)", str(tried)),
        ("refused by the guard", str(blocked)),
        (
            "requests that reached 127.0.0.1",
            str(len(reached)) + (f": {reached}" if reached else ""),
        ),
    ]


STORE_COMMANDS = [
    ["status"],
    ["events", "--limit", "5"],
    ["updates"],
    ["feeds", "list"],
    ["digest", "list"],
    ["poll", "--all"],
    ["rebuild"],
    ["doctor"],
]


def damaged_stores(root: Path, site: LocalServer) -> list[tuple[str, str]]:
    """Each damage under each command: one clear line and exit 1, never a traceback."""
    made = fresh_store(root, "intact", private=True)
    serve(site, "/feed/intact", [(_rss(site, 99, [("AI Act vote", "")]), "application/rss+xml")])
    monitor(made, "feeds", "add", site.url("/feed/intact"))
    monitor(made, "poll", "--all")
    runs = tracebacks = zero_exits = 0
    first_lines: set[str] = set()
    codes: Counter[int] = Counter()
    for name, damage in DAMAGES.items():
        for command in STORE_COMMANDS:
            folder = root / f"damaged-{runs}"
            shutil.copytree(made, folder)
            damage(folder / "monitor.db")
            done = monitor(folder, *command)
            runs += 1
            tracebacks += "Traceback" in done.stderr
            # `doctor` reports damage with exit 1 too; nothing may pass as healthy.
            zero_exits += done.returncode == 0
            codes[done.returncode] += 1
            if done.stderr.strip():
                line = done.stderr.strip().splitlines()[0].replace(str(folder), "STORE")
                first_lines.add(f"{name}: {line[:110]}")
    return [
        ("damages x commands", f"{len(DAMAGES)} x {len(STORE_COMMANDS)} = {runs}"),
        ("Python tracebacks", str(tracebacks)),
        ("exits 0 on a damaged store", str(zero_exits)),
        ("exit codes", ", ".join(f"{code}: {n}" for code, n in sorted(codes.items()))),
        ("distinct first error lines", str(len(first_lines))),
    ] + [(" ", line) for line in sorted(first_lines)]


ENVIRONMENT_CASES = {
    "MONITOR_POLLING__DEFAULT_INTERVAL=0": ("MONITOR_POLLING__DEFAULT_INTERVAL", "0"),
    "MONITOR_POLLING__BACKOFF_BASE=0": ("MONITOR_POLLING__BACKOFF_BASE", "0"),
    "MONITOR_FETCH__DEADLINE=inf": ("MONITOR_FETCH__DEADLINE", "inf"),
    "MONITOR_FETCH__CONCURRENCY=true": ("MONITOR_FETCH__CONCURRENCY", "true"),
    "MONITOR_FETCH__DEADLINE=-1": ("MONITOR_FETCH__DEADLINE", "-1"),
    "MONITOR_POLLING__DEFAULT_INTERVAL=30s": ("MONITOR_POLLING__DEFAULT_INTERVAL", "30s"),
}


def _names_the_setting(stderr: str) -> bool:
    """An error that says which key (``polling.backoff_base: …``) or which file."""
    return bool(re.search(r"^\s*[a-z_]+\.[a-z_.0-9]+: ", stderr, re.MULTILINE)) or (
        "config file" in stderr
    )


def settings(root: Path, site: LocalServer) -> list[tuple[str, str]]:
    """Bad settings from files and the environment: exit 2, naming the file or key."""
    del site
    folder = fresh_store(root, "settings", private=True)
    cases = sorted((DATA / "settings").glob("*.toml"))
    refused = named = 0
    for case in cases:
        done = monitor(folder, "status", env={"MONITOR_CONFIG": str(case)})
        refused += done.returncode == 2
        named += _names_the_setting(done.stderr)
    for key, value in ENVIRONMENT_CASES.values():
        done = monitor(folder, "status", env={key: value})
        refused += done.returncode == 2
        named += _names_the_setting(done.stderr)
    kubernetes = monitor(folder, "health", env={"MONITOR_PORT": "tcp://10.0.0.1:8080"})
    total = len(cases) + len(ENVIRONMENT_CASES)
    return [
        ("bad settings tried (files, environment)", f"{len(cases)} + {len(ENVIRONMENT_CASES)}"),
        ("refused with exit 2", f"{refused}/{total}"),
        ("naming the file or key", f"{named}/{total}"),
        (
            "MONITOR_PORT=tcp://… (Kubernetes)",
            "warned, not refused"
            if kubernetes.returncode != 2 and "MONITOR_PORT" in kubernetes.stderr
            else f"exit {kubernetes.returncode}: {kubernetes.stderr.strip()[:80]}",
        ),
    ]


CHURN_CASES = (
    "session-churn.xml",
    "guid-churn.xml",
    "guid-link-trailing-slash.xml",
    "title-edits.xml",
    "shared-guid-different-links.xml",
)


def churn(root: Path, site: LocalServer) -> list[tuple[str, str]]:
    """Identity churn: each case polled as its header says; items beyond the first poll's."""
    rows = []
    for name in CHURN_CASES:
        text = (DATA / "feeds" / name).read_text("utf-8")
        polls = len(re.search(r"Expect:(.*)", text).group(1).split("|"))  # type: ignore[union-attr]
        documents = [d.strip().encode() for d in text.split("<!-- NEXT POLL -->")]
        path = f"/churn/{name}"
        serve(site, path, [(d, "application/rss+xml") for d in documents])
        folder = fresh_store(root, f"churn-{name}", private=True)
        monitor(
            folder,
            "feeds",
            "add",
            site.url(path),
            env={"MONITOR_EXTRACTION__FETCH_PAGES": "false"},
        )
        counts = []
        for _ in range(polls):
            monitor(folder, "poll", "--all", env={"MONITOR_EXTRACTION__FETCH_PAGES": "false"})
            counts.append(query(folder, "SELECT count(*) FROM items")[0][0])
        # What the case itself expects: the last poll's total, else every poll's new ones.
        groups = re.search(r"Expect:(.*)", text).group(1).split("|")  # type: ignore[union-attr]
        totals = re.findall(r"total=(\d+)", groups[-1])
        expected = int(totals[0]) if totals else sum(int(n) for n in re.findall(r"new=(\d+)", text))
        rows.append(
            (
                name,
                f"{polls} polls, items after each: {counts}; expected {expected}; "
                f"false new items: {counts[-1] - expected}",
            )
        )
    return rows


def deliveries(root: Path, site: LocalServer) -> list[tuple[str, str]]:
    """Three ``digest retry`` at once on an owed email, a relay taking 2 s a message."""
    import asyncio  # noqa: PLC0415 (only this part needs the SMTP server)
    import socket  # noqa: PLC0415
    import time  # noqa: PLC0415

    from aiosmtpd.controller import Controller  # noqa: PLC0415

    received: list[str] = []

    class SlowRelay:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd names it)
            await asyncio.sleep(2)
            content = envelope.content.decode("utf-8", "replace")
            found = re.search(r"^Message-ID:\s*(\S+)", content, re.MULTILINE | re.IGNORECASE)
            received.append(found.group(1) if found else "")
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = fresh_store(root, "deliveries", private=True)
    email = {
        "MONITOR_DIGEST__EMAIL__ENABLED": "true",
        "MONITOR_DIGEST__EMAIL__HOST": "127.0.0.1",
        "MONITOR_DIGEST__EMAIL__PORT": str(port),
        "MONITOR_DIGEST__EMAIL__SECURITY": "none",
        "MONITOR_DIGEST__EMAIL__FROM": "monitor@example.org",
        "MONITOR_DIGEST__EMAIL__TO": '["analyst@example.org"]',
        "MONITOR_DIGEST__EMAIL__TIMEOUT": "20",
    }
    cases = tomllib.loads((REPO / "benchmarks" / "eval" / "articles.toml").read_text("utf-8"))
    news = next(c for c in cases["article"] if c.get("label") == "update" and "text" in c)
    article = folder / "article.txt"
    article.write_text(news["title"] + "\n\n" + news["text"])
    monitor(folder, "check", str(article), "--store")
    # Published while nothing listens on the relay's port: the delivery is owed.
    monitor(folder, "digest", "--publish", env=email)
    controller = Controller(SlowRelay(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        retries = [monitor(folder, "digest", "retry", env=email, wait=False) for _ in range(3)]
        codes = [r.wait(timeout=120) for r in retries]
        time.sleep(1)
    finally:
        controller.stop()
    delivered = query(
        folder,
        "SELECT count(*) FROM events WHERE event_type = 'DigestDelivered' "
        "AND json_extract(payload, '$.channel') = 'email'",
    )[0][0]
    return [
        ("digest retry exit codes", " ".join(map(str, codes))),
        ("messages the relay received", str(len(received))),
        ("distinct Message-IDs", str(len(set(received)))),
        ("DigestDelivered events for email", str(delivered)),
    ]


PARTS: dict[str, Callable[[Path, LocalServer], list[tuple[str, str]]]] = {
    "passes": concurrent_passes,
    "ssrf": ssrf,
    "stores": damaged_stores,
    "settings": settings,
    "churn": churn,
    "deliveries": deliveries,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help=f"comma-separated parts: {', '.join(PARTS)}")
    args = parser.parse_args(argv)
    chosen = [p for p in args.only.split(",") if p] or list(PARTS)
    unknown = set(chosen) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    site = LocalServer()
    try:
        with tempfile.TemporaryDirectory(prefix="monitor-attack-") as name:
            for part in chosen:
                say(f"{part}")
                for label, value in PARTS[part](Path(name), site):
                    say(f"  {label:<46} {value}")
    finally:
        site.stop()


if __name__ == "__main__":
    main()
