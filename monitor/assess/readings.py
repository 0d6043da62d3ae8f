"""Choosing among overlapping readings of a text (pure): the longer wins.

The date and amount readers each try several shapes; where two match over the
same characters ("2 August 2026" and "August 2026", "35 million euros" and "35
million") the longer reading is the one meant.
"""

from __future__ import annotations

from collections.abc import Iterable

#: A reading: where it starts and ends in the text, and what it is written as.
Reading = tuple[int, int, str]


def longest_readings(readings: Iterable[Reading]) -> list[str]:
    """The readings no longer one overlaps, in text order, each written once.

    An empty reading (a match that is no value, such as a 32nd day) is skipped
    and takes no place from another.
    """
    taken: list[Reading] = []
    for start, end, written in sorted(readings, key=lambda r: (r[0] - r[1], r[0])):
        if written and not any(a < end and start < b for a, b, _ in taken):
            taken.append((start, end, written))
    return list(dict.fromkeys(written for _, _, written in sorted(taken)))
