"""Logging through loguru: text for people, JSON lines for containers.

Sinks are configured only at entry points (the CLI, the daemon); library code
just logs, with context bound per feed or item.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from collections.abc import Callable, Mapping
from datetime import UTC
from typing import TYPE_CHECKING, Any, TextIO

from loguru import logger

if TYPE_CHECKING:
    from loguru import Message

_TEXT_FORMAT = "<green>{time:YYYY-MM-DD HH:mm:ss}</green> <level>{level: <7}</level> {message}"


def _text_format(record: Any) -> str:
    """The text line: the bound context (feed, item, ...) only where there is one."""
    # A callable format gets no line end nor traceback from loguru: both added here.
    context = " <dim>{extra}</dim>" if record["extra"] else ""
    return _TEXT_FORMAT + context + "\n{exception}"


class _ToLoguru(logging.Handler):
    """Route the standard library's records (APScheduler, trafilatura, apprise) to loguru.

    Without it they reach stderr as plain text through logging's last resort and
    break the JSON lines a container's log collector reads.
    """

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level: str | int = logger.level(record.levelname).name
        except ValueError:
            level = record.levelno
        logger.bind(source=record.name).opt(exception=record.exc_info).log(
            level, record.getMessage()
        )


def _current_stderr(message: Message) -> None:
    sys.stderr.write(message)


def flat_json(record: Mapping[str, Any]) -> str:
    """One log record as a flat JSON line: what a log shipper reads as it is.

    ``time`` (UTC, ISO 8601), ``level``, ``message``, ``logger`` (the module),
    then the bound context (``feed``, ``item``, ``source``…) at the top level,
    and ``exception`` with the traceback when there is one.
    """
    line: dict[str, Any] = {
        "time": record["time"].astimezone(UTC).isoformat(timespec="milliseconds"),
        "level": record["level"].name,
        "message": record["message"],
        "logger": record["name"],
    }
    for key, value in record["extra"].items():
        line.setdefault(key, value if isinstance(value, str | int | float | bool) else str(value))
    if record["exception"] is not None:
        kind, value, trace = record["exception"]
        line["exception"] = "".join(traceback.format_exception(kind, value, trace)).rstrip()
    return json.dumps(line, ensure_ascii=False, default=str)


def _json_lines(target: TextIO | Callable[[Message], None]) -> Callable[[Message], None]:
    def sink(message: Message) -> None:
        text = flat_json(message.record) + "\n"
        if callable(target):
            target(text)  # type: ignore[arg-type]
        else:
            target.write(text)
            target.flush()

    return sink


def configure_logging(
    level: str = "INFO", json_lines: bool = False, sink: TextIO | None = None
) -> None:
    """Send log records to stderr (or ``sink``) as text or as JSON lines."""
    logger.remove()
    # Standard error is looked up at each write, not bound once: a test harness or a
    # caller that swaps sys.stderr later still gets the records.
    target: TextIO | Callable[[Message], None] = sink if sink is not None else _current_stderr
    if json_lines:
        logger.add(_json_lines(target), level=level, backtrace=False, diagnose=False)
    else:
        logger.add(
            target,
            level=level,
            format=_text_format,
            colorize=(sink or sys.stderr).isatty(),
            backtrace=False,
            diagnose=False,
        )
    # Third-party loggers: warnings and up (their INFO is chatter: a job started, ...).
    # Other handlers (a test harness's) stay; ours is added once.
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, _ToLoguru)]
    root.addHandler(_ToLoguru(level=logging.WARNING))
