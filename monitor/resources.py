"""Where the bundled configuration and seed corpus are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_config_dir() -> Path:
    """The folder holding ``default.toml`` and the seed corpus.

    A wheel carries ``config/`` inside the package as ``_bundled_config``; an
    editable install or a source checkout reads the repository's ``config/``.
    """
    inside = _PACKAGE / "_bundled_config"
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / "config"


def default_settings_file() -> Path:
    """The bundled default settings."""
    return bundled_config_dir() / "default.toml"
