"""The Jinja2 environment every HTML the monitor writes is rendered with.

Titles, sentences and links come from feeds anyone can write: autoescaping is
on, undefined names are errors, and ``safe_url`` makes only http(s) links.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from monitor.act_parts import part_names


def safe_url(url: str) -> str:
    """The URL when it is http(s), else "#": a feed cannot plant a javascript: link."""
    return url if re.match(r"(?i)^https?://", url or "") else "#"


def environment(folder: Path, *, keep_trailing_newline: bool = False) -> Environment:
    """An autoescaping environment on a folder of templates, with the shared filters."""
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
    )
    env.filters["safe_url"] = safe_url
    env.globals["part_names"] = part_names
    return env
