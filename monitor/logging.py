"""Logging through loguru: text for people, JSON lines for containers.

Sinks are configured only at entry points (the CLI, the daemon); library code
just logs, with context bound per feed or item.
"""

from __future__ import annotations

import sys
from typing import TextIO

from loguru import logger

_TEXT_FORMAT = (
    "<green>{time:YYYY-MM-DD HH:mm:ss}</green> <level>{level: <7}</level> "
    "{message} <dim>{extra}</dim>"
)


def configure_logging(
    level: str = "INFO", json_lines: bool = False, sink: TextIO | None = None
) -> None:
    """Send log records to stderr (or ``sink``) as text or as JSON lines."""
    logger.remove()
    target = sink if sink is not None else sys.stderr
    if json_lines:
        logger.add(target, level=level, serialize=True, backtrace=False, diagnose=False)
    else:
        logger.add(
            target,
            level=level,
            format=_TEXT_FORMAT,
            colorize=target.isatty() if hasattr(target, "isatty") else False,
            backtrace=False,
            diagnose=False,
        )
