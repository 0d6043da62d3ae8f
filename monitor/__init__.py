"""ai-act-monitor: an event-sourced news monitor that flags updates on the EU AI Act."""

from __future__ import annotations

import functools

__all__ = ["__version__"]


@functools.cache
def _version() -> str:
    # importlib.metadata is read when the version is asked for, not by every import
    # of the package: feed workers, which never ask, start 2 MB lighter.
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("ai-act-monitor")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'monitor' has no attribute {name!r}")
