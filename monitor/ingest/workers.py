"""Parsing and extraction in worker processes that can be stopped when a job takes too long.

trafilatura was measured here taking 99 s on one 1.6 MB page, and a hostile feed
can keep feedparser busy as long; a thread cannot be stopped, a process can.
Workers also put the second core to use: the poller records events while they
parse. Each worker is ``python -m monitor.ingest.workers``, talking over its stdin and
stdout: a JSON header line, then the document's bytes; one JSON line back. A
worker past the time limit is killed and replaced.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import IO, TYPE_CHECKING, Any

from monitor.errors import MonitorError
from monitor.ingest.feeds import FeedEntry, FeedParseError, ParsedFeed, parse_feed
from monitor.ingest.fetch import FetchError, FetchLimits, FetchResponse, Redirect, fetch

if TYPE_CHECKING:
    # Only for the type: feed workers need nothing of extraction.
    from monitor.ingest.extract import PageExtraction


#: The environment variable that tells a worker its parent's pid.
PARENT_ENV = "AI_ACT_MONITOR_WORKER_PARENT"


class WorkerTimeoutError(MonitorError):
    """A job took longer than its time limit; its worker was stopped."""


class WorkerCrashedError(MonitorError):
    """The worker died or failed while doing a job."""


def _fetch_feed_job(job: dict[str, Any]) -> dict[str, Any]:
    """Fetch a feed within its limits and parse it: the whole of a poll but the recording."""
    try:
        response = fetch(
            job["url"],
            FetchLimits(**job["limits"]),
            etag=job.get("etag"),
            last_modified=job.get("last_modified"),
            accept=job.get("accept", "*/*"),
        )
    except FetchError as exc:
        return {
            "fetch_error": {
                "reason": exc.reason,
                "url": exc.url,
                "detail": exc.detail,
                "status": exc.status,
                "retry_after": exc.retry_after,
            }
        }
    meta = {
        "url": response.url,
        "final_url": response.final_url,
        "status": response.status,
        "headers": dict(response.headers),
        "elapsed": response.elapsed,
        "raw_bytes": response.raw_bytes,
        "redirects": [[r.status, r.url, r.location] for r in response.redirects],
    }
    if response.not_modified:
        return {"response": meta}
    try:
        parsed = parse_feed(response.body, response.headers, response.final_url)
    except FeedParseError as exc:
        return {"response": meta, "not_a_feed": exc.detail}
    return {"response": meta, "parsed": asdict(parsed)}


def _run_job(job: dict[str, Any], data: bytes) -> dict[str, Any]:
    if job["kind"] == "extract":
        # Imported here: trafilatura takes a while to import, and feed workers never need it.
        from monitor.ingest.extract import extract_page  # noqa: PLC0415

        page = extract_page(data, job["url"])
        return {"ok": asdict(page) if page else None}
    if job["kind"] == "fetch_feed":
        return _fetch_feed_job(job)
    try:
        parsed = parse_feed(data, job.get("headers", {}), job["url"])
    except FeedParseError as exc:
        return {"not_a_feed": exc.detail}
    return {"ok": asdict(parsed)}


def _parsed_from(data: dict[str, Any]) -> ParsedFeed:
    entries = tuple(FeedEntry(**entry) for entry in data.pop("entries"))
    return ParsedFeed(**data, entries=entries)


@dataclass(frozen=True)
class FeedFetch:
    """A fetched feed: the response (without its body) and what parsing it gave."""

    response: FetchResponse
    parsed: ParsedFeed | None = None
    not_a_feed: str = ""


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The worker's loop: read a job, do it, answer with one JSON line; stop at EOF."""
    while True:
        header = stdin.readline()
        if not header:
            return
        job = json.loads(header)
        data = stdin.read(job["size"])
        try:
            answer = _run_job(job, data)
        except Exception as exc:  # any failure of a library goes back to the parent
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        stdout.write(json.dumps(answer).encode() + b"\n")
        stdout.flush()


class _Worker:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "monitor.ingest.workers"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            # The parent's pid, read before the worker could be orphaned.
            env={**os.environ, PARENT_ENV: str(os.getpid())},
        )

    def send(self, job: dict[str, Any], data: bytes) -> None:
        assert self.process.stdin is not None
        header = json.dumps({**job, "size": len(data)}).encode() + b"\n"
        self.process.stdin.write(header + data)
        self.process.stdin.flush()

    def receive(self, timeout: float) -> dict[str, Any] | None:
        """The answer, or None when none came within ``timeout`` seconds."""
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.process.stdout.readline()
        if not line:
            raise EOFError("the worker closed its output")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        elif self.process.stdin is not None:
            try:
                self.process.stdin.close()
            except OSError:
                self.process.kill()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()


class WorkerPool:
    """A few workers, started on first use; each job bounded by ``timeout`` seconds."""

    def __init__(self, workers: int = 1, timeout: float = 20.0) -> None:
        self.size = workers
        self.timeout = timeout
        self._idle: list[_Worker] = []
        self._started = 0
        # One condition for "a worker is idle" and "a worker may be started": a
        # discarded worker frees a place that a waiting caller must hear about
        # (a queue's get() would wait for an idle worker that never comes).
        self._ready = threading.Condition()

    def _take(self) -> _Worker:
        with self._ready:
            while not self._idle and self._started >= self.size:
                self._ready.wait()
            if self._idle:
                return self._idle.pop()
            self._started += 1
        try:
            return _Worker()
        except BaseException:
            with self._ready:
                self._started -= 1
                self._ready.notify()
            raise

    def _give_back(self, worker: _Worker) -> None:
        with self._ready:
            self._idle.append(worker)
            self._ready.notify()

    def _discard(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        with self._ready:
            self._started -= 1
            self._ready.notify()

    def _call(self, job: dict[str, Any], data: bytes) -> dict[str, Any]:
        worker = self._take()
        try:
            worker.send(job, data)
            answer = worker.receive(self.timeout)
        except (EOFError, OSError, ValueError) as exc:
            self._discard(worker)
            raise WorkerCrashedError(f"the {job['kind']} worker failed: {exc!r}") from exc
        if answer is None:
            # Imported here: this module is also the worker's program, which logs nothing.
            from loguru import logger  # noqa: PLC0415

            logger.bind(url=job.get("url", "")).warning(
                f"{job['kind']} took longer than {self.timeout:g} s; worker stopped"
            )
            self._discard(worker)
            raise WorkerTimeoutError(f"{job['kind']} took longer than {self.timeout:g} s")
        self._give_back(worker)
        if "error" in answer:
            raise WorkerCrashedError(str(answer["error"]))
        return answer

    def extract(self, html: bytes | str, url: str) -> PageExtraction | None:
        """Extract one page in a worker; raise ``WorkerTimeoutError`` past the time limit."""
        data = html.encode("utf-8") if isinstance(html, str) else html
        from monitor.ingest.extract import PageExtraction  # noqa: PLC0415

        payload = self._call({"kind": "extract", "url": url}, data).get("ok")
        return PageExtraction(**payload) if payload else None

    def parse(self, body: bytes, headers: Mapping[str, str], url: str) -> ParsedFeed:
        """Parse feed bytes in a worker; ``FeedParseError`` as in-process parsing would raise."""
        job = {
            "kind": "parse",
            "url": url,
            "headers": {"content-type": headers.get("content-type", "")},
        }
        answer = self._call(job, body)
        if "not_a_feed" in answer:
            raise FeedParseError(url, answer["not_a_feed"])
        return _parsed_from(answer["ok"])

    def fetch_feed(
        self,
        url: str,
        limits: FetchLimits,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> FeedFetch:
        """Fetch and parse a feed in a worker; ``FetchError`` as an in-process fetch would raise.

        The worker runs the same guarded ``fetch``: the address check, caps and
        deadline hold there exactly as here.
        """
        job = {
            "kind": "fetch_feed",
            "url": url,
            "limits": asdict(limits),
            "etag": etag,
            "last_modified": last_modified,
            "accept": accept,
        }
        answer = self._call(job, b"")
        if "fetch_error" in answer:
            error = answer["fetch_error"]
            raise FetchError(
                error["reason"],
                error["url"],
                error["detail"],
                status=error["status"],
                retry_after=error["retry_after"],
            )
        meta = answer["response"]
        response = FetchResponse(
            url=meta["url"],
            final_url=meta["final_url"],
            status=meta["status"],
            headers=meta["headers"],
            body=b"",
            redirects=tuple(Redirect(*hop) for hop in meta["redirects"]),
            elapsed=meta["elapsed"],
            raw_bytes=meta["raw_bytes"],
        )
        parsed = _parsed_from(answer["parsed"]) if "parsed" in answer else None
        return FeedFetch(response, parsed, answer.get("not_a_feed", ""))

    def close(self) -> None:
        """Stop the idle workers."""
        with self._ready:
            idle, self._idle = self._idle, []
            self._started -= len(idle)
            self._ready.notify_all()
        for worker in idle:
            worker.stop()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def exit_with_parent(parent: int, every: float = 0.2) -> threading.Thread:
    """Leave when the parent process is gone, even in the middle of a job.

    A worker sees its parent's end as EOF on stdin only once it is idle; one
    busy with a page that drips would outlive a SIGKILLed parent. A watchdog
    thread looks at the parent pid instead (a prctl death signal would follow
    the parent *thread* that started the worker, and threads come and go).
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    thread = threading.Thread(target=watch, name="exit-with-parent", daemon=True)
    thread.start()
    return thread


if __name__ == "__main__":
    exit_with_parent(int(os.environ.get(PARENT_ENV, "0") or os.getppid()))
    # Keep the worker's stdout for answers only: anything the library prints goes to stderr.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, answers)
