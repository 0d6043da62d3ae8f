"""Noticing the wall clock step (pure): NTP correcting a drifted clock, a resumed VM.

APScheduler 3 schedules by the wall clock. When it steps back an hour, every
job's next run is an hour further away than it should be (no poll, no digest
for an hour); when it steps forward, everything due in between fires at once.
The monotonic clock never steps, so the difference between how far each moved
says by how much the wall clock jumped; the daemon then moves its jobs by as
much, so that each runs after the wait it was given.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: A difference smaller than this is ordinary slewing and scheduling noise.
STEP_SECONDS = 30.0


class ClockWatch:
    """Compares the wall clock's progress with the monotonic clock's between two looks."""

    def __init__(
        self,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        threshold: float = STEP_SECONDS,
    ) -> None:
        self._wall = wall
        self._monotonic = monotonic
        self.threshold = threshold
        self._last = (wall(), monotonic())

    def step(self) -> float:
        """Seconds the wall clock jumped since the last look (0 when it kept time).

        Negative when it stepped back. Each look starts from the last, so one
        step is reported once.
        """
        wall, monotonic = self._wall(), self._monotonic()
        last_wall, last_monotonic = self._last
        self._last = (wall, monotonic)
        jumped = (wall - last_wall) - (monotonic - last_monotonic)
        return jumped if abs(jumped) >= self.threshold else 0.0
