"""Extraction in worker processes that can be stopped when a page takes too long.

trafilatura was measured here taking 99 s on one 1.6 MB page; a thread cannot be
stopped, a process can. Each worker is ``python -m monitor.extract_worker``,
talking over its stdin and stdout: a JSON header line, then the page's bytes;
one JSON line back. A worker past the time limit is killed and replaced.
"""

from __future__ import annotations

import json
import os
import queue
import select
import subprocess
import sys
import threading
from dataclasses import asdict
from typing import IO, Any

from loguru import logger

from monitor.errors import MonitorError
from monitor.extract import PageExtraction, extract_page


class ExtractionTimeoutError(MonitorError):
    """A page took longer than the extraction time limit; its worker was stopped."""


class ExtractionCrashedError(MonitorError):
    """The worker died or failed while extracting a page."""


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The worker's loop: read a job, extract, answer with one JSON line; stop at EOF."""
    while True:
        header = stdin.readline()
        if not header:
            return
        job = json.loads(header)
        html = stdin.read(job["size"])
        try:
            result = extract_page(html, job["url"])
            answer: dict[str, Any] = {"ok": asdict(result) if result else None}
        except Exception as exc:  # any failure of the library goes back to the parent
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        stdout.write(json.dumps(answer).encode() + b"\n")
        stdout.flush()


class _Worker:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "monitor.extract_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def send(self, html: bytes, url: str) -> None:
        assert self.process.stdin is not None
        header = json.dumps({"url": url, "size": len(html)}).encode() + b"\n"
        self.process.stdin.write(header + html)
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


class ExtractionPool:
    """A few extraction workers, started on first use; each job bounded by ``timeout``."""

    def __init__(self, workers: int = 1, timeout: float = 20.0) -> None:
        self.size = workers
        self.timeout = timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()

    def _take(self) -> _Worker:
        with self._lock:
            if self._idle.empty() and self._started < self.size:
                self._started += 1
                return _Worker()
        return self._idle.get()

    def _discard(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        with self._lock:
            self._started -= 1

    def extract(self, html: bytes | str, url: str) -> PageExtraction | None:
        """Extract one page in a worker; raise ``ExtractionTimeoutError`` past the time limit."""
        data = html.encode("utf-8") if isinstance(html, str) else html
        worker = self._take()
        try:
            worker.send(data, url)
            answer = worker.receive(self.timeout)
        except (EOFError, OSError, ValueError) as exc:
            self._discard(worker)
            raise ExtractionCrashedError(f"the extraction worker failed: {exc!r}") from exc
        if answer is None:
            logger.bind(url=url).warning(
                f"extraction took longer than {self.timeout:g} s; worker stopped"
            )
            self._discard(worker)
            raise ExtractionTimeoutError(f"extraction took longer than {self.timeout:g} s")
        self._idle.put(worker)
        if "error" in answer:
            raise ExtractionCrashedError(str(answer["error"]))
        payload = answer.get("ok")
        return PageExtraction(**payload) if payload else None

    def close(self) -> None:
        """Stop the idle workers."""
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            worker.stop()
            with self._lock:
                self._started -= 1

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    # Keep the worker's stdout for answers only: anything the library prints goes to stderr.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, answers)
