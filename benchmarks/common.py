"""Small helpers shared by the benchmarks: timing, peak memory, and a table printer."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def timed() -> Iterator[list[float]]:
    """Measure wall time of a block; the elapsed seconds land in the yielded list."""
    box: list[float] = []
    start = time.perf_counter()
    yield box
    box.append(time.perf_counter() - start)


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident memory of this process (or of its finished children), in MiB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def report(rows: list[tuple[str, str]], out: Callable[[str], object] = print) -> None:
    """Print label/value rows aligned."""
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        out(f"  {label.ljust(width)}  {value}")
    sys.stdout.flush()


def verdict(ok: bool) -> str:
    """A word for a target check (benchmarks report, they never fail on a time)."""
    return "meets target" if ok else "MISSES target"
