"""ai-act-monitor: an event-sourced news monitor that flags updates on the EU AI Act."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ai-act-monitor")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
