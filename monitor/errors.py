"""The monitor's exceptions: the CLI turns each into one clear line and an exit code."""

from __future__ import annotations


class MonitorError(Exception):
    """Base class of the monitor's own errors."""

    exit_code = 1


class ConfigError(MonitorError):
    """A setting is missing, unknown or of the wrong type; the message names key and source."""

    exit_code = 2


class CorpusError(MonitorError):
    """The reference corpus could not be read."""
