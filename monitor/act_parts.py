"""The parts of the AI Act an update can concern: their keys and their names for a reader.

The keys are stable (they are in ``UpdateFlagged`` events, the ``updates`` read
model, ``--part`` options and ``digest.parts``); ``monitor.assess.parts`` finds
them in articles.
"""

from __future__ import annotations

#: The parts, in the order a reader meets them in the Act.
PARTS = (
    "prohibited",
    "high-risk",
    "gpai",
    "transparency",
    "governance",
    "penalties",
    "timeline",
    "standards",
)

PART_NAMES = {
    "prohibited": "prohibited practices",
    "high-risk": "high-risk systems",
    "gpai": "general-purpose AI",
    "transparency": "transparency",
    "governance": "governance and the AI Office",
    "penalties": "penalties",
    "timeline": "timeline and delays",
    "standards": "standards",
}


def part_names(keys: list[str] | tuple[str, ...]) -> str:
    """The parts as a reader reads them: "general-purpose AI, penalties"."""
    return ", ".join(PART_NAMES.get(key, key) for key in keys)
