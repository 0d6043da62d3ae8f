"""Lazy re-exports for a stage's ``__init__``: its public face without importing its stack.

A stage package re-exports its small public face (``monitor.ingest.Poller``),
as httpx does, but ``monitor health`` runs every few seconds under a
container's HEALTHCHECK and imports ``monitor.ingest.feed_admin`` through the
CLI: an eager ``__init__`` would make it pay for the assessment stack (numpy,
the embedder) that ``Poller`` pulls in. So each name is imported from its
module on first use (PEP 562), while type checkers read the plain imports
behind ``TYPE_CHECKING`` in the same ``__init__``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence


def lazy_exports(package: str, modules: Mapping[str, Sequence[str]]) -> Callable[[str], object]:
    """A module ``__getattr__`` that imports each name of ``modules`` from its module on demand.

    ``modules`` maps a module of ``package`` (``"poll"``) to the names it exports.
    """
    home = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> object:  # noqa: N807 (the module hook's own name)
        module = home.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
