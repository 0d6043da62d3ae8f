"""Politeness towards each host: a cap on requests at once and a minimum delay between them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class HostGate:
    """Admits requests to a host one slot at a time, spacing them by ``min_delay`` seconds."""

    def __init__(
        self,
        per_host: int,
        min_delay: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.per_host = per_host
        self.min_delay = min_delay
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    def wait_for(self, host: str) -> float:
        """Seconds until a request to the host could start by its spacing (nothing reserved).

        For a scheduler that would rather run something else than hold a thread
        asleep for the host's turn.
        """
        with self._lock:
            now = self._clock()
            return max(0.0, self._next_start.get(host.lower(), now) - now)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's slots, starting no sooner than its spacing allows."""
        key = host.lower()
        with self._lock:
            semaphore = self._slots.setdefault(key, threading.Semaphore(self.per_host))
        semaphore.acquire()
        try:
            with self._lock:
                now = self._clock()
                start = max(now, self._next_start.get(key, now))
                self._next_start[key] = start + self.min_delay
            if start > now:
                self._sleep(start - now)
            yield
        finally:
            semaphore.release()
