"""The web tests' stores: the demo's, filled once per module, copied for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.monitor.web.support import copy_store, demo_store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store the demo filled: two SAMPLE feeds, five articles, two updates, a digest."""
    return demo_store(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def store(demo: Path, tmp_path: Path) -> Path:
    """A copy of the demo store that the test may change."""
    return copy_store(demo, tmp_path / "monitor.db")
